#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application-private.h"
#include "sb-clipboard.h"
#include "sb-preferences.h"
#include "sb-trace.h"

#include <locale.h>
#include <unistd.h>

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

/* What needs no window was done by saml-bearer before it started this program; here
 * it runs only when this program is started by other means. */
static int
sb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SbApplication *self = SB_APPLICATION (app);
  SbCliMode mode;
  int status;

  if ((status = sb_cli_handle_local (self->cli, options)) >= 0)
    return status;

  mode = sb_cli_get_mode (self->cli);
  if (mode == SB_CLI_MODE_PRINT || mode == SB_CLI_MODE_EXEC)
    {
      /* A --print run is its own process, so the token goes straight to its standard output,
       * or to the command's. It opens the display now, as GTK would at startup. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
      sb_cli_keep_stdout_for_token (self->cli);
      if (!gtk_init_check ())
        return sb_cli_fail_no_display (self->cli);
    }
  else if (!sb_cli_env_has_display ())
    {
      /* Any other run may hand its command line to the instance already running. */
      return sb_cli_fail_no_display (self->cli);
    }

  return -1;
}

static void
on_window_mapped (GtkWidget *widget)
{
  sb_trace ("window-shown");
}

static SbWindow *
open_window (SbApplication *self,
             SbProfile     *profile)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (self), profile);

  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), NULL);
  return window;
}

static int
sb_application_command_line (GApplication            *app,
                              GApplicationCommandLine *cmdline)
{
  SbApplication *self = SB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbProfile) profile = NULL;
  g_autofree char *proxy = NULL;
  SbCliMode mode = sb_cli_get_mode (self->cli);
  gboolean print = mode == SB_CLI_MODE_PRINT || mode == SB_CLI_MODE_EXEC;
  gboolean silent = FALSE;
  int min_valid = 0;
  SbWindow *window;
  int timeout = 0;

  profile = sb_cli_dup_profile (options, &error);
  if (error != NULL)
    {
      g_application_command_line_printerr (cmdline, "saml-bearer: %s\n", error->message);
      return SB_EXIT_USAGE;
    }

  window = open_window (self, profile);

  if (g_variant_dict_lookup (options, "timeout", "i", &timeout) && timeout > 0)
    sb_window_set_timeout (window, timeout);
  if (g_variant_dict_lookup (options, "proxy", "s", &proxy))
    sb_window_set_proxy (window, proxy);
  if (g_variant_dict_lookup (options, "min-valid", "i", &min_valid) && min_valid >= 0)
    sb_window_set_min_valid (window, MIN (min_valid, 24 * 60));
  if (g_variant_dict_contains (options, "no-cache"))
    sb_window_set_keep_tokens (window, FALSE);
  /* Here the kept token was looked for already, before the display was opened. */
  if (g_variant_dict_contains (options, "fresh") || (print && sb_cli_get_cache_checked (self->cli)))
    sb_window_set_fresh (window, TRUE);

  if (print)
    {
      sb_window_set_delivery (window, SB_DELIVERY_PRINT);
      _sb_application_follow_print (self, window);

      /* A remembered IdP sign-in may need nobody: the window shows itself only if it does. */
      silent = profile != NULL && sb_profile_get_remember (profile);
      sb_window_set_silent (window, silent);
    }
  else if (g_variant_dict_contains (options, "no-clipboard"))
    {
      sb_window_set_delivery (window, SB_DELIVERY_SHOW);
    }

  if (!print)
    _sb_application_follow_window_run (self, window, cmdline);

  /* The web processes start while GTK draws the first frame. */
  sb_window_begin (window);
  if (!silent)
    gtk_window_present (GTK_WINDOW (window));

  return SB_EXIT_OK;
}

static void
sb_application_activate (GApplication *app)
{
  g_autoptr(SbProfile) profile = sb_cli_dup_default_profile ();
  SbWindow *window = open_window (SB_APPLICATION (app), profile);

  sb_window_begin (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWindow *preferences = sb_preferences_new (parent);

  gtk_window_present (preferences);
}

static void
edit_profiles_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWindow *preferences = sb_preferences_new (parent);

  sb_preferences_show_profiles (SB_PREFERENCES (preferences));
  gtk_window_present (preferences);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The SAML Bearer developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("SAML Bearer"),
                        "application-icon", APP_ID,
                        "developer-name", _("The SAML Bearer developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/samlbearer/saml-bearer",
                        "issue-url", "https://github.com/samlbearer/saml-bearer/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The SAML Bearer developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Sign in at your identity provider and get an Anypoint Platform bearer token."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_activated },
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "edit-profiles", edit_profiles_activated },
  { "about", about_activated },
};

static void
sb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

/* The last window is gone and the clipboard still holds what was copied: the process
 * stays to clear it, and says so to a terminal, where Ctrl+C is at hand. */
static void
sb_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  guint left = sb_clipboard_get_seconds_left (sb_clipboard_get_default ());
  g_autofree char *message = NULL;

  GTK_APPLICATION_CLASS (sb_application_parent_class)->window_removed (app, window);

  if (gtk_application_get_windows (app) != NULL || left == 0 || !isatty (STDERR_FILENO))
    return;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "What you copied stays on the clipboard for %u more second; press Ctrl+C to clear it now.",
                                          "What you copied stays on the clipboard for %u more seconds; press Ctrl+C to clear it now.",
                                          left),
                             left);
  g_printerr ("saml-bearer: %s\n", message);
}

static void
sb_application_finalize (GObject *object)
{
  SbApplication *self = SB_APPLICATION (object);

  g_clear_object (&self->cli);

  G_OBJECT_CLASS (sb_application_parent_class)->finalize (object);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = sb_application_finalize;

  app_class->handle_local_options = sb_application_handle_local_options;
  app_class->command_line = sb_application_command_line;
  app_class->activate = sb_application_activate;
  app_class->startup = sb_application_startup;
  gtk_app_class->window_removed = sb_application_window_removed;
}

static void
sb_application_init (SbApplication *self)
{
  self->cli = sb_cli_new ();
  sb_cli_add_options (self->cli, G_APPLICATION (self));
}


SbApplication *
sb_application_new (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  sb_trace_init ();

  /* Standard output carries the token of --print and nothing else, debug messages included. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Forms and lists draw fast on the CPU: the GL renderer would double our memory and slow the
   * first frame where there is no GPU (build-aux/bench). A user's own choice wins. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

int
sb_application_run (SbApplication  *self,
                    int             argc,
                    char          **argv)
{
  int status;

  g_return_val_if_fail (SB_IS_APPLICATION (self), SB_EXIT_FAILED);

  status = g_application_run (G_APPLICATION (self), argc, argv);

  /* --exec got its token: the command runs once the window, if any, is gone. */
  return sb_cli_finish (self->cli, status != SB_EXIT_OK ? status : self->exit_status);
}
