#include "config.h"

#include "sb-saml.h"
#include "sb-secret.h"

#include <string.h>
#include <glib/gstdio.h>

#define STATUS_PREFIX "urn:oasis:names:tc:SAML:2.0:status:"
#define OKTA_ACS "https://anypoint.mulesoft.com/accounts/login/acme/providers/5b6f3c2e-8d1a-4c7e-9f20-3a1b2c4d5e6f/receive-id"

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static SbSaml *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  SbSaml *saml;

  contents = read_fixture (name, &length);
  saml = sb_saml_new (contents, length, &error);
  g_assert_no_error (error);
  g_assert_true (SB_IS_SAML (saml));

  return saml;
}

static void
assert_fixture_error (const char *name,
                      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(SbSaml) saml = NULL;
  gsize length = 0;

  contents = read_fixture (name, &length);
  saml = sb_saml_new (contents, length, &error);
  g_assert_error (error, SB_SAML_ERROR, code);
  g_assert_null (saml);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 20);
}

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GDateTime *time = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (time);
  return time;
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *formatted = NULL;

  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
  formatted = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_assert_cmpstr (formatted, ==, expected);
}

static void
assert_audiences (SbSaml *saml,
                  ...)
{
  const char * const *audiences = sb_saml_get_audiences (saml);
  const char *expected;
  va_list args;
  guint i = 0;

  g_assert_nonnull (audiences);

  va_start (args, saml);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (audiences[i]);
      g_assert_cmpstr (audiences[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_null (audiences[i]);
}

static void
assert_attribute (SbSaml     *saml,
                  guint       index,
                  const char *name,
                  const char *friendly_name,
                  ...)
{
  GPtrArray *attributes = sb_saml_get_attributes (saml);
  SbSamlAttribute *attribute;
  const char *expected;
  va_list args;
  guint i = 0;

  g_assert_nonnull (attributes);
  g_assert_cmpuint (index, <, attributes->len);
  attribute = g_ptr_array_index (attributes, index);
  g_assert_cmpstr (attribute->name, ==, name);
  g_assert_cmpstr (attribute->friendly_name, ==, friendly_name);
  g_assert_nonnull (attribute->values);

  va_start (args, friendly_name);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (attribute->values[i]);
      g_assert_cmpstr (attribute->values[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_null (attribute->values[i]);
}

static const char *
kind_name (SbSamlWarningKind kind)
{
  switch (kind)
    {
    case SB_SAML_WARNING_EXPIRED: return "expired";
    case SB_SAML_WARNING_NOT_YET_VALID: return "not-yet-valid";
    case SB_SAML_WARNING_AUDIENCE: return "audience";
    case SB_SAML_WARNING_NO_USERNAME: return "no-username";
    case SB_SAML_WARNING_ENCRYPTED: return "encrypted";
    case SB_SAML_WARNING_SP_INITIATED: return "sp-initiated";
    case SB_SAML_WARNING_STATUS: return "status";
    default: g_assert_not_reached ();
    }
}

/* The kinds of the warnings, in order, such as “status,sp-initiated”. */
static char *
check_kinds (SbSaml     *saml,
             const char *platform_url,
             const char *now_iso)
{
  g_autoptr(GDateTime) now = utc (now_iso);
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, platform_url, now);
  GString *kinds = g_string_new (NULL);

  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);

      g_assert_nonnull (warning->title);
      g_assert_cmpuint (strlen (warning->title), >, 5);
      g_assert_nonnull (warning->explanation);
      g_assert_cmpuint (strlen (warning->explanation), >, 20);

      if (i > 0)
        g_string_append_c (kinds, ',');
      g_string_append (kinds, kind_name (warning->kind));
    }

  return g_string_free (kinds, FALSE);
}

static SbSamlWarning *
find_warning (GPtrArray         *warnings,
              SbSamlWarningKind  kind)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      SbSamlWarning *warning = g_ptr_array_index (warnings, i);

      if (warning->kind == kind)
        return warning;
    }

  return NULL;
}

/* Fixtures, field by field */

static void
test_okta (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "http://www.okta.com/exk1fakeokta0000h7");
  g_assert_cmpstr (sb_saml_get_destination (saml), ==, OKTA_ACS);
  g_assert_null (sb_saml_get_in_response_to (saml));
  assert_time (sb_saml_get_issue_instant (saml), "2024-03-14T09:26:40.512000Z");
  g_assert_cmpstr (sb_saml_get_status_code (saml), ==, STATUS_PREFIX "Success");
  g_assert_cmpstr (sb_saml_get_top_status_code (saml), ==, STATUS_PREFIX "Success");
  g_assert_cmpstr (sb_saml_get_status_name (saml), ==, "Success");
  g_assert_null (sb_saml_get_status_message (saml));
  g_assert_true (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "jane.doe@example.com");
  g_assert_cmpstr (sb_saml_get_name_id_format (saml), ==, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  assert_audiences (saml, "https://anypoint.mulesoft.com/accounts/login/acme", NULL);
  assert_time (sb_saml_get_not_before (saml), "2024-03-14T09:21:40.512000Z");
  assert_time (sb_saml_get_not_on_or_after (saml), "2024-03-14T09:31:40.512000Z");
  g_assert_cmpstr (sb_saml_get_authn_context (saml), ==,
                   "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");

  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 4);
  assert_attribute (saml, 0, "firstName", NULL, "Jane", NULL);
  assert_attribute (saml, 1, "lastName", NULL, "Doe", NULL);
  assert_attribute (saml, 2, "email", NULL, "jane.doe@example.com", NULL);
  assert_attribute (saml, 3, "groups", NULL, "Everyone", "Anypoint Admins", "Developers", NULL);
  g_assert_cmpstr (sb_saml_get_username (saml), ==, "jane.doe@example.com");

  g_assert_true (sb_saml_get_response_signed (saml));
  g_assert_true (sb_saml_get_assertion_signed (saml));
  g_assert_false (sb_saml_get_encrypted (saml));
}

static void
test_entra (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("entra.b64");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://sts.windows.net/00000000-1111-2222-3333-444444444444/");
  g_assert_cmpstr (sb_saml_get_destination (saml), ==,
                   "https://eu1.anypoint.mulesoft.com/accounts/login/contoso/providers/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/receive-id");
  g_assert_null (sb_saml_get_in_response_to (saml));
  assert_time (sb_saml_get_issue_instant (saml), "2024-03-14T09:26:40.123000Z");
  g_assert_cmpstr (sb_saml_get_status_code (saml), ==, STATUS_PREFIX "Success");
  g_assert_true (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "alex.wilber@contoso.example");
  g_assert_cmpstr (sb_saml_get_name_id_format (saml), ==, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  assert_audiences (saml, "eu1.anypoint.mulesoft.com", NULL);
  assert_time (sb_saml_get_not_before (saml), "2024-03-14T09:21:40.123000Z");
  /* The bearer confirmation ends at 09:31:40, long before the conditions. */
  assert_time (sb_saml_get_not_on_or_after (saml), "2024-03-14T09:31:40.123000Z");
  g_assert_cmpstr (sb_saml_get_authn_context (saml), ==, "urn:oasis:names:tc:SAML:2.0:ac:classes:Password");

  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 10);
  assert_attribute (saml, 0, "http://schemas.microsoft.com/identity/claims/tenantid", NULL,
                    "00000000-1111-2222-3333-444444444444", NULL);
  assert_attribute (saml, 2, "http://schemas.microsoft.com/identity/claims/displayname", NULL, "Alex Wilber", NULL);
  assert_attribute (saml, 4, "http://schemas.microsoft.com/claims/authnmethodsreferences", NULL,
                    "http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password",
                    "http://schemas.microsoft.com/claims/multipleauthn", NULL);
  assert_attribute (saml, 7, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", NULL,
                    "alex.wilber@contoso.example", NULL);
  assert_attribute (saml, 8, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", NULL,
                    "alex.wilber@contoso.example", NULL);
  assert_attribute (saml, 9, "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", NULL,
                    "7d3b1f2a-0000-4000-8000-000000000001",
                    "7d3b1f2a-0000-4000-8000-000000000002",
                    "7d3b1f2a-0000-4000-8000-000000000003", NULL);
  g_assert_cmpstr (sb_saml_get_username (saml), ==, "alex.wilber@contoso.example");

  /* Signature in the default namespace, inside the assertion only. */
  g_assert_false (sb_saml_get_response_signed (saml));
  g_assert_true (sb_saml_get_assertion_signed (saml));
  g_assert_false (sb_saml_get_encrypted (saml));
}

