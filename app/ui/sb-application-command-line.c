#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application-private.h"
#include "sb-profile-store.h"
#include "sb-saml.h"
#include "sb-secret.h"
#include "sb-trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>

static const GOptionEntry option_entries[] = {
  { "platform", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Anypoint Platform address, e.g. https://eu1.anypoint.mulesoft.com"), N_("URL") },
  { "idp-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("IdP-initiated sign-in address of the Anypoint app at your identity provider"), N_("URL") },
  { "profile", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the saved profile with this name"), N_("NAME") },
  { "print", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the token on standard output and exit once it is obtained; the clipboard is left alone"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Output of --print and --inspect: raw (default), header or json"), N_("FORMAT") },
  { "capture", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Capture the SAML response posted to this address (or host) instead of getting a token"), N_("URL") },
  { "no-clipboard", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the token without copying it to the clipboard"), NULL },
  { "timeout", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Seconds to wait for the platform to answer (default 30)"), N_("SECONDS") },
  { "proxy", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Send the platform requests through this proxy instead of the desktop’s proxy settings"), N_("URL") },
  { "user-agent", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("User agent to present to the identity provider"), N_("STRING") },
  { "inspect", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Describe a SAMLResponse (base64, URL-encoded or XML) read from FILE or standard input, then exit"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE|-]") },
  { NULL }
};

/* GApplication parses the command line, says what is wrong without our name and
 * ends the run with status 1: here the message gets both, and the run status 2. */
static void
on_option_error (GOptionContext *context,
                 GOptionGroup   *group,
                 gpointer        user_data,
                 GError        **error)
{
  SbApplication *self = user_data;
  g_autofree char *message = NULL;

  self->usage_error = TRUE;
  if (error == NULL || *error == NULL)
    return;

  message = g_strdup_printf (_("%s. See --help."), (*error)->message);
  g_free ((*error)->message);
  (*error)->message = g_strconcat ("saml-bearer: ", message, NULL);
}

void
_sb_application_add_option_entries (SbApplication *self)
{
  GOptionGroup *usage_group;

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);

  /* No options of its own, so --help does not list it: it is there for its error hook. */
  usage_group = g_option_group_new ("saml-bearer", "", "", self, NULL);
  g_option_group_set_error_hook (usage_group, on_option_error);
  g_application_add_option_group (G_APPLICATION (self), usage_group);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("— get an Anypoint Platform bearer token"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Sign in at your identity provider and get a MuleSoft Anypoint Platform bearer token "
      "on the clipboard, or on standard output with --print.\n\n"
      "Exit status: 0 token obtained, 1 sign-in or exchange failed, 2 bad command line, "
      "3 cancelled or window closed."));
}

void
_sb_application_fail_usage (const char *message)
{
  g_printerr ("saml-bearer: %s\n", message);
}

/* Whether a window can be opened here. A --print run is its own process and opens the
 * display now, as GTK would at startup; any other run may hand its command line to the
 * instance already running, so it only looks for a display in the environment. */
gboolean
_sb_application_has_display (gboolean print)
{
  if (print)
    return gtk_init_check ();

  return (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0') ||
         (g_getenv ("WAYLAND_DISPLAY") != NULL && *g_getenv ("WAYLAND_DISPLAY") != '\0') ||
         g_getenv ("WAYLAND_SOCKET") != NULL ||
         g_strcmp0 (g_getenv ("GDK_BACKEND"), "broadway") == 0;
}

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  if (path != NULL && g_strcmp0 (path, "-") != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      return G_INPUT_STREAM (g_file_read (file, NULL, error));
    }

  return g_unix_input_stream_new (STDIN_FILENO, FALSE);
}

/* Reads at most SB_SAML_MAX_INPUT bytes and one more, so an endless or huge
 * input ends with an error rather than all the memory; every buffer left
 * behind is wiped, as the input is an assertion.
 */
static char *
read_input (const char  *path,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  char *buffer = NULL;
  gsize size = 0;
  gsize filled = 0;

  in = open_input (path, error);
  if (in == NULL)
    return NULL;

  while (filled <= SB_SAML_MAX_INPUT)
    {
      gsize n = 0;

      if (filled == size)
        {
          gsize new_size = MIN (MAX (size * 2, 64 * 1024), SB_SAML_MAX_INPUT + 1);
          char *bigger = g_malloc (new_size + 1);

          if (buffer != NULL)
            {
              memcpy (bigger, buffer, filled);
              sb_secret_wipe (buffer, size);
              g_free (buffer);
            }
          buffer = bigger;
          size = new_size;
        }

      if (!g_input_stream_read_all (in, buffer + filled, size - filled, &n, NULL, error))
        {
          sb_secret_wipe (buffer, size);
          g_free (buffer);
          return NULL;
        }

      filled += n;
      if (filled < size)
        break;
    }

  if (filled > SB_SAML_MAX_INPUT)
    {
      sb_secret_wipe (buffer, size);
      g_free (buffer);
      g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE,
                   _("The input is larger than any SAML response (%u MiB at most)."),
                   SB_SAML_MAX_INPUT / (1024 * 1024));
      return NULL;
    }

  buffer[filled] = '\0';
  *length = filled;
  return buffer;
}

static int
inspect (const char *path,
         gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *input = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  input = read_input (path, &length, &error);
  if (input != NULL)
    saml = sb_saml_new (input, length, &error);
  if (input != NULL)
    sb_secret_wipe (input, length);

  if (saml == NULL)
    {
      g_printerr ("saml-bearer: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = sb_saml_to_json (saml, now);
      text = json_to_string (node, TRUE);
    }
  else
    {
      text = sb_saml_to_text (saml, now);
    }

  g_print ("%s\n", text);
  return EXIT_OK;
}

/* --inspect: what it may print and read are checked here, as GApplication cannot. */
int
_sb_application_inspect (const char  *format,
                         char       **files)
{
  if (format != NULL && g_strcmp0 (format, "json") != 0 && g_strcmp0 (format, "text") != 0)
    {
      _sb_application_fail_usage (_("--inspect prints “text” (the default) or “json”."));
      return EXIT_USAGE;
    }
  if (files != NULL && g_strv_length (files) > 1)
    {
      _sb_application_fail_usage (_("--inspect reads one file (or “-” for standard input)."));
      return EXIT_USAGE;
    }
  return inspect (files ? files[0] : NULL, g_strcmp0 (format, "json") == 0);
}

/* Standard output is the token's alone: what else would write there (WebKit's helper
 * processes inherit it) writes to standard error instead. */
void
_sb_application_keep_stdout_for_token (SbApplication *self)
{
  fflush (stdout);
  self->token_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (self->token_fd >= 0)
    dup2 (STDERR_FILENO, STDOUT_FILENO);
}

static void
write_token (SbApplication *self,
             const char    *text)
{
  int fd = self->token_fd >= 0 ? self->token_fd : STDOUT_FILENO;
  g_autofree char *line = g_strconcat (text, "\n", NULL);
  gsize length = strlen (line);
  gsize done = 0;

  while (done < length)
    {
      gssize n = write (fd, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }

  sb_secret_wipe (line, length);
}

static SbProfile *
find_profile (const char *name)
{
  SbProfile *profile = sb_profile_store_find (sb_profile_store_get_default (), name);

  return profile != NULL ? g_object_ref (profile) : NULL;
}

SbProfile *
_sb_application_default_profile (void)
{
  return sb_profile_store_dup_last_used (sb_profile_store_get_default ());
}

static gboolean
override_url (SbProfile    *profile,
              GVariantDict *options,
              const char   *option,
              GError      **error)
{
  g_autofree char *value = NULL;
  g_autofree char *normalized = NULL;

  if (!g_variant_dict_lookup (options, option, "s", &value))
    return TRUE;

  if (g_strcmp0 (option, "platform") == 0)
    normalized = sb_profile_normalize_platform_url (value, error);
  else
    normalized = sb_profile_normalize_idp_url (value, error);

  if (normalized == NULL)
    {
      g_prefix_error (error, "--%s: ", option);
      return FALSE;
    }

  if (g_strcmp0 (option, "platform") == 0)
    sb_profile_set_platform_url (profile, normalized);
  else
    sb_profile_set_idp_url (profile, normalized);

  return TRUE;
}

SbProfile *
_sb_application_profile_from_options (GVariantDict  *options,
                                      GError       **error)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autofree char *name = NULL;
  g_autofree char *user_agent = NULL;
  gboolean overridden = g_variant_dict_contains (options, "platform") || g_variant_dict_contains (options, "idp-url") ||
                        g_variant_dict_contains (options, "capture");
  g_autofree char *capture = NULL;

  if (g_variant_dict_lookup (options, "profile", "s", &name))
    {
      profile = find_profile (name);
      if (profile == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("There is no profile named “%s”. Create it in Preferences, or give --platform and --idp-url."),
                       name);
          return NULL;
        }
    }
  else if (overridden)
    {
      /* A one-off sign-in from the command line: nothing is saved. */
      profile = sb_profile_new (NULL);
    }
  else
    {
      profile = _sb_application_default_profile ();
    }

  if (profile == NULL)
    return NULL;

  /* Overrides apply to this run only: the window must not save them, nor reload over them. */
  if (sb_profile_get_id (profile) != NULL &&
      (overridden || g_variant_dict_contains (options, "user-agent")))
    {
      g_autoptr(SbProfile) stored = g_steal_pointer (&profile);

      profile = sb_profile_copy (stored);
    }

  if (!override_url (profile, options, "platform", error) ||
      !override_url (profile, options, "idp-url", error))
    return NULL;

  if (g_variant_dict_lookup (options, "user-agent", "s", &user_agent))
    sb_profile_set_user_agent (profile, user_agent);

  if (g_variant_dict_lookup (options, "capture", "s", &capture))
    {
      sb_profile_set_kind (profile, SB_PROFILE_KIND_CAPTURE);
      sb_profile_set_acs_url (profile, capture);
    }

  return g_steal_pointer (&profile);
}

/* Signals may come from deep inside WebKit: close the window once they are over. */
static gboolean
close_window_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_window_later (SbWindow *window)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, close_window_cb, g_object_ref (window), g_object_unref);
}

