/* libFuzzer target: the ACS matcher the request blocker relies on.
 *
 * Input: NUL-separated fields, two addresses (a request's and the one it is
 * compared with) and a capture-only profile's target (address or host).
 *
 * Checked: equality is symmetric and reflexive; an ACS address has a
 * canonical form that is an ACS address of its own and is idempotent; a
 * target address matches itself.
 */
#include "config.h"

#include "sb-capture.h"

#include "fuzz-common.h"

#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup ();

  return 0;
}

static void
check_acs (const char *url)
{
  g_autofree char *canonical = sb_capture_dup_canonical_acs (url);
  g_autofree char *twice = NULL;
  gboolean is_acs = sb_capture_url_is_acs (url);

  g_assert (is_acs == (canonical != NULL));
  if (canonical == NULL)
    return;

  g_assert (sb_capture_url_is_acs (canonical));
  twice = sb_capture_dup_canonical_acs (canonical);
  g_assert_cmpstr (twice, ==, canonical);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) fields = fuzz_split (data, size, 3);
  const char *a = fields[0];
  const char *b = fields[1];
  const char *target = fields[2];
  gboolean equal;

  check_acs (a);
  check_acs (b);

  equal = sb_capture_url_equal (a, b);
  g_assert (equal == sb_capture_url_equal (b, a));
  g_assert (sb_capture_url_equal (a, a));
  g_assert (!sb_capture_url_equal (a, NULL));
  g_assert (sb_capture_url_equal (NULL, NULL));

  (void) sb_capture_url_matches_target (a, target);
  (void) sb_capture_url_matches_target (b, target);
  (void) sb_capture_url_matches_target (a, b);
  g_assert (!sb_capture_url_matches_target (a, ""));
  g_assert (!sb_capture_url_matches_target (NULL, target));
  g_assert (!sb_capture_url_matches_target (a, NULL));
  if (strstr (a, "://") != NULL)
    g_assert (sb_capture_url_matches_target (a, a));

  return 0;
}
