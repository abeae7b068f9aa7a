#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window.h"
#include "sb-assertion-window.h"
#include "sb-clipboard.h"
#include "sb-login-view.h"
#include "sb-platform.h"
#include "sb-saml.h"
#include "sb-secret.h"
#include "sb-trace.h"
#include "sb-url.h"

#define EXPIRY_WARNING_MINUTES 5
#define WORKING_DELAY_MS 150

static const char * const platform_urls[] = {
  "https://anypoint.mulesoft.com",
  "https://eu1.anypoint.mulesoft.com",
  "https://gov.anypoint.mulesoft.com",
};
#define PLATFORM_OTHER G_N_ELEMENTS (platform_urls)

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *back_button;
  GtkWidget            *reload_button;
  GtkStack             *title_stack;
  AdwWindowTitle       *window_title;
  GtkImage             *security_icon;
  GtkLabel             *host_label;
  GtkMenuButton        *profile_button;
  GMenu                *profile_section;
  GtkStack             *stack;
  AdwComboRow          *platform_row;
  AdwEntryRow          *custom_platform_row;
  AdwEntryRow          *idp_row;
  GtkLabel             *setup_error_label;
  SbLoginView          *login_view;
  AdwStatusPage        *working_page;
  GtkSpinner           *working_spinner;
  AdwAvatar            *avatar;
  GtkLabel             *result_title;
  GtkLabel             *result_subtitle;
  AdwActionRow         *token_row;
  GtkToggleButton      *reveal_button;
  GtkButton            *copy_button;
  GtkMenuButton        *copy_as_button;
  GtkWidget            *check_button;
  GMenuModel           *copy_as_menu;
  GMenuModel           *capture_copy_menu;
  AdwActionRow         *expiry_row;
  AdwActionRow         *who_error_row;
  AdwStatusPage        *error_page;
  GtkButton            *error_action_button;
  GtkExpander          *details_expander;
  GtkWidget            *error_assertion_button;
  AdwPreferencesGroup  *result_warnings;
  AdwPreferencesGroup  *error_warnings;
  GPtrArray            *warning_rows;
  GtkLabel             *details_label;

  GSettings            *settings;
  SbProfile            *profile;
  SbPlatform           *platform;
  SbCapture            *capture;
  SbSaml               *saml;
  SbToken              *token;
  GCancellable         *cancellable;
  SbDelivery            delivery;
  SbTokenFormat         format;
  guint                 timeout;
  char                 *proxy_url;
  char                 *suggested_platform;
  guint                 expiry_id;
  guint                 working_id;
  gboolean              captured;
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  DELIVERED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (SbWindow   *self,
           const char *state)
{
  gboolean signing_in = g_strcmp0 (state, "signin") == 0;

  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_stack_set_visible_child_name (self->title_stack, signing_in ? "host" : "title");
  gtk_spinner_set_spinning (self->working_spinner, g_strcmp0 (state, "working") == 0);

  gtk_widget_set_visible (self->back_button, signing_in);
  gtk_widget_set_visible (self->reload_button, signing_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", signing_in && sb_login_view_get_can_go_back (self->login_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", signing_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", g_strcmp0 (state, "working") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy", self->token != NULL || self->captured);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-as", self->token != NULL || self->captured);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-token", self->token != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-assertion", self->saml != NULL);
  gtk_widget_set_visible (self->error_assertion_button, self->saml != NULL);

  if (g_strcmp0 (state, "setup") == 0)
    adw_window_title_set_subtitle (self->window_title, NULL);
}

static void
drop_sign_in (SbWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->working_id, g_source_remove);
  g_clear_object (&self->capture);
  g_clear_object (&self->saml);
  self->captured = FALSE;
  g_clear_pointer (&self->suggested_platform, g_free);
  sb_login_view_stop (self->login_view);
}

static void
drop_token (SbWindow *self)
{
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_clear_object (&self->token);
  gtk_toggle_button_set_active (self->reveal_button, FALSE);
  adw_action_row_set_subtitle (self->token_row, "");
}

