#define G_LOG_DOMAIN "sb-platform"

#include "config.h"

#include "sb-platform.h"
#include "sb-platform-private.h"

#include "sb-platform-answer.h"
#include "sb-secret.h"
#include "sb-trace.h"
#include "sb-url.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#define READ_CHUNK 16384

typedef struct {
  SbPlatformRequestKind  kind;
  SoupMessage           *message;
  GInputStream          *stream;
  char                  *body;
  gsize                  size;
  gsize                  filled;
  SbToken               *token;
  GCancellable          *cancellable;
  GCancellable          *caller_cancellable;
  gulong                 cancelled_id;
  gboolean               resent;
} Request;

static void
request_free (Request *request)
{
  if (request->body != NULL)
    {
      sb_secret_wipe (request->body, request->size);
      g_free (request->body);
    }

  if (request->message != NULL)
    g_signal_handlers_disconnect_by_data (request->message, request);
  g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  g_clear_object (&request->token);
  g_free (request);
}

/* The answer buffer holds the token: a bigger one is a copy, and the old one is wiped. */
static void
request_grow_body (Request *request,
                   gsize    size)
{
  char *body;

  if (request->size >= size)
    return;

  body = g_malloc (size);
  if (request->body != NULL)
    {
      memcpy (body, request->body, request->filled);
      sb_secret_wipe (request->body, request->size);
      g_free (request->body);
    }

  request->body = body;
  request->size = size;
}

static gboolean
is_tls_certificate_error (const GError *error)
{
  return g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
         g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED);
}

static GError *
map_tls_error (SbPlatform   *self,
               const GError *error)
{
  g_assert (error->domain == G_TLS_ERROR);

  if (!is_tls_certificate_error (error))
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TLS,
                        _("Could not make a secure connection to %s, so nothing was sent. Check the platform address and try again."),
                        self->host);

  return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TLS,
                      self->ca_file != NULL
                      ? _("The certificate of %s is not trusted, not even by the profile’s certificate authority file, so nothing was sent. Check that file and the platform address.")
                      : _("The certificate of %s is not trusted, so nothing was sent. Check the platform address; your network may be intercepting secure connections."),
                      self->host);
}

/* Turns a transport error into a sentence about what the user can do. */
static GError *
map_transport_error (SbPlatform   *self,
                     const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Request to %s failed: %s", self->host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_RESOLVE,
                        _("Could not find %s. Check the platform address and your network connection."),
                        self->host);

  if (error->domain == G_TLS_ERROR)
    return map_tls_error (self, error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TIMEOUT,
                        ngettext ("%s did not answer within %u second. Check your network connection and try again.",
                                  "%s did not answer within %u seconds. Check your network connection and try again.",
                                  self->timeout),
                        self->host, self->timeout);

  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER,
                        _("The answer from %s could not be read. Try again in a few minutes."),
                        self->host);

  if (self->proxy_url != NULL)
    {
      g_autofree char *proxy_host = sb_url_display_host (self->proxy_url);

      return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK,
                          _("Could not connect to %s through the proxy %s. Check the proxy settings and your network connection, and try again."),
                          self->host, proxy_host);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK,
                        _("The connection to %s was lost before it answered. Check your network connection and try again."),
                        self->host);

  return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK,
                      _("Could not connect to %s. Check your network connection and try again."),
                      self->host);
}

static void read_next (GTask *task);

static void
request_done (GTask *task)
{
  SbPlatform *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_bytes_new_static (request->body, request->filled);
  const char *content_type;
  guint status;
  GError *error = NULL;

  g_clear_object (&request->stream);

  status = soup_message_get_status (request->message);
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (request->message), NULL);

  if (request->kind == SB_PLATFORM_REQUEST_EXCHANGE)
    {
      SbToken *token;

      sb_trace ("platform-exchange-answered");
      token = sb_platform_parse_exchange (self->url, status, content_type, body, self->session_minutes, &error);
      if (token != NULL)
        g_task_return_pointer (task, token, g_object_unref);
      else
        g_task_return_error (task, error);
    }
  else
    {
      g_autoptr(JsonObject) user = sb_platform_parse_user (status, content_type, body, &error);

      if (user != NULL)
        {
          sb_token_set_user (request->token, user);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, error);
    }

  g_object_unref (task);
}

