#define G_LOG_DOMAIN "sb-mock"

#include "config.h"

#include "sb-mock.h"

#include "sb-secret.h"
#include "sb-url.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define SAMLP_NS            "urn:oasis:names:tc:SAML:2.0:protocol"
#define SAML_NS             "urn:oasis:names:tc:SAML:2.0:assertion"
#define STATUS_PREFIX       "urn:oasis:names:tc:SAML:2.0:status:"
#define HUGE_ANSWER_BYTES   (10 * 1024 * 1024)
#define HUGE_CHUNK_BYTES    (64 * 1024)
#define SLOW_ANSWER_SECONDS 120
#define MAX_PAD_BYTES       (64 * 1024 * 1024)
#define MAX_ATTRIBUTES      100000
#define BASE64_LINE         76
#define SESSION_COOKIE      "mock_idp_session"

struct _SbMock
{
  GObject     parent_instance;

  guint       idp_port;
  guint       platform_port;

  SoupServer *idp;
  SoupServer *platform;
  SoupServer *other;
  char       *idp_url;
  char       *platform_url;
  char       *other_url;

  /* Response ID → ResponseState, for every Response the IdP issued. */
  GHashTable *responses;
  /* The tokens the platform issued, to answer /accounts/api/me. */
  GHashTable *tokens;
  /* Answers held back by the "slow" mode. */
  GPtrArray  *slow;

  guint       exchanges;
  guint       browser_posts;
  guint       me_requests;
  guint       replays;
  guint       tokens_issued;
  guint       federated_posts;
  char       *last_token_hash;
  char       *last_response;
  GHashTable *sessions;
  guint       session_sign_ins;
  char       *last_idp_user_agent;
};

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

typedef enum {
  RESPONSE_ISSUED,
  RESPONSE_USED,
} ResponseState;

typedef struct {
  SbMock            *self;
  SoupServerMessage *message;
  guint              timeout_id;
  gulong             finished_id;
  GPtrArray         *owner;
} SlowAnswer;

/* What the SSO query asks the IdP to do. */
typedef struct {
  GHashTable *query;
  const char *mode;
  const char *style;
  const char *relay;
  const char *status;
  gboolean    login;
  gboolean    legacy;
  gboolean    other_platform;
  const char *acs_origin;
  const char *acs_url;
  gboolean    wrap;
  gboolean    urlencoded;
  gboolean    in_response_to;
  gboolean    not_base64;
  guint       attributes;
  guint       pad;
} Options;

static void
slow_answer_free (SlowAnswer *slow)
{
  g_clear_handle_id (&slow->timeout_id, g_source_remove);
  g_clear_signal_handler (&slow->finished_id, slow->message);
  g_clear_object (&slow->message);
  g_free (slow);
}

static void
sb_mock_dispose (GObject *object)
{
  SbMock *self = (SbMock *)object;
  SoupServer **servers[] = { &self->idp, &self->platform, &self->other };

  g_clear_pointer (&self->slow, g_ptr_array_unref);

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
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->last_token_hash, g_free);
  g_clear_pointer (&self->last_response, g_free);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->last_idp_user_agent, g_free);

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
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) sb_secret_free, NULL);
  self->slow = g_ptr_array_new_with_free_func ((GDestroyNotify) slow_answer_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Small helpers. */

static char *
new_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("_", uuid, NULL);
}

static char *
format_instant (GDateTime *time,
                int        minutes)
{
  g_autoptr(GDateTime) shifted = g_date_time_add_minutes (time, minutes);

  return g_date_time_format (shifted, "%Y-%m-%dT%H:%M:%SZ");
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* A JavaScript string literal that is also safe inside a <script> element. */
static void
append_js_string (GString    *out,
                  const char *text)
{
  g_string_append_c (out, '"');

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;

      if (c < 0x80 && (g_ascii_isalnum (c) || strchr (" -_.:/+=?&%,;()!*~@#$^[]{}|", c) != NULL))
        g_string_append_c (out, c);
      else if (c <= 0xFFFF)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\u%04x\\u%04x",
                                0xD800 + ((c - 0x10000) >> 10),
                                0xDC00 + ((c - 0x10000) & 0x3FF));
    }

  g_string_append_c (out, '"');
}

