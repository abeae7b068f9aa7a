#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_MOCK_USERNAME "ada.lovelace"
#define SB_MOCK_PASSWORD "analytical-engine"

/* The user's root organization and the two business groups below it, as /accounts/api/me lists them. */
#define SB_MOCK_ORG_ID              "2c8d4f6e-1a3b-4c5d-8e7f-9a0b1c2d3e4f"
#define SB_MOCK_DESIGN_GROUP_ID     "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
#define SB_MOCK_PRODUCTION_GROUP_ID "9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a"

#define SB_TYPE_MOCK (sb_mock_get_type ())

G_DECLARE_FINAL_TYPE (SbMock, sb_mock, SB, MOCK, GObject)

SbMock     *sb_mock_new                   (GError     **error);
SbMock     *sb_mock_new_with_ports        (guint        idp_port,
                                           guint        platform_port,
                                           GError     **error);
char       *sb_mock_dup_sso_url           (SbMock      *self,
                                           const char  *query);
const char *sb_mock_get_idp_url           (SbMock      *self);
const char *sb_mock_get_platform_url      (SbMock      *self);
const char *sb_mock_get_other_platform_url (SbMock     *self);
guint       sb_mock_get_exchange_count    (SbMock      *self);
guint       sb_mock_get_browser_post_count (SbMock     *self);
guint       sb_mock_get_page_request_count (SbMock     *self);
guint       sb_mock_get_me_count          (SbMock      *self);
guint       sb_mock_get_replay_count      (SbMock      *self);
guint       sb_mock_get_token_count       (SbMock      *self);
guint       sb_mock_get_federated_count   (SbMock      *self);
char       *sb_mock_dup_last_token_hash   (SbMock      *self);
char       *sb_mock_dup_last_user_agent   (SbMock      *self);
char       *sb_mock_dup_stats_json        (SbMock      *self);
void        sb_mock_revoke_tokens         (SbMock      *self);
char       *sb_mock_dup_saml_response     (SbMock      *self,
                                           const char  *query,
                                           char       **acs_url);

G_END_DECLS
