/* What the end-to-end tests share: the mock server, the real binary's environment,
 * and a person at the keyboard (xdotool). */
#include "config.h"

#include <libsoup/soup.h>

#include "sb-test-e2e.h"
#include "sb-mock.h"
#include "sb-test-utils.h"

const char *
sb_e2e_url (SbE2eFixture *f,
            const char   *name)
{
  return json_object_get_string_member (f->urls, name);
}

void
sb_e2e_set_up (SbE2eFixture  *f,
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

void
sb_e2e_tear_down (SbE2eFixture  *f,
                  gconstpointer  data)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (f->mock), NULL, NULL);
  g_subprocess_wait (f->mock, NULL, NULL);
  g_clear_object (&f->mock);
  g_clear_pointer (&f->urls, json_object_unref);
  sb_test_remove_tree (f->home);
  g_clear_pointer (&f->home, g_free);
}

JsonObject *
sb_e2e_stats (SbE2eFixture *f)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", sb_e2e_url (f, "stats"));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (node));
}

GSubprocessLauncher *
sb_e2e_launcher (SbE2eFixture *f)
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
void
sb_e2e_wait_for_milestone (GDataInputStream *err,
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

void
sb_e2e_xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Ctrl+W through the keyboard (XTEST), as a person presses it. */
void
sb_e2e_close_window_by_keyboard (void)
{
  sb_e2e_xdotool ("search --sync --onlyvisible --limit 1 --name '^SAML Bearer$' windowfocus --sync");
  sb_e2e_xdotool ("key ctrl+w");
}

void
sb_e2e_sign_in_as_a_person (void)
{
  g_autofree char *type_user = g_strdup_printf ("type --delay 30 '%s'", SB_MOCK_USERNAME);
  g_autofree char *type_password = g_strdup_printf ("type --delay 30 '%s'", SB_MOCK_PASSWORD);

  /* A person reads the page before typing; keys sent the same millisecond it loads may beat its autofocus. */
  g_usleep (500 * 1000);
  sb_e2e_xdotool ("search --sync --onlyvisible --limit 1 --name '^SAML Bearer$' windowfocus --sync");
  g_usleep (100 * 1000);
  sb_e2e_xdotool (type_user);
  sb_e2e_xdotool ("key Tab");
  sb_e2e_xdotool (type_password);
  sb_e2e_xdotool ("key Return");
}

char *
sb_e2e_sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Runs saml-bearer to the end; returns its exit status and what it printed. */
int
sb_e2e_run_to_end (GSubprocess  *app,
                   char        **out,
                   char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (app, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (app))
    g_error ("saml-bearer was killed by signal %d; it said:\n%s", g_subprocess_get_term_sig (app), *err);
  g_assert_true (g_subprocess_get_if_exited (app));

  return g_subprocess_get_exit_status (app);
}

/* Saved profiles, as the keyfile settings backend stores them under the test's HOME. */
void
sb_e2e_write_profiles (SbE2eFixture *f)
{
  g_autofree char *dir = g_build_filename (f->home, "config", "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = g_strdup_printf ("[io/github/samlbearer/SamlBearer]\n"
                              "profiles=['pwork', 'pother']\n"
                              "last-profile='pwork'\n"
                              "\n"
                              "[io/github/samlbearer/SamlBearer/profiles/pwork]\n"
                              "name='Work'\n"
                              "platform-url='%s'\n"
                              "idp-url='%s'\n"
                              "remember-sign-in=true\n"
                              "\n"
                              "[io/github/samlbearer/SamlBearer/profiles/pother]\n"
                              "name='Other'\n"
                              "platform-url='%s'\n"
                              "idp-url='%s'\n"
                              "remember-sign-in=true\n",
                              sb_e2e_url (f, "platform"), sb_e2e_url (f, "sso"),
                              sb_e2e_url (f, "platform"), sb_e2e_url (f, "sso"));
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

char *
sb_e2e_fetch (SbE2eFixture *f,
              const char   *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *address = g_strconcat (sb_e2e_url (f, "platform"), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", address);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Standard error, the trace aside, is one line that starts with the program's name. */
void
sb_e2e_assert_one_line (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  guint said = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0' || g_str_has_prefix (lines[i], "saml-bearer-trace: "))
        continue;
      g_assert_true (g_str_has_prefix (lines[i], "saml-bearer: "));
      said++;
    }
  g_assert_cmpuint (said, ==, 1);
}

int
sb_e2e_run_with (GSubprocessLauncher  *spawner,
                 const char * const   *argv,
                 char                **out,
                 char                **err)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;

  app = g_subprocess_launcher_spawnv (spawner, argv, &error);
  g_assert_no_error (error);

  return sb_e2e_run_to_end (app, out, err);
}

/* As over SSH into a machine with no desktop session: no display at all. */
void
sb_e2e_unset_display (GSubprocessLauncher *spawner)
{
  g_subprocess_launcher_unsetenv (spawner, "DISPLAY");
  g_subprocess_launcher_unsetenv (spawner, "WAYLAND_DISPLAY");
}
