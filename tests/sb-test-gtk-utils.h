#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *sb_test_find_dialog   (void);
guint             sb_test_count_dialogs (void);

G_END_DECLS
