/* iot-alert-node.c — a concentrator node's error or warning as one inbox
 * entry, cleared when the node is OK again. See iot-alert-node.h. */
#include "iot-alert-node.h"

#include "iot-alert-inbox-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
iot_alert_node_severity(IotNodeState state, IotAlertSeverity *severity)
{
	IotAlertSeverity s;

	switch (state) {
	case IOT_NODE_STATE_ERROR_SIGNED:
	case IOT_NODE_STATE_ERROR_UNSIGNED:
		s = IOT_ALERT_ALARM;
		break;
	case IOT_NODE_STATE_WARNING_SIGNED:
	case IOT_NODE_STATE_WARNING_UNSIGNED:
		s = IOT_ALERT_WARNING;
		break;
	default:
		return FALSE;
	}
	if (severity != NULL)
		*severity = s;
	return TRUE;
}

/* The node's messages of @types (bits of IotNodeMessageType), joined. */
static void
append_messages(GString *s, const IotConcentratorNode *n, guint types)
{
	guint i;

	for (i = 0; n->messages != NULL && i < n->messages->len; i++) {
		const IotNodeMessage *m = g_ptr_array_index(n->messages, i);

		if (!(types & (1u << m->type)) || m->text == NULL || *m->text == '\0')
			continue;
		if (s->len > 0)
			g_string_append(s, "; ");
		g_string_append(s, m->text);
		if (s->len > IOT_ALERT_MAX_TEXT)
			break;
	}
}

/* The text; *@own: it is the node's own messages (not our sentence). */
static char *
node_text(const IotConcentratorNode *n, gboolean *own)
{
	GString *s = g_string_new(NULL);
	IotAlertSeverity sev = IOT_ALERT_WARNING;
	const char *name;
	char *out;

	append_messages(s, n, (1u << IOT_NODE_MESSAGE_ERROR) | (1u << IOT_NODE_MESSAGE_WARNING));
	if (s->len == 0)
		append_messages(s, n, 1u << IOT_NODE_MESSAGE_INFORMATION);
	*own = s->len > 0;
	if (s->len == 0) {
		name = n->display_name != NULL && *n->display_name != '\0' ? n->display_name : n->ref.node_id;
		iot_alert_node_severity(n->state, &sev);
		if (sev == IOT_ALERT_ALARM)
			/* TRANSLATORS: a concentrator's node in an error state: "Heat meter 2 is in error" */
			g_string_printf(s, _("%s is in error"), name);
		else
			/* TRANSLATORS: a concentrator's node in a warning state: "Fridge has a warning" */
			g_string_printf(s, _("%s has a warning"), name);
	}
	out = iot_alert_clean_text(s->str, (gssize)s->len, IOT_ALERT_MAX_TEXT);
	g_string_free(s, TRUE);
	return out;
}

char *
iot_alert_node_text(const IotConcentratorNode *n)
{
	gboolean own;

	g_return_val_if_fail(n != NULL, NULL);
	return node_text(n, &own);
}

/* The node's newest entry that is not cleared or dismissed (acknowledged
 * ones count: the person has seen that state). */
static IotAlert *
node_entry(IotAlertInbox *inbox, const IotAlertSource *source)
{
	guint i;

	for (i = inbox->entries->len; i-- > 0;) {
		IotAlert *a = g_ptr_array_index(inbox->entries, i);

		if (a->origin == IOT_ALERT_ORIGIN_EVENT && a->cleared == 0 && a->state != IOT_ALERT_DISMISSED &&
		    iot_alert_source_equal(&a->source, source))
			return a;
	}
	return NULL;
}

static void
clear_entry(IotAlertInbox *inbox, IotAlert *a, gint64 now)
{
	gboolean was_open = iot_alert_inbox_p_counts_open(a);

	a->cleared = now;
	if (a->state != IOT_ALERT_ACKNOWLEDGED)
		a->state = IOT_ALERT_CLEARED;
	a->snoozed_until = 0;
	iot_alert_inbox_p_after_state_change(inbox, a, was_open);
	iot_alert_inbox_p_tell(inbox, IOT_ALERT_CHANGE_UPDATED, a, FALSE);
}

gboolean
iot_alert_inbox_node_state(IotAlertInbox *inbox, const char *account, const char *thing,
                           const IotConcentratorNode *n, gboolean stranger, gint64 now)
{
	IotAlert *a;
	IotAlert *open;
	IotAlertSeverity sev;
	gboolean own;
	char *text;

	g_return_val_if_fail(inbox != NULL && account != NULL && thing != NULL && n != NULL, FALSE);
	if (n->ref.node_id == NULL || *n->ref.node_id == '\0')
		return FALSE;
	a = iot_alert_new();
	iot_alert_set_source(a, account, thing, n->ref.node_id, NULL);
	open = node_entry(inbox, &a->source);
	if (!iot_alert_node_severity(n->state, &sev)) {
		iot_alert_free(a);
		if (open == NULL)
			return FALSE;
		clear_entry(inbox, open, now);
		return TRUE;
	}
	text = node_text(n, &own);
	/* The same state seen again — also without its messages (an outline
	 * does not ask for them; an event may not carry them) — adds nothing. */
	if (open != NULL && open->severity == sev && (!own || strcmp(open->text, text) == 0)) {
		g_free(text);
		iot_alert_free(a);
		return FALSE;
	}
	if (open != NULL)
		clear_entry(inbox, open, now);
	a->severity = sev;
	a->origin = IOT_ALERT_ORIGIN_EVENT;
	a->stranger = stranger;
	iot_alert_set_text(a, text, -1);
	iot_alert_inbox_add(inbox, a, NULL, now, NULL);
	g_free(text);
	iot_alert_free(a);
	return TRUE;
}

gboolean
iot_alert_inbox_node_gone(IotAlertInbox *inbox, const char *account, const char *thing,
                          const char *node_id, gint64 now)
{
	IotAlert *a, *open;

	g_return_val_if_fail(inbox != NULL && account != NULL && thing != NULL, FALSE);
	if (node_id == NULL || *node_id == '\0')
		return FALSE;
	a = iot_alert_new();
	iot_alert_set_source(a, account, thing, node_id, NULL); /* bounded as the entries' */
	open = node_entry(inbox, &a->source);
	iot_alert_free(a);
	if (open == NULL)
		return FALSE;
	clear_entry(inbox, open, now);
	return TRUE;
}
