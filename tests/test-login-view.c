/* The login view against the mock IdP: every way an IdP submits is captured,
 * the browser never delivers the assertion, and untrusted reports are ignored. */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <webkit/webkit.h>

#include "sb-capture.h"
#include "sb-login-view.h"
#include "sb-login-view-private.h"
#include "sb-mock.h"
#include "sb-page-title.h"
#include "sb-saml.h"
#include "sb-url.h"
#include "sb-test-gtk-utils.h"
#include "sb-test-utils.h"

#include <string.h>

typedef struct {
  SbMock      *mock;
  GtkWindow   *window;
  SbLoginView *view;
  SbProfile   *profile;
  SbCapture   *capture;
  GError      *error;

  /* Pages of our own, for what the mock IdP does not do. */
  SoupServer  *pages;
  char        *pages_url;
  guint        attachment_requests;
  char        *report;
} Fixture;

static void
on_captured (SbLoginView *view,
             SbCapture   *capture,
             Fixture     *f)
{
  g_assert_null (f->capture);
  f->capture = g_object_ref (capture);
}

static void
on_failed (SbLoginView  *view,
           const GError *error,
           Fixture      *f)
{
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static gboolean
has_outcome (gpointer data)
{
  Fixture *f = data;

  return f->capture != NULL || f->error != NULL;
}

/* Runs the main loop until the view captured or failed, or @seconds pass. */
static gboolean
run_until_outcome (Fixture *f,
                   guint    seconds)
{
  return sb_test_wait_for (has_outcome, f, seconds);
}

static gboolean
is_loaded (gpointer data)
{
  Fixture *f = data;

  return !sb_login_view_get_loading (f->view) && sb_login_view_get_progress (f->view) >= 1.0;
}

static void
wait_loaded (Fixture *f)
{
  sb_test_run_for (200);
  g_assert_true (sb_test_wait_for (is_loaded, f, 30));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = sb_mock_new (&error);
  g_assert_no_error (error);

  f->view = SB_LOGIN_VIEW (sb_login_view_new ());
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (f->window, "login view test");
  gtk_window_set_default_size (f->window, 800, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);

  g_signal_connect (f->view, "captured", G_CALLBACK (on_captured), f);
  g_signal_connect (f->view, "failed", G_CALLBACK (on_failed), f);

  f->profile = sb_profile_new (NULL);
  sb_profile_set_platform_url (f->profile, sb_mock_get_platform_url (f->mock));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_login_view_stop (f->view);
  gtk_window_destroy (f->window);
  g_clear_object (&f->capture);
  g_clear_error (&f->error);
  g_clear_object (&f->profile);
  sb_test_run_for (50);
  g_clear_object (&f->mock);
  if (f->pages != NULL)
    soup_server_disconnect (f->pages);
  g_clear_object (&f->pages);
  g_clear_pointer (&f->pages_url, g_free);
  g_clear_pointer (&f->report, g_free);
}

static void
start (Fixture    *f,
       const char *query)
{
  g_autofree char *url = sb_mock_dup_sso_url (f->mock, query);

  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);
}

