#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define SB_TYPE_INPUT_WATCH (sb_input_watch_get_type ())

G_DECLARE_FINAL_TYPE (SbInputWatch, sb_input_watch, SB, INPUT_WATCH, GObject)

SbInputWatch *sb_input_watch_new           (void);
void          sb_input_watch_start         (SbInputWatch  *self,
                                            WebKitWebView *web_view);
void          sb_input_watch_stop          (SbInputWatch  *self);

G_END_DECLS
