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

  /* The TLS client certificate (or its PIN) being asked for, and its dialog. */
  WebKitAuthenticationRequest *cert_request;
  AdwMessageDialog         *cert_dialog;
  GtkEditable              *cert_file;
  GtkEditable              *cert_key;
  GtkEditable              *cert_password;
  GtkCheckButton           *cert_remember;
  GtkFileChooserNative     *cert_chooser;
  gboolean                  cert_for_pin;
  /* A certificate question came before WebKit told us its load started, and WebKit
   * withdrew it: load the page again if it stopped. */
  gboolean                  cert_early;
  gboolean                  cert_withdrawn;
  gboolean                  in_load;
  /* Host → the client certificate chosen for it while this session lasts. */
  GHashTable               *cert_chosen;
  /* Hosts the user chose to go on without a certificate for, until the next start or reload. */
  GHashTable               *cert_declined;
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
  if (event == WEBKIT_LOAD_STARTED)
    self->in_load = TRUE;
  if (event == WEBKIT_LOAD_FINISHED)
    self->in_load = FALSE;
  if (event == WEBKIT_LOAD_COMMITTED || event == WEBKIT_LOAD_FINISHED)
    self->cert_withdrawn = FALSE;

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

  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) &&
      self->cert_withdrawn && failing_uri != NULL)
    {
      self->cert_withdrawn = FALSE;
      g_debug ("Loading the page again after a withdrawn certificate question");
      webkit_web_view_load_uri (web_view, failing_uri);
      return TRUE;
    }

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

/* GTK 4.8's password entry leaves a handler behind on its text, which the window's
 * reference to its focus widget keeps alive: closing a dialog whose password entry has
 * the focus would call into the freed entry. */
static void
drop_focus (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
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
      drop_focus (GTK_WINDOW (dialog));
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
  drop_focus (GTK_WINDOW (dialog));
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

static gboolean
is_pkcs11_uri (const char *text)
{
  return g_ascii_strncasecmp (text, "pkcs11:", 7) == 0;
}

/* A client certificate with its private key, from a PEM file (with the key, or the key
 * in @key), a PKCS#12 file opened with @password, or pkcs11: URIs. */
static GTlsCertificate *
load_client_certificate (const char  *certificate,
                         const char  *key,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *result = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (key != NULL && *key == '\0')
    key = NULL;
  if (password != NULL && *password == '\0')
    password = NULL;

  if (certificate == NULL || *certificate == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a certificate file, or enter the pkcs11: address of a certificate on a smart card or token."));
      return NULL;
    }

  if (is_pkcs11_uri (certificate))
    return g_tls_certificate_new_from_pkcs11_uris (certificate, key, error);

  if (!g_file_get_contents (certificate, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the certificate file: %s"),
                   local_error->message);
      return NULL;
    }

  /* What is not PEM text is taken for PKCS#12, whatever the file is called. */
  if (g_strstr_len (contents, length, "-----BEGIN ") == NULL)
    {
      result = g_tls_certificate_new_from_pkcs12 ((const guint8 *)contents, length, password, &local_error);

      /* Some bundles are sealed with an empty password rather than none. */
      if (result == NULL && password == NULL &&
          g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
        {
          g_clear_error (&local_error);
          result = g_tls_certificate_new_from_pkcs12 ((const guint8 *)contents, length, "", &local_error);
        }
    }
  else if (key != NULL)
    result = g_tls_certificate_new_from_files (certificate, key, &local_error);
  else if (g_strstr_len (contents, length, "PRIVATE KEY-----") == NULL)
    g_set_error_literal (&local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                         _("The certificate file holds no private key. Enter the file with the key too."));
  else
    result = g_tls_certificate_new_from_file (certificate, &local_error);

  /* The file may hold a private key: it leaves no copy behind in memory. */
  sb_secret_wipe (contents, length);
  g_free (contents);

  if (result == NULL)
    {
      if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
        g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD,
                             password != NULL ? _("The password of the certificate file was not accepted. Check it and try again.")
                                              : _("The certificate file is protected by a password. Enter it."));
      else
        g_set_error (error, local_error->domain, local_error->code, _("Could not use the certificate: %s"),
                     local_error->message);
    }

  return result;
}

static void
cert_close_dialog (SbLoginView *self)
{
  AdwMessageDialog *dialog = g_steal_pointer (&self->cert_dialog);

  if (self->cert_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cert_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->cert_chooser));
      g_clear_object (&self->cert_chooser);
    }

  self->cert_file = NULL;
  self->cert_key = NULL;
  self->cert_password = NULL;
  self->cert_remember = NULL;
  self->cert_for_pin = FALSE;

  if (dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (dialog, self);
      drop_focus (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* Answers the pending certificate question with @credential, or cancels it when NULL. */
static void
cert_finish (SbLoginView      *self,
             WebKitCredential *credential)
{
  g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->cert_request);

  if (request != NULL)
    {
      g_signal_handlers_disconnect_by_data (request, self);

      if (credential != NULL)
        webkit_authentication_request_authenticate (request, credential);
      else
        webkit_authentication_request_cancel (request);
    }

  cert_close_dialog (self);
}

/* Goes on without a certificate, so the page shows what the server does for those who
 * have none (cancelling would stop the load and leave an empty page). */
static void
cert_decline (SbLoginView *self)
{
  g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->cert_request);

  if (request != NULL)
    {
      const char *host = webkit_authentication_request_get_host (request);

      if (self->cert_declined == NULL)
        self->cert_declined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (self->cert_declined, g_strdup (host != NULL ? host : ""));

      g_signal_handlers_disconnect_by_data (request, self);
      webkit_authentication_request_authenticate (request, NULL);
    }

  cert_close_dialog (self);
}

