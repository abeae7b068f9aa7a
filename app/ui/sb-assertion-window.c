#define G_LOG_DOMAIN "sb-assertion-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-assertion-window.h"
#include "sb-clipboard.h"
#include "sb-secret.h"

#define REFRESH_SECONDS 10

typedef struct {
  int start;
  int end;
} Match;

struct _SbAssertionWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *view_stack;
  GtkButton           *copy_button;
  GtkToggleButton     *search_button;
  AdwPreferencesGroup *warnings_group;
  AdwPreferencesGroup *response_group;
  AdwPreferencesGroup *subject_group;
  AdwPreferencesGroup *conditions_group;
  AdwPreferencesGroup *authn_group;
  AdwPreferencesGroup *signatures_group;
  AdwPreferencesGroup *attributes_group;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *match_label;
  GtkTextView         *text_view;
  GtkTextBuffer       *buffer;

  SbSaml              *saml;
  char                *platform_url;
  GPtrArray           *warning_rows;
  GArray              *warning_kinds;
  AdwActionRow        *valid_from_row;
  AdwActionRow        *valid_until_row;
  GtkTextTag          *match_tag;
  GtkTextTag          *current_tag;
  GtkTextMark         *current_mark;
  GArray              *matches;
  int                  current_match;
  guint                refresh_id;
};

