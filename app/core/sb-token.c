#define G_LOG_DOMAIN "sb-token"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-token.h"

#include "sb-json.h"
#include "sb-secret.h"
#include "sb-url.h"

#include <string.h>

#define DEFAULT_SESSION_MINUTES 60

struct _SbToken
{
  GObject     parent_instance;

  char       *platform_url;
  char       *access_token;
  char       *token_type;
  GDateTime  *obtained_at;
  GDateTime  *expires_at;
  JsonObject *user;
  gboolean    cached;
  /* The business group picked with sb_token_select_organization(), or NULL for the root. */
  char       *organization_id;
};

G_DEFINE_FINAL_TYPE (SbToken, sb_token, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLATFORM_URL,
  PROP_TOKEN_TYPE,
  PROP_OBTAINED_AT,
  PROP_EXPIRES_AT,
  PROP_USER,
  PROP_CACHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_token_finalize (GObject *object)
{
  SbToken *self = (SbToken *)object;

  g_clear_pointer (&self->access_token, sb_secret_free);
  g_clear_pointer (&self->platform_url, g_free);
  g_clear_pointer (&self->token_type, g_free);
  g_clear_pointer (&self->obtained_at, g_date_time_unref);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->user, json_object_unref);
  g_clear_pointer (&self->organization_id, g_free);

  G_OBJECT_CLASS (sb_token_parent_class)->finalize (object);
}

