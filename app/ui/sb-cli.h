#pragma once

#include <gio/gio.h>

#include "sb-profile.h"
#include "sb-sign-in.h"
#include "sb-token.h"

G_BEGIN_DECLS

/* Exit statuses, as README documents them. */
enum {
  SB_EXIT_OK = 0,
  SB_EXIT_FAILED = 1,
  SB_EXIT_USAGE = 2,
  SB_EXIT_CANCELLED = 3,
};

/* What one run of the program does; the window is the default. */
typedef enum {
  SB_CLI_MODE_WINDOW,
  SB_CLI_MODE_PRINT,
  SB_CLI_MODE_EXEC,
  SB_CLI_MODE_STATUS,
  SB_CLI_MODE_SIGN_OUT,
} SbCliMode;

#define SB_TYPE_CLI (sb_cli_get_type ())

G_DECLARE_FINAL_TYPE (SbCli, sb_cli, SB, CLI, GObject)

SbCli      *sb_cli_new                   (void);
void        sb_cli_keep_stdout_for_token (SbCli           *self);
void        sb_cli_add_options           (SbCli           *self,
                                          GApplication    *app);
int         sb_cli_check_schema          (GApplication    *app,
                                          GVariantDict    *options);
int         sb_cli_handle_local          (SbCli           *self,
                                          GVariantDict    *options);
int         sb_cli_fail_no_display       (SbCli           *self);
gboolean    sb_cli_env_has_display       (void);
int         sb_cli_finish                (SbCli           *self,
                                          int              status);
SbCliMode   sb_cli_get_mode              (SbCli           *self);
gboolean    sb_cli_get_cache_checked     (SbCli           *self);
SbProfile  *sb_cli_dup_default_profile   (void);
SbProfile  *sb_cli_dup_profile           (GVariantDict    *options,
                                          GError         **error);
gboolean    sb_cli_may_print_early       (SbCli           *self,
                                          SbSignIn        *sign_in);
int         sb_cli_print_token           (SbCli           *self,
                                          SbToken         *token);
int         sb_cli_deliver               (SbCli           *self,
                                          SbSignIn        *sign_in);
void        sb_cli_report_cache_error    (SbCli           *self,
                                          SbSignIn        *sign_in);

G_END_DECLS
