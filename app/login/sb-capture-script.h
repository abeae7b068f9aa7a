#pragma once

#include <webkit/webkit.h>

#include "sb-capture.h"

G_BEGIN_DECLS

#define SB_TYPE_CAPTURE_SCRIPT (sb_capture_script_get_type ())

G_DECLARE_FINAL_TYPE (SbCaptureScript, sb_capture_script, SB, CAPTURE_SCRIPT, GObject)

SbCaptureScript          *sb_capture_script_new                 (void);
WebKitUserContentManager *sb_capture_script_get_content_manager (SbCaptureScript *self);
void                      sb_capture_script_post_stopped        (SbCaptureScript *self,
                                                                 const char      *url);
void                      sb_capture_script_reset               (SbCaptureScript *self);

G_END_DECLS
