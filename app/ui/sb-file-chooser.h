#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkNativeDialog *sb_file_chooser_new_for_row (AdwEntryRow *row,
                                              const char  *title);

G_END_DECLS
