/* libFuzzer target: a capture as the login view reports it.
 *
 * Input: NUL-separated fields, the form's action, its SAMLResponse, its
 * RelayState and the profile's platform address. An empty platform field
 * picks one of platforms[] by the length of the response.
 *
 * The capture is made, checked against the platform, and its response
 * normalized again; a capture that passes must be on the platform's origin,
 * allowed (https or loopback http) and at an ACS address.
 */
#include "config.h"

#include "sb-capture.h"
#include "sb-url.h"

#include "fuzz-common.h"

#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char * const platforms[] = {
  "https://anypoint.mulesoft.com",
  "https://eu1.anypoint.mulesoft.com/",
  "https://gov.anypoint.mulesoft.com:443",
  "http://127.0.0.1:8081",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup ();

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) fields = fuzz_split (data, size, 4);
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  const char *action = fields[0];
  const char *response = fields[1];
  const char *relay = fields[2];
  const char *platform = fields[3];
  gboolean utf8 = fuzz_all_utf8 (fields);
  gboolean passed;

  if (*platform == '\0')
    platform = platforms[strlen (response) % G_N_ELEMENTS (platforms)];

  capture = sb_capture_new (action, response, relay);
  g_assert (capture != NULL);
  g_assert (sb_capture_get_acs_url (capture) != NULL);
  g_assert (sb_capture_get_saml_response (capture) != NULL);
  if (*relay == '\0')
    g_assert (sb_capture_get_relay_state (capture) == NULL);
  else
    g_assert_cmpstr (sb_capture_get_relay_state (capture), ==, relay);

  /* The stored response is the normalized one: no white space. */
  normalized = sb_capture_normalize_response (response);
  g_assert (normalized != NULL);
  g_assert_cmpstr (sb_capture_get_saml_response (capture), ==, normalized);
  for (const char *p = normalized; *p != '\0'; p++)
    g_assert (!g_ascii_isspace (*p));

  passed = sb_capture_check_platform (capture, platform, &error);
  if (!passed)
    {
      g_assert (error != NULL && error->domain == SB_CAPTURE_ERROR);
      g_assert (error->message != NULL);
      if (utf8)
        g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert (error == NULL);
  g_assert (*sb_capture_get_saml_response (capture) != '\0');
  g_assert (sb_url_same_origin (sb_capture_get_acs_url (capture), platform));
  g_assert (sb_url_is_allowed (sb_capture_get_acs_url (capture)));
  g_assert (sb_capture_url_is_acs (sb_capture_get_acs_url (capture)));

  return 0;
}
