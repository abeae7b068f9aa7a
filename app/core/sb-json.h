#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *sb_json_object_get_string         (JsonObject  *object,
                                               const char  *member);
JsonObject *sb_json_object_get_object         (JsonObject  *object,
                                               const char  *member);
void        sb_json_builder_add_string_member (JsonBuilder *builder,
                                               const char  *member,
                                               const char  *value);
gboolean    sb_json_is_blank                  (const char  *str);
gboolean    sb_json_depth_is_within           (const char  *data,
                                               gsize        len,
                                               guint        max_depth);

G_END_DECLS
