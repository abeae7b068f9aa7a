#define G_LOG_DOMAIN "sb-error-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-error-page.h"
#include "sb-url.h"
#include "sb-warning-list.h"

#include <string.h>

struct _SbErrorPage
{
  AdwBin          parent_instance;

  AdwStatusPage  *status_page;
  GtkBox         *actions_box;
  GtkButton      *retry_button;
  GtkButton      *platform_button;
  GtkWidget      *address_button;
  GtkWidget      *preferences_button;
  GtkWidget      *assertion_button;
  SbWarningList  *warnings;
  GtkExpander    *details_expander;
  GtkLabel       *details_label;

  GtkWidget      *primary;
};

/* The ways on from a failure, besides trying again. */
typedef enum {
  REMEDY_NONE        = 0,
  REMEDY_ADDRESS     = 1 << 0,
  REMEDY_PREFERENCES = 1 << 1,
} Remedies;

G_DEFINE_FINAL_TYPE (SbErrorPage, sb_error_page, ADW_TYPE_BIN)

/* A title per failure, so the page says at a glance what went wrong. */
static const char *
title_of (const GError *error)
{
  switch ((SbSignInError) error->code)
    {
    case SB_SIGN_IN_ERROR_CANCELLED: return _("Sign-In Cancelled");
    case SB_SIGN_IN_ERROR_PAGE_UNAVAILABLE: return _("Sign-In Page Unavailable");
    case SB_SIGN_IN_ERROR_PAGE_STOPPED: return _("Sign-In Page Stopped");
    case SB_SIGN_IN_ERROR_NOT_CAPTURED: return _("Sign-In Answer Not Captured");
    case SB_SIGN_IN_ERROR_NOT_SECURE: return _("Connection Not Secure");
    case SB_SIGN_IN_ERROR_WRONG_PLATFORM: return _("Signed In to Another Platform");
    case SB_SIGN_IN_ERROR_NOT_ACCEPTED: return _("Sign-In Not Accepted");
    case SB_SIGN_IN_ERROR_UNREADABLE: return _("Unreadable Sign-In Answer");
    case SB_SIGN_IN_ERROR_IDP_REFUSED: return _("Identity Provider Refused the Sign-In");
    case SB_SIGN_IN_ERROR_SP_INITIATED: return _("Sign-In Started at the Platform");
    case SB_SIGN_IN_ERROR_UNREACHABLE: return _("Platform Unreachable");
    case SB_SIGN_IN_ERROR_NOT_ANSWERING: return _("Platform Not Answering");
    case SB_SIGN_IN_ERROR_REFUSED: return _("Platform Refused the Sign-In");
    case SB_SIGN_IN_ERROR_NO_TOKEN: return _("No Token Received");
    case SB_SIGN_IN_ERROR_FAILED:
    default: return _("Sign-In Failed");
    }
}

/* What the user can change to get past @code: the sign-in address for a page that is
 * not the IdP-initiated one, the preferences (proxy, certificate authority, the
 * profile's sign-in data) for a connection or an address the profile holds to. */
static Remedies
remedies_of (SbSignInError code)
{
  switch (code)
    {
    case SB_SIGN_IN_ERROR_PAGE_UNAVAILABLE: return REMEDY_ADDRESS | REMEDY_PREFERENCES;
    case SB_SIGN_IN_ERROR_NOT_CAPTURED: return REMEDY_ADDRESS;
    case SB_SIGN_IN_ERROR_NOT_SECURE: return REMEDY_PREFERENCES;
    case SB_SIGN_IN_ERROR_WRONG_PLATFORM: return REMEDY_ADDRESS;
    case SB_SIGN_IN_ERROR_NOT_ACCEPTED: return REMEDY_ADDRESS | REMEDY_PREFERENCES;
    case SB_SIGN_IN_ERROR_SP_INITIATED: return REMEDY_ADDRESS;
    case SB_SIGN_IN_ERROR_UNREACHABLE: return REMEDY_PREFERENCES;
    case SB_SIGN_IN_ERROR_NOT_ANSWERING: return REMEDY_PREFERENCES;
    case SB_SIGN_IN_ERROR_CANCELLED:
    case SB_SIGN_IN_ERROR_PAGE_STOPPED:
    case SB_SIGN_IN_ERROR_UNREADABLE:
    case SB_SIGN_IN_ERROR_IDP_REFUSED:
    case SB_SIGN_IN_ERROR_REFUSED:
    case SB_SIGN_IN_ERROR_NO_TOKEN:
    case SB_SIGN_IN_ERROR_FAILED:
    default: return REMEDY_NONE;
    }
}

