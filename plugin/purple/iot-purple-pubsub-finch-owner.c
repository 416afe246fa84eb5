/* iot-purple-pubsub-finch-owner.c — a node we own, in Finch: configure,
 * publish a text or XML item, retract one, purge and delete (both asked
 * first), its affiliations (remove) and subscribers (approve, deny or
 * remove). One request dialog at a time; the outcome of each action is
 * said in words at the top of the menu it returns to. */
#include "iot-purple-pubsub-private.h"

#include "iot-format.h"
#include "iot-purple-ui.h"

#include <glib/gi18n-lib.h>
#include <notify.h>
#include <request.h>

#include <string.h>

#define LINE_CHARS 120
#define MAX_ROWS 500

typedef enum { O_MENU, O_PUBLISH, O_RETRACT, O_PURGE, O_DELETE, O_AFFILS, O_SUBSCRIBERS } View;

typedef struct {
	char *jid;
	char *subid;  /* nullable */
	int value;    /* IotPubsubAffiliation or IotPubsubState */
} Row;

typedef struct {
	PurpleAccount *account;
	char *service; /* nullable: our own PEP service */
	char *node;
	View view;
	GPtrArray *rows;  /* (element-type Row) affiliations or subscribers */
	GPtrArray *ids;   /* (element-type utf8) item ids to retract */
	char *status;
	gpointer ui_handle;
	gboolean closing;
	guint pending;
} Own;

static GList *owns;

static void show(Own *o);

static char *
clean(const char *s)
{
	return iot_format_clean(s != NULL ? s : "", LINE_CHARS);
}

static void
row_free(Row *r)
{
	g_free(r->jid);
	g_free(r->subid);
	g_free(r);
}

static void
close_dialog(Own *o)
{
	gpointer h = o->ui_handle;

	if (h == NULL)
		return;
	o->ui_handle = NULL;
	o->closing = TRUE;
	purple_request_close(PURPLE_REQUEST_FIELDS, h);
	o->closing = FALSE;
}

static void
own_free(Own *o)
{
	owns = g_list_remove(owns, o);
	o->closing = TRUE;
	if (o->pending != 0)
		iot_purple_pubsub_cancel(o->pending); /* its callback finds closing set */
	o->pending = 0;
	close_dialog(o);
	o->closing = TRUE;
	g_ptr_array_unref(o->rows);
	g_ptr_array_unref(o->ids);
	g_free(o->service);
	g_free(o->node);
	g_free(o->status);
	g_free(o);
}

static gboolean
ended(Own *o)
{
	o->pending = 0;
	return o->closing || g_list_find(owns, o) == NULL;
}

static void
menu(Own *o, char *status)
{
	g_free(o->status);
	o->status = status;
	o->view = O_MENU;
	show(o);
}

static void
failed(Own *o, const char *service, const GError *error)
{
	menu(o, iot_purple_pubsub_error_sentence(service, error));
}

/* ---- answers ----------------------------------------------------------------------------- */

static void
done_cb(PurpleAccount *account, const char *service, const char *node, const GError *error, gpointer data)
{
	Own *o = data;
	View was = o->view;
	char *n;

	if (ended(o))
		return;
	if (error != NULL) {
		failed(o, service, error);
		return;
	}
	n = clean(node);
	switch (was) {
	case O_DELETE: {
		char *title = clean(o->service ? o->service : purple_account_get_username(o->account));
		/* TRANSLATORS: the node's name. */
		char *text = g_strdup_printf(_("Node %s deleted."), n);

		purple_notify_info(iot_purple_pubsub_plugin(), title, text, NULL);
		g_free(text);
		g_free(title);
		g_free(n);
		own_free(o);
		return;
	}
	case O_PURGE:
		/* TRANSLATORS: the node's name. */
		menu(o, g_strdup_printf(_("Every item of %s was removed."), n));
		break;
	case O_RETRACT:
		menu(o, g_strdup(_("The item was retracted.")));
		break;
	default:
		menu(o, g_strdup(_("Done.")));
		break;
	}
	g_free(n);
}

static void
published_cb(PurpleAccount *account, const char *service, const char *node, const char *item_id,
             const GError *error, gpointer data)
{
	Own *o = data;
	char *id;

	if (ended(o))
		return;
	if (error != NULL) {
		failed(o, service, error);
		return;
	}
	id = clean(item_id ? item_id : "");
	/* TRANSLATORS: the item's id. */
	menu(o, *id ? g_strdup_printf(_("Published item %s."), id) : g_strdup(_("Published.")));
	g_free(id);
}

