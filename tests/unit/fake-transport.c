/* fake-transport.c — see fake-transport.h. */
#include "fake-transport.h"

#include "iot-tests.h"
#include "iot-xml.h"

#include <string.h>

typedef struct {
	guint id;
	guint64 due;
	GSourceFunc fn;
	gpointer data;
} FakeTimer;

static gboolean
fake_send(gpointer data, const xmlNode *stanza)
{
	FakeTransport *ft = data;

	if (!ft->connected)
		return FALSE;
	g_ptr_array_add(ft->sent, iot_xml_to_string(stanza));
	return TRUE;
}

static guint
fake_timeout_add(gpointer data, guint ms, GSourceFunc fn, gpointer fn_data)
{
	FakeTransport *ft = data;
	FakeTimer *t = g_new0(FakeTimer, 1);

	t->id = ++ft->next_timer;
	t->due = ft->now_ms + ms;
	t->fn = fn;
	t->data = fn_data;
	ft->timers = g_list_append(ft->timers, t);
	return t->id;
}

static void
fake_timeout_remove(gpointer data, guint id)
{
	FakeTransport *ft = data;
	GList *l;

	for (l = ft->timers; l != NULL; l = l->next) {
		FakeTimer *t = l->data;
		if (t->id == id) {
			ft->timers = g_list_delete_link(ft->timers, l);
			g_free(t);
			return;
		}
	}
	ck_abort_msg("timeout_remove of unknown timer %u", id);
}

const IotTransport fake_transport_ops = { fake_send, fake_timeout_add, fake_timeout_remove };

FakeTransport *
fake_transport_new(void)
{
	FakeTransport *ft = g_new0(FakeTransport, 1);

	ft->sent = g_ptr_array_new_with_free_func(g_free);
	ft->connected = TRUE;
	return ft;
}

void
fake_transport_free(FakeTransport *ft)
{
	/* A table freed before its transport must have removed all its timers. */
	ck_assert_msg(ft->timers == NULL, "%u timers left behind", g_list_length(ft->timers));
	g_ptr_array_free(ft->sent, TRUE);
	g_free(ft);
}

void
fake_transport_advance(FakeTransport *ft, guint ms)
{
	guint64 end = ft->now_ms + ms;

	for (;;) {
		FakeTimer *next = NULL, *t;
		GList *l;

		for (l = ft->timers; l != NULL; l = l->next) {
			t = l->data;
			if (t->due <= end && (next == NULL || t->due < next->due))
				next = t;
		}
		if (next == NULL)
			break;
		ft->now_ms = next->due;
		ft->timers = g_list_remove(ft->timers, next);
		t = next;
		if (t->fn(t->data) != G_SOURCE_REMOVE)
			ck_abort_msg("fake timers are one-shot");
		g_free(t);
	}
	ft->now_ms = end;
}

const char *
fake_transport_last(FakeTransport *ft)
{
	return ft->sent->len ? g_ptr_array_index(ft->sent, ft->sent->len - 1) : NULL;
}

static const xmlNode *
find(const xmlNode *n, const char *name)
{
	const xmlNode *c, *r;

	if (iot_xml_is(n, name, NULL))
		return n;
	for (c = iot_xml_first(n); c != NULL; c = iot_xml_next(c))
		if ((r = find(c, name)) != NULL)
			return r;
	return NULL;
}

char *
fake_transport_last_attr(FakeTransport *ft, const char *name, const char *attr)
{
	const char *last = fake_transport_last(ft);
	xmlNode *root;
	char *v;

	if (last == NULL)
		return NULL;
	root = iot_test_parse(last);
	v = g_strdup(iot_xml_attr(find(root, name), attr));
	xmlFreeDoc(root->doc);
	return v;
}

FakeTransport *fake_ft;
IotRequestTable *fake_table;

void
fake_table_setup(void)
{
	fake_ft = fake_transport_new();
	fake_table = iot_request_table_new(&fake_transport_ops, fake_ft, "iot");
}

void
fake_table_teardown(void)
{
	iot_request_table_free(fake_table);
	fake_transport_free(fake_ft);
}

gboolean
fake_table_answer(const char *from, const char *relpath, const char *xml)
{
	char *id = fake_transport_last_attr(fake_ft, "iq", "id");
	xmlNode *iq = relpath ? iot_test_fixture_root(relpath) : iot_test_parse(xml);
	gboolean claimed = iot_request_table_handle_iq(fake_table, iot_xml_attr(iq, "type"), id, from, iq);

	xmlFreeDoc(iq->doc);
	g_free(id);
	return claimed;
}
