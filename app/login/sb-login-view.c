#define G_LOG_DOMAIN "sb-login-view"

#include "config.h"

#include "sb-login-view.h"
#include "sb-login-view-private.h"
#include "sb-page-source.h"
#include "sb-secret.h"
#include "sb-trace.h"
#include "sb-url.h"

#include <glib/gi18n.h>

static void sb_login_view_page_source_init (SbPageSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbLoginView, sb_login_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SB_TYPE_PAGE_SOURCE, sb_login_view_page_source_init))

enum {
  PROP_0,
  PROP_HOST,
  PROP_SECURITY,
  PROP_PROGRESS,
  PROP_LOADING,
  PROP_CAN_GO_BACK,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NEEDS_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Once per start: the page, a dialog or a window it opened waits for the person. */
static void
needs_person (SbLoginView *self)
{
  sb_input_watch_stop (self->input_watch);
  if (self->needs_person)
    return;

  self->needs_person = TRUE;
  g_signal_emit (self, signals[NEEDS_PERSON], 0);
}

void
_sb_login_view_fail (SbLoginView *self,
                     GError      *error)
{
  sb_input_watch_stop (self->input_watch);
  sb_page_source_emit_failed (SB_PAGE_SOURCE (self), error);
}

static void
set_notice (SbLoginView *self,
            const char  *text)
{
  if (g_strcmp0 (self->notice, text) == 0)
    return;

  g_free (self->notice);
  self->notice = g_strdup (text);

  if (text != NULL)
    gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
  if (text != NULL)
    needs_person (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

static void
on_captured (SbCaptureScript *script,
             SbCapture       *capture,
             SbLoginView     *self)
{
  sb_input_watch_stop (self->input_watch);
  sb_page_source_emit_captured (SB_PAGE_SOURCE (self), capture);
}

static void
on_unconfirmed (SbCaptureScript *script,
                const char      *url,
                SbLoginView     *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = sb_url_display_host (url);

  error = g_error_new (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_UNCONFIRMED,
                       _("The sign-in page sent its answer to %s in a way SAML Bearer could not read, so it was stopped."),
                       host);
  _sb_login_view_fail (self, error);
}

static void
on_conflict (SbCaptureScript *script,
             const char      *url,
             SbLoginView     *self)
{
  g_autoptr(GError) error = NULL;

  error = g_error_new_literal (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_CONFLICT,
                               _("The sign-in page gave two different answers for one sign-in, so neither was used. Sign in again; if it happens again, the page may have been tampered with: tell your administrator."));
  _sb_login_view_fail (self, error);
}

static void
on_security_key (SbCaptureScript *script,
                 SbLoginView     *self)
{
  set_notice (self, _("Security keys cannot be used in SAML Bearer. Choose another way to sign in at your identity provider, such as an authenticator app or a code."));
}

static void
refuse_download (SbLoginView *self)
{
  set_notice (self, _("SAML Bearer does not download files. Sign in, or open this page in your browser."));
}

static gboolean
is_attachment (WebKitURIResponse *response)
{
  SoupMessageHeaders *headers = webkit_uri_response_get_http_headers (response);
  g_autofree char *disposition = NULL;

  if (headers == NULL || !soup_message_headers_get_content_disposition (headers, &disposition, NULL))
    return FALSE;

  return g_ascii_strcasecmp (disposition, "attachment") == 0;
}

/* What the view cannot show, WebKit would download: a sign-in has no use for files. */
static gboolean
decide_response (SbLoginView                  *self,
                 WebKitResponsePolicyDecision *decision)
{
  WebKitURIResponse *response = webkit_response_policy_decision_get_response (decision);

  if (webkit_response_policy_decision_is_mime_type_supported (decision) && !is_attachment (response))
    return FALSE;

  webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
  self->load_answered = TRUE;
  refuse_download (self);

  return TRUE;
}

static gboolean
on_decide_policy (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  SbLoginView              *self)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return decide_response (self, WEBKIT_RESPONSE_POLICY_DECISION (decision));

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  if (!sb_request_blocker_blocks (self->blocker, uri))
    return FALSE;

  /* The assertion is single-use: the web view must never deliver it itself, by any method. */
  webkit_policy_decision_ignore (decision);
  self->load_answered = TRUE;

  if (g_strcmp0 (webkit_uri_request_get_http_method (request), "POST") == 0)
    sb_capture_script_post_stopped (self->script, uri);
  else if (sb_capture_url_carries_response (uri))
    on_unconfirmed (self->script, uri, self);

  return TRUE;
}

void
_sb_login_view_set_host_and_security (SbLoginView *self,
                                      const char  *uri,
                                      SbSecurity   security)
{
  g_autofree char *host = uri != NULL ? sb_url_display_host (uri) : g_strdup ("");

  if (g_strcmp0 (host, self->host) != 0)
    {
      g_free (self->host);
      self->host = g_steal_pointer (&host);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
    }

  if (security != self->security)
    {
      self->security = security;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
    }
}

static void
on_progress_changed (WebKitWebView *web_view,
                     GParamSpec    *pspec,
                     SbLoginView   *self)
{
  self->progress = webkit_web_view_get_estimated_load_progress (web_view);
  gtk_progress_bar_set_fraction (self->progress_bar, self->progress);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
on_loading_changed (WebKitWebView *web_view,
                    GParamSpec    *pspec,
                    SbLoginView   *self)
{
  WebKitBackForwardList *list = webkit_web_view_get_back_forward_list (web_view);
  gboolean can_go_back = webkit_back_forward_list_get_back_item (list) != NULL;

  self->loading = webkit_web_view_is_loading (web_view);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (!self->loading)
    _sb_login_view_judge_when_idle (self);

  if (can_go_back != self->can_go_back)
    {
      self->can_go_back = can_go_back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
    }
}

static gboolean
on_permission_request (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       SbLoginView             *self)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

static GtkWindow *
parent_window (SbLoginView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* One question at a time: a new one replaces an unanswered one. */
static void
cancel_questions (SbLoginView *self)
{
  if (self->auth_dialog != NULL)
    sb_auth_dialog_cancel (self->auth_dialog);
  g_clear_object (&self->auth_dialog);
  if (self->certificates != NULL)
    sb_client_certificate_manager_cancel (self->certificates);
}

/* A server (or a proxy) that asks for a user name and password itself, outside any web
 * form, or for a TLS client certificate. */
static gboolean
on_authenticate (WebKitWebView               *web_view,
                 WebKitAuthenticationRequest *request,
                 SbLoginView                 *self)
{
  switch (webkit_authentication_request_get_scheme (request))
    {
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_REQUESTED:
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_PIN_REQUESTED:
      cancel_questions (self);
      needs_person (self);
      return sb_client_certificate_manager_request (self->certificates, request, parent_window (self));

    case WEBKIT_AUTHENTICATION_SCHEME_DEFAULT:
    case WEBKIT_AUTHENTICATION_SCHEME_HTTP_BASIC:
    case WEBKIT_AUTHENTICATION_SCHEME_HTTP_DIGEST:
    case WEBKIT_AUTHENTICATION_SCHEME_NTLM:
      cancel_questions (self);
      needs_person (self);
      self->auth_dialog = g_object_ref (sb_auth_dialog_new (request, parent_window (self)));
      gtk_window_present (GTK_WINDOW (self->auth_dialog));
      return TRUE;

    default:
      return FALSE;
    }
}

static void connect_web_view (SbLoginView   *self,
                              WebKitWebView *web_view);

/* IdP portals and MFA providers open windows; they share our session and policies. */
static WebKitWebView *
on_create (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           SbLoginView            *self)
{
  WebKitWebView *popup_view;

  popup_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                             "related-view", web_view,
                             "user-content-manager", sb_capture_script_get_content_manager (self->script),
                             "settings", self->settings,
                             NULL);
  connect_web_view (self, popup_view);

  needs_person (self);
  sb_popups_open (self->popups, popup_view, self->trust, parent_window (self));

  return popup_view;
}

static void
connect_web_view (SbLoginView   *self,
                  WebKitWebView *web_view)
{
  g_signal_connect_object (web_view, "decide-policy", G_CALLBACK (on_decide_policy), self, 0);
  g_signal_connect_object (web_view, "load-failed-with-tls-errors", G_CALLBACK (_sb_login_view_on_load_failed_with_tls_errors), self, 0);
  g_signal_connect_object (web_view, "permission-request", G_CALLBACK (on_permission_request), self, 0);
  g_signal_connect_object (web_view, "create", G_CALLBACK (on_create), self, 0);
  g_signal_connect_object (web_view, "authenticate", G_CALLBACK (on_authenticate), self, 0);
}

static void
ensure_script (SbLoginView *self)
{
  if (self->script != NULL)
    return;

  self->script = sb_capture_script_new ();
  g_signal_connect_object (self->script, "captured", G_CALLBACK (on_captured), self, 0);
  g_signal_connect_object (self->script, "unconfirmed", G_CALLBACK (on_unconfirmed), self, 0);
  g_signal_connect_object (self->script, "conflict", G_CALLBACK (on_conflict), self, 0);
  g_signal_connect_object (self->script, "security-key", G_CALLBACK (on_security_key), self, 0);
}

/* A new session forgets the certificates chosen and the servers trusted in the old one. */
static void
ensure_session (SbLoginView *self,
                SbProfile   *profile)
{
  if (!sb_web_session_set_profile (self->session, profile))
    return;

  sb_client_certificate_manager_forget_chosen (self->certificates);
  sb_tls_trust_set_session (self->trust, sb_web_session_get_network_session (self->session));
}

static void
destroy_web_view (SbLoginView *self)
{
  cancel_questions (self);
  if (self->popups != NULL)
    sb_popups_close_all (self->popups);
  if (self->script != NULL)
    sb_capture_script_reset (self->script);

  g_clear_handle_id (&self->dead_end_id, g_source_remove);
  if (self->input_watch != NULL)
    sb_input_watch_stop (self->input_watch);

  if (self->web_view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->web_view, self);
  sb_client_certificate_manager_set_web_view (self->certificates, NULL);

  /* WebKit would keep the finished page's process around; nothing here needs it any more. */
  webkit_web_view_terminate_web_process (self->web_view);
  gtk_overlay_set_child (self->overlay, NULL);
  self->web_view = NULL;
}

void
sb_login_view_start (SbLoginView *self,
                     SbProfile   *profile)
{
  g_autoptr(GError) error = NULL;
  const char *user_agent;

  g_return_if_fail (SB_IS_LOGIN_VIEW (self));
  g_return_if_fail (SB_IS_PROFILE (profile));

  destroy_web_view (self);
  ensure_script (self);
  ensure_session (self, profile);
  g_set_object (&self->profile, profile);

  if (!sb_request_blocker_set_profile (self->blocker, profile, &error))
    {
      _sb_login_view_fail (self, error);
      return;
    }
  sb_client_certificate_manager_set_profile (self->certificates, profile);
  sb_tls_trust_set_profile (self->trust, profile);

  user_agent = sb_profile_get_user_agent (profile);
  if (user_agent != NULL && *user_agent != '\0')
    webkit_settings_set_user_agent (self->settings, user_agent);
  else
    webkit_settings_set_user_agent (self->settings, NULL);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", sb_web_session_get_network_session (self->session),
                                 "user-content-manager", sb_capture_script_get_content_manager (self->script),
                                 "settings", self->settings,
                                 NULL);
  connect_web_view (self, self->web_view);
  /* Before the view's own "load-failed": it may load the page again instead. */
  sb_client_certificate_manager_set_web_view (self->certificates, self->web_view);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (_sb_login_view_on_load_changed), self, 0);
  g_signal_connect_object (self->web_view, "load-failed", G_CALLBACK (_sb_login_view_on_load_failed), self, 0);
  g_signal_connect_object (self->web_view, "web-process-terminated", G_CALLBACK (_sb_login_view_on_web_process_terminated), self, 0);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress", G_CALLBACK (on_progress_changed), self, 0);
  g_signal_connect_object (self->web_view, "notify::is-loading", G_CALLBACK (on_loading_changed), self, 0);
  gtk_overlay_set_child (self->overlay, GTK_WIDGET (self->web_view));

  self->page_loaded = FALSE;
  self->needs_person = FALSE;
  sb_input_watch_start (self->input_watch, self->web_view);
  self->shown = FALSE;
  self->load_answered = FALSE;
  g_clear_pointer (&self->web_uri, g_free);
  g_clear_pointer (&self->dropped_reason, g_free);
  sb_client_certificate_manager_forget_declined (self->certificates);
  set_notice (self, NULL);
  _sb_login_view_set_host_and_security (self, sb_profile_get_idp_url (profile), SB_SECURITY_NONE);
  webkit_web_view_load_uri (self->web_view, sb_profile_get_idp_url (profile));
}

void
sb_login_view_stop (SbLoginView *self)
{
  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  destroy_web_view (self);
}

void
sb_login_view_reload (SbLoginView *self)
{
  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  /* Asked again, a certificate can be chosen after all. */
  sb_client_certificate_manager_forget_declined (self->certificates);

  if (self->web_view == NULL && self->profile != NULL)
    sb_login_view_start (self, self->profile);
  else if (self->web_view != NULL)
    webkit_web_view_reload (self->web_view);
}

void
sb_login_view_go_back (SbLoginView *self)
{
  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  if (self->web_view != NULL)
    webkit_web_view_go_back (self->web_view);
}

void
sb_login_view_crash (SbLoginView *self)
{
  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  if (self->web_view != NULL)
    webkit_web_view_terminate_web_process (self->web_view);
}

/* The proxy for the sign-in pages: NULL or "" follows the desktop's settings, "direct://" uses none.
 * Takes effect on the next sb_login_view_start(). */
void
sb_login_view_set_proxy (SbLoginView *self,
                         const char  *proxy_url)
{
  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  sb_web_session_set_proxy (self->session, proxy_url);
}

/* Answers the pending HTTP authentication as if typed into its dialog (for the
 * tests); FALSE when none is pending. NULL @username cancels it. */
gboolean
sb_login_view_answer_authentication (SbLoginView *self,
                                     const char  *username,
                                     const char  *password)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), FALSE);

  return self->auth_dialog != NULL && sb_auth_dialog_answer (self->auth_dialog, username, password);
}

