#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window-private.h"
#include "sb-clipboard.h"
#include "sb-profile-store.h"
#include "sb-trace.h"
#include "sb-url.h"

#define WORKING_DELAY_MS 150
/* The longest a toast takes to slide in, replacing another. */
#define TOAST_SHOW_MS 500

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIGN_IN,
  PROP_PROFILE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = {
  [SB_WINDOW_PAGE_SETUP] = "setup",
  [SB_WINDOW_PAGE_SIGN_IN] = "signin",
  [SB_WINDOW_PAGE_WORKING] = "working",
  [SB_WINDOW_PAGE_RESULT] = "result",
  [SB_WINDOW_PAGE_ERROR] = "error",
};

SbWindowPage
_sb_window_get_page (SbWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return i;

  g_assert_not_reached ();
}

static void
show_page (SbWindow     *self,
           SbWindowPage  page)
{
  gboolean signing_in = page == SB_WINDOW_PAGE_SIGN_IN;

  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  gtk_stack_set_visible_child_name (self->title_stack, signing_in ? "host" : "title");
  gtk_widget_set_visible (self->back_button, signing_in);
  gtk_widget_set_visible (self->reload_button, signing_in);
  /* At 360 px the page's host needs the room; profiles are switched from the other pages. */
  gtk_widget_set_visible (GTK_WIDGET (self->profile_button), !signing_in);
  if (page == SB_WINDOW_PAGE_SETUP)
    adw_window_title_set_subtitle (self->window_title, NULL);

  _sb_window_actions_update (self);
}

/* The token of a sign-in that got one, or NULL. */
SbToken *
_sb_window_get_token (SbWindow *self)
{
  return self->sign_in != NULL ? sb_sign_in_get_token (self->sign_in) : NULL;
}

/* The response a capture-only profile captured, once it is shown, or NULL. */
SbCapture *
_sb_window_get_capture (SbWindow *self)
{
  if (self->sign_in == NULL || !sb_sign_in_is_capture_only (self->sign_in) ||
      sb_sign_in_get_state (self->sign_in) != SB_SIGN_IN_STATE_DONE)
    return NULL;

  return sb_sign_in_get_capture (self->sign_in);
}

static void
on_toast_dismissed (AdwToast *toast,
                    SbWindow *self)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* @text is plain: a toast's title is markup, and messages quote the platform.
 * A new toast replaces the one on screen rather than waiting behind it. */
void
_sb_window_show_toast (SbWindow   *self,
                       const char *text)
{
  g_autofree char *title = g_markup_escape_text (text, -1);
  AdwToast *toast;

  /* libadwaita 1.2 frees a toast dismissed while it slides in, and then touches it
   * when the slide ends (fixed in 1.3): one that young takes the new text instead. */
  if (self->toast != NULL && g_get_monotonic_time () - self->toast_shown_at < TOAST_SHOW_MS * 1000)
    {
      adw_toast_set_title (self->toast, title);
      return;
    }

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  self->toast = toast;
  self->toast_shown_at = g_get_monotonic_time ();
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The toast names only the token: anything longer is cut at 360 px, and the person
 * knows which of Copy As they chose. */
void
_sb_window_copy_secret (SbWindow   *self,
                        const char *text,
                        gboolean    is_token)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  guint delay = g_settings_get_uint (self->settings, "clipboard-clear-seconds");
  g_autofree char *message = NULL;

  sb_clipboard_copy_secret (sb_clipboard_get_default (), clipboard, text, delay);

  /* Translators: "s" is seconds; the toast must fit a 360-pixel window. */
  if (delay > 0 && is_token)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Token copied, cleared in %u s",
                                            "Token copied, cleared in %u s", delay), delay);
  else if (delay > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied, cleared in %u s",
                                            "Copied, cleared in %u s", delay), delay);
  else
    message = g_strdup (is_token ? _("Token copied") : _("Copied"));

  _sb_window_show_toast (self, message);
}

static gboolean
show_working_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->working_id = 0;
  show_page (self, SB_WINDOW_PAGE_WORKING);

  return G_SOURCE_REMOVE;
}

