/* End to end: the real saml-bearer binary, a person typing at the mock IdP's
 * login form, and the mock platform counting what reaches it. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sb-mock.h"
#include "sb-test-e2e.h"
#include "sb-test-utils.h"

#include <errno.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

typedef SbE2eFixture Fixture;

static void
replace_string (char **field,
                 char  *value)
{
  g_free (*field);
  *field = value;
}

static void
run_print_flow (Fixture    *f,
                const char *format)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *format_arg = g_strdup_printf ("--format=%s", format);
  g_autofree char *printed = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--print", format_arg,
                                     "--platform", sb_e2e_url (f, "platform"),
                                     "--idp-url", sb_e2e_url (f, "sso"),
                                     NULL);
  g_assert_no_error (error);

  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  sb_e2e_wait_for_milestone (err, "idp-page-loaded", seen);
  sb_e2e_sign_in_as_a_person ();
  sb_e2e_wait_for_milestone (err, "token-delivered", seen);

  g_subprocess_communicate (app, NULL, NULL, &out, &rest, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (app))
    {
      g_error ("saml-bearer was killed by signal %d; it said:\n%s%.*s", g_subprocess_get_term_sig (app), seen->str,
               (int)g_bytes_get_size (rest), (const char *)g_bytes_get_data (rest, NULL));
    }
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  printed = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_assert_true (g_str_has_suffix (printed, "\n"));

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = json_from_string (printed, &error);
      JsonObject *object;
      JsonObject *user;

      g_assert_no_error (error);
      object = json_node_get_object (node);
      token = g_strdup (json_object_get_string_member (object, "access_token"));
      g_assert_cmpstr (json_object_get_string_member (object, "token_type"), ==, "bearer");
      g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, sb_e2e_url (f, "platform"));
      g_assert_nonnull (json_object_get_string_member (object, "expires_at"));
      user = json_object_get_object_member (object, "user");
      g_assert_nonnull (user);
      g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, SB_MOCK_USERNAME);
    }
  else
    {
      token = g_strndup (printed, strlen (printed) - 1);
    }

  /* The printed token is the one the mock issued: compared by hash, never shown. */
  hash = sb_e2e_sha256 (token);
  counts = sb_e2e_stats (f);
  g_assert_cmpstr (hash, ==, json_object_get_string_member (counts, "last_token_sha256"));
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "browser_posts"), ==, 0);
}

static void
test_print_raw (Fixture       *f,
                gconstpointer  data)
{
  run_print_flow (f, "raw");
}

static void
test_print_json (Fixture       *f,
                 gconstpointer  data)
{
  run_print_flow (f, "json");
}

/* A window of the app is already open: --print still works and prints here. */
static void
test_print_beside_open_window (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  first = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                       "--platform", sb_e2e_url (f, "platform"),
                                       "--idp-url", sb_e2e_url (f, "sso"),
                                       NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (first));
  sb_e2e_wait_for_milestone (err, "window-shown", seen);

  sb_e2e_xdotool ("search --sync --onlyvisible --limit 1 --name '^SAML Bearer$' set_window --name 'SAML Bearer (first)'");
  run_print_flow (f, "raw");

  g_subprocess_send_signal (first, SIGTERM);
  g_subprocess_wait (first, NULL, NULL);
}

static void
test_closed_window (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(JsonObject) counts = NULL;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--print",
                                     "--platform", sb_e2e_url (f, "platform"),
                                     "--idp-url", sb_e2e_url (f, "sso"),
                                     NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  sb_e2e_wait_for_milestone (err, "idp-page-loaded", seen);

  sb_e2e_close_window_by_keyboard ();

  g_subprocess_communicate (app, NULL, NULL, &out, &rest, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 3);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest), "window was closed"));

  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 0);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  for (const char *option = "--platform\0--idp-url\0--profile\0--print\0--format\0--no-clipboard\0--version\0"
                            "--exec\0--status\0--sign-out\0--min-valid\0--fresh\0--no-cache\0--organization\0"
                            "--list-profiles\0";
       *option; option += strlen (option) + 1)
    g_assert_nonnull (strstr (out, option));
  g_clear_object (&app);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--version", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  g_assert_cmpstr (out, ==, "saml-bearer " PACKAGE_VERSION "\n");
  g_clear_object (&app);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--print", "--format=yaml", "--platform", sb_e2e_url (f, "platform"), NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "yaml"));
  g_clear_object (&app);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--print", "--platform", "http://platform.example.com", "--idp-url", sb_e2e_url (f, "sso"), NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 2);
  g_assert_nonnull (strstr (err, "--platform"));
  g_assert_nonnull (strstr (err, "https"));
}


