/* The window and the keyring: a kept token is shown with no sign-in page, Renew gets a
 * new one, a token about to expire is renewed out of sight or, when it cannot be, a
 * notification warns with a Sign In button. The business group picked on the result
 * page goes into "Copy As" and the profile; Preferences turn keeping tokens off.
 *
 * Against gnome-keyring-daemon on the test's own bus (gui-test-wrapper --keyring), the
 * mock IdP and platform, a real login view, and a stand-in for the desktop's notification
 * server on the test's bus; /renewal/no-keyring/ on a bus with no Secret Service. */
#define G_LOG_DOMAIN "test-renewal"

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-mock.h"
#include "sb-preferences.h"
#include "sb-profile-store.h"
#include "sb-secret.h"
#include "sb-test-notifications.h"
#include "sb-test-utils.h"
#include "sb-test-window.h"
#include "sb-token-cache.h"

#include <string.h>

static GtkApplication *application;

typedef struct {
  SbMock              *mock;
  SbTestNotifications  notifications;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = sb_mock_new (&error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_window_clean_up ();
  sb_test_notifications_stop (&f->notifications);
  g_clear_object (&f->mock);
  sb_test_iterate ();
}

static SbSignIn *shown_sign_in;

/* Whether @data's sign-in is another than shown_sign_in: a button press takes a moment. */
static gboolean
is_other_sign_in (gpointer data)
{
  return sb_window_get_sign_in (data) != shown_sign_in;
}

/* A kept token is shown at once: no sign-in page, no exchange, and the page says where it came from. */
static void
test_cached_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  SbWindow *first;
  SbWindow *second;
  g_autofree char *first_hash = NULL;
  g_autofree char *second_hash = NULL;
  guint page_requests;
  gboolean saw_sign_in_page = FALSE;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", "login=0", FALSE);
  first = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (first));
  sb_window_begin (first);
  sb_test_window_wait_done (first);
  sb_test_assert_shows (first, "Kept in the Keyring");
  first_hash = sb_test_window_dup_token_hash (first);
  sb_test_window_close (first);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
  page_requests = sb_mock_get_page_request_count (f->mock);

  second = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (second));
  sb_window_begin (second);
  saw_sign_in_page = _sb_window_get_page (second) == SB_WINDOW_PAGE_SIGN_IN;
  sb_test_window_wait_done (second);
  g_assert_false (saw_sign_in_page);

  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
  g_assert_cmpuint (sb_mock_get_page_request_count (f->mock), ==, page_requests);
  g_assert_true (sb_token_get_cached (sb_sign_in_get_token (sb_window_get_sign_in (second))));
  second_hash = sb_test_window_dup_token_hash (second);
  g_assert_cmpstr (first_hash, ==, second_hash);
  sb_test_assert_shows (second, "Reused from the Keyring");
  sb_test_assert_shows (second, "Signed in less than a minute ago");
  sb_test_assert_shows (second, "(estimated)");
}

/* Renew gets a new token though the kept one is valid, and keeps it. */
static void
test_renew (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbToken) kept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last = NULL;
  GtkWidget *renew;
  SbWindow *window;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", "login=0", FALSE);
  window = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_wait_done (window);
  before = sb_test_window_dup_token_hash (window);
  shown_sign_in = sb_window_get_sign_in (window);

  renew = sb_test_find_button (GTK_WIDGET (window->result_page), "win.renew");
  g_assert_nonnull (renew);
  g_assert_true (gtk_widget_is_drawable (renew));
  gtk_widget_activate (renew);
  g_assert_true (sb_test_wait_for (is_other_sign_in, window, 5));
  sb_test_window_wait_done (window);

  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 2);
  after = sb_test_window_dup_token_hash (window);
  last = sb_mock_dup_last_token_hash (f->mock);
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpstr (after, ==, last);
  g_assert_false (sb_token_get_cached (sb_sign_in_get_token (sb_window_get_sign_in (window))));

  kept = sb_test_look_up (profile);
  g_assert_nonnull (kept);
  g_assert_true (g_str_equal (sb_token_get_access_token (kept),
                              sb_token_get_access_token (sb_sign_in_get_token (sb_window_get_sign_in (window)))));
}

static void
on_visible_page (GtkStack   *stack,
                 GParamSpec *pspec,
                 gboolean   *left)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "result") != 0)
    *left = TRUE;
}

static gboolean
is_renewed (gpointer data)
{
  SbWindow *window = data;
  SbSignIn *sign_in = sb_window_get_sign_in (window);

  return sign_in != NULL && sb_sign_in_get_state (sign_in) == SB_SIGN_IN_STATE_DONE &&
         !sb_token_get_cached (sb_sign_in_get_token (sign_in));
}

/* A kept token about to expire, of a profile that remembers its IdP session, is renewed
 * in the window out of sight: the result page stays, the focus too. */
