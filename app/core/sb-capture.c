#define G_LOG_DOMAIN "sb-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-secret.h"
#include "sb-url.h"

#include <string.h>

struct _SbCapture
{
  GObject  parent_instance;

  char    *acs_url;
  char    *saml_response;
  char    *relay_state;
};

G_DEFINE_FINAL_TYPE (SbCapture, sb_capture, G_TYPE_OBJECT)
G_DEFINE_QUARK (sb-capture-error-quark, sb_capture_error)

static void
sb_capture_finalize (GObject *object)
{
  SbCapture *self = (SbCapture *)object;

  g_clear_pointer (&self->acs_url, g_free);
  g_clear_pointer (&self->saml_response, sb_secret_free);
  g_clear_pointer (&self->relay_state, g_free);

  G_OBJECT_CLASS (sb_capture_parent_class)->finalize (object);
}

static void
sb_capture_class_init (SbCaptureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_capture_finalize;
}

static void
sb_capture_init (SbCapture *self)
{
}

/* Plain base64 without white space: URL-encoded copies (%2B, %2F, %3D) are decoded. */
char *
sb_capture_normalize_response (const char *saml_response)
{
  g_autoptr(SbSecret) unescaped = NULL;
  GString *out;

  g_return_val_if_fail (saml_response != NULL, NULL);

  if (strchr (saml_response, '%') != NULL)
    unescaped = g_uri_unescape_string (saml_response, NULL);
  if (unescaped == NULL)
    unescaped = g_strdup (saml_response);

  out = g_string_sized_new (strlen (unescaped));
  for (const char *p = unescaped; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

SbCapture *
sb_capture_new (const char *acs_url,
                const char *saml_response,
                const char *relay_state)
{
  SbCapture *self;

  g_return_val_if_fail (acs_url != NULL, NULL);
  g_return_val_if_fail (saml_response != NULL, NULL);

  /* A platform's sign-in address is kept the one way the exchange writes it. */
  self = g_object_new (SB_TYPE_CAPTURE, NULL);
  self->acs_url = sb_capture_dup_canonical_acs (acs_url);
  if (self->acs_url == NULL)
    self->acs_url = g_strdup (acs_url);
  self->saml_response = sb_capture_normalize_response (saml_response);
  self->relay_state = relay_state != NULL && *relay_state != '\0' ? g_strdup (relay_state) : NULL;

  return self;
}

const char *
sb_capture_get_acs_url (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);

  return self->acs_url;
}

const char *
sb_capture_get_saml_response (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);

  return self->saml_response;
}

const char *
sb_capture_get_relay_state (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);

  return self->relay_state;
}

/* The path's segments as the platform routes them: without empty segments, dot
 * segments or ";" parameters, percent-decoded. NULL when the path cannot be read. */
static GPtrArray *
routed_segments (GUri *uri)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (g_uri_get_path (uri), "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *semicolon = strchr (parts[i], ';');
      g_autofree char *segment = NULL;

      if (semicolon != NULL)
        *semicolon = '\0';
      if (!(segment = g_uri_unescape_string (parts[i], NULL)))
        return NULL;

      /* A decoded "/" splits as the platform's router may split it. */
      if (strchr (segment, '/') != NULL)
        {
          g_auto(GStrv) inner = g_strsplit (segment, "/", -1);
          for (guint j = 0; inner[j] != NULL; j++)
            if (*inner[j] != '\0' && g_strcmp0 (inner[j], ".") != 0)
              g_ptr_array_add (segments, g_strdup (inner[j]));
          continue;
        }

      if (*segment == '\0' || g_strcmp0 (segment, ".") == 0)
        continue;
      if (g_strcmp0 (segment, "..") == 0)
        {
          if (segments->len > 0)
            g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, g_steal_pointer (&segment));
    }

  return g_steal_pointer (&segments);
}

static gboolean
segment_is (GPtrArray  *segments,
            guint       index,
            const char *word)
{
  return g_ascii_strcasecmp (g_ptr_array_index (segments, index), word) == 0;
}

/* The platform's sign-in address (ACS) that @url reaches, written the one way the
 * exchange uses: https://<host>/accounts/login/<org>/providers/<id>/receive-id, or
 * /accounts/login/receive-id for legacy single-IdP orgs. Variants that the platform
 * routes the same way (case, duplicated slashes, dot segments, ";" parameters,
 * percent-encoding, a trailing slash) give the same address; NULL when @url is no ACS. */
