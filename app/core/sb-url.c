#define G_LOG_DOMAIN "sb-url"

#include "config.h"

#include "sb-url.h"
#include "sb-profile.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

gboolean
sb_url_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https everywhere; plain http only on loopback, for tests and the demo. */
gboolean
sb_url_is_allowed (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && sb_url_host_is_loopback (g_uri_get_host (uri));
}

static char *
origin_of (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  int port = g_uri_get_port (uri);

  if (port == -1)
    port = g_strcmp0 (scheme, "https") == 0 ? 443 : 80;

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%d", scheme, host, port);

  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

char *
sb_url_origin (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) || g_uri_get_host (uri) == NULL)
    return NULL;

  return origin_of (uri);
}

gboolean
sb_url_same_origin (const char *a,
                    const char *b)
{
  g_autofree char *origin_a = sb_url_origin (a);
  g_autofree char *origin_b = sb_url_origin (b);

  return origin_a != NULL && g_strcmp0 (origin_a, origin_b) == 0;
}

/* The host as a person reads it: with the port only when it is not the default. */
char *
sb_url_display_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) || g_uri_get_host (uri) == NULL)
    return g_strdup (url != NULL ? url : "");

  if (g_uri_get_port (uri) != -1)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

static gboolean
host_name_is_valid (const char *host)
{
  gsize length = strlen (host);

  if (length == 0 || length > 253 ||
      *host == '.' || *host == '-' ||
      host[length - 1] == '.' || host[length - 1] == '-' ||
      strstr (host, "..") != NULL)
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
host_is_valid (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  /* An IPv6 zone names an interface of this computer, not a server. */
  return (address != NULL && strchr (host, '%') == NULL) || host_name_is_valid (host);
}

/* An http(s) address without a user name, to a real host, and https unless on
 * loopback; @not_web says why @uri (parsed from @text, or NULL) is no web address. */
static gboolean
check_web_uri (GUri        *uri,
               const char  *text,
               const char  *not_web,
               GError     **error)
{
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error_literal (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INVALID_URL, not_web);
      return FALSE;
    }

  if (!host_is_valid (g_uri_get_host (uri)))
    {
      g_set_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INVALID_URL,
                   _("“%s” is not a host name. Check the address for spaces or typing mistakes."),
                   g_uri_get_host (uri));
      return FALSE;
    }

  if (!sb_url_is_allowed (text))
    {
      g_set_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INSECURE,
                   _("Use an https address: plain http is allowed only for this computer (localhost)."));
      return FALSE;
    }

  return TRUE;
}

static GUri *
parse_web_url (const char  *url,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;

  trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  if (*trimmed == '\0')
    {
      g_set_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_EMPTY, _("Enter an address."));
      return NULL;
    }

  /* People paste host names; assume https for them. */
  if (strstr (trimmed, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", trimmed, NULL);
      g_free (trimmed);
      trimmed = with_scheme;
    }

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (!check_web_uri (uri, trimmed, _("This is not a web address. It should look like https://example.com/…"), error))
    return NULL;

  return g_steal_pointer (&uri);
}

/* The origin only, as https://host[:port]. */
char *
sb_url_normalize_origin (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = parse_web_url (url, error);
  if (uri == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), "", NULL, NULL);
}

char *
sb_url_normalize_web_address (const char  *url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = parse_web_url (url, error);
  if (uri == NULL)
    return NULL;

  return g_uri_to_string (uri);
}

static char *
normalize_capture_host (const char  *host,
                        GError     **error)
{
  if (!host_name_is_valid (host))
    {
      g_set_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_INVALID_URL,
                   _("“%s” is not a host name. Use only letters, digits, hyphens and dots, or enter a full https:// address."),
                   host);
      return NULL;
    }

  return g_ascii_strdown (host, -1);
}

static char *
capture_uri_to_string (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  const char *path = *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/";
  int port = g_uri_get_port (uri);

  if ((port == 443 && strcmp (scheme, "https") == 0) || (port == 80 && strcmp (scheme, "http") == 0))
    port = -1;

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port, path, g_uri_get_query (uri), NULL);
}

