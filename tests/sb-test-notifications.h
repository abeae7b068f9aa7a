#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GDBusConnection *bus;
  guint            owner_id;
  guint            object_id;
  gboolean         owned;
  guint            next_id;
  /* The last notification shown (0: none yet), what it said and its actions
   * (key, label, key, label…); the last one closed. */
  guint            shown_id;
  char            *summary;
  char            *body;
  GStrv            actions;
  guint            closed_id;
} SbTestNotifications;

void     sb_test_notifications_start     (SbTestNotifications *n);
void     sb_test_notifications_stop      (SbTestNotifications *n);
gboolean sb_test_notifications_is_closed (gpointer             n);
void     sb_test_notifications_click     (SbTestNotifications *n,
                                          const char          *label);

G_END_DECLS
