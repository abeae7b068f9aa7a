#include "config.h"

#include "sb-profile.h"

#include <string.h>

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

static void
test_store (void)
{
  g_autoptr(SbProfile) profile = sb_profile_new (NULL);
  g_autoptr(SbProfile) loaded = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_false (sb_profile_is_complete (profile));
  sb_profile_set_name (profile, "Work EU");
  sb_profile_set_platform_url (profile, "https://eu1.anypoint.mulesoft.com");
  sb_profile_set_idp_url (profile, "https://login.example.com/app/sso");
  sb_profile_set_session_minutes (profile, 90);
  sb_profile_set_remember (profile, TRUE);
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
  g_autofree char *dir_a = sb_profile_dup_data_dir (a);
  g_autofree char *dir_b = sb_profile_dup_data_dir (b);

  g_assert_cmpstr (dir_a, !=, dir_b);
  g_assert_true (g_str_has_prefix (dir_a, g_get_user_data_dir ()));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/normalize-platform", test_normalize_platform);
  g_test_add_func ("/profile/normalize-idp", test_normalize_idp);
  g_test_add_func ("/profile/store", test_store);
  g_test_add_func ("/profile/data-dirs", test_data_dirs_differ);

  return g_test_run ();
}