static void
test_adfs (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("adfs.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "http://adfs.fabrikam.example/adfs/services/trust");
  g_assert_cmpstr (sb_saml_get_destination (saml), ==,
                   "https://anypoint.mulesoft.com/accounts/login/fabrikam/providers/7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918/receive-id");
  /* Seven fractional digits, as AD FS writes them. */
  assert_time (sb_saml_get_issue_instant (saml), "2024-03-14T09:26:40.473123Z");
  g_assert_true (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "FABRIKAM\\pat.kim");
  g_assert_cmpstr (sb_saml_get_name_id_format (saml), ==, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
  assert_audiences (saml, "https://anypoint.mulesoft.com", NULL);
  assert_time (sb_saml_get_not_before (saml), "2024-03-14T09:26:40.457123Z");
  assert_time (sb_saml_get_not_on_or_after (saml), "2024-03-14T09:31:40.473123Z");
  g_assert_cmpstr (sb_saml_get_authn_context (saml), ==, "urn:federation:authentication:windows");

  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 5);
  assert_attribute (saml, 0, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", NULL,
                    "pat.kim@fabrikam.example", NULL);
  assert_attribute (saml, 3, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", NULL, "Kim", NULL);
  assert_attribute (saml, 4, "http://schemas.xmlsoap.org/claims/Group", NULL,
                    "Domain Users", "MuleSoft Developers", "MuleSoft Admins", NULL);
  g_assert_cmpstr (sb_saml_get_username (saml), ==, "pat.kim@fabrikam.example");

  g_assert_false (sb_saml_get_response_signed (saml));
  g_assert_true (sb_saml_get_assertion_signed (saml));
  g_assert_false (sb_saml_get_encrypted (saml));
}

static void
test_keycloak (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("keycloak.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://keycloak.example.org/realms/anypoint");
  g_assert_cmpstr (sb_saml_get_destination (saml), ==,
                   "https://anypoint.mulesoft.com/accounts/login/example-org/providers/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/receive-id");
  assert_time (sb_saml_get_issue_instant (saml), "2024-03-14T09:26:40.058000Z");
  g_assert_true (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "sam.lee");
  g_assert_cmpstr (sb_saml_get_name_id_format (saml), ==, "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
  /* Two audience restrictions: both are kept. */
  assert_audiences (saml, "https://anypoint.mulesoft.com/accounts/login/example-org", "anypoint.mulesoft.com", NULL);
  assert_time (sb_saml_get_not_before (saml), "2024-03-14T09:26:38.058000Z");
  /* Here the conditions end first. */
  assert_time (sb_saml_get_not_on_or_after (saml), "2024-03-14T09:27:38.058000Z");
  g_assert_cmpstr (sb_saml_get_authn_context (saml), ==, "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified");

  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 6);
  assert_attribute (saml, 0, "urn:oid:1.2.840.113549.1.9.1", "email", "sam.lee@example.org", NULL);
  assert_attribute (saml, 1, "urn:oid:2.5.4.42", "givenName", "Sam", NULL);
  assert_attribute (saml, 2, "urn:oid:2.5.4.4", "surname", "Lee", NULL);
  assert_attribute (saml, 3, "Role", NULL, "offline_access", NULL);
  assert_attribute (saml, 4, "Role", NULL, "uma_authorization", NULL);
  assert_attribute (saml, 5, "Role", NULL, "anypoint-admin", NULL);
  g_assert_cmpstr (sb_saml_get_username (saml), ==, "sam.lee@example.org");

  /* A dsig: prefix on the Response signature, none in the assertion. */
  g_assert_true (sb_saml_get_response_signed (saml));
  g_assert_false (sb_saml_get_assertion_signed (saml));
  g_assert_false (sb_saml_get_encrypted (saml));
}

static void
test_encrypted (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("encrypted.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://idp.example.net/saml2/idp");
  g_assert_cmpstr (sb_saml_get_destination (saml), ==, OKTA_ACS);
  assert_time (sb_saml_get_issue_instant (saml), "2024-03-14T09:26:40.000000Z");
  g_assert_true (sb_saml_is_success (saml));
  g_assert_true (sb_saml_get_encrypted (saml));
  g_assert_true (sb_saml_get_response_signed (saml));
  g_assert_false (sb_saml_get_assertion_signed (saml));

  g_assert_null (sb_saml_get_name_id (saml));
  g_assert_null (sb_saml_get_name_id_format (saml));
  assert_audiences (saml, NULL);
  g_assert_null (sb_saml_get_not_before (saml));
  g_assert_null (sb_saml_get_not_on_or_after (saml));
  g_assert_null (sb_saml_get_authn_context (saml));
  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 0);
  g_assert_null (sb_saml_get_username (saml));
}

static void
test_sp_initiated (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("sp-initiated.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://shibboleth.university.example/idp/shibboleth");
  g_assert_cmpstr (sb_saml_get_in_response_to (saml), ==, "ONELOGIN_4fee3b046395c4e751011e97f8900b5273d56685");
  g_assert_cmpstr (sb_saml_get_name_id_format (saml), ==, "urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 3);
  assert_attribute (saml, 0, "urn:oid:0.9.2342.19200300.100.1.1", "uid", "rchen", NULL);
  assert_attribute (saml, 1, "urn:oid:0.9.2342.19200300.100.1.3", "mail", "robin.chen@university.example", NULL);
  assert_attribute (saml, 2, "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "eduPersonAffiliation", "member", "staff", NULL);
  /* uid comes first in the document. */
  g_assert_cmpstr (sb_saml_get_username (saml), ==, "rchen");
  g_assert_false (sb_saml_get_response_signed (saml));
  g_assert_false (sb_saml_get_assertion_signed (saml));
}

static void
test_in_response_to_from_subject (void)
{
  static const char xml[] =
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<samlp:Status><samlp:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></samlp:Status>"
    "<saml:Assertion><saml:Subject><saml:NameID>someone</saml:NameID><saml:SubjectConfirmation>"
    "<saml:SubjectConfirmationData InResponseTo='_request-42'/>"
    "</saml:SubjectConfirmation></saml:Subject></saml:Assertion></samlp:Response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new (xml, strlen (xml), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sb_saml_get_in_response_to (saml), ==, "_request-42");
  g_assert_null (sb_saml_get_issuer (saml));
}

static void
test_error_authn_failed (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("error-authnfailed.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "http://www.okta.com/exk1fakeokta0000h7");
  g_assert_false (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_status_code (saml), ==, STATUS_PREFIX "AuthnFailed");
  g_assert_cmpstr (sb_saml_get_top_status_code (saml), ==, STATUS_PREFIX "Responder");
  g_assert_cmpstr (sb_saml_get_status_name (saml), ==, "AuthnFailed");
  g_assert_cmpstr (sb_saml_get_status_message (saml), ==, "The user is not assigned to this application.");
  g_assert_null (sb_saml_get_name_id (saml));
  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 0);
  g_assert_false (sb_saml_get_response_signed (saml));
  g_assert_false (sb_saml_get_assertion_signed (saml));
  g_assert_false (sb_saml_get_encrypted (saml));
}

static void
test_error_request_denied (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("error-requestdenied.b64");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://pingfed.agency.example");
  g_assert_cmpstr (sb_saml_get_destination (saml), ==,
                   "https://gov.anypoint.mulesoft.com/accounts/login/agency/providers/9c8b7a6d-5e4f-4321-8fed-cba987654321/receive-id");
  g_assert_cmpstr (sb_saml_get_in_response_to (saml), ==, "_a1b2c3d4e5f6a7b8c9d0");
  g_assert_false (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_status_code (saml), ==, STATUS_PREFIX "RequestDenied");
  g_assert_cmpstr (sb_saml_get_top_status_code (saml), ==, STATUS_PREFIX "Responder");
  g_assert_cmpstr (sb_saml_get_status_name (saml), ==, "RequestDenied");
  g_assert_null (sb_saml_get_status_message (saml));
}

static void
test_no_username (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("no-username.xml");

  /* Default namespaces everywhere, no prefixes at all. */
  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://sso.legacy.example/saml");
  g_assert_true (sb_saml_is_success (saml));
  g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "b7f3e0c2-91a4-4d5e-8f6a-0c1d2e3f4a5b");
  assert_audiences (saml, "urn:legacy:service-provider:crm", NULL);
  g_assert_cmpstr (sb_saml_get_authn_context (saml), ==, "urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos");
  g_assert_cmpuint (sb_saml_get_attributes (saml)->len, ==, 3);
  assert_attribute (saml, 0, "displayName", NULL, "Morgan Blake", NULL);
  assert_attribute (saml, 1, "department", NULL, "Finance", NULL);
  assert_attribute (saml, 2, "costCenter", NULL, "", NULL);
  g_assert_null (sb_saml_get_username (saml));
}

static void
test_unsigned (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("unsigned.xml");

  g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "https://idp.example.com/metadata");
  g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "taylor+qa@example.com");
  assert_attribute (saml, 0, "username", NULL, "taylor+qa@example.com", NULL);
  assert_attribute (saml, 1, "note", NULL, "a <b>bold</b> & odd value", NULL);
  g_assert_cmpstr (sb_saml_get_username (saml), ==, "taylor+qa@example.com");
  g_assert_false (sb_saml_get_response_signed (saml));
  g_assert_false (sb_saml_get_assertion_signed (saml));
  g_assert_false (sb_saml_get_encrypted (saml));
}

