#define G_LOG_DOMAIN "sb-auth-dialog"

#include "config.h"

#include "sb-auth-dialog.h"

#include <glib/gi18n.h>

/* Asks for the user name and password that a server (or a proxy) wants itself, outside
 * any web form, answers the request with them or cancels it, and goes away when WebKit
 * withdraws the request. */
struct _SbAuthDialog
{
  AdwMessageDialog             parent_instance;

  GtkEditable                 *username;
  GtkEditable                 *password;

  WebKitAuthenticationRequest *request;
};

G_DEFINE_FINAL_TYPE (SbAuthDialog, sb_auth_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GTK 4.8's password entry leaves a handler behind on its text, which the window's
 * reference to its focus widget keeps alive: closing a dialog whose password entry has
 * the focus would call into the freed entry. */
static void
drop_focus (SbAuthDialog *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* Answers the request with what was typed, or cancels it; once. */
static void
finish (SbAuthDialog *self,
        gboolean      answer)
{
  g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->request);

  if (request == NULL)
    return;

  g_signal_handlers_disconnect_by_data (request, self);

  if (answer)
    {
      g_autoptr(WebKitCredential) credential =
        webkit_credential_new (gtk_editable_get_text (self->username),
                               gtk_editable_get_text (self->password),
                               WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
      webkit_authentication_request_authenticate (request, credential);
    }
  else
    webkit_authentication_request_cancel (request);
}

static void
on_request_cancelled (WebKitAuthenticationRequest *request,
                      SbAuthDialog                *self)
{
  g_signal_handlers_disconnect_by_data (request, self);
  g_clear_object (&self->request);
  drop_focus (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sb_auth_dialog_response (AdwMessageDialog *dialog,
                         const char       *response)
{
  SbAuthDialog *self = SB_AUTH_DIALOG (dialog);

  /* The dialog closes itself after a response. */
  drop_focus (self);
  finish (self, g_strcmp0 (response, "sign-in") == 0);

  if (ADW_MESSAGE_DIALOG_CLASS (sb_auth_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (sb_auth_dialog_parent_class)->response (dialog, response);
}

static void
sb_auth_dialog_constructed (GObject *object)
{
  SbAuthDialog *self = SB_AUTH_DIALOG (object);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *host = webkit_authentication_request_get_host (self->request);
  const char *realm = webkit_authentication_request_get_realm (self->request);
  WebKitCredential *proposed;

  G_OBJECT_CLASS (sb_auth_dialog_parent_class)->constructed (object);

  if (webkit_authentication_request_is_for_proxy (self->request))
    heading = g_strdup_printf (_("Sign In to the Proxy %s"), host);
  else
    heading = g_strdup_printf (_("Sign In to %s"), host);

  if (webkit_authentication_request_is_retry (self->request))
    body = g_strdup (_("The user name or password was not accepted. Check them and try again."));
  else if (realm != NULL && *realm != '\0')
    body = g_strdup_printf (_("The server asks for your user name and password for “%s”. They are sent only to this server."), realm);
  else
    body = g_strdup (_("The server asks for your user name and password. They are sent only to this server."));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  proposed = webkit_authentication_request_get_proposed_credential (self->request);
  if (proposed != NULL)
    {
      if (webkit_credential_get_username (proposed) != NULL)
        gtk_editable_set_text (self->username, webkit_credential_get_username (proposed));
      webkit_credential_free (proposed);
    }

  g_signal_connect_object (self->request, "cancelled", G_CALLBACK (on_request_cancelled), self, 0);

  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (*gtk_editable_get_text (self->username) != '\0' ? self->password : self->username));
}

static void
sb_auth_dialog_dispose (GObject *object)
{
  SbAuthDialog *self = SB_AUTH_DIALOG (object);

  finish (self, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_AUTH_DIALOG);

  G_OBJECT_CLASS (sb_auth_dialog_parent_class)->dispose (object);
}

static void
sb_auth_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbAuthDialog *self = SB_AUTH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REQUEST: g_value_set_object (value, self->request); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_auth_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbAuthDialog *self = SB_AUTH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REQUEST: self->request = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_auth_dialog_class_init (SbAuthDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->constructed = sb_auth_dialog_constructed;
  object_class->dispose = sb_auth_dialog_dispose;
  object_class->get_property = sb_auth_dialog_get_property;
  object_class->set_property = sb_auth_dialog_set_property;
  dialog_class->response = sb_auth_dialog_response;

  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, WEBKIT_TYPE_AUTHENTICATION_REQUEST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-auth-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbAuthDialog, username);
  gtk_widget_class_bind_template_child (widget_class, SbAuthDialog, password);
}

static void
sb_auth_dialog_init (SbAuthDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-in", _("_Sign In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sign-in");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

/* A dialog, not shown yet, that asks for what @request wants, over @parent. */
SbAuthDialog *
sb_auth_dialog_new (WebKitAuthenticationRequest *request,
                    GtkWindow                   *parent)
{
  g_return_val_if_fail (WEBKIT_IS_AUTHENTICATION_REQUEST (request), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SB_TYPE_AUTH_DIALOG,
                       "request", request,
                       "transient-for", parent,
                       NULL);
}

/* Cancels the request, if it is still unanswered, and closes the dialog. */
void
sb_auth_dialog_cancel (SbAuthDialog *self)
{
  g_return_if_fail (SB_IS_AUTH_DIALOG (self));

  finish (self, FALSE);
  drop_focus (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Answers as if typed in and clicked (for the tests); a NULL @username cancels.
 * FALSE when the request is no longer unanswered. */
gboolean
sb_auth_dialog_answer (SbAuthDialog *self,
                       const char   *username,
                       const char   *password)
{
  g_autoptr(GtkWindow) window = NULL;

  g_return_val_if_fail (SB_IS_AUTH_DIALOG (self), FALSE);

  if (self->request == NULL)
    return FALSE;

  /* As a click on a response button does: respond, then close. */
  window = g_object_ref (GTK_WINDOW (self));
  if (username != NULL)
    {
      gtk_editable_set_text (self->username, username);
      gtk_editable_set_text (self->password, password != NULL ? password : "");
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), username != NULL ? "sign-in" : "cancel");
  gtk_window_close (window);

  return TRUE;
}
