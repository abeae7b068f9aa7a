#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sb_trace_init (void);
void sb_trace      (const char *milestone);

G_END_DECLS
