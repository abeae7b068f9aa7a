#define G_LOG_DOMAIN "sb-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-setup-page.h"
#include "sb-profile-store.h"
#include "sb-url.h"

struct _SbSetupPage
{
  AdwBin         parent_instance;

  AdwComboRow   *platform_row;
  GtkStringList *platform_names;
  AdwEntryRow   *custom_platform_row;
  AdwEntryRow   *idp_row;
  AdwEntryRow   *name_row;
  GtkLabel      *error_label;
  GtkButton     *sign_in_button;

  char          *suggested_name;
};

G_DEFINE_FINAL_TYPE (SbSetupPage, sb_setup_page, ADW_TYPE_BIN)

/* The combo row lists the known platforms, then "Other…". */
static gboolean
is_other (SbSetupPage *self,
          guint        selected)
{
  guint n_known;

  sb_profile_get_known_platforms (&n_known);
  return selected >= n_known;
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_problem (SbSetupPage *self,
              const char  *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
}

static char *
read_platform_url (SbSetupPage  *self,
                   GError      **error)
{
  guint selected = adw_combo_row_get_selected (self->platform_row);

  if (!is_other (self, selected))
    return g_strdup (sb_profile_get_known_platforms (NULL)[selected].url);

  return sb_profile_normalize_platform_url (gtk_editable_get_text (GTK_EDITABLE (self->custom_platform_row)), error);
}

static gboolean
validate (SbSetupPage  *self,
          char        **platform_url,
          char        **idp_url)
{
  g_autoptr(GError) platform_error = NULL;
  g_autoptr(GError) idp_error = NULL;
  g_autofree char *message = NULL;

  *platform_url = read_platform_url (self, &platform_error);
  *idp_url = sb_profile_normalize_idp_url (gtk_editable_get_text (GTK_EDITABLE (self->idp_row)), &idp_error);

  mark_row (self->custom_platform_row, platform_error != NULL);
  mark_row (self->idp_row, idp_error != NULL);

  if (platform_error != NULL)
    message = g_strdup_printf (_("Platform address: %s"), platform_error->message);
  else if (idp_error != NULL)
    message = g_strdup_printf (_("Sign-in address: %s"), idp_error->message);

  show_problem (self, message);
  return message == NULL;
}

static void
on_platform_selected (SbSetupPage *self)
{
  guint selected = adw_combo_row_get_selected (self->platform_row);
  gboolean other = is_other (self, selected);
  g_autofree char *host = other ? NULL : sb_url_display_host (sb_profile_get_known_platforms (NULL)[selected].url);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_platform_row), other);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->platform_row), host);
}

static void
on_changed (SbSetupPage *self)
{
  g_autofree char *platform_url = NULL;
  g_autofree char *idp_url = NULL;

  /* Judge only once the user has typed something, so the empty form is not shouting. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->idp_row)) == '\0')
    {
      show_problem (self, NULL);
      mark_row (self->idp_row, FALSE);
      return;
    }

  validate (self, &platform_url, &idp_url);
}

/* A new profile is named after its IdP's host until the user names it. */
static void
suggest_name (SbSetupPage *self)
{
  g_autofree char *idp_url = sb_profile_normalize_idp_url (gtk_editable_get_text (GTK_EDITABLE (self->idp_row)), NULL);
  g_autofree char *suggestion = idp_url != NULL ? sb_url_display_host (idp_url) : g_strdup ("");
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (*name == '\0' || g_strcmp0 (name, self->suggested_name) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), suggestion);

  g_free (self->suggested_name);
  self->suggested_name = g_steal_pointer (&suggestion);
}

/* Enter in a row signs in, but only while this page is on screen. */
static void
sb_setup_page_map (GtkWidget *widget)
{
  SbSetupPage *self = SB_SETUP_PAGE (widget);

  GTK_WIDGET_CLASS (sb_setup_page_parent_class)->map (widget);
  gtk_window_set_default_widget (GTK_WINDOW (gtk_widget_get_root (widget)), GTK_WIDGET (self->sign_in_button));
}

static void
sb_setup_page_unmap (GtkWidget *widget)
{
  SbSetupPage *self = SB_SETUP_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  if (gtk_window_get_default_widget (window) == GTK_WIDGET (self->sign_in_button))
    gtk_window_set_default_widget (window, NULL);
  GTK_WIDGET_CLASS (sb_setup_page_parent_class)->unmap (widget);
}

static gboolean
sb_setup_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SB_SETUP_PAGE (widget)->idp_row));
}

/* Tab goes through the page in order: GTK would enter it through grab_focus(),
 * which starts at the sign-in address, and skip what is above it. */
