#pragma once

#include "sb-sign-in.h"

G_BEGIN_DECLS

#define SB_SIGN_IN_DEFAULT_MIN_VALID_MINUTES 5

struct _SbSignIn
{
  GObject        parent_instance;

  SbProfile     *profile;
  SbPageSource  *page_source;
  SbPlatform    *platform;
  GCancellable  *cancellable;
  guint          timeout;
  char          *proxy_url;
  SbTokenCache  *cache;
  gboolean       fresh;
  guint          min_valid;

  SbSignInState  state;
  /* The kept token while the platform is asked whether it still accepts it. */
  SbToken       *kept_token;
  SbCapture     *capture;
  SbSaml        *saml;
  SbToken       *token;
  GError        *error;
  GError        *cause;
  GError        *who_error;
  GError        *cache_error;
  char          *suggested_platform;
};

/* sb-sign-in.c */
void     _sb_sign_in_set_state         (SbSignIn      *self,
                                        SbSignInState  state);
void     _sb_sign_in_open_page         (SbSignIn      *self);
void     _sb_sign_in_fail              (SbSignIn      *self,
                                        const GError  *cause);

/* sb-sign-in-cache.c: the kept token, before and after the sign-in page. */
gboolean _sb_sign_in_uses_cache        (SbSignIn      *self);
void     _sb_sign_in_look_up           (SbSignIn      *self);
void     _sb_sign_in_finish_with_token (SbSignIn      *self);

G_END_DECLS
