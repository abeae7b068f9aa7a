#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_CLIENT_CERTIFICATE_MANAGER (sb_client_certificate_manager_get_type ())

G_DECLARE_FINAL_TYPE (SbClientCertificateManager, sb_client_certificate_manager, SB, CLIENT_CERTIFICATE_MANAGER, GObject)

SbClientCertificateManager *sb_client_certificate_manager_new             (void);
void      sb_client_certificate_manager_set_profile      (SbClientCertificateManager  *self,
                                                          SbProfile                   *profile);
void      sb_client_certificate_manager_set_web_view     (SbClientCertificateManager  *self,
                                                          WebKitWebView               *web_view);
void      sb_client_certificate_manager_forget_chosen    (SbClientCertificateManager  *self);
void      sb_client_certificate_manager_forget_declined  (SbClientCertificateManager  *self);
gboolean  sb_client_certificate_manager_request          (SbClientCertificateManager  *self,
                                                          WebKitAuthenticationRequest *request,
                                                          GtkWindow                   *parent);
void      sb_client_certificate_manager_cancel           (SbClientCertificateManager  *self);
gboolean  sb_client_certificate_manager_get_pending      (SbClientCertificateManager  *self);
void      sb_client_certificate_manager_answer           (SbClientCertificateManager  *self,
                                                          const char                  *certificate,
                                                          const char                  *key,
                                                          const char                  *password,
                                                          gboolean                     remember);

G_END_DECLS
