#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-secret.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define SAMLP_NS "urn:oasis:names:tc:SAML:2.0:protocol"
#define SAML_NS "urn:oasis:names:tc:SAML:2.0:assertion"
#define DSIG_NS "http://www.w3.org/2000/09/xmldsig#"
#define STATUS_SUCCESS "urn:oasis:names:tc:SAML:2.0:status:Success"

#define UTF8_BOM "\xef\xbb\xbf"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

struct _SbSaml
{
  GObject     parent_instance;

  char       *xml;
  gsize       xml_len;
  char       *pretty_xml;
  gsize       pretty_xml_len;

  char       *issuer;
  char       *destination;
  char       *in_response_to;
  GDateTime  *issue_instant;
  char       *top_status_code;
  char       *status_code;
  char       *status_message;
  char       *name_id;
  char       *name_id_format;
  GStrv       audiences;
  GDateTime  *not_before;
  GDateTime  *not_on_or_after;
  char       *authn_context;
  GPtrArray  *attributes;
  const char *username;

  guint       has_assertion : 1;
  guint       response_signed : 1;
  guint       assertion_signed : 1;
  guint       encrypted : 1;
};

G_DEFINE_FINAL_TYPE (SbSaml, sb_saml, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-saml-error-quark, sb_saml_error)

/* Attribute names (or friendly names) that identity providers commonly use
 * for the username or the email address, compared without case.
 */
static const char * const username_attributes[] = {
  "username",
  "user_name",
  "user.username",
  "preferred_username",
  "login",
  "email",
  "emailaddress",
  "email_address",
  "user.email",
  "mail",
  "upn",
  "uid",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
  "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname",
  "urn:oid:0.9.2342.19200300.100.1.3",
  "urn:oid:0.9.2342.19200300.100.1.1",
  "urn:oid:1.2.840.113549.1.9.1",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
};

static void
sb_saml_attribute_free (SbSamlAttribute *attribute)
{
  if (attribute == NULL)
    return;

  g_free (attribute->name);
  g_free (attribute->friendly_name);
  g_strfreev (attribute->values);
  g_free (attribute);
}

void
sb_saml_warning_free (SbSamlWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->title);
  g_free (warning->explanation);
  g_free (warning);
}

static void
wipe_and_free (char  **buffer,
               gsize   len)
{
  if (*buffer == NULL)
    return;

  sb_secret_wipe (*buffer, len);
  g_clear_pointer (buffer, g_free);
}

static void
sb_saml_finalize (GObject *object)
{
  SbSaml *self = (SbSaml *)object;

  wipe_and_free (&self->xml, self->xml_len);
  wipe_and_free (&self->pretty_xml, self->pretty_xml_len);

  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->destination, g_free);
  g_clear_pointer (&self->in_response_to, g_free);
  g_clear_pointer (&self->issue_instant, g_date_time_unref);
  g_clear_pointer (&self->top_status_code, g_free);
  g_clear_pointer (&self->status_code, g_free);
  g_clear_pointer (&self->status_message, g_free);
  g_clear_pointer (&self->name_id, g_free);
  g_clear_pointer (&self->name_id_format, g_free);
  g_clear_pointer (&self->audiences, g_strfreev);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_on_or_after, g_date_time_unref);
  g_clear_pointer (&self->authn_context, g_free);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_saml_parent_class)->finalize (object);
}

static void
sb_saml_class_init (SbSamlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_saml_finalize;
}

static void
sb_saml_init (SbSaml *self)
{
  self->audiences = g_new0 (char *, 1);
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_saml_attribute_free);
}

/* Decoding */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* Skips a UTF-8 byte order mark and white space at the start, and white
 * space at the end.
 */
static void
trim (const char **start,
      gsize       *len)
{
  const char *p = *start;
  const char *end = p + *len;

  if (end - p >= 3 && memcmp (p, UTF8_BOM, 3) == 0)
    p += 3;

  while (p < end && is_space (*p))
    p++;

  while (end > p && is_space (end[-1]))
    end--;

  *start = p;
  *len = end - p;
}

static char *
check_xml (const char  *data,
           gsize        len,
           GError     **error)
{
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                           _("The SAML response contains binary data, not XML. "
                             "Check that you copied the whole SAMLResponse value and nothing else."));
      return NULL;
    }

  return g_strndup (data, len);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Percent-decoding only: in base64, “+” is a character of its own. */
static char *
url_unescape (const char  *data,
              gsize        len,
              gsize       *out_len,
              GError     **error)
{
  char *out = g_malloc (len + 1);
  gsize j = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '%')
        {
          int high = i + 2 < len ? hex_value (data[i + 1]) : -1;
          int low = i + 2 < len ? hex_value (data[i + 2]) : -1;

          if (high < 0 || low < 0)
            {
              sb_secret_wipe (out, j);
              g_free (out);
              g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                                   _("The SAML response looks URL-encoded but contains a broken “%” escape. "
                                     "Copy the whole SAMLResponse value again."));
              return NULL;
            }

          out[j++] = (char) (high << 4 | low);
          i += 2;
        }
      else
        {
          out[j++] = data[i];
        }
    }

  out[j] = '\0';
  *out_len = j;

  return out;
}

/* g_base64_decode() skips anything it does not understand, so check first:
 * only the base64 alphabet and white space, a length that is a multiple of
 * four and at most two padding characters at the very end.
 */
