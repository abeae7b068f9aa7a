#define G_LOG_DOMAIN "test-platform"

#include "config.h"

#include "sb-capture.h"
#include "sb-mock.h"
#include "sb-platform.h"
#include "sb-secret.h"
#include "sb-test-utils.h"
#include "sb-url.h"

#include <string.h>
#include <libsoup/soup.h>

/* A self-signed certificate for 127.0.0.1, for the TLS test only. */
static const char test_certificate[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUdpm+HCKhw24Jp3kkq13pBD1Isa8wCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODE3Mjc0MVoYDzIxMjYxMTA0\n"
  "MTcyNzQxWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAASBwxdAeLXd8YkIYen3P1vuERFvcyR6BUoC0FotSufS5sycHprLOqOX\n"
  "q4CJGscRcQN3q0Jygxqv8EZXenn/DV2Co2QwYjAdBgNVHQ4EFgQUdPS6qORMY7y5\n"
  "bhits8Em83dU19IwHwYDVR0jBBgwFoAUdPS6qORMY7y5bhits8Em83dU19IwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IDXc5UpIrzW5I4peayeF6wSgcMWqchLS0SAxZtQxHHJhAiEAhSm8J4EcISRfjYGC\n"
  "7FyLFald8jhuXWk+zyZF5/Srjwo=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgNKN+a572cgCeFf2J\n"
  "BmM5TBXXlYdHhc+kYCxtssXMXJ6hRANCAASBwxdAeLXd8YkIYen3P1vuERFvcyR6\n"
  "BUoC0FotSufS5sycHprLOqOXq4CJGscRcQN3q0Jygxqv8EZXenn/DV2C\n"
  "-----END PRIVATE KEY-----\n";

typedef struct {
  SbMock     *mock;
  SbPlatform *platform;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->mock = sb_mock_new (&error);
  g_assert_no_error (error);
  fixture->platform = sb_platform_new (sb_mock_get_platform_url (fixture->mock));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->mock);
  g_clear_object (&fixture->platform);

  sb_test_iterate ();
}

static SbCapture *
new_capture (Fixture    *fixture,
             const char *query)
{
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *acs_url = NULL;

  response = sb_mock_dup_saml_response (fixture->mock, query, &acs_url);
  g_assert_nonnull (response);
  g_assert_nonnull (acs_url);

  return sb_capture_new (acs_url, response, NULL);
}

static void
assert_no_secret (const GError *error,
                  SbCapture    *capture)
{
  g_autofree char *start = NULL;

  if (error == NULL || capture == NULL)
    return;

  start = g_strndup (sb_capture_get_saml_response (capture), 24);
  g_assert_null (strstr (error->message, start));
}

static SbToken *
exchange_full (SbPlatform    *platform,
               SbCapture     *capture,
               GCancellable  *cancellable,
               GError       **error)
{
  SbToken *token = sb_test_exchange (platform, capture, cancellable, error);

  assert_no_secret (error != NULL ? *error : NULL, capture);

  return token;
}

static SbToken *
exchange (SbPlatform  *platform,
          SbCapture   *capture,
          GError     **error)
{
  return exchange_full (platform, capture, NULL, error);
}


/* The error a user sees: its code, and words that tell them what happened. */
static void
assert_error (const GError *error,
              GQuark        domain,
              int           code,
              const char   *words)
{
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);

  if (words != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (words, "|", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (strstr (error->message, parts[i]) == NULL)
          g_error ("“%s” not in “%s”", parts[i], error->message);
    }
}

/* Exchanges a fresh response for @query and checks the error. */
static void
assert_exchange_fails (Fixture    *fixture,
                       const char *query,
                       int         code,
                       const char *words)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, query);
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange (fixture->platform, capture, &error);
  g_assert_null (token);
  assert_error (error, SB_PLATFORM_ERROR, code, words);
  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, 0);
}

static void
test_exchange_success (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, NULL);
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected_hash = NULL;
  g_autofree char *name = NULL;
  GDateTime *obtained_at;
  GDateTime *expires_at;

  sb_platform_set_session_minutes (fixture->platform, 45);
  token = exchange (fixture->platform, capture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  g_assert_cmpuint (strlen (sb_token_get_access_token (token)), ==, 36);
  g_assert_cmpstr (sb_token_get_token_type (token), ==, "bearer");
  g_assert_cmpstr (sb_token_get_platform_url (token), ==, sb_mock_get_platform_url (fixture->mock));
  obtained_at = sb_token_get_obtained_at (token);
  expires_at = sb_token_get_expires_at (token);
  g_assert_cmpint (g_date_time_difference (expires_at, obtained_at), ==, 45 * G_TIME_SPAN_MINUTE);

  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_browser_post_count (fixture->mock), ==, 0);
  g_assert_cmpuint (sb_mock_get_replay_count (fixture->mock), ==, 0);

  /* The token we hold is the one the platform issued. */
  hash = sb_mock_dup_last_token_hash (fixture->mock);
  expected_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sb_token_get_access_token (token), -1);
  g_assert_cmpstr (hash, ==, expected_hash);

  g_assert_true (sb_test_who_am_i (fixture->platform, token, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_mock_get_me_count (fixture->mock), ==, 1);
  g_assert_cmpstr (sb_token_get_username (token), ==, SB_MOCK_USERNAME);
  g_assert_cmpstr (sb_token_get_organization (token), ==, "Analytical Engines");
  name = sb_token_dup_display_name (token);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
}

