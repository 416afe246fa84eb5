/*
 * test-pubsub-fake.c — the fixture home behind the Publish-subscribe window
 * in its tests. See test-pubsub-fake.h.
 */
#include "test-pubsub-fake.h"

#include "iot-time.h"

#include <check.h>
#include <libxml/parser.h>
#include <string.h>

Fake fake;

/* ---- fixtures ---- */

xmlNode *
fake_xml(const char *xml)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	xmlNode *root;

	ck_assert_msg(doc != NULL, "not XML: %s", xml);
	/* A copy of its own: the document's dictionary goes with it. */
	root = xmlCopyNode(xmlDocGetRootElement(doc), 1);
	xmlFreeDoc(doc);
	return root;
}

xmlNode *
fake_fixture(const char *name)
{
	char *path = g_build_filename(IOT_TEST_FIXTURES, "pubsub", name, NULL), *text = NULL;
	xmlNode *x;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "no fixture %s", path);
	x = fake_xml(text);
	g_free(text);
	g_free(path);
	return x;
}

IotPubsubItem *
fake_item(const char *id, const char *publisher, gint64 time, const char *payload_xml)
{
	IotPubsubItem *item = iot_pubsub_item_new();

	item->id = g_strdup(id);
	item->publisher = g_strdup(publisher);
	item->time = time;
	item->payload = payload_xml != NULL ? fake_xml(payload_xml) : NULL;
	return item;
}

char *
fake_sensor_xml(double t, int h, gint64 time)
{
	GDateTime *dt = g_date_time_new_from_unix_utc(time / G_USEC_PER_SEC);
	char *stamp = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ"), *out;
	char num[32];

	g_ascii_formatd(num, sizeof num, "%.1f", t);
	out = g_strdup_printf("<resp xmlns='urn:nf:iot:sd:1.0' id=''><nd id='Thermometer'>"
	                      "<ts v='%s'><q n='Temperature' v='%s' u='°C' m='true' ar='true'/>"
	                      "<q n='Humidity' v='%d' u='%%' m='true' ar='true'/></ts></nd></resp>",
	                      stamp, num, h);
	g_free(stamp);
	g_date_time_unref(dt);
	return out;
}

IotPubsubEvent *
fake_event(const char *xml)
{
	xmlNode *x = fake_xml(xml);
	GError *error = NULL;
	IotPubsubEvent *ev = iot_pubsub_event_parse(x, &error);

	ck_assert_msg(ev != NULL, "%s", error ? error->message : "");
	xmlFreeNode(x);
	return ev;
}

/* ---- the home ---- */

static IotPubsubNodeRef *
ref(const char *node, const char *name)
{
	IotPubsubNodeRef *r = g_new0(IotPubsubNodeRef, 1);

	r->jid = g_strdup(FAKE_SERVICE);
	r->node = g_strdup(node);
	r->name = g_strdup(name);
	return r;
}

static void
answer_nodes(IotGtkPubsubRequest *req)
{
	const char *parent = iot_gtk_pubsub_request_get_node(req);
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_node_ref_free);

	if (parent == NULL) {
		g_ptr_array_add(a, ref("sensors", "Sensors"));
		g_ptr_array_add(a, ref("news", "House news"));
		g_ptr_array_add(a, ref(FAKE_HOSTILE_NODE, NULL));
	} else if (strcmp(parent, "sensors") == 0) {
		g_ptr_array_add(a, ref("sensors/livingroom", "Living room"));
		g_ptr_array_add(a, ref("sensors/garage", "Garage"));
	}
	iot_gtk_pubsub_request_answer_nodes(req, a, FALSE);
	g_ptr_array_unref(a);
}

