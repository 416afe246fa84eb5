/*
 * bench-concentrator.c — the plant's node of 1,000 children expanded as a
 * browse window expands it: getChildNodes through the adapter on the account's stream (the libpurple-only plugin,
 * against the simulated home inside tests/testenv.sh), the answer put into
 * the tree model a window keeps (iot-concentrator-tree.h). Prints
 * "conc expand-1000-s <median-s> <min-s>" (call to model filled, median of
 * RUNS) and "conc bytes-per-node <bytes>" (heap the model holds per loaded
 * node).
 */
#include "client.h"

#include "iot-concentrator-tree.h"
#include "iot-purple-concentrator.h"

#include <gmodule.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#define RUNS 5
#define PLANT "plant@" DOMAIN

typedef guint (*BrowseNodesFn)(PurpleAccount *, const char *, const char *, const IotNodeRef *, gboolean,
                               IotPurpleConcentratorReplyFunc, gpointer, GDestroyNotify);

typedef struct {
	IotConcentratorTree *tree;
	const IotNodeRef *parent;
	gboolean done;
	gboolean ok;
	size_t heap_before, heap_after;
} Expand;

static void
expanded(PurpleAccount *account, const char *c, const IotConcentratorReply *reply, const GError *error,
         gpointer data)
{
	Expand *e = data;
	struct mallinfo2 mi;

	e->done = TRUE;
	if (error != NULL || reply->nodes == NULL) {
		fprintf(stderr, "bench-concentrator: %s\n", error != NULL ? error->message : "no nodes");
		return;
	}
	malloc_trim(0);
	mi = mallinfo2();
	e->heap_before = mi.uordblks;
	if (e->parent == NULL)
		e->ok = iot_concentrator_tree_set_roots(e->tree, "Plant", reply->nodes, NULL);
	else
		e->ok = iot_concentrator_tree_set_children(e->tree, e->parent, reply->nodes, NULL) &&
		        (g_strcmp0(e->parent->node_id, "a00-n00") != 0 || reply->nodes->len == 1000);
	mi = mallinfo2();
	e->heap_after = mi.uordblks;
}

static gboolean
expand_done(gpointer data)
{
	return ((Expand *)data)->done;
}

static double
expand(BrowseNodesFn browse, IotConcentratorTree *tree, const IotNodeRef *parent, size_t *bytes)
{
	Expand e = { tree, parent, FALSE, FALSE, 0, 0 };
	gint64 t0 = g_get_monotonic_time();

	/* Without parameters and messages: with them the answer of 1,000 nodes
	 * outgrows the server's stanza limit (256 KiB in Prosody). */
	browse(client_account(), PLANT, "Plant", parent, FALSE, expanded, &e, NULL);
	if (!client_spin(expand_done, &e, 60000) || !e.ok) {
		fprintf(stderr, "bench-concentrator: the plant did not expand %s\n",
		        parent != NULL ? parent->node_id : "its source");
		exit(1);
	}
	if (bytes != NULL)
		*bytes = e.heap_after - e.heap_before;
	return (g_get_monotonic_time() - t0) / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int
main(void)
{
	IotNodeRef area = { "area-00", "Plant", NULL }, big = { "a00-n00", "Plant", NULL };
	GPtrArray *sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	IotConcentratorSource plant = { "Plant", "Plant", TRUE, IOT_TIME_UNKNOWN };
	BrowseNodesFn browse = NULL;
	double t[RUNS];
	size_t bytes = 0;
	int i;

	client_start();
	if (!g_module_symbol(client_plugin()->handle, "iot_purple_concentrator_browse_nodes", (gpointer *)&browse) ||
	    browse == NULL) {
		fprintf(stderr, "bench-concentrator: no iot_purple_concentrator_browse_nodes in the plugin\n");
		return 1;
	}
	g_ptr_array_add(sources, iot_concentrator_source_copy(&plant));
	for (i = 0; i < RUNS; i++) {
		/* A window opened afresh each time: its source, the area, then the big node. */
		IotConcentratorTree *tree = iot_concentrator_tree_new();

		iot_concentrator_tree_set_sources(tree, sources);
		expand(browse, tree, NULL, NULL);
		expand(browse, tree, &area, NULL);
		client_sleep(100);
		t[i] = expand(browse, tree, &big, i == RUNS - 1 ? &bytes : NULL);
		iot_concentrator_tree_free(tree);
	}
	qsort(t, RUNS, sizeof t[0], cmp_double);
	printf("conc expand-1000-s %.6f %.6f\n", t[RUNS / 2], t[0]);
	printf("conc bytes-per-node %zu\n", bytes / 1000);
	fflush(stdout);
	g_ptr_array_unref(sources);
	client_stop();
	return 0;
}
