#define G_LOG_DOMAIN "test-sign-in"

#include "config.h"

#include "sb-mock.h"
#include "sb-page-source.h"
#include "sb-profile-store.h"
#include "sb-secret.h"
#include "sb-sign-in.h"
#include "sb-test-page.h"
#include "sb-test-utils.h"

#include <string.h>

typedef struct {
  SbMock     *mock;
  SbTestPage *page;
  SbProfile  *profile;
  SbSignIn   *sign_in;
  GArray     *states;
} Fixture;

static void
on_state (SbSignIn   *sign_in,
          GParamSpec *pspec,
          Fixture    *f)
{
  SbSignInState state = sb_sign_in_get_state (sign_in);

  g_array_append_val (f->states, state);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = sb_mock_new (&error);
  g_assert_no_error (error);
  f->page = sb_test_page_new ();
  f->profile = sb_profile_new (NULL);
  sb_profile_set_platform_url (f->profile, sb_mock_get_platform_url (f->mock));
  sb_profile_set_idp_url (f->profile, sb_mock_get_idp_url (f->mock));
  f->states = g_array_new (FALSE, FALSE, sizeof (SbSignInState));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->sign_in);
  g_clear_object (&f->page);
  g_clear_object (&f->profile);
  g_clear_object (&f->mock);
  g_clear_pointer (&f->states, g_array_unref);

  sb_test_iterate ();
}

static void
start (Fixture *f)
{
  f->sign_in = sb_sign_in_new (f->profile, SB_PAGE_SOURCE (f->page));
  g_signal_connect (f->sign_in, "notify::state", G_CALLBACK (on_state), f);
  sb_sign_in_start (f->sign_in);
}

/* Reports what the mock IdP would post for @query, as the page would once the user signed in. */
static gboolean
has_left_page (gpointer data)
{
  SbSignInState state = sb_sign_in_get_state (data);

  return state != SB_SIGN_IN_STATE_LOADING && state != SB_SIGN_IN_STATE_WAITING;
}

/* Reports @capture as the page would, and waits until the sign-in read the assertion. */
static void
report (Fixture   *f,
        SbCapture *captured)
{
  sb_page_source_emit_captured (SB_PAGE_SOURCE (f->page), captured);
  if (!has_left_page (f->sign_in))
    g_assert_true (sb_test_wait_for (has_left_page, f->sign_in, 10));
}

static void
capture (Fixture    *f,
         const char *query)
{
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *acs_url = NULL;
  g_autoptr(SbCapture) captured = NULL;

  response = sb_mock_dup_saml_response (f->mock, query, &acs_url);
  g_assert_nonnull (response);
  captured = sb_capture_new (acs_url, response, NULL);
  report (f, captured);
}

static gboolean
is_over (gpointer data)
{
  SbSignInState state = sb_sign_in_get_state (data);

  return state == SB_SIGN_IN_STATE_DONE || state == SB_SIGN_IN_STATE_FAILED;
}

static void
wait_until_over (Fixture *f)
{
  g_assert_true (sb_test_wait_for (is_over, f->sign_in, 10));
}

static gboolean
has_exchanged (gpointer data)
{
  return sb_mock_get_exchange_count (data) > 0;
}

static void
assert_failed (Fixture       *f,
               SbSignInError  code)
{
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_FAILED);
  g_assert_error ((GError *) sb_sign_in_get_error (f->sign_in), SB_SIGN_IN_ERROR, (int) code);
  g_assert_null (sb_sign_in_get_token (f->sign_in));
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  static const SbSignInState expected[] = {
    SB_SIGN_IN_STATE_LOADING, SB_SIGN_IN_STATE_WAITING, SB_SIGN_IN_STATE_EXCHANGING,
    SB_SIGN_IN_STATE_VERIFYING, SB_SIGN_IN_STATE_DONE,
  };
  SbToken *token;

  start (f);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_LOADING);
  g_assert_cmpuint (sb_test_page_get_starts (f->page), ==, 1);

  sb_page_source_emit_page_loaded (SB_PAGE_SOURCE (f->page));
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_WAITING);

  capture (f, NULL);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_EXCHANGING);
  g_assert_cmpuint (sb_test_page_get_stops (f->page), ==, 1);

  wait_until_over (f);
  g_assert_cmpmem (f->states->data, f->states->len * sizeof (SbSignInState), expected, sizeof expected);
  g_assert_null (sb_sign_in_get_error (f->sign_in));
  g_assert_null (sb_sign_in_get_who_error (f->sign_in));

  token = sb_sign_in_get_token (f->sign_in);
  g_assert_nonnull (token);
  g_assert_cmpstr (sb_token_get_username (token), ==, SB_MOCK_USERNAME);
  g_assert_nonnull (sb_sign_in_get_saml (f->sign_in));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_me_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_browser_post_count (f->mock), ==, 0);
}

