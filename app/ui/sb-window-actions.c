#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window-private.h"
#include "sb-assertion-window.h"
#include "sb-profile-store.h"
#include "sb-secret.h"
#include "sb-url.h"

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbProfileStore *store = sb_profile_store_get_default ();
  g_autofree char *platform_url = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *name = NULL;
  gboolean name_suggested;

  /* Enter in any entry activates the default widget: only the setup page's may start. */
  if (_sb_window_get_page (self) != SB_WINDOW_PAGE_SETUP ||
      !sb_setup_page_read (self->setup_page, &platform_url, &idp_url))
    return;

  name = sb_setup_page_dup_name (self->setup_page, &name_suggested);
  _sb_window_refresh_profile (self);
  if (self->profile == NULL)
    self->profile = sb_profile_new (NULL);

  sb_profile_set_name (self->profile, name);
  /* Another platform or IdP signs in at another address: it is learned again. */
  if (g_strcmp0 (sb_profile_get_platform_url (self->profile), platform_url) != 0 ||
      g_strcmp0 (sb_profile_get_idp_url (self->profile), idp_url) != 0)
    sb_profile_set_learned_acs_url (self->profile, "");
  sb_profile_set_platform_url (self->profile, platform_url);
  sb_profile_set_idp_url (self->profile, idp_url);
  sb_profile_store_add (store, self->profile);
  sb_profile_store_set_last_used (store, self->profile);

  /* Saved, the profile has its id: the menu marks it. */
  sb_window_set_profile (self, self->profile);
  self->name_suggested = name_suggested;
  _sb_window_start_sign_in (self, FALSE);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sb_window_begin (SB_WINDOW (widget));
}

/* A new token even while the one shown is valid: a sign-in that does not look in the keyring. */
static void
renew_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  _sb_window_refresh_profile (self);
  if (self->profile != NULL && sb_profile_is_complete (self->profile))
    _sb_window_start_sign_in (self, TRUE);
  else
    _sb_window_show_setup (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->sign_in != NULL)
    sb_sign_in_cancel (self->sign_in);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sb_login_view_go_back (SB_WINDOW (widget)->login_view);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sb_login_view_reload (SB_WINDOW (widget)->login_view);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbCapture *capture = _sb_window_get_capture (self);
  SbToken *token = _sb_window_get_token (self);

  if (capture != NULL)
    _sb_window_copy_secret (self, sb_capture_get_saml_response (capture), FALSE);
  else if (token != NULL)
    _sb_window_copy_secret (self, sb_token_get_access_token (token), TRUE);
}

static void
copy_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  SbCapture *capture = _sb_window_get_capture (self);
  SbToken *token = _sb_window_get_token (self);
  g_autoptr(SbSecret) text = NULL;
  SbTokenFormat format;

  if (capture != NULL && g_strcmp0 (name, "xml") == 0)
    _sb_window_copy_secret (self, sb_saml_get_xml (sb_sign_in_get_saml (self->sign_in)), FALSE);
  else if (capture != NULL)
    _sb_window_copy_secret (self, sb_capture_get_saml_response (capture), FALSE);
  else if (token != NULL && sb_token_format_from_string (name, &format))
    {
      text = sb_token_format (token, format);
      _sb_window_copy_secret (self, text, format == SB_TOKEN_FORMAT_RAW);
    }
}

static void
check_token_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (sb_platform_who_am_i_finish (SB_PLATFORM (object), result, &error))
    {
      _sb_window_show_toast (self, _("Token still accepted"));
      sb_result_page_show_who (self->result_page, NULL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED))
    message = g_strdup (_("Token no longer accepted; sign in again"));
  else
    message = g_strdup_printf (_("Check failed: %s"), error->message);
  _sb_window_show_toast (self, message);
}

static void
check_token_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbToken *token = _sb_window_get_token (self);

  if (token != NULL)
    sb_platform_who_am_i_async (sb_sign_in_get_platform (self->sign_in), token, self->cancellable,
                                check_token_cb, g_object_ref (self));
}

static void
switch_platform_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *platform = NULL;

  if (self->sign_in == NULL || sb_sign_in_get_suggested_platform (self->sign_in) == NULL)
    return;

  platform = g_strdup (sb_sign_in_get_suggested_platform (self->sign_in));
  _sb_window_refresh_profile (self);
  if (self->profile == NULL)
    return;

  sb_profile_set_learned_acs_url (self->profile, "");
  sb_profile_set_platform_url (self->profile, platform);
  _sb_window_start_sign_in (self, FALSE);
}

static void
show_assertion_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbSaml *saml = self->sign_in != NULL ? sb_sign_in_get_saml (self->sign_in) : NULL;

  if (saml != NULL)
    gtk_window_present (sb_assertion_window_new (GTK_WINDOW (self), saml,
                                                 sb_profile_get_platform_url (sb_sign_in_get_profile (self->sign_in))));
}

/* The setup page holds a platform profile's two addresses; Preferences a capture profile's. */
static void
change_address_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  _sb_window_refresh_profile (self);
  if (self->profile != NULL && sb_profile_get_kind (self->profile) == SB_PROFILE_KIND_CAPTURE)
    gtk_widget_activate_action (widget, "app.preferences", NULL);
  else
    _sb_window_show_setup (self);
}

static void
new_profile_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_window_set_profile (self, NULL);
  _sb_window_show_setup (self);
}

/* What each page offers: the sign-in page's navigation, a running exchange's
 * cancel, a token's or a captured response's copies. */
void
_sb_window_actions_update (SbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  SbWindowPage page = _sb_window_get_page (self);
  gboolean signing_in = page == SB_WINDOW_PAGE_SIGN_IN;
  gboolean has_secret = _sb_window_get_token (self) != NULL || _sb_window_get_capture (self) != NULL;
  SbSignInState state = self->sign_in != NULL ? sb_sign_in_get_state (self->sign_in) : SB_SIGN_IN_STATE_IDLE;

  gtk_widget_action_set_enabled (widget, "win.back", signing_in && sb_login_view_get_can_go_back (self->login_view));
  gtk_widget_action_set_enabled (widget, "win.reload", signing_in);
  gtk_widget_action_set_enabled (widget, "win.cancel",
                                 state == SB_SIGN_IN_STATE_EXCHANGING || state == SB_SIGN_IN_STATE_LOOKING_UP);
  gtk_widget_action_set_enabled (widget, "win.renew", page == SB_WINDOW_PAGE_RESULT && has_secret);
  gtk_widget_action_set_enabled (widget, "win.copy", has_secret);
  gtk_widget_action_set_enabled (widget, "win.copy-as", has_secret);
  gtk_widget_action_set_enabled (widget, "win.check-token", _sb_window_get_token (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-assertion",
                                 self->sign_in != NULL && sb_sign_in_get_saml (self->sign_in) != NULL);
}

void
_sb_window_class_actions_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-as", "s", copy_as_action);
  gtk_widget_class_install_action (widget_class, "win.check-token", NULL, check_token_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, renew_action);
  gtk_widget_class_install_action (widget_class, "win.renew", NULL, renew_action);
  gtk_widget_class_install_action (widget_class, "win.switch-platform", NULL, switch_platform_action);
  gtk_widget_class_install_action (widget_class, "win.change-address", NULL, change_address_action);
  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, new_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-assertion", NULL, show_assertion_action);
  gtk_widget_class_install_property_action (widget_class, "win.switch-profile", "profile-id");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}
