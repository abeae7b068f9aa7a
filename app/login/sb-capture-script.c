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
#define SETTLE_MS 100
#define MAX_REPORTS 8
#define MAX_RESPONSE_LENGTH (16 * 1024 * 1024)

/* The scripts the sign-in pages run and what they report. A capture needs both halves:
 * a POST the policy stopped, and the capture script's report of the form that made it,
 * to the same address. A report is untrusted input: a page can have the script report
 * a form it never submits. So only reports that came before the stop count (the
 * script reports a real submission before the view is asked to navigate), and two
 * different responses for one stopped POST are a conflict, never a choice. */
struct _SbCaptureScript
{
  GObject                   parent_instance;

  WebKitUserContentManager *content_manager;

  GPtrArray                *reports;
  SbCapture                *stopped;
  guint                     confirm_timeout_id;
  /* This page's sign-in was decided: its further submissions are not another one. */
  gboolean                  decided;
};

G_DEFINE_FINAL_TYPE (SbCaptureScript, sb_capture_script, G_TYPE_OBJECT)

enum {
  CAPTURED,
  UNCONFIRMED,
  CONFLICT,
  SECURITY_KEY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The one response the reports give for the stopped POST; NULL with @n_responses 0 or more than 1. */
static SbCapture *
find_report (SbCaptureScript *self,
             guint           *n_responses)
{
  SbCapture *found = NULL;

  *n_responses = 0;
  for (guint i = 0; i < self->reports->len; i++)
    {
      SbCapture *report = g_ptr_array_index (self->reports, i);

      if (!sb_capture_url_equal (sb_capture_get_acs_url (report), sb_capture_get_acs_url (self->stopped)))
        continue;
      if (found != NULL && g_strcmp0 (sb_capture_get_saml_response (found), sb_capture_get_saml_response (report)) == 0)
        continue;

      found = report;
      (*n_responses)++;
    }

  return *n_responses == 1 ? found : NULL;
}

static void
decide (SbCaptureScript *self)
{
  g_autofree char *url = g_strdup (sb_capture_get_acs_url (self->stopped));
  g_autoptr(SbCapture) capture = NULL;
  SbCapture *report;
  guint n_responses;

  report = find_report (self, &n_responses);
  if (report != NULL)
    {
      sb_trace ("capture");
      capture = sb_capture_new (url, sb_capture_get_saml_response (report), sb_capture_get_relay_state (report));
    }
  sb_capture_script_reset (self);
  self->decided = TRUE;

  if (capture != NULL)
    g_signal_emit (self, signals[CAPTURED], 0, capture);
  else
    g_signal_emit (self, signals[n_responses > 1 ? CONFLICT : UNCONFIRMED], 0, url);
}

static gboolean
decide_cb (gpointer user_data)
{
  SbCaptureScript *self = user_data;

  self->confirm_timeout_id = 0;
  decide (self);

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

  if (self->reports->len == MAX_REPORTS)
    g_ptr_array_remove_index (self->reports, 0);
  g_ptr_array_add (self->reports, sb_capture_new (action, response, relay_state));

  /* A POST stopped before any report: take the first that comes, once no other follows it. */
  if (self->stopped != NULL && self->confirm_timeout_id != 0 && self->reports->len == 1)
    {
      g_source_remove (self->confirm_timeout_id);
      self->confirm_timeout_id = g_timeout_add (SETTLE_MS, decide_cb, self);
    }
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
  g_clear_pointer (&self->reports, g_ptr_array_unref);
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
  /* A POST was stopped, and the page reported two different responses for it. */
  signals[CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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

  self->reports = g_ptr_array_new_with_free_func (g_object_unref);
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
 * when its form was reported, "conflict" when two different forms were, "unconfirmed"
 * when none was. A second POST while the first is decided is not another sign-in. */
void
sb_capture_script_post_stopped (SbCaptureScript *self,
                                const char      *url)
{
  guint n_responses;

  g_return_if_fail (SB_IS_CAPTURE_SCRIPT (self));
  g_return_if_fail (url != NULL);

  if (self->stopped != NULL || self->decided)
    return;

  self->stopped = sb_capture_new (url, "", NULL);
  find_report (self, &n_responses);
  if (n_responses > 0)
    decide (self);
  else
    self->confirm_timeout_id = g_timeout_add (CONFIRM_TIMEOUT_MS, decide_cb, self);
}

/* Forgets the reports and the stopped POST, as a new page does. */
void
sb_capture_script_reset (SbCaptureScript *self)
{
  g_return_if_fail (SB_IS_CAPTURE_SCRIPT (self));

  if (self->reports != NULL)
    g_ptr_array_set_size (self->reports, 0);
  g_clear_object (&self->stopped);
  g_clear_handle_id (&self->confirm_timeout_id, g_source_remove);
  self->decided = FALSE;
}
