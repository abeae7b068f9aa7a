#define G_LOG_DOMAIN "sb-request-blocker"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "sb-request-blocker.h"
#include "sb-guard.h"
#include "sb-page-source.h"

#define EXTENSION_NAME "libsaml-bearer-web-process-extension.so"

/* What keeps a sign-in page from ever reaching the platform: the view asks it about
 * each navigation, and the web process extension (sb-web-process-extension.c) refuses
 * every other request. A web process learns its guard when it starts, so the guard
 * every process starts with covers the profiles of all sign-ins running. */
struct _SbRequestBlocker
{
  GObject  parent_instance;

  SbGuard *guard;
};

G_DEFINE_FINAL_TYPE (SbRequestBlocker, sb_request_blocker, G_TYPE_OBJECT)

static GPtrArray *blockers;

static void
update_web_processes (void)
{
  g_autoptr(SbGuard) all = sb_guard_new ();

  for (guint i = 0; blockers != NULL && i < blockers->len; i++)
    {
      SbRequestBlocker *blocker = g_ptr_array_index (blockers, i);

      if (blocker->guard != NULL)
        sb_guard_merge (all, blocker->guard);
    }

  webkit_web_context_set_web_process_extensions_initialization_user_data (webkit_web_context_get_default (),
                                                                          sb_guard_to_variant (all));
}

/* From the build tree, the extension built beside the program; else the installed one. */
static const char *
extensions_dir (void)
{
  static const char *dir;

  if (dir == NULL)
    {
      g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
      gboolean in_build_tree = program != NULL && g_str_has_prefix (program, BUILD_ROOT G_DIR_SEPARATOR_S);

      dir = in_build_tree ? BUILD_WEB_EXTENSIONS_DIR : WEB_EXTENSIONS_DIR;
    }

  return dir;
}

static void
sb_request_blocker_finalize (GObject *object)
{
  SbRequestBlocker *self = SB_REQUEST_BLOCKER (object);

  g_ptr_array_remove (blockers, self);
  g_clear_pointer (&self->guard, sb_guard_free);

  G_OBJECT_CLASS (sb_request_blocker_parent_class)->finalize (object);
}

static void
sb_request_blocker_class_init (SbRequestBlockerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_request_blocker_finalize;

  blockers = g_ptr_array_new ();
  webkit_web_context_set_web_process_extensions_directory (webkit_web_context_get_default (), extensions_dir ());
}

static void
sb_request_blocker_init (SbRequestBlocker *self)
{
  g_ptr_array_add (blockers, self);
}

SbRequestBlocker *
sb_request_blocker_new (void)
{
  return g_object_new (SB_TYPE_REQUEST_BLOCKER, NULL);
}

/* Guards what a sign-in with @profile must not reach, in this view and in the web
 * processes started from now on. FALSE, with an error in SB_PAGE_SOURCE_ERROR, when
 * the web process extension is not where it must be: no page may load without it. */
gboolean
sb_request_blocker_set_profile (SbRequestBlocker  *self,
                                SbProfile         *profile,
                                GError           **error)
{
  g_autofree char *extension = NULL;

  g_return_val_if_fail (SB_IS_REQUEST_BLOCKER (self), FALSE);
  g_return_val_if_fail (SB_IS_PROFILE (profile), FALSE);

  g_clear_pointer (&self->guard, sb_guard_free);
  self->guard = sb_guard_new ();
  sb_guard_add_profile (self->guard, profile);
  update_web_processes ();

  extension = g_build_filename (extensions_dir (), EXTENSION_NAME, NULL);
  if (!g_file_test (extension, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SB_PAGE_SOURCE_ERROR, SB_PAGE_SOURCE_ERROR_LOAD,
                   _("SAML Bearer is not installed completely: %s is missing, and without it the sign-in page could send your sign-in elsewhere. Install SAML Bearer again, or run it from its build tree with “meson devenv -C build saml-bearer”."),
                   extension);
      return FALSE;
    }

  return TRUE;
}

/* Whether the page must not navigate to @url. */
gboolean
sb_request_blocker_blocks (SbRequestBlocker *self,
                           const char       *url)
{
  g_return_val_if_fail (SB_IS_REQUEST_BLOCKER (self), TRUE);

  return self->guard == NULL || sb_guard_blocks (self->guard, url);
}
