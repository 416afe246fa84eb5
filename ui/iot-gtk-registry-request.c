/*
 * iot-gtk-registry-request.c — what the registry windows ask their owner,
 * and the answers: each request is answered exactly once, and an answer to
 * a request its window no longer wants (it closed) is dropped. Also the
 * copies and words the windows share.
 */
#include "iot-gtk-registry-private.h"

#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
request_unref(IotGtkRegistryRequest *req)
{
	if (--req->refs > 0)
		return;
	if (req->data_free != NULL)
		req->data_free(req->data);
	g_free(req->registry);
	g_free(req->path);
	g_free(req->jid);
	g_free(req->group);
	g_free(req->alias);
	iot_registry_node_clear(&req->node);
	if (req->tags != NULL)
		g_ptr_array_unref(req->tags);
	if (req->conds != NULL)
		g_ptr_array_unref(req->conds);
	iot_provisioning_rule_free(req->rule);
	iot_question_free(req->question);
	g_free(req->answer_token);
	g_strfreev(req->answer_fields);
	g_strfreev(req->answer_params);
	g_free(req);
}

void
iot_gtk_registry_base_init(IotGtkRegistryBase *base, const IotGtkRegistryOps *ops, gpointer user_data,
                           gpointer owner)
{
	base->ops = *ops;
	base->user_data = user_data;
	base->owner = owner;
	base->pending = g_hash_table_new(NULL, NULL);
}

IotGtkRegistryRequest *
iot_gtk_registry_request_new(IotGtkRegistryBase *base, IotGtkRegistryRequestKind kind, IotGtkRegistryDone done)
{
	IotGtkRegistryRequest *req = g_new0(IotGtkRegistryRequest, 1);

	req->refs = 2; /* the window's, and the owner's until it answers */
	req->kind = kind;
	req->base = base;
	req->done = done;
	g_hash_table_add(base->pending, req);
	return req;
}

void
iot_gtk_registry_request_send(IotGtkRegistryRequest *req)
{
	IotGtkRegistryBase *base = req->base;

	if (base->window != NULL && gtk_widget_get_window(base->window) != NULL) {
		GdkCursor *cursor = gdk_cursor_new(GDK_WATCH);

		gdk_window_set_cursor(gtk_widget_get_window(base->window), cursor);
		gdk_cursor_unref(cursor);
	}
	base->ops.request(req, base->user_data);
}

void
iot_gtk_registry_request_set_node(IotGtkRegistryRequest *req, const IotRegistryNode *node)
{
	iot_registry_node_clear(&req->node);
	req->has_node = node != NULL && (node->node_id != NULL || node->source_id != NULL || node->partition != NULL);
	if (req->has_node)
		iot_gtk_registry_node_copy(&req->node, node);
}

static void
idle_cursor(IotGtkRegistryBase *base)
{
	if (g_hash_table_size(base->pending) == 0 && base->window != NULL &&
	    gtk_widget_get_window(base->window) != NULL)
		gdk_window_set_cursor(gtk_widget_get_window(base->window), NULL);
}

/* The answer reaches the window (unless it was cancelled), then the
 * owner's reference ends. */
static void
finish(IotGtkRegistryRequest *req)
{
	IotGtkRegistryBase *base = req->base;

	g_return_if_fail(!req->answered);
	req->answered = TRUE;
	if (base != NULL && !req->cancelled) {
		g_hash_table_remove(base->pending, req);
		idle_cursor(base);
		if (req->done != NULL)
			req->done(base->owner, req);
		request_unref(req); /* the window's */
	}
	request_unref(req); /* the owner's */
}

static void
cancel(IotGtkRegistryRequest *req)
{
	IotGtkRegistryBase *base = req->base;

	if (req->answered || req->cancelled || base == NULL)
		return;
	req->cancelled = TRUE;
	g_hash_table_remove(base->pending, req);
	req->base = NULL;
	if (base->ops.cancel != NULL)
		base->ops.cancel(req, base->user_data);
	request_unref(req); /* the window's */
}

