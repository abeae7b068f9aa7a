#define G_LOG_DOMAIN "sb-url"

#include "config.h"

#include "sb-url.h"

#include <string.h>
#include <gio/gio.h>

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