/* Answers the pending certificate question as if typed into its dialog (for the tests):
 * @certificate (a path or pkcs11: URI), @key and @password, or a NULL @certificate to
 * cancel. For a PIN question, @password is the PIN. Does nothing when none is pending. */
void
sb_login_view_answer_certificate (SbLoginView *self,
                                  const char  *certificate,
                                  const char  *key,
                                  const char  *password,
                                  gboolean     remember)
{
  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  sb_client_certificate_manager_answer (self->certificates, certificate, key, password, remember);
}

/* Whether a dialog asks for a client certificate (or its PIN) right now. */
gboolean
sb_login_view_get_certificate_pending (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), FALSE);

  return sb_client_certificate_manager_get_pending (self->certificates);
}

/* The message shown over the page (a refused download, an unusable security key), or NULL. */
const char *
sb_login_view_get_notice (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), NULL);
  return self->notice;
}

const char *
sb_login_view_get_host (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), NULL);
  return self->host;
}

SbSecurity
sb_login_view_get_security (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), SB_SECURITY_NONE);
  return self->security;
}

double
sb_login_view_get_progress (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), 0.0);
  return self->progress;
}

gboolean
sb_login_view_get_loading (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), FALSE);
  return self->loading;
}

gboolean
sb_login_view_get_can_go_back (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), FALSE);
  return self->can_go_back;
}

