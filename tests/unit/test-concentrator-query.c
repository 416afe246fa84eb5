/* test-concentrator-query.c — node query results: XEP-0326's query events
 * built into tables, sections, objects and messages; NF progress numbered
 * by seqNr taken in its turn when it comes out of order, duplicates
 * dropped, a gap too wide refused; bounds; and the query flow over the
 * request table: progress routed by query id, the client's id and a
 * duplicate refused with conflict, the XSF concentrator's own id, abort,
 * cancel from a callback, timeout and disconnect — each ending once. */
#include "iot-tests.h"

#include "fake-transport.h"
#include "iot-concentrator-query.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <string.h>

TCase *iot_concentrator_query_tcase(void);

#define PEER "hub@home.example/hub"
#define NF_NS "urn:nf:iot:concentrator:1.0"
#define XSF_NS "urn:xmpp:iot:concentrators"

typedef struct {
	GString *log; /* one letter per event, in order */
	guint records;
} Seen;

static void
seen_event(const IotQueryEvent *ev, const IotQueryResult *r, gpointer data)
{
	Seen *s = data;
	static const char letters[] = "SDAtsTRdOMbe";

	g_string_append_c(s->log, letters[ev->kind]);
	if (ev->kind == IOT_QUERY_EVENT_RECORDS_ADDED)
		s->records += ev->n_records;
}

/* The <queryProgress/> of fixture @relpath fed to @s. */
static gboolean
feed_fixture(IotQueryStream *s, const char *relpath, Seen *seen, GError **error)
{
	xmlNode *msg = iot_test_fixture_root(relpath);
	gboolean ok = iot_query_stream_feed(s, iot_xml_first(msg), seen_event, seen, error);

	xmlFreeDoc(msg->doc);
	return ok;
}

static gboolean
feed_xml(IotQueryStream *s, const char *xml, Seen *seen, GError **error)
{
	xmlNode *p = iot_test_parse(xml);
	gboolean ok = iot_query_stream_feed(s, p, seen_event, seen, error);

	xmlFreeDoc(p->doc);
	return ok;
}

START_TEST(test_xsf_query_events_build_the_result)
{
	IotQueryStream *s = iot_query_stream_new();
	Seen seen = { g_string_new(NULL), 0 };
	const IotQueryResult *r = iot_query_stream_result(s);
	const IotQueryTable *t;
	const IotQueryColumn *c;
	const IotQueryRecord *rec;
	const IotQueryItem *item;
	const IotQuerySection *sec;
	GError *error = NULL;

	ck_assert(feed_fixture(s, "concentrator/xsf-query-progress-1.xml", &seen, &error));
	ck_assert(!iot_query_stream_finished(s));
	ck_assert(feed_fixture(s, "concentrator/xsf-query-progress-2.xml", &seen, &error));
	ck_assert_ptr_null(error);
	ck_assert_str_eq(seen.log->str, "StbTRdOMseD");
	ck_assert(r->started && r->done && !r->aborted);
	ck_assert(iot_query_stream_finished(s));
	ck_assert_str_eq(r->title, "Current state");
	ck_assert_str_eq(r->status, "Processing. 67% done.");
	/* The table is in the section, the object after it. */
	ck_assert_uint_eq(r->root->items->len, 1);
	item = g_ptr_array_index(r->root->items, 0);
	ck_assert_int_eq(item->kind, IOT_QUERY_ITEM_SECTION);
	sec = item->section;
	ck_assert_str_eq(sec->header, "1. Stockholm");
	ck_assert_uint_eq(sec->items->len, 2);
	ck_assert_int_eq(((IotQueryItem *)g_ptr_array_index(sec->items, 1))->kind, IOT_QUERY_ITEM_OBJECT);
	ck_assert_uint_eq(g_bytes_get_size(((IotQueryItem *)g_ptr_array_index(sec->items, 1))->object->data), 5);
	t = iot_query_result_table(r, "table1");
	ck_assert_ptr_nonnull(t);
	ck_assert(t->done);
	ck_assert_str_eq(t->name, "Events");
	ck_assert_uint_eq(t->columns->len, 2);
	c = g_ptr_array_index(t->columns, 1);
	ck_assert_str_eq(c->header, "Message");
	ck_assert_str_eq(c->fg_color, "FF0000");
	ck_assert_ptr_null(c->bg_color); /* not a colour */
	ck_assert_int_eq(c->nr_decimals, 2);
	ck_assert_int_eq(((IotQueryColumn *)g_ptr_array_index(t->columns, 0))->alignment, IOT_QUERY_ALIGN_LEFT);
	ck_assert_uint_eq(t->records->len, 2);
	rec = g_ptr_array_index(t->records, 0);
	ck_assert_uint_eq(rec->n_cells, 2);
	ck_assert_int_eq(rec->cells[0].type, IOT_QUERY_CELL_DATETIME);
	ck_assert_str_eq(rec->cells[1].value, "Harassed");
	rec = g_ptr_array_index(t->records, 1);
	ck_assert_int_eq(rec->cells[1].type, IOT_QUERY_CELL_VOID);
	ck_assert_ptr_null(rec->cells[1].value);
	ck_assert_uint_eq(r->messages->len, 1);
	ck_assert_str_eq(((IotQueryMessage *)g_ptr_array_index(r->messages, 0))->text, "30 events found.");
	/* Nothing after done. */
	ck_assert(feed_fixture(s, "concentrator/xsf-query-progress-1.xml", &seen, &error));
	ck_assert_str_eq(seen.log->str, "StbTRdOMseD");
	iot_query_stream_free(s);
	g_string_free(seen.log, TRUE);
}
END_TEST

