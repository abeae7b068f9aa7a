/* Keyboard focus and narrow windows: Tab goes round every page of the window and
 * its header bar and comes back, and a window 360 px wide stays 360 px wide. */
#define G_LOG_DOMAIN "test-focus"

#include "config.h"

#include <adwaita.h>

#include "sb-mock.h"
#include "sb-profile.h"
#include "sb-test-utils.h"
#include "sb-window-private.h"

#define NARROW_WIDTH 360
#define MAX_TAB_STOPS 40

/* A host as long as real IdPs' can be: only its end, the registrable domain, must show. */
#define LONG_HOST "sso-eu-west-1.identity.login.corporate-subsidiary.example.okta.com"

typedef struct {
  SbMock    *mock;
  SbProfile *profile;
  SbWindow  *window;
} Fixture;

typedef struct {
  SbWindow     *window;
  SbWindowPage  page;
} PageWait;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->mock = sb_mock_new (&error);
  g_assert_no_error (error);
  f->profile = sb_profile_new (NULL);
  sb_profile_set_platform_url (f->profile, sb_mock_get_platform_url (f->mock));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_clear_object (&f->profile);
  g_clear_object (&f->mock);

  sb_test_iterate ();
}

static gboolean
shows_page (gpointer data)
{
  PageWait *wait = data;
  SbSignIn *sign_in = sb_window_get_sign_in (wait->window);

  /* The working page is shown while the keyring is looked in, too: wait for the exchange. */
  if (wait->page == SB_WINDOW_PAGE_WORKING &&
      (sign_in == NULL || sb_sign_in_get_state (sign_in) != SB_SIGN_IN_STATE_EXCHANGING))
    return FALSE;

  return _sb_window_get_page (wait->window) == wait->page;
}

static void
wait_for_page (SbWindow     *window,
               SbWindowPage  page)
{
  PageWait wait = { window, page };

  g_assert_true (sb_test_wait_for (shows_page, &wait, 30));
  /* Let the page's widgets be mapped and allocated before anyone looks at them. */
  sb_test_run_for (300);
}

/* A window on @page: the setup page without a profile, the others from a real sign-in
 * at the mock IdP that posts its answer at once (@query says how it ends). */
static SbWindow *
open_window (Fixture      *f,
             const char   *query,
             SbWindowPage  page,
             int           width)
{
  SbWindow *window = sb_window_new (NULL, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 600);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate ();

  if (query != NULL)
    {
      g_autofree char *idp_url = sb_mock_dup_sso_url (f->mock, query);

      sb_profile_set_idp_url (f->profile, idp_url);
      sb_window_set_profile (window, f->profile);
      sb_window_set_delivery (window, SB_DELIVERY_SHOW);
      sb_window_set_timeout (window, 60);
    }

  sb_window_begin (window);
  wait_for_page (window, page);

  return window;
}

static GtkWidget *
visible_page (SbWindow *window)
{
  return gtk_stack_get_visible_child (window->stack);
}

static GtkWidget *
header_bar (SbWindow *window)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (window->title_stack), ADW_TYPE_HEADER_BAR);
}

/* What a person can operate, and so where Tab must stop. */
static gboolean
is_interactive (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) || !gtk_widget_get_focusable (widget))
    return FALSE;

  /* Window controls are for the pointer: GTK keeps them out of the focus chain. */
  for (GtkWidget *ancestor = widget; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
    if (!gtk_widget_get_can_focus (ancestor))
      return FALSE;

  if (GTK_IS_LIST_BOX_ROW (widget))
    return ADW_IS_COMBO_ROW (widget) ||
           (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)) != NULL);

  return GTK_IS_BUTTON (widget) || GTK_IS_TEXT (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_RANGE (widget);
}

