/* iot-gtk-things.c — readout windows and their requests. See iot-gtk-things.h. */
#include "iot-gtk-things.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-gtk-readout.h"
#include "iot-gtk-things-plot-source.h"
#include "iot-jid.h"
#include "iot-purple-history.h"
#include "iot-purple-reader.h"
#include "iot-purple-session.h"
#include "iot-purple-watch.h"

#include <blist.h>
#include <eventloop.h>
#include <glib/gi18n-lib.h>

/* Values older than this, while updates are expected, are called stale. */
#define STALE_AFTER_S 300
#define STALE_CHECK_S 15

typedef struct {
	PurpleAccount *account;
	char *who; /* bare JID */
	IotNodeRef *nodes; /* (nullable) the nodes read, behind a concentrator */
	guint n_nodes;
	IotGtkReadout *win;
	guint reading;    /* reader handle of the request under way */
	guint watch;      /* watch handle while updating automatically */
	guint poll;       /* nodes: timer while updating automatically */
	guint stale_timer;
	gint64 last_update_us;
	gboolean stale;
	const IotHistory *recent; /* held from the adapter while the window is open */
} Thing;

static GList *things;

static gboolean
same_nodes(const Thing *t, const IotNodeRef *nodes, guint n_nodes)
{
	guint i;

	if (t->n_nodes != n_nodes)
		return FALSE;
	for (i = 0; i < n_nodes; i++)
		if (!iot_node_ref_equal(&t->nodes[i], &nodes[i]))
			return FALSE;
	return TRUE;
}

static Thing *
find(PurpleAccount *account, const char *who, const IotNodeRef *nodes, guint n_nodes)
{
	GList *l;

	for (l = things; l != NULL; l = l->next) {
		Thing *t = l->data;
		if (t->account == account && iot_jid_same_bare(t->who, who) && same_nodes(t, nodes, n_nodes))
			return t;
	}
	return NULL;
}

static void
show_error(Thing *t, const GError *error)
{
	char *text = iot_format_error(t->who, error, iot_purple_session_timeout_s());

	iot_gtk_readout_set_status(t->win, text, TRUE);
	g_free(text);
}

static void
read_done(PurpleAccount *account, const char *who, const char *full, IotReadout *readout,
          const GError *error, gpointer data)
{
	Thing *t = data;

	t->reading = 0;
	if (error != NULL) {
		show_error(t, error);
		return;
	}
	t->last_update_us = g_get_monotonic_time();
	t->stale = FALSE;
	iot_gtk_readout_set_readout(t->win, readout);
	iot_gtk_readout_history_changed(t->win);
}

static void
on_request(IotGtkReadout *win, IotGtkRequestKind kind, gint64 from_us, gint64 to_us, gpointer data)
{
	Thing *t = data;
	IotSdRequest req = { 0 };

	req.nodes = t->nodes;
	req.n_nodes = t->n_nodes;
	if (t->reading != 0)
		iot_purple_reader_cancel(t->reading);
	switch (kind) {
	case IOT_GTK_REQUEST_ALL:
		req.categories = IOT_CAT_ALL;
		break;
	case IOT_GTK_REQUEST_HISTORICAL:
		req.categories = IOT_CAT_HISTORICAL;
		req.from = from_us;
		req.to = to_us;
		break;
	default: /* IOT_GTK_REQUEST_NOW: as /read, the thing as it is now */
		req.categories = IOT_CAT_NOW;
		break;
	}
	t->reading = iot_purple_reader_start(t->account, t->who, &req, read_done, t, NULL);
}

static void
watch_cb(PurpleAccount *account, const char *who, IotReadout *readout, const GError *error,
         gpointer data)
{
	Thing *t = data;

	if (error != NULL) {
		if (g_error_matches(error, IOT_ERROR, IOT_ERROR_DISCONNECTED)) {
			iot_gtk_readout_mark_stale(t->win);
		} else {
			/* The values stay, greyed as stale, with the reason underneath;
			 * the next update (the thing is back) clears both. */
			iot_gtk_readout_mark_stale(t->win);
			show_error(t, error);
		}
		t->stale = TRUE;
		return;
	}
	t->last_update_us = g_get_monotonic_time();
	t->stale = FALSE;
	iot_gtk_readout_update(t->win, readout);
	iot_gtk_readout_history_changed(t->win);
}

static gboolean
stale_cb(gpointer data)
{
	Thing *t = data;

	if (t->watch != 0 && !t->stale &&
	    g_get_monotonic_time() - t->last_update_us > (gint64)STALE_AFTER_S * G_USEC_PER_SEC) {
		iot_gtk_readout_mark_stale(t->win);
		t->stale = TRUE;
	}
	return TRUE;
}

static gboolean
poll_cb(gpointer data)
{
	Thing *t = data;

	if (t->reading == 0)
		on_request(t->win, IOT_GTK_REQUEST_NOW, IOT_TIME_UNKNOWN, IOT_TIME_UNKNOWN, t);
	return TRUE;
}

static void
on_auto_refresh(IotGtkReadout *win, gboolean on, guint interval_s, gpointer data)
{
	Thing *t = data;

	if (t->watch != 0)
		iot_purple_watch_stop(t->watch);
	t->watch = 0;
	if (t->poll != 0)
		purple_timeout_remove(t->poll);
	t->poll = 0;
	if (on && t->n_nodes > 0) {
		/* A watch follows the whole thing: nodes are read again instead. */
		t->poll = purple_timeout_add_seconds(MAX(interval_s, 1), poll_cb, t);
	} else if (on) {
		t->last_update_us = g_get_monotonic_time();
		t->watch = iot_purple_watch_start(t->account, t->who, interval_s, watch_cb, t, NULL);
	}
}

