/* The window's header and toasts: the profile menu follows the saved profiles and
 * marks the one in use, Edit Profiles opens their page, a new toast replaces the
 * one on screen, and setup names the profile it makes. */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-mock.h"
#include "sb-page-source.h"
#include "sb-preferences.h"
#include "sb-profile-store.h"
#include "sb-secret.h"
#include "sb-test-utils.h"
#include "sb-window-private.h"

#include <string.h>

static GtkApplication *application;

typedef struct {
  SbWindow *window;
  SbMock   *mock;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sb_profile_store_get_default ())), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  SbProfileStore *store = sb_profile_store_get_default ();
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SB_IS_PREFERENCES (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  g_clear_pointer ((GtkWindow **) &f->window, gtk_window_destroy);
  g_clear_object (&f->mock);
  sb_test_iterate ();

  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(SbProfile) profile = g_list_model_get_item (G_LIST_MODEL (store), 0);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      sb_profile_store_delete_async (store, profile, NULL, sb_test_on_result, &result);
      g_assert_true (sb_profile_store_delete_finish (store, sb_test_wait_for_result (&result), &error));
      g_assert_no_error (error);
    }
}

static SbProfile *
add_profile (const char *name)
{
  SbProfile *profile = sb_profile_new (NULL);

  sb_profile_set_name (profile, name);
  sb_profile_store_add (sb_profile_store_get_default (), profile);

  return profile;
}

static void
open_window (Fixture   *f,
             SbProfile *profile)
{
  f->window = sb_window_new (application, profile);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 600);
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_iterate ();
}

/* The labels of the profile menu's first section: the profiles. */
static GStrv
menu_labels (Fixture *f)
{
  GMenuModel *section = G_MENU_MODEL (f->window->profile_section);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_strv_builder_add (builder, label);
    }

  return g_strv_builder_end (builder);
}

/* The action of the item labelled @label anywhere in @menu, or NULL. */
static char *
menu_action (GMenuModel *menu,
             const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_label = NULL;
      char *action = NULL;

      if (section != NULL && (action = menu_action (section, label)) != NULL)
        return action;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_strcmp0 (item_label, label) == 0 &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        return action;
    }

  return NULL;
}

static GtkWidget *
find_model_button (GtkWidget  *widget,
                   const char *text)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") == 0)
    {
      g_autofree char *button_text = NULL;

      g_object_get (widget, "text", &button_text, NULL);
      if (g_strcmp0 (button_text, text) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_model_button (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the profile menu shows the item @text with a radio mark that is set. */
static gboolean
is_marked (Fixture    *f,
           const char *text)
{
  GtkPopover *popover = gtk_menu_button_get_popover (f->window->profile_button);
  GtkWidget *button = find_model_button (GTK_WIDGET (popover), text);
  gboolean active = FALSE;
  int role = 0;

  g_assert_nonnull (button);
  g_object_get (button, "active", &active, "role", &role, NULL);
  g_assert_cmpint (role, !=, 0);

  return active;
}

/* Renaming a profile, in Preferences or by a sign-in, renames its menu item. */
static void
test_menu_renamed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SbProfile) work = add_profile ("Work");
  g_autoptr(SbProfile) home = add_profile ("Home");
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  open_window (f, work);
  before = menu_labels (f);
  g_assert_cmpstrv (before, ((const char * const[]) { "Work", "Home", NULL }));

  sb_profile_set_name (work, "Acme_Prod");
  sb_test_iterate ();
  after = menu_labels (f);
  g_assert_cmpstrv (after, ((const char * const[]) { "Acme__Prod", "Home", NULL }));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (f->window->profile_button)), ==, "Acme_Prod");
}