/* The HTTP status the platform answered with, when @error is one: its code says, or its
 * message quotes it as "(HTTP 502)"; 0 when neither does. */
static guint
http_status_of (const GError *error)
{
  const char *found;
  guint64 status;
  char *end;

  if (error->domain != SB_PLATFORM_ERROR)
    return 0;

  switch ((SbPlatformError) error->code)
    {
    case SB_PLATFORM_ERROR_UNAUTHORIZED: return 401;
    case SB_PLATFORM_ERROR_FORBIDDEN: return 403;
    case SB_PLATFORM_ERROR_NOT_FOUND: return 404;
    case SB_PLATFORM_ERROR_SERVER:
    case SB_PLATFORM_ERROR_HTTP:
    case SB_PLATFORM_ERROR_SP_INITIATED:
      break;
    default:
      return 0;
    }

  found = strstr (error->message, "(HTTP ");
  if (found == NULL)
    return 0;

  status = g_ascii_strtoull (found + strlen ("(HTTP "), &end, 10);
  if (end != found + strlen ("(HTTP 000") || status < 100 || status > 599)
    return 0;

  return status;
}

static char *
dup_details (SbSignIn *sign_in)
{
  const GError *cause = sb_sign_in_get_cause (sign_in) ? sb_sign_in_get_cause (sign_in) : sb_sign_in_get_error (sign_in);
  SbProfile *profile = sb_sign_in_get_profile (sign_in);
  SbCapture *capture = sb_sign_in_get_capture (sign_in);
  SbSaml *saml = sb_sign_in_get_saml (sign_in);
  const char *platform_url = sb_profile_get_platform_url (profile);
  GString *text = g_string_new (NULL);
  guint status = http_status_of (cause);

  if (!sb_sign_in_is_capture_only (sign_in) && platform_url != NULL && *platform_url != '\0')
    {
      g_autofree char *platform_host = sb_url_display_host (platform_url);
      g_string_append_printf (text, _("Platform: %s\n"), platform_host);
    }
  if (capture == NULL)
    {
      g_autofree char *idp_host = sb_url_display_host (sb_profile_get_idp_url (profile));
      g_string_append_printf (text, _("Sign-in page: %s\n"), idp_host);
    }
  else
    g_string_append_printf (text, _("Sent to: %s\n"), sb_capture_get_acs_url (capture));
  if (saml != NULL && sb_saml_get_issuer (saml) != NULL)
    g_string_append_printf (text, _("Identity provider: %s\n"), sb_saml_get_issuer (saml));
  if (status != 0)
    g_string_append_printf (text, _("HTTP status: %u\n"), status);
  g_string_append_printf (text, _("What happened: %s"), cause->message);

  return g_string_free (text, FALSE);
}

static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
show_platform_button (SbErrorPage *self,
                      const char  *platform_url)
{
  g_autofree char *host = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->platform_button), platform_url != NULL);
  if (platform_url == NULL)
    return;

  /* The label has a mnemonic: the host's underscores are doubled to show as themselves. */
  host = sb_url_display_host (platform_url);
  escaped = escape_underscores (host);
  label = g_strdup_printf (_("_Use %s"), escaped);
  gtk_button_set_label (self->platform_button, label);
}