static void
show_toast (SbWindow   *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A title per failure, so the page says at a glance what went wrong. */
static const char *
error_title (const GError *error)
{
  if (error->domain == SB_CAPTURE_ERROR)
    return error->code == SB_CAPTURE_ERROR_WRONG_PLATFORM ? _("Signed In to Another Platform") : _("Sign-In Not Accepted");
  if (error->domain == SB_SAML_ERROR)
    return _("Unreadable Sign-In Answer");
  if (error->domain == SB_LOGIN_VIEW_ERROR)
    switch ((SbLoginViewError)error->code)
      {
      case SB_LOGIN_VIEW_ERROR_TLS: return _("Connection Not Secure");
      case SB_LOGIN_VIEW_ERROR_CRASHED: return _("Sign-In Page Stopped");
      case SB_LOGIN_VIEW_ERROR_LOAD: return _("Sign-In Page Unavailable");
      case SB_LOGIN_VIEW_ERROR_UNCONFIRMED: return _("Sign-In Answer Not Captured");
      default: break;
      }
  if (error->domain == SB_PLATFORM_ERROR)
    switch ((SbPlatformError)error->code)
      {
      case SB_PLATFORM_ERROR_NETWORK:
      case SB_PLATFORM_ERROR_RESOLVE: return _("Platform Unreachable");
      case SB_PLATFORM_ERROR_TLS:
      case SB_PLATFORM_ERROR_INSECURE: return _("Connection Not Secure");
      case SB_PLATFORM_ERROR_TIMEOUT: return _("Platform Not Answering");
      case SB_PLATFORM_ERROR_SP_INITIATED: return _("Sign-In Started at the Platform");
      case SB_PLATFORM_ERROR_UNAUTHORIZED:
      case SB_PLATFORM_ERROR_FORBIDDEN:
      case SB_PLATFORM_ERROR_NOT_FOUND: return _("Platform Refused the Sign-In");
      default: return _("No Token Received");
      }
  return _("Sign-In Failed");
}

static void
clear_warnings (SbWindow *self)
{
  for (guint i = 0; i < self->warning_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->warning_rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->warning_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->result_warnings), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_warnings), FALSE);
}

/* What the assertion itself says may be wrong, beside the result or the error it explains. */
static void
show_warnings (SbWindow            *self,
               AdwPreferencesGroup *group,
               gboolean             on_error)
{
  g_autoptr(GPtrArray) warnings = NULL;

  clear_warnings (self);
  if (self->saml == NULL)
    return;

  warnings = sb_saml_check (self->saml, sb_profile_get_platform_url (self->profile), NULL);
  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);
      gboolean status = warning->kind == SB_SAML_WARNING_STATUS;
      GtkWidget *row;
      GtkWidget *icon;

      /* The error page already says these; a token that came anyway makes "encrypted" moot. */
      if ((on_error && (status || warning->kind == SB_SAML_WARNING_SP_INITIATED)) ||
          (!on_error && warning->kind == SB_SAML_WARNING_ENCRYPTED))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), warning->explanation);
      icon = gtk_image_new_from_icon_name (status ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, status ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->warning_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (group), self->warning_rows->len > 0);
}

static void
show_error (SbWindow     *self,
            const GError *error,
            const char   *title,
            const char   *description)
{
  g_autofree char *details = NULL;
  g_autofree char *platform_host = NULL;
  GString *text = g_string_new (NULL);

  if (self->profile != NULL)
    {
      platform_host = sb_url_display_host (sb_profile_get_platform_url (self->profile));
      g_string_append_printf (text, _("Platform: %s\n"), platform_host);
    }
  if (self->capture != NULL)
    g_string_append_printf (text, _("Sent to: %s\n"), sb_capture_get_acs_url (self->capture));
  if (self->saml != NULL && sb_saml_get_issuer (self->saml) != NULL)
    g_string_append_printf (text, _("Identity provider: %s\n"), sb_saml_get_issuer (self->saml));
  g_string_append_printf (text, _("Error: %s %d\n%s"),
                          g_quark_to_string (error->domain), error->code, error->message);
  details = g_string_free (text, FALSE);

  adw_status_page_set_title (self->error_page, title ? title : error_title (error));
  adw_status_page_set_description (self->error_page, description ? description : error->message);
  gtk_label_set_text (self->details_label, details);
  gtk_expander_set_expanded (self->details_expander, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->error_action_button), self->suggested_platform != NULL);
  if (self->suggested_platform != NULL)
    {
      g_autofree char *host = sb_url_display_host (self->suggested_platform);
      g_autofree char *label = g_strdup_printf (_("_Use %s"), host);
      gtk_button_set_label (self->error_action_button, label);
    }

  show_warnings (self, self->error_warnings, TRUE);
  set_state (self, "error");

  /* Scripts get the sentence the window shows. */
  if (description != NULL)
    {
      g_autoptr(GError) shown = g_error_new_literal (error->domain, error->code, description);
      g_signal_emit (self, signals[FAILED], 0, shown);
    }
  else
    {
      g_signal_emit (self, signals[FAILED], 0, error);
    }
}