static void
items_cb(PurpleAccount *account, const char *service, const char *node, const GPtrArray *items, gboolean truncated,
         const GError *error, gpointer data)
{
	Own *o = data;
	guint i;

	if (ended(o))
		return;
	if (error != NULL) {
		failed(o, service, error);
		return;
	}
	g_ptr_array_set_size(o->ids, 0);
	/* Newest first: the one most likely retracted. */
	for (i = items->len; i > 0 && o->ids->len < MAX_ROWS; i--) {
		const IotPurplePubsubItem *it = g_ptr_array_index(items, i - 1);

		if (it->item->id != NULL)
			g_ptr_array_add(o->ids, g_strdup(it->item->id));
	}
	o->view = O_RETRACT;
	show(o);
}

static void
affils_cb(PurpleAccount *account, const char *service, const char *node, const GPtrArray *affs, const GError *error,
          gpointer data)
{
	Own *o = data;
	guint i;

	if (ended(o))
		return;
	if (error != NULL) {
		failed(o, service, error);
		return;
	}
	g_ptr_array_set_size(o->rows, 0);
	for (i = 0; i < affs->len && i < MAX_ROWS; i++) {
		const IotPubsubAffiliationEntry *e = g_ptr_array_index(affs, i);
		Row *r = g_new0(Row, 1);

		r->jid = g_strdup(e->jid);
		r->value = e->affiliation;
		g_ptr_array_add(o->rows, r);
	}
	o->view = O_AFFILS;
	show(o);
}

static void
subscribers_cb(PurpleAccount *account, const GPtrArray *subs, const GPtrArray *problems, const GError *error,
               gpointer data)
{
	Own *o = data;
	guint i;

	if (ended(o))
		return;
	if (error != NULL) {
		failed(o, o->service, error);
		return;
	}
	g_ptr_array_set_size(o->rows, 0);
	for (i = 0; i < subs->len && i < MAX_ROWS; i++) {
		const IotPubsubSubscription *s = g_ptr_array_index(subs, i);
		Row *r;

		if (s->jid == NULL)
			continue;
		r = g_new0(Row, 1);
		r->jid = g_strdup(s->jid);
		r->subid = g_strdup(s->subid);
		r->value = s->state;
		g_ptr_array_add(o->rows, r);
	}
	o->view = O_SUBSCRIBERS;
	show(o);
}

static void
people_done_cb(PurpleAccount *account, const char *service, const char *node, const GError *error, gpointer data)
{
	Own *o = data;
	char *status;

	if (ended(o))
		return;
	status = error != NULL ? iot_purple_pubsub_error_sentence(service, error) : g_strdup(_("Done."));
	g_free(o->status);
	o->status = status;
	/* The list again, as it is now. */
	if (o->view == O_AFFILS)
		o->pending = iot_purple_pubsub_affiliations_get(o->account, o->service, o->node, affils_cb, o, NULL);
	else
		o->pending = iot_purple_pubsub_subscribers_get(o->account, o->service, o->node, subscribers_cb, o, NULL);
}

/* ---- the person's choices ---------------------------------------------------------------- */

typedef enum { M_CONFIGURE, M_PUBLISH, M_RETRACT, M_PURGE, M_DELETE, M_AFFILS, M_SUBSCRIBERS, M_N } MenuItem;

static const char *
menu_label(MenuItem m)
{
	switch (m) {
	case M_CONFIGURE:
		return _("Configure…");
	case M_PUBLISH:
		return _("Publish an item…");
	case M_RETRACT:
		return _("Retract an item…");
	case M_PURGE:
		return _("Purge every item…");
	case M_DELETE:
		return _("Delete the node…");
	case M_AFFILS:
		return _("Affiliations…");
	default:
		return _("Subscribers…");
	}
}

/* The people dialogs' second choice. */
typedef enum { P_NOTHING, P_APPROVE, P_REMOVE } PeopleAction;

