/* What the tests share: running the main loop until something happens, async
 * results, loopback servers and ports, and the platform calls made blocking.
 * No GTK here: the headless tests link this too. */
#define G_LOG_DOMAIN "sb-test-utils"

#include "config.h"

#include "sb-test-utils.h"

#include <string.h>
#include <glib/gstdio.h>

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Dispatches whatever is pending, without waiting. */
void
sb_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop for @ms milliseconds. */
void
sb_test_run_for (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, set_flag, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @condition holds or @seconds pass; returns whether it held. */
gboolean
sb_test_wait_for (SbTestCondition condition,
                  gpointer        data,
                  guint           seconds)
{
  gboolean expired = FALSE;
  gboolean met = FALSE;
  guint id = g_timeout_add_seconds (seconds, set_flag, &expired);

  while (!expired && !(met = condition (data)))
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return met;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(const gboolean *) data;
}

gboolean
sb_test_wait_for_flag (const gboolean *flag,
                       guint           seconds)
{
  return sb_test_wait_for (flag_is_set, (gpointer) flag, seconds);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* @slot points to a pointer: waits until it is not %NULL. */
gboolean
sb_test_wait_for_pointer (gpointer slot,
                          guint    seconds)
{
  return sb_test_wait_for (pointer_is_set, slot, seconds);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * at @user_data. */
void
sb_test_on_result (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Waits (30 seconds at most) for sb_test_on_result() to fill @slot. */
GAsyncResult *
sb_test_wait_for_result (GAsyncResult **slot)
{
  g_assert_true (sb_test_wait_for_pointer (slot, 30));

  return *slot;
}

/* A loopback port nothing listens on: connections to it are refused. */
guint16
sb_test_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  return port;
}

/* A file of tests/fixtures/tls. */
char *
sb_test_tls_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "tls", name, NULL);
}

GTlsCertificate *
sb_test_load_certificate (const char *cert_name,
                          const char *key_name)
{
  g_autofree char *cert_path = sb_test_tls_path (cert_name);
  g_autofree char *key_path = sb_test_tls_path (key_name);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);

  g_assert_no_error (error);
  return certificate;
}

/* Listens on a free loopback port, with TLS when @server has a certificate;
 * returns "http://127.0.0.1:PORT" (or https). */
char *
sb_test_listen (SoupServer *server)
{
  gboolean https = soup_server_get_tls_certificate (server) != NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | (https ? SOUP_SERVER_LISTEN_HTTPS : 0), &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);

  return g_strdup_printf ("%s://127.0.0.1:%d", https ? "https" : "http", g_uri_get_port (uris->data));
}

/* A SoupServerCallback that answers every request with the HTML at @page. */
void
sb_test_serve_page (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           page)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

/* A server that answers every request with @page (static), over TLS with the
 * named certificate and key of tests/fixtures/tls, in the thread-default context. */
SoupServer *
sb_test_tls_page_server_new (const char  *cert_name,
                             const char  *key_name,
                             const char  *page,
                             char       **url)
{
  g_autoptr(GTlsCertificate) certificate = sb_test_load_certificate (cert_name, key_name);
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);

  soup_server_add_handler (server, NULL, sb_test_serve_page, (gpointer) page, NULL);
  *url = sb_test_listen (server);

  return server;
}

/* A new directory named for @test, with XDG_DATA_HOME and XDG_CACHE_HOME below it; for
 * sb_test_remove_tree() at the end. Call it before anything asks GLib for them: it keeps
 * the first answer. */
char *
sb_test_use_private_home (const char *test)
{
  g_autofree char *template = g_strdup_printf ("sb-test-%s-XXXXXX", test);
  char *home = g_dir_make_tmp (template, NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  return home;
}

/* Whether the test runs against gnome-keyring-daemon on a private bus; skips it if not. */
gboolean
sb_test_require_keyring (void)
{
  if (g_strcmp0 (g_getenv ("SB_TEST_KEYRING"), "1") != 0)
    {
      g_test_skip ("Needs gnome-keyring-daemon on a private bus: run through tests/gui-test-wrapper --keyring");
      return FALSE;
    }

  return TRUE;
}

/* Whether the test runs on a private bus with no Secret Service; skips it if not. */
gboolean
sb_test_require_no_keyring (void)
{
  if (g_strcmp0 (g_getenv ("SB_TEST_PRIVATE_BUS"), "1") != 0 || g_getenv ("SB_TEST_KEYRING") != NULL)
    {
      g_test_skip ("Needs a private bus with no Secret Service: run through tests/gui-test-wrapper");
      return FALSE;
    }

  return TRUE;
}

/* Removes @path and what is below it; links are removed, not followed. */
gboolean
sb_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sb_test_remove_tree (child);
      else
        g_remove (child);
    }

  return g_remove (path) == 0;
}

SbToken *
sb_test_exchange (SbPlatform    *platform,
                  SbCapture     *capture,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_platform_exchange_async (platform, capture, cancellable, sb_test_on_result, &result);
  return sb_platform_exchange_finish (platform, sb_test_wait_for_result (&result), error);
}

gboolean
sb_test_who_am_i (SbPlatform  *platform,
                  SbToken     *token,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_platform_who_am_i_async (platform, token, NULL, sb_test_on_result, &result);
  return sb_platform_who_am_i_finish (platform, sb_test_wait_for_result (&result), error);
}