static void
answer_meta(IotGtkPubsubRequest *req)
{
	const char *node = iot_gtk_pubsub_request_get_node(req);
	IotPubsubNodeMeta *m = g_new0(IotPubsubNodeMeta, 1);
	const char *owner = "thermo@home.example";

	m->node = g_strdup(node);
	m->num_items = m->num_subscribers = m->max_items = -1;
	if (strcmp(node, "sensors") == 0) {
		m->is_collection = TRUE;
		m->title = g_strdup("All sensors of the house");
		m->access_model = g_strdup("open");
		owner = FAKE_ME;
	} else if (strcmp(node, "sensors/livingroom") == 0) {
		m->title = g_strdup("Living room climate");
		m->payload_type = g_strdup("urn:nf:iot:sd:1.0");
		m->access_model = g_strdup("presence");
		m->num_items = 3;
		m->num_subscribers = 2;
	} else if (strcmp(node, "sensors/garage") == 0) {
		m->title = g_strdup("Garage door and light");
		m->payload_type = g_strdup("http://jabber.org/protocol/sox");
		m->access_model = g_strdup("authorize");
	} else if (strcmp(node, "news") == 0) {
		m->title = g_strdup("House news");
		m->payload_type = g_strdup("http://www.w3.org/2005/Atom");
		m->access_model = g_strdup("authorize");
		m->num_items = 2;
		m->num_subscribers = 5;
		owner = FAKE_ME;
	} else {
		m->title = g_strdup(FAKE_HOSTILE_TITLE);
		m->access_model = g_strdup("whitelist<>");
		owner = NULL; /* not told: the service decides when asked */
	}
	if (owner != NULL) {
		m->owners = g_new0(char *, 2);
		m->owners[0] = g_strdup(owner);
	}
	iot_gtk_pubsub_request_answer_meta(req, m);
	iot_pubsub_node_meta_free(m);
}

static IotPubsubSubscription *
sub(const char *service, const char *node, IotPubsubState state)
{
	IotPubsubSubscription *s = iot_pubsub_subscription_new();

	s->service = g_strdup(service);
	g_free(s->node);
	s->node = g_strdup(node);
	s->jid = g_strdup(FAKE_ME);
	s->state = state;
	return s;
}

static void
answer_subscriptions(IotGtkPubsubRequest *req)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_subscription_free);

	g_ptr_array_add(a, sub(FAKE_SERVICE, "sensors/livingroom", IOT_PUBSUB_STATE_SUBSCRIBED));
	g_ptr_array_add(a, sub(FAKE_SERVICE, "sensors/garage", IOT_PUBSUB_STATE_PENDING));
	if (iot_gtk_pubsub_request_get_service(req) == NULL)
		g_ptr_array_add(a, sub("pubsub.weather.example", "forecast/<today>",
		                       IOT_PUBSUB_STATE_UNCONFIGURED));
	iot_gtk_pubsub_request_answer_subscriptions(req, a);
	g_ptr_array_unref(a);
}

static void
answer_items(IotGtkPubsubRequest *req)
{
	const char *node = iot_gtk_pubsub_request_get_node(req);
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_item_free);
	gint64 now = g_get_real_time();
	int i;

	if (strcmp(node, "sensors/livingroom") == 0) {
		/* Sent newest first: the window sorts by time. */
		for (i = 0; i < 3; i++) {
			gint64 t = now - (gint64)i * 600 * G_USEC_PER_SEC;
			char *xml = fake_sensor_xml(21.5 - i * 0.5, 40 + i, t), *id = g_strdup_printf("r%d", 3 - i);

			g_ptr_array_add(a, fake_item(id, "thermo@home.example", t, xml));
			g_free(xml);
			g_free(id);
		}
	} else if (strcmp(node, "news") == 0) {
		g_ptr_array_add(a, fake_item("n1", FAKE_ME, now - (gint64)3600 * G_USEC_PER_SEC,
		                             "<entry xmlns='http://www.w3.org/2005/Atom'><title>Heating "
		                             "serviced</title><summary>The boiler was checked; next visit in "
		                             "May.</summary><published>2026-12-03T09:00:00Z</published>"
		                             "<link href='http://home.example/news/1'/></entry>"));
		g_ptr_array_add(a, fake_item("n2", FAKE_ME, now - (gint64)60 * G_USEC_PER_SEC,
		                             "<entry xmlns='http://www.w3.org/2005/Atom'><title>Front door "
		                             "battery low</title><summary>Replace the battery of the front "
		                             "door lock.</summary></entry>"));
	} else if (strcmp(node, FAKE_HOSTILE_NODE) == 0) {
		g_ptr_array_add(a, fake_item("<i>1</i>", "<b>eve</b>@evil.example", now - (gint64)120 * G_USEC_PER_SEC,
		                             "<text xmlns='urn:example:text'>&lt;script&gt;alert(1)&lt;/script&gt; "
		                             "&amp;amp; _x_</text>"));
		g_ptr_array_add(a, fake_item("x2", NULL, now - (gint64)60 * G_USEC_PER_SEC,
		                             "<status xmlns='urn:example:status'><lamp on='true'>"
		                             "<level unit='%'>80</level></lamp><note>&lt;b&gt;bold&lt;/b&gt;</note>"
		                             "</status>"));
	}
	iot_gtk_pubsub_request_answer_items(req, a, FALSE);
	g_ptr_array_unref(a);
}