/* The fault matrix: each row is what a user sees on stderr and the exit status of --print. */

typedef struct {
  const char *name;
  const char *query;          /* for the mock IdP; "@" stands for a staged platform origin */
  const char *platform;       /* "refused", "unresolvable", "tls" or NULL for the mock's */
  const char *extra_arg;
  int         status;
  const char *message;        /* a piece of the one-line reason */
  int         exchanges;      /* JSON exchanges the mock platform saw; -1: do not check */
} Fault;

static const Fault faults[] = {
  { "http-500", "login=0&acs=500", NULL, NULL, 1, "The platform had a problem (HTTP 500)", 1 },
  { "http-502-html", "login=0&acs=502", NULL, NULL, 1, "The platform had a problem (HTTP 502)", 1 },
  { "http-401-json", "login=0&acs=401", NULL, NULL, 1, "The platform refused the sign-in: Invalid SAML assertion: signature check failed", 1 },
  { "http-403", "login=0&acs=403", NULL, NULL, 1, "The platform refused access (HTTP 403)", 1 },
  { "http-404", "login=0&acs=404", NULL, NULL, 1, "The platform has no sign-in at this address (HTTP 404)", 1 },
  { "malformed-json", "login=0&acs=badjson", NULL, NULL, 1, "The platform’s answer could not be read", 1 },
  { "html-answer", "login=0&acs=html", NULL, NULL, 1, "The platform answered with a web page instead of a token", 1 },
  { "no-access-token", "login=0&acs=notoken", NULL, NULL, 1, "The platform accepted the sign-in but sent no token", 1 },
  { "empty-access-token", "login=0&acs=emptytoken", NULL, NULL, 1, "The platform accepted the sign-in but sent no token", 1 },
  { "10-mb-answer", "login=0&acs=huge", NULL, NULL, 1, "is too large to be a token", 1 },
  { "timeout", "login=0&acs=slow", NULL, "--timeout=2", 1, "did not answer within 2 seconds", 1 },
  { "connection-refused", "login=0&acs-origin=@", "refused", NULL, 1, "Could not connect to 127.0.0.1:", 0 },
  { "unresolvable-host", "login=0&acs-origin=@", "unresolvable", NULL, 1, "Could not find platform.does-not-exist.invalid", 0 },
  { "platform-tls-untrusted", "login=0&acs-origin=@", "tls", NULL, 1, "is not trusted, so nothing was sent", 0 },
  { "saml-status-authn-failed", "login=0&status=AuthnFailed", NULL, NULL, 1, "did not sign you in (AuthnFailed): The user could not be authenticated.", 0 },
  { "saml-status-request-denied", "login=0&status=RequestDenied", NULL, NULL, 1, "did not sign you in (RequestDenied)", 0 },
  { "sp-initiated", "login=0&in-response-to=1", NULL, NULL, 1, "only exchanges assertions from a sign-in started at your identity provider. Use the IdP-initiated sign-in address", 1 },
  { "wrong-platform", "login=0&platform=other", NULL, NULL, 1, "but this profile is for 127.0.0.1:", 0 },
  { "not-base64", "login=0&notbase64=1", NULL, NULL, 1, "Nothing was sent to the platform. The SAML response", 0 },
  { "redirect-binding", "login=0&style=get-binding", NULL, NULL, 1, "in a way SAML Bearer could not read, so it was stopped", 0 },
  { "forged-response", "login=0&style=forge-before", NULL, NULL, 1, "gave two different answers for one sign-in", 0 },
};

/* A TLS server whose certificate nobody trusts, on its own thread so the test may block on pipes. */
typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GAsyncQueue  *ready;
  char         *url;
} TlsServer;

