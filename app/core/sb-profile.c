#define G_LOG_DOMAIN "sb-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-profile.h"
#include "sb-profile-private.h"
#include "sb-url.h"

#define PROFILE_SCHEMA APP_ID ".Profile"
#define PROFILE_PATH "/io/github/samlbearer/SamlBearer/profiles/"

static const SbKnownPlatform known_platforms[] = {
  { "https://anypoint.mulesoft.com", N_("US"), N_("US — anypoint.mulesoft.com") },
  { "https://eu1.anypoint.mulesoft.com", N_("EU"), N_("EU — eu1.anypoint.mulesoft.com") },
  { "https://gov.anypoint.mulesoft.com", N_("Gov"), N_("Gov — gov.anypoint.mulesoft.com") },
};

struct _SbProfile
{
  GObject        parent_instance;

  char          *id;
  /* For an unsaved copy: the id of the profile it was copied from, whose folders it uses. */
  char          *storage_id;
  char          *name;
  SbProfileKind  kind;
  char          *platform_url;
  char          *idp_url;
  char          *acs_url;
  /* The ACS the IdP posted to when a sign-in last worked (Anypoint profiles). */
  char          *learned_acs_url;
  guint          session_minutes;
  gboolean       remember;
  gboolean       keep_tokens;
  /* The business group picked for this profile's tokens, or "" for the root organization. */
  char          *organization_id;
  char          *user_agent;
  char          *ca_file;
  char          *client_certificate;
  char          *client_key;
  /* The client certificate is also remembered from the sign-in: other copies of the
   * profile save it only when they changed it themselves. */
  gboolean       client_certificate_changed;
};

