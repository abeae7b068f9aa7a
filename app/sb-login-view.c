#define G_LOG_DOMAIN "sb-login-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "sb-login-view.h"
#include "sb-secret.h"
#include "sb-trace.h"
#include "sb-url.h"

#include <string.h>

#define CAPTURE_WORLD "saml-bearer"
#define CAPTURE_HANDLER "samlbearer"
#define WEBAUTHN_HANDLER "samlbearerwebauthn"
#define CONFIRM_TIMEOUT_MS 3000

struct _SbLoginView
{
  GtkWidget                 parent_instance;

  GtkOverlay               *overlay;
  GtkProgressBar           *progress_bar;
  GtkRevealer              *notice_revealer;
  GtkLabel                 *notice_label;
  GtkButton                *notice_close_button;

  SbProfile                *profile;
  WebKitNetworkSession     *session;
  WebKitUserContentManager *content_manager;
  WebKitSettings           *settings;
  WebKitWebView            *web_view;
  GPtrArray                *popups;
  char                     *proxy_url;
  /* Host → the certificate trusted for it through the profile's CA file, so a second failure is not retried. */
  GHashTable               *ca_allowed;

  char                     *host;
  char                     *notice;

  /* The HTTP authentication being asked for, and its dialog. */
  WebKitAuthenticationRequest *auth_request;
  AdwMessageDialog         *auth_dialog;
  GtkEditable              *auth_username;
  GtkEditable              *auth_password;
  SbSecurity                security;
  double                    progress;
  gboolean                  loading;
  gboolean                  can_go_back;
  gboolean                  page_loaded;

  /* A capture needs both halves: the capture script's report and a POST the policy stopped. */
  SbCapture                *reported;
  char                     *blocked_url;
  guint                     confirm_timeout_id;
};

G_DEFINE_FINAL_TYPE (SbLoginView, sb_login_view, GTK_TYPE_WIDGET)
G_DEFINE_QUARK (sb-login-view-error-quark, sb_login_view_error)

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

