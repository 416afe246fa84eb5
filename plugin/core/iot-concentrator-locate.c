/* iot-concentrator-locate.c — where a node lives behind a concentrator.
 * See iot-concentrator-flow.h. */
#include "iot-concentrator-flow.h"

#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

typedef enum {
	STEP_ALL_SOURCES,   /* getAllDataSources */
	STEP_ROOT_SOURCES,  /* getRootDataSources */
	STEP_CHILD_SOURCES, /* getChildDataSources of sources[expand - 1] */
	STEP_GET_NODE,      /* getNode in sources[next - 1] */
	STEP_CONTAINS_NODE  /* containsNode in sources[next - 1] */
} Step;

struct _IotConcentratorLocate {
	IotRequestTable *table;
	char *peer;
	IotGeneration gen;
	char *node_id;
	guint timeout_ms;
	GPtrArray *sources;         /* (element-type IotConcentratorSource) */
	guint expand;               /* sources whose children were asked for (root walk) */
	guint next;                 /* sources asked for the node */
	gboolean no_get_node;       /* getNode is not implemented: ask containsNode */
	Step step;
	guint request;              /* the request under way, 0 between requests */
	IotConcentratorNode *found; /* from the last answer */
	GPtrArray *answer_sources;  /* from the last answer */
	gboolean contained;         /* from the last answer */
	IotConcentratorLocateFunc cb;
	gpointer user_data;
	GDestroyNotify destroy;
};

static void step_done(IotConcentratorLocate *op, const GError *error);

static void
op_finish(IotConcentratorLocate *op, const IotConcentratorNode *node, const GError *error)
{
	op->cb(node, op->sources->len > 0 ? op->sources : NULL, error, op->user_data);
	if (op->destroy != NULL)
		op->destroy(op->user_data);
	g_ptr_array_unref(op->sources);
	if (op->answer_sources != NULL)
		g_ptr_array_unref(op->answer_sources);
	iot_concentrator_node_free(op->found);
	g_free(op->node_id);
	g_free(op->peer);
	g_free(op);
}

static const IotConcentratorSource *
source_at(IotConcentratorLocate *op, guint i)
{
	return g_ptr_array_index(op->sources, i);
}

static void
on_iq(IotRequest *req, gboolean is_error, const xmlNode *iq, gpointer data)
{
	IotConcentratorLocate *op = data;
	GError *error = NULL;

	if (is_error) {
		error = iot_error_from_stanza(iq);
	} else if (op->step == STEP_GET_NODE) {
		IotNodeRef asked = { op->node_id, source_at(op, op->next - 1)->source_id, NULL };

		op->found = iot_concentrator_parse_node(iq, &asked, &error);
	} else if (op->step == STEP_CONTAINS_NODE) {
		iot_concentrator_parse_bool(iq, &op->contained, &error);
	} else {
		op->answer_sources = iot_concentrator_parse_sources(iq, NULL, &error);
	}
	iot_request_finish(req, error);
	g_clear_error(&error);
}

static void
on_finish(IotRequest *req, const GError *error, gpointer data)
{
	IotConcentratorLocate *op = data;

	op->request = 0;
	step_done(op, error);
}

static const IotRequestClass locate_class = { on_iq, NULL, on_finish, NULL };

/* Sends the request of @step about @source_id or the node in @source_id. */
static void
ask(IotConcentratorLocate *op, Step step, const char *source_id)
{
	static const IotConcentratorOp ops[] = {
		[STEP_ALL_SOURCES] = IOT_CONCENTRATOR_GET_ALL_DATA_SOURCES,
		[STEP_ROOT_SOURCES] = IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES,
		[STEP_CHILD_SOURCES] = IOT_CONCENTRATOR_GET_CHILD_DATA_SOURCES,
		[STEP_GET_NODE] = IOT_CONCENTRATOR_GET_NODE,
		[STEP_CONTAINS_NODE] = IOT_CONCENTRATOR_CONTAINS_NODE,
	};
	IotNodeRef node = { op->node_id, (char *)source_id, NULL };
	xmlNode *iq = iot_xml_new("iq", NULL);

	op->step = step;
	iot_xml_set(iq, "type", "get");
	xmlAddChild(iq, iot_concentrator_build(op->gen, ops[step], source_id, &node));
	op->request = iot_request_send(op->table, op->peer, iq, op->timeout_ms, &locate_class, op, NULL);
}

/* Adds the sources of the last answer that are not known yet. */
static void
take_sources(IotConcentratorLocate *op)
{
	guint i, j;

	for (i = 0; op->answer_sources != NULL && i < op->answer_sources->len; i++) {
		IotConcentratorSource *s = g_ptr_array_index(op->answer_sources, i);
		gboolean known = FALSE;

		for (j = 0; j < op->sources->len && !known; j++)
			known = g_strcmp0(source_at(op, j)->source_id, s->source_id) == 0;
		if (!known && op->sources->len < IOT_MAX_CONCENTRATOR_SOURCES)
			g_ptr_array_add(op->sources, iot_concentrator_source_copy(s));
	}
	g_clear_pointer(&op->answer_sources, g_ptr_array_unref);
}

