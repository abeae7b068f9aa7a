#define G_LOG_DOMAIN "sb-clipboard"

#include "config.h"

#include "sb-clipboard.h"
#include "sb-secret.h"

#include <glib-unix.h>
#include <signal.h>
#include <string.h>

/* Clipboard managers that honour this hint (KDE's, and others that follow it) do not keep the copy. */
#define PASSWORD_MANAGER_HINT "x-kde-passwordManagerHint"

struct _SbClipboard
{
  GObject             parent_instance;

  GdkClipboard       *clipboard;
  GdkContentProvider *provider;
  guint               clear_id;
  gint64              clear_at;
  guint               sigint_id;
  guint               sigterm_id;
  gboolean            holding;
};

G_DEFINE_FINAL_TYPE (SbClipboard, sb_clipboard, G_TYPE_OBJECT)

static void
release_application (SbClipboard *self)
{
  GApplication *app = g_application_get_default ();

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  if (self->holding && app != NULL)
    g_application_release (app);
  self->holding = FALSE;
}

/* Ctrl+C, or the session ending: the copy goes before the process does. */
static gboolean
on_signal (gpointer user_data)
{
  SbClipboard *self = user_data;
  GApplication *app = g_application_get_default ();

  sb_clipboard_clear (self);
  if (app != NULL)
    g_application_quit (app);

  return G_SOURCE_REMOVE;
}

gboolean
sb_clipboard_holds_ours (SbClipboard  *self,
                         GdkClipboard *clipboard)
{
  g_return_val_if_fail (SB_IS_CLIPBOARD (self), FALSE);
  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);

  return self->provider != NULL &&
         self->clipboard == clipboard &&
         gdk_clipboard_get_content (clipboard) == self->provider;
}

/* Empties the clipboard only if it still holds what we put there. */
void
sb_clipboard_clear (SbClipboard *self)
{
  g_return_if_fail (SB_IS_CLIPBOARD (self));

  g_clear_handle_id (&self->clear_id, g_source_remove);
  self->clear_at = 0;

  /* An empty text rather than no owner: on X11 a paste from an owner with no formats can hang. */
  if (self->clipboard != NULL && sb_clipboard_holds_ours (self, self->clipboard))
    gdk_clipboard_set_text (self->clipboard, "");

  g_clear_object (&self->provider);
  g_clear_object (&self->clipboard);
  release_application (self);
}

static gboolean
clear_cb (gpointer user_data)
{
  SbClipboard *self = user_data;

  self->clear_id = 0;
  sb_clipboard_clear (self);

  return G_SOURCE_REMOVE;
}

static GBytes *
secret_bytes (const char *secret)
{
  char *copy = g_strdup (secret);

  return g_bytes_new_with_free_func (copy, strlen (copy), (GDestroyNotify)sb_secret_free, copy);
}

void
sb_clipboard_copy_secret (SbClipboard  *self,
                          GdkClipboard *clipboard,
                          const char   *secret,
                          guint         clear_after_seconds)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) hint = NULL;
  GdkContentProvider *providers[4];
  GValue value = G_VALUE_INIT;
  GApplication *app = g_application_get_default ();

  g_return_if_fail (SB_IS_CLIPBOARD (self));
  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));
  g_return_if_fail (secret != NULL);

  sb_clipboard_clear (self);

  bytes = secret_bytes (secret);
  hint = g_bytes_new_static ("secret", strlen ("secret"));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, secret);

  providers[0] = gdk_content_provider_new_for_value (&value);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  providers[2] = gdk_content_provider_new_for_bytes ("text/plain", bytes);
  providers[3] = gdk_content_provider_new_for_bytes (PASSWORD_MANAGER_HINT, hint);
  self->provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));

  sb_secret_wipe ((char *)g_value_get_string (&value), strlen (secret));
  g_value_unset (&value);

  self->clipboard = g_object_ref (clipboard);
  gdk_clipboard_set_content (clipboard, self->provider);

  if (clear_after_seconds > 0)
    {
      self->clear_id = g_timeout_add_seconds (clear_after_seconds, clear_cb, self);
      self->clear_at = g_get_monotonic_time () + clear_after_seconds * G_USEC_PER_SEC;

      /* Keep serving (and then clear) the copy after the last window closes. */
      if (app != NULL)
        {
          g_application_hold (app);
          self->holding = TRUE;
          self->sigint_id = g_unix_signal_add (SIGINT, on_signal, self);
          self->sigterm_id = g_unix_signal_add (SIGTERM, on_signal, self);
        }
    }
}

/* How long until the copy is cleared, rounded up; 0 when nothing of ours waits to be. */
guint
sb_clipboard_get_seconds_left (SbClipboard *self)
{
  gint64 left;

  g_return_val_if_fail (SB_IS_CLIPBOARD (self), 0);

  if (self->clear_id == 0)
    return 0;

  left = self->clear_at - g_get_monotonic_time ();
  return left > 0 ? (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 1;
}

static void
sb_clipboard_dispose (GObject *object)
{
  sb_clipboard_clear (SB_CLIPBOARD (object));

  G_OBJECT_CLASS (sb_clipboard_parent_class)->dispose (object);
}

static void
sb_clipboard_class_init (SbClipboardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_clipboard_dispose;
}

static void
sb_clipboard_init (SbClipboard *self)
{
}

SbClipboard *
sb_clipboard_get_default (void)
{
  static SbClipboard *instance;

  if (instance == NULL)
    {
      instance = g_object_new (SB_TYPE_CLIPBOARD, NULL);
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *)&instance);
    }

  return instance;
}
