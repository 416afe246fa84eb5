/* test-concentrator-events.c — data-source events on the real stream, and
 * what goes wrong while browsing: NF events (normal messages without a body)
 * consumed, never an empty IM, applied to a loaded tree (one under a parent
 * not loaded marks it); an NF subscription renewed before its ttl lapses;
 * an XEP-0326 subscription made again when the gateway comes back; both
 * made again after our reconnect, with goodbye said at sign-off; a node
 * removed while its children are asked for; a concentrator going offline
 * mid-expansion and mid-query; malformed and partial answers; unloading with
 * a request under way. Each flow ends once with a clear error. */
#include "client-concentrator.h"

#include <stdlib.h>

typedef guint (*SubscribeFn)(PurpleAccount *account, const char *who, const char *source_id, guint32 events,
                             gboolean details, guint ttl_s,
                             void (*cb)(guint, const IotSourceEvent *, const GError *, gpointer), gpointer user_data,
                             GDestroyNotify destroy);

typedef struct {
	guint handle;
	int confirmed, errors, events, destroys;
	GError *last_error;
	GPtrArray *got;              /* (element-type IotSourceEvent) copies */
	IotConcentratorTree *tree;   /* (nullable) events applied here */
	GString *changes;            /* one letter per tree change: I A U S R M P */
} Sub;

static int empty_ims; /* IMs from a concentrator without text: must stay 0 */

/* Subscriptions of the running test: a failed test leaves none behind. */
static GPtrArray *live_subs;

static void
count_empty_im(PurpleAccount *account, const char *who, const char *message, PurpleConversation *conv,
               PurpleMessageFlags flags, gpointer data)
{
	char *text = message ? purple_markup_strip_html(message) : NULL;

	if (text == NULL || *g_strstrip(text) == '\0')
		empty_ims++;
	g_free(text);
}

static void
sub_cb(guint handle, const IotSourceEvent *ev, const GError *error, gpointer data)
{
	Sub *s = data;

	if (ev == NULL && error == NULL) {
		s->confirmed++;
		return;
	}
	if (error != NULL) {
		s->errors++;
		g_clear_error(&s->last_error);
		s->last_error = g_error_copy(error);
		return;
	}
	s->events++;
	g_ptr_array_add(s->got, iot_source_event_copy(ev));
	if (s->tree != NULL)
		g_string_append_c(s->changes, "IAUSRMP"[iot_concentrator_tree_apply(s->tree, ev, NULL, NULL)]);
}

static void
sub_destroy(gpointer data)
{
	((Sub *)data)->destroys++;
}

static void
sub_free(Sub *s)
{
	g_ptr_array_unref(s->got);
	g_string_free(s->changes, TRUE);
	g_clear_error(&s->last_error);
	if (s->tree != NULL)
		iot_concentrator_tree_free(s->tree);
	g_free(s);
}

static Sub *
sub_start(const char *who, const char *source, guint ttl_s)
{
	SubscribeFn subscribe = conc_sym("iot_purple_concentrator_subscribe");
	Sub *s = g_new0(Sub, 1);

	if (live_subs == NULL)
		live_subs = g_ptr_array_new();
	g_ptr_array_add(live_subs, s);
	s->got = g_ptr_array_new_with_free_func((GDestroyNotify)iot_source_event_free);
	s->changes = g_string_new(NULL);
	s->handle = subscribe(client_account(), who, source, 0, TRUE, ttl_s, sub_cb, s, sub_destroy);
	ck_assert_uint_ne(s->handle, 0);
	ck_assert_int_eq(s->confirmed, 0);
	return s;
}

static void
sub_stop(Sub *s)
{
	((void (*)(guint))conc_sym("iot_purple_concentrator_unsubscribe"))(s->handle);
	g_ptr_array_remove(live_subs, s);
	ck_assert_int_eq(s->destroys, 1);
	sub_free(s);
}

/* After each test, also a failed one: nothing keeps calling into it. */
static void
leftovers(void)
{
	while (live_subs != NULL && live_subs->len > 0) {
		Sub *s = g_ptr_array_index(live_subs, live_subs->len - 1);

		((void (*)(guint))conc_sym("iot_purple_concentrator_unsubscribe"))(s->handle);
		g_ptr_array_remove_index(live_subs, live_subs->len - 1);
		sub_free(s);
	}
}

typedef struct {
	Sub *s;
	int at_least;
} SubWait;