static void
on_closed(IotGtkReadout *win, gpointer data)
{
	Thing *t = data;

	/* Nothing may reach this window after it is gone. */
	if (t->reading != 0)
		iot_purple_reader_cancel(t->reading);
	if (t->watch != 0)
		iot_purple_watch_stop(t->watch);
	if (t->poll != 0)
		purple_timeout_remove(t->poll);
	if (t->stale_timer != 0)
		purple_timeout_remove(t->stale_timer);
	things = g_list_remove(things, t);
	while (t->n_nodes > 0)
		iot_node_ref_clear(&t->nodes[--t->n_nodes]);
	g_free(t->nodes);
	/* The window is gone: it borrows the cache no more. */
	if (t->recent != NULL)
		iot_purple_history_recent_release(t->account, t->who);
	g_free(t->who);
	g_free(t);
}

static void
on_forget_history(IotGtkReadout *win, gpointer data)
{
	Thing *t = data;
	PurpleAccount *account = t->account;
	char *who = g_strdup(t->who);
	GError *error = NULL;

	(void)win;
	if (!iot_purple_history_forget(account, who, &error)) {
		show_error(t, error);
		g_clear_error(&error);
	}
	/* The cache and the plot read again (also when nothing was forgotten). */
	iot_gtk_things_history_changed(account, who);
	g_free(who);
}

static const IotGtkReadoutCallbacks callbacks = { on_request, on_auto_refresh, on_closed, NULL, NULL };
static const IotGtkReadoutCallbacks thing_callbacks = { on_request, on_auto_refresh, on_closed, NULL,
	                                                   on_forget_history };

void
iot_gtk_things_open(PurpleAccount *account, const char *who)
{
	iot_gtk_things_open_nodes(account, who, NULL, 0);
}

void
iot_gtk_things_open_nodes(PurpleAccount *account, const char *who, const IotNodeRef *nodes, guint n_nodes)
{
	Thing *t = find(account, who, nodes, n_nodes);
	PurpleBuddy *buddy;
	const char *name;
	char *title = NULL;
	guint i;

	if (t != NULL) {
		gtk_window_present(GTK_WINDOW(iot_gtk_readout_get_window(t->win)));
		return;
	}
	t = g_new0(Thing, 1);
	t->account = account;
	t->who = iot_jid_bare(who);
	if (t->who == NULL)
		t->who = g_strdup(who);
	buddy = purple_find_buddy(account, t->who);
	name = buddy ? purple_buddy_get_alias(buddy) : t->who;
	if (n_nodes > 0) {
		t->nodes = g_new0(IotNodeRef, n_nodes);
		for (i = 0; i < n_nodes; i++)
			iot_node_ref_copy(&t->nodes[i], &nodes[i]);
		t->n_nodes = n_nodes;
		title = n_nodes == 1
		            /* TRANSLATORS: readout window title: "Home hub: Thermometer 1" (a node behind it). */
		            ? g_strdup_printf(_("%s: %s"), name, nodes[0].node_id)
		            /* TRANSLATORS: readout window title: "Home hub: 3 nodes". */
		            : g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%s: %u node", "%s: %u nodes", n_nodes), name,
		                              n_nodes);
	}
	t->win = iot_gtk_readout_new(title != NULL ? title : name,
	                             n_nodes == 0 ? &thing_callbacks : &callbacks, t);
	g_free(title);
	things = g_list_prepend(things, t);
	/* The stored history is the thing's as a whole, not of its nodes. */
	if (n_nodes == 0) {
		t->recent = iot_purple_history_recent_hold(account, t->who);
		IotGtkPlotSource *source = iot_gtk_things_plot_source_new(account, t->who);
		IotGtkHistorySource export_src;

		iot_gtk_readout_set_history(t->win, t->recent);
		iot_gtk_readout_set_plot_source(t->win, source);
		iot_gtk_plot_source_unref(source);
		iot_gtk_things_history_source(account, t->who, &export_src);
		iot_gtk_readout_set_history_export(t->win, &export_src);
	}
	t->stale_timer = purple_timeout_add_seconds(STALE_CHECK_S, stale_cb, t);
	gtk_widget_show(iot_gtk_readout_get_window(t->win));
	iot_gtk_readout_set_busy(t->win, TRUE);
	on_request(t->win, IOT_GTK_REQUEST_NOW, IOT_TIME_UNKNOWN, IOT_TIME_UNKNOWN, t);
}

void
iot_gtk_things_session_changed(PurpleAccount *account, gboolean online)
{
	GList *l;

	for (l = things; l != NULL; l = l->next) {
		Thing *t = l->data;
		if (t->account != account)
			continue;
		if (!online) {
			iot_gtk_readout_mark_stale(t->win);
			t->stale = TRUE;
		} else if (t->watch == 0) {
			/* Back online: show current values again. */
			on_request(t->win, IOT_GTK_REQUEST_NOW, IOT_TIME_UNKNOWN, IOT_TIME_UNKNOWN, t);
		}
	}
}

void
iot_gtk_things_history_changed(PurpleAccount *account, const char *thing)
{
	Thing *t = find(account, thing, NULL, 0);
	const IotHistory *now;

	if (t == NULL)
		return;
	/* Forgetting the thing's history replaced the cache. */
	now = iot_purple_history_recent(account, t->who);
	if (now != t->recent && now != NULL) {
		t->recent = now;
		iot_gtk_readout_set_history(t->win, now);
	}
	iot_gtk_readout_history_changed(t->win);
}

void
iot_gtk_things_close_all(void)
{
	while (things != NULL)
		iot_gtk_readout_destroy(((Thing *)things->data)->win); /* on_closed unlinks */
}
