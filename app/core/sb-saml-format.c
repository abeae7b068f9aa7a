#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-saml-private.h"
#include "sb-secret.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/tree.h>

/* Replaces control characters so that text from the document cannot drive
 * a terminal.
 */
char *
sb_saml_sanitize (const char *text)
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

  g_ptr_array_add (rows->labels, sb_saml_sanitize (label));
  g_ptr_array_add (rows->values, value);
}

static void
rows_add (Rows       *rows,
          const char *label,
          const char *value)
{
  rows_take (rows, label, sb_saml_sanitize (value));
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
  const char *top = sb_saml_status_short_name (self->top_status_code);
  const char *specific = sb_saml_status_short_name (self->status_code);
  g_autofree char *full = NULL;

  if (top == NULL)
    return NULL;

  if (g_strcmp0 (self->top_status_code, self->status_code) == 0)
    return sb_saml_sanitize (top);

  full = g_strdup_printf ("%s / %s", top, specific);

  return sb_saml_sanitize (full);
}

static char *
describe_time (GDateTime *time)
{
  return time != NULL ? sb_saml_format_time (time) : NULL;
}

/* Sanitized @lines, one a line; @if_empty, when not %NULL, stands for an
 * empty one.
 */
static char *
join_lines (const char * const *lines,
            const char         *if_empty)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *clean = sb_saml_sanitize (lines[i]);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, *clean == '\0' && if_empty != NULL ? if_empty : clean);
    }

  return g_string_free (out, FALSE);
}

static void
add_audiences_row (SbSaml *self,
                   Rows   *rows)
{
  if (self->audiences[0] == NULL)
    return;

  rows_take (rows, ngettext ("Audience", "Audiences", g_strv_length (self->audiences)),
             join_lines ((const char * const *) self->audiences, NULL));
}

static void
add_validity_rows (SbSaml    *self,
                   GDateTime *now,
                   Rows      *rows)
{
  if (self->not_before != NULL)
    {
      g_autofree char *when = sb_saml_format_time (self->not_before);
      GTimeSpan wait = g_date_time_difference (self->not_before, now);

      if (wait > 0)
        {
          g_autofree char *span = sb_saml_format_duration (wait);

          rows_take (rows, _("Valid from"), g_strdup_printf (_("%s (starts in %s)"), when, span));
        }
      else
        {
          rows_take (rows, _("Valid from"), g_steal_pointer (&when));
        }
    }

  if (self->not_on_or_after != NULL)
    {
      g_autofree char *when = sb_saml_format_time (self->not_on_or_after);
      GTimeSpan left = g_date_time_difference (self->not_on_or_after, now);
      g_autofree char *span = sb_saml_format_duration (left);

      if (left > 0)
        rows_take (rows, _("Valid until"), g_strdup_printf (_("%s (valid for another %s)"), when, span));
      else
        rows_take (rows, _("Valid until"), g_strdup_printf (_("%s (expired %s ago)"), when, span));
    }
}

static void
print_fields (SbSaml    *self,
              GDateTime *now,
              GString   *out)
{
  Rows rows;

  rows_init (&rows);

  rows_add (&rows, _("Issuer"), self->issuer);
  rows_add (&rows, _("Destination"), self->destination);
  rows_take (&rows, _("Issue instant"), describe_time (self->issue_instant));
  rows_add (&rows, _("In response to"), self->in_response_to);
  rows_take (&rows, _("Status"), describe_status (self));
  rows_add (&rows, _("Status message"), self->status_message);
  rows_add (&rows, _("Subject"), self->name_id);
  rows_add (&rows, _("Subject format"), self->name_id_format);
  add_audiences_row (self, &rows);
  add_validity_rows (self, now, &rows);
  rows_add (&rows, _("Authentication context"), self->authn_context);
  rows_take (&rows, _("Response signed"), yes_no (self->response_signed));
  if (self->has_assertion)
    rows_take (&rows, _("Assertion signed"), yes_no (self->assertion_signed));
  rows_take (&rows, _("Encrypted"), yes_no (self->encrypted));

  rows_print (&rows, out, "");
  rows_clear (&rows);
}

static char *
describe_attribute_name (SbSamlAttribute *attribute)
{
  if (attribute->friendly_name != NULL && g_strcmp0 (attribute->friendly_name, attribute->name) != 0)
    return g_strdup_printf ("%s (%s)", attribute->name, attribute->friendly_name);

  return g_strdup (attribute->name);
}

static char *
describe_attribute_values (SbSamlAttribute *attribute)
{
  if (attribute->values[0] == NULL)
    return g_strdup (_("(no value)"));

  return join_lines ((const char * const *) attribute->values, _("(empty)"));
}

static void
print_attributes (SbSaml  *self,
                  GString *out)
{
  Rows rows;

  if (self->attributes->len == 0)
    return;

  rows_init (&rows);

  for (guint i = 0; i < self->attributes->len; i++)
    {
      SbSamlAttribute *attribute = g_ptr_array_index (self->attributes, i);
      g_autofree char *label = describe_attribute_name (attribute);

      rows_take (&rows, label, describe_attribute_values (attribute));
    }

  g_string_append_printf (out, "\n%s\n", _("Attributes:"));
  rows_print (&rows, out, "  ");
  rows_clear (&rows);
}

static void
print_warnings (SbSaml    *self,
                GDateTime *now,
                GString   *out)
{
  g_autoptr(GPtrArray) warnings = sb_saml_check (self, NULL, now);

  if (warnings->len == 0)
    return;

  g_string_append_printf (out, "\n%s\n", _("Warnings:"));

  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);

      g_string_append_printf (out, "  - %s: %s\n", warning->title, warning->explanation);
    }
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
  GString *out;

  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  out = g_string_new (NULL);
  print_fields (self, now, out);
  print_attributes (self, out);
  print_warnings (self, now, out);

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

static void
add_strv_member (JsonBuilder *builder,
                 const char  *name,
                 GStrv        values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_attributes_member (JsonBuilder *builder,
                       GPtrArray   *attributes)
{
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attributes->len; i++)
    {
      SbSamlAttribute *attribute = g_ptr_array_index (attributes, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", attribute->name);
      add_string_member (builder, "friendly_name", attribute->friendly_name);
      add_strv_member (builder, "values", attribute->values);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_warnings_member (JsonBuilder *builder,
                     GPtrArray   *warnings)
{
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
  add_strv_member (builder, "audiences", self->audiences);
  add_time_member (builder, "not_before", self->not_before);
  add_time_member (builder, "not_on_or_after", self->not_on_or_after);
  add_string_member (builder, "authn_context", self->authn_context);
  add_string_member (builder, "username", self->username);
  add_boolean_member (builder, "response_signed", TRUE, self->response_signed);
  add_boolean_member (builder, "assertion_signed", self->has_assertion, self->assertion_signed);
  add_boolean_member (builder, "encrypted", TRUE, self->encrypted);
  add_attributes_member (builder, self->attributes);

  warnings = sb_saml_check (self, NULL, now);
  add_warnings_member (builder, warnings);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
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
      g_autoptr(xmlDoc) doc = sb_saml_parse_document (self->xml, self->xml_len, TRUE, NULL);
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
