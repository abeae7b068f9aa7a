#pragma once

#include "sb-login-view.h"
#include "sb-auth-dialog.h"
#include "sb-capture-script.h"
#include "sb-client-certificate-manager.h"
#include "sb-input-watch.h"
#include "sb-popups.h"
#include "sb-request-blocker.h"
#include "sb-tls-trust.h"
#include "sb-web-session.h"

#include <webkit/webkit.h>

G_BEGIN_DECLS

struct _SbLoginView
{
  GtkWidget                   parent_instance;

  GtkOverlay                 *overlay;
  GtkProgressBar             *progress_bar;
  GtkRevealer                *notice_revealer;
  GtkLabel                   *notice_label;
  GtkButton                  *notice_close_button;

  SbProfile                  *profile;
  SbWebSession               *session;
  WebKitSettings             *settings;
  WebKitWebView              *web_view;

  /* The capture scripts, the trust in the profile's CA file, the windows pages open,
   * the HTTP authentication being asked for and the client certificate questions. */
  SbCaptureScript            *script;
  SbRequestBlocker           *blocker;
  SbTlsTrust                 *trust;
  SbPopups                   *popups;
  SbAuthDialog               *auth_dialog;
  SbClientCertificateManager *certificates;
  SbInputWatch               *input_watch;

  char                       *host;
  char                       *notice;

  /* The main frame's last web address, and what WebKit said of a load it dropped;
   * whether a page was shown since the start, and whether the load under way has
   * been answered for (reported, recovered, or stopped by the view itself). */
  char                       *web_uri;
  char                       *dropped_reason;
  guint                       dead_end_id;
  gboolean                    shown;
  gboolean                    load_answered;
  SbSecurity                  security;
  double                      progress;
  gboolean                    loading;
  gboolean                    can_go_back;
  gboolean                    page_loaded;
  gboolean                    needs_person;
};

/* sb-login-view.c */
void         _sb_login_view_fail         (SbLoginView *self,
                                          GError      *error);
void         _sb_login_view_set_host_and_security (SbLoginView *self,
                                                   const char  *uri,
                                                   SbSecurity   security);

/* sb-login-view-loads.c */
void         _sb_login_view_on_load_changed (WebKitWebView   *web_view,
                                             WebKitLoadEvent  event,
                                             SbLoginView     *self);
gboolean     _sb_login_view_on_load_failed (WebKitWebView   *web_view,
                                            WebKitLoadEvent  event,
                                            const char      *failing_uri,
                                            GError          *error,
                                            SbLoginView     *self);
gboolean     _sb_login_view_on_load_failed_with_tls_errors (WebKitWebView        *web_view,
                                                            const char           *failing_uri,
                                                            GTlsCertificate      *certificate,
                                                            GTlsCertificateFlags  errors,
                                                            SbLoginView          *self);
void         _sb_login_view_on_web_process_terminated (WebKitWebView                     *web_view,
                                                       WebKitWebProcessTerminationReason  reason,
                                                       SbLoginView                       *self);
void         _sb_login_view_judge_when_idle (SbLoginView *self);

/* For the tests: answer the dialogs the page opened as a person would, and end the web process. */
gboolean     sb_login_view_answer_authentication (SbLoginView *self,
                                                  const char  *username,
                                                  const char  *password);
void         sb_login_view_answer_certificate (SbLoginView *self,
                                               const char  *certificate,
                                               const char  *key,
                                               const char  *password,
                                               gboolean     remember);
gboolean     sb_login_view_get_certificate_pending (SbLoginView *self);
void         sb_login_view_crash         (SbLoginView *self);

G_END_DECLS
