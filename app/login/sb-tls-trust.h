#pragma once

#include <webkit/webkit.h>

#include "sb-login-view.h"
#include "sb-page-source.h"
#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_TLS_TRUST (sb_tls_trust_get_type ())

G_DECLARE_FINAL_TYPE (SbTlsTrust, sb_tls_trust, SB, TLS_TRUST, GObject)

SbTlsTrust *sb_tls_trust_new          (void);
void        sb_tls_trust_set_profile  (SbTlsTrust            *self,
                                       SbProfile             *profile);
void        sb_tls_trust_set_session  (SbTlsTrust            *self,
                                       WebKitNetworkSession  *session);
SbSecurity  sb_tls_trust_get_security (SbTlsTrust            *self,
                                       WebKitWebView         *web_view);
gboolean    sb_tls_trust_recover      (SbTlsTrust            *self,
                                       WebKitWebView         *web_view,
                                       const char            *failing_uri,
                                       GTlsCertificate       *certificate,
                                       GTlsCertificateFlags   errors,
                                       GError               **error);

G_END_DECLS
