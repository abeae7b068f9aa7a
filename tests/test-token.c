#define G_LOG_DOMAIN "test-token"

#include "config.h"

#include "sb-secret.h"
#include "sb-token.h"

#include <glib/gstdio.h>
#include <string.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

/* A fake token: tests compare it with g_assert_cmpstr (printed only on failure)
 * and never print it otherwise. */
#define FAKE_TOKEN "00000000-fake-0000-test-000000000000"
#define PLATFORM   "https://eu1.anypoint.mulesoft.com"

static SbToken *
new_token (const char *platform_url,
           const char *access_token)
{
  g_autoptr(GDateTime) obtained_at = g_date_time_new_utc (2024, 5, 1, 12, 0, 0);

  return sb_token_new (platform_url, access_token, "bearer", obtained_at, 60);
}

static JsonObject *
new_user (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser,
                              "{\"id\": \"u1\", \"username\": \"ada.lovelace\", \"firstName\": \"Ada\","
                              " \"lastName\": \"Lovelace\", \"email\": \"ada@example.com\","
                              " \"organization\": {\"id\": \"o1\", \"name\": \"Analytical Engines\", \"domain\": \"mock-org\"}}",
                              -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_format (SbToken       *token,
               SbTokenFormat  format,
               const char    *expected)
{
  g_autoptr(SbSecret) text = sb_token_format (token, format);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_token_basics (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(SbToken) untyped = sb_token_new (PLATFORM, FAKE_TOKEN, NULL, NULL, 60);
  g_autoptr(SbToken) empty_type = sb_token_new (PLATFORM, FAKE_TOKEN, "", NULL, 60);

  g_assert_cmpstr (sb_token_get_platform_url (token), ==, PLATFORM);
  g_assert_cmpstr (sb_token_get_access_token (token), ==, FAKE_TOKEN);
  g_assert_cmpstr (sb_token_get_token_type (token), ==, "bearer");
  g_assert_cmpstr (sb_token_get_token_type (untyped), ==, "bearer");
  g_assert_cmpstr (sb_token_get_token_type (empty_type), ==, "bearer");
  g_assert_null (sb_token_get_user (token));
  g_assert_null (sb_token_get_username (token));
  g_assert_null (sb_token_get_organization (token));
}

static void
test_token_expiry (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2024, 5, 1, 14, 0, 0);
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(SbToken) longer = sb_token_new (PLATFORM, FAKE_TOKEN, NULL, local, 90);
  g_autoptr(SbToken) unset = sb_token_new (PLATFORM, FAKE_TOKEN, NULL, local, 0);
  g_autoptr(SbToken) now = sb_token_new (PLATFORM, FAKE_TOKEN, NULL, NULL, 60);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(SbSecret) json = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (g_date_time_difference (sb_token_get_expires_at (token), sb_token_get_obtained_at (token)), ==,
                   60 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_difference (sb_token_get_expires_at (longer), sb_token_get_obtained_at (longer)), ==,
                   90 * G_TIME_SPAN_MINUTE);
  /* 0 means the platform's default session timeout, 60 minutes. */
  g_assert_cmpint (g_date_time_difference (sb_token_get_expires_at (unset), sb_token_get_obtained_at (unset)), ==,
                   60 * G_TIME_SPAN_MINUTE);

  /* Without a time, the token was obtained now. */
  g_assert_cmpint (ABS (g_date_time_difference (before, sb_token_get_obtained_at (now))), <, 5 * G_TIME_SPAN_SECOND);

  /* Times are written in UTC whatever the zone they were given in. */
  json = sb_token_format (longer, SB_TOKEN_FORMAT_JSON);
  object = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "obtained_at"), ==, "2024-05-01T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "expires_at"), ==, "2024-05-01T13:30:00Z");
}

static void
test_token_format_raw_header (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);

  assert_format (token, SB_TOKEN_FORMAT_RAW, FAKE_TOKEN);
  assert_format (token, SB_TOKEN_FORMAT_HEADER, "Authorization: Bearer " FAKE_TOKEN);
}