/* The exchange is never sent twice: libsoup resends a message it was told to
 * (421 Misdirected Request, a redirect, an authentication) or a request
 * that died on a reused connection; for the exchange that is stopped, and
 * this says why.
 */
static GError *
dup_send_error (GTask        *task,
                const GError *error)
{
  SbPlatform *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (!request->resent)
    return map_transport_error (self, error);

  return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NETWORK,
                      _("%s asked for the sign-in to be sent again. It was not, as a sign-in can be used only once: sign in again."),
                      self->host);
}

static GError *
new_too_large_error (GTask *task)
{
  SbPlatform *self = g_task_get_source_object (task);

  return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TOO_LARGE,
                      _("The answer from %s is too large to be a token. Check the platform address."),
                      self->host);
}

static void
request_fail (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GCancellable) abort = g_cancellable_new ();

  /* Closing skips the rest of the answer; with a cancelled cancellable it
   * drops the connection instead of reading on. */
  if (request->stream != NULL)
    {
      g_cancellable_cancel (abort);
      g_input_stream_close (request->stream, abort, NULL);
      g_clear_object (&request->stream);
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n < 0)
    {
      request_fail (task, dup_send_error (task, error));
      return;
    }

  if (n == 0)
    {
      request_done (task);
      return;
    }

  request->filled += n;
  if (request->filled > SB_PLATFORM_MAX_ANSWER)
    {
      request_fail (task, new_too_large_error (task));
      return;
    }

  read_next (task);
}

/* Reads into one buffer, never more than SB_PLATFORM_MAX_ANSWER + 1 bytes. */
static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  gsize want = MIN (READ_CHUNK, SB_PLATFORM_MAX_ANSWER + 1 - request->filled);

  if (request->size < request->filled + want)
    request_grow_body (request, MAX (request->filled + want, MIN (request->size * 2, SB_PLATFORM_MAX_ANSWER + 1)));

  g_input_stream_read_async (request->stream,
                             request->body + request->filled,
                             want,
                             G_PRIORITY_DEFAULT,
                             request->cancellable,
                             on_read,
                             task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  goffset length = -1;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL || request->resent)
    {
      request_fail (task, dup_send_error (task, error));
      return;
    }

  headers = soup_message_get_response_headers (request->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);

  if (length > SB_PLATFORM_MAX_ANSWER)
    {
      request_fail (task, new_too_large_error (task));
      return;
    }

  /* Sized up front so the answer, which holds the token, is not copied around. */
  request_grow_body (request, length >= 0 ? length + 1 : READ_CHUNK);
  read_next (task);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
on_restarted (SoupMessage *message,
              Request     *request)
{
  /* Cancelled before libsoup connects or writes again. */
  request->resent = TRUE;
  g_cancellable_cancel (request->cancellable);
}

void
sb_platform_send_request (SbPlatform            *self,
                          GTask                 *task,
                          SbPlatformRequestKind  kind,
                          SoupMessage           *message,
                          SbToken               *token)
{
  Request *request = g_new0 (Request, 1);
  GCancellable *caller_cancellable = g_task_get_cancellable (task);

  request->kind = kind;
  request->message = g_object_ref (message);
  request->token = token != NULL ? g_object_ref (token) : NULL;
  request->cancellable = g_cancellable_new ();
  if (caller_cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (caller_cancellable);
      request->cancelled_id = g_cancellable_connect (caller_cancellable, G_CALLBACK (on_caller_cancelled),
                                                     g_object_ref (request->cancellable), g_object_unref);
    }
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  /* A redirect would carry the assertion or the token elsewhere. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  sb_platform_watch_certificate (self, message);
  if (kind == SB_PLATFORM_REQUEST_EXCHANGE)
    g_signal_connect (message, "restarted", G_CALLBACK (on_restarted), request);

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent, task);
}