/* The capture normalises the shapes IdPs and copy/paste produce. */
static void
test_exchange_variants (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *queries[] = { "legacy=1", "wrap=1", "urlencoded=1", "relay=%2Fhome%3Fa%3D1", "attributes=200" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(SbCapture) capture = new_capture (fixture, queries[i]);
      g_autoptr(SbToken) token = NULL;
      g_autoptr(GError) error = NULL;

      token = exchange (fixture->platform, capture, &error);
      g_assert_no_error (error);
      g_assert_nonnull (token);
    }

  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, G_N_ELEMENTS (queries));
}

static void
test_exchange_replay (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, NULL);
  g_autoptr(SbToken) first = NULL;
  g_autoptr(SbToken) second = NULL;
  g_autoptr(GError) error = NULL;

  first = exchange (fixture->platform, capture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  second = exchange (fixture->platform, capture, &error);
  g_assert_null (second);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_HTTP, "HTTP 400|already used");

  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 2);
  g_assert_cmpuint (sb_mock_get_replay_count (fixture->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, 1);
}

static void
test_exchange_unauthorized (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=401", SB_PLATFORM_ERROR_UNAUTHORIZED,
                         "refused the sign-in|Invalid SAML assertion: signature check failed");
}

static void
test_exchange_forbidden (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=403", SB_PLATFORM_ERROR_FORBIDDEN, "HTTP 403|not enabled");
}

static void
test_exchange_not_found (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=404", SB_PLATFORM_ERROR_NOT_FOUND, "HTTP 404|organization domain");
  assert_exchange_fails (fixture, "acs=no-such-provider", SB_PLATFORM_ERROR_NOT_FOUND, "HTTP 404");
}

static void
test_exchange_server_error (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=500", SB_PLATFORM_ERROR_SERVER, "HTTP 500|Try again in a few minutes");
  assert_exchange_fails (fixture, "acs=502", SB_PLATFORM_ERROR_SERVER, "HTTP 502|Try again in a few minutes");
}

static void
test_exchange_html (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=html", SB_PLATFORM_ERROR_BAD_ANSWER, "web page instead of a token");
}

static void
test_exchange_bad_json (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=badjson", SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");
}

static void
test_exchange_no_token (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_exchange_fails (fixture, "acs=notoken", SB_PLATFORM_ERROR_NO_TOKEN, "no token");
  assert_exchange_fails (fixture, "acs=emptytoken", SB_PLATFORM_ERROR_NO_TOKEN, "no token");
}

static void
test_exchange_too_large (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *queries[] = { "acs=huge", "acs=huge-length" };
  g_autofree char *host = sb_url_display_host (sb_mock_get_platform_url (fixture->mock));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      gint64 start = g_get_monotonic_time ();

      assert_exchange_fails (fixture, queries[i], SB_PLATFORM_ERROR_TOO_LARGE, host);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
    }
}

static void
test_exchange_timeout (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  sb_platform_set_timeout (fixture->platform, 1);
  assert_exchange_fails (fixture, "acs=slow", SB_PLATFORM_ERROR_TIMEOUT, "within 1 second.");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_exchange_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, "acs=slow");
  g_autoptr(SbCapture) other = new_capture (fixture, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  g_timeout_add (200, cancel_later, cancellable);
  token = exchange_full (fixture->platform, capture, cancellable, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  token = exchange_full (fixture->platform, other, cancelled, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, 0);
}

static SbCapture *
new_capture_for (Fixture    *fixture,
                 const char *platform_url)
{
  g_autoptr(SbSecret) response = sb_mock_dup_saml_response (fixture->mock, NULL, NULL);
  g_autofree char *acs_url = g_strconcat (platform_url, "/accounts/login/mock-org/providers/ok/receive-id", NULL);

  return sb_capture_new (acs_url, response, NULL);
}

static void
test_exchange_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", sb_test_closed_port ());
  g_autofree char *host = sb_url_display_host (url);
  g_autofree char *words = g_strconcat ("Could not connect to ", host, "|network connection", NULL);
  g_autoptr(SbPlatform) platform = sb_platform_new (url);
  g_autoptr(SbCapture) capture = new_capture_for (fixture, url);
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange (platform, capture, &error);
  g_assert_null (token);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK, words);
}

static void
test_exchange_proxy (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", sb_test_closed_port ());
  g_autoptr(SbCapture) capture = new_capture (fixture, NULL);
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  sb_platform_set_proxy (fixture->platform, proxy);
  token = exchange (fixture->platform, capture, &error);
  g_assert_null (token);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK, "through the proxy|proxy settings");
  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 0);
  g_clear_error (&error);

  /* Back to the system settings (none here): it works again. */
  sb_platform_set_proxy (fixture->platform, NULL);
  token = exchange (fixture->platform, capture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
}

static void
test_exchange_resolve (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SbPlatform) platform = sb_platform_new ("https://does-not-exist.invalid");
  g_autoptr(SbCapture) capture = new_capture_for (fixture, "https://does-not-exist.invalid");
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange (platform, capture, &error);
  g_assert_null (token);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_RESOLVE, "Could not find does-not-exist.invalid");
}

static void
on_tls_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  (*(guint *) user_data)++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static void
test_exchange_tls (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SbPlatform) platform = NULL;
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *words = NULL;
  guint requests = 0;

  certificate = g_tls_certificate_new_from_pem (test_certificate, -1, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request, &requests, NULL);
  url = sb_test_listen (server);

  platform = sb_platform_new (url);
  capture = new_capture_for (fixture, url);
  token = exchange (platform, capture, &error);
  g_assert_null (token);
  words = g_strdup_printf ("certificate of %s is not trusted|nothing was sent", url + strlen ("https://"));
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TLS, words);
  g_assert_cmpuint (requests, ==, 0);

  soup_server_disconnect (server);
}

static void
test_exchange_sp_initiated (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_exchange_fails (fixture, "in-response-to=1", SB_PLATFORM_ERROR_SP_INITIATED,
                         "started at your identity provider");
}

