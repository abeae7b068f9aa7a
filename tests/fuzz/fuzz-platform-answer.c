/* libFuzzer target: read a platform answer as the exchange and who-am-I
 * requests do.
 *
 * Input layout:
 *   byte 0   the HTTP status, an index into statuses[]
 *   byte 1   low 4 bits: the Content-Type, an index into content_types[];
 *            high 4 bits: the platform address and session length
 *   rest     the body
 * An input shorter than two bytes is a 200 application/json answer.
 *
 * The same answer is read as an exchange answer and as a who-am-I answer;
 * with a token (which must be an RFC 6750 b64token), the user (when
 * readable) is attached and every output format is made.
 */
#include "config.h"

#include "sb-platform.h"
#include "sb-secret.h"
#include "sb-token.h"

#include "fuzz-common.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const guint statuses[] = {
  200, 201, 204, 299, 0, 100, 199, 300,
  301, 302, 304, 399, 400, 401, 403, 404,
  405, 409, 418, 422, 429, 499, 500, 502,
  503, 504, 599, 600, 999, 65535, G_MAXUINT, 250,
};

static const char * const content_types[] = {
  "application/json",
  "application/json; charset=utf-8",
  NULL,
  "",
  "text/html",
  "text/html; charset=UTF-8",
  "application/xhtml+xml",
  "text/plain",
  "TEXT/HTML",
  "application/jsonx",
  "application/json ;charset=utf-8",
  "text/htm",
  "application/problem+json",
  "text/html\t",
  ";",
  "application/octet-stream",
};

static const char * const platforms[] = {
  "https://anypoint.mulesoft.com",
  "https://eu1.anypoint.mulesoft.com/",
  "https://gov.anypoint.mulesoft.com:443/accounts",
  "http://127.0.0.1:8081",
};

static const guint session_minutes[] = { 60, 0, 1, 525600 };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup ();

  return 0;
}

static void
assert_text (const char *text)
{
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == SB_PLATFORM_ERROR);
  g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) exchange_error = NULL;
  g_autoptr(GError) user_error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SbToken) token = NULL;
  g_autoptr(JsonObject) user = NULL;
  guint status = 200;
  const char *content_type = "application/json";
  const char *platform = platforms[0];
  guint minutes = 60;

  if (size >= 2)
    {
      status = statuses[data[0] % G_N_ELEMENTS (statuses)];
      content_type = content_types[(data[1] & 0x0f) % G_N_ELEMENTS (content_types)];
      platform = platforms[(data[1] >> 4) % G_N_ELEMENTS (platforms)];
      minutes = session_minutes[(data[1] >> 6) % G_N_ELEMENTS (session_minutes)];
      data += 2;
      size -= 2;
    }

  /* The body is not NUL-terminated, as libsoup hands it over. An empty
   * answer comes as an empty GBytes, and NULL is tried too.
   */
  body = g_bytes_new (data, size);

  token = sb_platform_parse_exchange (platform, status, content_type, body, minutes, &exchange_error);
  if (token == NULL)
    check_error (exchange_error);
  else
    g_assert (exchange_error == NULL);

  user = sb_platform_parse_user (status, content_type, body, &user_error);
  if (user == NULL)
    check_error (user_error);
  else
    g_assert (user_error == NULL);

  if (size == 0)
    {
      g_autoptr(GError) null_error = NULL;
      g_autoptr(SbToken) null_token = sb_platform_parse_exchange (platform, status, content_type, NULL,
                                                                  minutes, &null_error);
      g_autoptr(JsonObject) null_user = NULL;

      g_assert (null_token == NULL);
      check_error (null_error);
      g_clear_error (&null_error);
      null_user = sb_platform_parse_user (status, content_type, NULL, &null_error);
      g_assert (null_user == NULL);
      check_error (null_error);
    }

  if (token == NULL)
    return 0;

  g_assert (sb_token_get_access_token (token) != NULL);
  g_assert (sb_token_is_valid_access_token (sb_token_get_access_token (token)));
  assert_text (sb_token_get_token_type (token));
  g_assert (sb_token_get_expires_at (token) != NULL);

  if (user != NULL)
    {
      g_autofree char *display_name = NULL;

      sb_token_set_user (token, user);
      display_name = sb_token_dup_display_name (token);
      assert_text (display_name);
      assert_text (sb_token_get_username (token));
      assert_text (sb_token_get_organization (token));
    }

  for (SbTokenFormat format = SB_TOKEN_FORMAT_RAW; format <= SB_TOKEN_FORMAT_CLI; format++)
    {
      char *formatted = sb_token_format (token, format);

      g_assert (formatted != NULL);
      assert_text (formatted);
      sb_secret_free (formatted);
    }

  return 0;
}