static void
test_renews_by_itself (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *last = NULL;
  SbWindow *window;
  GtkWidget *focus;
  gboolean left_result = FALSE;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", NULL, TRUE);
  sb_test_window_close (sb_test_window_sign_in_with_form (application, profile));
  sb_test_age_kept_token (profile, 57);

  window = sb_test_window_new (application, profile);
  sb_window_set_min_valid (window, 1);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  g_assert_true (sb_test_wait_for (sb_test_window_is_over, window, 30));
  g_assert_true (sb_token_get_cached (sb_sign_in_get_token (sb_window_get_sign_in (window))));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_signal_connect (window->stack, "notify::visible-child", G_CALLBACK (on_visible_page), &left_result);

  g_assert_true (sb_test_wait_for (is_renewed, window, 30));
  g_assert_false (left_result);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == focus);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 2);
  g_assert_cmpint (sb_test_mock_stat (f->mock, "session_sign_ins"), ==, 1);
  renewed = sb_test_window_dup_token_hash (window);
  last = sb_mock_dup_last_token_hash (f->mock);
  g_assert_cmpstr (renewed, ==, last);
  sb_test_assert_shows (window, "Token renewed");
  sb_test_assert_shows (window, "Renews by itself before then");
  g_assert_cmpuint (f->notifications.shown_id, ==, 0);
}

/* The window shows @profile's kept token, aged to expire in 3 minutes. */
static void
show_expiring (Fixture   *f,
               SbWindow  *window,
               SbProfile *profile)
{
  sb_test_age_kept_token (profile, 57);
  sb_window_set_min_valid (window, 1);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_wait_done (window);
  g_assert_true (sb_token_get_cached (sb_sign_in_get_token (sb_window_get_sign_in (window))));
}

static void
assert_warned (Fixture   *f,
               SbProfile *profile)
{
  g_autofree char *target = g_strdup_printf ("app.sign-in('%s')", sb_profile_get_id (profile));

  g_assert_true (sb_test_wait_for_pointer (&f->notifications.summary, 10));
  g_assert_cmpstr (f->notifications.summary, ==, "Token Expires Soon");
  g_assert_nonnull (strstr (f->notifications.body, "The token of Work expires at about "));
  g_assert_true (g_strv_contains ((const char * const *) f->notifications.actions, target));
  g_assert_true (g_strv_contains ((const char * const *) f->notifications.actions, "Sign In"));
}

/* A kept token about to expire that cannot be renewed out of sight: a notification warns,
 * and goes when the token is renewed; its Sign In signs in again in the window. */
static void
test_notification (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  SbWindow *window;

  if (!sb_test_require_keyring ())
    return;

  sb_test_notifications_start (&f->notifications);
  profile = sb_test_add_profile (f->mock, "Work", "login=0", FALSE);
  window = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_wait_done (window);
  g_assert_cmpuint (f->notifications.shown_id, ==, 0);
  sb_test_window_close (window);

  window = sb_test_window_new (application, profile);
  show_expiring (f, window, profile);
  assert_warned (f, profile);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);

  /* Renewed in the window: the warning is withdrawn. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.renew", NULL));
  g_assert_true (sb_test_wait_for (is_renewed, window, 30));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 2);
  g_assert_true (sb_test_wait_for (sb_test_notifications_is_closed, &f->notifications, 5));

  /* Warned again, the person presses Sign In on the notification. */
  g_clear_pointer (&f->notifications.summary, g_free);
  show_expiring (f, window, profile);
  assert_warned (f, profile);
  sb_test_notifications_click (&f->notifications, "Sign In");
  g_assert_true (sb_test_wait_for (is_renewed, window, 30));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 3);
}

/* A renewal out of sight that meets the IdP's form gives up: the result page stays and
 * says so, and the notification warns. */
static void
test_renewal_gives_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autofree char *form_url = NULL;
  SbWindow *window;
  gboolean left_result = FALSE;

  if (!sb_test_require_keyring ())
    return;

  sb_test_notifications_start (&f->notifications);
  profile = sb_test_add_profile (f->mock, "Work", "login=0", TRUE);
  window = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_wait_done (window);
  sb_test_window_close (window);

  /* The IdP forgot the person: it shows its form again. */
  form_url = sb_mock_dup_sso_url (f->mock, NULL);
  sb_profile_set_idp_url (profile, form_url);

  window = sb_test_window_new (application, profile);
  show_expiring (f, window, profile);
  g_signal_connect (window->stack, "notify::visible-child", G_CALLBACK (on_visible_page), &left_result);
  assert_warned (f, profile);
  sb_test_assert_shows (window, "Could not renew it by itself: your identity provider asks you to sign in.");
  g_assert_false (left_result);
  g_assert_cmpint (_sb_window_get_page (window), ==, SB_WINDOW_PAGE_RESULT);
  g_assert_true (sb_token_get_cached (sb_sign_in_get_token (sb_window_get_sign_in (window))));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
}

typedef struct {
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static char *
read_clipboard (SbWindow *window)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, read_text_cb, &read);
  g_assert_true (sb_test_wait_for_flag (&read.done, 5));

  return read.text;
}