static void
feed_nf_parts(IotQueryStream *s, const guint *order, guint n, Seen *seen)
{
	guint i;

	for (i = 0; i < n; i++) {
		char *path = g_strdup_printf("concentrator/nf-query-progress-%u.xml", order[i]);
		GError *error = NULL;

		ck_assert_msg(feed_fixture(s, path, seen, &error), "%s", error ? error->message : "");
		g_free(path);
	}
}

START_TEST(test_nf_progress_is_taken_in_its_turn)
{
	static const guint in_order[] = { 1, 2, 3, 4 }, shuffled[] = { 1, 3, 2, 2, 4 }, late_start[] = { 4, 3, 2, 1 };
	const guint *orders[] = { in_order, shuffled, late_start };
	const guint lens[] = { 4, 5, 4 };
	guint k;

	for (k = 0; k < G_N_ELEMENTS(orders); k++) {
		IotQueryStream *s = iot_query_stream_new();
		Seen seen = { g_string_new(NULL), 0 };
		const IotQueryResult *r = iot_query_stream_result(s);
		const IotQueryRecord *rec;
		const IotQueryTable *t;

		feed_nf_parts(s, orders[k], lens[k], &seen);
		/* The same result, events in the same order, whatever came when. */
		ck_assert_str_eq(seen.log->str, "StTRdD");
		ck_assert(r->done);
		ck_assert_str_eq(r->title, "Switch log");
		t = iot_query_result_table(r, "log");
		ck_assert_uint_eq(t->records->len, 2);
		rec = g_ptr_array_index(t->records, 0);
		ck_assert_int_eq(rec->cells[2].type, IOT_QUERY_CELL_QUANTITY);
		ck_assert_str_eq(rec->cells[2].value, "7.2");
		ck_assert_str_eq(rec->cells[2].unit, "W");
		rec = g_ptr_array_index(t->records, 1);
		ck_assert_int_eq(rec->cells[2].type, IOT_QUERY_CELL_MEASUREMENT);
		ck_assert_str_eq(rec->cells[2].extra, "0.1");
		ck_assert_int_eq(((IotQueryColumn *)g_ptr_array_index(t->columns, 2))->alignment, IOT_QUERY_ALIGN_RIGHT);
		iot_query_stream_free(s);
		g_string_free(seen.log, TRUE);
	}
}
END_TEST

#define NF_PROGRESS(seq, body) \
	"<queryProgress xmlns='" NF_NS "' id='n' src='s' queryId='q' seqNr='" seq "'>" body "</queryProgress>"