/* A double submit must not spend a second assertion, nor replace the first. */
static void
test_second_capture_ignored (Fixture       *f,
                             gconstpointer  data)
{
  start (f);
  capture (f, NULL);
  capture (f, NULL);
  wait_until_over (f);
  capture (f, NULL);

  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_DONE);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_replay_count (f->mock), ==, 0);
  g_assert_cmpuint (sb_test_page_get_stops (f->page), ==, 1);
}

static void
test_page_failed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_TLS,
                                                 "The connection to idp.example.com is not secure.");

  start (f);
  sb_page_source_emit_failed (SB_PAGE_SOURCE (f->page), error);

  assert_failed (f, SB_SIGN_IN_ERROR_NOT_SECURE);
  g_assert_cmpstr (sb_sign_in_get_error (f->sign_in)->message, ==, error->message);
  g_assert_error ((GError *) sb_sign_in_get_cause (f->sign_in), SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_TLS);
  g_assert_cmpuint (sb_test_page_get_stops (f->page), ==, 1);

  /* Over is over: a late capture is not exchanged. */
  capture (f, NULL);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

static void
test_page_errors (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { SbPageSourceError page; SbSignInError expected; } cases[] = {
    { SB_PAGE_SOURCE_ERROR_LOAD, SB_SIGN_IN_ERROR_PAGE_UNAVAILABLE },
    { SB_PAGE_SOURCE_ERROR_CRASHED, SB_SIGN_IN_ERROR_PAGE_STOPPED },
    { SB_PAGE_SOURCE_ERROR_UNCONFIRMED, SB_SIGN_IN_ERROR_NOT_CAPTURED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (SB_PAGE_SOURCE_ERROR, cases[i].page, "It went wrong.");

      g_clear_object (&f->sign_in);
      start (f);
      sb_page_source_emit_failed (SB_PAGE_SOURCE (f->page), error);
      assert_failed (f, cases[i].expected);
    }
}

/* Said once, whether the platform or the assertion gives it away. */
static void
test_sp_initiated (Fixture       *f,
                   gconstpointer  data)
{
  start (f);
  capture (f, "in-response-to=1");
  wait_until_over (f);

  assert_failed (f, SB_SIGN_IN_ERROR_SP_INITIATED);
  g_assert_nonnull (strstr (sb_sign_in_get_error (f->sign_in)->message, "IdP-initiated sign-in address"));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
}

/* The mock's other platform is a host like any a page could post to: not offered. */
static void
test_wrong_platform (Fixture       *f,
                     gconstpointer  data)
{
  start (f);
  capture (f, "platform=other");
  wait_until_over (f);

  assert_failed (f, SB_SIGN_IN_ERROR_WRONG_PLATFORM);
  g_assert_null (sb_sign_in_get_suggested_platform (f->sign_in));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

/* A platform the user typed for another profile is offered, as the user typed it. */
static void
test_wrong_platform_saved (Fixture       *f,
                           gconstpointer  data)
{
  SbProfileStore *store = sb_profile_store_get_default ();
  g_autoptr(SbProfile) saved = sb_profile_new (NULL);
  g_autoptr(SbProfile) capture_only = sb_profile_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A capture-only profile names no platform: its address is not one to switch to. */
  sb_profile_set_kind (capture_only, SB_PROFILE_KIND_CAPTURE);
  sb_profile_set_platform_url (capture_only, sb_mock_get_other_platform_url (f->mock));
  sb_profile_store_add (store, capture_only);
  start (f);
  capture (f, "platform=other");
  wait_until_over (f);
  assert_failed (f, SB_SIGN_IN_ERROR_WRONG_PLATFORM);
  g_assert_null (sb_sign_in_get_suggested_platform (f->sign_in));

  sb_profile_set_name (saved, "Other");
  sb_profile_set_platform_url (saved, sb_mock_get_other_platform_url (f->mock));
  sb_profile_store_add (store, saved);
  g_clear_object (&f->sign_in);
  start (f);
  capture (f, "platform=other");
  wait_until_over (f);
  assert_failed (f, SB_SIGN_IN_ERROR_WRONG_PLATFORM);
  g_assert_cmpstr (sb_sign_in_get_suggested_platform (f->sign_in), ==, sb_profile_get_platform_url (saved));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);

  sb_profile_store_delete_async (store, saved, NULL, sb_test_on_result, &result);
  g_assert_true (sb_profile_store_delete_finish (store, sb_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  sb_profile_store_delete_async (store, capture_only, NULL, sb_test_on_result, &result);
  g_assert_true (sb_profile_store_delete_finish (store, sb_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

/* Where the form posted decides whether a control plane is named, never how it is spelled. */
static void
test_wrong_platform_known (Fixture       *f,
                           gconstpointer  data)
{
  static const struct { const char *origin; const char *expected; } cases[] = {
    { "https://eu1.anypoint.mulesoft.com", "https://eu1.anypoint.mulesoft.com" },
    { "https://anypoint.mulesoft.com", "https://anypoint.mulesoft.com" },
    { "https://GOV.Anypoint.MuleSoft.com:443", "https://gov.anypoint.mulesoft.com" },
    { "http://eu1.anypoint.mulesoft.com", NULL },
    { "https://eu1.anypoint.mulesoft.com:8443", NULL },
    { "https://eu1.anypoint.mulesoft.com.attacker.example", NULL },
    { "https://anypoint.mulesoft.com.", NULL },
    { "https://attacker.example", NULL },
    { "https://127.0.0.2", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = g_strconcat ("acs-origin=", cases[i].origin, NULL);

      g_test_message ("ACS on %s", cases[i].origin);
      g_clear_object (&f->sign_in);
      start (f);
      capture (f, query);
      wait_until_over (f);
      assert_failed (f, SB_SIGN_IN_ERROR_WRONG_PLATFORM);
      g_assert_cmpstr (sb_sign_in_get_suggested_platform (f->sign_in), ==, cases[i].expected);
    }

  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

static void
test_idp_refused (Fixture       *f,
                  gconstpointer  data)
{
  start (f);
  capture (f, "status=AuthnFailed");

  assert_failed (f, SB_SIGN_IN_ERROR_IDP_REFUSED);
  g_assert_nonnull (strstr (sb_sign_in_get_error (f->sign_in)->message, "AuthnFailed"));
  g_assert_nonnull (sb_sign_in_get_saml (f->sign_in));
  g_assert_cmpuint (sb_test_page_get_stops (f->page), ==, 1);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SbCapture) captured = NULL;
  g_autofree char *acs_url = g_strconcat (sb_mock_get_platform_url (f->mock),
                                          "/accounts/login/mock-org/providers/mock-idp/receive-id", NULL);

  start (f);
  captured = sb_capture_new (acs_url, "not a SAML response", NULL);
  report (f, captured);

  assert_failed (f, SB_SIGN_IN_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (sb_sign_in_get_error (f->sign_in)->message, "Nothing was sent to the platform. "));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

static void
test_platform_errors (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *query; SbSignInError expected; } cases[] = {
    { "acs=500", SB_SIGN_IN_ERROR_NO_TOKEN },
    { "acs=401", SB_SIGN_IN_ERROR_REFUSED },
    { "acs=403", SB_SIGN_IN_ERROR_REFUSED },
    { "acs=missing", SB_SIGN_IN_ERROR_REFUSED },
    { "acs=notoken", SB_SIGN_IN_ERROR_NO_TOKEN },
    { "acs=html", SB_SIGN_IN_ERROR_NO_TOKEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_object (&f->sign_in);
      start (f);
      capture (f, cases[i].query);
      wait_until_over (f);
      assert_failed (f, cases[i].expected);
      g_assert_error ((GError *) sb_sign_in_get_cause (f->sign_in), SB_PLATFORM_ERROR, sb_sign_in_get_cause (f->sign_in)->code);
    }
}

static void
test_cancel_on_page (Fixture       *f,
                     gconstpointer  data)
{
  start (f);
  sb_sign_in_cancel (f->sign_in);

  assert_failed (f, SB_SIGN_IN_ERROR_CANCELLED);
  g_assert_cmpuint (sb_test_page_get_stops (f->page), ==, 1);

  capture (f, NULL);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

/* Cancelled while the platform thinks: the late answer changes nothing. */
static void
test_cancel_exchanging (Fixture       *f,
                        gconstpointer  data)
{
  start (f);
  capture (f, "acs=slow");
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_EXCHANGING);

  g_assert_true (sb_test_wait_for (has_exchanged, f->mock, 10));
  sb_sign_in_cancel (f->sign_in);
  assert_failed (f, SB_SIGN_IN_ERROR_CANCELLED);

  sb_test_run_for (200);
  assert_failed (f, SB_SIGN_IN_ERROR_CANCELLED);
}

static void
test_capture_only (Fixture       *f,
                   gconstpointer  data)
{
  sb_profile_set_kind (f->profile, SB_PROFILE_KIND_CAPTURE);
  sb_profile_set_acs_url (f->profile, "127.0.0.1");

  start (f);
  g_assert_null (sb_sign_in_get_platform (f->sign_in));
  capture (f, NULL);

  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_DONE);
  g_assert_nonnull (sb_sign_in_get_capture (f->sign_in));
  g_assert_nonnull (sb_sign_in_get_saml (f->sign_in));
  g_assert_null (sb_sign_in_get_token (f->sign_in));
  g_assert_cmpuint (sb_test_page_get_stops (f->page), ==, 1);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
}

/* Dropped mid-exchange, as when its window closes: no answer reaches anybody. */
static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  start (f);
  capture (f, NULL);
  g_clear_object (&f->sign_in);

  sb_test_run_for (200);
  g_assert_cmpuint (f->states->len, ==, 2);
  g_assert_cmpuint (sb_mock_get_me_count (f->mock), ==, 0);
}

/* The sign-in address the IdP posted to when it worked is the one expected from then on. */
static void
test_learns_sign_in_address (Fixture       *f,
                             gconstpointer  data)
{
  start (f);
  capture (f, NULL);
  wait_until_over (f);

  g_assert_nonnull (sb_sign_in_get_token (f->sign_in));
  g_assert_cmpstr (sb_profile_get_learned_acs_url (f->profile), ==,
                   sb_capture_get_acs_url (sb_sign_in_get_capture (f->sign_in)));
}

static void
test_other_sign_in_address (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *other = g_strconcat (sb_mock_get_platform_url (f->mock),
                                        "/accounts/login/other-org/providers/ok/receive-id", NULL);

  sb_profile_set_learned_acs_url (f->profile, other);
  start (f);
  capture (f, NULL);

  assert_failed (f, SB_SIGN_IN_ERROR_NOT_ACCEPTED);
  g_assert_nonnull (strstr (sb_sign_in_get_error (f->sign_in)->message, "other-org"));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
  g_assert_cmpstr (sb_profile_get_learned_acs_url (f->profile), ==, other);
}

/* The token cache: against gnome-keyring-daemon on the test's own bus (gui-test-wrapper
 * --keyring), and for /sign-in/no-keyring/ on a bus with no Secret Service. */

/* A sign-in of the fixture's profile that uses the token cache, on a page of its own; not started. */
static void
prepare_cached (Fixture  *f,
                gboolean  with_page)
{
  g_clear_object (&f->sign_in);
  g_clear_object (&f->page);
  g_array_set_size (f->states, 0);

  f->page = sb_test_page_new ();
  f->sign_in = sb_sign_in_new (f->profile, with_page ? SB_PAGE_SOURCE (f->page) : NULL);
  sb_sign_in_set_token_cache (f->sign_in, sb_token_cache_get_default ());
  g_signal_connect (f->sign_in, "notify::state", G_CALLBACK (on_state), f);
}

static gboolean
is_loading (gpointer data)
{
  return sb_sign_in_get_state (data) == SB_SIGN_IN_STATE_LOADING;
}

static void
wait_for_page (Fixture *f)
{
  g_assert_true (sb_test_wait_for (is_loading, f->sign_in, 10));
  g_assert_cmpuint (sb_test_page_get_starts (f->page), ==, 1);
}

/* Signs in on the page, once the sign-in opened it. */
static void
sign_in_on_page (Fixture *f)
{
  wait_for_page (f);
  sb_page_source_emit_page_loaded (SB_PAGE_SOURCE (f->page));
  capture (f, NULL);
  wait_until_over (f);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_DONE);
}

static SbToken *
lookup_kept (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SbToken *token;

  sb_token_cache_lookup_async (sb_token_cache_get_default (), f->profile, NULL, sb_test_on_result, &result);
  token = sb_token_cache_lookup_finish (sb_token_cache_get_default (), sb_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return token;
}

static gboolean
same_token (SbToken    *token,
            const char *access_token)
{
  return token != NULL && g_str_equal (sb_token_get_access_token (token), access_token);
}

/* A first sign-in, whose token is kept; returns a copy of the token. */
static char *
sign_in_and_keep (Fixture *f)
{
  g_autoptr(SbToken) kept = NULL;

  prepare_cached (f, TRUE);
  sb_sign_in_start (f->sign_in);
  sign_in_on_page (f);
  g_assert_null (sb_sign_in_get_cache_error (f->sign_in));

  kept = lookup_kept (f);
  g_assert_true (same_token (kept, sb_token_get_access_token (sb_sign_in_get_token (f->sign_in))));

  return sb_secret_dup (sb_token_get_access_token (sb_sign_in_get_token (f->sign_in)));
}

static void
test_cache_keeps (Fixture       *f,
                  gconstpointer  data)
{
  static const SbSignInState expected[] = {
    SB_SIGN_IN_STATE_LOOKING_UP, SB_SIGN_IN_STATE_LOADING, SB_SIGN_IN_STATE_WAITING,
    SB_SIGN_IN_STATE_EXCHANGING, SB_SIGN_IN_STATE_VERIFYING, SB_SIGN_IN_STATE_DONE,
  };
  g_autoptr(SbSecret) access_token = NULL;
  g_autoptr(SbToken) kept = NULL;

  if (!sb_test_require_keyring ())
    return;

  access_token = sign_in_and_keep (f);
  g_assert_cmpmem (f->states->data, f->states->len * sizeof (SbSignInState), expected, sizeof expected);
  g_assert_false (sb_token_get_cached (sb_sign_in_get_token (f->sign_in)));

  kept = lookup_kept (f);
  g_assert_true (sb_token_get_cached (kept));
  g_assert_cmpstr (sb_token_get_username (kept), ==, SB_MOCK_USERNAME);
}

/* A kept token the platform accepts is handed over at once: no page, no exchange. */
static void
test_cache_reuse (Fixture       *f,
                  gconstpointer  data)
{
  static const SbSignInState expected[] = { SB_SIGN_IN_STATE_LOOKING_UP, SB_SIGN_IN_STATE_DONE };
  g_autoptr(SbSecret) access_token = NULL;
  SbToken *token;

  if (!sb_test_require_keyring ())
    return;

  access_token = sign_in_and_keep (f);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_me_count (f->mock), ==, 1);

  /* The business group picked since applies to the kept token. */
  sb_profile_set_organization_id (f->profile, SB_MOCK_PRODUCTION_GROUP_ID);
  prepare_cached (f, TRUE);
  sb_sign_in_start (f->sign_in);
  wait_until_over (f);

  g_assert_cmpmem (f->states->data, f->states->len * sizeof (SbSignInState), expected, sizeof expected);
  g_assert_cmpuint (sb_test_page_get_starts (f->page), ==, 0);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_me_count (f->mock), ==, 2);
  g_assert_null (sb_sign_in_get_cache_error (f->sign_in));

  token = sb_sign_in_get_token (f->sign_in);
  g_assert_true (same_token (token, access_token));
  g_assert_true (sb_token_get_cached (token));
  g_assert_cmpstr (sb_token_get_username (token), ==, SB_MOCK_USERNAME);
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, SB_MOCK_PRODUCTION_GROUP_ID);
}

/* A kept token the platform rejects is deleted, and a sign-in follows. */
static void
test_cache_rejected (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbSecret) access_token = NULL;
  g_autoptr(SbToken) deleted = NULL;
  g_autoptr(SbToken) kept = NULL;
  SbToken *token;

  if (!sb_test_require_keyring ())
    return;

  access_token = sign_in_and_keep (f);
  sb_mock_revoke_tokens (f->mock);

  prepare_cached (f, TRUE);
  sb_sign_in_start (f->sign_in);
  wait_for_page (f);
  g_assert_cmpuint (sb_mock_get_me_count (f->mock), ==, 2);
  deleted = lookup_kept (f);
  g_assert_null (deleted);

  sb_page_source_emit_page_loaded (SB_PAGE_SOURCE (f->page));
  capture (f, NULL);
  wait_until_over (f);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_DONE);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 2);

  token = sb_sign_in_get_token (f->sign_in);
  g_assert_false (same_token (token, access_token));
  g_assert_false (sb_token_get_cached (token));
  kept = lookup_kept (f);
  g_assert_true (same_token (kept, sb_token_get_access_token (token)));
}

