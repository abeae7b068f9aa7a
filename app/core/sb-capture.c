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

  self = g_object_new (SB_TYPE_CAPTURE, NULL);
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

/* /accounts/login/receive-id or /accounts/login/<org-domain>/providers/<provider-id>/receive-id */
gboolean
sb_capture_url_is_acs (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) parts = NULL;
  const char *path;
  guint n;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;

  path = g_uri_get_path (uri);
  if (g_str_has_suffix (path, "/"))
    return FALSE;

  parts = g_strsplit (path, "/", -1);
  n = g_strv_length (parts);

  if (n < 4 || *parts[0] != '\0' || g_strcmp0 (parts[1], "accounts") != 0 || g_strcmp0 (parts[2], "login") != 0)
    return FALSE;

  if (n == 4)
    return g_strcmp0 (parts[3], "receive-id") == 0;

  return n == 7 &&
         *parts[3] != '\0' &&
         g_strcmp0 (parts[4], "providers") == 0 &&
         *parts[5] != '\0' &&
         g_strcmp0 (parts[6], "receive-id") == 0;
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

  uri_a = g_uri_parse (a, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  uri_b = g_uri_parse (b, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri_a == NULL || uri_b == NULL)
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