START_TEST(test_a_gap_too_wide_ends_the_stream)
{
	IotQueryStream *s = iot_query_stream_new();
	Seen seen = { g_string_new(NULL), 0 };
	GError *error = NULL;
	char *xml;
	guint i;

	ck_assert(feed_xml(s, NF_PROGRESS("1", "<queryStarted/>"), &seen, &error));
	xml = g_strdup_printf(NF_PROGRESS("%u", "<status message='x'/>"), 2 + IOT_MAX_QUERY_PENDING + 1);
	ck_assert(!feed_xml(s, xml, &seen, &error));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_TOO_LARGE));
	g_clear_error(&error);
	g_free(xml);
	/* Within the window: held, then applied once 2 comes. */
	for (i = IOT_MAX_QUERY_PENDING + 1; i >= 3; i--) {
		xml = g_strdup_printf(NF_PROGRESS("%u", "<status message='s%u'/>"), i, i);
		ck_assert(feed_xml(s, xml, &seen, &error));
		g_free(xml);
	}
	ck_assert_str_eq(seen.log->str, "S");
	ck_assert(feed_xml(s, NF_PROGRESS("2", "<queryDone/>"), &seen, &error));
	/* Done at 2: the held statuses are not applied after it. */
	ck_assert_str_eq(seen.log->str, "SD");
	iot_query_stream_free(s);
	g_string_free(seen.log, TRUE);
}
END_TEST

START_TEST(test_query_results_are_bounded)
{
	IotQueryStream *s = iot_query_stream_new();
	Seen seen = { g_string_new(NULL), 0 };
	const IotQueryResult *r = iot_query_stream_result(s);
	GString *xml = g_string_new("<queryProgress xmlns='" XSF_NS "' queryId='Q'>");
	GError *error = NULL;
	xmlNode *p;
	guint i;

	for (i = 0; i <= IOT_MAX_QUERY_TABLES; i++)
		g_string_append_printf(xml, "<newTable tableId='t%u' tableName='T'/>", i);
	g_string_append(xml, "<newTable tableId='t0' tableName='again'/>");
	g_string_append_printf(xml, "<newRecords tableId='t%u'><record><int>1</int></record></newRecords>",
	                       IOT_MAX_QUERY_TABLES);
	g_string_append(xml, "<newRecords tableId='t0'>");
	for (i = 0; i < IOT_MAX_QUERY_RECORDS + 3; i++)
		g_string_append(xml, "<record><int>1</int></record>");
	g_string_append(xml, "</newRecords><newRecords tableId='t1'><record>");
	for (i = 0; i <= IOT_MAX_QUERY_COLUMNS; i++)
		g_string_append(xml, "<void/>");
	g_string_append(xml, "</record><record><weird>1</weird><string> kept as sent </string></record></newRecords>");
	for (i = 0; i <= IOT_MAX_QUERY_SECTION_DEPTH; i++)
		g_string_append(xml, "<beginSection header='deep'/>");
	for (i = 0; i <= IOT_MAX_QUERY_SECTION_DEPTH + 2; i++)
		g_string_append(xml, "<endSection/>");
	g_string_append(xml, "<newObject contentType='image/png'>!!!not base64</newObject><bogus/></queryProgress>");
	p = iot_test_parse(xml->str);
	ck_assert(iot_query_stream_feed(s, p, seen_event, &seen, &error));
	xmlFreeDoc(p->doc);
	ck_assert_uint_eq(r->tables->len, IOT_MAX_QUERY_TABLES);
	ck_assert_uint_eq(r->tables_dropped, 1);
	ck_assert_uint_eq(r->records, IOT_MAX_QUERY_RECORDS);
	/* 1 of the table not kept, 3 past the bound, t1's 2 after the bound */
	ck_assert_uint_eq(r->records_dropped, 1 + 3 + 2);
	ck_assert_uint_eq(((IotQueryTable *)g_ptr_array_index(r->tables, 0))->records_dropped, 3);
	ck_assert_uint_eq(r->cells_dropped, 0); /* t1's second record is past the records bound */
	/* a duplicate table, a section too deep, two ends too many, <bogus/> */
	ck_assert_uint_eq(r->elements_dropped, 1 + 1 + 2 + 1);
	ck_assert_uint_eq(seen.records, IOT_MAX_QUERY_RECORDS);
	iot_query_stream_free(s);

	/* Cells: an unknown element is an empty cell; a string keeps its spaces. */
	s = iot_query_stream_new();
	r = iot_query_stream_result(s);
	ck_assert(feed_xml(s,
	                   "<queryProgress xmlns='" XSF_NS "' queryId='Q'><newTable tableId='t' tableName='T'/>"
	                   "<newRecords tableId='t'><record><weird>1</weird><string> as sent </string>"
	                   "<base64 contentType='image/png'>aGVsbG8=</base64></record></newRecords>"
	                   "<newRecords tableId='nope'><record/></newRecords></queryProgress>",
	                   &seen, &error));
	{
		const IotQueryRecord *rec = g_ptr_array_index(iot_query_result_table(r, "t")->records, 0);

		ck_assert_int_eq(rec->cells[0].type, IOT_QUERY_CELL_VOID);
		ck_assert_str_eq(rec->cells[1].value, " as sent ");
		ck_assert_str_eq(rec->cells[2].extra, "image/png");
		ck_assert_uint_eq(r->cells_dropped, 1);
		ck_assert_uint_eq(r->records_dropped, 1);
	}
	iot_query_stream_free(s);
	g_string_free(seen.log, TRUE);
	g_string_free(xml, TRUE);
}
END_TEST