static void
answer_with_certificate (SbLoginView     *self,
                         GTlsCertificate *certificate)
{
  WebKitCredential *credential;
  const char *host = webkit_authentication_request_get_host (self->cert_request);

  /* Chosen once, used for every connection to that host while this session lasts. */
  if (self->cert_chosen == NULL)
    self->cert_chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_replace (self->cert_chosen, g_strdup (host != NULL ? host : ""), g_object_ref (certificate));

  credential = webkit_credential_new_for_certificate (certificate, WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
  cert_finish (self, credential);
  webkit_credential_free (credential);
}

static void
on_cert_cancelled (WebKitAuthenticationRequest *request,
                   SbLoginView                 *self)
{
  g_debug ("The client certificate is no longer asked for");

  /* WebKit withdraws a question that arrives before it has told us the load started,
   * and the load then stops as if cancelled; on_load_failed() starts it again. A question
   * withdrawn for any other reason (the page went elsewhere) is let go. */
  self->cert_withdrawn = self->cert_early;
  g_signal_handlers_disconnect_by_data (request, self);
  g_clear_object (&self->cert_request);
  cert_finish (self, NULL);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SbLoginView     *self)
{
  gboolean for_key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "sb-for-key"));
  GtkEditable *target = for_key ? self->cert_key : self->cert_file;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT || target == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL)
    gtk_editable_set_text (target, path);
}

static void
choose_file (SbLoginView *self,
             gboolean     for_key)
{
  GtkFileFilter *filter;

  if (self->cert_dialog == NULL)
    return;

  if (self->cert_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cert_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->cert_chooser));
      g_clear_object (&self->cert_chooser);
    }

  self->cert_chooser = gtk_file_chooser_native_new (for_key ? _("Choose the Key") : _("Choose a Certificate"),
                                                    GTK_WINDOW (self->cert_dialog),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->cert_chooser), TRUE);
  g_object_set_data (G_OBJECT (self->cert_chooser), "sb-for-key", GINT_TO_POINTER (for_key));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, for_key ? _("Keys") : _("Certificates"));
  gtk_file_filter_add_suffix (filter, "pem");
  if (for_key)
    gtk_file_filter_add_suffix (filter, "key");
  else
    {
      gtk_file_filter_add_suffix (filter, "crt");
      gtk_file_filter_add_suffix (filter, "p12");
      gtk_file_filter_add_suffix (filter, "pfx");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->cert_chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->cert_chooser), filter);
  g_object_unref (filter);

  g_signal_connect_object (self->cert_chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->cert_chooser));
}

