#define G_LOG_DOMAIN "sb-page-title"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-page-title.h"

/* The host a sign-in page comes from and whether its connection is secure, as a
 * header bar title: for the main window and for every window a page opens. The host
 * is shortened at its start, so the registrable domain stays in sight. */
struct _SbPageTitle
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkImage   *security_icon;
  GtkLabel   *host_label;
};

G_DEFINE_FINAL_TYPE (SbPageTitle, sb_page_title, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HOST,
  PROP_SECURITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_page_title_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_PAGE_TITLE);

  G_OBJECT_CLASS (sb_page_title_parent_class)->dispose (object);
}

static void
sb_page_title_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbPageTitle *self = SB_PAGE_TITLE (object);

  switch (prop_id)
    {
    case PROP_HOST: sb_page_title_set_host (self, g_value_get_string (value)); break;
    case PROP_SECURITY: sb_page_title_set_security (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_page_title_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbPageTitle *self = SB_PAGE_TITLE (object);

  switch (prop_id)
    {
    case PROP_HOST: g_value_set_string (value, gtk_label_get_text (self->host_label)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_page_title_class_init (SbPageTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_page_title_dispose;
  object_class->set_property = sb_page_title_set_property;
  object_class->get_property = sb_page_title_get_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECURITY] =
    g_param_spec_int ("security", NULL, NULL, SB_SECURITY_NONE, SB_SECURITY_LOCAL, SB_SECURITY_NONE,
                      G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-page-title.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPageTitle, box);
  gtk_widget_class_bind_template_child (widget_class, SbPageTitle, security_icon);
  gtk_widget_class_bind_template_child (widget_class, SbPageTitle, host_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sb_page_title_init (SbPageTitle *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sb_page_title_set_security (self, SB_SECURITY_NONE);
}

GtkWidget *
sb_page_title_new (void)
{
  return g_object_new (SB_TYPE_PAGE_TITLE, NULL);
}

void
sb_page_title_set_host (SbPageTitle *self,
                        const char  *host)
{
  g_return_if_fail (SB_IS_PAGE_TITLE (self));

  if (g_strcmp0 (gtk_label_get_text (self->host_label), host ? host : "") == 0)
    return;

  gtk_label_set_text (self->host_label, host ? host : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->host_label), host);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
}

void
sb_page_title_set_security (SbPageTitle *self,
                            SbSecurity   security)
{
  const char *icon;
  const char *tooltip;

  g_return_if_fail (SB_IS_PAGE_TITLE (self));

  switch (security)
    {
    case SB_SECURITY_SECURE:
      icon = "channel-secure-symbolic";
      tooltip = _("The connection is secure");
      break;
    case SB_SECURITY_LOCAL:
      icon = "computer-symbolic";
      tooltip = _("This page is served by this computer");
      break;
    case SB_SECURITY_INSECURE:
      icon = "channel-insecure-symbolic";
      tooltip = _("The connection is not secure");
      break;
    case SB_SECURITY_NONE:
    default:
      icon = "content-loading-symbolic";
      tooltip = _("Loading");
      break;
    }

  gtk_image_set_from_icon_name (self->security_icon, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->security_icon), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->security_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}
