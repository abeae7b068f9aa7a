#define G_LOG_DOMAIN "sb-profile-store"

#include "config.h"

#include "sb-profile-store.h"
#include "sb-profile-private.h"

#include <string.h>

/* A profile of the list, with the settings it is kept in step with. */
typedef struct
{
  SbProfile *profile;
  GSettings *settings;
  gulong     notify_id;
  gulong     change_id;
} Entry;

struct _SbProfileStore
{
  GObject    parent_instance;

  GSettings *settings;
  gulong     profiles_changed_id;
  GPtrArray *entries;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbProfileStore, sb_profile_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Every change to a listed profile is saved as it is made. */
static void
on_profile_notify (SbProfile  *profile,
                   GParamSpec *pspec,
                   Entry      *entry)
{
  sb_profile_save (profile);
}

/* What others save (another window, the login view) shows in the listed profile. */
static gboolean
on_settings_change_event (GSettings *settings,
                          GQuark    *keys,
                          int        n_keys,
                          Entry     *entry)
{
  g_signal_handler_block (entry->profile, entry->notify_id);
  sb_profile_read_settings (entry->profile, settings);
  g_signal_handler_unblock (entry->profile, entry->notify_id);

  return FALSE;
}

static Entry *
entry_new (SbProfile *profile)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->profile = g_object_ref (profile);
  entry->settings = sb_profile_create_settings (sb_profile_get_id (profile));
  entry->notify_id = g_signal_connect (profile, "notify", G_CALLBACK (on_profile_notify), entry);
  entry->change_id = g_signal_connect (entry->settings, "change-event", G_CALLBACK (on_settings_change_event), entry);

  return entry;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->notify_id, entry->profile);
  g_clear_signal_handler (&entry->change_id, entry->settings);
  g_clear_object (&entry->profile);
  g_clear_object (&entry->settings);
  g_free (entry);
}

static Entry *
find_entry (GPtrArray  *entries,
            const char *id,
            guint      *index)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (sb_profile_get_id (entry->profile), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return entry;
        }
    }

  return NULL;
}

/* Profiles still listed keep their object, so whoever holds one keeps it current. */
static void
reload (SbProfileStore *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->settings, "profiles");
  g_autoptr(GPtrArray) old = self->entries;
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  guint old_len = old->len;
  gboolean same;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      Entry *entry;

      /* Skip what a hand-edited list may hold: empty and repeated ids. */
      if (*ids[i] == '\0' || find_entry (entries, ids[i], NULL) != NULL)
        continue;

      entry = find_entry (old, ids[i], NULL);
      if (entry == NULL)
        {
          g_autoptr(SbProfile) profile = sb_profile_load (ids[i]);

          entry = entry_new (profile);
        }
      g_ptr_array_add (entries, entry);
    }

  same = entries->len == old->len;
  for (guint i = 0; same && i < entries->len; i++)
    same = g_ptr_array_index (entries, i) == g_ptr_array_index (old, i);

  /* The old array frees only the entries no longer listed. */
  for (guint i = old->len; i > 0; i--)
    if (g_ptr_array_find (entries, g_ptr_array_index (old, i - 1), NULL))
      g_ptr_array_steal_index (old, i - 1);

  self->entries = entries;

  if (!same)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, entries->len);
}

static GType
sb_profile_store_get_item_type (GListModel *model)
{
  return SB_TYPE_PROFILE;
}

static guint
sb_profile_store_get_n_items (GListModel *model)
{
  SbProfileStore *self = SB_PROFILE_STORE (model);

  return self->entries->len;
}

static gpointer
sb_profile_store_get_item (GListModel *model,
                           guint       position)
{
  SbProfileStore *self = SB_PROFILE_STORE (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;

  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->profile);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_profile_store_get_item_type;
  iface->get_n_items = sb_profile_store_get_n_items;
  iface->get_item = sb_profile_store_get_item;
}

static void
sb_profile_store_dispose (GObject *object)
{
  SbProfileStore *self = (SbProfileStore *)object;

  g_clear_signal_handler (&self->profiles_changed_id, self->settings);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_profile_store_parent_class)->dispose (object);
}

static void
sb_profile_store_class_init (SbProfileStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_profile_store_dispose;
}

static void
sb_profile_store_init (SbProfileStore *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->settings = g_settings_new (APP_ID);
  self->profiles_changed_id = g_signal_connect_swapped (self->settings, "changed::profiles",
                                                        G_CALLBACK (reload), self);
  reload (self);
}

/* The saved profiles, in the order they are listed. */
SbProfileStore *
sb_profile_store_get_default (void)
{
  static SbProfileStore *default_store;

  if (default_store == NULL)
    default_store = g_object_new (SB_TYPE_PROFILE_STORE, NULL);

  return default_store;
}

/* Returns the listed profile with this id, or NULL; the store keeps the reference. */
SbProfile *
sb_profile_store_lookup (SbProfileStore *self,
                         const char     *id)
{
  Entry *entry;

  g_return_val_if_fail (SB_IS_PROFILE_STORE (self), NULL);

  if (id == NULL)
    return NULL;

  entry = find_entry (self->entries, id, NULL);
  return entry != NULL ? entry->profile : NULL;
}

/* The profile a person means by @id_or_name, as given to --profile: its id, or
 * else its name. The store keeps the reference. */
SbProfile *
sb_profile_store_find (SbProfileStore *self,
                       const char     *id_or_name)
{
  SbProfile *profile;

  g_return_val_if_fail (SB_IS_PROFILE_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  if ((profile = sb_profile_store_lookup (self, id_or_name)) != NULL)
    return profile;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_utf8_collate (sb_profile_get_name (entry->profile), id_or_name) == 0)
        return entry->profile;
    }

  return NULL;
}

