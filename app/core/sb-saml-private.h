#pragma once

#include "sb-saml.h"

#include <libxml/tree.h>

G_BEGIN_DECLS

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* sb-saml-decode.c */
void        sb_saml_wipe_and_free       (char       **buffer,
                                         gsize        len);
gboolean    sb_saml_contains_doctype    (const char  *xml,
                                         gsize        len);

/* sb-saml-parse.c */
xmlDoc     *sb_saml_parse_document      (const char  *xml,
                                         gsize        len,
                                         gboolean     no_blanks,
                                         GError     **error);

/* sb-saml.c */
const char *sb_saml_status_short_name   (const char  *code);

/* sb-saml-format.c */
char       *sb_saml_sanitize            (const char  *text);

G_END_DECLS