static void
update_expiry (SbWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *at = NULL;
  g_autofree char *text = NULL;
  GDateTime *expires;
  GTimeSpan left;
  int minutes;

  if (self->token == NULL)
    return;

  expires = sb_token_get_expires_at (self->token);
  local = g_date_time_to_local (expires);
  at = g_date_time_format (local, "%H:%M");
  left = g_date_time_difference (expires, now);
  minutes = (int)((left + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE);

  gtk_widget_remove_css_class (GTK_WIDGET (self->expiry_row), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->expiry_row), "error");

  if (left <= 0)
    {
      text = g_strdup_printf (_("Expired at %s. Sign in again for a new token."), at);
      gtk_widget_add_css_class (GTK_WIDGET (self->expiry_row), "error");
      gtk_label_set_text (self->result_title, _("Token Expired"));
    }
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In about %d minute, at %s", "In about %d minutes, at %s", minutes),
                              minutes, at);
      if (minutes <= EXPIRY_WARNING_MINUTES)
        gtk_widget_add_css_class (GTK_WIDGET (self->expiry_row), "warning");
    }

  adw_action_row_set_subtitle (self->expiry_row, text);
}

static gboolean
expiry_tick_cb (gpointer user_data)
{
  update_expiry (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_token_row (SbWindow *self)
{
  const char *token;
  gboolean reveal = gtk_toggle_button_get_active (self->reveal_button);

  if (self->captured)
    token = sb_capture_get_saml_response (self->capture);
  else if (self->token != NULL)
    token = sb_token_get_access_token (self->token);
  else
    return;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal_button), reveal ? _("Hide") : _("Show"));
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button), reveal ? "view-conceal-symbolic" : "view-reveal-symbolic");

  if (reveal)
    {
      adw_action_row_set_subtitle (self->token_row, token);
      return;
    }

  adw_action_row_set_subtitle (self->token_row, "●●●●●●●●●●●●●●●●●●●●●●●●");
}

static void
update_who (SbWindow *self)
{
  g_autofree char *name = sb_token_dup_display_name (self->token);
  g_autofree char *title = NULL;
  const char *username = sb_token_get_username (self->token);
  const char *organization = sb_token_get_organization (self->token);
  g_autofree char *host = sb_url_display_host (sb_token_get_platform_url (self->token));

  if (name != NULL && *name != '\0')
    title = g_strdup_printf (_("Signed In as %s"), name);
  else
    title = g_strdup (_("Signed In"));

  gtk_label_set_text (self->result_title, title);
  adw_avatar_set_text (self->avatar, name);

  if (username != NULL && organization != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s on %s"), username, organization, host);
      gtk_label_set_text (self->result_subtitle, subtitle);
    }
  else
    {
      g_autofree char *subtitle = g_strdup_printf (_("on %s"), host);
      gtk_label_set_text (self->result_subtitle, subtitle);
    }
}

static guint
clipboard_delay (SbWindow *self)
{
  return g_settings_get_uint (self->settings, "clipboard-clear-seconds");
}

static void
copy_secret (SbWindow   *self,
             const char *text,
             const char *what)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  guint delay = clipboard_delay (self);
  g_autofree char *message = NULL;

  sb_clipboard_copy_secret (sb_clipboard_get_default (), clipboard, text, delay);

  if (delay > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s copied. It will be cleared from the clipboard in %u second.",
                                            "%s copied. It will be cleared from the clipboard in %u seconds.",
                                            delay),
                               what, delay);
  else
    message = g_strdup_printf (_("%s copied."), what);

  show_toast (self, message);
}

static void
deliver_print (SbWindow *self)
{
  g_autoptr(SbSecret) text = sb_token_format (self->token, self->format);

  sb_trace ("token-delivered");
  g_signal_emit (self, signals[DELIVERED], 0, text);
}

static void
who_am_i_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_platform_who_am_i_finish (SB_PLATFORM (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_action_row_set_subtitle (self->who_error_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->who_error_row), TRUE);
    }
  else
    {
      update_who (self);
    }

  if (self->delivery == SB_DELIVERY_PRINT && self->format == SB_TOKEN_FORMAT_JSON)
    deliver_print (self);
}