/* --fresh and Renew: no lookup, but the new token is kept. */
static void
test_cache_fresh (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SbSecret) access_token = NULL;
  g_autoptr(SbToken) kept = NULL;
  SbToken *token;

  if (!sb_test_require_keyring ())
    return;

  access_token = sign_in_and_keep (f);

  prepare_cached (f, TRUE);
  sb_sign_in_set_fresh (f->sign_in, TRUE);
  sb_sign_in_start (f->sign_in);
  g_assert_cmpint (g_array_index (f->states, SbSignInState, 0), ==, SB_SIGN_IN_STATE_LOADING);
  sign_in_on_page (f);

  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 2);
  g_assert_null (sb_sign_in_get_cache_error (f->sign_in));
  token = sb_sign_in_get_token (f->sign_in);
  g_assert_false (same_token (token, access_token));
  kept = lookup_kept (f);
  g_assert_true (same_token (kept, sb_token_get_access_token (token)));
}

/* A kept token too close to its estimated expiry is not handed over, nor checked. */
static void
test_cache_min_valid (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SbSecret) access_token = NULL;

  if (!sb_test_require_keyring ())
    return;

  sb_profile_set_session_minutes (f->profile, 10);
  access_token = sign_in_and_keep (f);

  prepare_cached (f, TRUE);
  sb_sign_in_set_min_valid (f->sign_in, 15);
  sb_sign_in_start (f->sign_in);
  wait_for_page (f);
  g_assert_cmpuint (sb_mock_get_me_count (f->mock), ==, 1);
  sb_sign_in_cancel (f->sign_in);

  prepare_cached (f, TRUE);
  sb_sign_in_set_min_valid (f->sign_in, 5);
  sb_sign_in_start (f->sign_in);
  wait_until_over (f);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_DONE);
  g_assert_cmpuint (sb_test_page_get_starts (f->page), ==, 0);
  g_assert_true (same_token (sb_sign_in_get_token (f->sign_in), access_token));
}

