#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_CLIPBOARD (sb_clipboard_get_type ())

G_DECLARE_FINAL_TYPE (SbClipboard, sb_clipboard, SB, CLIPBOARD, GObject)

SbClipboard *sb_clipboard_get_default      (void);
void         sb_clipboard_copy_secret      (SbClipboard  *self,
                                            GdkClipboard *clipboard,
                                            const char   *secret,
                                            guint         clear_after_seconds);
gboolean     sb_clipboard_holds_ours       (SbClipboard  *self,
                                            GdkClipboard *clipboard);
void         sb_clipboard_clear            (SbClipboard  *self);
guint        sb_clipboard_get_seconds_left (SbClipboard  *self);

G_END_DECLS
