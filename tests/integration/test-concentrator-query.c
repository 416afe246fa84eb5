/* test-concentrator-query.c — node queries on the real stream: the hub's
 * (NF) switch log streams a table in numbered messages, one pair out of
 * order, and arrives in order; the gateway's (XEP-0326) search is named by
 * the gateway and comes unnumbered; a duplicate query id is refused with
 * conflict; abort and cancel end a query once; a refused query form says
 * which field. */
#include "client-concentrator.h"

/* iot-purple-concentrator.h's query callbacks, as the tests call them. */
typedef struct {
	void (*on_event)(guint handle, const IotNodeRef *node, const IotQueryEvent *ev, const IotQueryResult *result,
	                 gpointer user_data);
	void (*on_end)(guint handle, const GError *error, const IotConcentratorReply *refusal,
	               const IotQueryResult *result, gpointer user_data);
} QueryFuncs;
typedef guint (*QueryStartFn)(PurpleAccount *account, const char *who, const IotConcentratorRequest *req,
                              const QueryFuncs *funcs, gpointer user_data, GDestroyNotify destroy);

typedef struct {
	guint handle;
	int events, ends, destroys, events_after_end;
	guint records;
	gboolean in_order;      /* every record later than the one before */
	char *last_stamp;
	GError *error;
	gboolean refused_form, done, aborted;
	char *title;
	guint columns;
	gboolean cancel_at_first_records;
} QRun;

/* Queries of the running test: a failed test leaves none behind. */
static GPtrArray *live_runs;

static QRun *
q_new(void)
{
	QRun *q = g_new0(QRun, 1);

	if (live_runs == NULL)
		live_runs = g_ptr_array_new();
	g_ptr_array_add(live_runs, q);
	return q;
}

static void
q_event(guint handle, const IotNodeRef *node, const IotQueryEvent *ev, const IotQueryResult *result, gpointer data)
{
	QRun *q = data;
	guint i;

	q->events++;
	if (q->ends > 0)
		q->events_after_end++;
	if (ev->kind == IOT_QUERY_EVENT_TABLE_ADDED)
		q->columns = ev->table->columns->len;
	if (ev->kind != IOT_QUERY_EVENT_RECORDS_ADDED)
		return;
	for (i = 0; i < ev->n_records; i++) {
		const IotQueryRecord *r = g_ptr_array_index(ev->table->records, ev->first_record + i);

		if (q->last_stamp != NULL && g_strcmp0(r->cells[0].value, q->last_stamp) <= 0)
			q->in_order = FALSE;
		g_free(q->last_stamp);
		q->last_stamp = g_strdup(r->cells[0].value);
	}
	q->records += ev->n_records;
	if (q->cancel_at_first_records)
		((void (*)(guint))conc_sym("iot_purple_concentrator_cancel"))(handle);
}

static void
q_end(guint handle, const GError *error, const IotConcentratorReply *refusal, const IotQueryResult *result,
      gpointer data)
{
	QRun *q = data;

	q->ends++;
	q->error = error ? g_error_copy(error) : NULL;
	q->refused_form = refusal != NULL && refusal->form_errors != NULL && refusal->form_errors->len > 0;
	if (result != NULL) {
		q->done = result->done;
		q->aborted = result->aborted;
		q->title = g_strdup(result->title);
	}
}

static void
q_destroy(gpointer data)
{
	((QRun *)data)->destroys++;
}

static const QueryFuncs q_funcs = { q_event, q_end };

static gboolean
q_ended(gpointer data)
{
	return ((QRun *)data)->ends > 0;
}

static gboolean
q_has_records(gpointer data)
{
	return ((QRun *)data)->records > 0;
}

static void
q_start(QRun *q, const char *who, const char *node, const char *src, const char *command, const char *query_id,
        xmlNode *form)
{
	QueryStartFn start = conc_sym("iot_purple_concentrator_query_start");
	IotConcentratorRequest *r = conc_req(IOT_CONCENTRATOR_EXECUTE_NODE_QUERY, node, src);

	q->in_order = TRUE;
	r->command = g_strdup(command);
	r->query_id = g_strdup(query_id);
	iot_concentrator_request_set_form(r, form);
	xmlFreeDoc(form->doc);
	q->handle = start(client_account(), who, r, &q_funcs, q, q_destroy);
	ck_assert_uint_ne(q->handle, 0);
	ck_assert_int_eq(q->ends, 0);
	iot_concentrator_request_free(r);
}

static void
q_wait_end(QRun *q)
{
	ck_assert_msg(client_spin(q_ended, q, CLIENT_WAIT_MS), "the query did not end");
	client_sleep(300); /* nothing may follow */
	ck_assert_int_eq(q->ends, 1);
	ck_assert_int_eq(q->destroys, 1);
	ck_assert_int_eq(q->events_after_end, 0);
}

static void
q_free(QRun *q)
{
	g_ptr_array_remove(live_runs, q);
	g_clear_error(&q->error);
	g_free(q->last_stamp);
	g_free(q->title);
	g_free(q);
}