static void
test_exchange_idp_error (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_exchange_fails (fixture, "status=AuthnFailed", SB_PLATFORM_ERROR_HTTP,
                         "HTTP 400|did not authenticate");
}

static void
test_exchange_wrong_platform (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, "platform=other");
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange (fixture->platform, capture, &error);
  g_assert_null (token);
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_WRONG_PLATFORM);
  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 0);
  g_assert_cmpuint (sb_mock_get_browser_post_count (fixture->mock), ==, 0);
}

static void
test_insecure_platform (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SbPlatform) platform = sb_platform_new ("http://example.com");
  g_autoptr(SbToken) token = sb_token_new ("http://example.com", "not-a-real-token", NULL, NULL, 60);
  g_autoptr(SbCapture) capture = new_capture_for (fixture, "http://example.com");
  g_autoptr(SbToken) exchanged = NULL;
  g_autoptr(GError) error = NULL;

  exchanged = exchange (platform, capture, &error);
  g_assert_null (exchanged);
  g_assert_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_INSECURE);
  g_clear_error (&error);

  g_assert_false (sb_test_who_am_i (platform, token, &error));
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_INSECURE, "example.com|https");

  /* Nothing was even tried. */
  sb_platform_preconnect (platform);
}

static guint
post (SoupSession *session,
      const char  *url,
      const char  *content_type,
      const char  *body,
      gboolean     xhr)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (xhr)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Requested-With", "XMLHttpRequest");
  soup_message_set_request_body_from_bytes (message, content_type, bytes);

  /* The mock answers from this thread's main loop: no blocking calls. */
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, sb_test_on_result, &result);
  answer = soup_session_send_and_read_finish (session, sb_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return soup_message_get_status (message);
}