static void
assert_captured_for_platform (Fixture    *f,
                              const char *platform_url)
{
  g_autoptr(SbSaml) saml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *acs = g_strconcat (platform_url, "/accounts/login/mock-org/providers/ok/receive-id", NULL);
  const char *response;

  g_assert_no_error (f->error);
  g_assert_nonnull (f->capture);
  g_assert_cmpstr (sb_capture_get_acs_url (f->capture), ==, acs);

  response = sb_capture_get_saml_response (f->capture);
  g_assert_null (strchr (response, '%'));
  saml = sb_saml_new (response, strlen (response), &error);
  g_assert_no_error (error);
  g_assert_true (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_destination (saml), ==, acs);

  /* Give a leaked browser POST time to arrive, then check none did. */
  sb_test_run_for (300);
  g_assert_cmpuint (sb_mock_get_browser_post_count (f->mock), ==, 0);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

static void
test_capture_style (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *query = g_strdup_printf ("login=0&style=%s", (const char *)data);

  start (f, query);
  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
  g_assert_null (sb_capture_get_relay_state (f->capture));
}

static void
test_capture_button_click (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *query = g_strdup_printf ("login=0&style=%s", (const char *) data);
  g_autoptr(GError) error = NULL;
  int status = 0;

  start (f, query);
  wait_loaded (f);

  /* No script on that page: nothing is captured until a person presses the button. */
  sb_test_run_for (500);
  g_assert_null (f->capture);

  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  g_spawn_command_line_sync ("xdotool search --sync --onlyvisible --limit 1 --name \"^login view test$\" windowfocus --sync",
                             NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_spawn_command_line_sync ("xdotool key --delay 50 Tab Return", NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
}

static void
test_relay_state_and_url_encoding (Fixture       *f,
                                   gconstpointer  data)
{
  start (f, "login=0&style=submit&urlencoded=1&relay=%2Fhome%2Fapps");
  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
  g_assert_cmpstr (sb_capture_get_relay_state (f->capture), ==, "/home/apps");
}

static void
test_legacy_acs (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *acs = g_strconcat (sb_mock_get_platform_url (f->mock), "/accounts/login/receive-id", NULL);

  start (f, "login=0&legacy=1");
  g_assert_true (run_until_outcome (f, 30));
  g_assert_no_error (f->error);
  g_assert_cmpstr (sb_capture_get_acs_url (f->capture), ==, acs);
  g_assert_true (sb_capture_check_platform (f->capture, sb_mock_get_platform_url (f->mock), NULL));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The window a page opened, other than the test's own. */
static GtkWindow *
find_popup (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (window != f->window)
        return window;
    }

  return NULL;
}

static void
test_window_open_popup (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  start (f, (const char *)data);
  wait_loaded (f);

  /* A window opens for a person's click only: press the page's focused button. */
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  g_spawn_command_line_sync ("xdotool search --sync --onlyvisible --limit 1 --name \"^login view test$\" windowfocus --sync key Return",
                             NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));

  /* The window says which host it shows, and how securely. */
  {
    GtkWindow *popup = find_popup (f);
    GtkWidget *title = popup != NULL ? find_descendant (GTK_WIDGET (popup), SB_TYPE_PAGE_TITLE) : NULL;
    g_autofree char *expected = sb_url_display_host (sb_mock_get_idp_url (f->mock));
    g_autofree char *host = NULL;

    g_assert_nonnull (title);
    g_object_get (title, "host", &host, NULL);
    g_assert_cmpstr (host, ==, expected);
  }

  /* Stopping the sign-in closes every window the IdP opened. */
  sb_login_view_stop (f->view);
  sb_test_run_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
}

static void
test_fake_message_ignored (Fixture       *f,
                           gconstpointer  data)
{
  start (f, "login=0&style=fake-message");
  wait_loaded (f);
  g_assert_false (run_until_outcome (f, 4));
  g_assert_null (f->capture);
  g_assert_no_error (f->error);
  g_assert_cmpuint (sb_mock_get_browser_post_count (f->mock), ==, 0);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

static void
test_other_host_passes_through (Fixture       *f,
                                gconstpointer  data)
{
  start (f, "login=0&style=other-host");
  g_assert_false (run_until_outcome (f, 4));
  g_assert_null (f->capture);
  g_assert_no_error (f->error);

  /* SAML between federated parties is not ours to stop. */
  g_assert_cmpuint (sb_mock_get_federated_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_browser_post_count (f->mock), ==, 0);
}

static void
test_wrong_platform (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *other = sb_mock_get_other_platform_url (f->mock);
  g_autofree char *other_host = g_strdup (strstr (other, "://") + 3);

  start (f, "login=0&platform=other");
  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, other);

  g_assert_false (sb_capture_check_platform (f->capture, sb_mock_get_platform_url (f->mock), &error));
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_WRONG_PLATFORM);
  g_assert_nonnull (strstr (error->message, other_host));
}

static void
test_login_form_then_capture (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  int status = 0;

  start (f, NULL);
  wait_loaded (f);
  g_assert_null (f->capture);

  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  command = g_strdup_printf ("xdotool search --sync --onlyvisible --limit 1 --name \"^login view test$\" windowfocus --sync "
                             "type --delay 20 \"%s\"", SB_MOCK_USERNAME);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_free (command);
  command = g_strdup_printf ("xdotool key Tab type --delay 20 \"%s\"", SB_MOCK_PASSWORD);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_command_line_sync ("xdotool key Return", NULL, NULL, &status, &error);
  g_assert_no_error (error);

  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
}

static void
test_web_process_crash (Fixture       *f,
                        gconstpointer  data)
{
  start (f, NULL);
  wait_loaded (f);

  sb_login_view_crash (f->view);
  g_assert_true (run_until_outcome (f, 30));
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_CRASHED);

  /* Reload brings the page back. */
  g_clear_error (&f->error);
  sb_login_view_reload (f->view);
  wait_loaded (f);
  g_assert_no_error (f->error);
}

/* A page served over TLS with the named certificate and key. */
static SoupServer *
start_tls_page_server (const char  *cert_name,
                       const char  *key_name,
                       char       **url)
{
  return sb_test_tls_page_server_new (cert_name, key_name,
                                      "<html><body><form method=post action=/x><input name=u></form></body></html>",
                                      url);
}

/* An IdP whose certificate nobody trusts: an error that names the host and why, and no page. */
static void
test_idp_tls_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = start_tls_page_server ("self-signed.pem", "self-signed.key", &url);

  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_outcome (f, 30));
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_TLS);
  g_assert_nonnull (strstr (f->error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (f->error->message, "not signed by an authority this computer trusts"));
  g_assert_null (f->capture);
}

/* A port browsers block is refused before any request: an error that names the
 * address and the port, not an endless blank page. */
static void
test_load_blocked_port (Fixture       *f,
                        gconstpointer  data)
{
  sb_profile_set_idp_url (f->profile, "http://127.0.0.1:9/");
  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_outcome (f, 10));
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD);
  g_test_message ("%s", f->error->message);
  g_assert_nonnull (strstr (f->error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (f->error->message, "port 9"));
  g_assert_null (f->capture);
}

static void
serve_redirect (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, "sb-unknown://sign-in/?code=1");
}

static const char unknown_scheme_page[] =
  "<!DOCTYPE html><html><head><title>Opening the app</title>"
  "<script>location.replace('sb-unknown://sign-in/?code=1');</script></head><body></body></html>";

/* The load of @server's page fails with an error that names the sign-in page's host
 * (not the unknown address's) and the scheme. */
static void
assert_load_fails_at (Fixture    *f,
                      SoupServer *server)
{
  g_autofree char *url = sb_test_listen (server);

  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_outcome (f, 10));
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD);
  g_test_message ("%s", f->error->message);
  g_assert_nonnull (strstr (f->error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (f->error->message, "sb-unknown:"));
  g_assert_null (strstr (f->error->message, "code=1"));
  g_assert_null (f->capture);

  sb_login_view_stop (f->view);
  soup_server_disconnect (server);
}

/* The sign-in address redirects to a scheme the web view does not load. */
static void
test_load_redirect_scheme (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);

  soup_server_add_handler (server, NULL, serve_redirect, NULL, NULL);
  assert_load_fails_at (f, server);
}

/* The sign-in page's script sends the page there. */
static void
test_load_page_scheme (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);

  soup_server_add_handler (server, NULL, sb_test_serve_page, (gpointer) unknown_scheme_page, NULL);
  assert_load_fails_at (f, server);
}

#define ATTACHMENT_NAME "sb-test-refused-download.bin"

static const char download_page[] =
  "<!DOCTYPE html><html><head><title>Download</title></head><body><p>Your file is coming.</p>"
  "<script>window.addEventListener('load', function () { location.href = '/file'; });</script></body></html>";

