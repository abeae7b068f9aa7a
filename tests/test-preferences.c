/* The Profiles page: rows follow the saved profiles, valid edits are saved as they
 * are typed, invalid ones never are, and delete and forget remove what they say. */
#include "config.h"

#include <adwaita.h>

#include "sb-preferences.h"
#include "sb-profile.h"
#include "sb-profile-row.h"
#include "sb-test-gtk-utils.h"
#include "sb-test-utils.h"

#include <string.h>
#include <unistd.h>

typedef struct {
  GtkWindow *window;
} Fixture;

static gboolean
path_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static gboolean
path_gone (gpointer path)
{
  return !path_exists (path);
}

static void
wait_until_gone (const char *path)
{
  g_assert_true (sb_test_wait_for (path_gone, (gpointer) path, 10));
  sb_test_iterate ();
}

static void
make_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, "cookie", -1, &error);
  g_assert_no_error (error);
}

static char *
cache_dir (const char *id)
{
  return g_build_filename (g_get_user_cache_dir (), "saml-bearer", "profiles", id, NULL);
}

static char *
save_profile (const char *name,
              const char *platform_url,
              const char *idp_url)
{
  g_autoptr(SbProfile) profile = sb_profile_new (NULL);

  sb_profile_set_name (profile, name);
  sb_profile_set_platform_url (profile, platform_url);
  sb_profile_set_idp_url (profile, idp_url);
  sb_profile_save (profile);

  return g_strdup (sb_profile_get_id (profile));
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_rows (GtkWidget  *widget,
              GPtrArray  *rows)
{
  if (SB_IS_PROFILE_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GPtrArray *
profile_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (f->window), rows);
  return rows;
}

static SbProfileRow *
find_row (Fixture    *f,
          const char *id)
{
  g_autoptr(GPtrArray) rows = profile_rows (f);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (sb_profile_get_id (sb_profile_row_get_profile (rows->pdata[i])), id) == 0)
      return rows->pdata[i];

  return NULL;
}

static GtkWidget *
child_row (SbProfileRow *row,
           GType         type,
           const char   *title)
{
  GtkWidget *found = find_descendant (GTK_WIDGET (row), type, title);

  g_assert_nonnull (found);
  return found;
}

/* The expander row has a switch of its own: look inside the titled row. */
static GtkWidget *
suffix (SbProfileRow *row,
        const char   *title,
        GType         type)
{
  GtkWidget *found = find_descendant (child_row (row, ADW_TYPE_ACTION_ROW, title), type, NULL);

  g_assert_nonnull (found);
  return found;
}

static void
set_text (SbProfileRow *row,
          const char   *title,
          const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child_row (row, ADW_TYPE_ENTRY_ROW, title)), text);
  sb_test_iterate ();
}

static gboolean
has_error (SbProfileRow *row,
           const char   *title)
{
  return gtk_widget_has_css_class (child_row (row, ADW_TYPE_ENTRY_ROW, title), "error");
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* The text a person sees right below the titled row, up to the next row with a title. */
static char *
text_under (SbProfileRow *row,
            const char   *title)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *next = gtk_widget_get_next_sibling (child_row (row, ADW_TYPE_ENTRY_ROW, title));
       next != NULL && !ADW_IS_PREFERENCES_ROW (next);
       next = gtk_widget_get_next_sibling (next))
    collect_text (next, text);

  return g_string_free (text, FALSE);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static SbProfile *
load (const char *id)
{
  return sb_profile_load (id);
}

static void
open_preferences (Fixture *f)
{
  f->window = sb_preferences_new (NULL);
  gtk_window_present (f->window);
  sb_test_iterate ();
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_auto(GStrv) ids = sb_profile_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(SbProfile) profile = sb_profile_load (ids[i]);

      sb_profile_delete (profile);
    }
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  sb_test_iterate ();
}