static void
show_result (SbWindow *self)
{
  sb_result_page_show (self->result_page, self->sign_in);
  show_page (self, SB_WINDOW_PAGE_RESULT);
  gtk_widget_grab_focus (GTK_WIDGET (self->result_page));
}

static gboolean
focus_login_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->focus_login_id = 0;
  if (_sb_window_get_page (self) == SB_WINDOW_PAGE_SIGN_IN)
    gtk_widget_grab_focus (GTK_WIDGET (self->login_view));

  return G_SOURCE_REMOVE;
}

/* The sign-in page, once its web view is there: the state changes before the page starts. */
static void
show_sign_in_page (SbWindow *self)
{
  if (_sb_window_get_page (self) == SB_WINDOW_PAGE_SIGN_IN)
    return;

  show_page (self, SB_WINDOW_PAGE_SIGN_IN);
  g_clear_handle_id (&self->focus_login_id, g_source_remove);
  self->focus_login_id = g_idle_add (focus_login_cb, self);
}

/* The token (or the captured response) goes where the user asked: --print takes it from the sign-in itself. */
static void
deliver (SbWindow *self)
{
  SbToken *token = _sb_window_get_token (self);

  if (self->delivery == SB_DELIVERY_PRINT)
    return;

  if (self->delivery == SB_DELIVERY_CLIPBOARD && token != NULL)
    _sb_window_copy_secret (self, sb_token_get_access_token (token), TRUE);
  else if (self->delivery == SB_DELIVERY_CLIPBOARD)
    _sb_window_copy_secret (self, sb_capture_get_saml_response (sb_sign_in_get_capture (self->sign_in)), FALSE);

  sb_trace ("token-delivered");
}

static gboolean
is_name_taken (const char *name,
               SbProfile  *except)
{
  GListModel *profiles = G_LIST_MODEL (sb_profile_store_get_default ());

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(SbProfile) profile = g_list_model_get_item (profiles, i);

      if (profile != except && g_strcmp0 (sb_profile_get_name (profile), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A name left as setup suggested it gives way to the organization's, once the
 * platform said which organization signed in, unless another profile has it. */
static void
name_after_organization (SbWindow *self)
{
  SbToken *token = _sb_window_get_token (self);
  g_autofree char *organization = NULL;

  if (!self->name_suggested || self->profile == NULL || token == NULL ||
      sb_token_get_organization (token) == NULL)
    return;

  self->name_suggested = FALSE;
  organization = g_strstrip (g_strdup (sb_token_get_organization (token)));
  if (*organization != '\0' && !is_name_taken (organization, self->profile))
    sb_profile_set_name (self->profile, organization);
}

/* Whether the window's sign-ins look for a kept token and keep the one they get. */
static gboolean
uses_keyring (SbWindow *self)
{
  return self->keep_tokens && self->profile != NULL && sb_profile_get_keep_tokens (self->profile) &&
         sb_profile_get_kind (self->profile) != SB_PROFILE_KIND_CAPTURE;
}

/* Whether the token was kept, or why not; said of a missing keyring once per process. */
static void
show_keyring (SbWindow *self)
{
  static gboolean told_unavailable;
  const GError *error = sb_sign_in_get_cache_error (self->sign_in);

  if (!uses_keyring (self))
    sb_result_page_show_keyring (self->result_page, FALSE, NULL);
  else if (error == NULL)
    sb_result_page_show_keyring (self->result_page, TRUE, NULL);
  else if (!g_error_matches (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE))
    sb_result_page_show_keyring (self->result_page, FALSE, error->message);
  else if (!told_unavailable)
    {
      told_unavailable = TRUE;
      sb_result_page_show_keyring (self->result_page, FALSE,
                                   _("No keyring is running in this session, so tokens are not kept: each sign-in gets a new one."));
    }
  else
    sb_result_page_show_keyring (self->result_page, FALSE, NULL);
}

/* The token is there and the platform said whose it is. */
static void
show_done (SbWindow *self)
{
  name_after_organization (self);
  sb_result_page_show_who (self->result_page, sb_sign_in_get_who_error (self->sign_in));
  show_keyring (self);
  _sb_window_renewal_withdraw (self);
  _sb_window_renewal_follow (self);
}

static void
on_sign_in_state (SbSignIn   *sign_in,
                  GParamSpec *pspec,
                  SbWindow   *self)
{
  switch (sb_sign_in_get_state (sign_in))
    {
    case SB_SIGN_IN_STATE_LOOKING_UP:
      /* The keyring and one request to the platform: no sign-in page unless they find nothing. */
      show_page (self, SB_WINDOW_PAGE_WORKING);
      break;

    case SB_SIGN_IN_STATE_LOADING:
      show_sign_in_page (self);
      break;

    case SB_SIGN_IN_STATE_EXCHANGING:
      /* The answer usually comes within milliseconds: redrawing for a spinner first would only delay it. */
      g_clear_handle_id (&self->working_id, g_source_remove);
      self->working_id = g_timeout_add (WORKING_DELAY_MS, show_working_cb, self);
      break;

    case SB_SIGN_IN_STATE_VERIFYING:
      g_clear_handle_id (&self->working_id, g_source_remove);
      show_result (self);
      deliver (self);
      break;

    case SB_SIGN_IN_STATE_DONE:
      if (sb_sign_in_is_capture_only (sign_in))
        {
          show_result (self);
          deliver (self);
        }
      else
        {
          /* A kept token comes with no exchange: straight to the result. */
          if (_sb_window_get_page (self) != SB_WINDOW_PAGE_RESULT)
            {
              show_result (self);
              deliver (self);
            }
          show_done (self);
        }
      break;

    case SB_SIGN_IN_STATE_FAILED:
      g_clear_handle_id (&self->working_id, g_source_remove);
      sb_error_page_show (self->error_page, sign_in);
      show_page (self, SB_WINDOW_PAGE_ERROR);
      if (self->silent && self->delivery != SB_DELIVERY_PRINT)
        {
          self->silent = FALSE;
          gtk_window_present (GTK_WINDOW (self));
        }
      break;

    case SB_SIGN_IN_STATE_IDLE:
    case SB_SIGN_IN_STATE_WAITING:
    default:
      break;
    }

  _sb_window_actions_update (self);
}

void
_sb_window_drop_sign_in (SbWindow *self)
{
  _sb_window_renewal_stop (self);
  g_clear_handle_id (&self->working_id, g_source_remove);
  g_clear_handle_id (&self->focus_login_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  sb_result_page_clear (self->result_page);

  if (self->sign_in == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->sign_in, self);
  g_clear_object (&self->sign_in);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN]);
}

/* The header's button names the window's profile. */
static void
update_profile_button (SbWindow *self)
{
  const char *name = self->profile != NULL ? sb_profile_get_name (self->profile) : "";

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_button), *name != '\0' ? name : _("Switch Profile"));
}

