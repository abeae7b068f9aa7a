/* A recording HTTP proxy for the tests: it listens on 127.0.0.1, forwards
 * absolute-form requests ("GET http://host/path HTTP/1.1") with a session that
 * uses no proxy itself, and remembers the method and address of each. No CONNECT:
 * the tests go through it with plain http on loopback.
 *
 * Made with sb_proxy_new_reverse(), it is instead a server of its own (https with
 * the given certificate) that passes every request on to one upstream address:
 * the mock platform behind TLS. */
#define G_LOG_DOMAIN "sb-proxy"

#include "config.h"

#include "sb-proxy.h"

#include <string.h>
#include <libsoup/soup.h>

struct _SbProxy
{
  GObject      parent_instance;

  SoupServer  *server;
  SoupSession *session;
  char        *url;
  int          port;
  char        *upstream;
  GTlsCertificate *certificate;
  /* "METHOD absolute-url", one per request, in order. */
  GPtrArray   *requests;
};

static void sb_proxy_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbProxy, sb_proxy, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, sb_proxy_initable_iface_init))

typedef struct {
  SbProxy           *self;
  SoupServerMessage *incoming;
  SoupMessage       *outgoing;
} Forward;

static const char * const hop_by_hop[] = {
  "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization", "Proxy-Authenticate",
  "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Content-Length", "Host", NULL,
};

static void
copy_headers (SoupMessageHeaders *from,
              SoupMessageHeaders *to)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, from);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      gboolean skip = FALSE;

      for (guint i = 0; hop_by_hop[i] != NULL && !skip; i++)
        skip = g_ascii_strcasecmp (name, hop_by_hop[i]) == 0;

      if (!skip)
        soup_message_headers_append (to, name, value);
    }
}

static void
forward_free (Forward *forward)
{
  g_object_unref (forward->incoming);
  g_object_unref (forward->outgoing);
  g_object_unref (forward->self);
  g_free (forward);
}

static void
on_forwarded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *forward = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (forward->incoming);

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      soup_server_message_set_status (forward->incoming, SOUP_STATUS_BAD_GATEWAY, NULL);
      soup_server_message_set_response (forward->incoming, "text/plain", SOUP_MEMORY_COPY,
                                        error->message, strlen (error->message));
    }
  else
    {
      soup_server_message_set_status (forward->incoming, soup_message_get_status (forward->outgoing),
                                      soup_message_get_reason_phrase (forward->outgoing));
      copy_headers (soup_message_get_response_headers (forward->outgoing), headers);
      soup_message_body_append_bytes (soup_server_message_get_response_body (forward->incoming), body);
    }

  soup_server_message_unpause (forward->incoming);
  forward_free (forward);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SbProxy *self = user_data;
  const char *method = soup_server_message_get_method (message);
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *address = g_uri_to_string (uri);
  g_autoptr(GUri) upstream_uri = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *out_headers;
  Forward *forward;

  g_ptr_array_add (self->requests, g_strdup_printf ("%s %s", method, address));

  if (self->upstream != NULL)
    {
      const char *raw_query = g_uri_get_query (uri);
      g_autofree char *target = g_strconcat (self->upstream, g_uri_get_path (uri),
                                             raw_query != NULL ? "?" : "", raw_query != NULL ? raw_query : "",
                                             NULL);

      uri = upstream_uri = g_uri_parse (target, SOUP_HTTP_URI_FLAGS, NULL);
      g_assert (uri != NULL);
    }
  /* A request for the proxy itself (origin-form) would loop back to it. */
  else if (g_uri_get_port (uri) == self->port)
    {
      soup_server_message_set_status (message, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }

  forward = g_new0 (Forward, 1);
  forward->self = g_object_ref (self);
  forward->incoming = g_object_ref (message);
  forward->outgoing = soup_message_new_from_uri (method, uri);
  soup_message_add_flags (forward->outgoing, SOUP_MESSAGE_NO_REDIRECT);

  out_headers = soup_message_get_request_headers (forward->outgoing);
  copy_headers (soup_server_message_get_request_headers (message), out_headers);
  soup_message_headers_remove (out_headers, "Accept-Encoding");

  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (forward->outgoing,
                                              soup_message_headers_get_content_type (out_headers, NULL),
                                              body);

  soup_server_message_pause (message);
  soup_session_send_and_read_async (self->session, forward->outgoing, G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded, forward);
}

