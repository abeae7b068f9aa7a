#define G_LOG_DOMAIN "sb-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-sign-in-private.h"
#include "sb-profile-store.h"
#include "sb-trace.h"
#include "sb-url.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (SbSignIn, sb_sign_in, G_TYPE_OBJECT)
G_DEFINE_QUARK (sb-sign-in-error-quark, sb_sign_in_error)
G_DEFINE_ENUM_TYPE (SbSignInState, sb_sign_in_state,
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_LOOKING_UP, "looking-up"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_EXCHANGING, "exchanging"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_VERIFYING, "verifying"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (SB_SIGN_IN_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_PAGE_SOURCE,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_active (SbSignIn *self)
{
  return self->state != SB_SIGN_IN_STATE_IDLE &&
         self->state != SB_SIGN_IN_STATE_DONE &&
         self->state != SB_SIGN_IN_STATE_FAILED;
}

static gboolean
is_on_page (SbSignIn *self)
{
  return self->state == SB_SIGN_IN_STATE_LOADING || self->state == SB_SIGN_IN_STATE_WAITING;
}

void
_sb_sign_in_set_state (SbSignIn      *self,
                       SbSignInState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
disconnect_page_source (SbSignIn *self)
{
  g_signal_handlers_disconnect_by_data (self->page_source, self);
}

static void
stop_page_source (SbSignIn *self)
{
  disconnect_page_source (self);
  sb_page_source_stop (self->page_source);
}

static SbSignInError
classify (const GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return SB_SIGN_IN_ERROR_CANCELLED;

  if (cause->domain == SB_PAGE_SOURCE_ERROR)
    switch ((SbPageSourceError) cause->code)
      {
      case SB_PAGE_SOURCE_ERROR_TLS: return SB_SIGN_IN_ERROR_NOT_SECURE;
      case SB_PAGE_SOURCE_ERROR_CRASHED: return SB_SIGN_IN_ERROR_PAGE_STOPPED;
      case SB_PAGE_SOURCE_ERROR_UNCONFIRMED:
      case SB_PAGE_SOURCE_ERROR_CONFLICT: return SB_SIGN_IN_ERROR_NOT_CAPTURED;
      case SB_PAGE_SOURCE_ERROR_LOAD:
      default: return SB_SIGN_IN_ERROR_PAGE_UNAVAILABLE;
      }

  if (cause->domain == SB_CAPTURE_ERROR)
    return cause->code == SB_CAPTURE_ERROR_WRONG_PLATFORM ? SB_SIGN_IN_ERROR_WRONG_PLATFORM
                                                          : SB_SIGN_IN_ERROR_NOT_ACCEPTED;

  if (cause->domain == SB_SAML_ERROR)
    return SB_SIGN_IN_ERROR_UNREADABLE;

  if (cause->domain == SB_PLATFORM_ERROR)
    switch ((SbPlatformError) cause->code)
      {
      case SB_PLATFORM_ERROR_NETWORK:
      case SB_PLATFORM_ERROR_RESOLVE: return SB_SIGN_IN_ERROR_UNREACHABLE;
      case SB_PLATFORM_ERROR_TLS:
      case SB_PLATFORM_ERROR_INSECURE: return SB_SIGN_IN_ERROR_NOT_SECURE;
      case SB_PLATFORM_ERROR_TIMEOUT: return SB_SIGN_IN_ERROR_NOT_ANSWERING;
      case SB_PLATFORM_ERROR_SP_INITIATED: return SB_SIGN_IN_ERROR_SP_INITIATED;
      case SB_PLATFORM_ERROR_UNAUTHORIZED:
      case SB_PLATFORM_ERROR_FORBIDDEN:
      case SB_PLATFORM_ERROR_NOT_FOUND: return SB_SIGN_IN_ERROR_REFUSED;
      default: return SB_SIGN_IN_ERROR_NO_TOKEN;
      }

  return SB_SIGN_IN_ERROR_FAILED;
}

/* What a failure means for the user, in one sentence they can act on. */
static GError *
explain (SbSignIn     *self,
         const GError *cause)
{
  SbSignInError code = classify (cause);

  /* The platform's own words for an SP-initiated assertion are rarely clear; ours say what to do. */
  if (code == SB_SIGN_IN_ERROR_SP_INITIATED ||
      (cause->domain == SB_PLATFORM_ERROR && self->saml != NULL && sb_saml_get_in_response_to (self->saml) != NULL))
    return g_error_new_literal (SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_SP_INITIATED,
                                _("The platform only exchanges assertions from a sign-in started at your identity provider. "
                                  "Use the IdP-initiated sign-in address of the Anypoint Platform app at your identity provider "
                                  "(for example Okta’s “App Embed Link” or Entra ID’s “User access URL”), not the platform’s sign-in page."));

  if (code == SB_SIGN_IN_ERROR_UNREADABLE && !sb_sign_in_is_capture_only (self))
    {
      g_autofree char *message = g_strconcat (_("Nothing was sent to the platform. "), cause->message, NULL);
      return g_error_new_literal (SB_SIGN_IN_ERROR, code, message);
    }

  return g_error_new_literal (SB_SIGN_IN_ERROR, code, cause->message);
}

static void
fail_with (SbSignIn *self,
           GError   *error,
           GError   *cause)
{
  g_assert (self->error == NULL);

  if (is_on_page (self))
    stop_page_source (self);

  self->error = error;
  self->cause = cause;
  _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_FAILED);
}

/* The platform to offer when the assertion was posted to @acs_url, another platform's:
 * a page chooses where its form posts, so only a known control plane or the platform of
 * a saved profile (an address the user typed) is offered, in the app's own spelling. */
static char *
dup_suggested_platform (SbSignIn   *self,
                        const char *acs_url)
{
  GListModel *profiles = G_LIST_MODEL (sb_profile_store_get_default ());
  const SbKnownPlatform *known;
  guint n_known;

  if (sb_url_same_origin (sb_profile_get_platform_url (self->profile), acs_url))
    return NULL;

  known = sb_profile_get_known_platforms (&n_known);
  for (guint i = 0; i < n_known; i++)
    if (sb_url_same_origin (known[i].url, acs_url))
      return g_strdup (known[i].url);

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(SbProfile) profile = g_list_model_get_item (profiles, i);

      if (sb_profile_get_kind (profile) == SB_PROFILE_KIND_ANYPOINT &&
          sb_url_same_origin (sb_profile_get_platform_url (profile), acs_url))
        return g_strdup (sb_profile_get_platform_url (profile));
    }

  return NULL;
}

void
_sb_sign_in_fail (SbSignIn     *self,
                  const GError *cause)
{
  if (g_error_matches (cause, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_WRONG_PLATFORM) && self->capture != NULL)
    self->suggested_platform = dup_suggested_platform (self, sb_capture_get_acs_url (self->capture));

  fail_with (self, explain (self, cause), g_error_copy (cause));
}

/* The requests hold no reference: dropping the sign-in cancels them, and a cancelled
 * request's callback returns before it touches the sign-in. */
static void
who_am_i_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_platform_who_am_i_finish (SB_PLATFORM (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->who_error = g_steal_pointer (&error);
    }

  _sb_sign_in_finish_with_token (self);
}

static void
exchange_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(SbSignIn) hold = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbToken) token = NULL;

  token = sb_platform_exchange_finish (SB_PLATFORM (object), result, &error);
  sb_trace ("exchange-answered");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      _sb_sign_in_fail (self, error);
      return;
    }

  /* A handler of the state may drop the last other reference, or cancel. */
  hold = g_object_ref (self);
  self->token = g_steal_pointer (&token);
  if (*sb_profile_get_learned_acs_url (self->profile) == '\0')
    sb_profile_set_learned_acs_url (self->profile, sb_capture_get_acs_url (self->capture));
  _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_VERIFYING);

  if (self->state == SB_SIGN_IN_STATE_VERIFYING)
    sb_platform_who_am_i_async (self->platform, self->token, self->cancellable, who_am_i_cb, self);
}

