/*
 * iot-purple-control-private.h — what /control knows of a thing's parameters,
 * and the sentences it writes. Shared by iot-purple-control.c (the command and
 * its requests) and iot-purple-control-text.c (parameters and text, without
 * any request). Every string returned is plain text; the conversation escapes.
 */
#ifndef IOT_PURPLE_CONTROL_PRIVATE_H
#define IOT_PURPLE_CONTROL_PRIVATE_H

#include <glib.h>

#include "iot-control.h"
#include "iot-dataform.h"
#include "iot-model.h"

/* How much of a name or value typed or sent is repeated back in a sentence. */
#define IOT_PURPLE_CONTROL_ECHO_CHARS 80

/* A parameter of a thing, learnt from its control form or from its readout. */
typedef struct {
	char *name;                /* the name on the wire, never NULL */
	char *caption;             /* the form's label when it differs from name, nullable */
	IotControlType type;
	char *enum_type;           /* NF `e@t`, nullable */
	char *unit;                /* from the readout, nullable */
	char *range;               /* for the list, nullable */
	char *current;             /* for the list, nullable */
	char *before;              /* the wire value now, for the control log; nullable */
	gboolean read_only;
	gboolean choice;           /* a list field of the form */
	const IotFormField *field; /* form path: borrowed from the form it came from */
} IotPurpleControlParam;

void iot_purple_control_param_free(gpointer param);

/* Returns: (transfer full): the parameters a person can set in @form
 * (element-type IotPurpleControlParam), in form order; they borrow @form's
 * fields, so @form must outlive them. g_ptr_array_unref(). */
GPtrArray *iot_purple_control_params_from_form(const IotDataForm *form);

/* Returns: (transfer full): one parameter per field name of @readout
 * (XEP-0325 §5.2: the sensor field of the same name tells the type), only the
 * writable ones when the thing marks any. g_ptr_array_unref(). */
GPtrArray *iot_purple_control_params_from_readout(const IotReadout *readout);

/* Returns: (transfer none) (nullable): the parameter @name, as named on the
 * wire, else ignoring case, else by its form label. */
const IotPurpleControlParam *iot_purple_control_find_param(const GPtrArray *params,
                                                           const char *name);

/* Returns: (transfer full) (nullable): the wire value of @input for @p, or
 * NULL with a translated @error naming the parameter. */
char *iot_purple_control_parse_value(const IotPurpleControlParam *p, const char *input,
                                     GError **error);

/* Returns: (transfer full): the names of @params, comma-separated, the
 * first ones only when there are many. */
char *iot_purple_control_known_names(const GPtrArray *params);

/* Returns: (transfer full): @params as an aligned block (name, type, range,
 * current value), one per line, for a monospace conversation message. */
char *iot_purple_control_format_list(const char *who, const GPtrArray *params,
                                     gboolean from_form);

/* Returns: (transfer full): the sentence for a successful set of @sent to
 * @who: what was set, or — for a partial acceptance — what was applied and
 * what was not. */
char *iot_purple_control_success_text(const char *who, const IotControlSet *sent,
                                      const IotControlResult *result);

/* Returns: (transfer full) (nullable): one line per parameter @who refused
 * in @result, with its own words; NULL when it named none. */
char *iot_purple_control_refusals(const char *who, const IotControlResult *result);

/* Returns: (transfer full): the sentence for a control request to @who that
 * ended with @error. @sent: the set itself had gone out, so whether the
 * thing acted is not known — and it is not sent again. */
char *iot_purple_control_error_sentence(const char *who, const GError *error, gboolean sent);

/* Returns: (transfer full): why the parameters of @who could not be learnt
 * (iot-purple-control-learn.h): @read_instead, it sent no form and its
 * values could not be read either. */
char *iot_purple_control_learn_error(const char *who, const GError *error, gboolean read_instead);

#endif
