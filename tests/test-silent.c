/* A window started out of sight, as --print starts it for a profile that remembers its
 * IdP sign-in: with the IdP's session it signs in and is never shown; when the IdP shows
 * its form, or a page that waits without handing over a response, it shows itself.
 *
 * Against gnome-keyring-daemon on the test's own bus (gui-test-wrapper --keyring), the
 * mock IdP and platform and a real login view. */
#define G_LOG_DOMAIN "test-silent"

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-mock.h"
#include "sb-test-utils.h"
#include "sb-test-window.h"

static GtkApplication *application;

typedef struct {
  SbMock *mock;
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
  g_clear_object (&f->mock);
  sb_test_iterate ();
}

static void
on_map (GtkWidget *widget,
        gboolean  *mapped)
{
  *mapped = TRUE;
}

/* With a remembered IdP session, a silent window signs in and is never shown. */
static void
test_silent_remembered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  SbWindow *window;
  gboolean mapped = FALSE;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", NULL, TRUE);
  sb_test_window_close (sb_test_window_sign_in_with_form (application, profile));
  g_assert_cmpint (sb_test_mock_stat (f->mock, "session_sign_ins"), ==, 0);

  /* As --print --fresh does it: the caller leaves the window unpresented. */
  window = sb_test_window_new (application, profile);
  g_signal_connect (window, "map", G_CALLBACK (on_map), &mapped);
  sb_window_set_delivery (window, SB_DELIVERY_PRINT);
  sb_window_set_silent (window, TRUE);
  sb_window_set_fresh (window, TRUE);
  sb_window_begin (window);
  sb_test_window_wait_done (window);
  sb_test_run_for (200);

  g_assert_false (mapped);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 2);
  g_assert_cmpint (sb_test_mock_stat (f->mock, "session_sign_ins"), ==, 1);
}

/* No remembered session: the IdP shows its form, and the silent window shows itself with it. */
static void
test_silent_shows_form (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  SbWindow *window;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", NULL, TRUE);
  window = sb_test_window_new (application, profile);
  sb_window_set_delivery (window, SB_DELIVERY_PRINT);
  sb_window_set_silent (window, TRUE);
  sb_window_begin (window);

  g_assert_true (sb_test_wait_for (sb_test_is_mapped, window, 30));
  g_assert_cmpint (_sb_window_get_page (window), ==, SB_WINDOW_PAGE_SIGN_IN);
  g_assert_cmpint (sb_test_window_state (window), ==, SB_SIGN_IN_STATE_WAITING);

  /* The person signs in there. */
  sb_test_window_fill_in_form (window);
  sb_test_window_wait_done (window);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 1);
}

/* A page with nothing to type in that does not post by itself (a Continue button) waits
 * for the person too: the silent window shows itself after a few seconds. */
static void
test_silent_shows_still_page (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SbProfile) profile = NULL;
  SbWindow *window;

  if (!sb_test_require_keyring ())
    return;

  profile = sb_test_add_profile (f->mock, "Work", "login=0&style=button", TRUE);
  window = sb_test_window_new (application, profile);
  sb_window_set_delivery (window, SB_DELIVERY_PRINT);
  sb_window_set_silent (window, TRUE);
  sb_window_begin (window);

  g_assert_true (sb_test_wait_for (sb_test_is_mapped, window, 30));
  g_assert_cmpint (_sb_window_get_page (window), ==, SB_WINDOW_PAGE_SIGN_IN);
  g_assert_cmpuint (sb_mock_get_exchange_count (f->mock), ==, 0);
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
  g_autofree char *home = sb_test_use_private_home ("silent");
  g_autoptr(GError) error = NULL;
  int status;

  application = GTK_APPLICATION (sb_application_new ());
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add ("/silent/remembered", test_silent_remembered);
  add ("/silent/shows-form", test_silent_shows_form);
  add ("/silent/shows-still-page", test_silent_shows_still_page);

  status = g_test_run ();
  g_clear_object (&application);
  sb_test_remove_tree (home);

  return status;
}