static void
sb_login_view_page_source_start (SbPageSource *source,
                                 SbProfile    *profile)
{
  sb_login_view_start (SB_LOGIN_VIEW (source), profile);
}

static void
sb_login_view_page_source_stop (SbPageSource *source)
{
  sb_login_view_stop (SB_LOGIN_VIEW (source));
}

static void
sb_login_view_page_source_init (SbPageSourceInterface *iface)
{
  iface->start = sb_login_view_page_source_start;
  iface->stop = sb_login_view_page_source_stop;
}

GtkWidget *
sb_login_view_new (void)
{
  return g_object_new (SB_TYPE_LOGIN_VIEW, NULL);
}

static void
sb_login_view_dispose (GObject *object)
{
  SbLoginView *self = (SbLoginView *)object;

  destroy_web_view (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_LOGIN_VIEW);

  if (self->script != NULL)
    g_signal_handlers_disconnect_by_data (self->script, self);
  g_clear_object (&self->script);
  g_clear_object (&self->session);
  g_clear_object (&self->trust);
  g_clear_object (&self->blocker);
  g_clear_object (&self->popups);
  g_clear_object (&self->certificates);
  if (self->input_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->input_watch, self);
  g_clear_object (&self->input_watch);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (sb_login_view_parent_class)->dispose (object);
}