/* With no page (no display), a kept token is all there is. */
static void
test_cache_headless (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbSecret) access_token = NULL;

  if (!sb_test_require_keyring ())
    return;

  access_token = sign_in_and_keep (f);

  prepare_cached (f, FALSE);
  sb_sign_in_start (f->sign_in);
  wait_until_over (f);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_DONE);
  g_assert_true (same_token (sb_sign_in_get_token (f->sign_in), access_token));

  sb_mock_revoke_tokens (f->mock);
  prepare_cached (f, FALSE);
  sb_sign_in_start (f->sign_in);
  wait_until_over (f);
  assert_failed (f, SB_SIGN_IN_ERROR_NEEDS_PAGE);
  g_assert_nonnull (strstr (sb_sign_in_get_error (f->sign_in)->message, "desktop session"));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
}

/* With no page, a platform that cannot be reached is the failure, not the missing page;
 * the kept token stays kept. */
static void
test_cache_headless_unreachable (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SbToken) token = NULL;
  g_autoptr(SbToken) kept = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *platform = NULL;

  if (!sb_test_require_keyring ())
    return;

  platform = g_strdup_printf ("http://127.0.0.1:%u", sb_test_closed_port ());
  sb_profile_set_platform_url (f->profile, platform);
  token = sb_token_new (platform, "fake-unreachable-token", "bearer", NULL, 60);
  sb_token_cache_store_async (sb_token_cache_get_default (), f->profile, token, NULL, sb_test_on_result, &result);
  g_assert_true (sb_token_cache_store_finish (sb_token_cache_get_default (), sb_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  prepare_cached (f, FALSE);
  sb_sign_in_start (f->sign_in);
  wait_until_over (f);
  assert_failed (f, SB_SIGN_IN_ERROR_UNREACHABLE);

  kept = lookup_kept (f);
  g_assert_true (same_token (kept, "fake-unreachable-token"));
}

/* A profile that does not keep its tokens neither looks one up nor keeps one. */
static void
test_cache_keep_tokens_off (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SbToken) kept = NULL;

  if (!sb_test_require_keyring ())
    return;

  sb_profile_set_keep_tokens (f->profile, FALSE);
  prepare_cached (f, TRUE);
  sb_sign_in_start (f->sign_in);
  g_assert_cmpint (g_array_index (f->states, SbSignInState, 0), ==, SB_SIGN_IN_STATE_LOADING);
  sign_in_on_page (f);

  g_assert_null (sb_sign_in_get_cache_error (f->sign_in));
  kept = lookup_kept (f);
  g_assert_null (kept);
}

