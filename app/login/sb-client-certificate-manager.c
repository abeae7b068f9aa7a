#define G_LOG_DOMAIN "sb-client-certificate-manager"

#include "config.h"

#include "sb-client-certificate-manager.h"
#include "sb-client-certificate.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* Takes the TLS client certificate and PIN questions off the login view: the dialogs
 * that ask them, the certificate chosen per host while the session lasts, the hosts
 * the user went on without one for, and the certificate the profile remembers. */
struct _SbClientCertificateManager
{
  GObject                      parent_instance;

  SbProfile                   *profile;
  /* The login view's page, whose loads tell an early question from a late one. */
  WebKitWebView               *web_view;
  GtkWindow                   *parent;

  /* The certificate (or its PIN) being asked for, and its dialog. */
  WebKitAuthenticationRequest *request;
  AdwMessageDialog            *dialog;
  GtkEditable                 *file;
  GtkEditable                 *key;
  GtkEditable                 *password;
  GtkCheckButton              *remember;
  GtkFileChooserNative        *chooser;
  gboolean                     for_pin;
  /* A question came before WebKit told us its load started, and WebKit withdrew it:
   * load the page again if it stopped. */
  gboolean                     early;
  gboolean                     withdrawn;
  gboolean                     in_load;
  /* Host → the client certificate chosen for it while this session lasts. */
  GHashTable                  *chosen;
  /* Hosts the user chose to go on without a certificate for, until forgotten. */
  GHashTable                  *declined;
};

G_DEFINE_FINAL_TYPE (SbClientCertificateManager, sb_client_certificate_manager, G_TYPE_OBJECT)

static void show_certificate_dialog (SbClientCertificateManager *self,
                                     const char                 *certificate,
                                     const char                 *key,
                                     gboolean                    remember,
                                     const char                 *message);

