#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-saml-private.h"

#include <string.h>
#include <glib/gi18n.h>

void
sb_saml_warning_free (SbSamlWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->title);
  g_free (warning->explanation);
  g_free (warning);
}

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
}

/* Whether @host appears in @audience as a whole host name: in
 * “https://anypoint.mulesoft.com/accounts” or “anypoint.mulesoft.com”, but
 * not in “eu1.anypoint.mulesoft.com”.
 */
static gboolean
audience_names_host (const char *audience,
                     const char *host)
{
  g_autofree char *lower = g_ascii_strdown (audience, -1);
  gsize host_len = strlen (host);

  for (const char *p = lower; (p = strstr (p, host)) != NULL; p++)
    {
      if ((p == lower || !is_host_char (p[-1])) && !is_host_char (p[host_len]))
        return TRUE;
    }

  return FALSE;
}

static char *
platform_host (const char *platform_url)
{
  g_autoptr(GUri) uri = g_uri_parse (platform_url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return NULL;

  return g_ascii_strdown (host, -1);
}

static void
add_warning (GPtrArray         *warnings,
             SbSamlWarningKind  kind,
             const char        *title,
             char              *explanation)
{
  SbSamlWarning *warning = g_new0 (SbSamlWarning, 1);

  warning->kind = kind;
  warning->title = g_strdup (title);
  warning->explanation = explanation;
  g_ptr_array_add (warnings, warning);
}

static void
check_status (SbSaml    *self,
              GPtrArray *warnings)
{
  g_autofree char *message = sb_saml_sanitize (self->status_message);
  const char *name = sb_saml_status_short_name (self->status_code);
  char *explanation;

  if (sb_saml_is_success (self))
    return;

  if (name == NULL)
    explanation = g_strdup (_("The response carries no status, so the identity provider did not say that you signed in. "
                              "Sign in again, or ask your identity provider’s administrator."));
  else if (message != NULL)
    explanation = g_strdup_printf (_("The identity provider answered “%s” instead of signing you in. "
                                     "Sign in again, or ask your identity provider’s administrator. "
                                     "Its message: “%s”"),
                                   name, message);
  else
    explanation = g_strdup_printf (_("The identity provider answered “%s” instead of signing you in. "
                                     "Sign in again, or ask your identity provider’s administrator."),
                                   name);

  add_warning (warnings, SB_SAML_WARNING_STATUS,
               _("The identity provider reported an error"), explanation);
}

static void
check_validity (SbSaml    *self,
                GDateTime *now,
                GPtrArray *warnings)
{
  if (self->not_on_or_after != NULL && g_date_time_compare (self->not_on_or_after, now) <= 0)
    {
      g_autofree char *when = sb_saml_format_time (self->not_on_or_after);
      g_autofree char *ago = sb_saml_format_duration (g_date_time_difference (now, self->not_on_or_after));

      add_warning (warnings, SB_SAML_WARNING_EXPIRED, _("The assertion has expired"),
                   g_strdup_printf (_("It was valid until %s, %s ago, so the platform will refuse it; sign in again for a new one. "
                                      "If it should still be valid, check that this computer’s clock is right."),
                                    when, ago));
    }

  if (self->not_before != NULL && g_date_time_compare (self->not_before, now) > 0)
    {
      g_autofree char *when = sb_saml_format_time (self->not_before);
      g_autofree char *wait = sb_saml_format_duration (g_date_time_difference (self->not_before, now));

      add_warning (warnings, SB_SAML_WARNING_NOT_YET_VALID, _("The assertion is not valid yet"),
                   g_strdup_printf (_("It only becomes valid at %s, in %s, so the platform will refuse it now. "
                                      "Check that this computer’s clock and the identity provider’s clock are right."),
                                    when, wait));
    }
}

static void
check_audience (SbSaml     *self,
                const char *platform_url,
                GPtrArray  *warnings)
{
  g_autofree char *host = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *shown = NULL;

  if (platform_url == NULL || self->audiences[0] == NULL)
    return;

  if ((host = platform_host (platform_url)) == NULL)
    return;

  for (guint i = 0; self->audiences[i] != NULL; i++)
    {
      if (audience_names_host (self->audiences[i], host))
        return;
    }

  joined = g_strjoinv (_("”, “"), self->audiences);
  shown = sb_saml_sanitize (joined);
  add_warning (warnings, SB_SAML_WARNING_AUDIENCE, _("The assertion is meant for another service"),
               g_strdup_printf (_("Its audience is “%s”, which does not name %s, so the platform will likely refuse it. "
                                  "Check the Audience (entity ID) of the Anypoint Platform app at your identity provider."),
                                shown, host));
}

/**
 * sb_saml_check:
 * @self: a #SbSaml
 * @platform_url: (nullable): the platform the assertion is for, to check
 *   the audience against
 * @now: (nullable): the time to check validity at; %NULL for the current time
 *
 * Returns: (transfer container) (element-type SbSamlWarning): the reasons
 *   the platform could refuse the assertion, most important first
 */
GPtrArray *
sb_saml_check (SbSaml     *self,
               const char *platform_url,
               GDateTime  *now)
{
  g_autoptr(GDateTime) current = NULL;
  GPtrArray *warnings;
  gboolean readable;

  g_return_val_if_fail (SB_IS_SAML (self), NULL);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_saml_warning_free);
  readable = self->has_assertion && !self->encrypted;

  check_status (self, warnings);

  if (self->encrypted)
    add_warning (warnings, SB_SAML_WARNING_ENCRYPTED, _("The assertion is encrypted"),
                 g_strdup (_("It is encrypted for Anypoint Platform, so its contents cannot be shown here. "
                             "It can still be exchanged for a token.")));

  if (self->in_response_to != NULL)
    add_warning (warnings, SB_SAML_WARNING_SP_INITIATED, _("The sign-in was started by the platform"),
                 g_strdup (_("This assertion answers a sign-in request, and the platform only exchanges assertions "
                             "from sign-ins started at the identity provider. Use the IdP-initiated SSO URL of the "
                             "Anypoint Platform app at your identity provider.")));

  check_validity (self, now, warnings);

  if (readable)
    {
      check_audience (self, platform_url, warnings);

      if (self->username == NULL)
        add_warning (warnings, SB_SAML_WARNING_NO_USERNAME, _("No username or email"),
                     g_strdup (_("The assertion carries no username or email attribute, and the platform needs them mapped. "
                                 "Add them to the attributes the identity provider sends to the Anypoint Platform app.")));
    }

  return warnings;
}
