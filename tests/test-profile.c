#include "config.h"

#include "sb-profile.h"
#include "sb-profile-store.h"
#include "sb-url.h"

#include <glib/gstdio.h>
#include <string.h>

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_normalize_platform (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *eu = sb_profile_normalize_platform_url (" eu1.anypoint.mulesoft.com/accounts ", &error);
  g_autofree char *local = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (eu, ==, "https://eu1.anypoint.mulesoft.com");

  local = sb_profile_normalize_platform_url ("http://127.0.0.1:8081/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (local, ==, "http://127.0.0.1:8081");

  bad = sb_profile_normalize_platform_url ("http://anypoint.mulesoft.com", &error);
  g_assert_null (bad);
  g_assert_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INSECURE);
  g_clear_error (&error);

  g_assert_null (sb_profile_normalize_platform_url ("", &error));
  g_assert_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (sb_profile_normalize_platform_url ("mailto:someone@example.com", &error));
  g_assert_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INVALID_URL);
  g_clear_error (&error);

  g_assert_null (sb_profile_normalize_platform_url ("bad url here", &error));
  g_assert_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INVALID_URL);
}

static void
test_normalize_idp (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *okta = sb_profile_normalize_idp_url ("https://acme.okta.com/home/acme_anypoint_1/0oa1/aln1?fromHome=true", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (okta, ==, "https://acme.okta.com/home/acme_anypoint_1/0oa1/aln1?fromHome=true");
  g_assert_null (sb_profile_normalize_idp_url ("http://idp.example.com/sso", &error));
  g_assert_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INSECURE);
}

/* Portal home pages are valid addresses that sign in to no app: they get a warning. */
static void
test_portal_home (void)
{
  const char *homes[] = {
    "https://acme.okta.com",
    "https://acme.okta.com/",
    "https://acme.okta.com/app/UserHome",
    "https://acme.okta.com/app/UserHome?iss=x",
    "https://acme.oktapreview.com/",
    "https://myapps.microsoft.com/",
    "https://myapps.microsoft.com/acme.onmicrosoft.com",
    "https://launcher.myapps.microsoft.com/",
    "https://launcher.myapps.microsoft.com/api/signin/",
    "https://adfs.example.com/adfs/ls/IdpInitiatedSignOn.aspx",
    "https://adfs.example.com/adfs/ls/idpinitiatedsignon.aspx?SAMLRequest=",
    "https://acme.onelogin.com/portal",
    "https://acme.onelogin.com/portal/",
    "https://acme.onelogin.com/client/apps",
  };
  const char *apps[] = {
    "https://acme.okta.com/home/acme_anypoint_1/0oa1/aln1",
    "https://acme.okta.com/app/acme_anypoint_1/exk1/sso/saml",
    "https://okta.com/",
    "https://launcher.myapps.microsoft.com/api/signin/1c9e0b6e-0000?tenantId=2d1f",
    "https://myapps.microsoft.com/signin/Anypoint/1c9e0b6e-0000?tenantId=2d1f",
    "https://adfs.example.com/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=https://anypoint.mulesoft.com/saml",
    "https://adfs.example.com/adfs/ls/IdpInitiatedSignOn.aspx?LoginToRP=anypoint",
    "https://adfs.example.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState=RPID%3Danypoint",
    "https://acme.onelogin.com/launch/123456",
    "https://sso.example.com/",
    "https://idp.example.com/portal",
    "not an address",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      const char *warning = sb_url_describe_portal_home (homes[i]);

      g_test_message ("%s", homes[i]);
      g_assert_nonnull (warning);
      g_assert_cmpstr (warning, !=, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (apps); i++)
    {
      g_test_message ("%s", apps[i]);
      g_assert_null (sb_url_describe_portal_home (apps[i]));
    }

  g_assert_null (sb_url_describe_portal_home (NULL));
  g_assert_nonnull (strstr (sb_url_describe_portal_home ("https://acme.okta.com/"), "App Embed Link"));
  g_assert_nonnull (strstr (sb_url_describe_portal_home ("https://myapps.microsoft.com/"), "User access URL"));
}

static void
test_store (void)
{
  g_autoptr(SbProfile) profile = sb_profile_new (NULL);
  g_autoptr(SbProfile) loaded = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_false (sb_profile_is_complete (profile));
  /* Tokens are kept unless the profile says otherwise, for the root organization. */
  g_assert_true (sb_profile_get_keep_tokens (profile));
  g_assert_cmpstr (sb_profile_get_organization_id (profile), ==, "");
  sb_profile_set_name (profile, "Work EU");
  sb_profile_set_platform_url (profile, "https://eu1.anypoint.mulesoft.com");
  sb_profile_set_idp_url (profile, "https://login.example.com/app/sso");
  sb_profile_set_session_minutes (profile, 90);
  sb_profile_set_remember (profile, TRUE);
  sb_profile_set_keep_tokens (profile, FALSE);
  sb_profile_set_organization_id (profile, "bg-design");
  g_assert_true (sb_profile_is_complete (profile));
  sb_profile_save (profile);

  ids = sb_profile_list_ids ();
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, sb_profile_get_id (profile));

  loaded = sb_profile_load (ids[0]);
  g_assert_cmpstr (sb_profile_get_name (loaded), ==, "Work EU");
  g_assert_cmpstr (sb_profile_get_platform_url (loaded), ==, "https://eu1.anypoint.mulesoft.com");
  g_assert_cmpstr (sb_profile_get_idp_url (loaded), ==, "https://login.example.com/app/sso");
  g_assert_cmpuint (sb_profile_get_session_minutes (loaded), ==, 90);
  g_assert_true (sb_profile_get_remember (loaded));
  g_assert_false (sb_profile_get_keep_tokens (loaded));
  g_assert_cmpstr (sb_profile_get_organization_id (loaded), ==, "bg-design");
  g_assert_cmpint (sb_profile_get_kind (loaded), ==, SB_PROFILE_KIND_ANYPOINT);

  sb_profile_delete (loaded);
  after = sb_profile_list_ids ();
  g_assert_cmpuint (g_strv_length (after), ==, 0);
}