static gboolean
confirmed_n(gpointer d)
{
	SubWait *w = d;
	return w->s->confirmed >= w->at_least;
}

static gboolean
events_n(gpointer d)
{
	SubWait *w = d;
	return w->s->events >= w->at_least;
}

static gboolean
errors_n(gpointer d)
{
	SubWait *w = d;
	return w->s->errors >= w->at_least;
}

#define WAIT(fn, sub, n) ck_assert_msg(client_spin(fn, &(SubWait){ (sub), (n) }, CLIENT_WAIT_MS), #fn " %d", (n))

static const IotSourceEvent *
last_event(const Sub *s)
{
	return g_ptr_array_index(s->got, s->got->len - 1);
}

static void
chat_ok(const char *who, const char *body)
{
	char *r = conc_chat(who, body);

	ck_assert_msg(g_str_has_prefix(r, "conc"), "%s answered %s", who, r);
	g_free(r);
}

/* A tree with the hub's sources, roots and the living room's children. */
static IotConcentratorTree *
hub_tree(void)
{
	IotConcentratorTree *t = iot_concentrator_tree_new();
	IotNodeRef living = { "living-room", "Rooms", NULL };
	ConcGot *g = conc_run(HUB, iot_concentrator_request_new(IOT_CONCENTRATOR_GET_ROOT_DATA_SOURCES));

	iot_concentrator_tree_set_sources(t, g->sources);
	conc_got_free(g);
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_ROOT_NODES, NULL, "Rooms"));
	ck_assert(iot_concentrator_tree_set_roots(t, "Rooms", g->nodes, NULL));
	conc_got_free(g);
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_CHILD_NODES, "living-room", "Rooms"));
	ck_assert(iot_concentrator_tree_set_children(t, &living, g->nodes, NULL));
	conc_got_free(g);
	return t;
}

START_TEST(test_events_keep_a_tree_current)
{
	static int h;
	IotNodeRef sensor = { "motion", "Rooms", NULL }, bedroom = { "bedroom", "Rooms", NULL };
	Sub *s;

	purple_signal_connect(purple_conversations_get_handle(), "received-im-msg", &h, PURPLE_CALLBACK(count_empty_im),
	                      NULL);
	empty_ims = 0;
	s = sub_start(HUB, "Rooms", 0);
	s->tree = hub_tree();
	WAIT(confirmed_n, s, 1);
	chat_ok(HUB, "conc tick"); /* the living room's state flips */
	WAIT(events_n, s, 1);
	ck_assert_int_eq(last_event(s)->type, IOT_SOURCE_EVENT_NODE_STATUS_CHANGED);
	ck_assert_str_eq(last_event(s)->node->ref.node_id, "living-room");
	chat_ok(HUB, "conc rename living-room-sensor motion");
	WAIT(events_n, s, 2);
	ck_assert_str_eq(last_event(s)->old_id, "living-room-sensor");
	ck_assert_ptr_nonnull(iot_concentrator_tree_lookup(s->tree, &sensor));
	/* Under a parent whose children are not loaded: the parent is marked. */
	ck_assert(!iot_concentrator_tree_lookup(s->tree, &bedroom)->has_children ||
	          iot_concentrator_tree_children(s->tree, &bedroom) == NULL);
	chat_ok(HUB, "conc add bedroom bedroom-plug");
	chat_ok(HUB, "conc add living-room living-room-plug");
	chat_ok(HUB, "conc remove living-room-plug");
	WAIT(events_n, s, 5);
	ck_assert_str_eq(s->changes->str, "SUPAR");
	ck_assert(iot_concentrator_tree_lookup(s->tree, &bedroom)->has_children);
	/* Never an empty IM. */
	ck_assert_int_eq(empty_ims, 0);
	ck_assert_int_eq(s->errors, 0);
	sub_stop(s);
	client_reset_thing(HUB);
	purple_signal_disconnect(purple_conversations_get_handle(), "received-im-msg", &h,
	                         PURPLE_CALLBACK(count_empty_im));
}
END_TEST

static int
renewals(const char *reply)
{
	const char *p = strstr(reply, "(renewed ");

	return p ? atoi(p + strlen("(renewed ")) : -1;
}

