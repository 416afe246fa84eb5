/*
 * iot-gtk-alert-rule-edit.c — the rule editor: every option of a rule, the
 * thing and field picked from the buddy list's things and their known
 * fields, checked as the person types. See iot-gtk-alert-rules.h.
 */
#include "iot-gtk-alert-rules-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COLOR_BAD "#ffd0d0"

enum { THING_LABEL, THING_ACCOUNT, THING_JID, THING_N };

struct _IotGtkAlertRuleEdit {
	IotGtkAlertRulesOps ops;
	IotGtkAlertRules *owner;
	gpointer user_data;
	GtkWidget *window, *table, *status;
	GtkListStore *things;     /* (owned) */
	GHashTable *widgets;      /* name → GtkWidget (transfer none) */
	GHashTable *rows;         /* name → GPtrArray of the row's widgets */
	guint id;                 /* the rule edited; 0: a new one */
	char *status_text;
	char *fields_of;          /* "account\nthing\nnode" the field list was made for */
	guint row_n;              /* the table's next row */
	gboolean closing, loading;
};

static GtkWidget *
w(IotGtkAlertRuleEdit *ed, const char *name)
{
	return g_hash_table_lookup(ed->widgets, name);
}

GtkWidget *
iot_gtk_alert_rule_edit_get_widget(IotGtkAlertRuleEdit *ed, const char *name)
{
	return w(ed, name);
}

GtkWidget *
iot_gtk_alert_rule_edit_get_window(IotGtkAlertRuleEdit *ed)
{
	return ed->window;
}

const char *
iot_gtk_alert_rule_edit_get_status(IotGtkAlertRuleEdit *ed)
{
	return ed->status_text ? ed->status_text : "";
}

/* ---- reading what was typed --------------------------------------------------------- */

static const char *
text_of(IotGtkAlertRuleEdit *ed, const char *name)
{
	GtkWidget *e = w(ed, name);

	if (GTK_IS_COMBO_BOX_ENTRY(e))
		e = gtk_bin_get_child(GTK_BIN(e));
	return gtk_entry_get_text(GTK_ENTRY(e));
}

static char *
trimmed(IotGtkAlertRuleEdit *ed, const char *name)
{
	return g_strstrip(g_strdup(text_of(ed, name)));
}

/* A number as people type it: "21.5", "21,5", " -3 ". */
static gboolean
number_of(const char *text, double *out)
{
	char *s = g_strstrip(g_strdelimit(g_strdup(text), ",", '.')), *end;
	gboolean ok;

	*out = g_ascii_strtod(s, &end);
	ok = *s != '\0' && *end == '\0' && isfinite(*out);
	g_free(s);
	return ok;
}

/* "22:00" → minutes after midnight. */
static gboolean
clock_of(const char *text, guint *min)
{
	unsigned h, m;
	char extra;

	if (sscanf(text, "%u:%u%c", &h, &m, &extra) != 2 || h > 23 || m > 59)
		return FALSE;
	*min = h * 60 + m;
	return TRUE;
}

static gboolean
toggled(IotGtkAlertRuleEdit *ed, const char *name)
{
	return gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(w(ed, name)));
}

static int
spin(IotGtkAlertRuleEdit *ed, const char *name)
{
	return gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(w(ed, name)));
}

static IotAlertOp
op_of(IotGtkAlertRuleEdit *ed)
{
	int op = gtk_combo_box_get_active(GTK_COMBO_BOX(w(ed, "op")));

	return op < 0 ? IOT_ALERT_OP_ABOVE : (IotAlertOp)op;
}

static void
mark(IotGtkAlertRuleEdit *ed, const char *name, gboolean bad)
{
	GtkWidget *e = w(ed, name);
	GdkColor c;

	if (GTK_IS_COMBO_BOX_ENTRY(e))
		e = gtk_bin_get_child(GTK_BIN(e));
	if (bad && gdk_color_parse(COLOR_BAD, &c))
		gtk_widget_modify_base(e, GTK_STATE_NORMAL, &c);
	else
		gtk_widget_modify_base(e, GTK_STATE_NORMAL, NULL);
}