static void
test_cache_cancel_looking_up (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SbToken) kept = NULL;

  if (!sb_test_require_keyring ())
    return;

  prepare_cached (f, TRUE);
  sb_sign_in_start (f->sign_in);
  g_assert_cmpint (sb_sign_in_get_state (f->sign_in), ==, SB_SIGN_IN_STATE_LOOKING_UP);
  sb_sign_in_cancel (f->sign_in);
  assert_failed (f, SB_SIGN_IN_ERROR_CANCELLED);

  /* The lookup's answer, when it comes, changes nothing. */
  kept = lookup_kept (f);
  sb_test_iterate ();
  assert_failed (f, SB_SIGN_IN_ERROR_CANCELLED);
  g_assert_cmpuint (sb_test_page_get_starts (f->page), ==, 0);
}

/* Where no Secret Service runs, the sign-in works as without a cache, and says why nothing was kept. */
static void
test_no_keyring_cache_error (Fixture       *f,
                             gconstpointer  data)
{
  if (!sb_test_require_no_keyring ())
    return;

  prepare_cached (f, TRUE);
  sb_sign_in_start (f->sign_in);
  sign_in_on_page (f);

  g_assert_nonnull (sb_sign_in_get_token (f->sign_in));
  g_assert_error ((GError *) sb_sign_in_get_cache_error (f->sign_in),
                  SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE);
  g_assert_cmpint (g_array_index (f->states, SbSignInState, 0), ==, SB_SIGN_IN_STATE_LOOKING_UP);
}

