#define G_LOG_DOMAIN "test-token-cache"

#include "config.h"

#include "sb-secret.h"
#include "sb-test-utils.h"
#include "sb-token-cache.h"

#include <libsecret/secret.h>
#include <string.h>

/* Against a real gnome-keyring-daemon on the test's own bus (tests/gui-test-wrapper
 * --keyring), and on a bus with no Secret Service (/token-cache/no-keyring/). Tokens are
 * fake; the tests compare them and never print them. */

#define PLATFORM     "https://eu1.anypoint.mulesoft.com"
#define IDP          "https://login.example.com/app/sso"
#define TOKEN_SCHEMA APP_ID ".Token"

static char *
new_fake_token (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("fake-", uuid, NULL);
}

static JsonObject *
new_user (const char *username)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"username\": \"%s\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\","
                          " \"organization\": {\"id\": \"o1\", \"name\": \"Analytical Engines\"},"
                          " \"memberOfOrganizations\": [{\"id\": \"o1\", \"name\": \"Analytical Engines\"},"
                          " {\"id\": \"bg1\", \"name\": \"Design\"}, {\"id\": \"bg2\", \"name\": \"Production\"}]}",
                          username);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static SbToken *
new_token (const char *platform,
           const char *access_token,
           const char *username,
           GDateTime  *obtained_at)
{
  SbToken *token = sb_token_new (platform, access_token, "bearer", obtained_at, 60);

  if (username != NULL)
    {
      g_autoptr(JsonObject) user = new_user (username);

      sb_token_set_user (token, user);
    }

  return token;
}

static SbProfile *
new_profile (const char *id,
             const char *name)
{
  SbProfile *profile = sb_profile_new (id);

  sb_profile_set_name (profile, name);
  sb_profile_set_platform_url (profile, PLATFORM);
  sb_profile_set_idp_url (profile, IDP);

  return profile;
}

static gboolean
store (SbTokenCache  *cache,
       SbProfile     *profile,
       SbToken       *token,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_token_cache_store_async (cache, profile, token, NULL, sb_test_on_result, &result);
  return sb_token_cache_store_finish (cache, sb_test_wait_for_result (&result), error);
}

static SbToken *
lookup (SbTokenCache  *cache,
        SbProfile     *profile,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_token_cache_lookup_async (cache, profile, NULL, sb_test_on_result, &result);
  return sb_token_cache_lookup_finish (cache, sb_test_wait_for_result (&result), error);
}

static gboolean
delete (SbTokenCache  *cache,
        SbProfile     *profile,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_token_cache_delete_async (cache, profile, NULL, sb_test_on_result, &result);
  return sb_token_cache_delete_finish (cache, sb_test_wait_for_result (&result), error);
}

static void
store_ok (SbProfile *profile,
          SbToken   *token)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store (sb_token_cache_get_default (), profile, token, &error));
  g_assert_no_error (error);
}

static void
delete_ok (SbProfile *profile)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (delete (sb_token_cache_get_default (), profile, &error));
  g_assert_no_error (error);
}

static SbToken *
lookup_ok (SbProfile *profile)
{
  g_autoptr(GError) error = NULL;
  SbToken *token = lookup (sb_token_cache_get_default (), profile, &error);

  g_assert_no_error (error);
  return token;
}

static void
assert_same_token (SbToken    *token,
                   const char *access_token)
{
  g_assert_nonnull (token);
  g_assert_true (g_str_equal (sb_token_get_access_token (token), access_token));
}

/* The items of our schema that hold @attribute = @value, as Passwords and Keys would list them. */
static GList *
find_items (const char *attribute,
            const char *value)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  g_hash_table_insert (attributes, (char *) "xdg:schema", (char *) TOKEN_SCHEMA);
  if (attribute != NULL)
    g_hash_table_insert (attributes, (char *) attribute, (char *) value);

  items = secret_service_search_sync (NULL, NULL, attributes, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                      NULL, &error);
  g_assert_no_error (error);

  return items;
}

/* The default keyring, the one a person unlocks when they log in. */
static SecretCollection *
dup_default_collection (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  SecretCollection *collection;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  return collection;
}

