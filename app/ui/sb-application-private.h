#pragma once

#include "sb-application.h"
#include "sb-profile.h"
#include "sb-token.h"
#include "sb-window.h"

G_BEGIN_DECLS

/* Exit statuses, as README documents them. */
enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_CANCELLED = 3,
};

struct _SbApplication
{
  AdwApplication  parent_instance;

  int             exit_status;
  gboolean        usage_error;
  gboolean        printed;
  int             token_fd;
  SbTokenFormat   format;
};

void        _sb_application_add_option_entries    (SbApplication            *self);
void        _sb_application_fail_usage            (const char               *message);
gboolean    _sb_application_has_display           (gboolean                  print);
int         _sb_application_inspect               (const char               *format,
                                                   char                    **files);
void        _sb_application_keep_stdout_for_token (SbApplication            *self);
SbProfile  *_sb_application_default_profile       (void);
SbProfile  *_sb_application_profile_from_options  (GVariantDict             *options,
                                                   GError                  **error);
void        _sb_application_follow_print          (SbApplication            *self,
                                                   SbWindow                 *window);
void        _sb_application_follow_window_run     (SbApplication            *self,
                                                   SbWindow                 *window,
                                                   GApplicationCommandLine  *cmdline);

G_END_DECLS
