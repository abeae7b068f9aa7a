/* The assertion details window: what a user sees for each kind of response,
 * the warnings, the XML view and its search, copying, and the wipe on close. */
#include "config.h"

#include <adwaita.h>

#include "sb-assertion-window.h"
#include "sb-clipboard.h"
#include "sb-saml.h"
#include "sb-test-utils.h"

#include <string.h>

#define US_PLATFORM "https://anypoint.mulesoft.com"
#define OKTA_ISSUER "http://www.okta.com/exk1fakeokta0000h7"

static SbSaml *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  SbSaml *saml;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  saml = sb_saml_new (contents, length, &error);
  g_assert_no_error (error);

  return saml;
}

static GtkWindow *
open_saml (SbSaml     *saml,
           const char *platform_url)
{
  GtkWindow *window = sb_assertion_window_new (NULL, saml, platform_url);

  g_assert_true (SB_IS_ASSERTION_WINDOW (window));
  gtk_window_present (window);
  sb_test_iterate ();

  return window;
}

static GtkWindow *
open_window (const char *fixture,
             const char *platform_url)
{
  g_autoptr(SbSaml) saml = load_fixture (fixture);

  return open_saml (saml, platform_url);
}

/* A response valid from @not_before to @not_on_or_after. */
static GtkWindow *
open_conditions (const char *not_before,
                 const char *not_on_or_after)
{
  g_autofree char *xml = g_strdup_printf (
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<saml:Issuer>https://idp.example.com</saml:Issuer>"
    "<samlp:Status><samlp:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></samlp:Status>"
    "<saml:Assertion><saml:Subject><saml:NameID>kim</saml:NameID></saml:Subject>"
    "<saml:Conditions NotBefore='%s' NotOnOrAfter='%s'>"
    "<saml:AudienceRestriction><saml:Audience>https://anypoint.mulesoft.com</saml:Audience></saml:AudienceRestriction>"
    "</saml:Conditions>"
    "<saml:AttributeStatement><saml:Attribute Name='email'><saml:AttributeValue>kim@example.com</saml:AttributeValue>"
    "</saml:Attribute></saml:AttributeStatement>"
    "</saml:Assertion></samlp:Response>",
    not_before, not_on_or_after);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new (xml, strlen (xml), &error);

  g_assert_no_error (error);
  return open_saml (saml, US_PLATFORM);
}

static char *
iso_from_now (int minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_minutes (now, minutes);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  sb_test_iterate ();
}

/* Whether a user could see @widget, were its page shown. */
static gboolean
shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
    }

  return TRUE;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
visible_widgets (GtkWindow *window,
                 GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (window), type, found);
  return found;
}

/* Every visible label, in order: row titles and subtitles, group titles. */
static GPtrArray *
visible_texts (GtkWindow *window)
{
  g_autoptr(GPtrArray) labels = visible_widgets (window, GTK_TYPE_LABEL);
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (g_ptr_array_index (labels, i)));

  return texts;
}

static gboolean
shows_text (GtkWindow  *window,
            const char *text)
{
  g_autoptr(GPtrArray) texts = visible_texts (window);

  for (guint i = 0; i < texts->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
        return TRUE;
    }

  return FALSE;
}

static AdwActionRow *
find_row (GtkWindow  *window,
          const char *title,
          guint       nth)
{
  g_autoptr(GPtrArray) rows = visible_widgets (window, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0 && nth-- == 0)
        return ADW_ACTION_ROW (row);
    }

  return NULL;
}

/* The subtitle of the row titled @title, or %NULL when no such row shows. */
static const char *
row_value (GtkWindow  *window,
           const char *title)
{
  AdwActionRow *row = find_row (window, title, 0);

  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}

