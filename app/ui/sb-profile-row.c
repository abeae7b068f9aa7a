#define G_LOG_DOMAIN "sb-profile-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-profile-row.h"
#include "sb-file-chooser.h"
#include "sb-combo-row-items.h"
#include "sb-profile-store.h"
#include "sb-url.h"

#include <string.h>

struct _SbProfileRow
{
  AdwExpanderRow   parent_instance;

  AdwEntryRow     *name_row;
  GtkListBoxRow   *name_error_row;
  GtkLabel        *name_error_label;
  AdwComboRow     *kind_row;
  AdwComboRow     *platform_row;
  AdwEntryRow     *custom_platform_row;
  GtkListBoxRow   *platform_error_row;
  GtkLabel        *platform_error_label;
  AdwEntryRow     *capture_row;
  GtkListBoxRow   *capture_error_row;
  GtkLabel        *capture_error_label;
  GtkListBoxRow   *capture_help_row;
  GtkLabel        *capture_help_label;
  AdwEntryRow     *idp_row;
  GtkListBoxRow   *idp_error_row;
  GtkLabel        *idp_error_label;
  GtkListBoxRow   *idp_warning_row;
  GtkLabel        *idp_warning_label;
  GtkLabel        *idp_help_label;
  AdwActionRow    *session_row;
  GtkSpinButton   *session_spin;
  GtkSwitch       *remember_switch;
  AdwActionRow    *keep_tokens_row;
  GtkSwitch       *keep_tokens_switch;
  AdwEntryRow     *user_agent_row;
  AdwEntryRow     *ca_row;
  GtkListBoxRow   *ca_error_row;
  GtkLabel        *ca_error_label;
  AdwEntryRow     *client_cert_row;
  AdwEntryRow     *client_key_row;

  SbProfile       *profile;
  GBindingGroup   *bindings;
  GtkNativeDialog *chooser;
  char            *committed_name;
  char            *committed_platform;
  char            *committed_idp;
  char            *committed_capture;
  gboolean         filling;
};