/* The IdP's own refusal is explained without spending the assertion. */
static gboolean
check_status (SbSignIn  *self,
              GError   **error)
{
  if (sb_sign_in_is_capture_only (self) || sb_saml_is_success (self->saml))
    return TRUE;

  if (sb_saml_get_status_message (self->saml) != NULL)
    g_set_error (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_IDP_REFUSED,
                 _("Your identity provider did not sign you in (%s): %s"),
                 sb_saml_get_status_name (self->saml), sb_saml_get_status_message (self->saml));
  else
    g_set_error (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_IDP_REFUSED,
                 _("Your identity provider did not sign you in (%s)."),
                 sb_saml_get_status_name (self->saml));

  return FALSE;
}

/* Once a sign-in of the profile succeeded, its org and provider are known: an IdP
 * that posts to another sign-in address of the platform is not taken at its word. */
static gboolean
check_sign_in_address (SbSignIn  *self,
                       GError   **error)
{
  const char *expected = sb_profile_get_learned_acs_url (self->profile);
  const char *acs = sb_capture_get_acs_url (self->capture);
  g_autofree char *canonical = NULL;

  if (sb_sign_in_is_capture_only (self) || expected == NULL || *expected == '\0' ||
      !sb_url_same_origin (acs, sb_profile_get_platform_url (self->profile)))
    return TRUE;

  canonical = sb_capture_dup_canonical_acs (expected);
  if (sb_capture_url_equal (acs, canonical != NULL ? canonical : expected))
    return TRUE;

  g_set_error (error, SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_NOT_ACCEPTED,
               _("Your identity provider sent the sign-in to %s, but this profile signed in at %s until now, so nothing was sent. If your administrator changed the identity provider, choose Forget Sign-In Data for the profile in Preferences and sign in again."),
               acs, expected);
  return FALSE;
}