static gboolean
sb_setup_page_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  return gtk_widget_child_focus (adw_bin_get_child (ADW_BIN (widget)), direction);
}

static void
sb_setup_page_dispose (GObject *object)
{
  /* The child is AdwBin's: let it go before the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_SETUP_PAGE);
  g_clear_pointer (&SB_SETUP_PAGE (object)->suggested_name, g_free);

  G_OBJECT_CLASS (sb_setup_page_parent_class)->dispose (object);
}

static void
sb_setup_page_class_init (SbSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_setup_page_dispose;
  widget_class->map = sb_setup_page_map;
  widget_class->unmap = sb_setup_page_unmap;
  widget_class->grab_focus = sb_setup_page_grab_focus;
  widget_class->focus = sb_setup_page_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, platform_row);
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, platform_names);
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, custom_platform_row);
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, idp_row);
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SbSetupPage, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, suggest_name);
}

static void
sb_setup_page_init (SbSetupPage *self)
{
  guint n_known;
  const SbKnownPlatform *known = sb_profile_get_known_platforms (&n_known);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n_known; i++)
    gtk_string_list_append (self->platform_names, _(known[i].region));
  gtk_string_list_append (self->platform_names, _("Other…"));
  on_platform_selected (self);
}

/* Shows what @profile says, or the defaults for a new one. Before the first profile
 * exists, SAML_BEARER_SUGGESTED_PLATFORM and SAML_BEARER_SUGGESTED_IDP_URL fill in
 * the addresses, as build-aux/demo does for its mock servers. */
void
sb_setup_page_fill (SbSetupPage *self,
                    SbProfile   *profile)
{
  guint n_known;
  const SbKnownPlatform *known = sb_profile_get_known_platforms (&n_known);
  gboolean first = profile == NULL && g_list_model_get_n_items (G_LIST_MODEL (sb_profile_store_get_default ())) == 0;
  const char *suggested_platform = first ? g_getenv ("SAML_BEARER_SUGGESTED_PLATFORM") : NULL;
  const char *suggested_idp_url = first ? g_getenv ("SAML_BEARER_SUGGESTED_IDP_URL") : NULL;
  const char *platform_url = profile != NULL ? sb_profile_get_platform_url (profile)
                             : suggested_platform != NULL ? suggested_platform : known[0].url;
  const char *idp_url = profile != NULL ? sb_profile_get_idp_url (profile)
                        : suggested_idp_url != NULL ? suggested_idp_url : "";
  guint selected = n_known;

  g_return_if_fail (SB_IS_SETUP_PAGE (self));
  g_return_if_fail (!profile || SB_IS_PROFILE (profile));

  for (guint i = 0; i < n_known; i++)
    if (g_strcmp0 (platform_url, known[i].url) == 0)
      selected = i;

  adw_combo_row_set_selected (self->platform_row, selected);
  on_platform_selected (self);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_platform_row), selected == n_known ? platform_url : "");
  g_clear_pointer (&self->suggested_name, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), profile != NULL ? sb_profile_get_name (profile) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->idp_row), idp_url);
  suggest_name (self);
  show_problem (self, NULL);
  mark_row (self->idp_row, FALSE);
  mark_row (self->custom_platform_row, FALSE);
}

/* The addresses the user gave, normalized; FALSE, with the reason shown and the
 * focus on the row to fix, when one is not valid. */
gboolean
sb_setup_page_read (SbSetupPage  *self,
                    char        **platform_url,
                    char        **idp_url)
{
  g_return_val_if_fail (SB_IS_SETUP_PAGE (self), FALSE);
  g_return_val_if_fail (platform_url != NULL && idp_url != NULL, FALSE);

  if (validate (self, platform_url, idp_url))
    return TRUE;

  g_clear_pointer (platform_url, g_free);
  g_clear_pointer (idp_url, g_free);
  gtk_widget_grab_focus (gtk_widget_has_css_class (GTK_WIDGET (self->idp_row), "error")
                         ? GTK_WIDGET (self->idp_row) : GTK_WIDGET (self->custom_platform_row));
  return FALSE;
}

/* The name the user gave the profile, or the one suggested for it; @suggested
 * tells which. */
char *
sb_setup_page_dup_name (SbSetupPage *self,
                        gboolean    *suggested)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SB_IS_SETUP_PAGE (self), NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (self->suggested_name != NULL ? self->suggested_name : "");
    }

  if (suggested != NULL)
    *suggested = g_strcmp0 (name, self->suggested_name) == 0;

  return g_steal_pointer (&name);
}