/* The label and schema name are copies. */
static void
assert_label (SecretItem *item,
              const char *expected)
{
  g_autofree char *label = secret_item_get_label (item);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_store_lookup (void)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbProfile) other = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbToken) none = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GDateTime) obtained_at = g_date_time_new_now_utc ();
  g_autoptr(SbSecret) access_token = new_fake_token ();

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("pstorelookup", "Work");
  other = new_profile ("pnothingkept", "Other");
  token = new_token (PLATFORM, access_token, "ada.lovelace", obtained_at);
  sb_profile_set_session_minutes (profile, 30);

  store_ok (profile, token);
  found = lookup_ok (profile);

  /* Everything comes back, the user with their business groups; it is marked as kept. */
  assert_same_token (found, access_token);
  g_assert_cmpstr (sb_token_get_platform_url (found), ==, PLATFORM);
  g_assert_cmpstr (sb_token_get_token_type (found), ==, "bearer");
  g_assert_true (g_date_time_equal (sb_token_get_obtained_at (found), sb_token_get_obtained_at (token)));
  g_assert_true (g_date_time_equal (sb_token_get_expires_at (found), sb_token_get_expires_at (token)));
  g_assert_cmpstr (sb_token_get_username (found), ==, "ada.lovelace");
  g_assert_cmpstr (sb_token_get_organization (found), ==, "Analytical Engines");
  groups = sb_token_dup_business_groups (found);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_true (sb_token_get_cached (found));
  g_assert_false (sb_token_get_cached (token));

  /* Nothing kept is no error. */
  none = lookup_ok (other);
  g_assert_null (none);
}

/* An expired token comes back too: whether it is still good is the caller's to judge. */
static void
test_expired (void)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -2);
  g_autoptr(SbSecret) access_token = new_fake_token ();

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("pexpired", "Old");
  token = new_token (PLATFORM, access_token, "ada.lovelace", earlier);
  store_ok (profile, token);

  found = lookup_ok (profile);
  assert_same_token (found, access_token);
  g_assert_cmpint (sb_token_get_seconds_left (found, NULL), <, 0);
}

/* One item per profile: a new token, even another user's, takes the old one's place. */
static void
test_replace (void)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) first = NULL;
  g_autoptr(SbToken) second = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbSecret) first_token = new_fake_token ();
  g_autoptr(SbSecret) second_token = new_fake_token ();
  GList *items;

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("preplace", "Work");
  first = new_token (PLATFORM, first_token, "ada.lovelace", NULL);
  second = new_token (PLATFORM, second_token, "grace.hopper", NULL);

  store_ok (profile, first);
  store_ok (profile, second);

  found = lookup_ok (profile);
  assert_same_token (found, second_token);
  g_assert_cmpstr (sb_token_get_username (found), ==, "grace.hopper");

  items = find_items ("profile", "preplace");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  assert_label (items->data, "Anypoint Platform token for grace.hopper (Work)");
  g_list_free_full (items, g_object_unref);
}

static void
test_delete (void)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbSecret) access_token = new_fake_token ();
  GList *items;

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("pdelete", "Work");
  token = new_token (PLATFORM, access_token, "ada.lovelace", NULL);
  store_ok (profile, token);

  delete_ok (profile);
  found = lookup_ok (profile);
  g_assert_null (found);
  items = find_items ("profile", "pdelete");
  g_assert_null (items);

  /* Deleting what is not there is no error. */
  delete_ok (profile);
}

/* A one-off profile (never saved) is told by its platform and sign-in address; it never
 * finds a saved profile's token, nor another one-off's. A copy of a saved profile is that profile. */