static gpointer
tls_thread (gpointer data)
{
  TlsServer *tls = data;
  g_autoptr(SoupServer) server = NULL;

  g_main_context_push_thread_default (tls->context);
  server = sb_test_tls_page_server_new ("self-signed.pem", "self-signed.key",
                                        "<html><body>untrusted</body></html>", &tls->url);
  g_async_queue_push (tls->ready, GINT_TO_POINTER (1));

  g_main_loop_run (tls->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (tls->context);

  return NULL;
}

static TlsServer *
tls_server_start (void)
{
  TlsServer *tls = g_new0 (TlsServer, 1);

  tls->context = g_main_context_new ();
  tls->loop = g_main_loop_new (tls->context, FALSE);
  tls->ready = g_async_queue_new ();
  tls->thread = g_thread_new ("tls-server", tls_thread, tls);
  g_async_queue_pop (tls->ready);

  return tls;
}

static void
tls_server_stop (TlsServer *tls)
{
  g_main_loop_quit (tls->loop);
  g_thread_join (tls->thread);
  g_main_loop_unref (tls->loop);
  g_main_context_unref (tls->context);
  g_async_queue_unref (tls->ready);
  g_free (tls->url);
  g_free (tls);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsServer, tls_server_stop)

static GSubprocess *
spawn_print (Fixture     *f,
             const char  *platform,
             const char  *idp_url,
             const char  *extra_arg,
             GError     **error)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);

  return g_subprocess_launcher_spawn (spawner, error, g_getenv ("SB_TEST_PROGRAM"), "--print",
                                      "--platform", platform, "--idp-url", idp_url,
                                      extra_arg != NULL ? extra_arg : "--format=raw", NULL);
}

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const Fault *fault = data;
  g_autoptr(TlsServer) tls = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *platform = g_strdup (sb_e2e_url (f, "platform"));
  g_autofree char *query = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) parts = NULL;
  int status;

  if (g_strcmp0 (fault->platform, "refused") == 0)
    replace_string (&platform, g_strdup_printf ("http://127.0.0.1:%u", sb_test_closed_port ()));
  else if (g_strcmp0 (fault->platform, "unresolvable") == 0)
    replace_string (&platform, g_strdup ("https://platform.does-not-exist.invalid"));
  else if (g_strcmp0 (fault->platform, "tls") == 0)
    {
      tls = tls_server_start ();
      replace_string (&platform, g_strdup (tls->url));
    }

  parts = g_strsplit (fault->query, "@", 2);
  query = parts[1] != NULL ? g_strconcat (parts[0], platform, parts[1], NULL) : g_strdup (fault->query);
  idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?", query, NULL);

  app = spawn_print (f, platform, idp_url, fault->extra_arg, &error);
  g_assert_no_error (error);
  status = sb_e2e_run_to_end (app, &out, &err);

  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (status, ==, fault->status);
  if (strstr (err, fault->message) == NULL)
    g_error ("expected “%s” in what saml-bearer said:\n%s", fault->message, err);
  g_assert_true (g_str_has_prefix (strstr (err, "saml-bearer: "), "saml-bearer: "));

  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "browser_posts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "page_requests"), ==, 0);
  if (fault->exchanges >= 0)
    g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, fault->exchanges);
}

/* A page that submits its form three times gets one exchange, and --print its token. */
static void
test_double_submit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0&style=double-submit", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;

  app = spawn_print (f, sb_e2e_url (f, "platform"), idp_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 0);

  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  hash = sb_e2e_sha256 (out);
  counts = sb_e2e_stats (f);
  g_assert_cmpstr (hash, ==, json_object_get_string_member (counts, "last_token_sha256"));
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "replays"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "page_requests"), ==, 0);
}

static void
test_idp_tls_untrusted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TlsServer) tls = tls_server_start ();
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idp_url = g_strconcat (tls->url, "/sso", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  app = spawn_print (f, sb_e2e_url (f, "platform"), idp_url, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "The connection to 127.0.0.1:"));
  g_assert_nonnull (strstr (err, "its certificate is not trusted because it is not signed by an authority this computer trusts"));
}