/* For capture-only profiles: the JSON of --print --format=json. */
static char *
capture_to_json (SbSignIn *sign_in)
{
  SbCapture *capture = sb_sign_in_get_capture (sign_in);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "saml_response");
  json_builder_add_string_value (builder, sb_capture_get_saml_response (capture));
  json_builder_set_member_name (builder, "acs_url");
  json_builder_add_string_value (builder, sb_capture_get_acs_url (capture));
  json_builder_set_member_name (builder, "relay_state");
  json_builder_add_string_value (builder, sb_capture_get_relay_state (capture));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_value (builder, sb_saml_to_json (sb_sign_in_get_saml (sign_in), NULL));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

/* What --print prints once the sign-in got it: a raw token or header at once, its JSON
 * once the platform said whose it is; NULL while there is nothing to print yet. */
static char *
dup_printable (SbApplication *self,
               SbSignIn      *sign_in)
{
  SbSignInState state = sb_sign_in_get_state (sign_in);
  gboolean json = self->format == SB_TOKEN_FORMAT_JSON;

  if (sb_sign_in_is_capture_only (sign_in))
    {
      if (state != SB_SIGN_IN_STATE_DONE)
        return NULL;
      return json ? capture_to_json (sign_in) : g_strdup (sb_capture_get_saml_response (sb_sign_in_get_capture (sign_in)));
    }

  if ((state == SB_SIGN_IN_STATE_VERIFYING && !json) || (state == SB_SIGN_IN_STATE_DONE && json))
    return sb_token_format (sb_sign_in_get_token (sign_in), self->format);

  return NULL;
}

