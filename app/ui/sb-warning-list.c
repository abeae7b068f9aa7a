#define G_LOG_DOMAIN "sb-warning-list"

#include "config.h"

#include "sb-warning-list.h"
#include "sb-saml.h"

/* What the assertion itself says may be wrong, a row each, beside the result or the error it explains. */
struct _SbWarningList
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (SbWarningList, sb_warning_list, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
warning_row_new (SbSamlWarning *warning)
{
  gboolean status = warning->kind == SB_SAML_WARNING_STATUS;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (status ? "dialog-error-symbolic" : "dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), warning->explanation);
  gtk_widget_add_css_class (icon, status ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static void
sb_warning_list_finalize (GObject *object)
{
  g_clear_pointer (&SB_WARNING_LIST (object)->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_warning_list_parent_class)->finalize (object);
}

static void
sb_warning_list_class_init (SbWarningListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_warning_list_finalize;
}

static void
sb_warning_list_init (SbWarningList *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
sb_warning_list_clear (SbWarningList *self)
{
  g_return_if_fail (SB_IS_WARNING_LIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Beside an error, the page already says what the status or an SP-initiated sign-in
 * means; beside a token, "encrypted" is moot. */
void
sb_warning_list_show (SbWarningList *self,
                      GPtrArray     *warnings,
                      gboolean       beside_error)
{
  g_return_if_fail (SB_IS_WARNING_LIST (self));

  sb_warning_list_clear (self);
  if (warnings == NULL)
    return;

  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row;

      if ((beside_error && (warning->kind == SB_SAML_WARNING_STATUS || warning->kind == SB_SAML_WARNING_SP_INITIATED)) ||
          (!beside_error && warning->kind == SB_SAML_WARNING_ENCRYPTED))
        continue;

      row = warning_row_new (warning);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}