/* The result page speaks of tokens unless a capture-only profile changed it. */
static void
reset_result_page (SbWindow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("Bearer Token"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expiry_row), _("Expires"));
  gtk_button_set_label (self->copy_button, _("_Copy Token"));
  gtk_menu_button_set_menu_model (self->copy_as_button, self->copy_as_menu);
  gtk_widget_set_visible (self->check_button, TRUE);
}

static void
show_result (SbWindow *self)
{
  reset_result_page (self);
  gtk_widget_set_visible (GTK_WIDGET (self->who_error_row), FALSE);
  show_warnings (self, self->result_warnings, FALSE);
  update_who (self);
  update_token_row (self);
  update_expiry (self);
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  self->expiry_id = g_timeout_add_seconds (15, expiry_tick_cb, self);
  set_state (self, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
}

/* For capture-only profiles: the JSON of --print --format=json. */
static char *
capture_to_json (SbWindow *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "saml_response");
  json_builder_add_string_value (builder, sb_capture_get_saml_response (self->capture));
  json_builder_set_member_name (builder, "acs_url");
  json_builder_add_string_value (builder, sb_capture_get_acs_url (self->capture));
  json_builder_set_member_name (builder, "relay_state");
  json_builder_add_string_value (builder, sb_capture_get_relay_state (self->capture));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_value (builder, sb_saml_to_json (self->saml, NULL));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

static void
show_capture_result (SbWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *until = NULL;
  const char *subject = sb_saml_get_name_id (self->saml);
  GDateTime *not_on_or_after = sb_saml_get_not_on_or_after (self->saml);

  self->captured = TRUE;
  g_clear_handle_id (&self->expiry_id, g_source_remove);

  gtk_label_set_text (self->result_title, _("SAML Response Captured"));
  subtitle = g_strdup_printf (_("%s, from %s. It was not sent anywhere."),
                              subject != NULL ? subject : _("Someone"),
                              sb_saml_get_issuer (self->saml) != NULL ? sb_saml_get_issuer (self->saml) : _("an unnamed identity provider"));
  gtk_label_set_text (self->result_subtitle, subtitle);
  adw_avatar_set_text (self->avatar, subject);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("SAML Response"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expiry_row), _("Assertion Valid Until"));
  if (not_on_or_after != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (not_on_or_after);
      until = g_date_time_format (local, "%c");
    }
  adw_action_row_set_subtitle (self->expiry_row, until != NULL ? until : _("Not stated"));
  gtk_button_set_label (self->copy_button, _("_Copy Response"));
  gtk_menu_button_set_menu_model (self->copy_as_button, self->capture_copy_menu);
  gtk_widget_set_visible (self->check_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->who_error_row), FALSE);

  show_warnings (self, self->result_warnings, FALSE);
  update_token_row (self);
  set_state (self, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));

  if (self->delivery == SB_DELIVERY_PRINT)
    {
      g_autoptr(SbSecret) text = self->format == SB_TOKEN_FORMAT_JSON
                                 ? capture_to_json (self)
                                 : g_strdup (sb_capture_get_saml_response (self->capture));

      sb_trace ("token-delivered");
      g_signal_emit (self, signals[DELIVERED], 0, text);
    }
  else if (self->delivery == SB_DELIVERY_CLIPBOARD)
    {
      copy_secret (self, sb_capture_get_saml_response (self->capture), _("SAML response"));
      sb_trace ("token-delivered");
    }
}

static void
exchange_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbToken) token = NULL;

  token = sb_platform_exchange_finish (SB_PLATFORM (object), result, &error);
  sb_trace ("exchange-answered");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_handle_id (&self->working_id, g_source_remove);
  sb_login_view_stop (self->login_view);

  if (token == NULL)
    {

      if (g_error_matches (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_WRONG_PLATFORM))
        self->suggested_platform = sb_url_origin (sb_capture_get_acs_url (self->capture));

      /* The platform's own words for an SP-initiated assertion are rarely clear; ours say what to do. */
      if (self->saml != NULL && sb_saml_get_in_response_to (self->saml) != NULL &&
          error->domain == SB_PLATFORM_ERROR)
        show_error (self, error, _("Sign-In Started at the Platform"),
                    _("The platform only exchanges assertions from a sign-in started at your identity provider. "
                      "Use the IdP-initiated sign-in address of the Anypoint Platform app at your identity provider "
                      "(for example Okta’s “App Embed Link” or Entra ID’s “User access URL”), not the platform’s sign-in page."));
      else
        show_error (self, error, NULL, NULL);
      return;
    }

  g_clear_object (&self->capture);
  self->token = g_steal_pointer (&token);

  show_result (self);
  sb_platform_who_am_i_async (self->platform, self->token, self->cancellable, who_am_i_cb, g_object_ref (self));

  /* Last: printing closes the window. */
  switch (self->delivery)
    {
    case SB_DELIVERY_PRINT:
      if (self->format != SB_TOKEN_FORMAT_JSON)
        deliver_print (self);
      break;

    case SB_DELIVERY_CLIPBOARD:
      copy_secret (self, sb_token_get_access_token (self->token), _("Token"));
      sb_trace ("token-delivered");
      break;

    case SB_DELIVERY_SHOW:
    default:
      sb_trace ("token-delivered");
      break;
    }
}

