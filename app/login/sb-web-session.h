#pragma once

#include <webkit/webkit.h>

#include "sb-profile.h"

G_BEGIN_DECLS

#define SB_TYPE_WEB_SESSION (sb_web_session_get_type ())

G_DECLARE_FINAL_TYPE (SbWebSession, sb_web_session, SB, WEB_SESSION, GObject)

SbWebSession         *sb_web_session_new                 (void);
gboolean              sb_web_session_set_profile         (SbWebSession *self,
                                                          SbProfile    *profile);
WebKitNetworkSession *sb_web_session_get_network_session (SbWebSession *self);
void                  sb_web_session_set_proxy           (SbWebSession *self,
                                                          const char   *proxy_url);

G_END_DECLS