/* The mock tells a browser's form POST from the app's JSON exchange. */
static void
test_request_shape (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *acs_url = NULL;
  g_autofree char *form = NULL;
  g_autofree char *json = NULL;

  response = sb_mock_dup_saml_response (fixture->mock, NULL, &acs_url);
  form = soup_form_encode ("SAMLResponse", response, NULL);
  g_assert_cmpuint (post (session, acs_url, "application/x-www-form-urlencoded", form, FALSE), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (sb_mock_get_browser_post_count (fixture->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 0);

  /* The browser's POST spent the assertion. */
  json = g_strdup_printf ("{\"SAMLResponse\": \"%s\"}", response);
  g_assert_cmpuint (post (session, acs_url, "application/json", json, TRUE), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (sb_mock_get_replay_count (fixture->mock), ==, 1);
  g_clear_pointer (&response, sb_secret_free);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&acs_url, g_free);

  response = sb_mock_dup_saml_response (fixture->mock, NULL, &acs_url);
  json = g_strdup_printf ("{\"SAMLResponse\": \"%s\"}", response);
  g_assert_cmpuint (post (session, acs_url, "text/plain", json, TRUE), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (post (session, acs_url, "application/json", json, FALSE), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (post (session, acs_url, "application/json", "{\"SAMLResponse\": 1}", TRUE), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (post (session, acs_url, "application/json", "{\"SAMLResponse\": \"bm90IHNhbWw=\"}", TRUE), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, 0);

  /* A well-formed exchange still works: none of the above spent it. */
  g_assert_cmpuint (post (session, acs_url, "application/json", json, TRUE), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (sb_mock_get_token_count (fixture->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_browser_post_count (fixture->mock), ==, 1);
}

static char *
fetch (SoupSession *session,
       const char  *method,
       const char  *url,
       const char  *form)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", bytes);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, sb_test_on_result, &result);
  answer = soup_session_send_and_read_finish (session, sb_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);

  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/* The auto-submitted form of a response page, as a capture. */
static SbCapture *
capture_from_page (const char *html)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *action = NULL;
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *relay = NULL;

  regex = g_regex_new ("<form method=\"post\" action=\"([^\"]*)\"[^>]*>"
                       "<input type=\"hidden\" name=\"SAMLResponse\" value=\"([^\"]*)\">"
                       "(?:<input type=\"hidden\" name=\"RelayState\" value=\"([^\"]*)\">)?",
                       0, 0, NULL);
  if (!g_regex_match (regex, html, 0, &match))
    return NULL;

  action = g_match_info_fetch (match, 1);
  response = g_match_info_fetch (match, 2);
  relay = g_match_info_fetch (match, 3);

  return sb_capture_new (action, response, relay);
}

static char *
decode_capture (SbCapture *capture)
{
  gsize len = 0;
  g_autofree guchar *data = g_base64_decode (sb_capture_get_saml_response (capture), &len);

  return g_strndup ((const char *) data, len);
}

/* The IdP signs the user in with a real form, then posts a fresh response. */
static void
test_idp_login (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *sso_url = sb_mock_dup_sso_url (fixture->mock, "relay=home");
  g_autofree char *login_url = g_strconcat (sb_mock_get_idp_url (fixture->mock), "/idp/login", NULL);
  g_autofree char *page = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  g_autofree char *bad_form = NULL;
  g_autofree char *good_form = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  page = fetch (session, SOUP_METHOD_GET, sso_url, NULL);
  g_assert_nonnull (strstr (page, "<form method=\"post\" action=\"/idp/login\">"));
  g_assert_nonnull (strstr (page, "<label for=\"username\">"));
  g_assert_nonnull (strstr (page, "type=\"password\""));
  g_assert_nonnull (strstr (page, "autofocus"));
  g_assert_nonnull (strstr (page, ">Sign in</button>"));
  g_assert_nonnull (strstr (page, "name=\"query\" value=\"relay=home\""));
  g_assert_null (strstr (page, "SAMLResponse"));

  bad_form = soup_form_encode ("query", "relay=home", "username", SB_MOCK_USERNAME, "password", "wrong", NULL);
  wrong = fetch (session, SOUP_METHOD_POST, login_url, bad_form);
  g_assert_nonnull (strstr (wrong, "Incorrect username or password"));
  g_assert_null (strstr (wrong, "SAMLResponse"));

  good_form = soup_form_encode ("query", "relay=home", "username", SB_MOCK_USERNAME, "password", SB_MOCK_PASSWORD, NULL);
  right = fetch (session, SOUP_METHOD_POST, login_url, good_form);
  g_assert_nonnull (strstr (right, "onload=\"document.forms[0].submit()\""));
  capture = capture_from_page (right);
  g_assert_nonnull (capture);
  g_assert_cmpstr (sb_capture_get_relay_state (capture), ==, "home");
  g_assert_true (g_str_has_prefix (sb_capture_get_acs_url (capture), sb_mock_get_platform_url (fixture->mock)));
  g_assert_true (g_str_has_suffix (sb_capture_get_acs_url (capture), "/accounts/login/mock-org/providers/ok/receive-id"));

  xml = decode_capture (capture);
  g_assert_nonnull (strstr (xml, "<samlp:Response "));
  g_assert_nonnull (strstr (xml, "urn:oasis:names:tc:SAML:2.0:status:Success"));
  g_assert_nonnull (strstr (xml, "<saml:Audience>"));
  g_assert_nonnull (strstr (xml, "PasswordProtectedTransport"));
  g_assert_nonnull (strstr (xml, "Name=\"firstName\""));
  g_assert_null (strstr (xml, "InResponseTo"));

  token = exchange (fixture->platform, capture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
}

/* The page styles the login view must cope with. */
static void
test_idp_styles (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct {
    const char *query;
    const char *expected;
    gboolean    has_form;
  } styles[] = {
    { "login=0", "onload=\"document.forms[0].submit()\"", TRUE },
    { "login=0&style=request-submit", "requestSubmit()", TRUE },
    { "login=0&style=button", ">Continue</button>", TRUE },
    { "login=0&style=target-blank", "target=\"_blank\"", TRUE },
    { "login=0&style=scripted", "document.createElement(\"form\")", FALSE },
    { "login=0&style=iframe", "<iframe src=\"/idp/frame?login=0&amp;style=iframe\"", FALSE },
    { "login=0&style=window-open", "window.open(", FALSE },
    { "login=0&style=fake-message", "window.webkit?.messageHandlers?.samlbearer?.postMessage", FALSE },
    { "login=0&style=other-host", "/idp/federate\"", TRUE },
  };
  g_autoptr(SoupSession) session = soup_session_new ();

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *url = sb_mock_dup_sso_url (fixture->mock, styles[i].query);
      g_autofree char *page = fetch (session, SOUP_METHOD_GET, url, NULL);
      g_autoptr(SbCapture) capture = capture_from_page (page);

      if (strstr (page, styles[i].expected) == NULL)
        g_error ("“%s” not in the page for %s", styles[i].expected, styles[i].query);
      g_assert_true ((capture != NULL) == styles[i].has_form);
      g_assert_null (strstr (page, "<form method=\"post\" action=\"/idp/login\""));
    }

  /* The framed and the popup page post the response themselves. */
  {
    g_autofree char *frame_url = g_strconcat (sb_mock_get_idp_url (fixture->mock), "/idp/frame?style=iframe", NULL);
    g_autofree char *frame = fetch (session, SOUP_METHOD_GET, frame_url, NULL);
    g_autoptr(SbCapture) framed = capture_from_page (frame);

    g_assert_nonnull (framed);
    g_assert_nonnull (strstr (frame, "target=\"_top\""));
  }

  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 0);
}

/* SAML between IdPs reaches the other host, and the mock counts it. */
static void
test_idp_federate (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = sb_mock_dup_sso_url (fixture->mock, "login=0&style=other-host");
  g_autofree char *page = fetch (session, SOUP_METHOD_GET, url, NULL);
  g_autoptr(SbCapture) capture = capture_from_page (page);
  g_autofree char *form = NULL;
  g_autofree char *answer = NULL;

  g_assert_nonnull (capture);
  g_assert_true (g_str_has_prefix (sb_capture_get_acs_url (capture), sb_mock_get_idp_url (fixture->mock)));

  form = soup_form_encode ("SAMLResponse", sb_capture_get_saml_response (capture), NULL);
  answer = fetch (session, SOUP_METHOD_POST, sb_capture_get_acs_url (capture), form);
  g_assert_nonnull (strstr (answer, "Federated"));
  g_assert_cmpuint (sb_mock_get_federated_count (fixture->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_browser_post_count (fixture->mock), ==, 0);
}

/* The response variants the capture and the SAML inspector must cope with. */
static void
test_idp_responses (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SbSecret) wrapped = sb_mock_dup_saml_response (fixture->mock, "wrap=1", NULL);
  g_autoptr(SbSecret) encoded = sb_mock_dup_saml_response (fixture->mock, "urlencoded=1", NULL);
  g_autoptr(SbSecret) not_base64 = sb_mock_dup_saml_response (fixture->mock, "notbase64=1", NULL);
  g_autoptr(SbSecret) failed = NULL;
  g_autoptr(SbSecret) sp = NULL;
  g_autoptr(SbSecret) large = NULL;
  g_autofree char *legacy_acs = NULL;
  g_autofree char *other_acs = NULL;
  g_autoptr(SbSecret) legacy = sb_mock_dup_saml_response (fixture->mock, "legacy=1", &legacy_acs);
  g_autoptr(SbSecret) other = sb_mock_dup_saml_response (fixture->mock, "platform=other", &other_acs);
  g_autofree char *expected_legacy = g_strconcat (sb_mock_get_platform_url (fixture->mock), "/accounts/login/receive-id", NULL);
  g_autofree guchar *xml = NULL;
  gsize len;

  g_assert_nonnull (strchr (wrapped, '\n'));
  g_assert_nonnull (strstr (encoded, "%"));
  g_assert_null (strchr (encoded, '+'));
  g_assert_nonnull (strchr (not_base64, ' '));
  g_assert_cmpstr (legacy_acs, ==, expected_legacy);
  g_assert_true (g_str_has_prefix (other_acs, sb_mock_get_other_platform_url (fixture->mock)));
  g_assert_cmpstr (sb_mock_get_other_platform_url (fixture->mock), !=, sb_mock_get_platform_url (fixture->mock));

  failed = sb_mock_dup_saml_response (fixture->mock, "status=AuthnFailed", NULL);
  xml = g_base64_decode (failed, &len);
  g_assert_nonnull (g_strstr_len ((char *) xml, len, "status:Responder"));
  g_assert_nonnull (g_strstr_len ((char *) xml, len, "status:AuthnFailed"));
  g_assert_nonnull (g_strstr_len ((char *) xml, len, "<samlp:StatusMessage>"));
  g_assert_null (g_strstr_len ((char *) xml, len, "Assertion"));
  g_clear_pointer (&xml, g_free);

  sp = sb_mock_dup_saml_response (fixture->mock, "in-response-to=1", NULL);
  xml = g_base64_decode (sp, &len);
  g_assert_nonnull (g_strstr_len ((char *) xml, len, "InResponseTo="));
  g_clear_pointer (&xml, g_free);

  large = sb_mock_dup_saml_response (fixture->mock, "attributes=1000", NULL);
  g_assert_cmpuint (strlen (large), >, 100000);
}

static void
test_preconnect (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, NULL);
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  sb_platform_preconnect (fixture->platform);
  sb_test_run_for (100);

  token = exchange (fixture->platform, capture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (sb_mock_get_exchange_count (fixture->mock), ==, 1);
}

/* Preconnecting to nowhere is silent; the exchange says what went wrong. */
static void
test_preconnect_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", sb_test_closed_port ());
  g_autoptr(SbPlatform) platform = sb_platform_new (url);

  sb_platform_preconnect (platform);
  sb_test_run_for (100);

  /* Dropping a platform while it preconnects is fine too. */
  sb_platform_preconnect (platform);
}

/* A platform that misbehaves on the exchange, and counts what it saw. */
typedef enum {
  HOSTILE_CLOSE,
  HOSTILE_MISDIRECTED,
  HOSTILE_CHUNKED,
} HostileMode;

typedef struct {
  HostileMode  mode;
  guint        posts;
  GHashTable  *ports;
} Hostile;

static void
on_hostile_request (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  Hostile *hostile = user_data;
  GSocketAddress *remote = soup_server_message_get_remote_address (message);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  g_hash_table_add (hostile->ports,
                    GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
  if (strcmp (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      return;
    }

  hostile->posts++;
  switch (hostile->mode)
    {
    case HOSTILE_CLOSE:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

        g_io_stream_close (stream, NULL, NULL);
      }
      break;

    case HOSTILE_MISDIRECTED:
      soup_server_message_set_status (message, SOUP_STATUS_MISDIRECTED_REQUEST, NULL);
      break;

    case HOSTILE_CHUNKED:
      /* A token answer in many chunks, larger than one read. */
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{\"padding\": \"", 13);
      for (int i = 0; i < 100; i++)
        soup_message_body_append (body, SOUP_MEMORY_STATIC, "0123456789012345678901234567890123456789"
                                  "0123456789012345678901234567890123456789"
                                  "0123456789012345678901234567890123456789"
                                  "0123456789012345678901234567890123456789"
                                  "0123456789012345678901234567890123456789", 200);
      soup_message_body_append (body, SOUP_MEMORY_STATIC,
                                "\", \"access_token\": \"fake-chunked-token\", \"token_type\": \"bearer\"}", 64);
      soup_message_body_complete (body);
      break;

    default:
      g_assert_not_reached ();
    }
}

static SbToken *
exchange_with_hostile (Fixture       *fixture,
                       Hostile       *hostile,
                       gboolean       preconnect,
                       GError       **error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SbPlatform) platform = NULL;
  g_autoptr(SbCapture) capture = NULL;
  g_autofree char *url = NULL;
  SbToken *token;

  hostile->ports = g_hash_table_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_hostile_request, hostile, NULL);
  url = sb_test_listen (server);
  platform = sb_platform_new (url);
  capture = new_capture_for (fixture, url);

  if (preconnect)
    {
      sb_platform_preconnect (platform);
      sb_test_run_for (100);
    }

  token = exchange (platform, capture, error);
  soup_server_disconnect (server);

  return token;
}

/* The assertion is single-use: a connection lost before the answer ends the
 * exchange, with no second POST. */
static void
test_exchange_not_retried_closed (Fixture       *fixture,
                                  gconstpointer  data)
{
  Hostile hostile = { HOSTILE_CLOSE, 0, NULL };
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange_with_hostile (fixture, &hostile, TRUE, &error);
  g_assert_null (token);
  g_assert_cmpuint (hostile.posts, ==, 1);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK, "connection to|was lost before it answered");
  g_hash_table_unref (hostile.ports);
}

/* libsoup resends any message answered 421 Misdirected Request, whatever its
 * method: not the exchange. */
static void
test_exchange_not_retried_misdirected (Fixture       *fixture,
                                       gconstpointer  data)
{
  Hostile hostile = { HOSTILE_MISDIRECTED, 0, NULL };
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange_with_hostile (fixture, &hostile, TRUE, &error);
  g_assert_null (token);
  g_assert_cmpuint (hostile.posts, ==, 1);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK, "sent again|sign in again");
  g_hash_table_unref (hostile.ports);
}

/* An answer in chunks, larger than one read, is read whole (the buffer grows). */
static void
test_exchange_chunked (Fixture       *fixture,
                       gconstpointer  data)
{
  Hostile hostile = { HOSTILE_CHUNKED, 0, NULL };
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = exchange_with_hostile (fixture, &hostile, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpstr (sb_token_get_access_token (token), ==, "fake-chunked-token");
  g_assert_cmpuint (hostile.posts, ==, 1);
  g_hash_table_unref (hostile.ports);
}

static void
test_who_am_i_unauthorized (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SbToken) token = sb_token_new (sb_mock_get_platform_url (fixture->mock), "not-a-real-token", NULL, NULL, 60);
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_test_who_am_i (fixture->platform, token, &error));
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED, "did not accept the token");
  g_assert_null (strstr (error->message, "not-a-real-token"));
  g_assert_null (sb_token_get_user (token));
  g_assert_cmpuint (sb_mock_get_me_count (fixture->mock), ==, 1);
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SbCapture) capture = new_capture (fixture, NULL);
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *stats = NULL;
  g_autofree char *hash = NULL;
  JsonObject *object;

  token = exchange (fixture->platform, capture, &error);
  g_assert_no_error (error);

  stats = sb_mock_dup_stats_json (fixture->mock);
  g_assert_null (strstr (stats, sb_token_get_access_token (token)));
  json_parser_load_from_data (parser, stats, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  hash = sb_mock_dup_last_token_hash (fixture->mock);
  g_assert_cmpint (json_object_get_int_member (object, "exchanges"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "browser_posts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "me_requests"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "replays"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "last_token_sha256"), ==, hash);
}

/* The parse functions, with crafted answers. */

static SbToken *
parse_exchange (guint        status,
                const char  *content_type,
                const char  *body,
                GError     **error)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new_static (body, strlen (body)) : NULL;

  return sb_platform_parse_exchange ("https://eu1.anypoint.mulesoft.com", status, content_type, bytes, 60, error);
}

static void
assert_parse_fails (guint       status,
                    const char *content_type,
                    const char *body,
                    int         code,
                    const char *words)
{
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = parse_exchange (status, content_type, body, &error);
  g_assert_null (token);
  assert_error (error, SB_PLATFORM_ERROR, code, words);
}

/* Any shape and depth within the size cap ends in an error, never a crash:
 * json-glib recurses once per level. */
static void
test_parse_deep (void)
{
  static const char * const opens[] = { "[", "{\"a\":", "{\"access_token\": \"x\", \"user\":" };
  gsize depth = SB_PLATFORM_MAX_ANSWER / 8;

  for (guint i = 0; i < G_N_ELEMENTS (opens); i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SbToken) token = NULL;
      g_autoptr(JsonObject) user = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) user_error = NULL;

      for (gsize level = 0; level < depth && body->len + 16 < SB_PLATFORM_MAX_ANSWER / 2; level++)
        g_string_append (body, opens[i]);
      bytes = g_bytes_new (body->str, body->len);

      token = sb_platform_parse_exchange ("https://eu1.anypoint.mulesoft.com", 200, "application/json",
                                          bytes, 60, &error);
      g_assert_null (token);
      assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");

      user = sb_platform_parse_user (200, "application/json", bytes, &user_error);
      g_assert_null (user);
      assert_error (user_error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");
    }

  /* Brackets in strings do not count, and an answer of usual depth is read. */
  {
    g_autoptr(GString) body = g_string_new ("{\"access_token\": \"fake-token\", \"note\": \"");
    g_autoptr(SbToken) token = NULL;
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 1000; i++)
      g_string_append (body, "[{\\\"");
    g_string_append (body, "\", \"extra\": [[[[{\"a\": [1]}]]]]}");
    token = parse_exchange (200, "application/json", body->str, &error);
    g_assert_no_error (error);
    g_assert_nonnull (token);
  }
}