static const char *
request_host (WebKitAuthenticationRequest *request)
{
  const char *host = webkit_authentication_request_get_host (request);

  return host != NULL ? host : "";
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
close_chooser (SbClientCertificateManager *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
close_dialog (SbClientCertificateManager *self)
{
  AdwMessageDialog *dialog = g_steal_pointer (&self->dialog);

  close_chooser (self);

  self->file = NULL;
  self->key = NULL;
  self->password = NULL;
  self->remember = NULL;
  self->for_pin = FALSE;

  if (dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (dialog, self);
      drop_focus (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* Answers the pending question with @credential, or cancels it when NULL. */
static void
finish (SbClientCertificateManager *self,
        WebKitCredential           *credential)
{
  g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->request);

  if (request != NULL)
    {
      g_signal_handlers_disconnect_by_data (request, self);

      if (credential != NULL)
        webkit_authentication_request_authenticate (request, credential);
      else
        webkit_authentication_request_cancel (request);
    }

  close_dialog (self);
}

/* Goes on without a certificate, so the page shows what the server does for those who
 * have none (cancelling would stop the load and leave an empty page). */
static void
decline (SbClientCertificateManager *self)
{
  g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->request);

  if (request != NULL)
    {
      if (self->declined == NULL)
        self->declined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (self->declined, g_strdup (request_host (request)));

      g_signal_handlers_disconnect_by_data (request, self);
      webkit_authentication_request_authenticate (request, NULL);
    }

  close_dialog (self);
}

static void
answer_with_certificate (SbClientCertificateManager *self,
                         GTlsCertificate            *certificate)
{
  WebKitCredential *credential;

  /* Chosen once, used for every connection to that host while this session lasts. */
  if (self->chosen == NULL)
    self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_replace (self->chosen, g_strdup (request_host (self->request)), g_object_ref (certificate));

  credential = webkit_credential_new_for_certificate (certificate, WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
  finish (self, credential);
  webkit_credential_free (credential);
}

static void
on_request_cancelled (WebKitAuthenticationRequest *request,
                      SbClientCertificateManager  *self)
{
  g_debug ("The client certificate is no longer asked for");

  /* WebKit withdraws a question that arrives before it has told us the load started,
   * and the load then stops as if cancelled; on_load_failed() starts it again. A question
   * withdrawn for any other reason (the page went elsewhere) is let go. */
  self->withdrawn = self->early;
  g_signal_handlers_disconnect_by_data (request, self);
  g_clear_object (&self->request);
  finish (self, NULL);
}

static void
take_request (SbClientCertificateManager  *self,
              WebKitAuthenticationRequest *request)
{
  self->early = !self->in_load;
  self->request = g_object_ref (request);
  g_signal_connect_object (request, "cancelled", G_CALLBACK (on_request_cancelled), self, 0);
}

static void
on_load_changed (WebKitWebView              *web_view,
                 WebKitLoadEvent             event,
                 SbClientCertificateManager *self)
{
  if (event == WEBKIT_LOAD_STARTED)
    self->in_load = TRUE;
  if (event == WEBKIT_LOAD_FINISHED)
    self->in_load = FALSE;
  if (event == WEBKIT_LOAD_COMMITTED || event == WEBKIT_LOAD_FINISHED)
    self->withdrawn = FALSE;
}

static gboolean
on_load_failed (WebKitWebView              *web_view,
                WebKitLoadEvent             event,
                const char                 *failing_uri,
                GError                     *error,
                SbClientCertificateManager *self)
{
  if (!g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      !self->withdrawn || failing_uri == NULL)
    return FALSE;

  self->withdrawn = FALSE;
  g_debug ("Loading the page again after a withdrawn certificate question");
  webkit_web_view_load_uri (web_view, failing_uri);

  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog            *chooser,
                     int                         response,
                     SbClientCertificateManager *self)
{
  gboolean for_key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "sb-for-key"));
  GtkEditable *target = for_key ? self->key : self->file;
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
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char    **suffixes)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  for (const char **suffix = suffixes; suffix != NULL && *suffix != NULL; suffix++)
    gtk_file_filter_add_suffix (filter, *suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file (SbClientCertificateManager *self,
             gboolean                    for_key)
{
  static const char *key_suffixes[] = { "pem", "key", NULL };
  static const char *certificate_suffixes[] = { "pem", "crt", "p12", "pfx", NULL };

  if (self->dialog == NULL)
    return;

  close_chooser (self);

  self->chooser = gtk_file_chooser_native_new (for_key ? _("Choose the Key") : _("Choose a Certificate"),
                                               GTK_WINDOW (self->dialog),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "sb-for-key", GINT_TO_POINTER (for_key));

  add_filter (GTK_FILE_CHOOSER (self->chooser), for_key ? _("Keys") : _("Certificates"), NULL,
              for_key ? key_suffixes : certificate_suffixes);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("All Files"), "*", NULL);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_choose_certificate_clicked (GtkButton                  *button,
                               SbClientCertificateManager *self)
{
  choose_file (self, FALSE);
}

static void
on_choose_key_clicked (GtkButton                  *button,
                       SbClientCertificateManager *self)
{
  choose_file (self, TRUE);
}

/* Keeps (or, when unticked, forgets) the profile's certificate; never its password. Only
 * those two keys are written over what is stored, which Preferences may have changed. */
static void
remember_certificate (SbClientCertificateManager *self,
                      const char                 *certificate,
                      const char                 *key,
                      gboolean                    remember)
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

static void
answer_with_pin (SbClientCertificateManager *self)
{
  WebKitCredential *credential =
    webkit_credential_new_for_certificate_pin (gtk_editable_get_text (self->password),
                                               WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);

  finish (self, credential);
  webkit_credential_free (credential);
}

static void
on_dialog_response (AdwMessageDialog           *dialog,
                    const char                 *response,
                    SbClientCertificateManager *self)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *key = NULL;
  gboolean remember;

  /* The dialog closes itself after a response; its entries live until then. */
  g_signal_handlers_disconnect_by_data (dialog, self);
  self->dialog = NULL;
  drop_focus (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "use") != 0 || self->request == NULL)
    {
      if (self->for_pin)
        finish (self, NULL);
      else
        decline (self);
      return;
    }

  if (self->for_pin)
    {
      answer_with_pin (self);
      return;
    }

  file = g_strstrip (g_strdup (gtk_editable_get_text (self->file)));
  key = g_strstrip (g_strdup (gtk_editable_get_text (self->key)));
  remember = gtk_check_button_get_active (self->remember);

  certificate = sb_client_certificate_load (file, key, gtk_editable_get_text (self->password), &error);
  if (certificate == NULL)
    {
      /* Asked again, with what went wrong; the question stays pending meanwhile. */
      close_dialog (self);
      show_certificate_dialog (self, file, key, remember, error->message);
      return;
    }

  remember_certificate (self, file, key, remember);
  answer_with_certificate (self, certificate);
}

static GtkWidget *
entry_new (const char *label)
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

/* An entry with a button beside it that opens a file chooser. */
static GtkWidget *
file_row_new (GtkWidget   *entry,
              const char  *text,
              const char  *button_label,
              GCallback    clicked,
              gpointer     user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  g_signal_connect_object (button, "clicked", clicked, user_data, 0);
  gtk_box_append (GTK_BOX (row), entry);
  gtk_box_append (GTK_BOX (row), button);

  return row;
}

static void
present_dialog (SbClientCertificateManager *self,
                const char                 *heading,
                const char                 *body,
                const char                 *use_label,
                GtkWidget                  *extra_child,
                GtkWidget                  *focus)
{
  g_assert (self->dialog == NULL);

  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent, heading, body));
  gtk_window_set_modal (GTK_WINDOW (self->dialog), TRUE);
  adw_message_dialog_add_responses (self->dialog,
                                    "cancel", _("_Cancel"),
                                    "use", use_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->dialog, "use");
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  adw_message_dialog_set_extra_child (self->dialog, extra_child);

  g_signal_connect_object (self->dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
  gtk_widget_grab_focus (focus);
}