/* One level from its entries: "" is not set. */
static gboolean
read_level(IotGtkAlertRuleEdit *ed, IotAlertOp op, const char *name, IotAlertLevel *l, const char **problem,
           const char *not_number)
{
	char *high_name = g_strconcat(name, "-high", NULL);
	char *text = trimmed(ed, name), *high = trimmed(ed, high_name);
	gboolean ok = TRUE;

	l->set = *text != '\0' || (op == IOT_ALERT_OP_OUTSIDE && *high != '\0');
	if (l->set) {
		if (number_of(text, &l->value)) {
			/* a number */
		} else if (op == IOT_ALERT_OP_EQUALS || op == IOT_ALERT_OP_NOT_EQUALS) {
			l->text = g_strdup(text);
		} else {
			ok = FALSE;
			mark(ed, name, TRUE);
			if (*problem == NULL)
				*problem = not_number;
		}
		if (op == IOT_ALERT_OP_OUTSIDE) {
			if (!number_of(high, &l->high)) {
				ok = FALSE;
				mark(ed, high_name, TRUE);
				if (*problem == NULL)
					*problem = not_number;
			} else if (ok && !(l->value < l->high)) {
				ok = FALSE;
				mark(ed, high_name, TRUE);
				if (*problem == NULL)
					/* TRANSLATORS: the rule editor: a band typed the wrong way round. */
					*problem = _("A band's low end must be below its high end.");
			}
		}
	}
	g_free(high_name);
	g_free(text);
	g_free(high);
	return ok;
}

IotAlertRule *
iot_gtk_alert_rule_edit_get_rule(IotGtkAlertRuleEdit *ed, const char **problem_out)
{
	IotAlertRule *r = iot_alert_rule_new();
	const char *problem = NULL;
	GtkTreeIter iter;
	char *account = NULL, *jid = NULL, *node = trimmed(ed, "node"), *field = trimmed(ed, "field");
	IotAlertOp op = op_of(ed);
	static const char *const entries[] = { "field", "warning", "warning-high", "alarm", "alarm-high",
		                                   "hysteresis", "quiet-from", "quiet-to", NULL };
	guint i;

	for (i = 0; entries[i] != NULL; i++)
		mark(ed, entries[i], FALSE);
	r->id = ed->id;
	r->op = op;
	if (gtk_combo_box_get_active_iter(GTK_COMBO_BOX(w(ed, "thing")), &iter))
		gtk_tree_model_get(GTK_TREE_MODEL(ed->things), &iter, THING_ACCOUNT, &account, THING_JID, &jid, -1);
	if (jid == NULL)
		/* TRANSLATORS: the rule editor's first problem: no thing chosen. */
		problem = _("Choose the thing the rule watches.");
	iot_alert_rule_set_target(r, account, jid, *node ? node : NULL,
	                          op == IOT_ALERT_OP_OFFLINE || *field == '\0' ? NULL : field);
	if (problem == NULL && op != IOT_ALERT_OP_OFFLINE && *field == '\0') {
		mark(ed, "field", TRUE);
		problem = _("Type or choose the field the rule watches.");
	}
	switch (op) {
	case IOT_ALERT_OP_CHANGED:
	case IOT_ALERT_OP_STALE:
	case IOT_ALERT_OP_OFFLINE:
		if (gtk_combo_box_get_active(GTK_COMBO_BOX(w(ed, "raise"))) == 1)
			r->alarm.set = TRUE;
		else
			r->warning.set = TRUE;
		if (op != IOT_ALERT_OP_CHANGED) {
			r->duration_s = (guint)spin(ed, "duration") * 60;
			if (r->duration_s == 0 && problem == NULL)
				problem = _("Say after how many minutes it counts.");
		}
		break;
	default:
		read_level(ed, op, "warning", &r->warning, &problem, _("The warning level is not a number."));
		read_level(ed, op, "alarm", &r->alarm, &problem, _("The alarm level is not a number."));
		if (!r->warning.set && !r->alarm.set && problem == NULL)
			problem = _("Type a warning level, an alarm level or both.");
		break;
	}
	{
		char *h = trimmed(ed, "hysteresis");

		if (*h != '\0' && (!number_of(h, &r->hysteresis) || r->hysteresis < 0)) {
			mark(ed, "hysteresis", TRUE);
			if (problem == NULL)
				problem = _("The hysteresis is a number of 0 or more.");
			r->hysteresis = 0;
		}
		g_free(h);
	}
	r->for_s = (guint)spin(ed, "for") * 60;
	r->latched = toggled(ed, "latched");
	r->remind_s = (guint)spin(ed, "remind") * 60;
	r->priority = spin(ed, "priority");
	r->urgent = toggled(ed, "urgent");
	r->disabled = !toggled(ed, "enabled");
	r->quiet.enabled = toggled(ed, "quiet");
	if (r->quiet.enabled) {
		gboolean from = clock_of(text_of(ed, "quiet-from"), &r->quiet.start_min);
		gboolean to = clock_of(text_of(ed, "quiet-to"), &r->quiet.end_min);

		mark(ed, "quiet-from", !from);
		mark(ed, "quiet-to", !to);
		if ((!from || !to) && problem == NULL)
			/* TRANSLATORS: how quiet hours are typed in the rule editor. */
			problem = _("Type quiet hours as 22:00 and 07:00.");
	}
	if (problem == NULL && !iot_alert_rule_valid(r))
		problem = _("This rule cannot be checked.");
	g_free(account);
	g_free(jid);
	g_free(node);
	g_free(field);
	if (problem_out != NULL)
		*problem_out = problem;
	if (problem != NULL) {
		iot_alert_rule_free(r);
		return NULL;
	}
	return r;
}