static gboolean
check_assertion (SbWindow  *self,
                 GError   **error)
{
  const char *response = sb_capture_get_saml_response (self->capture);

  g_clear_object (&self->saml);
  self->saml = sb_saml_new (response, strlen (response), error);
  if (self->saml == NULL)
    {
      g_prefix_error (error, _("Nothing was sent to the platform. "));
      return FALSE;
    }

  if (!sb_saml_is_success (self->saml))
    {
      const char *message = sb_saml_get_status_message (self->saml);

      if (message != NULL)
        g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_RESPONSE,
                     _("Your identity provider did not sign you in (%s): %s"),
                     sb_saml_get_status_name (self->saml), message);
      else
        g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_RESPONSE,
                     _("Your identity provider did not sign you in (%s)."),
                     sb_saml_get_status_name (self->saml));
      return FALSE;
    }

  return TRUE;
}

static gboolean
show_working_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->working_id = 0;
  set_state (self, "working");

  return G_SOURCE_REMOVE;
}

static void
on_captured (SbLoginView *login_view,
             SbCapture   *capture,
             SbWindow    *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = sb_url_display_host (sb_profile_get_platform_url (self->profile));
  g_autofree char *title = g_strdup_printf (_("Signing In to %s…"), host);

  g_set_object (&self->capture, capture);

  if (sb_profile_get_kind (self->profile) == SB_PROFILE_KIND_CAPTURE)
    {
      const char *response = sb_capture_get_saml_response (capture);

      sb_login_view_stop (self->login_view);
      g_clear_object (&self->saml);
      self->saml = sb_saml_new (response, strlen (response), &error);
      if (self->saml == NULL)
        show_error (self, error, NULL, NULL);
      else
        show_capture_result (self);
      return;
    }

  if (!check_assertion (self, &error))
    {
      gboolean refused = self->saml != NULL;

      sb_login_view_stop (self->login_view);
      show_error (self, error, refused ? _("Identity Provider Refused the Sign-In") : NULL, NULL);
      return;
    }

  adw_status_page_set_title (self->working_page, title);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  sb_platform_exchange_async (self->platform, capture, self->cancellable, exchange_cb, g_object_ref (self));

  /* The answer usually comes within milliseconds: redrawing for a spinner first would only delay it. */
  g_clear_handle_id (&self->working_id, g_source_remove);
  self->working_id = g_timeout_add (WORKING_DELAY_MS, show_working_cb, self);
}

static void
on_login_failed (SbLoginView  *login_view,
                 const GError *error,
                 SbWindow     *self)
{
  show_error (self, error, NULL, NULL);
}

static void
update_security (SbWindow *self)
{
  const char *icon;
  const char *tooltip;

  switch (sb_login_view_get_security (self->login_view))
    {
    case SB_SECURITY_SECURE:
      icon = "channel-secure-symbolic";
      tooltip = _("The connection is secure");
      break;
    case SB_SECURITY_LOCAL:
      icon = "computer-symbolic";
      tooltip = _("This page is served by this computer");
      break;
    case SB_SECURITY_INSECURE:
      icon = "channel-insecure-symbolic";
      tooltip = _("The connection is not secure");
      break;
    case SB_SECURITY_NONE:
    default:
      icon = "content-loading-symbolic";
      tooltip = _("Loading");
      break;
    }

  gtk_image_set_from_icon_name (self->security_icon, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->security_icon), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->security_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
on_login_notify (SbLoginView *login_view,
                 GParamSpec  *pspec,
                 SbWindow    *self)
{
  gtk_label_set_text (self->host_label, sb_login_view_get_host (login_view));
  update_security (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "signin") == 0 &&
                                 sb_login_view_get_can_go_back (login_view));
}

