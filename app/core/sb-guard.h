#pragma once

#include <glib.h>

#include "sb-profile.h"

G_BEGIN_DECLS

/* The addresses a sign-in page must never reach, because a request to them could
 * carry the single-use assertion: every Anypoint control plane, every platform
 * sign-in address (ACS) wherever it is, and the sign-ins' own platform or
 * capture address. The login view stops navigations to them, and its web process
 * extension refuses every other request to them. */
typedef struct _SbGuard SbGuard;

SbGuard  *sb_guard_new               (void);
SbGuard  *sb_guard_new_from_variant  (GVariant   *variant);
void      sb_guard_add_profile       (SbGuard    *self,
                                      SbProfile  *profile);
void      sb_guard_merge             (SbGuard    *self,
                                      SbGuard    *other);
GVariant *sb_guard_to_variant        (SbGuard    *self);
gboolean  sb_guard_blocks            (SbGuard    *self,
                                      const char *url);
void      sb_guard_free              (SbGuard    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbGuard, sb_guard_free)

G_END_DECLS