enum {
  CAPTURED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
fail (SbLoginView *self,
      GError      *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
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

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

static void
forget_capture_halves (SbLoginView *self)
{
  g_clear_object (&self->reported);
  g_clear_pointer (&self->blocked_url, g_free);
  g_clear_handle_id (&self->confirm_timeout_id, g_source_remove);
}

static gboolean
same_url (const char *a,
          const char *b)
{
  g_autoptr(GUri) uri_a = NULL;
  g_autoptr(GUri) uri_b = NULL;
  g_autofree char *str_a = NULL;
  g_autofree char *str_b = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;

  uri_a = g_uri_parse (a, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  uri_b = g_uri_parse (b, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri_a == NULL || uri_b == NULL)
    return FALSE;

  str_a = g_uri_to_string (uri_a);
  str_b = g_uri_to_string (uri_b);
  return g_strcmp0 (str_a, str_b) == 0;
}

static void
try_complete_capture (SbLoginView *self)
{
  g_autoptr(SbCapture) capture = NULL;

  if (self->reported == NULL || self->blocked_url == NULL)
    return;

  if (!same_url (sb_capture_get_acs_url (self->reported), self->blocked_url))
    return;

  sb_trace ("capture");
  capture = sb_capture_new (self->blocked_url,
                            sb_capture_get_saml_response (self->reported),
                            sb_capture_get_relay_state (self->reported));
  forget_capture_halves (self);

  g_signal_emit (self, signals[CAPTURED], 0, capture);
}

static gboolean
confirm_timeout_cb (gpointer user_data)
{
  SbLoginView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = sb_url_display_host (self->blocked_url);

  self->confirm_timeout_id = 0;
  forget_capture_halves (self);

  error = g_error_new (SB_LOGIN_VIEW_ERROR, SB_LOGIN_VIEW_ERROR_UNCONFIRMED,
                       _("The sign-in page sent its answer to %s in a way SAML Bearer could not read, so it was stopped."),
                       host);
  fail (self, error);

  return G_SOURCE_REMOVE;
}

static char *
js_string_property (JSCValue   *object,
                    const char *name)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);

  if (value == NULL || !jsc_value_is_string (value))
    return NULL;

  return jsc_value_to_string (value);
}

/* The report is untrusted input: it only counts once a real POST to the same address is stopped. */
static void
on_capture_reported (WebKitUserContentManager *manager,
                     JSCValue                 *value,
                     SbLoginView              *self)
{
  g_autofree char *action = NULL;
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *relay_state = NULL;

  if (!jsc_value_is_object (value))
    return;

  action = js_string_property (value, "action");
  response = js_string_property (value, "response");
  relay_state = js_string_property (value, "relayState");

  if (action == NULL || response == NULL || *response == '\0' || strlen (response) > 16 * 1024 * 1024)
    return;

  g_clear_object (&self->reported);
  self->reported = sb_capture_new (action, response, relay_state);

  try_complete_capture (self);
}

/* The page asked for a security key (WebAuthn), which this WebKit cannot offer. */
static void
on_webauthn_reported (WebKitUserContentManager *manager,
                      JSCValue                 *value,
                      SbLoginView              *self)
{
  set_notice (self, _("Security keys cannot be used in SAML Bearer. Choose another way to sign in at your identity provider, such as an authenticator app or a code."));
}

static gboolean
matches_capture_target (SbLoginView *self,
                        const char  *url)
{
  const char *target;
  g_autoptr(GUri) uri = NULL;

  if (sb_capture_url_is_acs (url))
    return TRUE;

  if (self->profile == NULL || sb_profile_get_kind (self->profile) != SB_PROFILE_KIND_CAPTURE)
    return FALSE;

  target = sb_profile_get_acs_url (self->profile);
  if (target == NULL || *target == '\0')
    return FALSE;

  /* The address itself, or below it: /acs matches /acs?x and /acs/y, not /acs-other. */
  if (strstr (target, "://") != NULL)
    {
      gsize length = strlen (target);

      return same_url (url, target) ||
             (g_str_has_prefix (url, target) &&
              (g_str_has_suffix (target, "/") || strchr ("/?#", url[length]) != NULL));
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_ascii_strcasecmp (g_uri_get_host (uri), target) == 0;
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
  refuse_download (self);

  return TRUE;
}

static void
on_download_started (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     SbLoginView          *self)
{
  webkit_download_cancel (download);
  refuse_download (self);
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

  if (g_strcmp0 (webkit_uri_request_get_http_method (request), "POST") != 0 ||
      !matches_capture_target (self, uri))
    return FALSE;

  /* The assertion is single-use: the web view must never deliver it itself. */
  webkit_policy_decision_ignore (decision);

  g_free (self->blocked_url);
  self->blocked_url = g_strdup (uri);
  g_clear_handle_id (&self->confirm_timeout_id, g_source_remove);
  self->confirm_timeout_id = g_timeout_add (CONFIRM_TIMEOUT_MS, confirm_timeout_cb, self);

  try_complete_capture (self);

  return TRUE;
}

static void
set_host_and_security (SbLoginView *self,
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

/* Whether @certificate, presented by the server of @uri, chains up to the profile's extra CA file. */
static gboolean
verifies_with_profile_ca (SbLoginView     *self,
                          GTlsCertificate *certificate,
                          const char      *uri)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;
  const char *ca_file;
  int port;

  if (self->profile == NULL || certificate == NULL || uri == NULL)
    return FALSE;

  ca_file = sb_profile_get_ca_file (self->profile);
  if (ca_file == NULL || *ca_file == '\0')
    return FALSE;

  if (!(parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL)) || g_uri_get_host (parsed) == NULL)
    return FALSE;

  if (!(database = g_tls_file_database_new (ca_file, &error)))
    {
      g_debug ("Could not read the certificate authority file: %s", error->message);
      return FALSE;
    }

  port = g_uri_get_port (parsed);
  identity = g_network_address_new (g_uri_get_host (parsed), port > 0 ? port : 443);
  flags = g_tls_database_verify_chain (database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  if (error != NULL)
    {
      g_debug ("Could not verify the certificate: %s", error->message);
      return FALSE;
    }

  return flags == 0;
}

static SbSecurity
security_of (SbLoginView   *self,
             WebKitWebView *web_view)
{
  const char *uri = webkit_web_view_get_uri (web_view);
  GTlsCertificateFlags errors = 0;
  GTlsCertificate *certificate = NULL;
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL || !(parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL)))
    return SB_SECURITY_NONE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") == 0)
    {
      if (!webkit_web_view_get_tls_info (web_view, &certificate, &errors))
        return SB_SECURITY_INSECURE;
      if (errors == 0 || verifies_with_profile_ca (self, certificate, uri))
        return SB_SECURITY_SECURE;
      return SB_SECURITY_INSECURE;
    }