static void
sb_token_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbToken *self = SB_TOKEN (object);

  switch (prop_id)
    {
    case PROP_PLATFORM_URL:
      g_value_set_string (value, self->platform_url);
      break;

    case PROP_TOKEN_TYPE:
      g_value_set_string (value, self->token_type);
      break;

    case PROP_OBTAINED_AT:
      g_value_set_boxed (value, self->obtained_at);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;

    case PROP_USER:
      g_value_set_boxed (value, self->user);
      break;

    case PROP_CACHED:
      g_value_set_boolean (value, self->cached);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_token_class_init (SbTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_token_finalize;
  object_class->get_property = sb_token_get_property;

  properties[PROP_PLATFORM_URL] =
    g_param_spec_string ("platform-url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TOKEN_TYPE] =
    g_param_spec_string ("token-type", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_OBTAINED_AT] =
    g_param_spec_boxed ("obtained-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Set once the platform said who the token belongs to. */
  properties[PROP_USER] =
    g_param_spec_boxed ("user", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Whether the token came from the token cache rather than from a sign-in just now. */
  properties[PROP_CACHED] =
    g_param_spec_boolean ("cached", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_token_init (SbToken *self)
{
}

/* The platform gives no expiry: expires_at is obtained_at plus the org's session
 * timeout, an estimate. A session_minutes of 0 means the platform default. */
SbToken *
sb_token_new (const char *platform_url,
              const char *access_token,
              const char *token_type,
              GDateTime  *obtained_at,
              guint       session_minutes)
{
  SbToken *self;

  g_return_val_if_fail (platform_url != NULL, NULL);
  g_return_val_if_fail (access_token != NULL, NULL);

  self = g_object_new (SB_TYPE_TOKEN, NULL);
  self->platform_url = g_strdup (platform_url);
  self->access_token = sb_secret_dup (access_token);
  self->token_type = g_strdup (token_type != NULL && *token_type != '\0' ? token_type : "bearer");

  if (obtained_at != NULL)
    self->obtained_at = g_date_time_to_utc (obtained_at);
  else
    self->obtained_at = g_date_time_new_now_utc ();

  if (session_minutes == 0)
    session_minutes = DEFAULT_SESSION_MINUTES;

  self->expires_at = g_date_time_add_minutes (self->obtained_at, session_minutes);

  return self;
}

/* Whether @access_token is an RFC 6750 b64token, 1*( ALPHA / DIGIT / "-" /
 * "." / "_" / "~" / "+" / "/" ) *"=": only then does it go into a header or
 * a shell line as it is.
 */
gboolean
sb_token_is_valid_access_token (const char *access_token)
{
  const char *p = access_token;

  if (p == NULL)
    return FALSE;

  while (g_ascii_isalnum (*p) || (*p != '\0' && strchr ("-._~+/", *p) != NULL))
    p++;
  if (p == access_token)
    return FALSE;

  while (*p == '=')
    p++;

  return *p == '\0';
}

const char *
sb_token_get_platform_url (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return self->platform_url;
}

const char *
sb_token_get_access_token (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return self->access_token;
}

const char *
sb_token_get_token_type (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return self->token_type;
}

GDateTime *
sb_token_get_obtained_at (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return self->obtained_at;
}

GDateTime *
sb_token_get_expires_at (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return self->expires_at;
}

void
sb_token_set_user (SbToken    *self,
                   JsonObject *user)
{
  g_return_if_fail (SB_IS_TOKEN (self));

  if (self->user == user)
    return;

  g_clear_pointer (&self->user, json_object_unref);
  if (user != NULL)
    self->user = json_object_ref (user);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

JsonObject *
sb_token_get_user (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return self->user;
}

static char *
dup_full_name (JsonObject *user)
{
  g_autofree char *first = g_strdup (sb_json_object_get_string (user, "firstName"));
  g_autofree char *last = g_strdup (sb_json_object_get_string (user, "lastName"));

  if (first != NULL)
    g_strstrip (first);
  if (last != NULL)
    g_strstrip (last);

  if (sb_json_is_blank (first) && sb_json_is_blank (last))
    return NULL;

  if (sb_json_is_blank (first))
    return g_steal_pointer (&last);

  if (sb_json_is_blank (last))
    return g_steal_pointer (&first);

  return g_strdup_printf ("%s %s", first, last);
}

/* "First Last", or the username, or NULL while the user is unknown. */
char *
sb_token_dup_display_name (SbToken *self)
{
  char *name;

  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  if ((name = dup_full_name (self->user)) != NULL)
    return name;

  if (!sb_json_is_blank (sb_token_get_username (self)))
    return g_strdup (sb_token_get_username (self));

  return NULL;
}

const char *
sb_token_get_username (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return sb_json_object_get_string (self->user, "username");
}

const char *
sb_token_get_organization (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  return sb_json_object_get_string (sb_json_object_get_object (self->user, "organization"), "name");
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The platform URL without trailing slashes. */
static char *
dup_base_url (SbToken *self)
{
  gsize len = strlen (self->platform_url);

  while (len > 0 && self->platform_url[len - 1] == '/')
    len--;

  return g_strndup (self->platform_url, len);
}

/* Quotes prefix + secret for a POSIX shell in one exact allocation, so no
 * reallocation leaves a copy of the secret behind. */
static char *
shell_quote_secret (const char *prefix,
                    const char *secret)
{
  const char *parts[] = { prefix, secret };
  gsize len = 2;
  char *quoted;
  char *p;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    for (const char *s = parts[i]; *s != '\0'; s++)
      len += *s == '\'' ? 4 : 1;

  p = quoted = g_malloc (len + 1);
  *p++ = '\'';
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    for (const char *s = parts[i]; *s != '\0'; s++)
      {
        if (*s == '\'')
          {
            memcpy (p, "'\\''", 4);
            p += 4;
          }
        else
          *p++ = *s;
      }
  *p++ = '\'';
  *p = '\0';

  return quoted;
}

static void
add_user (SbToken     *self,
          JsonBuilder *builder)
{
  JsonObject *organization;
  g_autofree char *name = NULL;

  json_builder_set_member_name (builder, "user");

  if (self->user == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  name = dup_full_name (self->user);
  organization = sb_json_object_get_object (self->user, "organization");

  json_builder_begin_object (builder);
  sb_json_builder_add_string_member (builder, "username", sb_json_object_get_string (self->user, "username"));
  sb_json_builder_add_string_member (builder, "name", name);
  sb_json_builder_add_string_member (builder, "email", sb_json_object_get_string (self->user, "email"));
  json_builder_set_member_name (builder, "organization");
  if (organization != NULL)
    {
      json_builder_begin_object (builder);
      sb_json_builder_add_string_member (builder, "id", sb_json_object_get_string (organization, "id"));
      sb_json_builder_add_string_member (builder, "name", sb_json_object_get_string (organization, "name"));
      sb_json_builder_add_string_member (builder, "domain", sb_json_object_get_string (organization, "domain"));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static char *
format_json (SbToken *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *obtained_at = format_time (self->obtained_at);
  g_autofree char *expires_at = format_time (self->expires_at);
  GString *out;
  JsonNode *token_node;
  char *result;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, self->access_token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, self->token_type);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, self->platform_url);
  json_builder_set_member_name (builder, "obtained_at");
  json_builder_add_string_value (builder, obtained_at);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_at);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, MAX (sb_token_get_seconds_left (self, NULL), 0));
  json_builder_set_member_name (builder, "cached");
  json_builder_add_boolean_value (builder, self->cached);
  json_builder_set_member_name (builder, "organization_id");
  if (sb_token_get_organization_id (self) != NULL)
    json_builder_add_string_value (builder, sb_token_get_organization_id (self));
  else
    json_builder_add_null_value (builder);
  add_user (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  /* Room enough that the string never moves, then one exact copy. */
  out = g_string_sized_new (4096 + 2 * strlen (self->access_token));
  json_generator_to_gstring (generator, out);
  result = g_strndup (out->str, out->len);
  sb_secret_wipe (out->str, out->allocated_len);
  g_string_free (out, TRUE);

  /* json-glib keeps its own copy of the token in the node. */
  token_node = json_object_get_member (json_node_get_object (root), "access_token");
  sb_secret_wipe ((char *) json_node_get_string (token_node), strlen (self->access_token));

  return result;
}

static char *
format_env (SbToken *self)
{
  g_autoptr(SbSecret) token = shell_quote_secret ("", self->access_token);
  g_autofree char *host = sb_url_display_host (self->platform_url);
  g_autofree char *quoted_host = shell_quote_secret ("", host);
  const char *organization_id = sb_token_get_organization_id (self);
  g_autofree char *quoted_organization = NULL;

  if (organization_id == NULL)
    return g_strconcat ("export ANYPOINT_ACCESS_TOKEN=", token, "\n",
                        "export ANYPOINT_HOST=", quoted_host, NULL);

  quoted_organization = shell_quote_secret ("", organization_id);
  return g_strconcat ("export ANYPOINT_ACCESS_TOKEN=", token, "\n",
                      "export ANYPOINT_HOST=", quoted_host, "\n",
                      "export ANYPOINT_ORG=", quoted_organization, NULL);
}

static char *
format_cli (SbToken *self)
{
  g_autoptr(SbSecret) bearer = shell_quote_secret ("", self->access_token);
  g_autofree char *host = sb_url_display_host (self->platform_url);
  g_autofree char *quoted_host = shell_quote_secret ("", host);
  g_autofree char *quoted_organization = NULL;

  if (self->organization_id == NULL)
    return g_strconcat ("anypoint-cli-v4 --bearer ", bearer, " --host ", quoted_host, NULL);

  quoted_organization = shell_quote_secret ("", self->organization_id);
  return g_strconcat ("anypoint-cli-v4 --bearer ", bearer, " --host ", quoted_host,
                      " --organization ", quoted_organization, NULL);
}

/* The result holds the token: free it with sb_secret_free(). */
char *
sb_token_format (SbToken       *self,
                 SbTokenFormat  format)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  switch (format)
    {
    case SB_TOKEN_FORMAT_RAW:
      return sb_secret_dup (self->access_token);

    case SB_TOKEN_FORMAT_HEADER:
      return g_strconcat ("Authorization: Bearer ", self->access_token, NULL);

    case SB_TOKEN_FORMAT_JSON:
      return format_json (self);

    case SB_TOKEN_FORMAT_ENV:
      return format_env (self);

    case SB_TOKEN_FORMAT_CURL:
      {
        g_autoptr(SbSecret) header = shell_quote_secret ("Authorization: Bearer ", self->access_token);
        g_autofree char *base_url = dup_base_url (self);
        g_autofree char *me_url = g_strconcat (base_url, "/accounts/api/me", NULL);
        g_autofree char *quoted_url = shell_quote_secret ("", me_url);

        return g_strconcat ("curl -H ", header, " ", quoted_url, NULL);
      }

    case SB_TOKEN_FORMAT_CLI:
      return format_cli (self);

    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
sb_token_format_from_string (const char    *name,
                             SbTokenFormat *format)
{
  static const struct {
    const char    *name;
    SbTokenFormat  format;
  } formats[] = {
    { "raw", SB_TOKEN_FORMAT_RAW },
    { "header", SB_TOKEN_FORMAT_HEADER },
    { "json", SB_TOKEN_FORMAT_JSON },
    { "env", SB_TOKEN_FORMAT_ENV },
    { "curl", SB_TOKEN_FORMAT_CURL },
    { "cli", SB_TOKEN_FORMAT_CLI },
  };

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (name, formats[i].name) == 0)
        {
          if (format != NULL)
            *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
sb_token_get_cached (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), FALSE);

  return self->cached;
}

void
sb_token_set_cached (SbToken  *self,
                     gboolean  cached)
{
  g_return_if_fail (SB_IS_TOKEN (self));

  cached = !!cached;
  if (self->cached == cached)
    return;

  self->cached = cached;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHED]);
}

/* Seconds from @now (NULL: the current time) to the estimated expiry; negative once past it. */
gint64
sb_token_get_seconds_left (SbToken   *self,
                           GDateTime *now)
{
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (SB_IS_TOKEN (self), 0);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  return g_date_time_difference (self->expires_at, now) / G_TIME_SPAN_SECOND;
}

void
sb_business_group_free (SbBusinessGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->id);
  g_free (group->name);
  g_free (group);
}

static void
add_business_group (GPtrArray  *groups,
                    JsonObject *organization,
                    gboolean    is_root)
{
  const char *id = sb_json_object_get_string (organization, "id");
  const char *name = sb_json_object_get_string (organization, "name");
  SbBusinessGroup *group;

  if (sb_json_is_blank (id))
    return;

  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((SbBusinessGroup *) g_ptr_array_index (groups, i))->id, id))
      return;

  group = g_new0 (SbBusinessGroup, 1);
  group->id = g_strdup (id);
  group->name = g_strdup (!sb_json_is_blank (name) ? name : id);
  group->is_root = is_root;
  g_ptr_array_add (groups, group);
}

/* The business groups the user belongs to, the root organization first; empty while the user is unknown. */
GPtrArray *
sb_token_dup_business_groups (SbToken *self)
{
  GPtrArray *groups;
  JsonNode *members;

  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_business_group_free);
  if (self->user == NULL)
    return groups;

  add_business_group (groups, sb_json_object_get_object (self->user, "organization"), TRUE);

  members = json_object_get_member (self->user, "memberOfOrganizations");
  if (members != NULL && JSON_NODE_HOLDS_ARRAY (members))
    {
      JsonArray *array = json_node_get_array (members);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            add_business_group (groups, json_node_get_object (element), FALSE);
        }
    }

  return groups;
}

/* The id of the business group picked with sb_token_select_organization(), else
 * of the user's root organization; NULL while the user is unknown. */
const char *
sb_token_get_organization_id (SbToken *self)
{
  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  if (self->organization_id != NULL)
    return self->organization_id;

  return sb_json_object_get_string (sb_json_object_get_object (self->user, "organization"), "id");
}

static gboolean
name_matches (const char *name,
              const char *wanted)
{
  g_autofree char *a = g_utf8_casefold (name, -1);
  g_autofree char *b = g_utf8_casefold (wanted, -1);

  return g_utf8_collate (a, b) == 0;
}

static char *
dup_group_list (GPtrArray  *groups,
                const char *name)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      SbBusinessGroup *group = g_ptr_array_index (groups, i);

      if (name != NULL && !name_matches (group->name, name))
        continue;

      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "%s (%s)", group->name, group->id);
    }

  return g_string_free (list, FALSE);
}