G_DEFINE_FINAL_TYPE (SbProfileRow, sb_profile_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The platform list holds the known platforms, then "Other…". */
static guint
other_platform (void)
{
  guint n_platforms;

  sb_profile_get_known_platforms (&n_platforms);
  return n_platforms;
}

static void
replace_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
show_toast (SbProfileRow *self,
            const char   *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

static const char *
display_name (SbProfileRow *self)
{
  const char *name = sb_profile_get_name (self->profile);

  return *name != '\0' ? name : _("Unnamed Profile");
}

/* The title is escaped rather than shown with use-markup off: during construction
 * libadwaita 1.2 can pass the title to its inner label before the use-markup setting.
 */
static void
update_header (SbProfileRow *self)
{
  g_autofree char *host = NULL;
  g_autofree char *title = g_markup_escape_text (display_name (self), -1);
  g_autofree char *subtitle = NULL;

  if (sb_profile_get_kind (self->profile) == SB_PROFILE_KIND_CAPTURE)
    {
      const char *address = sb_profile_get_acs_url (self->profile);

      if (*address == '\0')
        host = g_strdup (_("No capture address"));
      else if (strstr (address, "://") != NULL)
        host = sb_url_display_host (address);
      else
        host = g_strdup (address);
    }
  else
    host = sb_url_display_host (sb_profile_get_platform_url (self->profile));

  subtitle = g_markup_escape_text (host, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
show_error (AdwEntryRow   *row,
            GtkListBoxRow *error_row,
            GtkLabel      *error_label,
            const char    *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
  gtk_label_set_text (error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_row), message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* The capture address keeps its explanation as a tooltip while it is valid. */
static void
show_capture_error (SbProfileRow *self,
                    const char   *message)
{
  show_error (self->capture_row, self->capture_error_row, self->capture_error_label, message);
  if (message == NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->capture_row),
                                 gtk_label_get_text (self->capture_help_label));
}

/* A portal home is a valid address, so it only gets a warning, which an error replaces. */
static void
show_idp_warning (SbProfileRow *self,
                  const char   *url)
{
  const char *warning = url != NULL ? sb_url_describe_portal_home (url) : NULL;

  gtk_label_set_text (self->idp_warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->idp_warning_row), warning != NULL);
}

static gboolean
is_capture (SbProfileRow *self)
{
  return adw_combo_row_get_selected (self->kind_row) == SB_PROFILE_KIND_CAPTURE;
}

/* A capture profile has no platform and no token, so the rows about them go. */
static void
update_kind_rows (SbProfileRow *self)
{
  gboolean capture = is_capture (self);
  gboolean other = adw_combo_row_get_selected (self->platform_row) == other_platform ();

  gtk_widget_set_visible (GTK_WIDGET (self->platform_row), !capture);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_platform_row), !capture && other);
  gtk_widget_set_visible (GTK_WIDGET (self->platform_error_row),
                          !capture && other &&
                          gtk_widget_has_css_class (GTK_WIDGET (self->custom_platform_row), "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->session_row), !capture);
  gtk_widget_set_visible (GTK_WIDGET (self->keep_tokens_row), !capture);
  gtk_widget_set_visible (GTK_WIDGET (self->capture_row), capture);
  gtk_widget_set_visible (GTK_WIDGET (self->capture_error_row),
                          capture && gtk_widget_has_css_class (GTK_WIDGET (self->capture_row), "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->capture_help_row), capture);
}

static void
set_entry_text (SbProfileRow *self,
                AdwEntryRow  *row,
                const char   *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->filling = FALSE;
}

static void
fill (SbProfileRow *self)
{
  const SbKnownPlatform *platforms;
  const char *platform_url = sb_profile_get_platform_url (self->profile);
  guint n_platforms;
  guint selected;

  platforms = sb_profile_get_known_platforms (&n_platforms);
  for (selected = 0; selected < n_platforms; selected++)
    if (g_strcmp0 (platform_url, platforms[selected].url) == 0)
      break;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sb_profile_get_name (self->profile));
  adw_combo_row_set_selected (self->platform_row, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_platform_row), selected == n_platforms ? platform_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->capture_row), sb_profile_get_acs_url (self->profile));
  gtk_editable_set_text (GTK_EDITABLE (self->idp_row), sb_profile_get_idp_url (self->profile));
  gtk_editable_set_text (GTK_EDITABLE (self->ca_row), sb_profile_get_ca_file (self->profile));
  self->filling = FALSE;

  replace_str (&self->committed_name, sb_profile_get_name (self->profile));
  replace_str (&self->committed_platform, platform_url);
  replace_str (&self->committed_idp, sb_profile_get_idp_url (self->profile));
  replace_str (&self->committed_capture, sb_profile_get_acs_url (self->profile));

  show_capture_error (self, NULL);
  show_idp_warning (self, sb_profile_get_idp_url (self->profile));
  update_kind_rows (self);
  update_header (self);
}

/* Every valid edit is saved as it is typed, so a field left invalid must not keep
 * whatever prefix of it last happened to be valid ("h" is a valid host): the value
 * it had when the user last left it valid is put back instead.
 */
static void
on_name_changed (SbProfileRow *self)
{
  g_autofree char *name = NULL;

  if (self->filling)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  show_error (self->name_row, self->name_error_row, self->name_error_label,
              *name == '\0' ? _("Enter a name.") : NULL);
  sb_profile_set_name (self->profile, *name != '\0' ? name : self->committed_name);
}

static void
on_name_committed (SbProfileRow *self)
{
  replace_str (&self->committed_name, sb_profile_get_name (self->profile));
  if (gtk_widget_has_css_class (GTK_WIDGET (self->name_row), "error"))
    {
      set_entry_text (self, self->name_row, self->committed_name);
      show_error (self->name_row, self->name_error_row, self->name_error_label, NULL);
    }
}

static void
on_kind_selected (SbProfileRow *self)
{
  update_kind_rows (self);
}

static void
on_capture_changed (SbProfileRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  if (self->filling)
    return;

  address = sb_profile_normalize_capture_address (gtk_editable_get_text (GTK_EDITABLE (self->capture_row)), &error);
  show_capture_error (self, error != NULL ? error->message : NULL);
  sb_profile_set_acs_url (self->profile, address != NULL ? address : self->committed_capture);
}

static void
on_capture_committed (SbProfileRow *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self->capture_row), "error"))
    return;

  replace_str (&self->committed_capture, sb_profile_get_acs_url (self->profile));
  set_entry_text (self, self->capture_row, self->committed_capture);
}