/* Runs after the window showed the state: printing closes the window. */
static void
on_print_state (SbSignIn      *sign_in,
                GParamSpec    *pspec,
                SbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(SbSecret) text = NULL;

  if (self->printed)
    return;

  if (sb_sign_in_get_state (sign_in) == SB_SIGN_IN_STATE_FAILED)
    {
      const GError *error = sb_sign_in_get_error (sign_in);

      g_printerr ("saml-bearer: %s\n", error->message);
      self->exit_status = g_error_matches (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_CANCELLED) ? EXIT_CANCELLED : EXIT_FAILED;
    }
  else if ((text = dup_printable (self, sign_in)) != NULL)
    {
      write_token (self, text);
      sb_trace ("token-delivered");
      self->exit_status = EXIT_OK;
    }
  else
    {
      return;
    }

  self->printed = TRUE;
  if (window != NULL)
    close_window_later (SB_WINDOW (window));
}

static void
on_print_sign_in (SbWindow      *window,
                  GParamSpec    *pspec,
                  SbApplication *self)
{
  SbSignIn *sign_in = sb_window_get_sign_in (window);

  if (sign_in != NULL)
    g_signal_connect_object (sign_in, "notify::state", G_CALLBACK (on_print_state), self, 0);
}

static void
on_print_window_destroyed (SbWindow      *window,
                           SbApplication *self)
{
  if (self->printed)
    return;

  g_printerr ("saml-bearer: %s\n", _("The window was closed before the sign-in finished; no token was printed."));
  self->exit_status = EXIT_CANCELLED;
}

