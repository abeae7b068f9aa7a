/* A stand-in for the desktop's notification server (org.freedesktop.Notifications) on
 * the test's own bus, as GLib's freedesktop backend of GNotification talks to it: it
 * keeps what it was last asked to show and which notification was closed, and presses
 * a button as a person clicking it would. */
#define G_LOG_DOMAIN "sb-test-notifications"

#include "config.h"

#include "sb-test-notifications.h"
#include "sb-test-utils.h"

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  SbTestNotifications *n = user_data;

  if (g_str_equal (method, "Notify"))
    {
      guint replaces = 0;

      g_clear_pointer (&n->summary, g_free);
      g_clear_pointer (&n->body, g_free);
      g_clear_pointer (&n->actions, g_strfreev);
      g_variant_get (parameters, "(&su&sss^as@a{sv}i)", NULL, &replaces, NULL, &n->summary, &n->body, &n->actions, NULL, NULL);
      n->shown_id = replaces != 0 ? replaces : ++n->next_id;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->shown_id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      g_variant_get (parameters, "(u)", &n->closed_id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "test", "1", "1.2"));
    }
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((SbTestNotifications *) user_data)->owned = TRUE;
}

void
sb_test_notifications_start (SbTestNotifications *n)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;

  n->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  n->object_id = g_dbus_connection_register_object (n->bus, NOTIFICATIONS_PATH, info->interfaces[0],
                                                    &vtable, n, NULL, &error);
  g_assert_no_error (error);
  n->owner_id = g_bus_own_name_on_connection (n->bus, NOTIFICATIONS_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                                              on_name_acquired, NULL, n, NULL);
  g_assert_true (sb_test_wait_for_flag (&n->owned, 5));
}

void
sb_test_notifications_stop (SbTestNotifications *n)
{
  if (n->bus == NULL)
    return;

  g_bus_unown_name (n->owner_id);
  g_dbus_connection_unregister_object (n->bus, n->object_id);
  g_clear_object (&n->bus);
  g_clear_pointer (&n->summary, g_free);
  g_clear_pointer (&n->body, g_free);
  g_clear_pointer (&n->actions, g_strfreev);
}

gboolean
sb_test_notifications_is_closed (gpointer data)
{
  SbTestNotifications *n = data;

  return n->shown_id != 0 && n->closed_id == n->shown_id;
}

/* Presses the button labelled @label, as the notification server does when it is clicked. */
void
sb_test_notifications_click (SbTestNotifications *n,
                     const char    *label)
{
  g_autoptr(GError) error = NULL;
  const char *key = NULL;

  g_assert_nonnull (n->actions);
  for (guint i = 0; n->actions[i] != NULL && n->actions[i + 1] != NULL; i += 2)
    if (g_str_equal (n->actions[i + 1], label))
      key = n->actions[i];
  g_assert_nonnull (key);

  g_dbus_connection_emit_signal (n->bus, NULL, NOTIFICATIONS_PATH, NOTIFICATIONS_NAME, "ActionInvoked",
                                 g_variant_new ("(us)", n->shown_id, key), &error);
  g_assert_no_error (error);
}
