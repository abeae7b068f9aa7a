#define G_LOG_DOMAIN "sb-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-preferences.h"

struct _SbPreferences
{
  AdwPreferencesWindow  parent_instance;

  GtkSpinButton        *clipboard_spin;
  GtkSpinButton        *timeout_spin;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SbPreferences, sb_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
sb_preferences_dispose (GObject *object)
{
  SbPreferences *self = (SbPreferences *)object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PREFERENCES);

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
}

static void
sb_preferences_init (SbPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "clipboard-clear-seconds", self->clipboard_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-timeout", self->timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

GtkWindow *
sb_preferences_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
