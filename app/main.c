#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-secret.h"

/* Before anything else is checked: --version and --inspect need no settings, every
 * other run does, and without them the other messages would be beside the point. */
static int
check_schema (GApplication *app,
              GVariantDict *options)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *message = NULL;

  if (g_variant_dict_contains (options, "version") || g_variant_dict_contains (options, "inspect"))
    return -1;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return -1;

  message = g_strdup_printf (_("The settings schema %s is not installed: install the program with “meson install”, "
                               "or run it from the build tree with “meson devenv -C build saml-bearer”."),
                             APP_ID);
  g_printerr ("saml-bearer: %s\n", message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;

  /* Before any token or assertion is in memory: no core dump holds one. */
  sb_secret_protect_process ();

  app = sb_application_new ();
  g_signal_connect (app, "handle-local-options", G_CALLBACK (check_schema), NULL);

  return sb_application_run (app, argc, argv);
}