static const char webauthn_page[] =
  "<!DOCTYPE html><html><head><title>Security key</title></head><body><p>Touch your security key.</p>"
  "<script>\n"
  "var report = 'credentials=' + typeof navigator.credentials + '&pkc=' + typeof window.PublicKeyCredential;\n"
  "try {\n"
  "  navigator.credentials.get({publicKey: {challenge: new Uint8Array(32), timeout: 2000, userVerification: 'discouraged'}})\n"
  "    .then(function () { location.href = '/report?' + report + '&result=resolved'; },\n"
  "          function (e) { location.href = '/report?' + report + '&result=' + encodeURIComponent(e.name); });\n"
  "} catch (e) { location.href = '/report?' + report + '&result=threw-' + encodeURIComponent(e.name); }\n"
  "</script></body></html>";

static const char plain_page[] =
  "<!DOCTYPE html><html><head><title>Plain</title></head><body><p>Nothing asks for a key here.</p>"
  "<script>if (window.PublicKeyCredential) { document.title = 'probe'; }</script></body></html>";

/* Asks for location, notifications and camera, and reports what the page was told. */
static const char permissions_page[] =
  "<!DOCTYPE html><html><head><title>Permissions</title></head><body><script>\n"
  "var results = {};\n"
  "var pending = 3;\n"
  "function done (name, value) {\n"
  "  results[name] = value;\n"
  "  if (--pending === 0)\n"
  "    location.href = '/report?geo=' + results.geo + '&notify=' + results.notify + '&media=' + results.media;\n"
  "}\n"
  "try {\n"
  "  navigator.geolocation.getCurrentPosition(function () { done('geo', 'granted'); },\n"
  "                                           function (e) { done('geo', 'error-' + e.code); }, {timeout: 10000});\n"
  "} catch (e) { done('geo', 'threw'); }\n"
  "try {\n"
  "  Notification.requestPermission().then(function (p) { done('notify', p); }, function () { done('notify', 'rejected'); });\n"
  "} catch (e) { done('notify', 'unavailable'); }\n"
  "try {\n"
  "  navigator.mediaDevices.getUserMedia({video: true, audio: true})\n"
  "    .then(function () { done('media', 'granted'); }, function (e) { done('media', e.name); });\n"
  "} catch (e) { done('media', 'unavailable'); }\n"
  "</script></body></html>";

static void
serve_test_page (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  const char *page = NULL;

  if (g_str_equal (path, "/file"))
    {
      static const char data[] = "\x7f" "ELF not really, just bytes";

      f->attachment_requests++;
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "Content-Disposition", "attachment; filename=\"" ATTACHMENT_NAME "\"");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_STATIC, data, sizeof data - 1);
      return;
    }

  if (g_str_equal (path, "/report"))
    {
      g_free (f->report);
      f->report = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
      page = "<!DOCTYPE html><html><head><title>Reported</title></head><body>Thanks.</body></html>";
    }
  else if (g_str_equal (path, "/download"))
    page = download_page;
  else if (g_str_equal (path, "/webauthn"))
    page = webauthn_page;
  else if (g_str_equal (path, "/plain"))
    page = plain_page;
  else if (g_str_equal (path, "/permissions"))
    page = permissions_page;

  if (page == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
start_page (Fixture    *f,
            const char *path)
{
  g_autofree char *url = NULL;

  if (f->pages == NULL)
    {
      f->pages = soup_server_new (NULL, NULL);
      soup_server_add_handler (f->pages, NULL, serve_test_page, f, NULL);
      f->pages_url = sb_test_listen (f->pages);
    }

  url = g_strconcat (f->pages_url, path, NULL);
  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);
}

static gboolean
run_until_report (Fixture *f,
                  guint    seconds)
{
  return sb_test_wait_for_pointer (&f->report, seconds);
}

static gboolean
has_notice (gpointer data)
{
  Fixture *f = data;

  return sb_login_view_get_notice (f->view) != NULL;
}

static gboolean
run_until_notice (Fixture *f,
                  guint    seconds)
{
  return sb_test_wait_for (has_notice, f, seconds);
}

static WebKitWebView *
find_web_view (GtkWidget *widget)
{
  if (WEBKIT_IS_WEB_VIEW (widget))
    return WEBKIT_WEB_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      WebKitWebView *found = find_web_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_not_downloaded (void)
{
  const char *dirs[] = {
    g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD),
    g_get_home_dir (),
    g_get_tmp_dir (),
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], ATTACHMENT_NAME, NULL);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* A page that sends a file: no download, and a notice that says what to do instead. */
static void
test_download_refused (Fixture       *f,
                       gconstpointer  data)
{
  start_page (f, "/download");
  g_assert_true (run_until_notice (f, 30));
  g_assert_cmpuint (f->attachment_requests, ==, 1);
  g_assert_nonnull (strstr (sb_login_view_get_notice (f->view), "does not download files"));
  g_assert_no_error (f->error);

  sb_test_run_for (500);
  assert_not_downloaded ();

  /* The close button hides the notice. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "login-view.close-notice", NULL);
  g_assert_null (sb_login_view_get_notice (f->view));
}

static void
on_download_failed (WebKitDownload *download,
                    GError         *error,
                    gboolean       *cancelled)
{
  *cancelled = g_error_matches (error, WEBKIT_DOWNLOAD_ERROR, WEBKIT_DOWNLOAD_ERROR_CANCELLED_BY_USER);
}

/* Downloads that skip the response policy (a link with "download", a script) are cancelled too. */
static void
test_download_started_cancelled (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(WebKitDownload) download = NULL;
  g_autofree char *url = NULL;
  WebKitWebView *web_view;
  gboolean cancelled = FALSE;

  start_page (f, "/plain");
  wait_loaded (f);
  web_view = find_web_view (GTK_WIDGET (f->view));
  g_assert_nonnull (web_view);

  url = g_strconcat (f->pages_url, "/file", NULL);
  download = g_object_ref (webkit_web_view_download_uri (web_view, url));
  g_signal_connect (download, "failed", G_CALLBACK (on_download_failed), &cancelled);

  g_assert_true (sb_test_wait_for_flag (&cancelled, 30));

  g_assert_nonnull (sb_login_view_get_notice (f->view));
  sb_test_run_for (300);
  assert_not_downloaded ();
}

/* A page asking for a security key gets a notice; the call itself goes on (and fails: no WebAuthn here). */
static void
test_webauthn_notice (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) script = g_resources_lookup_data (RESOURCE_PREFIX "/js/webauthn.js", 0, NULL);

  if (script == NULL)
    {
      g_test_skip ("js/webauthn.js is not in the GResource yet");
      return;
    }

  start_page (f, "/webauthn");
  g_assert_true (run_until_report (f, 30));
  g_test_message ("WebAuthn page saw: %s", f->report);

  g_assert_nonnull (sb_login_view_get_notice (f->view));
  g_assert_nonnull (strstr (sb_login_view_get_notice (f->view), "Security keys cannot be used"));
  g_assert_no_error (f->error);

  /* The page is told "not allowed", as a browser without a key would tell it, and is
   * not led to think keys work: PublicKeyCredential stays undefined. */
  g_assert_nonnull (strstr (f->report, "&pkc=undefined"));
  g_assert_nonnull (strstr (f->report, "result=NotAllowedError"));
}

