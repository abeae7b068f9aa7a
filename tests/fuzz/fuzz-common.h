/* Shared set-up for the libFuzzer targets. */
#pragma once

#include <stdlib.h>
#include <glib.h>

/* Called once by libFuzzer before the first input. */
static inline void
fuzz_setup (void)
{
  /* Plain malloc for GSlice (GLib 2.74), so AddressSanitizer sees every
   * object; fixed locale and time zone so runs repeat.
   */
  g_setenv ("G_SLICE", "always-malloc", FALSE);
  g_setenv ("TZ", "UTC", FALSE);
  g_setenv ("LC_ALL", "C.UTF-8", FALSE);

  /* A critical is a broken precondition in our code: make it a crash the
   * fuzzer reports. Warnings too, as the tests run with fatal-warnings.
   */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}