/* ---- as the person types ---------------------------------------------------------------- */

static void
show_row(IotGtkAlertRuleEdit *ed, const char *row, gboolean show)
{
	GPtrArray *ws = g_hash_table_lookup(ed->rows, row);
	guint i;

	for (i = 0; ws != NULL && i < ws->len; i++)
		gtk_widget_set_visible(g_ptr_array_index(ws, i), show);
}

static void
fill_fields(IotGtkAlertRuleEdit *ed)
{
	GtkTreeIter iter;
	char *account = NULL, *jid = NULL, *node = trimmed(ed, "node"), *key;
	GtkComboBox *field = GTK_COMBO_BOX(w(ed, "field"));
	GtkListStore *store = GTK_LIST_STORE(gtk_combo_box_get_model(field));
	GPtrArray *fields = NULL;
	guint i;

	if (gtk_combo_box_get_active_iter(GTK_COMBO_BOX(w(ed, "thing")), &iter))
		gtk_tree_model_get(GTK_TREE_MODEL(ed->things), &iter, THING_ACCOUNT, &account, THING_JID, &jid, -1);
	key = g_strconcat(account ? account : "", "\n", jid ? jid : "", "\n", node, NULL);
	if (g_strcmp0(key, ed->fields_of) != 0) {
		char *typed = g_strdup(text_of(ed, "field"));

		g_free(ed->fields_of);
		ed->fields_of = key;
		key = NULL;
		gtk_list_store_clear(store);
		if (jid != NULL && ed->ops.list_fields != NULL)
			fields = ed->ops.list_fields(account, jid, *node ? node : NULL, ed->user_data);
		for (i = 0; fields != NULL && i < fields->len; i++)
			gtk_combo_box_append_text(field, g_ptr_array_index(fields, i));
		gtk_entry_set_text(GTK_ENTRY(gtk_bin_get_child(GTK_BIN(field))), typed);
		g_free(typed);
		if (fields != NULL)
			g_ptr_array_unref(fields);
	}
	g_free(key);
	g_free(account);
	g_free(jid);
	g_free(node);
}