static char *
strict_base64_decode (const char  *data,
                      gsize        len,
                      gsize       *out_len,
                      GError     **error)
{
  g_autofree char *clean = g_malloc (len + 1);
  gsize n = 0;
  gsize padding = 0;
  guchar *decoded;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (is_space (c))
        continue;

      if (c == '=')
        {
          padding++;
        }
      else if (!is_base64_char (c) || padding > 0)
        {
          sb_secret_wipe (clean, n);

          if (is_base64_char (c))
            g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                                 _("The SAML response is not valid base64: “=” padding appears before its end. "
                                   "Check that you copied the SAMLResponse value alone, without other form fields."));
          else if (g_ascii_isprint (c))
            g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                         _("The SAML response is neither XML nor valid base64: it contains the character “%c”. "
                           "Copy the value of the SAMLResponse form field again."), c);
          else
            g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                                 _("The SAML response is neither XML nor valid base64: it contains characters that base64 does not use. "
                                   "Copy the value of the SAMLResponse form field again."));
          return NULL;
        }

      clean[n++] = c;
    }

  if (n % 4 != 0 || padding > 2)
    {
      sb_secret_wipe (clean, n);
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                           _("The SAML response is not valid base64: its length is wrong, so part of it is probably missing. "
                             "Copy the whole SAMLResponse value again."));
      return NULL;
    }

  clean[n] = '\0';
  decoded = g_base64_decode_inplace (clean, out_len);
  g_assert ((char *) decoded == clean);

  return g_steal_pointer (&clean);
}

static char *
decode_trimmed (const char  *data,
                gsize        len,
                gboolean     allow_unescape,
                GError     **error)
{
  char *result;

  if (len == 0)
    {
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_EMPTY,
                           _("The SAML response is empty. Paste the value of the SAMLResponse form field."));
      return NULL;
    }

  if (data[0] == '<')
    return check_xml (data, len, error);

  if (allow_unescape && memchr (data, '%', len) != NULL)
    {
      gsize unescaped_len = 0;
      char *unescaped = url_unescape (data, len, &unescaped_len, error);
      const char *start = unescaped;
      gsize trimmed_len = unescaped_len;

      if (unescaped == NULL)
        return NULL;

      trim (&start, &trimmed_len);
      result = decode_trimmed (start, trimmed_len, FALSE, error);
      wipe_and_free (&unescaped, unescaped_len);

      return result;
    }
  else
    {
      gsize decoded_len = 0;
      char *decoded = strict_base64_decode (data, len, &decoded_len, error);
      const char *start = decoded;
      gsize trimmed_len = decoded_len;

      if (decoded == NULL)
        return NULL;

      trim (&start, &trimmed_len);

      if (trimmed_len == 0 || start[0] != '<')
        {
          g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                               _("The SAML response is valid base64 but does not contain XML. "
                                 "Check that you copied the SAMLResponse value and not another form field."));
          result = NULL;
        }
      else
        {
          result = check_xml (start, trimmed_len, error);
        }

      wipe_and_free (&decoded, decoded_len);

      return result;
    }
}

/**
 * sb_saml_decode:
 * @input: a SAMLResponse: base64 (line breaks allowed), URL-encoded base64
 *   or XML
 * @length: the length of @input in bytes, or -1 if it is NUL-terminated
 * @error: return location for an #SB_SAML_ERROR
 *
 * Returns: (transfer full): the XML of the response; free it with
 *   sb_secret_free()
 */
char *
sb_saml_decode (const char  *input,
                gsize        length,
                GError     **error)
{
  const char *start = input;

  g_return_val_if_fail (input != NULL || length == 0 || length == (gsize) -1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == (gsize) -1)
    length = input != NULL ? strlen (input) : 0;

  if (length > SB_SAML_MAX_INPUT)
    {
      g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE,
                   _("The SAML response is larger than %d MB, far more than identity providers send. "
                     "Check that you copied only the SAMLResponse value."),
                   SB_SAML_MAX_INPUT / (1024 * 1024));
      return NULL;
    }

  if (length > 0)
    trim (&start, &length);

  return decode_trimmed (start, length, TRUE, error);
}

/* Parsing */

typedef struct {
  gboolean  doctype;
  char     *message;
  int       line;
} ParseState;

static void
init_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
on_parse_error (void        *user_data,
                xmlErrorPtr  xml_error)
{
  ParseState *state = user_data;

  if (state->message != NULL || xml_error == NULL || xml_error->level < XML_ERR_ERROR)
    return;

  state->message = g_strstrip (g_strdup (xml_error->message != NULL ? xml_error->message : ""));
  state->line = xml_error->line;
}

static void
on_generic_error (void       *user_data,
                  const char *format,
                  ...)
{
}

/* The DOCTYPE scan before parsing misses a declaration hidden by a document
 * encoding such as UTF-7, so the parser stops at any DOCTYPE it meets too.
 */
static void
on_doctype (void          *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = user_data;
  ParseState *state = ctxt->_private;

  state->doctype = TRUE;
  xmlStopParser (ctxt);
}