START_TEST(test_nf_subscription_is_renewed_before_it_lapses)
{
	Sub *s;
	char *r;
	int before;

	r = conc_chat(HUB, "conc subscriptions");
	before = renewals(r);
	g_free(r);
	s = sub_start(HUB, "Rooms", 4); /* renewed after 3 s */
	WAIT(confirmed_n, s, 1);
	client_sleep(7500);
	r = conc_chat(HUB, "conc subscriptions");
	ck_assert_msg(g_str_has_prefix(r, "conc subscriptions: 1 ") && renewals(r) >= before + 2, "%s", r);
	g_free(r);
	ck_assert_int_ge(s->confirmed, 3);
	/* Still in force past the first lifetime. */
	chat_ok(HUB, "conc tick");
	WAIT(events_n, s, 1);
	sub_stop(s);
	client_sleep(300);
	r = conc_chat(HUB, "conc subscriptions");
	ck_assert_msg(g_str_has_prefix(r, "conc subscriptions: 0 "), "%s", r);
	g_free(r);
	client_reset_thing(HUB);
}
END_TEST

START_TEST(test_xsf_subscription_returns_with_the_gateway)
{
	Sub *s;

	s = sub_start(GATEWAY, "Building", 0);
	WAIT(confirmed_n, s, 1);
	chat_ok(GATEWAY, "conc state apt-1-1 ErrorUnsigned Window broken");
	WAIT(events_n, s, 1);
	ck_assert_int_eq(last_event(s)->node->state, IOT_NODE_STATE_ERROR_UNSIGNED);
	ck_assert_str_eq(((IotNodeMessage *)g_ptr_array_index(last_event(s)->node->messages, 0))->text, "Window broken");
	/* It goes (and forgets us), and comes back: subscribed again by itself. */
	chat_ok(GATEWAY, "conc vanish 2");
	WAIT(errors_n, s, 1);
	ck_assert(g_error_matches(s->last_error, IOT_ERROR, IOT_ERROR_OFFLINE));
	WAIT(confirmed_n, s, 2);
	chat_ok(GATEWAY, "conc state apt-1-1 None");
	WAIT(events_n, s, 2);
	sub_stop(s);
	chat_ok(GATEWAY, "conc reset");
}
END_TEST

START_TEST(test_subscriptions_are_made_again_after_reconnect)
{
	Sub *s;
	char *r;
	int before;

	s = sub_start(HUB, "Rooms", 0);
	WAIT(confirmed_n, s, 1);
	r = conc_chat(HUB, "conc subscriptions");
	before = renewals(r);
	g_free(r);
	purple_account_set_enabled(client_account(), "iot-tests", FALSE);
	ck_assert(client_spin(client_offline, NULL, 5000));
	ck_assert(g_error_matches(s->last_error, IOT_ERROR, IOT_ERROR_DISCONNECTED));
	purple_account_set_enabled(client_account(), "iot-tests", TRUE);
	ck_assert(client_spin(client_online, NULL, 10000));
	WAIT(confirmed_n, s, 2);
	/* Goodbye was said at sign-off: the new subscription is no renewal. */
	r = conc_chat(HUB, "conc subscriptions");
	ck_assert_msg(g_str_has_prefix(r, "conc subscriptions: 1 ") && renewals(r) == before, "%s", r);
	g_free(r);
	chat_ok(HUB, "conc tick");
	WAIT(events_n, s, 1);
	sub_stop(s);
	client_reset_thing(HUB);
}
END_TEST

START_TEST(test_node_removed_while_being_expanded)
{
	IotNodeRef kitchen = { "kitchen", "Rooms", NULL };
	Sub *s;
	ConcGot *g;

	s = sub_start(HUB, "Rooms", 0);
	s->tree = hub_tree();
	WAIT(confirmed_n, s, 1);
	chat_ok(HUB, "conc fault getChildNodes remove");
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_CHILD_NODES, "kitchen", "Rooms"));
	/* The removal came first, then the refusal: the tree no longer has it,
	 * and children for it would not be taken either. */
	ck_assert(g_error_matches(g->error, IOT_ERROR, IOT_ERROR_NOT_FOUND));
	WAIT(events_n, s, 1);
	ck_assert_str_eq(s->changes->str, "R");
	ck_assert_ptr_null(iot_concentrator_tree_lookup(s->tree, &kitchen));
	ck_assert(!iot_concentrator_tree_set_children(s->tree, &kitchen, g->nodes, NULL));
	conc_got_free(g);
	sub_stop(s);
	client_reset_thing(HUB);
}
END_TEST