/* Starts saml-bearer --print and returns once it reached @milestone. */
static GSubprocess *
spawn_print_until (Fixture    *f,
                   const char *idp_url,
                   const char *milestone)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  app = spawn_print (f, sb_e2e_url (f, "platform"), idp_url, NULL, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  sb_e2e_wait_for_milestone (lines, milestone, seen);

  return g_steal_pointer (&app);
}

/* Stops the app's web process the way the kernel would, while the sign-in page is shown. */
static void
test_web_process_killed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSubprocess) app = spawn_print_until (f, sb_e2e_url (f, "sso"), "idp-page-loaded");
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  command = g_strdup_printf ("pkill -KILL -P %s -f WebKitWebProcess", g_subprocess_get_identifier (app));
  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "The sign-in page stopped working."));
}

/* Closing the window while the platform has not answered yet: the request is dropped, nothing is printed. */
static void
test_closed_mid_exchange (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0&acs=slow", NULL);
  g_autoptr(GSubprocess) app = spawn_print_until (f, idp_url, "platform-exchange-sent");
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  sb_e2e_close_window_by_keyboard ();

  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "window was closed"));
  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "tokens_issued"), ==, 0);
}

/* Pages that only pretend, or post SAML elsewhere: no exchange, nothing printed. */
static void
test_untrusted_pages (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0&style=", (const char *)data, NULL);
  g_autoptr(GSubprocess) app = spawn_print_until (f, idp_url, "idp-page-loaded");
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_usleep (3 * G_USEC_PER_SEC);

  sb_e2e_close_window_by_keyboard ();
  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 3);
  g_assert_cmpstr (out, ==, "");

  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "browser_posts"), ==, 0);
}


static GSubprocess *
spawn_profile (Fixture     *f,
               const char  *profile,
               const char  *debug,
               GError     **error)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);

  g_subprocess_launcher_setenv (spawner, "GSETTINGS_BACKEND", "keyfile", TRUE);
  if (debug != NULL)
    g_subprocess_launcher_setenv (spawner, "G_MESSAGES_DEBUG", debug, TRUE);

  return g_subprocess_launcher_spawn (spawner, error, g_getenv ("SB_TEST_PROGRAM"), "--print", "--profile", profile, NULL);
}

#define PIECE 12

/* Every 12-character piece of the secrets, to look for in what the app leaves behind. */
static GHashTable *
secret_pieces (const char * const *secrets)
{
  GHashTable *pieces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; secrets[i] != NULL; i++)
    for (gsize at = 0; at + PIECE <= strlen (secrets[i]); at++)
      g_hash_table_add (pieces, g_strndup (secrets[i] + at, PIECE));

  return pieces;
}

/* Says where a piece was found by the start of its line only, so the report does not leak it either. */
static gboolean
leaks (GHashTable *pieces,
       const char *haystack,
       gsize       length)
{
  char window[PIECE + 1] = { 0 };

  for (gsize at = 0; at + PIECE <= length; at++)
    {
      memcpy (window, haystack + at, PIECE);
      if (g_hash_table_contains (pieces, window))
        {
          gsize line = at;

          while (line > 0 && haystack[line - 1] != '\n' && at - line < 200)
            line--;
          g_test_message ("secret found at offset %" G_GSIZE_FORMAT ", in a line starting “%.*s”",
                          at, (int)MIN (40, at - line), haystack + line);
          return TRUE;
        }
    }

  return FALSE;
}

static void
assert_no_leak_in_tree (GHashTable *pieces,
                        GFile      *dir,
                        guint      *files)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          assert_no_leak_in_tree (pieces, child, files);
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (g_file_load_contents (child, NULL, &contents, &length, NULL, NULL))
            {
              g_autofree char *path = g_file_get_path (child);

              (*files)++;
              if (leaks (pieces, contents, length))
                g_error ("a piece of the token or assertion was written to %s", path);
            }
        }
      g_object_unref (info);
    }
}

