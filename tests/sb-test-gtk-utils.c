/* What the widget tests share and the headless ones must not link. */
#define G_LOG_DOMAIN "sb-test-utils"

#include "config.h"

#include "sb-test-gtk-utils.h"

/* Counts the message dialogs shown; *@first gets the first of them. */
static guint
visible_dialogs (AdwMessageDialog **first)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (!ADW_IS_MESSAGE_DIALOG (window) || !gtk_widget_get_visible (window))
        continue;

      if (count++ == 0 && first != NULL)
        *first = ADW_MESSAGE_DIALOG (window);
    }

  return count;
}

/* The first message dialog shown, or %NULL. */
AdwMessageDialog *
sb_test_find_dialog (void)
{
  AdwMessageDialog *first = NULL;

  visible_dialogs (&first);
  return first;
}

guint
sb_test_count_dialogs (void)
{
  return visible_dialogs (NULL);
}
