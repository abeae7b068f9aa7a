#pragma once

#include <glib-object.h>

#include "sb-capture.h"
#include "sb-page-source.h"
#include "sb-platform.h"
#include "sb-profile.h"
#include "sb-saml.h"
#include "sb-token.h"
#include "sb-token-cache.h"

G_BEGIN_DECLS

#define SB_SIGN_IN_ERROR (sb_sign_in_error_quark ())

/* One code per failure the user must tell apart, whichever layer found it. */
typedef enum {
  SB_SIGN_IN_ERROR_CANCELLED,
  SB_SIGN_IN_ERROR_PAGE_UNAVAILABLE,
  SB_SIGN_IN_ERROR_PAGE_STOPPED,
  SB_SIGN_IN_ERROR_NOT_CAPTURED,
  SB_SIGN_IN_ERROR_NOT_SECURE,
  SB_SIGN_IN_ERROR_WRONG_PLATFORM,
  SB_SIGN_IN_ERROR_NOT_ACCEPTED,
  SB_SIGN_IN_ERROR_UNREADABLE,
  SB_SIGN_IN_ERROR_IDP_REFUSED,
  SB_SIGN_IN_ERROR_SP_INITIATED,
  SB_SIGN_IN_ERROR_UNREACHABLE,
  SB_SIGN_IN_ERROR_NOT_ANSWERING,
  SB_SIGN_IN_ERROR_REFUSED,
  SB_SIGN_IN_ERROR_NO_TOKEN,
  SB_SIGN_IN_ERROR_FAILED,
  SB_SIGN_IN_ERROR_NEEDS_PAGE,
} SbSignInError;

typedef enum {
  SB_SIGN_IN_STATE_IDLE,
  SB_SIGN_IN_STATE_LOOKING_UP,
  SB_SIGN_IN_STATE_LOADING,
  SB_SIGN_IN_STATE_WAITING,
  SB_SIGN_IN_STATE_EXCHANGING,
  SB_SIGN_IN_STATE_VERIFYING,
  SB_SIGN_IN_STATE_DONE,
  SB_SIGN_IN_STATE_FAILED,
} SbSignInState;

#define SB_TYPE_SIGN_IN_STATE (sb_sign_in_state_get_type ())
#define SB_TYPE_SIGN_IN (sb_sign_in_get_type ())

GType sb_sign_in_state_get_type (void);

G_DECLARE_FINAL_TYPE (SbSignIn, sb_sign_in, SB, SIGN_IN, GObject)

GQuark         sb_sign_in_error_quark            (void);
SbSignIn      *sb_sign_in_new                    (SbProfile    *profile,
                                                  SbPageSource *page_source);
void           sb_sign_in_set_timeout            (SbSignIn     *self,
                                                  guint         seconds);
void           sb_sign_in_set_proxy              (SbSignIn     *self,
                                                  const char   *proxy_url);
void           sb_sign_in_set_token_cache        (SbSignIn     *self,
                                                  SbTokenCache *cache);
void           sb_sign_in_set_fresh              (SbSignIn     *self,
                                                  gboolean      fresh);
void           sb_sign_in_set_min_valid          (SbSignIn     *self,
                                                  guint         minutes);
void           sb_sign_in_start                  (SbSignIn     *self);
void           sb_sign_in_cancel                 (SbSignIn     *self);
SbSignInState  sb_sign_in_get_state              (SbSignIn     *self);
gboolean       sb_sign_in_is_capture_only        (SbSignIn     *self);
SbProfile     *sb_sign_in_get_profile            (SbSignIn     *self);
SbPlatform    *sb_sign_in_get_platform           (SbSignIn     *self);
SbCapture     *sb_sign_in_get_capture            (SbSignIn     *self);
SbSaml        *sb_sign_in_get_saml               (SbSignIn     *self);
SbToken       *sb_sign_in_get_token              (SbSignIn     *self);
const GError  *sb_sign_in_get_error              (SbSignIn     *self);
const GError  *sb_sign_in_get_cause              (SbSignIn     *self);
const GError  *sb_sign_in_get_who_error          (SbSignIn     *self);
const GError  *sb_sign_in_get_cache_error        (SbSignIn     *self);
const char    *sb_sign_in_get_suggested_platform (SbSignIn     *self);
GPtrArray     *sb_sign_in_dup_warnings           (SbSignIn     *self);

G_END_DECLS