static void
test_token_format_curl (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(SbToken) slash = new_token (PLATFORM "/", FAKE_TOKEN);

  assert_format (token, SB_TOKEN_FORMAT_CURL,
                 "curl -H 'Authorization: Bearer " FAKE_TOKEN "' 'https://eu1.anypoint.mulesoft.com/accounts/api/me'");
  assert_format (slash, SB_TOKEN_FORMAT_CURL,
                 "curl -H 'Authorization: Bearer " FAKE_TOKEN "' 'https://eu1.anypoint.mulesoft.com/accounts/api/me'");
}

static void
test_token_format_cli (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(SbToken) us = new_token ("https://anypoint.mulesoft.com", FAKE_TOKEN);
  g_autoptr(SbToken) local = new_token ("http://127.0.0.1:8080", FAKE_TOKEN);

  assert_format (token, SB_TOKEN_FORMAT_CLI,
                 "anypoint-cli-v4 --bearer '" FAKE_TOKEN "' --host 'eu1.anypoint.mulesoft.com'");
  assert_format (us, SB_TOKEN_FORMAT_CLI,
                 "anypoint-cli-v4 --bearer '" FAKE_TOKEN "' --host 'anypoint.mulesoft.com'");
  assert_format (local, SB_TOKEN_FORMAT_CLI,
                 "anypoint-cli-v4 --bearer '" FAKE_TOKEN "' --host '127.0.0.1:8080'");
}

/* Whatever the platform sends, the shell commands stay one quoted word. */
static void
test_token_format_quoting (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, "it's-$(not)-run");

  assert_format (token, SB_TOKEN_FORMAT_CLI,
                 "anypoint-cli-v4 --bearer 'it'\\''s-$(not)-run' --host 'eu1.anypoint.mulesoft.com'");
  assert_format (token, SB_TOKEN_FORMAT_CURL,
                 "curl -H 'Authorization: Bearer it'\\''s-$(not)-run' 'https://eu1.anypoint.mulesoft.com/accounts/api/me'");
}

static void
test_token_format_json (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);

  assert_format (token, SB_TOKEN_FORMAT_JSON,
                 "{\n"
                 "  \"access_token\" : \"" FAKE_TOKEN "\",\n"
                 "  \"token_type\" : \"bearer\",\n"
                 "  \"platform\" : \"https://eu1.anypoint.mulesoft.com\",\n"
                 "  \"obtained_at\" : \"2024-05-01T12:00:00Z\",\n"
                 "  \"expires_at\" : \"2024-05-01T13:00:00Z\",\n"
                 "  \"expires_in\" : 0,\n"
                 "  \"cached\" : false,\n"
                 "  \"organization_id\" : null,\n"
                 "  \"user\" : null\n"
                 "}");
}

static void
test_token_format_json_user (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(JsonObject) user = new_user ();

  sb_token_set_user (token, user);

  assert_format (token, SB_TOKEN_FORMAT_JSON,
                 "{\n"
                 "  \"access_token\" : \"" FAKE_TOKEN "\",\n"
                 "  \"token_type\" : \"bearer\",\n"
                 "  \"platform\" : \"https://eu1.anypoint.mulesoft.com\",\n"
                 "  \"obtained_at\" : \"2024-05-01T12:00:00Z\",\n"
                 "  \"expires_at\" : \"2024-05-01T13:00:00Z\",\n"
                 "  \"expires_in\" : 0,\n"
                 "  \"cached\" : false,\n"
                 "  \"organization_id\" : \"o1\",\n"
                 "  \"user\" : {\n"
                 "    \"username\" : \"ada.lovelace\",\n"
                 "    \"name\" : \"Ada Lovelace\",\n"
                 "    \"email\" : \"ada@example.com\",\n"
                 "    \"organization\" : {\n"
                 "      \"id\" : \"o1\",\n"
                 "      \"name\" : \"Analytical Engines\",\n"
                 "      \"domain\" : \"mock-org\"\n"
                 "    }\n"
                 "  }\n"
                 "}");
}

