#define G_LOG_DOMAIN "sb-assertion-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-assertion-summary.h"

#define REFRESH_SECONDS 10

/* What a response says, a group of rows each, with the reasons the
 * platform could refuse it first; the times and warnings keep up with
 * the clock.
 */
struct _SbAssertionSummary
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *warnings_group;
  AdwPreferencesGroup *response_group;
  AdwPreferencesGroup *subject_group;
  AdwPreferencesGroup *conditions_group;
  AdwPreferencesGroup *authn_group;
  AdwPreferencesGroup *signatures_group;
  AdwPreferencesGroup *attributes_group;

  SbSaml              *saml;
  char                *platform_url;
  GPtrArray           *warning_rows;
  GArray              *warning_kinds;
  AdwActionRow        *valid_from_row;
  AdwActionRow        *valid_until_row;
  guint                refresh_id;
};

G_DEFINE_FINAL_TYPE (SbAssertionSummary, sb_assertion_summary, ADW_TYPE_PREFERENCES_PAGE)

static GtkWidget *
new_copy_button (const char *value)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "assertion.copy-value");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (value));

  return button;
}

/* Values come from the document, so rows never parse them as markup. */
static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value,
         const char          *copy_value)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, value);

  if (copy_value != NULL)
    {
      GtkWidget *button = new_copy_button (copy_value);

      adw_action_row_add_suffix (row, button);
      adw_action_row_set_activatable_widget (row, button);
    }

  adw_preferences_group_add (group, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);

  return row;
}

static void
add_text_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *value)
{
  if (value != NULL)
    add_row (group, title, value, value);
}

static AdwActionRow *
add_time_row (AdwPreferencesGroup *group,
              const char          *title,
              GDateTime           *time)
{
  g_autofree char *when = NULL;

  if (time == NULL)
    return NULL;

  when = sb_saml_format_time (time);
  return add_row (group, title, when, when);
}

static void
update_validity (SbAssertionSummary *self,
                 GDateTime          *now)
{
  GDateTime *not_before = sb_saml_get_not_before (self->saml);
  GDateTime *not_on_or_after = sb_saml_get_not_on_or_after (self->saml);

  if (self->valid_from_row != NULL)
    {
      g_autofree char *when = sb_saml_format_time (not_before);
      GTimeSpan wait = g_date_time_difference (not_before, now);

      if (wait > 0)
        {
          g_autofree char *span = sb_saml_format_duration (wait);
          g_autofree char *text = g_strdup_printf (_("%s (starts in %s)"), when, span);

          adw_action_row_set_subtitle (self->valid_from_row, text);
          gtk_widget_add_css_class (GTK_WIDGET (self->valid_from_row), "error");
        }
      else
        {
          adw_action_row_set_subtitle (self->valid_from_row, when);
          gtk_widget_remove_css_class (GTK_WIDGET (self->valid_from_row), "error");
        }
    }

  if (self->valid_until_row != NULL)
    {
      g_autofree char *when = sb_saml_format_time (not_on_or_after);
      GTimeSpan left = g_date_time_difference (not_on_or_after, now);
      g_autofree char *span = sb_saml_format_duration (left);
      g_autofree char *text = NULL;

      if (left > 0)
        text = g_strdup_printf (_("%s (valid for another %s)"), when, span);
      else
        text = g_strdup_printf (_("%s (expired %s ago)"), when, span);

      adw_action_row_set_subtitle (self->valid_until_row, text);
      if (left > 0)
        gtk_widget_remove_css_class (GTK_WIDGET (self->valid_until_row), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->valid_until_row), "error");
    }
}

static GtkWidget *
new_warning_row (SbSamlWarning *warning)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  gboolean is_error = warning->kind == SB_SAML_WARNING_STATUS;
  GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, is_error ? _("Error") : _("Warning"),
                                  -1);
  adw_action_row_add_prefix (row, icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->title);
  adw_action_row_set_subtitle (row, warning->explanation);

  return GTK_WIDGET (row);
}

/* Updates the rows in place while the same warnings apply, so that a
 * refresh does not move the focus or make screen readers repeat them.
 */
