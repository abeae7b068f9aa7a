/* libFuzzer target: decode and inspect a SAMLResponse as `--inspect` does.
 *
 * The input is what a user could paste: XML, base64 or URL-encoded base64.
 * A readable response is then described in text and JSON, checked against
 * a fixed platform at a fixed time, and pretty-printed.
 */
#include "config.h"

#include "sb-saml.h"
#include "sb-secret.h"

#include "fuzz-common.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GDateTime *now;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GTimeZone) utc = NULL;

  fuzz_setup ();

  utc = g_time_zone_new_utc ();
  now = g_date_time_new (utc, 2024, 5, 17, 9, 30, 0);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json_text = NULL;
  char *pretty;

  /* Not NUL-terminated: the decoder must honour the length. */
  saml = sb_saml_new ((const char *) data, size, &error);
  if (saml == NULL)
    {
      g_assert (error != NULL && error->domain == SB_SAML_ERROR);
      g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);

  text = sb_saml_to_text (saml, now);
  g_assert (text != NULL && g_utf8_validate (text, -1, NULL));

  json = sb_saml_to_json (saml, now);
  g_assert (json != NULL && JSON_NODE_HOLDS_OBJECT (json));
  json_text = json_to_string (json, FALSE);
  g_assert (json_text != NULL);

  warnings = sb_saml_check (saml, "https://anypoint.mulesoft.com", now);
  g_assert (warnings != NULL);
  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);

      g_assert (warning->title != NULL && warning->explanation != NULL);
    }

  pretty = sb_saml_dup_pretty_xml (saml);
  g_assert (pretty != NULL);
  sb_secret_free (pretty);

  return 0;
}
