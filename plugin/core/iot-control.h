/*
 * iot-control.h — control codec for every generation (XEP-0325 family).
 *
 * Pure functions: requests built, answers parsed, no session and no clock
 * (iot-control-flow.h sends and correlates).
 *
 * Long-name generations (urn:xmpp:sn:control v0.1, urn:xmpp:iot:control):
 *   <set> with node@nodeId/sourceId/cacheType and typed parameters
 *   boolean|color|date|dateTime|double|duration|int|long|string|time
 *   @name/@value, or an <x type='submit'/>; tokens serviceToken,
 *   deviceToken, userToken. Answers: v0.1/0.2 (and slixmpp)
 *   <setResponse responseCode='OK'/>, legacy failures as
 *   <setResponse responseCode='NotFound|…'><error var>text</error> in an
 *   iq error without an RFC 6120 <error/>; v0.3+ <setResponse/> listing the
 *   <node/>s and <parameter name/>s applied, failures as RFC errors with
 *   <paramError var>. getForm answers: the <x/> as iq child, or v0.1's
 *   <getFormResponse result='OK'><x/></getFormResponse> (even in the
 *   concentrators namespace, as v0.1's examples have it).
 * Short-name generations (urn:ieee:iot:ctr:1.0, urn:nf:iot:ctr:1.0,
 *   urn:nfi:iot:ctr:1.0): nd@id/src/pt, b|cl|d|dt|db|dr|e(+t)|i|l|s|t @n/@v,
 *   tokens st/dt/ut; <resp> listing <nd/> and <p n/> applied; paramError@n
 *   (Waher) or @var (the NF XSD).
 * Parsing is lenient across all of them (protocols.md §12): Smack's <bool/>
 * is boolean, either attribute spelling is read, answers in a sibling
 * namespace are accepted.
 *
 * Also here: the XEP-0325 §5.2 type map, from a form field's XEP-0122
 * datatype or from a sensor-data field, for things that are controlled
 * without a form.
 */
#ifndef IOT_CONTROL_H
#define IOT_CONTROL_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-dataform.h"
#include "iot-model.h"
#include "iot-ns.h"
#include "iot-value.h"

G_BEGIN_DECLS

/* One typed parameter to set. */
typedef struct {
	char *name;      /* never NULL */
	IotControlType type;
	char *value;     /* wire lexical value (iot-value.h), never NULL */
	char *enum_type; /* nullable: the NF enumeration type name (`e@t`) */
} IotControlParam;

/* A control request: nodes, then parameters in the order they must be
 * applied (XEP-0325 §3.2: devices apply them in document order), or a
 * submit form. All members may be empty. */
typedef struct {
	GPtrArray *nodes;    /* (element-type IotNodeRef) */
	GPtrArray *params;   /* (element-type IotControlParam) */
	xmlNode *form;       /* (nullable) (owned): a jabber:x:data submit form */
	char *service_token; /* nullable, XEP-0324 tokens */
	char *device_token;
	char *user_token;
	char *lang;          /* nullable: xml:lang for the thing's error texts */
} IotControlSet;

/* Returns: (transfer full): an empty request; free with iot_control_set_free(). */
IotControlSet *iot_control_set_new(void);
void iot_control_set_free(IotControlSet *set);
/* Returns: (transfer full): a deep copy. */
IotControlSet *iot_control_set_copy(const IotControlSet *set);

/* Appends a node; @node_id must not be NULL, the others are nullable. */
void iot_control_set_add_node(IotControlSet *set, const char *node_id, const char *source_id,
                              const char *partition);

/* Appends a parameter (strings copied). @value must already be a wire value
 * (iot_value_parse() makes one); for ENUM, @enum_type (nullable) is the NF
 * type name. Returns FALSE (and adds nothing) when @name or @value hold
 * characters XML cannot carry, or the request is full
 * (IOT_MAX_CONTROL_PARAMETERS). */
gboolean iot_control_set_add_param(IotControlSet *set, const char *name, IotControlType type,
                                   const char *value, const char *enum_type);

/* Returns: (transfer none) (nullable): the first parameter named @name. */
const IotControlParam *iot_control_set_find_param(const IotControlSet *set, const char *name);

/* Sets the submit form (transfer full; nullable to remove). */
void iot_control_set_take_form(IotControlSet *set, xmlNode *form);

/* Returns: (transfer full): a request setting the fields of @form that
 * changed since @original as typed parameters, in form order, typed by
 * iot_control_type_for_form_field() — for things whose form is known but
 * which are controlled by typed sets (XEP-0325 §3.3: "the client later can
 * use [the types] to send typed control commands directly"). Multi-valued
 * fields are joined with newlines. */