static void
test_lists_profiles (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *work = save_profile ("Work & Play", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  g_autofree char *eu = save_profile ("EU", "https://eu1.anypoint.mulesoft.com", "https://idp.example.com/b");
  g_autofree char *later = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SbProfileRow *eu_row;

  open_preferences (f);

  rows = profile_rows (f);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (sb_profile_get_id (sb_profile_row_get_profile (rows->pdata[0])), ==, work);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Work &amp; Play");
  g_assert_cmpstr (adw_expander_row_get_subtitle (rows->pdata[0]), ==, "anypoint.mulesoft.com");
  g_assert_cmpstr (adw_expander_row_get_subtitle (rows->pdata[1]), ==, "eu1.anypoint.mulesoft.com");
  eu_row = rows->pdata[1];
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (eu_row), TRUE);

  /* Profiles saved elsewhere appear; the rows already there are kept as they are. */
  later = save_profile ("Later", "https://gov.anypoint.mulesoft.com", "https://idp.example.com/c");
  sb_test_iterate ();
  after = profile_rows (f);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_true (after->pdata[1] == (gpointer)eu_row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (eu_row)));
  g_assert_cmpstr (sb_profile_get_id (sb_profile_row_get_profile (after->pdata[2])), ==, later);
}

static void
test_edit_saves (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  SbProfileRow *row;
  GtkWidget *custom;

  open_preferences (f);
  row = find_row (f, id);
  g_assert_nonnull (row);

  set_text (row, "_Name", "Renamed");
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_name (saved), ==, "Renamed");
  }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Renamed");

  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Platform")), 1);
  sb_test_iterate ();
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_platform_url (saved), ==, "https://eu1.anypoint.mulesoft.com");
  }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "eu1.anypoint.mulesoft.com");

  /* "Other…" starts from the current address and normalizes what is typed to an origin. */
  custom = child_row (row, ADW_TYPE_ENTRY_ROW, "Platform _Address");
  g_assert_false (gtk_widget_get_visible (custom));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Platform")), 3);
  sb_test_iterate ();
  g_assert_true (gtk_widget_get_visible (custom));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (custom)), ==, "https://eu1.anypoint.mulesoft.com");
  set_text (row, "Platform _Address", "Platform.Example.com/accounts");
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_platform_url (saved), ==, "https://platform.example.com");
  }

  set_text (row, "IdP _Sign-In Address", "https://idp.example.com/sso?app=1");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (suffix (row, "Session _Length", GTK_TYPE_SPIN_BUTTON)), 90);
  gtk_switch_set_active (GTK_SWITCH (suffix (row, "_Remember My Sign-In", GTK_TYPE_SWITCH)), TRUE);
  set_text (row, "_User Agent (Optional)", " Test/1.0 ");
  sb_test_iterate ();
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_idp_url (saved), ==, "https://idp.example.com/sso?app=1");
    g_assert_cmpuint (sb_profile_get_session_minutes (saved), ==, 90);
    g_assert_true (sb_profile_get_remember (saved));
    g_assert_cmpstr (sb_profile_get_user_agent (saved), ==, "Test/1.0");
    g_assert_cmpstr (sb_profile_get_name (saved), ==, "Renamed");
  }

  /* An extra CA file is kept only when it holds certificates. */
  set_text (row, "Extra _CA Certificates (Optional)", "/nonexistent/ca.pem");
  sb_test_iterate ();
  g_assert_true (has_error (row, "Extra _CA Certificates (Optional)"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_ca_file (saved), ==, "");
  }
  {
    g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "test-ca.pem", NULL);
    g_autoptr(SbProfile) saved = NULL;

    set_text (row, "Extra _CA Certificates (Optional)", ca);
    sb_test_iterate ();
    saved = load (id);
    g_assert_cmpstr (sb_profile_get_ca_file (saved), ==, ca);
    g_assert_false (has_error (row, "Extra _CA Certificates (Optional)"));
  }
}

