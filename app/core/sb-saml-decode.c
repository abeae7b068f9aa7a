#define G_LOG_DOMAIN "sb-saml"

#include "config.h"

#include "sb-saml.h"
#include "sb-saml-private.h"
#include "sb-secret.h"

#include <string.h>
#include <glib/gi18n.h>

#define UTF8_BOM "\xef\xbb\xbf"

void
sb_saml_wipe_and_free (char  **buffer,
                       gsize   len)
{
  if (*buffer == NULL)
    return;

  sb_secret_wipe (*buffer, len);
  g_clear_pointer (buffer, g_free);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* Skips a UTF-8 byte order mark and white space at the start, and white
 * space at the end.
 */
static void
trim (const char **start,
      gsize       *len)
{
  const char *p = *start;
  const char *end = p + *len;

  if (end - p >= 3 && memcmp (p, UTF8_BOM, 3) == 0)
    p += 3;

  while (p < end && is_space (*p))
    p++;

  while (end > p && is_space (end[-1]))
    end--;

  *start = p;
  *len = end - p;
}

static char *
check_xml (const char  *data,
           gsize        len,
           GError     **error)
{
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                           _("The SAML response contains binary data, not XML. "
                             "Check that you copied the whole SAMLResponse value and nothing else."));
      return NULL;
    }

  return g_strndup (data, len);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Percent-decoding only: in base64, “+” is a character of its own. */
static char *
url_unescape (const char  *data,
              gsize        len,
              gsize       *out_len,
              GError     **error)
{
  char *out = g_malloc (len + 1);
  gsize j = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '%')
        {
          int high = i + 2 < len ? hex_value (data[i + 1]) : -1;
          int low = i + 2 < len ? hex_value (data[i + 2]) : -1;

          if (high < 0 || low < 0)
            {
              sb_secret_wipe (out, j);
              g_free (out);
              g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                                   _("The SAML response looks URL-encoded but contains a broken “%” escape. "
                                     "Copy the whole SAMLResponse value again."));
              return NULL;
            }

          out[j++] = (char) (high << 4 | low);
          i += 2;
        }
      else
        {
          out[j++] = data[i];
        }
    }

  out[j] = '\0';
  *out_len = j;

  return out;
}

/* g_base64_decode() skips anything it does not understand, so check first:
 * only the base64 alphabet and white space, a length that is a multiple of
 * four and at most two padding characters at the very end.
 */
static char *
strict_base64_decode (const char  *data,
                      gsize        len,
                      gsize       *out_len,
                      GError     **error)
{
  g_autofree char *clean = g_malloc (len + 1);
  gsize n = 0;
  gsize padding = 0;
  guchar *decoded;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (is_space (c))
        continue;

      if (c == '=')
        {
          padding++;
        }
      else if (!is_base64_char (c) || padding > 0)
        {
          sb_secret_wipe (clean, n);

          if (is_base64_char (c))
            g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                                 _("The SAML response is not valid base64: “=” padding appears before its end. "
                                   "Check that you copied the SAMLResponse value alone, without other form fields."));
          else if (g_ascii_isprint (c))
            g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                         _("The SAML response is neither XML nor valid base64: it contains the character “%c”. "
                           "Copy the value of the SAMLResponse form field again."), c);
          else
            g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                                 _("The SAML response is neither XML nor valid base64: it contains characters that base64 does not use. "
                                   "Copy the value of the SAMLResponse form field again."));
          return NULL;
        }

      clean[n++] = c;
    }

  if (n % 4 != 0 || padding > 2)
    {
      sb_secret_wipe (clean, n);
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64,
                           _("The SAML response is not valid base64: its length is wrong, so part of it is probably missing. "
                             "Copy the whole SAMLResponse value again."));
      return NULL;
    }

  clean[n] = '\0';
  decoded = g_base64_decode_inplace (clean, out_len);
  g_assert ((char *) decoded == clean);

  return g_steal_pointer (&clean);
}

static char *
check_base64_xml (const char  *data,
                  gsize        len,
                  GError     **error)
{
  if (len == 0 || data[0] != '<')
    {
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML,
                           _("The SAML response is valid base64 but does not contain XML. "
                             "Check that you copied the SAMLResponse value and not another form field."));
      return NULL;
    }

  return check_xml (data, len, error);
}

static char *
decode_trimmed (const char  *data,
                gsize        len,
                gboolean     allow_unescape,
                GError     **error)
{
  gboolean unescape;
  char *inner;
  gsize inner_len = 0;
  const char *start;
  gsize trimmed_len;
  char *result;

  if (len == 0)
    {
      g_set_error_literal (error, SB_SAML_ERROR, SB_SAML_ERROR_EMPTY,
                           _("The SAML response is empty. Paste the value of the SAMLResponse form field."));
      return NULL;
    }

  if (data[0] == '<')
    return check_xml (data, len, error);

  unescape = allow_unescape && memchr (data, '%', len) != NULL;
  if (unescape)
    inner = url_unescape (data, len, &inner_len, error);
  else
    inner = strict_base64_decode (data, len, &inner_len, error);

  if (inner == NULL)
    return NULL;

  start = inner;
  trimmed_len = inner_len;
  trim (&start, &trimmed_len);

  if (unescape)
    result = decode_trimmed (start, trimmed_len, FALSE, error);
  else
    result = check_base64_xml (start, trimmed_len, error);

  sb_saml_wipe_and_free (&inner, inner_len);

  return result;
}

/**
 * sb_saml_decode:
 * @input: a SAMLResponse: base64 (line breaks allowed), URL-encoded base64
 *   or XML
 * @length: the length of @input in bytes, or -1 if it is NUL-terminated
 * @error: return location for an #SB_SAML_ERROR
 *
 * Returns: (transfer full): the XML of the response; free it with
 *   sb_secret_free()
 */
char *
sb_saml_decode (const char  *input,
                gsize        length,
                GError     **error)
{
  const char *start = input;

  g_return_val_if_fail (input != NULL || length == 0 || length == (gsize) -1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == (gsize) -1)
    length = input != NULL ? strlen (input) : 0;

  if (length > SB_SAML_MAX_INPUT)
    {
      g_set_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE,
                   _("The SAML response is larger than %d MB, far more than identity providers send. "
                     "Check that you copied only the SAMLResponse value."),
                   SB_SAML_MAX_INPUT / (1024 * 1024));
      return NULL;
    }

  if (length > 0)
    trim (&start, &length);

  return decode_trimmed (start, length, TRUE, error);
}

gboolean
sb_saml_contains_doctype (const char *xml,
                          gsize       len)
{
  static const char needle[] = "<!doctype";
  gsize needle_len = sizeof needle - 1;

  for (const char *p = xml; (p = memchr (p, '<', len - (p - xml))) != NULL; p++)
    {
      if ((gsize) (xml + len - p) >= needle_len &&
          g_ascii_strncasecmp (p, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}