/* A token with characters outside RFC 6750's b64token would break the header
 * or the shell line it goes into: refused, without the token in the message. */
static void
test_parse_token_charset (void)
{
  static const char * const bodies[] = {
    "{\"access_token\": \"fake\\r\\nX-Injected: 1\"}",
    "{\"access_token\": \"fake token\"}",
    "{\"access_token\": \"fake$(touch pwned)\"}",
    "{\"access_token\": \"fake'quoted\"}",
    "{\"access_token\": \"fake\\u00e9\"}",
    "{\"access_token\": \"=fake\"}",
    "{\"access_token\": \"fake=x\"}",
  };
  static const char * const good[] = {
    "{\"access_token\": \"00000000-fake-0000-test-000000000000\"}",
    "{\"access_token\": \"Fa.ke_t~k+n/==\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(SbToken) token = NULL;
      g_autoptr(GError) error = NULL;

      token = parse_exchange (200, "application/json", bodies[i], &error);
      g_assert_null (token);
      assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER, "characters no token has");
      g_assert_null (strstr (error->message, "fake"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(SbToken) token = NULL;
      g_autoptr(GError) error = NULL;

      token = parse_exchange (200, "application/json", good[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (token);
    }
}


static void
test_parse_exchange (void)
{
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) typed = NULL;
  g_autoptr(GError) error = NULL;

  token = parse_exchange (200, "application/json",
                          "{\"access_token\": \"fake-token\", \"token_type\": \"bearer\", \"redirectUrl\": \"/home/\"}",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_token_get_access_token (token), ==, "fake-token");
  g_assert_cmpstr (sb_token_get_platform_url (token), ==, "https://eu1.anypoint.mulesoft.com");

  /* Lenient about the content type and the token type when the JSON is right. */
  typed = parse_exchange (201, NULL, " {\"access_token\": \"fake-token\", \"token_type\": \"Bearer\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_token_get_token_type (typed), ==, "Bearer");
  g_clear_object (&typed);
  typed = parse_exchange (200, "text/plain", "{\"access_token\": \"fake-token\", \"token_type\": 5}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_token_get_token_type (typed), ==, "bearer");

  assert_parse_fails (200, "text/html; charset=utf-8", "<!DOCTYPE html><html></html>", SB_PLATFORM_ERROR_BAD_ANSWER, "web page");
  assert_parse_fails (200, "application/json", "\n  <html><body>Sign in</body></html>", SB_PLATFORM_ERROR_BAD_ANSWER, "web page");
  assert_parse_fails (200, "application/json", "{\"access_token\": ", SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");
  assert_parse_fails (200, "application/json", "[\"access_token\"]", SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");
  assert_parse_fails (200, "application/json", "", SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");
  assert_parse_fails (200, "application/json", NULL, SB_PLATFORM_ERROR_BAD_ANSWER, "could not be read");
  assert_parse_fails (204, NULL, NULL, SB_PLATFORM_ERROR_BAD_ANSWER, NULL);
  assert_parse_fails (200, "application/json", "{\"token_type\": \"bearer\"}", SB_PLATFORM_ERROR_NO_TOKEN, "no token");
  assert_parse_fails (200, "application/json", "{\"access_token\": \"\"}", SB_PLATFORM_ERROR_NO_TOKEN, "no token");
  assert_parse_fails (200, "application/json", "{\"access_token\": 12345}", SB_PLATFORM_ERROR_NO_TOKEN, "no token");
  assert_parse_fails (200, "application/json", "{\"access_token\": null}", SB_PLATFORM_ERROR_NO_TOKEN, "no token");

  assert_parse_fails (401, "application/json", "{\"message\": \"Invalid SAML assertion\"}",
                      SB_PLATFORM_ERROR_UNAUTHORIZED, "The platform refused the sign-in: Invalid SAML assertion");
  assert_parse_fails (401, "application/json", "{\"error\": \"invalid_grant\", \"error_description\": \"Assertion expired\"}",
                      SB_PLATFORM_ERROR_UNAUTHORIZED, "Assertion expired");
  assert_parse_fails (401, "application/json", "{\"error\": \"invalid_grant\"}",
                      SB_PLATFORM_ERROR_UNAUTHORIZED, "invalid_grant");
  assert_parse_fails (401, "text/html", "<html>Unauthorized</html>",
                      SB_PLATFORM_ERROR_UNAUTHORIZED, "HTTP 401");
  assert_parse_fails (400, "application/json", "{\"message\": \"Invalid InResponseTo attribute\"}",
                      SB_PLATFORM_ERROR_SP_INITIATED, "identity provider");
  assert_parse_fails (401, "application/json", "{\"message\": \"inresponseto must be empty\"}",
                      SB_PLATFORM_ERROR_SP_INITIATED, NULL);
  assert_parse_fails (403, "application/json", "{}", SB_PLATFORM_ERROR_FORBIDDEN, "HTTP 403");
  assert_parse_fails (404, "text/html", "<html>Not found</html>", SB_PLATFORM_ERROR_NOT_FOUND, "HTTP 404");
  assert_parse_fails (500, "application/json", "{\"message\": \"boom\"}", SB_PLATFORM_ERROR_SERVER, "HTTP 500");
  assert_parse_fails (503, "text/html", "<html>Down</html>", SB_PLATFORM_ERROR_SERVER, "HTTP 503");
  assert_parse_fails (302, NULL, NULL, SB_PLATFORM_ERROR_HTTP, "redirect|HTTP 302");
  assert_parse_fails (418, "text/plain", "teapot", SB_PLATFORM_ERROR_HTTP, "HTTP 418");
  assert_parse_fails (400, "application/json", "{\"message\": \"Bad\\nthing\\u0007 happened\"}",
                      SB_PLATFORM_ERROR_HTTP, "HTTP 400): Bad thing happened");
}

/* The platform's message is shown, but cut short. */
static void
test_parse_long_message (void)
{
  g_autoptr(GString) body = g_string_new ("{\"message\": \"");
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (body, 'A' + i % 26);
  g_string_append (body, "\"}");

  token = parse_exchange (401, "application/json", body->str, &error);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED, "ABCDEFG|…");
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);
}

static void
test_parse_too_large (void)
{
  gsize size = SB_PLATFORM_MAX_ANSWER + 1;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(GError) error = NULL;

  memset (data, ' ', size);
  bytes = g_bytes_new_static (data, size);

  token = sb_platform_parse_exchange ("https://anypoint.mulesoft.com", 200, "application/json", bytes, 60, &error);
  g_assert_null (token);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TOO_LARGE, "too large");
  g_clear_error (&error);

  user = sb_platform_parse_user (200, "application/json", bytes, &error);
  g_assert_null (user);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TOO_LARGE, "too large");
}

static JsonObject *
parse_user (guint        status,
            const char  *content_type,
            const char  *body,
            GError     **error)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new_static (body, strlen (body)) : NULL;

  return sb_platform_parse_user (status, content_type, bytes, error);
}

static void
test_parse_user (void)
{
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(GError) error = NULL;

  user = parse_user (200, "application/json",
                     "{\"user\": {\"username\": \"ada.lovelace\", \"organization\": {\"name\": \"Analytical Engines\"}}}",
                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "ada.lovelace");
  g_clear_pointer (&user, json_object_unref);

  user = parse_user (200, "application/json", "{\"username\": \"ada\"}", &error);
  g_assert_null (user);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER, "your account");
  g_clear_error (&error);

  user = parse_user (200, "application/json", "{\"user\": \"ada\"}", &error);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER, NULL);
  g_clear_error (&error);

  user = parse_user (200, "text/html", "<html></html>", &error);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER, "web page");
  g_clear_error (&error);

  user = parse_user (401, "application/json", "{\"message\": \"Token expired\"}", &error);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED, "did not accept the token: Token expired");
  g_clear_error (&error);

  user = parse_user (401, NULL, NULL, &error);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED, "expired");
  g_clear_error (&error);

  user = parse_user (502, "text/html", "<html></html>", &error);
  assert_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_SERVER, "HTTP 502");
}