static void
sb_login_view_finalize (GObject *object)
{
  SbLoginView *self = (SbLoginView *)object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->web_uri, g_free);
  g_clear_pointer (&self->dropped_reason, g_free);

  G_OBJECT_CLASS (sb_login_view_parent_class)->finalize (object);
}

static gboolean
sb_login_view_grab_focus (GtkWidget *widget)
{
  SbLoginView *self = SB_LOGIN_VIEW (widget);

  return self->web_view != NULL && gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

static void
sb_login_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbLoginView *self = SB_LOGIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_HOST: g_value_set_string (value, self->host); break;
    case PROP_SECURITY: g_value_set_int (value, self->security); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_CAN_GO_BACK: g_value_set_boolean (value, self->can_go_back); break;
    case PROP_NOTICE: g_value_set_string (value, self->notice); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
close_notice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_notice (SB_LOGIN_VIEW (widget), NULL);
}

static void
sb_login_view_class_init (SbLoginViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_login_view_dispose;
  object_class->finalize = sb_login_view_finalize;
  object_class->get_property = sb_login_view_get_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECURITY] =
    g_param_spec_int ("security", NULL, NULL, SB_SECURITY_NONE, SB_SECURITY_LOCAL, SB_SECURITY_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The page waits for the person (a field to fill in, a dialog, a window of its own, a
   * notice, or a page that sat still): a sign-in started out of sight should be shown. */
  signals[NEEDS_PERSON] =
    g_signal_new ("needs-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* No disk cache: an IdP's answer page holds the assertion, and it must never reach the disk. */
  webkit_web_context_set_cache_model (webkit_web_context_get_default (), WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-login-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbLoginView, overlay);
  gtk_widget_class_bind_template_child (widget_class, SbLoginView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SbLoginView, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, SbLoginView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, SbLoginView, notice_close_button);
  gtk_widget_class_install_action (widget_class, "login-view.close-notice", NULL, close_notice_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  widget_class->grab_focus = sb_login_view_grab_focus;
}

static void
sb_login_view_init (SbLoginView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_close_button), _("Close Message"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notice_close_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Message"),
                                  -1);

  self->popups = sb_popups_new ();
  self->certificates = sb_client_certificate_manager_new ();
  self->input_watch = sb_input_watch_new ();
  g_signal_connect_object (self->input_watch, "needs-person", G_CALLBACK (needs_person), self, G_CONNECT_SWAPPED);
  self->trust = sb_tls_trust_new ();
  self->blocker = sb_request_blocker_new ();
  self->session = sb_web_session_new ();
  g_signal_connect_object (self->session, "download-refused", G_CALLBACK (refuse_download), self, G_CONNECT_SWAPPED);
  self->host = g_strdup ("");
  self->settings = webkit_settings_new_with_settings ("enable-developer-extras", FALSE,
                                                      "javascript-can-access-clipboard", FALSE,
                                                      /* Windows open for a person's click only. The IdPs in
                                                       * README's table open none by script alone. */
                                                      "javascript-can-open-windows-automatically", FALSE,
                                                      "enable-back-forward-navigation-gestures", TRUE,
                                                      /* A sign-in form needs no GPU compositing; it costs 30–50 MiB (build-aux/bench). */
                                                      "hardware-acceleration-policy", WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER,
                                                      NULL);
}
