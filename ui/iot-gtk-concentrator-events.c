/*
 * iot-gtk-concentrator-events.c — a data source's events applied to the
 * tree in place (protocols.md §5.5): nodeAdded, nodeUpdated (a rename is
 * found by its old id), nodeStatusChanged, nodeRemoved, nodeMovedUp and
 * nodeMovedDown. The tree stays consistent: an event whose node or parent
 * is not loaded is ignored, except while a load in its data source is
 * pending — then it waits for the answer and is applied after it (adds,
 * updates and removals are idempotent; moves are not replayed, the answer's
 * order stands).
 */
#include "iot-gtk-concentrator-private.h"

#include <string.h>

/* Events waiting at once; more are dropped (the tree is refreshed by F5). */
#define MAX_QUEUED 10000

typedef enum { EV_ADDED, EV_UPDATED, EV_STATUS, EV_REMOVED, EV_MOVED } EventKind;

typedef enum { APPLIED, WAIT, IGNORED } Outcome;

struct _IotGtkConcEvent {
	EventKind kind;
	char *source_id;            /* (owned) */
	IotGtkConcNodeInfo *info;   /* (owned) added, updated */
	char *after_id, *after_pt;  /* (owned) (nullable) added */
	char *old_id;               /* (owned) (nullable) updated */
	IotNodeRef ref;             /* (owned) status, removed, moved */
	IotNodeState state;
	GPtrArray *messages;        /* (owned) (nullable) status */
	gboolean up;
};

static void
event_free(IotGtkConcEvent *ev)
{
	g_free(ev->source_id);
	iot_gtk_conc_node_info_free(ev->info);
	g_free(ev->after_id);
	g_free(ev->after_pt);
	g_free(ev->old_id);
	iot_node_ref_clear(&ev->ref);
	if (ev->messages != NULL)
		g_ptr_array_unref(ev->messages);
	g_free(ev);
}

static gboolean
loading(IotGtkConcentrator *win, const char *source_id)
{
	return g_hash_table_contains(win->loads, source_id);
}

static Outcome
not_placed(IotGtkConcentrator *win, const char *source_id)
{
	return loading(win, source_id) ? WAIT : IGNORED;
}

static Outcome
apply(IotGtkConcentrator *win, IotGtkConcEvent *ev, gboolean replay)
{
	const IotConcentratorNode *n = ev->info != NULL ? ev->info->node : NULL;
	IotGtkConcRow *row, *parent, *after = NULL;

	switch (ev->kind) {
	case EV_ADDED:
		if (n->parent_id == NULL)
			parent = iot_gtk_conc_lookup(win, ev->source_id, NULL, NULL);
		else
			parent = iot_gtk_conc_lookup(win, ev->source_id, n->parent_partition, n->parent_id);
		/* A parent whose children are not here yet gets them with its answer. */
		if (parent == NULL || !parent->loaded)
			return not_placed(win, ev->source_id);
		if (ev->after_id != NULL) {
			after = iot_gtk_conc_lookup(win, ev->source_id, ev->after_pt, ev->after_id);
			if (after != NULL && after->parent != parent)
				after = NULL;
		}
		iot_gtk_conc_upsert(win, parent, ev->info, after);
		return APPLIED;
	case EV_UPDATED:
		row = NULL;
		if (ev->old_id != NULL)
			row = iot_gtk_conc_lookup(win, ev->source_id, n->ref.partition, ev->old_id);
		if (row == NULL)
			row = iot_gtk_conc_lookup(win, ev->source_id, n->ref.partition, n->ref.node_id);
		if (row == NULL || row->node == NULL)
			return not_placed(win, ev->source_id);
		iot_gtk_conc_update_row(win, row, ev->info);
		return APPLIED;
	case EV_STATUS:
		row = iot_gtk_conc_lookup_ref(win, &ev->ref);
		if (row == NULL || row->node == NULL)
			return not_placed(win, ev->source_id);
		iot_gtk_conc_set_state(win, row, ev->state, ev->messages);
		return APPLIED;
	case EV_REMOVED:
		row = iot_gtk_conc_lookup_ref(win, &ev->ref);
		if (row == NULL || row->node == NULL)
			return not_placed(win, ev->source_id);
		iot_gtk_conc_remove_row(win, row);
		return APPLIED;
	case EV_MOVED:
		row = iot_gtk_conc_lookup_ref(win, &ev->ref);
		/* Not after an answer: its order already is the concentrator's. */
		if (replay)
			return IGNORED;
		if (row == NULL || row->node == NULL)
			return not_placed(win, ev->source_id);
		if (row->parent->load == NULL)
			iot_gtk_conc_move_row(win, row, ev->up);
		return APPLIED;
	}
	return IGNORED;
}

/* Applies @ev now, or keeps it for after the pending answers. Takes @ev. */
static void
handle(IotGtkConcentrator *win, IotGtkConcEvent *ev)
{
	if (win->closing || ev->source_id == NULL || apply(win, ev, FALSE) != WAIT) {
		event_free(ev);
	} else if (win->queued->len < MAX_QUEUED) {
		g_ptr_array_add(win->queued, ev);
	} else {
		g_debug("concentrator window: event queue full, event dropped");
		event_free(ev);
	}
	iot_gtk_conc_update_actions(win);
}

