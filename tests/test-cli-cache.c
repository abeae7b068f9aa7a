/* The command line with tokens kept: the real binary, the mock IdP and platform, and a
 * real keyring (gnome-keyring-daemon, started on the test's bus by gui-test-wrapper --keyring).
 * Tokens are compared by hash, never shown. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sb-mock.h"
#include "sb-test-e2e.h"

#include <signal.h>
#include <string.h>

typedef SbE2eFixture Fixture;

/* saml-bearer --platform … --idp-url … ARGS…, with the mock IdP signing in by itself
 * (a remembered session, as it were), and with no display at all unless @display. */
static int
run_app (Fixture             *f,
         gboolean             display,
         char               **out,
         char               **err,
         const char * const  *args)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0", NULL);
  g_auto(GStrv) argv = NULL;
  int status;

  g_strv_builder_add_many (builder, g_getenv ("SB_TEST_PROGRAM"),
                           "--platform", sb_e2e_url (f, "platform"), "--idp-url", idp_url, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (!display)
    sb_e2e_unset_display (spawner);

  status = sb_e2e_run_with (spawner, (const char * const *) argv, out, err);
  g_test_message ("%s exited with %d", argv[5] != NULL ? argv[5] : "(window)", status);
  return status;
}

#define RUN(f, display, out, err, ...) \
  run_app ((f), (display), (out), (err), (const char * const []) { __VA_ARGS__, NULL })

static gint64
count (Fixture    *f,
       const char *what)
{
  g_autoptr(JsonObject) counts = sb_e2e_stats (f);

  return json_object_get_int_member (counts, what);
}

static char *
last_token_hash (Fixture *f)
{
  g_autoptr(JsonObject) counts = sb_e2e_stats (f);

  return g_strdup (json_object_get_string_member (counts, "last_token_sha256"));
}

/* The hash of the token a --print run printed alone on its line. */
static char *
printed_hash (char *out)
{
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_null (strchr (out, '\n'));
  g_assert_cmpuint (strlen (out), >, 0);

  return sb_e2e_sha256 (out);
}

/* Signs in through the window, as the first --print of the day does; returns the token's hash. */
static char *
sign_in (Fixture    *f,
         const char *extra_arg)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *issued = NULL;

  g_assert_cmpint (RUN (f, TRUE, &out, &err, "--print", extra_arg != NULL ? extra_arg : "--format=raw"), ==, 0);
  g_assert_nonnull (strstr (err, " idp-page-loaded"));
  g_assert_null (strstr (err, "will not be kept"));

  hash = printed_hash (out);
  issued = last_token_hash (f);
  g_assert_cmpstr (hash, ==, issued);

  return g_steal_pointer (&hash);
}

/* Nothing of a sign-in happened in a run: no window, no page, no exchange. */
static void
assert_no_sign_in (const char *err)
{
  g_assert_null (strstr (err, " window-shown"));
  g_assert_null (strstr (err, " idp-page-loaded"));
  g_assert_null (strstr (err, " capture"));
}