static void
update_warnings (SbAssertionSummary *self,
                 GDateTime          *now)
{
  g_autoptr(GPtrArray) warnings = sb_saml_check (self->saml, self->platform_url, now);
  gboolean same = warnings->len == self->warning_kinds->len;

  for (guint i = 0; same && i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);

      same = warning->kind == g_array_index (self->warning_kinds, SbSamlWarningKind, i);
    }

  if (same)
    {
      for (guint i = 0; i < warnings->len; i++)
        {
          SbSamlWarning *warning = g_ptr_array_index (warnings, i);
          AdwActionRow *row = g_ptr_array_index (self->warning_rows, i);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->title);
          adw_action_row_set_subtitle (row, warning->explanation);
        }
      return;
    }

  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);
  g_array_set_size (self->warning_kinds, 0);

  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row = new_warning_row (warning);

      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
      g_array_append_val (self->warning_kinds, warning->kind);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), warnings->len > 0);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SbAssertionSummary *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  update_validity (self, now);
  update_warnings (self, now);

  return G_SOURCE_CONTINUE;
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

/* Without a getter for it, an assertion was read when any of its parts was. */
static gboolean
has_assertion (SbSaml *saml)
{
  return sb_saml_get_name_id (saml) != NULL ||
         sb_saml_get_audiences (saml)[0] != NULL ||
         sb_saml_get_not_before (saml) != NULL ||
         sb_saml_get_not_on_or_after (saml) != NULL ||
         sb_saml_get_authn_context (saml) != NULL ||
         sb_saml_get_attributes (saml)->len > 0;
}

typedef struct {
  const char *name;
  const char *friendly_name;
  GPtrArray  *values;
} MergedAttribute;

static void
merged_attribute_free (MergedAttribute *merged)
{
  g_ptr_array_unref (merged->values);
  g_free (merged);
}

/* Some identity providers send a multi-valued attribute as several
 * attributes of the same name; they are shown as one.
 */
static GPtrArray *
merge_attributes (GPtrArray *attributes)
{
  GPtrArray *merged = g_ptr_array_new_with_free_func ((GDestroyNotify) merged_attribute_free);

  for (guint i = 0; i < attributes->len; i++)
    {
      SbSamlAttribute *attribute = g_ptr_array_index (attributes, i);
      MergedAttribute *into = NULL;

      for (guint j = 0; j < merged->len && into == NULL; j++)
        {
          MergedAttribute *candidate = g_ptr_array_index (merged, j);

          if (g_strcmp0 (candidate->name, attribute->name) == 0 &&
              g_strcmp0 (candidate->friendly_name, attribute->friendly_name) == 0)
            into = candidate;
        }

      if (into == NULL)
        {
          into = g_new0 (MergedAttribute, 1);
          into->name = attribute->name;
          into->friendly_name = attribute->friendly_name;
          into->values = g_ptr_array_new ();
          g_ptr_array_add (merged, into);
        }

      for (guint j = 0; attribute->values[j] != NULL; j++)
        g_ptr_array_add (into->values, attribute->values[j]);
    }

  return merged;
}

static void
add_attribute_rows (SbAssertionSummary *self)
{
  g_autoptr(GPtrArray) attributes = merge_attributes (sb_saml_get_attributes (self->saml));

  for (guint i = 0; i < attributes->len; i++)
    {
      MergedAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autoptr(GString) shown = g_string_new (NULL);
      g_autoptr(GString) copied = g_string_new (NULL);
      g_autofree char *title = NULL;

      if (attribute->friendly_name == NULL || *attribute->friendly_name == '\0')
        title = g_strdup (attribute->name);
      else if (g_strcmp0 (attribute->friendly_name, attribute->name) == 0)
        title = g_strdup (attribute->friendly_name);
      else
        /* Translators: an attribute's friendly name, then its name, as in “email (urn:oid:1.2.840.113549.1.9.1)”. */
        title = g_strdup_printf (_("%s (%s)"), attribute->friendly_name, attribute->name);

      for (guint j = 0; j < attribute->values->len; j++)
        {
          const char *value = g_ptr_array_index (attribute->values, j);

          if (j > 0)
            {
              g_string_append_c (shown, '\n');
              g_string_append_c (copied, '\n');
            }
          g_string_append (shown, *value != '\0' ? value : _("(empty)"));
          g_string_append (copied, value);
        }

      if (attribute->values->len == 0)
        g_string_append (shown, _("(no value)"));

      add_row (self->attributes_group, title, shown->str, copied->str);
    }
}

