#define G_LOG_DOMAIN "sb-result-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-result-page.h"
#include "sb-url.h"
#include "sb-warning-list.h"

#define EXPIRY_WARNING_MINUTES 5
#define EXPIRY_TICK_SECONDS 15

struct _SbResultPage
{
  AdwBin           parent_instance;

  AdwAvatar       *avatar;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  SbWarningList   *warnings;
  AdwActionRow    *token_row;
  GtkToggleButton *reveal_button;
  AdwActionRow    *expiry_row;
  AdwActionRow    *who_error_row;
  GtkButton       *copy_button;
  GtkMenuButton   *copy_as_button;
  GtkWidget       *check_button;
  GMenuModel      *copy_as_menu;
  GMenuModel      *capture_copy_menu;

  /* What is shown: a token, or for capture-only profiles the captured response. */
  SbToken         *token;
  SbCapture       *capture;
  guint            expiry_id;
};

G_DEFINE_FINAL_TYPE (SbResultPage, sb_result_page, ADW_TYPE_BIN)

static void
update_token_row (SbResultPage *self)
{
  gboolean reveal = gtk_toggle_button_get_active (self->reveal_button);
  const char *secret = NULL;

  if (self->capture != NULL)
    secret = sb_capture_get_saml_response (self->capture);
  else if (self->token != NULL)
    secret = sb_token_get_access_token (self->token);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal_button), reveal ? _("Hide") : _("Show"));
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button), reveal ? "view-conceal-symbolic" : "view-reveal-symbolic");

  if (secret == NULL)
    adw_action_row_set_subtitle (self->token_row, "");
  else if (reveal)
    adw_action_row_set_subtitle (self->token_row, secret);
  else
    adw_action_row_set_subtitle (self->token_row, "●●●●●●●●●●●●●●●●●●●●●●●●");
}

static void
set_expiry_style (SbResultPage *self,
                  const char   *style)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->expiry_row), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->expiry_row), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->expiry_row), style);
}

static void
update_expiry (SbResultPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *at = NULL;
  g_autofree char *text = NULL;
  GDateTime *expires = sb_token_get_expires_at (self->token);
  GTimeSpan left = g_date_time_difference (expires, now);
  int minutes = (int) ((left + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE);

  local = g_date_time_to_local (expires);
  at = g_date_time_format (local, "%H:%M");

  if (left <= 0)
    {
      text = g_strdup_printf (_("Expired at %s. Sign in again for a new token."), at);
      set_expiry_style (self, "error");
      gtk_label_set_text (self->title_label, _("Token Expired"));
    }
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In about %d minute, at %s", "In about %d minutes, at %s", minutes),
                              minutes, at);
      set_expiry_style (self, minutes <= EXPIRY_WARNING_MINUTES ? "warning" : NULL);
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
update_who (SbResultPage *self)
{
  g_autofree char *name = sb_token_dup_display_name (self->token);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *username = sb_token_get_username (self->token);
  const char *organization = sb_token_get_organization (self->token);
  g_autofree char *host = sb_url_display_host (sb_token_get_platform_url (self->token));

  if (name != NULL && *name != '\0')
    title = g_strdup_printf (_("Signed In as %s"), name);
  else
    title = g_strdup (_("Signed In"));

  if (username != NULL && organization != NULL)
    subtitle = g_strdup_printf (_("%s · %s on %s"), username, organization, host);
  else
    subtitle = g_strdup_printf (_("on %s"), host);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  adw_avatar_set_text (self->avatar, name);
}

/* The page speaks of tokens, or of the response for capture-only profiles. */
static void
set_kind (SbResultPage *self,
          gboolean      capture)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), capture ? _("SAML Response") : _("Bearer Token"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expiry_row), capture ? _("Assertion Valid Until") : _("Expires"));
  gtk_button_set_label (self->copy_button, capture ? _("_Copy Response") : _("_Copy Token"));
  gtk_menu_button_set_menu_model (self->copy_as_button, capture ? self->capture_copy_menu : self->copy_as_menu);
  gtk_widget_set_visible (self->check_button, !capture);
  gtk_widget_set_visible (GTK_WIDGET (self->who_error_row), FALSE);
  set_expiry_style (self, NULL);
}

