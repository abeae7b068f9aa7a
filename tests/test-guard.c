#define G_LOG_DOMAIN "test-guard"

#include "config.h"

#include "sb-guard.h"


static SbProfile *
anypoint_profile (const char *platform_url)
{
  SbProfile *profile = sb_profile_new (NULL);

  sb_profile_set_platform_url (profile, platform_url);
  return profile;
}

/* Every way a page could address the platform is refused, and nothing else. */
static void
test_platform (void)
{
  g_autoptr(SbGuard) guard = sb_guard_new ();
  g_autoptr(SbProfile) profile = anypoint_profile ("https://platform.example.com");
  static const char * const blocked[] = {
    "https://platform.example.com/",
    "https://platform.example.com/accounts/api/me",
    "https://PLATFORM.Example.COM/anything",
    "https://platform.example.com./accounts/login/acme/providers/p1/receive-id",
    "http://platform.example.com/accounts/login/acme/providers/p1/receive-id?SAMLResponse=PD94",
    "https://platform.example.com:8443/x",
    "wss://platform.example.com/socket",
    "https://anypoint.mulesoft.com/home/",
    "https://eu1.anypoint.mulesoft.com/accounts/login/receive-id",
    "https://gov.anypoint.mulesoft.com/",
    "https://elsewhere.example.net/accounts//login/acme/providers/p1/receive-id/",
  };
  static const char * const allowed[] = {
    "https://idp.example.com/sso",
    "https://platform.example.com.evil.example/",
    "https://xplatform.example.com/",
    "https://idp.example.com/?next=https://platform.example.com/",
    "data:text/html,hello",
    "about:blank",
  };

  sb_guard_add_profile (guard, profile);

  for (guint i = 0; i < G_N_ELEMENTS (blocked); i++)
    g_assert_true (sb_guard_blocks (guard, blocked[i]));
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    g_assert_false (sb_guard_blocks (guard, allowed[i]));
}

/* On this computer the IdP and the platform share a host: only the platform's port is refused. */
static void
test_loopback (void)
{
  g_autoptr(SbGuard) guard = sb_guard_new ();
  g_autoptr(SbProfile) profile = anypoint_profile ("http://127.0.0.1:4321");

  sb_guard_add_profile (guard, profile);

  g_assert_true (sb_guard_blocks (guard, "http://127.0.0.1:4321/"));
  g_assert_true (sb_guard_blocks (guard, "http://127.0.0.1:4321/beacon?SAMLResponse=x"));
  g_assert_false (sb_guard_blocks (guard, "http://127.0.0.1:1234/idp/sso"));
}

static void
test_capture_target (void)
{
  g_autoptr(SbGuard) guard = sb_guard_new ();
  g_autoptr(SbProfile) by_host = sb_profile_new (NULL);
  g_autoptr(SbProfile) by_address = sb_profile_new (NULL);

  sb_profile_set_kind (by_host, SB_PROFILE_KIND_CAPTURE);
  sb_profile_set_acs_url (by_host, "signin.aws.example.com");
  sb_profile_set_kind (by_address, SB_PROFILE_KIND_CAPTURE);
  sb_profile_set_acs_url (by_address, "https://sp.example.org/saml/acs");
  sb_guard_add_profile (guard, by_host);
  sb_guard_add_profile (guard, by_address);

  g_assert_true (sb_guard_blocks (guard, "https://signin.aws.example.com/saml"));
  g_assert_true (sb_guard_blocks (guard, "https://sp.example.org/saml/acs?x=1"));
  g_assert_false (sb_guard_blocks (guard, "https://sp.example.org/login"));
}

/* The web process extension gets the same guard as the view. */
static void
test_variant (void)
{
  g_autoptr(SbGuard) guard = sb_guard_new ();
  g_autoptr(SbProfile) profile = anypoint_profile ("http://127.0.0.1:4321");
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(SbGuard) copy = NULL;
  g_autoptr(SbGuard) fallback = sb_guard_new_from_variant (NULL);

  sb_guard_add_profile (guard, profile);
  variant = g_variant_ref_sink (sb_guard_to_variant (guard));
  copy = sb_guard_new_from_variant (variant);

  g_assert_true (sb_guard_blocks (copy, "http://127.0.0.1:4321/x"));
  g_assert_false (sb_guard_blocks (copy, "http://127.0.0.1:1234/x"));
  g_assert_true (sb_guard_blocks (fallback, "https://anypoint.mulesoft.com/"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guard/platform", test_platform);
  g_test_add_func ("/guard/loopback", test_loopback);
  g_test_add_func ("/guard/capture-target", test_capture_target);
  g_test_add_func ("/guard/variant", test_variant);

  return g_test_run ();
}
