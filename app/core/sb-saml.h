#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_SAML_ERROR (sb_saml_error_quark ())

typedef enum {
  SB_SAML_ERROR_EMPTY,
  SB_SAML_ERROR_TOO_LARGE,
  SB_SAML_ERROR_NOT_BASE64,
  SB_SAML_ERROR_NOT_XML,
  SB_SAML_ERROR_DTD,
  SB_SAML_ERROR_NOT_RESPONSE,
} SbSamlError;

typedef enum {
  SB_SAML_WARNING_EXPIRED,
  SB_SAML_WARNING_NOT_YET_VALID,
  SB_SAML_WARNING_AUDIENCE,
  SB_SAML_WARNING_NO_USERNAME,
  SB_SAML_WARNING_ENCRYPTED,
  SB_SAML_WARNING_SP_INITIATED,
  SB_SAML_WARNING_STATUS,
} SbSamlWarningKind;

typedef struct {
  SbSamlWarningKind  kind;
  char              *title;
  char              *explanation;
} SbSamlWarning;

typedef struct {
  char  *name;
  char  *friendly_name;
  GStrv  values;
} SbSamlAttribute;

#define SB_SAML_MAX_INPUT (4 * 1024 * 1024)

#define SB_TYPE_SAML (sb_saml_get_type ())

G_DECLARE_FINAL_TYPE (SbSaml, sb_saml, SB, SAML, GObject)

GQuark             sb_saml_error_quark           (void);
char              *sb_saml_decode                (const char  *input,
                                                  gsize        length,
                                                  GError     **error);
SbSaml            *sb_saml_new                   (const char  *input,
                                                  gsize        length,
                                                  GError     **error);
void               sb_saml_new_async             (const char          *input,
                                                  gsize                length,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
SbSaml            *sb_saml_new_finish            (GAsyncResult        *result,
                                                  GError             **error);
const char        *sb_saml_get_issuer            (SbSaml      *self);
const char        *sb_saml_get_destination       (SbSaml      *self);
const char        *sb_saml_get_in_response_to    (SbSaml      *self);
GDateTime         *sb_saml_get_issue_instant     (SbSaml      *self);
const char        *sb_saml_get_status_code       (SbSaml      *self);
const char        *sb_saml_get_status_message    (SbSaml      *self);
const char        *sb_saml_get_status_name       (SbSaml      *self);
const char        *sb_saml_get_top_status_code   (SbSaml      *self);
gboolean           sb_saml_is_success            (SbSaml      *self);
const char        *sb_saml_get_name_id           (SbSaml      *self);
const char        *sb_saml_get_name_id_format    (SbSaml      *self);
const char * const *sb_saml_get_audiences        (SbSaml      *self);
GDateTime         *sb_saml_get_not_before        (SbSaml      *self);
GDateTime         *sb_saml_get_not_on_or_after   (SbSaml      *self);
const char        *sb_saml_get_authn_context     (SbSaml      *self);
GPtrArray         *sb_saml_get_attributes        (SbSaml      *self);
const char        *sb_saml_get_username          (SbSaml      *self);
gboolean           sb_saml_get_response_signed   (SbSaml      *self);
gboolean           sb_saml_get_assertion_signed  (SbSaml      *self);
gboolean           sb_saml_get_encrypted         (SbSaml      *self);
const char        *sb_saml_get_xml               (SbSaml      *self);
char              *sb_saml_dup_pretty_xml        (SbSaml      *self);
GPtrArray         *sb_saml_check                 (SbSaml      *self,
                                                  const char  *platform_url,
                                                  GDateTime   *now);
char              *sb_saml_to_text               (SbSaml      *self,
                                                  GDateTime   *now);
JsonNode          *sb_saml_to_json               (SbSaml      *self,
                                                  GDateTime   *now);
void               sb_saml_warning_free          (SbSamlWarning *warning);
char              *sb_saml_format_time           (GDateTime   *time);
char              *sb_saml_format_duration       (GTimeSpan    span);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSamlWarning, sb_saml_warning_free)

G_END_DECLS