/* --- the flow ------------------------------------------------------------------------- */

typedef struct {
	int events, ends, frees;
	GError *error;
	gboolean refusal;
	gboolean done, aborted;
	guint records;
	gboolean cancel_on_table;
	IotConcentratorQuery *q;
} Run;

static void
run_event(IotConcentratorQuery *q, const IotNodeRef *node, const IotQueryEvent *ev, const IotQueryResult *r,
          gpointer data)
{
	Run *run = data;

	ck_assert_int_eq(run->ends, 0);
	ck_assert_ptr_nonnull(node);
	run->events++;
	if (ev->kind == IOT_QUERY_EVENT_RECORDS_ADDED)
		run->records += ev->n_records;
	if (ev->kind == IOT_QUERY_EVENT_TABLE_ADDED && run->cancel_on_table)
		iot_concentrator_query_cancel(q);
}

static void
run_end(IotConcentratorQuery *q, const GError *error, const IotConcentratorReply *refusal, gpointer data)
{
	Run *run = data;
	const IotQueryResult *r = iot_concentrator_query_result(q, NULL);

	run->ends++;
	run->error = error ? g_error_copy(error) : NULL;
	run->refusal = refusal != NULL && refusal->form_errors != NULL;
	run->done = r->done;
	run->aborted = r->aborted;
}

static void
run_free(gpointer data)
{
	((Run *)data)->frees++;
}

static const IotConcentratorQueryFuncs run_funcs = { run_event, run_end };

static IotConcentratorRequest *
query_request(const char *query_id)
{
	IotConcentratorRequest *r = iot_concentrator_request_new(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY);
	IotNodeRef n = { "living-room-lamp", "Rooms", NULL };
	xmlNode *x = iot_test_parse("<x xmlns='jabber:x:data' type='submit'/>");

	iot_concentrator_request_add_node(r, &n);
	r->command = g_strdup("log");
	r->query_id = g_strdup(query_id);
	iot_concentrator_request_set_form(r, x);
	xmlFreeDoc(x->doc);
	return r;
}

static IotConcentratorQuery *
start(IotGeneration gen, const char *query_id, Run *run)
{
	IotConcentratorRequest *r = query_request(query_id);
	IotConcentratorQuery *q = iot_concentrator_query_start(fake_table, PEER, gen, r, 5000, &run_funcs, run, run_free);

	iot_concentrator_request_free(r);
	run->q = q;
	return q;
}

/* Hands the <queryProgress/> of fixture @relpath (or @xml) from @from to the table. */
static gboolean
progress(const char *from, const char *relpath, const char *xml)
{
	xmlNode *msg = relpath ? iot_test_fixture_root(relpath) : iot_test_parse(xml);
	const xmlNode *p = relpath ? iot_xml_first(msg) : msg;
	gboolean taken = iot_concentrator_query_handle(fake_table, from, p);

	xmlFreeDoc(msg->doc);
	return taken;
}

/* NF part @n of the fixture query, as query @qid. */
static gboolean
part(guint n, const char *qid)
{
	char *path = g_strdup_printf("concentrator/nf-query-progress-%u.xml", n);
	xmlNode *msg = iot_test_fixture_root(path);
	xmlNode *p = iot_xml_first(msg);
	gboolean taken;

	iot_xml_set(p, "queryId", qid);
	taken = iot_concentrator_query_handle(fake_table, PEER, p);
	xmlFreeDoc(msg->doc);
	g_free(path);
	return taken;
}

static void
run_clear(Run *run)
{
	g_clear_error(&run->error);
	memset(run, 0, sizeof *run);
}