/* Hidden groups too, to tell that they are hidden. */
static AdwPreferencesGroup *
find_group_in (GtkWidget  *widget,
               const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return ADW_PREFERENCES_GROUP (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesGroup *found = find_group_in (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwPreferencesGroup *
find_group (GtkWindow  *window,
            const char *title)
{
  AdwPreferencesGroup *group = find_group_in (GTK_WIDGET (window), title);

  g_assert_nonnull (group);
  return group;
}

static GPtrArray *
warning_titles (GtkWindow *window)
{
  AdwPreferencesGroup *group = find_group (window, "Warnings");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *titles = g_ptr_array_new ();

  g_assert_nonnull (group);
  if (!shown (GTK_WIDGET (group)))
    return titles;

  collect (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (g_ptr_array_index (rows, i)));

  return titles;
}

static gboolean
has_warning (GtkWindow  *window,
             const char *title)
{
  g_autoptr(GPtrArray) titles = warning_titles (window);

  return g_ptr_array_find_with_equal_func (titles, title, g_str_equal, NULL);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_okta (void)
{
  GtkWindow *window = open_window ("okta-signed.xml", US_PLATFORM);
  const char *valid_until;

  g_assert_cmpstr (row_value (window, "Issuer"), ==, OKTA_ISSUER);
  g_assert_cmpstr (row_value (window, "Destination"), ==,
                   "https://anypoint.mulesoft.com/accounts/login/acme/providers/5b6f3c2e-8d1a-4c7e-9f20-3a1b2c4d5e6f/receive-id");
  g_assert_nonnull (row_value (window, "Issue instant"));
  g_assert_true (g_str_has_prefix (row_value (window, "Issue instant"), "2024-03-1"));
  g_assert_null (row_value (window, "In response to"));
  g_assert_cmpstr (row_value (window, "Status"), ==, "Success");
  g_assert_null (row_value (window, "Status message"));
  g_assert_cmpstr (row_value (window, "Name ID"), ==, "jane.doe@example.com");
  g_assert_cmpstr (row_value (window, "Name ID format"), ==, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  g_assert_cmpstr (row_value (window, "Audience"), ==, "https://anypoint.mulesoft.com/accounts/login/acme");
  g_assert_nonnull (row_value (window, "Valid from"));
  g_assert_cmpstr (row_value (window, "Authentication context"), ==,
                   "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");

  /* The fixture is from 2024: long expired, and the row says so. */
  valid_until = row_value (window, "Valid until");
  g_assert_nonnull (valid_until);
  g_assert_nonnull (strstr (valid_until, "(expired "));
  g_assert_true (g_str_has_suffix (valid_until, " ago)"));
  g_assert_true (has_warning (window, "The assertion has expired"));
  g_assert_true (shows_text (window, "Warnings"));

  g_assert_cmpstr (row_value (window, "Response signed"), ==, "Yes");
  g_assert_cmpstr (row_value (window, "Assertion signed"), ==, "Yes");
  g_assert_cmpstr (row_value (window, "Encrypted"), ==, "No");

  g_assert_cmpstr (row_value (window, "firstName"), ==, "Jane");
  g_assert_cmpstr (row_value (window, "lastName"), ==, "Doe");
  g_assert_cmpstr (row_value (window, "email"), ==, "jane.doe@example.com");
  g_assert_cmpstr (row_value (window, "groups"), ==, "Everyone\nAnypoint Admins\nDevelopers");

  /* Its audience names the US platform, and it carries an email. */
  g_assert_false (has_warning (window, "The assertion is meant for another service"));
  g_assert_false (has_warning (window, "No username or email"));

  close_window (window);
}

static void
test_keycloak (void)
{
  GtkWindow *window = open_window ("keycloak.xml", US_PLATFORM);

  g_assert_cmpstr (row_value (window, "Issuer"), ==, "https://keycloak.example.org/realms/anypoint");
  g_assert_cmpstr (row_value (window, "Name ID"), ==, "sam.lee");

  /* Both audiences, one row each. */
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (window, "Audience", 0)), ==,
                   "https://anypoint.mulesoft.com/accounts/login/example-org");
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (window, "Audience", 1)), ==, "anypoint.mulesoft.com");

  /* A friendly name leads, with the name beside it. */
  g_assert_cmpstr (row_value (window, "email (urn:oid:1.2.840.113549.1.9.1)"), ==, "sam.lee@example.org");
  g_assert_cmpstr (row_value (window, "givenName (urn:oid:2.5.4.42)"), ==, "Sam");

  /* Three Role attributes are one attribute with three values. */
  g_assert_cmpstr (row_value (window, "Role"), ==, "offline_access\numa_authorization\nanypoint-admin");
  g_assert_null (find_row (window, "Role", 1));

  g_assert_cmpstr (row_value (window, "Response signed"), ==, "Yes");
  g_assert_cmpstr (row_value (window, "Assertion signed"), ==, "No");
  g_assert_true (has_warning (window, "The assertion has expired"));

  close_window (window);
}

static void
test_encrypted (void)
{
  GtkWindow *window = open_window ("encrypted.xml", US_PLATFORM);
  const char *encrypted;

  g_assert_cmpstr (row_value (window, "Issuer"), ==, "https://idp.example.net/saml2/idp");
  g_assert_cmpstr (row_value (window, "Status"), ==, "Success");

  encrypted = row_value (window, "Encrypted");
  g_assert_nonnull (encrypted);
  g_assert_true (g_str_has_prefix (encrypted, "Yes"));
  g_assert_nonnull (strstr (encrypted, "key"));
  g_assert_nonnull (strstr (encrypted, "exchange"));
  g_assert_cmpstr (row_value (window, "Response signed"), ==, "Yes");
  g_assert_cmpstr (row_value (window, "Assertion signed"), !=, "No");

  g_assert_true (has_warning (window, "The assertion is encrypted"));

  /* What only the key could show is left out, not shown empty. */
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Subject"))));
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Conditions"))));
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Authentication"))));
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Attributes"))));
  g_assert_null (row_value (window, "Name ID"));

  close_window (window);
}

static void
test_sp_initiated (void)
{
  GtkWindow *window = open_window ("sp-initiated.xml", US_PLATFORM);

  g_assert_cmpstr (row_value (window, "Issuer"), ==, "https://shibboleth.university.example/idp/shibboleth");
  g_assert_cmpstr (row_value (window, "In response to"), ==, "ONELOGIN_4fee3b046395c4e751011e97f8900b5273d56685");
  g_assert_true (has_warning (window, "The sign-in was started by the platform"));
  g_assert_cmpstr (row_value (window, "eduPersonAffiliation (urn:oid:1.3.6.1.4.1.5923.1.1.1.1)"), ==, "member\nstaff");
  g_assert_cmpstr (row_value (window, "uid (urn:oid:0.9.2342.19200300.100.1.1)"), ==, "rchen");

  close_window (window);
}

static void
test_error_status (void)
{
  GtkWindow *window = open_window ("error-authnfailed.xml", US_PLATFORM);
  g_autoptr(GPtrArray) titles = NULL;

  g_assert_cmpstr (row_value (window, "Issuer"), ==, OKTA_ISSUER);
  g_assert_cmpstr (row_value (window, "Status"), ==, "AuthnFailed");
  g_assert_cmpstr (row_value (window, "Status message"), ==, "The user is not assigned to this application.");

  titles = warning_titles (window);
  g_assert_cmpuint (titles->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "The identity provider reported an error");

  /* No assertion: nothing about one. */
  g_assert_null (row_value (window, "Assertion signed"));
  g_assert_cmpstr (row_value (window, "Response signed"), ==, "No");
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Subject"))));
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Attributes"))));

  close_window (window);
}

static void
test_audience_warning (void)
{
  GtkWindow *window = open_window ("okta-signed.xml", "https://eu1.anypoint.mulesoft.com");
  AdwActionRow *row;

  g_assert_true (has_warning (window, "The assertion is meant for another service"));
  row = find_row (window, "The assertion is meant for another service", 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "eu1.anypoint.mulesoft.com"));
  close_window (window);

  /* Without a platform there is nothing to compare with. */
  window = open_window ("okta-signed.xml", NULL);
  g_assert_false (has_warning (window, "The assertion is meant for another service"));
  close_window (window);
}