START_TEST(test_concentrator_goes_offline_mid_expansion)
{
	ConcGot *g;
	char *r;

	chat_ok(GATEWAY, "conc fault getChildNodes vanish 3");
	g = conc_run(GATEWAY, conc_req(IOT_CONCENTRATOR_GET_CHILD_NODES, "floor-1", "Building"));
	ck_assert(g_error_matches(g->error, IOT_ERROR, IOT_ERROR_OFFLINE));
	ck_assert_msg(g->seconds < 2.5, "took %.1f s", g->seconds); /* not a timeout */
	conc_got_free(g);
	/* Back: it answers again. */
	client_sleep(3500);
	r = conc_chat(GATEWAY, "conc reset");
	g_free(r);
	g = conc_run(GATEWAY, conc_req(IOT_CONCENTRATOR_GET_CHILD_NODES, "floor-1", "Building"));
	ck_assert_ptr_null(g->error);
	ck_assert_uint_eq(g->nodes->len, 2);
	conc_got_free(g);
}
END_TEST

START_TEST(test_malformed_and_partial_answers)
{
	ConcGot *g;

	chat_ok(HUB, "conc fault getChildNodes malformed");
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_CHILD_NODES, "living-room", "Rooms"));
	ck_assert(g_error_matches(g->error, IOT_ERROR, IOT_ERROR_MALFORMED));
	conc_got_free(g);
	/* Half the nodes without their id: the rest kept, the lost ones counted. */
	chat_ok(HUB, "conc fault getChildNodes partial");
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_CHILD_NODES, "living-room", "Rooms"));
	ck_assert_ptr_null(g->error);
	ck_assert_uint_eq(g->nodes->len, 1);
	ck_assert_uint_eq(g->dropped, 2);
	conc_got_free(g);
	/* A concentrator that never answers: a timeout, once. */
	chat_ok(HUB, "conc fault getNode silent");
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_NODE, "kitchen", "Rooms"));
	ck_assert(g_error_matches(g->error, IOT_ERROR, IOT_ERROR_TIMEOUT));
	conc_got_free(g);
}
END_TEST

static void
pending_cb(PurpleAccount *account, const char *concentrator, const IotConcentratorReply *reply, const GError *error,
           gpointer data)
{
	GError **out = data;

	ck_assert_ptr_null(*out);
	*out = g_error_copy(error);
}

START_TEST(test_unload_with_a_request_under_way)
{
	typedef guint (*CallFn)(PurpleAccount *, const char *, const IotConcentratorRequest *,
	                        void (*)(PurpleAccount *, const char *, const IotConcentratorReply *, const GError *,
	                                 gpointer),
	                        gpointer, GDestroyNotify);
	CallFn call = conc_sym("iot_purple_concentrator_call");
	IotConcentratorRequest *r = conc_req(IOT_CONCENTRATOR_GET_NODE, "kitchen", "Rooms");
	GError *error = NULL;
	ConcGot *g;

	chat_ok(HUB, "conc fault getNode silent");
	call(client_account(), HUB, r, pending_cb, &error, NULL);
	iot_concentrator_request_free(r);
	client_sleep(300);
	ck_assert(purple_plugin_unload(client_plugin()));
	ck_assert(g_error_matches(error, IOT_ERROR, IOT_ERROR_CANCELLED));
	g_clear_error(&error);
	client_sleep(3500); /* past the old timeout: nothing may fire any more */
	ck_assert(purple_plugin_load(client_plugin()));
	g = conc_run(HUB, conc_req(IOT_CONCENTRATOR_GET_NODE, "kitchen", "Rooms"));
	ck_assert_ptr_null(g->error);
	conc_got_free(g);
}
END_TEST

TCase *iot_concentrator_events_tcase(void);

TCase *
iot_concentrator_events_tcase(void)
{
	TCase *tc = tcase_create("concentrator-events");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, NULL, leftovers);
	tcase_add_test(tc, test_events_keep_a_tree_current);
	tcase_add_test(tc, test_nf_subscription_is_renewed_before_it_lapses);
	tcase_add_test(tc, test_xsf_subscription_returns_with_the_gateway);
	tcase_add_test(tc, test_subscriptions_are_made_again_after_reconnect);
	tcase_add_test(tc, test_node_removed_while_being_expanded);
	tcase_add_test(tc, test_concentrator_goes_offline_mid_expansion);
	tcase_add_test(tc, test_malformed_and_partial_answers);
	tcase_add_test(tc, test_unload_with_a_request_under_way);
	return tc;
}
