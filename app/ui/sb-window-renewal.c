#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window-private.h"
#include "sb-profile-store.h"

#include <string.h>

/* The window's token before it expires. A profile that remembers its IdP sign-in is
 * renewed out of sight shortly before: a fresh sign-in in the login view, while the
 * result page goes on showing the token it replaces. If the IdP wants the person after
 * all, or the token cannot be renewed so, a notification warns, with a Sign In button.
 *
 * The lead is five minutes, or half the token's life when that is shorter, so a very
 * short session is not renewed over and over. The clock is read every few seconds
 * rather than trusted to one timeout: a timeout does not count the time the computer
 * was suspended. */

#define LEAD_SECONDS (5 * 60)
#define TICK_SECONDS 10

static gint64
lead_seconds (SbToken *token)
{
  GTimeSpan life = g_date_time_difference (sb_token_get_expires_at (token), sb_token_get_obtained_at (token));

  return MIN (LEAD_SECONDS, life / G_TIME_SPAN_SECOND / 2);
}

static gboolean
can_renew_silently (SbWindow *self)
{
  SbProfile *profile = self->sign_in != NULL ? sb_sign_in_get_profile (self->sign_in) : NULL;

  return profile != NULL && sb_profile_get_remember (profile) && !self->renewal_failed;
}

/* One notification per profile; one per window for a profile that is not saved. */
static char *
dup_notification_id (SbWindow *self)
{
  const char *id = sb_profile_get_id (sb_sign_in_get_profile (self->sign_in));

  if (id != NULL)
    return g_strconcat ("expiring-", id, NULL);

  return g_strdup_printf ("expiring-window-%u", gtk_application_window_get_id (GTK_APPLICATION_WINDOW (self)));
}

/* What app.sign-in is given to find this window again, or another for the same profile. */
static char *
dup_sign_in_target (SbWindow *self)
{
  SbProfile *profile = sb_sign_in_get_profile (self->sign_in);

  if (sb_profile_get_id (profile) != NULL)
    return g_strdup (sb_profile_get_id (profile));

  return g_strdup_printf ("window:%u", gtk_application_window_get_id (GTK_APPLICATION_WINDOW (self)));
}

static GApplication *
notifying_application (SbWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL || !g_application_get_is_registered (G_APPLICATION (application)) ||
      g_application_get_is_remote (G_APPLICATION (application)))
    return NULL;

  return G_APPLICATION (application);
}

static void
warn (SbWindow *self)
{
  GApplication *application = notifying_application (self);
  SbToken *token = _sb_window_get_token (self);
  SbProfile *profile = sb_sign_in_get_profile (self->sign_in);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *at = NULL;
  g_autofree char *body = NULL;
  g_autofree char *target = NULL;
  const char *name = sb_profile_get_name (profile);

  if (self->warned_id != NULL || application == NULL)
    return;

  local = g_date_time_to_local (sb_token_get_expires_at (token));
  at = g_date_time_format (local, "%H:%M");
  if (*name != '\0')
    /* Translators: the first %s is the profile's name, the second a time such as 14:05. */
    body = g_strdup_printf (_("The token of %s expires at about %s. Sign in again for a new one."), name, at);
  else
    /* Translators: %s is a time such as 14:05. */
    body = g_strdup_printf (_("The token expires at about %s. Sign in again for a new one."), at);

  notification = g_notification_new (_("Token Expires Soon"));
  g_notification_set_body (notification, body);
  target = dup_sign_in_target (self);
  g_notification_set_default_action_and_target (notification, "app.sign-in", "s", target);
  g_notification_add_button_with_target (notification, _("Sign In"), "app.sign-in", "s", target);

  self->warned_id = dup_notification_id (self);
  g_application_send_notification (application, self->warned_id, notification);
}

/* The warning about the token is gone: the token was renewed, replaced or the window closed. */
void
_sb_window_renewal_withdraw (SbWindow *self)
{
  GApplication *application = notifying_application (self);
  g_autofree char *id = g_steal_pointer (&self->warned_id);

  if (id != NULL && application != NULL)
    g_application_withdraw_notification (application, id);
}

static void
drop_renewal (SbWindow *self)
{
  g_clear_handle_id (&self->needs_person_id, g_source_remove);
  if (self->renewal == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->renewal, self);
  g_clear_object (&self->renewal);
}

/* The renewal out of sight could not be, because of @error or because the IdP wants the
 * person: the person is warned instead. */
static void
give_up (SbWindow     *self,
         const GError *error)
{
  g_autofree char *note = NULL;

  if (error != NULL)
    note = g_strdup_printf (_("Could not renew it by itself. %s"), error->message);
  else
    note = g_strdup (_("Could not renew it by itself: your identity provider asks you to sign in."));

  drop_renewal (self);
  self->renewal_failed = TRUE;
  sb_result_page_set_renewal (self->result_page, note);
  warn (self);
}

