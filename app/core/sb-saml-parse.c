#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-saml-private.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* What a SAML response needs, many times over. libxml2 2.9 checks each
 * attribute of an element against the others, so one element with very
 * many attributes takes minutes; the rest keeps the work linear and small.
 */
#define MAX_ELEMENTS           200000
#define MAX_ATTRIBUTES         200000
#define MAX_ELEMENT_ATTRIBUTES 256
#define MAX_DEPTH              128

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

typedef struct {
  gboolean                  doctype;
  gboolean                  too_large;
  char                     *message;
  int                       line;
  guint                     elements;
  guint                     attributes;
  startElementNsSAX2Func    start_element;
} ParseState;

typedef enum {
  SCAN_TEXT,
  SCAN_TAG,
  SCAN_QUOTED,
  SCAN_END_TAG,
  SCAN_COMMENT,
  SCAN_CDATA,
  SCAN_MARKUP,
} ScanState;

/* Counts elements, attributes and depth in the bytes, before libxml2 sees
 * them (the decoder lets through no NUL byte, so no UTF-16 either).
 */
static gboolean
scan_is_within_bounds (const char *xml,
                       gsize       len)
{
  ScanState state = SCAN_TEXT;
  char quote = 0, prev1 = 0, prev2 = 0;
  guint elements = 0, attributes = 0, element_attributes = 0, depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = xml[i];

      switch (state)
        {
        case SCAN_TEXT:
          if (prev1 == '<')
            {
              if (c == '/')
                state = SCAN_END_TAG;
              else if (c == '?' || c == '!')
                state = SCAN_MARKUP;
              else
                {
                  if (++elements > MAX_ELEMENTS || ++depth > MAX_DEPTH)
                    return FALSE;
                  element_attributes = 0;
                  state = SCAN_TAG;
                }
            }
          break;

        case SCAN_TAG:
          if (c == '"' || c == '\'')
            {
              quote = c;
              state = SCAN_QUOTED;
            }
          else if (c == '=')
            {
              if (++element_attributes > MAX_ELEMENT_ATTRIBUTES || ++attributes > MAX_ATTRIBUTES)
                return FALSE;
            }
          else if (c == '>')
            {
              if (prev1 == '/' && depth > 0)
                depth--;
              state = SCAN_TEXT;
            }
          break;

        case SCAN_QUOTED:
          if (c == quote)
            state = SCAN_TAG;
          break;

        case SCAN_END_TAG:
          if (c == '>')
            {
              if (depth > 0)
                depth--;
              state = SCAN_TEXT;
            }
          break;

        case SCAN_MARKUP:
          if (prev2 == '<' && prev1 == '!' && c == '-')
            state = SCAN_COMMENT;
          else if (prev2 == '<' && prev1 == '!' && c == '[')
            state = SCAN_CDATA;
          else if (c == '>')
            state = SCAN_TEXT;
          break;

        case SCAN_COMMENT:
          if (c == '>' && prev1 == '-' && prev2 == '-')
            state = SCAN_TEXT;
          break;

        case SCAN_CDATA:
          if (c == '>' && prev1 == ']' && prev2 == ']')
            state = SCAN_TEXT;
          break;

        default:
          g_assert_not_reached ();
        }

      /* "<" only opens markup in text; inside it, it is just a byte. */
      prev2 = prev1;
      prev1 = state == SCAN_TEXT || c != '<' ? c : 0;
    }

  return TRUE;
}

/* The encoding named in the XML declaration, or NULL. */
static char *
dup_declared_encoding (const char *xml,
                       gsize       len)
{
  g_autofree char *head = NULL;
  const char *p, *end;
  char quote;

  head = g_strndup (xml, MIN (len, 256));
  if (!g_str_has_prefix (head, "<?xml") || !(end = strstr (head, "?>")) ||
      !(p = strstr (head, "encoding")) || p > end)
    return NULL;

  p += strlen ("encoding");
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '=')
    p++;
  quote = *p;
  if ((quote != '"' && quote != '\'') || !(end = strchr (p + 1, quote)))
    return NULL;

  return g_strndup (p + 1, end - p - 1);
}

/* The scan, on the text as libxml2 will read it: a declared encoding such as
 * UTF-7 can spell "<" and "=" in other bytes.
 */