static SbPlatform *
create_platform (SbWindow *self)
{
  SbPlatform *platform = sb_platform_new (sb_profile_get_platform_url (self->profile));

  sb_platform_set_session_minutes (platform, sb_profile_get_session_minutes (self->profile));
  sb_platform_set_timeout (platform, self->timeout ? self->timeout : g_settings_get_uint (self->settings, "request-timeout"));
  if (self->proxy_url != NULL)
    sb_platform_set_proxy (platform, self->proxy_url);
  sb_platform_set_ca_file (platform, sb_profile_get_ca_file (self->profile));

  return platform;
}

/* Preferences may have changed or deleted the saved profile since this window read it. */
static void
refresh_profile (SbWindow *self)
{
  const char *id = self->profile != NULL ? sb_profile_get_id (self->profile) : NULL;
  g_auto(GStrv) ids = NULL;

  if (id == NULL)
    return;

  ids = sb_profile_list_ids ();
  if (g_strv_contains ((const char * const *)ids, id))
    {
      g_autoptr(SbProfile) fresh = sb_profile_load (id);
      g_set_object (&self->profile, fresh);
    }
  else
    {
      g_clear_object (&self->profile);
    }
}

static void
start_sign_in (SbWindow *self)
{
  gboolean capture_only = sb_profile_get_kind (self->profile) == SB_PROFILE_KIND_CAPTURE;
  g_autofree char *host = sb_url_display_host (capture_only ? sb_profile_get_acs_url (self->profile)
                                                            : sb_profile_get_platform_url (self->profile));

  drop_sign_in (self);
  drop_token (self);

  adw_window_title_set_subtitle (self->window_title, host);
  g_clear_object (&self->platform);

  /* The connection is warm by the time the user has signed in: the exchange is one round trip. */
  if (!capture_only)
    {
      self->platform = create_platform (self);
      sb_platform_preconnect (self->platform);
    }

  set_state (self, "signin");
  sb_login_view_set_proxy (self->login_view, self->proxy_url);
  sb_login_view_start (self->login_view, self->profile);
  gtk_widget_grab_focus (GTK_WIDGET (self->login_view));
}

static void
on_platform_selected (SbWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->platform_row);
  gboolean other = selected == PLATFORM_OTHER;
  g_autofree char *host = other ? NULL : sb_url_display_host (platform_urls[selected]);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_platform_row), other);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->platform_row), host);
}

static void
fill_setup (SbWindow *self)
{
  const char *platform_url = self->profile != NULL ? sb_profile_get_platform_url (self->profile) : platform_urls[0];
  guint selected = PLATFORM_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (platform_urls); i++)
    if (g_strcmp0 (platform_url, platform_urls[i]) == 0)
      selected = i;

  adw_combo_row_set_selected (self->platform_row, selected);
  on_platform_selected (self);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_platform_row), selected == PLATFORM_OTHER ? platform_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->idp_row), self->profile != NULL ? sb_profile_get_idp_url (self->profile) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error_label), FALSE);
}

static void
show_setup (SbWindow *self)
{
  drop_sign_in (self);
  fill_setup (self);
  set_state (self, "setup");
  gtk_widget_grab_focus (GTK_WIDGET (self->idp_row));
}


static void
mark_row (GtkWidget *row,
          gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static char *
setup_platform_url (SbWindow  *self,
                    GError   **error)
{
  guint selected = adw_combo_row_get_selected (self->platform_row);

  if (selected < G_N_ELEMENTS (platform_urls))
    return g_strdup (platform_urls[selected]);

  return sb_profile_normalize_platform_url (gtk_editable_get_text (GTK_EDITABLE (self->custom_platform_row)), error);
}

static gboolean
validate_setup (SbWindow  *self,
                char     **platform_url,
                char     **idp_url)
{
  g_autoptr(GError) platform_error = NULL;
  g_autoptr(GError) idp_error = NULL;
  g_autofree char *message = NULL;

  *platform_url = setup_platform_url (self, &platform_error);
  *idp_url = sb_profile_normalize_idp_url (gtk_editable_get_text (GTK_EDITABLE (self->idp_row)), &idp_error);

  mark_row (GTK_WIDGET (self->custom_platform_row), platform_error != NULL);
  mark_row (GTK_WIDGET (self->idp_row), idp_error != NULL);

  if (platform_error != NULL)
    message = g_strdup_printf (_("Platform address: %s"), platform_error->message);
  else if (idp_error != NULL)
    message = g_strdup_printf (_("Sign-in address: %s"), idp_error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->setup_error_label), message != NULL);
  gtk_label_set_text (self->setup_error_label, message ? message : "");

  return message == NULL;
}

