#pragma once

#include <gtk/gtk.h>

#include "sb-login-view.h"

G_BEGIN_DECLS

#define SB_TYPE_PAGE_TITLE (sb_page_title_get_type ())

G_DECLARE_FINAL_TYPE (SbPageTitle, sb_page_title, SB, PAGE_TITLE, GtkWidget)

GtkWidget  *sb_page_title_new          (void);
void        sb_page_title_set_host     (SbPageTitle *self,
                                        const char  *host);
void        sb_page_title_set_security (SbPageTitle *self,
                                        SbSecurity   security);

G_END_DECLS
