#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  sb_secret_wipe (void *data, gsize len);
void  sb_secret_free (char *secret);
char *sb_secret_dup  (const char *secret);
void  sb_secret_strfreev (char **strv);

gboolean sb_secret_protect_process (void);

typedef char SbSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSecret, sb_secret_free)

G_END_DECLS