static void
on_renewal_state (SbSignIn   *renewal,
                  GParamSpec *pspec,
                  SbWindow   *self)
{
  /* Dropped here, the renewal must outlive its own notification. */
  g_autoptr(SbSignIn) hold = g_object_ref (renewal);

  switch (sb_sign_in_get_state (renewal))
    {
    case SB_SIGN_IN_STATE_DONE:
      drop_renewal (self);
      _sb_window_adopt_sign_in (self, hold);
      break;

    case SB_SIGN_IN_STATE_FAILED:
      give_up (self, sb_sign_in_get_error (renewal));
      break;

    case SB_SIGN_IN_STATE_IDLE:
    case SB_SIGN_IN_STATE_LOOKING_UP:
    case SB_SIGN_IN_STATE_LOADING:
    case SB_SIGN_IN_STATE_WAITING:
    case SB_SIGN_IN_STATE_EXCHANGING:
    case SB_SIGN_IN_STATE_VERIFYING:
    default:
      break;
    }
}

static void
start_renewal (SbWindow *self)
{
  g_assert (self->renewal == NULL);

  self->renewal = _sb_window_new_sign_in (self, TRUE);
  g_signal_connect_object (self->renewal, "notify::state", G_CALLBACK (on_renewal_state), self, 0);
  sb_result_page_set_renewal (self->result_page, _("Renewing…"));
  sb_sign_in_start (self->renewal);
}

static void
check_expiry (SbWindow *self)
{
  SbToken *token = _sb_window_get_token (self);

  if (token == NULL || self->renewal != NULL ||
      sb_token_get_seconds_left (token, NULL) > lead_seconds (token))
    return;

  if (can_renew_silently (self))
    start_renewal (self);
  else
    warn (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  check_expiry (user_data);
  return G_SOURCE_CONTINUE;
}

/* The window shows a new token: it is watched until it is about to expire. */
void
_sb_window_renewal_follow (SbWindow *self)
{
  SbToken *token = _sb_window_get_token (self);

  _sb_window_renewal_stop (self);
  self->renewal_failed = FALSE;

  /* A --print window closes once it delivered its token. */
  if (token == NULL || self->delivery == SB_DELIVERY_PRINT)
    return;

  if (can_renew_silently (self))
    sb_result_page_set_renewal (self->result_page, _("Renews by itself before then while this window is open"));

  self->renewal_tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  check_expiry (self);
}

void
_sb_window_renewal_stop (SbWindow *self)
{
  drop_renewal (self);
  g_clear_handle_id (&self->renewal_tick_id, g_source_remove);
}

static gboolean
is_on_page (SbSignIn *sign_in)
{
  SbSignInState state = sb_sign_in_get_state (sign_in);

  return state == SB_SIGN_IN_STATE_LOADING || state == SB_SIGN_IN_STATE_WAITING;
}

static gboolean
needs_person_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->needs_person_id = 0;
  /* The page may have handed over its response meanwhile. */
  if (self->renewal != NULL && is_on_page (self->renewal))
    give_up (self, NULL);

  return G_SOURCE_REMOVE;
}

/* The login view's page waits for the person. TRUE when it was the renewal's: it gives up
 * (once the login view is out of the signal that said so). */
gboolean
_sb_window_renewal_needs_person (SbWindow *self)
{
  if (self->renewal == NULL || !is_on_page (self->renewal))
    return FALSE;

  if (self->needs_person_id == 0)
    self->needs_person_id = g_idle_add (needs_person_cb, self);

  return TRUE;
}

static SbWindow *
find_window (GtkApplication *application,
             const char     *target)
{
  if (g_str_has_prefix (target, "window:"))
    {
      guint64 id = g_ascii_strtoull (target + strlen ("window:"), NULL, 10);
      GtkWindow *window = gtk_application_get_window_by_id (application, (guint) id);

      return SB_IS_WINDOW (window) ? SB_WINDOW (window) : NULL;
    }

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      SbProfile *profile = SB_IS_WINDOW (l->data) ? SB_WINDOW (l->data)->profile : NULL;

      if (profile != NULL && g_strcmp0 (sb_profile_get_id (profile), target) == 0)
        return l->data;
    }

  return NULL;
}

/* The notification's Sign In: the window of that token signs in again, in sight; with
 * that window gone, a new one for the profile does. */
static void
sign_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *target = g_variant_get_string (parameter, NULL);
  SbWindow *window = find_window (application, target);
  SbProfile *profile;

  if (window == NULL)
    {
      profile = sb_profile_store_lookup (sb_profile_store_get_default (), target);
      if (profile == NULL)
        return;

      window = sb_window_new (application, profile);
    }

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.renew", NULL);
}

/* The notifications' action is the application's: notifications can name no other. */
void
_sb_window_add_app_actions (GtkApplication *application)
{
  static const GActionEntry entries[] = {
    { "sign-in", sign_in_activated, "s" },
  };

  if (g_action_map_lookup_action (G_ACTION_MAP (application), "sign-in") == NULL)
    g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries), application);
}
