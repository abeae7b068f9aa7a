#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_PREFERENCES (sb_preferences_get_type ())

G_DECLARE_FINAL_TYPE (SbPreferences, sb_preferences, SB, PREFERENCES, AdwPreferencesWindow)

GtkWindow *sb_preferences_new           (GtkWindow     *parent);
void       sb_preferences_show_profiles (SbPreferences *self);
void       sb_preferences_add_profile   (SbPreferences *self);

G_END_DECLS
