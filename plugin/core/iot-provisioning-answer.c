/* iot-provisioning-answer.c — rules, owner requests, the record of rules given. See iot-provisioning.h. */
#include "iot-provisioning.h"

#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-model.h"
#include "iot-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const GPtrArray *
tokens_for(const IotQuestion *q, IotRuleRange range)
{
	switch (range) {
	case IOT_RULE_SERVICE_TOKEN:
		return q->service_tokens;
	case IOT_RULE_DEVICE_TOKEN:
		return q->device_tokens;
	case IOT_RULE_USER_TOKEN:
		return q->user_tokens;
	default:
		return NULL;
	}
}

static gboolean
has_name(const GPtrArray *names, const char *name)
{
	guint i;

	for (i = 0; names != NULL && name != NULL && i < names->len; i++)
		if (strcmp(g_ptr_array_index(names, i), name) == 0)
			return TRUE;
	return FALSE;
}

static gboolean
check_answer(const IotQuestion *q, const IotAnswer *a, GError **error)
{
	const GPtrArray *tokens = tokens_for(q, a->range);

	if (q->kind == IOT_QUESTION_IS_FRIEND && tokens != NULL) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("A friendship is answered for a JID, its domain or everyone, not for a token."));
		return FALSE;
	}
	if (tokens != NULL && !has_name(tokens, a->token)) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST,
		                    _("The question carried no such token."));
		return FALSE;
	}
	return TRUE;
}

static void
add_node(xmlNode *parent, const IotRegistryNode *n)
{
	xmlNode *nd = iot_xml_add(parent, "nd");

	iot_xml_set(nd, "id", n->node_id);
	iot_xml_set(nd, "src", n->source_id);
	iot_xml_set(nd, "pt", n->partition);
}

static const struct {
	const char *attr;
	guint32 bits;
} category_attrs[] = {
	{ "m", IOT_CAT_MOMENTARY }, { "p", IOT_CAT_PEAK },     { "s", IOT_CAT_STATUS },
	{ "c", IOT_CAT_COMPUTED },  { "i", IOT_CAT_IDENTITY }, { "h", IOT_CAT_HISTORICAL },
};

static void
add_origin(xmlNode *rule, const IotAnswer *a)
{
	static const char *const names[] = { "fromJid", "fromDomain", "all", "fromService", "fromDevice",
		                                 "fromUser" };
	xmlNode *o = iot_xml_add(rule, names[a->range]);

	if (a->range >= IOT_RULE_SERVICE_TOKEN)
		iot_xml_set(o, "token", a->token);
}

xmlNode *
iot_provisioning_build_answer(const IotQuestion *q, const IotAnswer *a, GError **error)
{
	static const char *const rule_names[] = { "isFriendRule", "canReadRule", "canControlRule" };
	static const char *const friend_ranges[] = { "Caller", "Domain", "All" };
	const char *ns;
	xmlNode *rule;
	guint i;

	g_return_val_if_fail(q != NULL && a != NULL, NULL);
	ns = iot_provisioning_ns(q->gen);
	g_return_val_if_fail(ns != NULL, NULL);
	if (!check_answer(q, a, error))
		return NULL;
	rule = iot_xml_new(rule_names[q->kind], ns);
	iot_xml_set(rule, "jid", q->jid);
	iot_xml_set(rule, "remoteJid", q->remote_jid);
	iot_xml_set(rule, "key", q->key);
	iot_xml_set(rule, "result", a->yes ? "true" : "false");
	if (q->kind == IOT_QUESTION_IS_FRIEND) {
		iot_xml_set(rule, "range", friend_ranges[a->range]);
		return rule;
	}
	/* The schema allows one node per rule: the first one asked about. */
	if (q->nodes->len > 0)
		add_node(rule, g_ptr_array_index(q->nodes, 0));
	if (a->yes && q->kind == IOT_QUESTION_CAN_READ &&
	    ((a->categories != 0 && a->categories != IOT_CAT_ALL) || (a->fields && a->fields[0]))) {
		xmlNode *partial = iot_xml_add(rule, "partial");

		if (a->categories == 0 || a->categories == IOT_CAT_ALL)
			iot_xml_set(partial, "all", "true");
		else
			for (i = 0; i < G_N_ELEMENTS(category_attrs); i++)
				if (a->categories & category_attrs[i].bits)
					iot_xml_set(partial, category_attrs[i].attr, "true");
		for (i = 0; a->fields && a->fields[i]; i++)
			iot_xml_set(iot_xml_add(partial, "f"), "n", a->fields[i]);
	} else if (a->yes && q->kind == IOT_QUESTION_CAN_CONTROL && a->parameters && a->parameters[0]) {
		xmlNode *partial = iot_xml_add(rule, "partial");

		for (i = 0; a->parameters[i]; i++)
			iot_xml_set(iot_xml_add(partial, "p"), "n", a->parameters[i]);
	}
	add_origin(rule, a);
	return rule;
}

static xmlNode *
owner_request(IotGeneration gen, const char *name, const char *jid, const IotRegistryNode *node)
{
	const char *ns = iot_provisioning_ns(gen);
	xmlNode *n;

	g_return_val_if_fail(ns != NULL, NULL);
	n = iot_xml_new(name, ns);
	iot_xml_set(n, "jid", jid);
	if (node != NULL) {
		iot_xml_set(n, "id", node->node_id);
		iot_xml_set(n, "src", node->source_id);
		iot_xml_set(n, "pt", node->partition);
	}
	return n;
}