static void
test_no_webauthn_no_notice (Fixture       *f,
                            gconstpointer  data)
{
  start_page (f, "/plain");
  wait_loaded (f);
  sb_test_run_for (500);
  g_assert_null (sb_login_view_get_notice (f->view));
}

/* Location, notifications, camera and microphone are refused, and the page is told so. */
static void
test_permissions_denied (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) report = NULL;
  g_autofree char *url = NULL;
  WebKitWebView *web_view;

  /* Fake camera and microphone, so the request gets as far as asking for permission. */
  start_page (f, "/plain");
  wait_loaded (f);
  web_view = find_web_view (GTK_WIDGET (f->view));
  g_assert_nonnull (web_view);
  webkit_settings_set_enable_mock_capture_devices (webkit_web_view_get_settings (web_view), TRUE);
  url = g_strconcat (f->pages_url, "/permissions", NULL);
  webkit_web_view_load_uri (web_view, url);

  g_assert_true (run_until_report (f, 30));
  g_test_message ("permissions page saw: %s", f->report);
  report = soup_form_decode (f->report);

  /* 1 is PERMISSION_DENIED. */
  g_assert_cmpstr (g_hash_table_lookup (report, "geo"), ==, "error-1");
  g_assert_cmpstr (g_hash_table_lookup (report, "notify"), ==, "denied");
  g_assert_cmpstr (g_hash_table_lookup (report, "media"), ==, "NotAllowedError");
}

/* The profile's user agent is what the IdP sees. */
static void
test_user_agent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *seen = NULL;
  g_autoptr(WebKitSettings) fresh = webkit_settings_new ();

  g_test_message ("WebKit's default user agent: %s", webkit_settings_get_user_agent (fresh));

  sb_profile_set_user_agent (f->profile, "SamlBearerTest/1.0");
  start (f, "login=0");
  g_assert_true (run_until_outcome (f, 30));
  seen = sb_mock_dup_last_user_agent (f->mock);
  g_assert_cmpstr (seen, ==, "SamlBearerTest/1.0");

  /* Cleared, the default comes back. */
  g_clear_object (&f->capture);
  g_clear_pointer (&seen, g_free);
  sb_profile_set_user_agent (f->profile, "");
  start (f, "login=0");
  g_assert_true (run_until_outcome (f, 30));
  seen = sb_mock_dup_last_user_agent (f->mock);
  g_assert_cmpstr (seen, ==, webkit_settings_get_user_agent (fresh));
}

/* An IdP behind a private authority: refused without the profile's CA file, loaded
 * (and shown as secure) with it, and still refused when the file holds another authority. */
static void
test_idp_ca_file (Fixture       *f,
                  gconstpointer  data)
{
  const char *ca_name = data;
  g_autofree char *ca_path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = start_tls_page_server ("test-leaf.pem", "test-leaf.key", &url);

  if (ca_name != NULL)
    {
      ca_path = sb_test_tls_path (ca_name);
      sb_profile_set_ca_file (f->profile, ca_path);
    }
  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);

  if (g_strcmp0 (ca_name, "test-ca.pem") == 0)
    {
      wait_loaded (f);
      sb_test_run_for (300);
      g_assert_no_error (f->error);
      g_assert_cmpint (sb_login_view_get_security (f->view), ==, SB_SECURITY_SECURE);
      g_assert_true (g_str_has_prefix (sb_login_view_get_host (f->view), "127.0.0.1"));
      return;
    }

  g_assert_true (run_until_outcome (f, 30));
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_TLS);
  g_assert_nonnull (strstr (f->error->message, "not signed by an authority this computer trusts"));
  if (ca_name != NULL)
    g_assert_nonnull (strstr (f->error->message, "certificate authority file"));
}

static gboolean
check_basic_password (SoupAuthDomain    *domain,
                      SoupServerMessage *message,
                      const char        *username,
                      const char        *password,
                      gpointer           user_data)
{
  return g_strcmp0 (username, "ada") == 0 && g_strcmp0 (password, "engine") == 0;
}