static void
on_custom_platform_changed (SbProfileRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (self->filling || adw_combo_row_get_selected (self->platform_row) != other_platform ())
    return;

  url = sb_profile_normalize_platform_url (gtk_editable_get_text (GTK_EDITABLE (self->custom_platform_row)), &error);
  show_error (self->custom_platform_row, self->platform_error_row, self->platform_error_label,
              error != NULL ? error->message : NULL);
  sb_profile_set_platform_url (self->profile, url != NULL ? url : self->committed_platform);
}

static void
on_custom_platform_committed (SbProfileRow *self)
{
  if (adw_combo_row_get_selected (self->platform_row) != other_platform () ||
      gtk_widget_has_css_class (GTK_WIDGET (self->custom_platform_row), "error"))
    return;

  replace_str (&self->committed_platform, sb_profile_get_platform_url (self->profile));
  set_entry_text (self, self->custom_platform_row, self->committed_platform);
}

static void
on_platform_selected (SbProfileRow *self)
{
  const SbKnownPlatform *platforms;
  guint selected = adw_combo_row_get_selected (self->platform_row);
  guint n_platforms;

  update_kind_rows (self);
  if (self->filling)
    return;

  platforms = sb_profile_get_known_platforms (&n_platforms);
  if (selected < n_platforms)
    {
      show_error (self->custom_platform_row, self->platform_error_row, self->platform_error_label, NULL);
      replace_str (&self->committed_platform, platforms[selected].url);
      sb_profile_set_platform_url (self->profile, platforms[selected].url);
      return;
    }

  /* Start the address from the current platform rather than from an empty, invalid field. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->custom_platform_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->custom_platform_row), sb_profile_get_platform_url (self->profile));
  else
    on_custom_platform_changed (self);
}

static void
on_idp_changed (SbProfileRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (self->filling)
    return;

  url = sb_profile_normalize_idp_url (gtk_editable_get_text (GTK_EDITABLE (self->idp_row)), &error);
  show_error (self->idp_row, self->idp_error_row, self->idp_error_label, error != NULL ? error->message : NULL);
  show_idp_warning (self, url);
  sb_profile_set_idp_url (self->profile, url != NULL ? url : self->committed_idp);
}

static void
on_idp_committed (SbProfileRow *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self->idp_row), "error"))
    return;

  replace_str (&self->committed_idp, sb_profile_get_idp_url (self->profile));
  set_entry_text (self, self->idp_row, self->committed_idp);
}

/* Saved only when the file holds certificates: a typo must not silently drop the extra trust. */
static void
on_ca_changed (SbProfileRow *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;

  path = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ca_row))));
  if (*path != '\0' && !(database = g_tls_file_database_new (path, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("Not a certificate file: %s"), error->message);

      show_error (self->ca_row, self->ca_error_row, self->ca_error_label, message);
      return;
    }

  show_error (self->ca_row, self->ca_error_row, self->ca_error_label, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ca_row),
                               _("A PEM file with the certificate authorities of a private identity provider or platform, trusted in addition to this computer’s"));
  sb_profile_set_ca_file (self->profile, path);
}

static void
on_chooser_response (SbProfileRow *self)
{
  g_clear_object (&self->chooser);
}