void
iot_gtk_registry_base_close(IotGtkRegistryBase *base)
{
	GList *reqs = g_hash_table_get_keys(base->pending), *l;

	base->closing = TRUE;
	for (l = reqs; l != NULL; l = l->next)
		cancel(l->data);
	g_list_free(reqs);
	g_hash_table_destroy(base->pending);
	base->pending = NULL;
	if (base->ops.on_closed != NULL)
		base->ops.on_closed(base->window, base->user_data);
}

/* ---- accessors ---- */

IotGtkRegistryRequestKind
iot_gtk_registry_request_get_kind(const IotGtkRegistryRequest *req)
{
	return req->kind;
}

const char *
iot_gtk_registry_request_get_registry(const IotGtkRegistryRequest *req)
{
	return req->registry;
}

const char *
iot_gtk_registry_request_get_path(const IotGtkRegistryRequest *req)
{
	return req->path;
}

const char *
iot_gtk_registry_request_get_jid(const IotGtkRegistryRequest *req)
{
	return req->jid;
}

const IotRegistryNode *
iot_gtk_registry_request_get_node(const IotGtkRegistryRequest *req)
{
	return req->has_node ? &req->node : NULL;
}

const char *
iot_gtk_registry_request_get_group(const IotGtkRegistryRequest *req)
{
	return req->group;
}

const char *
iot_gtk_registry_request_get_alias(const IotGtkRegistryRequest *req)
{
	return req->alias;
}

const GPtrArray *
iot_gtk_registry_request_get_tags(const IotGtkRegistryRequest *req)
{
	return req->tags;
}

gboolean
iot_gtk_registry_request_get_make_public(const IotGtkRegistryRequest *req)
{
	return req->make_public;
}

const GPtrArray *
iot_gtk_registry_request_get_conds(const IotGtkRegistryRequest *req)
{
	return req->conds;
}

guint
iot_gtk_registry_request_get_offset(const IotGtkRegistryRequest *req)
{
	return req->offset;
}

guint
iot_gtk_registry_request_get_max_count(const IotGtkRegistryRequest *req)
{
	return req->max_count;
}

const IotProvisioningRule *
iot_gtk_registry_request_get_rule(const IotGtkRegistryRequest *req)
{
	return req->rule;
}

const IotQuestion *
iot_gtk_registry_request_get_question(const IotGtkRegistryRequest *req)
{
	return req->question;
}

const IotAnswer *
iot_gtk_registry_request_get_answer(const IotGtkRegistryRequest *req)
{
	return req->kind == IOT_GTK_REGISTRY_REQ_ANSWER ? &req->answer : NULL;
}

/* ---- answers ---- */

void
iot_gtk_registry_request_fail(IotGtkRegistryRequest *req, const char *text)
{
	g_return_if_fail(req != NULL);
	req->error = text != NULL && *text != '\0' ? text : "?";
	finish(req);
}

void
iot_gtk_registry_request_answer_text(IotGtkRegistryRequest *req, const char *text)
{
	g_return_if_fail(req != NULL);
	req->text = text;
	finish(req);
}

void
iot_gtk_registry_request_answer_claimed(IotGtkRegistryRequest *req, const IotRegistryThing *thing)
{
	g_return_if_fail(req != NULL);
	req->thing = thing;
	finish(req);
}

void
iot_gtk_registry_request_answer_page(IotGtkRegistryRequest *req, const IotRegistryPage *page)
{
	g_return_if_fail(req != NULL);
	req->page = page;
	finish(req);
}

void
iot_gtk_registry_request_answer_rules(IotGtkRegistryRequest *req, const GPtrArray *rules)
{
	g_return_if_fail(req != NULL);
	req->rules = rules;
	finish(req);
}

