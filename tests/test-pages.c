/* The pages a sign-in ends on, and the window's toasts: what the IdP, the platform
 * or a page wrote is shown as written, never read as Pango markup. */
#define G_LOG_DOMAIN "test-pages"

#include "config.h"

#include <adwaita.h>

#include "sb-assertion-window.h"
#include "sb-error-page.h"
#include "sb-mock.h"
#include "sb-page-source.h"
#include "sb-profile-store.h"
#include "sb-result-page.h"
#include "sb-secret.h"
#include "sb-sign-in.h"
#include "sb-test-page.h"
#include "sb-test-utils.h"
#include "sb-window-private.h"

#include <string.h>

/* Markup that parses, markup that does not, and text that only looks like markup:
 * shown as markup the first loses its tags, the others log a warning (fatal here). */
static const char * const markups[] = {
  "<b>bold</b> <span foreground=\"red\">x</span>",
  "<b>bold</b> & <span foreground=\"red\">x</span>",
  "<i>unclosed & <<",
  "&amp; &lt;b&gt; &#60;",
};

typedef struct {
  SbMock    *mock;
  SbTestPage *page;
  SbProfile *profile;
  GtkWindow *window;
} Fixture;

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  g_clear_object (&f->page);
  g_clear_object (&f->profile);
  g_clear_object (&f->mock);

  sb_test_iterate ();
}

static gboolean
is_over (gpointer data)
{
  SbSignInState state = sb_sign_in_get_state (data);

  return state == SB_SIGN_IN_STATE_DONE || state == SB_SIGN_IN_STATE_FAILED;
}

/* A sign-in that ends with what the mock IdP posts for @query. */
static SbSignIn *
run_sign_in (Fixture    *f,
             const char *query)
{
  SbSignIn *sign_in = sb_sign_in_new (f->profile, SB_PAGE_SOURCE (f->page));
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *acs_url = NULL;
  g_autoptr(SbCapture) captured = NULL;

  sb_sign_in_start (sign_in);
  response = sb_mock_dup_saml_response (f->mock, query, &acs_url);
  g_assert_nonnull (response);
  captured = sb_capture_new (acs_url, response, NULL);
  sb_page_source_emit_captured (SB_PAGE_SOURCE (f->page), captured);
  g_assert_true (sb_test_wait_for (is_over, sign_in, 10));

  return sign_in;
}

/* A sign-in the IdP refuses with @message as its StatusMessage. */
static SbSignIn *
sign_in_refused (Fixture    *f,
                 const char *message)
{
  g_autofree char *escaped = g_uri_escape_string (message, NULL, FALSE);
  g_autofree char *query = g_strconcat ("status=AuthnFailed&status-message=", escaped, NULL);

  return run_sign_in (f, query);
}

static void
show (Fixture   *f,
      GtkWidget *page)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);
  sb_test_iterate ();
}

/* Whether a label under @widget shows @text as it is written. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return ADW_STATUS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = find_status_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The error page says what the IdP said, in its description and its details. */
static void
test_error_status_message (Fixture       *f,
                           gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      g_autoptr(SbSignIn) refused = sign_in_refused (f, markups[i]);
      SbErrorPage *page = g_object_new (SB_TYPE_ERROR_PAGE, NULL);
      AdwStatusPage *status_page;

      g_test_message ("StatusMessage %u", i);
      g_assert_error ((GError *) sb_sign_in_get_error (refused), SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_IDP_REFUSED);
      g_assert_nonnull (strstr (sb_sign_in_get_error (refused)->message, markups[i]));

      show (f, GTK_WIDGET (page));
      sb_error_page_show (page, refused);
      sb_test_iterate ();

      status_page = find_status_page (GTK_WIDGET (page));
      g_assert_nonnull (status_page);
      g_assert_true (shows_text (GTK_WIDGET (status_page), sb_sign_in_get_error (refused)->message));
    }
}

/* A capture-only profile takes a refused sign-in too: its warning quotes the IdP. */
static void
test_result_warning_rows (Fixture       *f,
                          gconstpointer  data)
{
  sb_profile_set_kind (f->profile, SB_PROFILE_KIND_CAPTURE);
  sb_profile_set_acs_url (f->profile, "127.0.0.1");

  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      g_autoptr(SbSignIn) captured = sign_in_refused (f, markups[i]);
      SbResultPage *page = g_object_new (SB_TYPE_RESULT_PAGE, NULL);

      g_test_message ("StatusMessage %u", i);
      g_assert_cmpint (sb_sign_in_get_state (captured), ==, SB_SIGN_IN_STATE_DONE);

      show (f, GTK_WIDGET (page));
      sb_result_page_show (page, captured);
      sb_test_iterate ();

      g_assert_true (shows_text (GTK_WIDGET (page), "The identity provider reported an error"));
      g_assert_true (shows_text (GTK_WIDGET (page), markups[i]));
      sb_result_page_clear (page);
    }
}