void
iot_gtk_conc_events_replay(IotGtkConcentrator *win, const char *source_id)
{
	GPtrArray *mine = g_ptr_array_new();
	guint i;

	/* Out of the queue first: applying one may end other loads. */
	for (i = 0; i < win->queued->len;) {
		IotGtkConcEvent *ev = g_ptr_array_index(win->queued, i);

		if (g_strcmp0(ev->source_id, source_id) == 0) {
			g_ptr_array_add(mine, ev);
			g_ptr_array_remove_index(win->queued, i);
		} else {
			i++;
		}
	}
	for (i = 0; i < mine->len; i++) {
		IotGtkConcEvent *ev = g_ptr_array_index(mine, i);

		if (apply(win, ev, TRUE) == WAIT)
			g_ptr_array_add(win->queued, ev);
		else
			event_free(ev);
	}
	g_ptr_array_free(mine, TRUE);
}

void
iot_gtk_conc_events_drop(IotGtkConcentrator *win, const char *source_id)
{
	guint i;

	for (i = 0; i < win->queued->len;) {
		IotGtkConcEvent *ev = g_ptr_array_index(win->queued, i);

		if (g_strcmp0(ev->source_id, source_id) == 0) {
			g_ptr_array_remove_index(win->queued, i);
			event_free(ev);
		} else {
			i++;
		}
	}
}

void
iot_gtk_conc_events_free(IotGtkConcentrator *win)
{
	guint i;

	for (i = 0; i < win->queued->len; i++)
		event_free(g_ptr_array_index(win->queued, i));
	g_ptr_array_free(win->queued, TRUE);
	win->queued = NULL;
}

static IotGtkConcEvent *
event_new(EventKind kind, const char *source_id)
{
	IotGtkConcEvent *ev = g_new0(IotGtkConcEvent, 1);

	ev->kind = kind;
	ev->source_id = g_strdup(source_id);
	return ev;
}

/* ---- the public entry points --------------------------------------------------------------- */

void
iot_gtk_concentrator_node_added(IotGtkConcentrator *win, const IotGtkConcNodeInfo *info,
                                const char *after_id, const char *after_partition)
{
	IotGtkConcEvent *ev;

	g_return_if_fail(win != NULL && info != NULL && info->node != NULL);
	if (info->node->ref.node_id == NULL)
		return;
	ev = event_new(EV_ADDED, info->node->ref.source_id);
	ev->info = iot_gtk_conc_node_info_copy(info);
	ev->after_id = g_strdup(after_id);
	ev->after_pt = g_strdup(after_partition);
	handle(win, ev);
}

void
iot_gtk_concentrator_node_updated(IotGtkConcentrator *win, const IotGtkConcNodeInfo *info,
                                  const char *old_id)
{
	IotGtkConcEvent *ev;

	g_return_if_fail(win != NULL && info != NULL && info->node != NULL);
	if (info->node->ref.node_id == NULL)
		return;
	ev = event_new(EV_UPDATED, info->node->ref.source_id);
	ev->info = iot_gtk_conc_node_info_copy(info);
	ev->old_id = g_strdup(old_id);
	handle(win, ev);
}

static IotGtkConcEvent *
ref_event(EventKind kind, const IotNodeRef *ref)
{
	IotGtkConcEvent *ev = event_new(kind, ref->source_id);

	iot_node_ref_copy(&ev->ref, ref);
	return ev;
}

void
iot_gtk_concentrator_node_status_changed(IotGtkConcentrator *win, const IotNodeRef *ref,
                                         IotNodeState state, const GPtrArray *messages)
{
	IotGtkConcEvent *ev;
	guint i;

	g_return_if_fail(win != NULL && ref != NULL);
	if (ref->node_id == NULL)
		return;
	ev = ref_event(EV_STATUS, ref);
	ev->state = state;
	if (messages != NULL) {
		ev->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_gtk_conc_message_free);
		for (i = 0; i < messages->len; i++)
			g_ptr_array_add(ev->messages, iot_gtk_conc_message_copy(g_ptr_array_index(messages, i)));
	}
	handle(win, ev);
}

void
iot_gtk_concentrator_node_removed(IotGtkConcentrator *win, const IotNodeRef *ref)
{
	g_return_if_fail(win != NULL && ref != NULL);
	if (ref->node_id != NULL)
		handle(win, ref_event(EV_REMOVED, ref));
}

void
iot_gtk_concentrator_node_moved(IotGtkConcentrator *win, const IotNodeRef *ref, gboolean up)
{
	IotGtkConcEvent *ev;

	g_return_if_fail(win != NULL && ref != NULL);
	if (ref->node_id == NULL)
		return;
	ev = ref_event(EV_MOVED, ref);
	ev->up = up;
	handle(win, ev);
}
