#define G_LOG_DOMAIN "sb-guard"

#include "config.h"

#include "sb-guard.h"
#include "sb-capture.h"
#include "sb-url.h"

#include <string.h>

#define ANY_PORT -1

typedef struct {
  char *host;
  int   port;
  /* A capture-only profile's address: only what lies below it is guarded. */
  char *prefix;
} Entry;

struct _SbGuard
{
  GArray *entries;
};

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->host, g_free);
  g_clear_pointer (&entry->prefix, g_free);
}

/* Lower case and without the trailing dots a resolver ignores. */
static char *
normalize_host (const char *host)
{
  char *normalized = g_ascii_strdown (host, -1);
  gsize length = strlen (normalized);

  while (length > 0 && normalized[length - 1] == '.')
    normalized[--length] = '\0';

  return normalized;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
         g_ascii_strcasecmp (g_uri_get_scheme (uri), "ws") == 0 ? 80 : 443;
}

static void
add_entry (SbGuard    *self,
           const char *host,
           int         port,
           const char *prefix)
{
  Entry entry = { normalize_host (host), port, g_strdup (prefix) };

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *other = &g_array_index (self->entries, Entry, i);

      if (g_str_equal (other->host, entry.host) && other->port == entry.port &&
          g_strcmp0 (other->prefix, entry.prefix) == 0)
        {
          entry_clear (&entry);
          return;
        }
    }

  g_array_append_val (self->entries, entry);
}

/* A platform on another computer is guarded on every port; one on this computer (the
 * tests, the demo) shares its host with the IdP, so only its own port is. */
static void
add_platform (SbGuard    *self,
              const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return;

  add_entry (self, g_uri_get_host (uri),
             sb_url_host_is_loopback (g_uri_get_host (uri)) ? effective_port (uri) : ANY_PORT, NULL);
}

static void
add_capture_target (SbGuard    *self,
                    const char *target)
{
  g_autoptr(GUri) uri = NULL;

  if (target == NULL || *target == '\0')
    return;

  if (strstr (target, "://") == NULL)
    {
      add_entry (self, target, ANY_PORT, NULL);
      return;
    }

  uri = g_uri_parse (target, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    add_entry (self, g_uri_get_host (uri), effective_port (uri), target);
}

/* A guard with the known control planes only. */
SbGuard *
sb_guard_new (void)
{
  SbGuard *self = g_new0 (SbGuard, 1);
  guint n_known;
  const SbKnownPlatform *known = sb_profile_get_known_platforms (&n_known);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);

  for (guint i = 0; i < n_known; i++)
    add_platform (self, known[i].url);

  return self;
}

/* Guards what a sign-in with @profile must not reach as well. */
void
sb_guard_add_profile (SbGuard   *self,
                      SbProfile *profile)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (SB_IS_PROFILE (profile));

  add_platform (self, sb_profile_get_platform_url (profile));
  if (sb_profile_get_kind (profile) == SB_PROFILE_KIND_CAPTURE)
    add_capture_target (self, sb_profile_get_acs_url (profile));
}

/* Guards what @other guards as well. */
void
sb_guard_merge (SbGuard *self,
                SbGuard *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  for (guint i = 0; i < other->entries->len; i++)
    {
      Entry *entry = &g_array_index (other->entries, Entry, i);
      add_entry (self, entry->host, entry->port, entry->prefix);
    }
}

/* The guard as the web process extension receives it: a(sis), host, port (-1 for any) and prefix. */
GVariant *
sb_guard_to_variant (SbGuard *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sis)"));
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      g_variant_builder_add (&builder, "(sis)", entry->host, entry->port, entry->prefix ? entry->prefix : "");
    }

  return g_variant_builder_end (&builder);
}

/* The guard sb_guard_to_variant() described, over the known control planes; those
 * alone when @variant is NULL or not a guard. */
SbGuard *
sb_guard_new_from_variant (GVariant *variant)
{
  SbGuard *self = sb_guard_new ();
  GVariantIter iter;
  const char *host;
  const char *prefix;
  int port;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE ("a(sis)")))
    return self;

  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "(&si&s)", &host, &port, &prefix))
    add_entry (self, host, port, *prefix != '\0' ? prefix : NULL);

  return self;
}

/* Whether a request to @url, of any method, from any frame, must not be sent. */
gboolean
sb_guard_blocks (SbGuard    *self,
                 const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  int port;

  g_return_val_if_fail (self != NULL, TRUE);

  if (url == NULL)
    return FALSE;

  if (sb_capture_url_is_acs (url))
    return TRUE;

  /* What cannot be read here cannot be judged, nor is it a request a server would route. */
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return uri == NULL && g_str_has_prefix (url, "http");

  host = normalize_host (g_uri_get_host (uri));
  port = effective_port (uri);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (g_str_equal (entry->host, host) && (entry->port == ANY_PORT || entry->port == port) &&
          (entry->prefix == NULL || sb_capture_url_matches_target (url, entry->prefix)))
        return TRUE;
    }

  return FALSE;
}

void
sb_guard_free (SbGuard *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}
