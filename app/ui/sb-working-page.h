#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_WORKING_PAGE (sb_working_page_get_type ())

G_DECLARE_FINAL_TYPE (SbWorkingPage, sb_working_page, SB, WORKING_PAGE, AdwBin)

void sb_working_page_set_host (SbWorkingPage *self,
                               const char    *host);

G_END_DECLS
