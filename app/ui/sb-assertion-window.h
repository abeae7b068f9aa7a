#pragma once

#include <adwaita.h>

#include "sb-saml.h"

G_BEGIN_DECLS

#define SB_TYPE_ASSERTION_WINDOW (sb_assertion_window_get_type ())

G_DECLARE_FINAL_TYPE (SbAssertionWindow, sb_assertion_window, SB, ASSERTION_WINDOW, AdwWindow)

GtkWindow     *sb_assertion_window_new            (GtkWindow         *parent,
                                                   SbSaml            *saml,
                                                   const char        *platform_url);
GtkTextBuffer *sb_assertion_window_get_xml_buffer (SbAssertionWindow *self);

G_END_DECLS