static void
serve_protected (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char page[] = "<!DOCTYPE html><html><head><title>Inside</title></head><body>Signed in.</body></html>";
  guint *served = user_data;

  (*served)++;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

typedef struct {
  Fixture    *f;
  const char *username;
  const char *password;
} Answer;

static gboolean
answer (gpointer data)
{
  Answer *a = data;

  return sb_login_view_answer_authentication (a->f->view, a->username, a->password);
}

static gboolean
run_until_answered (Fixture    *f,
                    const char *username,
                    const char *password)
{
  Answer a = { f, username, password };

  return sb_test_wait_for (answer, &a, 30);
}

/* A server whose pages need HTTP Basic authentication; counts the pages it served. */
static SoupServer *
start_basic_auth_server (guint  *served,
                         char  **url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(SoupAuthDomain) domain = NULL;
  g_autofree char *base = NULL;

  domain = soup_auth_domain_basic_new ("realm", "Test Realm", "auth-callback", check_basic_password, NULL);
  soup_auth_domain_add_path (domain, "/");
  soup_server_add_auth_domain (server, domain);
  soup_server_add_handler (server, NULL, serve_protected, served, NULL);
  base = sb_test_listen (server);
  *url = g_strconcat (base, "/inside", NULL);

  return server;
}

/* HTTP Basic authentication: a dialog asks; a wrong answer asks again, the right one opens the page. */
static void
test_http_authentication (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = NULL;
  guint served = 0;

  server = start_basic_auth_server (&served, &url);

  /* Nothing pending before the server asks. */
  g_assert_false (sb_login_view_answer_authentication (f->view, "ada", "engine"));

  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);

  g_assert_true (run_until_answered (f, "ada", "wrong"));
  sb_test_run_for (200);
  g_assert_cmpuint (served, ==, 0);

  g_assert_true (run_until_answered (f, "ada", "engine"));
  wait_loaded (f);
  g_assert_cmpuint (served, ==, 1);
  g_assert_no_error (f->error);
  g_assert_false (sb_login_view_answer_authentication (f->view, "ada", "engine"));
  g_assert_cmpuint (sb_test_count_dialogs (), ==, 0);

  soup_server_disconnect (server);
}

/* Cancelling the dialog leaves the server's refusal on the page, and no dialog behind. */
static void
test_http_authentication_cancelled (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = NULL;
  guint served = 0;

  server = start_basic_auth_server (&served, &url);

  sb_profile_set_idp_url (f->profile, url);
  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_answered (f, NULL, NULL));
  sb_test_run_for (500);
  g_assert_cmpuint (served, ==, 0);
  g_assert_cmpuint (sb_test_count_dialogs (), ==, 0);

  soup_server_disconnect (server);
}

/* A server that requires a TLS client certificate signed by the test client authority. */
typedef struct {
  SoupServer *server;
  char       *url;
  guint       with_certificate;
  guint       without_certificate;
} CertServer;

static void
serve_client_cert_page (SoupServer        *server,
                        SoupServerMessage *message,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  static const char accepted[] = "<!DOCTYPE html><html><head><title>Accepted</title></head><body>client certificate accepted</body></html>";
  static const char refused[] = "<!DOCTYPE html><html><head><title>Refused</title></head><body>no client certificate</body></html>";
  CertServer *cs = user_data;

  if (soup_server_message_get_tls_peer_certificate (message) != NULL)
    {
      cs->with_certificate++;
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, accepted, strlen (accepted));
    }
  else
    {
      cs->without_certificate++;
      soup_server_message_set_status (message, 403, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, refused, strlen (refused));
    }
}

/* libsoup 3.2 asks the message about every client certificate, and refuses it unless told:
 * accept exactly those the client authority vouches for. */
static gboolean
on_client_certificate (SoupServerMessage    *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return errors == 0;
}

static void
on_cert_request_started (SoupServer        *server,
                         SoupServerMessage *message,
                         gpointer           user_data)
{
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_client_certificate), NULL);
}

static void
cert_server_start (CertServer *cs)
{
  g_autofree char *client_ca = sb_test_tls_path ("client-ca.pem");
  g_autoptr(GTlsCertificate) certificate = sb_test_load_certificate ("test-leaf.pem", "test-leaf.key");
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = g_tls_file_database_new (client_ca, &error);
  g_assert_no_error (error);

  cs->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_set_tls_database (cs->server, database);
  soup_server_set_tls_auth_mode (cs->server, G_TLS_AUTHENTICATION_REQUIRED);
  g_signal_connect (cs->server, "request-started", G_CALLBACK (on_cert_request_started), NULL);
  soup_server_add_handler (cs->server, NULL, serve_client_cert_page, cs, NULL);
  cs->url = sb_test_listen (cs->server);
}

static void
cert_server_stop (CertServer *cs)
{
  soup_server_disconnect (cs->server);
  g_clear_object (&cs->server);
  g_clear_pointer (&cs->url, g_free);
}

/* A saved profile for the server, trusting its authority, with @certificate remembered. */
static void
use_saved_cert_profile (Fixture    *f,
                        CertServer *cs,
                        const char *certificate)
{
  g_autofree char *id = sb_profile_new_id ();
  g_autofree char *ca_path = sb_test_tls_path ("test-ca.pem");

  g_clear_object (&f->profile);
  f->profile = sb_profile_new (id);
  sb_profile_set_name (f->profile, "Client certificate");
  sb_profile_set_ca_file (f->profile, ca_path);
  sb_profile_set_idp_url (f->profile, cs->url);
  sb_profile_set_client_certificate (f->profile, certificate);
  sb_profile_save (f->profile);
}

static const char *
visible_dialog_body (void)
{
  AdwMessageDialog *dialog = sb_test_find_dialog ();

  return dialog != NULL ? adw_message_dialog_get_body (dialog) : NULL;
}

static gboolean
certificate_pending_or_failed (gpointer data)
{
  Fixture *f = data;

  return sb_login_view_get_certificate_pending (f->view) || f->error != NULL;
}

static gboolean
run_until_certificate_pending (Fixture *f,
                               guint    seconds)
{
  sb_test_wait_for (certificate_pending_or_failed, f, seconds);

  if (!sb_login_view_get_certificate_pending (f->view))
    g_test_message ("no certificate asked for: %s", f->error != NULL ? f->error->message : "no error");

  return sb_login_view_get_certificate_pending (f->view);
}

typedef struct {
  Fixture    *f;
  CertServer *cs;
} Accepted;