/* The assertion is read on a worker thread: a response built to be slow must not freeze the window. */
static void
read_assertion_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_on_page (self))
    return;

  if (saml == NULL)
    {
      _sb_sign_in_fail (self, error);
      return;
    }

  self->saml = g_steal_pointer (&saml);
  if (!check_status (self, &error))
    {
      fail_with (self, g_steal_pointer (&error), NULL);
      return;
    }

  /* The exchange goes first: stopping the page costs more than sending the request. */
  if (!sb_sign_in_is_capture_only (self))
    sb_platform_exchange_async (self->platform, self->capture, self->cancellable, exchange_cb, self);

  stop_page_source (self);
  _sb_sign_in_set_state (self, sb_sign_in_is_capture_only (self) ? SB_SIGN_IN_STATE_DONE : SB_SIGN_IN_STATE_EXCHANGING);
}

static void
on_captured (SbPageSource *page_source,
             SbCapture    *capture,
             SbSignIn     *self)
{
  g_autoptr(GError) error = NULL;
  const char *response;

  /* One sign-in, one exchange: a second submission is not another sign-in. */
  if (!is_on_page (self) || self->capture != NULL)
    return;

  self->capture = g_object_ref (capture);

  if (!check_sign_in_address (self, &error))
    {
      fail_with (self, g_steal_pointer (&error), NULL);
      return;
    }

  response = sb_capture_get_saml_response (capture);
  sb_saml_new_async (response, strlen (response), self->cancellable, read_assertion_cb, self);
}

static void
on_page_loaded (SbPageSource *page_source,
                SbSignIn     *self)
{
  if (self->state == SB_SIGN_IN_STATE_LOADING)
    _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_WAITING);
}

static void
on_page_failed (SbPageSource *page_source,
                const GError *error,
                SbSignIn     *self)
{
  if (is_on_page (self))
    _sb_sign_in_fail (self, error);
}

void
_sb_sign_in_open_page (SbSignIn *self)
{
  if (self->page_source == NULL)
    {
      fail_with (self,
                 g_error_new_literal (SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_NEEDS_PAGE,
                                      _("Signing in needs a desktop session: no valid token is kept for this profile. "
                                        "Sign in once on the desktop, then try again.")),
                 NULL);
      return;
    }

  g_signal_connect_object (self->page_source, "page-loaded", G_CALLBACK (on_page_loaded), self, 0);
  g_signal_connect_object (self->page_source, "captured", G_CALLBACK (on_captured), self, 0);
  g_signal_connect_object (self->page_source, "failed", G_CALLBACK (on_page_failed), self, 0);

  _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_LOADING);
  sb_page_source_start (self->page_source, self->profile);
}

static SbPlatform *
create_platform (SbSignIn *self)
{
  SbPlatform *platform = sb_platform_new (sb_profile_get_platform_url (self->profile));

  sb_platform_set_session_minutes (platform, sb_profile_get_session_minutes (self->profile));
  if (self->timeout > 0)
    sb_platform_set_timeout (platform, self->timeout);
  if (self->proxy_url != NULL)
    sb_platform_set_proxy (platform, self->proxy_url);
  sb_platform_set_ca_file (platform, sb_profile_get_ca_file (self->profile));

  return platform;
}

static void
sb_sign_in_dispose (GObject *object)
{
  SbSignIn *self = (SbSignIn *)object;

  /* Nobody waits for this sign-in any more: nothing of it may go on. */
  if (self->page_source != NULL)
    {
      if (is_on_page (self))
        sb_page_source_stop (self->page_source);
      disconnect_page_source (self);
    }
  g_cancellable_cancel (self->cancellable);

  g_clear_object (&self->page_source);
  g_clear_object (&self->platform);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->capture);
  g_clear_object (&self->saml);
  g_clear_object (&self->token);
  g_clear_object (&self->kept_token);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (sb_sign_in_parent_class)->dispose (object);
}

static void
sb_sign_in_finalize (GObject *object)
{
  SbSignIn *self = (SbSignIn *)object;

  g_clear_object (&self->profile);
  g_clear_pointer (&self->proxy_url, g_free);
  g_clear_pointer (&self->suggested_platform, g_free);
  g_clear_error (&self->error);
  g_clear_error (&self->cause);
  g_clear_error (&self->who_error);
  g_clear_error (&self->cache_error);

  G_OBJECT_CLASS (sb_sign_in_parent_class)->finalize (object);
}