static SbSaml *
new_with_attributes (const char *attributes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_strdup_printf (
    "<saml2p:Response xmlns:saml2p='urn:oasis:names:tc:SAML:2.0:protocol'>"
    "<saml2p:Status><saml2p:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></saml2p:Status>"
    "<saml2:Assertion xmlns:saml2='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<saml2:AttributeStatement>%s</saml2:AttributeStatement>"
    "</saml2:Assertion></saml2p:Response>", attributes);
  SbSaml *saml = sb_saml_new (xml, strlen (xml), &error);

  g_assert_no_error (error);
  return saml;
}

static void
assert_username (const char *attributes,
                 const char *expected)
{
  g_autoptr(SbSaml) saml = new_with_attributes (attributes);

  g_assert_cmpstr (sb_saml_get_username (saml), ==, expected);
}

#define ATTR(name, value) \
  "<saml2:Attribute Name='" name "'><saml2:AttributeValue>" value "</saml2:AttributeValue></saml2:Attribute>"

static void
test_username (void)
{
  assert_username (ATTR ("UserName", "u1"), "u1");
  assert_username (ATTR ("EMAIL", "e@example.com"), "e@example.com");
  assert_username (ATTR ("mail", "m@example.com"), "m@example.com");
  assert_username (ATTR ("urn:oid:0.9.2342.19200300.100.1.3", "oid@example.com"), "oid@example.com");
  assert_username (ATTR ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "claim"), "claim");
  assert_username (ATTR ("HTTP://SCHEMAS.XMLSOAP.ORG/ws/2005/05/identity/claims/EmailAddress", "claim2"), "claim2");
  assert_username ("<saml2:Attribute Name='urn:oid:9.9.9' FriendlyName='Email'>"
                   "<saml2:AttributeValue>friendly@example.com</saml2:AttributeValue></saml2:Attribute>",
                   "friendly@example.com");
  /* Document order wins, and an empty value does not count. */
  assert_username (ATTR ("firstName", "Ann") ATTR ("email", "") ATTR ("username", "ann") ATTR ("mail", "a@x"), "ann");
  assert_username (ATTR ("name", "Display Name") ATTR ("givenname", "x") ATTR ("memberOf", "y"), NULL);
  assert_username ("", NULL);
}

static void
test_prefixes (void)
{
  static const char * const documents[] = {
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<saml:Issuer>issuer</saml:Issuer><samlp:Status><samlp:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></samlp:Status>"
    "<saml:Assertion><saml:Subject><saml:NameID>who</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>",

    "<saml2p:Response xmlns:saml2p='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:saml2='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<saml2:Issuer>issuer</saml2:Issuer><saml2p:Status><saml2p:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></saml2p:Status>"
    "<saml2:Assertion><saml2:Subject><saml2:NameID>who</saml2:NameID></saml2:Subject></saml2:Assertion></saml2p:Response>",

    "<Response xmlns='urn:oasis:names:tc:SAML:2.0:protocol'>"
    "<Issuer xmlns='urn:oasis:names:tc:SAML:2.0:assertion'>issuer</Issuer><Status><StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></Status>"
    "<Assertion xmlns='urn:oasis:names:tc:SAML:2.0:assertion'><Subject><NameID>who</NameID></Subject></Assertion></Response>",

    "<x:Response xmlns:x='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:y='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<y:Issuer>issuer</y:Issuer><x:Status><x:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></x:Status>"
    "<y:Assertion><y:Subject><y:NameID>who</y:NameID></y:Subject></y:Assertion></x:Response>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbSaml) saml = sb_saml_new (documents[i], strlen (documents[i]), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (sb_saml_get_issuer (saml), ==, "issuer");
      g_assert_cmpstr (sb_saml_get_name_id (saml), ==, "who");
      g_assert_true (sb_saml_is_success (saml));
    }
}

/* Elements with the right local names in the wrong namespaces are ignored. */
static void
test_wrong_namespaces (void)
{
  static const char xml[] =
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:saml='urn:example:not-saml' "
    "xmlns:ds='urn:example:not-dsig'>"
    "<saml:Issuer>fake</saml:Issuer><ds:Signature/>"
    "<samlp:Status><samlp:StatusCode Value='urn:oasis:names:tc:SAML:2.0:status:Success'/></samlp:Status>"
    "<saml:Assertion><saml:Subject><saml:NameID>fake</saml:NameID></saml:Subject></saml:Assertion>"
    "</samlp:Response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new (xml, strlen (xml), &error);

  g_assert_no_error (error);
  g_assert_null (sb_saml_get_issuer (saml));
  g_assert_null (sb_saml_get_name_id (saml));
  g_assert_false (sb_saml_get_response_signed (saml));
  g_assert_true (sb_saml_is_success (saml));
}

/* Decoding */

