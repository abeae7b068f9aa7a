#define G_LOG_DOMAIN "sb-json"

#include "config.h"

#include "sb-json.h"

/* The member's string, or NULL if object is NULL or the member is missing,
 * not a string, or not valid UTF-8. */
const char *
sb_json_object_get_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  /* json-glib 1.6 turns a lone surrogate escape ("\ud800") into invalid UTF-8. */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return NULL;

  return json_node_get_string (node);
}

/* The member's object, or NULL if object is NULL or the member is missing or
 * not an object. */
JsonObject *
sb_json_object_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/* A NULL value is added as null. */
void
sb_json_builder_add_string_member (JsonBuilder *builder,
                                   const char  *member,
                                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Whether str is NULL, empty or ASCII white space only. */
gboolean
sb_json_is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

/* Whether the JSON text nests arrays and objects at most @max_depth deep,
 * counted without parsing: json-glib recurses once per level, and a deep
 * enough answer overflows the stack. Brackets in strings do not count.
 */
gboolean
sb_json_depth_is_within (const char *data,
                         gsize       len,
                         guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}