static void
test_invalid_not_saved (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);

  set_text (row, "IdP _Sign-In Address", "http://idp.example.com/b");
  g_assert_true (has_error (row, "IdP _Sign-In Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_idp_url (saved), ==, "https://idp.example.com/a");
  }

  set_text (row, "IdP _Sign-In Address", "https://idp.example.com/c");
  g_assert_false (has_error (row, "IdP _Sign-In Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_idp_url (saved), ==, "https://idp.example.com/c");
  }

  /* Typing passes through valid prefixes ("h" is a host); a field left invalid
   * puts back the value it had rather than keeping one of them. */
  set_text (row, "IdP _Sign-In Address", "");
  g_assert_true (has_error (row, "IdP _Sign-In Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_idp_url (saved), ==, "https://idp.example.com/a");
  }

  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Platform")), 3);
  sb_test_iterate ();
  set_text (row, "Platform _Address", "http://platform.example.com");
  g_assert_true (has_error (row, "Platform _Address"));
  set_text (row, "Platform _Address", "mailto:someone@example.com");
  g_assert_true (has_error (row, "Platform _Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_platform_url (saved), ==, "https://anypoint.mulesoft.com");
  }

  /* Choosing a listed platform again drops the error of the hidden address. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Platform")), 2);
  sb_test_iterate ();
  g_assert_false (has_error (row, "Platform _Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_platform_url (saved), ==, "https://gov.anypoint.mulesoft.com");
  }

  set_text (row, "_Name", "   ");
  g_assert_true (has_error (row, "_Name"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_name (saved), ==, "Work");
  }
}

static gboolean
is_shown (SbProfileRow *row,
          GType         type,
          const char   *title)
{
  return gtk_widget_get_visible (child_row (row, type, title));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  g_assert_true (sb_test_wait_for (is_mapped, widget, 10));
}

/* Moves focus as Tab (or Shift+Tab) does until it lands in @to; FALSE if it leaves @row first. */
static gboolean
tab_reaches (Fixture          *f,
             SbProfileRow     *row,
             GtkWidget        *from,
             GtkWidget        *to,
             GtkDirectionType  direction)
{
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_PAGE)));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  wait_until_mapped (from);
  wait_until_mapped (to);
  g_assert_true (gtk_widget_grab_focus (from));

  for (guint i = 0; i < 8; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (f->window), direction);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (row)))
        return FALSE;
      if (focus == to || gtk_widget_is_ancestor (focus, to))
        return TRUE;
    }

  return FALSE;
}