/* Fills a file row from a file chooser, starting at the file it names. */
static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbProfileRow *self = SB_PROFILE_ROW (widget);
  const char *target = g_variant_get_string (parameter, NULL);

  if (self->chooser != NULL)
    return;

  if (g_strcmp0 (target, "ca") == 0)
    self->chooser = sb_file_chooser_new_for_row (self->ca_row, _("Choose Extra CA Certificates"));
  else if (g_strcmp0 (target, "client-certificate") == 0)
    self->chooser = sb_file_chooser_new_for_row (self->client_cert_row, _("Choose a Client Certificate"));
  else if (g_strcmp0 (target, "client-key") == 0)
    self->chooser = sb_file_chooser_new_for_row (self->client_key_row, _("Choose the Client Certificate Key"));
  else
    g_return_if_reached ();

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static AdwMessageDialog *
new_confirmation (SbProfileRow *self,
                  const char   *heading,
                  const char   *body,
                  const char   *response,
                  const char   *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

static void
forget_data_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbProfileRow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.forget-data", TRUE);

  if (!sb_profile_store_forget_data_finish (SB_PROFILE_STORE (object), result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *title = g_strdup_printf (_("Could not forget sign-in data: %s"), escaped);

      show_toast (self, title);
      return;
    }

  show_toast (self, _("Sign-in data forgotten"));
}

static void
on_forget_response (SbProfileRow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.forget-data", FALSE);
  sb_profile_store_forget_data_async (sb_profile_store_get_default (), self->profile, NULL,
                                      forget_data_cb, g_object_ref (self));
}

static void
forget_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbProfileRow *self = SB_PROFILE_ROW (widget);
  g_autofree char *heading = g_strdup_printf (_("Forget Sign-In Data for “%s”?"), display_name (self));
  AdwMessageDialog *dialog;

  dialog = new_confirmation (self, heading,
                             _("The identity provider’s cookies and site data saved for this profile will be deleted, so the next sign-in asks for your password again, and perhaps a second factor. The profile’s settings are kept."),
                             "forget", _("_Forget"));
  g_signal_connect_object (dialog, "response::forget", G_CALLBACK (on_forget_response), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sb_profile_store_delete_finish (SB_PROFILE_STORE (object), result, &error))
    g_message ("Could not delete the sign-in data of a deleted profile: %s", error->message);
}

static void
on_delete_response (SbProfileRow *self)
{
  g_autoptr(SbProfileRow) hold = g_object_ref (self);
  g_autofree char *escaped = g_markup_escape_text (display_name (self), -1);
  g_autofree char *title = g_strdup_printf (_("“%s” deleted"), escaped);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *neighbour = gtk_widget_get_next_sibling (GTK_WIDGET (self));

  if (neighbour == NULL)
    neighbour = gtk_widget_get_prev_sibling (GTK_WIDGET (self));
  if (neighbour != NULL)
    gtk_widget_grab_focus (neighbour);

  /* This removes the profile from the store, and the preferences remove this row. */
  sb_profile_store_delete_async (sb_profile_store_get_default (), self->profile, NULL, deleted_cb, NULL);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbProfileRow *self = SB_PROFILE_ROW (widget);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), display_name (self));
  AdwMessageDialog *dialog;

  dialog = new_confirmation (self, heading,
                             _("The profile’s settings and saved sign-in data will be removed."),
                             "delete", _("_Delete"));
  g_signal_connect_object (dialog, "response::delete", G_CALLBACK (on_delete_response), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
kind_to_selected (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  g_value_set_uint (to_value, g_value_get_enum (from_value));
  return TRUE;
}

static gboolean
selected_to_kind (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  guint selected = g_value_get_uint (from_value);

  if (selected != SB_PROFILE_KIND_ANYPOINT && selected != SB_PROFILE_KIND_CAPTURE)
    return FALSE;

  g_value_set_enum (to_value, selected);
  return TRUE;
}

static gboolean
text_to_stripped (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  g_value_take_string (to_value, g_strstrip (g_strdup (g_value_get_string (from_value))));
  return TRUE;
}

/* Fields shown as they are stored; the addresses, the name and the CA file are
 * checked first, by their changed handlers. */
static void
bind_fields (SbProfileRow *self)
{
  GBindingFlags flags = G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL;

  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "kind", self->kind_row, "selected", flags,
                             kind_to_selected, selected_to_kind, NULL, NULL);
  g_binding_group_bind (self->bindings, "session-minutes", self->session_spin, "value", flags);
  g_binding_group_bind (self->bindings, "remember", self->remember_switch, "active", flags);
  g_binding_group_bind (self->bindings, "keep-tokens", self->keep_tokens_switch, "active", flags);
  g_binding_group_bind_full (self->bindings, "user-agent", self->user_agent_row, "text", flags,
                             NULL, text_to_stripped, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "client-certificate", self->client_cert_row, "text", flags,
                             NULL, text_to_stripped, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "client-key", self->client_key_row, "text", flags,
                             NULL, text_to_stripped, NULL, NULL);
  g_binding_group_set_source (self->bindings, self->profile);
}

