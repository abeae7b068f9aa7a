#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SB_CAPTURE_ERROR (sb_capture_error_quark ())

typedef enum {
  SB_CAPTURE_ERROR_WRONG_PLATFORM,
  SB_CAPTURE_ERROR_INSECURE,
  SB_CAPTURE_ERROR_NOT_ACS,
  SB_CAPTURE_ERROR_EMPTY,
} SbCaptureError;

#define SB_TYPE_CAPTURE (sb_capture_get_type ())

G_DECLARE_FINAL_TYPE (SbCapture, sb_capture, SB, CAPTURE, GObject)

GQuark      sb_capture_error_quark         (void);
SbCapture  *sb_capture_new                 (const char  *acs_url,
                                            const char  *saml_response,
                                            const char  *relay_state);
const char *sb_capture_get_acs_url         (SbCapture   *self);
const char *sb_capture_get_saml_response   (SbCapture   *self);
const char *sb_capture_get_relay_state     (SbCapture   *self);
gboolean    sb_capture_check_platform      (SbCapture   *self,
                                            const char  *platform_url,
                                            GError     **error);
gboolean    sb_capture_url_is_acs          (const char  *url);
char       *sb_capture_dup_canonical_acs   (const char  *url);
gboolean    sb_capture_url_carries_response (const char *url);
gboolean    sb_capture_url_equal           (const char  *a,
                                            const char  *b);
gboolean    sb_capture_url_matches_target  (const char  *url,
                                            const char  *target);
char       *sb_capture_normalize_response  (const char  *saml_response);

G_END_DECLS
