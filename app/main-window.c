/* saml-bearer-window: the program with the windows, which saml-bearer starts when a run
 * needs one (a sign-in, or the window itself). */
#include "config.h"

#include "sb-application.h"
#include "sb-cli.h"
#include "sb-secret.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;

  /* Before any token or assertion is in memory: no core dump holds one. */
  sb_secret_protect_process ();

  app = sb_application_new ();
  g_signal_connect (app, "handle-local-options", G_CALLBACK (sb_cli_check_schema), NULL);

  return sb_application_run (app, argc, argv);
}
