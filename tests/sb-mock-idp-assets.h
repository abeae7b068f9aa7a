#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

gboolean  sb_mock_idp_serve_asset           (SoupServerMessage *message,
                                             const char        *path);
void      sb_mock_idp_add_page_headers      (SoupServerMessage *message);
GString  *sb_mock_idp_realistic_page_begin  (const char        *title);
void      sb_mock_idp_append_realistic_page (GString           *html,
                                             const char        *escaped_query,
                                             gboolean           failed);

G_END_DECLS
