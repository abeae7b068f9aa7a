#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_PROFILE_ERROR (sb_profile_error_quark ())

typedef enum {
  SB_PROFILE_ERROR_EMPTY,
  SB_PROFILE_ERROR_INVALID_URL,
  SB_PROFILE_ERROR_INSECURE,
} SbProfileError;

typedef enum {
  SB_PROFILE_KIND_ANYPOINT,
  SB_PROFILE_KIND_CAPTURE,
} SbProfileKind;

#define SB_PROFILE_DEFAULT_SESSION_MINUTES 60

/* A platform offered by name; @region and @name are marked with N_(): show them with _(). */
typedef struct {
  const char *url;
  const char *region;
  const char *name;
} SbKnownPlatform;

#define SB_TYPE_PROFILE_KIND (sb_profile_kind_get_type ())
#define SB_TYPE_PROFILE (sb_profile_get_type ())

GType          sb_profile_kind_get_type      (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (SbProfile, sb_profile, SB, PROFILE, GObject)

GQuark         sb_profile_error_quark        (void);
SbProfile     *sb_profile_new                (const char  *id);
SbProfile     *sb_profile_load               (const char  *id);
SbProfile     *sb_profile_copy               (SbProfile   *self);
void           sb_profile_save               (SbProfile   *self);
void           sb_profile_delete             (SbProfile   *self);
GStrv          sb_profile_list_ids           (void);
char          *sb_profile_new_id             (void);
const char    *sb_profile_get_id             (SbProfile   *self);
const char    *sb_profile_get_storage_id     (SbProfile   *self);
const char    *sb_profile_get_name           (SbProfile   *self);
void           sb_profile_set_name           (SbProfile   *self,
                                              const char  *name);
SbProfileKind  sb_profile_get_kind           (SbProfile   *self);
void           sb_profile_set_kind           (SbProfile   *self,
                                              SbProfileKind kind);
const char    *sb_profile_get_platform_url   (SbProfile   *self);
void           sb_profile_set_platform_url   (SbProfile   *self,
                                              const char  *url);
const char    *sb_profile_get_idp_url        (SbProfile   *self);
void           sb_profile_set_idp_url        (SbProfile   *self,
                                              const char  *url);
const char    *sb_profile_get_learned_acs_url (SbProfile  *self);
void           sb_profile_set_learned_acs_url (SbProfile  *self,
                                              const char  *url);
const char    *sb_profile_get_acs_url        (SbProfile   *self);
void           sb_profile_set_acs_url        (SbProfile   *self,
                                              const char  *url);
guint          sb_profile_get_session_minutes (SbProfile  *self);
void           sb_profile_set_session_minutes (SbProfile  *self,
                                              guint        minutes);
gboolean       sb_profile_get_remember       (SbProfile   *self);
void           sb_profile_set_remember       (SbProfile   *self,
                                              gboolean     remember);
gboolean       sb_profile_get_keep_tokens    (SbProfile   *self);
void           sb_profile_set_keep_tokens    (SbProfile   *self,
                                              gboolean     keep);
const char    *sb_profile_get_organization_id (SbProfile  *self);
void           sb_profile_set_organization_id (SbProfile  *self,
                                              const char  *id);
const char    *sb_profile_get_user_agent     (SbProfile   *self);
void           sb_profile_set_user_agent     (SbProfile   *self,
                                              const char  *user_agent);
const char    *sb_profile_get_ca_file        (SbProfile   *self);
void           sb_profile_set_ca_file        (SbProfile   *self,
                                              const char  *path);
const char    *sb_profile_get_client_certificate (SbProfile  *self);
void           sb_profile_set_client_certificate (SbProfile  *self,
                                                  const char *certificate);
const char    *sb_profile_get_client_key     (SbProfile   *self);
void           sb_profile_set_client_key     (SbProfile   *self,
                                              const char  *path);
gboolean       sb_profile_is_complete        (SbProfile   *self);
char          *sb_profile_dup_data_dir       (SbProfile   *self);
char          *sb_profile_dup_cache_dir      (SbProfile   *self);

char          *sb_profile_normalize_platform_url (const char  *url,
                                                  GError     **error);
char          *sb_profile_normalize_idp_url      (const char  *url,
                                                  GError     **error);
char          *sb_profile_normalize_capture_address (const char  *address,
                                                     GError     **error);

const SbKnownPlatform *sb_profile_get_known_platforms (guint      *n_platforms);
gboolean               sb_profile_is_known_platform   (const char *url);

G_END_DECLS
