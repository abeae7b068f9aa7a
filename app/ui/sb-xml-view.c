#define G_LOG_DOMAIN "sb-xml-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-xml-view.h"

typedef struct {
  int start;
  int end;
} Match;

/* The indented XML of a response, read-only, with a search bar that highlights every match. */
struct _SbXmlView
{
  AdwBin          parent_instance;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel       *match_label;
  GtkTextView    *text_view;
  GtkTextBuffer  *buffer;

  GtkTextTag     *match_tag;
  GtkTextTag     *current_tag;
  GtkTextMark    *current_mark;
  GArray         *matches;
  int             current_match;
};

G_DEFINE_FINAL_TYPE (SbXmlView, sb_xml_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_match_label (SbXmlView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *label = NULL;

  if (*text == '\0')
    label = g_strdup ("");
  else if (self->matches->len == 0)
    label = g_strdup (_("No matches"));
  else
    /* Translators: the match shown, of all the matches, as in “2 of 5”. */
    label = g_strdup_printf (_("%d of %u"), self->current_match + 1, self->matches->len);

  gtk_label_set_text (self->match_label, label);

  if (*text != '\0' && self->matches->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
get_match_iters (SbXmlView   *self,
                 int          index,
                 GtkTextIter *start,
                 GtkTextIter *end)
{
  Match *match = &g_array_index (self->matches, Match, index);

  gtk_text_buffer_get_iter_at_offset (self->buffer, start, match->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, match->end);
}

static void
select_match (SbXmlView *self,
              int        index)
{
  GtkTextIter start, end;

  if (self->current_match >= 0)
    {
      get_match_iters (self, self->current_match, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
    }

  self->current_match = index;

  if (index >= 0)
    {
      get_match_iters (self, index, &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
      gtk_text_buffer_move_mark (self->buffer, self->current_mark, &start);
      gtk_text_view_scroll_to_mark (self->text_view, self->current_mark, 0.25, FALSE, 0.0, 0.0);
    }

  update_match_label (self);
}

static void
clear_matches (SbXmlView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
}

static void
search_changed_cb (SbXmlView      *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  int from = 0;
  int first = -1;
  GtkTextIter iter, match_start, match_end;

  /* The search goes on from the match shown, as the user types more. */
  if (self->current_match >= 0)
    from = g_array_index (self->matches, Match, self->current_match).start;

  clear_matches (self);

  if (*text != '\0')
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      while (gtk_text_iter_forward_search (&iter, text,
                                           GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &match_start, &match_end, NULL))
        {
          Match match = { gtk_text_iter_get_offset (&match_start), gtk_text_iter_get_offset (&match_end) };

          gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &match_start, &match_end);
          if (first < 0 && match.start >= from)
            first = self->matches->len;
          g_array_append_val (self->matches, match);
          iter = match_end;
        }
    }

  if (first < 0 && self->matches->len > 0)
    first = 0;

  select_match (self, first);
}

static void
move_match (SbXmlView *self,
            int        step)
{
  int count = self->matches->len;

  if (count == 0)
    return;

  select_match (self, ((self->current_match + step) % count + count) % count);
}

static void
search_activate_cb (SbXmlView      *self,
                    GtkSearchEntry *entry)
{
  move_match (self, 1);
}

static void
search_next_cb (SbXmlView      *self,
                GtkSearchEntry *entry)
{
  move_match (self, 1);
}

static void
search_previous_cb (SbXmlView      *self,
                    GtkSearchEntry *entry)
{
  move_match (self, -1);
}

static void
search_mode_cb (SbXmlView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      search_changed_cb (self, self->search_entry);
    }
  else
    {
      clear_matches (self);
      update_match_label (self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
        gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_match (SB_XML_VIEW (widget), g_str_equal (action_name, "xml.find-next") ? 1 : -1);
}

static void
sb_xml_view_dispose (GObject *object)
{
  SbXmlView *self = (SbXmlView *)object;

  /* The buffer holds a single-use assertion: empty it while we can. */
  if (self->buffer != NULL)
    gtk_text_buffer_set_text (self->buffer, "", 0);

  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);

  /* The child is AdwBin's: let it go before the template would unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_XML_VIEW);

  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (sb_xml_view_parent_class)->dispose (object);
}

static void
sb_xml_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbXmlView *self = SB_XML_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, sb_xml_view_get_search_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_xml_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbXmlView *self = SB_XML_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      sb_xml_view_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_xml_view_class_init (SbXmlViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_xml_view_dispose;
  object_class->get_property = sb_xml_view_get_property;
  object_class->set_property = sb_xml_view_set_property;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sb-xml-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbXmlView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SbXmlView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbXmlView, match_label);
  gtk_widget_class_bind_template_child (widget_class, SbXmlView, text_view);
  gtk_widget_class_bind_template_child (widget_class, SbXmlView, buffer);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);

  gtk_widget_class_install_action (widget_class, "xml.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "xml.find-previous", NULL, find_action);

  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_xml_view_init (SbXmlView *self)
{
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
  self->current_match = -1;

  self->match_tag = gtk_text_buffer_create_tag (self->buffer, "search-match",
                                                "background", "#f8e45c",
                                                "foreground", "#000000",
                                                NULL);
  self->current_tag = gtk_text_buffer_create_tag (self->buffer, "search-current",
                                                  "background", "#ffa348",
                                                  "foreground", "#000000",
                                                  NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->current_mark = gtk_text_buffer_create_mark (self->buffer, "search-current", &start, TRUE);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
}

/**
 * sb_xml_view_get_buffer:
 *
 * Returns: (transfer none): the buffer holding the XML
 */
GtkTextBuffer *
sb_xml_view_get_buffer (SbXmlView *self)
{
  g_return_val_if_fail (SB_IS_XML_VIEW (self), NULL);

  return self->buffer;
}

/**
 * sb_xml_view_set_text:
 * @text: the indented XML
 *
 * Shows @text from its start.
 */
void
sb_xml_view_set_text (SbXmlView  *self,
                      const char *text)
{
  GtkTextIter start;

  g_return_if_fail (SB_IS_XML_VIEW (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_set_text (self->buffer, text, -1);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
}

gboolean
sb_xml_view_get_search_mode (SbXmlView *self)
{
  g_return_val_if_fail (SB_IS_XML_VIEW (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
sb_xml_view_set_search_mode (SbXmlView *self,
                             gboolean   search_mode)
{
  g_return_if_fail (SB_IS_XML_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

/* Opens the search bar and puts the focus in its entry. */
void
sb_xml_view_search (SbXmlView *self)
{
  g_return_if_fail (SB_IS_XML_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
sb_xml_view_find_next (SbXmlView *self)
{
  g_return_if_fail (SB_IS_XML_VIEW (self));

  move_match (self, 1);
}

void
sb_xml_view_find_previous (SbXmlView *self)
{
  g_return_if_fail (SB_IS_XML_VIEW (self));

  move_match (self, -1);
}