/* Picks the business group the CLI and env formats use, by id or by name; NULL or ""
 * goes back to the root organization. Fails for a group the user does not belong to. */
gboolean
sb_token_select_organization (SbToken     *self,
                              const char  *id_or_name,
                              GError     **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  SbBusinessGroup *found = NULL;
  guint n_named = 0;

  g_return_val_if_fail (SB_IS_TOKEN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (id_or_name == NULL || *id_or_name == '\0')
    {
      g_clear_pointer (&self->organization_id, g_free);
      return TRUE;
    }

  groups = sb_token_dup_business_groups (self);
  if (groups->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The platform did not say which business groups you belong to, so “%s” cannot be chosen."),
                   id_or_name);
      return FALSE;
    }

  for (guint i = 0; i < groups->len && found == NULL; i++)
    if (g_str_equal (((SbBusinessGroup *) g_ptr_array_index (groups, i))->id, id_or_name))
      found = g_ptr_array_index (groups, i);

  if (found == NULL && g_utf8_validate (id_or_name, -1, NULL))
    for (guint i = 0; i < groups->len; i++)
      if (name_matches (((SbBusinessGroup *) g_ptr_array_index (groups, i))->name, id_or_name))
        {
          if (found == NULL)
            found = g_ptr_array_index (groups, i);
          n_named++;
        }

  if (n_named > 1)
    {
      g_autofree char *list = dup_group_list (groups, found->name);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("More than one of your business groups is called “%s”: choose one by its id (%s)."),
                   id_or_name, list);
      return FALSE;
    }

  if (found == NULL)
    {
      g_autofree char *list = dup_group_list (groups, NULL);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is not one of your business groups. Choose one of: %s."),
                   id_or_name, list);
      return FALSE;
    }

  g_free (self->organization_id);
  self->organization_id = g_strdup (found->id);
  return TRUE;
}

