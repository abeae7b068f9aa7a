/* libFuzzer target: the address checks, as a profile's fields and the
 * platform's answers reach them.
 *
 * Input: NUL-separated fields, two addresses (or host names).
 *
 * Checked: an allowed address has an origin, of the same origin as itself
 * and as the address; a normalized platform, IdP or capture
 * address is allowed (capture host names aside), and normalizing it again
 * gives it back; errors are in the profile's domain.
 */
#include "config.h"

#include "sb-profile.h"
#include "sb-url.h"

#include "fuzz-common.h"

#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef char *(*NormalizeFunc) (const char *, GError **);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup ();

  return 0;
}

static void
check_error (const GError *error,
             gboolean      utf8)
{
  g_assert (error != NULL && error->domain == SB_PROFILE_ERROR);
  g_assert (error->message != NULL);
  if (utf8)
    g_assert (g_utf8_validate (error->message, -1, NULL));
}

static void
check_url (const char *url,
           gboolean    utf8)
{
  g_autofree char *origin = sb_url_origin (url);
  g_autofree char *display = sb_url_display_host (url);
  gboolean allowed = sb_url_is_allowed (url);

  g_assert (display != NULL);
  (void) sb_url_host_is_loopback (url);
  if (origin == NULL)
    g_assert (!allowed && !sb_url_same_origin (url, url));
  else
    g_assert (sb_url_same_origin (url, url));

  /* An allowed address has a host, and its origin is an origin of its own.
   * Two kinds of host do not read back, known and reported, left out here:
   * GLib 2.74 ends the user part at the first "@" and keeps any later one in
   * the host ("https://a@b@c" has the host "b@c"), and an IPv6 zone comes
   * back decoded ("[fe80::1%25eth0]" gives "[fe80::1%eth0]").
   */
  if (allowed && origin != NULL && strpbrk (origin, "@%") == NULL)
    {
      g_autofree char *origin_origin = sb_url_origin (origin);

      g_assert (sb_url_same_origin (url, url));
      g_assert (sb_url_same_origin (url, origin));
      g_assert_cmpstr (origin_origin, ==, origin);
    }
  g_assert (!sb_url_same_origin (url, NULL));
}

static void
check_normalize (NormalizeFunc  normalize,
                 const char    *url,
                 gboolean       utf8,
                 gboolean       host_allowed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autofree char *normalized = normalize (url, &error);
  g_autofree char *again = NULL;

  if (normalized == NULL)
    {
      check_error (error, utf8);
      return;
    }

  g_assert (error == NULL);
  if (!host_allowed || strstr (normalized, "://") != NULL)
    g_assert (sb_url_is_allowed (normalized));
  again = normalize (normalized, &again_error);
  g_assert_no_error (again_error);
  g_assert_cmpstr (again, ==, normalized);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) fields = fuzz_split (data, size, 2);
  gboolean utf8 = fuzz_all_utf8 (fields);

  for (int i = 0; i < 2; i++)
    {
      check_url (fields[i], utf8);
      check_normalize (sb_profile_normalize_platform_url, fields[i], utf8, FALSE);
      check_normalize (sb_profile_normalize_idp_url, fields[i], utf8, FALSE);
      check_normalize (sb_profile_normalize_capture_address, fields[i], utf8, TRUE);
    }

  g_assert (sb_url_same_origin (fields[0], fields[1]) == sb_url_same_origin (fields[1], fields[0]));
  g_assert (!sb_url_host_is_loopback (NULL));
  g_assert (!sb_url_is_allowed (NULL));

  return 0;
}