static void
test_no_keyring_needs_page (Fixture       *f,
                            gconstpointer  data)
{
  if (!sb_test_require_no_keyring ())
    return;

  prepare_cached (f, FALSE);
  sb_sign_in_start (f->sign_in);
  wait_until_over (f);
  assert_failed (f, SB_SIGN_IN_ERROR_NEEDS_PAGE);
  g_assert_error ((GError *) sb_sign_in_get_cache_error (f->sign_in),
                  SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE);
}

/* With neither a page nor a cache, there is nothing to sign in with. */
static void
test_needs_page (Fixture       *f,
                 gconstpointer  data)
{
  f->sign_in = sb_sign_in_new (f->profile, NULL);
  sb_sign_in_start (f->sign_in);

  assert_failed (f, SB_SIGN_IN_ERROR_NEEDS_PAGE);
  g_assert_cmpstr (sb_sign_in_get_error (f->sign_in)->message, !=, "");
  g_assert_null (sb_sign_in_get_cache_error (f->sign_in));
}

/* The business group picked for the profile applies while the user is in it. */
static void
test_organization (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(SbSecret) cli = NULL;
  SbToken *token;

  sb_profile_set_organization_id (f->profile, SB_MOCK_DESIGN_GROUP_ID);
  start (f);
  capture (f, NULL);
  wait_until_over (f);

  token = sb_sign_in_get_token (f->sign_in);
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, SB_MOCK_DESIGN_GROUP_ID);
  cli = sb_token_format (token, SB_TOKEN_FORMAT_CLI);
  g_assert_nonnull (strstr (cli, "--organization '" SB_MOCK_DESIGN_GROUP_ID "'"));
  groups = sb_token_dup_business_groups (token);
  g_assert_cmpuint (groups->len, ==, 3);

  /* A group the user left is the root organization again. */
  g_clear_object (&f->sign_in);
  g_clear_object (&f->page);
  f->page = sb_test_page_new ();
  sb_profile_set_organization_id (f->profile, "a-group-they-left");
  start (f);
  capture (f, NULL);
  wait_until_over (f);
  g_assert_cmpstr (sb_token_get_organization_id (sb_sign_in_get_token (f->sign_in)), ==, SB_MOCK_ORG_ID);
}