char *
sb_capture_dup_canonical_acs (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) canonical = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *path = NULL;
  g_autofree char *host = NULL;
  guint n;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL)) ||
      g_uri_get_host (uri) == NULL || !(segments = routed_segments (uri)))
    return NULL;

  n = segments->len;
  if (n < 3 || !segment_is (segments, 0, "accounts") || !segment_is (segments, 1, "login") ||
      !segment_is (segments, n - 1, "receive-id"))
    return NULL;

  if (n == 3)
    path = g_strdup ("/accounts/login/receive-id");
  else if (n == 6 && segment_is (segments, 3, "providers"))
    path = g_strdup_printf ("/accounts/login/%s/providers/%s/receive-id",
                            (char *) g_ptr_array_index (segments, 2), (char *) g_ptr_array_index (segments, 4));
  else
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  canonical = g_uri_build (G_URI_FLAGS_SCHEME_NORMALIZE, g_uri_get_scheme (uri), NULL,
                           host, g_uri_get_port (uri), path, NULL, NULL);
  return g_uri_to_string (canonical);
}

/* Whether @url has a SAMLResponse in its query, as the HTTP-Redirect binding sends it. */
gboolean
sb_capture_url_carries_response (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autoptr(GHashTable) params = NULL;
  GHashTableIter iter;
  const char *name;

  if (uri == NULL || g_uri_get_query (uri) == NULL ||
      !(params = g_uri_parse_params (g_uri_get_query (uri), -1, "&;", G_URI_PARAMS_CASE_INSENSITIVE, NULL)))
    return FALSE;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (g_ascii_strcasecmp (name, "SAMLResponse") == 0)
      return TRUE;

  return FALSE;
}

/* Whether @url is a platform's sign-in address, in any of the ways the platform routes. */
gboolean
sb_capture_url_is_acs (const char *url)
{
  g_autofree char *canonical = sb_capture_dup_canonical_acs (url);

  return canonical != NULL;
}

/* Whether @a and @b are the same address once normalized (the case of the scheme, a default port). */
gboolean
sb_capture_url_equal (const char *a,
                      const char *b)
{
  g_autoptr(GUri) uri_a = NULL;
  g_autoptr(GUri) uri_b = NULL;
  g_autofree char *str_a = NULL;
  g_autofree char *str_b = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;

  if (a == NULL || b == NULL)
    return FALSE;

  /* An address with no host is no web address: only the same text is the same. */
  uri_a = g_uri_parse (a, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  uri_b = g_uri_parse (b, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri_a == NULL || uri_b == NULL || g_uri_get_host (uri_a) == NULL || g_uri_get_host (uri_b) == NULL)
    return FALSE;

  str_a = g_uri_to_string (uri_a);
  str_b = g_uri_to_string (uri_b);
  return g_strcmp0 (str_a, str_b) == 0;
}

/* Whether a POST to @url goes to @target, a capture-only profile's address or host. An
 * address matches itself and what lies below it: /acs matches /acs?x and /acs/y, not
 * /acs-other. A host matches every address on it. */
gboolean
sb_capture_url_matches_target (const char *url,
                               const char *target)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL || target == NULL || *target == '\0')
    return FALSE;

  if (strstr (target, "://") != NULL)
    {
      size_t length = strlen (target);

      return sb_capture_url_equal (url, target) ||
             (g_str_has_prefix (url, target) &&
              (g_str_has_suffix (target, "/") || strchr ("/?#", url[length]) != NULL));
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  return host != NULL && g_ascii_strcasecmp (host, target) == 0;
}

gboolean
sb_capture_check_platform (SbCapture   *self,
                           const char  *platform_url,
                           GError     **error)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (platform_url != NULL, FALSE);

  if (*self->saml_response == '\0')
    {
      g_set_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_EMPTY,
                   _("The identity provider sent an empty SAML response."));
      return FALSE;
    }

  if (!sb_url_same_origin (self->acs_url, platform_url))
    {
      g_autofree char *acs_host = sb_url_display_host (self->acs_url);
      g_autofree char *platform_host = sb_url_display_host (platform_url);

      g_set_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_WRONG_PLATFORM,
                   _("Your identity provider signed you in to %s, but this profile is for %s."),
                   acs_host, platform_host);
      return FALSE;
    }

  if (!sb_url_is_allowed (self->acs_url))
    {
      g_autofree char *acs_host = sb_url_display_host (self->acs_url);

      g_set_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_INSECURE,
                   _("The sign-in was sent to %s without encryption (http). Only https is allowed."),
                   acs_host);
      return FALSE;
    }

  if (!sb_capture_url_is_acs (self->acs_url))
    {
      g_autofree char *acs_host = sb_url_display_host (self->acs_url);

      g_set_error (error, SB_CAPTURE_ERROR, SB_CAPTURE_ERROR_NOT_ACS,
                   _("The identity provider posted to an address on %s that is not the platform’s sign-in address."),
                   acs_host);
      return FALSE;
    }

  return TRUE;
}
