/* The mock Anypoint Platform: it exchanges a SAMLResponse the mock IdP issued,
 * once, for a token, answers /accounts/api/me for the tokens it issued (until
 * POST /mock/revoke), and stages the faults the "acs" mode of the SSO query names. */
#define G_LOG_DOMAIN "sb-mock"

#include "config.h"

#include "sb-mock-private.h"

#include "sb-secret.h"
#include "sb-url.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define HUGE_ANSWER_BYTES   (10 * 1024 * 1024)
#define HUGE_CHUNK_BYTES    (64 * 1024)
#define SLOW_ANSWER_SECONDS 120

typedef struct {
  SbMock            *self;
  SoupServerMessage *message;
  guint              timeout_id;
  gulong             finished_id;
  GPtrArray         *owner;
} SlowAnswer;

static void
slow_answer_free (SlowAnswer *slow)
{
  g_clear_handle_id (&slow->timeout_id, g_source_remove);
  g_clear_signal_handler (&slow->finished_id, slow->message);
  g_clear_object (&slow->message);
  g_free (slow);
}

void
sb_mock_platform_init (SbMockPlatform *platform)
{
  platform->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) sb_secret_free, NULL);
  platform->slow = g_ptr_array_new_with_free_func ((GDestroyNotify) slow_answer_free);
}

/* Drops the answers held back first: they hold messages of the servers. */
void
sb_mock_platform_clear (SbMockPlatform *platform)
{
  g_clear_pointer (&platform->slow, g_ptr_array_unref);
  g_clear_pointer (&platform->tokens, g_hash_table_unref);
  g_clear_pointer (&platform->last_token_hash, g_free);
}

static const char *
base_url_of (SbMock     *self,
             SoupServer *server)
{
  return server == self->other_server ? self->other_url : self->platform_url;
}

static void
serve_json (SoupServerMessage *message,
            guint              status,
            JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize len;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, data, len);
}

static void
serve_json_message (SoupServerMessage *message,
                    guint              status,
                    const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  serve_json (message, status, builder);
}

static void
serve_raw (SoupServerMessage *message,
           guint              status,
           const char        *content_type,
           const char        *data)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, data, strlen (data));
}

static gboolean
is_base64 (const char *text)
{
  gboolean any = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '=')
        any = TRUE;
      else if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return any;
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, (const xmlChar *) name))
      return child;

  return NULL;
}

static gboolean
has_attribute_anywhere (xmlNode    *node,
                        const char *name)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (xmlHasProp (node, (const xmlChar *) name) != NULL ||
          has_attribute_anywhere (node->children, name))
        return TRUE;
    }

  return FALSE;
}