static void
collect_interactive (GtkWidget *widget,
                     GPtrArray *found)
{
  if (is_interactive (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_interactive (child, found);
}

static char *
describe (GtkWidget *widget)
{
  GtkWidget *labelled = widget;
  const char *text = NULL;

  if (widget == NULL)
    return g_strdup ("(nothing)");

  /* A menu button takes focus on its inner button: name it after the menu button. */
  if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    labelled = gtk_widget_get_parent (widget);

  if (GTK_IS_BUTTON (labelled) && gtk_button_get_label (GTK_BUTTON (labelled)) != NULL)
    text = gtk_button_get_label (GTK_BUTTON (labelled));
  else if (GTK_IS_MENU_BUTTON (labelled) && gtk_menu_button_get_label (GTK_MENU_BUTTON (labelled)) != NULL)
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (labelled));
  else if (GTK_IS_LABEL (labelled))
    text = gtk_label_get_text (GTK_LABEL (labelled));
  else if (gtk_widget_get_tooltip_text (labelled) != NULL)
    text = gtk_widget_get_tooltip_text (labelled);
  else if (ADW_IS_PREFERENCES_ROW (labelled))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (labelled));
  else if (gtk_widget_get_ancestor (labelled, ADW_TYPE_PREFERENCES_ROW) != NULL)
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (labelled, ADW_TYPE_PREFERENCES_ROW)));
  else if (GTK_IS_BUTTON (labelled) && gtk_button_get_icon_name (GTK_BUTTON (labelled)) != NULL)
    text = gtk_button_get_icon_name (GTK_BUTTON (labelled));

  return g_strdup_printf ("%s \"%s\" in %s/%s", G_OBJECT_TYPE_NAME (labelled), text != NULL ? text : "",
                          G_OBJECT_TYPE_NAME (gtk_widget_get_parent (labelled)), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (labelled))));
}

/* Presses Tab until the focus is back where it started: every widget a person can
 * operate on the page and in the header bar is on the way, none twice, and Tab
 * never stays put. */
static void
assert_tab_cycle (SbWindow *window)
{
  GtkWidget *page = visible_page (window);
  GtkWidget *header = header_bar (window);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  GtkWidget *start;
  GtkWidget *focus;
  guint stops = 0;

  collect_interactive (header, expected);
  collect_interactive (page, expected);
  g_assert_cmpuint (expected->len, >, 2);

  if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
    {
      g_test_fail_printf ("Tab finds nothing to focus on this page");
      return;
    }
  start = gtk_window_get_focus (GTK_WINDOW (window));
  focus = start;

  do
    {
      g_autofree char *name = describe (focus);
      GtkWidget *previous = focus;

      g_string_append_printf (path, "%s%s", path->len > 0 ? " > " : "", name);
      if (focus == NULL || !(gtk_widget_is_ancestor (focus, page) || gtk_widget_is_ancestor (focus, header)))
        {
          g_test_fail_printf ("Tab went to %s, outside the page and its header bar: %s", name, path->str);
          return;
        }
      if (g_hash_table_contains (visited, focus))
        {
          g_test_fail_printf ("Tab came back to %s before the start: %s", name, path->str);
          return;
        }
      g_hash_table_add (visited, focus);

      /* GtkWindow goes round at the end of the chain: Tab always finds something. */
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          g_test_fail_printf ("Tab finds nothing to focus after %s: %s", name, path->str);
          return;
        }
      focus = gtk_window_get_focus (GTK_WINDOW (window));

      if (focus == previous)
        {
          g_test_fail_printf ("Tab stays on %s: %s", name, path->str);
          return;
        }
      if (++stops > MAX_TAB_STOPS)
        {
          g_test_fail_printf ("Tab did not come back to the start in %d stops: %s", MAX_TAB_STOPS, path->str);
          return;
        }
    }
  while (focus != start);

  g_test_message ("Tab goes round: %s", path->str);

  for (guint i = 0; i < expected->len; i++)
    if (!g_hash_table_contains (visited, expected->pdata[i]))
      {
        g_autofree char *name = describe (expected->pdata[i]);

        g_test_fail_printf ("Tab never reaches %s; it goes: %s", name, path->str);
        return;
      }
}

static void
test_focus_setup (Fixture       *f,
                  gconstpointer  data)
{
  f->window = open_window (f, NULL, SB_WINDOW_PAGE_SETUP, 600);
  assert_tab_cycle (f->window);
}

static void
test_focus_working (Fixture       *f,
                    gconstpointer  data)
{
  f->window = open_window (f, "login=0&acs=slow", SB_WINDOW_PAGE_WORKING, 600);
  assert_tab_cycle (f->window);
}

static void
test_focus_result (Fixture       *f,
                   gconstpointer  data)
{
  f->window = open_window (f, "login=0", SB_WINDOW_PAGE_RESULT, 600);
  assert_tab_cycle (f->window);
}

