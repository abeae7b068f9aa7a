/* End to end: the real saml-bearer binary, a person typing at the mock IdP's
 * login form, and the mock platform counting what reaches it. */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sb-mock.h"

#include <signal.h>
#include <string.h>

typedef struct {
  GSubprocess *mock;
  JsonObject  *urls;
  char        *home;
} Fixture;

static const char *
url (Fixture    *f,
     const char *name)
{
  return json_object_get_string_member (f->urls, name);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_test_build_filename (G_TEST_BUILT, "sb-mock-server", NULL);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;

  f->mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                              server, "--exit-on-eof", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->mock));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  node = json_from_string (line, &error);
  g_assert_no_error (error);
  f->urls = json_object_ref (json_node_get_object (node));

  f->home = g_dir_make_tmp ("saml-bearer-e2e-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) home = g_file_new_for_path (f->home);

  g_output_stream_close (g_subprocess_get_stdin_pipe (f->mock), NULL, NULL);
  g_subprocess_wait (f->mock, NULL, NULL);
  g_clear_object (&f->mock);
  g_clear_pointer (&f->urls, json_object_unref);
  remove_tree (home);
  g_clear_pointer (&f->home, g_free);
}

static JsonObject *
stats (Fixture *f)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url (f, "stats"));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (node));
}

static GSubprocessLauncher *
launcher (Fixture *f)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *data = g_build_filename (f->home, "data", NULL);
  g_autofree char *config = g_build_filename (f->home, "config", NULL);
  g_autofree char *cache = g_build_filename (f->home, "cache", NULL);

  g_subprocess_launcher_setenv (launcher, "HOME", f->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "SAML_BEARER_TRACE", "1", TRUE);

  return launcher;
}

/* Reads the app's stderr until a trace milestone shows up; returns everything read. */
static void
wait_for_milestone (GDataInputStream *err,
                    const char       *milestone,
                    GString          *seen)
{
  g_autofree char *needle = g_strdup_printf (" %s", milestone);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("saml-bearer ended before “%s”; it said:\n%s", milestone, seen->str);

      g_string_append_printf (seen, "%s\n", line);
      g_test_message ("app: %s", line);
      if (g_str_has_prefix (line, "saml-bearer-trace:") && g_str_has_suffix (line, needle))
        return;
    }
}

static void
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
sign_in_as_a_person (void)
{
  g_autofree char *type_user = g_strdup_printf ("type --delay 30 '%s'", SB_MOCK_USERNAME);
  g_autofree char *type_password = g_strdup_printf ("type --delay 30 '%s'", SB_MOCK_PASSWORD);

  /* A person reads the page before typing; keys sent the same millisecond it loads may beat its autofocus. */
  g_usleep (500 * 1000);
  xdotool ("search --sync --limit 1 --name '^SAML Bearer$' windowfocus --sync");
  g_usleep (100 * 1000);
  xdotool (type_user);
  xdotool ("key Tab");
  xdotool (type_password);
  xdotool ("key Return");
}

static char *
sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
run_print_flow (Fixture    *f,
                const char *format)
{
  g_autoptr(GSubprocessLauncher) spawner = launcher (f);
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
                                     "--platform", url (f, "platform"),
                                     "--idp-url", url (f, "sso"),
                                     NULL);
  g_assert_no_error (error);

  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  wait_for_milestone (err, "idp-page-loaded", seen);
  sign_in_as_a_person ();
  wait_for_milestone (err, "token-delivered", seen);

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
      g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, url (f, "platform"));
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
  hash = sha256 (token);
  counts = stats (f);
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
  g_autoptr(GSubprocessLauncher) spawner = launcher (f);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  first = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                       "--platform", url (f, "platform"),
                                       "--idp-url", url (f, "sso"),
                                       NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (first));
  wait_for_milestone (err, "window-shown", seen);

  xdotool ("search --sync --limit 1 --name '^SAML Bearer$' set_window --name 'SAML Bearer (first)'");
  run_print_flow (f, "raw");

  g_subprocess_send_signal (first, SIGTERM);
  g_subprocess_wait (first, NULL, NULL);
}

static void
test_closed_window (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(JsonObject) counts = NULL;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--print",
                                     "--platform", url (f, "platform"),
                                     "--idp-url", url (f, "sso"),
                                     NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  wait_for_milestone (err, "idp-page-loaded", seen);

  xdotool ("search --sync --limit 1 --name '^SAML Bearer$' windowfocus --sync key ctrl+w");

  g_subprocess_communicate (app, NULL, NULL, &out, &rest, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 3);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest), "window was closed"));

  counts = stats (f);
  g_assert_cmpint (json_object_get_int_member (counts, "exchanges"), ==, 0);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) spawner = launcher (f);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"), "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  for (const char *option = "--platform\0--idp-url\0--profile\0--print\0--format\0--no-clipboard\0--version\0";
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
                                     "--print", "--format=yaml", "--platform", url (f, "platform"), NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "yaml"));
  g_clear_object (&app);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  app = g_subprocess_launcher_spawn (spawner, &error, g_getenv ("SB_TEST_PROGRAM"),
                                     "--print", "--platform", "http://platform.example.com", "--idp-url", url (f, "sso"), NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 2);
  g_assert_nonnull (strstr (err, "--platform"));
  g_assert_nonnull (strstr (err, "https"));
}

static void
add (const char *path,
     void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
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

  return g_test_run ();
}
