/* What the window tests share: saved profiles for the mock, windows that sign in with
 * them as a person would, what the window shows, and the keyring's tokens. */
#define G_LOG_DOMAIN "sb-test-window"

#include "config.h"

#include "sb-test-window.h"
#include "sb-preferences.h"
#include "sb-profile-store.h"
#include "sb-test-utils.h"
#include "sb-token-cache.h"

#include <string.h>
#include <webkit/webkit.h>

/* A saved profile for the mock, signing in at the IdP with @query. */
SbProfile *
sb_test_add_profile (SbMock     *mock,
                     const char *name,
                     const char *query,
                     gboolean    remember)
{
  SbProfile *profile = sb_profile_new (NULL);
  g_autofree char *idp_url = sb_mock_dup_sso_url (mock, query);

  sb_profile_set_name (profile, name);
  sb_profile_set_platform_url (profile, sb_mock_get_platform_url (mock));
  sb_profile_set_idp_url (profile, idp_url);
  sb_profile_set_remember (profile, remember);
  sb_profile_store_add (sb_profile_store_get_default (), profile);

  return profile;
}

/* A window of @application for @profile, 360 px wide, that shows its token without copying it. */
SbWindow *
sb_test_window_new (GtkApplication *application,
                    SbProfile      *profile)
{
  SbWindow *window = sb_window_new (application, profile);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  sb_window_set_delivery (window, SB_DELIVERY_SHOW);
  sb_window_set_timeout (window, 30);

  return window;
}

void
sb_test_window_close (SbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate ();
}

/* Closes the windows and Preferences, and deletes the saved profiles. */
void
sb_test_window_clean_up (void)
{
  SbProfileStore *store = sb_profile_store_get_default ();
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SB_IS_PREFERENCES (l->data) || SB_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
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

SbSignInState
sb_test_window_state (SbWindow *window)
{
  SbSignIn *sign_in = sb_window_get_sign_in (window);

  return sign_in != NULL ? sb_sign_in_get_state (sign_in) : SB_SIGN_IN_STATE_IDLE;
}

gboolean
sb_test_window_is_over (gpointer data)
{
  SbSignInState state = sb_test_window_state (data);

  return state == SB_SIGN_IN_STATE_DONE || state == SB_SIGN_IN_STATE_FAILED;
}

void
sb_test_window_wait_done (SbWindow *window)
{
  g_assert_true (sb_test_wait_for (sb_test_window_is_over, window, 30));
  if (sb_test_window_state (window) == SB_SIGN_IN_STATE_FAILED)
    g_error ("The sign-in failed: %s", sb_sign_in_get_error (sb_window_get_sign_in (window))->message);
  g_assert_cmpint (_sb_window_get_page (window), ==, SB_WINDOW_PAGE_RESULT);
}

static gboolean
is_waiting (gpointer data)
{
  return sb_test_window_state (data) == SB_SIGN_IN_STATE_WAITING;
}

gboolean
sb_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static WebKitWebView *
find_web_view (GtkWidget *widget)
{
  if (WEBKIT_IS_WEB_VIEW (widget))
    return WEBKIT_WEB_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      WebKitWebView *found = find_web_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Fills in the mock IdP's form and sends it, as the person would. */
void
sb_test_window_fill_in_form (SbWindow *window)
{
  g_autofree char *script = g_strdup_printf ("document.getElementById ('username').value = '%s';"
                                             "document.getElementById ('password').value = '%s';"
                                             "document.forms[0].submit ();",
                                             SB_MOCK_USERNAME, SB_MOCK_PASSWORD);
  WebKitWebView *web_view;

  g_assert_true (sb_test_wait_for (is_waiting, window, 30));
  web_view = find_web_view (GTK_WIDGET (window->login_view));
  g_assert_nonnull (web_view);
  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

/* Whether a visible label under @widget shows @text. */
gboolean
sb_test_shows_text (GtkWidget  *widget,
                    const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (sb_test_shows_text (child, text))
      return TRUE;

  return FALSE;
}

typedef struct {
  GtkWidget  *widget;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return sb_test_shows_text (wait->widget, wait->text);
}

void
sb_test_assert_shows (SbWindow   *window,
                      const char *text)
{
  TextWait wait = { GTK_WIDGET (window), text };

  if (!sb_test_wait_for (text_shown, &wait, 5))
    g_error ("The window does not show “%s”", text);
}

GtkWidget *
sb_test_find_row (GtkWidget  *widget,
                  GType       type,
                  const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sb_test_find_row (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
sb_test_find_button (GtkWidget  *widget,
                     const char *action)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sb_test_find_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

SbToken *
sb_test_look_up (SbProfile *profile)
{
  SbTokenCache *cache = sb_token_cache_get_default ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SbToken *token;

  sb_token_cache_lookup_async (cache, profile, NULL, sb_test_on_result, &result);
  token = sb_token_cache_lookup_finish (cache, sb_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return token;
}

/* The kept token, as if it had been obtained @minutes ago. */
void
sb_test_age_kept_token (SbProfile *profile,
                        int        minutes)
{
  SbTokenCache *cache = sb_token_cache_get_default ();
  g_autoptr(SbToken) kept = sb_test_look_up (profile);
  g_autoptr(SbToken) aged = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -minutes);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (kept);
  aged = sb_token_new (sb_token_get_platform_url (kept), sb_token_get_access_token (kept),
                       sb_token_get_token_type (kept), then, sb_profile_get_session_minutes (profile));
  sb_token_set_user (aged, sb_token_get_user (kept));

  sb_token_cache_store_async (cache, profile, aged, NULL, sb_test_on_result, &result);
  g_assert_true (sb_token_cache_store_finish (cache, sb_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

/* The sha256 of the token the window shows, as the mock names the last one it issued. */
char *
sb_test_window_dup_token_hash (SbWindow *window)
{
  SbToken *token = sb_sign_in_get_token (sb_window_get_sign_in (window));

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, sb_token_get_access_token (token), -1);
}

gint64
sb_test_mock_stat (SbMock     *mock,
                   const char *name)
{
  g_autofree char *json = sb_mock_dup_stats_json (mock);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return json_object_get_int_member (json_node_get_object (node), name);
}

/* A window for @profile that signed in with the mock IdP's form, the IdP's cookie kept if the profile remembers it. */
SbWindow *
sb_test_window_sign_in_with_form (GtkApplication *application,
                                  SbProfile      *profile)
{
  SbWindow *window = sb_test_window_new (application, profile);

  gtk_window_present (GTK_WINDOW (window));
  sb_window_begin (window);
  sb_test_window_fill_in_form (window);
  sb_test_window_wait_done (window);

  return window;
}