static void
test_no_username (void)
{
  GtkWindow *window = open_window ("no-username.xml", US_PLATFORM);

  g_assert_true (has_warning (window, "No username or email"));
  g_assert_cmpstr (row_value (window, "costCenter"), ==, "(empty)");
  close_window (window);
}

/* Values are text, never markup. */
static void
test_markup (void)
{
  GtkWindow *window = open_window ("unsigned.xml", US_PLATFORM);

  g_assert_cmpstr (row_value (window, "note"), ==, "a <b>bold</b> & odd value");
  g_assert_true (shows_text (window, "a <b>bold</b> & odd value"));
  close_window (window);
}

static void
test_valid (void)
{
  g_autofree char *before = iso_from_now (-5);
  g_autofree char *after = iso_from_now (42);
  GtkWindow *window = open_conditions (before, after);
  const char *valid_until;

  /* Nothing to warn about: no warnings group at all. */
  g_assert_false (shown (GTK_WIDGET (find_group (window, "Warnings"))));
  g_assert_false (shows_text (window, "Warnings"));

  valid_until = row_value (window, "Valid until");
  g_assert_nonnull (valid_until);
  g_assert_true (g_str_has_suffix (valid_until, " (valid for another 41 min)") ||
                 g_str_has_suffix (valid_until, " (valid for another 42 min)"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_row (window, "Valid until", 0)), "error"));
  g_assert_null (strstr (row_value (window, "Valid from"), "starts in"));
  close_window (window);
}