static void
answer_form(IotGtkPubsubRequest *req, const char *fixture)
{
	xmlNode *x = fake_fixture(fixture);
	IotDataForm *form = iot_pubsub_parse_form(x, NULL);

	xmlFreeNode(x);
	iot_gtk_pubsub_request_answer_form(req, form);
}

static void
answer_affiliations(IotGtkPubsubRequest *req)
{
	xmlNode *x = fake_fixture("affiliations.xml");
	GPtrArray *a = iot_pubsub_parse_affiliations(x, NULL);

	xmlFreeNode(x);
	iot_gtk_pubsub_request_answer_affiliations(req, a);
	g_ptr_array_unref(a);
}

static void
answer_subscribers(IotGtkPubsubRequest *req)
{
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)iot_pubsub_subscription_free);
	IotPubsubSubscription *s = sub(FAKE_SERVICE, "news", IOT_PUBSUB_STATE_SUBSCRIBED);

	g_free(s->jid);
	s->jid = g_strdup("anna@home.example");
	g_ptr_array_add(a, s);
	s = sub(FAKE_SERVICE, "news", IOT_PUBSUB_STATE_PENDING);
	g_free(s->jid);
	s->jid = g_strdup("guest@friends.example");
	g_ptr_array_add(a, s);
	iot_gtk_pubsub_request_answer_subscriptions(req, a);
	g_ptr_array_unref(a);
}

static void
answer(IotGtkPubsubRequest *req)
{
	IotGtkPubsubRequestKind kind = iot_gtk_pubsub_request_get_kind(req);
	const IotDataForm *form = iot_gtk_pubsub_request_get_form(req);
	IotPubsubSubscription *s;

	switch (kind) {
	case IOT_GTK_PUBSUB_REQ_SERVICES: {
		GPtrArray *a = g_ptr_array_new();

		g_ptr_array_add(a, FAKE_SERVICE);
		iot_gtk_pubsub_request_answer_services(req, a);
		g_ptr_array_unref(a);
		break;
	}
	case IOT_GTK_PUBSUB_REQ_NODES:
		answer_nodes(req);
		break;
	case IOT_GTK_PUBSUB_REQ_NODE_INFO:
		answer_meta(req);
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIPTIONS:
		answer_subscriptions(req);
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIBE:
		s = sub(FAKE_SERVICE, iot_gtk_pubsub_request_get_node(req), fake.subscribe_state);
		iot_gtk_pubsub_request_answer_subscription(req, s);
		iot_pubsub_subscription_free(s);
		break;
	case IOT_GTK_PUBSUB_REQ_ITEMS:
		answer_items(req);
		break;
	case IOT_GTK_PUBSUB_REQ_OPTIONS_FORM:
		answer_form(req, "options-form.xml");
		break;
	case IOT_GTK_PUBSUB_REQ_CONFIG_FORM:
		answer_form(req, "configure-form.xml");
		break;
	case IOT_GTK_PUBSUB_REQ_AFFILIATIONS:
		answer_affiliations(req);
		break;
	case IOT_GTK_PUBSUB_REQ_SUBSCRIBERS:
		answer_subscribers(req);
		break;
	case IOT_GTK_PUBSUB_REQ_DELETE:
		if (strcmp(iot_gtk_pubsub_request_get_node(req), FAKE_HOSTILE_NODE) == 0) {
			iot_gtk_pubsub_request_fail(req, "Not allowed: <b>you</b> are not the owner.");
			break;
		}
		iot_gtk_pubsub_request_answer_done(req, NULL);
		break;
	case IOT_GTK_PUBSUB_REQ_CREATE:
		g_free(fake.last_create);
		fake.last_create = g_strdup(iot_gtk_pubsub_request_get_node(req));
		fake.last_form_fields = form != NULL ? form->fields->len : 0;
		iot_gtk_pubsub_request_answer_done(req, fake.last_create != NULL ? fake.last_create
		                                                                 : "instant-1");
		break;
	case IOT_GTK_PUBSUB_REQ_SET_SUBSCRIBER:
		fake.last_subscriber_state = iot_gtk_pubsub_request_get_state(req);
		g_free(fake.last_subscriber);
		fake.last_subscriber = g_strdup(iot_gtk_pubsub_request_get_jid(req));
		iot_gtk_pubsub_request_answer_done(req, NULL);
		break;
	case IOT_GTK_PUBSUB_REQ_PUBLISH:
		g_free(fake.last_payload);
		fake.last_payload = g_strdup(iot_gtk_pubsub_request_get_payload(req, &fake.last_xml));
		iot_gtk_pubsub_request_answer_done(req, "p1");
		break;
	default:
		if (form != NULL)
			fake.last_form_fields = form->fields->len;
		iot_gtk_pubsub_request_answer_done(req, NULL);
		break;
	}
}

