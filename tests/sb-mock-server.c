#define G_LOG_DOMAIN "sb-mock-server"

#include "config.h"

#include "sb-mock.h"

#include <stdio.h>
#include <unistd.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

/* Runs the mock IdP and platforms for the end-to-end tests and the demo.
 * Prints one line of JSON with their addresses, then nothing else. */

static int port_idp;
static int port_platform;
static gboolean exit_on_eof;

static const GOptionEntry entries[] = {
  { "port-idp", 0, 0, G_OPTION_ARG_INT, &port_idp, "Port of the mock IdP (0: any free port)", "PORT" },
  { "port-platform", 0, 0, G_OPTION_ARG_INT, &port_platform, "Port of the mock platform (0: any free port)", "PORT" },
  { "exit-on-eof", 0, 0, G_OPTION_ARG_NONE, &exit_on_eof, "Exit when standard input is closed", NULL },
  { NULL }
};

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stdin (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      user_data)
{
  char buffer[256];
  gssize n;

  n = read (g_io_channel_unix_get_fd (channel), buffer, sizeof buffer);
  if (n > 0)
    return G_SOURCE_CONTINUE;

  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static char *
dup_addresses (SbMock *mock)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sso = sb_mock_dup_sso_url (mock, NULL);
  g_autofree char *stats = g_strconcat (sb_mock_get_platform_url (mock), "/mock/stats", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "idp");
  json_builder_add_string_value (builder, sb_mock_get_idp_url (mock));
  json_builder_set_member_name (builder, "sso");
  json_builder_add_string_value (builder, sso);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, sb_mock_get_platform_url (mock));
  json_builder_set_member_name (builder, "other_platform");
  json_builder_add_string_value (builder, sb_mock_get_other_platform_url (mock));
  json_builder_set_member_name (builder, "stats");
  json_builder_add_string_value (builder, stats);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SbMock) mock = NULL;
  g_autoptr(GIOChannel) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *addresses = NULL;
  guint sigterm_id;
  guint sigint_id;
  guint stdin_id = 0;

  g_option_context_set_summary (context, "Runs a mock SAML identity provider and Anypoint Platform on 127.0.0.1.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (port_idp < 0 || port_idp > G_MAXUINT16 || port_platform < 0 || port_platform > G_MAXUINT16)
    {
      g_printerr ("Ports are between 0 and 65535.\n");
      return 2;
    }

  if (!(mock = sb_mock_new_with_ports (port_idp, port_platform, &error)))
    {
      g_printerr ("Could not start the mock servers: %s\n", error->message);
      return 1;
    }

  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, loop);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, loop);

  if (exit_on_eof)
    {
      input = g_io_channel_unix_new (STDIN_FILENO);
      stdin_id = g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, loop);
    }

  addresses = dup_addresses (mock);
  printf ("%s\n", addresses);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  if (stdin_id != 0 && g_main_context_find_source_by_id (NULL, stdin_id) != NULL)
    g_source_remove (stdin_id);

  return 0;
}