  if (sb_url_host_is_loopback (g_uri_get_host (parsed)))
    return SB_SECURITY_LOCAL;

  return SB_SECURITY_INSECURE;
}

static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 SbLoginView     *self)
{
  if (event == WEBKIT_LOAD_COMMITTED)
    set_host_and_security (self, webkit_web_view_get_uri (web_view), security_of (self, web_view));

  if (event == WEBKIT_LOAD_FINISHED && !self->page_loaded)
    {
      self->page_loaded = TRUE;
      sb_trace ("idp-page-loaded");
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

  if (can_go_back != self->can_go_back)
    {
      self->can_go_back = can_go_back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
    }
}

static gboolean
on_load_failed (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                SbLoginView     *self)
{
  g_autoptr(GError) failure = NULL;
  g_autofree char *host = sb_url_display_host (failing_uri);

  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  failure = g_error_new (SB_LOGIN_VIEW_ERROR, SB_LOGIN_VIEW_ERROR_LOAD,
                         _("Could not open the sign-in page at %s: %s"), host, error->message);
  fail (self, failure);

  return TRUE;
}

static const char *
describe_tls_errors (GTlsCertificateFlags errors)
{
  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by an authority this computer trusts");
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it belongs to another site");
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses insecure cryptography");

  return _("it could not be verified");
}

static gboolean
on_load_failed_with_tls_errors (WebKitWebView        *web_view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                SbLoginView          *self)
{
  g_autoptr(GError) failure = NULL;
  g_autofree char *host = sb_url_display_host (failing_uri);
  g_autoptr(GUri) parsed = g_uri_parse (failing_uri, G_URI_FLAGS_NONE, NULL);
  const char *ca_file = self->profile != NULL ? sb_profile_get_ca_file (self->profile) : NULL;

  /* Trust the profile's own certificate authority once per host and certificate, then load again. */
  if (parsed != NULL && g_uri_get_host (parsed) != NULL &&
      verifies_with_profile_ca (self, certificate, failing_uri))
    {
      const char *uri_host = g_uri_get_host (parsed);
      GTlsCertificate *allowed;

      if (self->ca_allowed == NULL)
        self->ca_allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

      allowed = g_hash_table_lookup (self->ca_allowed, uri_host);
      if (allowed == NULL || !g_tls_certificate_is_same (allowed, certificate))
        {
          g_hash_table_replace (self->ca_allowed, g_strdup (uri_host), g_object_ref (certificate));
          webkit_network_session_allow_tls_certificate_for_host (self->session, certificate, uri_host);
          webkit_web_view_load_uri (web_view, failing_uri);
          return TRUE;
        }
    }

  if (ca_file != NULL && *ca_file != '\0')
    failure = g_error_new (SB_LOGIN_VIEW_ERROR, SB_LOGIN_VIEW_ERROR_TLS,
                           _("The connection to %s is not secure: its certificate is not trusted because %s, and the profile’s certificate authority file does not vouch for it either. Check the file in the profile’s settings."),
                           host, describe_tls_errors (errors));
  else
    failure = g_error_new (SB_LOGIN_VIEW_ERROR, SB_LOGIN_VIEW_ERROR_TLS,
                           _("The connection to %s is not secure: its certificate is not trusted because %s."),
                           host, describe_tls_errors (errors));
  fail (self, failure);

  return TRUE;
}

static void
on_web_process_terminated (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           SbLoginView                       *self)
{
  g_autoptr(GError) failure = NULL;

  if (reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT)
    failure = g_error_new_literal (SB_LOGIN_VIEW_ERROR, SB_LOGIN_VIEW_ERROR_CRASHED,
                                   _("The sign-in page used too much memory and was stopped."));
  else
    failure = g_error_new_literal (SB_LOGIN_VIEW_ERROR, SB_LOGIN_VIEW_ERROR_CRASHED,
                                   _("The sign-in page stopped working."));
  fail (self, failure);
}

static gboolean
on_permission_request (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       SbLoginView             *self)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

static void
auth_finish (SbLoginView *self,
             gboolean     answer)
{
  g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->auth_request);
  AdwMessageDialog *dialog = g_steal_pointer (&self->auth_dialog);

  if (request != NULL)
    {
      g_signal_handlers_disconnect_by_data (request, self);

      if (answer)
        {
          g_autoptr(WebKitCredential) credential =
            webkit_credential_new (gtk_editable_get_text (self->auth_username),
                                   gtk_editable_get_text (self->auth_password),
                                   WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
          webkit_authentication_request_authenticate (request, credential);
        }
      else
        webkit_authentication_request_cancel (request);
    }

  self->auth_username = NULL;
  self->auth_password = NULL;

  if (dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (dialog, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
on_auth_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SbLoginView      *self)
{
  /* The dialog closes itself after a response. */
  g_signal_handlers_disconnect_by_data (dialog, self);
  self->auth_dialog = NULL;
  auth_finish (self, g_strcmp0 (response, "sign-in") == 0);
}

static void
on_auth_cancelled (WebKitAuthenticationRequest *request,
                   SbLoginView                 *self)
{
  g_signal_handlers_disconnect_by_data (request, self);
  g_clear_object (&self->auth_request);
  auth_finish (self, FALSE);
}

/* A server (or a proxy) that asks for a user name and password itself, outside any web form. */
static gboolean
on_authenticate (WebKitWebView               *web_view,
                 WebKitAuthenticationRequest *request,
                 SbLoginView                 *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *host = webkit_authentication_request_get_host (request);
  const char *realm = webkit_authentication_request_get_realm (request);
  GtkWidget *box;
  GtkWidget *username;
  GtkWidget *password;
  WebKitCredential *proposed;

  switch (webkit_authentication_request_get_scheme (request))
    {
    case WEBKIT_AUTHENTICATION_SCHEME_DEFAULT:
    case WEBKIT_AUTHENTICATION_SCHEME_HTTP_BASIC:
    case WEBKIT_AUTHENTICATION_SCHEME_HTTP_DIGEST:
    case WEBKIT_AUTHENTICATION_SCHEME_NTLM:
      break;

    default:
      return FALSE;
    }

  /* One question at a time: a new one replaces an unanswered one. */
  auth_finish (self, FALSE);

  if (webkit_authentication_request_is_for_proxy (request))
    heading = g_strdup_printf (_("Sign In to the Proxy %s"), host);
  else
    heading = g_strdup_printf (_("Sign In to %s"), host);

  if (webkit_authentication_request_is_retry (request))
    body = g_strdup (_("The user name or password was not accepted. Check them and try again."));
  else if (realm != NULL && *realm != '\0')
    body = g_strdup_printf (_("The server asks for your user name and password for “%s”. They are sent only to this server."), realm);
  else
    body = g_strdup (_("The server asks for your user name and password. They are sent only to this server."));

  self->auth_request = g_object_ref (request);
  g_signal_connect_object (request, "cancelled", G_CALLBACK (on_auth_cancelled), self, 0);

  self->auth_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  heading, body));
  gtk_window_set_modal (GTK_WINDOW (self->auth_dialog), TRUE);
  adw_message_dialog_add_responses (self->auth_dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-in", _("_Sign In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->auth_dialog, "sign-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->auth_dialog, "sign-in");
  adw_message_dialog_set_close_response (self->auth_dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  username = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (username), _("User name"));
  gtk_entry_set_activates_default (GTK_ENTRY (username), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (username), GTK_ACCESSIBLE_PROPERTY_LABEL, _("User name"), -1);
  password = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (password), TRUE);
  g_object_set (password, "placeholder-text", _("Password"), "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (password), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  gtk_box_append (GTK_BOX (box), username);
  gtk_box_append (GTK_BOX (box), password);
  adw_message_dialog_set_extra_child (self->auth_dialog, box);

  proposed = webkit_authentication_request_get_proposed_credential (request);
  if (proposed != NULL)
    {
      if (webkit_credential_get_username (proposed) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (username), webkit_credential_get_username (proposed));
      webkit_credential_free (proposed);
    }

  self->auth_username = GTK_EDITABLE (username);
  self->auth_password = GTK_EDITABLE (password);
  g_signal_connect_object (self->auth_dialog, "response", G_CALLBACK (on_auth_response), self, 0);
  gtk_window_present (GTK_WINDOW (self->auth_dialog));
  gtk_widget_grab_focus (*gtk_editable_get_text (GTK_EDITABLE (username)) != '\0' ? password : username);

  return TRUE;
}

static void connect_web_view (SbLoginView   *self,
                              WebKitWebView *web_view);

static void
on_popup_ready (WebKitWebView *web_view,
                GtkWindow     *window)
{
  gtk_window_present (window);
}

static void
on_popup_close (WebKitWebView *web_view,
                GtkWindow     *window)
{
  gtk_window_destroy (window);
}

static void
on_popup_destroyed (GtkWindow   *window,
                    SbLoginView *self)
{
  g_ptr_array_remove (self->popups, window);
}

/* IdP portals and MFA providers open windows; they share our session and policies. */
static WebKitWebView *
on_create (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           SbLoginView            *self)
{
  WebKitWebView *popup_view;
  GtkWidget *window;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  popup_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                             "related-view", web_view,
                             "user-content-manager", self->content_manager,
                             "settings", self->settings,
                             NULL);
  connect_web_view (self, popup_view);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Sign In"));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (popup_view));

  g_signal_connect_object (popup_view, "ready-to-show", G_CALLBACK (on_popup_ready), window, 0);
  g_signal_connect_object (popup_view, "close", G_CALLBACK (on_popup_close), window, 0);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_popup_destroyed), self, 0);
  g_ptr_array_add (self->popups, window);

  return popup_view;
}

