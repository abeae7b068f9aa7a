#pragma once

#include <gio/gio.h>

#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_PROFILE_STORE (sb_profile_store_get_type ())

G_DECLARE_FINAL_TYPE (SbProfileStore, sb_profile_store, SB, PROFILE_STORE, GObject)

SbProfileStore *sb_profile_store_get_default       (void);
SbProfile      *sb_profile_store_lookup            (SbProfileStore       *self,
                                                    const char           *id);
SbProfile      *sb_profile_store_find              (SbProfileStore       *self,
                                                    const char           *id_or_name);
void            sb_profile_store_add               (SbProfileStore       *self,
                                                    SbProfile            *profile);
SbProfile      *sb_profile_store_dup_last_used     (SbProfileStore       *self);
void            sb_profile_store_set_last_used     (SbProfileStore       *self,
                                                    SbProfile            *profile);
void            sb_profile_store_delete_async      (SbProfileStore       *self,
                                                    SbProfile            *profile,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        sb_profile_store_delete_finish     (SbProfileStore       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void            sb_profile_store_forget_data_async (SbProfileStore       *self,
                                                    SbProfile            *profile,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        sb_profile_store_forget_data_finish (SbProfileStore      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
