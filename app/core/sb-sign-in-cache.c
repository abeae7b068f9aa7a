#define G_LOG_DOMAIN "sb-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-sign-in-private.h"
#include "sb-url.h"

/* The sign-in's use of the token cache: a kept token the platform still accepts is
 * handed over with no page; the token a sign-in gets is kept before the sign-in is done.
 * As for the other requests, the callbacks hold no reference: dropping the sign-in
 * cancels them, and a cancelled callback returns before it touches the sign-in. */

gboolean
_sb_sign_in_uses_cache (SbSignIn *self)
{
  return self->cache != NULL && sb_profile_get_keep_tokens (self->profile) && !sb_sign_in_is_capture_only (self);
}

/* The business group picked for the profile applies to its tokens while the user belongs to it. */
static void
apply_organization (SbSignIn *self)
{
  const char *id = sb_profile_get_organization_id (self->profile);
  g_autoptr(GError) error = NULL;

  if (*id != '\0' && !sb_token_select_organization (self->token, id, &error))
    g_debug ("The profile's business group does not apply: %s", error->message);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_token_cache_store_finish (SB_TOKEN_CACHE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_error (&self->cache_error);
  self->cache_error = g_steal_pointer (&error);
  _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_DONE);
}

/* The sign-in got its token and asked whose it is: it is kept, then the sign-in is done. */
void
_sb_sign_in_finish_with_token (SbSignIn *self)
{
  g_assert (self->token != NULL);

  apply_organization (self);

  if (!_sb_sign_in_uses_cache (self))
    {
      _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_DONE);
      return;
    }

  /* A kept token says whose it is: one the platform did not describe is not kept. */
  if (self->who_error != NULL)
    {
      g_clear_error (&self->cache_error);
      self->cache_error = g_error_new_literal (SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_FAILED,
                                               _("The token was not kept because the platform did not say whose it is."));
      _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_DONE);
      return;
    }

  sb_token_cache_store_async (self->cache, self->profile, self->token, self->cancellable, store_cb, self);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_token_cache_delete_finish (SB_TOKEN_CACHE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The rejected token could not be deleted: %s", error->message);
    }

  _sb_sign_in_open_page (self);
}

/* A kept token the platform still accepts is the sign-in's; one it rejects is deleted;
 * after any other failure a sign-in follows, and says what is wrong if it fails too.
 * With no page to sign in on, that failure is the sign-in's. */
static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(SbSignIn) hold = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (!sb_platform_who_am_i_finish (SB_PLATFORM (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  token = g_steal_pointer (&self->kept_token);
  if (error == NULL)
    {
      /* A handler of the state may drop the last other reference. */
      hold = g_object_ref (self);
      self->token = g_steal_pointer (&token);
      apply_organization (self);
      g_clear_error (&self->cache_error);
      _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_DONE);
    }
  else if (g_error_matches (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED) ||
           g_error_matches (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_FORBIDDEN))
    sb_token_cache_delete_async (self->cache, self->profile, self->cancellable, delete_cb, self);
  else if (self->page_source == NULL)
    _sb_sign_in_fail (self, error);
  else
    _sb_sign_in_open_page (self);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbSignIn *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbToken) token = NULL;

  token = sb_token_cache_lookup_finish (SB_TOKEN_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Keeping the new token may still work, or say again why not. */
  g_clear_error (&self->cache_error);
  self->cache_error = g_steal_pointer (&error);

  if (token == NULL ||
      sb_token_get_seconds_left (token, NULL) <= (gint64) self->min_valid * 60 ||
      !sb_url_same_origin (sb_token_get_platform_url (token), sb_platform_get_url (self->platform)))
    {
      _sb_sign_in_open_page (self);
      return;
    }

  self->kept_token = g_steal_pointer (&token);
  sb_platform_who_am_i_async (self->platform, self->kept_token, self->cancellable, verify_cb, self);
}

void
_sb_sign_in_look_up (SbSignIn *self)
{
  g_assert (_sb_sign_in_uses_cache (self));

  sb_token_cache_lookup_async (self->cache, self->profile, self->cancellable, lookup_cb, self);
  _sb_sign_in_set_state (self, SB_SIGN_IN_STATE_LOOKING_UP);
}

/* With a cache, a profile that keeps its tokens gets a kept token while it is valid
 * and the platform accepts it, and keeps the token a sign-in gets. */
void
sb_sign_in_set_token_cache (SbSignIn     *self,
                            SbTokenCache *cache)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));
  g_return_if_fail (cache == NULL || SB_IS_TOKEN_CACHE (cache));
  g_return_if_fail (self->state == SB_SIGN_IN_STATE_IDLE);

  g_set_object (&self->cache, cache);
}

/* A fresh sign-in does not look for a kept token, but keeps the one it gets. */
void
sb_sign_in_set_fresh (SbSignIn *self,
                      gboolean  fresh)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));
  g_return_if_fail (self->state == SB_SIGN_IN_STATE_IDLE);

  self->fresh = !!fresh;
}

/* A kept token is handed over only with more than @minutes left before its estimated expiry. */
void
sb_sign_in_set_min_valid (SbSignIn *self,
                          guint     minutes)
{
  g_return_if_fail (SB_IS_SIGN_IN (self));
  g_return_if_fail (self->state == SB_SIGN_IN_STATE_IDLE);

  self->min_valid = minutes;
}

/* Why the token was not kept, when the sign-in keeps tokens; NULL when it was (or caching is
 * off). The token is good all the same. */
const GError *
sb_sign_in_get_cache_error (SbSignIn *self)
{
  g_return_val_if_fail (SB_IS_SIGN_IN (self), NULL);
  return self->cache_error;
}
