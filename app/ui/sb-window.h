#pragma once

#include <adwaita.h>

#include "sb-profile.h"
#include "sb-sign-in.h"

G_BEGIN_DECLS

typedef enum {
  SB_DELIVERY_CLIPBOARD,
  SB_DELIVERY_SHOW,
  SB_DELIVERY_PRINT,
} SbDelivery;

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow  *sb_window_new          (GtkApplication *application,
                                   SbProfile      *profile);
void       sb_window_set_delivery (SbWindow       *self,
                                   SbDelivery      delivery);
void       sb_window_set_timeout  (SbWindow       *self,
                                   guint           seconds);
void       sb_window_set_proxy    (SbWindow       *self,
                                   const char     *proxy_url);
void       sb_window_set_profile  (SbWindow       *self,
                                   SbProfile      *profile);
void       sb_window_set_silent   (SbWindow       *self,
                                   gboolean        silent);
void       sb_window_set_fresh    (SbWindow       *self,
                                   gboolean        fresh);
void       sb_window_set_min_valid (SbWindow      *self,
                                   guint           minutes);
void       sb_window_set_keep_tokens (SbWindow    *self,
                                   gboolean        keep);
void       sb_window_begin        (SbWindow       *self);
SbSignIn  *sb_window_get_sign_in  (SbWindow       *self);

G_END_DECLS