/* The whole flow with every debug message on: the secrets appear only where --print puts the token. */
static void
test_no_secret_leaks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pieces = NULL;
  g_autoptr(GFile) home = g_file_new_for_path (f->home);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *token = NULL;
  g_autofree char *assertion = NULL;
  g_autofree char *all_err = NULL;
  const char *secrets[3];
  guint files = 0;

  sb_e2e_write_profiles (f);
  app = spawn_profile (f, "Work", "all", &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  sb_e2e_wait_for_milestone (lines, "idp-page-loaded", seen);
  sb_e2e_sign_in_as_a_person ();
  sb_e2e_wait_for_milestone (lines, "token-delivered", seen);
  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 0);

  token = g_strndup (out, strlen (out) - 1);
  assertion = sb_e2e_fetch (f, "/mock/last-response");
  g_assert_cmpuint (strlen (token), >=, PIECE);
  g_assert_cmpuint (strlen (assertion), >, 1000);
  secrets[0] = token;
  secrets[1] = assertion;
  secrets[2] = NULL;
  pieces = secret_pieces (secrets);

  /* The debug output is really on, so the check means something. */
  all_err = g_strconcat (seen->str, err, NULL);
  g_assert_nonnull (strstr (all_err, "-DEBUG"));
  g_assert_false (leaks (pieces, all_err, strlen (all_err)));
  g_assert_cmpstr (out + strlen (token), ==, "\n");

  assert_no_leak_in_tree (pieces, home, &files);
  g_test_message ("looked into %u files the app left under its HOME", files);
  g_assert_cmpuint (files, >, 0);
}

/* "Stay signed in" works per profile: the IdP's cookie comes back next time, and only for that profile. */
static void
test_remembered_sign_in (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  sb_e2e_write_profiles (f);

  first = spawn_profile (f, "Work", NULL, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (first));
  sb_e2e_wait_for_milestone (lines, "idp-page-loaded", seen);
  sb_e2e_sign_in_as_a_person ();
  g_assert_cmpint (sb_e2e_run_to_end (first, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_object (&lines);

  /* Same profile, new process: no form to fill in, so no window shown either. */
  again = spawn_profile (f, "Work", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_e2e_run_to_end (again, &out, &err), ==, 0);
  g_assert_cmpuint (strlen (out), >, 1);
  g_assert_nonnull (strstr (err, " token-delivered"));
  g_assert_null (strstr (err, " window-shown"));
  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "session_sign_ins"), ==, 1);
  g_clear_pointer (&counts, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Another profile does not get the cookie: it waits at the form until closed. */
  other = spawn_profile (f, "Other", NULL, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (other));
  sb_e2e_wait_for_milestone (lines, "idp-page-loaded", seen);
  g_usleep (2 * G_USEC_PER_SEC);
  sb_e2e_close_window_by_keyboard ();
  g_assert_cmpint (sb_e2e_run_to_end (other, &out, &err), ==, 3);
  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "session_sign_ins"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "tokens_issued"), ==, 2);
}

/* A capture-only profile: the response posted to another service provider is stopped and printed. */
static void
test_capture_only (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *acs = g_strconcat (sb_e2e_url (f, "idp"), "/idp/federate", NULL);
  g_autofree char *escaped = g_uri_escape_string (acs, NULL, TRUE);
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0&acs-url=", escaped, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *response = NULL;
  gboolean json = GPOINTER_TO_INT (data);
  JsonObject *object;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--print",
                                     json ? "--format=json" : "--format=raw",
                                     "--idp-url", idp_url, "--capture", acs, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 0);

  response = sb_e2e_fetch (f, "/mock/last-response");
  if (json)
    {
      node = json_from_string (out, &error);
      g_assert_no_error (error);
      object = json_node_get_object (node);
      g_assert_true (g_strcmp0 (json_object_get_string_member (object, "saml_response"), response) == 0);
      g_assert_cmpstr (json_object_get_string_member (object, "acs_url"), ==, acs);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "summary"), "status_code"),
                       ==, "urn:oasis:names:tc:SAML:2.0:status:Success");
    }
  else
    {
      g_assert_true (g_str_has_suffix (out, "\n"));
      out[strlen (out) - 1] = '\0';
      g_assert_true (g_strcmp0 (out, response) == 0);
    }

  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "federated_posts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "browser_posts"), ==, 0);
}