static char *
dup_property (xmlNode    *node,
              const char *name)
{
  xmlChar *value = node != NULL ? xmlGetProp (node, (const xmlChar *) name) : NULL;
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Checks a SAMLResponse like the platform does. On failure returns the HTTP
 * status and sets *problem to the platform's message. */
static guint
check_response (SbMock      *self,
                SoupServer  *server,
                const char  *saml_response,
                gboolean     spend,
                const char **problem)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *id = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *status = NULL;
  xmlDoc *doc = NULL;
  xmlNode *root;
  gpointer state;
  gsize len = 0;
  guint result = SOUP_STATUS_OK;

  if (saml_response == NULL || !is_base64 (saml_response))
    {
      *problem = "Invalid SAML response: it is not base64.";
      return SOUP_STATUS_BAD_REQUEST;
    }

  decoded = g_base64_decode (saml_response, &len);
  if (len > 0 && len <= G_MAXINT)
    doc = xmlReadMemory ((const char *) decoded, (int) len, "response.xml", NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  sb_secret_wipe (decoded, len);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !xmlStrEqual (root->name, (const xmlChar *) "Response") ||
      root->ns == NULL || !xmlStrEqual (root->ns->href, (const xmlChar *) SAMLP_NS))
    {
      *problem = "Invalid SAML response: it is not a SAML 2.0 Response.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

  id = dup_property (root, "ID");
  if (id == NULL || !g_hash_table_lookup_extended (self->responses, id, NULL, &state))
    {
      *problem = "Invalid SAML response: the signature could not be verified.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

  if (GPOINTER_TO_INT (state) == SB_MOCK_RESPONSE_USED)
    {
      self->platform.replays++;
      *problem = "This SAML response was already used.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

  if (spend)
    g_hash_table_insert (self->responses, g_strdup (id), GINT_TO_POINTER (SB_MOCK_RESPONSE_USED));

  if (has_attribute_anywhere (root, "InResponseTo"))
    {
      *problem = "InResponseTo is not allowed: only IdP-initiated SAML responses can be exchanged for a token.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

  destination = dup_property (root, "Destination");
  if (!sb_url_same_origin (destination, base_url_of (self, server)))
    {
      *problem = "Invalid SAML response: the Destination is not this platform.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

  status = dup_property (first_child (first_child (root, "Status"), "StatusCode"), "Value");
  if (g_strcmp0 (status, STATUS_PREFIX "Success") != 0)
    {
      *problem = "The identity provider did not authenticate the user.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

out:
  g_clear_pointer (&doc, xmlFreeDoc);
  return result;
}

/* /accounts/login/receive-id, or /accounts/login/<org>/providers/<mode>/receive-id */
static char *
dup_mode_from_path (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  if (n == 4 && g_str_equal (parts[3], "receive-id"))
    return g_strdup ("ok");

  if (n == 7 && *parts[3] != '\0' && g_str_equal (parts[4], "providers") && *parts[5] != '\0' &&
      g_str_equal (parts[6], "receive-id"))
    return g_strdup (parts[5]);

  return NULL;
}

static void
serve_token (SbMock            *self,
             SoupServerMessage *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char *token = g_uuid_string_random ();

  g_free (self->platform.last_token_hash);
  self->platform.last_token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  self->platform.tokens_issued++;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "bearer");
  json_builder_set_member_name (builder, "redirectUrl");
  json_builder_add_string_value (builder, "/home/");
  json_builder_end_object (builder);

  g_hash_table_add (self->platform.tokens, token);
  serve_json (message, SOUP_STATUS_OK, builder);
}

/* 10 MB of answer from one shared 64 KiB chunk, chunked or with a length. */
static void
serve_huge (SoupServerMessage *message,
            gboolean           with_length)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  g_autoptr(GBytes) chunk = NULL;
  char *data = g_malloc (HUGE_CHUNK_BYTES);

  memset (data, ' ', HUGE_CHUNK_BYTES);
  data[0] = '[';
  chunk = g_bytes_new_take (data, HUGE_CHUNK_BYTES);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (with_length)
    soup_message_headers_set_content_length (headers, HUGE_ANSWER_BYTES);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  soup_message_body_set_accumulate (body, FALSE);
  for (guint i = 0; i < HUGE_ANSWER_BYTES / HUGE_CHUNK_BYTES; i++)
    soup_message_body_append_bytes (body, chunk);
  soup_message_body_complete (body);
}

static gboolean
on_slow_timeout (gpointer user_data)
{
  SlowAnswer *slow = user_data;

  slow->timeout_id = 0;
  serve_token (slow->self, slow->message);
  soup_server_message_unpause (slow->message);
  g_ptr_array_remove (slow->owner, slow);

  return G_SOURCE_REMOVE;
}

static void
on_slow_finished (SoupServerMessage *message,
                  SlowAnswer        *slow)
{
  g_ptr_array_remove (slow->owner, slow);
}

static void
serve_slow (SbMock            *self,
            SoupServerMessage *message)
{
  SlowAnswer *slow = g_new0 (SlowAnswer, 1);

  slow->self = self;
  slow->message = g_object_ref (message);
  slow->owner = self->platform.slow;
  slow->timeout_id = g_timeout_add_seconds (SLOW_ANSWER_SECONDS, on_slow_timeout, slow);
  slow->finished_id = g_signal_connect (message, "finished", G_CALLBACK (on_slow_finished), slow);
  g_ptr_array_add (self->platform.slow, slow);

  soup_server_message_pause (message);
}

static void
serve_by_mode (SbMock            *self,
               SoupServerMessage *message,
               const char        *mode)
{
  if (g_str_equal (mode, "ok"))
    serve_token (self, message);
  else if (g_str_equal (mode, "500"))
    serve_json_message (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal server error");
  else if (g_str_equal (mode, "502"))
    serve_raw (message, SOUP_STATUS_BAD_GATEWAY, "text/html",
               "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n");
  else if (g_str_equal (mode, "401"))
    serve_json_message (message, SOUP_STATUS_UNAUTHORIZED, "Invalid SAML assertion: signature check failed");
  else if (g_str_equal (mode, "403"))
    serve_json_message (message, SOUP_STATUS_FORBIDDEN, "The identity provider is not enabled for this organization.");
  else if (g_str_equal (mode, "badjson"))
    serve_raw (message, SOUP_STATUS_OK, "application/json", "{\"access_token\": ");
  else if (g_str_equal (mode, "html"))
    serve_raw (message, SOUP_STATUS_OK, "text/html",
               "<!DOCTYPE html><html><head><title>Anypoint Platform</title></head>"
               "<body><h1>Anypoint Platform</h1><p>Welcome back.</p></body></html>\n");
  else if (g_str_equal (mode, "notoken"))
    serve_raw (message, SOUP_STATUS_OK, "application/json", "{\"token_type\": \"bearer\", \"redirectUrl\": \"/home/\"}");
  else if (g_str_equal (mode, "emptytoken"))
    serve_raw (message, SOUP_STATUS_OK, "application/json", "{\"access_token\": \"\", \"token_type\": \"bearer\"}");
  else if (g_str_equal (mode, "huge"))
    serve_huge (message, FALSE);
  else if (g_str_equal (mode, "huge-length"))
    serve_huge (message, TRUE);
  else if (g_str_equal (mode, "slow"))
    serve_slow (self, message);
  else
    serve_json_message (message, SOUP_STATUS_NOT_FOUND, "Identity provider not found.");
}

static void
on_receive_id (SbMock            *self,
               SoupServer        *server,
               SoupServerMessage *message,
               const char        *mode)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GBytes) body = NULL;
  const char *problem = NULL;
  JsonNode *root;
  JsonNode *node;
  guint status;

  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0 ||
      g_strcmp0 (content_type, "multipart/form-data") == 0)
    {
      g_autoptr(GHashTable) form = sb_mock_decode_form (message);
      GString *html = sb_mock_page_begin ("Anypoint Platform", NULL);

      /* A browser's own POST spends the assertion, as on the real platform. */
      self->platform.browser_posts++;
      check_response (self, server, g_hash_table_lookup (form, "SAMLResponse"), TRUE, &problem);
      g_string_append (html, "<h1>Anypoint Platform</h1>\n<p>Signed in by the browser.</p>\n");
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
      return;
    }

  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      serve_json_message (message, SOUP_STATUS_BAD_REQUEST, "Unsupported content type: send application/json.");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      serve_json_message (message, SOUP_STATUS_BAD_REQUEST, "Malformed JSON.");
      return;
    }

  self->platform.exchanges++;

  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Requested-With"), "XMLHttpRequest") != 0)
    {
      serve_json_message (message, SOUP_STATUS_BAD_REQUEST, "Missing header: X-Requested-With.");
      return;
    }

  node = json_object_get_member (json_node_get_object (root), "SAMLResponse");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      serve_json_message (message, SOUP_STATUS_BAD_REQUEST, "Missing SAMLResponse.");
      return;
    }

  status = check_response (self, server, json_node_get_string (node), TRUE, &problem);
  if (status != SOUP_STATUS_OK)
    {
      serve_json_message (message, status, problem);
      return;
    }

  serve_by_mode (self, message, mode);
}

