#pragma once

#include <adwaita.h>

#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_SETUP_PAGE (sb_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (SbSetupPage, sb_setup_page, SB, SETUP_PAGE, AdwBin)

void      sb_setup_page_fill      (SbSetupPage  *self,
                                   SbProfile    *profile);
gboolean  sb_setup_page_read      (SbSetupPage  *self,
                                   char        **platform_url,
                                   char        **idp_url);
char     *sb_setup_page_dup_name  (SbSetupPage  *self,
                                   gboolean     *suggested);

G_END_DECLS