static gboolean
contains_doctype (const char *xml,
                  gsize       len)
{
  static const char needle[] = "<!doctype";
  gsize needle_len = sizeof needle - 1;

  for (const char *p = xml; (p = memchr (p, '<', len - (p - xml))) != NULL; p++)
    {
      if ((gsize) (xml + len - p) >= needle_len &&
          g_ascii_strncasecmp (p, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
set_doctype_error (GError **error)
{
  g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_DTD,
                       _("The SAML response contains a document type declaration, which SAML never uses; "
                         "it was refused for safety."));
}

static xmlDoc *
parse_document (const char  *xml,
                gsize        len,
                gboolean     no_blanks,
                GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  ParseState state = { 0 };
  xmlGenericErrorFunc old_generic;
  void *old_generic_data;
  xmlStructuredErrorFunc old_structured;
  void *old_structured_data;
  int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

  if (no_blanks)
    options |= XML_PARSE_NOBLANKS;

  if (contains_doctype (xml, len))
    {
      set_doctype_error (error);
      return NULL;
    }

  if (len > G_MAXINT)
    {
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE,
                           _("The SAML response is too large to read."));
      return NULL;
    }

  init_libxml ();

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL || ctxt->sax == NULL)
    g_error ("Could not create an XML parser");

  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;

  /* Errors go to this thread's handlers only while parsing, so libxml2
   * prints nothing and the first error can be told to the user.
   */
  old_generic = xmlGenericError;
  old_generic_data = xmlGenericErrorContext;
  old_structured = xmlStructuredError;
  old_structured_data = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc (NULL, on_generic_error);
  xmlSetStructuredErrorFunc (&state, on_parse_error);

  doc = xmlCtxtReadMemory (ctxt, xml, (int) len, NULL, NULL, options);

  xmlSetStructuredErrorFunc (old_structured_data, old_structured);
  xmlSetGenericErrorFunc (old_generic_data, old_generic);

  if (state.doctype || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      set_doctype_error (error);
      g_free (state.message);
      return NULL;
    }

  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (state.message != NULL && *state.message != '\0')
        g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                     _("The SAML response is not well-formed XML (line %d: %s). "
                       "Check that you copied the whole SAMLResponse value."),
                     state.line, state.message);
      else
        g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                             _("The SAML response is not well-formed XML. "
                               "Check that you copied the whole SAMLResponse value."));
      g_free (state.message);
      return NULL;
    }

  g_free (state.message);

  return g_steal_pointer (&doc);
}

/* Reading the document */

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  return node != NULL &&
         node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, ns) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
first_child (xmlNode    *parent,
             const char *ns,
             const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (is_element (child, ns, name))
        return child;
    }

  return NULL;
}

static char *
dup_stripped (xmlChar *value)
{
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);

  return copy;
}

