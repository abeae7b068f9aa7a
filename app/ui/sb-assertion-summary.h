#pragma once

#include <adwaita.h>

#include "sb-saml.h"

G_BEGIN_DECLS

#define SB_TYPE_ASSERTION_SUMMARY (sb_assertion_summary_get_type ())

G_DECLARE_FINAL_TYPE (SbAssertionSummary, sb_assertion_summary, SB, ASSERTION_SUMMARY, AdwPreferencesPage)

void sb_assertion_summary_set_saml (SbAssertionSummary *self,
                                    SbSaml             *saml,
                                    const char         *platform_url);

G_END_DECLS
