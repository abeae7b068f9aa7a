#pragma once

#include <glib-object.h>

#include "sb-capture.h"
#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_PAGE_SOURCE_ERROR (sb_page_source_error_quark ())

typedef enum {
  SB_PAGE_SOURCE_ERROR_LOAD,
  SB_PAGE_SOURCE_ERROR_TLS,
  SB_PAGE_SOURCE_ERROR_CRASHED,
  SB_PAGE_SOURCE_ERROR_UNCONFIRMED,
  SB_PAGE_SOURCE_ERROR_CONFLICT,
} SbPageSourceError;

#define SB_TYPE_PAGE_SOURCE (sb_page_source_get_type ())

G_DECLARE_INTERFACE (SbPageSource, sb_page_source, SB, PAGE_SOURCE, GObject)

/* What a sign-in needs of the page the user signs in on: the login view in the
 * app, a scripted fake in the tests. It reports "page-loaded" once, when the
 * IdP's first page has loaded, then "captured" or "failed" (an error in
 * SB_PAGE_SOURCE_ERROR). */
struct _SbPageSourceInterface
{
  GTypeInterface parent_iface;

  void (*start) (SbPageSource *self,
                 SbProfile    *profile);
  void (*stop)  (SbPageSource *self);
};

GQuark sb_page_source_error_quark      (void);
void   sb_page_source_start            (SbPageSource *self,
                                        SbProfile    *profile);
void   sb_page_source_stop             (SbPageSource *self);
void   sb_page_source_emit_page_loaded (SbPageSource *self);
void   sb_page_source_emit_captured    (SbPageSource *self,
                                        SbCapture    *capture);
void   sb_page_source_emit_failed      (SbPageSource *self,
                                        const GError *error);

G_END_DECLS
