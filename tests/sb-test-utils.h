#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sb-platform.h"

G_BEGIN_DECLS

typedef gboolean (*SbTestCondition) (gpointer data);

void             sb_test_iterate            (void);
void             sb_test_run_for            (guint             ms);
gboolean         sb_test_wait_for           (SbTestCondition   condition,
                                             gpointer          data,
                                             guint             seconds);
gboolean         sb_test_wait_for_flag      (const gboolean   *flag,
                                             guint             seconds);
gboolean         sb_test_wait_for_pointer   (gpointer          slot,
                                             guint             seconds);
void             sb_test_on_result          (GObject          *object,
                                             GAsyncResult     *result,
                                             gpointer          user_data);
GAsyncResult    *sb_test_wait_for_result    (GAsyncResult    **slot);

guint16          sb_test_closed_port        (void);
char            *sb_test_tls_path           (const char       *name);
GTlsCertificate *sb_test_load_certificate   (const char       *cert_name,
                                             const char       *key_name);
char            *sb_test_listen             (SoupServer       *server);
void             sb_test_serve_page         (SoupServer        *server,
                                             SoupServerMessage *message,
                                             const char        *path,
                                             GHashTable        *query,
                                             gpointer           page);
SoupServer      *sb_test_tls_page_server_new (const char      *cert_name,
                                              const char      *key_name,
                                              const char      *page,
                                              char           **url);

gboolean         sb_test_require_keyring    (void);
gboolean         sb_test_require_no_keyring (void);

char            *sb_test_use_private_home   (const char       *test);
gboolean         sb_test_remove_tree        (const char       *path);

SbToken         *sb_test_exchange           (SbPlatform       *platform,
                                             SbCapture        *capture,
                                             GCancellable     *cancellable,
                                             GError          **error);
gboolean         sb_test_who_am_i           (SbPlatform       *platform,
                                             SbToken          *token,
                                             GError          **error);

G_END_DECLS