static const char *const kind_names[] = {
	"SERVICES",  "NODES",     "NODE_INFO",   "SUBSCRIPTIONS", "SUBSCRIBE",       "UNSUBSCRIBE",
	"OPTIONS_FORM", "OPTIONS_SUBMIT", "ITEMS", "CONFIG_FORM", "CREATE",        "CONFIGURE",
	"PURGE",     "DELETE",    "AFFILIATIONS", "SUBSCRIBERS",  "SET_AFFILIATION", "SET_SUBSCRIBER",
	"PUBLISH",   "RETRACT",
};

static gboolean
answer_later(gpointer data)
{
	IotGtkPubsubRequest *req = data;

	g_ptr_array_remove(fake.held, req);
	answer(req);
	return FALSE;
}

static void
fake_request(IotGtkPubsubRequest *req, gpointer user_data)
{
	const char *node = iot_gtk_pubsub_request_get_node(req);

	g_ptr_array_add(fake.log, g_strdup_printf("%s %s", kind_names[iot_gtk_pubsub_request_get_kind(req)],
	                                          node != NULL ? node : "-"));
	g_ptr_array_add(fake.held, req);
	if (!fake.hold)
		g_idle_add(answer_later, req);
}

static void
fake_cancel(IotGtkPubsubRequest *req, gpointer user_data)
{
	fake.cancels++;
	/* Still answered (the contract), from the held list or the idle. */
}

static void
fake_watch(IotGtkPubsub *win, const char *service, const char *node, gpointer user_data)
{
	fake.watches++;
	g_free(fake.watch_node);
	fake.watch_node = g_strdup(node);
}

static void
fake_unwatch(IotGtkPubsub *win, const char *service, const char *node, gpointer user_data)
{
	fake.unwatches++;
	ck_assert_str_eq(node, fake.watch_node);
	g_free(fake.watch_node);
	fake.watch_node = NULL;
}

static void
fake_open(IotGtkPubsub *win, const char *service, const char *node, gpointer user_data)
{
	fake.opened++;
}

static void
fake_closed(IotGtkPubsub *win, gpointer user_data)
{
	fake.closed++;
	ck_assert_ptr_null(fake.watch_node);
}

const IotGtkPubsubOps fake_ops = { fake_request, fake_cancel, fake_watch, fake_unwatch, fake_open,
	                               fake_closed };

void
fake_release(void)
{
	while (fake.held->len > 0)
		answer_later(g_ptr_array_index(fake.held, 0));
}

gboolean
fake_logged(const char *prefix)
{
	guint i;

	for (i = 0; i < fake.log->len; i++)
		if (g_str_has_prefix(g_ptr_array_index(fake.log, i), prefix))
			return TRUE;
	return FALSE;
}

void
fake_free(void)
{
	if (fake.log != NULL) {
		/* Answers owed are paid: nothing is left pending. */
		gboolean hold = fake.hold;

		fake.hold = FALSE;
		while (g_main_context_iteration(NULL, FALSE))
			;
		fake_release();
		fake.hold = hold;
		g_ptr_array_unref(fake.log);
		g_ptr_array_unref(fake.held);
	}
	g_free(fake.watch_node);
	g_free(fake.last_payload);
	g_free(fake.last_create);
	g_free(fake.last_subscriber);
	memset(&fake, 0, sizeof fake);
}

void
fake_reset(void)
{
	fake_free();
	fake.log = g_ptr_array_new_with_free_func(g_free);
	fake.held = g_ptr_array_new();
	fake.subscribe_state = IOT_PUBSUB_STATE_SUBSCRIBED;
}