/* After each test, also a failed one: what still runs is cancelled. */
static void
leftovers(void)
{
	while (live_runs != NULL && live_runs->len > 0) {
		QRun *q = g_ptr_array_index(live_runs, 0);

		if (q->ends == 0 && q->handle != 0)
			((void (*)(guint))conc_sym("iot_purple_concentrator_cancel"))(q->handle);
		q_free(q);
	}
}

START_TEST(test_nf_query_streams_its_table_in_order)
{
	QRun *q = q_new();

	/* 40 records in 8 messages; the hub sends two of them out of order. */
	q_start(q, HUB, "living-room-lamp", "Rooms", "log", NULL, conc_submit("Rows", "40", NULL));
	q_wait_end(q);
	ck_assert_msg(q->error == NULL, "%s", q->error ? q->error->message : "");
	ck_assert(q->done && !q->aborted);
	ck_assert_uint_eq(q->records, 40);
	ck_assert(q->in_order);
	ck_assert_uint_eq(q->columns, 3);
	ck_assert_str_eq(q->title, "Switch log of Living room lamp");
	q_free(q);
}
END_TEST

START_TEST(test_xsf_query_is_named_by_the_gateway)
{
	QRun *q = q_new();

	q_start(q, GATEWAY, "apt-1-1", "Building", "searchEvents", "ignored", conc_submit("Rows", "12", NULL));
	q_wait_end(q);
	ck_assert_ptr_null(q->error);
	ck_assert(q->done);
	ck_assert_uint_eq(q->records, 12);
	ck_assert(q->in_order);
	ck_assert_str_eq(q->title, "Events of Apartment 1-1");
	q_free(q);

	/* A refused form: which field, and why. */
	q = q_new();
	q_start(q, GATEWAY, "apt-1-1", "Building", "searchEvents", NULL,
	        conc_submit("from", "2013-04-23T12:58:00", "to", "2013-04-16T12:58:00", NULL));
	q_wait_end(q);
	ck_assert(g_error_matches(q->error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	ck_assert_str_eq(q->error->message, "The TO timestamp needs to be later than the FROM timestamp.");
	ck_assert(q->refused_form);
	ck_assert_int_eq(q->events, 0);
	q_free(q);
}
END_TEST

START_TEST(test_duplicate_query_id_conflict_and_abort)
{
	QRun *first = q_new(), *second = q_new();

	/* 200 records, a message every 100 ms: long enough to run into. */
	q_start(first, HUB, "living-room-lamp", "Rooms", "log", "dup-1", conc_submit("Rows", "200", "Pace", "100", NULL));
	ck_assert(client_spin(q_has_records, first, CLIENT_WAIT_MS));
	q_start(second, HUB, "living-room-lamp", "Rooms", "log", "dup-1", conc_submit("Rows", "5", NULL));
	q_wait_end(second);
	ck_assert(g_error_matches(second->error, IOT_ERROR, IOT_ERROR_CONFLICT));
	ck_assert_str_eq(second->error->message, "Query with same ID already running.");
	ck_assert_int_eq(first->ends, 0); /* the first goes on */
	((void (*)(guint))conc_sym("iot_purple_concentrator_query_abort"))(first->handle);
	q_wait_end(first);
	ck_assert_ptr_null(first->error);
	ck_assert(first->aborted && !first->done);
	ck_assert_uint_lt(first->records, 200);
	q_free(first);
	q_free(second);
	/* The id is free again. */
	first = q_new();
	q_start(first, HUB, "living-room-lamp", "Rooms", "log", "dup-1", conc_submit("Rows", "5", NULL));
	q_wait_end(first);
	ck_assert(first->done);
	q_free(first);
}
END_TEST

START_TEST(test_cancel_from_a_callback_ends_once)
{
	QRun *q = q_new();

	q->cancel_at_first_records = TRUE;
	q_start(q, HUB, "living-room-lamp", "Rooms", "log", NULL, conc_submit("Rows", "100", "Pace", "50", NULL));
	q_wait_end(q);
	client_sleep(500);
	ck_assert(g_error_matches(q->error, IOT_ERROR, IOT_ERROR_CANCELLED));
	ck_assert_uint_eq(q->records, 5); /* the first message's, nothing after */
	ck_assert_int_eq(q->events_after_end, 0);
	q_free(q);
	/* The hub was asked to stop: the same query id runs again at once. */
}
END_TEST

TCase *iot_concentrator_query_tcase(void);

TCase *
iot_concentrator_query_tcase(void)
{
	TCase *tc = tcase_create("concentrator-query");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, NULL, leftovers);
	tcase_add_test(tc, test_nf_query_streams_its_table_in_order);
	tcase_add_test(tc, test_xsf_query_is_named_by_the_gateway);
	tcase_add_test(tc, test_duplicate_query_id_conflict_and_abort);
	tcase_add_test(tc, test_cancel_from_a_callback_ends_once);
	return tc;
}