static void
test_not_yet_valid (void)
{
  g_autofree char *before = iso_from_now (30);
  g_autofree char *after = iso_from_now (60);
  GtkWindow *window = open_conditions (before, after);
  AdwActionRow *row;

  g_assert_true (has_warning (window, "The assertion is not valid yet"));
  row = find_row (window, "The assertion is not valid yet", 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "clock"));
  g_assert_nonnull (strstr (row_value (window, "Valid from"), "(starts in "));
  g_assert_false (has_warning (window, "The assertion has expired"));
  close_window (window);
}

static void
test_xml (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");
  g_autoptr(GtkTextBuffer) buffer = NULL;
  g_autofree char *pretty = sb_saml_dup_pretty_xml (saml);
  g_autofree char *text = NULL;
  GtkWindow *window = sb_assertion_window_new (NULL, saml, US_PLATFORM);
  g_autoptr(GPtrArray) views = NULL;
  GtkTextView *view;

  gtk_window_present (window);
  sb_test_iterate ();

  buffer = g_object_ref (sb_assertion_window_get_xml_buffer (SB_ASSERTION_WINDOW (window)));
  text = buffer_text (buffer);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_cmpstr (text, ==, pretty);
  g_assert_nonnull (strstr (text, "\n  <saml2:Issuer"));
  g_assert_nonnull (strstr (text, OKTA_ISSUER));

  /* Read-only, monospace, unwrapped. */
  gtk_widget_activate_action (GTK_WIDGET (window), "assertion.search", NULL);
  sb_test_iterate ();
  views = visible_widgets (window, GTK_TYPE_TEXT_VIEW);
  g_assert_cmpuint (views->len, ==, 1);
  view = g_ptr_array_index (views, 0);
  g_assert_true (gtk_text_view_get_buffer (view) == buffer);
  g_assert_false (gtk_text_view_get_editable (view));
  g_assert_false (gtk_text_view_get_cursor_visible (view));
  g_assert_true (gtk_text_view_get_monospace (view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_NONE);

  close_window (window);

  /* Closing empties the buffer. */
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
}

static GtkEditable *
search_entry (GtkWindow *window)
{
  g_autoptr(GPtrArray) entries = visible_widgets (window, GTK_TYPE_SEARCH_ENTRY);

  g_assert_cmpuint (entries->len, ==, 1);
  return g_ptr_array_index (entries, 0);
}

static GtkLabel *
match_label (GtkWindow *window)
{
  GtkWidget *entry = GTK_WIDGET (search_entry (window));

  return GTK_LABEL (gtk_widget_get_next_sibling (entry));
}

typedef struct {
  const char *text;
  gboolean    done;
} SearchWait;

static void
search_changed_cb (GtkEditable *entry,
                   SearchWait  *wait)
{
  if (g_strcmp0 (gtk_editable_get_text (entry), wait->text) == 0)
    wait->done = TRUE;
}

/* Types @text and waits for the entry's delayed search-changed for it
 * (replacing the text may first report the entry empty, right away).
 */
static void
search_for (GtkWindow  *window,
            const char *text)
{
  GtkEditable *entry = search_entry (window);
  SearchWait wait = { text, FALSE };
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &wait);

  gtk_editable_set_text (entry, text);
  g_assert_true (sb_test_wait_for_flag (&wait.done, 5));
  g_signal_handler_disconnect (entry, handler);
  sb_test_iterate ();
}