static void
connect_web_view (SbLoginView   *self,
                  WebKitWebView *web_view)
{
  g_signal_connect_object (web_view, "decide-policy", G_CALLBACK (on_decide_policy), self, 0);
  g_signal_connect_object (web_view, "load-failed-with-tls-errors", G_CALLBACK (on_load_failed_with_tls_errors), self, 0);
  g_signal_connect_object (web_view, "permission-request", G_CALLBACK (on_permission_request), self, 0);
  g_signal_connect_object (web_view, "create", G_CALLBACK (on_create), self, 0);
  g_signal_connect_object (web_view, "authenticate", G_CALLBACK (on_authenticate), self, 0);
}

static void
close_popups (SbLoginView *self)
{
  while (self->popups->len > 0)
    gtk_window_destroy (g_ptr_array_index (self->popups, self->popups->len - 1));
}

static void
ensure_content_manager (SbLoginView *self)
{
  g_autoptr(GBytes) script_bytes = NULL;
  g_autoptr(GBytes) webauthn_bytes = NULL;
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(WebKitUserScript) webauthn_script = NULL;

  if (self->content_manager != NULL)
    return;

  /* Runs in the page's world, where it can see the page's calls; it only ever raises a notice. */
  webauthn_bytes = g_resources_lookup_data (RESOURCE_PREFIX "/js/webauthn.js", 0, NULL);
  if (webauthn_bytes != NULL)
    webauthn_script = webkit_user_script_new (g_bytes_get_data (webauthn_bytes, NULL),
                                              WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                              WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                              NULL, NULL);

  script_bytes = g_resources_lookup_data (RESOURCE_PREFIX "/js/capture.js", 0, NULL);
  g_assert (script_bytes != NULL);

  script = webkit_user_script_new_for_world (g_bytes_get_data (script_bytes, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             CAPTURE_WORLD, NULL, NULL);

  self->content_manager = webkit_user_content_manager_new ();
  webkit_user_content_manager_add_script (self->content_manager, script);
  webkit_user_content_manager_register_script_message_handler (self->content_manager,
                                                               CAPTURE_HANDLER, CAPTURE_WORLD);
  g_signal_connect_object (self->content_manager, "script-message-received::" CAPTURE_HANDLER,
                           G_CALLBACK (on_capture_reported), self, 0);

  if (webauthn_script != NULL)
    {
      webkit_user_content_manager_add_script (self->content_manager, webauthn_script);
      webkit_user_content_manager_register_script_message_handler (self->content_manager, WEBAUTHN_HANDLER, NULL);
      g_signal_connect_object (self->content_manager, "script-message-received::" WEBAUTHN_HANDLER,
                               G_CALLBACK (on_webauthn_reported), self, 0);
    }
}

/* NULL uses the desktop's proxy settings, "direct://" none. WebKit's own list of hosts
 * that bypass a custom proxy is empty unless given, so loopback goes through it too. */
static void
apply_proxy (SbLoginView *self)
{
  g_autoptr(WebKitNetworkProxySettings) settings = NULL;

  if (self->session == NULL)
    return;

  if (self->proxy_url == NULL)
    {
      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_DEFAULT, NULL);
      return;
    }

  if (g_str_equal (self->proxy_url, "direct://"))
    {
      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_NO_PROXY, NULL);
      return;
    }

  settings = webkit_network_proxy_settings_new (self->proxy_url, NULL);
  webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, settings);
}