START_TEST(test_nf_query_runs_to_the_end_once)
{
	Run run = { 0 };
	char *id;

	start(IOT_GEN_NF, "q1", &run);
	id = fake_transport_last_attr(fake_ft, "executeNodeQuery", "queryId");
	ck_assert_str_eq(id, "q1");
	g_free(id);
	ck_assert_str_eq(iot_concentrator_query_get_id(run.q), "q1");
	/* Progress may come before the answer; from another address it is not taken. */
	ck_assert(!progress("mallory@home.example/x", "concentrator/nf-query-progress-1.xml", NULL));
	ck_assert(progress(PEER, "concentrator/nf-query-progress-1.xml", NULL));
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert(progress(PEER, "concentrator/nf-query-progress-3.xml", NULL));
	ck_assert(progress(PEER, "concentrator/nf-query-progress-2.xml", NULL));
	ck_assert_int_eq(run.ends, 0);
	ck_assert_uint_eq(run.records, 2);
	ck_assert(progress(PEER, "concentrator/nf-query-progress-4.xml", NULL));
	ck_assert_int_eq(run.ends, 1);
	ck_assert_int_eq(run.frees, 1);
	ck_assert_ptr_null(run.error);
	ck_assert(run.done);
	ck_assert_int_eq(run.events, 6);
	/* Late ones go nowhere. */
	ck_assert(!progress(PEER, "concentrator/nf-query-progress-4.xml", NULL));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	run_clear(&run);
}
END_TEST

START_TEST(test_duplicate_query_id_gets_conflict)
{
	Run first = { 0 }, second = { 0 }, third = { 0 };

	start(IOT_GEN_NF, "dup", &first);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	/* Same id again: the concentrator says conflict, the first goes on. */
	start(IOT_GEN_NF, "dup", &second);
	ck_assert(fake_table_answer(PEER, "concentrator/nf-execute-node-query-conflict.xml", NULL));
	ck_assert_int_eq(second.ends, 1);
	ck_assert(g_error_matches(second.error, IOT_ERROR, IOT_ERROR_CONFLICT));
	ck_assert_int_eq(first.ends, 0);
	ck_assert(part(1, "dup"));
	ck_assert_int_eq(first.events, 2);
	/* A concentrator that takes a duplicate: ours still cannot tell them apart. */
	start(IOT_GEN_NF, "dup", &third);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert_int_eq(third.ends, 1);
	ck_assert(g_error_matches(third.error, IOT_ERROR, IOT_ERROR_CONFLICT));
	iot_concentrator_query_cancel(first.q);
	ck_assert(g_error_matches(first.error, IOT_ERROR, IOT_ERROR_CANCELLED));
	run_clear(&first);
	run_clear(&second);
	run_clear(&third);
}
END_TEST