static guint
count_tagged (GtkTextBuffer *buffer,
              const char    *tag_name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;
  guint count = 0;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (gtk_text_iter_starts_tag (&iter, tag))
    count++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      if (gtk_text_iter_starts_tag (&iter, tag))
        count++;
    }

  return count;
}

/* The text under the current match. */
static char *
current_match (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "search-current");
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, tag) && !gtk_text_iter_forward_to_tag_toggle (&start, tag))
    return NULL;
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, tag);

  return gtk_text_iter_get_text (&start, &end);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  g_autofree char *lower = g_utf8_strdown (haystack, -1);
  guint count = 0;

  for (const char *p = lower; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    count++;

  return count;
}

static void
test_search (void)
{
  GtkWindow *window = open_window ("okta-signed.xml", US_PLATFORM);
  GtkTextBuffer *buffer = sb_assertion_window_get_xml_buffer (SB_ASSERTION_WINDOW (window));
  g_autofree char *text = buffer_text (buffer);
  g_autofree char *expected = NULL;
  g_autofree char *current = NULL;
  GtkWidget *search_bar;
  guint count;

  /* Ctrl+F’s action: the XML page, with the search bar open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "assertion.search", NULL);
  sb_test_iterate ();
  search_bar = gtk_widget_get_ancestor (GTK_WIDGET (search_entry (window)), GTK_TYPE_SEARCH_BAR);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  /* Every match is highlighted, case aside; the first is the current one. */
  count = count_occurrences (text, "okta.com");
  g_assert_cmpuint (count, >=, 2);
  search_for (window, "OKTA.com");
  g_assert_cmpuint (count_tagged (buffer, "search-match"), ==, count);
  g_assert_cmpuint (count_tagged (buffer, "search-current"), ==, 1);
  current = current_match (buffer);
  g_assert_cmpstr (current, ==, "okta.com");
  expected = g_strdup_printf ("1 of %u", count);
  g_assert_cmpstr (gtk_label_get_text (match_label (window)), ==, expected);

  /* Enter and Ctrl+G go on, Shift+Enter and Ctrl+Shift+G back, round the ends. */
  g_signal_emit_by_name (search_entry (window), "activate");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("2 of %u", count);
  g_assert_cmpstr (gtk_label_get_text (match_label (window)), ==, expected);

  gtk_widget_activate_action (GTK_WIDGET (window), "assertion.find-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "assertion.find-previous", NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u of %u", count, count);
  g_assert_cmpstr (gtk_label_get_text (match_label (window)), ==, expected);

  g_signal_emit_by_name (search_entry (window), "next-match");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("1 of %u", count);
  g_assert_cmpstr (gtk_label_get_text (match_label (window)), ==, expected);

  /* The search goes on from the match shown as the term grows. */
  g_signal_emit_by_name (search_entry (window), "activate");
  search_for (window, "okta.com/exk1fakeokta0000h7");
  g_assert_cmpuint (count_tagged (buffer, "search-match"), ==, count_occurrences (text, "okta.com/exk1fakeokta0000h7"));
  g_clear_pointer (&current, g_free);
  current = current_match (buffer);
  g_assert_cmpstr (current, ==, "okta.com/exk1fakeokta0000h7");

  /* Nothing found: said, and the entry marked. */
  search_for (window, "no-such-thing-here");
  g_assert_cmpuint (count_tagged (buffer, "search-match"), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (match_label (window)), ==, "No matches");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (search_entry (window)), "error"));

  /* Closing the search clears the highlights. */
  search_for (window, "saml");
  g_assert_cmpuint (count_tagged (buffer, "search-match"), >, 0);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (search_bar), FALSE);
  sb_test_iterate ();
  g_assert_cmpuint (count_tagged (buffer, "search-match"), ==, 0);
  g_assert_cmpuint (count_tagged (buffer, "search-current"), ==, 0);

  close_window (window);
}

static void
copied_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

typedef struct {
  gboolean  reading;
  char     *text;
} CopyWait;