G_DEFINE_FINAL_TYPE (SbProfile, sb_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (sb-profile-error-quark, sb_profile_error)
G_DEFINE_ENUM_TYPE (SbProfileKind, sb_profile_kind,
                    G_DEFINE_ENUM_VALUE (SB_PROFILE_KIND_ANYPOINT, "anypoint"),
                    G_DEFINE_ENUM_VALUE (SB_PROFILE_KIND_CAPTURE, "capture"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PLATFORM_URL,
  PROP_IDP_URL,
  PROP_ACS_URL,
  PROP_LEARNED_ACS_URL,
  PROP_SESSION_MINUTES,
  PROP_REMEMBER,
  PROP_KEEP_TOKENS,
  PROP_ORGANIZATION_ID,
  PROP_USER_AGENT,
  PROP_CA_FILE,
  PROP_CLIENT_CERTIFICATE,
  PROP_CLIENT_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (SbProfile   *self,
            char       **field,
            const char  *value,
            int          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
sb_profile_finalize (GObject *object)
{
  SbProfile *self = (SbProfile *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->storage_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->platform_url, g_free);
  g_clear_pointer (&self->idp_url, g_free);
  g_clear_pointer (&self->acs_url, g_free);
  g_clear_pointer (&self->learned_acs_url, g_free);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->client_certificate, g_free);
  g_clear_pointer (&self->client_key, g_free);

  G_OBJECT_CLASS (sb_profile_parent_class)->finalize (object);
}

static void
sb_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbProfile *self = SB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_PLATFORM_URL: g_value_set_string (value, self->platform_url); break;
    case PROP_IDP_URL: g_value_set_string (value, self->idp_url); break;
    case PROP_ACS_URL: g_value_set_string (value, self->acs_url); break;
    case PROP_LEARNED_ACS_URL: g_value_set_string (value, self->learned_acs_url); break;
    case PROP_SESSION_MINUTES: g_value_set_uint (value, self->session_minutes); break;
    case PROP_REMEMBER: g_value_set_boolean (value, self->remember); break;
    case PROP_KEEP_TOKENS: g_value_set_boolean (value, self->keep_tokens); break;
    case PROP_ORGANIZATION_ID: g_value_set_string (value, self->organization_id); break;
    case PROP_USER_AGENT: g_value_set_string (value, self->user_agent); break;
    case PROP_CA_FILE: g_value_set_string (value, self->ca_file); break;
    case PROP_CLIENT_CERTIFICATE: g_value_set_string (value, self->client_certificate); break;
    case PROP_CLIENT_KEY: g_value_set_string (value, self->client_key); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_profile_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SbProfile *self = SB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: sb_profile_set_name (self, g_value_get_string (value)); break;
    case PROP_KIND: sb_profile_set_kind (self, g_value_get_enum (value)); break;
    case PROP_PLATFORM_URL: sb_profile_set_platform_url (self, g_value_get_string (value)); break;
    case PROP_IDP_URL: sb_profile_set_idp_url (self, g_value_get_string (value)); break;
    case PROP_ACS_URL: sb_profile_set_acs_url (self, g_value_get_string (value)); break;
    case PROP_LEARNED_ACS_URL: sb_profile_set_learned_acs_url (self, g_value_get_string (value)); break;
    case PROP_SESSION_MINUTES: sb_profile_set_session_minutes (self, g_value_get_uint (value)); break;
    case PROP_REMEMBER: sb_profile_set_remember (self, g_value_get_boolean (value)); break;
    case PROP_KEEP_TOKENS: sb_profile_set_keep_tokens (self, g_value_get_boolean (value)); break;
    case PROP_ORGANIZATION_ID: sb_profile_set_organization_id (self, g_value_get_string (value)); break;
    case PROP_USER_AGENT: sb_profile_set_user_agent (self, g_value_get_string (value)); break;
    case PROP_CA_FILE: sb_profile_set_ca_file (self, g_value_get_string (value)); break;
    case PROP_CLIENT_CERTIFICATE: sb_profile_set_client_certificate (self, g_value_get_string (value)); break;
    case PROP_CLIENT_KEY: sb_profile_set_client_key (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_profile_class_init (SbProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_profile_finalize;
  object_class->get_property = sb_profile_get_property;
  object_class->set_property = sb_profile_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SB_TYPE_PROFILE_KIND, SB_PROFILE_KIND_ANYPOINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM_URL] =
    g_param_spec_string ("platform-url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDP_URL] =
    g_param_spec_string ("idp-url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACS_URL] =
    g_param_spec_string ("acs-url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEARNED_ACS_URL] =
    g_param_spec_string ("learned-acs-url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_MINUTES] =
    g_param_spec_uint ("session-minutes", NULL, NULL, 1, 1440, SB_PROFILE_DEFAULT_SESSION_MINUTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMEMBER] =
    g_param_spec_boolean ("remember", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP_TOKENS] =
    g_param_spec_boolean ("keep-tokens", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_string ("organization-id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_CERTIFICATE] =
    g_param_spec_string ("client-certificate", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_KEY] =
    g_param_spec_string ("client-key", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_profile_init (SbProfile *self)
{
  self->name = g_strdup ("");
  self->platform_url = g_strdup (known_platforms[0].url);
  self->idp_url = g_strdup ("");
  self->acs_url = g_strdup ("");
  self->learned_acs_url = g_strdup ("");
  self->organization_id = g_strdup ("");
  self->keep_tokens = TRUE;
  self->user_agent = g_strdup ("");
  self->ca_file = g_strdup ("");
  self->client_certificate = g_strdup ("");
  self->client_key = g_strdup ("");
  self->session_minutes = SB_PROFILE_DEFAULT_SESSION_MINUTES;
}

SbProfile *
sb_profile_new (const char *id)
{
  return g_object_new (SB_TYPE_PROFILE, "id", id, NULL);
}

char *
sb_profile_new_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  /* GSettings paths allow neither upper case nor a leading digit in a way dconf likes. */
  return g_strdup_printf ("p%s", g_strdelimit (uuid, "-", '_'));
}

GSettings *
sb_profile_create_settings (const char *id)
{
  g_autofree char *path = NULL;

  g_assert (id != NULL && *id != '\0');

  path = g_strconcat (PROFILE_PATH, id, "/", NULL);
  return g_settings_new_with_path (PROFILE_SCHEMA, path);
}

static void
read_string (SbProfile   *self,
             GSettings   *settings,
             const char  *key,
             char       **field,
             int          prop)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  set_string (self, field, value, prop);
}

/* Reads the saved settings into the profile, notifying what changed. The client
 * certificate read here counts as saved, not as changed by this copy. */
void
sb_profile_read_settings (SbProfile *self,
                          GSettings *settings)
{
  g_autofree char *kind = NULL;
  const GEnumValue *kind_value;

  g_assert (SB_IS_PROFILE (self));
  g_assert (G_IS_SETTINGS (settings));

  kind = g_settings_get_string (settings, "kind");
  kind_value = g_enum_get_value_by_nick (g_type_class_peek (SB_TYPE_PROFILE_KIND), kind);

  g_object_freeze_notify (G_OBJECT (self));
  read_string (self, settings, "name", &self->name, PROP_NAME);
  sb_profile_set_kind (self, kind_value != NULL ? kind_value->value : SB_PROFILE_KIND_ANYPOINT);
  read_string (self, settings, "platform-url", &self->platform_url, PROP_PLATFORM_URL);
  read_string (self, settings, "idp-url", &self->idp_url, PROP_IDP_URL);
  read_string (self, settings, "acs-url", &self->acs_url, PROP_ACS_URL);
  read_string (self, settings, "learned-acs-url", &self->learned_acs_url, PROP_LEARNED_ACS_URL);
  read_string (self, settings, "organization-id", &self->organization_id, PROP_ORGANIZATION_ID);
  read_string (self, settings, "user-agent", &self->user_agent, PROP_USER_AGENT);
  read_string (self, settings, "ca-file", &self->ca_file, PROP_CA_FILE);
  read_string (self, settings, "client-certificate", &self->client_certificate, PROP_CLIENT_CERTIFICATE);
  read_string (self, settings, "client-key", &self->client_key, PROP_CLIENT_KEY);
  sb_profile_set_session_minutes (self, g_settings_get_uint (settings, "session-minutes"));
  sb_profile_set_remember (self, g_settings_get_boolean (settings, "remember-sign-in"));
  sb_profile_set_keep_tokens (self, g_settings_get_boolean (settings, "keep-tokens"));
  g_object_thaw_notify (G_OBJECT (self));
}

SbProfile *
sb_profile_load (const char *id)
{
  g_autoptr(GSettings) settings = NULL;
  SbProfile *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  settings = sb_profile_create_settings (id);
  self = sb_profile_new (id);
  sb_profile_read_settings (self, settings);

  return self;
}

/* An unsaved copy with every property of @self. Its sign-in data stays its
 * original's: a copy of a remembered profile finds the same cookies. */
SbProfile *
sb_profile_copy (SbProfile *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  g_autofree GValue *values = NULL;
  SbProfile *copy;
  guint n_pspecs;
  guint n = 0;

  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  names = g_new0 (const char *, n_pspecs);
  values = g_new0 (GValue, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      names[n] = pspecs[i]->name;
      g_value_init (&values[n], pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self), pspecs[i]->name, &values[n]);
      n++;
    }

  copy = SB_PROFILE (g_object_new_with_properties (SB_TYPE_PROFILE, n, names, values));
  copy->storage_id = g_strdup (sb_profile_get_storage_id (self));

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  return copy;
}

GStrv
sb_profile_list_ids (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_strv (settings, "profiles");
}

void
sb_profile_save (SbProfile *self)
{
  g_autoptr(GSettings) app_settings = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean is_new;

  g_return_if_fail (SB_IS_PROFILE (self));

  is_new = self->id == NULL;
  if (is_new)
    self->id = sb_profile_new_id ();

  settings = sb_profile_create_settings (self->id);
  g_settings_delay (settings);
  g_settings_set_string (settings, "name", self->name);
  g_settings_set_string (settings, "kind",
                         g_enum_get_value (g_type_class_peek (SB_TYPE_PROFILE_KIND), self->kind)->value_nick);
  g_settings_set_string (settings, "platform-url", self->platform_url);
  g_settings_set_string (settings, "idp-url", self->idp_url);
  g_settings_set_string (settings, "acs-url", self->acs_url);
  g_settings_set_string (settings, "learned-acs-url", self->learned_acs_url);
  g_settings_set_string (settings, "organization-id", self->organization_id);
  g_settings_set_string (settings, "user-agent", self->user_agent);
  g_settings_set_string (settings, "ca-file", self->ca_file);
  if (is_new || self->client_certificate_changed)
    {
      g_settings_set_string (settings, "client-certificate", self->client_certificate);
      g_settings_set_string (settings, "client-key", self->client_key);
      self->client_certificate_changed = FALSE;
    }
  g_settings_set_uint (settings, "session-minutes", self->session_minutes);
  g_settings_set_boolean (settings, "remember-sign-in", self->remember);
  g_settings_set_boolean (settings, "keep-tokens", self->keep_tokens);
  g_settings_apply (settings);

  app_settings = g_settings_new (APP_ID);
  ids = g_settings_get_strv (app_settings, "profiles");
  if (!g_strv_contains ((const char * const *)ids, self->id))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) new_ids = NULL;

      g_strv_builder_addv (builder, (const char **)ids);
      g_strv_builder_add (builder, self->id);
      new_ids = g_strv_builder_end (builder);
      g_settings_set_strv (app_settings, "profiles", (const char * const *)new_ids);
    }
}

void
sb_profile_delete (SbProfile *self)
{
  g_autoptr(GSettings) app_settings = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) new_ids = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_if_fail (SB_IS_PROFILE (self));

  if (self->id == NULL)
    return;

  settings = sb_profile_create_settings (self->id);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  app_settings = g_settings_new (APP_ID);
  ids = g_settings_get_strv (app_settings, "profiles");
  builder = g_strv_builder_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], self->id) != 0)
      g_strv_builder_add (builder, ids[i]);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (app_settings, "profiles", (const char * const *)new_ids);
}

const char *
sb_profile_get_id (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->id;
}

/* The id whose folders hold the profile's sign-in data: its own, or for an unsaved
 * copy its original's; NULL for a profile that was never saved. */
const char *
sb_profile_get_storage_id (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->id != NULL ? self->id : self->storage_id;
}

const char *
sb_profile_get_name (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->name;
}

void
sb_profile_set_name (SbProfile  *self,
                     const char *name)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->name, name ? name : "", PROP_NAME);
}