static void
changed(GtkWidget *widget, gpointer data)
{
	IotGtkAlertRuleEdit *ed = data;
	IotAlertOp op = op_of(ed);
	gboolean levels = op != IOT_ALERT_OP_CHANGED && op != IOT_ALERT_OP_STALE && op != IOT_ALERT_OP_OFFLINE;
	const char *problem = NULL;
	IotAlertRule *r;

	if (ed->loading || ed->closing)
		return;
	fill_fields(ed);
	show_row(ed, "levels", levels);
	show_row(ed, "high", op == IOT_ALERT_OP_OUTSIDE);
	show_row(ed, "raise", !levels);
	show_row(ed, "duration", op == IOT_ALERT_OP_STALE || op == IOT_ALERT_OP_OFFLINE);
	show_row(ed, "field", op != IOT_ALERT_OP_OFFLINE);
	gtk_widget_set_sensitive(w(ed, "remind"), TRUE);
	gtk_widget_set_sensitive(w(ed, "quiet-from"), toggled(ed, "quiet"));
	gtk_widget_set_sensitive(w(ed, "quiet-to"), toggled(ed, "quiet"));
	r = iot_gtk_alert_rule_edit_get_rule(ed, &problem);
	g_free(ed->status_text);
	if (r != NULL) {
		char *d = iot_alert_rule_describe(r), *levels_text = iot_gtk_alert_rule_levels_text(r);

		/* TRANSLATORS: the rule editor's status line: the rule in words, then its levels. */
		ed->status_text = g_strdup_printf(_("%s — %s"), d, levels_text);
		g_free(d);
		g_free(levels_text);
	} else {
		ed->status_text = g_strdup(problem);
	}
	gtk_label_set_text(GTK_LABEL(ed->status), ed->status_text);
	gtk_widget_set_sensitive(w(ed, "save"), r != NULL);
	iot_alert_rule_free(r);
}

gboolean
iot_gtk_alert_rule_edit_save(IotGtkAlertRuleEdit *ed)
{
	IotAlertRule *r = iot_gtk_alert_rule_edit_get_rule(ed, NULL);
	GError *error = NULL;
	guint id;

	if (r == NULL || ed->ops.save_rule == NULL) {
		iot_alert_rule_free(r);
		return FALSE;
	}
	id = ed->ops.save_rule(ed->owner, r, &error, ed->user_data);
	iot_alert_rule_free(r);
	if (id == 0) {
		g_free(ed->status_text);
		ed->status_text = g_strdup(error != NULL ? error->message : _("The rule could not be saved."));
		gtk_label_set_text(GTK_LABEL(ed->status), ed->status_text);
		g_clear_error(&error);
		return FALSE;
	}
	gtk_widget_destroy(ed->window);
	return TRUE;
}

static void
response(GtkDialog *d, int resp, gpointer data)
{
	IotGtkAlertRuleEdit *ed = data;

	if (resp == GTK_RESPONSE_OK)
		iot_gtk_alert_rule_edit_save(ed);
	else
		gtk_widget_destroy(ed->window);
}

static void
destroyed(GtkWidget *widget, gpointer data)
{
	IotGtkAlertRuleEdit *ed = data;

	ed->closing = TRUE;
	iot_gtk_alert_rules_editor_closed(ed->owner, ed);
	g_object_unref(ed->things);
	g_hash_table_destroy(ed->widgets);
	g_hash_table_destroy(ed->rows);
	g_free(ed->status_text);
	g_free(ed->fields_of);
	g_free(ed);
}

void
iot_gtk_alert_rule_edit_destroy(IotGtkAlertRuleEdit *ed)
{
	if (ed != NULL && !ed->closing)
		gtk_widget_destroy(ed->window);
}

/* ---- layout ------------------------------------------------------------------------------ */

/* A row of the table: a label with a mnemonic and @widget (or a box of
 * several); remembered under @row for showing and hiding. */