static void
sb_sign_in_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbSignIn *self = SB_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_PROFILE: g_value_set_object (value, self->profile); break;
    case PROP_PAGE_SOURCE: g_value_set_object (value, self->page_source); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sign_in_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SbSignIn *self = SB_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_PROFILE: self->profile = g_value_dup_object (value); break;
    case PROP_PAGE_SOURCE: self->page_source = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sign_in_class_init (SbSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_sign_in_dispose;
  object_class->finalize = sb_sign_in_finalize;
  object_class->get_property = sb_sign_in_get_property;
  object_class->set_property = sb_sign_in_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, SB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SOURCE] =
    g_param_spec_object ("page-source", NULL, NULL, SB_TYPE_PAGE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_SIGN_IN_STATE, SB_SIGN_IN_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_sign_in_init (SbSignIn *self)
{
  self->cancellable = g_cancellable_new ();
  self->min_valid = SB_SIGN_IN_DEFAULT_MIN_VALID_MINUTES;
}

/* With no @page_source (no display), only a kept token can be had: see sb_sign_in_set_token_cache(). */
SbSignIn *
sb_sign_in_new (SbProfile    *profile,
                SbPageSource *page_source)
{
  g_return_val_if_fail (SB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (page_source == NULL || SB_IS_PAGE_SOURCE (page_source), NULL);

  return g_object_new (SB_TYPE_SIGN_IN, "profile", profile, "page-source", page_source, NULL);
}

/* Seconds to wait for the platform; 0 keeps the platform client's default. */
void
sb_sign_in_set_timeout (SbSignIn *self,
                        guint     seconds)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));
  g_return_if_fail (self->state == SB_SIGN_IN_STATE_IDLE);

  self->timeout = seconds;
}

/* The proxy for the exchange: NULL follows the desktop's settings. */
void
sb_sign_in_set_proxy (SbSignIn   *self,
                      const char *proxy_url)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));
  g_return_if_fail (self->state == SB_SIGN_IN_STATE_IDLE);

  g_free (self->proxy_url);
  self->proxy_url = proxy_url != NULL && *proxy_url != '\0' ? g_strdup (proxy_url) : NULL;
}

/* Looks for a kept token, then opens the profile's sign-in page if there is none;
 * the state says how far the sign-in got. */
void
sb_sign_in_start (SbSignIn *self)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));
  g_return_if_fail (self->state == SB_SIGN_IN_STATE_IDLE);

  /* The connection is warm by the time the user has signed in: the exchange is one round trip. */
  if (!sb_sign_in_is_capture_only (self))
    {
      self->platform = create_platform (self);
      sb_platform_preconnect (self->platform);
    }

  if (_sb_sign_in_uses_cache (self) && !self->fresh)
    _sb_sign_in_look_up (self);
  else
    _sb_sign_in_open_page (self);
}

/* The user gave up: the sign-in fails as cancelled, and nothing more is sent. */
void
sb_sign_in_cancel (SbSignIn *self)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));

  if (!is_active (self))
    return;

  g_cancellable_cancel (self->cancellable);
  fail_with (self,
             g_error_new_literal (SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_CANCELLED,
                                  _("The token was not requested. Sign in again when you are ready.")),
             NULL);
}

SbSignInState
sb_sign_in_get_state (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), SB_SIGN_IN_STATE_IDLE);
  return self->state;
}

/* Whether the profile only captures the SAML response, with no exchange. */
gboolean
sb_sign_in_is_capture_only (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), FALSE);
  return sb_profile_get_kind (self->profile) == SB_PROFILE_KIND_CAPTURE;
}

SbProfile *
sb_sign_in_get_profile (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->profile;
}

/* The platform client, warm once the sign-in started; NULL for capture-only profiles. */
SbPlatform *
sb_sign_in_get_platform (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->platform;
}

SbCapture *
sb_sign_in_get_capture (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->capture;
}

SbSaml *
sb_sign_in_get_saml (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->saml;
}

/* The token, from the verifying state on. */
SbToken *
sb_sign_in_get_token (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->token;
}

/* Why the sign-in failed, in SB_SIGN_IN_ERROR: the message is the sentence to show. */
const GError *
sb_sign_in_get_error (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->error;
}

/* The error as the layer that found it reported it, for the details; NULL when the sign-in itself found it. */
const GError *
sb_sign_in_get_cause (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->cause;
}

/* Why the platform could not say who the token belongs to, if it could not: the token is good all the same. */
const GError *
sb_sign_in_get_who_error (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->who_error;
}

/* The platform the IdP signed the user in to instead, when that was the failure. */
const char *
sb_sign_in_get_suggested_platform (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->suggested_platform;
}

/* What the assertion itself says may be wrong; empty before a capture. */
GPtrArray *
sb_sign_in_dup_warnings (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);

  if (self->saml == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_saml_warning_free);

  return sb_saml_check (self->saml, sb_profile_get_platform_url (self->profile), NULL);
}