SbProfileKind
sb_profile_get_kind (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), SB_PROFILE_KIND_ANYPOINT);
  return self->kind;
}

void
sb_profile_set_kind (SbProfile     *self,
                     SbProfileKind  kind)
{
  g_return_if_fail (SB_IS_PROFILE (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
sb_profile_get_platform_url (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->platform_url;
}

void
sb_profile_set_platform_url (SbProfile  *self,
                             const char *url)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->platform_url, url ? url : "", PROP_PLATFORM_URL);
}

const char *
sb_profile_get_idp_url (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->idp_url;
}

void
sb_profile_set_idp_url (SbProfile  *self,
                        const char *url)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->idp_url, url ? url : "", PROP_IDP_URL);
}

const char *
sb_profile_get_acs_url (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->acs_url;
}

void
sb_profile_set_acs_url (SbProfile  *self,
                        const char *url)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->acs_url, url ? url : "", PROP_ACS_URL);
}

const char *
sb_profile_get_learned_acs_url (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->learned_acs_url;
}

void
sb_profile_set_learned_acs_url (SbProfile  *self,
                                const char *url)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->learned_acs_url, url ? url : "", PROP_LEARNED_ACS_URL);
}

guint
sb_profile_get_session_minutes (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), SB_PROFILE_DEFAULT_SESSION_MINUTES);
  return self->session_minutes;
}