START_TEST(test_xsf_query_takes_the_concentrators_id)
{
	Run run = { 0 };
	char *id;

	start(IOT_GEN_XSF, "ignored", &run);
	id = fake_transport_last_attr(fake_ft, "executeNodeQuery", "queryId");
	ck_assert_ptr_null(id); /* the XSF concentrator names it */
	ck_assert_ptr_null(iot_concentrator_query_get_id(run.q));
	ck_assert(fake_table_answer(PEER, "concentrator/xsf-execute-node-query-result.xml", NULL));
	ck_assert_str_eq(iot_concentrator_query_get_id(run.q), "Query0001");
	ck_assert(progress(PEER, "concentrator/xsf-query-progress-1.xml", NULL));
	ck_assert(progress(PEER, "concentrator/xsf-query-progress-2.xml", NULL));
	ck_assert_int_eq(run.ends, 1);
	ck_assert(run.done);
	run_clear(&run);

	/* A refused form: the reply goes along with the error. */
	start(IOT_GEN_XSF, NULL, &run);
	ck_assert(fake_table_answer(PEER, "concentrator/xsf-execute-node-query-form-error.xml", NULL));
	ck_assert_int_eq(run.ends, 1);
	ck_assert(g_error_matches(run.error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert(run.refusal);
	run_clear(&run);
}
END_TEST

START_TEST(test_abort_ends_the_query_aborted)
{
	Run run = { 0 };
	char *id, *cmd;

	start(IOT_GEN_NF, "qa", &run);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert(part(1, "qa"));
	iot_concentrator_query_abort(run.q);
	iot_concentrator_query_abort(run.q); /* once */
	id = fake_transport_last_attr(fake_ft, "abortNodeQuery", "queryId");
	cmd = fake_transport_last_attr(fake_ft, "abortNodeQuery", "command");
	ck_assert_str_eq(id, "qa");
	ck_assert_str_eq(cmd, "log");
	g_free(id);
	g_free(cmd);
	ck_assert_int_eq(run.ends, 0);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert_int_eq(run.ends, 1);
	ck_assert_ptr_null(run.error);
	ck_assert(run.aborted && !run.done);
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	run_clear(&run);

	/* The concentrator's queryAborted ends it too, before the abort's answer. */
	start(IOT_GEN_NF, "qb", &run);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	iot_concentrator_query_abort(run.q);
	ck_assert(progress(PEER, NULL,
	                   "<queryProgress xmlns='" NF_NS "' id='living-room-lamp' src='Rooms' queryId='qb' seqNr='1'>"
	                   "<queryStarted/><queryAborted/></queryProgress>"));
	ck_assert_int_eq(run.ends, 1);
	ck_assert(run.aborted);
	ck_assert_ptr_null(run.error);
	/* The abort's late answer goes nowhere. */
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert_int_eq(run.ends, 1);
	run_clear(&run);

	/* Gone already (NotFound): over, aborted. */
	start(IOT_GEN_XSF, NULL, &run);
	ck_assert(fake_table_answer(PEER, "concentrator/xsf-execute-node-query-result.xml", NULL));
	iot_concentrator_query_abort(run.q);
	ck_assert(fake_table_answer(PEER, NULL,
	                            "<iq type='error'><abortNodeQueryResponse xmlns='" XSF_NS "' result='NotFound'/></iq>"));
	ck_assert_int_eq(run.ends, 1);
	ck_assert(run.aborted);
	run_clear(&run);
}
END_TEST

START_TEST(test_cancel_from_a_callback_ends_once)
{
	Run run = { 0 };
	char *id;

	run.cancel_on_table = TRUE;
	start(IOT_GEN_NF, "qc", &run);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert(part(1, "qc"));
	ck_assert(part(2, "qc"));
	ck_assert_int_eq(run.ends, 1);
	ck_assert_int_eq(run.frees, 1);
	ck_assert(g_error_matches(run.error, IOT_ERROR, IOT_ERROR_CANCELLED));
	ck_assert_int_eq(run.events, 3); /* started, title, the table; nothing after */
	/* The concentrator is asked to stop, without anyone waiting. */
	id = fake_transport_last_attr(fake_ft, "abortNodeQuery", "queryId");
	ck_assert_str_eq(id, "qc");
	g_free(id);
	ck_assert(!part(3, "qc"));
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	ck_assert_uint_eq(iot_request_table_count(fake_table), 0);
	run_clear(&run);
}
END_TEST

START_TEST(test_silence_times_out_and_disconnect_ends)
{
	Run run = { 0 };

	start(IOT_GEN_NF, "qt", &run);
	ck_assert(fake_table_answer(PEER, NULL, "<iq type='result'/>"));
	fake_transport_advance(fake_ft, 4000);
	ck_assert(part(1, "qt")); /* keeps it alive */
	fake_transport_advance(fake_ft, 4000);
	ck_assert_int_eq(run.ends, 0);
	fake_transport_advance(fake_ft, 1001);
	ck_assert_int_eq(run.ends, 1);
	ck_assert(g_error_matches(run.error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	run_clear(&run);

	start(IOT_GEN_NF, "qd", &run);
	iot_request_table_fail_all(fake_table, IOT_ERROR_DISCONNECTED, "disconnected");
	ck_assert_int_eq(run.ends, 1);
	ck_assert_int_eq(run.frees, 1);
	ck_assert(g_error_matches(run.error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	run_clear(&run);
}
END_TEST

TCase *
iot_concentrator_query_tcase(void)
{
	TCase *tc = tcase_create("query");

	tcase_add_checked_fixture(tc, fake_table_setup, fake_table_teardown);
	tcase_add_test(tc, test_xsf_query_events_build_the_result);
	tcase_add_test(tc, test_nf_progress_is_taken_in_its_turn);
	tcase_add_test(tc, test_a_gap_too_wide_ends_the_stream);
	tcase_add_test(tc, test_query_results_are_bounded);
	tcase_add_test(tc, test_nf_query_runs_to_the_end_once);
	tcase_add_test(tc, test_duplicate_query_id_gets_conflict);
	tcase_add_test(tc, test_xsf_query_takes_the_concentrators_id);
	tcase_add_test(tc, test_abort_ends_the_query_aborted);
	tcase_add_test(tc, test_cancel_from_a_callback_ends_once);
	tcase_add_test(tc, test_silence_times_out_and_disconnect_ends);
	return tc;
}
