/* iot-purple-menu.c — buddy-list menu entries and the libpurple fallback table. */
#include "iot-purple-menu.h"
#include "iot-purple-alert.h"
#include "iot-purple-pubsub-private.h"
#include "iot-purple-registry-private.h"

#include "iot-format.h"
#include "iot-jid.h"
#include "iot-purple-concentrator-browse.h"
#include "iot-purple-control-request.h"
#include "iot-purple-reader.h"
#include "iot-purple-session.h"
#include "iot-purple-things.h"
#include "iot-purple-ui.h"
#include "iot-time.h"

#include <blist.h>
#include <core.h>
#include <debug.h>
#include <glib/gi18n-lib.h>
#include <notify.h>
#include <util.h>

static const IotUiOps *ui_ops;

void
iot_purple_set_ui_ops(const IotUiOps *ops)
{
	ui_ops = ops;
}

const IotUiOps *
iot_purple_get_ui_ops(void)
{
	return ui_ops;
}

/* --- fallback: a search-results table (Finch, libpurple clients) --------------- */

typedef struct {
	PurpleAccount *account;
	char *who;
	IotNodeRef node;    /* node_id NULL: the thing itself */
	gpointer ui_handle; /* the open results window, or NULL */
	guint reading;      /* reader handle while a readout runs */
} Table;

static GList *tables; /* open fallback tables, closed on unload */

static void table_read(Table *t);

/* The results window closed (by the user, at sign-off, or on unload). */
static void
table_closed(gpointer data)
{
	Table *t = data;

	if (t->reading != 0)
		iot_purple_reader_cancel(t->reading);
	tables = g_list_remove(tables, t);
	iot_node_ref_clear(&t->node);
	g_free(t->who);
	g_free(t);
}

static void
table_refresh(PurpleConnection *gc, GList *row, gpointer data)
{
	Table *t = data;

	if (t->reading == 0)
		table_read(t);
}

static PurpleNotifySearchResults *
table_results(IotReadout *r, const GError *error, const char *who)
{
	PurpleNotifySearchResults *res = purple_notify_searchresults_new();
	const char *cols[] = { N_("Field"), N_("Value"), N_("Unit"), N_("Time"), N_("Category"), N_("Status") };
	guint i;
	gint64 now = g_get_real_time();

	for (i = 0; i < G_N_ELEMENTS(cols); i++)
		purple_notify_searchresults_column_add(res, purple_notify_searchresults_column_new(_(cols[i])));
	if (error != NULL) {
		GList *row = NULL;
		row = g_list_append(row, g_strdup(_("Error")));
		row = g_list_append(row, iot_format_error(who, error, iot_purple_session_timeout_s()));
		for (i = 2; i < G_N_ELEMENTS(cols); i++)
			row = g_list_append(row, g_strdup(""));
		purple_notify_searchresults_row_add(res, row);
		return res;
	}
	for (i = 0; i < r->fields->len; i++) {
		IotField *f = g_ptr_array_index(r->fields, i);
		GList *row = NULL;
		char *v = iot_format_value(f, now);

		/* Cells are plain text in both Pidgin and Finch: no escaping needed,
		 * only cleaning of control characters. */
		row = g_list_append(row, iot_format_clean(f->name, 80));
		if (f->unit != NULL && g_str_has_suffix(v, f->unit)) /* the unit has its own column */
			v[strlen(v) - strlen(f->unit)] = '\0';
		row = g_list_append(row, g_strstrip(v));
		row = g_list_append(row, iot_format_clean(f->unit, 32));
		row = g_list_append(row, f->timestamp != IOT_TIME_UNKNOWN ? iot_time_format_local(f->timestamp, now)
		                                                          : g_strdup(""));
		row = g_list_append(row, iot_format_categories(f->categories));
		row = g_list_append(row, iot_format_qos(f->qos));
		purple_notify_searchresults_row_add(res, row);
	}
	return res;
}

