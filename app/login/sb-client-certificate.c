#define G_LOG_DOMAIN "sb-client-certificate"

#include "config.h"

#include "sb-client-certificate.h"
#include "sb-secret.h"

#include <glib/gi18n.h>

static gboolean
is_pkcs11_uri (const char *text)
{
  return g_ascii_strncasecmp (text, "pkcs11:", 7) == 0;
}

static GTlsCertificate *
load_from_contents (const char  *certificate,
                    const char  *contents,
                    size_t       length,
                    const char  *key,
                    const char  *password,
                    GError     **error)
{
  GTlsCertificate *result;

  /* What is not PEM text is taken for PKCS#12, whatever the file is called. */
  if (g_strstr_len (contents, length, "-----BEGIN ") == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      result = g_tls_certificate_new_from_pkcs12 ((const guint8 *)contents, length, password, &local_error);

      /* Some bundles are sealed with an empty password rather than none. */
      if (result == NULL && password == NULL &&
          g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
        {
          g_clear_error (&local_error);
          result = g_tls_certificate_new_from_pkcs12 ((const guint8 *)contents, length, "", &local_error);
        }

      if (result == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return result;
    }

  if (key != NULL)
    return g_tls_certificate_new_from_files (certificate, key, error);

  if (g_strstr_len (contents, length, "PRIVATE KEY-----") == NULL)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                           _("The certificate file holds no private key. Enter the file with the key too."));
      return NULL;
    }

  return g_tls_certificate_new_from_file (certificate, error);
}

/* A client certificate with its private key, from a PEM file (with the key, or the key
 * in @key), a PKCS#12 file opened with @password, or pkcs11: URIs; empty @key and
 * @password count as none. The errors are sentences to show. */
GTlsCertificate *
sb_client_certificate_load (const char  *certificate,
                            const char  *key,
                            const char  *password,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *result = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (key != NULL && *key == '\0')
    key = NULL;
  if (password != NULL && *password == '\0')
    password = NULL;

  if (certificate == NULL || *certificate == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a certificate file, or enter the pkcs11: address of a certificate on a smart card or token."));
      return NULL;
    }

  if (is_pkcs11_uri (certificate))
    return g_tls_certificate_new_from_pkcs11_uris (certificate, key, error);

  if (!g_file_get_contents (certificate, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the certificate file: %s"),
                   local_error->message);
      return NULL;
    }

  result = load_from_contents (certificate, contents, length, key, password, &local_error);

  /* The file may hold a private key: it leaves no copy behind in memory. */
  sb_secret_wipe (contents, length);
  g_free (contents);

  if (result == NULL)
    {
      if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
        g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD,
                             password != NULL ? _("The password of the certificate file was not accepted. Check it and try again.")
                                              : _("The certificate file is protected by a password. Enter it."));
      else
        g_set_error (error, local_error->domain, local_error->code, _("Could not use the certificate: %s"),
                     local_error->message);
    }

  return result;
}
