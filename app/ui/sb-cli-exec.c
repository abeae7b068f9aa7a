/* --exec -- COMMAND ARG…: the command runs with the token in its environment, on the
 * terminal's standard input, output and error, and its status is the run's. */
#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sb-cli-private.h"
#include "sb-secret.h"
#include "sb-trace.h"

#include <signal.h>
#include <sys/wait.h>

/* As shells say it: 127 for a command that is not there, 126 for one that cannot run. */
enum {
  EXIT_NOT_RUNNABLE = 126,
  EXIT_NOT_FOUND = 127,
};

typedef struct {
  GMainLoop *loop;
  GPid       pid;
  int        wait_status;
} Child;

static void
on_child_exited (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  Child *child = user_data;

  child->wait_status = wait_status;
  g_spawn_close_pid (pid);
  g_main_loop_quit (child->loop);
}

/* A signal sent to us alone is passed on; Ctrl+C reaches the command from the terminal
 * itself, so here it only must not end us before the command's status is known. */
static gboolean
on_terminate (gpointer user_data)
{
  Child *child = user_data;

  kill (child->pid, SIGTERM);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_hang_up (gpointer user_data)
{
  Child *child = user_data;

  kill (child->pid, SIGHUP);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_interrupt (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static int
exit_status_of (int wait_status)
{
  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);
  if (WIFSIGNALED (wait_status))
    return 128 + WTERMSIG (wait_status);

  return SB_EXIT_FAILED;
}

int
_sb_cli_exec (SbCli *self)
{
  g_auto(GStrv) parent_env = g_get_environ ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  const char *command = self->exec_argv[0];
  Child child = { loop, 0, 0 };
  char **envp;
  guint sources[3];
  gboolean spawned;

  g_return_val_if_fail (self->exec_token != NULL && self->exec_argv != NULL, SB_EXIT_FAILED);

  /* Handlers, not SIG_IGN: the command starts with the signals as they were. */
  sources[0] = g_unix_signal_add (SIGTERM, on_terminate, &child);
  sources[1] = g_unix_signal_add (SIGHUP, on_hang_up, &child);
  sources[2] = g_unix_signal_add (SIGINT, on_interrupt, &child);

  envp = sb_token_dup_environ (self->exec_token, parent_env);
  g_clear_object (&self->exec_token);

  /* Standard output is the real one again (see sb_cli_keep_stdout_for_token). */
  spawned = g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) self->exec_argv, (const char * const *) envp,
                                              G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CHILD_INHERITS_STDIN,
                                              NULL, NULL, -1, self->token_fd, -1, NULL, NULL, 0,
                                              &child.pid, NULL, NULL, NULL, &error);
  sb_secret_strfreev (envp);

  if (spawned)
    {
      sb_trace ("command-started");
      g_child_watch_add (child.pid, on_child_exited, &child);
      g_main_loop_run (loop);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_source_remove (sources[i]);

  if (!spawned)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        message = g_strdup_printf (_("%s: command not found."), command);
      else
        message = g_strdup_printf (_("Could not run %s: %s"), command, error->message);
      g_printerr ("saml-bearer: %s\n", message);

      return g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT) ? EXIT_NOT_FOUND : EXIT_NOT_RUNNABLE;
    }

  return exit_status_of (child.wait_status);
}
