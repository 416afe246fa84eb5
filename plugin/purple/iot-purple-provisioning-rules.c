/* iot-purple-provisioning-rules.c — the owner's requests at the
 * provisioning service that are not answers: the rules given (this
 * client's record), clearCache and deleteRules. See iot-purple-registry.h. */
#include "iot-purple-registry-private.h"

#include "iot-error.h"
#include "iot-jid.h"
#include "iot-purple-session.h"
#include "iot-purple-store.h"
#include "iot-store-registry.h"

#include <glib/gi18n-lib.h>

/* ---- the rules given, clearCache, deleteRules ------------------------------------------------- */

GPtrArray *
iot_purple_provisioning_rules_given(PurpleAccount *account, const char *jid)
{
	IotStore *st = iot_purple_store_get();
	char *me = account ? iot_jid_bare(purple_account_get_username(account)) : NULL;
	GPtrArray *out = NULL;
	GError *e = NULL;

	if (st != NULL && me != NULL && (out = iot_store_registry_rules(st, me, jid, &e)) == NULL) {
		iot_purple_store_failed(e);
		g_clear_error(&e);
	}
	g_free(me);
	return out != NULL ? out : g_ptr_array_new_with_free_func((GDestroyNotify)iot_provisioning_rule_free);
}

static gboolean
need_provisioning(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	GError *e;

	if (sv->provisioning != NULL && sv->provisioning_gen != IOT_GEN_UNKNOWN)
		return TRUE;
	e = g_error_new_literal(IOT_ERROR, IOT_ERROR_NOT_SUPPORTED,
	                        _("Your server has no provisioning service that takes an owner's requests."));
	iot_purple_registry_op_finish(op, NULL, e);
	g_error_free(e);
	return FALSE;
}

static void
rules_done_cb(const GError *error, gpointer data)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_lookup(GPOINTER_TO_UINT(data));

	if (op == NULL)
		return;
	if (error == NULL && op->make_public) {
		/* deleteRules went through: the record of those rules goes too. */
		IotStore *st = iot_purple_store_get();
		char *me = iot_jid_bare(purple_account_get_username(op->account));
		GError *e = NULL;

		if (st != NULL && me != NULL &&
		    !iot_store_registry_rules_forget(st, me, op->jid, op->has_node ? op->node.node_id : NULL, &e)) {
			iot_purple_store_failed(e);
			g_clear_error(&e);
		}
		g_free(me);
	}
	iot_purple_registry_done_cb(error, data);
}

static void
prov_step(IotPurpleRegistryOp *op, const IotPurpleRegistryServices *sv)
{
	IotPurpleSession *s = iot_purple_session_get(op->account);
	const IotRegistryNode *node = op->has_node ? &op->node : NULL;
	gpointer h = GUINT_TO_POINTER(op->handle);

	if (!need_provisioning(op, sv))
		return;
	if (s == NULL) {
		GError *e = g_error_new_literal(IOT_ERROR, IOT_ERROR_DISCONNECTED, _("The account is not online."));
		iot_purple_registry_op_finish(op, NULL, e);
		g_error_free(e);
		return;
	}
	if (op->make_public)
		op->req = iot_provisioning_delete_rules(s->table, sv->provisioning, sv->provisioning_gen, op->jid, node,
		                                        iot_purple_registry_timeout_ms(), rules_done_cb, h, NULL);
	else
		op->req = iot_provisioning_clear_cache(s->table, sv->provisioning, sv->provisioning_gen, op->jid, node,
		                                       iot_purple_registry_timeout_ms(), iot_purple_registry_done_cb, h, NULL);
}

static guint
prov_op(PurpleAccount *account, const char *jid, const IotRegistryNode *node, gboolean delete_rules,
        IotPurpleRegistryDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	IotPurpleRegistryOp *op = iot_purple_registry_op_new(IOT_RGOP_DONE, account, G_CALLBACK(cb), user_data, destroy);

	op->jid = g_strdup(jid);
	if (node != NULL) {
		op->has_node = TRUE;
		op->node.node_id = g_strdup(node->node_id);
		op->node.source_id = g_strdup(node->source_id);
		op->node.partition = g_strdup(node->partition);
	}
	op->make_public = delete_rules; /* reused: TRUE deletes rules, FALSE clears the cache */
	op->step = prov_step;
	return iot_purple_registry_op_with_services(op, NULL);
}

guint
iot_purple_provisioning_clear_cache(PurpleAccount *account, const char *jid, const IotRegistryNode *node,
                                    IotPurpleRegistryDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return prov_op(account, jid, node, FALSE, cb, user_data, destroy);
}

guint
iot_purple_provisioning_delete_rules(PurpleAccount *account, const char *jid, const IotRegistryNode *node,
                                     IotPurpleRegistryDoneFunc cb, gpointer user_data, GDestroyNotify destroy)
{
	return prov_op(account, jid, node, TRUE, cb, user_data, destroy);
}
