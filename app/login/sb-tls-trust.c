#define G_LOG_DOMAIN "sb-tls-trust"

#include "config.h"

#include "sb-tls-trust.h"
#include "sb-url.h"

#include <glib/gi18n.h>

/* Trust in the sign-in pages' certificates: the system's, and the profile's own
 * certificate authority file for an IdP that the system does not know. */
struct _SbTlsTrust
{
  GObject               parent_instance;

  SbProfile            *profile;
  WebKitNetworkSession *session;
  /* Host → the certificate trusted for it through the profile's CA file, so a second failure is not retried. */
  GHashTable           *allowed;
};

G_DEFINE_FINAL_TYPE (SbTlsTrust, sb_tls_trust, G_TYPE_OBJECT)

static const char *
ca_file_of (SbTlsTrust *self)
{
  const char *ca_file = self->profile != NULL ? sb_profile_get_ca_file (self->profile) : NULL;

  return ca_file != NULL && *ca_file != '\0' ? ca_file : NULL;
}

/* Whether @certificate, presented by the server of @uri, chains up to the profile's extra CA file. */
static gboolean
verifies_with_profile_ca (SbTlsTrust      *self,
                          GTlsCertificate *certificate,
                          const char      *uri)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;
  const char *ca_file = ca_file_of (self);
  int port;

  if (ca_file == NULL || certificate == NULL || uri == NULL)
    return FALSE;

  if (!(parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL)) || g_uri_get_host (parsed) == NULL)
    return FALSE;

  if (!(database = g_tls_file_database_new (ca_file, &error)))
    {
      g_debug ("Could not read the certificate authority file: %s", error->message);
      return FALSE;
    }

  port = g_uri_get_port (parsed);
  identity = g_network_address_new (g_uri_get_host (parsed), port > 0 ? port : 443);
  flags = g_tls_database_verify_chain (database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  if (error != NULL)
    {
      g_debug ("Could not verify the certificate: %s", error->message);
      return FALSE;
    }

  return flags == 0;
}

static const char *
describe_tls_errors (GTlsCertificateFlags errors)
{
  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by an authority this computer trusts");
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it belongs to another site");
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses insecure cryptography");

  return _("it could not be verified");
}

/* Trusts @certificate for the host of @uri through the profile's own certificate
 * authority, once per host and certificate. */
static gboolean
allow (SbTlsTrust      *self,
       GTlsCertificate *certificate,
       const char      *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;
  GTlsCertificate *allowed;

  if (host == NULL || self->session == NULL || !verifies_with_profile_ca (self, certificate, uri))
    return FALSE;

  if (self->allowed == NULL)
    self->allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  allowed = g_hash_table_lookup (self->allowed, host);
  if (allowed != NULL && g_tls_certificate_is_same (allowed, certificate))
    return FALSE;

  g_hash_table_replace (self->allowed, g_strdup (host), g_object_ref (certificate));
  webkit_network_session_allow_tls_certificate_for_host (self->session, certificate, host);

  return TRUE;
}

static void
sb_tls_trust_dispose (GObject *object)
{
  SbTlsTrust *self = SB_TLS_TRUST (object);

  g_clear_object (&self->profile);
  g_clear_object (&self->session);
  g_clear_pointer (&self->allowed, g_hash_table_unref);

  G_OBJECT_CLASS (sb_tls_trust_parent_class)->dispose (object);
}

static void
sb_tls_trust_class_init (SbTlsTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_tls_trust_dispose;
}

static void
sb_tls_trust_init (SbTlsTrust *self)
{
}

SbTlsTrust *
sb_tls_trust_new (void)
{
  return g_object_new (SB_TYPE_TLS_TRUST, NULL);
}

/* The profile whose certificate authority file is trusted besides the system's. */
void
sb_tls_trust_set_profile (SbTlsTrust *self,
                          SbProfile  *profile)
{
  g_return_if_fail (SB_IS_TLS_TRUST (self));
  g_return_if_fail (profile == NULL || SB_IS_PROFILE (profile));

  g_set_object (&self->profile, profile);
}

/* The session the certificates are trusted in; a new one has trusted none yet. */
void
sb_tls_trust_set_session (SbTlsTrust           *self,
                          WebKitNetworkSession *session)
{
  g_return_if_fail (SB_IS_TLS_TRUST (self));
  g_return_if_fail (session == NULL || WEBKIT_IS_NETWORK_SESSION (session));

  if (g_set_object (&self->session, session))
    g_clear_pointer (&self->allowed, g_hash_table_unref);
}

/* How safe the connection to the page shown in @web_view is. */
SbSecurity
sb_tls_trust_get_security (SbTlsTrust    *self,
                           WebKitWebView *web_view)
{
  const char *uri;
  GTlsCertificateFlags errors = 0;
  GTlsCertificate *certificate = NULL;
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (SB_IS_TLS_TRUST (self), SB_SECURITY_NONE);
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), SB_SECURITY_NONE);

  uri = webkit_web_view_get_uri (web_view);
  if (uri == NULL || !(parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL)))
    return SB_SECURITY_NONE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") == 0)
    {
      if (!webkit_web_view_get_tls_info (web_view, &certificate, &errors))
        return SB_SECURITY_INSECURE;
      if (errors == 0 || verifies_with_profile_ca (self, certificate, uri))
        return SB_SECURITY_SECURE;
      return SB_SECURITY_INSECURE;
    }

  if (sb_url_host_is_loopback (g_uri_get_host (parsed)))
    return SB_SECURITY_LOCAL;

  return SB_SECURITY_INSECURE;
}

/* After @web_view failed to load @failing_uri because of its @certificate: loads it
 * again if the profile's certificate authority vouches for the certificate (and has
 * not done so in vain before), and returns TRUE; else sets @error to what to tell. */
gboolean
sb_tls_trust_recover (SbTlsTrust            *self,
                      WebKitWebView         *web_view,
                      const char            *failing_uri,
                      GTlsCertificate       *certificate,
                      GTlsCertificateFlags   errors,
                      GError               **error)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (SB_IS_TLS_TRUST (self), FALSE);
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), FALSE);
  g_return_val_if_fail (failing_uri != NULL, FALSE);

  if (allow (self, certificate, failing_uri))
    {
      webkit_web_view_load_uri (web_view, failing_uri);
      return TRUE;
    }

  host = sb_url_display_host (failing_uri);
  if (ca_file_of (self) != NULL)
    g_set_error (error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_TLS,
                 _("The connection to %s is not secure: its certificate is not trusted because %s, and the profile’s certificate authority file does not vouch for it either. Check the file in the profile’s settings."),
                 host, describe_tls_errors (errors));
  else
    g_set_error (error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_TLS,
                 _("The connection to %s is not secure: its certificate is not trusted because %s."),
                 host, describe_tls_errors (errors));

  return FALSE;
}