/* The first change is the copy: read it back. */
static void
clipboard_changed_cb (GdkClipboard *clipboard,
                      CopyWait     *wait)
{
  if (wait->reading)
    return;

  wait->reading = TRUE;
  gdk_clipboard_read_text_async (clipboard, NULL, copied_cb, &wait->text);
}

/* Activates @row, or @action when @row is %NULL, and reads what it copied.
 * A row activates its button, which clicks after a short visual press.
 */
static char *
copy_with (GtkWindow    *window,
           AdwActionRow *row,
           const char   *action)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  CopyWait wait = { FALSE, NULL };
  gulong handler = g_signal_connect (clipboard, "changed", G_CALLBACK (clipboard_changed_cb), &wait);

  if (row != NULL)
    adw_action_row_activate (row);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);

  g_assert_true (sb_test_wait_for_pointer (&wait.text, 5));
  g_signal_handler_disconnect (clipboard, handler);

  return wait.text;
}

static void
test_copy (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("keycloak.xml");
  g_autofree char *pretty = sb_saml_dup_pretty_xml (saml);
  g_autofree char *copied = NULL;
  GtkWindow *window = sb_assertion_window_new (NULL, saml, US_PLATFORM);

  gtk_window_present (window);
  sb_test_iterate ();

  /* A row’s copy button copies its value; the row itself activates it. */
  copied = copy_with (window, find_row (window, "Issuer", 0), NULL);
  g_assert_cmpstr (copied, ==, "https://keycloak.example.org/realms/anypoint");

  g_clear_pointer (&copied, g_free);
  copied = copy_with (window, find_row (window, "Role", 0), NULL);
  g_assert_cmpstr (copied, ==, "offline_access\numa_authorization\nanypoint-admin");

  /* The header bar’s Copy copies the whole XML. */
  g_clear_pointer (&copied, g_free);
  copied = copy_with (window, NULL, "assertion.copy-xml");
  g_assert_cmpstr (copied, ==, pretty);

  sb_clipboard_clear (sb_clipboard_get_default ());
  close_window (window);
}

/* Every icon-only button says what it does. */
static void
test_icon_buttons (void)
{
  GtkWindow *window = open_window ("okta-signed.xml", US_PLATFORM);
  g_autoptr(GPtrArray) buttons = NULL;
  guint checked = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "assertion.search", NULL);
  sb_test_iterate ();
  buttons = visible_widgets (window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_get_ancestor (button, GTK_TYPE_WINDOW_CONTROLS) != NULL ||
          gtk_button_get_icon_name (GTK_BUTTON (button)) == NULL)
        continue;

      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      checked++;
    }

  /* Copy XML, Search, previous and next match. */
  g_assert_cmpuint (checked, >=, 4);
  close_window (window);
}

static void
test_close (void)
{
  GtkWindow *window = open_window ("okta-signed.xml", US_PLATFORM);
  g_autoptr(GtkTextBuffer) buffer = g_object_ref (sb_assertion_window_get_xml_buffer (SB_ASSERTION_WINDOW (window)));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  sb_test_iterate ();

  g_assert_null (window);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/assertion-window/okta", test_okta);
  g_test_add_func ("/assertion-window/keycloak", test_keycloak);
  g_test_add_func ("/assertion-window/encrypted", test_encrypted);
  g_test_add_func ("/assertion-window/sp-initiated", test_sp_initiated);
  g_test_add_func ("/assertion-window/error-status", test_error_status);
  g_test_add_func ("/assertion-window/audience-warning", test_audience_warning);
  g_test_add_func ("/assertion-window/no-username", test_no_username);
  g_test_add_func ("/assertion-window/markup", test_markup);
  g_test_add_func ("/assertion-window/valid", test_valid);
  g_test_add_func ("/assertion-window/not-yet-valid", test_not_yet_valid);
  g_test_add_func ("/assertion-window/xml", test_xml);
  g_test_add_func ("/assertion-window/search", test_search);
  g_test_add_func ("/assertion-window/copy", test_copy);
  g_test_add_func ("/assertion-window/icon-buttons", test_icon_buttons);
  g_test_add_func ("/assertion-window/close", test_close);

  return g_test_run ();
}
