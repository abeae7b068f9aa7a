#define G_LOG_DOMAIN "sb-assertion-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-assertion-window.h"
#include "sb-assertion-summary.h"
#include "sb-clipboard.h"
#include "sb-secret.h"
#include "sb-xml-view.h"

struct _SbAssertionWindow
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwViewStack       *view_stack;
  GtkButton          *copy_button;
  GtkToggleButton    *search_button;
  SbAssertionSummary *summary;
  SbXmlView          *xml_view;

  SbSaml             *saml;
  char               *platform_url;
};

G_DEFINE_FINAL_TYPE (SbAssertionWindow, sb_assertion_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SAML,
  PROP_PLATFORM_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (SbAssertionWindow *self,
            const char        *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
visible_page_cb (SbAssertionWindow *self)
{
  gboolean xml = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "xml") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), xml);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), xml);
}

/* Actions */

static void
copy_xml_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);
  GtkTextBuffer *buffer = sb_xml_view_get_buffer (self->xml_view);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint delay = g_settings_get_uint (settings, "clipboard-clear-seconds");
  g_autoptr(SbSecret) xml = NULL;
  g_autofree char *message = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  xml = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  /* The XML holds the assertion, so it goes away like a copied token. */
  sb_clipboard_copy_secret (sb_clipboard_get_default (), gtk_widget_get_clipboard (widget), xml, delay);

  if (delay > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s copied. It will be cleared from the clipboard in %u second.",
                                            "%s copied. It will be cleared from the clipboard in %u seconds.",
                                            delay),
                               _("XML"), delay);
  else
    message = g_strdup_printf (_("%s copied."), _("XML"));

  show_toast (self, message);
}

static void
copy_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  show_toast (self, _("Copied to the clipboard"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "xml");
  sb_xml_view_search (self->xml_view);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  if (g_str_equal (action_name, "assertion.find-next"))
    sb_xml_view_find_next (self->xml_view);
  else
    sb_xml_view_find_previous (self->xml_view);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (widget);

  if (sb_xml_view_get_search_mode (self->xml_view))
    sb_xml_view_set_search_mode (self->xml_view, FALSE);
  else
    gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

/* GObject */

static void
sb_assertion_window_constructed (GObject *object)
{
  SbAssertionWindow *self = (SbAssertionWindow *)object;
  g_autoptr(SbSecret) xml = NULL;

  G_OBJECT_CLASS (sb_assertion_window_parent_class)->constructed (object);

  g_assert (SB_IS_SAML (self->saml));

  sb_assertion_summary_set_saml (self->summary, self->saml, self->platform_url);
  xml = sb_saml_dup_pretty_xml (self->saml);
  sb_xml_view_set_text (self->xml_view, xml);
}

static void
sb_assertion_window_dispose (GObject *object)
{
  SbAssertionWindow *self = (SbAssertionWindow *)object;

  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->view_stack, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ASSERTION_WINDOW);

  g_clear_object (&self->saml);

  G_OBJECT_CLASS (sb_assertion_window_parent_class)->dispose (object);
}

static void
sb_assertion_window_finalize (GObject *object)
{
  SbAssertionWindow *self = (SbAssertionWindow *)object;

  g_free (self->platform_url);

  G_OBJECT_CLASS (sb_assertion_window_parent_class)->finalize (object);
}

static void
sb_assertion_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SAML:
      g_value_set_object (value, self->saml);
      break;

    case PROP_PLATFORM_URL:
      g_value_set_string (value, self->platform_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_assertion_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SbAssertionWindow *self = SB_ASSERTION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SAML:
      self->saml = g_value_dup_object (value);
      break;

    case PROP_PLATFORM_URL:
      self->platform_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_assertion_window_class_init (SbAssertionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_assertion_window_constructed;
  object_class->dispose = sb_assertion_window_dispose;
  object_class->finalize = sb_assertion_window_finalize;
  object_class->get_property = sb_assertion_window_get_property;
  object_class->set_property = sb_assertion_window_set_property;

  properties[PROP_SAML] =
    g_param_spec_object ("saml", NULL, NULL,
                         SB_TYPE_SAML,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLATFORM_URL] =
    g_param_spec_string ("platform-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_ASSERTION_SUMMARY);
  g_type_ensure (SB_TYPE_XML_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-assertion-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, SbAssertionWindow, xml_view);

  gtk_widget_class_install_action (widget_class, "assertion.copy-xml", NULL, copy_xml_action);
  gtk_widget_class_install_action (widget_class, "assertion.copy-value", "s", copy_value_action);
  gtk_widget_class_install_action (widget_class, "assertion.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "assertion.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "assertion.find-previous", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "assertion.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "assertion.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "assertion.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
sb_assertion_window_init (SbAssertionWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_cb), self, G_CONNECT_SWAPPED);
  visible_page_cb (self);
}

/**
 * sb_assertion_window_new:
 * @parent: (nullable): the window it belongs to
 * @saml: the response to show
 * @platform_url: (nullable): the platform the assertion is for, to check
 *   its audience against
 *
 * Returns: (transfer none): a new window showing what @saml says, with the
 *   reasons the platform could refuse it first
 */
GtkWindow *
sb_assertion_window_new (GtkWindow  *parent,
                         SbSaml     *saml,
                         const char *platform_url)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_SAML (saml), NULL);

  return g_object_new (SB_TYPE_ASSERTION_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "saml", saml,
                       "platform-url", platform_url,
                       NULL);
}

/**
 * sb_assertion_window_get_xml_buffer:
 *
 * Returns: (transfer none): the buffer holding the indented XML
 */
GtkTextBuffer *
sb_assertion_window_get_xml_buffer (SbAssertionWindow *self)
{
  g_return_val_if_fail (SB_IS_ASSERTION_WINDOW (self), NULL);

  return sb_xml_view_get_buffer (self->xml_view);
}