static void
add_row(IotGtkAlertRuleEdit *ed, const char *row, const char *label, GtkWidget *widget, GtkWidget *mnemonic)
{
	GtkWidget *l = gtk_label_new_with_mnemonic(label);
	GPtrArray *ws = g_hash_table_lookup(ed->rows, row);

	gtk_misc_set_alignment(GTK_MISC(l), 0, 0.5);
	gtk_label_set_mnemonic_widget(GTK_LABEL(l), mnemonic ? mnemonic : widget);
	gtk_table_attach(GTK_TABLE(ed->table), l, 0, 1, ed->row_n, ed->row_n + 1, GTK_FILL, GTK_FILL, 0, 0);
	gtk_table_attach(GTK_TABLE(ed->table), widget, 1, 2, ed->row_n, ed->row_n + 1, GTK_FILL | GTK_EXPAND, GTK_FILL, 0, 0);
	ed->row_n++;
	if (ws == NULL) {
		ws = g_ptr_array_new();
		g_hash_table_insert(ed->rows, g_strdup(row), ws);
	}
	g_ptr_array_add(ws, l);
	g_ptr_array_add(ws, widget);
}

static GtkWidget *
entry(IotGtkAlertRuleEdit *ed, const char *name, int width)
{
	GtkWidget *e = gtk_entry_new();

	gtk_entry_set_width_chars(GTK_ENTRY(e), width);
	gtk_entry_set_activates_default(GTK_ENTRY(e), TRUE);
	g_signal_connect(e, "changed", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup(name), e);
	return e;
}

static GtkWidget *
spinner(IotGtkAlertRuleEdit *ed, const char *name, double lo, double hi)
{
	GtkWidget *s = gtk_spin_button_new_with_range(lo, hi, 1);

	gtk_entry_set_activates_default(GTK_ENTRY(s), TRUE);
	g_signal_connect(s, "value-changed", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup(name), s);
	return s;
}

static GtkWidget *
check(IotGtkAlertRuleEdit *ed, const char *name, const char *label)
{
	GtkWidget *c = gtk_check_button_new_with_mnemonic(label);

	g_signal_connect(c, "toggled", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup(name), c);
	return c;
}

/* @a (a widget) with words after it: "[15] min". */
static GtkWidget *
with_unit(GtkWidget *a, const char *unit, GtkWidget *more)
{
	GtkWidget *box = gtk_hbox_new(FALSE, 6);

	gtk_box_pack_start(GTK_BOX(box), a, FALSE, FALSE, 0);
	if (unit != NULL)
		gtk_box_pack_start(GTK_BOX(box), gtk_label_new(unit), FALSE, FALSE, 0);
	if (more != NULL)
		gtk_box_pack_start(GTK_BOX(box), more, FALSE, FALSE, 0);
	return box;
}

static void
level_row(IotGtkAlertRuleEdit *ed, const char *name, const char *label)
{
	char *high_name = g_strconcat(name, "-high", NULL);
	GtkWidget *low = entry(ed, name, 10), *high = entry(ed, high_name, 10);
	GtkWidget *box = gtk_hbox_new(FALSE, 6), *to = gtk_label_new(_("to"));
	GPtrArray *ws;

	gtk_box_pack_start(GTK_BOX(box), low, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), to, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(box), high, FALSE, FALSE, 0);
	add_row(ed, "levels", label, box, low);
	ws = g_hash_table_lookup(ed->rows, "high");
	if (ws == NULL) {
		ws = g_ptr_array_new();
		g_hash_table_insert(ed->rows, g_strdup("high"), ws);
	}
	g_ptr_array_add(ws, to);
	g_ptr_array_add(ws, high);
	g_free(high_name);
}

static void
set_entry(IotGtkAlertRuleEdit *ed, const char *name, const char *text)
{
	GtkWidget *e = w(ed, name);

	if (GTK_IS_COMBO_BOX_ENTRY(e))
		e = gtk_bin_get_child(GTK_BIN(e));
	gtk_entry_set_text(GTK_ENTRY(e), text ? text : "");
}

