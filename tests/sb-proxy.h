#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_TYPE_PROXY (sb_proxy_get_type ())

G_DECLARE_FINAL_TYPE (SbProxy, sb_proxy, SB, PROXY, GObject)

SbProxy    *sb_proxy_new               (GError     **error);
SbProxy    *sb_proxy_new_reverse       (const char       *upstream,
                                        GTlsCertificate  *certificate,
                                        GError          **error);
const char *sb_proxy_get_url           (SbProxy     *self);
guint       sb_proxy_get_request_count (SbProxy     *self);
gboolean    sb_proxy_saw               (SbProxy     *self,
                                        const char  *method,
                                        const char  *path);
char       *sb_proxy_dup_log           (SbProxy     *self);

G_END_DECLS
