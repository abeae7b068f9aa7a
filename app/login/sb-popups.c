#define G_LOG_DOMAIN "sb-popups"

#include "config.h"

#include "sb-popups.h"
#include "sb-page-title.h"
#include "sb-url.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The windows that IdP portals and MFA providers open, each with its own web view. */
struct _SbPopups
{
  GObject    parent_instance;

  GPtrArray *windows;
};

G_DEFINE_FINAL_TYPE (SbPopups, sb_popups, G_TYPE_OBJECT)

static void
on_ready_to_show (WebKitWebView *web_view,
                  GtkWindow     *window)
{
  gtk_window_present (window);
}

/* Every window says which host it shows and whether its connection is secure. */
static void
on_load_changed (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 SbPageTitle     *title)
{
  g_autofree char *host = NULL;
  SbTlsTrust *trust;

  if (event != WEBKIT_LOAD_COMMITTED)
    return;

  trust = g_object_get_data (G_OBJECT (title), "sb-tls-trust");
  host = sb_url_display_host (webkit_web_view_get_uri (web_view));
  sb_page_title_set_host (title, host);
  sb_page_title_set_security (title, trust != NULL ? sb_tls_trust_get_security (trust, web_view) : SB_SECURITY_NONE);
}

static void
on_close (WebKitWebView *web_view,
          GtkWindow     *window)
{
  gtk_window_destroy (window);
}

static void
on_window_destroyed (GtkWindow *window,
                     SbPopups  *self)
{
  g_ptr_array_remove (self->windows, window);
}

static void
sb_popups_dispose (GObject *object)
{
  SbPopups *self = SB_POPUPS (object);

  if (self->windows != NULL)
    sb_popups_close_all (self);
  g_clear_pointer (&self->windows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_popups_parent_class)->dispose (object);
}

static void
sb_popups_class_init (SbPopupsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_popups_dispose;
}

static void
sb_popups_init (SbPopups *self)
{
  self->windows = g_ptr_array_new ();
}

SbPopups *
sb_popups_new (void)
{
  return g_object_new (SB_TYPE_POPUPS, NULL);
}

/* Puts @web_view, just created for a page that opened a window, in a window of its
 * own over @parent, shown once the page is ready and closed when the page says so;
 * @trust judges its connection as the main view's. */
void
sb_popups_open (SbPopups      *self,
                WebKitWebView *web_view,
                SbTlsTrust    *trust,
                GtkWindow     *parent)
{
  GtkWidget *window;
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *box;

  g_return_if_fail (SB_IS_POPUPS (self));
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));
  g_return_if_fail (SB_IS_TLS_TRUST (trust));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Sign In"));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);

  title = sb_page_title_new ();
  g_object_set_data_full (G_OBJECT (title), "sb-tls-trust", g_object_ref (trust), g_object_unref);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (GTK_WIDGET (web_view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (web_view));
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (on_load_changed), title, 0);
  g_signal_connect_object (web_view, "ready-to-show", G_CALLBACK (on_ready_to_show), window, 0);
  g_signal_connect_object (web_view, "close", G_CALLBACK (on_close), window, 0);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroyed), self, 0);
  g_ptr_array_add (self->windows, window);
}

void
sb_popups_close_all (SbPopups *self)
{
  g_return_if_fail (SB_IS_POPUPS (self));

  while (self->windows->len > 0)
    gtk_window_destroy (g_ptr_array_index (self->windows, self->windows->len - 1));
}
