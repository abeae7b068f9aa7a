#define G_LOG_DOMAIN "sb-page-source"

#include "config.h"

#include "sb-page-source.h"

G_DEFINE_INTERFACE (SbPageSource, sb_page_source, G_TYPE_OBJECT)
G_DEFINE_QUARK (sb-page-source-error-quark, sb_page_source_error)

enum {
  PAGE_LOADED,
  CAPTURED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sb_page_source_default_init (SbPageSourceInterface *iface)
{
  signals[PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CAPTURED] =
    g_signal_new ("captured", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_CAPTURE);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

void
sb_page_source_start (SbPageSource *self,
                      SbProfile    *profile)
{
  g_return_if_fail (SB_IS_PAGE_SOURCE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));

  SB_PAGE_SOURCE_GET_IFACE (self)->start (self, profile);
}

void
sb_page_source_stop (SbPageSource *self)
{
  g_return_if_fail (SB_IS_PAGE_SOURCE (self));

  SB_PAGE_SOURCE_GET_IFACE (self)->stop (self);
}

void
sb_page_source_emit_page_loaded (SbPageSource *self)
{
  g_return_if_fail (SB_IS_PAGE_SOURCE (self));

  g_signal_emit (self, signals[PAGE_LOADED], 0);
}

void
sb_page_source_emit_captured (SbPageSource *self,
                              SbCapture    *capture)
{
  g_return_if_fail (SB_IS_PAGE_SOURCE (self));
  g_return_if_fail (SB_IS_CAPTURE (capture));

  g_signal_emit (self, signals[CAPTURED], 0, capture);
}

void
sb_page_source_emit_failed (SbPageSource *self,
                            const GError *error)
{
  g_return_if_fail (SB_IS_PAGE_SOURCE (self));
  g_return_if_fail (error != NULL);

  g_signal_emit (self, signals[FAILED], 0, error);
}
