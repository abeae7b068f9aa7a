#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void sb_combo_row_wrap_items (AdwComboRow *row);

G_END_DECLS