G_DEFINE_FINAL_TYPE (SbAssertionWindow, sb_assertion_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SAML,
  PROP_PLATFORM_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (SbAssertionWindow *self,
            const char        *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

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
update_validity (SbAssertionWindow *self,
                 GDateTime         *now)
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
update_warnings (SbAssertionWindow *self,
                 GDateTime         *now)
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
  SbAssertionWindow *self = user_data;
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
add_attribute_rows (SbAssertionWindow *self)
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
fill_summary (SbAssertionWindow *self)
{
  SbSaml *saml = self->saml;
  const char * const *audiences = sb_saml_get_audiences (saml);
  const char *status = sb_saml_get_status_name (saml);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  AdwActionRow *row;

  add_text_row (self->response_group, _("Issuer"), sb_saml_get_issuer (saml));
  add_text_row (self->response_group, _("Destination"), sb_saml_get_destination (saml));
  add_time_row (self->response_group, _("Issue instant"), sb_saml_get_issue_instant (saml));
  add_text_row (self->response_group, _("In response to"), sb_saml_get_in_response_to (saml));
  row = add_row (self->response_group, _("Status"), status != NULL ? status : _("None"), status);
  if (!sb_saml_is_success (saml))
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  add_text_row (self->response_group, _("Status message"), sb_saml_get_status_message (saml));

  add_text_row (self->subject_group, _("Name ID"), sb_saml_get_name_id (saml));
  add_text_row (self->subject_group, _("Name ID format"), sb_saml_get_name_id_format (saml));

  for (guint i = 0; audiences[i] != NULL; i++)
    add_text_row (self->conditions_group, _("Audience"), audiences[i]);
  self->valid_from_row = add_time_row (self->conditions_group, _("Valid from"), sb_saml_get_not_before (saml));
  self->valid_until_row = add_time_row (self->conditions_group, _("Valid until"), sb_saml_get_not_on_or_after (saml));

  add_text_row (self->authn_group, _("Authentication context"), sb_saml_get_authn_context (saml));

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

  add_attribute_rows (self);

  update_validity (self, now);
  update_warnings (self, now);

  if (self->valid_from_row != NULL || self->valid_until_row != NULL)
    self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
fill_xml (SbAssertionWindow *self)
{
  g_autoptr(SbSecret) xml = sb_saml_dup_pretty_xml (self->saml);
  GtkTextIter start;

  gtk_text_buffer_set_text (self->buffer, xml, -1);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
}

/* Search */

static void
update_match_label (SbAssertionWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *label = NULL;

  if (*text == '\0')
    label = g_strdup ("");
  else if (self->matches->len == 0)
    label = g_strdup (_("No matches"));
  else
    /* Translators: the match shown, of all the matches, as in “2 of 5”. */
    label = g_strdup_printf (_("%d of %u"), self->current_match + 1, self->matches->len);

  gtk_label_set_text (self->match_label, label);

  if (*text != '\0' && self->matches->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
get_match_iters (SbAssertionWindow *self,
                 int                index,
                 GtkTextIter       *start,
                 GtkTextIter       *end)
{
  Match *match = &g_array_index (self->matches, Match, index);

  gtk_text_buffer_get_iter_at_offset (self->buffer, start, match->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, match->end);
}

static void
select_match (SbAssertionWindow *self,
              int                index)
{
  GtkTextIter start, end;

  if (self->current_match >= 0)
    {
      get_match_iters (self, self->current_match, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
    }

  self->current_match = index;

  if (index >= 0)
    {
      get_match_iters (self, index, &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
      gtk_text_buffer_move_mark (self->buffer, self->current_mark, &start);
      gtk_text_view_scroll_to_mark (self->text_view, self->current_mark, 0.25, FALSE, 0.0, 0.0);
    }

  update_match_label (self);
}

static void
clear_matches (SbAssertionWindow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
}

static void
search_changed_cb (SbAssertionWindow *self,
                   GtkSearchEntry    *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  int from = 0;
  int first = -1;
  GtkTextIter iter, match_start, match_end;

  /* The search goes on from the match shown, as the user types more. */
  if (self->current_match >= 0)
    from = g_array_index (self->matches, Match, self->current_match).start;

  clear_matches (self);

  if (*text != '\0')
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      while (gtk_text_iter_forward_search (&iter, text,
                                           GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &match_start, &match_end, NULL))
        {
          Match match = { gtk_text_iter_get_offset (&match_start), gtk_text_iter_get_offset (&match_end) };

          gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &match_start, &match_end);
          if (first < 0 && match.start >= from)
            first = self->matches->len;
          g_array_append_val (self->matches, match);
          iter = match_end;
        }
    }

  if (first < 0 && self->matches->len > 0)
    first = 0;

  select_match (self, first);
}

static void
move_match (SbAssertionWindow *self,
            int                step)
{
  int count = self->matches->len;

  if (count == 0)
    return;

  select_match (self, ((self->current_match + step) % count + count) % count);
}

static void
search_activate_cb (SbAssertionWindow *self,
                    GtkSearchEntry    *entry)
{
  move_match (self, 1);
}

static void
search_next_cb (SbAssertionWindow *self,
                GtkSearchEntry    *entry)
{
  move_match (self, 1);
}

static void
search_previous_cb (SbAssertionWindow *self,
                    GtkSearchEntry    *entry)
{
  move_match (self, -1);
}

static void
search_mode_cb (SbAssertionWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      search_changed_cb (self, self->search_entry);
    }
  else
    {
      clear_matches (self);
      update_match_label (self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
        gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
}

static void
visible_page_cb (SbAssertionWindow *self)
{
  gboolean xml = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "xml") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), xml);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), xml);
}

/* Actions */

static void
copy_xml_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint delay = g_settings_get_uint (settings, "clipboard-clear-seconds");
  g_autoptr(SbSecret) xml = NULL;
  g_autofree char *message = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  xml = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);

  /* The XML holds the assertion, so it goes away like a copied token. */
  sb_clipboard_copy_secret (sb_clipboard_get_default (), gtk_widget_get_clipboard (widget), xml, delay);

  if (delay > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s copied. It will be cleared from the clipboard in %u second.",
                                            "%s copied. It will be cleared from the clipboard in %u seconds.",
                                            delay),
                               _("XML"), delay);
  else
    message = g_strdup_printf (_("%s copied."), _("XML"));

  show_toast (self, message);
}