static void
ok_cb(Own *o, PurpleRequestFields *fields)
{
	int i = purple_request_fields_exists(fields, "choice") ? purple_request_fields_get_choice(fields, "choice") : -1;

	o->ui_handle = NULL;
	if (o->closing)
		return;
	switch (o->view) {
	case O_MENU:
		switch (i) {
		case M_CONFIGURE:
			iot_purple_pubsub_finch_form(o->account, o->service, o->node, IOT_PURPLE_FINCH_CONFIGURE);
			show(o);
			return;
		case M_PUBLISH:
			o->view = O_PUBLISH;
			show(o);
			return;
		case M_RETRACT:
			o->view = O_RETRACT;
			o->pending = iot_purple_pubsub_items(o->account, o->service, o->node, IOT_PUBSUB_MAX_ITEMS, items_cb,
			                                     o, NULL);
			return;
		case M_PURGE:
			o->view = O_PURGE;
			show(o);
			return;
		case M_DELETE:
			o->view = O_DELETE;
			show(o);
			return;
		case M_AFFILS:
			o->view = O_AFFILS;
			o->pending = iot_purple_pubsub_affiliations_get(o->account, o->service, o->node, affils_cb, o, NULL);
			return;
		case M_SUBSCRIBERS:
			o->view = O_SUBSCRIBERS;
			o->pending =
			    iot_purple_pubsub_subscribers_get(o->account, o->service, o->node, subscribers_cb, o, NULL);
			return;
		default:
			own_free(o);
			return;
		}
	case O_PUBLISH: {
		const char *id = purple_request_fields_get_string(fields, "id");
		const char *content = purple_request_fields_get_string(fields, "content");
		gboolean xml = purple_request_fields_get_choice(fields, "kind") == 1;

		o->pending = iot_purple_pubsub_publish(o->account, o->service, o->node, id && *id ? id : NULL,
		                                       xml ? IOT_PURPLE_PUBSUB_PUBLISH_XML : IOT_PURPLE_PUBSUB_PUBLISH_TEXT,
		                                       content ? content : "", published_cb, o, NULL);
		return;
	}
	case O_RETRACT:
		if (i < 0 || (guint)i >= o->ids->len) {
			menu(o, NULL);
			return;
		}
		o->pending = iot_purple_pubsub_retract(o->account, o->service, o->node, g_ptr_array_index(o->ids, i),
		                                       done_cb, o, NULL);
		return;
	case O_PURGE:
		o->pending = iot_purple_pubsub_purge(o->account, o->service, o->node, done_cb, o, NULL);
		return;
	case O_DELETE:
		o->pending = iot_purple_pubsub_delete(o->account, o->service, o->node, done_cb, o, NULL);
		return;
	case O_AFFILS:
	case O_SUBSCRIBERS: {
		int act = purple_request_fields_exists(fields, "do") ? purple_request_fields_get_choice(fields, "do") : 0;
		const Row *r;

		if (i < 0 || (guint)i >= o->rows->len || act == P_NOTHING) {
			menu(o, NULL);
			return;
		}
		r = g_ptr_array_index(o->rows, i);
		if (o->view == O_AFFILS)
			o->pending = iot_purple_pubsub_affiliation_set(o->account, o->service, o->node, r->jid,
			                                               IOT_PUBSUB_AFFIL_NONE, people_done_cb, o, NULL);
		else
			o->pending = iot_purple_pubsub_subscriber_set(
			    o->account, o->service, o->node, r->jid, r->subid,
			    act == P_APPROVE ? IOT_PUBSUB_STATE_SUBSCRIBED : IOT_PUBSUB_STATE_NONE, people_done_cb, o, NULL);
		return;
	}
	}
}

static void
cancel_cb(Own *o, PurpleRequestFields *fields)
{
	o->ui_handle = NULL;
	if (o->closing)
		return;
	if (o->view == O_MENU)
		own_free(o);
	else
		menu(o, NULL);
}

/* ---- dialogs ----------------------------------------------------------------------------- */

static void
add_people(Own *o, PurpleRequestFieldGroup *g, GString *secondary)
{
	PurpleRequestField *who = purple_request_field_choice_new("choice", _("Who"), 0);
	PurpleRequestField *act = purple_request_field_choice_new("do", _("Action"), 0);
	guint i;

	for (i = 0; i < o->rows->len; i++) {
		const Row *r = g_ptr_array_index(o->rows, i);
		char *jid = clean(r->jid);
		const char *what = o->view == O_AFFILS ? iot_pubsub_affiliation_text(r->value)
		                                       : iot_pubsub_state_text(r->value);
		char *line = g_strdup_printf("%s — %s", jid, what);

		purple_request_field_choice_add(who, line);
		g_string_append_printf(secondary, "%s\n", line);
		g_free(line);
		g_free(jid);
	}
	if (o->rows->len == 0) {
		g_string_append(secondary, o->view == O_AFFILS ? _("No affiliations.") : _("No subscribers."));
		purple_request_field_destroy(who);
		purple_request_field_destroy(act);
		return;
	}
	purple_request_field_choice_add(act, _("Nothing"));
	if (o->view == O_AFFILS) {
		purple_request_field_choice_add(act, _("Remove the affiliation"));
	} else {
		purple_request_field_choice_add(act, _("Approve"));
		purple_request_field_choice_add(act, _("Deny or remove"));
	}
	purple_request_field_group_add_field(g, who);
	purple_request_field_group_add_field(g, act);
}

