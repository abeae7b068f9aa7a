#define G_LOG_DOMAIN "sb-capture-script"

#include "config.h"

#include "sb-capture-script.h"
#include "sb-secret.h"
#include "sb-trace.h"

#include <string.h>

#define CAPTURE_WORLD "saml-bearer"
#define CAPTURE_HANDLER "samlbearer"
#define WEBAUTHN_HANDLER "samlbearerwebauthn"
#define CONFIRM_TIMEOUT_MS 3000
#define MAX_RESPONSE_LENGTH (16 * 1024 * 1024)

/* The scripts the sign-in pages run and what they report. A capture needs both halves:
 * the capture script's report and a POST the policy stopped, to the same address. The
 * report alone is untrusted input: a page can post any message it likes. */
struct _SbCaptureScript
{
  GObject                   parent_instance;

  WebKitUserContentManager *content_manager;

  SbCapture                *reported;
  char                     *stopped_url;
  guint                     confirm_timeout_id;
};

G_DEFINE_FINAL_TYPE (SbCaptureScript, sb_capture_script, G_TYPE_OBJECT)

enum {
  CAPTURED,
  UNCONFIRMED,
  SECURITY_KEY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
try_complete (SbCaptureScript *self)
{
  g_autoptr(SbCapture) capture = NULL;

  if (self->reported == NULL || self->stopped_url == NULL)
    return;

  if (!sb_capture_url_equal (sb_capture_get_acs_url (self->reported), self->stopped_url))
    return;

  sb_trace ("capture");
  capture = sb_capture_new (self->stopped_url,
                            sb_capture_get_saml_response (self->reported),
                            sb_capture_get_relay_state (self->reported));
  sb_capture_script_reset (self);

  g_signal_emit (self, signals[CAPTURED], 0, capture);
}

static gboolean
confirm_timeout_cb (gpointer user_data)
{
  SbCaptureScript *self = user_data;
  g_autofree char *url = g_steal_pointer (&self->stopped_url);

  self->confirm_timeout_id = 0;
  sb_capture_script_reset (self);

  g_signal_emit (self, signals[UNCONFIRMED], 0, url);

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

static void
on_capture_reported (WebKitUserContentManager *manager,
                     JSCValue                 *value,
                     SbCaptureScript          *self)
{
  g_autofree char *action = NULL;
  g_autoptr(SbSecret) response = NULL;
  g_autofree char *relay_state = NULL;

  if (!jsc_value_is_object (value))
    return;

  action = js_string_property (value, "action");
  response = js_string_property (value, "response");
  relay_state = js_string_property (value, "relayState");

  if (action == NULL || response == NULL || *response == '\0' || strlen (response) > MAX_RESPONSE_LENGTH)
    return;

  g_clear_object (&self->reported);
  self->reported = sb_capture_new (action, response, relay_state);

  try_complete (self);
}

static void
on_webauthn_reported (WebKitUserContentManager *manager,
                      JSCValue                 *value,
                      SbCaptureScript          *self)
{
  g_signal_emit (self, signals[SECURITY_KEY], 0);
}

static WebKitUserScript *
user_script_new (const char *name,
                 const char *world)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/js/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

  if (bytes == NULL)
    return NULL;

  if (world == NULL)
    return webkit_user_script_new (g_bytes_get_data (bytes, NULL),
                                   WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                   WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                   NULL, NULL);

  return webkit_user_script_new_for_world (g_bytes_get_data (bytes, NULL),
                                           WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                           WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                           world, NULL, NULL);
}

static void
sb_capture_script_dispose (GObject *object)
{
  SbCaptureScript *self = SB_CAPTURE_SCRIPT (object);

  sb_capture_script_reset (self);
  g_clear_object (&self->content_manager);

  G_OBJECT_CLASS (sb_capture_script_parent_class)->dispose (object);
}

static void
sb_capture_script_class_init (SbCaptureScriptClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_capture_script_dispose;

  /* The page really tried to submit the form it reported. */
  signals[CAPTURED] =
    g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_CAPTURE);
  /* A POST was stopped, but no report of its form came in time. */
  signals[UNCONFIRMED] =
    g_signal_new ("unconfirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The page asked for a security key (WebAuthn), which this WebKit cannot offer. */
  signals[SECURITY_KEY] =
    g_signal_new ("security-key", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_capture_script_init (SbCaptureScript *self)
{
  g_autoptr(WebKitUserScript) script = user_script_new ("capture.js", CAPTURE_WORLD);
  /* Runs in the page's world, where it can see the page's calls; it only ever raises a notice. */
  g_autoptr(WebKitUserScript) webauthn_script = user_script_new ("webauthn.js", NULL);

  g_assert (script != NULL);

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

SbCaptureScript *
sb_capture_script_new (void)
{
  return g_object_new (SB_TYPE_CAPTURE_SCRIPT, NULL);
}

/* The content manager that runs the scripts, for every web view of the sign-in. */
WebKitUserContentManager *
sb_capture_script_get_content_manager (SbCaptureScript *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE_SCRIPT (self), NULL);

  return self->content_manager;
}

/* The policy stopped a POST to @url, the platform's sign-in address: "captured" follows
 * once its form is reported, "unconfirmed" if that does not come in time. */
void
sb_capture_script_post_stopped (SbCaptureScript *self,
                                const char      *url)
{
  g_return_if_fail (SB_IS_CAPTURE_SCRIPT (self));
  g_return_if_fail (url != NULL);

  g_free (self->stopped_url);
  self->stopped_url = g_strdup (url);
  g_clear_handle_id (&self->confirm_timeout_id, g_source_remove);
  self->confirm_timeout_id = g_timeout_add (CONFIRM_TIMEOUT_MS, confirm_timeout_cb, self);

  try_complete (self);
}

/* Forgets both halves of a capture, as a new page does. */
void
sb_capture_script_reset (SbCaptureScript *self)
{
  g_return_if_fail (SB_IS_CAPTURE_SCRIPT (self));

  g_clear_object (&self->reported);
  g_clear_pointer (&self->stopped_url, g_free);
  g_clear_handle_id (&self->confirm_timeout_id, g_source_remove);
}
