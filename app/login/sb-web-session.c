#define G_LOG_DOMAIN "sb-web-session"

#include "config.h"

#include "sb-web-session.h"

/* The network session of the sign-in pages: an ephemeral one, or for a profile that
 * remembers its sign-in one that keeps cookies and site data in the profile's folders. */
struct _SbWebSession
{
  GObject               parent_instance;

  WebKitNetworkSession *session;
  char                 *profile_id;
  char                 *proxy_url;
};

G_DEFINE_FINAL_TYPE (SbWebSession, sb_web_session, G_TYPE_OBJECT)

enum {
  DOWNLOAD_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_download_started (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     SbWebSession         *self)
{
  webkit_download_cancel (download);
  g_signal_emit (self, signals[DOWNLOAD_REFUSED], 0);
}

/* NULL uses the desktop's proxy settings, "direct://" none. WebKit's own list of hosts
 * that bypass a custom proxy is empty unless given, so loopback goes through it too. */
static void
apply_proxy (SbWebSession *self)
{
  g_autoptr(WebKitNetworkProxySettings) settings = NULL;

  if (self->session == NULL)
    return;

  if (self->proxy_url == NULL)
    {
      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_DEFAULT, NULL);
      return;
    }

  if (g_str_equal (self->proxy_url, "direct://"))
    {
      webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_NO_PROXY, NULL);
      return;
    }

  settings = webkit_network_proxy_settings_new (self->proxy_url, NULL);
  webkit_network_session_set_proxy_settings (self->session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, settings);
}

static void
clear_session (SbWebSession *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

static WebKitNetworkSession *
network_session_new (SbProfile *profile)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *cookies = NULL;
  WebKitNetworkSession *session;

  if (!sb_profile_get_remember (profile))
    return webkit_network_session_new_ephemeral ();

  data_dir = sb_profile_dup_data_dir (profile);
  cache_dir = sb_profile_dup_cache_dir (profile);
  cookies = g_build_filename (data_dir, "cookies.sqlite", NULL);

  session = webkit_network_session_new (data_dir, cache_dir);
  webkit_cookie_manager_set_persistent_storage (webkit_network_session_get_cookie_manager (session),
                                                cookies, WEBKIT_COOKIE_PERSISTENT_STORAGE_SQLITE);

  return session;
}

static void
sb_web_session_dispose (GObject *object)
{
  SbWebSession *self = SB_WEB_SESSION (object);

  clear_session (self);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->proxy_url, g_free);

  G_OBJECT_CLASS (sb_web_session_parent_class)->dispose (object);
}

static void
sb_web_session_class_init (SbWebSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_web_session_dispose;

  /* A page started a download, and it was cancelled: a sign-in has no use for files. */
  signals[DOWNLOAD_REFUSED] =
    g_signal_new ("download-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_web_session_init (SbWebSession *self)
{
}

SbWebSession *
sb_web_session_new (void)
{
  return g_object_new (SB_TYPE_WEB_SESSION, NULL);
}

/* Keeps the network session when it is already @profile's, and otherwise replaces it
 * with a new one: TRUE then, when what was allowed in the old one is gone. */
gboolean
sb_web_session_set_profile (SbWebSession *self,
                            SbProfile    *profile)
{
  g_return_val_if_fail (SB_IS_WEB_SESSION (self), FALSE);
  g_return_val_if_fail (SB_IS_PROFILE (profile), FALSE);

  if (self->session != NULL &&
      g_strcmp0 (self->profile_id, sb_profile_get_id (profile)) == 0 &&
      webkit_network_session_is_ephemeral (self->session) == !sb_profile_get_remember (profile))
    {
      apply_proxy (self);
      return FALSE;
    }

  clear_session (self);
  g_free (self->profile_id);
  self->profile_id = g_strdup (sb_profile_get_id (profile));

  self->session = network_session_new (profile);
  g_signal_connect_object (self->session, "download-started", G_CALLBACK (on_download_started), self, 0);
  apply_proxy (self);

  return TRUE;
}

/* The session of the profile last given to sb_web_session_set_profile(), or NULL. */
WebKitNetworkSession *
sb_web_session_get_network_session (SbWebSession *self)
{
  g_return_val_if_fail (SB_IS_WEB_SESSION (self), NULL);

  return self->session;
}

/* The proxy: NULL or "" follows the desktop's settings, "direct://" uses none. */
void
sb_web_session_set_proxy (SbWebSession *self,
                          const char   *proxy_url)
{
  g_return_if_fail (SB_IS_WEB_SESSION (self));

  if (proxy_url != NULL && *proxy_url == '\0')
    proxy_url = NULL;

  g_free (self->proxy_url);
  self->proxy_url = g_strdup (proxy_url);
  apply_proxy (self);
}
