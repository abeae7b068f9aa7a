#pragma once

#include <gtk/gtk.h>

#include "sb-page-source.h"

G_BEGIN_DECLS

typedef enum {
  SB_SECURITY_NONE,
  SB_SECURITY_SECURE,
  SB_SECURITY_INSECURE,
  SB_SECURITY_LOCAL,
} SbSecurity;

#define SB_TYPE_LOGIN_VIEW (sb_login_view_get_type ())

G_DECLARE_FINAL_TYPE (SbLoginView, sb_login_view, SB, LOGIN_VIEW, GtkWidget)

GtkWidget   *sb_login_view_new           (void);
void         sb_login_view_start         (SbLoginView *self,
                                          SbProfile   *profile);
void         sb_login_view_stop          (SbLoginView *self);
void         sb_login_view_set_proxy     (SbLoginView *self,
                                          const char  *proxy_url);
const char  *sb_login_view_get_notice    (SbLoginView *self);
void         sb_login_view_reload        (SbLoginView *self);
void         sb_login_view_go_back       (SbLoginView *self);
const char  *sb_login_view_get_host      (SbLoginView *self);
SbSecurity   sb_login_view_get_security  (SbLoginView *self);
double       sb_login_view_get_progress  (SbLoginView *self);
gboolean     sb_login_view_get_loading   (SbLoginView *self);
gboolean     sb_login_view_get_can_go_back (SbLoginView *self);

G_END_DECLS