static void
fill_response (SbAssertionSummary *self)
{
  SbSaml *saml = self->saml;
  const char *status = sb_saml_get_status_name (saml);
  AdwActionRow *row;

  add_text_row (self->response_group, _("Issuer"), sb_saml_get_issuer (saml));
  add_text_row (self->response_group, _("Destination"), sb_saml_get_destination (saml));
  add_time_row (self->response_group, _("Issue instant"), sb_saml_get_issue_instant (saml));
  add_text_row (self->response_group, _("In response to"), sb_saml_get_in_response_to (saml));
  row = add_row (self->response_group, _("Status"), status != NULL ? status : _("None"), status);
  if (!sb_saml_is_success (saml))
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  add_text_row (self->response_group, _("Status message"), sb_saml_get_status_message (saml));
}

static void
fill_assertion (SbAssertionSummary *self)
{
  SbSaml *saml = self->saml;
  const char * const *audiences = sb_saml_get_audiences (saml);

  add_text_row (self->subject_group, _("Name ID"), sb_saml_get_name_id (saml));
  add_text_row (self->subject_group, _("Name ID format"), sb_saml_get_name_id_format (saml));

  for (guint i = 0; audiences[i] != NULL; i++)
    add_text_row (self->conditions_group, _("Audience"), audiences[i]);
  self->valid_from_row = add_time_row (self->conditions_group, _("Valid from"), sb_saml_get_not_before (saml));
  self->valid_until_row = add_time_row (self->conditions_group, _("Valid until"), sb_saml_get_not_on_or_after (saml));

  add_text_row (self->authn_group, _("Authentication context"), sb_saml_get_authn_context (saml));
}

static void
fill_signatures (SbAssertionSummary *self)
{
  SbSaml *saml = self->saml;

  add_row (self->signatures_group, _("Response signed"), yes_no (sb_saml_get_response_signed (saml)), NULL);
  if (sb_saml_get_encrypted (saml))
    {
      add_row (self->signatures_group, _("Assertion signed"), _("Unknown while it is encrypted"), NULL);
      add_row (self->signatures_group, _("Encrypted"),
               _("Yes. The contents can only be read with the service provider’s key, so they cannot be shown here. "
                 "The platform can still exchange the assertion for a token."),
               NULL);
    }
  else
    {
      if (has_assertion (saml))
        add_row (self->signatures_group, _("Assertion signed"), yes_no (sb_saml_get_assertion_signed (saml)), NULL);
      add_row (self->signatures_group, _("Encrypted"), _("No"), NULL);
    }
}

static void
sb_assertion_summary_dispose (GObject *object)
{
  SbAssertionSummary *self = (SbAssertionSummary *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ASSERTION_SUMMARY);

  g_clear_object (&self->saml);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warning_kinds, g_array_unref);
  self->valid_from_row = NULL;
  self->valid_until_row = NULL;

  G_OBJECT_CLASS (sb_assertion_summary_parent_class)->dispose (object);
}

static void
sb_assertion_summary_finalize (GObject *object)
{
  SbAssertionSummary *self = (SbAssertionSummary *)object;

  g_free (self->platform_url);

  G_OBJECT_CLASS (sb_assertion_summary_parent_class)->finalize (object);
}

static void
sb_assertion_summary_class_init (SbAssertionSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_assertion_summary_dispose;
  object_class->finalize = sb_assertion_summary_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-assertion-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, response_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, subject_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, authn_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, signatures_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionSummary, attributes_group);
}

static void
sb_assertion_summary_init (SbAssertionSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->warning_rows = g_ptr_array_new ();
  self->warning_kinds = g_array_new (FALSE, FALSE, sizeof (SbSamlWarningKind));
}

/**
 * sb_assertion_summary_set_saml:
 * @saml: the response to show
 * @platform_url: (nullable): the platform the assertion is for, to check
 *   its audience against
 *
 * Fills the page with what @saml says. A page shows one response only.
 */
void
sb_assertion_summary_set_saml (SbAssertionSummary *self,
                               SbSaml             *saml,
                               const char         *platform_url)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (SB_IS_ASSERTION_SUMMARY (self));
  g_return_if_fail (SB_IS_SAML (saml));
  g_return_if_fail (self->saml == NULL);

  self->saml = g_object_ref (saml);
  self->platform_url = g_strdup (platform_url);

  fill_response (self);
  fill_assertion (self);
  fill_signatures (self);
  add_attribute_rows (self);

  update_validity (self, now);
  update_warnings (self, now);

  if (self->valid_from_row != NULL || self->valid_until_row != NULL)
    self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}