static void
assert_decodes_to (const char *input,
                   gsize       length,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = sb_saml_decode (input, length, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (xml, ==, expected);
}

static void
assert_decode_error (const char *input,
                     gsize       length,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = sb_saml_decode (input, length, &error);

  g_assert_error (error, SB_SAML_ERROR, code);
  g_assert_null (xml);
}

static void
test_decode_raw_xml (void)
{
  g_autofree char *xml = g_strstrip (read_fixture ("unsigned.xml", NULL));
  g_autofree char *padded = g_strdup_printf ("\xef\xbb\xbf \n\t%s\r\n\n", xml);
  g_autoptr(SbSaml) saml = NULL;
  g_autoptr(GError) error = NULL;

  assert_decodes_to (xml, strlen (xml), xml);
  assert_decodes_to (padded, strlen (padded), xml);
  assert_decodes_to (padded, (gsize) -1, xml);

  saml = sb_saml_new (padded, strlen (padded), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_saml_get_xml (saml), ==, xml);
}

static void
test_decode_base64 (void)
{
  g_autofree char *xml = g_strstrip (read_fixture ("unsigned.xml", NULL));
  g_autofree char *encoded = g_base64_encode ((const guchar *) xml, strlen (xml));
  GString *wrapped = g_string_new ("  \r\n");
  g_autofree char *wrapped_str = NULL;
  g_autofree char *from_file = NULL;
  gsize length = 0;

  assert_decodes_to (encoded, strlen (encoded), xml);

  /* Line breaks of every kind, spaces and tabs, as copied from a terminal or mail. */
  for (gsize i = 0; encoded[i] != '\0'; i++)
    {
      g_string_append_c (wrapped, encoded[i]);
      if (i % 76 == 75)
        g_string_append (wrapped, "\r\n");
      else if (i % 50 == 49)
        g_string_append (wrapped, "\n");
      else if (i % 33 == 32)
        g_string_append (wrapped, " \t");
    }
  g_string_append (wrapped, "\n\n");
  wrapped_str = g_string_free (wrapped, FALSE);
  assert_decodes_to (wrapped_str, strlen (wrapped_str), xml);

  /* The fixture wraps at 64 columns with CRLF. */
  from_file = read_fixture ("error-requestdenied.b64", &length);
  g_assert_nonnull (strstr (from_file, "\r\n"));
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *decoded = sb_saml_decode (from_file, length, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (decoded, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<samlp:Response"));
    g_assert_true (g_str_has_suffix (decoded, "</samlp:Response>"));
  }
}

static void
test_decode_url_encoded (void)
{
  g_autofree char *xml = g_strstrip (read_fixture ("unsigned.xml", NULL));
  g_autofree char *encoded = NULL;
  g_autofree char *escaped_xml = NULL;
  gsize length = 0;

  encoded = read_fixture ("unsigned-urlencoded.txt", &length);
  g_assert_nonnull (strstr (encoded, "%2B"));
  assert_decodes_to (encoded, length, xml);

  /* URL-encoded XML, too. */
  escaped_xml = g_uri_escape_string (xml, NULL, FALSE);
  g_assert_nonnull (strstr (escaped_xml, "%3C"));
  assert_decodes_to (escaped_xml, strlen (escaped_xml), xml);

  /* Broken escapes are refused. */
  assert_decode_error ("PHNhbWxw%2", 10, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("PHNhbWxw%ZZ", 11, SB_SAML_ERROR_NOT_BASE64);
}

static void
test_decode_empty (void)
{
  assert_decode_error ("", 0, SB_SAML_ERROR_EMPTY);
  assert_decode_error (NULL, 0, SB_SAML_ERROR_EMPTY);
  assert_decode_error (" \r\n\t ", 5, SB_SAML_ERROR_EMPTY);
  assert_decode_error ("\xef\xbb\xbf\n", 4, SB_SAML_ERROR_EMPTY);
  assert_decode_error ("%20%0A", 6, SB_SAML_ERROR_EMPTY);
}

static void
test_decode_too_large (void)
{
  gsize length = SB_SAML_MAX_INPUT + 4;
  g_autofree char *big = g_malloc (length + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = NULL;
  gint64 start = g_get_monotonic_time ();

  memset (big, 'A', length);
  big[length] = '\0';
  assert_decode_error (big, length, SB_SAML_ERROR_TOO_LARGE);

  saml = sb_saml_new (big, length, &error);
  g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE);
  g_assert_null (saml);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  /* Exactly the limit is fine as far as size goes. */
  big[SB_SAML_MAX_INPUT] = '\0';
  {
    g_autofree char *xml = NULL;
    g_autoptr(GError) error2 = NULL;

    xml = sb_saml_decode (big, SB_SAML_MAX_INPUT, &error2);
    g_assert_error (error2, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML);
  }
}

static void
test_decode_not_base64 (void)
{
  g_autofree char *text = read_fixture ("not-base64.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = sb_saml_decode (text, strlen (text), &error);

  g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_BASE64);
  g_assert_null (xml);
  g_assert_nonnull (strstr (error->message, "base64"));

  assert_fixture_error ("not-base64.txt", SB_SAML_ERROR_NOT_BASE64);
  /* A character outside the alphabet, that g_base64_decode() would skip. */
  assert_decode_error ("PHNh*bWxw", 9, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("PHNh-bWx", 8, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("PHNh_bWx", 8, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("PHNh\x01" "bWx", 8, SB_SAML_ERROR_NOT_BASE64);
  /* Lengths that are not a multiple of four: something is missing. */
  assert_decode_error ("PHNhbWxwOlJlc3BvbnN", 19, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("P", 1, SB_SAML_ERROR_NOT_BASE64);
  /* Padding in the middle, or too much of it. */
  assert_decode_error ("PHN=bWxw", 8, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("PH==PHNh", 8, SB_SAML_ERROR_NOT_BASE64);
  assert_decode_error ("P===", 4, SB_SAML_ERROR_NOT_BASE64);
}

static void
test_decode_not_xml (void)
{
  g_autofree char *nul = g_base64_encode ((const guchar *) "<a>\0</a>", 8);
  g_autofree char *text = g_base64_encode ((const guchar *) "hello, world", 12);

  assert_fixture_error ("not-xml.b64", SB_SAML_ERROR_NOT_XML);
  assert_decode_error (text, strlen (text), SB_SAML_ERROR_NOT_XML);
  assert_decode_error (nul, strlen (nul), SB_SAML_ERROR_NOT_XML);
  assert_decode_error ("<a>\0</a>", 8, SB_SAML_ERROR_NOT_XML);
  /* Decoding does not parse; reading does. */
  assert_decodes_to ("<not closed", 11, "<not closed");
  assert_fixture_error ("truncated.xml", SB_SAML_ERROR_NOT_XML);
}

/* Hostile input */

static char *
to_utf7 (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *converted = g_convert (text, -1, "UTF-7", "UTF-8", NULL, NULL, &error);

  g_assert_no_error (error);
  return converted;
}

static void
assert_refused_without (const char *input,
                        int         code,
                        const char *marker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new (input, strlen (input), &error);

  g_assert_null (saml);
  g_assert_error (error, SB_SAML_ERROR, code);
  g_assert_null (strstr (error->message, marker));
}

static void
test_xxe (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *internal = NULL;
  g_autofree char *external = NULL;
  g_autofree char *body = NULL;
  g_autofree char *utf7 = NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *decoded = NULL;
  int fd;

  assert_fixture_error ("xxe.xml", SB_SAML_ERROR_DTD);
  assert_fixture_error ("xxe.b64", SB_SAML_ERROR_DTD);

  /* A file with a unique marker that must never come out. */
  fd = g_file_open_tmp ("sb-xxe-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  marker = g_strdup_printf ("SB-XXE-MARKER-%08x%08x", g_random_int (), g_random_int ());
  g_file_set_contents (path, marker, -1, &error);
  g_assert_no_error (error);

  internal = g_strdup_printf (
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM 'file://%s'>]>\n"
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol' xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion'>"
    "<saml:Issuer>&xxe;</saml:Issuer></samlp:Response>", path);
  external = g_strdup_printf (
    "<!DOCTYPE samlp:Response SYSTEM 'file://%s'>"
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'/>", path);
  body = to_utf7 (strchr (internal, '\n'));
  utf7 = g_strconcat ("<?xml version='1.0' encoding='UTF-7'?>", body, NULL);
  g_assert_null (strstr (utf7, "<!DOCTYPE"));
  base64 = g_base64_encode ((const guchar *) internal, strlen (internal));

  assert_refused_without (internal, SB_SAML_ERROR_DTD, marker);
  assert_refused_without (external, SB_SAML_ERROR_DTD, marker);
  assert_refused_without (base64, SB_SAML_ERROR_DTD, marker);
  /* The parser itself refuses what the byte scan cannot see. */
  assert_refused_without (utf7, SB_SAML_ERROR_DTD, marker);

  /* Decoding alone hands back the text, never the file. */
  decoded = sb_saml_decode (base64, strlen (base64), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (decoded, ==, internal);
  g_assert_null (strstr (decoded, marker));

  g_unlink (path);
}

static void
test_doctype_utf7_fixture (void)
{
  g_autofree char *contents = read_fixture ("doctype-utf7.xml", NULL);

  g_assert_null (strstr (contents, "<!DOCTYPE"));
  assert_fixture_error ("doctype-utf7.xml", SB_SAML_ERROR_DTD);
}

static void
test_billion_laughs (void)
{
  g_autofree char *contents = read_fixture ("billion-laughs.xml", NULL);
  g_autofree char *base64 = g_base64_encode ((const guchar *) contents, strlen (contents));
  gint64 start = g_get_monotonic_time ();

  assert_fixture_error ("billion-laughs.xml", SB_SAML_ERROR_DTD);
  assert_refused_without (base64, SB_SAML_ERROR_DTD, "lollol");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
}

#define SAMLP_OPEN "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'"

/* A response built to make libxml2 slow is bounded before libxml2 reads it. */
static char *
new_hostile (const char *kind,
             guint       count)
{
  GString *xml = g_string_new (NULL);

  if (strcmp (kind, "attributes") == 0)
    {
      /* One element, very many attributes: minutes for libxml2 2.9. */
      g_string_append (xml, SAMLP_OPEN);
      for (guint i = 0; i < count; i++)
        g_string_append_printf (xml, " a%u=''", i);
      g_string_append (xml, "/>");
    }
  else if (strcmp (kind, "namespaces") == 0)
    {
      g_string_append (xml, SAMLP_OPEN);
      for (guint i = 0; i < count; i++)
        g_string_append_printf (xml, " xmlns:n%u='urn:x'", i);
      g_string_append (xml, "/>");
    }
  else if (strcmp (kind, "elements") == 0)
    {
      g_string_append (xml, SAMLP_OPEN ">");
      for (guint i = 0; i < count; i++)
        g_string_append (xml, "<a/>");
      g_string_append (xml, "</samlp:Response>");
    }
  else if (strcmp (kind, "total-attributes") == 0)
    {
      g_string_append (xml, SAMLP_OPEN ">");
      for (guint i = 0; i < count; i++)
        g_string_append (xml, "<a b='' c='' d='' e='' f='' g='' h='' i='' j='' k=''></a>");
      g_string_append (xml, "</samlp:Response>");
    }
  else if (strcmp (kind, "depth") == 0)
    {
      g_string_append (xml, SAMLP_OPEN ">");
      for (guint i = 0; i < count; i++)
        g_string_append (xml, "<a>");
      for (guint i = 0; i < count; i++)
        g_string_append (xml, "</a>");
      g_string_append (xml, "</samlp:Response>");
    }
  else
    g_assert_not_reached ();

  return g_string_free (xml, FALSE);
}

static void
assert_hostile_refused (const char *xml,
                        gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = NULL;
  gint64 start = g_get_monotonic_time ();

  saml = sb_saml_new (xml, len, &error);
  g_assert_null (saml);
  g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more elements or attributes"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_hostile_bounds (void)
{
  static const struct {
    const char *kind;
    guint       count;
  } hostile[] = {
    { "attributes", 200000 },
    { "attributes", 257 },
    { "namespaces", 20000 },
    { "elements", 200001 },
    { "total-attributes", 20001 },
    { "depth", 129 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *xml = new_hostile (hostile[i].kind, hostile[i].count);
      g_autofree char *base64 = g_base64_encode ((const guchar *) xml, strlen (xml));

      g_test_message ("%s x %u", hostile[i].kind, hostile[i].count);
      assert_hostile_refused (xml, strlen (xml));
      assert_hostile_refused (base64, strlen (base64));
    }

  /* Just within the bounds, it is read. */
  {
    static const struct {
      const char *kind;
      guint       count;
    } fine[] = {
      { "attributes", 255 },
      { "elements", 1000 },
      { "depth", 100 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
      {
        g_autofree char *xml = new_hostile (fine[i].kind, fine[i].count);
        g_autoptr(GError) error = NULL;
        g_autoptr(SbSaml) saml = sb_saml_new (xml, strlen (xml), &error);

        g_assert_no_error (error);
        g_assert_nonnull (saml);
      }
  }
}

/* UTF-7 can write "<" and "=" in other bytes: the bounds hold there too. */
static void
test_hostile_bounds_utf7 (void)
{
  g_autofree char *xml = new_hostile ("attributes", 200000);
  g_autofree char *body = to_utf7 (xml);
  g_autofree char *utf7 = g_strconcat ("<?xml version='1.0' encoding='UTF-7'?>", body, NULL);

  g_assert_null (strstr (utf7, " a1="));
  assert_hostile_refused (utf7, strlen (utf7));
}

static void
on_saml_new (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SbSaml *
new_async (const char  *input,
           gsize        length,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_saml_new_async (input, length, NULL, on_saml_new, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sb_saml_new_finish (result, error);
}

/* Read on a worker thread: the caller's main loop keeps running. */
static void
test_new_async (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *hostile = new_hostile ("attributes", 200000);
  g_autoptr(SbSaml) saml = NULL;
  g_autoptr(SbSaml) refused = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  contents = read_fixture ("okta-signed.xml", &length);
  saml = new_async (contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saml);
  g_assert_cmpstr (sb_saml_get_destination (saml), ==, OKTA_ACS);

  refused = new_async (hostile, -1, &error);
  g_assert_null (refused);
  g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_TOO_LARGE);
}

static void
test_not_response (void)
{
  static const char * const documents[] = {
    "<saml:Assertion xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion'/>",
    "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:1.0:protocol'/>",
    "<samlp:Response xmlns:samlp='urn:example:evil'/>",
    "<Response/>",
    "<samlp:LogoutResponse xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'/>",
    "<html><body><form><input name='SAMLResponse'/></form></body></html>",
  };

  assert_fixture_error ("not-response.xml", SB_SAML_ERROR_NOT_RESPONSE);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbSaml) saml = sb_saml_new (documents[i], strlen (documents[i]), &error);

      g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_RESPONSE);
      g_assert_null (saml);
    }
}

/* libxml2 must not print anything, whatever it is fed. */
static void
test_silent (void)
{
  if (g_test_subprocess ())
    {
      static const char * const inputs[] = {
        "truncated.xml", "xxe.xml", "doctype-utf7.xml", "not-response.xml", "okta-signed.xml",
      };
      static const char * const documents[] = {
        "<a><b></a>",
        "<a>&undefined;</a>",
        "<?xml version='1.0' encoding='no-such-encoding'?><a/>",
        "<a xmlns:p='not a uri'><p:b/></a>",
        "<a>\xff\xfe</a>",
        "<a/><b/>",
      };

      for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
        {
          g_autofree char *contents = NULL;
          g_autoptr(SbSaml) saml = NULL;
          gsize length = 0;

          contents = read_fixture (inputs[i], &length);
          saml = sb_saml_new (contents, length, NULL);
          if (saml != NULL)
            g_free (sb_saml_dup_pretty_xml (saml));
        }

      for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(SbSaml) saml = sb_saml_new (documents[i], strlen (documents[i]), &error);

          g_assert_null (saml);
          g_assert_nonnull (error);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("?*");
  g_test_trap_assert_stdout_unmatched ("?*");
}

static void
test_not_well_formed_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new ("<a>\n<b></a>", 11, &error);

  g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

/* libxml2 follows some messages with a piece of the document, cut in the
 * middle of a character: the user is told the first line only, in UTF-8
 * (found by fuzz-saml). */
static void
test_not_well_formed_no_content (void)
{
  static const char xml[] = "<a><!--secret-part Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©"
                            "Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©"
                            "Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©"
                            "Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©Ã©</a>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) saml = sb_saml_new (xml, sizeof xml - 1, &error);

  g_assert_error (error, SB_SAML_ERROR, SB_SAML_ERROR_NOT_XML);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, "secret-part"));
  g_assert_nonnull (strstr (error->message, "Comment not terminated"));
}

/* Pretty XML */

static void
test_pretty_xml (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("adfs.xml");
  g_autofree char *pretty = sb_saml_dup_pretty_xml (saml);
  g_autofree char *again = sb_saml_dup_pretty_xml (saml);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbSaml) reparsed = NULL;
  guint lines = 0;

  g_assert_null (strchr (sb_saml_get_xml (saml), '\n'));
  g_assert_nonnull (pretty);
  g_assert_cmpstr (pretty, ==, again);

  for (const char *p = pretty; (p = strchr (p, '\n')) != NULL; p++)
    lines++;
  g_assert_cmpuint (lines, >, 40);

  g_assert_true (g_str_has_prefix (pretty, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<samlp:Response "));
  g_assert_nonnull (strstr (pretty, "\n  <Issuer xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                                    "http://adfs.fabrikam.example/adfs/services/trust</Issuer>\n"));
  g_assert_nonnull (strstr (pretty, "\n        <AttributeValue>MuleSoft Developers</AttributeValue>\n"));

  reparsed = sb_saml_new (pretty, strlen (pretty), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_saml_get_name_id (reparsed), ==, "FABRIKAM\\pat.kim");
}

/* Checks */

static void
test_check_clean (void)
{
  g_autoptr(SbSaml) okta = load_fixture ("okta-signed.xml");
  g_autoptr(SbSaml) entra = load_fixture ("entra.b64");
  g_autoptr(SbSaml) adfs = load_fixture ("adfs.xml");
  g_autofree char *a = check_kinds (okta, "https://anypoint.mulesoft.com", "2024-03-14T09:27:00Z");
  g_autofree char *b = check_kinds (okta, NULL, "2024-03-14T09:27:00Z");
  g_autofree char *c = check_kinds (entra, "https://eu1.anypoint.mulesoft.com/", "2024-03-14T09:27:00Z");
  g_autofree char *d = check_kinds (adfs, "https://anypoint.mulesoft.com", "2024-03-14T09:27:00Z");

  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
}

static void
test_check_expired (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T10:00:00Z");
  g_autoptr(GDateTime) edge = utc ("2024-03-14T09:31:40.512Z");
  g_autoptr(GDateTime) before_edge = utc ("2024-03-14T09:31:40.511Z");
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, "https://anypoint.mulesoft.com", now);
  g_autoptr(GPtrArray) at_edge = sb_saml_check (saml, "https://anypoint.mulesoft.com", edge);
  g_autoptr(GPtrArray) just_before = sb_saml_check (saml, "https://anypoint.mulesoft.com", before_edge);
  SbSamlWarning *warning;

  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, SB_SAML_WARNING_EXPIRED);
  g_assert_nonnull (strstr (warning->explanation, "clock"));
  g_assert_nonnull (strstr (warning->explanation, "2024-03-14 09:31:40 UTC"));
  g_assert_nonnull (strstr (warning->explanation, "28 min ago"));

  /* NotOnOrAfter means what it says. */
  g_assert_nonnull (find_warning (at_edge, SB_SAML_WARNING_EXPIRED));
  g_assert_null (find_warning (just_before, SB_SAML_WARNING_EXPIRED));
}

static void
test_check_entra_confirmation_expiry (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("entra.b64");
  g_autofree char *kinds = check_kinds (saml, "https://eu1.anypoint.mulesoft.com", "2024-03-14T09:40:00Z");

  /* The conditions run to 10:26, but the bearer confirmation ended at 09:31. */
  g_assert_cmpstr (kinds, ==, "expired");
}

static void
test_check_not_yet_valid (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:11:40Z");
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, NULL, now);
  g_autofree char *at_start = check_kinds (saml, NULL, "2024-03-14T09:21:40.512Z");
  g_autofree char *text = sb_saml_to_text (saml, now);
  SbSamlWarning *warning;

  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, SB_SAML_WARNING_NOT_YET_VALID);
  g_assert_nonnull (strstr (warning->explanation, "clock"));
  g_assert_nonnull (strstr (warning->explanation, "10 min"));
  g_assert_cmpstr (at_start, ==, "");
  g_assert_nonnull (strstr (text, "\nValid from:              2024-03-14 09:21:40 UTC (starts in 10 min)\n"));
  g_assert_nonnull (strstr (text, "\n  - The assertion is not valid yet: "));
}

static void
test_check_audience (void)
{
  g_autoptr(SbSaml) okta = load_fixture ("okta-signed.xml");
  g_autoptr(SbSaml) entra = load_fixture ("entra.b64");
  g_autoptr(SbSaml) keycloak = load_fixture ("keycloak.xml");
  g_autoptr(SbSaml) encrypted = load_fixture ("encrypted.xml");
  g_autoptr(SbSaml) legacy = load_fixture ("no-username.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autoptr(GPtrArray) warnings = NULL;
  SbSamlWarning *warning;
  struct {
    SbSaml     *saml;
    const char *platform_url;
    gboolean    warns;
  } cases[] = {
    { okta, "https://anypoint.mulesoft.com", FALSE },
    { okta, "https://ANYPOINT.mulesoft.com:443/", FALSE },
    { okta, "https://eu1.anypoint.mulesoft.com", TRUE },
    { okta, "http://127.0.0.1:8080", TRUE },
    { okta, NULL, FALSE },
    { okta, "not a url", FALSE },
    { entra, "https://eu1.anypoint.mulesoft.com", FALSE },
    /* “eu1.anypoint.mulesoft.com” contains the US host, but names another. */
    { entra, "https://anypoint.mulesoft.com", TRUE },
    { keycloak, "https://anypoint.mulesoft.com", FALSE },
    { keycloak, "https://gov.anypoint.mulesoft.com", TRUE },
    /* Nothing to check without audiences. */
    { encrypted, "https://gov.anypoint.mulesoft.com", FALSE },
    { legacy, "https://anypoint.mulesoft.com", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) result = sb_saml_check (cases[i].saml, cases[i].platform_url, now);

      g_assert_cmpint (find_warning (result, SB_SAML_WARNING_AUDIENCE) != NULL, ==, cases[i].warns);
    }

  warnings = sb_saml_check (legacy, "https://eu1.anypoint.mulesoft.com", now);
  warning = find_warning (warnings, SB_SAML_WARNING_AUDIENCE);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning->explanation, "urn:legacy:service-provider:crm"));
  g_assert_nonnull (strstr (warning->explanation, "eu1.anypoint.mulesoft.com"));
}

static void
test_check_no_username (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("no-username.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, NULL, now);
  g_autofree char *kinds = check_kinds (saml, "https://anypoint.mulesoft.com", "2024-03-14T09:27:00Z");
  SbSamlWarning *warning;

  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, SB_SAML_WARNING_NO_USERNAME);
  g_assert_nonnull (strstr (warning->explanation, "the platform needs them mapped"));
  g_assert_cmpstr (kinds, ==, "audience,no-username");
}

static void
test_check_encrypted (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("encrypted.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, "https://anypoint.mulesoft.com", now);
  SbSamlWarning *warning;

  /* No username warning: the attributes are there, just unreadable. */
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, SB_SAML_WARNING_ENCRYPTED);
  g_assert_nonnull (strstr (warning->explanation, "still be exchanged"));
}

static void
test_check_sp_initiated (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("sp-initiated.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, "https://anypoint.mulesoft.com", now);
  SbSamlWarning *warning;

  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, SB_SAML_WARNING_SP_INITIATED);
  g_assert_nonnull (strstr (warning->explanation, "IdP-initiated SSO URL"));
}

static void
test_check_status (void)
{
  g_autoptr(SbSaml) failed = load_fixture ("error-authnfailed.xml");
  g_autoptr(SbSaml) denied = load_fixture ("error-requestdenied.b64");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autoptr(GPtrArray) failed_warnings = sb_saml_check (failed, "https://anypoint.mulesoft.com", now);
  g_autofree char *denied_kinds = check_kinds (denied, "https://gov.anypoint.mulesoft.com", "2024-03-14T09:27:00Z");
  g_autoptr(GPtrArray) denied_warnings = sb_saml_check (denied, NULL, now);
  SbSamlWarning *warning;

  /* No assertion: no username or audience warnings on top. */
  g_assert_cmpuint (failed_warnings->len, ==, 1);
  warning = g_ptr_array_index (failed_warnings, 0);
  g_assert_cmpint (warning->kind, ==, SB_SAML_WARNING_STATUS);
  g_assert_nonnull (strstr (warning->explanation, "AuthnFailed"));
  g_assert_nonnull (strstr (warning->explanation, "The user is not assigned to this application."));
  g_assert_null (strstr (warning->explanation, "urn:oasis"));

  g_assert_cmpstr (denied_kinds, ==, "status,sp-initiated");
  warning = find_warning (denied_warnings, SB_SAML_WARNING_STATUS);
  g_assert_nonnull (strstr (warning->explanation, "RequestDenied"));
}

static void
test_check_now_default (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");
  g_autoptr(GPtrArray) warnings = sb_saml_check (saml, NULL, NULL);

  /* The fixture is from 2024, so it has expired by now. */
  g_assert_nonnull (find_warning (warnings, SB_SAML_WARNING_EXPIRED));
}

/* Text and JSON */

static void
test_text_okta (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autofree char *text = sb_saml_to_text (saml, now);

  g_assert_cmpstr (text, ==,
    "Issuer:                  http://www.okta.com/exk1fakeokta0000h7\n"
    "Destination:             " OKTA_ACS "\n"
    "Issue instant:           2024-03-14 09:26:40 UTC\n"
    "Status:                  Success\n"
    "Subject:                 jane.doe@example.com\n"
    "Subject format:          urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\n"
    "Audience:                https://anypoint.mulesoft.com/accounts/login/acme\n"
    "Valid from:              2024-03-14 09:21:40 UTC\n"
    "Valid until:             2024-03-14 09:31:40 UTC (valid for another 4 min)\n"
    "Authentication context:  urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport\n"
    "Response signed:         yes\n"
    "Assertion signed:        yes\n"
    "Encrypted:               no\n"
    "\n"
    "Attributes:\n"
    "  firstName:  Jane\n"
    "  lastName:   Doe\n"
    "  email:      jane.doe@example.com\n"
    "  groups:     Everyone\n"
    "              Anypoint Admins\n"
    "              Developers\n");
}

static void
test_text_expired (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("keycloak.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T11:00:00Z");
  g_autofree char *text = sb_saml_to_text (saml, now);

  g_assert_nonnull (strstr (text, "\nValid until:             2024-03-14 09:27:38 UTC (expired 92 min ago)\n"));
  g_assert_nonnull (strstr (text, "\nAudiences:               https://anypoint.mulesoft.com/accounts/login/example-org\n"
                                  "                         anypoint.mulesoft.com\n"));
  g_assert_nonnull (strstr (text, "\n  urn:oid:1.2.840.113549.1.9.1 (email):  sam.lee@example.org\n"));
  g_assert_nonnull (strstr (text, "\n  Role:                                  anypoint-admin\n"));
  g_assert_nonnull (strstr (text, "\nWarnings:\n  - The assertion has expired: "));
  g_assert_nonnull (strstr (text, "Response signed:         yes\n"));
  g_assert_nonnull (strstr (text, "Assertion signed:        no\n"));
  g_assert_null (strstr (text, "In response to"));
}

static void
test_text_error (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("error-authnfailed.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autofree char *text = sb_saml_to_text (saml, now);

  g_assert_cmpstr (text, ==,
    "Issuer:           http://www.okta.com/exk1fakeokta0000h7\n"
    "Destination:      " OKTA_ACS "\n"
    "Issue instant:    2024-03-14 09:26:40 UTC\n"
    "Status:           Responder / AuthnFailed\n"
    "Status message:   The user is not assigned to this application.\n"
    "Response signed:  no\n"
    "Encrypted:        no\n"
    "\n"
    "Warnings:\n"
    "  - The identity provider reported an error: The identity provider answered “AuthnFailed” instead of "
    "signing you in. Sign in again, or ask your identity provider’s administrator. "
    "Its message: “The user is not assigned to this application.”\n");
}

static void
test_text_sp_initiated_and_encrypted (void)
{
  g_autoptr(SbSaml) sp = load_fixture ("sp-initiated.xml");
  g_autoptr(SbSaml) encrypted = load_fixture ("encrypted.xml");
  g_autoptr(GDateTime) now = utc ("2024-03-14T09:27:00Z");
  g_autofree char *sp_text = sb_saml_to_text (sp, now);
  g_autofree char *encrypted_text = sb_saml_to_text (encrypted, now);

  g_assert_nonnull (strstr (sp_text, "\nIn response to:          ONELOGIN_4fee3b046395c4e751011e97f8900b5273d56685\n"));
  g_assert_nonnull (strstr (sp_text, "\n  urn:oid:1.3.6.1.4.1.5923.1.1.1.1 (eduPersonAffiliation):  member\n"));
  g_assert_nonnull (strstr (sp_text, "\nWarnings:\n  - The sign-in was started by the platform: "));

  g_assert_nonnull (strstr (encrypted_text, "\nEncrypted:        yes\n"));
  g_assert_null (strstr (encrypted_text, "Assertion signed"));
  g_assert_null (strstr (encrypted_text, "Attributes"));
  g_assert_nonnull (strstr (encrypted_text, "\n  - The assertion is encrypted: "));
}

/* Values from the document cannot drive the terminal: XML 1.0 allows the C1
 * controls, and U+009B is a control sequence introducer.
 */
static void
test_text_control_characters (void)
{
  g_autoptr(SbSaml) saml = new_with_attributes (ATTR ("note", "a&#155;2J&#133;b&#10;c&#9;d"));
  g_autofree char *text = sb_saml_to_text (saml, NULL);
  GPtrArray *attributes = sb_saml_get_attributes (saml);
  SbSamlAttribute *attribute = g_ptr_array_index (attributes, 0);

  g_assert_cmpstr (attribute->values[0], ==, "a\xc2\x9b" "2J\xc2\x85" "b\nc\td");
  g_assert_null (strstr (text, "\xc2\x9b"));
  g_assert_null (strstr (text, "\xc2\x85"));
  g_assert_nonnull (strstr (text, "\n  note:  a\xef\xbf\xbd" "2J\xef\xbf\xbd" "b c d\n"));
}

static JsonObject *
to_json_object (SbSaml     *saml,
                const char *now_iso,
                JsonNode  **out_node)
{
  g_autoptr(GDateTime) now = utc (now_iso);
  g_autoptr(JsonNode) node = sb_saml_to_json (saml, now);
  g_autofree char *serialized = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  /* Round-trip through text, as --format=json prints it. */
  serialized = json_to_string (node, TRUE);
  json_parser_load_from_data (parser, serialized, -1, &error);
  g_assert_no_error (error);
  *out_node = json_node_copy (json_parser_get_root (parser));

  return json_node_get_object (*out_node);
}

static void
assert_json_null (JsonObject *object,
                  const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_true (json_object_get_null_member (object, member));
}

static void
test_json_okta (void)
{
  g_autoptr(SbSaml) saml = load_fixture ("okta-signed.xml");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = to_json_object (saml, "2024-03-14T10:00:00Z", &node);
  JsonArray *audiences;
  JsonArray *attributes;
  JsonArray *values;
  JsonArray *warnings;
  JsonObject *groups;
  JsonObject *warning;

  g_assert_cmpstr (json_object_get_string_member (object, "issuer"), ==, "http://www.okta.com/exk1fakeokta0000h7");
  g_assert_cmpstr (json_object_get_string_member (object, "destination"), ==, OKTA_ACS);
  g_assert_cmpstr (json_object_get_string_member (object, "issue_instant"), ==, "2024-03-14T09:26:40Z");
  assert_json_null (object, "in_response_to");
  g_assert_cmpstr (json_object_get_string_member (object, "status_code"), ==, STATUS_PREFIX "Success");
  assert_json_null (object, "status_message");
  g_assert_cmpstr (json_object_get_string_member (object, "name_id"), ==, "jane.doe@example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "name_id_format"), ==,
                   "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  g_assert_cmpstr (json_object_get_string_member (object, "not_before"), ==, "2024-03-14T09:21:40Z");
  g_assert_cmpstr (json_object_get_string_member (object, "not_on_or_after"), ==, "2024-03-14T09:31:40Z");
  g_assert_cmpstr (json_object_get_string_member (object, "authn_context"), ==,
                   "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
  g_assert_true (json_object_get_boolean_member (object, "response_signed"));
  g_assert_true (json_object_get_boolean_member (object, "assertion_signed"));
  g_assert_false (json_object_get_boolean_member (object, "encrypted"));

  audiences = json_object_get_array_member (object, "audiences");
  g_assert_cmpuint (json_array_get_length (audiences), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (audiences, 0), ==, "https://anypoint.mulesoft.com/accounts/login/acme");

  attributes = json_object_get_array_member (object, "attributes");
  g_assert_cmpuint (json_array_get_length (attributes), ==, 4);
  groups = json_array_get_object_element (attributes, 3);
  g_assert_cmpstr (json_object_get_string_member (groups, "name"), ==, "groups");
  assert_json_null (groups, "friendly_name");
  values = json_object_get_array_member (groups, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (values, 0), ==, "Everyone");
  g_assert_cmpstr (json_array_get_string_element (values, 1), ==, "Anypoint Admins");
  g_assert_cmpstr (json_array_get_string_element (values, 2), ==, "Developers");

  warnings = json_object_get_array_member (object, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  warning = json_array_get_object_element (warnings, 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "kind"), ==, "expired");
  g_assert_cmpstr (json_object_get_string_member (warning, "title"), ==, "The assertion has expired");
  g_assert_nonnull (strstr (json_object_get_string_member (warning, "explanation"), "clock"));
}

static void
test_json_absent (void)
{
  g_autoptr(SbSaml) encrypted = load_fixture ("encrypted.xml");
  g_autoptr(SbSaml) failed = load_fixture ("error-authnfailed.xml");
  g_autoptr(SbSaml) keycloak = load_fixture ("keycloak.xml");
  g_autoptr(JsonNode) encrypted_node = NULL;
  g_autoptr(JsonNode) failed_node = NULL;
  g_autoptr(JsonNode) keycloak_node = NULL;
  JsonObject *object;
  JsonObject *email;
  static const char * const absent[] = {
    "in_response_to", "status_message", "name_id", "name_id_format",
    "not_before", "not_on_or_after", "authn_context", "assertion_signed",
  };

  object = to_json_object (encrypted, "2024-03-14T09:27:00Z", &encrypted_node);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    assert_json_null (object, absent[i]);
  g_assert_true (json_object_get_boolean_member (object, "encrypted"));
  g_assert_true (json_object_get_boolean_member (object, "response_signed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "audiences")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "attributes")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (object, "warnings"), 0), "kind"), ==, "encrypted");

  object = to_json_object (failed, "2024-03-14T09:27:00Z", &failed_node);
  g_assert_cmpstr (json_object_get_string_member (object, "status_code"), ==, STATUS_PREFIX "AuthnFailed");
  g_assert_cmpstr (json_object_get_string_member (object, "status_message"), ==,
                   "The user is not assigned to this application.");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (object, "warnings"), 0), "kind"), ==, "status");

  object = to_json_object (keycloak, "2024-03-14T09:27:00Z", &keycloak_node);
  email = json_array_get_object_element (json_object_get_array_member (object, "attributes"), 0);
  g_assert_cmpstr (json_object_get_string_member (email, "friendly_name"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (email, "name"), ==, "urn:oid:1.2.840.113549.1.9.1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "audiences")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "warnings")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saml/fixture/okta", test_okta);
  g_test_add_func ("/saml/fixture/entra", test_entra);
  g_test_add_func ("/saml/fixture/adfs", test_adfs);
  g_test_add_func ("/saml/fixture/keycloak", test_keycloak);
  g_test_add_func ("/saml/fixture/encrypted", test_encrypted);
  g_test_add_func ("/saml/fixture/sp-initiated", test_sp_initiated);
  g_test_add_func ("/saml/fixture/in-response-to-from-subject", test_in_response_to_from_subject);
  g_test_add_func ("/saml/fixture/error-authn-failed", test_error_authn_failed);
  g_test_add_func ("/saml/fixture/error-request-denied", test_error_request_denied);
  g_test_add_func ("/saml/fixture/no-username", test_no_username);
  g_test_add_func ("/saml/fixture/unsigned", test_unsigned);
  g_test_add_func ("/saml/username", test_username);
  g_test_add_func ("/saml/prefixes", test_prefixes);
  g_test_add_func ("/saml/wrong-namespaces", test_wrong_namespaces);

  g_test_add_func ("/saml/decode/raw-xml", test_decode_raw_xml);
  g_test_add_func ("/saml/decode/base64", test_decode_base64);
  g_test_add_func ("/saml/decode/url-encoded", test_decode_url_encoded);
  g_test_add_func ("/saml/decode/empty", test_decode_empty);
  g_test_add_func ("/saml/decode/too-large", test_decode_too_large);
  g_test_add_func ("/saml/decode/not-base64", test_decode_not_base64);
  g_test_add_func ("/saml/decode/not-xml", test_decode_not_xml);

  g_test_add_func ("/saml/hostile/xxe", test_xxe);
  g_test_add_func ("/saml/hostile/doctype-utf7", test_doctype_utf7_fixture);
  g_test_add_func ("/saml/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/saml/hostile/bounds", test_hostile_bounds);
  g_test_add_func ("/saml/hostile/bounds-utf7", test_hostile_bounds_utf7);
  g_test_add_func ("/saml/new-async", test_new_async);
  g_test_add_func ("/saml/hostile/not-response", test_not_response);
  g_test_add_func ("/saml/hostile/silent", test_silent);
  g_test_add_func ("/saml/hostile/not-well-formed-message", test_not_well_formed_message);
  g_test_add_func ("/saml/hostile/not-well-formed-no-content", test_not_well_formed_no_content);

  g_test_add_func ("/saml/pretty-xml", test_pretty_xml);

  g_test_add_func ("/saml/check/clean", test_check_clean);
  g_test_add_func ("/saml/check/expired", test_check_expired);
  g_test_add_func ("/saml/check/confirmation-expiry", test_check_entra_confirmation_expiry);
  g_test_add_func ("/saml/check/not-yet-valid", test_check_not_yet_valid);
  g_test_add_func ("/saml/check/audience", test_check_audience);
  g_test_add_func ("/saml/check/no-username", test_check_no_username);
  g_test_add_func ("/saml/check/encrypted", test_check_encrypted);
  g_test_add_func ("/saml/check/sp-initiated", test_check_sp_initiated);
  g_test_add_func ("/saml/check/status", test_check_status);
  g_test_add_func ("/saml/check/now-default", test_check_now_default);

  g_test_add_func ("/saml/text/okta", test_text_okta);
  g_test_add_func ("/saml/text/expired", test_text_expired);
  g_test_add_func ("/saml/text/error", test_text_error);
  g_test_add_func ("/saml/text/sp-initiated-and-encrypted", test_text_sp_initiated_and_encrypted);
  g_test_add_func ("/saml/text/control-characters", test_text_control_characters);
  g_test_add_func ("/saml/json/okta", test_json_okta);
  g_test_add_func ("/saml/json/absent", test_json_absent);

  return g_test_run ();
}
