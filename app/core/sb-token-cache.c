#define G_LOG_DOMAIN "sb-token-cache"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-token-cache.h"

#include "sb-json.h"
#include "sb-secret.h"
#include "sb-url.h"

#include <libsecret/secret.h>
#include <string.h>

/* The tokens of the profiles, one keyring item each, in the Secret Service's default
 * collection. The item's secret is a JSON document with the token, its platform, type,
 * times and the user as /accounts/api/me described them; its attributes say only which
 * profile it is for and whose it is, so a person recognises it in Passwords and Keys.
 *
 * Every call runs on a worker thread with libsecret's synchronous API. None may wait
 * for a person: a Secret Service that is not on the bus is not started, and a locked
 * keyring is reported, never unlocked with a prompt. */

#define SECRETS_BUS_NAME    "org.freedesktop.secrets"
#define BUS_CALL_TIMEOUT_MS 5000
#define DOCUMENT_VERSION    1

struct _SbTokenCache
{
  GObject          parent_instance;

  /* The session bus once found, so that each call does not connect again. */
  GMutex           lock;
  GDBusConnection *bus;
};

G_DEFINE_FINAL_TYPE (SbTokenCache, sb_token_cache, G_TYPE_OBJECT)
G_DEFINE_QUARK (sb-token-cache-error-quark, sb_token_cache_error)

typedef struct _Request Request;

/* What a worker does with a request, on its thread (see run_request()). */
typedef gpointer (*RequestFunc) (SbTokenCache  *self,
                                 Request       *request,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* What a worker needs to know, copied from the profile and token on the calling thread. */
struct _Request {
  RequestFunc  func;
  char        *profile_id;
  char        *platform_url;
  char        *idp_url;
  char        *username;
  char        *label;
  char        *document;
};

static void
request_free (Request *request)
{
  g_free (request->profile_id);
  g_free (request->platform_url);
  g_free (request->idp_url);
  g_free (request->username);
  g_free (request->label);
  sb_secret_free (request->document);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Token", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "idp-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
sb_token_cache_finalize (GObject *object)
{
  SbTokenCache *self = (SbTokenCache *)object;

  g_clear_object (&self->bus);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sb_token_cache_parent_class)->finalize (object);
}

static void
sb_token_cache_class_init (SbTokenCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_token_cache_finalize;
}

static void
sb_token_cache_init (SbTokenCache *self)
{
  g_mutex_init (&self->lock);
}

SbTokenCache *
sb_token_cache_new (void)
{
  return g_object_new (SB_TYPE_TOKEN_CACHE, NULL);
}

/* The process's cache; owned by it. */
SbTokenCache *
sb_token_cache_get_default (void)
{
  static SbTokenCache *default_cache;

  if (g_once_init_enter (&default_cache))
    g_once_init_leave (&default_cache, sb_token_cache_new ());

  return default_cache;
}

/* The platform as the profile's setup spells it, with no trailing slash. */
static char *
dup_platform (const char *url)
{
  char *origin = sb_url_normalize_origin (url, NULL);

  return origin != NULL ? origin : g_strdup (url);
}

static Request *
request_new (SbProfile   *profile,
             RequestFunc  func)
{
  Request *request = g_new0 (Request, 1);
  const char *id = sb_profile_get_storage_id (profile);

  request->func = func;

  /* An unsaved copy of a saved profile shares its original's token, as it shares its sign-in data. */
  request->profile_id = g_strdup (id != NULL ? id : "");
  request->platform_url = dup_platform (sb_profile_get_platform_url (profile));
  request->idp_url = g_strdup (sb_profile_get_idp_url (profile));

  return request;
}

/* Which item is the profile's: a saved profile's by its id, an unsaved one's by its two addresses. */
static GHashTable *
dup_key_attributes (Request *request)
{
  if (*request->profile_id != '\0')
    return secret_attributes_build (get_schema (), "profile", request->profile_id, NULL);

  return secret_attributes_build (get_schema (),
                                  "profile", "",
                                  "platform", request->platform_url,
                                  "idp-url", request->idp_url,
                                  NULL);
}

static GError *
unavailable_error (void)
{
  return g_error_new_literal (SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE,
                              _("No keyring (Secret Service) is running in this session, so tokens are not kept."));
}

static GError *
locked_error (void)
{
  return g_error_new_literal (SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_FAILED,
                              _("The keyring is locked, so tokens are not kept. Unlock it, for example in Passwords and Keys, and sign in again."));
}

/* @error as the user should read it; takes @error. */
static GError *
explain (GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return unavailable_error ();

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return locked_error ();

  if (g_dbus_error_is_remote_error (error))
    g_dbus_error_strip_remote_error (error);

  return g_error_new (SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_FAILED,
                      _("The keyring did not answer as expected: %s"), error->message);
}

static const char *
get_bus_name (void)
{
  const char *name = g_getenv ("SECRET_SERVICE_BUS_NAME");

  return name != NULL && *name != '\0' ? name : SECRETS_BUS_NAME;
}

static gboolean
bus_says (GDBusConnection  *connection,
          const char       *method,
          GVariant         *parameters,
          const char       *reply_type,
          GVariant        **reply,
          GCancellable     *cancellable,
          GError          **error)
{
  *reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                        "org.freedesktop.DBus", method, parameters,
                                        G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                        BUS_CALL_TIMEOUT_MS, cancellable, error);
  return *reply != NULL;
}

