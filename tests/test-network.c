/* Networking beyond the happy path: a proxy for the sign-in pages and for the
 * platform client, and a profile's own certificate authority for the platform. */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "sb-capture.h"
#include "sb-login-view.h"
#include "sb-mock.h"
#include "sb-platform.h"
#include "sb-proxy.h"
#include "sb-secret.h"
#include "sb-test-utils.h"

#include <string.h>

typedef struct {
  SbMock  *mock;
  SbProxy *proxy;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = sb_mock_new (&error);
  g_assert_no_error (error);
  f->proxy = sb_proxy_new (&error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->proxy);
  g_clear_object (&f->mock);

  sb_test_iterate ();
}

/* A capture of a fresh mock assertion, its ACS moved to @platform_url (same path). */
static SbCapture *
new_capture (Fixture    *f,
             const char *platform_url)
{
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *acs_url = NULL;
  g_autofree char *moved = NULL;
  const char *mock_platform = sb_mock_get_platform_url (f->mock);

  response = sb_mock_dup_saml_response (f->mock, NULL, &acs_url);
  g_assert_true (g_str_has_prefix (acs_url, mock_platform));
  moved = g_strconcat (platform_url, acs_url + strlen (mock_platform), NULL);

  return sb_capture_new (moved, response, NULL);
}

/* The login view: with a proxy set, the IdP page is fetched through it, loopback or not. */
static void
test_proxy_login_view (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SbProfile) profile = sb_profile_new (NULL);
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = sb_mock_dup_sso_url (f->mock, "login=0");
  g_autofree char *log = NULL;
  SbLoginView *view = SB_LOGIN_VIEW (sb_login_view_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);

  sb_profile_set_platform_url (profile, sb_mock_get_platform_url (f->mock));
  sb_profile_set_idp_url (profile, url);
  g_signal_connect_swapped (view, "captured", G_CALLBACK (g_set_object), &capture);

  sb_login_view_set_proxy (view, sb_proxy_get_url (f->proxy));
  sb_login_view_start (view, profile);

  g_assert_true (sb_test_wait_for_pointer (&capture, 30));

  log = sb_proxy_dup_log (f->proxy);
  g_test_message ("through the proxy:\n%s", log);
  g_assert_true (sb_proxy_saw (f->proxy, "GET", "/idp/sso"));
  /* Still captured, and the browser still sent nothing to the platform. */
  g_assert_false (sb_proxy_saw (f->proxy, "POST", "/accounts/"));
  g_assert_cmpuint (sb_mock_get_browser_post_count (f->mock), ==, 0);

  sb_login_view_stop (view);
  gtk_window_destroy (window);
}

/* The platform client: exchange and who-am-I go through the proxy. */
static void
test_proxy_platform (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbPlatform) platform = sb_platform_new (sb_mock_get_platform_url (f->mock));
  g_autoptr(SbCapture) capture = new_capture (f, sb_mock_get_platform_url (f->mock));
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  sb_platform_set_proxy (platform, sb_proxy_get_url (f->proxy));
  token = sb_test_exchange (platform, capture, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_true (sb_test_who_am_i (platform, token, &error));
  g_assert_no_error (error);

  g_assert_true (sb_proxy_saw (f->proxy, "POST", "/accounts/login/mock-org/providers/ok/receive-id"));
  g_assert_true (sb_proxy_saw (f->proxy, "GET", "/accounts/api/me"));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
}

/* The platform behind a private authority: refused by default, trusted with the profile's CA file. */
static void
test_ca_file_platform (Fixture       *f,
                       gconstpointer  data)
{
  gboolean with_ca = GPOINTER_TO_INT (data);
  g_autoptr(GTlsCertificate) leaf = sb_test_load_certificate ("test-leaf.pem", "test-leaf.key");
  g_autoptr(SbProxy) front = NULL;
  g_autoptr(SbPlatform) platform = NULL;
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = sb_test_tls_path ("test-ca.pem");
  g_autofree char *other_ca = sb_test_tls_path ("self-signed.pem");

  front = sb_proxy_new_reverse (sb_mock_get_platform_url (f->mock), leaf, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sb_proxy_get_url (front), "https://"));

  platform = sb_platform_new (sb_proxy_get_url (front));
  capture = new_capture (f, sb_proxy_get_url (front));

  if (!with_ca)
    {
      /* An unrelated authority does not help either. */
      sb_platform_set_ca_file (platform, other_ca);
      sb_platform_preconnect (platform);
      token = sb_test_exchange (platform, capture, NULL, &error);
      g_assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TLS);
      g_assert_null (token);
      g_assert_cmpuint (sb_proxy_get_request_count (front), ==, 0);
      g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
      return;
    }

  sb_platform_set_ca_file (platform, ca);
  sb_platform_preconnect (platform);
  token = sb_test_exchange (platform, capture, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_true (sb_test_who_am_i (platform, token, &error));
  g_assert_no_error (error);
  g_assert_true (sb_proxy_saw (front, "POST", "/accounts/login/mock-org/providers/ok/receive-id"));
  g_assert_true (sb_proxy_saw (front, "GET", "/accounts/api/me"));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
}

static void
add (const char    *path,
     gconstpointer  data,
     void         (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add ("/network/proxy/login-view", NULL, test_proxy_login_view);
  add ("/network/proxy/platform", NULL, test_proxy_platform);
  add ("/network/ca-file/platform-untrusted", GINT_TO_POINTER (FALSE), test_ca_file_platform);
  add ("/network/ca-file/platform-trusted", GINT_TO_POINTER (TRUE), test_ca_file_platform);

  return g_test_run ();
}
