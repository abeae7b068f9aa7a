/* Clipboard care, read back by another X client (xclip), as a paste would. */
#include "config.h"

#include <adwaita.h>

#include "sb-clipboard.h"
#include "sb-test-utils.h"

#include <string.h>

#define FAKE_TOKEN "0b7e1d52-fake-test-value-not-a-token"

typedef struct {
  gboolean  done;
  char     *out;
  gboolean  ok;
} Read;

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Read *read = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &read->out, NULL, NULL);
  read->ok = g_subprocess_get_if_exited (G_SUBPROCESS (source)) && g_subprocess_get_exit_status (G_SUBPROCESS (source)) == 0;
  read->done = TRUE;
}

/* The main loop runs meanwhile: this process serves the selection xclip asks for. */
static char *
xclip_read (const char *target)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Read read = { 0 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "xclip", "-selection", "clipboard", "-o", "-t", target, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, read_done, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);

  if (!read.ok)
    g_clear_pointer (&read.out, g_free);

  return read.out;
}

static GdkClipboard *
clipboard (void)
{
  return gdk_display_get_clipboard (gdk_display_get_default ());
}

static void
test_copy_read_back (void)
{
  SbClipboard *ours = sb_clipboard_get_default ();
  g_autofree char *text = NULL;
  g_autofree char *targets = NULL;

  sb_clipboard_copy_secret (ours, clipboard (), FAKE_TOKEN, 0);
  g_assert_true (sb_clipboard_holds_ours (ours, clipboard ()));

  text = xclip_read ("UTF8_STRING");
  g_assert_cmpstr (text, ==, FAKE_TOKEN);

  /* Clipboard managers that honour the hint do not keep the copy. */
  targets = xclip_read ("TARGETS");
  g_assert_nonnull (targets);
  g_assert_nonnull (strstr (targets, "x-kde-passwordManagerHint"));

  sb_clipboard_clear (ours);
}

static void
test_cleared_after_delay (void)
{
  SbClipboard *ours = sb_clipboard_get_default ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sb_clipboard_copy_secret (ours, clipboard (), FAKE_TOKEN, 1);
  before = xclip_read ("UTF8_STRING");
  g_assert_cmpstr (before, ==, FAKE_TOKEN);

  sb_test_run_for (2500);
  g_assert_false (sb_clipboard_holds_ours (ours, clipboard ()));
  after = xclip_read ("UTF8_STRING");
  g_assert_cmpstr (after, ==, "");
}

/* Something else copied since: that is the user's, and it stays. */
static void
test_not_cleared_when_replaced (void)
{
  SbClipboard *ours = sb_clipboard_get_default ();
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static ("the user's own text", strlen ("the user's own text"));
  g_autofree char *after = NULL;

  sb_clipboard_copy_secret (ours, clipboard (), FAKE_TOKEN, 1);
  sb_test_run_for (100);

  other = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "xclip", "-selection", "clipboard", "-i", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (other, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  sb_test_run_for (2500);
  after = xclip_read ("UTF8_STRING");
  g_assert_cmpstr (after, ==, "the user's own text");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipboard/copy-read-back", test_copy_read_back);
  g_test_add_func ("/clipboard/cleared-after-delay", test_cleared_after_delay);
  g_test_add_func ("/clipboard/not-cleared-when-replaced", test_not_cleared_when_replaced);

  return g_test_run ();
}
