#pragma once

#include "sb-application.h"
#include "sb-cli.h"
#include "sb-profile.h"
#include "sb-sign-in.h"
#include "sb-window.h"

G_BEGIN_DECLS

struct _SbApplication
{
  AdwApplication  parent_instance;

  SbCli          *cli;
  int             exit_status;
  gboolean        printed;
};

void        _sb_application_follow_print          (SbApplication            *self,
                                                   SbWindow                 *window);
void        _sb_application_follow_window_run     (SbApplication            *self,
                                                   SbWindow                 *window,
                                                   GApplicationCommandLine  *cmdline);

G_END_DECLS