static void
add (const char *path,
     void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/sign-in/token", test_token);
  add ("/sign-in/second-capture-ignored", test_second_capture_ignored);
  add ("/sign-in/page-failed", test_page_failed);
  add ("/sign-in/page-errors", test_page_errors);
  add ("/sign-in/sp-initiated", test_sp_initiated);
  add ("/sign-in/wrong-platform", test_wrong_platform);
  add ("/sign-in/wrong-platform-saved", test_wrong_platform_saved);
  add ("/sign-in/wrong-platform-known", test_wrong_platform_known);
  add ("/sign-in/idp-refused", test_idp_refused);
  add ("/sign-in/unreadable", test_unreadable);
  add ("/sign-in/platform-errors", test_platform_errors);
  add ("/sign-in/cancel-on-page", test_cancel_on_page);
  add ("/sign-in/cancel-exchanging", test_cancel_exchanging);
  add ("/sign-in/capture-only", test_capture_only);
  add ("/sign-in/dropped", test_dropped);
  add ("/sign-in/learns-sign-in-address", test_learns_sign_in_address);
  add ("/sign-in/other-sign-in-address", test_other_sign_in_address);
  add ("/sign-in/needs-page", test_needs_page);
  add ("/sign-in/organization", test_organization);
  add ("/sign-in/cache/keeps", test_cache_keeps);
  add ("/sign-in/cache/reuse", test_cache_reuse);
  add ("/sign-in/cache/rejected", test_cache_rejected);
  add ("/sign-in/cache/fresh", test_cache_fresh);
  add ("/sign-in/cache/min-valid", test_cache_min_valid);
  add ("/sign-in/cache/headless", test_cache_headless);
  add ("/sign-in/cache/headless-unreachable", test_cache_headless_unreachable);
  add ("/sign-in/cache/keep-tokens-off", test_cache_keep_tokens_off);
  add ("/sign-in/cache/cancel-looking-up", test_cache_cancel_looking_up);
  add ("/sign-in/no-keyring/cache-error", test_no_keyring_cache_error);
  add ("/sign-in/no-keyring/needs-page", test_no_keyring_needs_page);

  return g_test_run ();
}