void
iot_gtk_registry_request_answer_done(IotGtkRegistryRequest *req)
{
	g_return_if_fail(req != NULL);
	finish(req);
}

/* ---- copies ---- */

void
iot_gtk_registry_node_copy(IotRegistryNode *to, const IotRegistryNode *from)
{
	to->node_id = g_strdup(from != NULL ? from->node_id : NULL);
	to->source_id = g_strdup(from != NULL ? from->source_id : NULL);
	to->partition = g_strdup(from != NULL ? from->partition : NULL);
}

static void
node_free(gpointer p)
{
	iot_registry_node_clear(p);
	g_free(p);
}

static GPtrArray *
strings_copy(const GPtrArray *a)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	guint i;

	for (i = 0; a != NULL && i < a->len; i++)
		g_ptr_array_add(out, g_strdup(g_ptr_array_index(a, i)));
	return out;
}

IotQuestion *
iot_gtk_registry_question_copy(const IotQuestion *q)
{
	IotQuestion *c;
	guint i;

	if (q == NULL)
		return NULL;
	c = g_new0(IotQuestion, 1);
	c->gen = q->gen;
	c->kind = q->kind;
	c->service = g_strdup(q->service);
	c->jid = g_strdup(q->jid);
	c->remote_jid = g_strdup(q->remote_jid);
	c->key = g_strdup(q->key);
	c->nodes = g_ptr_array_new_with_free_func(node_free);
	for (i = 0; q->nodes != NULL && i < q->nodes->len; i++) {
		IotRegistryNode *n = g_new0(IotRegistryNode, 1);

		iot_gtk_registry_node_copy(n, g_ptr_array_index(q->nodes, i));
		g_ptr_array_add(c->nodes, n);
	}
	c->categories = q->categories;
	c->fields = strings_copy(q->fields);
	c->parameters = strings_copy(q->parameters);
	c->service_tokens = strings_copy(q->service_tokens);
	c->device_tokens = strings_copy(q->device_tokens);
	c->user_tokens = strings_copy(q->user_tokens);
	c->skipped = q->skipped;
	return c;
}

IotProvisioningRule *
iot_gtk_registry_rule_copy(const IotProvisioningRule *r)
{
	IotProvisioningRule *c;

	if (r == NULL)
		return NULL;
	c = g_new0(IotProvisioningRule, 1);
	c->kind = r->kind;
	c->service = g_strdup(r->service);
	c->jid = g_strdup(r->jid);
	iot_gtk_registry_node_copy(&c->node, &r->node);
	c->remote_jid = g_strdup(r->remote_jid);
	c->yes = r->yes;
	c->range = r->range;
	c->token = g_strdup(r->token);
	c->categories = r->categories;
	c->names = strings_copy(r->names);
	c->given_at = r->given_at;
	return c;
}

IotRegistryThing *
iot_gtk_registry_thing_copy(const IotRegistryThing *t)
{
	IotRegistryThing *c;

	if (t == NULL)
		return NULL;
	c = g_new0(IotRegistryThing, 1);
	c->jid = g_strdup(t->jid);
	c->owner = g_strdup(t->owner);
	iot_gtk_registry_node_copy(&c->node, &t->node);
	c->tags = iot_registry_tags_copy(t->tags);
	return c;
}

/* ---- words ---- */

char *
iot_gtk_registry_clean(const char *s)
{
	return iot_format_clean(s != NULL ? s : "", IOT_GTK_REGISTRY_CELL_CHARS);
}

char *
iot_gtk_registry_node_text(const IotRegistryNode *node)
{
	GString *s = g_string_new(NULL);
	char *out;

	if (node != NULL && node->node_id != NULL)
		g_string_append(s, node->node_id);
	if (node != NULL && node->source_id != NULL)
		/* TRANSLATORS: a node's data source after its id: "Lamp1 (source MeteringTopology)". */
		g_string_append_printf(s, _(" (source %s)"), node->source_id);
	if (node != NULL && node->partition != NULL)
		/* TRANSLATORS: a node's partition after its id. */
		g_string_append_printf(s, _(" (partition %s)"), node->partition);
	out = iot_gtk_registry_clean(s->str);
	g_string_free(s, TRUE);
	return out;
}