/* A --print run: the token goes to standard output, and the window closes. */
void
_sb_application_follow_print (SbApplication *self,
                              SbWindow      *window)
{
  g_signal_connect_object (window, "notify::sign-in", G_CALLBACK (on_print_sign_in), self, 0);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_print_window_destroyed), self, 0);
}

/* A window run ends as README says: 0 once its window got a token, 1 when the last
 * sign-in there failed, 3 when it was closed before either. The command line of
 * another instance is held until the window closes, so that instance waits for it
 * and exits with the same status. */
typedef struct {
  GApplicationCommandLine *cmdline;
  int                      status;
  char                    *error;
} WindowRun;

static void
window_run_free (WindowRun *run)
{
  g_clear_object (&run->cmdline);
  g_free (run->error);
  g_free (run);
}

static void
set_run_status (SbApplication *self,
                WindowRun     *run,
                int            status)
{
  run->status = status;
  g_application_command_line_set_exit_status (run->cmdline, status);
  if (!g_application_command_line_get_is_remote (run->cmdline))
    self->exit_status = status;
}

static void
on_run_state (SbSignIn   *sign_in,
              GParamSpec *pspec,
              SbWindow   *window)
{
  SbApplication *self = SB_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  WindowRun *run = g_object_get_data (G_OBJECT (window), "sb-window-run");
  SbSignInState state = sb_sign_in_get_state (sign_in);
  const GError *error = sb_sign_in_get_error (sign_in);

  if (self == NULL || run == NULL || run->status == EXIT_OK)
    return;

  if (state == SB_SIGN_IN_STATE_VERIFYING || state == SB_SIGN_IN_STATE_DONE)
    {
      set_run_status (self, run, EXIT_OK);
    }
  else if (state == SB_SIGN_IN_STATE_FAILED)
    {
      gboolean cancelled = g_error_matches (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_CANCELLED);

      g_free (run->error);
      run->error = cancelled ? NULL : g_strdup (error->message);
      set_run_status (self, run, cancelled ? EXIT_CANCELLED : EXIT_FAILED);
    }
}

static void
on_run_sign_in (SbWindow   *window,
                GParamSpec *pspec,
                gpointer    user_data)
{
  SbSignIn *sign_in = sb_window_get_sign_in (window);

  if (sign_in != NULL)
    g_signal_connect_object (sign_in, "notify::state", G_CALLBACK (on_run_state), window, 0);
}

static void
on_run_window_destroyed (SbWindow      *window,
                         SbApplication *self)
{
  WindowRun *run = g_object_get_data (G_OBJECT (window), "sb-window-run");

  if (run == NULL)
    return;

  /* A sign-in that failed and was not tried again: its reason, as --print gives it. */
  if (run->status == EXIT_FAILED && run->error != NULL)
    g_application_command_line_printerr (run->cmdline, "saml-bearer: %s\n", run->error);

  /* Again: GApplication gave the command line what command_line() returned. */
  set_run_status (self, run, run->status);
  g_object_set_data (G_OBJECT (window), "sb-window-run", NULL);
}

void
_sb_application_follow_window_run (SbApplication           *self,
                                   SbWindow                *window,
                                   GApplicationCommandLine *cmdline)
{
  WindowRun *run = g_new0 (WindowRun, 1);

  run->cmdline = g_object_ref (cmdline);
  g_object_set_data_full (G_OBJECT (window), "sb-window-run", run, (GDestroyNotify) window_run_free);
  set_run_status (self, run, EXIT_CANCELLED);

  g_signal_connect (window, "notify::sign-in", G_CALLBACK (on_run_sign_in), NULL);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_run_window_destroyed), self, 0);
}
