/* iot-gtk-things-control.c — control dialogs and the log window. See the header. */
#include "iot-gtk-things-control.h"

#include "iot-gtk-control.h"
#include "iot-gtk-controllog.h"
#include "iot-jid.h"
#include "iot-purple-controlform.h"
#include "iot-purple-controllog.h"

#include <glib/gi18n-lib.h>

typedef struct {
	IotPurpleControlForm *cf;
	IotGtkControl *dlg;
	gboolean has_form;
} Dialog;

static GList *dialogs;
static IotGtkControlLog *log_window;

/* The dialog of these nodes (by id, in this order) of @who. */
static Dialog *
find(PurpleAccount *account, const char *who, const IotNodeRef *nodes, guint n_nodes)
{
	GList *l;

	for (l = dialogs; l != NULL; l = l->next) {
		Dialog *d = l->data;
		guint i;

		if (iot_purple_controlform_account(d->cf) != account ||
		    !iot_jid_same_bare(iot_purple_controlform_who(d->cf), who) ||
		    iot_purple_controlform_n_nodes(d->cf) != n_nodes)
			continue;
		for (i = 0; i < n_nodes; i++)
			if (g_strcmp0(iot_purple_controlform_nth_node(d->cf, i)->node_id, nodes[i].node_id) != 0)
				break;
		if (i == n_nodes)
			return d;
	}
	return NULL;
}

/* --- the controller's answers -------------------------------------------------------- */

static void
cf_form(IotPurpleControlForm *cf, IotDataForm *form, gboolean replaces, gpointer data)
{
	Dialog *d = data;

	iot_gtk_control_set_form(d->dlg, form, replaces && d->has_form);
	d->has_form = TRUE;
}

static void
cf_failed(IotPurpleControlForm *cf, const char *sentence, gpointer data)
{
	Dialog *d = data;

	iot_gtk_control_set_status(d->dlg, sentence, TRUE);
}

static void
cf_sent(IotPurpleControlForm *cf, gboolean ok, const IotControlResult *result, const char *sentence,
        gpointer data)
{
	Dialog *d = data;

	iot_gtk_control_set_result(d->dlg, ok, result, sentence);
}

static const IotPurpleControlFormOps cf_ops = { cf_form, cf_failed, cf_sent };

/* --- the dialog's requests ------------------------------------------------------------- */

static void
on_send(IotGtkControl *dlg, gpointer data)
{
	Dialog *d = data;

	if (!iot_purple_controlform_send(d->cf, iot_gtk_control_get_form(dlg),
	                                 iot_gtk_control_get_baseline(dlg)))
		iot_gtk_control_set_status(dlg, iot_purple_controlform_busy(d->cf)
		                                    ? _("A change is still on its way; nothing was sent.")
		                                    : _("Nothing was sent: the account is offline or nothing changed."),
		                           TRUE);
}

static void
on_post_back(IotGtkControl *dlg, gpointer data)
{
	Dialog *d = data;

	if (!iot_purple_controlform_post_back(d->cf, iot_gtk_control_get_form(dlg)))
		iot_gtk_control_set_status(dlg, NULL, FALSE); /* ends the busy state */
}

static void
on_reload(IotGtkControl *dlg, gpointer data)
{
	Dialog *d = data;

	d->has_form = FALSE;
	iot_purple_controlform_load(d->cf);
}

static void
on_closed(IotGtkControl *dlg, gpointer data)
{
	Dialog *d = data;

	dialogs = g_list_remove(dialogs, d);
	iot_purple_controlform_free(d->cf);
	g_free(d);
}

static const IotGtkControlCallbacks dlg_callbacks = { on_send, on_post_back, on_reload, on_closed };

void
iot_gtk_things_control_open(PurpleAccount *account, const char *who, const char *node_id)
{
	IotNodeRef node = { (char *)node_id, NULL, NULL };

	iot_gtk_things_control_open_nodes(account, who, &node, node_id != NULL ? 1 : 0);
}

void
iot_gtk_things_control_open_nodes(PurpleAccount *account, const char *who, const IotNodeRef *nodes,
                                  guint n_nodes)
{
	Dialog *d = find(account, who, nodes, n_nodes);
	char *label;

	if (d != NULL) {
		gtk_window_present(GTK_WINDOW(iot_gtk_control_get_window(d->dlg)));
		return;
	}
	d = g_new0(Dialog, 1);
	d->cf = iot_purple_controlform_new_nodes(account, who, nodes, n_nodes, &cf_ops, d);
	label = iot_purple_controlform_label(d->cf);
	d->dlg = iot_gtk_control_new(label, &dlg_callbacks, d);
	g_free(label);
	dialogs = g_list_prepend(dialogs, d);
	gtk_widget_show(iot_gtk_control_get_window(d->dlg));
	iot_purple_controlform_load(d->cf);
}

void
iot_gtk_things_control_session_changed(PurpleAccount *account, gboolean online)
{
	GList *l;

	for (l = dialogs; l != NULL; l = l->next) {
		Dialog *d = l->data;

		if (iot_purple_controlform_account(d->cf) != account)
			continue;
		iot_gtk_control_set_online(d->dlg, online,
		                           online ? NULL : _("Your account is offline; the form comes back "
		                                             "when it is online again."));
		if (online) {
			/* The thing may have changed meanwhile: show what it says now. */
			d->has_form = FALSE;
			iot_purple_controlform_load(d->cf);
		}
	}
}

/* --- the control log ------------------------------------------------------------------- */

/* The newest entries, read from the store (and those not written yet). */
static void
log_show(void)
{
	guint total = 0;
	GPtrArray *entries = iot_purple_controllog_recent(IOT_CONTROL_LOG_MAX_ENTRIES, &total);

	iot_gtk_controllog_set_entries(log_window, entries, total);
	g_ptr_array_unref(entries);
}

static void
log_changed(gpointer data)
{
	if (log_window != NULL)
		log_show();
}

static void
log_closed(IotGtkControlLog *win, gpointer data)
{
	log_window = NULL;
	iot_purple_controllog_set_listener(NULL, NULL);
}

void
iot_gtk_things_control_open_log(void)
{
	if (log_window != NULL) {
		gtk_window_present(GTK_WINDOW(iot_gtk_controllog_get_window(log_window)));
		return;
	}
	/* TRANSLATORS: title of the list of every control sent. */
	log_window = iot_gtk_controllog_new(_("Control log"), log_closed, NULL);
	iot_purple_controllog_set_listener(log_changed, NULL);
	log_show();
	gtk_widget_show(iot_gtk_controllog_get_window(log_window));
}

void
iot_gtk_things_control_close_all(void)
{
	while (dialogs != NULL)
		iot_gtk_control_close(((Dialog *)dialogs->data)->dlg); /* on_closed unlinks */
	if (log_window != NULL)
		iot_gtk_controllog_close(log_window); /* log_closed clears it */
}