/* A saved capture-only profile stays one when the command line overrides part of it. */
static void
test_capture_profile_override (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *acs = g_strconcat (sb_e2e_url (f, "idp"), "/idp/federate", NULL);
  g_autofree char *escaped = g_uri_escape_string (acs, NULL, TRUE);
  g_autofree char *dir = g_build_filename (f->home, "config", "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *response = NULL;

  contents = g_strdup_printf ("[io/github/samlbearer/SamlBearer]\n"
                              "profiles=['pcapture']\n"
                              "\n"
                              "[io/github/samlbearer/SamlBearer/profiles/pcapture]\n"
                              "name='Capture'\n"
                              "kind='capture'\n"
                              "acs-url='%s'\n"
                              "platform-url='%s'\n"
                              "idp-url='%s?login=0&acs-url=%s'\n",
                              acs, sb_e2e_url (f, "platform"), sb_e2e_url (f, "sso"), escaped);
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  g_subprocess_launcher_setenv (spawner, "GSETTINGS_BACKEND", "keyfile", TRUE);
  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--print",
                                     "--profile", "Capture", "--user-agent", "SamlBearerTest/1.0", NULL);
  g_assert_no_error (error);
  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 0);

  response = sb_e2e_fetch (f, "/mock/last-response");
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_true (g_strcmp0 (out, response) == 0);

  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "federated_posts"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (counts, "last_idp_user_agent"), ==, "SamlBearerTest/1.0");
}

