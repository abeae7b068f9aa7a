#pragma once

#include <gio/gio.h>

#include "sb-profile.h"
#include "sb-token.h"

G_BEGIN_DECLS

#define SB_TOKEN_CACHE_ERROR (sb_token_cache_error_quark ())

typedef enum {
  SB_TOKEN_CACHE_ERROR_UNAVAILABLE,
  SB_TOKEN_CACHE_ERROR_FAILED,
} SbTokenCacheError;

#define SB_TYPE_TOKEN_CACHE (sb_token_cache_get_type ())

G_DECLARE_FINAL_TYPE (SbTokenCache, sb_token_cache, SB, TOKEN_CACHE, GObject)

GQuark        sb_token_cache_error_quark  (void);
SbTokenCache *sb_token_cache_get_default  (void);
SbTokenCache *sb_token_cache_new          (void);
void          sb_token_cache_store_async  (SbTokenCache         *self,
                                           SbProfile            *profile,
                                           SbToken              *token,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      sb_token_cache_store_finish (SbTokenCache         *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void          sb_token_cache_lookup_async (SbTokenCache         *self,
                                           SbProfile            *profile,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
SbToken      *sb_token_cache_lookup_finish (SbTokenCache        *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void          sb_token_cache_delete_async (SbTokenCache         *self,
                                           SbProfile            *profile,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      sb_token_cache_delete_finish (SbTokenCache        *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