/* Saves @profile and lists it last; from then on its changes are saved as they are made. */
void
sb_profile_store_add (SbProfileStore *self,
                      SbProfile      *profile)
{
  g_return_if_fail (SB_IS_PROFILE_STORE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));

  if (sb_profile_store_lookup (self, sb_profile_get_id (profile)) == profile)
    return;

  /* The list must hold this object, not one loaded for the id it is about to get. */
  g_signal_handler_block (self->settings, self->profiles_changed_id);
  sb_profile_save (profile);
  g_signal_handler_unblock (self->settings, self->profiles_changed_id);

  if (find_entry (self->entries, sb_profile_get_id (profile), NULL) != NULL)
    return;

  g_ptr_array_add (self->entries, entry_new (profile));
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);
}

/* The profile used most recently, or the first one; NULL when there is none. */
SbProfile *
sb_profile_store_dup_last_used (SbProfileStore *self)
{
  g_autofree char *last = NULL;
  SbProfile *profile;

  g_return_val_if_fail (SB_IS_PROFILE_STORE (self), NULL);

  last = g_settings_get_string (self->settings, "last-profile");
  profile = sb_profile_store_lookup (self, last);
  if (profile == NULL && self->entries->len > 0)
    profile = ((Entry *)g_ptr_array_index (self->entries, 0))->profile;

  return profile != NULL ? g_object_ref (profile) : NULL;
}

/* Remembers @profile for the next window; an unsaved one is not remembered. */
void
sb_profile_store_set_last_used (SbProfileStore *self,
                                SbProfile      *profile)
{
  g_return_if_fail (SB_IS_PROFILE_STORE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));

  if (sb_profile_get_id (profile) == NULL)
    return;

  g_settings_set_string (self->settings, "last-profile", sb_profile_get_id (profile));
}

/* The id names folders we delete, so it must be one plain path component. */
static gboolean
id_is_safe (const char *id)
{
  return id != NULL && *id != '\0' && strcmp (id, ".") != 0 && strcmp (id, "..") != 0 &&
         strchr (id, '/') == NULL && strchr (id, '\\') == NULL;
}

static gboolean
delete_tree (GFile         *file,
             GFileType      type,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) children = NULL;

      children = g_file_enumerate_children (file,
                                            G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                            cancellable, error);
      if (children == NULL)
        return FALSE;

      for (;;)
        {
          GFileInfo *info;
          GFile *child;

          if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
            return FALSE;
          if (info == NULL)
            break;
          if (!delete_tree (child, g_file_info_get_file_type (info), cancellable, error))
            return FALSE;
        }
    }

  if (!g_file_delete (file, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
delete_folders_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char * const *paths = task_data;
  g_autoptr(GError) first_error = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      /* Not following a symbolic link here keeps us from emptying whatever it points at. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                cancellable, &error);
      if (info == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && first_error == NULL)
            first_error = g_steal_pointer (&error);
          continue;
        }

      if (!delete_tree (file, g_file_info_get_file_type (info), cancellable, &error) && first_error == NULL)
        first_error = g_steal_pointer (&error);
    }

  if (first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&first_error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Deletes the data and cache folders of @id's web session on a thread. */
static void
delete_folders (GTask      *task,
                SbProfile  *profile,
                const char *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (id_is_safe (id))
    {
      g_autofree char *data_dir = sb_profile_dup_data_dir (profile);
      g_autofree char *cache_dir = sb_profile_dup_cache_dir (profile);

      g_strv_builder_add (builder, data_dir);
      g_strv_builder_add (builder, cache_dir);
    }

  g_task_set_task_data (task, g_strv_builder_end (builder), (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, delete_folders_thread);
}

/* Removes @profile from the list and its settings at once (forgetting it as the
 * last used), then deletes its sign-in data. An unsaved profile has nothing to delete. */
void
sb_profile_store_delete_async (SbProfileStore      *self,
                               SbProfile           *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SbProfile) hold = NULL;
  g_autofree char *last = NULL;
  const char *id;
  guint index;

  g_return_if_fail (SB_IS_PROFILE_STORE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_profile_store_delete_async);

  /* The list may hold the last reference. */
  hold = g_object_ref (profile);
  id = sb_profile_get_id (profile);
  if (id == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (find_entry (self->entries, id, &index) != NULL)
    {
      g_ptr_array_remove_index (self->entries, index);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
    }

  last = g_settings_get_string (self->settings, "last-profile");
  if (g_strcmp0 (last, id) == 0)
    g_settings_reset (self->settings, "last-profile");

  sb_profile_delete (profile);
  delete_folders (task, profile, id);
}

gboolean
sb_profile_store_delete_finish (SbProfileStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (SB_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deletes the cookies, site data and cache of the profile's persistent web session;
 * for an unsaved copy, those of the profile it was copied from. */
void
sb_profile_store_forget_data_async (SbProfileStore      *self,
                                    SbProfile           *profile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_PROFILE_STORE (self));
  g_return_if_fail (SB_IS_PROFILE (profile));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The sign-in address learned from the IdP goes with the rest of what the sign-in left. */
  sb_profile_set_learned_acs_url (profile, "");

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_profile_store_forget_data_async);
  delete_folders (task, profile, sb_profile_get_storage_id (profile));
}

gboolean
sb_profile_store_forget_data_finish (SbProfileStore  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (SB_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