static void
test_capture_kind (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = save_profile ("Other SP", "https://eu1.anypoint.mulesoft.com", "https://idp.example.com/a");
  AdwComboRow *kind;
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);
  kind = ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Kind"));
  g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 0);
  g_assert_true (is_shown (row, ADW_TYPE_COMBO_ROW, "_Platform"));
  g_assert_true (is_shown (row, ADW_TYPE_ACTION_ROW, "Session _Length"));
  g_assert_false (is_shown (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"));

  /* The platform and its token have no meaning for a capture profile. */
  adw_combo_row_set_selected (kind, 1);
  sb_test_iterate ();
  g_assert_false (is_shown (row, ADW_TYPE_COMBO_ROW, "_Platform"));
  g_assert_false (is_shown (row, ADW_TYPE_ENTRY_ROW, "Platform _Address"));
  g_assert_false (is_shown (row, ADW_TYPE_ACTION_ROW, "Session _Length"));
  g_assert_true (is_shown (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"));
  g_assert_true (is_shown (row, ADW_TYPE_ENTRY_ROW, "IdP _Sign-In Address"));
  g_assert_true (is_shown (row, ADW_TYPE_ACTION_ROW, "_Remember My Sign-In"));
  g_assert_false (has_error (row, "_Capture Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpint (sb_profile_get_kind (saved), ==, SB_PROFILE_KIND_CAPTURE);
    g_assert_false (sb_profile_is_complete (saved));
  }

  set_text (row, "_Capture Address", " https://sp.example.com/saml/acs ");
  g_assert_false (has_error (row, "_Capture Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpint (sb_profile_get_kind (saved), ==, SB_PROFILE_KIND_CAPTURE);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "https://sp.example.com/saml/acs");
    g_assert_cmpstr (sb_profile_get_platform_url (saved), ==, "https://eu1.anypoint.mulesoft.com");
    g_assert_true (sb_profile_is_complete (saved));
  }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "sp.example.com");

  /* The explanation below the address does not let Tab fall out of the list. */
  g_assert_true (tab_reaches (f, row, child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"),
                              child_row (row, ADW_TYPE_ENTRY_ROW, "IdP _Sign-In Address"), GTK_DIR_TAB_FORWARD));
  g_assert_true (tab_reaches (f, row, child_row (row, ADW_TYPE_ENTRY_ROW, "IdP _Sign-In Address"),
                              child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"), GTK_DIR_TAB_BACKWARD));
  g_assert_true (tab_reaches (f, row, child_row (row, ADW_TYPE_ENTRY_ROW, "_Name"),
                              child_row (row, ADW_TYPE_COMBO_ROW, "_Kind"), GTK_DIR_TAB_FORWARD));
  g_assert_true (tab_reaches (f, row, child_row (row, ADW_TYPE_COMBO_ROW, "_Kind"),
                              child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"), GTK_DIR_TAB_FORWARD));

  /* A host name alone will do, and so will plain http on this computer. */
  set_text (row, "_Capture Address", "SP.example.org");
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "sp.example.org");
  }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "sp.example.org");
  /* A full address is kept as WebKit writes the URL it posts to, which it is matched against. */
  set_text (row, "_Capture Address", "HTTPS://SP.Example.COM:443/SAML/acs?tenant=A%20B#top");
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "https://sp.example.com/SAML/acs?tenant=A%20B");
  }
  set_text (row, "_Capture Address", "https://sp.example.com");
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "https://sp.example.com/");
  }
  set_text (row, "_Capture Address", "http://[::1]:8080/acs");
  g_assert_false (has_error (row, "_Capture Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "http://[::1]:8080/acs");
  }
  set_text (row, "_Capture Address", "http://127.0.0.1:8080/acs");
  g_assert_false (has_error (row, "_Capture Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "http://127.0.0.1:8080/acs");
  }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "127.0.0.1:8080");

  /* A reopened window shows the capture profile as it was saved. */
  gtk_window_destroy (f->window);
  sb_test_iterate ();
  open_preferences (f);
  row = find_row (f, id);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Kind"))), ==, 1);
  g_assert_false (is_shown (row, ADW_TYPE_COMBO_ROW, "_Platform"));
  g_assert_true (is_shown (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"))),
                   ==, "http://127.0.0.1:8080/acs");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "127.0.0.1:8080");

  /* Back to Anypoint: the platform rows return with the platform kept. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Kind")), 0);
  sb_test_iterate ();
  g_assert_true (is_shown (row, ADW_TYPE_COMBO_ROW, "_Platform"));
  g_assert_true (is_shown (row, ADW_TYPE_ACTION_ROW, "Session _Length"));
  g_assert_false (is_shown (row, ADW_TYPE_ENTRY_ROW, "Platform _Address"));
  g_assert_false (is_shown (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "eu1.anypoint.mulesoft.com");
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpint (sb_profile_get_kind (saved), ==, SB_PROFILE_KIND_ANYPOINT);
    g_assert_cmpstr (sb_profile_get_platform_url (saved), ==, "https://eu1.anypoint.mulesoft.com");
  }
}

static void
test_capture_invalid (Fixture       *f,
                      gconstpointer  data)
{
  const char *invalid[] = {
    "http://sp.example.com/acs",
    "bad host",
    "https://bad host/acs",
    "ftp://sp.example.com/acs",
    "https://user@sp.example.com/acs",
    "sp.example.com:8443",
    ".example.com",
    "https://",
    "",
    "   ",
  };
  g_autofree char *id = save_profile ("Other SP", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Kind")), 1);
  sb_test_iterate ();
  set_text (row, "_Capture Address", "https://sp.example.com/saml/acs");
  /* Enter commits it: an address left invalid later falls back to this one. */
  g_signal_emit_by_name (child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"), "entry-activated");
  sb_test_iterate ();

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(SbProfile) saved = NULL;

      set_text (row, "_Capture Address", invalid[i]);
      g_assert_true (has_error (row, "_Capture Address"));
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_next_sibling (child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"))));
      saved = load (id);
      g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "https://sp.example.com/saml/acs");
      g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "sp.example.com");
    }

  /* Nor does the error message. */
  g_assert_true (tab_reaches (f, row, child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"),
                              child_row (row, ADW_TYPE_ENTRY_ROW, "IdP _Sign-In Address"), GTK_DIR_TAB_FORWARD));

  /* The error hides with the row and comes back with it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Kind")), 0);
  sb_test_iterate ();
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_next_sibling (child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Kind")), 1);
  sb_test_iterate ();
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_next_sibling (child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"))));

  set_text (row, "_Capture Address", "https://sp.example.com/other/acs");
  g_assert_false (has_error (row, "_Capture Address"));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_next_sibling (child_row (row, ADW_TYPE_ENTRY_ROW, "_Capture Address"))));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_acs_url (saved), ==, "https://sp.example.com/other/acs");
  }
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) more = NULL;
  g_autoptr(SbProfile) added = NULL;
  g_autoptr(SbProfile) second = NULL;
  SbProfileRow *row;

  open_preferences (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "prefs.add-profile", NULL));
  sb_test_iterate ();

  ids = sb_profile_list_ids ();
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  added = sb_profile_load (ids[0]);
  g_assert_cmpstr (sb_profile_get_name (added), ==, "New Profile");
  g_assert_cmpint (sb_profile_get_kind (added), ==, SB_PROFILE_KIND_ANYPOINT);
  g_assert_cmpstr (sb_profile_get_platform_url (added), ==, "https://anypoint.mulesoft.com");
  g_assert_cmpstr (sb_profile_get_idp_url (added), ==, "");

  row = find_row (f, ids[0]);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_false (has_error (row, "IdP _Sign-In Address"));

  sb_preferences_add_profile (SB_PREFERENCES (f->window));
  sb_test_iterate ();
  more = sb_profile_list_ids ();
  g_assert_cmpuint (g_strv_length (more), ==, 2);
  second = sb_profile_load (more[1]);
  g_assert_cmpstr (sb_profile_get_name (second), ==, "New Profile 2");
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *keep = save_profile ("Keep", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  g_autofree char *id = save_profile ("Doomed", "https://anypoint.mulesoft.com", "https://idp.example.com/b");
  g_autoptr(SbProfile) doomed = sb_profile_load (id);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *data_dir = sb_profile_dup_data_dir (doomed);
  g_autofree char *cache = cache_dir (id);
  g_autofree char *last = NULL;
  g_auto(GStrv) ids = NULL;
  AdwMessageDialog *dialog;

  make_file (data_dir, "cookies.sqlite");
  make_file (cache, "cache/entry");
  g_settings_set_string (settings, "last-profile", id);

  open_preferences (f);

  /* Cancel keeps everything. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (f, id)), "profile.delete", NULL));
  sb_test_iterate ();
  dialog = sb_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  sb_test_iterate ();
  g_assert_nonnull (find_row (f, id));
  g_assert_true (path_exists (data_dir));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (f, id)), "profile.delete", NULL));
  sb_test_iterate ();
  dialog = sb_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  sb_test_iterate ();

  ids = sb_profile_list_ids ();
  g_assert_false (g_strv_contains ((const char * const *)ids, id));
  g_assert_true (g_strv_contains ((const char * const *)ids, keep));
  g_assert_null (find_row (f, id));
  g_assert_nonnull (find_row (f, keep));
  last = g_settings_get_string (settings, "last-profile");
  g_assert_cmpstr (last, ==, "");

  wait_until_gone (data_dir);
  wait_until_gone (cache);
}

static void
test_forget (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = save_profile ("Forgetful", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  g_autofree char *other = save_profile ("Other", "https://anypoint.mulesoft.com", "https://idp.example.com/b");
  g_autoptr(SbProfile) profile = sb_profile_load (id);
  g_autoptr(SbProfile) other_profile = sb_profile_load (other);
  g_autofree char *data_dir = sb_profile_dup_data_dir (profile);
  g_autofree char *other_dir = sb_profile_dup_data_dir (other_profile);
  g_autofree char *cache = cache_dir (id);
  g_autofree char *outside = g_build_filename (g_get_user_data_dir (), "outside", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "precious", NULL);
  g_autofree char *link = g_build_filename (data_dir, "link", NULL);
  g_auto(GStrv) ids = NULL;
  AdwMessageDialog *dialog;

  make_file (data_dir, "storage/localstorage.sqlite3");
  make_file (data_dir, "cookies.sqlite");
  make_file (cache, "entry");
  make_file (other_dir, "cookies.sqlite");
  make_file (outside, "precious");
  g_assert_cmpint (symlink (outside, link), ==, 0);

  open_preferences (f);

  /* It asks first, and Cancel keeps the data. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (f, id)), "profile.forget-data", NULL));
  sb_test_iterate ();
  dialog = sb_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "forget"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (path_exists (data_dir));
  adw_message_dialog_response (dialog, "cancel");
  sb_test_iterate ();
  g_assert_true (path_exists (data_dir));
  g_assert_true (path_exists (cache));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (f, id)), "profile.forget-data", NULL));
  sb_test_iterate ();
  dialog = sb_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "forget");
  wait_until_gone (data_dir);
  wait_until_gone (cache);

  /* Only that profile's data goes, and a link is removed, not followed. */
  g_assert_true (path_exists (other_dir));
  g_assert_true (path_exists (outside_file));
  ids = sb_profile_list_ids ();
  g_assert_true (g_strv_contains ((const char * const *)ids, id));
  g_assert_nonnull (find_row (f, id));
}

/* Delete Profile is the one destructive button; Forget Sign-In Data is an ordinary one. */
static void
test_one_destructive (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  GtkWidget *forget;
  GtkWidget *delete;
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);
  forget = find_action_button (GTK_WIDGET (row), "profile.forget-data");
  delete = find_action_button (GTK_WIDGET (row), "profile.delete");
  g_assert_nonnull (forget);
  g_assert_nonnull (delete);
  g_assert_false (gtk_widget_has_css_class (forget, "destructive-action"));
  g_assert_true (gtk_widget_has_css_class (delete, "destructive-action"));

  /* Clicking it only asks. */
  g_signal_emit_by_name (forget, "clicked");
  sb_test_iterate ();
  g_assert_nonnull (sb_test_find_dialog ());
  adw_message_dialog_response (sb_test_find_dialog (), "cancel");
  sb_test_iterate ();
}