static void
set_number(IotGtkAlertRuleEdit *ed, const char *name, gboolean set, double v)
{
	char *s = set ? iot_alert_format_number(v) : NULL;

	set_entry(ed, name, s);
	g_free(s);
}

static void
load(IotGtkAlertRuleEdit *ed, const IotAlertRule *r, const IotGtkAlertThing *thing)
{
	GtkTreeModel *m = GTK_TREE_MODEL(ed->things);
	GtkTreeIter iter;
	gboolean ok;
	const char *account = r ? r->account : thing ? thing->account : NULL;
	const char *jid = r ? r->thing : thing ? thing->thing : NULL;

	ed->loading = TRUE;
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok && jid != NULL; ok = gtk_tree_model_iter_next(m, &iter)) {
		char *a, *j;
		gboolean same;

		gtk_tree_model_get(m, &iter, THING_ACCOUNT, &a, THING_JID, &j, -1);
		same = g_strcmp0(a, account) == 0 && g_strcmp0(j, jid) == 0;
		g_free(a);
		g_free(j);
		if (same)
			break;
	}
	if (!ok && jid != NULL) {
		/* A thing no longer in the buddy list keeps its rule editable. */
		gtk_list_store_insert_with_values(ed->things, &iter, -1, THING_LABEL, jid, THING_ACCOUNT, account,
		                                  THING_JID, jid, -1);
		ok = TRUE;
	}
	if (ok && jid != NULL)
		gtk_combo_box_set_active_iter(GTK_COMBO_BOX(w(ed, "thing")), &iter);
	gtk_combo_box_set_active(GTK_COMBO_BOX(w(ed, "op")), r ? (int)r->op : IOT_ALERT_OP_ABOVE);
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(w(ed, "enabled")), r == NULL || !r->disabled);
	set_entry(ed, "quiet-from", "22:00");
	set_entry(ed, "quiet-to", "07:00");
	if (r != NULL) {
		gboolean levels = r->op != IOT_ALERT_OP_CHANGED && r->op != IOT_ALERT_OP_STALE &&
		                  r->op != IOT_ALERT_OP_OFFLINE;

		set_entry(ed, "node", r->node);
		set_entry(ed, "field", r->field);
		if (levels) {
			if (r->warning.text != NULL)
				set_entry(ed, "warning", r->warning.text);
			else
				set_number(ed, "warning", r->warning.set, r->warning.value);
			if (r->alarm.text != NULL)
				set_entry(ed, "alarm", r->alarm.text);
			else
				set_number(ed, "alarm", r->alarm.set, r->alarm.value);
			if (r->op == IOT_ALERT_OP_OUTSIDE) {
				set_number(ed, "warning-high", r->warning.set, r->warning.high);
				set_number(ed, "alarm-high", r->alarm.set, r->alarm.high);
			}
		}
		gtk_combo_box_set_active(GTK_COMBO_BOX(w(ed, "raise")), r->alarm.set && !r->warning.set ? 1 : 0);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(w(ed, "duration")), r->duration_s / 60);
		set_number(ed, "hysteresis", r->hysteresis > 0, r->hysteresis);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(w(ed, "for")), r->for_s / 60);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(w(ed, "remind")), r->remind_s / 60);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(w(ed, "priority")), r->priority);
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(w(ed, "latched")), r->latched);
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(w(ed, "urgent")), r->urgent);
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(w(ed, "quiet")), r->quiet.enabled);
		if (r->quiet.enabled) {
			char *from = g_strdup_printf("%02u:%02u", r->quiet.start_min / 60, r->quiet.start_min % 60);
			char *to = g_strdup_printf("%02u:%02u", r->quiet.end_min / 60, r->quiet.end_min % 60);

			set_entry(ed, "quiet-from", from);
			set_entry(ed, "quiet-to", to);
			g_free(from);
			g_free(to);
		}
	} else {
		gtk_combo_box_set_active(GTK_COMBO_BOX(w(ed, "raise")), 0);
		gtk_spin_button_set_value(GTK_SPIN_BUTTON(w(ed, "duration")), 15);
	}
	ed->loading = FALSE;
}