static void
show_token (SbResultPage *self,
            SbToken      *token)
{
  self->token = g_object_ref (token);
  set_kind (self, FALSE);
  update_who (self);
  update_expiry (self);
  self->expiry_id = g_timeout_add_seconds (EXPIRY_TICK_SECONDS, expiry_tick_cb, self);
}

static void
show_capture (SbResultPage *self,
              SbCapture    *capture,
              SbSaml       *saml)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *until = NULL;
  const char *subject = sb_saml_get_name_id (saml);
  const char *issuer = sb_saml_get_issuer (saml);
  GDateTime *not_on_or_after = sb_saml_get_not_on_or_after (saml);

  self->capture = g_object_ref (capture);
  set_kind (self, TRUE);

  subtitle = g_strdup_printf (_("%s, from %s. It was not sent anywhere."),
                              subject != NULL ? subject : _("Someone"),
                              issuer != NULL ? issuer : _("an unnamed identity provider"));
  gtk_label_set_text (self->title_label, _("SAML Response Captured"));
  gtk_label_set_text (self->subtitle_label, subtitle);
  adw_avatar_set_text (self->avatar, subject);

  if (not_on_or_after != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (not_on_or_after);
      until = g_date_time_format (local, "%c");
    }
  adw_action_row_set_subtitle (self->expiry_row, until != NULL ? until : _("Not stated"));
}

static gboolean
sb_result_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SB_RESULT_PAGE (widget)->copy_button));
}

/* Tab comes into the page at its first widget: GTK would enter through
 * grab_focus(), which starts at the Copy button, and skip what is above it. */
static gboolean
sb_result_page_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  return gtk_widget_child_focus (adw_bin_get_child (ADW_BIN (widget)), direction);
}

static void
sb_result_page_dispose (GObject *object)
{
  SbResultPage *self = SB_RESULT_PAGE (object);

  if (self->reveal_button != NULL)
    sb_result_page_clear (self);
  /* The child is AdwBin's: let it go before the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_RESULT_PAGE);

  G_OBJECT_CLASS (sb_result_page_parent_class)->dispose (object);
}

static void
sb_result_page_class_init (SbResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_result_page_dispose;
  widget_class->grab_focus = sb_result_page_grab_focus;
  widget_class->focus = sb_result_page_focus;

  g_type_ensure (SB_TYPE_WARNING_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, warnings);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, who_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, copy_as_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, copy_as_menu);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, capture_copy_menu);
  gtk_widget_class_bind_template_callback (widget_class, update_token_row);
}

static void
sb_result_page_init (SbResultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Shows the token @sign_in obtained (who it belongs to follows with
 * sb_result_page_show_who()), or the response a capture-only profile captured. */
void
sb_result_page_show (SbResultPage *self,
                     SbSignIn     *sign_in)
{
  g_autoptr(GPtrArray) warnings = NULL;

  g_return_if_fail (SB_IS_RESULT_PAGE (self));
  g_return_if_fail (SB_IS_SIGN_IN (sign_in));

  sb_result_page_clear (self);

  if (sb_sign_in_get_token (sign_in) != NULL)
    show_token (self, sb_sign_in_get_token (sign_in));
  else
    show_capture (self, sb_sign_in_get_capture (sign_in), sb_sign_in_get_saml (sign_in));

  warnings = sb_sign_in_dup_warnings (sign_in);
  sb_warning_list_show (self->warnings, warnings, FALSE);
  update_token_row (self);
}

/* Who the token belongs to, as the platform said, or why it could not say. */
void
sb_result_page_show_who (SbResultPage *self,
                         const GError *who_error)
{
  g_return_if_fail (SB_IS_RESULT_PAGE (self));

  if (self->token == NULL)
    return;

  if (who_error != NULL)
    adw_action_row_set_subtitle (self->who_error_row, who_error->message);
  else
    update_who (self);
  gtk_widget_set_visible (GTK_WIDGET (self->who_error_row), who_error != NULL);
}

/* Forgets what was shown, so no secret stays in the page. */
void
sb_result_page_clear (SbResultPage *self)
{
  g_return_if_fail (SB_IS_RESULT_PAGE (self));

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  g_clear_object (&self->token);
  g_clear_object (&self->capture);
  gtk_toggle_button_set_active (self->reveal_button, FALSE);
  update_token_row (self);
}
