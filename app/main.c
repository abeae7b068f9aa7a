#include "config.h"

#include "sb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = sb_application_new ();

  return sb_application_run (app, argc, argv);
}
