#define G_LOG_DOMAIN "sb-result-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-result-page.h"
#include "sb-combo-row-items.h"
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
  AdwActionRow    *keyring_row;
  AdwActionRow    *organization_row;
  AdwComboRow     *group_row;
  GtkWidget       *renew_button;
  GtkWidget       *again_button;
  GtkWidget       *assertion_button;
  GtkButton       *copy_button;
  GtkMenuButton   *copy_as_button;
  GtkWidget       *check_button;
  GMenuModel      *copy_as_menu;
  GMenuModel      *capture_copy_menu;

  /* What is shown: a token, or for capture-only profiles the captured response. */
  SbToken         *token;
  SbCapture       *capture;
  guint            expiry_id;

  /* The profile a business group is picked for, the groups offered, and what the
   * window said of the keyring and of the renewal. */
  SbProfile       *profile;
  GPtrArray       *groups;
  gboolean         filling;
  gboolean         kept;
  char            *not_kept;
  char            *renewal;
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
      /* The platform does not say: it is the sign-in time plus the profile's session length. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In about %d minute, at %s (estimated)",
                                           "In about %d minutes, at %s (estimated)", minutes),
                              minutes, at);
      set_expiry_style (self, minutes <= EXPIRY_WARNING_MINUTES ? "warning" : NULL);
    }

  if (self->renewal != NULL)
    {
      g_autofree char *line = g_steal_pointer (&text);

      text = g_strconcat (line, "\n", self->renewal, NULL);
    }

  adw_action_row_set_subtitle (self->expiry_row, text);
}

/* Where the token is kept: reused from the keyring (and since when), kept there, or why not. */
static void
update_keyring (SbResultPage *self)
{
  g_autofree char *subtitle = NULL;
  const char *title = NULL;

  if (self->token != NULL && self->kept && sb_token_get_cached (self->token))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan ago = g_date_time_difference (now, sb_token_get_obtained_at (self->token));
      int minutes = (int) MAX (ago / G_TIME_SPAN_MINUTE, 0);

      title = _("Reused from the Keyring");
      if (minutes == 0)
        subtitle = g_strdup (_("Signed in less than a minute ago"));
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Signed in %d minute ago", "Signed in %d minutes ago", minutes),
                                    minutes);
    }
  else if (self->token != NULL && self->kept)
    {
      title = _("Kept in the Keyring");
      subtitle = g_strdup (_("The next sign-in reuses it while it is valid, on the command line too"));
    }
  else if (self->token != NULL && self->not_kept != NULL)
    {
      title = _("Not Kept in the Keyring");
      subtitle = g_strdup (self->not_kept);
    }

  if (title != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keyring_row), title);
      adw_action_row_set_subtitle (self->keyring_row, subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), title != NULL);
}

static gboolean
expiry_tick_cb (gpointer user_data)
{
  update_expiry (user_data);
  update_keyring (user_data);
  return G_SOURCE_CONTINUE;
}

/* The organization, or with business groups the one "Copy As" and the profile's tokens use. */
static void
update_groups (SbResultPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *selected_id = sb_token_get_organization_id (self->token);
  guint selected = 0;

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = sb_token_dup_business_groups (self->token);

  for (guint i = 0; i < self->groups->len; i++)
    {
      SbBusinessGroup *group = g_ptr_array_index (self->groups, i);

      gtk_string_list_append (names, group->name);
      if (g_strcmp0 (group->id, selected_id) == 0)
        selected = i;
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->group_row, self->groups->len > 1 ? G_LIST_MODEL (names) : NULL);
  if (self->groups->len > 1)
    adw_combo_row_set_selected (self->group_row, selected);
  self->filling = FALSE;

  if (self->groups->len == 1)
    adw_action_row_set_subtitle (self->organization_row,
                                 ((SbBusinessGroup *) g_ptr_array_index (self->groups, 0))->name);
  gtk_widget_set_visible (GTK_WIDGET (self->organization_row), self->groups->len == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->group_row), self->groups->len > 1);
}

/* A business group picked applies to the token shown and, saved with the profile, to its next ones. */
static void
on_group_selected (SbResultPage *self)
{
  guint selected = adw_combo_row_get_selected (self->group_row);
  SbBusinessGroup *group;

  if (self->filling || self->token == NULL || self->groups == NULL || selected >= self->groups->len)
    return;

  group = g_ptr_array_index (self->groups, selected);
  if (!sb_token_select_organization (self->token, group->id, NULL))
    return;

  if (self->profile != NULL)
    sb_profile_set_organization_id (self->profile, group->is_root ? "" : group->id);
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
  update_groups (self);
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
  gtk_widget_set_visible (self->renew_button, !capture);
  gtk_widget_set_visible (self->again_button, capture);
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
  g_clear_pointer (&self->groups, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, organization_row);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, group_row);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, renew_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, again_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, assertion_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, copy_as_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, copy_as_menu);
  gtk_widget_class_bind_template_child (widget_class, SbResultPage, capture_copy_menu);
  gtk_widget_class_bind_template_callback (widget_class, update_token_row);
  gtk_widget_class_bind_template_callback (widget_class, on_group_selected);
}

static void
sb_result_page_init (SbResultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sb_combo_row_wrap_items (self->group_row);
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
  self->profile = g_object_ref (sb_sign_in_get_profile (sign_in));

  if (sb_sign_in_get_token (sign_in) != NULL)
    show_token (self, sb_sign_in_get_token (sign_in));
  else
    show_capture (self, sb_sign_in_get_capture (sign_in), sb_sign_in_get_saml (sign_in));

  /* A token reused from the keyring came with no assertion. */
  gtk_widget_set_visible (self->assertion_button, sb_sign_in_get_saml (sign_in) != NULL);

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
  g_clear_object (&self->profile);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->not_kept, g_free);
  g_clear_pointer (&self->renewal, g_free);
  self->kept = FALSE;
  self->filling = TRUE;
  adw_combo_row_set_model (self->group_row, NULL);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->organization_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->group_row), FALSE);
  gtk_toggle_button_set_active (self->reveal_button, FALSE);
  update_token_row (self);
}

/* Whether the token was kept in the keyring (reused from it, if it came from there), or
 * why not; neither hides the row. */
void
sb_result_page_show_keyring (SbResultPage *self,
                             gboolean      kept,
                             const char   *why_not)
{
  g_return_if_fail (SB_IS_RESULT_PAGE (self));

  self->kept = kept;
  g_free (self->not_kept);
  self->not_kept = g_strdup (why_not);
  update_keyring (self);
}

/* What happens before the token expires (it is renewed, or being renewed, or could not
 * be), under its expiry; NULL says nothing. */
void
sb_result_page_set_renewal (SbResultPage *self,
                            const char   *note)
{
  g_return_if_fail (SB_IS_RESULT_PAGE (self));

  if (g_strcmp0 (self->renewal, note) == 0)
    return;

  g_free (self->renewal);
  self->renewal = g_strdup (note);
  if (self->token != NULL)
    update_expiry (self);
}