static gboolean
sb_proxy_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  SbProxy *self = SB_PROXY (initable);
  g_autoslist(GUri) uris = NULL;

  self->server = soup_server_new ("server-header", "sb-proxy ", "tls-certificate", self->certificate, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  if (!soup_server_listen_local (self->server, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY | (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                 error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  self->url = g_strdup_printf ("%s://127.0.0.1:%d", self->certificate != NULL ? "https" : "http", self->port);

  return TRUE;
}

static void
sb_proxy_initable_iface_init (GInitableIface *iface)
{
  iface->init = sb_proxy_initable_init;
}

static void
sb_proxy_dispose (GObject *object)
{
  SbProxy *self = SB_PROXY (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (sb_proxy_parent_class)->dispose (object);
}

static void
sb_proxy_finalize (GObject *object)
{
  SbProxy *self = SB_PROXY (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->upstream, g_free);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->requests, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_proxy_parent_class)->finalize (object);
}

static void
sb_proxy_class_init (SbProxyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_proxy_dispose;
  object_class->finalize = sb_proxy_finalize;
}

static void
sb_proxy_init (SbProxy *self)
{
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new ("direct://", NULL);

  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->session = soup_session_new_with_options ("proxy-resolver", direct, NULL);
}

/* Starts the proxy on a random loopback port, in the thread-default main context. */
SbProxy *
sb_proxy_new (GError **error)
{
  return g_initable_new (SB_TYPE_PROXY, NULL, error, NULL);
}

/* A server at its own https address (with @certificate; http when NULL) that
 * forwards every request to the same path under @upstream, e.g. the mock platform. */
SbProxy *
sb_proxy_new_reverse (const char       *upstream,
                      GTlsCertificate  *certificate,
                      GError          **error)
{
  g_autoptr(SbProxy) self = g_object_new (SB_TYPE_PROXY, NULL);

  g_return_val_if_fail (upstream != NULL, NULL);

  self->upstream = g_strdup (upstream);
  while (g_str_has_suffix (self->upstream, "/"))
    self->upstream[strlen (self->upstream) - 1] = '\0';
  g_set_object (&self->certificate, certificate);

  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* "http://127.0.0.1:PORT", for a proxy setting (or the https address of a reverse one). */
const char *
sb_proxy_get_url (SbProxy *self)
{
  g_return_val_if_fail (SB_IS_PROXY (self), NULL);

  return self->url;
}

guint
sb_proxy_get_request_count (SbProxy *self)
{
  g_return_val_if_fail (SB_IS_PROXY (self), 0);

  return self->requests->len;
}

/* Whether a request with @method went through for an address whose path starts with @path. */
gboolean
sb_proxy_saw (SbProxy    *self,
              const char *method,
              const char *path)
{
  g_return_val_if_fail (SB_IS_PROXY (self), FALSE);
  g_return_val_if_fail (method != NULL && path != NULL, FALSE);

  for (guint i = 0; i < self->requests->len; i++)
    {
      const char *line = g_ptr_array_index (self->requests, i);
      const char *address = strchr (line, ' ');
      g_autoptr(GUri) uri = NULL;

      if (address == NULL || strncmp (line, method, address - line) != 0 || strlen (method) != (gsize)(address - line))
        continue;

      uri = g_uri_parse (address + 1, G_URI_FLAGS_ENCODED, NULL);
      if (uri != NULL && g_str_has_prefix (g_uri_get_path (uri), path))
        return TRUE;
    }

  return FALSE;
}

/* Every request seen, one "METHOD address" a line, for test messages. */
char *
sb_proxy_dup_log (SbProxy *self)
{
  GString *log;

  g_return_val_if_fail (SB_IS_PROXY (self), NULL);

  log = g_string_new (NULL);
  for (guint i = 0; i < self->requests->len; i++)
    g_string_append_printf (log, "%s\n", (const char *) g_ptr_array_index (self->requests, i));

  return g_string_free (log, FALSE);
}
