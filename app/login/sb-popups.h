#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "sb-tls-trust.h"

G_BEGIN_DECLS

#define SB_TYPE_POPUPS (sb_popups_get_type ())

G_DECLARE_FINAL_TYPE (SbPopups, sb_popups, SB, POPUPS, GObject)

SbPopups *sb_popups_new       (void);
void      sb_popups_open      (SbPopups      *self,
                               WebKitWebView *web_view,
                               SbTlsTrust    *trust,
                               GtkWindow     *parent);
void      sb_popups_close_all (SbPopups      *self);

G_END_DECLS