static void
test_properties (void)
{
  g_autoptr(SbPlatform) platform = sb_platform_new ("https://eu1.anypoint.mulesoft.com");
  g_autofree char *url = NULL;
  g_autofree char *proxy = NULL;
  guint timeout;
  guint minutes;

  g_object_get (platform, "url", &url, "timeout", &timeout, "session-minutes", &minutes, "proxy-url", &proxy, NULL);
  g_assert_cmpstr (url, ==, "https://eu1.anypoint.mulesoft.com");
  g_assert_cmpstr (sb_platform_get_url (platform), ==, "https://eu1.anypoint.mulesoft.com");
  g_assert_cmpuint (timeout, ==, 30);
  g_assert_cmpuint (minutes, ==, 60);
  g_assert_null (proxy);

  sb_platform_set_timeout (platform, 5);
  sb_platform_set_session_minutes (platform, 120);
  sb_platform_set_proxy (platform, "http://proxy.example.com:3128");
  g_clear_pointer (&proxy, g_free);
  g_object_get (platform, "timeout", &timeout, "session-minutes", &minutes, "proxy-url", &proxy, NULL);
  g_assert_cmpuint (timeout, ==, 5);
  g_assert_cmpuint (minutes, ==, 120);
  g_assert_cmpstr (proxy, ==, "http://proxy.example.com:3128");

  sb_platform_set_proxy (platform, "");
  g_clear_pointer (&proxy, g_free);
  g_object_get (platform, "proxy-url", &proxy, NULL);
  g_assert_null (proxy);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  const char *proxy_variables[] = { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };

  /* The mock runs on loopback: keep a proxy from the environment out of it. */
  for (guint i = 0; i < G_N_ELEMENTS (proxy_variables); i++)
    g_unsetenv (proxy_variables[i]);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (&argc, &argv, NULL);

  add_test ("/platform/exchange/success", test_exchange_success);
  add_test ("/platform/exchange/variants", test_exchange_variants);
  add_test ("/platform/exchange/replay", test_exchange_replay);
  add_test ("/platform/exchange/unauthorized", test_exchange_unauthorized);
  add_test ("/platform/exchange/forbidden", test_exchange_forbidden);
  add_test ("/platform/exchange/not-found", test_exchange_not_found);
  add_test ("/platform/exchange/server-error", test_exchange_server_error);
  add_test ("/platform/exchange/html", test_exchange_html);
  add_test ("/platform/exchange/bad-json", test_exchange_bad_json);
  add_test ("/platform/exchange/no-token", test_exchange_no_token);
  add_test ("/platform/exchange/too-large", test_exchange_too_large);
  add_test ("/platform/exchange/timeout", test_exchange_timeout);
  add_test ("/platform/exchange/cancel", test_exchange_cancel);
  add_test ("/platform/exchange/refused", test_exchange_refused);
  add_test ("/platform/exchange/proxy", test_exchange_proxy);
  add_test ("/platform/exchange/resolve", test_exchange_resolve);
  add_test ("/platform/exchange/tls", test_exchange_tls);
  add_test ("/platform/exchange/sp-initiated", test_exchange_sp_initiated);
  add_test ("/platform/exchange/idp-error", test_exchange_idp_error);
  add_test ("/platform/exchange/wrong-platform", test_exchange_wrong_platform);
  add_test ("/platform/exchange/insecure", test_insecure_platform);
  add_test ("/platform/exchange/not-retried/closed", test_exchange_not_retried_closed);
  add_test ("/platform/exchange/not-retried/misdirected", test_exchange_not_retried_misdirected);
  add_test ("/platform/exchange/chunked", test_exchange_chunked);
  add_test ("/platform/mock/request-shape", test_request_shape);
  add_test ("/platform/mock/stats", test_stats);
  add_test ("/platform/mock/idp-login", test_idp_login);
  add_test ("/platform/mock/idp-styles", test_idp_styles);
  add_test ("/platform/mock/idp-federate", test_idp_federate);
  add_test ("/platform/mock/idp-responses", test_idp_responses);
  add_test ("/platform/preconnect/exchange", test_preconnect);
  add_test ("/platform/preconnect/refused", test_preconnect_refused);
  add_test ("/platform/who-am-i/unauthorized", test_who_am_i_unauthorized);
  g_test_add_func ("/platform/parse/exchange", test_parse_exchange);
  g_test_add_func ("/platform/parse/long-message", test_parse_long_message);
  g_test_add_func ("/platform/parse/too-large", test_parse_too_large);
  g_test_add_func ("/platform/parse/user", test_parse_user);
  g_test_add_func ("/platform/parse/deep", test_parse_deep);
  g_test_add_func ("/platform/parse/token-charset", test_parse_token_charset);
  g_test_add_func ("/platform/properties", test_properties);

  return g_test_run ();
}
