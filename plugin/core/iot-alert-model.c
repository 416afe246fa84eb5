/* iot-alert-model.c — one alert: its source, text, names and summary words. */
#include "iot-alert.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The states are adjectives ("Read": read already), told apart from verbs by a context. */
#define STATE_(s) g_dpgettext2(GETTEXT_PACKAGE, "alert state", (s))

IotAlert *
iot_alert_new(void)
{
	IotAlert *a = g_new0(IotAlert, 1);

	a->text = g_strdup("");
	a->count = 1;
	a->state = IOT_ALERT_NEW;
	a->severity = IOT_ALERT_INFO;
	return a;
}

void
iot_alert_source_copy(IotAlertSource *dst, const IotAlertSource *src)
{
	dst->account = g_strdup(src->account);
	dst->thing = g_strdup(src->thing);
	dst->node = g_strdup(src->node);
	dst->field = g_strdup(src->field);
}

void
iot_alert_source_clear(IotAlertSource *s)
{
	g_clear_pointer(&s->account, g_free);
	g_clear_pointer(&s->thing, g_free);
	g_clear_pointer(&s->node, g_free);
	g_clear_pointer(&s->field, g_free);
}

IotAlert *
iot_alert_copy(const IotAlert *a)
{
	IotAlert *c;

	g_return_val_if_fail(a != NULL, NULL);
	c = g_new(IotAlert, 1);
	*c = *a;
	iot_alert_source_copy(&c->source, &a->source);
	c->text = g_strdup(a->text);
	c->question = g_strdup(a->question);
	return c;
}

void
iot_alert_free(IotAlert *a)
{
	if (a == NULL)
		return;
	iot_alert_source_clear(&a->source);
	g_free(a->text);
	g_free(a->question);
	g_free(a);
}

/* Cuts valid UTF-8 @s in place to at most @max bytes at a character
 * boundary. Returns TRUE when something was cut. */
static gboolean
cut_utf8(char *s, gsize max)
{
	const char *end;

	if (strlen(s) <= max)
		return FALSE;
	end = g_utf8_find_prev_char(s, s + max + 1);
	s[end == NULL ? 0 : end - s] = '\0';
	return TRUE;
}

