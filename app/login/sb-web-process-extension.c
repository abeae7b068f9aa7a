#define G_LOG_DOMAIN "sb-web-process-extension"

#include "config.h"

#include <webkit/webkit-web-process-extension.h>

#include "sb-guard.h"

/* Loaded into every web process of the sign-in pages. Below the navigation policy of
 * the view, which sees only navigations, it refuses every request a page makes to a
 * guarded address: subresources, fetch, XMLHttpRequest, frames, popups, redirects. */

static SbGuard *guard;

G_MODULE_EXPORT void webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                                             const GVariant            *user_data);

static gboolean
on_send_request (WebKitWebPage     *page,
                 WebKitURIRequest  *request,
                 WebKitURIResponse *redirected_response,
                 gpointer           user_data)
{
  const char *uri = webkit_uri_request_get_uri (request);

  if (!sb_guard_blocks (guard, uri))
    return FALSE;

  /* The address may carry the assertion: tell the view, log nothing of it. */
  webkit_web_page_send_message_to_view (page,
                                        webkit_user_message_new ("request-refused",
                                                                 g_variant_new ("(s)", webkit_uri_request_get_http_method (request) ?: "GET")),
                                        NULL, NULL, NULL);
  return TRUE;
}

static void
on_page_created (WebKitWebProcessExtension *extension,
                 WebKitWebPage             *page,
                 gpointer                   user_data)
{
  g_signal_connect (page, "send-request", G_CALLBACK (on_send_request), NULL);
}

/* @user_data is the guard of every sign-in running when this process started
 * (sb_guard_to_variant()); without it, the known control planes and sign-in
 * addresses are still refused. */
G_MODULE_EXPORT void
webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                        const GVariant            *user_data)
{
  guard = sb_guard_new_from_variant ((GVariant *) user_data);
  g_signal_connect (extension, "page-created", G_CALLBACK (on_page_created), NULL);
}