static void
copy_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  show_toast (self, _("Copied to the clipboard"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "xml");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_match (SB_ASSERTION_WINDOW (widget), 1);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_match (SB_ASSERTION_WINDOW (widget), -1);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  else
    gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

/* GObject */

static void
sb_assertion_window_constructed (GObject *object)
{
  SbAssertionWindow *self = (SbAssertionWindow *)object;

  G_OBJECT_CLASS (sb_assertion_window_parent_class)->constructed (object);

  g_assert (SB_IS_SAML (self->saml));

  fill_summary (self);
  fill_xml (self);
}

static void
sb_assertion_window_dispose (GObject *object)
{
  SbAssertionWindow *self = (SbAssertionWindow *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  /* The buffer holds a single-use assertion: empty it while we can. */
  if (self->buffer != NULL)
    gtk_text_buffer_set_text (self->buffer, "", 0);

  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->view_stack, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ASSERTION_WINDOW);

  g_clear_object (&self->saml);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warning_kinds, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  self->valid_from_row = NULL;
  self->valid_until_row = NULL;

  G_OBJECT_CLASS (sb_assertion_window_parent_class)->dispose (object);
}

static void
sb_assertion_window_finalize (GObject *object)
{
  SbAssertionWindow *self = (SbAssertionWindow *)object;

  g_free (self->platform_url);

  G_OBJECT_CLASS (sb_assertion_window_parent_class)->finalize (object);
}

static void
sb_assertion_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SAML:
      g_value_set_object (value, self->saml);
      break;

    case PROP_PLATFORM_URL:
      g_value_set_string (value, self->platform_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_assertion_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SAML:
      self->saml = g_value_dup_object (value);
      break;

    case PROP_PLATFORM_URL:
      self->platform_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_assertion_window_class_init (SbAssertionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_assertion_window_constructed;
  object_class->dispose = sb_assertion_window_dispose;
  object_class->finalize = sb_assertion_window_finalize;
  object_class->get_property = sb_assertion_window_get_property;
  object_class->set_property = sb_assertion_window_set_property;

  properties[PROP_SAML] =
    g_param_spec_object ("saml", NULL, NULL,
                         SB_TYPE_SAML,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLATFORM_URL] =
    g_param_spec_string ("platform-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-assertion-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, response_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, subject_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, authn_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, signatures_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, attributes_group);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, buffer);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);

  gtk_widget_class_install_action (widget_class, "assertion.copy-xml", NULL, copy_xml_action);
  gtk_widget_class_install_action (widget_class, "assertion.copy-value", "s", copy_value_action);
  gtk_widget_class_install_action (widget_class, "assertion.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "assertion.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "assertion.find-previous", NULL, find_previous_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "assertion.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "assertion.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "assertion.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
sb_assertion_window_init (SbAssertionWindow *self)
{
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->warning_rows = g_ptr_array_new ();
  self->warning_kinds = g_array_new (FALSE, FALSE, sizeof (SbSamlWarningKind));
  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
  self->current_match = -1;

  self->match_tag = gtk_text_buffer_create_tag (self->buffer, "search-match",
                                                "background", "#f8e45c",
                                                "foreground", "#000000",
                                                NULL);
  self->current_tag = gtk_text_buffer_create_tag (self->buffer, "search-current",
                                                  "background", "#ffa348",
                                                  "foreground", "#000000",
                                                  NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->current_mark = gtk_text_buffer_create_mark (self->buffer, "search-current", &start, TRUE);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_cb), self, G_CONNECT_SWAPPED);
  visible_page_cb (self);
}

/**
 * sb_assertion_window_new:
 * @parent: (nullable): the window it belongs to
 * @saml: the response to show
 * @platform_url: (nullable): the platform the assertion is for, to check
 *   its audience against
 *
 * Returns: (transfer none): a new window showing what @saml says, with the
 *   reasons the platform could refuse it first
 */
GtkWindow *
sb_assertion_window_new (GtkWindow  *parent,
                         SbSaml     *saml,
                         const char *platform_url)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_SAML (saml), NULL);

  return g_object_new (SB_TYPE_ASSERTION_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "saml", saml,
                       "platform-url", platform_url,
                       NULL);
}

/**
 * sb_assertion_window_get_xml_buffer:
 *
 * Returns: (transfer none): the buffer holding the indented XML
 */
GtkTextBuffer *
sb_assertion_window_get_xml_buffer (SbAssertionWindow *self)
{
  g_return_val_if_fail (SB_IS_ASSERTION_WINDOW (self), NULL);

  return self->buffer;
}
