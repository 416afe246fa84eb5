/*
 * iot-dataform.h — XEP-0004 data forms, as control forms use them.
 *
 * A thing describes its control parameters in a `jabber:x:data` form
 * (XEP-0325 §3.3, NF ControlDataForm): fields with values and options,
 * XEP-0122 validation (datatype, range, regex, list-range), XEP-0141 layout
 * (pages, nested sections, field references, texts), XEP-0331 colour
 * datatypes, XEP-0336 dynamic-form flags (postBack, readOnly, notSame,
 * error; both namespaces), the dynamic-form session field, and the control
 * grouping element (`parameterGroup` / NF `pGroup`). This module parses all
 * of it into one model, validates what a person enters, remembers the
 * values the thing sent so that only edited fields are submitted, and builds
 * forms back (the submit form, and whole forms for tests and simulated
 * things).
 *
 * It deliberately does not render anything, does not run post-backs and
 * does not know how a form reaches a thing (iot-control.h does). Result
 * forms (`reported` / `item`) are not modelled: control never uses them.
 * Everything a thing sends is bounded by iot-limits.h; what was cut is
 * said in the form's notes.
 */
#ifndef IOT_DATAFORM_H
#define IOT_DATAFORM_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-ns.h"
#include "iot-value.h"

G_BEGIN_DECLS

#ifndef IOT_NS_XDATA
#define IOT_NS_XDATA "jabber:x:data"
#endif
#ifndef IOT_NS_XDATA_VALIDATE
#define IOT_NS_XDATA_VALIDATE "http://jabber.org/protocol/xdata-validate"
#endif
#ifndef IOT_NS_XDATA_LAYOUT
#define IOT_NS_XDATA_LAYOUT "http://jabber.org/protocol/xdata-layout"
#endif
#ifndef IOT_NS_XDATA_DYNAMIC
#define IOT_NS_XDATA_DYNAMIC "urn:xmpp:xdata:dynamic"
#endif
/* The dynamic-forms namespace of XEP-0325/0326 v0.1 examples. */
#ifndef IOT_NS_XDATA_DYNAMIC_OLD
#define IOT_NS_XDATA_DYNAMIC_OLD "http://jabber.org/protocol/xdata-dynamic"
#endif
#ifndef IOT_NS_XDATA_COLOR
#define IOT_NS_XDATA_COLOR "urn:xmpp:xdata:color"
#endif

/* The hidden field that carries a XEP-0336 session (XEP-0325 §3.3). */
#define IOT_DATAFORM_SESSION_VAR "xdd session"

typedef enum {
	IOT_FORM_FORM = 0,
	IOT_FORM_SUBMIT,
	IOT_FORM_CANCEL,
	IOT_FORM_RESULT
} IotFormType;

/* XEP-0004 §3.3; unknown or absent types are text-single. */
typedef enum {
	IOT_FORM_FIELD_TEXT_SINGLE = 0,
	IOT_FORM_FIELD_BOOLEAN,
	IOT_FORM_FIELD_FIXED,
	IOT_FORM_FIELD_HIDDEN,
	IOT_FORM_FIELD_JID_MULTI,
	IOT_FORM_FIELD_JID_SINGLE,
	IOT_FORM_FIELD_LIST_MULTI,
	IOT_FORM_FIELD_LIST_SINGLE,
	IOT_FORM_FIELD_TEXT_MULTI,
	IOT_FORM_FIELD_TEXT_PRIVATE,
	IOT_FORM_FIELD_TYPE_COUNT
} IotFormFieldType;

/* XEP-0122 datatypes we understand; any other is a string (XEP-0122 §4.1).
 * xs:decimal and xs:float count as double. */
typedef enum {
	IOT_FORM_DT_STRING = 0,
	IOT_FORM_DT_BOOLEAN,
	IOT_FORM_DT_BYTE,
	IOT_FORM_DT_SHORT,
	IOT_FORM_DT_INT,
	IOT_FORM_DT_LONG,
	IOT_FORM_DT_INTEGER,
	IOT_FORM_DT_DOUBLE,
	IOT_FORM_DT_DATE,
	IOT_FORM_DT_DATETIME,
	IOT_FORM_DT_TIME,
	IOT_FORM_DT_DURATION,
	IOT_FORM_DT_COLOR,       /* xdc:Color, RRGGBB (XEP-0331) */
	IOT_FORM_DT_COLOR_ALPHA  /* xdc:ColorAlpha, RRGGBBAA */
} IotFormDatatype;

typedef struct {
	char *label; /* nullable */
	char *value; /* never NULL */
} IotFormOption;

