/* The mock IdP (sb-mock-idp.c) and the mock platform (sb-mock-platform.c) as
 * one object: it starts their servers, keeps the registry of issued Responses
 * that passes between them, and reports what they counted. */
#define G_LOG_DOMAIN "sb-mock"

#include "config.h"

#include "sb-mock-private.h"

#include <json-glib/json-glib.h>

static void sb_mock_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbMock, sb_mock, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, sb_mock_initable_iface_init))

enum {
  PROP_0,
  PROP_IDP_PORT,
  PROP_PLATFORM_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_mock_dispose (GObject *object)
{
  SbMock *self = (SbMock *)object;
  SoupServer **servers[] = { &self->idp_server, &self->platform_server, &self->other_server };

  sb_mock_platform_clear (&self->platform);
  sb_mock_idp_clear (&self->idp);

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      if (*servers[i] != NULL)
        soup_server_disconnect (*servers[i]);
      g_clear_object (servers[i]);
    }

  G_OBJECT_CLASS (sb_mock_parent_class)->dispose (object);
}

static void
sb_mock_finalize (GObject *object)
{
  SbMock *self = (SbMock *)object;

  g_clear_pointer (&self->idp_url, g_free);
  g_clear_pointer (&self->platform_url, g_free);
  g_clear_pointer (&self->other_url, g_free);
  g_clear_pointer (&self->responses, g_hash_table_unref);
  g_clear_pointer (&self->last_response, g_free);

  G_OBJECT_CLASS (sb_mock_parent_class)->finalize (object);
}

static void
sb_mock_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SbMock *self = SB_MOCK (object);

  switch (prop_id)
    {
    case PROP_IDP_PORT:
      g_value_set_uint (value, self->idp_port);
      break;

    case PROP_PLATFORM_PORT:
      g_value_set_uint (value, self->platform_port);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_mock_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SbMock *self = SB_MOCK (object);

  switch (prop_id)
    {
    case PROP_IDP_PORT:
      self->idp_port = g_value_get_uint (value);
      break;

    case PROP_PLATFORM_PORT:
      self->platform_port = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_mock_class_init (SbMockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_mock_dispose;
  object_class->finalize = sb_mock_finalize;
  object_class->get_property = sb_mock_get_property;
  object_class->set_property = sb_mock_set_property;

  /* 0 picks a free port. */
  properties[PROP_IDP_PORT] =
    g_param_spec_uint ("idp-port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLATFORM_PORT] =
    g_param_spec_uint ("platform-port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_mock_init (SbMock *self)
{
  self->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sb_mock_idp_init (&self->idp);
  sb_mock_platform_init (&self->platform);
}

/* Pages both servers serve. */

void
sb_mock_append_escaped (GString    *out,
                        const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

GString *
sb_mock_page_begin (const char *title,
                    const char *body_attributes)
{
  GString *html = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");

  sb_mock_append_escaped (html, title);
  g_string_append (html, "</title>\n<style>"
                         "body{font-family:sans-serif;margin:3em auto;max-width:28em;padding:0 1em}"
                         "label,input,button{display:block;margin:.4em 0}"
                         ".error{color:#c01c28}"
                         "</style>\n</head>\n<body");
  if (body_attributes != NULL)
    g_string_append_printf (html, " %s", body_attributes);
  g_string_append (html, ">\n");

  return html;
}

void
sb_mock_serve_html (SoupServerMessage *message,
                    guint              status,
                    GString           *html)
{
  gsize len;

  g_string_append (html, "</body>\n</html>\n");
  len = html->len;
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (html, FALSE), len);
}

GHashTable *
sb_mock_decode_form (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

/* Set-up. */

static SoupServer *
start_server (guint               port,
              SoupServerCallback  callback,
              gpointer            user_data,
              char              **url,
              GError            **error)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "sb-mock ", NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);

  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);
  *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&server);
}

static gboolean
sb_mock_initable_init (GInitable     *initable,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SbMock *self = SB_MOCK (initable);

  if (!(self->idp_server = start_server (self->idp_port, sb_mock_idp_handle, self, &self->idp_url, error)) ||
      !(self->platform_server = start_server (self->platform_port, sb_mock_platform_handle, self, &self->platform_url, error)) ||
      !(self->other_server = start_server (0, sb_mock_platform_handle, self, &self->other_url, error)))
    return FALSE;

  return TRUE;
}

static void
sb_mock_initable_iface_init (GInitableIface *iface)
{
  iface->init = sb_mock_initable_init;
}

/* Public API. */

/* Starts the IdP and the two platforms on random loopback ports, in the
 * thread-default main context. */
SbMock *
sb_mock_new (GError **error)
{
  return sb_mock_new_with_ports (0, 0, error);
}

SbMock *
sb_mock_new_with_ports (guint    idp_port,
                        guint    platform_port,
                        GError **error)
{
  g_return_val_if_fail (idp_port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (platform_port <= G_MAXUINT16, NULL);

  return g_initable_new (SB_TYPE_MOCK, NULL, error,
                         "idp-port", idp_port,
                         "platform-port", platform_port,
                         NULL);
}

char *
sb_mock_dup_sso_url (SbMock     *self,
                     const char *query)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  if (query == NULL || *query == '\0')
    return g_strconcat (self->idp_url, "/idp/sso", NULL);

  return g_strconcat (self->idp_url, "/idp/sso?", query, NULL);
}

const char *
sb_mock_get_idp_url (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return self->idp_url;
}

const char *
sb_mock_get_platform_url (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return self->platform_url;
}

const char *
sb_mock_get_other_platform_url (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return self->other_url;
}

guint
sb_mock_get_exchange_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->platform.exchanges;
}

guint
sb_mock_get_browser_post_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->platform.browser_posts;
}