char *
iot_alert_clean_text(const char *text, gssize len, gsize max_bytes)
{
	char *valid, *p, *out;
	gsize n, full;

	if (max_bytes < 8)
		max_bytes = 8;
	if (text == NULL)
		return g_strdup("");
	/* Only a bounded prefix is looked at: a 1 MB body costs no more than a short one. */
	full = len < 0 ? strnlen(text, max_bytes + 1) : (gsize)len;
	n = MIN(full, max_bytes);
	valid = g_utf8_make_valid(text, n);
	for (p = valid; *p != '\0'; p++) {
		if (((guchar)*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			*p = ' ';
	}
	g_strchug(valid);
	if (full <= n && !cut_utf8(valid, max_bytes))
		return g_strchomp(valid);
	/* cut: room for the 3-byte ellipsis */
	cut_utf8(valid, max_bytes - 3);
	out = g_strconcat(valid, "…", NULL);
	g_free(valid);
	return out;
}

static char *
clean_name(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	return iot_alert_clean_text(s, -1, IOT_ALERT_MAX_NAME);
}

void
iot_alert_set_source(IotAlert *a, const char *account, const char *thing, const char *node,
                     const char *field)
{
	IotAlertSource s;

	g_return_if_fail(a != NULL);
	/* copied before the old ones go: the alert's own strings may be passed back */
	s.account = clean_name(account);
	if (s.account == NULL)
		s.account = g_strdup("");
	s.thing = clean_name(thing);
	if (s.thing == NULL)
		s.thing = g_strdup("");
	s.node = clean_name(node);
	s.field = clean_name(field);
	iot_alert_source_clear(&a->source);
	a->source = s;
}

void
iot_alert_set_text(IotAlert *a, const char *text, gssize len)
{
	char *t;

	g_return_if_fail(a != NULL);
	t = iot_alert_clean_text(text, len, IOT_ALERT_MAX_TEXT); /* @text may be a->text */
	g_free(a->text);
	a->text = t;
}

gboolean
iot_alert_source_equal(const IotAlertSource *a, const IotAlertSource *b)
{
	return g_strcmp0(a->account, b->account) == 0 && g_strcmp0(a->thing, b->thing) == 0 &&
	       g_strcmp0(a->node, b->node) == 0 && g_strcmp0(a->field, b->field) == 0;
}

gboolean
iot_alert_is_open(const IotAlert *a)
{
	return a->cleared == 0 && (a->state == IOT_ALERT_NEW || a->state == IOT_ALERT_READ ||
	                           a->state == IOT_ALERT_SNOOZED);
}

gboolean
iot_alert_question_key_valid(const char *key)
{
	const char *p;

	if (key == NULL || *key == '\0' || strlen(key) > IOT_ALERT_MAX_QUESTION)
		return FALSE;
	for (p = key; *p != '\0'; p++)
		if (*p < 0x21 || *p > 0x7e)
			return FALSE;
	return TRUE;
}

gboolean
iot_alert_set_question(IotAlert *a, const char *key)
{
	g_return_val_if_fail(a != NULL, FALSE);
	g_clear_pointer(&a->question, g_free);
	if (!iot_alert_question_key_valid(key))
		return FALSE;
	a->question = g_strdup(key);
	return TRUE;
}

gboolean
iot_alert_is_question(const IotAlert *a)
{
	return a->severity == IOT_ALERT_QUESTION && a->question != NULL;
}

guint
iot_alert_severity_rank(IotAlertSeverity s)
{
	switch (s) {
	case IOT_ALERT_ALARM:
		return 3;
	case IOT_ALERT_WARNING:
		return 2;
	case IOT_ALERT_QUESTION:
		return 1;
	case IOT_ALERT_INFO:
	default:
		return 0;
	}
}

IotAlertSeverity
iot_alert_severity_louder(IotAlertSeverity a, IotAlertSeverity b)
{
	return iot_alert_severity_rank(b) > iot_alert_severity_rank(a) ? b : a;
}

static const char *const severity_names[] = { "info", "warning", "alarm", "question" };
static const char *const state_names[] = { "new", "read", "acknowledged", "snoozed", "cleared",
	                                   "dismissed" };
static const char *const origin_names[] = { "headline", "event", "rule", "throttled", "quiet" };

const char *
iot_alert_severity_name(IotAlertSeverity s)
{
	return (guint)s < G_N_ELEMENTS(severity_names) ? severity_names[s] : "info";
}

const char *
iot_alert_state_name(IotAlertState s)
{
	return (guint)s < G_N_ELEMENTS(state_names) ? state_names[s] : "new";
}

const char *
iot_alert_origin_name(IotAlertOrigin o)
{
	return (guint)o < G_N_ELEMENTS(origin_names) ? origin_names[o] : "headline";
}

static gboolean
from_name(const char *const *names, guint n, const char *name, guint *out)
{
	guint i;

	for (i = 0; name != NULL && i < n; i++) {
		if (strcmp(names[i], name) == 0) {
			*out = i;
			return TRUE;
		}
	}
	return FALSE;
}

gboolean
iot_alert_severity_from_name(const char *name, IotAlertSeverity *out)
{
	guint i;

	if (!from_name(severity_names, G_N_ELEMENTS(severity_names), name, &i))
		return FALSE;
	*out = (IotAlertSeverity)i;
	return TRUE;
}

gboolean
iot_alert_state_from_name(const char *name, IotAlertState *out)
{
	guint i;

	if (!from_name(state_names, G_N_ELEMENTS(state_names), name, &i))
		return FALSE;
	*out = (IotAlertState)i;
	return TRUE;
}

gboolean
iot_alert_origin_from_name(const char *name, IotAlertOrigin *out)
{
	guint i;

	if (!from_name(origin_names, G_N_ELEMENTS(origin_names), name, &i))
		return FALSE;
	*out = (IotAlertOrigin)i;
	return TRUE;
}

const char *
iot_alert_severity_text(IotAlertSeverity s)
{
	switch (s) {
	case IOT_ALERT_QUESTION:
		/* TRANSLATORS: the severity of an owner question in the alerts inbox. */
		return _("Question");
	case IOT_ALERT_ALARM:
		return _("Alarm");
	case IOT_ALERT_WARNING:
		return _("Warning");
	case IOT_ALERT_INFO:
	default:
		return _("Information");
	}
}

const char *
iot_alert_state_text(IotAlertState s)
{
	switch (s) {
	case IOT_ALERT_READ:
		return STATE_(NC_("alert state", "Read"));
	case IOT_ALERT_ACKNOWLEDGED:
		return STATE_(NC_("alert state", "Acknowledged"));
	case IOT_ALERT_SNOOZED:
		return STATE_(NC_("alert state", "Snoozed"));
	case IOT_ALERT_CLEARED:
		return STATE_(NC_("alert state", "Cleared"));
	case IOT_ALERT_DISMISSED:
		return STATE_(NC_("alert state", "Dismissed"));
	case IOT_ALERT_NEW:
	default:
		return STATE_(NC_("alert state", "New"));
	}
}

char *
iot_alert_short_jid(const char *jid)
{
	const char *at;
	char *local, *out;
	glong n;

	if (jid == NULL)
		return g_strdup("");
	at = strchr(jid, '@');
	if (at == NULL || at == jid)
		return iot_alert_clean_text(jid, -1, 64);
	local = g_utf8_make_valid(jid, at - jid);
	n = g_utf8_strlen(local, -1);
	if (n > 32) {
		char *cut = g_utf8_substring(local, 0, 31);

		g_free(local);
		local = g_strconcat(cut, "…", NULL);
		g_free(cut);
	}
	out = g_strconcat(local, "@…", NULL);
	g_free(local);
	return out;
}

char *
iot_alert_summary_text(const IotAlert *a)
{
	char *who, *out;
	guint minutes;

	g_return_val_if_fail(a != NULL, NULL);
	if (a->origin != IOT_ALERT_ORIGIN_THROTTLED && a->origin != IOT_ALERT_ORIGIN_QUIET)
		return g_strdup(a->text);
	who = iot_alert_short_jid(a->source.thing);
	if (a->origin == IOT_ALERT_ORIGIN_THROTTLED) {
		minutes = (guint)MAX(1, (a->span + IOT_ALERT_MINUTE - 1) / IOT_ALERT_MINUTE);
		/* TRANSLATORS: a summary line of a noisy thing's alerts that were
		 * held back, e.g. "12 more from door@… in the last 10 min";
		 * %1$u alerts, %2$s the thing, %3$u minutes. */
		out = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%1$u more from %2$s in the last %3$u min",
		                                  "%1$u more from %2$s in the last %3$u min", a->count),
		                      a->count, who, minutes);
	} else if (*who == '\0') {
		out = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u alert arrived during quiet hours",
		                                  "%u alerts arrived during quiet hours", a->count),
		                      a->count);
	} else {
		/* TRANSLATORS: %1$u alerts, %2$s the thing ("door@…"). */
		out = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE,
		                                  "%1$u alert from %2$s arrived during quiet hours",
		                                  "%1$u alerts from %2$s arrived during quiet hours", a->count),
		                      a->count, who);
	}
	g_free(who);
	return out;
}
