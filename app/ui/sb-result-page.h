#pragma once

#include <adwaita.h>

#include "sb-sign-in.h"

G_BEGIN_DECLS

#define SB_TYPE_RESULT_PAGE (sb_result_page_get_type ())

G_DECLARE_FINAL_TYPE (SbResultPage, sb_result_page, SB, RESULT_PAGE, AdwBin)

void sb_result_page_show     (SbResultPage *self,
                              SbSignIn     *sign_in);
void sb_result_page_show_who (SbResultPage *self,
                              const GError *who_error);
void sb_result_page_show_keyring (SbResultPage *self,
                                  gboolean      kept,
                                  const char   *why_not);
void sb_result_page_set_renewal  (SbResultPage *self,
                                  const char   *note);
void sb_result_page_clear    (SbResultPage *self);

G_END_DECLS
