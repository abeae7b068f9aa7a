#pragma once

#include "sb-cli.h"

G_BEGIN_DECLS

#define SB_CLI_DEFAULT_MIN_VALID_MINUTES 5

struct _SbCli
{
  GObject         parent_instance;

  SbCliMode       mode;
  SbTokenFormat   format;
  guint           min_valid;
  gboolean        fresh;
  gboolean        no_cache;
  /* The kept token was looked for already: the window must not look again. */
  gboolean        cache_checked;
  gboolean        usage_error;
  char           *organization;
  char          **exec_argv;
  SbToken        *exec_token;
  int             token_fd;
};

void  _sb_cli_fail_usage    (const char    *message);
int   _sb_cli_inspect       (const char    *format,
                             char         **files);
int   _sb_cli_list_profiles (void);

/* sb-cli-headless.c */
int   _sb_cli_try_cache     (SbCli         *self,
                             GVariantDict  *options);
int   _sb_cli_status        (SbCli         *self,
                             GVariantDict  *options);
int   _sb_cli_sign_out      (SbCli         *self,
                             GVariantDict  *options);

/* sb-cli-exec.c */
int   _sb_cli_exec          (SbCli         *self);

G_END_DECLS
