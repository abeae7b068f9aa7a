#define G_LOG_DOMAIN "sb-secret"

#include "config.h"

#include "sb-secret.h"

#include <errno.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

void
sb_secret_wipe (void   *data,
                gsize   len)
{
  if (data != NULL && len > 0)
    explicit_bzero (data, len);
}

void
sb_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  sb_secret_wipe (secret, strlen (secret));
  g_free (secret);
}

char *
sb_secret_dup (const char *secret)
{
  return g_strdup (secret);
}

/* Frees a string array one of whose strings holds a secret (an environment with the token). */
void
sb_secret_strfreev (char **strv)
{
  if (strv == NULL)
    return;

  for (char **p = strv; *p != NULL; p++)
    sb_secret_free (*p);
  g_free (strv);
}

/* Keeps the tokens and assertions this process holds out of core dumps and
 * away from debuggers of the same user: the process is made not dumpable.
 * Call once at start-up. Returns whether it is (always FALSE off Linux).
 */
gboolean
sb_secret_protect_process (void)
{
#ifdef __linux__
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    {
      g_debug ("Could not make the process non-dumpable: %s", g_strerror (errno));
      return FALSE;
    }

  return prctl (PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
#else
  return FALSE;
#endif
}