/* Element text with surrounding white space removed, or NULL if empty. */
static char *
dup_text (xmlNode *node)
{
  char *text;

  if (node == NULL)
    return NULL;

  text = dup_stripped (xmlNodeGetContent (node));
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static char *
dup_attribute (xmlNode    *node,
               const char *name)
{
  char *value = dup_stripped (xmlGetNoNsProp (node, (const xmlChar *) name));

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

static GDateTime *
parse_time (xmlNode    *node,
            const char *name)
{
  g_autofree char *value = dup_attribute (node, name);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (value == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (value, utc);
  if (time == NULL)
    return NULL;

  return g_date_time_to_utc (time);
}

static GDateTime *
earliest (GDateTime *a,
          GDateTime *b)
{
  if (a == NULL)
    return b;

  if (b == NULL)
    return a;

  if (g_date_time_compare (a, b) <= 0)
    {
      g_date_time_unref (b);
      return a;
    }

  g_date_time_unref (a);
  return b;
}

static void
read_status (SbSaml  *self,
             xmlNode *status)
{
  xmlNode *code = first_child (status, SAMLP_NS, "StatusCode");
  xmlNode *nested;

  if (code != NULL)
    {
      self->top_status_code = dup_attribute (code, "Value");

      while ((nested = first_child (code, SAMLP_NS, "StatusCode")) != NULL)
        code = nested;

      self->status_code = dup_attribute (code, "Value");
      if (self->status_code == NULL)
        self->status_code = g_strdup (self->top_status_code);
    }

  self->status_message = dup_text (first_child (status, SAMLP_NS, "StatusMessage"));
}

/* The bearer confirmation often expires long before the conditions do, and
 * the platform checks both, so the earliest of them is kept.
 */
static void
read_subject (SbSaml  *self,
              xmlNode *subject)
{
  xmlNode *name_id = first_child (subject, SAML_NS, "NameID");

  /* An assertion has one Subject; should there be more, the first counts. */
  if (name_id != NULL && self->name_id == NULL && self->name_id_format == NULL)
    {
      self->name_id = dup_text (name_id);
      self->name_id_format = dup_attribute (name_id, "Format");
    }

  for (xmlNode *child = subject->children; child != NULL; child = child->next)
    {
      xmlNode *data;

      if (!is_element (child, SAML_NS, "SubjectConfirmation"))
        continue;

      data = first_child (child, SAML_NS, "SubjectConfirmationData");
      if (data == NULL)
        continue;

      if (self->in_response_to == NULL)
        self->in_response_to = dup_attribute (data, "InResponseTo");

      self->not_on_or_after = earliest (self->not_on_or_after, parse_time (data, "NotOnOrAfter"));
    }
}

static void
read_conditions (SbSaml    *self,
                 xmlNode   *conditions,
                 GPtrArray *audiences)
{
  /* One Conditions element too; should there be more, the first NotBefore counts. */
  if (self->not_before == NULL)
    self->not_before = parse_time (conditions, "NotBefore");
  self->not_on_or_after = earliest (self->not_on_or_after, parse_time (conditions, "NotOnOrAfter"));

  for (xmlNode *restriction = conditions->children; restriction != NULL; restriction = restriction->next)
    {
      if (!is_element (restriction, SAML_NS, "AudienceRestriction"))
        continue;

      for (xmlNode *audience = restriction->children; audience != NULL; audience = audience->next)
        {
          char *value;

          if (is_element (audience, SAML_NS, "Audience") && (value = dup_text (audience)) != NULL)
            g_ptr_array_add (audiences, value);
        }
    }
}

static void
read_authn_statement (SbSaml  *self,
                      xmlNode *statement)
{
  xmlNode *context = first_child (statement, SAML_NS, "AuthnContext");

  if (context != NULL && self->authn_context == NULL)
    self->authn_context = dup_text (first_child (context, SAML_NS, "AuthnContextClassRef"));
}

static void
read_attribute_statement (SbSaml  *self,
                          xmlNode *statement)
{
  for (xmlNode *node = statement->children; node != NULL; node = node->next)
    {
      SbSamlAttribute *attribute;
      GPtrArray *values;

      if (!is_element (node, SAML_NS, "Attribute"))
        continue;

      attribute = g_new0 (SbSamlAttribute, 1);
      attribute->name = dup_attribute (node, "Name");
      attribute->friendly_name = dup_attribute (node, "FriendlyName");
      if (attribute->name == NULL)
        attribute->name = g_strdup ("");

      values = g_ptr_array_new ();
      for (xmlNode *value = node->children; value != NULL; value = value->next)
        {
          char *text;

          if (!is_element (value, SAML_NS, "AttributeValue"))
            continue;

          text = dup_stripped (xmlNodeGetContent (value));
          g_ptr_array_add (values, text != NULL ? text : g_strdup (""));
        }
      g_ptr_array_add (values, NULL);
      attribute->values = (GStrv) g_ptr_array_free (values, FALSE);

      g_ptr_array_add (self->attributes, attribute);
    }
}

static gboolean
is_username_name (const char *name)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (username_attributes); i++)
    {
      if (g_ascii_strcasecmp (name, username_attributes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
find_username (SbSaml *self)
{
  for (guint i = 0; i < self->attributes->len; i++)
    {
      SbSamlAttribute *attribute = g_ptr_array_index (self->attributes, i);

      if (!is_username_name (attribute->name) && !is_username_name (attribute->friendly_name))
        continue;

      for (guint j = 0; attribute->values[j] != NULL; j++)
        {
          if (*attribute->values[j] != '\0')
            return attribute->values[j];
        }
    }

  return NULL;
}

static void
read_assertion (SbSaml  *self,
                xmlNode *assertion)
{
  g_autoptr(GPtrArray) audiences = g_ptr_array_new_with_free_func (g_free);

  self->has_assertion = TRUE;

  for (xmlNode *child = assertion->children; child != NULL; child = child->next)
    {
      if (is_element (child, SAML_NS, "Issuer"))
        {
          if (self->issuer == NULL)
            self->issuer = dup_text (child);
        }
      else if (is_element (child, DSIG_NS, "Signature"))
        self->assertion_signed = TRUE;
      else if (is_element (child, SAML_NS, "Subject"))
        read_subject (self, child);
      else if (is_element (child, SAML_NS, "Conditions"))
        read_conditions (self, child, audiences);
      else if (is_element (child, SAML_NS, "AuthnStatement"))
        read_authn_statement (self, child);
      else if (is_element (child, SAML_NS, "AttributeStatement"))
        read_attribute_statement (self, child);
    }

  if (audiences->len > 0)
    {
      g_strfreev (self->audiences);
      g_ptr_array_add (audiences, NULL);
      g_ptr_array_set_free_func (audiences, NULL);
      self->audiences = (GStrv) g_ptr_array_free (g_steal_pointer (&audiences), FALSE);
    }

  self->username = find_username (self);
}

static void
read_response (SbSaml  *self,
               xmlNode *response)
{
  xmlNode *assertion = NULL;

  self->destination = dup_attribute (response, "Destination");
  self->in_response_to = dup_attribute (response, "InResponseTo");
  self->issue_instant = parse_time (response, "IssueInstant");

  for (xmlNode *child = response->children; child != NULL; child = child->next)
    {
      if (is_element (child, SAML_NS, "Issuer"))
        {
          if (self->issuer == NULL)
            self->issuer = dup_text (child);
        }
      else if (is_element (child, DSIG_NS, "Signature"))
        self->response_signed = TRUE;
      else if (is_element (child, SAMLP_NS, "Status"))
        {
          if (self->top_status_code == NULL)
            read_status (self, child);
        }
      else if (is_element (child, SAML_NS, "Assertion"))
        {
          if (assertion == NULL)
            assertion = child;
        }
      else if (is_element (child, SAML_NS, "EncryptedAssertion"))
        self->encrypted = TRUE;
    }

  if (assertion != NULL)
    read_assertion (self, assertion);
}

/**
 * sb_saml_new:
 * @input: a SAMLResponse, as sb_saml_decode() accepts it
 * @length: the length of @input in bytes, or -1 if it is NUL-terminated
 * @error: return location for an #SB_SAML_ERROR
 *
 * Decodes and reads a SAML 2.0 Response. Nothing is verified: signatures
 * are only noted as present.
 *
 * Returns: (transfer full): a new #SbSaml, or %NULL on error
 */
SbSaml *
sb_saml_new (const char  *input,
             gsize        length,
             GError     **error)
{
  g_autoptr(SbSaml) self = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  char *xml;
  xmlNode *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  xml = sb_saml_decode (input, length, error);
  if (xml == NULL)
    return NULL;

  self = g_object_new (SB_TYPE_SAML, NULL);
  self->xml = xml;
  self->xml_len = strlen (xml);

  doc = parse_document (self->xml, self->xml_len, FALSE, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (!is_element (root, SAMLP_NS, "Response"))
    {
      g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_RESPONSE,
                   _("The XML is a “%s” element, not a SAML 2.0 Response. "
                     "Copy the SAMLResponse field that the identity provider posts to Anypoint Platform."),
                   (const char *) root->name);
      return NULL;
    }

  read_response (self, root);

  return g_steal_pointer (&self);
}

/* Accessors */

const char *
sb_saml_get_issuer (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->issuer;
}

const char *
sb_saml_get_destination (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->destination;
}

const char *
sb_saml_get_in_response_to (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->in_response_to;
}

GDateTime *
sb_saml_get_issue_instant (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->issue_instant;
}

/**
 * sb_saml_get_status_code:
 *
 * Returns: the most specific status code URI: the nested second-level code
 *   when there is one (“…:status:AuthnFailed” under “…:status:Responder”),
 *   else the top-level one
 */
const char *
sb_saml_get_status_code (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->status_code;
}

/**
 * sb_saml_get_top_status_code:
 *
 * Returns: the top-level status code URI, such as “…:status:Responder”
 */
const char *
sb_saml_get_top_status_code (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->top_status_code;
}

static const char *
status_short_name (const char *code)
{
  const char *colon;

  if (code == NULL)
    return NULL;

  colon = strrchr (code, ':');

  return colon != NULL && colon[1] != '\0' ? colon + 1 : code;
}

/**
 * sb_saml_get_status_name:
 *
 * Returns: the last part of the most specific status code, such as
 *   “AuthnFailed”, or %NULL without status
 */
const char *
sb_saml_get_status_name (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return status_short_name (self->status_code);
}

const char *
sb_saml_get_status_message (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->status_message;
}

gboolean
sb_saml_is_success (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), FALSE);

  return g_strcmp0 (self->top_status_code, STATUS_SUCCESS) == 0;
}

const char *
sb_saml_get_name_id (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->name_id;
}

const char *
sb_saml_get_name_id_format (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->name_id_format;
}

/**
 * sb_saml_get_audiences:
 *
 * Returns: (transfer none): the audiences, an empty vector when there are none
 */
const char * const *
sb_saml_get_audiences (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return (const char * const *) self->audiences;
}

GDateTime *
sb_saml_get_not_before (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->not_before;
}

/**
 * sb_saml_get_not_on_or_after:
 *
 * Returns: (transfer none) (nullable): the end of validity: the earliest of
 *   the Conditions and SubjectConfirmationData NotOnOrAfter times
 */
GDateTime *
sb_saml_get_not_on_or_after (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->not_on_or_after;
}

const char *
sb_saml_get_authn_context (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->authn_context;
}

/**
 * sb_saml_get_attributes:
 *
 * Returns: (transfer none) (element-type SbSamlAttribute): the attributes in
 *   document order, empty when there are none
 */
GPtrArray *
sb_saml_get_attributes (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->attributes;
}

const char *
sb_saml_get_username (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->username;
}

gboolean
sb_saml_get_response_signed (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), FALSE);

  return self->response_signed;
}

gboolean
sb_saml_get_assertion_signed (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), FALSE);

  return self->assertion_signed;
}