/* The sign-in address says what to paste and where to find it. */
static void
test_idp_help (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  g_autofree char *under = NULL;
  GtkWidget *link = NULL;
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);
  under = text_under (row, "IdP _Sign-In Address");
  g_assert_nonnull (strstr (under, "App Embed Link"));
  g_assert_nonnull (strstr (under, "User access URL"));

  for (GtkWidget *next = gtk_widget_get_next_sibling (child_row (row, ADW_TYPE_ENTRY_ROW, "IdP _Sign-In Address"));
       link == NULL && next != NULL && !ADW_IS_PREFERENCES_ROW (next);
       next = gtk_widget_get_next_sibling (next))
    link = find_descendant (next, GTK_TYPE_LINK_BUTTON, NULL);
  g_assert_nonnull (link);
  g_assert_true (gtk_widget_get_visible (link));
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==, "https://github.com/samlbearer/saml-bearer#real-idps");
}

/* A portal home is accepted, with a warning under the row; an app's address has none. */
static void
test_portal_home (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://acme.okta.com/app/UserHome");
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);
  {
    g_autofree char *under = text_under (row, "IdP _Sign-In Address");
    g_assert_nonnull (strstr (under, "Okta home page"));
  }

  set_text (row, "IdP _Sign-In Address", "https://acme.okta.com/home/acme_anypoint_1/0oa1/aln1");
  {
    g_autofree char *under = text_under (row, "IdP _Sign-In Address");
    g_assert_null (strstr (under, "Okta home page"));
    g_assert_false (has_error (row, "IdP _Sign-In Address"));
  }

  set_text (row, "IdP _Sign-In Address", "https://myapps.microsoft.com/");
  g_assert_false (has_error (row, "IdP _Sign-In Address"));
  {
    g_autoptr(SbProfile) saved = load (id);
    g_autofree char *under = text_under (row, "IdP _Sign-In Address");

    g_assert_nonnull (strstr (under, "My Apps portal"));
    g_assert_cmpstr (sb_profile_get_idp_url (saved), ==, "https://myapps.microsoft.com/");
  }

  set_text (row, "IdP _Sign-In Address", "https://launcher.myapps.microsoft.com/api/signin/1c9e?tenantId=2d1f");
  {
    g_autofree char *under = text_under (row, "IdP _Sign-In Address");
    g_assert_null (strstr (under, "My Apps portal"));
  }

  /* An error replaces the warning. */
  set_text (row, "IdP _Sign-In Address", "https://acme.okta.com/");
  set_text (row, "IdP _Sign-In Address", "http://acme.okta.com/");
  g_assert_true (has_error (row, "IdP _Sign-In Address"));
  {
    g_autofree char *under = text_under (row, "IdP _Sign-In Address");
    g_assert_null (strstr (under, "Okta home page"));
    g_assert_nonnull (strstr (under, "Use an https address"));
  }
}

