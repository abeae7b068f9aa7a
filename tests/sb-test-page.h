#pragma once

#include "sb-page-source.h"

G_BEGIN_DECLS

/* A page source the tests script: it counts starts and stops, and a test emits
 * what a real page would report (sb_page_source_emit_captured() and the others). */
#define SB_TYPE_TEST_PAGE (sb_test_page_get_type ())

G_DECLARE_FINAL_TYPE (SbTestPage, sb_test_page, SB, TEST_PAGE, GObject)

SbTestPage *sb_test_page_new        (void);
guint       sb_test_page_get_starts (SbTestPage *self);
guint       sb_test_page_get_stops  (SbTestPage *self);

G_END_DECLS