static void
on_setup_changed (SbWindow *self)
{
  g_autofree char *platform_url = NULL;
  g_autofree char *idp_url = NULL;

  /* Judge only once the user has typed something, so the empty form is not shouting. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->idp_row)) == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->setup_error_label), FALSE);
      mark_row (GTK_WIDGET (self->idp_row), FALSE);
      return;
    }

  validate_setup (self, &platform_url, &idp_url);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *platform_url = NULL;
  g_autofree char *idp_url = NULL;
  g_autofree char *name = NULL;

  /* The setup button is the window's default widget: Enter elsewhere must not reach it. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "setup") != 0)
    return;

  if (!validate_setup (self, &platform_url, &idp_url))
    {
      GtkWidget *bad = gtk_widget_has_css_class (GTK_WIDGET (self->idp_row), "error")
                       ? GTK_WIDGET (self->idp_row) : GTK_WIDGET (self->custom_platform_row);
      gtk_widget_grab_focus (bad);
      return;
    }

  refresh_profile (self);
  if (self->profile == NULL)
    self->profile = sb_profile_new (NULL);

  name = sb_url_display_host (platform_url);
  if (*sb_profile_get_name (self->profile) == '\0')
    sb_profile_set_name (self->profile, name);
  sb_profile_set_platform_url (self->profile, platform_url);
  sb_profile_set_idp_url (self->profile, idp_url);
  sb_profile_save (self->profile);
  g_settings_set_string (self->settings, "last-profile", sb_profile_get_id (self->profile));

  start_sign_in (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sb_window_begin (SB_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 _("You cancelled the sign-in."));

  drop_sign_in (self);
  show_error (self, error, _("Sign-In Cancelled"), _("The token was not requested. Sign in again when you are ready."));
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

  if (self->captured)
    copy_secret (self, sb_capture_get_saml_response (self->capture), _("SAML response"));
  else if (self->token != NULL)
    copy_secret (self, sb_token_get_access_token (self->token), _("Token"));
}

static void
copy_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(SbSecret) text = NULL;
  SbTokenFormat format;
  const char *what;

  if (self->captured)
    {
      if (g_strcmp0 (name, "xml") == 0)
        copy_secret (self, sb_saml_get_xml (self->saml), _("SAML response XML"));
      else
        copy_secret (self, sb_capture_get_saml_response (self->capture), _("SAML response"));
      return;
    }

  if (self->token == NULL || !sb_token_format_from_string (name, &format))
    return;

  switch (format)
    {
    case SB_TOKEN_FORMAT_HEADER: what = _("Authorization header"); break;
    case SB_TOKEN_FORMAT_CURL: what = _("curl command"); break;
    case SB_TOKEN_FORMAT_CLI: what = _("Anypoint CLI command"); break;
    case SB_TOKEN_FORMAT_JSON: what = _("Token details"); break;
    case SB_TOKEN_FORMAT_RAW:
    default: what = _("Token"); break;
    }

  text = sb_token_format (self->token, format);
  copy_secret (self, text, what);
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
      show_toast (self, _("The platform still accepts this token."));
      update_who (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED))
    message = g_strdup (_("The platform no longer accepts this token. Sign in again for a new one."));
  else
    message = g_strdup_printf (_("Could not check the token: %s"), error->message);
  show_toast (self, message);
}

static void
check_token_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->token == NULL)
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  sb_platform_who_am_i_async (self->platform, self->token, self->cancellable, check_token_cb, g_object_ref (self));
}

static void
switch_platform_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *platform = g_steal_pointer (&self->suggested_platform);

  refresh_profile (self);
  if (platform == NULL || self->profile == NULL)
    return;

  sb_profile_set_platform_url (self->profile, platform);
  if (sb_profile_get_id (self->profile) != NULL)
    sb_profile_save (self->profile);
  start_sign_in (self);
}

static void
show_assertion_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->saml != NULL)
    gtk_window_present (sb_assertion_window_new (GTK_WINDOW (self), self->saml,
                                                 sb_profile_get_platform_url (self->profile)));
}

static void
new_profile_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  drop_token (self);
  g_clear_object (&self->profile);
  show_setup (self);
}

static void
switch_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(SbProfile) profile = sb_profile_load (g_variant_get_string (parameter, NULL));

  g_settings_set_string (self->settings, "last-profile", sb_profile_get_id (profile));
  sb_window_set_profile (self, profile);
  sb_window_begin (self);
}

static void
rebuild_profile_menu (SbWindow *self)
{
  g_auto(GStrv) ids = sb_profile_list_ids ();

  g_menu_remove_all (self->profile_section);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(SbProfile) profile = sb_profile_load (ids[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (sb_profile_get_name (profile), NULL);

      g_menu_item_set_action_and_target (item, "win.switch-profile", "s", ids[i]);
      g_menu_append_item (self->profile_section, item);
    }
}

static void
on_reveal_toggled (SbWindow *self)
{
  update_token_row (self);
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  drop_sign_in (self);
  drop_token (self);

  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  if (self->login_view != NULL)
    g_signal_handlers_disconnect_by_data (self->login_view, self);
  drop_sign_in (self);
  drop_token (self);
  g_clear_object (&self->platform);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->proxy_url, g_free);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  window_class->close_request = sb_window_close_request;

  signals[DELIVERED] =
    g_signal_new ("delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (SB_TYPE_LOGIN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, security_icon);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, host_label);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, profile_section);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, platform_row);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, custom_platform_row);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, idp_row);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, setup_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, login_view);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, working_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, working_spinner);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, avatar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, result_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, result_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, copy_as_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, copy_as_menu);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, capture_copy_menu);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, who_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, error_action_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, details_expander);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, error_assertion_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, result_warnings);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, error_warnings);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, details_label);

  gtk_widget_class_install_action (widget_class, "win.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-as", "s", copy_as_action);
  gtk_widget_class_install_action (widget_class, "win.check-token", NULL, check_token_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.switch-platform", NULL, switch_platform_action);
  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, new_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-assertion", NULL, show_assertion_action);
  gtk_widget_class_install_action (widget_class, "win.switch-profile", "s", switch_profile_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->delivery = SB_DELIVERY_CLIPBOARD;
  self->warning_rows = g_ptr_array_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self->result_subtitle), FALSE);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->login_view, "captured", G_CALLBACK (on_captured), self, 0);
  g_signal_connect_object (self->login_view, "failed", G_CALLBACK (on_login_failed), self, 0);
  g_signal_connect_object (self->login_view, "notify", G_CALLBACK (on_login_notify), self, 0);
  g_signal_connect_swapped (self->platform_row, "notify::selected", G_CALLBACK (on_platform_selected), self);
  g_signal_connect_swapped (self->platform_row, "notify::selected", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->custom_platform_row, "changed", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->idp_row, "changed", G_CALLBACK (on_setup_changed), self);
  g_signal_connect_swapped (self->reveal_button, "toggled", G_CALLBACK (on_reveal_toggled), self);
  g_signal_connect_object (self->settings, "changed::profiles", G_CALLBACK (rebuild_profile_menu), self, G_CONNECT_SWAPPED);

  rebuild_profile_menu (self);
  set_state (self, "setup");
}

SbWindow *
sb_window_new (GtkApplication *application,
               SbProfile      *profile)
{
  SbWindow *self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);

  sb_window_set_profile (self, profile);

  return self;
}

void
sb_window_set_delivery (SbWindow      *self,
                        SbDelivery     delivery,
                        SbTokenFormat  format)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->delivery = delivery;
  self->format = format;
}

void
sb_window_set_timeout (SbWindow *self,
                       guint     seconds)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->timeout = seconds;
}

void
sb_window_set_proxy (SbWindow   *self,
                     const char *proxy_url)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  g_free (self->proxy_url);
  self->proxy_url = g_strdup (proxy_url);
}

void
sb_window_set_profile (SbWindow  *self,
                       SbProfile *profile)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (!profile || SB_IS_PROFILE (profile));

  drop_sign_in (self);
  drop_token (self);
  g_set_object (&self->profile, profile);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_button),
                               profile != NULL && *sb_profile_get_name (profile) != '\0'
                               ? sb_profile_get_name (profile) : _("Switch Profile"));
}

/* Sign in with the profile if it is complete, or ask for what is missing. */
void
sb_window_begin (SbWindow *self)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  refresh_profile (self);

  if (self->profile != NULL && sb_profile_is_complete (self->profile))
    start_sign_in (self);
  else
    show_setup (self);
}
