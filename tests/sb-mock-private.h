#pragma once

#include <libsoup/soup.h>

#include "sb-mock.h"

G_BEGIN_DECLS

#define SAMLP_NS       "urn:oasis:names:tc:SAML:2.0:protocol"
#define STATUS_PREFIX  "urn:oasis:names:tc:SAML:2.0:status:"

typedef enum {
  SB_MOCK_RESPONSE_ISSUED,
  SB_MOCK_RESPONSE_USED,
} SbMockResponseState;

/* What only the IdP (sb-mock-idp.c) keeps. */
typedef struct
{
  GHashTable *sessions;
  char       *last_user_agent;
  guint       federated_posts;
  guint       session_sign_ins;
} SbMockIdp;

/* What only the platform (sb-mock-platform.c) keeps. */
typedef struct
{
  /* The tokens it issued, to answer /accounts/api/me. */
  GHashTable *tokens;
  /* Answers held back by the "slow" mode. */
  GPtrArray  *slow;
  guint       exchanges;
  guint       browser_posts;
  guint       page_requests;
  guint       me_requests;
  guint       replays;
  guint       tokens_issued;
  char       *last_token_hash;
} SbMockPlatform;

struct _SbMock
{
  GObject         parent_instance;

  guint           idp_port;
  guint           platform_port;

  SoupServer     *idp_server;
  SoupServer     *platform_server;
  SoupServer     *other_server;
  char           *idp_url;
  char           *platform_url;
  char           *other_url;

  /* Response ID → SbMockResponseState, for every Response the IdP issued:
   * what the platform takes for a valid signature, and spends. */
  GHashTable     *responses;
  char           *last_response;

  SbMockIdp       idp;
  SbMockPlatform  platform;
};

/* sb-mock.c: the pages both serve. */
void        sb_mock_append_escaped        (GString           *out,
                                           const char        *text);
GString    *sb_mock_page_begin            (const char        *title,
                                           const char        *body_attributes);
void        sb_mock_serve_html            (SoupServerMessage *message,
                                           guint              status,
                                           GString           *html);
GHashTable *sb_mock_decode_form           (SoupServerMessage *message);

/* sb-mock-idp.c */
void        sb_mock_idp_init              (SbMockIdp         *idp);
void        sb_mock_idp_clear             (SbMockIdp         *idp);
void        sb_mock_idp_handle            (SoupServer        *server,
                                           SoupServerMessage *message,
                                           const char        *path,
                                           GHashTable        *query,
                                           gpointer           user_data);
char       *sb_mock_idp_dup_saml_response (SbMock            *self,
                                           const char        *query,
                                           char             **acs_url);

/* sb-mock-platform.c */
void        sb_mock_platform_init         (SbMockPlatform    *platform);
void        sb_mock_platform_clear        (SbMockPlatform    *platform);
void        sb_mock_platform_handle       (SoupServer        *server,
                                           SoupServerMessage *message,
                                           const char        *path,
                                           GHashTable        *query,
                                           gpointer           user_data);

G_END_DECLS