static void
post (Fixture    *f,
      const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *address = g_strconcat (sb_e2e_url (f, "platform"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", address);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

/* The second --print is served from the keyring: no exchange, no window, no display needed. */
static void
test_reuse (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 expires_in;

  g_assert_cmpint (count (f, "exchanges"), ==, 1);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print"), ==, 0);
  assert_no_sign_in (err);
  hash = printed_hash (out);
  g_assert_cmpstr (hash, ==, first);
  g_assert_cmpint (count (f, "exchanges"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&hash, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print", "--format=json"), ==, 0);
  object = parse_object (out);
  hash = sb_e2e_sha256 (json_object_get_string_member (object, "access_token"));
  g_assert_cmpstr (hash, ==, first);
  g_assert_true (json_object_get_boolean_member (object, "cached"));
  expires_in = json_object_get_int_member (object, "expires_in");
  g_assert_cmpint (expires_in, >, 5 * 60);
  g_assert_cmpint (expires_in, <=, 60 * 60);
  g_assert_nonnull (json_object_get_string_member (object, "expires_at"));
  g_assert_cmpint (count (f, "exchanges"), ==, 1);
}

/* A kept token the platform no longer accepts is deleted, and a sign-in follows. */
static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  post (f, "/mock/revoke");

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status"), ==, 1);
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "no longer accepts"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Deleted by --status: with no display there is nothing left to hand over. */
  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "desktop session"));
  g_assert_cmpint (count (f, "exchanges"), ==, 1);

  second = sign_in (f, NULL);
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpint (count (f, "exchanges"), ==, 2);
}

/* The same, found by --print itself: it deletes the token and signs in. */
static void
test_rejected_print (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *second = NULL;

  post (f, "/mock/revoke");
  second = sign_in (f, NULL);
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpint (count (f, "exchanges"), ==, 2);
}

/* --fresh signs in again even with a valid token kept, and keeps the new one. */
static void
test_fresh (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *second = sign_in (f, "--fresh");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;

  g_assert_cmpstr (second, !=, first);
  g_assert_cmpint (count (f, "exchanges"), ==, 2);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print"), ==, 0);
  hash = printed_hash (out);
  g_assert_cmpstr (hash, ==, second);
  g_assert_cmpint (count (f, "exchanges"), ==, 2);
}

/* --no-cache neither stores the new token nor uses the kept one. */
static void
test_no_cache (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = sign_in (f, "--no-cache");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status"), ==, 1);
  g_assert_nonnull (strstr (err, "No token is kept"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  second = sign_in (f, NULL);
  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print", "--no-cache"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "desktop session"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  third = sign_in (f, "--no-cache");
  g_assert_cmpstr (third, !=, second);
  g_assert_cmpint (count (f, "exchanges"), ==, 3);

  /* The one kept is still the one stored before. */
  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print"), ==, 0);
  g_clear_pointer (&third, g_free);
  third = printed_hash (out);
  g_assert_cmpstr (third, ==, second);
  g_assert_cmpstr (first, !=, second);
}

/* "127.0.0.1:port", as ANYPOINT_HOST has it. */
static char *
dup_platform_host (Fixture *f)
{
  g_autoptr(GUri) uri = g_uri_parse (sb_e2e_url (f, "platform"), G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

/* saml-bearer --exec -- sh -c @script, with @input on its standard input and no display. */
static int
exec_with_input (Fixture    *f,
                 const char *script,
                 const char *input)
{
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_flags (spawner, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                            G_SUBPROCESS_FLAGS_STDERR_PIPE);
  sb_e2e_unset_display (spawner);
  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--platform", sb_e2e_url (f, "platform"), "--idp-url", idp_url,
                                     "--exec", "--", "sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));

  return g_subprocess_get_exit_status (app);
}

/* --exec runs the command with the token in its environment, on the real standard output,
 * and exits with its status. The command checks its environment itself. */
static void
test_exec (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *host = dup_platform_host (f);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  script = g_strdup_printf ("test \"$ANYPOINT_HOST\" = '%s' && test -n \"$ANYPOINT_ORG\" && "
                            "printf %%s \"$ANYPOINT_ACCESS_TOKEN\" | sha256sum && exit 7", host);
  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--exec", "--", "sh", "-c", script), ==, 7);
  assert_no_sign_in (err);
  expected = g_strdup_printf ("%s  -\n", first);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Killed by a signal: 128 + its number, as a shell says. */
  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--exec", "--", "sh", "-c", "kill -TERM $$"), ==, 128 + 15);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--exec", "--", "saml-bearer-test-no-such-command"), ==, 127);
  g_assert_cmpstr (out, ==, "");
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "saml-bearer-test-no-such-command: command not found"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (exec_with_input (f, "read line && test \"$line\" = 'from the terminal'", "from the terminal\n"), ==, 0);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--exec"), ==, 2);
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "--exec needs a command"));

  g_assert_cmpint (count (f, "exchanges"), ==, 1);
}

/* SIGTERM sent to saml-bearer alone reaches the command, whose status is then the run's. */
static void
test_exec_terminated (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autoptr(GSubprocessLauncher) spawner = sb_e2e_launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *idp_url = g_strconcat (sb_e2e_url (f, "sso"), "?login=0", NULL);
  g_autofree char *line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  sb_e2e_unset_display (spawner);
  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--platform", sb_e2e_url (f, "platform"), "--idp-url", idp_url, "--exec", "--",
                                     "sh", "-c", "trap 'exit 9' TERM; echo ready; while :; do sleep 0.1; done", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  g_subprocess_send_signal (app, SIGTERM);
  g_assert_cmpint (sb_e2e_run_to_end (app, &out, &err), ==, 9);
}

/* With no token kept, --exec signs in through the window first; the token never reaches
 * standard output. */
static void
test_exec_after_sign_in (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (RUN (f, TRUE, &out, &err, "--exec", "--", "sh", "-c",
                        "printf %s \"$ANYPOINT_ACCESS_TOKEN\" | sha256sum; exit 3"), ==, 3);
  g_assert_nonnull (strstr (err, " idp-page-loaded"));
  issued = last_token_hash (f);
  expected = g_strdup_printf ("%s  -\n", issued);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (count (f, "exchanges"), ==, 1);
}

/* Runs @shell -c @script with @input on its standard input. */
static int
run_shell (const char  *shell,
           const char  *script,
           const char  *input,
           char       **out)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            shell, "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, input, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));

  return g_subprocess_get_exit_status (child);
}

/* --format=env prints assignments that sh and bash eval. */
static void
test_format_env (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *host = dup_platform_host (f);
  g_autofree char *script = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print", "--format=env"), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_str_has_prefix (lines[i], "export ANYPOINT_"));
  g_assert_cmpstr (lines[3], ==, "");

  script = g_strdup_printf ("eval \"$(cat)\" && test \"$ANYPOINT_HOST\" = '%s' && test -n \"$ANYPOINT_ORG\" && "
                            "printf %%s \"$ANYPOINT_ACCESS_TOKEN\" | sha256sum", host);
  expected = g_strdup_printf ("%s  -\n", first);
  for (const char *shell = "sh\0bash\0"; *shell; shell += strlen (shell) + 1)
    {
      g_autofree char *said = NULL;

      g_test_message ("eval in %s", shell);
      g_assert_cmpint (run_shell (shell, script, out, &said), ==, 0);
      g_assert_cmpstr (said, ==, expected);
    }
}

/* --status tells and never signs in: 0 with a token --print would hand over, 1 without. */
static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *user;
  JsonArray *groups;

  /* Even with a display at hand, no window. */
  g_assert_cmpint (RUN (f, TRUE, &out, &err, "--status"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "No token is kept"));
  assert_no_sign_in (err);
  g_assert_cmpint (count (f, "exchanges"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  first = sign_in (f, NULL);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status"), ==, 0);
  g_assert_true (g_str_has_prefix (out, SB_MOCK_USERNAME " ("));
  g_assert_nonnull (strstr (out, "minutes left"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status", "--format=json"), ==, 0);
  object = parse_object (out);
  g_assert_false (json_object_has_member (object, "access_token"));
  g_assert_true (json_object_get_boolean_member (object, "cached"));
  g_assert_cmpint (json_object_get_int_member (object, "expires_in"), >, 5 * 60);
  user = json_object_get_object_member (object, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, SB_MOCK_USERNAME);
  groups = json_object_get_array_member (object, "business_groups");
  g_assert_cmpuint (json_array_get_length (groups), >=, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (groups, 0), "root"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Not enough time left for what the caller needs. */
  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status", "--min-valid=120"), ==, 1);
  sb_e2e_assert_one_line (err);
  g_assert_nonnull (strstr (err, "not more than --min-valid=120"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status", "--format=raw"), ==, 2);
  g_assert_cmpint (count (f, "exchanges"), ==, 1);
}

/* --organization picks one of the user's business groups for the environment; another
 * value is a bad command line that lists the choices. */
static void
test_organization (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *script = NULL;
  g_autofree char *option = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *group;

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status", "--format=json"), ==, 0);
  object = parse_object (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "business_groups")), >, 1);
  group = json_array_get_object_element (json_object_get_array_member (object, "business_groups"), 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  option = g_strdup_printf ("--organization=%s", json_object_get_string_member (group, "name"));
  script = g_strdup_printf ("test \"$ANYPOINT_ORG\" = '%s'", json_object_get_string_member (group, "id"));
  g_assert_cmpint (RUN (f, FALSE, &out, &err, option, "--exec", "--", "sh", "-c", script), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, option, "--status"), ==, 0);
  g_assert_nonnull (strstr (out, json_object_get_string_member (group, "name")));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--organization=No Such Group", "--print", "--format=env"), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, json_object_get_string_member (group, "name")));
  g_assert_cmpint (count (f, "exchanges"), ==, 1);
}

/* --sign-out deletes the kept token: --status says so, and --print must sign in again. */
static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = sign_in (f, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--sign-out"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Signed out of "));
  g_assert_nonnull (strstr (out, "token kept for it"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--status"), ==, 1);
  g_assert_nonnull (strstr (err, "No token is kept"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, FALSE, &out, &err, "--print"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (count (f, "exchanges"), ==, 1);
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

  add ("/cli-cache/print/reuse", test_reuse);
  add ("/cli-cache/print/rejected", test_rejected);
  add ("/cli-cache/print/rejected-by-print", test_rejected_print);
  add ("/cli-cache/print/fresh", test_fresh);
  add ("/cli-cache/print/no-cache", test_no_cache);
  add ("/cli-cache/exec", test_exec);
  add ("/cli-cache/exec/terminated", test_exec_terminated);
  add ("/cli-cache/exec/after-sign-in", test_exec_after_sign_in);
  add ("/cli-cache/format-env", test_format_env);
  add ("/cli-cache/status", test_status);
  add ("/cli-cache/organization", test_organization);
  add ("/cli-cache/sign-out", test_sign_out);

  return g_test_run ();
}