static guint
find_item (GListModel *model,
           const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        return i;
    }

  g_error ("No item “%s”", text);
}

/* The business group picked goes into Copy As > Anypoint CLI Command and is kept for the profile. */
static void
test_business_group (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbProfile) saved = NULL;
  g_autoptr(SbSecret) before = NULL;
  g_autoptr(SbSecret) after = NULL;
  AdwComboRow *groups;
  SbWindow *window;

  profile = sb_test_add_profile (f->mock, "Work", "login=0", FALSE);
  sb_profile_set_keep_tokens (profile, FALSE);
  window = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_wait_done (window);

  groups = ADW_COMBO_ROW (sb_test_find_row (GTK_WIDGET (window->result_page), ADW_TYPE_COMBO_ROW, "_Business Group"));
  g_assert_nonnull (groups);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (groups)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (groups)), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (groups), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (groups)), ==, "Analytical Engines");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-as", "s", "cli"));
  before = read_clipboard (window);
  g_assert_null (strstr (before, "--organization"));

  adw_combo_row_set_selected (groups, find_item (adw_combo_row_get_model (groups), "Production"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-as", "s", "cli"));
  after = read_clipboard (window);
  g_assert_nonnull (strstr (after, "--organization '" SB_MOCK_PRODUCTION_GROUP_ID "'"));

  /* Kept for the profile, and picked again at its next sign-in. */
  g_assert_cmpstr (sb_profile_get_organization_id (profile), ==, SB_MOCK_PRODUCTION_GROUP_ID);
  saved = sb_profile_load (sb_profile_get_id (profile));
  g_assert_cmpstr (sb_profile_get_organization_id (saved), ==, SB_MOCK_PRODUCTION_GROUP_ID);
  sb_test_window_close (window);

  window = sb_test_window_new (application, profile);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_wait_done (window);
  groups = ADW_COMBO_ROW (sb_test_find_row (GTK_WIDGET (window->result_page), ADW_TYPE_COMBO_ROW, "_Business Group"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (groups)), ==, "Production");
}

/* "Keep Tokens in the Keyring" off in Preferences: nothing kept, so the next window signs in again. */
static void
test_keep_tokens_off (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbProfile) saved = NULL;
  g_autoptr(SbToken) kept = NULL;
  GtkWindow *preferences;
  GtkWidget *row;
  SbWindow *window;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", "login=0", FALSE);
  preferences = sb_preferences_new (NULL);
  sb_preferences_show_profiles (SB_PREFERENCES (preferences));
  gtk_window_present (preferences);
  sb_test_iterate ();

  row = sb_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Keep _Tokens in the Keyring");
  g_assert_nonnull (row);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)))));
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), FALSE);
  g_assert_false (sb_profile_get_keep_tokens (profile));
  saved = sb_profile_load (sb_profile_get_id (profile));
  g_assert_false (sb_profile_get_keep_tokens (saved));
  gtk_window_destroy (preferences);

  for (guint i = 1; i <= 2; i++)
    {
      window = sb_test_window_new (application, profile);
      gtk_window_present (GTK_WINDOW (window));
      sb_window_begin (window);
      sb_test_window_wait_done (window);
      g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, i);
      g_assert_false (sb_test_shows_text (GTK_WIDGET (window), "Keyring"));
      sb_test_window_close (window);
    }

  kept = sb_test_look_up (profile);
  g_assert_null (kept);
}

/* With no keyring, the first result says so once; tokens are not kept. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  SbWindow *window;

  if (!sb_test_require_no_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", "login=0", FALSE);
  for (guint i = 1; i <= 2; i++)
    {
      window = sb_test_window_new (application, profile);
      gtk_window_present (GTK_WINDOW (window));
      sb_window_begin (window);
      sb_test_window_wait_done (window);
      g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, i);
      if (i == 1)
        {
          sb_test_assert_shows (window, "Not Kept in the Keyring");
          sb_test_assert_shows (window, "No keyring is running in this session");
        }
      else
        {
          g_assert_false (sb_test_shows_text (GTK_WIDGET (window), "Keyring"));
        }
      sb_test_window_close (window);
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
  g_autofree char *home = sb_test_use_private_home ("renewal");
  g_autoptr(GError) error = NULL;
  int status;

  /* Notifications go over D-Bus to the stand-in server, as on a desktop without a portal. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);

  application = GTK_APPLICATION (sb_application_new ());
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add ("/renewal/cached-token", test_cached_token);
  add ("/renewal/renew", test_renew);
  add ("/renewal/renews-by-itself", test_renews_by_itself);
  add ("/renewal/notification", test_notification);
  add ("/renewal/gives-up", test_renewal_gives_up);
  add ("/renewal/business-group", test_business_group);
  add ("/renewal/keep-tokens-off", test_keep_tokens_off);
  add ("/renewal/no-keyring/told-once", test_no_keyring);

  status = g_test_run ();
  g_clear_object (&application);
  sb_test_remove_tree (home);

  return status;
}
