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

#define DEFAULT_TIMEOUT_SECONDS 30
#define DEFAULT_SESSION_MINUTES 60
#define IDLE_TIMEOUT_SECONDS    300

G_DEFINE_FINAL_TYPE (SbPlatform, sb_platform, G_TYPE_OBJECT)
G_DEFINE_QUARK (sb-platform-error-quark, sb_platform_error)

enum {
  PROP_0,
  PROP_URL,
  PROP_TIMEOUT,
  PROP_SESSION_MINUTES,
  PROP_PROXY_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_platform_dispose (GObject *object)
{
  SbPlatform *self = (SbPlatform *)object;

  g_cancellable_cancel (self->preconnect_cancellable);
  g_clear_object (&self->preconnect_cancellable);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sb_platform_parent_class)->dispose (object);
}

static void
sb_platform_finalize (GObject *object)
{
  SbPlatform *self = (SbPlatform *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->proxy_url, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_object (&self->ca_database);

  G_OBJECT_CLASS (sb_platform_parent_class)->finalize (object);
}

static void
sb_platform_constructed (GObject *object)
{
  SbPlatform *self = (SbPlatform *)object;

  G_OBJECT_CLASS (sb_platform_parent_class)->constructed (object);

  self->host = sb_url_display_host (self->url);
}

static void
sb_platform_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbPlatform *self = SB_PLATFORM (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_SESSION_MINUTES:
      g_value_set_uint (value, self->session_minutes);
      break;

    case PROP_PROXY_URL:
      g_value_set_string (value, self->proxy_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_platform_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbPlatform *self = SB_PLATFORM (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      sb_platform_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_SESSION_MINUTES:
      sb_platform_set_session_minutes (self, g_value_get_uint (value));
      break;

    case PROP_PROXY_URL:
      sb_platform_set_proxy (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_platform_class_init (SbPlatformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_platform_dispose;
  object_class->finalize = sb_platform_finalize;
  object_class->constructed = sb_platform_constructed;
  object_class->get_property = sb_platform_get_property;
  object_class->set_property = sb_platform_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SESSION_MINUTES] =
    g_param_spec_uint ("session-minutes", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_SESSION_MINUTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PROXY_URL] =
    g_param_spec_string ("proxy-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_platform_init (SbPlatform *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->session_minutes = DEFAULT_SESSION_MINUTES;
  self->preconnect_cancellable = g_cancellable_new ();

  /* The connection warmed while the user signs in must survive a slow sign-in. */
  self->session = soup_session_new_with_options ("user-agent", "saml-bearer/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 NULL);
}

SbPlatform *
sb_platform_new (const char *platform_url)
{
  g_return_val_if_fail (platform_url != NULL, NULL);

  return g_object_new (SB_TYPE_PLATFORM,
                       "url", platform_url,
                       NULL);
}

const char *
sb_platform_get_url (SbPlatform *self)
{
  g_return_val_if_fail (SB_IS_PLATFORM (self), NULL);

  return self->url;
}

/* How long to wait for the platform, in seconds; 0 waits forever. */
void
sb_platform_set_timeout (SbPlatform *self,
                         guint       seconds)
{
  g_return_if_fail (SB_IS_PLATFORM (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* The org's session timeout, from which a token's expiry is estimated. */
void
sb_platform_set_session_minutes (SbPlatform *self,
                                 guint       minutes)
{
  g_return_if_fail (SB_IS_PLATFORM (self));
  g_return_if_fail (minutes > 0);

  if (self->session_minutes == minutes)
    return;

  self->session_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_MINUTES]);
}

/* NULL or "" uses the system proxy settings; "direct://" uses no proxy. */
void
sb_platform_set_proxy (SbPlatform *self,
                       const char *proxy_url)
{
  g_autoptr(GProxyResolver) resolver = NULL;

  g_return_if_fail (SB_IS_PLATFORM (self));

  if (proxy_url != NULL && *proxy_url == '\0')
    proxy_url = NULL;

  if (g_strcmp0 (self->proxy_url, proxy_url) == 0)
    return;

  g_free (self->proxy_url);
  self->proxy_url = g_strdup (proxy_url);

  if (proxy_url != NULL)
    resolver = g_simple_proxy_resolver_new (proxy_url, NULL);
  else
    resolver = g_object_ref (g_proxy_resolver_get_default ());

  soup_session_set_proxy_resolver (self->session, resolver);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_URL]);
}

/* Trusts, besides the system's authorities, those in the PEM file at @path (for a
 * platform behind a private authority or an intercepting proxy); NULL or "" for none. */
void
sb_platform_set_ca_file (SbPlatform *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_PLATFORM (self));

  if (path != NULL && *path == '\0')
    path = NULL;

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  g_clear_object (&self->ca_database);

  if (path != NULL && !(self->ca_database = g_tls_file_database_new (path, &error)))
    g_debug ("Could not read the certificate authority file: %s", error->message);
}

/* A certificate the system does not trust is accepted when the profile's authority vouches for it. */
static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       SbPlatform           *self)
{
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) error = NULL;
  GUri *uri = soup_message_get_uri (message);
  GTlsCertificateFlags flags;
  int port;

  if (self->ca_database == NULL || uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;

  port = g_uri_get_port (uri);
  identity = g_network_address_new (g_uri_get_host (uri), port > 0 ? port : 443);
  flags = g_tls_database_verify_chain (self->ca_database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  if (error != NULL)
    {
      g_debug ("Could not verify the certificate of %s: %s", self->host, error->message);
      return FALSE;
    }

  return flags == 0;
}

void
sb_platform_watch_certificate (SbPlatform  *self,
                               SoupMessage *message)
{
  g_signal_connect_object (message, "accept-certificate", G_CALLBACK (on_accept_certificate), self, 0);
}

static gboolean
check_allowed (SbPlatform  *self,
               GError     **error)
{
  if (sb_url_is_allowed (self->url))
    return TRUE;

  g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_INSECURE,
               _("The platform address %s does not use https. Only https is allowed, except on this computer."),
               self->host);
  return FALSE;
}

static void
on_preconnected (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (soup_session_preconnect_finish (SOUP_SESSION (object), result, &error))
    sb_trace ("platform-preconnected");
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not preconnect: %s", error->message);
}

/* Opens (and for https, negotiates TLS on) a connection to the platform now, so
 * the exchange later costs one round trip. Failures show up at the exchange. */
void
sb_platform_preconnect (SbPlatform *self)
{
  g_autoptr(SoupMessage) message = NULL;

  g_return_if_fail (SB_IS_PLATFORM (self));

  if (!sb_url_is_allowed (self->url))
    return;

  if (!(message = soup_message_new (SOUP_METHOD_GET, self->url)))
    return;

  sb_platform_watch_certificate (self, message);
  soup_session_preconnect_async (self->session, message, G_PRIORITY_DEFAULT,
                                 self->preconnect_cancellable, on_preconnected, NULL);
}

/* {"SAMLResponse": "<base64>"}, in a buffer that is wiped when libsoup drops it. */
static GBytes *
build_exchange_body (SbCapture *capture)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *response = sb_capture_get_saml_response (capture);
  JsonNode *node;
  GString *out;
  char *data;
  gsize len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "SAMLResponse");
  json_builder_add_string_value (builder, response);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  out = g_string_sized_new (strlen (response) * 2 + 64);
  json_generator_to_gstring (generator, out);

  node = json_object_get_member (json_node_get_object (root), "SAMLResponse");
  sb_secret_wipe ((char *) json_node_get_string (node), strlen (response));

  len = out->len;
  data = g_string_free (out, FALSE);
  return g_bytes_new_with_free_func (data, len, (GDestroyNotify) sb_secret_free, data);
}

void
sb_platform_exchange_async (SbPlatform          *self,
                            SbCapture           *capture,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *acs_url;

  g_return_if_fail (SB_IS_PLATFORM (self));
  g_return_if_fail (SB_IS_CAPTURE (capture));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_platform_exchange_async);

  if (!sb_capture_check_platform (capture, self->url, &error) || !check_allowed (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  acs_url = sb_capture_get_acs_url (capture);
  if (!(message = soup_message_new (SOUP_METHOD_POST, acs_url)))
    {
      g_task_return_new_error (task, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NOT_FOUND,
                               _("The sign-in address on %s is not valid. Check the address your identity provider posts to."),
                               self->host);
      return;
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "X-Requested-With", "XMLHttpRequest");

  body = build_exchange_body (capture);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  /* Not SOUP_MESSAGE_IDEMPOTENT: the assertion is single-use. libsoup 3.2 then
   * gives the POST a connection of its own, or the warm one while it is still
   * being opened, never an idle one. */

  sb_trace ("platform-exchange-sent");
  sb_platform_send_request (self, g_steal_pointer (&task), SB_PLATFORM_REQUEST_EXCHANGE, message, NULL);
}

SbToken *
sb_platform_exchange_finish (SbPlatform    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (SB_IS_PLATFORM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_platform_exchange_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
dup_me_url (SbPlatform *self)
{
  gsize len = strlen (self->url);

  while (len > 0 && self->url[len - 1] == '/')
    len--;

  return g_strdup_printf ("%.*s/accounts/api/me", (int) len, self->url);
}

/* Asks the platform who the token belongs to, and stores it in the token. */
void
sb_platform_who_am_i_async (SbPlatform          *self,
                            SbToken             *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSecret) authorization = NULL;
  g_autofree char *me_url = NULL;

  g_return_if_fail (SB_IS_PLATFORM (self));
  g_return_if_fail (SB_IS_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (sb_url_same_origin (sb_token_get_platform_url (token), self->url));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_platform_who_am_i_async);

  if (!check_allowed (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  me_url = dup_me_url (self);
  if (!(message = soup_message_new (SOUP_METHOD_GET, me_url)))
    {
      g_task_return_new_error (task, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NOT_FOUND,
                               _("The platform address %s is not valid."), self->host);
      return;
    }

  authorization = g_strconcat ("Bearer ", sb_token_get_access_token (token), NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");

  sb_platform_send_request (self, g_steal_pointer (&task), SB_PLATFORM_REQUEST_WHO_AM_I, message, token);
}

gboolean
sb_platform_who_am_i_finish (SbPlatform    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (SB_IS_PLATFORM (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_platform_who_am_i_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
