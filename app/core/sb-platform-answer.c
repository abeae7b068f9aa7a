#define G_LOG_DOMAIN "sb-platform"

#include "config.h"

#include "sb-platform-answer.h"

#include "sb-json.h"
#include "sb-platform.h"
#include "sb-secret.h"

#include <string.h>
#include <glib/gi18n.h>

#define MAX_MESSAGE_CHARS 200
#define MAX_JSON_DEPTH    64

static gboolean
content_type_is (const char *content_type,
                 const char *expected)
{
  gsize len;

  if (content_type == NULL)
    return FALSE;

  len = strlen (expected);
  return g_ascii_strncasecmp (content_type, expected, len) == 0 &&
         (content_type[len] == '\0' || content_type[len] == ';' || g_ascii_isspace (content_type[len]));
}

static gboolean
looks_like_html (const char *content_type,
                 GBytes     *body)
{
  const char *data;
  gsize len;

  if (content_type_is (content_type, "text/html") || content_type_is (content_type, "application/xhtml+xml"))
    return TRUE;

  data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  for (gsize i = 0; data != NULL && i < len; i++)
    {
      if (g_ascii_isspace (data[i]))
        continue;
      return data[i] == '<';
    }

  return FALSE;
}

static JsonParser *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  gsize len;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  if (data == NULL || len == 0 || len > G_MAXSSIZE || !sb_json_depth_is_within (data, len, MAX_JSON_DEPTH))
    return NULL;

  if (!json_parser_load_from_data (parser, data, len, NULL))
    return NULL;

  return g_steal_pointer (&parser);
}

static JsonObject *
root_object (JsonParser *parser)
{
  JsonNode *root = parser != NULL ? json_parser_get_root (parser) : NULL;

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* The platform's own explanation, cut short and on one line, or NULL. */
static char *
dup_platform_message (GBytes *body)
{
  static const char *members[] = { "message", "error_description", "error" };
  g_autoptr(JsonParser) parser = parse_json (body);
  JsonObject *object = root_object (parser);
  const char *message = NULL;
  GString *out;

  for (guint i = 0; message == NULL && i < G_N_ELEMENTS (members); i++)
    {
      message = sb_json_object_get_string (object, members[i]);
      if (sb_json_is_blank (message))
        message = NULL;
    }

  if (message == NULL || !g_utf8_validate (message, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (out->len > 0 && g_utf8_strlen (out->str, -1) >= MAX_MESSAGE_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

static gboolean
mentions_in_response_to (const char *message)
{
  g_autofree char *lower = NULL;

  if (message == NULL)
    return FALSE;

  lower = g_ascii_strdown (message, -1);
  return strstr (lower, "inresponseto") != NULL;
}

static GError *
unauthorized_error (gboolean    exchange,
                    const char *message)
{
  if (exchange && message != NULL)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED,
                        _("The platform refused the sign-in: %s"), message);
  if (exchange)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED,
                        _("The platform refused the sign-in (HTTP 401). Check that the identity provider is set up for this organization."));
  if (message != NULL)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED,
                        _("The platform did not accept the token: %s"), message);
  return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_UNAUTHORIZED,
                      _("The platform did not accept the token (HTTP 401). It may have expired: sign in again."));
}

/* Maps a status other than 2xx to an error; exchange tells the sign-in from who-am-I. */
static GError *
status_error (guint                  status,
              GBytes                *body,
              SbPlatformRequestKind  kind)
{
  g_autofree char *message = dup_platform_message (body);
  gboolean exchange = kind == SB_PLATFORM_REQUEST_EXCHANGE;

  if (status >= 400 && status < 500 && mentions_in_response_to (message))
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_SP_INITIATED,
                        _("The platform only accepts sign-ins started at your identity provider. Start the sign-in from the Anypoint Platform app at your identity provider, not from the platform’s login page."));

  if (status >= 500 && status < 600)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_SERVER,
                        _("The platform had a problem (HTTP %u). Try again in a few minutes."),
                        status);

  switch (status)
    {
    case 401:
      return unauthorized_error (exchange, message);

    case 403:
      if (message != NULL)
        return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_FORBIDDEN,
                            _("The platform refused access (HTTP 403): %s"), message);
      return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_FORBIDDEN,
                          _("The platform refused access (HTTP 403). Your account may not be allowed to sign in this way."));

    case 404:
      if (exchange)
        return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NOT_FOUND,
                            _("The platform has no sign-in at this address (HTTP 404). Check the organization domain and the identity provider in the address your identity provider posts to."));
      return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NOT_FOUND,
                          _("The platform has no account service at this address (HTTP 404). Check the platform address."));

    default:
      break;
    }

  if (status >= 300 && status < 400)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_HTTP,
                        _("The platform answered with a redirect (HTTP %u) instead of an answer. Check the platform address."),
                        status);

  if (message != NULL && exchange)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_HTTP,
                        _("The platform refused the sign-in (HTTP %u): %s"), status, message);

  if (message != NULL)
    return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_HTTP,
                        _("The platform could not say who you are (HTTP %u): %s"), status, message);

  return g_error_new (SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_HTTP,
                      _("The platform answered with an unexpected status (HTTP %u). Try again, or check the platform address."),
                      status);
}