static void
on_choose_certificate_clicked (GtkButton   *button,
                               SbLoginView *self)
{
  choose_file (self, FALSE);
}

static void
on_choose_key_clicked (GtkButton   *button,
                       SbLoginView *self)
{
  choose_file (self, TRUE);
}

/* Keeps (or, when unticked, forgets) the profile's certificate; never its password. Only
 * those two keys are written over what is stored, which Preferences may have changed. */
static void
remember_certificate (SbLoginView *self,
                      const char  *certificate,
                      const char  *key,
                      gboolean     remember)
{
  g_autoptr(SbProfile) stored = NULL;
  const char *id;

  if (self->profile == NULL || (id = sb_profile_get_id (self->profile)) == NULL)
    return;

  if (!remember && *sb_profile_get_client_certificate (self->profile) == '\0')
    return;

  sb_profile_set_client_certificate (self->profile, remember ? certificate : NULL);
  sb_profile_set_client_key (self->profile, remember ? key : NULL);

  stored = sb_profile_load (id);
  sb_profile_set_client_certificate (stored, remember ? certificate : NULL);
  sb_profile_set_client_key (stored, remember ? key : NULL);
  sb_profile_save (stored);
}

static void show_certificate_dialog (SbLoginView *self,
                                     const char  *certificate,
                                     const char  *key,
                                     gboolean     remember,
                                     const char  *message);

static void
on_cert_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SbLoginView      *self)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *key = NULL;
  gboolean remember;

  /* The dialog closes itself after a response; its entries live until then. */
  g_signal_handlers_disconnect_by_data (dialog, self);
  self->cert_dialog = NULL;
  drop_focus (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "use") != 0 || self->cert_request == NULL)
    {
      if (self->cert_for_pin)
        cert_finish (self, NULL);
      else
        cert_decline (self);
      return;
    }

  if (self->cert_for_pin)
    {
      WebKitCredential *credential =
        webkit_credential_new_for_certificate_pin (gtk_editable_get_text (self->cert_password),
                                                   WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
      cert_finish (self, credential);
      webkit_credential_free (credential);
      return;
    }

  file = g_strstrip (g_strdup (gtk_editable_get_text (self->cert_file)));
  key = g_strstrip (g_strdup (gtk_editable_get_text (self->cert_key)));
  remember = gtk_check_button_get_active (self->cert_remember);

  certificate = load_client_certificate (file, key, gtk_editable_get_text (self->cert_password), &error);
  if (certificate == NULL)
    {
      /* Asked again, with what went wrong; the question stays pending meanwhile. */
      cert_close_dialog (self);
      show_certificate_dialog (self, file, key, remember, error->message);
      return;
    }

  remember_certificate (self, file, key, remember);
  answer_with_certificate (self, certificate);
}

static GtkWidget *
cert_entry_new (const char *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return entry;
}

static GtkWidget *
password_entry_new (const char *label)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", label, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return entry;
}

static AdwMessageDialog *
cert_dialog_new (SbLoginView *self,
                 const char  *heading,
                 const char  *body,
                 const char  *use_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "use", use_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "use");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

