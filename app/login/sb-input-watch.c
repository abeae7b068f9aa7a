#define G_LOG_DOMAIN "sb-input-watch"

#include "config.h"

#include "sb-input-watch.h"

/* Tells when the sign-in page waits for the person: it shows a field to type into, or it
 * sat still for a few seconds after its last load without handing over a response.
 * "needs-person" comes once per start.
 *
 * The check runs in a script world of its own. A page can make it report too early,
 * which only shows the window; a page that hides its fields is caught by the idle time. */

#define WATCH_WORLD "saml-bearer-input-watch"
#define IDLE_MS 4000
#define CHECK_MS 500

static const char check_script[] =
  "(() => {\n"
  "  const skip = /^(hidden|submit|button|reset|image)$/i;\n"
  "  for (const e of document.querySelectorAll ('input, textarea, select, [contenteditable]')) {\n"
  "    if (e.tagName === 'INPUT' && skip.test (e.type))\n"
  "      continue;\n"
  "    if (e.disabled || e.readOnly || (e.hasAttribute ('contenteditable') && !e.isContentEditable))\n"
  "      continue;\n"
  "    const style = getComputedStyle (e);\n"
  "    if (style.visibility === 'hidden' || style.display === 'none' || e.getClientRects ().length === 0)\n"
  "      continue;\n"
  "    return true;\n"
  "  }\n"
  "  return false;\n"
  "}) ()";

struct _SbInputWatch
{
  GObject        parent_instance;

  WebKitWebView *web_view;
  GCancellable  *cancellable;
  guint          idle_id;
  guint          check_id;
  gboolean       reported;
};

G_DEFINE_FINAL_TYPE (SbInputWatch, sb_input_watch, G_TYPE_OBJECT)

enum {
  NEEDS_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_timers (SbInputWatch *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
report (SbInputWatch *self)
{
  if (self->reported)
    return;

  self->reported = TRUE;
  clear_timers (self);
  g_signal_emit (self, signals[NEEDS_PERSON], 0);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A page on its way out cannot answer: the next load asks again. */
  if (value != NULL && jsc_value_is_boolean (value) && jsc_value_to_boolean (value))
    report (SB_INPUT_WATCH (user_data));
}

static gboolean
check_now_cb (gpointer user_data)
{
  SbInputWatch *self = user_data;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  /* The callback holds no reference: stopping cancels it, and a cancelled one returns at once. */
  webkit_web_view_evaluate_javascript (self->web_view, check_script, -1, WATCH_WORLD, NULL,
                                       self->cancellable, check_cb, self);

  return G_SOURCE_CONTINUE;
}

static gboolean
idle_cb (gpointer user_data)
{
  SbInputWatch *self = user_data;

  self->idle_id = 0;
  report (self);

  return G_SOURCE_REMOVE;
}

/* Each load starts the idle time again; a loaded page is looked at until then, since
 * script-built forms come after the load. */
static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 SbInputWatch    *self)
{
  if (self->reported || (event != WEBKIT_LOAD_STARTED && event != WEBKIT_LOAD_FINISHED))
    return;

  clear_timers (self);
  self->idle_id = g_timeout_add (IDLE_MS, idle_cb, self);

  if (event == WEBKIT_LOAD_FINISHED)
    {
      check_now_cb (self);
      self->check_id = g_timeout_add (CHECK_MS, check_now_cb, self);
    }
}

static void
sb_input_watch_dispose (GObject *object)
{
  sb_input_watch_stop (SB_INPUT_WATCH (object));

  G_OBJECT_CLASS (sb_input_watch_parent_class)->dispose (object);
}

static void
sb_input_watch_class_init (SbInputWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_input_watch_dispose;

  /* The page waits for the person: whoever hid the page should show it. */
  signals[NEEDS_PERSON] =
    g_signal_new ("needs-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_input_watch_init (SbInputWatch *self)
{
}

SbInputWatch *
sb_input_watch_new (void)
{
  return g_object_new (SB_TYPE_INPUT_WATCH, NULL);
}

/* Watches @web_view from its first load on. */
void
sb_input_watch_start (SbInputWatch  *self,
                      WebKitWebView *web_view)
{
  g_return_if_fail (SB_IS_INPUT_WATCH (self));
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  sb_input_watch_stop (self);
  self->web_view = g_object_ref (web_view);
  self->reported = FALSE;
  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (on_load_changed), self, 0);
}

/* Nothing to wait for any more: the page handed over its response, failed, or went. */
void
sb_input_watch_stop (SbInputWatch *self)
{
  g_return_if_fail (SB_IS_INPUT_WATCH (self));

  clear_timers (self);
  if (self->web_view != NULL)
    g_signal_handlers_disconnect_by_data (self->web_view, self);
  g_clear_object (&self->web_view);
}