static void
table_done(PurpleAccount *account, const char *who, const char *full, IotReadout *readout,
           const GError *error, gpointer data)
{
	Table *t = data;
	PurpleConnection *gc = purple_account_get_connection(account);
	PurpleNotifySearchResults *res;
	char *title, *bare = iot_jid_bare(who);
	gpointer handle;

	t->reading = 0;
	if (gc == NULL) {
		if (t->ui_handle == NULL)
			table_closed(t); /* never shown: nothing else will free it */
		g_free(bare);
		return;
	}
	res = table_results(readout, error, bare);
	if (t->ui_handle != NULL) {
		purple_notify_searchresults_new_rows(gc, res, t->ui_handle);
		g_free(bare);
		return;
	}
	purple_notify_searchresults_button_add_labeled(res, _("Refresh"), table_refresh);
	if (t->node.node_id != NULL) {
		char *id = iot_format_clean(t->node.node_id, 60);
		/* TRANSLATORS: title of a node's readout table: the node id, the concentrator's address. */
		title = g_strdup_printf(_("Sensor data from %s at %s"), id, bare);
		g_free(id);
	} else {
		/* TRANSLATORS: title of the readout table; %s is the thing's address. */
		title = g_strdup_printf(_("Sensor data from %s"), bare);
	}
	handle = purple_notify_searchresults(gc, title, title, NULL, res, table_closed, t);
	if (handle != NULL)
		t->ui_handle = handle;
	else /* no UI shows tables: libpurple already ran table_closed and kept @res */
		purple_notify_searchresults_free(res);
	g_free(title);
	g_free(bare);
}

static void
table_read(Table *t)
{
	IotSdRequest req = { 0 };

	req.categories = IOT_CAT_ALL & ~IOT_CAT_HISTORICAL;
	if (t->node.node_id != NULL) {
		req.nodes = &t->node;
		req.n_nodes = 1;
	}
	t->reading = iot_purple_reader_start(t->account, t->who, &req, table_done, t, NULL);
}

/* --- the menu --------------------------------------------------------------------- */

/* The buddy a menu is for: Pidgin asks for the buddy node, Finch for the
 * contact (whose best buddy is the one online). */
static PurpleBuddy *
buddy_of(PurpleBlistNode *node)
{
	if (PURPLE_BLIST_NODE_IS_BUDDY(node))
		return (PurpleBuddy *)node;
	if (PURPLE_BLIST_NODE_IS_CONTACT(node))
		return purple_contact_get_priority_buddy((PurpleContact *)node);
	return NULL;
}

static void
read_cb(PurpleBlistNode *node, gpointer data)
{
	PurpleBuddy *buddy = buddy_of(node);
	PurpleAccount *account = purple_buddy_get_account(buddy);
	const char *who = purple_buddy_get_name(buddy);
	Table *t;

	if (ui_ops != NULL && ui_ops->open_readout != NULL) {
		ui_ops->open_readout(account, who);
		return;
	}
	t = g_new0(Table, 1);
	t->account = account;
	t->who = g_strdup(who);
	tables = g_list_prepend(tables, t);
	table_read(t);
}

void
iot_purple_menu_open_readout_table(PurpleAccount *account, const char *who, const IotNodeRef *node)
{
	Table *t = g_new0(Table, 1);

	t->account = account;
	t->who = g_strdup(who);
	if (node != NULL)
		iot_node_ref_copy(&t->node, node);
	tables = g_list_prepend(tables, t);
	table_read(t);
}

static void
concentrator_cb(PurpleBlistNode *node, gpointer data)
{
	PurpleBuddy *buddy = buddy_of(node);
	PurpleAccount *account = purple_buddy_get_account(buddy);
	const char *who = purple_buddy_get_name(buddy);

	if (ui_ops != NULL && ui_ops->open_concentrator != NULL)
		ui_ops->open_concentrator(account, who);
	else
		iot_purple_concentrator_browse_open(account, who);
}

static void
alerts_cb(PurpleBlistNode *node, gpointer data)
{
	iot_purple_alert_open_inbox();
}

static void
rules_cb(PurpleBlistNode *node, gpointer data)
{
	PurpleBuddy *buddy = buddy_of(node);

	iot_purple_alert_open_rules(purple_buddy_get_account(buddy), purple_buddy_get_name(buddy));
}

static void
published_cb(PurpleBlistNode *node, gpointer data)
{
	PurpleBuddy *buddy = buddy_of(node);

	iot_purple_pubsub_open_pep(purple_buddy_get_account(buddy), purple_buddy_get_name(buddy));
}

static void
control_cb(PurpleBlistNode *node, gpointer data)
{
	PurpleBuddy *buddy = buddy_of(node);
	PurpleAccount *account = purple_buddy_get_account(buddy);
	const char *who = purple_buddy_get_name(buddy);

	if (ui_ops != NULL && ui_ops->open_control != NULL)
		ui_ops->open_control(account, who, NULL);
	else
		iot_purple_control_request_open(account, who, NULL);
}