static const char *
option (GHashTable *query,
        const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

static gboolean
option_flag (GHashTable *query,
             const char *name)
{
  const char *value = option (query, name);

  return value != NULL && (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0);
}

static guint
option_uint (GHashTable *query,
             const char *name,
             guint       max)
{
  const char *value = option (query, name);
  guint64 number = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    return 0;

  return (guint) number;
}

static gboolean
is_word (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static void
options_init (Options    *options,
              const char *raw_query)
{
  const char *value;

  memset (options, 0, sizeof *options);
  options->query = soup_form_decode (raw_query != NULL ? raw_query : "");

  value = option (options->query, "acs");
  options->mode = is_word (value) ? value : "ok";
  value = option (options->query, "style");
  options->style = value != NULL ? value : "submit";
  options->relay = option (options->query, "relay");
  value = option (options->query, "status");
  options->status = is_word (value) && g_strcmp0 (value, "Success") != 0 ? value : NULL;
  options->login = g_strcmp0 (option (options->query, "login"), "0") != 0;
  options->legacy = option_flag (options->query, "legacy");
  options->other_platform = g_strcmp0 (option (options->query, "platform"), "other") == 0;
  value = option (options->query, "acs-origin");
  if (value != NULL && (g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://")))
    options->acs_origin = value;
  value = option (options->query, "acs-url");
  if (value != NULL && (g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://")))
    options->acs_url = value;
  options->wrap = option_flag (options->query, "wrap");
  options->urlencoded = option_flag (options->query, "urlencoded");
  options->in_response_to = option_flag (options->query, "in-response-to");
  options->not_base64 = option_flag (options->query, "notbase64");
  options->attributes = option_uint (options->query, "attributes", MAX_ATTRIBUTES);
  options->pad = option_uint (options->query, "pad", MAX_PAD_BYTES);
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->query, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static const char *
base_url_of (SbMock     *self,
             SoupServer *server)
{
  return server == self->other ? self->other_url : self->platform_url;
}

/* The SAML response. */

static char *
dup_acs_url (SbMock        *self,
             const Options *options)
{
  const char *base = options->other_platform ? self->other_url : self->platform_url;

  /* Faults the tests stage: a platform that refuses connections, does not resolve, or has a bad certificate. */
  if (options->acs_origin != NULL)
    base = options->acs_origin;

  /* A service provider other than Anypoint, for capture-only profiles. */
  if (options->acs_url != NULL)
    return g_strdup (options->acs_url);

  if (options->legacy)
    return g_strconcat (base, "/accounts/login/receive-id", NULL);

  return g_strconcat (base, "/accounts/login/mock-org/providers/", options->mode, "/receive-id", NULL);
}

static void
append_attribute (GString    *xml,
                  const char *name,
                  const char *value)
{
  g_string_append (xml, "      <saml:Attribute Name=\"");
  append_escaped (xml, name);
  g_string_append (xml, "\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">"
                        "<saml:AttributeValue xsi:type=\"xs:string\">");
  append_escaped (xml, value);
  g_string_append (xml, "</saml:AttributeValue></saml:Attribute>\n");
}

static const char *
status_message (const char *status)
{
  if (g_strcmp0 (status, "RequestDenied") == 0)
    return "The identity provider denied the request.";

  return "The user could not be authenticated.";
}

/* A fresh SAML 2.0 Response, as an IdP-initiated sign-in produces it; its ID
 * is remembered so the platform accepts it once. Returns the plain base64. */
static char *
issue_response (SbMock        *self,
                const Options *options,
                char         **acs_url)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *acs = dup_acs_url (self, options);
  g_autofree char *response_id = new_id ();
  g_autofree char *assertion_id = new_id ();
  g_autofree char *session_id = new_id ();
  g_autofree char *request_id = options->in_response_to ? new_id () : NULL;
  g_autofree char *issue_instant = format_instant (now, 0);
  g_autofree char *not_before = format_instant (now, -1);
  g_autofree char *not_on_or_after = format_instant (now, 5);
  g_autofree char *issuer = g_strconcat (self->idp_url, "/idp", NULL);
  const char *audience = options->other_platform ? self->other_url : self->platform_url;
  GString *xml = g_string_new (NULL);
  char *base64;

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<samlp:Response xmlns:samlp=\"" SAMLP_NS "\" xmlns:saml=\"" SAML_NS "\"");
  g_string_append_printf (xml, " ID=\"%s\" Version=\"2.0\" IssueInstant=\"%s\" Destination=\"", response_id, issue_instant);
  append_escaped (xml, acs);
  g_string_append_c (xml, '"');
  if (request_id != NULL)
    g_string_append_printf (xml, " InResponseTo=\"%s\"", request_id);
  g_string_append (xml, ">\n  <saml:Issuer>");
  append_escaped (xml, issuer);
  g_string_append (xml, "</saml:Issuer>\n");

  if (options->status != NULL)
    {
      g_string_append (xml, "  <samlp:Status>\n"
                            "    <samlp:StatusCode Value=\"" STATUS_PREFIX "Responder\">\n"
                            "      <samlp:StatusCode Value=\"" STATUS_PREFIX);
      g_string_append (xml, options->status);
      g_string_append (xml, "\"/>\n    </samlp:StatusCode>\n    <samlp:StatusMessage>");
      append_escaped (xml, status_message (options->status));
      g_string_append (xml, "</samlp:StatusMessage>\n  </samlp:Status>\n</samlp:Response>\n");
      goto done;
    }

  g_string_append (xml, "  <samlp:Status><samlp:StatusCode Value=\"" STATUS_PREFIX "Success\"/></samlp:Status>\n");
  g_string_append_printf (xml, "  <saml:Assertion xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                               " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                               " ID=\"%s\" Version=\"2.0\" IssueInstant=\"%s\">\n", assertion_id, issue_instant);
  g_string_append (xml, "    <saml:Issuer>");
  append_escaped (xml, issuer);
  g_string_append (xml, "</saml:Issuer>\n"
                        "    <saml:Subject>\n"
                        "      <saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">ada@example.com</saml:NameID>\n"
                        "      <saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">\n");
  g_string_append_printf (xml, "        <saml:SubjectConfirmationData NotOnOrAfter=\"%s\" Recipient=\"", not_on_or_after);
  append_escaped (xml, acs);
  g_string_append_c (xml, '"');
  if (request_id != NULL)
    g_string_append_printf (xml, " InResponseTo=\"%s\"", request_id);
  g_string_append (xml, "/>\n      </saml:SubjectConfirmation>\n    </saml:Subject>\n");
  g_string_append_printf (xml, "    <saml:Conditions NotBefore=\"%s\" NotOnOrAfter=\"%s\">\n", not_before, not_on_or_after);
  g_string_append (xml, "      <saml:AudienceRestriction><saml:Audience>");
  append_escaped (xml, audience);
  g_string_append (xml, "</saml:Audience></saml:AudienceRestriction>\n    </saml:Conditions>\n");
  g_string_append_printf (xml, "    <saml:AuthnStatement AuthnInstant=\"%s\" SessionIndex=\"%s\">\n", issue_instant, session_id);
  g_string_append (xml, "      <saml:AuthnContext><saml:AuthnContextClassRef>"
                        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                        "</saml:AuthnContextClassRef></saml:AuthnContext>\n"
                        "    </saml:AuthnStatement>\n"
                        "    <saml:AttributeStatement>\n");
  append_attribute (xml, "username", SB_MOCK_USERNAME);
  append_attribute (xml, "email", "ada@example.com");
  append_attribute (xml, "firstName", "Ada");
  append_attribute (xml, "lastName", "Lovelace");
  for (guint i = 1; i <= options->attributes; i++)
    {
      g_autofree char *name = g_strdup_printf ("extra%u", i);
      g_autofree char *value = g_strdup_printf ("Value %u of a deliberately large attribute statement", i);

      append_attribute (xml, name, value);
    }
  g_string_append (xml, "    </saml:AttributeStatement>\n  </saml:Assertion>\n</samlp:Response>\n");

done:
  g_hash_table_insert (self->responses, g_steal_pointer (&response_id), GINT_TO_POINTER (RESPONSE_ISSUED));

  base64 = g_base64_encode ((const guchar *) xml->str, xml->len);
  g_free (self->last_response);
  self->last_response = g_strdup (base64);
  sb_secret_wipe (xml->str, xml->len);
  g_string_free (xml, TRUE);

  if (acs_url != NULL)
    *acs_url = g_steal_pointer (&acs);

  return base64;
}

/* The SAMLResponse form value as the query asks for it. */
static char *
dup_field_value (SbMock        *self,
                 const Options *options,
                 char         **acs_url)
{
  g_autoptr(SbSecret) base64 = issue_response (self, options, acs_url);

  if (options->not_base64)
    return g_strdup ("This is not base64: <samlp:Response/> %%% !!!");

  if (options->wrap)
    {
      gsize len = strlen (base64);
      GString *wrapped = g_string_sized_new (len + len / BASE64_LINE + 1);

      for (gsize i = 0; i < len; i += BASE64_LINE)
        {
          if (i > 0)
            g_string_append_c (wrapped, '\n');
          g_string_append_len (wrapped, base64 + i, MIN (BASE64_LINE, len - i));
        }

      return g_string_free (wrapped, FALSE);
    }

  if (options->urlencoded)
    return g_uri_escape_string (base64, NULL, FALSE);

  return g_steal_pointer (&base64);
}

/* Pages. */

static GString *
page_begin (const char *title,
            const char *body_attributes)
{
  GString *html = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");

  append_escaped (html, title);
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

static void
page_pad (GString *html,
          guint    pad)
{
  static const char filler[] = "Padding for benchmarks, nothing to see. ";

  if (pad == 0)
    return;

  g_string_append (html, "<!-- ");
  for (guint written = 0; written < pad; written += sizeof filler - 1)
    g_string_append_len (html, filler, MIN (sizeof filler - 1, pad - written));
  g_string_append (html, " -->\n");
}

static void
serve_html (SoupServerMessage *message,
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

/* <form method="post" action="ACS"><input type="hidden" name="SAMLResponse" value="...">… */
static void
append_saml_form (GString    *html,
                  const char *action,
                  const char *value,
                  const char *relay,
                  const char *target,
                  gboolean    visible_button)
{
  g_string_append (html, "<form method=\"post\" action=\"");
  append_escaped (html, action);
  g_string_append_c (html, '"');
  if (target != NULL)
    g_string_append_printf (html, " target=\"%s\"", target);
  g_string_append (html, "><input type=\"hidden\" name=\"SAMLResponse\" value=\"");
  append_escaped (html, value);
  g_string_append (html, "\">");
  if (relay != NULL)
    {
      g_string_append (html, "<input type=\"hidden\" name=\"RelayState\" value=\"");
      append_escaped (html, relay);
      g_string_append (html, "\">");
    }
  if (visible_button)
    g_string_append (html, "<p>Press Continue to sign in to Anypoint Platform.</p><button type=\"submit\">Continue</button>");
  else
    g_string_append (html, "<noscript><p>Script is disabled. Press Continue to sign in.</p><button type=\"submit\">Continue</button></noscript>");
  g_string_append (html, "</form>\n");
}

static void
append_script_message (GString    *html,
                       const char *value,
                       const char *acs,
                       const char *relay)
{
  static const char *names[] = {
    "samlbearer", "samlBearer", "saml_bearer", "saml", "capture", "samlCapture",
    "sbCapture", "submit", "formSubmit", "SAMLResponse",
  };

  g_string_append (html, "<script>\n(function () {\n  var message = {SAMLResponse: ");
  append_js_string (html, value);
  g_string_append (html, ", samlResponse: ");
  append_js_string (html, value);
  g_string_append (html, ", acs: ");
  append_js_string (html, acs);
  g_string_append (html, ", action: ");
  append_js_string (html, acs);
  g_string_append (html, ", url: ");
  append_js_string (html, acs);
  g_string_append (html, ", RelayState: ");
  append_js_string (html, relay != NULL ? relay : "");
  g_string_append (html, ", trusted: true};\n"
                         "  try { window.webkit?.messageHandlers?.samlbearer?.postMessage(message); } catch (e) {}\n"
                         "  var names = [");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (html, "%s\"%s\"", i > 0 ? ", " : "", names[i]);
  g_string_append (html, "];\n"
                         "  for (var i = 0; i < names.length; i++) {\n"
                         "    try { window.webkit.messageHandlers[names[i]].postMessage(message); } catch (e) {}\n"
                         "    try { window.webkit.messageHandlers[names[i]].postMessage(JSON.stringify(message)); } catch (e) {}\n"
                         "  }\n"
                         "  try { window.postMessage(message, \"*\"); } catch (e) {}\n"
                         "  try { window.top.postMessage(message, \"*\"); } catch (e) {}\n"
                         "})();\n</script>\n");
}

static void
append_scripted_form (GString    *html,
                      const char *value,
                      const char *acs,
                      const char *relay)
{
  g_string_append (html, "<script>\nwindow.addEventListener(\"load\", function () {\n"
                         "  var form = document.createElement(\"form\");\n"
                         "  form.method = \"post\";\n"
                         "  form.action = ");
  append_js_string (html, acs);
  g_string_append (html, ";\n  var fields = {SAMLResponse: ");
  append_js_string (html, value);
  if (relay != NULL)
    {
      g_string_append (html, ", RelayState: ");
      append_js_string (html, relay);
    }
  g_string_append (html, "};\n"
                         "  for (var name in fields) {\n"
                         "    var input = document.createElement(\"input\");\n"
                         "    input.type = \"hidden\";\n"
                         "    input.name = name;\n"
                         "    input.value = fields[name];\n"
                         "    form.appendChild(input);\n"
                         "  }\n"
                         "  document.body.appendChild(form);\n"
                         "  form.submit();\n"
                         "});\n</script>\n");
}

/* The page that posts the SAML response, in the style the query asks for. */
static void
serve_response_page (SbMock            *self,
                     SoupServerMessage *message,
                     const Options     *options,
                     const char        *raw_query)
{
  g_autofree char *acs = NULL;
  g_autoptr(SbSecret) value = NULL;
  g_autofree char *escaped_query = g_markup_escape_text (raw_query != NULL ? raw_query : "", -1);
  const char *style = options->style;
  const char *title = "Signing in to Anypoint Platform";
  GString *html;

  if (g_str_equal (style, "iframe"))
    {
      html = page_begin (title, NULL);
      g_string_append (html, "<p>Signing you in…</p>\n");
      g_string_append_printf (html, "<iframe src=\"/idp/frame?%s\" title=\"Sign-in\" width=\"400\" height=\"200\"></iframe>\n",
                              escaped_query);
      page_pad (html, options->pad);
      serve_html (message, SOUP_STATUS_OK, html);
      return;
    }

  if (g_str_equal (style, "window-open"))
    {
      g_autofree char *popup = g_strconcat ("/idp/popup?", raw_query != NULL ? raw_query : "", NULL);

      html = page_begin (title, NULL);
      g_string_append (html, "<p>Sign-in continues in a new window.</p>\n<script>\nwindow.addEventListener(\"load\", function () {\n  window.open(");
      append_js_string (html, popup);
      g_string_append (html, ", \"saml-popup\", \"width=500,height=600\");\n});\n</script>\n");
      page_pad (html, options->pad);
      serve_html (message, SOUP_STATUS_OK, html);
      return;
    }

  value = dup_field_value (self, options, &acs);

  if (g_str_equal (style, "fake-message"))
    {
      html = page_begin (title, NULL);
      g_string_append (html, "<p>Nothing to submit here.</p>\n");
      append_script_message (html, value, acs, options->relay);
    }
  else if (g_str_equal (style, "scripted"))
    {
      html = page_begin (title, NULL);
      g_string_append (html, "<p>Signing you in…</p>\n");
      append_scripted_form (html, value, acs, options->relay);
    }
  else if (g_str_equal (style, "button"))
    {
      html = page_begin (title, NULL);
      append_saml_form (html, acs, value, options->relay, NULL, TRUE);
    }
  else if (g_str_equal (style, "request-submit"))
    {
      html = page_begin (title, "onload=\"document.forms[0].requestSubmit()\"");
      append_saml_form (html, acs, value, options->relay, NULL, FALSE);
    }
  else if (g_str_equal (style, "target-blank"))
    {
      html = page_begin (title, "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, acs, value, options->relay, "_blank", FALSE);
    }
  else if (g_str_equal (style, "other-host"))
    {
      g_autofree char *federate = g_strconcat (self->idp_url, "/idp/federate", NULL);

      html = page_begin ("Signing in to a partner", "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, federate, value, options->relay, NULL, FALSE);
    }
  else
    {
      html = page_begin (title, "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, acs, value, options->relay, NULL, FALSE);
    }

  page_pad (html, options->pad);
  serve_html (message, SOUP_STATUS_OK, html);
}

static void
serve_login_page (SoupServerMessage *message,
                  const Options     *options,
                  const char        *raw_query,
                  gboolean           failed)
{
  GString *html = page_begin ("Sign in – Mock IdP", NULL);

  g_string_append (html, "<main>\n<h1>Mock IdP</h1>\n<p>Sign in to continue to Anypoint Platform.</p>\n");
  if (failed)
    g_string_append (html, "<p class=\"error\" role=\"alert\">Incorrect username or password.</p>\n");
  g_string_append (html, "<form method=\"post\" action=\"/idp/login\">\n<input type=\"hidden\" name=\"query\" value=\"");
  append_escaped (html, raw_query);
  g_string_append (html, "\">\n"
                         "<label for=\"username\">Username</label>\n"
                         "<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autofocus>\n"
                         "<label for=\"password\">Password</label>\n"
                         "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n"
                         "<button type=\"submit\">Sign in</button>\n"
                         "</form>\n</main>\n");
  page_pad (html, options->pad);
  serve_html (message, SOUP_STATUS_OK, html);
}

/* The IdP. */

static GHashTable *
decode_form (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

/* "Stay signed in": a persistent cookie lets the next sign-in skip the form. */
static void
start_session (SbMock            *self,
               SoupServerMessage *message)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *cookie = g_strdup_printf (SESSION_COOKIE "=%s; Path=/; Max-Age=86400; HttpOnly", id);

  g_hash_table_add (self->sessions, g_steal_pointer (&id));
  soup_message_headers_append (soup_server_message_get_response_headers (message), "Set-Cookie", cookie);
}

static gboolean
has_session (SbMock            *self,
             SoupServerMessage *message)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Cookie");
  g_autoptr(GHashTable) cookies = NULL;
  const char *id;

  if (header == NULL)
    return FALSE;

  cookies = soup_header_parse_semi_param_list (header);
  id = g_hash_table_lookup (cookies, SESSION_COOKIE);
  if (id == NULL || !g_hash_table_contains (self->sessions, id))
    return FALSE;

  self->session_sign_ins++;
  return TRUE;
}

static void
on_idp_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SbMock *self = user_data;
  const char *method = soup_server_message_get_method (message);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (message));
  g_auto(Options) options = { 0 };

  if (g_str_equal (path, "/idp/sso") && g_str_equal (method, SOUP_METHOD_GET))
    {
      g_free (self->last_idp_user_agent);
      self->last_idp_user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                                          "User-Agent"));
      options_init (&options, raw_query);
      if (options.login && !has_session (self, message))
        serve_login_page (message, &options, raw_query, FALSE);
      else
        serve_response_page (self, message, &options, raw_query);
    }
  else if (g_str_equal (path, "/idp/login") && g_str_equal (method, SOUP_METHOD_POST))
    {
      g_autoptr(GHashTable) form = decode_form (message);
      const char *carried = g_hash_table_lookup (form, "query");

      options_init (&options, carried);
      if (g_strcmp0 (g_hash_table_lookup (form, "username"), SB_MOCK_USERNAME) == 0 &&
          g_strcmp0 (g_hash_table_lookup (form, "password"), SB_MOCK_PASSWORD) == 0)
        {
          start_session (self, message);
          serve_response_page (self, message, &options, carried);
        }
      else
        serve_login_page (message, &options, carried, TRUE);
    }
  else if ((g_str_equal (path, "/idp/frame") || g_str_equal (path, "/idp/popup")) &&
           g_str_equal (method, SOUP_METHOD_GET))
    {
      g_autofree char *acs = NULL;
      g_autoptr(SbSecret) value = NULL;
      gboolean frame = g_str_equal (path, "/idp/frame");
      GString *html;

      options_init (&options, raw_query);
      value = dup_field_value (self, &options, &acs);
      html = page_begin ("Signing in to Anypoint Platform", "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, acs, value, options.relay, frame ? "_top" : NULL, FALSE);
      serve_html (message, SOUP_STATUS_OK, html);
    }
  else if (g_str_equal (path, "/idp/federate") && g_str_equal (method, SOUP_METHOD_POST))
    {
      GString *html = page_begin ("Federated", NULL);

      self->federated_posts++;
      g_string_append (html, "<h1>Federated</h1>\n<p>The partner received the sign-in.</p>\n");
      serve_html (message, SOUP_STATUS_OK, html);
    }
  else
    {
      GString *html = page_begin ("Not found", NULL);

      g_string_append (html, "<h1>Not found</h1>\n");
      serve_html (message, SOUP_STATUS_NOT_FOUND, html);
    }
}

/* The platform. */

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

  if (GPOINTER_TO_INT (state) == RESPONSE_USED)
    {
      self->replays++;
      *problem = "This SAML response was already used.";
      result = SOUP_STATUS_BAD_REQUEST;
      goto out;
    }

  if (spend)
    g_hash_table_insert (self->responses, g_strdup (id), GINT_TO_POINTER (RESPONSE_USED));

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

  g_free (self->last_token_hash);
  self->last_token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  self->tokens_issued++;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "bearer");
  json_builder_set_member_name (builder, "redirectUrl");
  json_builder_add_string_value (builder, "/home/");
  json_builder_end_object (builder);

  g_hash_table_add (self->tokens, token);
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
  slow->owner = self->slow;
  slow->timeout_id = g_timeout_add_seconds (SLOW_ANSWER_SECONDS, on_slow_timeout, slow);
  slow->finished_id = g_signal_connect (message, "finished", G_CALLBACK (on_slow_finished), slow);
  g_ptr_array_add (self->slow, slow);

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
      g_autoptr(GHashTable) form = decode_form (message);
      GString *html = page_begin ("Anypoint Platform", NULL);

      /* A browser's own POST spends the assertion, as on the real platform. */
      self->browser_posts++;
      check_response (self, server, g_hash_table_lookup (form, "SAMLResponse"), TRUE, &problem);
      g_string_append (html, "<h1>Anypoint Platform</h1>\n<p>Signed in by the browser.</p>\n");
      serve_html (message, SOUP_STATUS_OK, html);
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

  self->exchanges++;

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
serve_me (SbMock            *self,
          SoupServerMessage *message)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                            "Authorization");
  g_autoptr(JsonBuilder) builder = NULL;

  self->me_requests++;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0 ||
      !g_hash_table_contains (self->tokens, authorization + 7))
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
  json_builder_add_string_value (builder, "2c8d4f6e-1a3b-4c5d-8e7f-9a0b1c2d3e4f");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Analytical Engines");
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, "mock-org");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  serve_json (message, SOUP_STATUS_OK, builder);
}

static void
on_platform_request (SoupServer        *server,
                     SoupServerMessage *message,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  SbMock *self = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autofree char *mode = NULL;

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
  else if (g_str_equal (path, "/mock/last-response") && g_str_equal (method, SOUP_METHOD_GET))
    {
      /* For the test that looks for leaks of the assertion; it compares, never prints. */
      serve_raw (message, SOUP_STATUS_OK, "text/plain", self->last_response ? self->last_response : "");
    }
  else if (g_str_equal (path, "/") && g_str_equal (method, SOUP_METHOD_GET))
    {
      GString *html = page_begin ("Anypoint Platform", NULL);

      g_string_append (html, "<h1>Mock Anypoint Platform</h1>\n");
      serve_html (message, SOUP_STATUS_OK, html);
    }
  else
    serve_json_message (message, SOUP_STATUS_NOT_FOUND, "Not found.");
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

  if (!(self->idp = start_server (self->idp_port, on_idp_request, self, &self->idp_url, error)) ||
      !(self->platform = start_server (self->platform_port, on_platform_request, self, &self->platform_url, error)) ||
      !(self->other = start_server (0, on_platform_request, self, &self->other_url, error)))
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

  return self->exchanges;
}

guint
sb_mock_get_browser_post_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->browser_posts;
}

guint
sb_mock_get_me_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->me_requests;
}

