#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One mock server (IdP and platform) and a HOME of its own, per test. */
typedef struct {
  GSubprocess *mock;
  JsonObject  *urls;
  char        *home;
} SbE2eFixture;

void                 sb_e2e_set_up                   (SbE2eFixture        *f,
                                                      gconstpointer        data);
void                 sb_e2e_tear_down                (SbE2eFixture        *f,
                                                      gconstpointer        data);
const char          *sb_e2e_url                      (SbE2eFixture        *f,
                                                      const char          *name);
JsonObject          *sb_e2e_stats                    (SbE2eFixture        *f);
char                *sb_e2e_fetch                    (SbE2eFixture        *f,
                                                      const char          *path);
GSubprocessLauncher *sb_e2e_launcher                 (SbE2eFixture        *f);
void                 sb_e2e_write_profiles           (SbE2eFixture        *f);
void                 sb_e2e_wait_for_milestone       (GDataInputStream    *err,
                                                      const char          *milestone,
                                                      GString             *seen);
int                  sb_e2e_run_to_end               (GSubprocess         *app,
                                                      char               **out,
                                                      char               **err);
int                  sb_e2e_run_with                 (GSubprocessLauncher *spawner,
                                                      const char * const  *argv,
                                                      char               **out,
                                                      char               **err);
void                 sb_e2e_unset_display            (GSubprocessLauncher *spawner);
void                 sb_e2e_assert_one_line          (const char          *err);
char                *sb_e2e_sha256                   (const char          *text);
void                 sb_e2e_xdotool                  (const char          *args);
void                 sb_e2e_close_window_by_keyboard (void);
void                 sb_e2e_sign_in_as_a_person      (void);

G_END_DECLS