/* Preferences may have deleted the saved profile since this window took it. */
void
_sb_window_refresh_profile (SbWindow *self)
{
  const char *id = self->profile != NULL ? sb_profile_get_id (self->profile) : NULL;
  SbProfile *stored;

  if (id == NULL)
    return;

  stored = sb_profile_store_lookup (sb_profile_store_get_default (), id);
  if (stored == self->profile)
    return;

  g_set_object (&self->profile, stored);
  update_profile_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_ID]);
}

/* A sign-in with the window's profile and settings; @fresh ones do not look for a kept token. */
SbSignIn *
_sb_window_new_sign_in (SbWindow *self,
                        gboolean  fresh)
{
  guint timeout = self->timeout ? self->timeout : g_settings_get_uint (self->settings, "request-timeout");
  SbSignIn *sign_in = sb_sign_in_new (self->profile, SB_PAGE_SOURCE (self->login_view));

  sb_sign_in_set_timeout (sign_in, timeout);
  sb_sign_in_set_proxy (sign_in, self->proxy_url);
  if (self->keep_tokens)
    sb_sign_in_set_token_cache (sign_in, sb_token_cache_get_default ());
  sb_sign_in_set_fresh (sign_in, fresh || self->fresh);
  if (self->min_valid_set)
    sb_sign_in_set_min_valid (sign_in, self->min_valid);
  sb_login_view_set_proxy (self->login_view, self->proxy_url);

  return sign_in;
}

static void
set_sign_in (SbWindow *self,
             SbSignIn *sign_in)
{
  _sb_window_drop_sign_in (self);

  self->cancellable = g_cancellable_new ();
  self->sign_in = sign_in;
  g_signal_connect_object (self->sign_in, "notify::state", G_CALLBACK (on_sign_in_state), self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN]);
}

