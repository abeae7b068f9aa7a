#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTlsCertificate *sb_client_certificate_load (const char  *certificate,
                                             const char  *key,
                                             const char  *password,
                                             GError     **error);

G_END_DECLS