void
sb_profile_set_session_minutes (SbProfile *self,
                                guint      minutes)
{
  g_return_if_fail (SB_IS_PROFILE (self));

  minutes = CLAMP (minutes, 1, 1440);
  if (self->session_minutes != minutes)
    {
      self->session_minutes = minutes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_MINUTES]);
    }
}

gboolean
sb_profile_get_remember (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), FALSE);
  return self->remember;
}

void
sb_profile_set_remember (SbProfile *self,
                         gboolean   remember)
{
  g_return_if_fail (SB_IS_PROFILE (self));

  remember = !!remember;
  if (self->remember != remember)
    {
      self->remember = remember;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBER]);
    }
}

/* Whether the profile's tokens are kept in the keyring and reused while valid. */
gboolean
sb_profile_get_keep_tokens (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), TRUE);
  return self->keep_tokens;
}

void
sb_profile_set_keep_tokens (SbProfile *self,
                            gboolean   keep)
{
  g_return_if_fail (SB_IS_PROFILE (self));

  keep = !!keep;
  if (self->keep_tokens != keep)
    {
      self->keep_tokens = keep;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_TOKENS]);
    }
}

/* The business group the profile's tokens are for ("Copy as CLI", the env format), or "" for the root organization. */
const char *
sb_profile_get_organization_id (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->organization_id;
}

