/* What the login view makes of its loads: a page shown, a load that failed or was
 * dropped, a web address WebKit refused before any request, a web process that ended. */
#define G_LOG_DOMAIN "sb-login-view"

#include "config.h"

#include "sb-login-view-private.h"
#include "sb-capture-script.h"
#include "sb-page-source.h"
#include "sb-request-blocker.h"
#include "sb-tls-trust.h"
#include "sb-trace.h"
#include "sb-url.h"

#include <glib/gi18n.h>

#define DEAD_END_DELAY_MS 500

static gboolean
is_web_address (const char *uri)
{
  g_autofree char *scheme = uri != NULL ? g_uri_parse_scheme (uri) : NULL;

  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

void
_sb_login_view_on_load_changed (WebKitWebView   *web_view,
                                WebKitLoadEvent  event,
                                SbLoginView     *self)
{
  const char *uri = webkit_web_view_get_uri (web_view);

  if (event == WEBKIT_LOAD_STARTED)
    {
      self->load_answered = FALSE;
      g_clear_pointer (&self->dropped_reason, g_free);
    }

  if ((event == WEBKIT_LOAD_STARTED || event == WEBKIT_LOAD_REDIRECTED) && is_web_address (uri))
    {
      g_free (self->web_uri);
      self->web_uri = g_strdup (uri);
    }

  /* A new page: what the old one reported is stale. */
  if (event == WEBKIT_LOAD_COMMITTED)
    {
      _sb_login_view_set_host_and_security (self, uri, sb_tls_trust_get_security (self->trust, web_view));
      sb_capture_script_reset (self->script);
      /* WebKit shows a blank page for an address it refused to request. */
      if (g_strcmp0 (uri, "about:blank") != 0)
        self->shown = TRUE;
    }

  if (event == WEBKIT_LOAD_FINISHED && self->shown && !self->page_loaded)
    {
      self->page_loaded = TRUE;
      sb_trace ("idp-page-loaded");
      sb_page_source_emit_page_loaded (SB_PAGE_SOURCE (self));
    }
}

/* Names the sign-in page's host and why it did not open: a redirect may lead to no
 * web address at all, and its address may carry what the page meant for an app. */
static GError *
new_load_error (SbLoginView  *self,
                const char   *uri,
                const GError *error)
{
  g_autofree char *scheme = uri != NULL ? g_uri_parse_scheme (uri) : NULL;
  const char *page = self->web_uri != NULL ? self->web_uri : sb_profile_get_idp_url (self->profile);
  g_autofree char *host = sb_url_display_host (is_web_address (uri) ? uri : page);
  g_autoptr(GUri) parsed = is_web_address (uri) ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  int port = parsed != NULL ? g_uri_get_port (parsed) : -1;

  if (scheme != NULL && !is_web_address (uri) && g_strcmp0 (scheme, "about") != 0)
    return g_error_new (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD,
                        _("Could not open the sign-in page at %s: it sent you on to a “%s:” address, which SAML Bearer does not open."),
                        host, scheme);

  /* A port WebKit refuses is refused before any request, with no error of its own. */
  if (port != -1 && (error == NULL || g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_CANNOT_USE_RESTRICTED_PORT)))
    return g_error_new (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD,
                        _("Could not open the sign-in page at %s: web browsers do not connect to port %d. Check the sign-in address."),
                        host, port);

  if (error != NULL)
    return g_error_new (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD,
                        _("Could not open the sign-in page at %s: %s"), host, error->message);

  return g_error_new (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD,
                      _("Could not open the sign-in page at %s: nothing was shown. Check the sign-in address."), host);
}

/* The view stopped loading and shows nothing, and no failure said why: a load
 * WebKit refused before any request (it shows about:blank instead), or one it dropped. */
static gboolean
check_dead_end_cb (gpointer user_data)
{
  SbLoginView *self = user_data;
  g_autoptr(GError) failure = NULL;
  const char *uri;

  self->dead_end_id = 0;

  if (self->web_view == NULL || webkit_web_view_is_loading (self->web_view) || self->shown || self->load_answered)
    return G_SOURCE_REMOVE;

  uri = self->web_uri != NULL ? self->web_uri : sb_profile_get_idp_url (self->profile);
  if (sb_request_blocker_blocks (self->blocker, uri))
    return G_SOURCE_REMOVE;

  if (self->dropped_reason != NULL)
    {
      g_autoptr(GError) dropped = g_error_new_literal (WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED,
                                                       self->dropped_reason);
      failure = new_load_error (self, uri, dropped);
    }
  else
    failure = new_load_error (self, uri, NULL);

  self->load_answered = TRUE;
  _sb_login_view_fail (self, failure);

  return G_SOURCE_REMOVE;
}

gboolean
_sb_login_view_on_load_failed (WebKitWebView   *web_view,
                               WebKitLoadEvent  event,
                               const char      *failing_uri,
                               GError          *error,
                               SbLoginView     *self)
{
  g_autoptr(GError) failure = NULL;

  /* A load replaced by another, or stopped by the view itself (a capture, a download),
   * fails so too: check_dead_end_cb() tells them apart once the view is idle. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    {
      if (!self->shown)
        {
          g_free (self->dropped_reason);
          self->dropped_reason = g_strdup (error->message);
        }
      return FALSE;
    }

  self->load_answered = TRUE;
  failure = new_load_error (self, failing_uri, error);
  _sb_login_view_fail (self, failure);

  return TRUE;
}

gboolean
_sb_login_view_on_load_failed_with_tls_errors (WebKitWebView        *web_view,
                                               const char           *failing_uri,
                                               GTlsCertificate      *certificate,
                                               GTlsCertificateFlags  errors,
                                               SbLoginView          *self)
{
  g_autoptr(GError) failure = NULL;

  self->load_answered = TRUE;
  if (!sb_tls_trust_recover (self->trust, web_view, failing_uri, certificate, errors, &failure))
    _sb_login_view_fail (self, failure);

  return TRUE;
}

void
_sb_login_view_on_web_process_terminated (WebKitWebView                     *web_view,
                                          WebKitWebProcessTerminationReason  reason,
                                          SbLoginView                       *self)
{
  g_autoptr(GError) failure = NULL;

  if (reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT)
    failure = g_error_new_literal (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_CRASHED,
                                   _("The sign-in page used too much memory and was stopped."));
  else
    failure = g_error_new_literal (SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_CRASHED,
                                   _("The sign-in page stopped working."));
  _sb_login_view_fail (self, failure);
}

/* WebKit reports a failure after the load stopped, and a certificate failure or a
 * load started again in its place can come a moment later: judge once they had time. */
void
_sb_login_view_judge_when_idle (SbLoginView *self)
{
  if (!self->shown && self->dead_end_id == 0)
    self->dead_end_id = g_timeout_add (DEAD_END_DELAY_MS, check_dead_end_cb, self);
}