gboolean
sb_saml_get_encrypted (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), FALSE);

  return self->encrypted;
}

const char *
sb_saml_get_xml (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  return self->xml;
}

/**
 * sb_saml_dup_pretty_xml:
 *
 * Returns: (transfer full): the XML indented, in UTF-8; it holds the
 *   assertion, so free it with sb_secret_free()
 */
char *
sb_saml_dup_pretty_xml (SbSaml *self)
{
  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  if (self->pretty_xml == NULL)
    {
      g_autoptr(xmlDoc) doc = parse_document (self->xml, self->xml_len, TRUE, NULL);
      xmlChar *buffer = NULL;
      int size = 0;

      if (doc == NULL)
        return g_strdup (self->xml);

      xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
      if (buffer == NULL)
        return g_strdup (self->xml);

      self->pretty_xml = g_strndup ((const char *) buffer, size);
      self->pretty_xml_len = size;
      sb_secret_wipe (buffer, size);
      xmlFree (buffer);
    }

  return g_strdup (self->pretty_xml);
}

/* Checks */

/* Replaces control characters so that text from the document cannot drive
 * a terminal.
 */
static char *
sanitize (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || c == '\n' || c == '\r')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

char *
sb_saml_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

char *
sb_saml_format_duration (GTimeSpan span)
{
  gint64 seconds = ABS (span) / G_TIME_SPAN_SECOND;

  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);

  if (seconds < 120 * 60)
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));

  if (seconds < 48 * 3600)
    return g_strdup_printf (_("%d h"), (int) (seconds / 3600));

  return g_strdup_printf (ngettext ("%d day", "%d days", (int) (seconds / 86400)),
                          (int) (seconds / 86400));
}

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
}

