/*
 * iot-gtk-control-private.h — what the control dialog's source files share:
 * the dialog's state, the window and buttons (iot-gtk-control.c), the
 * owner's answers (iot-gtk-control-form.c), pages and sections
 * (iot-gtk-control-layout.c), and one field's widgets and values
 * (iot-gtk-control-fields.c, iot-gtk-control-values.c). Not for use
 * outside ui/.
 */
#ifndef IOT_GTK_CONTROL_PRIVATE_H
#define IOT_GTK_CONTROL_PRIVATE_H

#include "iot-gtk-control.h"

/* HIG spacing: window borders, between groups, between rows. */
#define IOT_GTK_CONTROL_BORDER 12
#define IOT_GTK_CONTROL_ROW_SPACING 6
#define IOT_GTK_CONTROL_INDENT 12
/* The width of the value column (entries, lists, messages under them) and
 * of wrapped texts: wrapped GTK 2 labels need one. */
#define IOT_GTK_CONTROL_FIELD_WIDTH 280
#define IOT_GTK_CONTROL_TEXT_WIDTH 400
/* The narrowest the dialog opens; titles are cut at so many characters. */
#define IOT_GTK_CONTROL_WIDTH 440
#define IOT_GTK_CONTROL_TITLE_CHARS 80
/* Captions longer than this are cut (the whole caption is the tooltip). */
#define IOT_GTK_CONTROL_CAPTION_CHARS 48

/* Colours of our own texts: messages, hints. */
#define IOT_GTK_CONTROL_COLOR_ERROR "#cc0000"
#define IOT_GTK_CONTROL_COLOR_HINT "#777777"

/* The columns of a list-multi's checklist. */
enum { IOT_GTK_CONTROL_CHOICE_CHECKED, IOT_GTK_CONTROL_CHOICE_LABEL, IOT_GTK_CONTROL_CHOICE_VALUE,
       IOT_GTK_CONTROL_CHOICE_N };

/* One shown field. Its widgets belong to the dialog's body; this struct
 * belongs to IotGtkControl.fields and dies with the body. */
typedef struct {
	IotGtkControl *dlg;
	char *var;                 /* (owned) */
	IotFormFieldType type;
	IotFormDatatype datatype;
	gboolean post_back, read_only, open;

	GtkWidget *caption;  /* the label in the caption column, or NULL (booleans) */
	GtkWidget *input;    /* the field's widget (iot_gtk_control_get_field_widget) */
	GtkWidget *box;      /* what goes into the value column */
	GtkWidget *below;    /* under the value: hint and message */
	GtkWidget *hint;     /* grey: range, "(values differ)" */
	GtkWidget *error;    /* red: why the value is wrong */
	GtkWidget *entry;    /* the GtkEntry holding the text, or NULL */
	GtkWidget *color;    /* the GtkColorButton of colour fields, or NULL */
	GtkTextBuffer *buffer;  /* text-multi, jid-multi */
	GtkListStore *choices;  /* list-multi: checked, label, value */

	char *hint_text;     /* (owned) (nullable): the field's standing hint */
	char *input_error;   /* (owned) (nullable): what the widget holds does not parse */
	char *check_error;   /* (owned) (nullable): the values fail validation */
	char *result_error;  /* (owned) (nullable): the thing refused the last value sent */
	gboolean differ;     /* notSame and not edited yet: shown empty */
	gboolean pending;    /* an entry edited since its last commit (post-back) */
} IotGtkControlField;

struct _IotGtkControl {
	IotGtkControlCallbacks cbs;
	gpointer user_data;
	char *thing_label;

	GtkWidget *window, *vbox, *header, *title_label, *instructions_label, *notes_label;
	GtkWidget *body;        /* the current body: placeholder, scrolled page or notebook */
	GtkWidget *notebook;    /* (nullable) the body when the form has several pages */
	GtkWidget *placeholder; /* (nullable) the label shown instead of a form */
	GtkWidget *spinner, *status_icon, *status_label;
	GtkWidget *send_button, *revert_button, *reload_button, *close_button;

	IotDataForm *form;        /* (owned) (nullable) with the person's values */
	IotFormValues *opened;    /* (owned) (nullable) for Revert */
	IotFormValues *baseline;  /* (owned) (nullable) "changed" is measured against it */
	IotFormValues *arrived;   /* (owned) (nullable) as the current form came: post-back */
	GPtrArray *fields;        /* (element-type IotGtkControlField) (owned), form order */
	GHashTable *by_var;       /* var (borrowed) → IotGtkControlField (borrowed) */

	char *status_text;        /* (owned) (nullable): the owner's last sentence */
	gboolean status_error;
	const char *busy_text;    /* (nullable): static translated text while busy */
	guint post_back_id;       /* idle source that calls on_post_back, or 0 */
	guint reveal_id;          /* idle source that scrolls to reveal_var, or 0 */
	char *reveal_var;         /* (owned) (nullable) */
	gboolean busy, locked, online, sized, closing;
	gboolean post_again;      /* a post-back field changed while another was posted */
	/* iot_gtk_control_set_look(): (owned) (nullable) texts, and whether
	 * Send needs a change. */
	char *look_waiting, *look_sending;
	gboolean send_unchanged;
	int loading;              /* > 0 while widgets are filled from the model */
};