static void
show_certificate_dialog (SbLoginView *self,
                         const char  *certificate,
                         const char  *key,
                         gboolean     remember,
                         const char  *message)
{
  g_autofree char *body = NULL;
  const char *host = webkit_authentication_request_get_host (self->cert_request);
  GtkWidget *box;
  GtkWidget *row;
  GtkWidget *file;
  GtkWidget *key_entry;
  GtkWidget *password;
  GtkWidget *button;
  GtkWidget *check;

  g_assert (self->cert_dialog == NULL);

  body = g_strdup_printf (_("%s asks for a certificate to sign you in."), host);
  if (message != NULL)
    {
      char *with_message = g_strconcat (body, "\n\n", message, NULL);
      g_free (body);
      body = with_message;
    }

  self->cert_dialog = cert_dialog_new (self, _("Certificate Required"), body, _("_Use Certificate"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  file = cert_entry_new (_("Certificate file or pkcs11: address"));
  gtk_editable_set_text (GTK_EDITABLE (file), certificate != NULL ? certificate : "");
  button = gtk_button_new_with_mnemonic (_("Choose _File…"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_choose_certificate_clicked), self, 0);
  gtk_box_append (GTK_BOX (row), file);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), row);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  key_entry = cert_entry_new (_("Key file, if not in the certificate file"));
  gtk_editable_set_text (GTK_EDITABLE (key_entry), key != NULL ? key : "");
  button = gtk_button_new_with_mnemonic (_("Choose _Key…"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_choose_key_clicked), self, 0);
  gtk_box_append (GTK_BOX (row), key_entry);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), row);

  password = password_entry_new (_("Password, for a PKCS#12 file"));
  gtk_box_append (GTK_BOX (box), password);

  check = gtk_check_button_new_with_mnemonic (_("_Remember for this profile"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), remember);
  gtk_widget_set_tooltip_text (check, _("The password is never stored."));
  /* Only a saved profile has somewhere to keep it. */
  gtk_widget_set_visible (check, self->profile != NULL && sb_profile_get_id (self->profile) != NULL);
  gtk_box_append (GTK_BOX (box), check);

  adw_message_dialog_set_extra_child (self->cert_dialog, box);

  self->cert_file = GTK_EDITABLE (file);
  self->cert_key = GTK_EDITABLE (key_entry);
  self->cert_password = GTK_EDITABLE (password);
  self->cert_remember = GTK_CHECK_BUTTON (check);
  self->cert_for_pin = FALSE;

  g_signal_connect_object (self->cert_dialog, "response", G_CALLBACK (on_cert_response), self, 0);
  gtk_window_present (GTK_WINDOW (self->cert_dialog));
  gtk_widget_grab_focus (certificate != NULL && *certificate != '\0' ? password : file);
}

/* The server asks for a TLS client certificate: the one chosen earlier in this session,
 * else the profile's remembered one, else whatever the user picks. */
static gboolean
ask_client_certificate (SbLoginView                 *self,
                        WebKitAuthenticationRequest *request)
{
  const char *host = webkit_authentication_request_get_host (request);
  gboolean retry = webkit_authentication_request_is_retry (request);
  const char *remembered = "";
  const char *remembered_key = "";
  GTlsCertificate *chosen;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  g_debug ("%s asks for a client certificate%s", host, retry ? " again" : "");
  self->cert_early = !self->in_load;

  self->cert_request = g_object_ref (request);
  g_signal_connect_object (request, "cancelled", G_CALLBACK (on_cert_cancelled), self, 0);

  if (self->profile != NULL)
    {
      remembered = sb_profile_get_client_certificate (self->profile);
      remembered_key = sb_profile_get_client_key (self->profile);
    }

  if (retry)
    {
      if (self->cert_chosen != NULL)
        g_hash_table_remove (self->cert_chosen, host != NULL ? host : "");
      show_certificate_dialog (self, remembered, remembered_key, *remembered != '\0',
                               _("The certificate was not accepted. Choose another one."));
      return TRUE;
    }

  if (self->cert_declined != NULL && g_hash_table_contains (self->cert_declined, host != NULL ? host : ""))
    {
      cert_decline (self);
      return TRUE;
    }

  chosen = self->cert_chosen != NULL ? g_hash_table_lookup (self->cert_chosen, host != NULL ? host : "") : NULL;
  if (chosen != NULL)
    {
      answer_with_certificate (self, chosen);
      return TRUE;
    }

  if (*remembered == '\0')
    {
      show_certificate_dialog (self, NULL, NULL, FALSE, NULL);
      return TRUE;
    }

  certificate = load_client_certificate (remembered, remembered_key, NULL, &error);
  if (certificate != NULL)
    answer_with_certificate (self, certificate);
  else
    show_certificate_dialog (self, remembered, remembered_key, TRUE,
                             g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD) ?
                             _("Enter the password of the certificate file.") : error->message);

  return TRUE;
}