static gboolean
is_within_bounds (const char *xml,
                  gsize       len)
{
  g_autofree char *encoding = dup_declared_encoding (xml, len);
  g_autofree char *converted = NULL;
  gsize converted_len = 0;

  if (!scan_is_within_bounds (xml, len))
    return FALSE;

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
      g_ascii_strcasecmp (encoding, "US-ASCII") == 0)
    return TRUE;

  converted = g_convert (xml, len, "UTF-8", encoding, NULL, &converted_len, NULL);
  return converted == NULL || scan_is_within_bounds (converted, converted_len);
}

/* The same bounds while parsing, for what the scan could not read. */
static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxt *ctxt = user_data;
  ParseState *state = ctxt->_private;

  state->attributes += nb_namespaces + nb_attributes;
  if (++state->elements > MAX_ELEMENTS || state->attributes > MAX_ATTRIBUTES ||
      nb_namespaces + nb_attributes > MAX_ELEMENT_ATTRIBUTES)
    {
      state->too_large = TRUE;
      xmlStopParser (ctxt);
      return;
    }

  state->start_element (user_data, localname, prefix, uri, nb_namespaces, namespaces,
                        nb_attributes, nb_defaulted, attributes);
}

static void
set_too_large_error (GError **error)
{
  g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE,
                       _("The SAML response has more elements or attributes than any sign-in needs; "
                         "it was not read."));
}

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
  const char *message;

  if (state->message != NULL || xml_error == NULL || xml_error->level < XML_ERR_ERROR)
    return;

  /* Only the first line: libxml2 may go on with a piece of the document,
   * cut anywhere in a character, and the document is an assertion. */
  message = xml_error->message != NULL ? xml_error->message : "";
  state->message = g_utf8_make_valid (message, strcspn (message, "\r\n"));
  g_strstrip (state->message);
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

static void
set_doctype_error (GError **error)
{
  g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_DTD,
                       _("The SAML response contains a document type declaration, which SAML never uses; "
                         "it was refused for safety."));
}

/* Errors go to this thread's handlers only while parsing, so libxml2
 * prints nothing and the first error can be told to the user.
 */
static xmlDoc *
read_quietly (xmlParserCtxt *ctxt,
              const char    *xml,
              gsize          len,
              int            options,
              ParseState    *state)
{
  xmlGenericErrorFunc old_generic = xmlGenericError;
  void *old_generic_data = xmlGenericErrorContext;
  xmlStructuredErrorFunc old_structured = xmlStructuredError;
  void *old_structured_data = xmlStructuredErrorContext;
  xmlDoc *doc;

  xmlSetGenericErrorFunc (NULL, on_generic_error);
  xmlSetStructuredErrorFunc (state, on_parse_error);

  doc = xmlCtxtReadMemory (ctxt, xml, (int) len, NULL, NULL, options);

  xmlSetStructuredErrorFunc (old_structured_data, old_structured);
  xmlSetGenericErrorFunc (old_generic_data, old_generic);

  return doc;
}

static void
set_not_xml_error (ParseState  *state,
                   GError     **error)
{
  if (state->message != NULL && *state->message != '\0')
    g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                 _("The SAML response is not well-formed XML (line %d: %s). "
                   "Check that you copied the whole SAMLResponse value."),
                 state->line, state->message);
  else
    g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                         _("The SAML response is not well-formed XML. "
                           "Check that you copied the whole SAMLResponse value."));
}

xmlDoc *
sb_saml_parse_document (const char  *xml,
                        gsize        len,
                        gboolean     no_blanks,
                        GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  ParseState state = { 0 };
  int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

  if (no_blanks)
    options |= XML_PARSE_NOBLANKS;

  if (sb_saml_contains_doctype (xml, len))
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

  if (!is_within_bounds (xml, len))
    {
      set_too_large_error (error);
      return NULL;
    }

  init_libxml ();

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL || ctxt->sax == NULL)
    g_error ("Could not create an XML parser");

  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;
  state.start_element = ctxt->sax->startElementNs;
  ctxt->sax->startElementNs = on_start_element;

  doc = read_quietly (ctxt, xml, len, options, &state);

  if (state.doctype || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      set_doctype_error (error);
      g_free (state.message);
      return NULL;
    }

  if (state.too_large)
    {
      set_too_large_error (error);
      g_free (state.message);
      return NULL;
    }

  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      set_not_xml_error (&state, error);
      g_free (state.message);
      return NULL;
    }

  g_free (state.message);

  return g_steal_pointer (&doc);
}