static void
test_data_dirs_differ (void)
{
  g_autoptr(SbProfile) a = sb_profile_new ("pa");
  g_autoptr(SbProfile) b = sb_profile_new ("pb");
  g_autoptr(SbProfile) unsaved = sb_profile_new (NULL);
  g_autofree char *dir_a = sb_profile_dup_data_dir (a);
  g_autofree char *dir_b = sb_profile_dup_data_dir (b);
  g_autofree char *cache_a = sb_profile_dup_cache_dir (a);
  g_autofree char *unsaved_data = sb_profile_dup_data_dir (unsaved);
  g_autofree char *unsaved_cache = sb_profile_dup_cache_dir (unsaved);
  g_autofree char *base_a = g_path_get_basename (dir_a);
  g_autofree char *base_cache_a = g_path_get_basename (cache_a);
  g_autofree char *base_data = g_path_get_basename (unsaved_data);
  g_autofree char *base_cache = g_path_get_basename (unsaved_cache);

  g_assert_cmpstr (dir_a, !=, dir_b);
  g_assert_true (g_str_has_prefix (dir_a, g_get_user_data_dir ()));
  g_assert_true (g_str_has_prefix (cache_a, g_get_user_cache_dir ()));

  /* Both folders are named after the same thing, for a saved and an unsaved profile alike. */
  g_assert_cmpstr (base_a, ==, "pa");
  g_assert_cmpstr (base_cache_a, ==, "pa");
  g_assert_cmpstr (base_data, ==, base_cache);
  g_assert_null (sb_profile_get_storage_id (unsaved));
}

