#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())

G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication *sb_application_new (void);
int            sb_application_run (SbApplication  *self,
                                   int             argc,
                                   char          **argv);

G_END_DECLS
