/* What the command line does with no window: a kept token handed over, --status and
 * --sign-out. None of it needs GTK or a display. */
#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-json.h"
#include "sb-profile-store.h"
#include "sb-token-cache.h"
#include "sb-url.h"

#include <string.h>

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
is_over (SbSignIn *sign_in)
{
  SbSignInState state = sb_sign_in_get_state (sign_in);

  return state == SB_SIGN_IN_STATE_DONE || state == SB_SIGN_IN_STATE_FAILED;
}

static void
on_state (SbSignIn   *sign_in,
          GParamSpec *pspec,
          GMainLoop  *loop)
{
  if (is_over (sign_in))
    g_main_loop_quit (loop);
}

/* A sign-in with no page: it ends DONE with a kept token that the platform still accepts,
 * or FAILED (SB_SIGN_IN_ERROR_NEEDS_PAGE) when only a sign-in at the IdP would give one. */
static SbSignIn *
run_headless (SbCli         *self,
              SbProfile     *profile,
              GVariantDict  *options)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *proxy = NULL;
  SbSignIn *sign_in = sb_sign_in_new (profile, NULL);
  int timeout = 0;
  gulong handler;

  if (!g_variant_dict_lookup (options, "timeout", "i", &timeout) || timeout <= 0)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      timeout = g_settings_get_uint (settings, "request-timeout");
    }
  g_variant_dict_lookup (options, "proxy", "s", &proxy);

  sb_sign_in_set_token_cache (sign_in, sb_token_cache_get_default ());
  sb_sign_in_set_min_valid (sign_in, self->min_valid);
  sb_sign_in_set_timeout (sign_in, timeout);
  sb_sign_in_set_proxy (sign_in, proxy);

  handler = g_signal_connect (sign_in, "notify::state", G_CALLBACK (on_state), loop);
  sb_sign_in_start (sign_in);
  if (!is_over (sign_in))
    g_main_loop_run (loop);
  g_signal_handler_disconnect (sign_in, handler);

  return sign_in;
}

/* The profile the options name; -1 when there is one, else the exit status, said. */
static int
find_profile (GVariantDict  *options,
              SbProfile    **profile)
{
  g_autoptr(GError) error = NULL;

  *profile = sb_cli_dup_profile (options, &error);
  if (error != NULL)
    {
      g_printerr ("saml-bearer: %s\n", error->message);
      return SB_EXIT_USAGE;
    }
  if (*profile == NULL)
    {
      g_printerr ("saml-bearer: %s\n", _("No profile is set up yet: give --profile, or --platform and --idp-url."));
      return SB_EXIT_FAILED;
    }

  return -1;
}

static char *
dup_profile_label (SbProfile *profile)
{
  const char *name = sb_profile_get_name (profile);

  if (name != NULL && *name != '\0')
    return g_strdup (name);

  return sb_url_display_host (sb_profile_get_platform_url (profile));
}

/* --print and --exec: a kept token, when there is one, is handed over at once. -1 when a
 * sign-in at the IdP is needed (or the cache is not to be used), else the exit status. */
int
_sb_cli_try_cache (SbCli         *self,
                           GVariantDict  *options)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  gboolean capture_only;

  profile = sb_cli_dup_profile (options, &error);
  if (error != NULL)
    {
      g_printerr ("saml-bearer: %s\n", error->message);
      return SB_EXIT_USAGE;
    }
  if (profile == NULL)
    return -1;

  capture_only = sb_profile_get_kind (profile) == SB_PROFILE_KIND_CAPTURE;
  if (capture_only && self->mode == SB_CLI_MODE_EXEC)
    {
      g_autofree char *label = dup_profile_label (profile);
      g_autofree char *message = g_strdup_printf (_("--exec runs a command with a token, but the profile “%s” only captures a SAML response."),
                                                  label);

      _sb_cli_fail_usage (message);
      return SB_EXIT_USAGE;
    }

  if (capture_only || self->fresh || self->no_cache || !sb_profile_get_keep_tokens (profile))
    return -1;

  sign_in = run_headless (self, profile, options);
  self->cache_checked = TRUE;
  if (sb_sign_in_get_state (sign_in) != SB_SIGN_IN_STATE_DONE)
    return -1;

  return sb_cli_deliver (self, sign_in);
}

static SbToken *
lookup (SbProfile  *profile,
        GError    **error)
{
  SbTokenCache *cache = sb_token_cache_get_default ();
  g_autoptr(GAsyncResult) result = NULL;

  sb_token_cache_lookup_async (cache, profile, NULL, on_result, &result);
  return sb_token_cache_lookup_finish (cache, wait_for_result (&result), error);
}