static gboolean
accepted_or_not (gpointer data)
{
  Accepted *a = data;

  return a->cs->with_certificate > 0 || a->f->error != NULL || sb_login_view_get_certificate_pending (a->f->view);
}

static gboolean
run_until_accepted (Fixture    *f,
                    CertServer *cs,
                    guint       seconds)
{
  Accepted a = { f, cs };

  sb_test_wait_for (accepted_or_not, &a, seconds);

  if (cs->with_certificate == 0)
    g_test_message ("no certificate reached the server: %s%s%s", f->error != NULL ? f->error->message : "no error",
                    sb_login_view_get_certificate_pending (f->view) ? "; asked again: " : "",
                    sb_login_view_get_certificate_pending (f->view) ? visible_dialog_body () : "");

  return cs->with_certificate > 0;
}

static void
assert_accepted_page (Fixture    *f,
                      CertServer *cs)
{
  wait_loaded (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (cs->with_certificate, >=, 1);
  g_assert_cmpint (sb_login_view_get_security (f->view), ==, SB_SECURITY_SECURE);
  g_assert_true (g_str_has_prefix (sb_login_view_get_host (f->view), "127.0.0.1"));
  g_assert_false (sb_login_view_get_certificate_pending (f->view));
  g_assert_cmpuint (sb_test_count_dialogs (), ==, 0);
}

/* No certificate remembered: a dialog asks; a PEM certificate and key open the page,
 * and "remember" keeps their paths (and nothing else) in the saved profile. */
static void
test_client_cert_pem (Fixture       *f,
                      gconstpointer  data)
{
  gboolean combined = GPOINTER_TO_INT (data);
  g_autofree char *cert_path = sb_test_tls_path (combined ? "client-combined.pem" : "client-cert.pem");
  g_autofree char *key_path = combined ? NULL : sb_test_tls_path ("client-key.pem");
  g_autoptr(SbProfile) saved = NULL;
  g_autoptr(SbProfile) stale = NULL;
  CertServer cs = { 0 };

  cert_server_start (&cs);
  use_saved_cert_profile (f, &cs, NULL);
  stale = sb_profile_load (sb_profile_get_id (f->profile));

  g_assert_false (sb_login_view_get_certificate_pending (f->view));
  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_certificate_pending (f, 30));
  g_assert_nonnull (strstr (visible_dialog_body (), "127.0.0.1"));
  sb_login_view_answer_certificate (f->view, cert_path, key_path, NULL, TRUE);

  g_assert_true (run_until_accepted (f, &cs, 30));
  assert_accepted_page (f, &cs);

  saved = sb_profile_load (sb_profile_get_id (f->profile));
  g_assert_cmpstr (sb_profile_get_client_certificate (saved), ==, cert_path);
  g_assert_cmpstr (sb_profile_get_client_key (saved), ==, combined ? "" : key_path);

  /* A copy loaded before (as Preferences holds one) does not forget it when it saves. */
  sb_profile_set_name (stale, "Renamed");
  sb_profile_save (stale);
  g_clear_object (&saved);
  saved = sb_profile_load (sb_profile_get_id (f->profile));
  g_assert_cmpstr (sb_profile_get_name (saved), ==, "Renamed");
  g_assert_cmpstr (sb_profile_get_client_certificate (saved), ==, cert_path);

  sb_profile_delete (f->profile);
  cert_server_stop (&cs);
}

/* A remembered PKCS#12 file: the dialog asks only for its password (the path is kept),
 * a wrong password brings it back with the reason, the right one opens the page. */
static gboolean
asks_again (gpointer data)
{
  const char *body = visible_dialog_body ();

  return body != NULL && strstr (body, "was not accepted") != NULL;
}

static void
test_client_cert_pkcs12 (Fixture       *f,
                         gconstpointer  data)
{
  gboolean wrong_first = GPOINTER_TO_INT (data);
  g_autofree char *p12_path = sb_test_tls_path ("client.p12");
  g_autoptr(SbProfile) saved = NULL;
  CertServer cs = { 0 };

  cert_server_start (&cs);
  use_saved_cert_profile (f, &cs, p12_path);

  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_certificate_pending (f, 30));
  g_assert_nonnull (strstr (visible_dialog_body (), "Enter the password"));

  if (wrong_first)
    {
      sb_login_view_answer_certificate (f->view, p12_path, NULL, "not-the-password", TRUE);
      /* Decrypting the file takes its time on a loaded machine: wait for the question again. */
      g_assert_true (sb_test_wait_for (asks_again, NULL, 10));
      g_assert_true (sb_login_view_get_certificate_pending (f->view));
      g_assert_nonnull (strstr (visible_dialog_body (), "was not accepted"));
      g_assert_cmpuint (sb_test_count_dialogs (), ==, 1);
      g_assert_cmpuint (cs.with_certificate, ==, 0);
    }

  sb_login_view_answer_certificate (f->view, p12_path, NULL, "test-password", TRUE);
  g_assert_true (run_until_accepted (f, &cs, 30));
  assert_accepted_page (f, &cs);

  /* Still remembered; no password was kept. */
  saved = sb_profile_load (sb_profile_get_id (f->profile));
  g_assert_cmpstr (sb_profile_get_client_certificate (saved), ==, p12_path);
  g_assert_cmpstr (sb_profile_get_client_key (saved), ==, "");

  sb_profile_delete (f->profile);
  cert_server_stop (&cs);
}

/* A remembered PEM certificate with its key is used without asking. */
static void
test_client_cert_remembered (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *cert_path = sb_test_tls_path ("client-combined.pem");
  CertServer cs = { 0 };

  cert_server_start (&cs);
  use_saved_cert_profile (f, &cs, cert_path);

  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_accepted (f, &cs, 30));
  assert_accepted_page (f, &cs);

  sb_profile_delete (f->profile);
  cert_server_stop (&cs);
}

/* Cancelled: the page goes on without a certificate and shows what the server does then
 * (here, a refusal); the dialog is not shown again, and no certificate reaches the server. */