/* Members the platform left out are null, and odd characters stay valid JSON. */
static void
test_token_format_json_sparse (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, "quote\"back\\slash");
  g_autoptr(JsonObject) user = parse_object ("{\"username\": \"ada\", \"firstName\": 42}");
  g_autoptr(SbSecret) json = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *user_object;

  sb_token_set_user (token, user);
  json = sb_token_format (token, SB_TOKEN_FORMAT_JSON);
  g_assert_false (g_str_has_suffix (json, "\n"));

  object = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "access_token"), ==, "quote\"back\\slash");
  user_object = json_object_get_object_member (object, "user");
  g_assert_cmpstr (json_object_get_string_member (user_object, "username"), ==, "ada");
  g_assert_true (json_object_get_null_member (user_object, "name"));
  g_assert_true (json_object_get_null_member (user_object, "email"));
  g_assert_true (json_object_get_null_member (user_object, "organization"));
}

static void
test_token_no_trailing_newline (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);

  for (SbTokenFormat format = SB_TOKEN_FORMAT_RAW; format <= SB_TOKEN_FORMAT_CLI; format++)
    {
      g_autoptr(SbSecret) text = sb_token_format (token, format);

      g_assert_nonnull (text);
      g_assert_false (g_str_has_suffix (text, "\n"));
    }
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_token_user (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(JsonObject) user = new_user ();
  g_autofree char *name = NULL;
  guint notified = 0;

  g_signal_connect (token, "notify::user", G_CALLBACK (on_notify), &notified);

  sb_token_set_user (token, user);
  g_assert_cmpuint (notified, ==, 1);
  sb_token_set_user (token, user);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (sb_token_get_user (token) == user);
  g_assert_cmpstr (sb_token_get_username (token), ==, "ada.lovelace");
  g_assert_cmpstr (sb_token_get_organization (token), ==, "Analytical Engines");
  name = sb_token_dup_display_name (token);
  g_assert_cmpstr (name, ==, "Ada Lovelace");

  sb_token_set_user (token, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (sb_token_get_user (token));
}

static void
assert_display_name (const char *user_json,
                     const char *expected)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(JsonObject) user = user_json != NULL ? parse_object (user_json) : NULL;
  g_autofree char *name = NULL;

  sb_token_set_user (token, user);
  name = sb_token_dup_display_name (token);
  g_assert_cmpstr (name, ==, expected);
}

static void
test_token_display_name (void)
{
  assert_display_name (NULL, NULL);
  assert_display_name ("{}", NULL);
  assert_display_name ("{\"username\": \"ada.lovelace\"}", "ada.lovelace");
  assert_display_name ("{\"username\": \"ada.lovelace\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\"}", "Ada Lovelace");
  assert_display_name ("{\"username\": \"ada.lovelace\", \"firstName\": \"Ada\"}", "Ada");
  assert_display_name ("{\"username\": \"ada.lovelace\", \"lastName\": \"Lovelace\"}", "Lovelace");
  assert_display_name ("{\"username\": \"ada.lovelace\", \"firstName\": \" \", \"lastName\": \"\"}", "ada.lovelace");
  assert_display_name ("{\"username\": \"ada.lovelace\", \"firstName\": null, \"lastName\": 7}", "ada.lovelace");
  assert_display_name ("{\"firstName\": \" Ada \", \"lastName\": \"Lovelace \"}", "Ada Lovelace");
}

static void
test_token_format_from_string (void)
{
  static const struct {
    const char    *name;
    SbTokenFormat  format;
  } names[] = {
    { "raw", SB_TOKEN_FORMAT_RAW },
    { "header", SB_TOKEN_FORMAT_HEADER },
    { "json", SB_TOKEN_FORMAT_JSON },
    { "curl", SB_TOKEN_FORMAT_CURL },
    { "cli", SB_TOKEN_FORMAT_CLI },
    { "env", SB_TOKEN_FORMAT_ENV },
    { "JSON", SB_TOKEN_FORMAT_JSON },
    { "ENV", SB_TOKEN_FORMAT_ENV },
  };
  SbTokenFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      format = SB_TOKEN_FORMAT_RAW;
      g_assert_true (sb_token_format_from_string (names[i].name, &format));
      g_assert_cmpint (format, ==, names[i].format);
    }

  format = SB_TOKEN_FORMAT_CLI;
  g_assert_false (sb_token_format_from_string ("yaml", &format));
  g_assert_false (sb_token_format_from_string ("", &format));
  g_assert_false (sb_token_format_from_string (NULL, &format));
  g_assert_false (sb_token_format_from_string ("raw ", &format));
  g_assert_cmpint (format, ==, SB_TOKEN_FORMAT_CLI);
  g_assert_true (sb_token_format_from_string ("curl", NULL));
}

/* RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
static void
test_token_valid_access_token (void)
{
  static const char * const valid[] = {
    FAKE_TOKEN, "a", "A9", "-._~+/", "abc=", "abc==", "eyJhbGciOi.eyJzdWIi.c2ln",
  };
  static const char * const invalid[] = {
    "", "=", "==abc", "abc=def", "abc def", "abc\r\nX: y", "abc\n", "abc\t", "$(id)", "`id`",
    "a'b", "a\"b", "a\\b", "a;b", "a|b", "a&b", "a%0d", "\xc3\xa9", "a,b", "a:b", "a@b",
  };

  g_assert_false (sb_token_is_valid_access_token (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (sb_token_is_valid_access_token (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (sb_token_is_valid_access_token (invalid[i]));
}

/* The user as /accounts/api/me describes them: the root organization, and the business
 * groups, the root among them, with entries the token has no use for. */
#define USER_WITH_GROUPS \
  "{\"username\": \"ada.lovelace\", \"organization\": {\"id\": \"o1\", \"name\": \"Analytical Engines\"}," \
  " \"memberOfOrganizations\": [{\"id\": \"o1\", \"name\": \"Analytical Engines\"}," \
  " {\"id\": \"bg1\", \"name\": \"Design\"}, {\"name\": \"No id\"}, 42, {\"id\": \"bg3\"}," \
  " {\"id\": \"bg2\", \"name\": \"Production\"}, {\"id\": \"bg1\", \"name\": \"Design\"}]}"

static SbToken *
new_token_with_groups (const char *access_token)
{
  g_autoptr(JsonObject) user = parse_object (USER_WITH_GROUPS);
  SbToken *token = new_token (PLATFORM, access_token);

  sb_token_set_user (token, user);
  return token;
}

static void
assert_group (GPtrArray  *groups,
              guint       i,
              const char *id,
              const char *name,
              gboolean    is_root)
{
  SbBusinessGroup *group = g_ptr_array_index (groups, i);

  g_assert_cmpstr (group->id, ==, id);
  g_assert_cmpstr (group->name, ==, name);
  g_assert_cmpint (group->is_root, ==, is_root);
}

static void
test_token_business_groups (void)
{
  g_autoptr(SbToken) token = new_token_with_groups (FAKE_TOKEN);
  g_autoptr(SbToken) unknown = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(SbToken) root_only = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(JsonObject) user = new_user ();
  g_autoptr(GPtrArray) groups = sb_token_dup_business_groups (token);
  g_autoptr(GPtrArray) none = sb_token_dup_business_groups (unknown);
  g_autoptr(GPtrArray) one = NULL;

  /* The root first, each group once; a group without a name is called by its id. */
  g_assert_cmpuint (groups->len, ==, 4);
  assert_group (groups, 0, "o1", "Analytical Engines", TRUE);
  assert_group (groups, 1, "bg1", "Design", FALSE);
  assert_group (groups, 2, "bg3", "bg3", FALSE);
  assert_group (groups, 3, "bg2", "Production", FALSE);

  g_assert_cmpuint (none->len, ==, 0);

  sb_token_set_user (root_only, user);
  one = sb_token_dup_business_groups (root_only);
  g_assert_cmpuint (one->len, ==, 1);
  assert_group (one, 0, "o1", "Analytical Engines", TRUE);
}