static void
show_certificate_dialog (SbClientCertificateManager *self,
                         const char                 *certificate,
                         const char                 *key,
                         gboolean                    remember,
                         const char                 *message)
{
  g_autofree char *body = NULL;
  GtkWidget *box;
  GtkWidget *file;
  GtkWidget *key_entry;
  GtkWidget *password;
  GtkWidget *check;

  body = g_strdup_printf (_("%s asks for a certificate to sign you in."),
                          webkit_authentication_request_get_host (self->request));
  if (message != NULL)
    {
      char *with_message = g_strconcat (body, "\n\n", message, NULL);
      g_free (body);
      body = with_message;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  file = entry_new (_("Certificate file or pkcs11: address"));
  gtk_box_append (GTK_BOX (box), file_row_new (file, certificate, _("Choose _File…"),
                                               G_CALLBACK (on_choose_certificate_clicked), self));

  key_entry = entry_new (_("Key file, if not in the certificate file"));
  gtk_box_append (GTK_BOX (box), file_row_new (key_entry, key, _("Choose _Key…"),
                                               G_CALLBACK (on_choose_key_clicked), self));

  password = password_entry_new (_("Password, for a PKCS#12 file"));
  gtk_box_append (GTK_BOX (box), password);

  check = gtk_check_button_new_with_mnemonic (_("_Remember for this profile"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), remember);
  gtk_widget_set_tooltip_text (check, _("The password is never stored."));
  /* Only a saved profile has somewhere to keep it. */
  gtk_widget_set_visible (check, self->profile != NULL && sb_profile_get_id (self->profile) != NULL);
  gtk_box_append (GTK_BOX (box), check);

  self->file = GTK_EDITABLE (file);
  self->key = GTK_EDITABLE (key_entry);
  self->password = GTK_EDITABLE (password);
  self->remember = GTK_CHECK_BUTTON (check);
  self->for_pin = FALSE;

  present_dialog (self, _("Certificate Required"), body, _("_Use Certificate"), box,
                  certificate != NULL && *certificate != '\0' ? password : file);
}

/* The server asks for a TLS client certificate: the one chosen earlier in this session,
 * else the profile's remembered one, else whatever the user picks. */
static void
ask_client_certificate (SbClientCertificateManager  *self,
                        WebKitAuthenticationRequest *request)
{
  const char *host = request_host (request);
  gboolean retry = webkit_authentication_request_is_retry (request);
  const char *remembered = "";
  const char *remembered_key = "";
  GTlsCertificate *chosen;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  g_debug ("%s asks for a client certificate%s", webkit_authentication_request_get_host (request),
           retry ? " again" : "");
  take_request (self, request);

  if (self->profile != NULL)
    {
      remembered = sb_profile_get_client_certificate (self->profile);
      remembered_key = sb_profile_get_client_key (self->profile);
    }

  if (retry)
    {
      if (self->chosen != NULL)
        g_hash_table_remove (self->chosen, host);
      show_certificate_dialog (self, remembered, remembered_key, *remembered != '\0',
                               _("The certificate was not accepted. Choose another one."));
      return;
    }

  if (self->declined != NULL && g_hash_table_contains (self->declined, host))
    {
      decline (self);
      return;
    }

  chosen = self->chosen != NULL ? g_hash_table_lookup (self->chosen, host) : NULL;
  if (chosen != NULL)
    {
      answer_with_certificate (self, chosen);
      return;
    }

  if (*remembered == '\0')
    {
      show_certificate_dialog (self, NULL, NULL, FALSE, NULL);
      return;
    }

  certificate = sb_client_certificate_load (remembered, remembered_key, NULL, &error);
  if (certificate != NULL)
    answer_with_certificate (self, certificate);
  else
    show_certificate_dialog (self, remembered, remembered_key, TRUE,
                             g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD) ?
                             _("Enter the password of the certificate file.") : error->message);
}

