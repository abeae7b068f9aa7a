#pragma once

#include "sb-platform.h"

#include <libsoup/soup.h>

G_BEGIN_DECLS

struct _SbPlatform
{
  GObject       parent_instance;

  char         *url;
  char         *host;
  char         *proxy_url;
  char         *ca_file;
  GTlsDatabase *ca_database;
  SoupSession  *session;
  GCancellable *preconnect_cancellable;
  guint         timeout;
  guint         session_minutes;
};

/* sb-platform.c */
void sb_platform_watch_certificate (SbPlatform            *self,
                                    SoupMessage           *message);

/* sb-platform-request.c */
void sb_platform_send_request      (SbPlatform            *self,
                                    GTask                 *task,
                                    SbPlatformRequestKind  kind,
                                    SoupMessage           *message,
                                    SbToken               *token);

G_END_DECLS