/* The session bus; it is not started for the question (no X11 autolaunch). */
static GDBusConnection *
dup_bus (SbTokenCache  *self,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *address = NULL;

  g_mutex_lock (&self->lock);
  connection = self->bus != NULL ? g_object_ref (self->bus) : NULL;
  g_mutex_unlock (&self->lock);
  if (connection != NULL)
    return g_steal_pointer (&connection);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, cancellable, NULL);
  if (address == NULL || g_str_has_prefix (address, "autolaunch:") ||
      !(connection = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &local)))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_propagate_error (error, unavailable_error ());
      return NULL;
    }

  g_mutex_lock (&self->lock);
  if (self->bus == NULL)
    self->bus = g_object_ref (connection);
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&connection);
}

/* Whether a Secret Service runs on the session bus, or the bus would start one. */
static gboolean
check_available (SbTokenCache  *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree const char **names = NULL;
  const char *bus_name = get_bus_name ();
  gboolean has_owner;

  if (!(connection = dup_bus (self, cancellable, error)))
    return FALSE;

  if (!bus_says (connection, "NameHasOwner", g_variant_new ("(s)", bus_name), "(b)", &reply, cancellable, &local))
    {
      g_propagate_error (error, explain (g_steal_pointer (&local)));
      return FALSE;
    }

  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    return TRUE;

  g_clear_pointer (&reply, g_variant_unref);
  if (!bus_says (connection, "ListActivatableNames", NULL, "(as)", &reply, cancellable, &local))
    {
      g_propagate_error (error, explain (g_steal_pointer (&local)));
      return FALSE;
    }

  g_variant_get (reply, "(^a&s)", &names);
  if (g_strv_contains (names, bus_name))
    return TRUE;

  g_propagate_error (error, unavailable_error ());
  return FALSE;
}

static SecretService *
open_service (SbTokenCache  *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local = NULL;
  SecretService *service;

  if (!check_available (self, cancellable, error))
    return NULL;

  /* A service of our own, not the shared one: it lives on this worker thread only. */
  service = secret_service_open_sync (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_NONE, cancellable, &local);
  if (service == NULL)
    g_propagate_error (error, explain (g_steal_pointer (&local)));

  return service;
}

/* Runs @request's func on this worker thread with a main context of its own, so that
 * nothing libsecret's objects get from the bus is dispatched to another thread. */
static gpointer
run_request (SbTokenCache  *self,
             Request       *request,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gpointer result;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_main_context_push_thread_default (context);
  result = request->func (self, request, cancellable, error);
  /* What the dropped proxies left to do there, such as freeing their signal subscriptions. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return result;
}

/* Deletes the profile's items; finding none is no error. */
static gboolean
clear_items (SecretService  *service,
             Request        *request,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GHashTable) key = dup_key_attributes (request);
  g_autoptr(GError) local = NULL;

  if (!secret_service_clear_sync (service, get_schema (), key, cancellable, &local) && local != NULL)
    {
      g_propagate_error (error, explain (g_steal_pointer (&local)));
      return FALSE;
    }

  return TRUE;
}