IotControlSet *iot_control_set_from_form(const IotDataForm *form, const IotFormValues *original);

/* Returns: (transfer full): the <set/> element of @gen for @set (names,
 * attributes and namespace of that generation; ENUM becomes `string` in
 * long-name generations, `e` with `t` in short ones). Free with
 * xmlFreeNode(). */
xmlNode *iot_control_build_set(IotGeneration gen, const IotControlSet *set);

/* Returns: (transfer full): the <getForm/> element of @gen for @nodes
 * (nullable; element-type IotNodeRef), with xml:lang @lang (nullable).
 * Free with xmlFreeNode(). */
xmlNode *iot_control_build_get_form(IotGeneration gen, const GPtrArray *nodes, const char *lang);

/* Parses a <set/> of any generation (what a thing receives: used by tests
 * and simulated things). Unknown children are skipped; bounds apply.
 * Returns: (transfer full) (nullable): the request, or NULL with @error
 * (IOT_ERROR_MALFORMED) when @el is no control <set/>. */
IotControlSet *iot_control_parse_set(const xmlNode *el, GError **error);

/* Reads the answer to a getForm: @iq is the <iq type='result'> (its <x/>,
 * or v0.1's <getFormResponse result='OK'><x/>), or the <x/> itself.
 * Returns: (transfer full) (nullable): the form (iot_dataform_free), or
 * NULL with @error: the legacy result code's error when
 * getFormResponse@result is not OK, else IOT_ERROR_MALFORMED. */
IotDataForm *iot_control_parse_form_answer(const xmlNode *iq, GError **error);

typedef struct {
	char *name; /* never NULL */
	char *text; /* the thing's text (bounded), never NULL, may be "" */
} IotControlParamError;

/* What became of a set. */
typedef struct {
	/* (element-type IotNodeRef) (nullable): the nodes the thing says it
	 * applied the request to; NULL when it named none, which means all. */
	GPtrArray *nodes;
	/* (element-type utf8) (nullable): the parameters it applied; NULL = all. */
	GPtrArray *params;
	/* (element-type IotNodeRef) (nullable): nodes a failure names. */
	GPtrArray *failed_nodes;
	/* (element-type IotControlParamError): errors per parameter. */
	GPtrArray *errors;
	/* (nullable): why the request failed; NULL on success. */
	GError *error;
	/* Success, but the thing applied fewer nodes or parameters than asked
	 * (provisioning restricted it: XEP-0324 §3.5, NF ControlSimpleActions). */
	gboolean partial;
} IotControlResult;

/* Returns: (transfer full): a result with nothing in it; free with
 * iot_control_result_free(). */
IotControlResult *iot_control_result_new(void);
void iot_control_result_free(IotControlResult *result);

/* Reads the answer @iq to a set (@is_error: its type was "error"). @sent
 * (nullable) is what was asked: it tells a partial success, and it repairs
 * slixmpp's legacy failures, whose <error var='Output'> names a fixed
 * string rather than the parameter (the <parameter name/> beside it names
 * the real one). A legacy <setResponse responseCode='…'> that is not "OK"
 * fails even in a result. Returns: (transfer full): never NULL. */
IotControlResult *iot_control_parse_result(const xmlNode *iq, gboolean is_error,
                                           const IotControlSet *sent);

/* Returns: (transfer none) (nullable): the error text for parameter @name. */
const char *iot_control_result_error_for(const IotControlResult *result, const char *name);

/* The XEP-0325 §5.2 type map.
 * From a form field: boolean fields are boolean; text-single by its
 * XEP-0122 datatype (xs:int/byte/short → int, xs:long/integer → long,
 * xs:double → double, xs:boolean → boolean, xs:date/dateTime/time/duration
 * → the same, xdc:Color/ColorAlpha → color); list-single and everything
 * else → string. */
IotControlType iot_control_type_for_form_field(const IotFormField *field);

/* From a sensor-data field of the same name: numeric → double, boolean,
 * int, long, date, dateTime, time, duration → the same, string → string,
 * enum → ENUM (written as `string` in the XSF family, `e` in NF, whose `t`
 * is the field's enum_type: Waher's server refuses an enum sent as `s`). */
IotControlType iot_control_type_for_sensor_field(const IotField *field);

/* Returns: (transfer none) (nullable): the field of @readout that stands
 * for control parameter @name (XEP-0325 §5.2): same name, preferring a
 * field marked writable, then a momentary one, then a status one, and
 * never one flagged missing. */
const IotField *iot_control_find_sensor_field(const IotReadout *readout, const char *name);

G_END_DECLS

#endif
