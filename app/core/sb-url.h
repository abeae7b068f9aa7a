#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  sb_url_host_is_loopback (const char *host);
gboolean  sb_url_is_allowed       (const char *url);
gboolean  sb_url_same_origin      (const char *a,
                                   const char *b);
char     *sb_url_display_host     (const char *url);
char     *sb_url_origin           (const char *url);

G_END_DECLS