/* The chosen certificate lives on a smart card or token that wants its PIN. */
static void
ask_certificate_pin (SbClientCertificateManager  *self,
                     WebKitAuthenticationRequest *request)
{
  g_autofree char *body = NULL;
  GTlsPasswordFlags flags = webkit_authentication_request_get_certificate_pin_flags (request);
  GtkWidget *pin;

  take_request (self, request);

  if (flags & G_TLS_PASSWORD_RETRY)
    body = g_strdup (_("The PIN was not accepted. Check it and try again."));
  else if (flags & G_TLS_PASSWORD_FINAL_TRY)
    body = g_strdup (_("This is the last try before the card or token locks."));
  else
    body = g_strdup_printf (_("Enter the PIN of your certificate to sign in to %s."),
                            webkit_authentication_request_get_host (request));

  pin = password_entry_new (_("PIN"));
  self->password = GTK_EDITABLE (pin);
  self->for_pin = TRUE;

  present_dialog (self, _("PIN Required"), body, _("_Unlock"), pin, pin);
}

static void
sb_client_certificate_manager_dispose (GObject *object)
{
  SbClientCertificateManager *self = SB_CLIENT_CERTIFICATE_MANAGER (object);

  finish (self, NULL);
  sb_client_certificate_manager_set_web_view (self, NULL);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->declined, g_hash_table_unref);

  G_OBJECT_CLASS (sb_client_certificate_manager_parent_class)->dispose (object);
}

static void
sb_client_certificate_manager_class_init (SbClientCertificateManagerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_client_certificate_manager_dispose;
}

static void
sb_client_certificate_manager_init (SbClientCertificateManager *self)
{
}

SbClientCertificateManager *
sb_client_certificate_manager_new (void)
{
  return g_object_new (SB_TYPE_CLIENT_CERTIFICATE_MANAGER, NULL);
}

/* The profile whose remembered certificate is offered, and where a new one is kept. */
void
sb_client_certificate_manager_set_profile (SbClientCertificateManager *self,
                                           SbProfile                  *profile)
{
  g_return_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self));
  g_return_if_fail (profile == NULL || SB_IS_PROFILE (profile));

  g_set_object (&self->profile, profile);
}