static void
test_unsaved (void)
{
  g_autoptr(SbProfile) unsaved = NULL;
  g_autoptr(SbProfile) same = NULL;
  g_autoptr(SbProfile) other_idp = NULL;
  g_autoptr(SbProfile) saved = NULL;
  g_autoptr(SbProfile) copy = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) saved_token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbToken) by_same = NULL;
  g_autoptr(SbToken) by_other = NULL;
  g_autoptr(SbToken) by_copy = NULL;
  g_autoptr(SbSecret) access_token = new_fake_token ();
  g_autoptr(SbSecret) saved_access_token = new_fake_token ();
  const char *idp = "https://one-off.example.com/sso";
  GList *items;

  if (!sb_test_require_keyring ())
    return;

  unsaved = new_profile (NULL, "");
  sb_profile_set_idp_url (unsaved, idp);
  same = new_profile (NULL, "Another name");
  sb_profile_set_idp_url (same, idp);
  sb_profile_set_platform_url (same, PLATFORM "/");
  other_idp = new_profile (NULL, "");
  sb_profile_set_idp_url (other_idp, "https://one-off.example.com/other");
  saved = new_profile ("punsavedtwin", "Saved");
  sb_profile_set_idp_url (saved, idp);

  token = new_token (PLATFORM, access_token, "ada.lovelace", NULL);
  store_ok (unsaved, token);

  found = lookup_ok (unsaved);
  assert_same_token (found, access_token);
  by_same = lookup_ok (same);
  assert_same_token (by_same, access_token);
  by_other = lookup_ok (other_idp);
  g_assert_null (by_other);
  g_clear_object (&found);
  found = lookup_ok (saved);
  g_assert_null (found);

  /* The saved twin's token does not replace the one-off's. */
  saved_token = new_token (PLATFORM, saved_access_token, "ada.lovelace", NULL);
  store_ok (saved, saved_token);
  g_clear_object (&found);
  found = lookup_ok (unsaved);
  assert_same_token (found, access_token);

  copy = sb_profile_copy (saved);
  by_copy = lookup_ok (copy);
  assert_same_token (by_copy, saved_access_token);

  /* The item says which one-off profile it is for; with no name, the platform names it. */
  items = find_items ("idp-url", idp);
  g_assert_cmpuint (g_list_length (items), ==, 2);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (l->data);

      if (g_str_equal (g_hash_table_lookup (attributes, "profile"), ""))
        assert_label (l->data, "Anypoint Platform token for ada.lovelace (eu1.anypoint.mulesoft.com)");
      else
        g_assert_cmpstr (g_hash_table_lookup (attributes, "profile"), ==, "punsavedtwin");
    }
  g_list_free_full (items, g_object_unref);
}

static void
test_profiles_apart (void)
{
  g_autoptr(SbProfile) work = NULL;
  g_autoptr(SbProfile) lab = NULL;
  g_autoptr(SbToken) work_token = NULL;
  g_autoptr(SbToken) lab_token = NULL;
  g_autoptr(SbToken) found_work = NULL;
  g_autoptr(SbToken) found_lab = NULL;
  g_autoptr(SbToken) gone = NULL;
  g_autoptr(SbToken) still = NULL;
  g_autoptr(SbSecret) work_access = new_fake_token ();
  g_autoptr(SbSecret) lab_access = new_fake_token ();

  if (!sb_test_require_keyring ())
    return;

  /* The same platform, IdP and user: only the profile tells them apart. */
  work = new_profile ("papartwork", "Work");
  lab = new_profile ("papartlab", "Lab");
  work_token = new_token (PLATFORM, work_access, "ada.lovelace", NULL);
  lab_token = new_token (PLATFORM, lab_access, "ada.lovelace", NULL);

  store_ok (work, work_token);
  store_ok (lab, lab_token);
  found_work = lookup_ok (work);
  found_lab = lookup_ok (lab);
  assert_same_token (found_work, work_access);
  assert_same_token (found_lab, lab_access);

  delete_ok (work);
  gone = lookup_ok (work);
  g_assert_null (gone);
  still = lookup_ok (lab);
  assert_same_token (still, lab_access);
}

/* A profile moved to another platform does not hand over its old platform's token. */
static void
test_platform_moved (void)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbSecret) access_token = new_fake_token ();

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("pmoved", "Work");
  token = new_token (PLATFORM, access_token, "ada.lovelace", NULL);
  store_ok (profile, token);

  sb_profile_set_platform_url (profile, "https://anypoint.mulesoft.com");
  found = lookup_ok (profile);
  g_assert_null (found);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (json);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
contains_secret (const char *text,
                 const char *secret)
{
  return text != NULL && strstr (text, secret) != NULL;
}

/* What a person sees in Passwords and Keys: a label they recognise, attributes that say
 * which profile and whose, in the default keyring; the token only in the secret. */
