#define G_LOG_DOMAIN "sb-combo-row-items"

#include "config.h"

#include "sb-combo-row-items.h"

/* libadwaita 1.2 cuts popup items at 20 characters ("EU — eu1.anypoint.m…"), which
 * leaves platforms, kinds and business groups hard to tell apart: these items wrap
 * instead, and keep its check mark on the selected one.
 */
static void
update_popup_check (AdwComboRow *row,
                    GParamSpec  *pspec,
                    GtkListItem *list_item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (list_item) ? 1.0 : 0.0);
}

static void
setup_popup_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));

  gtk_list_item_set_child (list_item, box);
}

static void
bind_popup_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (gtk_list_item_get_item (list_item)));
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (update_popup_check), list_item);
  update_popup_check (row, NULL, list_item);
}

static void
unbind_popup_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_popup_check, list_item);
}

void
sb_combo_row_wrap_items (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_popup_item), row);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_popup_item), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_popup_item), row);
  adw_combo_row_set_list_factory (row, factory);
}