static void
show(Own *o)
{
	PurpleRequestFields *fields = purple_request_fields_new();
	PurpleRequestFieldGroup *g = purple_request_field_group_new(NULL);
	PurpleRequestField *f;
	GString *secondary = g_string_new(NULL);
	char *node = clean(o->node), *title, *primary = NULL, *ok = NULL, *cancel;
	char *service = clean(o->service ? o->service : purple_account_get_username(o->account));
	guint i;

	close_dialog(o);
	if (o->status != NULL)
		g_string_append_printf(secondary, "%s\n", o->status);
	switch (o->view) {
	case O_MENU:
		f = purple_request_field_choice_new("choice", _("Action"), 0);
		for (i = 0; i < M_N; i++)
			purple_request_field_choice_add(f, menu_label(i));
		purple_request_field_group_add_field(g, f);
		/* TRANSLATORS: node, service. */
		primary = g_strdup_printf(_("Your node %s at %s"), node, service);
		ok = iot_purple_ui_label(_("_Open"));
		break;
	case O_PUBLISH:
		purple_request_field_group_add_field(
		    g, purple_request_field_string_new("id", _("Item id (empty: the service picks one)"), NULL, FALSE));
		f = purple_request_field_choice_new("kind", _("Publish as"), 0);
		purple_request_field_choice_add(f, _("Text"));
		purple_request_field_choice_add(f, _("XML (one element)"));
		purple_request_field_group_add_field(g, f);
		purple_request_field_group_add_field(g, purple_request_field_string_new("content", _("Content"), NULL,
		                                                                         TRUE));
		/* TRANSLATORS: node. */
		primary = g_strdup_printf(_("Publish an item to %s"), node);
		ok = iot_purple_ui_label(_("_Publish"));
		break;
	case O_RETRACT:
		if (o->ids->len > 0) {
			f = purple_request_field_choice_new("choice", _("Item"), 0);
			for (i = 0; i < o->ids->len; i++) {
				char *id = clean(g_ptr_array_index(o->ids, i));

				purple_request_field_choice_add(f, id);
				g_free(id);
			}
			purple_request_field_group_add_field(g, f);
		} else {
			g_string_append(secondary, _("No items."));
		}
		/* TRANSLATORS: node. */
		primary = g_strdup_printf(_("Retract an item of %s"), node);
		ok = iot_purple_ui_label(_("_Retract"));
		break;
	case O_PURGE:
		/* TRANSLATORS: node. */
		primary = g_strdup_printf(_("Remove every item of %s?"), node);
		g_string_append(secondary, _("Subscribers are told. This cannot be undone."));
		ok = iot_purple_ui_label(_("_Purge"));
		break;
	case O_DELETE:
		/* TRANSLATORS: node. */
		primary = g_strdup_printf(_("Delete the node %s?"), node);
		g_string_append(secondary, _("Its items and subscriptions go with it. This cannot be undone."));
		ok = iot_purple_ui_label(_("_Delete"));
		break;
	case O_AFFILS:
	case O_SUBSCRIBERS:
		add_people(o, g, secondary);
		/* TRANSLATORS: node. */
		primary = g_strdup_printf(o->view == O_AFFILS ? _("Affiliations of %s") : _("Subscribers of %s"), node);
		ok = iot_purple_ui_label(_("_Apply"));
		break;
	}
	purple_request_fields_add_group(fields, g);
	/* TRANSLATORS: title of the owner's dialogs; %s is the service. */
	title = g_strdup_printf(_("Publish-subscribe: %s"), service);
	cancel = iot_purple_ui_label(o->view == O_MENU ? _("_Close") : _("_Back"));
	o->ui_handle = purple_request_fields(o, title, primary, secondary->len ? secondary->str : NULL, fields, ok,
	                                     G_CALLBACK(ok_cb), cancel, G_CALLBACK(cancel_cb), o->account, o->service,
	                                     NULL, o);
	g_free(cancel);
	g_free(title);
	g_free(ok);
	g_free(primary);
	g_free(node);
	g_free(service);
	g_string_free(secondary, TRUE);
	if (o->ui_handle == NULL && !o->closing)
		own_free(o); /* no UI shows dialogs */
}

void
iot_purple_pubsub_finch_owner(PurpleAccount *account, const char *service, const char *node)
{
	Own *o = g_new0(Own, 1);

	o->account = account;
	o->service = g_strdup(service);
	o->node = g_strdup(node);
	o->rows = g_ptr_array_new_with_free_func((GDestroyNotify)row_free);
	o->ids = g_ptr_array_new_with_free_func(g_free);
	owns = g_list_prepend(owns, o);
	show(o);
}

void
iot_purple_pubsub_finch_owner_close_account(PurpleAccount *account)
{
	GList *l, *next;

	for (l = owns; l != NULL; l = next) {
		next = l->next;
		if (account == NULL || ((Own *)l->data)->account == account)
			own_free(l->data);
	}
}
