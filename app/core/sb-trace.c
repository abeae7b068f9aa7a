#define G_LOG_DOMAIN "sb-trace"

#include "config.h"

#include "sb-trace.h"

#include <stdio.h>

static gboolean enabled;

void
sb_trace_init (void)
{
  enabled = g_strcmp0 (g_getenv ("SAML_BEARER_TRACE"), "1") == 0;
  sb_trace ("process-start");
}

/* One line per milestone with a monotonic timestamp, for build-aux/bench. Never pass a secret. */
void
sb_trace (const char *milestone)
{
  if (!enabled)
    return;

  fprintf (stderr, "saml-bearer-trace: %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (), milestone);
  fflush (stderr);
}