/* What is wrong with a value is written under its row, not only in a tooltip. */
static void
test_reasons_shown (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "test-ca.pem", NULL);
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);

  adw_combo_row_set_selected (ADW_COMBO_ROW (child_row (row, ADW_TYPE_COMBO_ROW, "_Platform")), 3);
  sb_test_iterate ();
  set_text (row, "Platform _Address", "http://platform.example.com");
  {
    g_autofree char *under = text_under (row, "Platform _Address");
    g_assert_nonnull (strstr (under, "Use an https address"));
  }

  set_text (row, "Extra _CA Certificates (Optional)", "/nonexistent/ca.pem");
  g_assert_true (has_error (row, "Extra _CA Certificates (Optional)"));
  {
    g_autofree char *under = text_under (row, "Extra _CA Certificates (Optional)");
    g_assert_nonnull (strstr (under, "Not a certificate file"));
  }

  set_text (row, "Extra _CA Certificates (Optional)", ca);
  g_assert_false (has_error (row, "Extra _CA Certificates (Optional)"));
  {
    g_autofree char *under = text_under (row, "Extra _CA Certificates (Optional)");
    g_assert_cmpstr (under, ==, "");
  }
}

static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
        return GTK_FILE_CHOOSER (window);
    }

  return NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  return find_file_chooser () != NULL;
}

