#define G_LOG_DOMAIN "sb-secret"

#include "config.h"

#include "sb-secret.h"

#include <string.h>

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