char *
iot_purple_ui_label(const char *label)
{
	char **parts;
	char *plain;

	if (g_strcmp0(purple_core_get_ui(), "gnt-purple") != 0)
		return g_strdup(label);
	parts = g_strsplit(label, "_", -1);
	plain = g_strjoinv("", parts);
	g_strfreev(parts);
	return plain;
}

static void
disown_cb(PurpleBlistNode *node, gpointer data)
{
	PurpleBuddy *buddy = buddy_of(node);

	iot_purple_registry_menu_disown(purple_buddy_get_account(buddy), purple_buddy_get_name(buddy));
}

static void
rules_given_cb(PurpleBlistNode *node, gpointer data)
{
	iot_purple_registry_open_rules_given(purple_buddy_get_account(buddy_of(node)));
}

static PurpleMenuAction *
menu_item(const char *label, PurpleCallback cb)
{
	char *text = iot_purple_ui_label(label);
	PurpleMenuAction *a = purple_menu_action_new(text, cb, NULL, NULL);

	g_free(text);
	return a;
}

static void
extended_menu_cb(PurpleBlistNode *node, GList **menu, gpointer data)
{
	PurpleBuddy *buddy;
	IotPurpleSession *s;

	buddy = buddy_of(node);
	if (buddy == NULL)
		return;
	s = iot_purple_session_get(purple_buddy_get_account(buddy));
	if (s == NULL)
		return;
	if (iot_purple_things_offers(s, purple_buddy_get_name(buddy), IOT_FUNC_SENSORDATA, NULL))
		*menu = g_list_append(*menu, menu_item(_("Read sensor _data…"), PURPLE_CALLBACK(read_cb)));
	if (iot_purple_things_offers(s, purple_buddy_get_name(buddy), IOT_FUNC_CONTROL, NULL))
		/* TRANSLATORS: buddy menu item; opens the thing's control form. */
		*menu = g_list_append(*menu, menu_item(_("_Control…"), PURPLE_CALLBACK(control_cb)));
	if (iot_purple_things_offers(s, purple_buddy_get_name(buddy), IOT_FUNC_CONCENTRATOR, NULL))
		/* TRANSLATORS: buddy menu item of a concentrator; opens its data
		 * sources and nodes. Pidgin's buddy menu has "_Block" already. */
		*menu = g_list_append(*menu, menu_item(_("Bro_wse devices…"), PURPLE_CALLBACK(concentrator_cb)));
	if (iot_purple_things_is_thing(s, purple_buddy_get_name(buddy))) {
		/* TRANSLATORS: buddy menu item of a thing; opens its alert rules. */
		*menu = g_list_append(*menu, menu_item(_("Alert _rules…"), PURPLE_CALLBACK(rules_cb)));
		/* TRANSLATORS: buddy menu items of a thing: give it up in the thing
		 * registry (asks first); the provisioning rules this owner gave. */
		*menu = g_list_append(*menu, menu_item(_("Dis_own…"), PURPLE_CALLBACK(disown_cb)));
		*menu = g_list_append(*menu, menu_item(_("Rules _given…"), PURPLE_CALLBACK(rules_given_cb)));
		if (iot_purple_alert_thing_active(purple_buddy_get_account(buddy), purple_buddy_get_name(buddy), NULL))
			/* TRANSLATORS: buddy menu item of a thing with an open alert. */
			*menu = g_list_append(*menu, menu_item(_("A_lerts…"), PURPLE_CALLBACK(alerts_cb)));
	}
	if (iot_purple_things_is_thing(s, purple_buddy_get_name(buddy)) ||
	    iot_purple_pubsub_is_pep_publisher(purple_buddy_get_account(buddy), purple_buddy_get_name(buddy)))
		/* TRANSLATORS: buddy menu item; opens what the contact publishes
		 * (its PEP service: sensor data and other nodes). */
		*menu = g_list_append(*menu, menu_item(_("P_ublished data…"), PURPLE_CALLBACK(published_cb)));
}

void
iot_purple_menu_shutdown(void)
{
	iot_purple_concentrator_browse_close_all();
	iot_purple_control_request_close_all();
	while (tables != NULL) {
		Table *t = tables->data;
		if (t->ui_handle != NULL) {
			purple_notify_close(PURPLE_NOTIFY_SEARCHRESULTS, t->ui_handle); /* runs table_closed */
		} else {
			table_closed(t);
		}
	}
}

void
iot_purple_menu_connect(PurplePlugin *plugin)
{
	purple_signal_connect(purple_blist_get_handle(), "blist-node-extended-menu", plugin,
	                      PURPLE_CALLBACK(extended_menu_cb), NULL);
}