static void
ensure_session (SbLoginView *self,
                SbProfile   *profile)
{
  gboolean remember = sb_profile_get_remember (profile);

  if (self->session != NULL && self->profile != NULL &&
      g_strcmp0 (sb_profile_get_id (self->profile), sb_profile_get_id (profile)) == 0 &&
      webkit_network_session_is_ephemeral (self->session) == !remember)
    {
      apply_proxy (self);
      return;
    }

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->ca_allowed, g_hash_table_unref);

  if (remember)
    {
      g_autofree char *data_dir = sb_profile_dup_data_dir (profile);
      g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "saml-bearer", "profiles",
                                                     sb_profile_get_id (profile) ? sb_profile_get_id (profile) : "default",
                                                     NULL);
      g_autofree char *cookies = g_build_filename (data_dir, "cookies.sqlite", NULL);

      self->session = webkit_network_session_new (data_dir, cache_dir);
      webkit_cookie_manager_set_persistent_storage (webkit_network_session_get_cookie_manager (self->session),
                                                    cookies, WEBKIT_COOKIE_PERSISTENT_STORAGE_SQLITE);
    }
  else
    {
      self->session = webkit_network_session_new_ephemeral ();
    }

  g_signal_connect_object (self->session, "download-started", G_CALLBACK (on_download_started), self, 0);
  apply_proxy (self);
}