static const char *
get_group_name (GPtrArray  *groups,
                const char *id)
{
  for (guint i = 0; i < groups->len; i++)
    {
      SbBusinessGroup *group = g_ptr_array_index (groups, i);

      if (g_strcmp0 (group->id, id) == 0)
        return group->name;
    }

  return NULL;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* "ada.lovelace (Ada Lovelace), Analytical Engines, 54 minutes left", and the business
 * groups when there are more than the organization itself. */
static char *
dup_status_text (SbToken   *token,
                 GDateTime *now)
{
  g_autoptr(GPtrArray) groups = sb_token_dup_business_groups (token);
  g_autofree char *name = sb_token_dup_display_name (token);
  g_autofree char *who = NULL;
  g_autofree char *left = NULL;
  g_autofree char *organization = NULL;
  const char *username = sb_token_get_username (token);
  const char *root = sb_token_get_organization (token);
  const char *selected_id = sb_token_get_organization_id (token);
  const char *selected = get_group_name (groups, selected_id);
  int minutes = (int) MAX (sb_token_get_seconds_left (token, now) / 60, 0);
  GString *text = g_string_new (NULL);

  if (username != NULL && name != NULL && g_strcmp0 (username, name) != 0)
    who = g_strdup_printf ("%s (%s)", username, name);
  else
    who = g_strdup (username != NULL ? username : name != NULL ? name : _("unknown user"));

  if (root == NULL)
    root = _("unknown organization");
  if (selected != NULL && g_strcmp0 (selected, root) != 0)
    /* Translators: the organization, then the business group picked in it. */
    organization = g_strdup_printf (_("%s, business group %s"), root, selected);
  else
    organization = g_strdup (root);

  /* Translators: the time a kept token has left, an estimate from the profile's session length. */
  left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute left", "%d minutes left", minutes), minutes);
  g_string_append_printf (text, "%s, %s, %s", who, organization, left);

  if (groups->len > 1)
    {
      g_string_append_printf (text, "\n%s", _("Business groups:"));
      for (guint i = 0; i < groups->len; i++)
        {
          SbBusinessGroup *group = g_ptr_array_index (groups, i);

          g_string_append (text, i == 0 ? " " : ", ");
          if (g_strcmp0 (group->id, selected_id) == 0)
            /* Translators: the business group --format=env and --exec use, in the list of them. */
            g_string_append_printf (text, _("%s (selected)"), group->name);
          else
            g_string_append (text, group->name);
        }
    }

  return g_string_free (text, FALSE);
}

/* What --print --format=json gives but the token itself, and the business groups. */
static char *
dup_status_json (SbToken    *token,
                 const char *label,
                 GDateTime  *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) groups = sb_token_dup_business_groups (token);
  g_autofree char *obtained_at = format_time (sb_token_get_obtained_at (token));
  g_autofree char *expires_at = format_time (sb_token_get_expires_at (token));
  g_autofree char *name = sb_token_dup_display_name (token);
  JsonObject *user = sb_token_get_user (token);
  JsonObject *organization = sb_json_object_get_object (user, "organization");
  const char *selected_id = sb_token_get_organization_id (token);

  json_builder_begin_object (builder);
  sb_json_builder_add_string_member (builder, "profile", label);
  sb_json_builder_add_string_member (builder, "platform", sb_token_get_platform_url (token));
  sb_json_builder_add_string_member (builder, "token_type", sb_token_get_token_type (token));
  sb_json_builder_add_string_member (builder, "obtained_at", obtained_at);
  sb_json_builder_add_string_member (builder, "expires_at", expires_at);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, sb_token_get_seconds_left (token, now));
  json_builder_set_member_name (builder, "cached");
  json_builder_add_boolean_value (builder, sb_token_get_cached (token));
  sb_json_builder_add_string_member (builder, "organization_id", selected_id);

  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  sb_json_builder_add_string_member (builder, "username", sb_token_get_username (token));
  sb_json_builder_add_string_member (builder, "name", name);
  sb_json_builder_add_string_member (builder, "email", sb_json_object_get_string (user, "email"));
  json_builder_set_member_name (builder, "organization");
  json_builder_begin_object (builder);
  sb_json_builder_add_string_member (builder, "id", sb_json_object_get_string (organization, "id"));
  sb_json_builder_add_string_member (builder, "name", sb_json_object_get_string (organization, "name"));
  sb_json_builder_add_string_member (builder, "domain", sb_json_object_get_string (organization, "domain"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "business_groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      SbBusinessGroup *group = g_ptr_array_index (groups, i);

      json_builder_begin_object (builder);
      sb_json_builder_add_string_member (builder, "id", group->id);
      sb_json_builder_add_string_member (builder, "name", group->name);
      json_builder_set_member_name (builder, "root");
      json_builder_add_boolean_value (builder, group->is_root);
      json_builder_set_member_name (builder, "selected");
      json_builder_add_boolean_value (builder, g_strcmp0 (group->id, selected_id) == 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

static int
status_failed (const char *message)
{
  g_printerr ("saml-bearer: %s\n", message);
  return SB_EXIT_FAILED;
}

/* Why the kept token cannot be handed over, or NULL when it may be: the same test as
 * --print's, so that --status 0 means --print needs no sign-in. */
static char *
dup_unusable_reason (SbCli         *self,
                     SbProfile     *profile,
                     const char    *label,
                     GDateTime     *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbToken) token = lookup (profile, &error);
  gint64 left;
  int minutes;

  if (g_error_matches (error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE))
    return g_strdup (_("No keyring (Secret Service) answers in this session, so no token is kept."));
  if (error != NULL)
    return g_strdup_printf (_("The keyring could not be read: %s"), error->message);
  if (token == NULL)
    return g_strdup_printf (_("No token is kept for “%s”."), label);

  left = sb_token_get_seconds_left (token, now);
  if (left <= 0)
    return g_strdup_printf (_("The token kept for “%s” has expired."), label);
  if (left <= (gint64) self->min_valid * 60)
    {
      minutes = (int) (left / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The token kept for “%s” has %d minute left, not more than --min-valid=%u.",
                                           "The token kept for “%s” has %d minutes left, not more than --min-valid=%u.",
                                           minutes),
                              label, minutes, self->min_valid);
    }

  return NULL;
}

/* --status: never signs in. 0 and who, which organization and the time left when a
 * token is kept that --print would hand over; 1 and why not otherwise. */
int
_sb_cli_status (SbCli         *self,
                        GVariantDict  *options)
{
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(SbSignIn) sign_in = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  SbToken *token;
  int status;

  if ((status = find_profile (options, &profile)) >= 0)
    return status;

  label = dup_profile_label (profile);
  if (sb_profile_get_kind (profile) == SB_PROFILE_KIND_CAPTURE)
    {
      g_autofree char *message = g_strdup_printf (_("The profile “%s” only captures a SAML response: it gets no token to keep."), label);
      return status_failed (message);
    }
  if (!sb_profile_get_keep_tokens (profile))
    {
      g_autofree char *message = g_strdup_printf (_("The profile “%s” does not keep tokens (Preferences)."), label);
      return status_failed (message);
    }

  now = g_date_time_new_now_utc ();
  if ((reason = dup_unusable_reason (self, profile, label, now)) != NULL)
    return status_failed (reason);

  /* The platform is asked whether it still accepts the token, as --print would. */
  sign_in = run_headless (self, profile, options);
  if (sb_sign_in_get_state (sign_in) != SB_SIGN_IN_STATE_DONE)
    {
      g_autoptr(SbToken) kept = lookup (profile, NULL);
      g_autofree char *message = NULL;

      if (kept == NULL)
        message = g_strdup_printf (_("The platform no longer accepts the token kept for “%s”; it was deleted."), label);
      else
        message = g_strdup_printf (_("The platform could not be asked whether the token kept for “%s” is still good."), label);
      return status_failed (message);
    }

  token = sb_sign_in_get_token (sign_in);
  if (self->organization != NULL && !sb_token_select_organization (token, self->organization, &error))
    {
      g_printerr ("saml-bearer: %s\n", error->message);
      return SB_EXIT_USAGE;
    }

  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_utc ();
  if (self->format == SB_TOKEN_FORMAT_JSON)
    text = dup_status_json (token, label, now);
  else
    text = dup_status_text (token, now);
  g_print ("%s\n", text);

  return SB_EXIT_OK;
}

/* --sign-out: the kept token and what the IdP left (cookies, its learned address) go. */
int
_sb_cli_sign_out (SbCli         *self,
                          GVariantDict  *options)
{
  SbTokenCache *cache = sb_token_cache_get_default ();
  SbProfileStore *store = sb_profile_store_get_default ();
  g_autoptr(SbProfile) profile = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) forgotten = NULL;
  g_autoptr(GError) cache_error = NULL;
  g_autoptr(GError) data_error = NULL;
  g_autofree char *label = NULL;
  int status;

  if ((status = find_profile (options, &profile)) >= 0)
    return status;

  label = dup_profile_label (profile);
  sb_token_cache_delete_async (cache, profile, NULL, on_result, &deleted);
  sb_profile_store_forget_data_async (store, profile, NULL, on_result, &forgotten);
  sb_token_cache_delete_finish (cache, wait_for_result (&deleted), &cache_error);
  sb_profile_store_forget_data_finish (store, wait_for_result (&forgotten), &data_error);

  if (cache_error != NULL && !g_error_matches (cache_error, SB_TOKEN_CACHE_ERROR, SB_TOKEN_CACHE_ERROR_UNAVAILABLE))
    {
      g_printerr ("saml-bearer: ");
      g_printerr (_("The token kept for “%s” could not be deleted: %s"), label, cache_error->message);
      g_printerr ("\n");
      return SB_EXIT_FAILED;
    }
  if (data_error != NULL)
    {
      g_printerr ("saml-bearer: ");
      g_printerr (_("The remembered sign-in of “%s” could not be deleted: %s"), label, data_error->message);
      g_printerr ("\n");
      return SB_EXIT_FAILED;
    }

  if (cache_error != NULL)
    g_print (_("Signed out of “%s”: its remembered sign-in is deleted. No keyring answers in this session, so no token was kept."),
             label);
  else
    g_print (_("Signed out of “%s”: the token kept for it and its remembered sign-in are deleted."), label);
  g_print ("\n");

  return SB_EXIT_OK;
}