/* The menu marks the window's profile, and follows a switch. */
static void
test_menu_marks_active (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SbProfile) work = add_profile ("Work");
  g_autoptr(SbProfile) home = add_profile ("Home");
  g_autofree char *id = NULL;

  open_window (f, work);
  sb_window_begin (f->window);
  gtk_menu_button_popup (f->window->profile_button);
  sb_test_iterate ();

  g_assert_true (is_marked (f, "Work"));
  g_assert_false (is_marked (f, "Home"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-profile", "s", sb_profile_get_id (home)));
  sb_test_iterate ();
  g_object_get (f->window, "profile-id", &id, NULL);
  g_assert_cmpstr (id, ==, sb_profile_get_id (home));
  g_assert_false (is_marked (f, "Work"));
  g_assert_true (is_marked (f, "Home"));

  /* A new profile is not one of the saved ones. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-profile", NULL);
  sb_test_iterate ();
  g_assert_false (is_marked (f, "Work"));
  g_assert_false (is_marked (f, "Home"));
  gtk_menu_button_popdown (f->window->profile_button);
}

static SbPreferences *
find_preferences (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  SbPreferences *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SB_IS_PREFERENCES (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* Edit Profiles… opens Preferences on the Profiles page, and is not Preferences'
 * shortcut in other words. */
static void
test_edit_profiles (Fixture       *f,
                    gconstpointer  data)
{
  GMenuModel *menu;
  g_autofree char *action = NULL;
  g_auto(GStrv) accels = NULL;
  g_auto(GStrv) preferences_accels = NULL;
  SbPreferences *preferences;
  AdwPreferencesPage *page;

  open_window (f, NULL);
  menu = gtk_menu_button_get_menu_model (f->window->profile_button);
  action = menu_action (menu, "_Edit Profiles…");
  g_assert_nonnull (action);

  accels = gtk_application_get_accels_for_action (application, action);
  preferences_accels = gtk_application_get_accels_for_action (application, "app.preferences");
  g_assert_cmpstrv (preferences_accels, ((const char * const[]) { "<Control>comma", NULL }));
  g_assert_false (g_strv_equal ((const char * const *) accels, (const char * const *) preferences_accels));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  sb_test_iterate ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences));
  g_assert_cmpstr (adw_preferences_page_get_title (page), ==, "Profiles");
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

typedef struct {
  GtkWidget  *window;
  const char *old_text;
  const char *new_text;
} Replacement;

static gboolean
is_replaced (gpointer data)
{
  Replacement *r = data;

  return shows_text (r->window, r->new_text) && !shows_text (r->window, r->old_text);
}

/* A toast waits behind none: the next is on screen long before the last timed out,
 * whether that one is still sliding in or has been up for a while. */
static void
test_toast_replaces (Fixture       *f,
                     gconstpointer  data)
{
  Replacement sliding_in = { NULL, "First", "Second" };
  Replacement shown = { NULL, "Second", "Third" };

  open_window (f, NULL);
  sliding_in.window = shown.window = GTK_WIDGET (f->window);

  _sb_window_show_toast (f->window, "First");
  sb_test_iterate ();
  g_assert_true (shows_text (GTK_WIDGET (f->window), "First"));

  _sb_window_show_toast (f->window, "Second");
  g_assert_true (sb_test_wait_for (is_replaced, &sliding_in, 2));

  sb_test_run_for (1000);
  _sb_window_show_toast (f->window, "Third");
  g_assert_true (sb_test_wait_for (is_replaced, &shown, 2));
  sb_test_run_for (1000);
  g_assert_true (shows_text (GTK_WIDGET (f->window), "Third"));
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A clipboard toast, the token's or another copy's, says it all on one line of a 360 px window. */
static void
assert_toast_fits (Fixture    *f,
                   gboolean    is_token,
                   const char *text)
{
  GtkLabel *label;
  PangoLayout *layout;

  _sb_window_copy_secret (f->window, "not-a-token", is_token);
  sb_test_run_for (500);

  label = find_label (GTK_WIDGET (f->window), text);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);
  layout = gtk_label_get_layout (label);
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
}

static void
test_toast_fits (Fixture       *f,
                 gconstpointer  data)
{
  open_window (f, NULL);
  assert_toast_fits (f, TRUE, "Token copied, cleared in 60 s");
  sb_test_run_for (1000);
  assert_toast_fits (f, FALSE, "Copied, cleared in 60 s");
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkEditable *
setup_entry (Fixture    *f,
             const char *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (f->window->setup_page), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static gboolean
is_done (gpointer data)
{
  Fixture *f = data;
  SbSignIn *sign_in = sb_window_get_sign_in (f->window);
  SbSignInState state = sign_in != NULL ? sb_sign_in_get_state (sign_in) : SB_SIGN_IN_STATE_IDLE;

  return state == SB_SIGN_IN_STATE_DONE || state == SB_SIGN_IN_STATE_FAILED;
}

static gboolean
is_on_page (gpointer data)
{
  Fixture *f = data;
  SbSignIn *sign_in = sb_window_get_sign_in (f->window);
  SbSignInState state = sign_in != NULL ? sb_sign_in_get_state (sign_in) : SB_SIGN_IN_STATE_IDLE;

  return state == SB_SIGN_IN_STATE_LOADING || state == SB_SIGN_IN_STATE_WAITING;
}

/* Signs in as if the mock IdP had posted its answer to the window's login view, once
 * the keyring was looked in. */
static void
sign_in (Fixture *f)
{
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *acs_url = NULL;
  g_autoptr(SbCapture) captured = NULL;

  g_assert_nonnull (sb_window_get_sign_in (f->window));
  g_assert_true (sb_test_wait_for (is_on_page, f, 10));
  response = sb_mock_dup_saml_response (f->mock, NULL, &acs_url);
  g_assert_nonnull (response);
  captured = sb_capture_new (acs_url, response, NULL);
  sb_page_source_emit_captured (SB_PAGE_SOURCE (f->window->login_view), captured);
  g_assert_true (sb_test_wait_for (is_done, f, 10));
  g_assert_cmpint (sb_sign_in_get_state (sb_window_get_sign_in (f->window)), ==, SB_SIGN_IN_STATE_DONE);
}

/* The first setup offers the addresses the demo suggests and names the profile after
 * the IdP's host, then after the organization; a name the user gave stays. */
static void
test_setup_names_profile (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sso_url = NULL;
  g_autofree char *idp_host = NULL;
  g_autoptr(GUri) idp_uri = NULL;
  AdwComboRow *platform_row;
  SbProfile *profile;

  f->mock = sb_mock_new (&error);
  g_assert_no_error (error);
  sso_url = sb_mock_dup_sso_url (f->mock, NULL);
  idp_uri = g_uri_parse (sso_url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  idp_host = g_strdup_printf ("%s:%d", g_uri_get_host (idp_uri), g_uri_get_port (idp_uri));

  g_setenv ("SAML_BEARER_SUGGESTED_PLATFORM", sb_mock_get_platform_url (f->mock), TRUE);
  g_setenv ("SAML_BEARER_SUGGESTED_IDP_URL", sso_url, TRUE);
  open_window (f, NULL);
  sb_window_begin (f->window);
  sb_test_iterate ();
  g_unsetenv ("SAML_BEARER_SUGGESTED_PLATFORM");
  g_unsetenv ("SAML_BEARER_SUGGESTED_IDP_URL");

  g_assert_cmpint (_sb_window_get_page (f->window), ==, SB_WINDOW_PAGE_SETUP);
  g_assert_cmpstr (gtk_editable_get_text (setup_entry (f, "Platform _Address")), ==, sb_mock_get_platform_url (f->mock));
  g_assert_cmpstr (gtk_editable_get_text (setup_entry (f, "Sign-In A_ddress")), ==, sso_url);
  g_assert_cmpstr (gtk_editable_get_text (setup_entry (f, "Profile _Name")), ==, idp_host);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  sb_test_iterate ();
  profile = f->window->profile;
  g_assert_nonnull (profile);
  g_assert_true (sb_profile_store_lookup (sb_profile_store_get_default (), sb_profile_get_id (profile)) == profile);
  g_assert_cmpstr (sb_profile_get_name (profile), ==, idp_host);

  sign_in (f);
  g_assert_cmpstr (sb_profile_get_name (profile), ==, "Analytical Engines");

  /* Another profile for the same IdP, named by the user. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-profile", NULL);
  sb_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (setup_entry (f, "Sign-In A_ddress")), ==, "");
  platform_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (f->window->setup_page), ADW_TYPE_COMBO_ROW, "_Platform"));
  adw_combo_row_set_selected (platform_row, g_list_model_get_n_items (adw_combo_row_get_model (platform_row)) - 1);
  gtk_editable_set_text (setup_entry (f, "Platform _Address"), sb_mock_get_platform_url (f->mock));
  gtk_editable_set_text (setup_entry (f, "Sign-In A_ddress"), sso_url);
  g_assert_cmpstr (gtk_editable_get_text (setup_entry (f, "Profile _Name")), ==, idp_host);
  gtk_editable_set_text (setup_entry (f, "Profile _Name"), "  Sandbox ");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  sb_test_iterate ();
  profile = f->window->profile;
  g_assert_cmpstr (sb_profile_get_name (profile), ==, "Sandbox");
  sign_in (f);
  g_assert_cmpstr (sb_profile_get_name (profile), ==, "Sandbox");
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
  g_autofree char *home = sb_test_use_private_home ("window");
  g_autoptr(GError) error = NULL;
  int status;

  /* Before any thread starts: it sets how GLib logs. The app actions and their
   * shortcuts are the application's, from its startup. */
  application = GTK_APPLICATION (sb_application_new ());
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add ("/window/profile-menu/renamed", test_menu_renamed);
  add ("/window/profile-menu/marks-active", test_menu_marks_active);
  add ("/window/profile-menu/edit-profiles", test_edit_profiles);
  add ("/window/toast/replaces", test_toast_replaces);
  add ("/window/toast/fits", test_toast_fits);
  add ("/window/setup/names-profile", test_setup_names_profile);

  status = g_test_run ();
  g_clear_object (&application);
  sb_test_remove_tree (home);

  return status;
}