static void
test_token_select_organization (void)
{
  g_autoptr(SbToken) token = new_token_with_groups (FAKE_TOKEN);
  g_autoptr(SbToken) unknown = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(SbToken) twins = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(JsonObject) twins_user = NULL;
  g_autoptr(GError) error = NULL;

  /* Until one is picked, the root organization. */
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, "o1");
  g_assert_null (sb_token_get_organization_id (unknown));
  assert_format (token, SB_TOKEN_FORMAT_CLI,
                 "anypoint-cli-v4 --bearer '" FAKE_TOKEN "' --host 'eu1.anypoint.mulesoft.com'");

  g_assert_true (sb_token_select_organization (token, "bg2", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, "bg2");
  assert_format (token, SB_TOKEN_FORMAT_CLI,
                 "anypoint-cli-v4 --bearer '" FAKE_TOKEN "' --host 'eu1.anypoint.mulesoft.com' --organization 'bg2'");

  /* By name too, as a person types it. */
  g_assert_true (sb_token_select_organization (token, "design", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, "bg1");

  /* Not one of the user's: the choice stays, and the message lists the groups. */
  g_assert_false (sb_token_select_organization (token, "Marketing", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Marketing"));
  g_assert_nonnull (strstr (error->message, "Design (bg1)"));
  g_assert_nonnull (strstr (error->message, "Production (bg2)"));
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, "bg1");
  g_clear_error (&error);

  /* Nothing picked is the root again. */
  g_assert_true (sb_token_select_organization (token, NULL, &error));
  g_assert_cmpstr (sb_token_get_organization_id (token), ==, "o1");
  g_assert_true (sb_token_select_organization (token, "", &error));
  g_assert_no_error (error);

  /* While the user is unknown, there is nothing to pick from. */
  g_assert_false (sb_token_select_organization (unknown, "bg1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Two groups of one name: only the id tells them apart. */
  twins_user = parse_object ("{\"organization\": {\"id\": \"o1\", \"name\": \"Root\"},"
                             " \"memberOfOrganizations\": [{\"id\": \"s1\", \"name\": \"Sandbox\"},"
                             " {\"id\": \"s2\", \"name\": \"Sandbox\"}]}");
  sb_token_set_user (twins, twins_user);
  g_assert_false (sb_token_select_organization (twins, "Sandbox", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Sandbox (s1), Sandbox (s2)"));
  g_assert_true (sb_token_select_organization (twins, "s2", NULL));
  g_assert_cmpstr (sb_token_get_organization_id (twins), ==, "s2");
}

static void
test_token_cached (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  guint notified = 0;

  g_signal_connect (token, "notify::cached", G_CALLBACK (on_notify), &notified);
  g_assert_false (sb_token_get_cached (token));
  sb_token_set_cached (token, TRUE);
  sb_token_set_cached (token, TRUE);
  g_assert_true (sb_token_get_cached (token));
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_token_seconds_left (void)
{
  g_autoptr(SbToken) token = new_token (PLATFORM, FAKE_TOKEN);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2024, 5, 1, 12, 10, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2024, 5, 1, 13, 0, 30);
  g_autoptr(SbToken) now = sb_token_new (PLATFORM, FAKE_TOKEN, NULL, NULL, 60);

  g_assert_cmpint (sb_token_get_seconds_left (token, later), ==, 50 * 60);
  g_assert_cmpint (sb_token_get_seconds_left (token, after), ==, -30);
  g_assert_cmpint (sb_token_get_seconds_left (now, NULL), >, 59 * 60);
  g_assert_cmpint (sb_token_get_seconds_left (now, NULL), <=, 60 * 60);
}

/* expires_in counts from now; cached and the organization the token is for are there too. */
static void
test_token_format_json_cache (void)
{
  g_autoptr(SbToken) token = sb_token_new (PLATFORM, FAKE_TOKEN, NULL, NULL, 60);
  g_autoptr(JsonObject) user = parse_object (USER_WITH_GROUPS);
  g_autoptr(SbSecret) json = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 expires_in;

  sb_token_set_user (token, user);
  sb_token_set_cached (token, TRUE);
  g_assert_true (sb_token_select_organization (token, "bg1", NULL));

  json = sb_token_format (token, SB_TOKEN_FORMAT_JSON);
  object = parse_object (json);
  expires_in = json_object_get_int_member (object, "expires_in");
  g_assert_cmpint (expires_in, >, 59 * 60);
  g_assert_cmpint (expires_in, <=, 60 * 60);
  g_assert_true (json_object_get_boolean_member (object, "cached"));
  g_assert_cmpstr (json_object_get_string_member (object, "organization_id"), ==, "bg1");
}

static void
test_token_format_env (void)
{
  g_autoptr(SbToken) token = new_token_with_groups (FAKE_TOKEN);
  g_autoptr(SbToken) unknown = new_token ("http://127.0.0.1:8080", FAKE_TOKEN);
  g_autoptr(SbToken) quoted = new_token (PLATFORM, "it's-$(not)-run");

  assert_format (token, SB_TOKEN_FORMAT_ENV,
                 "export ANYPOINT_ACCESS_TOKEN='" FAKE_TOKEN "'\n"
                 "export ANYPOINT_HOST='eu1.anypoint.mulesoft.com'\n"
                 "export ANYPOINT_ORG='o1'");

  g_assert_true (sb_token_select_organization (token, "Production", NULL));
  assert_format (token, SB_TOKEN_FORMAT_ENV,
                 "export ANYPOINT_ACCESS_TOKEN='" FAKE_TOKEN "'\n"
                 "export ANYPOINT_HOST='eu1.anypoint.mulesoft.com'\n"
                 "export ANYPOINT_ORG='bg2'");

  /* The host with its port; no organization while the user is unknown. */
  assert_format (unknown, SB_TOKEN_FORMAT_ENV,
                 "export ANYPOINT_ACCESS_TOKEN='" FAKE_TOKEN "'\n"
                 "export ANYPOINT_HOST='127.0.0.1:8080'");
  assert_format (quoted, SB_TOKEN_FORMAT_ENV,
                 "export ANYPOINT_ACCESS_TOKEN='it'\\''s-$(not)-run'\n"
                 "export ANYPOINT_HOST='eu1.anypoint.mulesoft.com'");
}

/* Runs @shell on the env format of @token, with the expected values in its environment:
 * the shell compares them, so nothing prints the token. */
static void
assert_env_evaluates (const char *shell,
                      SbToken    *token,
                      const char *expected_org)
{
  g_autoptr(SbSecret) text = sb_token_format (token, SB_TOKEN_FORMAT_ENV);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *script =
    "eval \"$(cat \"$1\")\" && "
    "test \"$ANYPOINT_ACCESS_TOKEN\" = \"$EXPECTED_TOKEN\" && "
    "test \"$ANYPOINT_HOST\" = \"$EXPECTED_HOST\" && "
    "test \"$ANYPOINT_ORG\" = \"$EXPECTED_ORG\" && "
    "test ! -e \"$1.ran\"";
  int status;
  int fd;

  fd = g_file_open_tmp ("test-token-env-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  g_close (fd, NULL);

  envp = g_environ_setenv (envp, "EXPECTED_TOKEN", sb_token_get_access_token (token), TRUE);
  envp = g_environ_setenv (envp, "EXPECTED_HOST", "eu1.anypoint.mulesoft.com", TRUE);
  envp = g_environ_setenv (envp, "EXPECTED_ORG", expected_org, TRUE);
  envp = g_environ_unsetenv (envp, "ANYPOINT_ORG");

  {
    const char *argv[] = { shell, "-c", script, "sh", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_unlink (path);
}

static void
test_token_env_evaluates (void)
{
  g_autoptr(SbToken) token = new_token_with_groups (FAKE_TOKEN);
  g_autoptr(SbToken) hostile = NULL;
  g_autoptr(JsonObject) user = parse_object (USER_WITH_GROUPS);
  static const char * const shells[] = { "sh", "bash" };

  /* Whatever the platform sent, evaluating it runs nothing. */
  hostile = new_token (PLATFORM, "it's-$(touch \"$1.ran\")-`touch \"$1.ran\"`-\"$HOME\"\\n");
  sb_token_set_user (hostile, user);
  g_assert_true (sb_token_select_organization (hostile, "bg2", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (shells); i++)
    {
      g_autofree char *found = g_find_program_in_path (shells[i]);

      if (found == NULL)
        {
          g_test_message ("No %s to try the env format with", shells[i]);
          continue;
        }

      assert_env_evaluates (shells[i], token, "o1");
      assert_env_evaluates (shells[i], hostile, "bg2");
    }
}

static const char *
lookup_env (char       **envp,
            const char  *name)
{
  return g_environ_getenv (envp, name);
}

static void
test_token_environ (void)
{
  g_autoptr(SbToken) token = new_token_with_groups (FAKE_TOKEN);
  g_autoptr(SbToken) unknown = new_token (PLATFORM, FAKE_TOKEN);
  const char *given[] = { "PATH=/usr/bin", "ANYPOINT_ORG=stale", "ANYPOINT_HOST=stale", "HOME=/home/ada", NULL };
  char **envp;
  guint n_org = 0;

  g_assert_true (sb_token_select_organization (token, "bg1", NULL));
  envp = sb_token_dup_environ (token, (char **) given);
  g_assert_cmpstr (lookup_env (envp, "PATH"), ==, "/usr/bin");
  g_assert_cmpstr (lookup_env (envp, "HOME"), ==, "/home/ada");
  g_assert_true (g_str_equal (lookup_env (envp, "ANYPOINT_ACCESS_TOKEN"), FAKE_TOKEN));
  g_assert_cmpstr (lookup_env (envp, "ANYPOINT_HOST"), ==, "eu1.anypoint.mulesoft.com");
  g_assert_cmpstr (lookup_env (envp, "ANYPOINT_ORG"), ==, "bg1");
  for (char **p = envp; *p != NULL; p++)
    if (g_str_has_prefix (*p, "ANYPOINT_ORG="))
      n_org++;
  g_assert_cmpuint (n_org, ==, 1);
  g_assert_cmpuint (g_strv_length (envp), ==, 5);
  sb_secret_strfreev (envp);

  /* With no environment given, this process's; no organization while the user is unknown. */
  envp = sb_token_dup_environ (unknown, NULL);
  g_assert_nonnull (lookup_env (envp, "PATH"));
  g_assert_true (g_str_equal (lookup_env (envp, "ANYPOINT_ACCESS_TOKEN"), FAKE_TOKEN));
  g_assert_null (lookup_env (envp, "ANYPOINT_ORG"));
  sb_secret_strfreev (envp);

  sb_secret_strfreev (NULL);
}

/* No core dump of a process that holds a token. */
static void
test_secret_protect_process (void)
{
#ifdef __linux__
  g_assert_true (sb_secret_protect_process ());
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  /* Twice is fine. */
  g_assert_true (sb_secret_protect_process ());
#else
  g_test_skip ("Linux only");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token/basics", test_token_basics);
  g_test_add_func ("/token/expiry", test_token_expiry);
  g_test_add_func ("/token/format/raw-header", test_token_format_raw_header);
  g_test_add_func ("/token/format/curl", test_token_format_curl);
  g_test_add_func ("/token/format/cli", test_token_format_cli);
  g_test_add_func ("/token/format/quoting", test_token_format_quoting);
  g_test_add_func ("/token/format/json", test_token_format_json);
  g_test_add_func ("/token/format/json-user", test_token_format_json_user);
  g_test_add_func ("/token/format/json-sparse", test_token_format_json_sparse);
  g_test_add_func ("/token/format/no-trailing-newline", test_token_no_trailing_newline);
  g_test_add_func ("/token/format/from-string", test_token_format_from_string);
  g_test_add_func ("/token/format/json-cache", test_token_format_json_cache);
  g_test_add_func ("/token/format/env", test_token_format_env);
  g_test_add_func ("/token/format/env-evaluates", test_token_env_evaluates);
  g_test_add_func ("/token/environ", test_token_environ);
  g_test_add_func ("/token/business-groups", test_token_business_groups);
  g_test_add_func ("/token/select-organization", test_token_select_organization);
  g_test_add_func ("/token/cached", test_token_cached);
  g_test_add_func ("/token/seconds-left", test_token_seconds_left);
  g_test_add_func ("/token/user", test_token_user);
  g_test_add_func ("/token/display-name", test_token_display_name);
  g_test_add_func ("/token/valid-access-token", test_token_valid_access_token);
  g_test_add_func ("/token/secret/protect-process", test_secret_protect_process);

  return g_test_run ();
}