/* A capture address is either a full http(s) address of the Assertion Consumer
 * Service or just its host name; returns what to store, or NULL and why not.
 * The login view matches a full address as a prefix of the URL WebKit posts to,
 * so it is stored as WebKit writes URLs: scheme and host in lower case, no default
 * port, no fragment, and at least "/" as the path (which also keeps
 * "https://sp.example.com" from matching "https://sp.example.com.evil.example/").
 */
char *
sb_url_normalize_capture_target (const char  *address,
                                 GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (address != NULL ? address : ""));
  if (*trimmed == '\0')
    {
      g_set_error (error, SB_PROFILE_ERROR, SB_PROFILE_ERROR_EMPTY,
                   _("Enter the address whose SAML response should be captured."));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    return normalize_capture_host (trimmed, error);

  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  if (!check_web_uri (uri, trimmed,
                      _("This is not a web address. It should look like https://sp.example.com/saml/acs, or be just a host name."),
                      error))
    return NULL;

  return capture_uri_to_string (uri);
}

static gboolean
host_is_in (const char *host,
            const char *domain)
{
  gsize host_length = strlen (host);
  gsize domain_length = strlen (domain);

  return host_length > domain_length + 1 &&
         host[host_length - domain_length - 1] == '.' &&
         g_ascii_strcasecmp (host + host_length - domain_length, domain) == 0;
}

static gboolean
path_is (const char *path,
         const char *expected)
{
  gsize length = strlen (expected);

  return g_ascii_strncasecmp (path, expected, length) == 0 &&
         (path[length] == '\0' || (path[length] == '/' && path[length + 1] == '\0'));
}

static gboolean
query_has (const char *query,
           const char *name)
{
  g_autoptr(GHashTable) params = NULL;

  if (query == NULL || !(params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_CASE_INSENSITIVE, NULL)))
    return FALSE;

  return g_hash_table_contains (params, name);
}

/* Whether an app follows "/signin/" in a My Apps address, as in
 * /api/signin/<app id> or /signin/<app name>/<app id>. */
static gboolean
names_my_apps_app (const char *path)
{
  const char *signin = strstr (path, "/signin/");

  return signin != NULL && signin[strlen ("/signin/")] != '\0' && signin[strlen ("/signin/")] != '/';
}

/* An address people paste because it is where they sign in every day: the home
 * page of their identity provider's portal. It signs in to no app, so the sign-in
 * would stop at the portal. Returns what to use instead, or NULL when @url names
 * an app (or is no portal we know). Such an address is still a valid one.
 */
const char *
sb_url_describe_portal_home (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *path;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL)) ||
      (host = g_uri_get_host (uri)) == NULL)
    return NULL;

  path = g_uri_get_path (uri);

  if ((host_is_in (host, "okta.com") || host_is_in (host, "oktapreview.com") || host_is_in (host, "okta-emea.com")) &&
      (*path == '\0' || strcmp (path, "/") == 0 || path_is (path, "/app/UserHome")))
    return _("This is your Okta home page, not an app. Use the app’s App Embed Link (Okta admin console → Applications → the app → General).");

  if ((g_ascii_strcasecmp (host, "myapps.microsoft.com") == 0 ||
       g_ascii_strcasecmp (host, "launcher.myapps.microsoft.com") == 0 ||
       g_ascii_strcasecmp (host, "myapplications.microsoft.com") == 0) &&
      !names_my_apps_app (path))
    return _("This is the My Apps portal, not an app. Use the app’s User access URL (Entra admin center → Enterprise applications → the app → Properties).");

  if ((path_is (path, "/adfs/ls/IdpInitiatedSignOn.aspx") || path_is (path, "/adfs/ls/IdpInitiatedSignOn")) &&
      !query_has (g_uri_get_query (uri), "loginToRp") && !query_has (g_uri_get_query (uri), "RelayState"))
    return _("This AD FS page signs in to no app. Add ?loginToRp= and the identifier of the app’s relying party trust.");

  if (host_is_in (host, "onelogin.com") &&
      (*path == '\0' || strcmp (path, "/") == 0 || path_is (path, "/portal") ||
       g_ascii_strncasecmp (path, "/portal/", strlen ("/portal/")) == 0 || path_is (path, "/client/apps")))
    return _("This is your OneLogin portal, not an app. Use the app’s launch address, https://<subdomain>.onelogin.com/launch/<app id>.");

  return NULL;
}