/* iot-gtk-control.c: the buttons and the status line after any change. */
void iot_gtk_control_update(IotGtkControl *dlg);
/* The owner's sentence for the status line (@text nullable: none). */
void iot_gtk_control_set_owner_status(IotGtkControl *dlg, const char *text, gboolean is_error);
void iot_gtk_control_end_busy(IotGtkControl *dlg);
/* Busy, then on_post_back from the main loop. */
void iot_gtk_control_start_post_back(IotGtkControl *dlg);

/* iot-gtk-control-form.c: the body's life. */
void iot_gtk_control_drop_body(IotGtkControl *dlg);
/* Instead of a form: @text with a spinner (@waiting) or an error icon. */
void iot_gtk_control_show_placeholder(IotGtkControl *dlg, const char *text, gboolean waiting,
                                      gboolean is_error);

/* iot-gtk-control.c: a field's widget was changed by the person. @commit:
 * a whole change (toggle, choice, Enter, leaving the entry), which may post
 * the form back; FALSE for a keystroke. */
void iot_gtk_control_edited(IotGtkControl *dlg, IotGtkControlField *cf, gboolean commit);
/* The field the person committed: posts back when it is a post-back field
 * whose value is valid and changed. */
void iot_gtk_control_commit(IotGtkControl *dlg, IotGtkControlField *cf);

/* iot-gtk-control-layout.c: the form's body (transfer floating), filling
 * dlg->fields; dlg->notebook is set when there are tabs. */
GtkWidget *iot_gtk_control_build_body(IotGtkControl *dlg);
/* Shows @cf: its page in front, scrolled into view. */
void iot_gtk_control_reveal(IotGtkControl *dlg, IotGtkControlField *cf);
/* The height the tallest page wants. */
int iot_gtk_control_body_height(IotGtkControl *dlg);

/* iot-gtk-control-fields.c: building a field's widgets */
/* Returns: (transfer full): the widgets of @f (not hidden); free with
 * iot_gtk_control_field_free() after its widgets are gone. */
IotGtkControlField *iot_gtk_control_field_new(IotGtkControl *dlg, const IotFormField *f);
void iot_gtk_control_field_free(IotGtkControlField *cf);
/* Returns: (transfer none) (nullable): the form's field of @cf. */
IotFormField *iot_gtk_control_field_model(const IotGtkControlField *cf);
/* Returns: (transfer none): how an option is shown (its label, else its value). */
const char *iot_gtk_control_option_text(const IotFormOption *o);

static inline gboolean
iot_gtk_control_field_is_color(const IotGtkControlField *cf)
{
	return cf->datatype == IOT_FORM_DT_COLOR || cf->datatype == IOT_FORM_DT_COLOR_ALPHA;
}

/* iot-gtk-control-values.c: a field's values between model and widgets */
/* Shows the model's values in the widgets (without calling back). */
void iot_gtk_control_field_load(IotGtkControlField *cf);
/* Reads the widgets into the model (when the text parses) and checks the
 * values: fills cf->input_error and cf->check_error. */
void iot_gtk_control_field_read(IotGtkControlField *cf);
/* Checks the model's values without reading the widgets (fills check_error). */
void iot_gtk_control_field_check(IotGtkControlField *cf);
/* Shows the message that matters most under the field, or none. */
void iot_gtk_control_field_show_message(IotGtkControlField *cf);
/* TRUE when the field's value keeps Send off. */
gboolean iot_gtk_control_field_invalid(const IotGtkControlField *cf);
/* The text of an entry-like field while its text does not parse, else NULL
 * (transfer full): kept over a new form. */
char *iot_gtk_control_field_bad_text(const IotGtkControlField *cf);
/* Puts @text (a former bad text) back into the field and reads it. */
void iot_gtk_control_field_restore_text(IotGtkControlField *cf, const char *text);
/* Grabs the keyboard focus without selecting the text. */
void iot_gtk_control_field_focus(IotGtkControlField *cf);

/* Label looks without markup, so that a thing's text is never parsed:
 * bold/italic/scale/colour (nullable "#rrggbb") over the whole text. */
void iot_gtk_control_label_look(GtkWidget *label, gboolean bold, gboolean italic, double scale,
                                const char *color);
/* Returns: (transfer full): the strings of @lines joined by newlines. */
char *iot_gtk_control_join_lines(const GPtrArray *lines);
/* A left-aligned, wrapping, plain-text label @width pixels wide (-1: as it
 * wants). (transfer floating) */
GtkWidget *iot_gtk_control_wrap_label(const char *text, int width);

#endif
