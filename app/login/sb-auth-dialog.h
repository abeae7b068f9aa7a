#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

#define SB_TYPE_AUTH_DIALOG (sb_auth_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbAuthDialog, sb_auth_dialog, SB, AUTH_DIALOG, AdwMessageDialog)

SbAuthDialog *sb_auth_dialog_new     (WebKitAuthenticationRequest *request,
                                      GtkWindow                   *parent);
void          sb_auth_dialog_cancel  (SbAuthDialog                *self);
gboolean      sb_auth_dialog_answer  (SbAuthDialog                *self,
                                      const char                  *username,
                                      const char                  *password);

G_END_DECLS
