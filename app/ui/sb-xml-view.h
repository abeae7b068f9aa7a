#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_XML_VIEW (sb_xml_view_get_type ())

G_DECLARE_FINAL_TYPE (SbXmlView, sb_xml_view, SB, XML_VIEW, AdwBin)

GtkTextBuffer *sb_xml_view_get_buffer      (SbXmlView  *self);
void           sb_xml_view_set_text        (SbXmlView  *self,
                                            const char *text);
gboolean       sb_xml_view_get_search_mode (SbXmlView  *self);
void           sb_xml_view_set_search_mode (SbXmlView  *self,
                                            gboolean    search_mode);
void           sb_xml_view_search          (SbXmlView  *self);
void           sb_xml_view_find_next       (SbXmlView  *self);
void           sb_xml_view_find_previous   (SbXmlView  *self);

G_END_DECLS