static gboolean
check_size (GBytes  *body,
            GError **error)
{
  if (body == NULL || g_bytes_get_size (body) <= SB_PLATFORM_MAX_ANSWER)
    return TRUE;

  g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_TOO_LARGE,
               _("The platform’s answer is too large to be a token. Check the platform address."));
  return FALSE;
}

static gboolean
check_answer (guint                   status,
              GBytes                 *body,
              SbPlatformRequestKind   kind,
              GError                **error)
{
  if (!check_size (body, error))
    return FALSE;

  if (status < 200 || status >= 300)
    {
      g_propagate_error (error, status_error (status, body, kind));
      return FALSE;
    }

  return TRUE;
}

SbToken *
sb_platform_parse_exchange (const char  *platform_url,
                            guint        status,
                            const char  *content_type,
                            GBytes      *body,
                            guint        session_minutes,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *token_node;
  const char *access_token;
  SbToken *token;

  g_return_val_if_fail (platform_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_answer (status, body, SB_PLATFORM_REQUEST_EXCHANGE, error))
    return NULL;

  if (looks_like_html (content_type, body))
    {
      g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER,
                   _("The platform answered with a web page instead of a token. Check the platform address and that the sign-in address belongs to it."));
      return NULL;
    }

  parser = parse_json (body);
  if (!(object = root_object (parser)))
    {
      g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER,
                   _("The platform’s answer could not be read. Try again in a few minutes."));
      return NULL;
    }

  access_token = sb_json_object_get_string (object, "access_token");
  if (access_token == NULL || *access_token == '\0')
    {
      g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_NO_TOKEN,
                   _("The platform accepted the sign-in but sent no token. Check that your account may use the platform’s APIs."));
      return NULL;
    }

  /* A token that would break the header or the shell line it goes into is no token. */
  if (sb_token_is_valid_access_token (access_token))
    token = sb_token_new (platform_url, access_token, sb_json_object_get_string (object, "token_type"),
                          NULL, session_minutes);
  else
    token = NULL;

  /* The parser's copy of the token goes with it. */
  token_node = json_object_get_member (object, "access_token");
  sb_secret_wipe ((char *) json_node_get_string (token_node), strlen (access_token));

  if (token == NULL)
    g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER,
                 _("The platform sent a token with characters no token has, so it was refused. Check the platform address."));

  return token;
}

JsonObject *
sb_platform_parse_user (guint        status,
                        const char  *content_type,
                        GBytes      *body,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *user;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_answer (status, body, SB_PLATFORM_REQUEST_WHO_AM_I, error))
    return NULL;

  if (looks_like_html (content_type, body))
    {
      g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER,
                   _("The platform answered with a web page instead of your account details. Check the platform address."));
      return NULL;
    }

  parser = parse_json (body);
  user = sb_json_object_get_object (root_object (parser), "user");
  if (user == NULL)
    {
      g_set_error (error, SB_PLATFORM_ERROR, SB_PLATFORM_ERROR_BAD_ANSWER,
                   _("The platform’s answer about your account could not be read."));
      return NULL;
    }

  return json_object_ref (user);
}