typedef struct {
	char *var;              /* nullable only for fixed fields */
	IotFormFieldType type;
	char *label;            /* nullable */
	char *desc;             /* nullable */
	gboolean required;
	GPtrArray *values;      /* (element-type utf8): current values, in order */
	GPtrArray *options;     /* (element-type IotFormOption) */

	/* XEP-0122 */
	gboolean validated;     /* the field had a <validate/> */
	IotFormDatatype datatype;
	char *datatype_name;    /* as sent ("xs:int"), nullable */
	gboolean open;          /* <open/>: list fields accept values not offered */
	char *min, *max;        /* <range/> bounds as sent, nullable */
	char *regex;            /* <regex/> pattern, nullable */
	guint list_min, list_max; /* <list-range/>; 0 = no bound */

	/* XEP-0336 */
	gboolean post_back, read_only, not_same;
	char *error;            /* xdd:error text, nullable */

	/* XEP-0325 parameterGroup / NF pGroup: parameters written together */
	char *group;            /* nullable */

	/* The unit of the value, when known from elsewhere than the form (a form
	 * made from a readout): "21.5 °C" is then accepted. nullable */
	char *unit;

	/* The person changed it (iot_dataform_set_values); cleared by revert. */
	gboolean edited;
} IotFormField;

typedef enum {
	IOT_LAYOUT_TEXT = 0, /* a <text/>: @text */
	IOT_LAYOUT_FIELD,    /* a <fieldref/>: @text is the var of an existing field */
	IOT_LAYOUT_SECTION   /* a <section/>: @section */
} IotLayoutKind;

typedef struct _IotFormSection IotFormSection;

typedef struct {
	IotLayoutKind kind;
	char *text;
	IotFormSection *section;
} IotLayoutItem;

/* A XEP-0141 page or section. */
struct _IotFormSection {
	char *label;      /* nullable */
	GPtrArray *items; /* (element-type IotLayoutItem) in document order */
	gboolean is_default; /* pages only: the page of every shown field no page references */
};

typedef struct {
	IotFormType type;
	char *title;        /* nullable */
	char *instructions; /* nullable; several <instructions/> joined by "\n" */
	GPtrArray *fields;  /* (element-type IotFormField) in document order */
	/* (element-type IotFormSection): the form's pages, then — when any shown
	 * field is on none of them — one default page (label NULL) with those
	 * fields in document order. A form without pages has only that page.
	 * Each field is referenced at most once; hidden fields never. */
	GPtrArray *pages;
	GPtrArray *notes;   /* (element-type utf8): translated notes on what was cut */
	guint notes_dropped;
	guint fields_dropped;
} IotDataForm;

/* TRUE when @ns (nullable) is a namespace of XEP-0336 dynamic forms: the
 * current one or the XEP-0325/0326 v0.1 one. Every reader of postBack,
 * readOnly, notSame, error, submit and updated accepts both. */
gboolean iot_dataform_is_dynamic_ns(const char *ns);

/* Parses the `jabber:x:data` element @x. Bad single items (a field without
 * var, a duplicate var, a reference to no field) are left out; bounds of
 * iot-limits.h apply, and each cut adds a note.
 * Returns: (transfer full) (nullable): the form, free with
 * iot_dataform_free(); NULL with @error (IOT_ERROR_MALFORMED) when @x is not
 * a data form. */
IotDataForm *iot_dataform_parse(const xmlNode *x, GError **error);

/* Returns: (transfer full): an empty form of @type; free with iot_dataform_free(). */
IotDataForm *iot_dataform_new(IotFormType type);
void iot_dataform_free(IotDataForm *form);

/* Returns: (transfer full): a field of @type named @var (nullable), no
 * values; free with iot_form_field_free() unless added to a form. */
IotFormField *iot_form_field_new(IotFormFieldType type, const char *var);
void iot_form_field_free(IotFormField *field);

/* Appends @field (transfer full) to @form and to its default page (pages
 * are re-derived by iot_dataform_parse only). Returns FALSE, freeing
 * @field, when its var is already used. */
gboolean iot_dataform_add_field(IotDataForm *form, IotFormField *field);

/* Returns: (transfer none) (nullable): the field named @var. */
IotFormField *iot_dataform_find(const IotDataForm *form, const char *var);

/* Returns: (transfer none) (nullable): the XEP-0336 session id (the value
 * of the hidden field "xdd session"), or NULL. */
const char *iot_dataform_session(const IotDataForm *form);

/* Returns: (transfer none) (nullable): the first value of @field. */
const char *iot_form_field_value(const IotFormField *field);

/* Returns: (transfer full): the values of @field, one per line ("" for
 * none): multi-valued fields as one text. g_free(). */
char *iot_form_field_values_text(const IotFormField *field);

/* Returns: (transfer full): how a person knows @field: its label without a
 * trailing colon ("Fade Time (ms)"), else its var, else "". g_free(). */
char *iot_form_field_caption(const IotFormField *field);

/* Returns: (transfer none): the XEP-0004 name of @t ("text-single" …). */
const char *iot_form_field_type_name(IotFormFieldType t);

/* Fills @spec (see iot-value.h) for one value of @field: the value type
 * from the datatype (a boolean field is boolean whatever it says), range
 * bounds, colour alpha rules, the field's unit when it has one. spec->label
 * is left NULL; the strings are borrowed from @field. */