static void
add_organization (JsonBuilder *builder,
                  const char  *id,
                  const char  *name,
                  gboolean     is_root)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "isMaster");
  json_builder_add_boolean_value (builder, is_root);
  json_builder_set_member_name (builder, "parentOrganizationIds");
  json_builder_begin_array (builder);
  if (!is_root)
    json_builder_add_string_value (builder, SB_MOCK_ORG_ID);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
serve_me (SbMock            *self,
          SoupServerMessage *message)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                            "Authorization");
  g_autoptr(JsonBuilder) builder = NULL;

  self->platform.me_requests++;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0 ||
      !g_hash_table_contains (self->platform.tokens, authorization + 7))
    {
      serve_json_message (message, SOUP_STATUS_UNAUTHORIZED, "Unauthorized: the token is not valid or has expired.");
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "7b1e3c5a-0d2f-4e8b-9a61-5c4d3b2a1f00");
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, SB_MOCK_USERNAME);
  json_builder_set_member_name (builder, "firstName");
  json_builder_add_string_value (builder, "Ada");
  json_builder_set_member_name (builder, "lastName");
  json_builder_add_string_value (builder, "Lovelace");
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, "ada@example.com");
  json_builder_set_member_name (builder, "organization");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, SB_MOCK_ORG_ID);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Analytical Engines");
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, "mock-org");
  json_builder_end_object (builder);
  /* As on the platform, the root organization is one of them too. */
  json_builder_set_member_name (builder, "memberOfOrganizations");
  json_builder_begin_array (builder);
  add_organization (builder, SB_MOCK_ORG_ID, "Analytical Engines", TRUE);
  add_organization (builder, SB_MOCK_DESIGN_GROUP_ID, "Design", FALSE);
  add_organization (builder, SB_MOCK_PRODUCTION_GROUP_ID, "Production", FALSE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  serve_json (message, SOUP_STATUS_OK, builder);
}