/* Watches the loads of @web_view, the main page, so that a question WebKit withdraws
 * before its load started has the page loaded again. */
void
sb_client_certificate_manager_set_web_view (SbClientCertificateManager *self,
                                            WebKitWebView              *web_view)
{
  g_return_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self));
  g_return_if_fail (web_view == NULL || WEBKIT_IS_WEB_VIEW (web_view));

  if (self->web_view != NULL)
    g_signal_handlers_disconnect_by_data (self->web_view, self);
  g_set_object (&self->web_view, web_view);

  self->in_load = FALSE;
  self->withdrawn = FALSE;

  if (web_view == NULL)
    return;

  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (on_load_changed), self, 0);
  g_signal_connect_object (web_view, "load-failed", G_CALLBACK (on_load_failed), self, 0);
}

/* Forgets the certificates chosen per host, as a new network session does. */
void
sb_client_certificate_manager_forget_chosen (SbClientCertificateManager *self)
{
  g_return_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self));

  g_clear_pointer (&self->chosen, g_hash_table_unref);
}

/* Asked again, a certificate can be chosen after all for a host once declined. */
void
sb_client_certificate_manager_forget_declined (SbClientCertificateManager *self)
{
  g_return_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self));

  g_clear_pointer (&self->declined, g_hash_table_unref);
}

/* Answers @request, a client certificate or PIN question, or asks the user over
 * @parent. A question still unanswered is cancelled first. FALSE for other requests. */
gboolean
sb_client_certificate_manager_request (SbClientCertificateManager  *self,
                                       WebKitAuthenticationRequest *request,
                                       GtkWindow                   *parent)
{
  g_return_val_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self), FALSE);
  g_return_val_if_fail (WEBKIT_IS_AUTHENTICATION_REQUEST (request), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);

  switch (webkit_authentication_request_get_scheme (request))
    {
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_REQUESTED:
      finish (self, NULL);
      g_set_weak_pointer (&self->parent, parent);
      ask_client_certificate (self, request);
      return TRUE;

    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_PIN_REQUESTED:
      finish (self, NULL);
      g_set_weak_pointer (&self->parent, parent);
      ask_certificate_pin (self, request);
      return TRUE;

    default:
      return FALSE;
    }
}

/* Cancels the question being asked, if any, and closes its dialog. */
void
sb_client_certificate_manager_cancel (SbClientCertificateManager *self)
{
  g_return_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self));

  finish (self, NULL);
}

/* Whether a dialog asks for a client certificate (or its PIN) right now. */
gboolean
sb_client_certificate_manager_get_pending (SbClientCertificateManager *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self), FALSE);

  return self->request != NULL && self->dialog != NULL;
}

/* Answers the pending question as if typed into its dialog (for the tests):
 * @certificate (a path or pkcs11: URI), @key and @password, or a NULL @certificate to
 * cancel. For a PIN question, @password is the PIN. Does nothing when none is pending. */
void
sb_client_certificate_manager_answer (SbClientCertificateManager *self,
                                      const char                 *certificate,
                                      const char                 *key,
                                      const char                 *password,
                                      gboolean                    remember)
{
  g_autoptr(GtkWindow) dialog = NULL;

  g_return_if_fail (SB_IS_CLIENT_CERTIFICATE_MANAGER (self));

  if (!sb_client_certificate_manager_get_pending (self))
    return;

  /* As a click on a response button does: respond, then close. */
  dialog = g_object_ref (GTK_WINDOW (self->dialog));
  if (certificate != NULL)
    {
      if (!self->for_pin)
        {
          gtk_editable_set_text (self->file, certificate);
          gtk_editable_set_text (self->key, key != NULL ? key : "");
          gtk_check_button_set_active (self->remember, remember);
        }
      gtk_editable_set_text (self->password, password != NULL ? password : "");
    }
  adw_message_dialog_response (self->dialog, certificate != NULL ? "use" : "cancel");
  gtk_window_close (dialog);
}
