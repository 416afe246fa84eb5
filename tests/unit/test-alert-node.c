/* test-alert-node.c — a concentrator node in error or warning as one inbox
 * entry: severity from the state, text from its messages, the same state
 * seen again changes nothing, another state replaces it, OK clears it. */
#include "iot-tests.h"

#include "iot-alert-node.h"

#include <string.h>

#define T0 ((gint64)1767614400 * G_USEC_PER_SEC)
#define ACC "me@home.example"
#define HUB "hub@home.example"

static guint changes;

static void
count(IotAlertChange change, const IotAlert *alert, gboolean notify, gpointer data)
{
	changes++;
}

static IotConcentratorNode *
node(const char *id, IotNodeState state, const char *message)
{
	IotConcentratorNode *n = iot_concentrator_node_new(id);

	n->display_name = g_strdup("Heat meter 2");
	n->state = state;
	if (message != NULL) {
		IotNodeMessage *m = g_new0(IotNodeMessage, 1);

		m->type = state >= IOT_NODE_STATE_ERROR_SIGNED ? IOT_NODE_MESSAGE_ERROR : IOT_NODE_MESSAGE_WARNING;
		m->text = g_strdup(message);
		n->messages = g_ptr_array_new_with_free_func((GDestroyNotify)iot_node_message_free);
		g_ptr_array_add(n->messages, m);
	}
	return n;
}

static void
node_free(IotConcentratorNode *n)
{
	iot_concentrator_node_free(n);
}

static GPtrArray *
all(IotAlertInbox *inbox)
{
	IotAlertFilter f = { 0 };

	f.states = (1u << IOT_ALERT_STATE_COUNT) - 1;
	return iot_alert_inbox_list(inbox, &f);
}

START_TEST(test_node_error_enters_merges_and_clears)
{
	IotAlertInbox *inbox = iot_alert_inbox_new(NULL);
	IotConcentratorNode *n = node("meter-2", IOT_NODE_STATE_ERROR_UNSIGNED, "No answer on M-Bus");
	const IotAlert *a;
	GPtrArray *l;
	guint seen;

	iot_alert_inbox_set_listener(inbox, count, NULL, NULL);
	ck_assert(iot_alert_inbox_node_state(inbox, ACC, HUB, n, FALSE, T0));
	l = all(inbox);
	ck_assert_uint_eq(l->len, 1);
	a = g_ptr_array_index(l, 0);
	ck_assert_int_eq(a->severity, IOT_ALERT_ALARM);
	ck_assert_int_eq(a->origin, IOT_ALERT_ORIGIN_EVENT);
	ck_assert_str_eq(a->source.thing, HUB);
	ck_assert_str_eq(a->source.node, "meter-2");
	ck_assert_ptr_null(a->source.field);
	ck_assert_str_eq(a->text, "No answer on M-Bus");
	g_ptr_array_unref(l);
	/* the same state again (a second outline, an event): nothing changes */
	seen = changes;
	ck_assert(!iot_alert_inbox_node_state(inbox, ACC, HUB, n, FALSE, T0 + 1000));
	ck_assert_uint_eq(changes, seen);
	ck_assert_uint_eq(iot_alert_inbox_size(inbox), 1);
	/* acknowledged, then seen again: still nothing */
	l = all(inbox);
	iot_alert_inbox_acknowledge(inbox, &((IotAlert *)g_ptr_array_index(l, 0))->id, 1, T0 + 2000);
	g_ptr_array_unref(l);
	ck_assert(!iot_alert_inbox_node_state(inbox, ACC, HUB, n, FALSE, T0 + 3000));
	ck_assert_uint_eq(iot_alert_inbox_size(inbox), 1);
	/* seen without its messages (an outline): the same state */
	g_clear_pointer(&n->messages, g_ptr_array_unref);
	ck_assert(!iot_alert_inbox_node_state(inbox, ACC, HUB, n, FALSE, T0 + 3500));
	ck_assert_uint_eq(iot_alert_inbox_size(inbox), 1);
	/* back to OK: cleared */
	n->state = IOT_NODE_STATE_NONE;
	ck_assert(iot_alert_inbox_node_state(inbox, ACC, HUB, n, FALSE, T0 + 4000));
	l = all(inbox);
	ck_assert_int_eq(((IotAlert *)g_ptr_array_index(l, 0))->cleared, T0 + 4000);
	g_ptr_array_unref(l);
	ck_assert(!iot_alert_inbox_node_state(inbox, ACC, HUB, n, FALSE, T0 + 5000));
	node_free(n);
	iot_alert_inbox_free(inbox);
}
END_TEST

START_TEST(test_node_warning_then_error_replaces)
{
	IotAlertInbox *inbox = iot_alert_inbox_new(NULL);
	IotConcentratorNode *n = node("fridge", IOT_NODE_STATE_WARNING_UNSIGNED, NULL);
	IotConcentratorNode *e = node("fridge", IOT_NODE_STATE_ERROR_SIGNED, "Compressor <b>failed</b>");
	GPtrArray *l;
	const IotAlert *newest, *older;

	ck_assert(iot_alert_inbox_node_state(inbox, ACC, HUB, n, TRUE, T0));
	ck_assert(iot_alert_inbox_node_state(inbox, ACC, HUB, e, TRUE, T0 + 10));
	l = all(inbox);
	ck_assert_uint_eq(l->len, 2);
	newest = g_ptr_array_index(l, 0);
	older = g_ptr_array_index(l, 1);
	ck_assert_str_eq(older->text, "Heat meter 2 has a warning");
	ck_assert_int_eq(older->cleared, T0 + 10);
	ck_assert_int_eq(newest->severity, IOT_ALERT_ALARM);
	ck_assert_str_eq(newest->text, "Compressor <b>failed</b>"); /* kept as sent */
	ck_assert(newest->stranger);
	ck_assert_int_eq(newest->cleared, 0);
	g_ptr_array_unref(l);
	/* information is OK; a node removed clears too */
	ck_assert(iot_alert_inbox_node_gone(inbox, ACC, HUB, "fridge", T0 + 20));
	ck_assert(!iot_alert_inbox_node_gone(inbox, ACC, HUB, "fridge", T0 + 30));
	ck_assert(!iot_alert_node_severity(IOT_NODE_STATE_INFORMATION, NULL));
	node_free(n);
	node_free(e);
	iot_alert_inbox_free(inbox);
}
END_TEST

Suite *
iot_alert_node_suite(void)
{
	Suite *s = suite_create("alert-node");
	TCase *tc = tcase_create("node");

	tcase_add_test(tc, test_node_error_enters_merges_and_clears);
	tcase_add_test(tc, test_node_warning_then_error_replaces);
	suite_add_tcase(s, tc);
	return s;
}
