/* iot-purple-api.c — IPC and signals for other plugins. See iot-purple-api.h. */
#include "iot-purple-api.h"

#include "iot-format.h"
#include "iot-limits.h"
#include "iot-purple-session.h"
#include "iot-purple-watch.h"

#include <signals.h>
#include <value.h>

static PurplePlugin *self;
static GList *ipc_watches; /* handles started through IPC */

static void
update_cb(PurpleAccount *account, const char *who, IotReadout *readout, const GError *error,
          gpointer data)
{
	guint handle = *(guint *)data;
	char *text = error ? iot_format_error(who, error, iot_purple_session_timeout_s())
	                   : iot_format_readout(readout, IOT_MAX_CONVERSATION_FIELDS, g_get_real_time());

	purple_signal_emit(self, "iot-watch-update", account, who, text, handle);
	g_free(text);
}

static int
ipc_watch(PurpleAccount *account, const char *who, gpointer interval)
{
	guint handle, *slot;

	if (account == NULL || who == NULL)
		return 0;
	/* Updates never come before watch_start returns, so the slot is filled in time. */
	slot = g_new0(guint, 1);
	handle = iot_purple_watch_start(account, who, (guint)MAX(GPOINTER_TO_INT(interval), 1), update_cb,
	                                slot, g_free);
	*slot = handle;
	ipc_watches = g_list_prepend(ipc_watches, GUINT_TO_POINTER(handle));
	return (int)handle;
}

static int
ipc_unwatch(int handle)
{
	GList *l = g_list_find(ipc_watches, GUINT_TO_POINTER((guint)handle));

	if (l == NULL)
		return 0;
	ipc_watches = g_list_delete_link(ipc_watches, l);
	iot_purple_watch_stop((guint)handle);
	return 1;
}

void
iot_purple_api_register(PurplePlugin *plugin)
{
	self = plugin;
	purple_signal_register(plugin, "iot-watch-update", purple_marshal_VOID__POINTER_POINTER_POINTER_UINT,
	                       NULL, 4, purple_value_new(PURPLE_TYPE_SUBTYPE, PURPLE_SUBTYPE_ACCOUNT),
	                       purple_value_new(PURPLE_TYPE_STRING), purple_value_new(PURPLE_TYPE_STRING),
	                       purple_value_new(PURPLE_TYPE_UINT));
	purple_plugin_ipc_register(plugin, "watch", PURPLE_CALLBACK(ipc_watch),
	                           purple_marshal_INT__POINTER_POINTER_POINTER,
	                           purple_value_new(PURPLE_TYPE_INT), 3,
	                           purple_value_new(PURPLE_TYPE_SUBTYPE, PURPLE_SUBTYPE_ACCOUNT),
	                           purple_value_new(PURPLE_TYPE_STRING), purple_value_new(PURPLE_TYPE_POINTER));
	purple_plugin_ipc_register(plugin, "unwatch", PURPLE_CALLBACK(ipc_unwatch), purple_marshal_INT__INT,
	                           purple_value_new(PURPLE_TYPE_INT), 1, purple_value_new(PURPLE_TYPE_INT));
}

void
iot_purple_api_unregister(PurplePlugin *plugin)
{
	while (ipc_watches != NULL)
		ipc_unwatch(GPOINTER_TO_INT(ipc_watches->data));
	/* libpurple disconnects handlers on unload but leaves signals registered. */
	purple_signals_unregister_by_instance(plugin);
	self = NULL;
}
