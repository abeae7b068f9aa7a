#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_WARNING_LIST (sb_warning_list_get_type ())

G_DECLARE_FINAL_TYPE (SbWarningList, sb_warning_list, SB, WARNING_LIST, AdwPreferencesGroup)

void sb_warning_list_show  (SbWarningList *self,
                            GPtrArray     *warnings,
                            gboolean       beside_error);
void sb_warning_list_clear (SbWarningList *self);

G_END_DECLS