/* Why the platform could not say who signed in is the platform's sentence, as written. */
static void
test_result_who_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SbSignIn) signed_in = run_sign_in (f, NULL);
  SbResultPage *page = g_object_new (SB_TYPE_RESULT_PAGE, NULL);

  g_assert_nonnull (sb_sign_in_get_token (signed_in));
  show (f, GTK_WIDGET (page));
  sb_result_page_show (page, signed_in);

  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      g_autoptr(GError) error = g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_SERVER,
                                             "The platform answered: %s", markups[i]);

      g_test_message ("Message %u", i);
      sb_result_page_show_who (page, error);
      sb_test_iterate ();
      g_assert_true (shows_text (GTK_WIDGET (page), error->message));
    }

  sb_result_page_clear (page);
}

/* Whether a row under @widget has @text as its subtitle. */
static gboolean
shows_subtitle (GtkWidget  *widget,
                const char *text)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_subtitle (child, text))
      return TRUE;

  return FALSE;
}

/* Business groups and why a token was not kept are the platform's and the keyring's
 * words, shown as written. */
static void
test_result_groups_and_keyring (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SbSignIn) signed_in = run_sign_in (f, NULL);
  SbResultPage *page = g_object_new (SB_TYPE_RESULT_PAGE, NULL);
  SbToken *token = sb_sign_in_get_token (signed_in);

  show (f, GTK_WIDGET (page));
  sb_result_page_show (page, signed_in);

  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      g_autoptr(JsonObject) user = json_object_new ();
      g_autofree char *why = g_strconcat ("The keyring said: ", markups[i], NULL);
      JsonObject *root = json_object_new ();
      JsonArray *groups = json_array_new ();
      JsonObject *group = json_object_new ();

      g_test_message ("Name %u", i);
      json_object_set_string_member (root, "id", "root");
      json_object_set_string_member (root, "name", "Root");
      json_object_set_object_member (user, "organization", root);
      json_object_set_string_member (group, "id", "bg");
      json_object_set_string_member (group, "name", markups[i]);
      json_array_add_object_element (groups, group);
      json_object_set_array_member (user, "memberOfOrganizations", groups);
      sb_token_set_user (token, user);
      g_assert_true (sb_token_select_organization (token, "bg", NULL));

      sb_result_page_show_who (page, NULL);
      sb_result_page_show_keyring (page, FALSE, why);
      sb_test_iterate ();
      g_assert_true (shows_subtitle (GTK_WIDGET (page), markups[i]));
      g_assert_true (shows_subtitle (GTK_WIDGET (page), why));
      g_assert_true (shows_text (GTK_WIDGET (page), why));
    }

  sb_result_page_clear (page);
}

/* The assertion window shows the StatusMessage in its rows and its warning. */
static void
test_assertion_window (Fixture       *f,
                       gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      g_autoptr(SbSignIn) refused = sign_in_refused (f, markups[i]);
      GtkWindow *window;

      g_test_message ("StatusMessage %u", i);
      window = sb_assertion_window_new (NULL, sb_sign_in_get_saml (refused), sb_profile_get_platform_url (f->profile));
      gtk_window_present (window);
      sb_test_iterate ();

      g_assert_true (shows_text (GTK_WIDGET (window), "The identity provider reported an error"));
      g_assert_true (shows_text (GTK_WIDGET (window), markups[i]));
      gtk_window_destroy (window);
      sb_test_iterate ();
    }
}