/* Whether @host appears in @audience as a whole host name: in
 * “https://anypoint.mulesoft.com/accounts” or “anypoint.mulesoft.com”, but
 * not in “eu1.anypoint.mulesoft.com”.
 */
static gboolean
audience_names_host (const char *audience,
                     const char *host)
{
  g_autofree char *lower = g_ascii_strdown (audience, -1);
  gsize host_len = strlen (host);

  for (const char *p = lower; (p = strstr (p, host)) != NULL; p++)
    {
      if ((p == lower || !is_host_char (p[-1])) && !is_host_char (p[host_len]))
        return TRUE;
    }

  return FALSE;
}

static char *
platform_host (const char *platform_url)
{
  g_autoptr(GUri) uri = g_uri_parse (platform_url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return NULL;

  return g_ascii_strdown (host, -1);
}

static void
add_warning (GPtrArray         *warnings,
             SbSamlWarningKind  kind,
             const char        *title,
             char              *explanation)
{
  SbSamlWarning *warning = g_new0 (SbSamlWarning, 1);

  warning->kind = kind;
  warning->title = g_strdup (title);
  warning->explanation = explanation;
  g_ptr_array_add (warnings, warning);
}

static void
check_status (SbSaml    *self,
              GPtrArray *warnings)
{
  g_autofree char *message = sanitize (self->status_message);
  const char *name = status_short_name (self->status_code);
  char *explanation;

  if (sb_saml_is_success (self))
    return;

  if (name == NULL)
    explanation = g_strdup (_("The response carries no status, so the identity provider did not say that you signed in. "
                              "Sign in again, or ask your identity provider’s administrator."));
  else if (message != NULL)
    explanation = g_strdup_printf (_("The identity provider answered “%s” instead of signing you in. "
                                     "Sign in again, or ask your identity provider’s administrator. "
                                     "Its message: “%s”"),
                                   name, message);
  else
    explanation = g_strdup_printf (_("The identity provider answered “%s” instead of signing you in. "
                                     "Sign in again, or ask your identity provider’s administrator."),
                                   name);

  add_warning (warnings, SB_SAML_WARNING_STATUS,
               _("The identity provider reported an error"), explanation);
}

static void
check_validity (SbSaml    *self,
                GDateTime *now,
                GPtrArray *warnings)
{
  if (self->not_on_or_after != NULL && g_date_time_compare (self->not_on_or_after, now) <= 0)
    {
      g_autofree char *when = sb_saml_format_time (self->not_on_or_after);
      g_autofree char *ago = sb_saml_format_duration (g_date_time_difference (now, self->not_on_or_after));

      add_warning (warnings, SB_SAML_WARNING_EXPIRED, _("The assertion has expired"),
                   g_strdup_printf (_("It was valid until %s, %s ago, so the platform will refuse it; sign in again for a new one. "
                                      "If it should still be valid, check that this computer’s clock is right."),
                                    when, ago));
    }

  if (self->not_before != NULL && g_date_time_compare (self->not_before, now) > 0)
    {
      g_autofree char *when = sb_saml_format_time (self->not_before);
      g_autofree char *wait = sb_saml_format_duration (g_date_time_difference (self->not_before, now));

      add_warning (warnings, SB_SAML_WARNING_NOT_YET_VALID, _("The assertion is not valid yet"),
                   g_strdup_printf (_("It only becomes valid at %s, in %s, so the platform will refuse it now. "
                                      "Check that this computer’s clock and the identity provider’s clock are right."),
                                    when, wait));
    }
}

static void
check_audience (SbSaml     *self,
                const char *platform_url,
                GPtrArray  *warnings)
{
  g_autofree char *host = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *shown = NULL;

  if (platform_url == NULL || self->audiences[0] == NULL)
    return;

  if ((host = platform_host (platform_url)) == NULL)
    return;

  for (guint i = 0; self->audiences[i] != NULL; i++)
    {
      if (audience_names_host (self->audiences[i], host))
        return;
    }

  joined = g_strjoinv (_("”, “"), self->audiences);
  shown = sanitize (joined);
  add_warning (warnings, SB_SAML_WARNING_AUDIENCE, _("The assertion is meant for another service"),
               g_strdup_printf (_("Its audience is “%s”, which does not name %s, so the platform will likely refuse it. "
                                  "Check the Audience (entity ID) of the Anypoint Platform app at your identity provider."),
                                shown, host));
}

/**
 * sb_saml_check:
 * @self: a #SbSaml
 * @platform_url: (nullable): the platform the assertion is for, to check
 *   the audience against
 * @now: (nullable): the time to check validity at; %NULL for the current time
 *
 * Returns: (transfer container) (element-type SbSamlWarning): the reasons
 *   the platform could refuse the assertion, most important first
 */
GPtrArray *
sb_saml_check (SbSaml     *self,
               const char *platform_url,
               GDateTime  *now)
{
  g_autoptr(GDateTime) current = NULL;
  GPtrArray *warnings;
  gboolean readable;

  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_saml_warning_free);
  readable = self->has_assertion && !self->encrypted;

  check_status (self, warnings);

  if (self->encrypted)
    add_warning (warnings, SB_SAML_WARNING_ENCRYPTED, _("The assertion is encrypted"),
                 g_strdup (_("It is encrypted for Anypoint Platform, so its contents cannot be shown here. "
                             "It can still be exchanged for a token.")));

  if (self->in_response_to != NULL)
    add_warning (warnings, SB_SAML_WARNING_SP_INITIATED, _("The sign-in was started by the platform"),
                 g_strdup (_("This assertion answers a sign-in request, and the platform only exchanges assertions "
                             "from sign-ins started at the identity provider. Use the IdP-initiated SSO URL of the "
                             "Anypoint Platform app at your identity provider.")));

  check_validity (self, now, warnings);

  if (readable)
    {
      check_audience (self, platform_url, warnings);

      if (self->username == NULL)
        add_warning (warnings, SB_SAML_WARNING_NO_USERNAME, _("No username or email"),
                     g_strdup (_("The assertion carries no username or email attribute, and the platform needs them mapped. "
                                 "Add them to the attributes the identity provider sends to the Anypoint Platform app.")));
    }

  return warnings;
}

