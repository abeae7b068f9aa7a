/* --inspect: a SAMLResponse described, read from a file or standard input. */
#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-saml.h"
#include "sb-secret.h"

#include <string.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  if (path != NULL && g_strcmp0 (path, "-") != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      return G_INPUT_STREAM (g_file_read (file, NULL, error));
    }

  return g_unix_input_stream_new (STDIN_FILENO, FALSE);
}

/* Reads at most SB_SAML_MAX_INPUT bytes and one more, so an endless or huge
 * input ends with an error rather than all the memory; every buffer left
 * behind is wiped, as the input is an assertion.
 */
static char *
read_input (const char  *path,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  char *buffer = NULL;
  gsize size = 0;
  gsize filled = 0;

  in = open_input (path, error);
  if (in == NULL)
    return NULL;

  while (filled <= SB_SAML_MAX_INPUT)
    {
      gsize n = 0;

      if (filled == size)
        {
          gsize new_size = MIN (MAX (size * 2, 64 * 1024), SB_SAML_MAX_INPUT + 1);
          char *bigger = g_malloc (new_size + 1);

          if (buffer != NULL)
            {
              memcpy (bigger, buffer, filled);
              sb_secret_wipe (buffer, size);
              g_free (buffer);
            }
          buffer = bigger;
          size = new_size;
        }

      if (!g_input_stream_read_all (in, buffer + filled, size - filled, &n, NULL, error))
        {
          sb_secret_wipe (buffer, size);
          g_free (buffer);
          return NULL;
        }

      filled += n;
      if (filled < size)
        break;
    }

  if (filled > SB_SAML_MAX_INPUT)
    {
      sb_secret_wipe (buffer, size);
      g_free (buffer);
      g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE,
                   _("The input is larger than any SAML response (%u MiB at most)."),
                   SB_SAML_MAX_INPUT / (1024 * 1024));
      return NULL;
    }

  buffer[filled] = '\0';
  *length = filled;
  return buffer;
}

static int
inspect (const char *path,
         gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *input = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  input = read_input (path, &length, &error);
  if (input != NULL)
    saml = sb_saml_new (input, length, &error);
  if (input != NULL)
    sb_secret_wipe (input, length);

  if (saml == NULL)
    {
      g_printerr ("saml-bearer: %s\n", error->message);
      return SB_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = sb_saml_to_json (saml, now);
      text = json_to_string (node, TRUE);
    }
  else
    {
      text = sb_saml_to_text (saml, now);
    }

  g_print ("%s\n", text);
  return SB_EXIT_OK;
}

/* --inspect: what it may print and read are checked here, as GApplication cannot. */
int
_sb_cli_inspect (const char  *format,
                 char       **files)
{
  if (format != NULL && g_strcmp0 (format, "json") != 0 && g_strcmp0 (format, "text") != 0)
    {
      _sb_cli_fail_usage (_("--inspect prints “text” (the default) or “json”."));
      return SB_EXIT_USAGE;
    }
  if (files != NULL && g_strv_length (files) > 1)
    {
      _sb_cli_fail_usage (_("--inspect reads one file (or “-” for standard input)."));
      return SB_EXIT_USAGE;
    }
  return inspect (files ? files[0] : NULL, g_strcmp0 (format, "json") == 0);
}
