/* The window's side of a command line: a --print or --exec run follows its window's
 * sign-in to the end; any other run ends with its window, with the status README gives. */
#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application-private.h"

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

/* Runs after the window showed the state. A raw token is printed once the platform gave
 * it, but the window stays until the sign-in is over, so that the token is kept. */
static void
on_print_state (SbSignIn      *sign_in,
                GParamSpec    *pspec,
                SbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  SbSignInState state = sb_sign_in_get_state (sign_in);

  if (state == SB_SIGN_IN_STATE_VERIFYING && sb_cli_may_print_early (self->cli, sign_in) && !self->printed)
    {
      self->exit_status = sb_cli_print_token (self->cli, sb_sign_in_get_token (sign_in));
      self->printed = TRUE;
      return;
    }

  if (state == SB_SIGN_IN_STATE_DONE)
    {
      if (!self->printed)
        self->exit_status = sb_cli_deliver (self->cli, sign_in);
      self->printed = TRUE;
      sb_cli_report_cache_error (self->cli, sign_in);
    }
  else if (state == SB_SIGN_IN_STATE_FAILED)
    {
      const GError *error = sb_sign_in_get_error (sign_in);

      if (!self->printed)
        {
          g_printerr ("saml-bearer: %s\n", error->message);
          self->exit_status = g_error_matches (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_CANCELLED) ? SB_EXIT_CANCELLED
                                                                                                      : SB_EXIT_FAILED;
        }
      self->printed = TRUE;
    }
  else
    {
      return;
    }

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

  if (sb_cli_get_mode (self->cli) == SB_CLI_MODE_EXEC)
    g_printerr ("saml-bearer: %s\n", _("The window was closed before the sign-in finished; the command was not run."));
  else
    g_printerr ("saml-bearer: %s\n", _("The window was closed before the sign-in finished; no token was printed."));
  self->exit_status = SB_EXIT_CANCELLED;
}

/* A --print or --exec run: the token goes to standard output or the command, and the window closes. */
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

  if (self == NULL || run == NULL || run->status == SB_EXIT_OK)
    return;

  if (state == SB_SIGN_IN_STATE_VERIFYING || state == SB_SIGN_IN_STATE_DONE)
    {
      set_run_status (self, run, SB_EXIT_OK);
    }
  else if (state == SB_SIGN_IN_STATE_FAILED)
    {
      gboolean cancelled = g_error_matches (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_CANCELLED);

      g_free (run->error);
      run->error = cancelled ? NULL : g_strdup (error->message);
      set_run_status (self, run, cancelled ? SB_EXIT_CANCELLED : SB_EXIT_FAILED);
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
  if (run->status == SB_EXIT_FAILED && run->error != NULL)
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
  set_run_status (self, run, SB_EXIT_CANCELLED);

  g_signal_connect (window, "notify::sign-in", G_CALLBACK (on_run_sign_in), NULL);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_run_window_destroyed), self, 0);
}
