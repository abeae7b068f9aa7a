#pragma once

#include "sb-login-view.h"

G_BEGIN_DECLS

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
