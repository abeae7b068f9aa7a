#define G_LOG_DOMAIN "sb-working-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-working-page.h"

struct _SbWorkingPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkSpinner    *spinner;
  GtkWidget     *cancel_button;
};

G_DEFINE_FINAL_TYPE (SbWorkingPage, sb_working_page, ADW_TYPE_BIN)

/* The spinner turns only while it can be seen. */
static void
sb_working_page_map (GtkWidget *widget)
{
  SbWorkingPage *self = SB_WORKING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  GTK_WIDGET_CLASS (sb_working_page_parent_class)->map (widget);
  gtk_spinner_set_spinning (self->spinner, TRUE);

  /* The page this one replaces had the focus, and GTK 4.8 leaves a trail to it that Tab
   * cannot get out of once it is gone. The trail now leads here, and nothing has the
   * focus: an Enter meant for the sign-in form must not press Cancel. */
  if (root != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, widget)))
    {
      gtk_widget_grab_focus (self->cancel_button);
      gtk_root_set_focus (root, NULL);
    }
}

static void
sb_working_page_unmap (GtkWidget *widget)
{
  gtk_spinner_set_spinning (SB_WORKING_PAGE (widget)->spinner, FALSE);
  GTK_WIDGET_CLASS (sb_working_page_parent_class)->unmap (widget);
}

static gboolean
sb_working_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (SB_WORKING_PAGE (widget)->cancel_button);
}

/* Tab goes through the page in order, not through grab_focus() (see SbResultPage). */
static gboolean
sb_working_page_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  return gtk_widget_child_focus (adw_bin_get_child (ADW_BIN (widget)), direction);
}

static void
sb_working_page_dispose (GObject *object)
{
  /* The child is AdwBin's: let it go before the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_WORKING_PAGE);

  G_OBJECT_CLASS (sb_working_page_parent_class)->dispose (object);
}

static void
sb_working_page_class_init (SbWorkingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_working_page_dispose;
  widget_class->map = sb_working_page_map;
  widget_class->unmap = sb_working_page_unmap;
  widget_class->grab_focus = sb_working_page_grab_focus;
  widget_class->focus = sb_working_page_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-working-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWorkingPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SbWorkingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbWorkingPage, cancel_button);
}

static void
sb_working_page_init (SbWorkingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Names the platform the sign-in is being exchanged with. */
void
sb_working_page_set_host (SbWorkingPage *self,
                          const char    *host)
{
  g_autofree char *title = NULL;

  g_return_if_fail (SB_IS_WORKING_PAGE (self));

  title = g_strdup_printf (_("Signing In to %s…"), host);
  adw_status_page_set_title (self->status_page, title);
}
