/* The command line, without GTK: what each option means, and the runs that need no
 * window (a kept token printed or handed to a command, --status, --sign-out, --inspect,
 * --list-profiles). Both programs use it: saml-bearer, which starts no display and so
 * hands over a kept token in milliseconds, and the window's program it starts otherwise. */
#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-profile-store.h"
#include "sb-saml.h"
#include "sb-secret.h"
#include "sb-token-cache.h"
#include "sb-trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_FINAL_TYPE (SbCli, sb_cli, G_TYPE_OBJECT)

static const GOptionEntry option_entries[] = {
  { "platform", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Anypoint Platform address, e.g. https://eu1.anypoint.mulesoft.com"), N_("URL") },
  { "idp-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("IdP-initiated sign-in address of the Anypoint app at your identity provider"), N_("URL") },
  { "profile", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the saved profile with this name"), N_("NAME") },
  { "print", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the token on standard output and exit once it is obtained; the clipboard is left alone"), NULL },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Output of --print: raw (default), header, json or env (shell assignments for eval); "
       "of --status and --inspect: text (default) or json"), N_("FORMAT") },
  { "exec", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run the COMMAND given after “--” with the token in its environment (ANYPOINT_ACCESS_TOKEN, "
       "ANYPOINT_HOST, ANYPOINT_ORG) and exit with its status"), NULL },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Tell whether a valid token is kept for the profile (who, which organization, time left) and exit; "
       "never signs in"), NULL },
  { "sign-out", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Delete the token kept for the profile and its remembered sign-in, then exit"), NULL },
  { "min-valid", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Reuse a kept token only while it has more than this many minutes left (default 5)"), N_("MINUTES") },
  { "fresh", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sign in again even when a valid token is kept (the new one is kept)"), NULL },
  { "no-cache", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Neither reuse a kept token nor keep the new one"), NULL },
  { "organization", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Business group (id or name) for --format=env, --exec and --status"), N_("ID|NAME") },
  { "list-profiles", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the names of the saved profiles, one per line, and exit"), NULL },
  { "capture", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Capture the SAML response posted to this address (or host) instead of getting a token"), N_("URL") },
  { "no-clipboard", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the token without copying it to the clipboard"), NULL },
  { "timeout", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Seconds to wait for the platform to answer (default 30)"), N_("SECONDS") },
  { "proxy", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Send the platform requests through this proxy instead of the desktop’s proxy settings"), N_("URL") },
  { "user-agent", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("User agent to present to the identity provider"), N_("STRING") },
  { "inspect", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Describe a SAMLResponse (base64, URL-encoded or XML) read from FILE or standard input, then exit"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  /* From the program to the window's program: the kept token was looked for already. */
  { "cache-checked", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE|-] [-- COMMAND [ARG…]]") },
  { NULL }
};

static void
sb_cli_finalize (GObject *object)
{
  SbCli *self = SB_CLI (object);

  g_clear_object (&self->exec_token);
  g_clear_pointer (&self->exec_argv, g_strfreev);
  g_clear_pointer (&self->organization, g_free);

  G_OBJECT_CLASS (sb_cli_parent_class)->finalize (object);
}

static void
sb_cli_class_init (SbCliClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_cli_finalize;
}

static void
sb_cli_init (SbCli *self)
{
  self->token_fd = -1;
  self->min_valid = SB_CLI_DEFAULT_MIN_VALID_MINUTES;
}

SbCli *
sb_cli_new (void)
{
  return g_object_new (SB_TYPE_CLI, NULL);
}

/* GApplication parses the command line, says what is wrong without our name and
 * ends the run with status 1: here the message gets both, and the run status 2. */
static void
on_option_error (GOptionContext *context,
                 GOptionGroup   *group,
                 gpointer        user_data,
                 GError        **error)
{
  SbCli *self = user_data;
  g_autofree char *message = NULL;

  self->usage_error = TRUE;
  if (error == NULL || *error == NULL)
    return;

  message = g_strdup_printf (_("%s. See --help."), (*error)->message);
  g_free ((*error)->message);
  (*error)->message = g_strconcat ("saml-bearer: ", message, NULL);
}

void
sb_cli_add_options (SbCli        *self,
                    GApplication *app)
{
  GOptionGroup *usage_group;

  g_return_if_fail (SB_IS_CLI (self));
  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option_entries (app, option_entries);

  /* No options of its own, so --help does not list it: it is there for its error hook. */
  usage_group = g_option_group_new ("saml-bearer", "", "", self, NULL);
  g_option_group_set_error_hook (usage_group, on_option_error);
  g_application_add_option_group (app, usage_group);
  g_application_set_option_context_parameter_string (app, _("— get an Anypoint Platform bearer token"));
  g_application_set_option_context_summary (app,
    _("Sign in at your identity provider and get a MuleSoft Anypoint Platform bearer token "
      "on the clipboard, or on standard output with --print. The token is kept in the desktop "
      "keyring and reused while it is valid, with no window.\n\n"
      "Exit status: 0 token obtained (--status: a valid token is kept), 1 sign-in or exchange "
      "failed (--status: no valid token), 2 bad command line, 3 cancelled or window closed; "
      "--exec: the command’s status (127 when it is not found)."));
}

/* Before anything else is checked: --version and --inspect need no settings, every
 * other run does, and without them the other messages would be beside the point. */
int
sb_cli_check_schema (GApplication *app,
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
  return SB_EXIT_FAILED;
}

void
_sb_cli_fail_usage (const char *message)
{
  g_printerr ("saml-bearer: %s\n", message);
}

static int
fail_usage (char *message)
{
  _sb_cli_fail_usage (message);
  g_free (message);
  return SB_EXIT_USAGE;
}

/* Options that each make a run of their own kind. */
static const char * const mode_options[] = { "print", "exec", "status", "sign-out", "inspect", "list-profiles" };

/* Reads what this run is to do into @self: -1 when the options fit together, else
 * SB_EXIT_USAGE once it has said why. --inspect and --list-profiles check the rest themselves. */
static int
read_options (SbCli        *self,
              GVariantDict *options)
{
  g_autofree char *format = NULL;
  g_auto(GStrv) remaining = NULL;
  const char *chosen = NULL;
  int min_valid = SB_CLI_DEFAULT_MIN_VALID_MINUTES;

  for (guint i = 0; i < G_N_ELEMENTS (mode_options); i++)
    {
      if (!g_variant_dict_contains (options, mode_options[i]))
        continue;
      if (chosen != NULL)
        return fail_usage (g_strdup_printf (_("--%s and --%s cannot be used together."), chosen, mode_options[i]));
      chosen = mode_options[i];
    }

  if (g_strcmp0 (chosen, "inspect") == 0 || g_strcmp0 (chosen, "list-profiles") == 0)
    return -1;

  if (g_strcmp0 (chosen, "print") == 0)
    self->mode = SB_CLI_MODE_PRINT;
  else if (g_strcmp0 (chosen, "exec") == 0)
    self->mode = SB_CLI_MODE_EXEC;
  else if (g_strcmp0 (chosen, "status") == 0)
    self->mode = SB_CLI_MODE_STATUS;
  else if (g_strcmp0 (chosen, "sign-out") == 0)
    self->mode = SB_CLI_MODE_SIGN_OUT;
  else
    self->mode = SB_CLI_MODE_WINDOW;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^aay", &remaining);
  if (self->mode == SB_CLI_MODE_EXEC)
    {
      if (remaining == NULL || remaining[0] == NULL)
        return fail_usage (g_strdup (_("--exec needs a command after “--”, as in: saml-bearer --exec -- COMMAND ARG…")));
      self->exec_argv = g_steal_pointer (&remaining);
    }
  else if (remaining != NULL && remaining[0] != NULL)
    {
      return fail_usage (g_strdup_printf (_("Unexpected argument “%s”. See --help."), remaining[0]));
    }

  if (g_variant_dict_lookup (options, "format", "s", &format))
    {
      if (self->mode == SB_CLI_MODE_STATUS)
        {
          if (g_strcmp0 (format, "json") != 0 && g_strcmp0 (format, "text") != 0)
            return fail_usage (g_strdup (_("--status prints “text” (the default) or “json”.")));
          self->format = g_strcmp0 (format, "json") == 0 ? SB_TOKEN_FORMAT_JSON : SB_TOKEN_FORMAT_RAW;
        }
      else if (!sb_token_format_from_string (format, &self->format) || self->format > SB_TOKEN_FORMAT_ENV)
        {
          return fail_usage (g_strdup_printf (_("Unknown format “%s”: use raw, header, json or env."), format));
        }
    }

  if (g_variant_dict_lookup (options, "min-valid", "i", &min_valid) && min_valid < 0)
    return fail_usage (g_strdup (_("--min-valid takes a number of minutes, 0 or more.")));
  /* No session lasts a day: more than that only means "always sign in". */
  self->min_valid = MIN (min_valid, 24 * 60);

  self->fresh = g_variant_dict_contains (options, "fresh");
  self->cache_checked = g_variant_dict_contains (options, "cache-checked");
  self->no_cache = g_variant_dict_contains (options, "no-cache");

  if (g_variant_dict_lookup (options, "organization", "s", &self->organization) &&
      self->mode != SB_CLI_MODE_PRINT && self->mode != SB_CLI_MODE_EXEC && self->mode != SB_CLI_MODE_STATUS)
    return fail_usage (g_strdup (_("--organization goes with --print, --exec or --status.")));

  return -1;
}

/* Runs what needs no window: -1 when the run needs one (a sign-in, or the window itself),
 * else its exit status, once done. */
int
sb_cli_handle_local (SbCli        *self,
                     GVariantDict *options)
{
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  int status;

  g_return_val_if_fail (SB_IS_CLI (self), SB_EXIT_FAILED);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("saml-bearer %s\n", PACKAGE_VERSION);
      return SB_EXIT_OK;
    }

  if ((status = read_options (self, options)) >= 0)
    return status;

  if (g_variant_dict_contains (options, "inspect"))
    {
      g_variant_dict_lookup (options, "format", "s", &format);
      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^aay", &files);
      return _sb_cli_inspect (format, files);
    }

  if (g_variant_dict_contains (options, "list-profiles"))
    return _sb_cli_list_profiles ();

  switch (self->mode)
    {
    case SB_CLI_MODE_STATUS:
      return _sb_cli_status (self, options);

    case SB_CLI_MODE_SIGN_OUT:
      return _sb_cli_sign_out (self, options);

    case SB_CLI_MODE_PRINT:
    case SB_CLI_MODE_EXEC:
      /* A token the keyring keeps needs no display. */
      if (!self->cache_checked)
        return _sb_cli_try_cache (self, options);
      return -1;

    case SB_CLI_MODE_WINDOW:
    default:
      return -1;
    }
}

/* Whether the environment names a display; GTK may still fail to open it. */
gboolean
sb_cli_env_has_display (void)
{
  return (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0') ||
         (g_getenv ("WAYLAND_DISPLAY") != NULL && *g_getenv ("WAYLAND_DISPLAY") != '\0') ||
         g_getenv ("WAYLAND_SOCKET") != NULL ||
         g_strcmp0 (g_getenv ("GDK_BACKEND"), "broadway") == 0;
}

int
sb_cli_fail_no_display (SbCli *self)
{
  gboolean print = self->mode == SB_CLI_MODE_PRINT || self->mode == SB_CLI_MODE_EXEC;

  if (print && self->cache_checked)
    g_printerr ("saml-bearer: %s\n", _("Signing in needs a desktop session, and no valid token is kept for this "
                                       "profile: there is no display to open the sign-in window on."));
  else
    g_printerr ("saml-bearer: %s\n", _("Signing in needs a desktop session: there is no display to open the sign-in window on."));

  return SB_EXIT_FAILED;
}

/* The run is over: --exec's command runs now, if a token was got for it. */
int
sb_cli_finish (SbCli *self,
               int    status)
{
  g_return_val_if_fail (SB_IS_CLI (self), SB_EXIT_FAILED);

  if (self->usage_error)
    return SB_EXIT_USAGE;
  if (status == SB_EXIT_OK && self->exec_token != NULL)
    return _sb_cli_exec (self);

  return status;
}

SbCliMode
sb_cli_get_mode (SbCli *self)
{
  g_return_val_if_fail (SB_IS_CLI (self), SB_CLI_MODE_WINDOW);

  return self->mode;
}

gboolean
sb_cli_get_cache_checked (SbCli *self)
{
  g_return_val_if_fail (SB_IS_CLI (self), FALSE);

  return self->cache_checked;
}

/* Standard output is the token's alone: what else would write there (WebKit's helper
 * processes inherit it) writes to standard error instead. */
void
sb_cli_keep_stdout_for_token (SbCli *self)
{
  fflush (stdout);
  self->token_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (self->token_fd >= 0)
    dup2 (STDERR_FILENO, STDOUT_FILENO);
}

static void
write_token (SbCli      *self,
             const char *text)
{
  int fd = self->token_fd >= 0 ? self->token_fd : STDOUT_FILENO;
  g_autofree char *line = g_strconcat (text, "\n", NULL);
  gsize length = strlen (line);
  gsize done = 0;

  while (done < length)
    {
      gssize n = write (fd, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }

  sb_secret_wipe (line, length);
}

static SbProfile *
find_profile (const char *name)
{
  SbProfile *profile = sb_profile_store_find (sb_profile_store_get_default (), name);

  return profile != NULL ? g_object_ref (profile) : NULL;
}

/* --list-profiles: for shell completion, so names only. */
int
_sb_cli_list_profiles (void)
{
  GListModel *profiles = G_LIST_MODEL (sb_profile_store_get_default ());

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(SbProfile) profile = g_list_model_get_item (profiles, i);

      g_print ("%s\n", sb_profile_get_name (profile));
    }

  return SB_EXIT_OK;
}

SbProfile *
sb_cli_dup_default_profile (void)
{
  return sb_profile_store_dup_last_used (sb_profile_store_get_default ());
}

static gboolean
override_url (SbProfile    *profile,
              GVariantDict *options,
              const char   *option,
              GError      **error)
{
  g_autofree char *value = NULL;
  g_autofree char *normalized = NULL;

  if (!g_variant_dict_lookup (options, option, "s", &value))
    return TRUE;

  if (g_strcmp0 (option, "platform") == 0)
    normalized = sb_profile_normalize_platform_url (value, error);
  else
    normalized = sb_profile_normalize_idp_url (value, error);

  if (normalized == NULL)
    {
      g_prefix_error (error, "--%s: ", option);
      return FALSE;
    }

  if (g_strcmp0 (option, "platform") == 0)
    sb_profile_set_platform_url (profile, normalized);
  else
    sb_profile_set_idp_url (profile, normalized);

  return TRUE;
}

SbProfile *
sb_cli_dup_profile (GVariantDict  *options,
                    GError       **error)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autofree char *name = NULL;
  g_autofree char *user_agent = NULL;
  gboolean overridden = g_variant_dict_contains (options, "platform") || g_variant_dict_contains (options, "idp-url") ||
                        g_variant_dict_contains (options, "capture");
  g_autofree char *capture = NULL;

  if (g_variant_dict_lookup (options, "profile", "s", &name))
    {
      profile = find_profile (name);
      if (profile == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("There is no profile named “%s”. Create it in Preferences, or give --platform and --idp-url."),
                       name);
          return NULL;
        }
    }
  else if (overridden)
    {
      /* A one-off sign-in from the command line: nothing is saved. */
      profile = sb_profile_new (NULL);
    }
  else
    {
      profile = sb_cli_dup_default_profile ();
    }

  if (profile == NULL)
    return NULL;

  /* Overrides apply to this run only: the window must not save them, nor reload over them. */
  if (sb_profile_get_id (profile) != NULL &&
      (overridden || g_variant_dict_contains (options, "user-agent")))
    {
      g_autoptr(SbProfile) stored = g_steal_pointer (&profile);

      profile = sb_profile_copy (stored);
    }

  if (!override_url (profile, options, "platform", error) ||
      !override_url (profile, options, "idp-url", error))
    return NULL;

  if (g_variant_dict_lookup (options, "user-agent", "s", &user_agent))
    sb_profile_set_user_agent (profile, user_agent);

  if (g_variant_dict_lookup (options, "capture", "s", &capture))
    {
      sb_profile_set_kind (profile, SB_PROFILE_KIND_CAPTURE);
      sb_profile_set_acs_url (profile, capture);
    }

  return g_steal_pointer (&profile);
}

/* For capture-only profiles: the JSON of --print --format=json. */
static char *
capture_to_json (SbSignIn *sign_in)
{
  SbCapture *capture = sb_sign_in_get_capture (sign_in);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "saml_response");
  json_builder_add_string_value (builder, sb_capture_get_saml_response (capture));
  json_builder_set_member_name (builder, "acs_url");
  json_builder_add_string_value (builder, sb_capture_get_acs_url (capture));
  json_builder_set_member_name (builder, "relay_state");
  json_builder_add_string_value (builder, sb_capture_get_relay_state (capture));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_value (builder, sb_saml_to_json (sb_sign_in_get_saml (sign_in), NULL));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}

/* The token may be printed as soon as the platform gave it, before the user is known,
 * when what is printed does not depend on who the user is. */
gboolean
sb_cli_may_print_early (SbCli    *self,
                        SbSignIn *sign_in)
{
  return self->mode == SB_CLI_MODE_PRINT && self->organization == NULL && !sb_sign_in_is_capture_only (sign_in) &&
         (self->format == SB_TOKEN_FORMAT_RAW || self->format == SB_TOKEN_FORMAT_HEADER);
}

int
sb_cli_print_token (SbCli   *self,
                    SbToken *token)
{
  g_autoptr(SbSecret) text = sb_token_format (token, self->format);

  write_token (self, text);
  sb_trace ("token-delivered");
  return SB_EXIT_OK;
}

/* Hands over what the sign-in got: printed, or kept for --exec to run its command with.
 * The business group asked for must be one of the user's. */
int
sb_cli_deliver (SbCli    *self,
                SbSignIn *sign_in)
{
  SbToken *token = sb_sign_in_get_token (sign_in);
  g_autoptr(GError) error = NULL;

  if (sb_sign_in_is_capture_only (sign_in))
    {
      SbCapture *capture = sb_sign_in_get_capture (sign_in);
      g_autoptr(SbSecret) text = NULL;

      text = self->format == SB_TOKEN_FORMAT_JSON ? capture_to_json (sign_in)
                                                  : g_strdup (sb_capture_get_saml_response (capture));
      write_token (self, text);
      sb_trace ("token-delivered");
      return SB_EXIT_OK;
    }

  if (self->organization != NULL && !sb_token_select_organization (token, self->organization, &error))
    {
      g_printerr ("saml-bearer: %s\n", error->message);
      return SB_EXIT_USAGE;
    }

  if (self->mode == SB_CLI_MODE_EXEC)
    {
      g_set_object (&self->exec_token, token);
      return SB_EXIT_OK;
    }

  return sb_cli_print_token (self, token);
}

/* Why the token just obtained is not kept, said once; nothing when it is, or when the
 * user asked for that. */
void
sb_cli_report_cache_error (SbCli    *self,
                           SbSignIn *sign_in)
{
  const GError *error = sb_sign_in_get_cache_error (sign_in);

  if (error == NULL || self->no_cache)
    return;

  if (g_error_matches (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE))
    g_printerr ("saml-bearer: %s\n", _("No keyring (Secret Service) answers in this session: tokens will not be kept."));
  else
    g_printerr ("saml-bearer: %s %s\n", _("The token could not be kept in the keyring:"), error->message);
}
