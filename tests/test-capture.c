#include "config.h"

#include "sb-capture.h"
#include "sb-url.h"

#include <string.h>

static void
test_normalize (void)
{
  g_autofree char *plain = sb_capture_normalize_response ("PHNhbWxwOlJlc3Bv\n bnNlLz4=");
  g_autofree char *encoded = sb_capture_normalize_response ("PD94bWw%2BPHNhbWw%2FPg%3D%3D");

  g_assert_cmpstr (plain, ==, "PHNhbWxwOlJlc3BvbnNlLz4=");
  g_assert_cmpstr (encoded, ==, "PD94bWw+PHNhbWw/Pg==");
}

static void
test_acs_shape (void)
{
  g_assert_true (sb_capture_url_is_acs ("https://anypoint.mulesoft.com/accounts/login/receive-id"));
  g_assert_true (sb_capture_url_is_acs ("https://eu1.anypoint.mulesoft.com/accounts/login/acme/providers/1f2e/receive-id"));
  g_assert_true (sb_capture_url_is_acs ("http://127.0.0.1:8080/accounts/login/acme/providers/x/receive-id?x=1"));
  g_assert_false (sb_capture_url_is_acs ("https://anypoint.mulesoft.com/accounts/login/acme/receive-id"));
  g_assert_false (sb_capture_url_is_acs ("https://anypoint.mulesoft.com/accounts/login/acme/providers//receive-id"));
  g_assert_false (sb_capture_url_is_acs ("https://anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-idx"));
  g_assert_false (sb_capture_url_is_acs ("https://anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-id/more"));
  g_assert_false (sb_capture_url_is_acs ("https://idp.example.com/saml/acs"));
  g_assert_false (sb_capture_url_is_acs ("not a url"));
}

/* What the platform would route to the same sign-in address is the same address. */
static void
test_acs_variants (void)
{
  static const char * const variants[] = {
    "https://anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-id",
    "https://anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-id/",
    "https://ANYPOINT.mulesoft.com/Accounts/LOGIN/acme/Providers/p1/Receive-ID",
    "https://anypoint.mulesoft.com//accounts///login/acme/providers/p1/receive-id",
    "https://anypoint.mulesoft.com/accounts/./login/acme/providers/other/../p1/receive-id",
    "https://anypoint.mulesoft.com/accounts;a=1/login/acme/providers/p1/receive-id;jsessionid=2",
    "https://anypoint.mulesoft.com/accounts%2Flogin/acme/providers/p1/%72eceive-id",
    "https://anypoint.mulesoft.com:443/accounts/login/acme/providers/p1/receive-id?x=1#y",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *canonical = sb_capture_dup_canonical_acs (variants[i]);
      g_autoptr(SbCapture) capture = sb_capture_new (variants[i], "PD94", NULL);

      g_assert_cmpstr (canonical, ==, variants[0]);
      g_assert_cmpstr (sb_capture_get_acs_url (capture), ==, variants[0]);
    }

  g_assert_null (sb_capture_dup_canonical_acs ("https://anypoint.mulesoft.com/accounts/login/acme/providers/p1/../receive-id"));
  g_assert_null (sb_capture_dup_canonical_acs ("https://anypoint.mulesoft.com/accounts/logins/acme/providers/p1/receive-id"));
}

static void
test_url_equal (void)
{
  g_assert_true (sb_capture_url_equal ("https://a.example.com/acs", "https://a.example.com/acs"));
  g_assert_true (sb_capture_url_equal ("HTTPS://a.example.com/acs", "https://a.example.com/acs"));
  g_assert_true (sb_capture_url_equal ("https://a.example.com:443/acs", "https://a.example.com/acs"));
  g_assert_true (sb_capture_url_equal (NULL, NULL));
  g_assert_false (sb_capture_url_equal ("https://a.example.com/acs", NULL));
  g_assert_false (sb_capture_url_equal ("a:/.//b", "a:/.//c"));
  g_assert_false (sb_capture_url_equal ("https://a.example.com/acs", "https://a.example.com/ACS"));
  g_assert_false (sb_capture_url_equal ("https://a.example.com/acs", "http://a.example.com/acs"));
  g_assert_false (sb_capture_url_equal ("https://a.example.com:8443/acs", "https://a.example.com/acs"));
  g_assert_false (sb_capture_url_equal ("https://a.example.com/acs", "https://a.example.com/acs?x=1"));
  g_assert_false (sb_capture_url_equal ("not a url", "https://a.example.com/acs"));
}

