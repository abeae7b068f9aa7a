#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-saml-private.h"
#include "sb-secret.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/tree.h>

#define SAMLP_NS "urn:oasis:names:tc:SAML:2.0:protocol"
#define SAML_NS "urn:oasis:names:tc:SAML:2.0:assertion"
#define DSIG_NS "http://www.w3.org/2000/09/xmldsig#"
#define STATUS_SUCCESS "urn:oasis:names:tc:SAML:2.0:status:Success"

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

static void
sb_saml_finalize (GObject *object)
{
  SbSaml *self = (SbSaml *)object;

  sb_saml_wipe_and_free (&self->xml, self->xml_len);
  sb_saml_wipe_and_free (&self->pretty_xml, self->pretty_xml_len);

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

  doc = sb_saml_parse_document (self->xml, self->xml_len, FALSE, error);
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

typedef struct {
  char  *input;
  gsize  length;
} NewData;

static void
new_data_free (NewData *data)
{
  sb_secret_wipe (data->input, data->length);
  g_free (data->input);
  g_free (data);
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  SbSaml *saml;

  if (g_task_return_error_if_cancelled (task))
    return;

  saml = sb_saml_new (data->input, data->length, &error);
  if (saml != NULL)
    g_task_return_pointer (task, saml, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * sb_saml_new_async:
 * @input: a SAMLResponse, as sb_saml_decode() accepts it; copied
 * @length: the length of @input in bytes, or -1 if it is NUL-terminated
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Like sb_saml_new(), on a worker thread, so a hostile response never
 * freezes the caller's main loop.
 */
void
sb_saml_new_async (const char          *input,
                   gsize                length,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (input != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (length == (gsize) -1)
    length = strlen (input);

  data = g_new0 (NewData, 1);
  data->input = g_malloc (length + 1);
  memcpy (data->input, input, length);
  data->input[length] = '\0';
  data->length = length;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_saml_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_in_thread);
}

SbSaml *
sb_saml_new_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_saml_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

const char *
sb_saml_status_short_name (const char *code)
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

  return sb_saml_status_short_name (self->status_code);
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