/* The remedy leads, in the accent colour; trying again the same way follows it. */
static void
set_primary (SbErrorPage *self,
             GtkWidget   *primary)
{
  GtkWidget *order[] = {
    GTK_WIDGET (self->retry_button), GTK_WIDGET (self->platform_button),
    self->address_button, self->preferences_button,
  };
  GtkWidget *previous;

  if (self->primary != NULL)
    gtk_widget_remove_css_class (self->primary, "suggested-action");

  self->primary = primary;
  gtk_widget_add_css_class (primary, "suggested-action");

  gtk_box_reorder_child_after (self->actions_box, primary, NULL);
  previous = primary;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] != primary)
      {
        gtk_box_reorder_child_after (self->actions_box, order[i], previous);
        previous = order[i];
      }
}

static gboolean
sb_error_page_grab_focus (GtkWidget *widget)
{
  SbErrorPage *self = SB_ERROR_PAGE (widget);

  return gtk_widget_grab_focus (self->primary != NULL ? self->primary : GTK_WIDGET (self->retry_button));
}

/* Tab goes through the page in order, not through grab_focus() (see SbSetupPage). */
static gboolean
sb_error_page_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  return gtk_widget_child_focus (adw_bin_get_child (ADW_BIN (widget)), direction);
}

static void
sb_error_page_dispose (GObject *object)
{
  /* The child is AdwBin's: let it go before the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_ERROR_PAGE);

  G_OBJECT_CLASS (sb_error_page_parent_class)->dispose (object);
}

static void
sb_error_page_class_init (SbErrorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_error_page_dispose;
  widget_class->grab_focus = sb_error_page_grab_focus;
  widget_class->focus = sb_error_page_focus;

  g_type_ensure (SB_TYPE_WARNING_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-error-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, platform_button);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, address_button);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, assertion_button);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, warnings);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, details_expander);
  gtk_widget_class_bind_template_child (widget_class, SbErrorPage, details_label);
}

static void
sb_error_page_init (SbErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_primary (self, GTK_WIDGET (self->retry_button));
}

/* Shows why @sign_in failed, what the assertion says, and the ways to go on. */
void
sb_error_page_show (SbErrorPage *self,
                    SbSignIn    *sign_in)
{
  const GError *error;
  const char *suggested_platform;
  Remedies remedies;
  g_autofree char *description = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  g_return_if_fail (SB_IS_ERROR_PAGE (self));
  g_return_if_fail (SB_IS_SIGN_IN (sign_in));
  g_return_if_fail (sb_sign_in_get_error (sign_in) != NULL);

  error = sb_sign_in_get_error (sign_in);
  suggested_platform = sb_sign_in_get_suggested_platform (sign_in);
  remedies = remedies_of (error->code);
  /* The description is markup, and the message quotes the IdP, the platform or a page. */
  description = g_markup_escape_text (error->message, -1);
  details = dup_details (sign_in);
  warnings = sb_sign_in_dup_warnings (sign_in);

  adw_status_page_set_title (self->status_page, title_of (error));
  adw_status_page_set_description (self->status_page, description);
  gtk_label_set_text (self->details_label, details);
  gtk_expander_set_expanded (self->details_expander, FALSE);
  gtk_button_set_label (self->retry_button, error->code == SB_SIGN_IN_ERROR_CANCELLED ? _("_Sign In Again") : _("_Try Again"));
  show_platform_button (self, suggested_platform);
  gtk_widget_set_visible (self->address_button, (remedies & REMEDY_ADDRESS) != 0);
  gtk_widget_set_visible (self->preferences_button, (remedies & REMEDY_PREFERENCES) != 0);
  if (suggested_platform != NULL)
    set_primary (self, GTK_WIDGET (self->platform_button));
  else if (error->code == SB_SIGN_IN_ERROR_SP_INITIATED)
    set_primary (self, self->address_button);
  else
    set_primary (self, GTK_WIDGET (self->retry_button));
  gtk_widget_set_visible (self->assertion_button, sb_sign_in_get_saml (sign_in) != NULL);
  sb_warning_list_show (self->warnings, warnings, TRUE);
}