xmlNode *
iot_provisioning_build_clear_cache(IotGeneration gen, const char *jid, const IotRegistryNode *node)
{
	return owner_request(gen, "clearCache", jid, node);
}

xmlNode *
iot_provisioning_build_delete_rules(IotGeneration gen, const char *jid, const IotRegistryNode *node)
{
	return owner_request(gen, "deleteRules", jid, node);
}

xmlNode *
iot_provisioning_build_get_devices(IotGeneration gen, guint offset, guint max_count)
{
	xmlNode *n = owner_request(gen, "getDevices", NULL, NULL);
	char buf[32];

	if (n == NULL)
		return NULL;
	g_snprintf(buf, sizeof buf, "%u", offset);
	iot_xml_set(n, "offset", buf);
	if (max_count > 0) {
		g_snprintf(buf, sizeof buf, "%u", max_count);
		iot_xml_set(n, "maxCount", buf);
	}
	return n;
}

/* --- the record of rules given -------------------------------------------------------- */

IotProvisioningRule *
iot_provisioning_rule_new(const IotQuestion *q, const IotAnswer *a, gint64 now)
{
	IotProvisioningRule *r;
	const char *const *names;
	guint i;

	g_return_val_if_fail(q != NULL && a != NULL, NULL);
	r = g_new0(IotProvisioningRule, 1);
	r->kind = q->kind;
	r->service = g_strdup(q->service);
	r->jid = g_strdup(q->jid);
	if (q->nodes->len > 0) {
		const IotRegistryNode *n = g_ptr_array_index(q->nodes, 0);

		r->node.node_id = g_strdup(n->node_id);
		r->node.source_id = g_strdup(n->source_id);
		r->node.partition = g_strdup(n->partition);
	}
	r->remote_jid = g_strdup(q->remote_jid);
	r->yes = a->yes;
	r->range = a->range;
	r->token = a->range >= IOT_RULE_SERVICE_TOKEN ? g_strdup(a->token) : NULL;
	r->categories = a->yes && q->kind == IOT_QUESTION_CAN_READ ? a->categories : 0;
	r->names = g_ptr_array_new_with_free_func(g_free);
	names = !a->yes ? NULL : q->kind == IOT_QUESTION_CAN_READ ? a->fields
	        : q->kind == IOT_QUESTION_CAN_CONTROL ? a->parameters : NULL;
	for (i = 0; names && names[i]; i++)
		g_ptr_array_add(r->names, g_strdup(names[i]));
	r->given_at = now;
	return r;
}

void
iot_provisioning_rule_free(IotProvisioningRule *r)
{
	if (r == NULL)
		return;
	g_free(r->service);
	g_free(r->jid);
	iot_registry_node_clear(&r->node);
	g_free(r->remote_jid);
	g_free(r->token);
	g_ptr_array_free(r->names, TRUE);
	g_free(r);
}

char *
iot_provisioning_rule_describe(const IotProvisioningRule *r)
{
	char *who, *thing, *limit = NULL, *out, *domain;
	const char *verb;

	domain = g_strdup(r->remote_jid && strchr(r->remote_jid, '@') ? strchr(r->remote_jid, '@') + 1
	                                                               : r->remote_jid);
	switch (r->range) {
	case IOT_RULE_DOMAIN:
		who = g_strdup_printf(_("everyone at %s"), domain);
		break;
	case IOT_RULE_ALL:
		who = g_strdup(_("everyone"));
		break;
	case IOT_RULE_SERVICE_TOKEN:
	case IOT_RULE_DEVICE_TOKEN:
	case IOT_RULE_USER_TOKEN:
		who = g_strdup_printf(_("whoever shows token %s"), r->token ? r->token : "");
		break;
	default:
		who = g_strdup(r->remote_jid);
		break;
	}
	thing = r->node.node_id ? g_strdup_printf(_("%s, node %s"), r->jid, r->node.node_id)
	                        : g_strdup(r->jid);
	if (r->names->len > 0) {
		GString *s = g_string_new(NULL);
		guint i;

		for (i = 0; i < r->names->len; i++)
			g_string_append_printf(s, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(r->names, i));
		limit = g_string_free(s, FALSE);
	} else if (r->categories != 0 && r->categories != IOT_CAT_ALL) {
		limit = iot_format_categories(r->categories);
	}
	if (r->kind == IOT_QUESTION_IS_FRIEND)
		verb = r->yes ? _("%s may become friends with %s") : _("%s may not become friends with %s");
	else if (r->kind == IOT_QUESTION_CAN_READ)
		verb = r->yes ? _("%s may read %s") : _("%s may not read %s");
	else
		verb = r->yes ? _("%s may control %s") : _("%s may not control %s");
	out = g_strdup_printf(verb, who, thing);
	if (limit != NULL) {
		/* TRANSLATORS: a rule and what it is limited to, e.g. "bob@example.org may read x (temperature)" */
		char *full = g_strdup_printf(_("%s (only %s)"), out, limit);

		g_free(out);
		out = full;
	}
	g_free(limit);
	g_free(who);
	g_free(thing);
	g_free(domain);
	return out;
}
