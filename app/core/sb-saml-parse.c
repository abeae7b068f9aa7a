#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-saml-private.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

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

  init_libxml ();

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL || ctxt->sax == NULL)
    g_error ("Could not create an XML parser");

  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;

  doc = read_quietly (ctxt, xml, len, options, &state);

  if (state.doctype || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
    {
      set_doctype_error (error);
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