static gboolean
is_ours (const char *entry)
{
  static const char * const names[] = { "ANYPOINT_ACCESS_TOKEN=", "ANYPOINT_HOST=", "ANYPOINT_ORG=" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (entry, names[i]))
      return TRUE;

  return FALSE;
}

/* A copy of @envp (NULL: this process's environment) with ANYPOINT_ACCESS_TOKEN,
 * ANYPOINT_HOST and ANYPOINT_ORG set as the env format sets them. The result
 * holds the token: free it with sb_secret_strfreev(). */
char **
sb_token_dup_environ (SbToken  *self,
                      char    **envp)
{
  g_auto(GStrv) own = NULL;
  g_autofree char *host = NULL;
  const char *organization_id;
  GPtrArray *env;

  g_return_val_if_fail (SB_IS_TOKEN (self), NULL);

  if (envp == NULL)
    envp = own = g_get_environ ();

  env = g_ptr_array_new ();
  for (char **p = envp; *p != NULL; p++)
    if (!is_ours (*p))
      g_ptr_array_add (env, g_strdup (*p));

  host = sb_url_display_host (self->platform_url);
  g_ptr_array_add (env, g_strconcat ("ANYPOINT_ACCESS_TOKEN=", self->access_token, NULL));
  g_ptr_array_add (env, g_strconcat ("ANYPOINT_HOST=", host, NULL));
  if ((organization_id = sb_token_get_organization_id (self)) != NULL)
    g_ptr_array_add (env, g_strconcat ("ANYPOINT_ORG=", organization_id, NULL));
  g_ptr_array_add (env, NULL);

  return (char **) g_ptr_array_free (env, FALSE);
}