/* The chosen certificate lives on a smart card or token that wants its PIN. */
static gboolean
ask_certificate_pin (SbLoginView                 *self,
                     WebKitAuthenticationRequest *request)
{
  g_autofree char *body = NULL;
  const char *host = webkit_authentication_request_get_host (request);
  GTlsPasswordFlags flags = webkit_authentication_request_get_certificate_pin_flags (request);
  GtkWidget *pin;

  self->cert_early = !self->in_load;
  self->cert_request = g_object_ref (request);
  g_signal_connect_object (request, "cancelled", G_CALLBACK (on_cert_cancelled), self, 0);

  if (flags & G_TLS_PASSWORD_RETRY)
    body = g_strdup (_("The PIN was not accepted. Check it and try again."));
  else if (flags & G_TLS_PASSWORD_FINAL_TRY)
    body = g_strdup (_("This is the last try before the card or token locks."));
  else
    body = g_strdup_printf (_("Enter the PIN of your certificate to sign in to %s."), host);

  self->cert_dialog = cert_dialog_new (self, _("PIN Required"), body, _("_Unlock"));
  pin = password_entry_new (_("PIN"));
  adw_message_dialog_set_extra_child (self->cert_dialog, pin);
  self->cert_password = GTK_EDITABLE (pin);
  self->cert_for_pin = TRUE;

  g_signal_connect_object (self->cert_dialog, "response", G_CALLBACK (on_cert_response), self, 0);
  gtk_window_present (GTK_WINDOW (self->cert_dialog));
  gtk_widget_grab_focus (pin);

  return TRUE;
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
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_REQUESTED:
      auth_finish (self, FALSE);
      cert_finish (self, NULL);
      return ask_client_certificate (self, request);

    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_PIN_REQUESTED:
      auth_finish (self, FALSE);
      cert_finish (self, NULL);
      return ask_certificate_pin (self, request);

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
  cert_finish (self, NULL);

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
  g_clear_pointer (&self->cert_chosen, g_hash_table_unref);

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
  cert_finish (self, NULL);
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
  self->cert_withdrawn = FALSE;
  self->in_load = FALSE;
  g_clear_pointer (&self->cert_declined, g_hash_table_unref);
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

  /* Asked again, a certificate can be chosen after all. */
  g_clear_pointer (&self->cert_declined, g_hash_table_unref);

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
  g_autoptr(GtkWindow) dialog = NULL;

  g_return_if_fail (SB_IS_LOGIN_VIEW (self));

  if (self->cert_request == NULL || self->cert_dialog == NULL)
    return;

  /* As a click on a response button does: respond, then close. */
  dialog = g_object_ref (GTK_WINDOW (self->cert_dialog));
  if (certificate != NULL)
    {
      if (!self->cert_for_pin)
        {
          gtk_editable_set_text (self->cert_file, certificate);
          gtk_editable_set_text (self->cert_key, key != NULL ? key : "");
          gtk_check_button_set_active (self->cert_remember, remember);
        }
      gtk_editable_set_text (self->cert_password, password != NULL ? password : "");
    }
  adw_message_dialog_response (self->cert_dialog, certificate != NULL ? "use" : "cancel");
  gtk_window_close (dialog);
}

/* Whether a dialog asks for a client certificate (or its PIN) right now. */
gboolean
sb_login_view_get_certificate_pending (SbLoginView *self)
{
  g_return_val_if_fail (SB_IS_LOGIN_VIEW (self), FALSE);
  return self->cert_request != NULL && self->cert_dialog != NULL;
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
  g_clear_pointer (&self->cert_chosen, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (sb_login_view_parent_class)->dispose (object);
}

static void
sb_login_view_finalize (GObject *object)
{
  SbLoginView *self = (SbLoginView *)object;

  g_clear_pointer (&self->popups, g_ptr_array_unref);
  g_clear_pointer (&self->cert_declined, g_hash_table_unref);
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