/* Output */

typedef struct {
  GPtrArray *labels;
  GPtrArray *values;
} Rows;

static void
rows_init (Rows *rows)
{
  rows->labels = g_ptr_array_new_with_free_func (g_free);
  rows->values = g_ptr_array_new_with_free_func (g_free);
}

static void
rows_clear (Rows *rows)
{
  g_clear_pointer (&rows->labels, g_ptr_array_unref);
  g_clear_pointer (&rows->values, g_ptr_array_unref);
}

/* Takes @value, which may hold several lines; nothing is added without it. */
static void
rows_take (Rows       *rows,
           const char *label,
           char       *value)
{
  if (value == NULL)
    return;

  g_ptr_array_add (rows->labels, sanitize (label));
  g_ptr_array_add (rows->values, value);
}

static void
rows_add (Rows       *rows,
          const char *label,
          const char *value)
{
  rows_take (rows, label, sanitize (value));
}

static void
rows_print (Rows       *rows,
            GString    *out,
            const char *indent)
{
  glong width = 0;

  for (guint i = 0; i < rows->labels->len; i++)
    width = MAX (width, g_utf8_strlen (g_ptr_array_index (rows->labels, i), -1) + 1);

  for (guint i = 0; i < rows->labels->len; i++)
    {
      const char *label = g_ptr_array_index (rows->labels, i);
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (rows->values, i), "\n", -1);
      glong pad = width + 2 - (g_utf8_strlen (label, -1) + 1);

      g_string_append_printf (out, "%s%s:%*s%s\n", indent, label, (int) pad, "", lines[0]);
      for (guint j = 1; lines[j] != NULL; j++)
        g_string_append_printf (out, "%s%*s%s\n", indent, (int) width + 2, "", lines[j]);
    }
}

static char *
yes_no (gboolean value)
{
  return g_strdup (value ? _("yes") : _("no"));
}

static char *
describe_status (SbSaml *self)
{
  const char *top = status_short_name (self->top_status_code);
  const char *specific = status_short_name (self->status_code);
  g_autofree char *full = NULL;

  if (top == NULL)
    return NULL;

  if (g_strcmp0 (self->top_status_code, self->status_code) == 0)
    return sanitize (top);

  full = g_strdup_printf ("%s / %s", top, specific);

  return sanitize (full);
}

static char *
describe_time (GDateTime *time)
{
  return time != NULL ? sb_saml_format_time (time) : NULL;
}

/**
 * sb_saml_to_text:
 * @self: a #SbSaml
 * @now: (nullable): the time to describe validity at; %NULL for now
 *
 * Returns: (transfer full): a summary for people, one “Label: value” line
 *   per field present, then the attributes and the warnings
 */
