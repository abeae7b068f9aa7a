#pragma once

#include <gtk/gtk.h>

#include "sb-capture.h"
#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_LOGIN_VIEW_ERROR (sb_login_view_error_quark ())

typedef enum {
  SB_LOGIN_VIEW_ERROR_LOAD,
  SB_LOGIN_VIEW_ERROR_TLS,
  SB_LOGIN_VIEW_ERROR_CRASHED,
  SB_LOGIN_VIEW_ERROR_UNCONFIRMED,
} SbLoginViewError;

typedef enum {
  SB_SECURITY_NONE,
  SB_SECURITY_SECURE,
  SB_SECURITY_INSECURE,
  SB_SECURITY_LOCAL,
} SbSecurity;

#define SB_TYPE_LOGIN_VIEW (sb_login_view_get_type ())

G_DECLARE_FINAL_TYPE (SbLoginView, sb_login_view, SB, LOGIN_VIEW, GtkWidget)

GQuark       sb_login_view_error_quark   (void);
GtkWidget   *sb_login_view_new           (void);
void         sb_login_view_start         (SbLoginView *self,
                                          SbProfile   *profile);
void         sb_login_view_stop          (SbLoginView *self);
void         sb_login_view_set_proxy     (SbLoginView *self,
                                          const char  *proxy_url);
const char  *sb_login_view_get_notice    (SbLoginView *self);
gboolean     sb_login_view_answer_authentication (SbLoginView *self,
                                                  const char  *username,
                                                  const char  *password);
void         sb_login_view_answer_certificate (SbLoginView *self,
                                               const char  *certificate,
                                               const char  *key,
                                               const char  *password,
                                               gboolean     remember);
gboolean     sb_login_view_get_certificate_pending (SbLoginView *self);
void         sb_login_view_reload        (SbLoginView *self);
void         sb_login_view_go_back       (SbLoginView *self);
void         sb_login_view_crash         (SbLoginView *self);
const char  *sb_login_view_get_host      (SbLoginView *self);
SbSecurity   sb_login_view_get_security  (SbLoginView *self);
double       sb_login_view_get_progress  (SbLoginView *self);
gboolean     sb_login_view_get_loading   (SbLoginView *self);
gboolean     sb_login_view_get_can_go_back (SbLoginView *self);

G_END_DECLS
