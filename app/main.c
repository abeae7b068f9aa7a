/* saml-bearer: reads the command line and does what needs no window itself, with neither
 * GTK nor WebKit loaded, so a kept token is handed over in milliseconds and with no display;
 * a run that needs a window becomes saml-bearer-window (the same process, exec'd). */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli.h"
#include "sb-secret.h"
#include "sb-trace.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  SbCli  *cli;
  char  **argv;
} Run;

/* From the build tree, the window's program built beside this one; else the installed one. */
static const char *
window_program (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);

  if (program != NULL && g_str_has_prefix (program, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_WINDOW_PROGRAM;

  return WINDOW_PROGRAM;
}

/* The same command line goes on, and says whether the kept token was looked for. */
static int
become_window_program (Run *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *program = window_program ();
  g_autofree char *message = NULL;

  g_ptr_array_add (argv, run->argv[0]);
  if (sb_cli_get_cache_checked (run->cli))
    g_ptr_array_add (argv, (char *) "--cache-checked");
  for (int i = 1; run->argv[i] != NULL; i++)
    g_ptr_array_add (argv, run->argv[i]);
  g_ptr_array_add (argv, NULL);

  fflush (stdout);
  execv (program, (char **) argv->pdata);

  message = g_strdup_printf (_("Could not start %s: %s"), program, g_strerror (errno));
  g_printerr ("saml-bearer: %s\n", message);
  return SB_EXIT_FAILED;
}

static int
on_handle_local_options (GApplication *app,
                         GVariantDict *options,
                         Run          *run)
{
  int status;

  if ((status = sb_cli_handle_local (run->cli, options)) >= 0)
    return status;

  if (!sb_cli_env_has_display ())
    return sb_cli_fail_no_display (run->cli);

  return become_window_program (run);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(SbCli) cli = NULL;
  Run run = { NULL, argv };
  int status;

  /* Before any token or assertion is in memory: no core dump holds one. */
  sb_secret_protect_process ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  sb_trace_init ();

  /* Standard output carries the token of --print and nothing else, debug messages included. */
  g_log_writer_default_set_use_stderr (TRUE);

  cli = run.cli = sb_cli_new ();
  app = g_application_new (APP_ID, G_APPLICATION_HANDLES_COMMAND_LINE);
  sb_cli_add_options (cli, app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (sb_cli_check_schema), NULL);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options), &run);

  status = g_application_run (app, argc, argv);

  return sb_cli_finish (cli, status);
}