void
_sb_window_start_sign_in (SbWindow *self,
                          gboolean  fresh)
{
  gboolean capture_only = sb_profile_get_kind (self->profile) == SB_PROFILE_KIND_CAPTURE;
  g_autofree char *host = sb_url_display_host (capture_only ? sb_profile_get_acs_url (self->profile)
                                                            : sb_profile_get_platform_url (self->profile));

  set_sign_in (self, _sb_window_new_sign_in (self, fresh));

  adw_window_title_set_subtitle (self->window_title, host);
  sb_working_page_set_host (self->working_page, host);

  /* The state shows the page: the working page while the keyring is asked, else the sign-in page. */
  sb_sign_in_start (self->sign_in);
}

/* The renewal that got a new token takes the place of the sign-in shown, without
 * moving the focus or copying anything: the person may be busy in the window. */
void
_sb_window_adopt_sign_in (SbWindow *self,
                          SbSignIn *sign_in)
{
  g_assert (sb_sign_in_get_state (sign_in) == SB_SIGN_IN_STATE_DONE);

  set_sign_in (self, g_object_ref (sign_in));
  sb_result_page_show (self->result_page, self->sign_in);
  show_page (self, SB_WINDOW_PAGE_RESULT);
  show_done (self);
  _sb_window_show_toast (self, _("Token renewed"));
}

/* The IdP's page waits for the person: a renewal out of sight gives up, and a window
 * that waited out of sight is shown. */
static void
on_needs_person (SbWindow *self)
{
  if (_sb_window_renewal_needs_person (self))
    return;

  if (self->silent && self->sign_in != NULL)
    {
      self->silent = FALSE;
      gtk_window_present (GTK_WINDOW (self));
    }
}

void
_sb_window_show_setup (SbWindow *self)
{
  _sb_window_drop_sign_in (self);
  sb_login_view_stop (self->login_view);
  sb_setup_page_fill (self->setup_page, self->profile);
  show_page (self, SB_WINDOW_PAGE_SETUP);
  gtk_widget_grab_focus (GTK_WIDGET (self->setup_page));
}

static void
on_login_notify (SbWindow *self)
{
  _sb_window_actions_update (self);
}

/* The menu lists the saved profiles by name, followed as they are renamed;
 * win.switch-profile's state, the window's profile id, marks the one in use. */
static void
rebuild_profile_menu (SbWindow *self)
{
  GListModel *profiles = G_LIST_MODEL (sb_profile_store_get_default ());

  g_menu_remove_all (self->profile_section);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(SbProfile) profile = g_list_model_get_item (profiles, i);
      const char *name = sb_profile_get_name (profile);
      g_autoptr(GString) label = g_string_new (*name != '\0' ? name : _("Unnamed Profile"));
      g_autoptr(GMenuItem) item = NULL;

      /* Menu labels take underscores as mnemonics. */
      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target (item, "win.switch-profile", "s", sb_profile_get_id (profile));
      g_menu_append_item (self->profile_section, item);

      g_signal_handlers_disconnect_by_func (profile, rebuild_profile_menu, self);
      g_signal_connect_object (profile, "notify::name", G_CALLBACK (rebuild_profile_menu), self, G_CONNECT_SWAPPED);
    }

  update_profile_button (self);
}