static gboolean
has_chosen_file (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL;
}

/* Clicks the file button of the titled row and answers the chooser with @path, or cancels it. */
static void
choose_file (Fixture      *f,
             SbProfileRow *row,
             const char   *title,
             const char   *path)
{
  GtkWidget *button = find_action_button (child_row (row, ADW_TYPE_ENTRY_ROW, title), "profile.choose-file");
  GtkFileChooser *chooser;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (sb_test_wait_for (has_file_chooser, NULL, 10));
  chooser = find_file_chooser ();
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == f->window);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
      g_assert_true (sb_test_wait_for (has_chosen_file, chooser, 10));
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    }
  else
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);

  sb_test_iterate ();
  g_assert_null (find_file_chooser ());
}

static void
test_file_choosers (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = save_profile ("Work", "https://anypoint.mulesoft.com", "https://idp.example.com/a");
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "test-ca.pem", NULL);
  const char *titles[] = {
    "Extra _CA Certificates (Optional)",
    "Client Ce_rtificate (Optional)",
    "Client Certificate _Key (Optional)",
  };
  SbProfileRow *row;

  open_preferences (f);
  row = find_row (f, id);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (find_action_button (child_row (row, ADW_TYPE_ENTRY_ROW, titles[i]), "profile.choose-file"));

  choose_file (f, row, "Extra _CA Certificates (Optional)", ca);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_row (row, ADW_TYPE_ENTRY_ROW, "Extra _CA Certificates (Optional)"))), ==, ca);
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_ca_file (saved), ==, ca);
  }

  choose_file (f, row, "Client Ce_rtificate (Optional)", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_row (row, ADW_TYPE_ENTRY_ROW, "Client Ce_rtificate (Optional)"))), ==, "");

  choose_file (f, row, "Client Certificate _Key (Optional)", ca);
  {
    g_autoptr(SbProfile) saved = load (id);
    g_assert_cmpstr (sb_profile_get_client_key (saved), ==, ca);
  }
}

#define add(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = sb_test_use_private_home ("preferences");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), home));

  add ("/preferences/profiles/list", test_lists_profiles);
  add ("/preferences/profiles/edit", test_edit_saves);
  add ("/preferences/profiles/invalid", test_invalid_not_saved);
  add ("/preferences/profiles/capture", test_capture_kind);
  add ("/preferences/profiles/capture-invalid", test_capture_invalid);
  add ("/preferences/profiles/add", test_add);
  add ("/preferences/profiles/delete", test_delete);
  add ("/preferences/profiles/forget", test_forget);
  add ("/preferences/profiles/one-destructive", test_one_destructive);
  add ("/preferences/profiles/idp-help", test_idp_help);
  add ("/preferences/profiles/portal-home", test_portal_home);
  add ("/preferences/profiles/reasons-shown", test_reasons_shown);
  add ("/preferences/profiles/file-choosers", test_file_choosers);

  status = g_test_run ();
  sb_test_remove_tree (home);

  return status;
}