static void
destroy_web_view (SbLoginView *self)
{
  auth_finish (self, FALSE);
  close_popups (self);
  forget_capture_halves (self);

  if (self->web_view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->web_view, self);

  /* WebKit would keep the finished page's process around; nothing here needs it any more. */
  webkit_web_view_terminate_web_process (self->web_view);
  gtk_overlay_set_child (self->overlay, NULL);
  self->web_view = NULL;
}

void
sb_login_view_start (SbLoginView *self,
                     SbProfile   *profile)
{
  const char *user_agent;

  g_return_if_fail (SB_IS_LOGIN_VIEW (self));
  g_return_if_fail (SB_IS_PROFILE (profile));

  destroy_web_view (self);
  ensure_content_manager (self);
  ensure_session (self, profile);
  g_set_object (&self->profile, profile);

  user_agent = sb_profile_get_user_agent (profile);
  if (user_agent != NULL && *user_agent != '\0')
    webkit_settings_set_user_agent (self->settings, user_agent);
  else
    webkit_settings_set_user_agent (self->settings, NULL);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", self->session,
                                 "user-content-manager", self->content_manager,
                                 "settings", self->settings,
                                 NULL);
  connect_web_view (self, self->web_view);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (on_load_changed), self, 0);
  g_signal_connect_object (self->web_view, "load-failed", G_CALLBACK (on_load_failed), self, 0);
  g_signal_connect_object (self->web_view, "web-process-terminated", G_CALLBACK (on_web_process_terminated), self, 0);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress", G_CALLBACK (on_progress_changed), self, 0);
  g_signal_connect_object (self->web_view, "notify::is-loading", G_CALLBACK (on_loading_changed), self, 0);
  gtk_overlay_set_child (self->overlay, GTK_WIDGET (self->web_view));

  self->page_loaded = FALSE;
  set_notice (self, NULL);
  set_host_and_security (self, sb_profile_get_idp_url (profile), SB_SECURITY_NONE);
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

  if (proxy_url != NULL && *proxy_url == '\0')
    proxy_url = NULL;

  g_free (self->proxy_url);
  self->proxy_url = g_strdup (proxy_url);
  apply_proxy (self);
}

