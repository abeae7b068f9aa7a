#define G_LOG_DOMAIN "sb-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-preferences.h"
#include "sb-profile.h"
#include "sb-profile-row.h"
#include "sb-profile-store.h"

struct _SbPreferences
{
  AdwPreferencesWindow  parent_instance;

  GtkSpinButton        *clipboard_spin;
  GtkSpinButton        *timeout_spin;
  AdwPreferencesPage   *profiles_page;
  AdwPreferencesGroup  *profiles_group;

  GSettings            *settings;
  SbProfileStore       *store;
  GPtrArray            *rows;
};

G_DEFINE_FINAL_TYPE (SbPreferences, sb_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static SbProfileRow *
find_row (GPtrArray *rows,
          SbProfile *profile)
{
  for (guint i = 0; i < rows->len; i++)
    {
      SbProfileRow *row = g_ptr_array_index (rows, i);

      if (sb_profile_row_get_profile (row) == profile)
        return row;
    }

  return NULL;
}

/* Rows of profiles still listed are kept, so they keep their expansion and focus. */
static void
rebuild_profiles (SbPreferences *self)
{
  GListModel *profiles = G_LIST_MODEL (self->store);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean reorder = FALSE;
  guint in_place = 0;

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(SbProfile) profile = g_list_model_get_item (profiles, i);
      SbProfileRow *row = find_row (self->rows, profile);

      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
      else
        g_ptr_array_add (rows, g_object_ref_sink (sb_profile_row_new (profile)));
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (!g_ptr_array_find (rows, row, NULL))
        adw_preferences_group_remove (self->profiles_group, row);
      else if (!reorder && in_place < rows->len && g_ptr_array_index (rows, in_place) == row)
        in_place++;
      else
        reorder = TRUE;
    }

  if (reorder)
    {
      for (guint i = 0; i < self->rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->rows, i);

          if (g_ptr_array_find (rows, row, NULL))
            adw_preferences_group_remove (self->profiles_group, row);
        }
      in_place = 0;
    }

  for (guint i = in_place; i < rows->len; i++)
    adw_preferences_group_add (self->profiles_group, g_ptr_array_index (rows, i));

  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);

  adw_preferences_group_set_description (self->profiles_group,
                                         self->rows->len == 0
                                         ? _("No profiles yet. Add one here, or sign in from the main window.")
                                         : _("Each profile is an identity provider’s sign-in address and where its answer goes: an Anypoint Platform, or another service whose SAML response you capture."));
}

static char *
new_profile_name (SbPreferences *self)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (_("New Profile")) : g_strdup_printf (_("New Profile %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->rows->len && !taken; i++)
        taken = g_strcmp0 (sb_profile_get_name (sb_profile_row_get_profile (g_ptr_array_index (self->rows, i))), name) == 0;

      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
add_profile_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sb_preferences_add_profile (SB_PREFERENCES (widget));
}

static void
sb_preferences_dispose (GObject *object)
{
  SbPreferences *self = (SbPreferences *)object;

  g_clear_object (&self->settings);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PREFERENCES);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_preferences_parent_class)->dispose (object);
}

static void
sb_preferences_class_init (SbPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, clipboard_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, profiles_page);
  gtk_widget_class_bind_template_child (widget_class, SbPreferences, profiles_group);

  gtk_widget_class_install_action (widget_class, "prefs.add-profile", NULL, add_profile_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "prefs.add-profile", NULL);

  g_type_ensure (SB_TYPE_PROFILE_ROW);
}

static void
sb_preferences_init (SbPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "clipboard-clear-seconds", self->clipboard_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-timeout", self->timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  self->store = g_object_ref (sb_profile_store_get_default ());
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (rebuild_profiles), self, G_CONNECT_SWAPPED);

  rebuild_profiles (self);
}

GtkWindow *
sb_preferences_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_PREFERENCES, "transient-for", parent, NULL);
}

void
sb_preferences_show_profiles (SbPreferences *self)
{
  g_return_if_fail (SB_IS_PREFERENCES (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->profiles_page);
}

/* Saves a new, empty Anypoint profile and opens its row for editing. */
void
sb_preferences_add_profile (SbPreferences *self)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autofree char *name = NULL;
  SbProfileRow *row;

  g_return_if_fail (SB_IS_PREFERENCES (self));

  name = new_profile_name (self);
  profile = sb_profile_new (NULL);
  sb_profile_set_name (profile, name);
  sb_profile_store_add (self->store, profile);

  row = find_row (self->rows, profile);
  g_assert (row != NULL);

  sb_preferences_show_profiles (self);
  sb_profile_row_focus_name (row);
}