void iot_dataform_field_spec(const IotFormField *field, IotValueSpec *spec);

/* Checks one wire value against @field: datatype (xs:byte/short bounds
 * too), range, regex (whole value, bounded match time), and for list
 * fields without <open/> the offered options. Returns TRUE when fine; else
 * FALSE and *@message (nullable out, transfer full) is a translated
 * sentence naming the field ("Setpoint must be between 5 and 30.",
 * "Colour must be #RRGGBB."). A regex that does not compile or runs too
 * long is not held against the value: the thing checks again anyway. */
gboolean iot_dataform_validate_value(const IotFormField *field, const char *value,
                                     char **message);

/* Checks @field's current values: required, list-range, and every value
 * as iot_dataform_validate_value() does. Same result convention. */
gboolean iot_dataform_validate_field(const IotFormField *field, char **message);

/* Checks every field a person can edit. Returns: (transfer none)
 * (nullable): the first field that fails (with *@message set as above), or
 * NULL when all are fine. */
IotFormField *iot_dataform_validate(const IotDataForm *form, char **message);

/* Parses what a person typed for @field (iot_value_parse() with the
 * field's spec and caption, then iot_dataform_validate_value()).
 * Returns: (transfer full) (nullable): the wire value, or NULL with a
 * translated @error (IOT_ERROR_BAD_REQUEST). */
char *iot_dataform_parse_input(const IotFormField *field, const char *input, GError **error);

/* The values of a form at one moment, for "only what changed" and "Revert". */
typedef struct _IotFormValues IotFormValues;

/* Returns: (transfer full): a copy of every field's values; free with
 * iot_form_values_free(). Take it right after parsing: it is "the values
 * the thing sent". */
IotFormValues *iot_dataform_snapshot(const IotDataForm *form);
void iot_form_values_free(IotFormValues *values);

/* Returns: (transfer full): a copy of @values. iot_form_values_free(). */
IotFormValues *iot_form_values_copy(const IotFormValues *values);

/* Replaces (or adds) the values of @var in @values with @new_values
 * (NULL-terminated, copied; NULL = none). For a dialog that sends more than
 * once: what the thing applied becomes the new baseline. */
void iot_form_values_set(IotFormValues *values, const char *var, const char *const *new_values);

/* Returns: (transfer none) (nullable): the values of @var in @values
 * (NULL-terminated), NULL when the field was not in the form. */
const char *const *iot_form_values_get(const IotFormValues *values, const char *var);

/* Replaces the values of field @var with @values (NULL-terminated, copied;
 * NULL = none) and marks it edited; an xdd:error on it is dropped, as
 * XEP-0336 §3.5 asks once the person edits. Returns FALSE for an unknown
 * var and for fixed and read-only fields, which people cannot change. */
gboolean iot_dataform_set_values(IotDataForm *form, const char *var, const char *const *values);

/* Convenience: one value (nullable = none). */
gboolean iot_dataform_set_value(IotDataForm *form, const char *var, const char *value);

/* Puts back the values of @snapshot and clears every edited mark. */
void iot_dataform_revert(IotDataForm *form, const IotFormValues *snapshot);

/* TRUE when @field's values differ from those in @original (by value for
 * typed fields: "20.0" = "20", "1" = "true"), or when it is an edited
 * notSame field: its shown value was only one thing's, so a person who
 * confirms it means it for all (XEP-0336 §3.4). A field @original does not
 * know (one a post-back added) is changed only once the person edited it. */
gboolean iot_dataform_field_changed(const IotFormField *field, const IotFormValues *original);

/* Returns: (transfer container): the changed fields (element-type
 * IotFormField, borrowed from @form) in form order. g_ptr_array_unref(). */
GPtrArray *iot_dataform_changed(const IotDataForm *form, const IotFormValues *original);

/* Returns: (transfer full): `<x xmlns='jabber:x:data' type='submit'>` with
 * the session field (when the form has one) and the changed fields only, in
 * form order, each with var, type and values — XEP-0325 §3.3: "control
 * parameters not edited MUST not be included". *@n_changed (nullable) gets
 * the number of changed fields. Free with xmlFreeNode(). */
xmlNode *iot_dataform_build_submit(const IotDataForm *form, const IotFormValues *original,
                                   guint *n_changed);

/* Returns: (transfer full): @form as a whole `jabber:x:data` element: title,
 * instructions, pages (the default page is implied, not written), fields
 * with validation, dynamic-form flags and the grouping element of @gen
 * (parameterGroup in SN/XSF, pGroup in IEEE/NF/NFI; none for
 * IOT_GEN_UNKNOWN). Used by tests and simulated things. Free with
 * xmlFreeNode(). */
xmlNode *iot_dataform_build(const IotDataForm *form, IotGeneration gen);

G_END_DECLS

#endif
