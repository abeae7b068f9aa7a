#pragma once

#include "sb-profile.h"

G_BEGIN_DECLS

GSettings *sb_profile_create_settings (const char *id);
void       sb_profile_read_settings   (SbProfile  *self,
                                       GSettings  *settings);

G_END_DECLS
