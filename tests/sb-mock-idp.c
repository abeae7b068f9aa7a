/* The mock IdP: a login form ("Stay signed in" by cookie), then a page that
 * posts a fresh SAML Response in the style the SSO query asks for. Every
 * Response it issues goes into the registry the mock platform checks. */
#define G_LOG_DOMAIN "sb-mock"

#include "config.h"

#include "sb-mock-private.h"
#include "sb-mock-idp-assets.h"

#include "sb-secret.h"

#include <string.h>

#define SAML_NS             "urn:oasis:names:tc:SAML:2.0:assertion"
#define MAX_PAD_BYTES       (64 * 1024 * 1024)
#define MAX_ATTRIBUTES      100000
#define BASE64_LINE         76
#define SESSION_COOKIE      "mock_idp_session"

/* What the SSO query asks the IdP to do. */
typedef struct {
  GHashTable *query;
  const char *mode;
  const char *style;
  const char *relay;
  const char *status;
  const char *status_message;
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
  gboolean    realistic;
} Options;

void
sb_mock_idp_init (SbMockIdp *idp)
{
  idp->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
sb_mock_idp_clear (SbMockIdp *idp)
{
  g_clear_pointer (&idp->sessions, g_hash_table_unref);
  g_clear_pointer (&idp->last_user_agent, g_free);
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
  options->status_message = option (options->query, "status-message");
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
  options->realistic = option_flag (options->query, "realistic");
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->query, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

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
  sb_mock_append_escaped (xml, name);
  g_string_append (xml, "\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">"
                        "<saml:AttributeValue xsi:type=\"xs:string\">");
  sb_mock_append_escaped (xml, value);
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
  sb_mock_append_escaped (xml, acs);
  g_string_append_c (xml, '"');
  if (request_id != NULL)
    g_string_append_printf (xml, " InResponseTo=\"%s\"", request_id);
  g_string_append (xml, ">\n  <saml:Issuer>");
  sb_mock_append_escaped (xml, issuer);
  g_string_append (xml, "</saml:Issuer>\n");

  if (options->status != NULL)
    {
      g_string_append (xml, "  <samlp:Status>\n"
                            "    <samlp:StatusCode Value=\"" STATUS_PREFIX "Responder\">\n"
                            "      <samlp:StatusCode Value=\"" STATUS_PREFIX);
      g_string_append (xml, options->status);
      g_string_append (xml, "\"/>\n    </samlp:StatusCode>\n    <samlp:StatusMessage>");
      sb_mock_append_escaped (xml, options->status_message != NULL ? options->status_message
                                                                   : status_message (options->status));
      g_string_append (xml, "</samlp:StatusMessage>\n  </samlp:Status>\n</samlp:Response>\n");
      goto done;
    }

  g_string_append (xml, "  <samlp:Status><samlp:StatusCode Value=\"" STATUS_PREFIX "Success\"/></samlp:Status>\n");
  g_string_append_printf (xml, "  <saml:Assertion xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                               " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                               " ID=\"%s\" Version=\"2.0\" IssueInstant=\"%s\">\n", assertion_id, issue_instant);
  g_string_append (xml, "    <saml:Issuer>");
  sb_mock_append_escaped (xml, issuer);
  g_string_append (xml, "</saml:Issuer>\n"
                        "    <saml:Subject>\n"
                        "      <saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">ada@example.com</saml:NameID>\n"
                        "      <saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">\n");
  g_string_append_printf (xml, "        <saml:SubjectConfirmationData NotOnOrAfter=\"%s\" Recipient=\"", not_on_or_after);
  sb_mock_append_escaped (xml, acs);
  g_string_append_c (xml, '"');
  if (request_id != NULL)
    g_string_append_printf (xml, " InResponseTo=\"%s\"", request_id);
  g_string_append (xml, "/>\n      </saml:SubjectConfirmation>\n    </saml:Subject>\n");
  g_string_append_printf (xml, "    <saml:Conditions NotBefore=\"%s\" NotOnOrAfter=\"%s\">\n", not_before, not_on_or_after);
  g_string_append (xml, "      <saml:AudienceRestriction><saml:Audience>");
  sb_mock_append_escaped (xml, audience);
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
  g_hash_table_insert (self->responses, g_steal_pointer (&response_id), GINT_TO_POINTER (SB_MOCK_RESPONSE_ISSUED));

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
  sb_mock_append_escaped (html, action);
  g_string_append_c (html, '"');
  if (target != NULL)
    g_string_append_printf (html, " target=\"%s\"", target);
  g_string_append (html, "><input type=\"hidden\" name=\"SAMLResponse\" value=\"");
  sb_mock_append_escaped (html, value);
  g_string_append (html, "\">");
  if (relay != NULL)
    {
      g_string_append (html, "<input type=\"hidden\" name=\"RelayState\" value=\"");
      sb_mock_append_escaped (html, relay);
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

/* The ACS as a page might write it so that the platform still routes it there. */
static char *
dup_acs_variant (const char *acs,
                 const char *variant)
{
  const char *path = strstr (strstr (acs, "://") + 3, "/");
  g_autofree char *origin = g_strndup (acs, path - acs);

  if (g_str_equal (variant, "case"))
    {
      g_autoptr(GString) upper = g_string_new (path);

      g_string_replace (upper, "/accounts/login/", "/Accounts/LOGIN/", 1);
      g_string_replace (upper, "/providers/", "/Providers/", 1);
      g_string_replace (upper, "/receive-id", "/Receive-ID", 1);
      return g_strconcat (origin, upper->str, NULL);
    }
  if (g_str_equal (variant, "slash"))
    return g_strconcat (acs, "/", NULL);
  if (g_str_equal (variant, "double"))
    return g_strconcat (origin, "/", path, NULL);
  if (g_str_equal (variant, "param"))
    return g_strconcat (acs, ";jsessionid=0", NULL);
  if (g_str_equal (variant, "dots"))
    return g_strconcat (origin, "/accounts/./login/x/..", path + strlen ("/accounts/login"), NULL);
  if (g_str_equal (variant, "encoded"))
    return g_strconcat (origin, "/accounts%2Flogin", path + strlen ("/accounts/login"), NULL);

  return g_strdup (acs);
}

/* Script that builds a form posting @value to @acs, and runs @then on it. */
static void
append_form_script (GString    *html,
                    const char *acs,
                    const char *value,
                    const char *then)
{
  g_string_append (html, "(function () {\n  var form = document.createElement(\"form\");\n"
                         "  form.method = \"post\";\n  form.action = ");
  append_js_string (html, acs);
  g_string_append (html, ";\n  var input = document.createElement(\"input\");\n"
                         "  input.type = \"hidden\";\n  input.name = \"SAMLResponse\";\n  input.value = ");
  append_js_string (html, value);
  g_string_append_printf (html, ";\n  form.appendChild(input);\n  document.body.appendChild(form);\n  %s\n})();\n", then);
}

/* Pages that try to get the assertion to the platform around the form the app stops,
 * or to have another assertion exchanged: the capture tests serve them. A forged
 * response is not one the mock issued, so exchanging it would be refused. */
static gboolean
serve_hostile_page (SbMock            *self,
                    SoupServerMessage *message,
                    const Options     *options,
                    const char        *acs,
                    const char        *value)
{
  static const char forged[] = "PHNhbWxwOlJlc3BvbnNlIElEPSJmb3JnZWQiLz4=";
  const char *style = options->style;
  GString *html = sb_mock_page_begin ("Signing in to Anypoint Platform", NULL);

  if (g_str_equal (style, "fetch") || g_str_equal (style, "xhr") || g_str_equal (style, "beacon") ||
      g_str_equal (style, "ping"))
    {
      g_autoptr(GString) url = g_string_new (acs);

      g_string_append (url, "?SAMLResponse=");
      g_string_append_uri_escaped (url, value, NULL, FALSE);
      g_string_append (html, "<p>Signing you in…</p>\n<a id=\"link\" href=\"#done\">Continue</a>\n<script>\nvar acs = ");
      append_js_string (html, acs);
      g_string_append (html, ", url = ");
      append_js_string (html, url->str);
      g_string_append (html, ", value = ");
      append_js_string (html, value);
      g_string_append (html, ", body = new URLSearchParams({SAMLResponse: value});\n");
      if (g_str_equal (style, "fetch"))
        g_string_append (html, "fetch(acs, {method: \"POST\", body: body, mode: \"no-cors\"}).catch(function () {});\n"
                               "fetch(url, {mode: \"no-cors\"}).catch(function () {});\n");
      else if (g_str_equal (style, "xhr"))
        g_string_append (html, "var x = new XMLHttpRequest(); x.open(\"POST\", acs); x.send(body);\n"
                               "var y = new XMLHttpRequest(); y.open(\"GET\", url); y.send();\n");
      else if (g_str_equal (style, "beacon"))
        g_string_append (html, "navigator.sendBeacon(acs, body); navigator.sendBeacon(url, \"x\");\n");
      else
        g_string_append (html, "var a = document.getElementById(\"link\"); a.ping = url; a.click();\n");
      g_string_append (html, "var img = new Image(); img.src = url;\n</script>\n");
    }
  else if (g_str_has_prefix (style, "variant-"))
    {
      g_autofree char *variant = dup_acs_variant (acs, style + strlen ("variant-"));

      g_string_append (html, "<script>\nwindow.addEventListener(\"load\", function () {\n");
      append_form_script (html, variant, value, "form.submit();");
      g_string_append (html, "});\n</script>\n");
    }
  else if (g_str_equal (style, "get-binding"))
    {
      g_string_append (html, "<script>\nwindow.addEventListener(\"load\", function () {\n");
      append_form_script (html, acs, value, "form.method = \"get\"; form.submit();");
      g_string_append (html, "});\n</script>\n");
    }
  else if (g_str_equal (style, "forge-before") || g_str_equal (style, "forge-after"))
    {
      gboolean before = g_str_equal (style, "forge-before");

      g_string_append (html, "<script>\nfunction forge () {\n");
      append_form_script (html, acs, forged, "new FormData(form);");
      g_string_append (html, "}\nwindow.addEventListener(\"load\", function () {\n");
      if (before)
        g_string_append (html, "forge();\n");
      append_form_script (html, acs, value, before ? "form.submit();" : "form.submit(); setTimeout(forge, 0);");
      g_string_append (html, "});\n</script>\n");
    }
  else if (g_str_equal (style, "double-submit"))
    {
      g_string_append (html, "<script>\nwindow.addEventListener(\"load\", function () {\n");
      append_form_script (html, acs, value, "form.submit(); form.submit(); setTimeout(function () { form.submit(); }, 50);");
      g_string_append (html, "});\n</script>\n");
    }
  else if (g_str_equal (style, "auto-popup"))
    {
      g_string_append (html, "<p>Sign-in continues in a new window.</p>\n<script>\nwindow.addEventListener(\"load\", function () {\n"
                             "  window.open(\"/idp/popup?");
      g_string_append (html, g_uri_get_query (soup_server_message_get_uri (message)));
      g_string_append (html, "\", \"saml-popup\", \"width=500,height=600\");\n});\n</script>\n");
    }
  else
    {
      g_string_free (html, TRUE);
      return FALSE;
    }

  sb_mock_serve_html (message, SOUP_STATUS_OK, html);
  return TRUE;
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
      html = sb_mock_page_begin (title, NULL);
      g_string_append (html, "<p>Signing you in…</p>\n");
      g_string_append_printf (html, "<iframe src=\"/idp/frame?%s\" title=\"Sign-in\" width=\"400\" height=\"200\"></iframe>\n",
                              escaped_query);
      page_pad (html, options->pad);
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
      return;
    }

  if (g_str_equal (style, "window-open"))
    {
      g_autofree char *popup = g_strconcat ("/idp/popup?", raw_query != NULL ? raw_query : "", NULL);

      /* Browsers open windows for a person's click, not for a page's script alone. */
      html = sb_mock_page_begin (title, NULL);
      g_string_append (html, "<p>Sign-in continues in a new window.</p>\n<button id=\"open\" autofocus onclick=\"window.open('");
      sb_mock_append_escaped (html, popup);
      g_string_append (html, "', 'saml-popup', 'width=500,height=600')\">Continue</button>\n");
      page_pad (html, options->pad);
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
      return;
    }

  value = dup_field_value (self, options, &acs);

  if (serve_hostile_page (self, message, options, acs, value))
    return;

  if (g_str_equal (style, "fake-message"))
    {
      html = sb_mock_page_begin (title, NULL);
      g_string_append (html, "<p>Nothing to submit here.</p>\n");
      append_script_message (html, value, acs, options->relay);
    }
  else if (g_str_equal (style, "scripted"))
    {
      html = sb_mock_page_begin (title, NULL);
      g_string_append (html, "<p>Signing you in…</p>\n");
      append_scripted_form (html, value, acs, options->relay);
    }
  else if (g_str_equal (style, "button"))
    {
      html = sb_mock_page_begin (title, NULL);
      append_saml_form (html, acs, value, options->relay, NULL, TRUE);
    }
  else if (g_str_equal (style, "request-submit"))
    {
      html = sb_mock_page_begin (title, "onload=\"document.forms[0].requestSubmit()\"");
      append_saml_form (html, acs, value, options->relay, NULL, FALSE);
    }
  else if (g_str_equal (style, "target-blank"))
    {
      /* Into a new window: for a person's click, as browsers allow. */
      html = sb_mock_page_begin (title, NULL);
      append_saml_form (html, acs, value, options->relay, "_blank", TRUE);
    }
  else if (g_str_equal (style, "other-host"))
    {
      g_autofree char *federate = g_strconcat (self->idp_url, "/idp/federate", NULL);

      html = sb_mock_page_begin ("Signing in to a partner", "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, federate, value, options->relay, NULL, FALSE);
    }
  else
    {
      html = sb_mock_page_begin (title, "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, acs, value, options->relay, NULL, FALSE);
    }

  page_pad (html, options->pad);
  sb_mock_serve_html (message, SOUP_STATUS_OK, html);
}

static void
serve_login_page (SoupServerMessage *message,
                  const Options     *options,
                  const char        *raw_query,
                  gboolean           failed)
{
  GString *html;

  if (options->realistic)
    {
      g_autoptr(GString) query = g_string_new (NULL);

      sb_mock_append_escaped (query, raw_query);
      html = sb_mock_idp_realistic_page_begin ("Sign in – Mock IdP");
      sb_mock_idp_append_realistic_page (html, query->str, failed);
      page_pad (html, options->pad);
      sb_mock_idp_add_page_headers (message);
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
      return;
    }

  html = sb_mock_page_begin ("Sign in – Mock IdP", NULL);
  g_string_append (html, "<main>\n<h1>Mock IdP</h1>\n<p>Sign in to continue to Anypoint Platform.</p>\n");
  if (failed)
    g_string_append (html, "<p class=\"error\" role=\"alert\">Incorrect username or password.</p>\n");
  g_string_append (html, "<form method=\"post\" action=\"/idp/login\">\n<input type=\"hidden\" name=\"query\" value=\"");
  sb_mock_append_escaped (html, raw_query);
  g_string_append (html, "\">\n"
                         "<label for=\"username\">Username</label>\n"
                         "<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autofocus>\n"
                         "<label for=\"password\">Password</label>\n"
                         "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n"
                         "<button type=\"submit\">Sign in</button>\n"
                         "</form>\n</main>\n");
  page_pad (html, options->pad);
  sb_mock_serve_html (message, SOUP_STATUS_OK, html);
}

/* "Stay signed in": a persistent cookie lets the next sign-in skip the form. */
static void
start_session (SbMock            *self,
               SoupServerMessage *message)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *cookie = g_strdup_printf (SESSION_COOKIE "=%s; Path=/; Max-Age=86400; HttpOnly", id);

  g_hash_table_add (self->idp.sessions, g_steal_pointer (&id));
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
  if (id == NULL || !g_hash_table_contains (self->idp.sessions, id))
    return FALSE;

  self->idp.session_sign_ins++;
  return TRUE;
}

void
sb_mock_idp_handle (SoupServer        *server,
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
      g_free (self->idp.last_user_agent);
      self->idp.last_user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                                          "User-Agent"));
      options_init (&options, raw_query);
      if (options.login && !has_session (self, message))
        serve_login_page (message, &options, raw_query, FALSE);
      else
        serve_response_page (self, message, &options, raw_query);
    }
  else if (g_str_equal (path, "/idp/login") && g_str_equal (method, SOUP_METHOD_POST))
    {
      g_autoptr(GHashTable) form = sb_mock_decode_form (message);
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
      html = sb_mock_page_begin ("Signing in to Anypoint Platform", "onload=\"document.forms[0].submit()\"");
      append_saml_form (html, acs, value, options.relay, frame ? "_top" : NULL, FALSE);
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
    }
  else if (g_str_has_prefix (path, "/idp/assets/") && g_str_equal (method, SOUP_METHOD_GET) &&
           sb_mock_idp_serve_asset (message, path))
    {
    }
  else if (g_str_equal (path, "/idp/federate") && g_str_equal (method, SOUP_METHOD_POST))
    {
      GString *html = sb_mock_page_begin ("Federated", NULL);

      self->idp.federated_posts++;
      g_string_append (html, "<h1>Federated</h1>\n<p>The partner received the sign-in.</p>\n");
      sb_mock_serve_html (message, SOUP_STATUS_OK, html);
    }
  else
    {
      GString *html = sb_mock_page_begin ("Not found", NULL);

      g_string_append (html, "<h1>Not found</h1>\n");
      sb_mock_serve_html (message, SOUP_STATUS_NOT_FOUND, html);
    }
}


/* The SAMLResponse form value for @query, as the SSO page would post it. */
char *
sb_mock_idp_dup_saml_response (SbMock      *self,
                               const char  *query,
                               char       **acs_url)
{
  g_auto(Options) options = { 0 };

  options_init (&options, query);
  return dup_field_value (self, &options, acs_url);
}
