#pragma once

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-platform-answer.h"
#include "sb-token.h"

G_BEGIN_DECLS

#define SB_PLATFORM_ERROR (sb_platform_error_quark ())

/* One code per failure a user must tell apart. */
typedef enum {
  SB_PLATFORM_ERROR_NETWORK,
  SB_PLATFORM_ERROR_RESOLVE,
  SB_PLATFORM_ERROR_TLS,
  SB_PLATFORM_ERROR_TIMEOUT,
  SB_PLATFORM_ERROR_UNAUTHORIZED,
  SB_PLATFORM_ERROR_FORBIDDEN,
  SB_PLATFORM_ERROR_NOT_FOUND,
  SB_PLATFORM_ERROR_SERVER,
  SB_PLATFORM_ERROR_HTTP,
  SB_PLATFORM_ERROR_SP_INITIATED,
  SB_PLATFORM_ERROR_BAD_ANSWER,
  SB_PLATFORM_ERROR_TOO_LARGE,
  SB_PLATFORM_ERROR_NO_TOKEN,
  SB_PLATFORM_ERROR_INSECURE,
} SbPlatformError;

#define SB_PLATFORM_MAX_ANSWER (1024 * 1024)

#define SB_TYPE_PLATFORM (sb_platform_get_type ())

G_DECLARE_FINAL_TYPE (SbPlatform, sb_platform, SB, PLATFORM, GObject)

GQuark      sb_platform_error_quark        (void);
SbPlatform *sb_platform_new                (const char           *platform_url);
const char *sb_platform_get_url            (SbPlatform           *self);
void        sb_platform_set_timeout        (SbPlatform           *self,
                                            guint                 seconds);
void        sb_platform_set_session_minutes (SbPlatform          *self,
                                            guint                 minutes);
void        sb_platform_set_proxy          (SbPlatform           *self,
                                            const char           *proxy_url);
void        sb_platform_set_ca_file        (SbPlatform           *self,
                                            const char           *path);
void        sb_platform_preconnect         (SbPlatform           *self);
void        sb_platform_exchange_async     (SbPlatform           *self,
                                            SbCapture            *capture,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
SbToken    *sb_platform_exchange_finish    (SbPlatform           *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void        sb_platform_who_am_i_async     (SbPlatform           *self,
                                            SbToken              *token,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    sb_platform_who_am_i_finish    (SbPlatform           *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