void
sb_mock_platform_handle (SoupServer        *server,
                         SoupServerMessage *message,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  SbMock *self = user_data;
  const char *method = soup_server_message_get_method (message);
  const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "User-Agent");
  g_autofree char *mode = NULL;

  /* The app's own requests come from libsoup; anything a page sends, from WebKit. */
  if (agent != NULL && strstr (agent, "AppleWebKit") != NULL)
    self->platform.page_requests++;

  if (g_str_equal (path, "/accounts/api/me") && g_str_equal (method, SOUP_METHOD_GET))
    serve_me (self, message);
  else if (g_str_has_prefix (path, "/accounts/login/") && (mode = dup_mode_from_path (path)) != NULL)
    {
      if (g_str_equal (method, SOUP_METHOD_POST))
        on_receive_id (self, server, message, mode);
      else
        serve_json_message (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed.");
    }
  else if (g_str_equal (path, "/mock/stats") && g_str_equal (method, SOUP_METHOD_GET))
    {
      g_autofree char *stats = sb_mock_dup_stats_json (self);

      serve_raw (message, SOUP_STATUS_OK, "application/json", stats);
    }
  else if (g_str_equal (path, "/mock/revoke") && g_str_equal (method, SOUP_METHOD_POST))
    {
      sb_mock_revoke_tokens (self);
      serve_json_message (message, SOUP_STATUS_OK, "Every token issued so far is revoked.");
    }
  else if (g_str_equal (path, "/mock/last-response") && g_str_equal (method, SOUP_METHOD_GET))
    {
      /* For the test that looks for leaks of the assertion; it compares, never prints. */
      serve_raw (message, SOUP_STATUS_OK, "text/plain", self->last_response ? self->last_response : "");
    }
  else if (g_str_equal (path, "/") && g_str_equal (method, SOUP_METHOD_GET))
    {
      GString *html = sb_mock_page_begin ("Anypoint Platform", NULL);

      g_string_append (html, "<h1>Mock Anypoint Platform</h1>\n");
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
    }
  else
    serve_json_message (message, SOUP_STATUS_NOT_FOUND, "Not found.");
}

