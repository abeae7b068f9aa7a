/* Shared set-up for the libFuzzer targets. */
#pragma once

#include <stddef.h>
#include <stdint.h>
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

/* Splits an input into @n_fields strings at its NUL bytes; missing fields
 * are empty and what follows the last one is ignored.
 */
static inline char **
fuzz_split (const uint8_t *data,
            size_t         size,
            unsigned int   n_fields)
{
  char **fields = g_new0 (char *, n_fields + 1);
  size_t start = 0;

  for (unsigned int i = 0; i < n_fields; i++)
    {
      size_t end = start;

      while (end < size && data[end] != '\0')
        end++;
      fields[i] = g_strndup ((const char *) data + start, end - start);
      start = end < size ? end + 1 : size;
    }

  return fields;
}

/* Whether every string of @strv is valid UTF-8: only then must the
 * messages made from them be.
 */
static inline gboolean
fuzz_all_utf8 (char **strv)
{
  for (char **p = strv; *p != NULL; p++)
    if (!g_utf8_validate (*p, -1, NULL))
      return FALSE;

  return TRUE;
}