/* Every request a web page (WebKit, not the app's own client) sent to the platform. */
guint
sb_mock_get_page_request_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);
  return self->platform.page_requests;
}

guint
sb_mock_get_me_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->platform.me_requests;
}

guint
sb_mock_get_replay_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->platform.replays;
}

guint
sb_mock_get_token_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->platform.tokens_issued;
}

/* From now on /accounts/api/me rejects every token issued so far, as the platform does
 * once they expired or were revoked; tokens issued later are accepted. */
void
sb_mock_revoke_tokens (SbMock *self)
{
  g_return_if_fail (SB_IS_MOCK (self));

  g_hash_table_remove_all (self->platform.tokens);
}

/* POSTs of a SAML response to the IdP's own /idp/federate (the other-host style). */
guint
sb_mock_get_federated_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->idp.federated_posts;
}

/* SHA-256 (hex) of the last token the platform issued, or NULL: never the token. */
char *
sb_mock_dup_last_token_hash (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return g_strdup (self->platform.last_token_hash);
}

/* The User-Agent header of the last request for /idp/sso, or NULL. */
char *
sb_mock_dup_last_user_agent (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return g_strdup (self->idp.last_user_agent);
}

char *
sb_mock_dup_stats_json (SbMock *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exchanges");
  json_builder_add_int_value (builder, self->platform.exchanges);
  json_builder_set_member_name (builder, "browser_posts");
  json_builder_add_int_value (builder, self->platform.browser_posts);
  json_builder_set_member_name (builder, "page_requests");
  json_builder_add_int_value (builder, self->platform.page_requests);
  json_builder_set_member_name (builder, "me_requests");
  json_builder_add_int_value (builder, self->platform.me_requests);
  json_builder_set_member_name (builder, "replays");
  json_builder_add_int_value (builder, self->platform.replays);
  json_builder_set_member_name (builder, "tokens_issued");
  json_builder_add_int_value (builder, self->platform.tokens_issued);
  json_builder_set_member_name (builder, "federated_posts");
  json_builder_add_int_value (builder, self->idp.federated_posts);
  json_builder_set_member_name (builder, "session_sign_ins");
  json_builder_add_int_value (builder, self->idp.session_sign_ins);
  json_builder_set_member_name (builder, "last_idp_user_agent");
  if (self->idp.last_user_agent != NULL)
    json_builder_add_string_value (builder, self->idp.last_user_agent);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_token_sha256");
  if (self->platform.last_token_hash != NULL)
    json_builder_add_string_value (builder, self->platform.last_token_hash);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* A fresh SAMLResponse form value as the IdP would post it for @query (same
 * options as the SSO URL), and the ACS URL it would post to. Free the result
 * with sb_secret_free(). */
char *
sb_mock_dup_saml_response (SbMock      *self,
                           const char  *query,
                           char       **acs_url)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return sb_mock_idp_dup_saml_response (self, query, acs_url);
}
