/* A file chooser for a row that holds a path (GtkFileDialog is GTK 4.10). */
#define G_LOG_DOMAIN "sb-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-file-chooser.h"

static void
on_response (GtkNativeDialog *chooser,
             int              response,
             AdwEntryRow     *row)
{
  g_autoptr(GFile) file = NULL;
  const char *path;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_peek_path (file) : NULL;
  if (path != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), path);
}

/* Modal to @row's window, it starts at the file @row names and puts the path of the
 * file picked in @row. */
GtkNativeDialog *
sb_file_chooser_new_for_row (AdwEntryRow *row,
                             const char  *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  g_autofree char *current = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GtkNativeDialog *chooser;

  chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title,
                                                            GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                            GTK_FILE_CHOOSER_ACTION_OPEN,
                                                            _("_Open"), _("_Cancel")));
  gtk_native_dialog_set_modal (chooser, TRUE);

  if (g_path_is_absolute (current))
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      if (g_file_query_exists (file, NULL))
        gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_response), row, 0);
  return chooser;
}