void
sb_profile_set_organization_id (SbProfile  *self,
                                const char *id)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->organization_id, id ? id : "", PROP_ORGANIZATION_ID);
}

const char *
sb_profile_get_user_agent (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->user_agent;
}

void
sb_profile_set_user_agent (SbProfile  *self,
                           const char *user_agent)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->user_agent, user_agent ? user_agent : "", PROP_USER_AGENT);
}

/* A PEM bundle of extra certificate authorities to trust for this profile, or "". */
const char *
sb_profile_get_ca_file (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->ca_file;
}

void
sb_profile_set_ca_file (SbProfile  *self,
                        const char *path)
{
  g_return_if_fail (SB_IS_PROFILE (self));
  set_string (self, &self->ca_file, path ? path : "", PROP_CA_FILE);
}

/* The TLS client certificate to present when a server asks for one: a PEM file (with its
 * key, or the key in "client-key"), a PKCS#12 file, or a pkcs11: URI; "" for none.
 * Passwords and PINs are never stored. */
const char *
sb_profile_get_client_certificate (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->client_certificate;
}

void
sb_profile_set_client_certificate (SbProfile  *self,
                                   const char *certificate)
{
  g_return_if_fail (SB_IS_PROFILE (self));

  if (g_strcmp0 (self->client_certificate, certificate ? certificate : "") != 0)
    self->client_certificate_changed = TRUE;
  set_string (self, &self->client_certificate, certificate ? certificate : "", PROP_CLIENT_CERTIFICATE);
}

/* The PEM key file (or pkcs11: URI) for the client certificate, or "" when it holds its own key. */
const char *
sb_profile_get_client_key (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);
  return self->client_key;
}

void
sb_profile_set_client_key (SbProfile  *self,
                           const char *path)
{
  g_return_if_fail (SB_IS_PROFILE (self));

  if (g_strcmp0 (self->client_key, path ? path : "") != 0)
    self->client_certificate_changed = TRUE;
  set_string (self, &self->client_key, path ? path : "", PROP_CLIENT_KEY);
}

gboolean
sb_profile_is_complete (SbProfile *self)
{
  g_autofree char *platform = NULL;
  g_autofree char *idp = NULL;

  g_return_val_if_fail (SB_IS_PROFILE (self), FALSE);

  idp = sb_profile_normalize_idp_url (self->idp_url, NULL);
  if (self->kind == SB_PROFILE_KIND_CAPTURE)
    return idp != NULL && *self->acs_url != '\0';

  platform = sb_profile_normalize_platform_url (self->platform_url, NULL);
  return platform != NULL && idp != NULL;
}

static const char *
storage_name (SbProfile *self)
{
  const char *id = sb_profile_get_storage_id (self);

  return id != NULL ? id : "default";
}

/* Where a profile that remembers its sign-in keeps cookies and site data. */
char *
sb_profile_dup_data_dir (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);

  return g_build_filename (g_get_user_data_dir (), "saml-bearer", "profiles", storage_name (self), NULL);
}

/* Where the web view of a profile that remembers its sign-in keeps its cache. */
char *
sb_profile_dup_cache_dir (SbProfile *self)
{
  g_return_val_if_fail (SB_IS_PROFILE (self), NULL);

  return g_build_filename (g_get_user_cache_dir (), "saml-bearer", "profiles", storage_name (self), NULL);
}

const SbKnownPlatform *
sb_profile_get_known_platforms (guint *n_platforms)
{
  if (n_platforms != NULL)
    *n_platforms = G_N_ELEMENTS (known_platforms);

  return known_platforms;
}

gboolean
sb_profile_is_known_platform (const char *url)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_platforms); i++)
    if (g_strcmp0 (url, known_platforms[i].url) == 0)
      return TRUE;

  return FALSE;
}

/* The address checks are the URL module's; these are the names callers use. */
char *
sb_profile_normalize_platform_url (const char  *url,
                                   GError     **error)
{
  return sb_url_normalize_origin (url, error);
}

char *
sb_profile_normalize_idp_url (const char  *url,
                              GError     **error)
{
  return sb_url_normalize_web_address (url, error);
}

char *
sb_profile_normalize_capture_address (const char  *address,
                                      GError     **error)
{
  return sb_url_normalize_capture_target (address, error);
}