IotGtkAlertRuleEdit *
iot_gtk_alert_rule_edit_new(GtkWindow *parent, const IotGtkAlertRulesOps *ops, IotGtkAlertRules *owner,
                            gpointer user_data, const IotAlertRule *rule, const IotGtkAlertThing *thing)
{
	IotGtkAlertRuleEdit *ed = g_new0(IotGtkAlertRuleEdit, 1);
	GtkWidget *vbox, *thing_combo, *op, *field, *raise, *quiet_box, *save, *opts;
	GtkCellRenderer *cell;
	GPtrArray *things = NULL;
	guint i;

	if (ops != NULL)
		ed->ops = *ops;
	ed->owner = owner;
	ed->user_data = user_data;
	ed->id = rule ? rule->id : 0;
	ed->widgets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ed->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
	ed->things = gtk_list_store_new(THING_N, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
	if (ed->ops.list_things != NULL)
		things = ed->ops.list_things(user_data);
	for (i = 0; things != NULL && i < things->len; i++) {
		const IotGtkAlertThing *t = g_ptr_array_index(things, i);
		char *label = t->name && *t->name ? g_strdup_printf("%s (%s)", t->name, t->thing) : g_strdup(t->thing);

		gtk_list_store_insert_with_values(ed->things, NULL, -1, THING_LABEL, label, THING_ACCOUNT, t->account,
		                                  THING_JID, t->thing, -1);
		g_free(label);
	}
	if (things != NULL)
		g_ptr_array_unref(things);

	ed->window = gtk_dialog_new_with_buttons(rule ? _("Edit alert rule") : _("New alert rule"), parent,
	                                         GTK_DIALOG_DESTROY_WITH_PARENT, GTK_STOCK_CANCEL,
	                                         GTK_RESPONSE_CANCEL, NULL);
	save = gtk_dialog_add_button(GTK_DIALOG(ed->window), GTK_STOCK_SAVE, GTK_RESPONSE_OK);
	g_hash_table_insert(ed->widgets, g_strdup("save"), save);
	gtk_dialog_set_default_response(GTK_DIALOG(ed->window), GTK_RESPONSE_OK);
	gtk_window_set_role(GTK_WINDOW(ed->window), "xmpp-iot-alert-rule");
	vbox = gtk_vbox_new(FALSE, 8);
	gtk_container_set_border_width(GTK_CONTAINER(vbox), 8);
	gtk_box_pack_start(GTK_BOX(GTK_DIALOG(ed->window)->vbox), vbox, TRUE, TRUE, 0);
	ed->table = gtk_table_new(16, 2, FALSE);
	gtk_table_set_row_spacings(GTK_TABLE(ed->table), 6);
	gtk_table_set_col_spacings(GTK_TABLE(ed->table), 12);
	gtk_box_pack_start(GTK_BOX(vbox), ed->table, TRUE, TRUE, 0);

	thing_combo = gtk_combo_box_new_with_model(GTK_TREE_MODEL(ed->things));
	cell = gtk_cell_renderer_text_new();
	gtk_cell_layout_pack_start(GTK_CELL_LAYOUT(thing_combo), cell, TRUE);
	gtk_cell_layout_add_attribute(GTK_CELL_LAYOUT(thing_combo), cell, "text", THING_LABEL);
	g_signal_connect(thing_combo, "changed", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup("thing"), thing_combo);
	add_row(ed, "thing", _("_Thing:"), thing_combo, NULL);
	add_row(ed, "node", _("_Node (optional):"), entry(ed, "node", 20), NULL);
	field = gtk_combo_box_entry_new_text();
	g_signal_connect(field, "changed", G_CALLBACK(changed), ed);
	g_signal_connect(gtk_bin_get_child(GTK_BIN(field)), "changed", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup("field"), field);
	add_row(ed, "field", _("_Field:"), field, gtk_bin_get_child(GTK_BIN(field)));
	op = gtk_combo_box_new_text();
	for (i = 0; i < IOT_GTK_ALERT_N_OPS; i++)
		gtk_combo_box_append_text(GTK_COMBO_BOX(op), iot_alert_op_text((IotAlertOp)i));
	g_signal_connect(op, "changed", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup("op"), op);
	add_row(ed, "op", _("_Condition:"), op, NULL);
	level_row(ed, "warning", _("_Warning level:"));
	level_row(ed, "alarm", _("_Alarm level:"));
	raise = gtk_combo_box_new_text();
	gtk_combo_box_append_text(GTK_COMBO_BOX(raise), iot_alert_severity_text(IOT_ALERT_WARNING));
	gtk_combo_box_append_text(GTK_COMBO_BOX(raise), iot_alert_severity_text(IOT_ALERT_ALARM));
	g_signal_connect(raise, "changed", G_CALLBACK(changed), ed);
	g_hash_table_insert(ed->widgets, g_strdup("raise"), raise);
	add_row(ed, "raise", _("_Raise as:"), raise, NULL);
	add_row(ed, "duration", _("_After:"), with_unit(spinner(ed, "duration", 0, 24 * 60 * 7), _("min"), NULL),
	        w(ed, "duration"));
	add_row(ed, "hysteresis", _("_Hysteresis:"), with_unit(entry(ed, "hysteresis", 10), NULL, NULL),
	        w(ed, "hysteresis"));
	add_row(ed, "for", _("For at _least:"),
	        with_unit(spinner(ed, "for", 0, 24 * 60), _("min (0: at once)"), NULL), w(ed, "for"));
	add_row(ed, "remind", _("Re_mind every:"),
	        with_unit(spinner(ed, "remind", 0, 24 * 60), _("min until acknowledged (0: never)"), NULL),
	        w(ed, "remind"));
	add_row(ed, "priority", _("_Priority:"), with_unit(spinner(ed, "priority", -100, 100), NULL, NULL),
	        w(ed, "priority"));
	quiet_box = gtk_hbox_new(FALSE, 6);
	gtk_box_pack_start(GTK_BOX(quiet_box), check(ed, "quiet", _("_Quiet hours from")), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(quiet_box), entry(ed, "quiet-from", 6), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(quiet_box), gtk_label_new(_("to")), FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(quiet_box), entry(ed, "quiet-to", 6), FALSE, FALSE, 0);
	add_row(ed, "quiet", "", quiet_box, w(ed, "quiet"));
	opts = gtk_vbox_new(FALSE, 2);
	gtk_box_pack_start(GTK_BOX(opts),
	                   check(ed, "latched", _("La_tched: stays in alarm until acknowledged and normal again")),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(opts), check(ed, "urgent", _("_Urgent: alarms come through quiet hours")),
	                   FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(opts), check(ed, "enabled", _("_Enabled")), FALSE, FALSE, 0);
	add_row(ed, "options", "", opts, w(ed, "latched"));

	ed->status = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(ed->status), 0, 0.5);
	gtk_label_set_line_wrap(GTK_LABEL(ed->status), TRUE);
	gtk_widget_set_size_request(ed->status, 460, -1);
	gtk_box_pack_start(GTK_BOX(vbox), ed->status, FALSE, FALSE, 0);
	gtk_widget_show_all(vbox);

	g_signal_connect(ed->window, "response", G_CALLBACK(response), ed);
	g_signal_connect(ed->window, "destroy", G_CALLBACK(destroyed), ed);
	load(ed, rule, thing);
	if (gtk_combo_box_get_active(GTK_COMBO_BOX(thing_combo)) < 0 && thing == NULL && rule == NULL &&
	    gtk_tree_model_iter_n_children(GTK_TREE_MODEL(ed->things), NULL) == 1)
		gtk_combo_box_set_active(GTK_COMBO_BOX(thing_combo), 0);
	changed(NULL, ed);
	return ed;
}