static void
test_url_matches_target (void)
{
  const char *target = "https://sp.example.com/saml/acs";

  /* An address: itself, with a query or fragment, or below it. */
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com/saml/acs", target));
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com:443/saml/acs", target));
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com/saml/acs?x=1", target));
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com/saml/acs#top", target));
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com/saml/acs/post", target));
  g_assert_false (sb_capture_url_matches_target ("https://sp.example.com/saml/acs-other", target));
  g_assert_false (sb_capture_url_matches_target ("https://sp.example.com/saml", target));
  g_assert_false (sb_capture_url_matches_target ("https://other.example.com/saml/acs", target));
  g_assert_false (sb_capture_url_matches_target ("http://sp.example.com/saml/acs", target));

  /* An address ending in a slash matches everything below it. */
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com/saml/acs-other", "https://sp.example.com/saml/"));
  g_assert_false (sb_capture_url_matches_target ("https://sp.example.com/other", "https://sp.example.com/saml/"));

  /* A host: every address on it, in any case, and nothing on another host. */
  g_assert_true (sb_capture_url_matches_target ("https://sp.example.com/anything?x", "sp.example.com"));
  g_assert_true (sb_capture_url_matches_target ("http://SP.example.com:8080/", "sp.example.com"));
  g_assert_false (sb_capture_url_matches_target ("https://sp.example.com.evil.test/", "sp.example.com"));
  g_assert_false (sb_capture_url_matches_target ("https://evil.test/?sp.example.com", "sp.example.com"));
  g_assert_false (sb_capture_url_matches_target ("data:text/html,sp.example.com", "sp.example.com"));
  g_assert_false (sb_capture_url_matches_target ("not a url", "sp.example.com"));

  /* No target, no match. */
  g_assert_false (sb_capture_url_matches_target ("https://sp.example.com/saml/acs", ""));
  g_assert_false (sb_capture_url_matches_target ("https://sp.example.com/saml/acs", NULL));
  g_assert_false (sb_capture_url_matches_target (NULL, target));
}

static void
test_check_platform (void)
{
  g_autoptr(SbCapture) ok = sb_capture_new ("https://anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-id", "PD94", NULL);
  g_autoptr(SbCapture) eu = sb_capture_new ("https://eu1.anypoint.mulesoft.com/accounts/login/acme/providers/p1/receive-id", "PD94", "");
  g_autoptr(SbCapture) plain = sb_capture_new ("http://anypoint.mulesoft.com/accounts/login/receive-id", "PD94", NULL);
  g_autoptr(SbCapture) loopback = sb_capture_new ("http://127.0.0.1:4321/accounts/login/receive-id", "PD94", NULL);
  g_autoptr(SbCapture) elsewhere = sb_capture_new ("https://anypoint.mulesoft.com/somewhere/else", "PD94", NULL);
  g_autoptr(SbCapture) empty = sb_capture_new ("https://anypoint.mulesoft.com/accounts/login/receive-id", " \n", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_capture_check_platform (ok, "https://anypoint.mulesoft.com", &error));
  g_assert_no_error (error);
  g_assert_null (sb_capture_get_relay_state (eu));

  g_assert_false (sb_capture_check_platform (eu, "https://anypoint.mulesoft.com", &error));
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_WRONG_PLATFORM);
  g_assert_nonnull (strstr (error->message, "eu1.anypoint.mulesoft.com"));
  g_assert_nonnull (strstr (error->message, "but this profile is for anypoint.mulesoft.com"));
  g_clear_error (&error);

  g_assert_false (sb_capture_check_platform (plain, "http://anypoint.mulesoft.com", &error));
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_INSECURE);
  g_clear_error (&error);

  g_assert_true (sb_capture_check_platform (loopback, "http://127.0.0.1:4321", &error));
  g_assert_no_error (error);

  g_assert_false (sb_capture_check_platform (elsewhere, "https://anypoint.mulesoft.com", &error));
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_NOT_ACS);
  g_clear_error (&error);

  g_assert_false (sb_capture_check_platform (empty, "https://anypoint.mulesoft.com", &error));
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_EMPTY);
}

static void
test_urls (void)
{
  g_autofree char *host = sb_url_display_host ("https://eu1.anypoint.mulesoft.com/accounts");
  g_autofree char *host_port = sb_url_display_host ("http://127.0.0.1:8080/x");

  g_assert_true (sb_url_host_is_loopback ("127.0.0.1"));
  g_assert_true (sb_url_host_is_loopback ("127.3.2.1"));
  g_assert_true (sb_url_host_is_loopback ("::1"));
  g_assert_true (sb_url_host_is_loopback ("LOCALHOST"));
  g_assert_false (sb_url_host_is_loopback ("10.0.0.1"));
  g_assert_false (sb_url_host_is_loopback ("localhost.example.com"));

  g_assert_true (sb_url_is_allowed ("https://anypoint.mulesoft.com"));
  g_assert_true (sb_url_is_allowed ("http://localhost:9000/"));
  g_assert_true (sb_url_is_allowed ("http://[::1]:9000/"));
  g_assert_false (sb_url_is_allowed ("http://anypoint.mulesoft.com"));
  g_assert_false (sb_url_is_allowed ("ftp://anypoint.mulesoft.com"));

  g_assert_true (sb_url_same_origin ("https://Anypoint.mulesoft.com/a", "https://anypoint.mulesoft.com:443/b"));
  g_assert_false (sb_url_same_origin ("https://anypoint.mulesoft.com", "http://anypoint.mulesoft.com"));
  g_assert_false (sb_url_same_origin ("http://127.0.0.1:1", "http://127.0.0.1:2"));

  g_assert_cmpstr (host, ==, "eu1.anypoint.mulesoft.com");
  g_assert_cmpstr (host_port, ==, "127.0.0.1:8080");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture/normalize", test_normalize);
  g_test_add_func ("/capture/acs-shape", test_acs_shape);
  g_test_add_func ("/capture/acs-variants", test_acs_variants);
  g_test_add_func ("/capture/url-equal", test_url_equal);
  g_test_add_func ("/capture/url-matches-target", test_url_matches_target);
  g_test_add_func ("/capture/check-platform", test_check_platform);
  g_test_add_func ("/url/helpers", test_urls);

  return g_test_run ();
}