static void
test_client_cert_cancelled (Fixture       *f,
                            gconstpointer  data)
{
  CertServer cs = { 0 };

  cert_server_start (&cs);
  use_saved_cert_profile (f, &cs, NULL);

  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_certificate_pending (f, 30));
  sb_login_view_answer_certificate (f->view, NULL, NULL, NULL, FALSE);
  g_assert_false (sb_login_view_get_certificate_pending (f->view));

  g_assert_true (run_until_outcome (f, 30));
  g_test_message ("after cancelling: %s", f->error->message);
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD);
  g_assert_cmpuint (cs.with_certificate, ==, 0);
  g_assert_false (sb_login_view_get_certificate_pending (f->view));
  g_assert_cmpuint (sb_test_count_dialogs (), ==, 0);

  /* Trying again asks again. */
  g_clear_error (&f->error);
  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_certificate_pending (f, 30));
  sb_login_view_answer_certificate (f->view, NULL, NULL, NULL, FALSE);
  g_assert_true (run_until_outcome (f, 30));
  g_assert_cmpuint (cs.with_certificate, ==, 0);

  sb_profile_delete (f->profile);
  cert_server_stop (&cs);
}

/* A certificate on a PKCS#11 token (SoftHSM, when installed) whose key wants a PIN. */
static char *hsm_dir;

static gboolean
run_shell (const char *command)
{
  int status = 0;

  return g_spawn_sync (NULL, (char *[]) { (char *)"/bin/sh", (char *)"-c", (char *)command, NULL }, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* Before WebKit starts: its network process must see the token's configuration. */
static void
set_up_softhsm (void)
{
  g_autofree char *conf = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cert_path = sb_test_tls_path ("client-cert.pem");
  g_autofree char *key_path = sb_test_tls_path ("client-key.pem");
  g_autofree char *command = NULL;
  g_autofree char *softhsm = g_find_program_in_path ("softhsm2-util");
  g_autofree char *p11tool = g_find_program_in_path ("p11tool");

  if (softhsm == NULL || p11tool == NULL)
    return;

  hsm_dir = g_dir_make_tmp ("sb-softhsm-XXXXXX", NULL);
  if (hsm_dir == NULL)
    return;

  conf = g_build_filename (hsm_dir, "softhsm2.conf", NULL);
  contents = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n", hsm_dir);
  if (!g_file_set_contents (conf, contents, -1, NULL))
    return;
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);

  /* Test values only: the token lives in a temporary directory and holds the test key. */
  command = g_strdup_printf ("softhsm2-util --init-token --free --label sb-test --pin 1234 --so-pin 5678 && "
                             "GNUTLS_PIN=1234 p11tool --login --write --label client --load-privkey '%s' 'pkcs11:token=sb-test' && "
                             "GNUTLS_PIN=1234 p11tool --login --write --label client --load-certificate '%s' 'pkcs11:token=sb-test'",
                             key_path, cert_path);
  if (!run_shell (command))
    g_clear_pointer (&hsm_dir, g_free);
}

static void
tear_down_softhsm (void)
{
  g_autofree char *command = NULL;

  if (hsm_dir == NULL)
    return;

  command = g_strdup_printf ("rm -rf '%s'", hsm_dir);
  run_shell (command);
  g_clear_pointer (&hsm_dir, g_free);
}

/* A pkcs11: certificate: a dialog asks for the token's PIN, again after a wrong one, and the right one opens the page. */
static void
test_client_cert_pkcs11 (Fixture       *f,
                         gconstpointer  data)
{
  CertServer cs = { 0 };

  if (hsm_dir == NULL)
    {
      g_test_skip ("SoftHSM (softhsm2-util) and p11tool are needed");
      return;
    }

  cert_server_start (&cs);
  use_saved_cert_profile (f, &cs, NULL);

  sb_login_view_start (f->view, f->profile);
  g_assert_true (run_until_certificate_pending (f, 30));
  sb_login_view_answer_certificate (f->view, "pkcs11:token=sb-test;object=client;type=cert",
                                    "pkcs11:token=sb-test;object=client;type=private", NULL, FALSE);

  g_assert_true (run_until_certificate_pending (f, 30));
  g_assert_nonnull (strstr (visible_dialog_body (), "Enter the PIN"));
  sb_login_view_answer_certificate (f->view, "", NULL, "0000", FALSE);

  /* A wrong PIN is asked for again. */
  g_assert_true (run_until_certificate_pending (f, 30));
  g_assert_nonnull (strstr (visible_dialog_body (), "PIN was not accepted"));
  g_assert_cmpuint (cs.with_certificate, ==, 0);
  sb_login_view_answer_certificate (f->view, "", NULL, "1234", FALSE);

  g_assert_true (run_until_accepted (f, &cs, 30));
  assert_accepted_page (f, &cs);

  sb_profile_delete (f->profile);
  cert_server_stop (&cs);
}

/* Nothing the page sends by itself reaches the platform: after the page had its
 * time, the platform saw no request from a web page, and nothing was captured. */
static void
test_hostile_request (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *query = g_strdup_printf ("login=0&style=%s", (const char *) data);

  start (f, query);
  wait_loaded (f);
  sb_test_run_for (1500);

  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, 0);
  g_assert_cmpuint (sb_mock_get_browser_post_count (f->mock), ==, 0);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
  g_assert_null (f->capture);
}

/* A form to an address the platform would route to its sign-in is stopped and captured. */
static void
test_hostile_variant (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *query = g_strdup_printf ("login=0&style=variant-%s", (const char *) data);

  start (f, query);
  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, 0);
}

/* The HTTP-Redirect binding (a GET with SAMLResponse) is stopped too, and said so at once. */
static void
test_hostile_get_binding (Fixture       *f,
                          gconstpointer  data)
{
  start (f, "login=0&style=get-binding");
  g_assert_true (run_until_outcome (f, 10));
  g_assert_null (f->capture);
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_UNCONFIRMED);
  sb_test_run_for (300);
  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, 0);
}