static void
sb_profile_row_constructed (GObject *object)
{
  SbProfileRow *self = (SbProfileRow *)object;

  G_OBJECT_CLASS (sb_profile_row_parent_class)->constructed (object);

  if (self->profile == NULL)
    self->profile = sb_profile_new (NULL);

  bind_fields (self);
  fill (self);
  g_signal_connect_object (self->profile, "notify", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
}

static void
sb_profile_row_dispose (GObject *object)
{
  SbProfileRow *self = (SbProfileRow *)object;

  /* The profile outlives the row: what the fields do while they go must not reach it. */
  self->filling = TRUE;
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);
  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PROFILE_ROW);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->committed_name, g_free);
  g_clear_pointer (&self->committed_platform, g_free);
  g_clear_pointer (&self->committed_idp, g_free);
  g_clear_pointer (&self->committed_capture, g_free);

  G_OBJECT_CLASS (sb_profile_row_parent_class)->dispose (object);
}

static void
sb_profile_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbProfileRow *self = SB_PROFILE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_profile_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbProfileRow *self = SB_PROFILE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_profile_row_class_init (SbProfileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_profile_row_constructed;
  object_class->dispose = sb_profile_row_dispose;
  object_class->get_property = sb_profile_row_get_property;
  object_class->set_property = sb_profile_row_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         SB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-profile-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, name_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, platform_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, custom_platform_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, platform_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, platform_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, capture_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, capture_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, capture_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, capture_help_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, capture_help_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, idp_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, idp_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, idp_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, idp_warning_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, idp_warning_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, idp_help_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, session_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, session_spin);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, keep_tokens_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, keep_tokens_switch);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, user_agent_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, ca_error_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, ca_error_label);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, client_cert_row);
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, client_key_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_committed);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_platform_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_idp_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_committed);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_platform_committed);
  gtk_widget_class_bind_template_callback (widget_class, on_idp_committed);
  gtk_widget_class_bind_template_callback (widget_class, on_ca_changed);

  gtk_widget_class_install_action (widget_class, "profile.forget-data", NULL, forget_data_action);
  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "profile.choose-file", "s", choose_file_action);
}

static void
commit_on_leave (AdwEntryRow *row,
                 GCallback    callback,
                 gpointer     self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", callback, self);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
sb_profile_row_init (SbProfileRow *self)
{
  g_autoptr(GtkStringList) platforms = gtk_string_list_new (NULL);
  const SbKnownPlatform *known;
  guint n_known;

  gtk_widget_init_template (GTK_WIDGET (self));

  known = sb_profile_get_known_platforms (&n_known);
  for (guint i = 0; i < n_known; i++)
    gtk_string_list_append (platforms, _(known[i].name));
  gtk_string_list_append (platforms, _("Other…"));
  self->filling = TRUE;
  adw_combo_row_set_model (self->platform_row, G_LIST_MODEL (platforms));
  self->filling = FALSE;

  sb_combo_row_wrap_items (self->kind_row);
  sb_combo_row_wrap_items (self->platform_row);

  commit_on_leave (self->name_row, G_CALLBACK (on_name_committed), self);
  commit_on_leave (self->custom_platform_row, G_CALLBACK (on_custom_platform_committed), self);
  commit_on_leave (self->idp_row, G_CALLBACK (on_idp_committed), self);
  commit_on_leave (self->capture_row, G_CALLBACK (on_capture_committed), self);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->name_error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->custom_platform_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->platform_error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->idp_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->idp_error_label, self->idp_warning_label, self->idp_help_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->ca_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->ca_error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->capture_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->capture_error_label, self->capture_help_label, NULL,
                                  -1);
}

GtkWidget *
sb_profile_row_new (SbProfile *profile)
{
  g_return_val_if_fail (SB_IS_PROFILE (profile), NULL);

  return g_object_new (SB_TYPE_PROFILE_ROW, "profile", profile, NULL);
}

SbProfile *
sb_profile_row_get_profile (SbProfileRow *self)
{
  g_return_val_if_fail (SB_IS_PROFILE_ROW (self), NULL);

  return self->profile;
}

/* Opens the row and puts the cursor in its name, for a profile just added. */
void
sb_profile_row_focus_name (SbProfileRow *self)
{
  g_return_if_fail (SB_IS_PROFILE_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
