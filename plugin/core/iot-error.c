/* iot-error.c — the IOT_ERROR domain and stanza error parsing. See iot-error.h. */
#include "iot-error.h"

#include "iot-limits.h"
#include "iot-ns.h"
#include "iot-xml.h"

#include <string.h>

G_DEFINE_QUARK(iot-error-quark, iot_error)

static const struct {
	const char *condition;
	IotErrorCode code;
} conditions[] = {
	{ "forbidden", IOT_ERROR_REJECTED },
	{ "not-authorized", IOT_ERROR_REJECTED },
	{ "not-allowed", IOT_ERROR_REJECTED },
	{ "policy-violation", IOT_ERROR_REJECTED },
	{ "item-not-found", IOT_ERROR_NOT_FOUND },
	{ "bad-request", IOT_ERROR_BAD_REQUEST },
	{ "not-acceptable", IOT_ERROR_BAD_REQUEST },
	{ "feature-not-implemented", IOT_ERROR_NOT_IMPLEMENTED },
	{ "service-unavailable", IOT_ERROR_NOT_IMPLEMENTED },
	{ "recipient-unavailable", IOT_ERROR_UNAVAILABLE },
	{ "remote-server-not-found", IOT_ERROR_UNAVAILABLE },
	{ "remote-server-timeout", IOT_ERROR_UNAVAILABLE },
	{ "conflict", IOT_ERROR_CONFLICT },
	{ "internal-server-error", IOT_ERROR_FAILED },
	{ "undefined-condition", IOT_ERROR_FAILED },
};

/* XEP-0325 v0.1/0.2 responseCode and XEP-0326 result values. */
static const struct {
	const char *name;
	IotErrorCode code;
} legacy_codes[] = {
	{ "NotFound", IOT_ERROR_NOT_FOUND },
	{ "InsufficientPrivileges", IOT_ERROR_REJECTED },
	{ "Locked", IOT_ERROR_CONFLICT },
	{ "NotImplemented", IOT_ERROR_NOT_IMPLEMENTED },
	{ "FormError", IOT_ERROR_BAD_REQUEST },
	{ "OtherError", IOT_ERROR_FAILED },
};

const char *
iot_error_condition_name(IotErrorCode code)
{
	guint i;

	for (i = 0; i < G_N_ELEMENTS(conditions); i++)
		if (conditions[i].code == code)
			return conditions[i].condition;
	return "undefined-condition";
}

static char *
bounded_text(const xmlNode *n)
{
	char *t = iot_xml_text(n, IOT_MAX_ERROR_TEXT, NULL);

	if (t != NULL) {
		g_strstrip(t);
		if (*t == '\0' || !g_utf8_validate(t, -1, NULL)) {
			g_free(t);
			t = NULL;
		}
	}
	return t;
}

GError *
iot_error_from_stanza(const xmlNode *stanza)
{
	const xmlNode *err, *c, *legacy = NULL;
	IotErrorCode code = IOT_ERROR_FAILED;
	const char *cond_name = NULL;
	char *text = NULL;
	GError *e;
	guint i;

	/* RFC 6120 §8.3: <error type=…><condition xmlns=stanzas/><text/></error> */
	err = iot_xml_child(stanza, "error", NULL);
	for (c = iot_xml_first(err); c != NULL; c = iot_xml_next(c)) {
		if (g_strcmp0(iot_xml_ns(c), IOT_NS_STANZAS) != 0)
			continue;
		if (iot_xml_is(c, "text", NULL)) {
			if (text == NULL)
				text = bounded_text(c);
			continue;
		}
		for (i = 0; i < G_N_ELEMENTS(conditions) && cond_name == NULL; i++) {
			if (iot_xml_is(c, conditions[i].condition, NULL)) {
				cond_name = conditions[i].condition;
				code = conditions[i].code;
			}
		}
		if (cond_name == NULL)
			cond_name = (const char *)c->name;
	}

	/* Legacy XEP-0323 v0.1/v0.2 (slixmpp): <rejected seqnr><error>text</error></rejected>,
	 * XEP-0325 v0.2: <setResponse responseCode='NotFound'><error var>text</error></setResponse>,
	 * with no RFC <error/> at all. Any IoT-namespaced child counts. */
	for (c = iot_xml_first(stanza); c != NULL; c = iot_xml_next(c)) {
		if (iot_ns_classify(iot_xml_ns(c), NULL, NULL) && !iot_xml_is(c, "error", NULL)) {
			legacy = c;
			break;
		}
	}
	if (legacy != NULL) {
		const char *rc = iot_xml_attr2(legacy, "responseCode", "result");
		const xmlNode *le = iot_xml_child(legacy, "error", NULL);

		if (iot_xml_is(legacy, "rejected", NULL) && cond_name == NULL) {
			code = IOT_ERROR_REJECTED;
			cond_name = "rejected";
		}
		for (i = 0; rc != NULL && i < G_N_ELEMENTS(legacy_codes); i++) {
			if (strcmp(rc, legacy_codes[i].name) == 0 && cond_name == NULL) {
				code = legacy_codes[i].code;
				cond_name = legacy_codes[i].name;
			}
		}
		if (text == NULL && le != NULL)
			text = bounded_text(le);
	}

	if (text != NULL) {
		e = g_error_new_literal(IOT_ERROR, code, text);
		g_free(text);
	} else {
		e = g_error_new_literal(IOT_ERROR, code, cond_name ? cond_name : "undefined-condition");
	}
	return e;
}