char *
sb_saml_to_text (SbSaml    *self,
                 GDateTime *now)
{
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GString *out;
  Rows rows;

  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  out = g_string_new (NULL);
  rows_init (&rows);

  rows_add (&rows, _("Issuer"), self->issuer);
  rows_add (&rows, _("Destination"), self->destination);
  rows_take (&rows, _("Issue instant"), describe_time (self->issue_instant));
  rows_add (&rows, _("In response to"), self->in_response_to);
  rows_take (&rows, _("Status"), describe_status (self));
  rows_add (&rows, _("Status message"), self->status_message);
  rows_add (&rows, _("Subject"), self->name_id);
  rows_add (&rows, _("Subject format"), self->name_id_format);

  if (self->audiences[0] != NULL)
    {
      GString *audiences = g_string_new (NULL);

      for (guint i = 0; self->audiences[i] != NULL; i++)
        {
          g_autofree char *clean = sanitize (self->audiences[i]);

          if (i > 0)
            g_string_append_c (audiences, '\n');
          g_string_append (audiences, clean);
        }

      rows_take (&rows, ngettext ("Audience", "Audiences", g_strv_length (self->audiences)),
                 g_string_free (audiences, FALSE));
    }

  if (self->not_before != NULL)
    {
      g_autofree char *when = sb_saml_format_time (self->not_before);
      GTimeSpan wait = g_date_time_difference (self->not_before, now);

      if (wait > 0)
        {
          g_autofree char *span = sb_saml_format_duration (wait);

          rows_take (&rows, _("Valid from"), g_strdup_printf (_("%s (starts in %s)"), when, span));
        }
      else
        {
          rows_take (&rows, _("Valid from"), g_steal_pointer (&when));
        }
    }

  if (self->not_on_or_after != NULL)
    {
      g_autofree char *when = sb_saml_format_time (self->not_on_or_after);
      GTimeSpan left = g_date_time_difference (self->not_on_or_after, now);
      g_autofree char *span = sb_saml_format_duration (left);

      if (left > 0)
        rows_take (&rows, _("Valid until"), g_strdup_printf (_("%s (valid for another %s)"), when, span));
      else
        rows_take (&rows, _("Valid until"), g_strdup_printf (_("%s (expired %s ago)"), when, span));
    }

  rows_add (&rows, _("Authentication context"), self->authn_context);
  rows_take (&rows, _("Response signed"), yes_no (self->response_signed));
  if (self->has_assertion)
    rows_take (&rows, _("Assertion signed"), yes_no (self->assertion_signed));
  rows_take (&rows, _("Encrypted"), yes_no (self->encrypted));

  rows_print (&rows, out, "");
  rows_clear (&rows);

  if (self->attributes->len > 0)
    {
      rows_init (&rows);

      for (guint i = 0; i < self->attributes->len; i++)
        {
          SbSamlAttribute *attribute = g_ptr_array_index (self->attributes, i);
          GString *values = g_string_new (NULL);
          g_autofree char *label = NULL;

          if (attribute->friendly_name != NULL && g_strcmp0 (attribute->friendly_name, attribute->name) != 0)
            label = g_strdup_printf ("%s (%s)", attribute->name, attribute->friendly_name);
          else
            label = g_strdup (attribute->name);

          for (guint j = 0; attribute->values[j] != NULL; j++)
            {
              g_autofree char *clean = sanitize (attribute->values[j]);

              if (j > 0)
                g_string_append_c (values, '\n');
              g_string_append (values, *clean != '\0' ? clean : _("(empty)"));
            }

          if (attribute->values[0] == NULL)
            g_string_append (values, _("(no value)"));

          rows_take (&rows, label, g_string_free (values, FALSE));
        }

      g_string_append_printf (out, "\n%s\n", _("Attributes:"));
      rows_print (&rows, out, "  ");
      rows_clear (&rows);
    }

  warnings = sb_saml_check (self, NULL, now);
  if (warnings->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Warnings:"));

      for (guint i = 0; i < warnings->len; i++)
        {
          SbSamlWarning *warning = g_ptr_array_index (warnings, i);

          g_string_append_printf (out, "  - %s: %s\n", warning->title, warning->explanation);
        }
    }

  return g_string_free (out, FALSE);
}

static const char *
warning_kind_name (SbSamlWarningKind kind)
{
  switch (kind)
    {
    case SB_SAML_WARNING_EXPIRED:
      return "expired";
    case SB_SAML_WARNING_NOT_YET_VALID:
      return "not_yet_valid";
    case SB_SAML_WARNING_AUDIENCE:
      return "audience";
    case SB_SAML_WARNING_NO_USERNAME:
      return "no_username";
    case SB_SAML_WARNING_ENCRYPTED:
      return "encrypted";
    case SB_SAML_WARNING_SP_INITIATED:
      return "sp_initiated";
    case SB_SAML_WARNING_STATUS:
      return "status";
    default:
      g_assert_not_reached ();
    }
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *value = time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  add_string_member (builder, name, value);
}

static void
add_boolean_member (JsonBuilder *builder,
                    const char  *name,
                    gboolean     known,
                    gboolean     value)
{
  json_builder_set_member_name (builder, name);
  if (known)
    json_builder_add_boolean_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * sb_saml_to_json:
 * @self: a #SbSaml
 * @now: (nullable): the time to check validity at; %NULL for now
 *
 * Returns: (transfer full): an object with every field; absent ones are null
 */
JsonNode *
sb_saml_to_json (SbSaml    *self,
                 GDateTime *now)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) warnings = NULL;

  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_string_member (builder, "issuer", self->issuer);
  add_string_member (builder, "destination", self->destination);
  add_time_member (builder, "issue_instant", self->issue_instant);
  add_string_member (builder, "in_response_to", self->in_response_to);
  add_string_member (builder, "status_code", self->status_code);
  add_string_member (builder, "status_message", self->status_message);
  add_string_member (builder, "name_id", self->name_id);
  add_string_member (builder, "name_id_format", self->name_id_format);

  json_builder_set_member_name (builder, "audiences");
  json_builder_begin_array (builder);
  for (guint i = 0; self->audiences[i] != NULL; i++)
    json_builder_add_string_value (builder, self->audiences[i]);
  json_builder_end_array (builder);

  add_time_member (builder, "not_before", self->not_before);
  add_time_member (builder, "not_on_or_after", self->not_on_or_after);
  add_string_member (builder, "authn_context", self->authn_context);
  add_string_member (builder, "username", self->username);
  add_boolean_member (builder, "response_signed", TRUE, self->response_signed);
  add_boolean_member (builder, "assertion_signed", self->has_assertion, self->assertion_signed);
  add_boolean_member (builder, "encrypted", TRUE, self->encrypted);

  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      SbSamlAttribute *attribute = g_ptr_array_index (self->attributes, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", attribute->name);
      add_string_member (builder, "friendly_name", attribute->friendly_name);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint j = 0; attribute->values[j] != NULL; j++)
        json_builder_add_string_value (builder, attribute->values[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  warnings = sb_saml_check (self, NULL, now);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", warning_kind_name (warning->kind));
      add_string_member (builder, "title", warning->title);
      add_string_member (builder, "explanation", warning->explanation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