/* Sets every writable property to something other than its default. */
static void
set_every_property (SbProfile *profile)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  sb_profile_set_name (profile, "Capture SP");
  sb_profile_set_kind (profile, SB_PROFILE_KIND_CAPTURE);
  sb_profile_set_platform_url (profile, "https://eu1.anypoint.mulesoft.com");
  sb_profile_set_idp_url (profile, "https://idp.example.com/sso");
  sb_profile_set_acs_url (profile, "https://sp.example.com/acs");
  sb_profile_set_learned_acs_url (profile, "https://eu1.anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-id");
  sb_profile_set_session_minutes (profile, 90);
  sb_profile_set_remember (profile, TRUE);
  sb_profile_set_keep_tokens (profile, FALSE);
  sb_profile_set_organization_id (profile, "bg-design");
  sb_profile_set_user_agent (profile, "Test/1.0");
  sb_profile_set_ca_file (profile, "/etc/ssl/extra.pem");
  sb_profile_set_client_certificate (profile, "pkcs11:token=test");
  sb_profile_set_client_key (profile, "/home/someone/key.pem");

  /* A property added later must be set here too, or this test cannot see it copied. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (profile), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (profile), pspecs[i]->name, &value);
      g_assert_false (g_param_value_defaults (pspecs[i], &value));
    }
}

static void
test_copy (void)
{
  g_autoptr(SbProfile) original = sb_profile_new ("poriginal");
  g_autoptr(SbProfile) copy = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree char *original_data = NULL;
  g_autofree char *copy_data = NULL;
  g_autofree char *original_cache = NULL;
  g_autofree char *copy_cache = NULL;
  guint n_pspecs;

  set_every_property (original);
  copy = sb_profile_copy (original);

  g_assert_null (sb_profile_get_id (copy));
  g_assert_cmpint (sb_profile_get_kind (copy), ==, SB_PROFILE_KIND_CAPTURE);
  g_assert_cmpstr (sb_profile_get_acs_url (copy), ==, "https://sp.example.com/acs");
  g_assert_true (sb_profile_get_remember (copy));
  g_assert_false (sb_profile_get_keep_tokens (copy));
  g_assert_cmpstr (sb_profile_get_organization_id (copy), ==, "bg-design");

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (original), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      g_value_init (&a, pspecs[i]->value_type);
      g_value_init (&b, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (original), pspecs[i]->name, &a);
      g_object_get_property (G_OBJECT (copy), pspecs[i]->name, &b);
      g_assert_cmpint (g_param_values_cmp (pspecs[i], &a, &b), ==, 0);
    }

  /* A remembered sign-in is found again through a copy. */
  g_assert_cmpstr (sb_profile_get_storage_id (copy), ==, "poriginal");
  original_data = sb_profile_dup_data_dir (original);
  copy_data = sb_profile_dup_data_dir (copy);
  original_cache = sb_profile_dup_cache_dir (original);
  copy_cache = sb_profile_dup_cache_dir (copy);
  g_assert_cmpstr (copy_data, ==, original_data);
  g_assert_cmpstr (copy_cache, ==, original_cache);

  /* The copy is its own object: changing it leaves the original alone. */
  sb_profile_set_name (copy, "Changed");
  g_assert_cmpstr (sb_profile_get_name (original), ==, "Capture SP");
}

static void
test_kind_saved (void)
{
  g_autoptr(SbProfile) profile = sb_profile_new (NULL);
  g_autoptr(SbProfile) loaded = NULL;

  set_every_property (profile);
  sb_profile_save (profile);
  loaded = sb_profile_load (sb_profile_get_id (profile));
  g_assert_cmpint (sb_profile_get_kind (loaded), ==, SB_PROFILE_KIND_CAPTURE);
  g_assert_cmpstr (sb_profile_get_acs_url (loaded), ==, "https://sp.example.com/acs");
  g_assert_cmpstr (sb_profile_get_client_certificate (loaded), ==, "pkcs11:token=test");
  sb_profile_delete (loaded);
}