guint
sb_mock_get_replay_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->replays;
}

guint
sb_mock_get_token_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->tokens_issued;
}

/* POSTs of a SAML response to the IdP's own /idp/federate (the other-host style). */
guint
sb_mock_get_federated_count (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), 0);

  return self->federated_posts;
}

/* SHA-256 (hex) of the last token the platform issued, or NULL: never the token. */
char *
sb_mock_dup_last_token_hash (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return g_strdup (self->last_token_hash);
}

/* The User-Agent header of the last request for /idp/sso, or NULL. */
char *
sb_mock_dup_last_user_agent (SbMock *self)
{
  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  return g_strdup (self->last_idp_user_agent);
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
  json_builder_add_int_value (builder, self->exchanges);
  json_builder_set_member_name (builder, "browser_posts");
  json_builder_add_int_value (builder, self->browser_posts);
  json_builder_set_member_name (builder, "me_requests");
  json_builder_add_int_value (builder, self->me_requests);
  json_builder_set_member_name (builder, "replays");
  json_builder_add_int_value (builder, self->replays);
  json_builder_set_member_name (builder, "tokens_issued");
  json_builder_add_int_value (builder, self->tokens_issued);
  json_builder_set_member_name (builder, "federated_posts");
  json_builder_add_int_value (builder, self->federated_posts);
  json_builder_set_member_name (builder, "session_sign_ins");
  json_builder_add_int_value (builder, self->session_sign_ins);
  json_builder_set_member_name (builder, "last_idp_user_agent");
  if (self->last_idp_user_agent != NULL)
    json_builder_add_string_value (builder, self->last_idp_user_agent);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_token_sha256");
  if (self->last_token_hash != NULL)
    json_builder_add_string_value (builder, self->last_token_hash);
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
  g_auto(Options) options = { 0 };

  g_return_val_if_fail (SB_IS_MOCK (self), NULL);

  options_init (&options, query);
  return dup_field_value (self, &options, acs_url);
}
