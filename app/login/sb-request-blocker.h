#pragma once

#include <glib-object.h>

#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_REQUEST_BLOCKER (sb_request_blocker_get_type ())

G_DECLARE_FINAL_TYPE (SbRequestBlocker, sb_request_blocker, SB, REQUEST_BLOCKER, GObject)

SbRequestBlocker *sb_request_blocker_new         (void);
gboolean          sb_request_blocker_set_profile (SbRequestBlocker  *self,
                                                  SbProfile         *profile,
                                                  GError           **error);
gboolean          sb_request_blocker_blocks      (SbRequestBlocker  *self,
                                                  const char        *url);

G_END_DECLS
