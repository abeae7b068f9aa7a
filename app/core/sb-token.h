#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  SB_TOKEN_FORMAT_RAW,
  SB_TOKEN_FORMAT_HEADER,
  SB_TOKEN_FORMAT_JSON,
  SB_TOKEN_FORMAT_ENV,
  SB_TOKEN_FORMAT_CURL,
  SB_TOKEN_FORMAT_CLI,
} SbTokenFormat;

#define SB_TYPE_TOKEN (sb_token_get_type ())

G_DECLARE_FINAL_TYPE (SbToken, sb_token, SB, TOKEN, GObject)

/* A business group the user belongs to, from /accounts/api/me. */
typedef struct {
  char     *id;
  char     *name;
  gboolean  is_root;
} SbBusinessGroup;

void        sb_business_group_free       (SbBusinessGroup *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBusinessGroup, sb_business_group_free)

SbToken    *sb_token_new                 (const char     *platform_url,
                                          const char     *access_token,
                                          const char     *token_type,
                                          GDateTime      *obtained_at,
                                          guint           session_minutes);
const char *sb_token_get_platform_url    (SbToken        *self);
const char *sb_token_get_access_token    (SbToken        *self);
const char *sb_token_get_token_type      (SbToken        *self);
GDateTime  *sb_token_get_obtained_at     (SbToken        *self);
GDateTime  *sb_token_get_expires_at      (SbToken        *self);
void        sb_token_set_user            (SbToken        *self,
                                          JsonObject     *user);
JsonObject *sb_token_get_user            (SbToken        *self);
char       *sb_token_dup_display_name    (SbToken        *self);
const char *sb_token_get_username        (SbToken        *self);
const char *sb_token_get_organization    (SbToken        *self);
char       *sb_token_format              (SbToken        *self,
                                          SbTokenFormat   format);
gboolean    sb_token_format_from_string  (const char     *name,
                                          SbTokenFormat  *format);
gboolean    sb_token_is_valid_access_token (const char   *access_token);
gboolean    sb_token_get_cached          (SbToken        *self);
void        sb_token_set_cached          (SbToken        *self,
                                          gboolean        cached);
gint64      sb_token_get_seconds_left    (SbToken        *self,
                                          GDateTime      *now);
GPtrArray  *sb_token_dup_business_groups (SbToken        *self);
const char *sb_token_get_organization_id (SbToken        *self);
gboolean    sb_token_select_organization (SbToken        *self,
                                          const char     *id_or_name,
                                          GError        **error);
char      **sb_token_dup_environ         (SbToken        *self,
                                          char          **envp);

G_END_DECLS