/* Choosing a profile in the menu signs in with it, the one in use too. */
static void
switch_profile (SbWindow   *self,
                const char *id)
{
  SbProfileStore *store = sb_profile_store_get_default ();
  SbProfile *profile = sb_profile_store_lookup (store, id);

  if (profile == NULL)
    return;

  sb_profile_store_set_last_used (store, profile);
  sb_window_set_profile (self, profile);
  sb_window_begin (self);
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  _sb_window_drop_sign_in (self);
  _sb_window_renewal_withdraw (self);

  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  _sb_window_renewal_withdraw (self);
  if (self->login_view != NULL)
    g_signal_handlers_disconnect_by_data (self->login_view, self);
  if (self->result_page != NULL)
    _sb_window_drop_sign_in (self);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->proxy_url, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIGN_IN: g_value_set_object (value, self->sign_in); break;
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile != NULL && sb_profile_get_id (self->profile) != NULL
                                 ? sb_profile_get_id (self->profile) : "");
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE_ID: switch_profile (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->get_property = sb_window_get_property;
  object_class->set_property = sb_window_set_property;
  window_class->close_request = sb_window_close_request;

  properties[PROP_SIGN_IN] =
    g_param_spec_object ("sign-in", NULL, NULL, SB_TYPE_SIGN_IN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The id of the saved profile in use, or ""; setting it signs in with that profile (win.switch-profile). */
  properties[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_PAGE_TITLE);
  g_type_ensure (SB_TYPE_SETUP_PAGE);
  g_type_ensure (SB_TYPE_LOGIN_VIEW);
  g_type_ensure (SB_TYPE_WORKING_PAGE);
  g_type_ensure (SB_TYPE_RESULT_PAGE);
  g_type_ensure (SB_TYPE_ERROR_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, profile_section);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, login_view);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, working_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, result_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, error_page);

  _sb_window_class_actions_init (klass);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->delivery = SB_DELIVERY_CLIPBOARD;
  self->keep_tokens = TRUE;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_object_bind_property (self->login_view, "host", self->page_title, "host", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->login_view, "security", self->page_title, "security", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->login_view, "notify::can-go-back", G_CALLBACK (on_login_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->login_view, "needs-person", G_CALLBACK (on_needs_person), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_profile_store_get_default (), "items-changed",
                           G_CALLBACK (rebuild_profile_menu), self, G_CONNECT_SWAPPED);
  rebuild_profile_menu (self);
  show_page (self, SB_WINDOW_PAGE_SETUP);
}

SbWindow *
sb_window_new (GtkApplication *application,
               SbProfile      *profile)
{
  SbWindow *self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);

  if (application != NULL)
    _sb_window_add_app_actions (application);
  sb_window_set_profile (self, profile);

  return self;
}

/* Where a token goes once it is there; SB_DELIVERY_PRINT leaves it to whoever
 * watches the window's sign-in. */
void
sb_window_set_delivery (SbWindow   *self,
                        SbDelivery  delivery)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->delivery = delivery;
}

void
sb_window_set_timeout (SbWindow *self,
                       guint     seconds)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->timeout = seconds;
}

void
sb_window_set_proxy (SbWindow   *self,
                     const char *proxy_url)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  g_free (self->proxy_url);
  self->proxy_url = g_strdup (proxy_url);
}

void
sb_window_set_profile (SbWindow  *self,
                       SbProfile *profile)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (!profile || SB_IS_PROFILE (profile));

  _sb_window_drop_sign_in (self);
  g_set_object (&self->profile, profile);
  self->name_suggested = FALSE;
  update_profile_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_ID]);
}

/* The sign-in running or last run in this window, or NULL; "notify::sign-in" tells when a new one starts. */
SbSignIn *
sb_window_get_sign_in (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->sign_in;
}

/* Sign in with the profile if it is complete, or ask for what is missing. */
void
sb_window_begin (SbWindow *self)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  _sb_window_refresh_profile (self);

  if (self->profile != NULL && sb_profile_is_complete (self->profile))
    _sb_window_start_sign_in (self, FALSE);
  else
    _sb_window_show_setup (self);
}

/* A silent window is not presented by its caller: it presents itself when the IdP's page
 * waits for the person, or when the sign-in fails and the token is not for --print. */
void
sb_window_set_silent (SbWindow *self,
                      gboolean  silent)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->silent = !!silent;
}

/* Fresh sign-ins do not look for a kept token (the new one is kept all the same). */
void
sb_window_set_fresh (SbWindow *self,
                     gboolean  fresh)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->fresh = !!fresh;
}

/* A kept token is taken only with more than @minutes left (default 5). */
void
sb_window_set_min_valid (SbWindow *self,
                         guint     minutes)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->min_valid = minutes;
  self->min_valid_set = TRUE;
}

/* FALSE: the window's sign-ins neither take a kept token nor keep theirs (--no-cache). */
void
sb_window_set_keep_tokens (SbWindow *self,
                           gboolean  keep)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  self->keep_tokens = !!keep;
}