static void
test_capture_address (void)
{
  const struct {
    const char *text;
    const char *stored;
  } valid[] = {
    { " https://sp.example.com/saml/acs ", "https://sp.example.com/saml/acs" },
    { "SP.example.org", "sp.example.org" },
    { "HTTPS://SP.Example.COM:443/SAML/acs?tenant=A%20B#top", "https://sp.example.com/SAML/acs?tenant=A%20B" },
    { "https://sp.example.com", "https://sp.example.com/" },
    { "https://sp.example.com:8443/acs", "https://sp.example.com:8443/acs" },
    { "http://[::1]:8080/acs", "http://[::1]:8080/acs" },
    { "http://127.0.0.1:8080/acs", "http://127.0.0.1:8080/acs" },
    { "http://localhost/acs", "http://localhost/acs" },
  };
  const struct {
    const char *text;
    int code;
  } invalid[] = {
    { "", SB_PROFILE_ERROR_EMPTY },
    { "   ", SB_PROFILE_ERROR_EMPTY },
    { "http://sp.example.com/acs", SB_PROFILE_ERROR_INSECURE },
    { "bad host", SB_PROFILE_ERROR_INVALID_URL },
    { "https://bad host/acs", SB_PROFILE_ERROR_INVALID_URL },
    { "ftp://sp.example.com/acs", SB_PROFILE_ERROR_INVALID_URL },
    { "https://user@sp.example.com/acs", SB_PROFILE_ERROR_INVALID_URL },
    { "sp.example.com:8443", SB_PROFILE_ERROR_INVALID_URL },
    { ".example.com", SB_PROFILE_ERROR_INVALID_URL },
    { "example.com.", SB_PROFILE_ERROR_INVALID_URL },
    { "sp..example.com", SB_PROFILE_ERROR_INVALID_URL },
    { "https://", SB_PROFILE_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = sb_profile_normalize_capture_address (valid[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (stored, ==, valid[i].stored);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = sb_profile_normalize_capture_address (invalid[i].text, &error);

      g_assert_null (stored);
      g_assert_error (error, SB_PROFILE_ERROR, invalid[i].code);
    }
}

static void
test_known_platforms (void)
{
  const SbKnownPlatform *platforms;
  guint n_platforms = 0;

  platforms = sb_profile_get_known_platforms (&n_platforms);
  g_assert_cmpuint (n_platforms, ==, 3);
  g_assert_cmpstr (platforms[0].url, ==, "https://anypoint.mulesoft.com");
  for (guint i = 0; i < n_platforms; i++)
    {
      g_autofree char *normalized = sb_profile_normalize_platform_url (platforms[i].url, NULL);

      /* Stored addresses are normalized, and the known ones must match them. */
      g_assert_cmpstr (normalized, ==, platforms[i].url);
      g_assert_true (sb_profile_is_known_platform (platforms[i].url));
      g_assert_nonnull (platforms[i].name);
      g_assert_nonnull (platforms[i].region);
    }
  g_assert_false (sb_profile_is_known_platform ("https://platform.example.com"));
  g_assert_false (sb_profile_is_known_platform (NULL));
}

static char *
save_profile (const char *name)
{
  g_autoptr(SbProfile) profile = sb_profile_new (NULL);

  sb_profile_set_name (profile, name);
  sb_profile_set_idp_url (profile, "https://idp.example.com/sso");
  sb_profile_save (profile);
  iterate ();

  return g_strdup (sb_profile_get_id (profile));
}

static void
make_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "cookie", -1, &error);
  g_assert_no_error (error);
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_profile_store (void)
{
  SbProfileStore *store = sb_profile_store_get_default ();
  g_autofree char *work = save_profile ("Work");
  g_autofree char *eu = save_profile ("EU Team");
  g_autoptr(SbProfile) first = NULL;
  g_autoptr(SbProfile) last = NULL;
  g_autoptr(SbProfile) fresh = sb_profile_new (NULL);
  g_autoptr(SbProfile) reloaded = NULL;
  g_autoptr(SbProfile) elsewhere = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *last_id = NULL;
  g_auto(GStrv) ids = NULL;
  SbProfile *work_profile;
  guint changes = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == SB_TYPE_PROFILE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (sb_profile_get_id (first), ==, work);
  g_assert_cmpstr (sb_profile_get_name (first), ==, "Work");

  /* By id, by name, or not at all. */
  work_profile = sb_profile_store_lookup (store, work);
  g_assert_true (work_profile == first);
  g_assert_true (sb_profile_store_find (store, "EU Team") == sb_profile_store_lookup (store, eu));
  g_assert_true (sb_profile_store_find (store, work) == first);
  g_assert_null (sb_profile_store_find (store, "Nobody"));
  g_assert_null (sb_profile_store_lookup (store, NULL));

  /* The first profile until one is used; an unsaved one is not remembered. */
  last = sb_profile_store_dup_last_used (store);
  g_assert_true (last == first);
  g_clear_object (&last);
  sb_profile_store_set_last_used (store, sb_profile_store_lookup (store, eu));
  last = sb_profile_store_dup_last_used (store);
  g_assert_cmpstr (sb_profile_get_id (last), ==, eu);
  g_clear_object (&last);
  sb_profile_store_set_last_used (store, fresh);
  last_id = g_settings_get_string (settings, "last-profile");
  g_assert_cmpstr (last_id, ==, eu);

  /* A listed profile is saved as it changes, and follows what others save. */
  sb_profile_set_session_minutes (work_profile, 45);
  reloaded = sb_profile_load (work);
  g_assert_cmpuint (sb_profile_get_session_minutes (reloaded), ==, 45);
  elsewhere = sb_profile_load (work);
  sb_profile_set_user_agent (elsewhere, "Elsewhere/2.0");
  sb_profile_save (elsewhere);
  iterate ();
  g_assert_cmpstr (sb_profile_get_user_agent (work_profile), ==, "Elsewhere/2.0");
  g_assert_cmpuint (sb_profile_get_session_minutes (work_profile), ==, 45);

  /* Adding lists the very object given. */
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  sb_profile_set_name (fresh, "Fresh");
  sb_profile_store_add (store, fresh);
  iterate ();
  g_assert_cmpuint (changes, ==, 1);
  g_assert_nonnull (sb_profile_get_id (fresh));
  g_assert_true (sb_profile_store_lookup (store, sb_profile_get_id (fresh)) == fresh);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  /* Deleting takes the settings, the last-used mark and the folders. */
  data_dir = sb_profile_dup_data_dir (sb_profile_store_lookup (store, eu));
  cache_dir = sb_profile_dup_cache_dir (sb_profile_store_lookup (store, eu));
  make_file (data_dir, "cookies.sqlite");
  make_file (cache_dir, "entry");
  sb_profile_store_delete_async (store, sb_profile_store_lookup (store, eu), NULL, async_done_cb, &result);
  g_assert_null (sb_profile_store_lookup (store, eu));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_true (sb_profile_store_delete_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
  ids = sb_profile_list_ids ();
  g_assert_false (g_strv_contains ((const char * const *)ids, eu));
  g_clear_pointer (&last_id, g_free);
  last_id = g_settings_get_string (settings, "last-profile");
  g_assert_cmpstr (last_id, ==, "");
  last = sb_profile_store_dup_last_used (store);
  g_assert_true (last == first);
  g_clear_object (&last);

  /* Forgetting keeps the profile. */
  g_clear_object (&result);
  g_clear_pointer (&data_dir, g_free);
  data_dir = sb_profile_dup_data_dir (first);
  make_file (data_dir, "cookies.sqlite");
  sb_profile_store_forget_data_async (store, first, NULL, async_done_cb, &result);
  g_assert_true (sb_profile_store_forget_data_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  g_assert_true (sb_profile_store_lookup (store, work) == first);

  /* Profiles deleted elsewhere leave the list. */
  g_signal_handlers_disconnect_by_func (store, items_changed_cb, &changes);
  sb_profile_delete (reloaded);
  sb_profile_delete (fresh);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (sb_profile_store_dup_last_used (store));
}

/* Removes the folders the tests left behind, all of them empty. */
static void
remove_empty_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_empty_tree (child);
    }

  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("sb-test-profile-XXXXXX", NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);
  int status;

  /* Before anything asks GLib for them: it keeps the first answer. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/normalize-platform", test_normalize_platform);
  g_test_add_func ("/profile/normalize-idp", test_normalize_idp);
  g_test_add_func ("/profile/portal-home", test_portal_home);
  g_test_add_func ("/profile/store", test_store);
  g_test_add_func ("/profile/data-dirs", test_data_dirs_differ);
  g_test_add_func ("/profile/copy", test_copy);
  g_test_add_func ("/profile/kind-saved", test_kind_saved);
  g_test_add_func ("/profile/capture-address", test_capture_address);
  g_test_add_func ("/profile/known-platforms", test_known_platforms);
  g_test_add_func ("/profile/profile-store", test_profile_store);

  status = g_test_run ();
  remove_empty_tree (home);

  return status;
}