/* A misspelt option is a bad command line, said in one line with what to do. */
static void
test_misspelt_option (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  const char *misspelt[] = { g_getenv ("SB_TEST_PROGRAM"), "--prnt", NULL };
  const char *bad_value[] = { g_getenv ("SB_TEST_PROGRAM"), "--print", "--timeout=soon", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sb_e2e_run_with (spawner, misspelt, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "--prnt"));
  g_assert_nonnull (strstr (err, "--help"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sb_e2e_run_with (spawner, bad_value, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "--timeout"));
}

/* Options that cannot go together, or are missing their value, are a bad command line. */
static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  const char *program = g_getenv ("SB_TEST_PROGRAM");
  const struct {
    const char *argv[5];
    const char *message;
  } cases[] = {
    { { program, "--print", "--status", NULL }, "--print and --status cannot be used together" },
    { { program, "--exec", "--sign-out", NULL }, "--exec and --sign-out cannot be used together" },
    { { program, "--exec", NULL }, "--exec needs a command after “--”" },
    { { program, "--print", "--min-valid=-1", NULL }, "--min-valid" },
    { { program, "--organization=Engines", NULL }, "--organization goes with --print, --exec or --status" },
    { { program, "--status", "--format=env", NULL }, "--status prints “text” (the default) or “json”" },
    { { program, "--print", "--format=curl", NULL }, "use raw, header, json or env" },
    { { program, "--print", "stray", NULL }, "Unexpected argument “stray”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpint (sb_e2e_run_with (spawner, cases[i].argv, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      sb_e2e_assert_one_line (err);
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

/* --list-profiles names the saved profiles, one per line, for shell completion. */
static void
test_list_profiles (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  const char *list[] = { g_getenv ("SB_TEST_PROGRAM"), "--list-profiles", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sb_e2e_run_with (spawner, list, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  sb_e2e_write_profiles (f);
  g_subprocess_launcher_setenv (spawner, "GSETTINGS_BACKEND", "keyfile", TRUE);
  sb_e2e_unset_display (spawner);
  g_assert_cmpint (sb_e2e_run_with (spawner, list, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Work\nOther\n");
  g_assert_null (strstr (err, "saml-bearer: "));
}

/* No Secret Service on the bus (a bare session): the sign-in works as before, says once
 * that tokens will not be kept, and nothing is reused. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0", NULL);
  const char *print[] = { g_getenv ("SB_TEST_PROGRAM"), "--print", "--platform", sb_e2e_url (f, "platform"),
                          "--idp-url", idp_url, NULL };
  const char *status[] = { g_getenv ("SB_TEST_PROGRAM"), "--status", "--platform", sb_e2e_url (f, "platform"),
                           "--idp-url", idp_url, NULL };
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;
  const char *said;

  g_assert_cmpint (sb_e2e_run_with (spawner, print, &out, &err), ==, 0);
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  hash = sb_e2e_sha256 (out);
  counts = sb_e2e_stats (f);
  g_assert_cmpstr (hash, ==, json_object_get_string_member (counts, "last_token_sha256"));
  said = strstr (err, "saml-bearer: ");
  g_assert_nonnull (said);
  g_assert_nonnull (strstr (said, "tokens will not be kept"));
  g_assert_null (strstr (said + 1, "saml-bearer: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sb_e2e_run_with (spawner, status, &out, &err), ==, 1);
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "No keyring (Secret Service) answers"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  sb_e2e_unset_display (spawner);
  g_assert_cmpint (sb_e2e_run_with (spawner, print, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "desktop session"));
  g_clear_pointer (&counts, json_object_unref);
  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 1);
}

/* Without a display a sign-in cannot start: one line says so, and the options that
 * need no window still work. */
static void
test_no_display (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "entra.b64", NULL);
  const char *print[] = { g_getenv ("SB_TEST_PROGRAM"), "--print", "--platform", sb_e2e_url (f, "platform"),
                          "--idp-url", sb_e2e_url (f, "sso"), NULL };
  const char *window[] = { g_getenv ("SB_TEST_PROGRAM"), "--platform", sb_e2e_url (f, "platform"),
                           "--idp-url", sb_e2e_url (f, "sso"), NULL };
  const char *version[] = { g_getenv ("SB_TEST_PROGRAM"), "--version", NULL };
  const char *help[] = { g_getenv ("SB_TEST_PROGRAM"), "--help", NULL };
  const char *inspect[] = { g_getenv ("SB_TEST_PROGRAM"), "--inspect", fixture, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) counts = NULL;

  sb_e2e_unset_display (spawner);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (sb_e2e_run_with (spawner, i == 0 ? print : window, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      sb_e2e_assert_one_line (err);
      g_assert_nonnull (strstr (err, "desktop session"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  g_assert_cmpint (sb_e2e_run_with (spawner, version, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "saml-bearer " PACKAGE_VERSION "\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sb_e2e_run_with (spawner, help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--print"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sb_e2e_run_with (spawner, inspect, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Issuer"));
  g_assert_null (strstr (err, "saml-bearer: "));

  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "page_requests"), ==, 0);
}

/* The window (not --print) closed before a token arrived: status 3, as --help says. */
static void
test_window_closed_before_token (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rest = NULL;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--platform", sb_e2e_url (f, "platform"), "--idp-url", sb_e2e_url (f, "sso"), NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (err), FALSE);
  sb_e2e_wait_for_milestone (err, "idp-page-loaded", seen);

  sb_e2e_close_window_by_keyboard ();

  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &rest), ==, 3);
  g_assert_cmpstr (out, ==, "");
  counts = sb_e2e_stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 0);
}

/* What another X client pastes from the clipboard, or NULL when nobody offers text. */
static char *
paste (void)
{
  g_autofree char *text = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync ("xclip -selection clipboard -o -t UTF8_STRING", &text, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_steal_pointer (&text);
}

/* Reads what the app writes to its terminal until a line has @needle. */
static void
wait_for_line (int         terminal,
               const char *needle,
               GString    *seen)
{
  g_autoptr(GString) line = g_string_new (NULL);
  char c;

  for (;;)
    {
      gssize n = read (terminal, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      /* Once the app is gone, a terminal reads as an error (EIO), not as an end. */
      if (n <= 0)
        g_error ("saml-bearer said no “%s”; it said:\n%s%s", needle, seen->str, line->str);

      if (c != '\n')
        {
          g_string_append_c (line, c);
          continue;
        }

      g_string_append_printf (seen, "%s\n", line->str);
      g_test_message ("app: %s", line->str);
      if (strstr (line->str, needle) != NULL)
        return;
      g_string_truncate (line, 0);
    }
}

/* The window closed, the token on the clipboard: the app says on its terminal that it
 * stays to clear it, and clears it when it is told to stop. */
static void
test_clipboard_after_window (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) counts = NULL;
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0", NULL);
  g_autofree char *pasted = NULL;
  g_autofree char *hash = NULL;
  struct termios raw;
  int master;
  int slave;

  /* Standard error is a terminal, as in a person's shell; raw, so lines end in \n alone. */
  memset (&raw, 0, sizeof raw);
  cfmakeraw (&raw);
  g_assert_cmpint (openpty (&master, &slave, NULL, &raw, NULL), ==, 0);

  g_subprocess_launcher_set_flags (spawner, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_take_stderr_fd (spawner, slave);
  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--platform", sb_e2e_url (f, "platform"), "--idp-url", idp_url, NULL);
  g_assert_no_error (error);
  g_clear_object (&spawner);

  wait_for_line (master, " token-delivered", seen);

  /* The token is on the clipboard: compared by hash, never shown. */
  pasted = paste ();
  g_assert_nonnull (pasted);
  hash = sb_e2e_sha256 (pasted);
  counts = sb_e2e_stats (f);
  g_assert_cmpstr (hash, ==, json_object_get_string_member (counts, "last_token_sha256"));
  g_clear_pointer (&pasted, g_free);

  sb_e2e_close_window_by_keyboard ();
  wait_for_line (master, "stays on the clipboard for ", seen);
  g_assert_nonnull (strstr (seen->str, "saml-bearer: What you copied stays on the clipboard for "));
  g_assert_nonnull (strstr (seen->str, "press Ctrl+C to clear it now."));

  /* Still ours to serve meanwhile. */
  pasted = paste ();
  g_assert_nonnull (pasted);
  g_clear_pointer (&pasted, g_free);

  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_signaled (app));
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  pasted = paste ();
  g_assert_true (pasted == NULL || *pasted == '\0');
  close (master);
}

static void
add (const char *path,
     void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, sb_e2e_set_up, test, sb_e2e_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/e2e/print/raw", test_print_raw);
  add ("/e2e/print/json", test_print_json);
  add ("/e2e/print/beside-open-window", test_print_beside_open_window);
  add ("/e2e/print/window-closed", test_closed_window);
  add ("/e2e/command-line", test_command_line);
  add ("/e2e/command-line/misspelt-option", test_misspelt_option);
  add ("/e2e/command-line/no-display", test_no_display);
  add ("/e2e/command-line/usage-errors", test_usage_errors);
  add ("/e2e/command-line/list-profiles", test_list_profiles);
  add ("/e2e/print/no-keyring", test_no_keyring);
  add ("/e2e/window/closed-before-token", test_window_closed_before_token);
  add ("/e2e/window/clipboard-after-window", test_clipboard_after_window);
  add ("/e2e/secrets/not-in-logs-or-files", test_no_secret_leaks);
  add ("/e2e/profile/remembered-sign-in", test_remembered_sign_in);
  g_test_add ("/e2e/capture-only/raw", Fixture, GINT_TO_POINTER (FALSE), sb_e2e_set_up, test_capture_only, sb_e2e_tear_down);
  g_test_add ("/e2e/capture-only/json", Fixture, GINT_TO_POINTER (TRUE), sb_e2e_set_up, test_capture_only, sb_e2e_tear_down);
  add ("/e2e/capture-only/saved-profile-with-override", test_capture_profile_override);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/e2e/fault/%s", faults[i].name);
      g_test_add (path, Fixture, &faults[i], sb_e2e_set_up, test_fault, sb_e2e_tear_down);
    }
  add ("/e2e/fault/idp-tls-untrusted", test_idp_tls_untrusted);
  add ("/e2e/hostile/double-submit", test_double_submit);
  add ("/e2e/fault/web-process-killed", test_web_process_killed);
  add ("/e2e/fault/window-closed-mid-exchange", test_closed_mid_exchange);
  g_test_add ("/e2e/fault/fake-message", Fixture, "fake-message", sb_e2e_set_up, test_untrusted_pages, sb_e2e_tear_down);
  g_test_add ("/e2e/fault/other-host", Fixture, "other-host", sb_e2e_set_up, test_untrusted_pages, sb_e2e_tear_down);

  return g_test_run ();
}
