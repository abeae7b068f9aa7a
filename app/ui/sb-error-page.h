#pragma once

#include <adwaita.h>

#include "sb-sign-in.h"

G_BEGIN_DECLS

#define SB_TYPE_ERROR_PAGE (sb_error_page_get_type ())

G_DECLARE_FINAL_TYPE (SbErrorPage, sb_error_page, SB, ERROR_PAGE, AdwBin)

void sb_error_page_show (SbErrorPage *self,
                         SbSignIn    *sign_in);

G_END_DECLS