/* The worker of a request whose func gives TRUE or fails: a store or a delete. */
static void
boolean_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_request (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Store */

static void
wipe_token_member (JsonObject *object,
                   gsize       len)
{
  JsonNode *node = json_object_get_member (object, "access_token");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    sb_secret_wipe ((char *) json_node_get_string (node), len);
}

static char *
dup_document (SbToken *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *obtained_at = g_date_time_format_iso8601 (sb_token_get_obtained_at (token));
  const char *access_token = sb_token_get_access_token (token);
  GTimeSpan span = g_date_time_difference (sb_token_get_expires_at (token), sb_token_get_obtained_at (token));
  GString *out;
  char *document;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DOCUMENT_VERSION);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, sb_token_get_platform_url (token));
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access_token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, sb_token_get_token_type (token));
  json_builder_set_member_name (builder, "obtained_at");
  json_builder_add_string_value (builder, obtained_at);
  json_builder_set_member_name (builder, "session_minutes");
  json_builder_add_int_value (builder, span / G_TIME_SPAN_MINUTE);
  json_builder_set_member_name (builder, "user");
  if (sb_token_get_user (token) != NULL)
    json_builder_add_value (builder, json_node_init_object (json_node_alloc (), sb_token_get_user (token)));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  /* Room enough that the string never moves, then one exact copy. */
  out = g_string_sized_new (16384 + 2 * strlen (access_token));
  json_generator_to_gstring (generator, out);
  document = g_strndup (out->str, out->len);
  sb_secret_wipe (out->str, out->allocated_len);
  g_string_free (out, TRUE);
  wipe_token_member (json_node_get_object (root), strlen (access_token));

  return document;
}

static char *
dup_label (SbProfile *profile,
           SbToken   *token)
{
  const char *username = sb_token_get_username (token);
  const char *name = sb_profile_get_name (profile);
  g_autofree char *host = NULL;

  if (sb_json_is_blank (name))
    name = host = sb_url_display_host (sb_token_get_platform_url (token));

  /* Translators: the name of the token's item in the keyring, as Passwords and Keys lists it;
   * the first %s is the username, the second the profile's name. */
  if (!sb_json_is_blank (username))
    return g_strdup_printf (_("Anypoint Platform token for %s (%s)"), username, name);

  /* Translators: the name of the token's item in the keyring; %s is the profile's name. */
  return g_strdup_printf (_("Anypoint Platform token (%s)"), name);
}

static gpointer
store (SbTokenCache  *self,
       Request       *request,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(SecretItem) item = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local = NULL;

  if (!(service = open_service (self, cancellable, error)))
    return NULL;

  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                                                 cancellable, &local);
  if (collection == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, explain (g_steal_pointer (&local)));
      else
        g_set_error_literal (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_FAILED,
                             _("The keyring has no default collection, so tokens are not kept. Set one as the default, for example in Passwords and Keys."));
      return NULL;
    }

  /* Unlocking would need a prompt, and nobody may be there to answer it. */
  if (secret_collection_get_locked (collection))
    {
      g_propagate_error (error, locked_error ());
      return NULL;
    }

  /* One item per profile, whoever's token it held before. */
  if (!clear_items (service, request, cancellable, error))
    return NULL;

  attributes = secret_attributes_build (get_schema (),
                                        "profile", request->profile_id,
                                        "platform", request->platform_url,
                                        "idp-url", request->idp_url,
                                        NULL);
  if (!sb_json_is_blank (request->username))
    g_hash_table_insert (attributes, g_strdup ("username"), g_strdup (request->username));

  value = secret_value_new_full (g_steal_pointer (&request->document), -1, "application/json",
                                 (GDestroyNotify) sb_secret_free);
  item = secret_item_create_sync (collection, get_schema (), attributes, request->label, value,
                                  SECRET_ITEM_CREATE_REPLACE, cancellable, &local);
  if (item == NULL)
    {
      g_propagate_error (error, explain (g_steal_pointer (&local)));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

/* Keeps @token as @profile's, in place of the one it had. */
void
sb_token_cache_store_async (SbTokenCache        *self,
                            SbProfile           *profile,
                            SbToken             *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (SB_IS_TOKEN_CACHE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));
  g_return_if_fail (SB_IS_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_token_cache_store_async);

  request = request_new (profile, store);
  request->username = g_strdup (sb_token_get_username (token));
  request->label = dup_label (profile, token);
  request->document = dup_document (token);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, boolean_thread);
}