char *
iot_gtk_registry_tags_line(const GPtrArray *tags)
{
	GString *s = g_string_new(NULL);
	char *out;
	guint i;

	for (i = 0; tags != NULL && i < tags->len; i++) {
		const IotRegistryTag *t = g_ptr_array_index(tags, i);

		if (s->len > 0)
			g_string_append(s, "; ");
		g_string_append_printf(s, "%s%s=%s", t->numeric ? "#" : "", t->name,
		                       iot_registry_tag_is_key(t->name) ? IOT_REGISTRY_KEY_MASK : t->value);
	}
	out = iot_format_clean(s->str, IOT_GTK_REGISTRY_CELL_CHARS * 2);
	g_string_free(s, TRUE);
	return out;
}

GtkWidget *
iot_gtk_registry_status_label(void)
{
	GtkWidget *l = gtk_label_new(NULL);

	gtk_label_set_line_wrap(GTK_LABEL(l), TRUE);
	gtk_label_set_selectable(GTK_LABEL(l), TRUE);
	gtk_misc_set_alignment(GTK_MISC(l), 0, 0.5);
	return l;
}

GtkWidget *
iot_gtk_registry_list(GtkTreeModel *model, GtkTreeView **view, const char *const *titles, const int *columns,
                      guint n, guint expand)
{
	GtkWidget *sw = gtk_scrolled_window_new(NULL, NULL);
	GtkWidget *tv = gtk_tree_view_new_with_model(model);
	guint i;

	for (i = 0; i < n; i++) {
		GtkCellRenderer *r = gtk_cell_renderer_text_new();
		GtkTreeViewColumn *c;

		g_object_set(r, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
		c = gtk_tree_view_column_new_with_attributes(titles[i], r, "text", columns[i], NULL);
		gtk_tree_view_column_set_resizable(c, TRUE);
		gtk_tree_view_column_set_expand(c, i == expand);
		/* The first (a JID) wide enough to tell things apart. */
		gtk_tree_view_column_set_min_width(c, i == 0 && n > 1 ? 180 : 60);
		gtk_tree_view_append_column(GTK_TREE_VIEW(tv), c);
	}
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(sw), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(sw), GTK_SHADOW_IN);
	gtk_container_add(GTK_CONTAINER(sw), tv);
	*view = GTK_TREE_VIEW(tv);
	return sw;
}

typedef struct {
	GCallback yes;
	gpointer data;
} Confirm;

static void
confirm_response(GtkDialog *d, int response, gpointer p)
{
	Confirm *c = p;
	void (*yes)(gpointer) = (void (*)(gpointer))c->yes;
	gpointer data = c->data;

	/* Before the dialog goes: @yes may read what it holds. */
	if (response == GTK_RESPONSE_OK)
		yes(data);
	gtk_widget_destroy(GTK_WIDGET(d));
}

GtkWidget *
iot_gtk_registry_confirm(GtkWidget *parent, const char *question, const char *ok_label, GCallback yes,
                         gpointer data)
{
	GtkWidget *d = gtk_message_dialog_new(GTK_WINDOW(parent), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                      GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
	Confirm *c = g_new0(Confirm, 1);

	c->yes = yes;
	c->data = data;
	gtk_dialog_add_buttons(GTK_DIALOG(d), GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL, ok_label, GTK_RESPONSE_OK, NULL);
	gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_CANCEL);
	g_object_set_data_full(G_OBJECT(d), "iot-confirm", c, g_free);
	g_signal_connect(d, "response", G_CALLBACK(confirm_response), c);
	gtk_widget_show_all(d);
	return d;
}