/* Answers the pending HTTP authentication as if typed into its dialog (for the
 * tests); FALSE when none is pending. NULL @username cancels it. */
gboolean
sb_login_view_answer_authentication (SbLoginView *self,
                                     const char  *username,
                                     const char  *password)
{
  g_autoptr(GtkWindow) dialog = NULL;

  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), FALSE);

  if (self->auth_request == NULL || self->auth_dialog == NULL)
    return FALSE;

  /* As a click on a response button does: respond, then close. */
  dialog = g_object_ref (GTK_WINDOW (self->auth_dialog));
  if (username != NULL)
    {
      gtk_editable_set_text (self->auth_username, username);
      gtk_editable_set_text (self->auth_password, password != NULL ? password : "");
    }
  adw_message_dialog_response (self->auth_dialog, username != NULL ? "sign-in" : "cancel");
  gtk_window_close (dialog);

  return TRUE;
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

  g_clear_object (&self->content_manager);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->ca_allowed, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (sb_login_view_parent_class)->dispose (object);
}

static void
sb_login_view_finalize (GObject *object)
{
  SbLoginView *self = (SbLoginView *)object;

  g_clear_pointer (&self->popups, g_ptr_array_unref);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->proxy_url, g_free);

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

  signals[CAPTURED] =
    g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_CAPTURE);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

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

  self->popups = g_ptr_array_new ();
  self->host = g_strdup ("");
  self->settings = webkit_settings_new_with_settings ("enable-developer-extras", FALSE,
                                                      "javascript-can-access-clipboard", FALSE,
                                                      "javascript-can-open-windows-automatically", TRUE,
                                                      "enable-back-forward-navigation-gestures", TRUE,
                                                      /* A sign-in form needs no GPU compositing; it costs 30–50 MiB (build-aux/bench). */
                                                      "hardware-acceleration-policy", WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER,
                                                      NULL);
}