gboolean
sb_token_cache_store_finish (SbTokenCache  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (SB_IS_TOKEN_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_token_cache_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

/* The token a kept document describes, or NULL for one this version cannot read or
 * that is not for @platform_url (the profile moved to another platform since). */
static SbToken *
token_from_document (const char *data,
                     gsize       len,
                     const char *platform_url)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) obtained_at = NULL;
  JsonObject *root;
  JsonObject *user;
  const char *platform;
  const char *access_token;
  SbToken *token = NULL;
  gint64 minutes;

  if (len > G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));
  platform = sb_json_object_get_string (root, "platform");
  access_token = sb_json_object_get_string (root, "access_token");
  minutes = json_object_get_int_member_with_default (root, "session_minutes", 0);
  if (sb_json_object_get_string (root, "obtained_at") != NULL)
    obtained_at = g_date_time_new_from_iso8601 (sb_json_object_get_string (root, "obtained_at"), NULL);

  if (json_object_get_int_member_with_default (root, "version", 0) == DOCUMENT_VERSION &&
      sb_url_same_origin (platform, platform_url) &&
      sb_token_is_valid_access_token (access_token) &&
      obtained_at != NULL && minutes > 0 && minutes <= 24 * 60)
    {
      token = sb_token_new (platform, access_token, sb_json_object_get_string (root, "token_type"),
                            obtained_at, (guint) minutes);
      if ((user = sb_json_object_get_object (root, "user")) != NULL)
        sb_token_set_user (token, user);
      sb_token_set_cached (token, TRUE);
    }

  if (access_token != NULL)
    wipe_token_member (root, strlen (access_token));

  return token;
}

static gpointer
lookup (SbTokenCache  *self,
        Request       *request,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) key = NULL;
  g_autoptr(GError) local = NULL;
  GList *items;
  gboolean locked = FALSE;
  SbToken *token = NULL;

  if (!(service = open_service (self, cancellable, error)))
    return NULL;

  key = dup_key_attributes (request);
  items = secret_service_search_sync (service, get_schema (), key, SECRET_SEARCH_ALL, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, explain (g_steal_pointer (&local)));
      return NULL;
    }

  for (GList *l = items; l != NULL && token == NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(SecretValue) value = NULL;
      const char *data;
      gsize len;

      if (secret_item_get_locked (item))
        {
          locked = TRUE;
          continue;
        }

      if (!secret_item_load_secret_sync (item, cancellable, &local))
        break;

      if ((value = secret_item_get_secret (item)) != NULL && (data = secret_value_get (value, &len)) != NULL)
        token = token_from_document (data, len, request->platform_url);
    }
  g_list_free_full (items, g_object_unref);

  if (token == NULL && local != NULL)
    g_propagate_error (error, explain (g_steal_pointer (&local)));
  else if (token == NULL && locked)
    g_propagate_error (error, locked_error ());

  return token;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  SbToken *token = run_request (source_object, task_data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

/* Looks for @profile's kept token; it may have expired since (see sb_token_get_seconds_left()). */
void
sb_token_cache_lookup_async (SbTokenCache        *self,
                             SbProfile           *profile,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_TOKEN_CACHE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_token_cache_lookup_async);
  g_task_set_task_data (task, request_new (profile, lookup), (GDestroyNotify) request_free);
  g_task_run_in_thread (task, lookup_thread);
}

/* The kept token, marked cached, or NULL without an error when none is kept. */
SbToken *
sb_token_cache_lookup_finish (SbTokenCache  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (SB_IS_TOKEN_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_token_cache_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Delete */

static gpointer
delete (SbTokenCache  *self,
        Request       *request,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(SecretService) service = NULL;

  if (!(service = open_service (self, cancellable, error)))
    return NULL;

  return clear_items (service, request, cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/* Deletes @profile's kept token; deleting none is no error. */
void
sb_token_cache_delete_async (SbTokenCache        *self,
                             SbProfile           *profile,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_TOKEN_CACHE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_token_cache_delete_async);
  g_task_set_task_data (task, request_new (profile, delete), (GDestroyNotify) request_free);
  g_task_run_in_thread (task, boolean_thread);
}

gboolean
sb_token_cache_delete_finish (SbTokenCache  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (SB_IS_TOKEN_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_token_cache_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