/* The offer to switch platforms names the host as it is spelled, underscores too. */
static void
test_error_platform_button (Fixture       *f,
                            gconstpointer  data)
{
  SbProfileStore *store = sb_profile_store_get_default ();
  g_autoptr(SbProfile) saved = sb_profile_new (NULL);
  g_autoptr(SbSignIn) wrong = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SbErrorPage *page = g_object_new (SB_TYPE_ERROR_PAGE, NULL);

  sb_profile_set_platform_url (saved, "https://my_platform.example");
  sb_profile_store_add (store, saved);

  wrong = run_sign_in (f, "acs-origin=https://my_platform.example");
  g_assert_error ((GError *) sb_sign_in_get_error (wrong), SB_SIGN_IN_ERROR, SB_SIGN_IN_ERROR_WRONG_PLATFORM);
  g_assert_cmpstr (sb_sign_in_get_suggested_platform (wrong), ==, "https://my_platform.example");

  show (f, GTK_WIDGET (page));
  sb_error_page_show (page, wrong);
  sb_test_iterate ();
  g_assert_true (shows_text (GTK_WIDGET (page), "Use my_platform.example"));

  sb_profile_store_delete_async (store, saved, NULL, sb_test_on_result, &result);
  g_assert_true (sb_profile_store_delete_finish (store, sb_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

/* A sign-in whose page reports @code. */
static SbSignIn *
sign_in_page_failed (Fixture           *f,
                     SbPageSourceError  code)
{
  SbSignIn *sign_in = sb_sign_in_new (f->profile, SB_PAGE_SOURCE (f->page));
  g_autoptr(GError) error = g_error_new_literal (SB_PAGE_SOURCE_ERROR, code, "The page said no.");

  sb_sign_in_start (sign_in);
  sb_page_source_emit_failed (SB_PAGE_SOURCE (f->page), error);
  g_assert_cmpint (sb_sign_in_get_state (sign_in), ==, SB_SIGN_IN_STATE_FAILED);

  return sign_in;
}

/* The actions of the pill buttons shown under @widget, in order, the suggested one starred. */
static void
append_actions (GtkWidget *widget,
                GString   *actions)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "pill"))
    {
      g_string_append_printf (actions, "%s%s%s", actions->len > 0 ? " " : "",
                              gtk_widget_has_css_class (widget, "suggested-action") ? "*" : "",
                              gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    append_actions (child, actions);
}

static GtkLabel *
find_details (GtkWidget *widget)
{
  if (GTK_IS_EXPANDER (widget))
    return GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_details (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* @sign_in failed with @code; its error page offers @actions, and its details are sentences. */
static void
assert_error_page (Fixture       *f,
                   SbErrorPage   *page,
                   SbSignIn      *sign_in,
                   int            code,
                   const char    *actions)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  const char *details;

  g_test_message ("%s", actions);
  g_assert_error ((GError *) sb_sign_in_get_error (sign_in), SB_SIGN_IN_ERROR, code);
  sb_error_page_show (page, sign_in);
  sb_test_iterate ();

  append_actions (GTK_WIDGET (page), shown);
  g_assert_cmpstr (shown->str, ==, actions);

  details = gtk_label_get_text (find_details (GTK_WIDGET (page)));
  g_test_message ("%s", details);
  g_assert_null (strstr (details, "quark"));
  g_assert_null (strstr (details, "Error: "));
  g_assert_nonnull (strstr (details, "What happened: "));
  g_assert_nonnull (strstr (details, (sb_sign_in_get_cause (sign_in) ? sb_sign_in_get_cause (sign_in)
                                                                     : sb_sign_in_get_error (sign_in))->message));
}

/* Each failure offers its way out besides trying again; the remedy is the suggested button. */
static void
test_error_actions (Fixture       *f,
                    gconstpointer  data)
{
  SbErrorPage *page = g_object_new (SB_TYPE_ERROR_PAGE, NULL);
  g_autoptr(SbSignIn) cancelled = sb_sign_in_new (f->profile, SB_PAGE_SOURCE (f->page));
  g_autoptr(SbSignIn) unavailable = sign_in_page_failed (f, SB_PAGE_SOURCE_ERROR_LOAD);
  g_autoptr(SbSignIn) not_secure = sign_in_page_failed (f, SB_PAGE_SOURCE_ERROR_TLS);
  g_autoptr(SbSignIn) stopped = sign_in_page_failed (f, SB_PAGE_SOURCE_ERROR_CRASHED);
  g_autoptr(SbSignIn) not_captured = sign_in_page_failed (f, SB_PAGE_SOURCE_ERROR_UNCONFIRMED);
  g_autoptr(SbSignIn) known_platform = run_sign_in (f, "acs-origin=https://eu1.anypoint.mulesoft.com");
  g_autoptr(SbSignIn) other_platform = run_sign_in (f, "acs-origin=https://elsewhere.example");
  g_autoptr(SbSignIn) sp_initiated = run_sign_in (f, "in-response-to=1");
  g_autoptr(SbSignIn) idp_refused = sign_in_refused (f, "No.");
  g_autoptr(SbSignIn) refused = run_sign_in (f, "acs=401");
  g_autoptr(SbSignIn) server_error = run_sign_in (f, "acs=502");
  g_autoptr(SbSignIn) unreachable = NULL;
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", sb_test_closed_port ());
  g_autofree char *closed_query = g_strconcat ("acs-origin=", closed, NULL);

  sb_sign_in_start (cancelled);
  sb_sign_in_cancel (cancelled);

  show (f, GTK_WIDGET (page));
  assert_error_page (f, page, cancelled, SB_SIGN_IN_ERROR_CANCELLED, "*win.retry");
  g_assert_true (shows_text (GTK_WIDGET (page), "Sign In Again"));
  assert_error_page (f, page, unavailable, SB_SIGN_IN_ERROR_PAGE_UNAVAILABLE, "*win.retry win.change-address app.preferences");
  g_assert_true (shows_text (GTK_WIDGET (page), "Try Again"));
  assert_error_page (f, page, not_secure, SB_SIGN_IN_ERROR_NOT_SECURE, "*win.retry app.preferences");
  assert_error_page (f, page, stopped, SB_SIGN_IN_ERROR_PAGE_STOPPED, "*win.retry");
  assert_error_page (f, page, not_captured, SB_SIGN_IN_ERROR_NOT_CAPTURED, "*win.retry win.change-address");
  assert_error_page (f, page, known_platform, SB_SIGN_IN_ERROR_WRONG_PLATFORM,
                     "*win.switch-platform win.retry win.change-address");
  g_assert_true (shows_text (GTK_WIDGET (page), "Use eu1.anypoint.mulesoft.com"));
  assert_error_page (f, page, other_platform, SB_SIGN_IN_ERROR_WRONG_PLATFORM, "*win.retry win.change-address");
  assert_error_page (f, page, sp_initiated, SB_SIGN_IN_ERROR_SP_INITIATED, "*win.change-address win.retry");
  assert_error_page (f, page, idp_refused, SB_SIGN_IN_ERROR_IDP_REFUSED, "*win.retry");
  assert_error_page (f, page, refused, SB_SIGN_IN_ERROR_REFUSED, "*win.retry");
  g_assert_nonnull (strstr (gtk_label_get_text (find_details (GTK_WIDGET (page))), "HTTP status: 401\n"));
  assert_error_page (f, page, server_error, SB_SIGN_IN_ERROR_NO_TOKEN, "*win.retry");
  g_assert_nonnull (strstr (gtk_label_get_text (find_details (GTK_WIDGET (page))), "HTTP status: 502\n"));

  /* Last: the sign-ins share the profile, and the others' details show its platform. */
  sb_profile_set_platform_url (f->profile, closed);
  unreachable = run_sign_in (f, closed_query);
  assert_error_page (f, page, unreachable, SB_SIGN_IN_ERROR_UNREACHABLE, "*win.retry app.preferences");
}

/* Whether an entry under @widget holds @text. */
static gboolean
shows_entry_text (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_EDITABLE (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_entry_text (child, text))
      return TRUE;

  return FALSE;
}

/* Change Sign-In Address… opens the setup page, filled with the profile. */
static void
test_window_change_address (Fixture       *f,
                            gconstpointer  data)
{
  SbWindow *window = sb_window_new (NULL, NULL);

  g_clear_pointer (&f->window, gtk_window_destroy);
  f->window = GTK_WINDOW (window);
  sb_window_set_profile (window, f->profile);
  gtk_window_present (f->window);
  sb_test_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-address", NULL));
  sb_test_iterate ();
  g_assert_cmpint (_sb_window_get_page (window), ==, SB_WINDOW_PAGE_SETUP);
  g_assert_true (shows_entry_text (GTK_WIDGET (window), sb_mock_get_idp_url (f->mock)));
}

/* Toasts are markup to libadwaita; the window's toasts take plain text. A window per
 * toast: a second one would wait for the first to go before it is shown. */
static void
test_window_toast (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      g_autofree char *text = g_strdup_printf ("Could not check the token: %s", markups[i]);
      SbWindow *window = sb_window_new (NULL, NULL);

      g_test_message ("Toast %u", i);
      g_clear_pointer (&f->window, gtk_window_destroy);
      f->window = GTK_WINDOW (window);
      gtk_window_present (f->window);
      sb_test_iterate ();

      _sb_window_show_toast (window, text);
      sb_test_iterate ();
      g_assert_true (shows_text (GTK_WIDGET (window), text));
    }
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
  g_autofree char *home = sb_test_use_private_home ("pages");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* A markup parse failure is a warning: here it fails the test even outside meson. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  add ("/pages/error/status-message", test_error_status_message);
  add ("/pages/error/platform-button", test_error_platform_button);
  add ("/pages/error/actions", test_error_actions);
  add ("/pages/result/warning-rows", test_result_warning_rows);
  add ("/pages/result/who-error", test_result_who_error);
  add ("/pages/result/groups-and-keyring", test_result_groups_and_keyring);
  add ("/pages/assertion-window/status-message", test_assertion_window);
  add ("/pages/window/toast", test_window_toast);
  add ("/pages/window/change-address", test_window_change_address);

  status = g_test_run ();
  sb_test_remove_tree (home);

  return status;
}
