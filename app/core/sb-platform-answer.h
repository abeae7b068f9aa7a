#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-token.h"

G_BEGIN_DECLS

/* The same status means something else for the sign-in and for who-am-I. */
typedef enum {
  SB_PLATFORM_REQUEST_EXCHANGE,
  SB_PLATFORM_REQUEST_WHO_AM_I,
} SbPlatformRequestKind;

/* Exposed for the tests and the fuzzers. */
SbToken    *sb_platform_parse_exchange     (const char           *platform_url,
                                            guint                 status,
                                            const char           *content_type,
                                            GBytes               *body,
                                            guint                 session_minutes,
                                            GError              **error);
JsonObject *sb_platform_parse_user         (guint                 status,
                                            const char           *content_type,
                                            GBytes               *body,
                                            GError              **error);

G_END_DECLS
