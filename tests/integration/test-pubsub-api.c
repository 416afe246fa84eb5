/* test-pubsub-api.c — the publish-subscribe adapter's API as the windows
 * call it (looked up in the loaded plugin), on our own PEP service: create
 * a node, publish text and XML, read them back decoded, retract, read the
 * configuration, delete. Part of the pubsub suite (test-pubsub.c). */
#include "client-check.h"

#include "../../plugin/purple/iot-purple-pubsub.h" /* the API the windows call */
#include "iot-error.h"

#include <gmodule.h>

#define WAIT_MS 20000

static gpointer
adapter(const char *name)
{
	gpointer fn = NULL;

	ck_assert_msg(g_module_symbol(client_plugin()->handle, name, &fn), "no %s in the plugin", name);
	return fn;
}

typedef struct {
	gboolean done;
	GError *error;
	char *str;
	guint n;
	IotPayloadKind kind;
	char *text;
} Got;

static void
got_reset(Got *g)
{
	g_clear_error(&g->error);
	g_free(g->str);
	g_free(g->text);
	memset(g, 0, sizeof *g);
}

static gboolean
got_done(gpointer d)
{
	return ((Got *)d)->done;
}

static void
note_error(Got *g, const GError *error)
{
	g->done = TRUE;
	if (error != NULL)
		g->error = g_error_copy(error);
}

static void
done_cb(PurpleAccount *a, const char *service, const char *node, const GError *error, gpointer d)
{
	note_error(d, error);
}

static void
created_cb(PurpleAccount *a, const char *service, const char *node, const GError *error, gpointer d)
{
	((Got *)d)->str = g_strdup(node);
	note_error(d, error);
}

static void
published_cb(PurpleAccount *a, const char *service, const char *node, const char *item_id, const GError *error,
             gpointer d)
{
	((Got *)d)->str = g_strdup(item_id);
	note_error(d, error);
}

static void
items_got_cb(PurpleAccount *a, const char *service, const char *node, const GPtrArray *items, gboolean truncated,
             const GError *error, gpointer d)
{
	Got *g = d;
	guint i;
	GString *ids = g_string_new(NULL);

	g->n = items->len;
	for (i = 0; i < items->len; i++) {
		const IotPurplePubsubItem *it = g_ptr_array_index(items, i);
		g_string_append_printf(ids, "%s%s", i ? "," : "", it->item->id ? it->item->id : "?");
		if (i == 0) {
			g->kind = it->payload->kind;
			g->text = g_strdup(it->payload->title ? it->payload->title : it->payload->text);
		}
	}
	g->str = g_string_free(ids, FALSE);
	note_error(d, error);
}

static void
form_got_cb(PurpleAccount *a, const char *service, const char *node, const IotDataForm *form, const GError *error,
            gpointer d)
{
	((Got *)d)->n = form ? form->fields->len : 0;
	note_error(d, error);
}

#define WAIT_GOT(g) ck_assert_msg(client_spin(got_done, &(g), WAIT_MS), "no answer")

/* Our own PEP service: create a node, publish text and XML, read them
 * back decoded, retract, read the configuration, delete — each callback
 * once; XML that does not parse is refused before anything is sent. */
START_TEST(test_owner_operations_on_our_own_pep)
{
	guint (*create)(PurpleAccount *, const char *, const char *, const IotDataForm *, IotPurplePubsubCreatedFunc,
	                gpointer, GDestroyNotify) = adapter("iot_purple_pubsub_create");
	guint (*publish)(PurpleAccount *, const char *, const char *, const char *, IotPurplePubsubPublishKind,
	                 const char *, IotPurplePubsubPublishedFunc, gpointer, GDestroyNotify) =
	    adapter("iot_purple_pubsub_publish");
	guint (*items)(PurpleAccount *, const char *, const char *, guint, IotPurplePubsubItemsFunc, gpointer,
	               GDestroyNotify) = adapter("iot_purple_pubsub_items");
	guint (*retract)(PurpleAccount *, const char *, const char *, const char *, IotPurplePubsubDoneFunc, gpointer,
	                 GDestroyNotify) = adapter("iot_purple_pubsub_retract");
	guint (*configure_get)(PurpleAccount *, const char *, const char *, IotPurplePubsubFormFunc, gpointer,
	                       GDestroyNotify) = adapter("iot_purple_pubsub_configure_get");
	guint (*delete)(PurpleAccount *, const char *, const char *, IotPurplePubsubDoneFunc, gpointer, GDestroyNotify) =
	    adapter("iot_purple_pubsub_delete");
	PurpleAccount *acc = client_account();
	const char *node = "urn:example:iot-tests:notes";
	Got g = { 0 };

	create(acc, NULL, node, NULL, created_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "create: %s", g.error->message);
	ck_assert_str_eq(g.str, node);
	got_reset(&g);
	publish(acc, NULL, node, "n1", IOT_PURPLE_PUBSUB_PUBLISH_TEXT, "hello <b>world</b>", published_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "publish: %s", g.error->message);
	ck_assert_str_eq(g.str, "n1");
	got_reset(&g);
	/* A PEP node keeps its last item by default. */
	items(acc, NULL, node, 10, items_got_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "items: %s", g.error->message);
	ck_assert_str_eq(g.str, "n1");
	ck_assert_int_eq(g.kind, IOT_PAYLOAD_ATOM);
	ck_assert_str_eq(g.text, "hello <b>world</b>");
	got_reset(&g);
	publish(acc, NULL, node, "n3", IOT_PURPLE_PUBSUB_PUBLISH_XML, "<broken", published_cb, &g, NULL);
	ck_assert(!g.done); /* never before the call returns */
	WAIT_GOT(g);
	ck_assert(g_error_matches(g.error, IOT_ERROR, IOT_ERROR_BAD_REQUEST));
	got_reset(&g);
	publish(acc, NULL, node, "n2", IOT_PURPLE_PUBSUB_PUBLISH_XML, "<note xmlns='urn:example:note'>two</note>",
	        published_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "publish xml: %s", g.error->message);
	got_reset(&g);
	items(acc, NULL, node, 10, items_got_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_str_eq(g.str, "n2");
	ck_assert_int_eq(g.kind, IOT_PAYLOAD_TEXT); /* an element holding only text */
	ck_assert_str_eq(g.text, "two");
	got_reset(&g);
	retract(acc, NULL, node, "n2", done_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "retract: %s", g.error->message);
	got_reset(&g);
	items(acc, NULL, node, 10, items_got_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_uint_eq(g.n, 0);
	got_reset(&g);
	configure_get(acc, NULL, node, form_got_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "configure: %s", g.error->message);
	ck_assert_uint_gt(g.n, 0);
	got_reset(&g);
	delete(acc, NULL, node, done_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert_msg(g.error == NULL, "delete: %s", g.error->message);
	got_reset(&g);
	items(acc, NULL, node, 10, items_got_cb, &g, NULL);
	WAIT_GOT(g);
	ck_assert(g.error != NULL); /* gone */
	got_reset(&g);
}
END_TEST

void iot_pubsub_api_tests(TCase *tc);

void
iot_pubsub_api_tests(TCase *tc)
{
	tcase_add_test(tc, test_owner_operations_on_our_own_pep);
}
