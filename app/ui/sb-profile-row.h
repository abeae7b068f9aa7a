#pragma once

#include <adwaita.h>

#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_PROFILE_ROW (sb_profile_row_get_type ())

G_DECLARE_FINAL_TYPE (SbProfileRow, sb_profile_row, SB, PROFILE_ROW, AdwExpanderRow)

GtkWidget *sb_profile_row_new         (SbProfile    *profile);
SbProfile *sb_profile_row_get_profile (SbProfileRow *self);
void       sb_profile_row_focus_name  (SbProfileRow *self);

G_END_DECLS
