#pragma once

#include "sb-window.h"
#include "sb-error-page.h"
#include "sb-login-view.h"
#include "sb-page-title.h"
#include "sb-result-page.h"
#include "sb-setup-page.h"
#include "sb-sign-in.h"
#include "sb-working-page.h"

G_BEGIN_DECLS

/* The pages of the window's stack, in the order of a sign-in. */
typedef enum {
  SB_WINDOW_PAGE_SETUP,
  SB_WINDOW_PAGE_SIGN_IN,
  SB_WINDOW_PAGE_WORKING,
  SB_WINDOW_PAGE_RESULT,
  SB_WINDOW_PAGE_ERROR,
} SbWindowPage;

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *back_button;
  GtkWidget            *reload_button;
  GtkStack             *title_stack;
  AdwWindowTitle       *window_title;
  SbPageTitle          *page_title;
  GtkMenuButton        *profile_button;
  GMenu                *profile_section;
  GtkStack             *stack;
  SbSetupPage          *setup_page;
  SbLoginView          *login_view;
  SbWorkingPage        *working_page;
  SbResultPage         *result_page;
  SbErrorPage          *error_page;

  GSettings            *settings;
  SbProfile            *profile;
  SbSignIn             *sign_in;
  GCancellable         *cancellable;
  SbDelivery            delivery;
  guint                 timeout;
  char                 *proxy_url;
  guint                 working_id;
  AdwToast             *toast;
  gint64                toast_shown_at;
  gboolean              name_suggested;
  guint                 focus_login_id;

  /* How the window's sign-ins use the keyring, and whether the window waits out of
   * sight until the IdP needs the person. */
  gboolean              silent;
  gboolean              fresh;
  gboolean              keep_tokens;
  guint                 min_valid;
  gboolean              min_valid_set;

  /* sb-window-renewal.c: the token's renewal before it expires, or the warning. */
  SbSignIn             *renewal;
  guint                 renewal_tick_id;
  guint                 needs_person_id;
  gboolean              renewal_failed;
  char                 *warned_id;
};

void          _sb_window_class_actions_init (SbWindowClass *klass);
void          _sb_window_actions_update     (SbWindow      *self);
SbWindowPage  _sb_window_get_page           (SbWindow      *self);
void          _sb_window_show_setup         (SbWindow      *self);
void          _sb_window_start_sign_in      (SbWindow      *self,
                                             gboolean       fresh);
SbSignIn     *_sb_window_new_sign_in        (SbWindow      *self,
                                             gboolean       fresh);
void          _sb_window_adopt_sign_in      (SbWindow      *self,
                                             SbSignIn      *sign_in);
void          _sb_window_drop_sign_in       (SbWindow      *self);
void          _sb_window_refresh_profile    (SbWindow      *self);
SbToken      *_sb_window_get_token          (SbWindow      *self);
SbCapture    *_sb_window_get_capture        (SbWindow      *self);
void          _sb_window_show_toast         (SbWindow      *self,
                                             const char    *text);
void          _sb_window_copy_secret        (SbWindow      *self,
                                             const char    *text,
                                             gboolean       is_token);
/* sb-window-renewal.c */
void          _sb_window_renewal_follow     (SbWindow      *self);
void          _sb_window_renewal_stop       (SbWindow      *self);
void          _sb_window_renewal_withdraw   (SbWindow      *self);
gboolean      _sb_window_renewal_needs_person (SbWindow    *self);
void          _sb_window_add_app_actions    (GtkApplication *application);

G_END_DECLS