static void
test_item (void)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbProfile) unknown_user = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) anonymous = NULL;
  g_autoptr(SbSecret) access_token = new_fake_token ();
  g_autoptr(SbSecret) anonymous_access = new_fake_token ();
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *collection_prefix = NULL;
  g_autofree char *schema_name = NULL;
  g_autofree char *label = NULL;
  GHashTableIter iter;
  const char *key;
  const char *attribute;
  GList *items;
  SecretItem *item;

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("pitem", "Work");
  token = new_token (PLATFORM, access_token, "ada.lovelace", NULL);
  store_ok (profile, token);

  items = find_items ("profile", "pitem");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;

  assert_label (item, "Anypoint Platform token for ada.lovelace (Work)");
  schema_name = secret_item_get_schema_name (item);
  g_assert_cmpstr (schema_name, ==, TOKEN_SCHEMA);

  attributes = secret_item_get_attributes (item);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "profile"), ==, "pitem");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "platform"), ==, PLATFORM);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "idp-url"), ==, IDP);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "username"), ==, "ada.lovelace");
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &attribute))
    g_assert_false (contains_secret (attribute, access_token));
  label = secret_item_get_label (item);
  g_assert_false (contains_secret (label, access_token));

  /* The secret is a JSON document with the token. */
  value = secret_item_get_secret (item);
  g_assert_nonnull (value);
  document = parse_object (secret_value_get_text (value));
  g_assert_true (g_str_equal (json_object_get_string_member (document, "access_token"), access_token));
  g_assert_cmpstr (json_object_get_string_member (document, "platform"), ==, PLATFORM);
  g_assert_cmpint (json_object_get_int_member (document, "session_minutes"), ==, 60);
  g_assert_true (json_object_has_member (document, "obtained_at"));
  g_assert_true (json_object_has_member (document, "user"));

  /* In the default keyring. */
  collection = dup_default_collection ();
  collection_prefix = g_strconcat (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)), "/", NULL);
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (G_DBUS_PROXY (item)), collection_prefix));
  g_list_free_full (items, g_object_unref);

  /* While the platform has not said whose the token is, the label says which profile. */
  unknown_user = new_profile ("pitemanonymous", "Lab");
  anonymous = new_token (PLATFORM, anonymous_access, NULL, NULL);
  store_ok (unknown_user, anonymous);
  items = find_items ("profile", "pitemanonymous");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  assert_label (items->data, "Anypoint Platform token (Lab)");
  g_clear_pointer (&attributes, g_hash_table_unref);
  attributes = secret_item_get_attributes (items->data);
  g_assert_false (g_hash_table_contains (attributes, "username"));
  g_list_free_full (items, g_object_unref);
}

/* A locked keyring would need a prompt: it is reported, not waited for. Last, since the
 * keyring stays locked. */
static void
test_locked (void)
{
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbSecret) access_token = new_fake_token ();
  g_autoptr(GError) error = NULL;
  GList *objects;

  if (!sb_test_require_keyring ())
    return;

  profile = new_profile ("plocked", "Work");
  token = new_token (PLATFORM, access_token, "ada.lovelace", NULL);
  store_ok (profile, token);

  collection = dup_default_collection ();
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (secret_collection_get_service (collection), objects, NULL, NULL,
                                             &error), ==, 1);
  g_assert_no_error (error);
  g_list_free (objects);

  g_assert_false (store (sb_token_cache_get_default (), profile, token, &error));
  g_assert_error (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  found = lookup (sb_token_cache_get_default (), profile, &error);
  g_assert_null (found);
  g_assert_error (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "locked"));
}

/* Where no Secret Service runs (a bare session), every call says so at once. */
static void
test_unavailable (void)
{
  g_autoptr(SbTokenCache) cache = sb_token_cache_new ();
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(SbSecret) access_token = new_fake_token ();
  g_autoptr(GError) error = NULL;

  if (!sb_test_require_no_keyring ())
    return;

  profile = new_profile ("punavailable", "Work");
  token = new_token (PLATFORM, access_token, "ada.lovelace", NULL);

  g_assert_false (store (cache, profile, token, &error));
  g_assert_error (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  found = lookup (cache, profile, &error);
  g_assert_null (found);
  g_assert_error (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (delete (cache, profile, &error));
  g_assert_error (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SbProfile) profile = new_profile ("pcancelled", "Work");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SbToken) found = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sb_token_cache_lookup_async (sb_token_cache_get_default (), profile, cancellable, sb_test_on_result, &result);
  found = sb_token_cache_lookup_finish (sb_token_cache_get_default (), sb_test_wait_for_result (&result), &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-cache/store-lookup", test_store_lookup);
  g_test_add_func ("/token-cache/expired", test_expired);
  g_test_add_func ("/token-cache/replace", test_replace);
  g_test_add_func ("/token-cache/delete", test_delete);
  g_test_add_func ("/token-cache/unsaved", test_unsaved);
  g_test_add_func ("/token-cache/profiles-apart", test_profiles_apart);
  g_test_add_func ("/token-cache/platform-moved", test_platform_moved);
  g_test_add_func ("/token-cache/item", test_item);
  g_test_add_func ("/token-cache/cancelled", test_cancelled);
  g_test_add_func ("/token-cache/locked", test_locked);
  g_test_add_func ("/token-cache/no-keyring/unavailable", test_unavailable);
  g_test_add_func ("/token-cache/no-keyring/cancelled", test_cancelled);

  return g_test_run ();
}
