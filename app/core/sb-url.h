#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  sb_url_host_is_loopback (const char *host);
gboolean  sb_url_is_allowed       (const char *url);
gboolean  sb_url_same_origin      (const char *a,
                                   const char *b);
char     *sb_url_display_host     (const char *url);
char     *sb_url_origin           (const char *url);

const char *sb_url_describe_portal_home (const char *url);

/* These report in SB_PROFILE_ERROR: they check the addresses a profile is given. */
char     *sb_url_normalize_origin         (const char  *url,
                                           GError     **error);
char     *sb_url_normalize_web_address    (const char  *url,
                                           GError     **error);
char     *sb_url_normalize_capture_target (const char  *address,
                                           GError     **error);

G_END_DECLS
