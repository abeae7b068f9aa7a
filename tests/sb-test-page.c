#define G_LOG_DOMAIN "sb-test-utils"

#include "config.h"

#include "sb-test-page.h"

struct _SbTestPage
{
  GObject parent_instance;

  guint   starts;
  guint   stops;
};

static void
sb_test_page_start (SbPageSource *source,
                    SbProfile    *profile)
{
  SB_TEST_PAGE (source)->starts++;
}

static void
sb_test_page_stop (SbPageSource *source)
{
  SB_TEST_PAGE (source)->stops++;
}

static void
sb_test_page_iface_init (SbPageSourceInterface *iface)
{
  iface->start = sb_test_page_start;
  iface->stop = sb_test_page_stop;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SbTestPage, sb_test_page, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SB_TYPE_PAGE_SOURCE, sb_test_page_iface_init))

static void
sb_test_page_class_init (SbTestPageClass *klass)
{
}

static void
sb_test_page_init (SbTestPage *self)
{
}

SbTestPage *
sb_test_page_new (void)
{
  return g_object_new (SB_TYPE_TEST_PAGE, NULL);
}

guint
sb_test_page_get_starts (SbTestPage *self)
{
  return self->starts;
}

guint
sb_test_page_get_stops (SbTestPage *self)
{
  return self->stops;
}