/* A response reported before the real one makes two for one POST: the sign-in fails. */
static void
test_hostile_forge_before (Fixture       *f,
                           gconstpointer  data)
{
  start (f, "login=0&style=forge-before");
  g_assert_true (run_until_outcome (f, 30));
  g_assert_null (f->capture);
  g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_CONFLICT);
  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, 0);
}

/* One reported once the POST was stopped does not count. */
static void
test_hostile_forge_after (Fixture       *f,
                          gconstpointer  data)
{
  start (f, "login=0&style=forge-after");
  g_assert_true (run_until_outcome (f, 30));
  if (f->capture != NULL)
    assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
  else
    g_assert_error (f->error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_CONFLICT);
}

/* Submitted three times, the form is captured once (on_captured asserts it). */
static void
test_hostile_double_submit (Fixture       *f,
                            gconstpointer  data)
{
  start (f, "login=0&style=double-submit");
  g_assert_true (run_until_outcome (f, 30));
  assert_captured_for_platform (f, sb_mock_get_platform_url (f->mock));
  sb_test_run_for (300);
  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, 0);
}

/* A page's script alone opens no window. */
static void
test_hostile_auto_popup (Fixture       *f,
                         gconstpointer  data)
{
  start (f, "login=0&style=auto-popup");
  wait_loaded (f);
  sb_test_run_for (1500);

  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
  g_assert_null (f->capture);
  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, 0);
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
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  set_up_softhsm ();

  add ("/login-view/capture/form-submit", "submit", test_capture_style);
  add ("/login-view/capture/request-submit", "request-submit", test_capture_style);
  add ("/login-view/capture/scripted-form", "scripted", test_capture_style);
  add ("/login-view/capture/iframe", "iframe", test_capture_style);
  add ("/login-view/capture/target-blank", "target-blank", test_capture_button_click);
  add ("/login-view/capture/button-click", "button", test_capture_button_click);
  add ("/login-view/capture/window-open", "login=0&style=window-open", test_window_open_popup);
  add ("/login-view/capture/relay-state-url-encoded", NULL, test_relay_state_and_url_encoding);
  add ("/login-view/capture/legacy-acs", NULL, test_legacy_acs);
  add ("/login-view/capture/after-login-form", NULL, test_login_form_then_capture);
  add ("/login-view/untrusted/fake-message", NULL, test_fake_message_ignored);
  add ("/login-view/hostile/fetch", "fetch", test_hostile_request);
  add ("/login-view/hostile/xhr", "xhr", test_hostile_request);
  add ("/login-view/hostile/beacon", "beacon", test_hostile_request);
  add ("/login-view/hostile/ping", "ping", test_hostile_request);
  add ("/login-view/hostile/variant-case", "case", test_hostile_variant);
  add ("/login-view/hostile/variant-slash", "slash", test_hostile_variant);
  add ("/login-view/hostile/variant-double-slash", "double", test_hostile_variant);
  add ("/login-view/hostile/variant-parameter", "param", test_hostile_variant);
  add ("/login-view/hostile/variant-dot-segments", "dots", test_hostile_variant);
  add ("/login-view/hostile/variant-percent-encoded", "encoded", test_hostile_variant);
  add ("/login-view/hostile/get-binding", NULL, test_hostile_get_binding);
  add ("/login-view/hostile/forge-before", NULL, test_hostile_forge_before);
  add ("/login-view/hostile/forge-after", NULL, test_hostile_forge_after);
  add ("/login-view/hostile/double-submit", NULL, test_hostile_double_submit);
  add ("/login-view/hostile/auto-popup", NULL, test_hostile_auto_popup);
  add ("/login-view/untrusted/other-host-passes", NULL, test_other_host_passes_through);
  add ("/login-view/wrong-platform", NULL, test_wrong_platform);
  add ("/login-view/web-process-crash", NULL, test_web_process_crash);
  add ("/login-view/idp-tls-error", NULL, test_idp_tls_error);
  add ("/login-view/load-failed/blocked-port", NULL, test_load_blocked_port);
  add ("/login-view/load-failed/redirect-scheme", NULL, test_load_redirect_scheme);
  add ("/login-view/load-failed/page-scheme", NULL, test_load_page_scheme);
  add ("/login-view/ca-file/none", NULL, test_idp_ca_file);
  add ("/login-view/ca-file/trusted", "test-ca.pem", test_idp_ca_file);
  add ("/login-view/ca-file/other-authority", "self-signed.pem", test_idp_ca_file);
  add ("/login-view/download/refused", NULL, test_download_refused);
  add ("/login-view/download/started-cancelled", NULL, test_download_started_cancelled);
  add ("/login-view/webauthn/notice", NULL, test_webauthn_notice);
  add ("/login-view/webauthn/none", NULL, test_no_webauthn_no_notice);
  add ("/login-view/permissions/denied", NULL, test_permissions_denied);
  add ("/login-view/user-agent", NULL, test_user_agent);
  add ("/login-view/http-auth/basic", NULL, test_http_authentication);
  add ("/login-view/http-auth/cancelled", NULL, test_http_authentication_cancelled);
  add ("/login-view/client-cert/pem", GINT_TO_POINTER (FALSE), test_client_cert_pem);
  add ("/login-view/client-cert/pem-combined", GINT_TO_POINTER (TRUE), test_client_cert_pem);
  add ("/login-view/client-cert/pkcs12", GINT_TO_POINTER (FALSE), test_client_cert_pkcs12);
  add ("/login-view/client-cert/pkcs12-wrong-password", GINT_TO_POINTER (TRUE), test_client_cert_pkcs12);
  add ("/login-view/client-cert/remembered", NULL, test_client_cert_remembered);
  add ("/login-view/client-cert/cancelled", NULL, test_client_cert_cancelled);
  add ("/login-view/client-cert/pkcs11-pin", NULL, test_client_cert_pkcs11);

  status = g_test_run ();
  tear_down_softhsm ();

  return status;
}
