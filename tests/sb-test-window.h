#pragma once

#include <adwaita.h>

#include "sb-mock.h"
#include "sb-window-private.h"

G_BEGIN_DECLS

SbProfile     *sb_test_add_profile              (SbMock         *mock,
                                                 const char     *name,
                                                 const char     *query,
                                                 gboolean        remember);
SbWindow      *sb_test_window_new               (GtkApplication *application,
                                                 SbProfile      *profile);
SbWindow      *sb_test_window_sign_in_with_form (GtkApplication *application,
                                                 SbProfile      *profile);
void           sb_test_window_close             (SbWindow       *window);
void           sb_test_window_clean_up          (void);

SbSignInState  sb_test_window_state             (SbWindow       *window);
gboolean       sb_test_window_is_over           (gpointer        window);
void           sb_test_window_wait_done         (SbWindow       *window);
void           sb_test_window_fill_in_form      (SbWindow       *window);
char          *sb_test_window_dup_token_hash    (SbWindow       *window);
gboolean       sb_test_is_mapped                (gpointer        widget);

gboolean       sb_test_shows_text               (GtkWidget      *widget,
                                                 const char     *text);
void           sb_test_assert_shows             (SbWindow       *window,
                                                 const char     *text);
GtkWidget     *sb_test_find_row                 (GtkWidget      *widget,
                                                 GType           type,
                                                 const char     *title);
GtkWidget     *sb_test_find_button              (GtkWidget      *widget,
                                                 const char     *action);

SbToken       *sb_test_look_up                  (SbProfile      *profile);
void           sb_test_age_kept_token           (SbProfile      *profile,
                                                 int             minutes);
gint64         sb_test_mock_stat                (SbMock         *mock,
                                                 const char     *name);

G_END_DECLS