/* Asks the next source for the node, or ends: no source has it. */
static void
ask_next_source(IotConcentratorLocate *op)
{
	GError *error;

	if (op->next < op->sources->len) {
		const char *src = source_at(op, op->next++)->source_id;

		ask(op, op->no_get_node ? STEP_CONTAINS_NODE : STEP_GET_NODE, src);
		return;
	}
	error = g_error_new_literal(IOT_ERROR, IOT_ERROR_UNKNOWN_NODE, op->node_id);
	op_finish(op, NULL, error);
	g_error_free(error);
}

/* The root walk: asks for the children of the next source that has some. */
static void
expand_next_source(IotConcentratorLocate *op)
{
	while (op->expand < op->sources->len) {
		const IotConcentratorSource *s = source_at(op, op->expand++);

		if (s->has_children) {
			ask(op, STEP_CHILD_SOURCES, s->source_id);
			return;
		}
	}
	ask_next_source(op);
}

static gboolean
is(const GError *error, IotErrorCode code)
{
	return g_error_matches(error, IOT_ERROR, code);
}

static void
step_done(IotConcentratorLocate *op, const GError *error)
{
	switch (op->step) {
	case STEP_ALL_SOURCES:
		if (is(error, IOT_ERROR_NOT_IMPLEMENTED)) {
			ask(op, STEP_ROOT_SOURCES, NULL);
			return;
		}
		/* fall through */
	case STEP_ROOT_SOURCES:
	case STEP_CHILD_SOURCES:
		/* A child source that cannot be listed leaves the others. */
		if (error != NULL && !(op->step == STEP_CHILD_SOURCES && (is(error, IOT_ERROR_NOT_FOUND) ||
		                                                          is(error, IOT_ERROR_REJECTED))))
			break;
		take_sources(op);
		if (op->step == STEP_ALL_SOURCES)
			ask_next_source(op);
		else
			expand_next_source(op);
		return;
	case STEP_GET_NODE:
		if (error == NULL) {
			IotConcentratorNode *n = op->found;

			op->found = NULL;
			op_finish(op, n, NULL);
			iot_concentrator_node_free(n);
			return;
		}
		if (is(error, IOT_ERROR_NOT_IMPLEMENTED)) {
			op->no_get_node = TRUE;
			op->next--;
			ask_next_source(op);
			return;
		}
		/* fall through */
	case STEP_CONTAINS_NODE:
		if (error == NULL && op->contained) {
			IotConcentratorNode *n = iot_concentrator_node_new(op->node_id);

			n->ref.source_id = g_strdup(source_at(op, op->next - 1)->source_id);
			op_finish(op, n, NULL);
			iot_concentrator_node_free(n);
			return;
		}
		if (error == NULL || is(error, IOT_ERROR_NOT_FOUND) || is(error, IOT_ERROR_REJECTED)) {
			ask_next_source(op);
			return;
		}
		break;
	}
	op_finish(op, NULL, error);
}

IotConcentratorLocate *
iot_concentrator_locate(IotRequestTable *table, const char *peer, IotGeneration gen,
                        const char *node_id, const GPtrArray *sources, guint timeout_ms,
                        IotConcentratorLocateFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotConcentratorLocate *op;
	guint i;

	g_return_val_if_fail(table != NULL && peer != NULL && node_id != NULL && cb != NULL, NULL);
	g_return_val_if_fail(iot_ns_for(gen, IOT_FUNC_CONCENTRATOR) != NULL, NULL);

	op = g_new0(IotConcentratorLocate, 1);
	op->table = table;
	op->peer = g_strdup(peer);
	op->gen = gen;
	op->node_id = g_strdup(node_id);
	op->timeout_ms = timeout_ms;
	op->sources = g_ptr_array_new_with_free_func((GDestroyNotify)iot_concentrator_source_free);
	for (i = 0; sources != NULL && i < sources->len && i < IOT_MAX_CONCENTRATOR_SOURCES; i++)
		g_ptr_array_add(op->sources, iot_concentrator_source_copy(g_ptr_array_index(sources, i)));
	op->cb = cb;
	op->user_data = user_data;
	op->destroy = destroy;
	/* Every path starts with a request, so @cb never runs before we return. */
	if (op->sources->len > 0)
		ask_next_source(op);
	else
		ask(op, STEP_ALL_SOURCES, NULL);
	return op;
}

void
iot_concentrator_locate_cancel(IotConcentratorLocate *op)
{
	g_return_if_fail(op != NULL);
	/* Ends the request under way, whose end ends the lookup. */
	if (op->request != 0)
		iot_request_table_cancel(op->table, op->request);
}