static void
test_focus_error (Fixture       *f,
                  gconstpointer  data)
{
  f->window = open_window (f, "login=0&status=AuthnFailed", SB_WINDOW_PAGE_ERROR, 600);
  assert_tab_cycle (f->window);
}

/* The window's width as GTK keeps it (and the window saves it): the default size
 * follows every resize, the window's own growing included. */
static int
window_width (SbWindow *window)
{
  int width = 0;
  int height = 0;

  /* Two frames: a window that grows does so at the next layout. */
  sb_test_run_for (200);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);

  return width;
}

static void
assert_narrow (SbWindow   *window,
               const char *where)
{
  int minimum = 0;
  int width;

  width = window_width (window);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s: the window is %d px wide and needs %d px; its content is %d px wide",
                  where, width, minimum, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (minimum, <=, NARROW_WIDTH);
  g_assert_cmpint (width, ==, NARROW_WIDTH);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, NARROW_WIDTH);
}

/* The host of the sign-in page is shortened at its start, never pushing the window wider. */
static void
assert_host_fits (SbWindow *window)
{
  GtkLabel *host_label = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int domain_width = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window->page_title));
       child != NULL && host_label == NULL;
       child = gtk_widget_get_next_sibling (child))
    for (GtkWidget *grandchild = gtk_widget_get_first_child (child); grandchild != NULL;
         grandchild = gtk_widget_get_next_sibling (grandchild))
      if (GTK_IS_LABEL (grandchild))
        host_label = GTK_LABEL (grandchild);

  g_assert_nonnull (host_label);
  sb_page_title_set_host (window->page_title, LONG_HOST);
  g_assert_cmpint (gtk_label_get_ellipsize (host_label), ==, PANGO_ELLIPSIZE_START);
  assert_narrow (window, "the sign-in page, with a long host");

  /* Shortened at its start, the host still shows its registrable domain whole. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (host_label), "…okta.com");
  pango_layout_get_pixel_size (layout, &domain_width, NULL);
  g_test_message ("the host label is %d px wide; “…okta.com” takes %d px",
                  gtk_widget_get_width (GTK_WIDGET (host_label)), domain_width);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (host_label)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (host_label)), >=, domain_width);
}

/* The page's own toggle button, not the one inside a menu button. */
static GtkToggleButton *
find_reveal_button (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    return GTK_TOGGLE_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_reveal_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
on_sign_in (SbWindow   *window,
            GParamSpec *pspec,
            gboolean   *started)
{
  *started = sb_window_get_sign_in (window) != NULL;
}

/* Sign In Again at 360 px: the result page, the sign-in page (with the longest host)
 * and the result page again all fit, and the window stays as wide as it was. */
static void
test_narrow_sign_in_again (Fixture       *f,
                           gconstpointer  data)
{
  gboolean started = FALSE;

  f->window = open_window (f, "login=0", SB_WINDOW_PAGE_RESULT, NARROW_WIDTH);
  assert_narrow (f->window, "the result page");

  /* A revealed token is long and has no spaces. */
  gtk_toggle_button_set_active (find_reveal_button (visible_page (f->window)), TRUE);
  assert_narrow (f->window, "the result page, with the token revealed");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy", NULL);
  assert_narrow (f->window, "the result page, with a toast");

  g_signal_connect (f->window, "notify::sign-in", G_CALLBACK (on_sign_in), &started);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-in-again", NULL));
  g_assert_true (started);
  g_assert_cmpint (_sb_window_get_page (f->window), ==, SB_WINDOW_PAGE_SIGN_IN);
  assert_host_fits (f->window);

  wait_for_page (f->window, SB_WINDOW_PAGE_RESULT);
  assert_narrow (f->window, "the result page after Sign In Again");
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
  g_autofree char *home = sb_test_use_private_home ("focus");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* GNOME's window buttons: Xvfb, with no desktop settings, would add two more. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  add ("/focus/working", test_focus_working);
  add ("/focus/result", test_focus_result);
  add ("/focus/setup", test_focus_setup);
  add ("/focus/error", test_focus_error);
  add ("/narrow/sign-in-again", test_narrow_sign_in_again);

  status = g_test_run ();
  sb_test_remove_tree (home);

  return status;
}
