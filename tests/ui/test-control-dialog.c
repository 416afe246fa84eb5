/*
 * test-control-dialog.c — the control dialog built from fixture forms under
 * Xvfb: a widget per field type, hidden fields left out, validation as the
 * person types (message under the field, Send off, the count in the status
 * line), only changed fields submitted, Revert, post-back (once, keeping
 * the person's other edits and the page), the thing's errors under their
 * fields, Send pressed twice, hostile strings shown literally, and PNGs of
 * every page kept as artifacts. Run by tests/ui/window-tests.sh BUILD_DIR
 * ARTIFACT_DIR.
 *
 * Plain GTK 2 + check, no Pidgin. Tests run in one process (CK_NOFORK): a
 * forked child must not share the parent's X connection.
 */
#include "iot-control.h"
#include "iot-dataform.h"
#include "iot-gtk-control.h"
#include "iot-xml.h"
#include "ui-test-util.h"

#include <check.h>
#include <gdk/gdkkeysyms.h>
#include <gtk/gtk.h>
#include <string.h>

/* What the dialog told its owner. */
typedef struct {
	int sends, post_backs, reloads, closed;
	char *submit;   /* the submit form built in the last on_send */
	guint n_changed;
	gboolean busy_at_send; /* Send was already off when on_send ran */
	IotGtkControl *dlg;
} Calls;

static void
on_send(IotGtkControl *dlg, gpointer data)
{
	Calls *c = data;
	xmlNode *x;

	ck_assert_ptr_eq(dlg, c->dlg);
	c->sends++;
	c->busy_at_send = !gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg));
	x = iot_dataform_build_submit(iot_gtk_control_get_form(dlg), iot_gtk_control_get_baseline(dlg),
	                              &c->n_changed);
	g_free(c->submit);
	c->submit = iot_xml_to_string(x);
	xmlFreeNode(x);
}

static void
on_post_back(IotGtkControl *dlg, gpointer data)
{
	((Calls *)data)->post_backs++;
}

static void
on_reload(IotGtkControl *dlg, gpointer data)
{
	((Calls *)data)->reloads++;
}

static void
on_closed(IotGtkControl *dlg, gpointer data)
{
	Calls *c = data;

	ck_assert_ptr_eq(dlg, c->dlg);
	c->closed++;
}

static const IotGtkControlCallbacks callbacks = { on_send, on_post_back, on_reload, on_closed };

/* ---- fixtures ----------------------------------------------------------------------- */

static IotDataForm *
load_form(const char *name)
{
	char *path = g_build_filename(IOT_TEST_FIXTURES, "forms", name, NULL), *xml = NULL;
	GError *error = NULL;
	xmlDoc *doc;
	IotDataForm *form;

	ck_assert_msg(g_file_get_contents(path, &xml, NULL, &error), "%s: %s", path,
	              error ? error->message : "?");
	doc = iot_xml_parse(xml, -1, &error);
	ck_assert_msg(doc != NULL, "%s: %s", path, error ? error->message : "?");
	form = iot_dataform_parse(xmlDocGetRootElement(doc), &error);
	ck_assert_msg(form != NULL, "%s: %s", path, error ? error->message : "?");
	xmlFreeDoc(doc);
	g_free(xml);
	g_free(path);
	return form;
}

static IotGtkControl *
open_dialog(Calls *calls, const char *form_name)
{
	IotGtkControl *dlg;

	memset(calls, 0, sizeof *calls);
	dlg = iot_gtk_control_new("Window lamp (lamp@home.example)", &callbacks, calls);
	calls->dlg = dlg;
	if (form_name != NULL)
		iot_gtk_control_set_form(dlg, load_form(form_name), FALSE);
	return dlg;
}

static void
close_dialog(IotGtkControl *dlg, Calls *calls)
{
	iot_gtk_control_close(dlg);
	ck_assert_int_eq(calls->closed, 1);
	g_free(calls->submit);
	calls->submit = NULL;
	ui_test_run_ms(10);
}

/* ---- what the dialog shows ------------------------------------------------------------------ */

static GtkWidget *
widget(IotGtkControl *dlg, const char *var)
{
	GtkWidget *w = iot_gtk_control_get_field_widget(dlg, var);

	ck_assert_msg(w != NULL, "no widget for %s", var);
	return w;
}

static void
type_text(IotGtkControl *dlg, const char *var, const char *text)
{
	GtkWidget *e = iot_gtk_control_get_field_entry(dlg, var);

	ck_assert_msg(e != NULL, "no entry for %s", var);
	gtk_entry_set_text(GTK_ENTRY(e), text);
}

static gboolean
shown(GtkWidget *w)
{
	return w != NULL && gtk_widget_get_visible(w);
}

static const char *
error_text(IotGtkControl *dlg, const char *var)
{
	GtkWidget *l = iot_gtk_control_get_field_error_label(dlg, var);

	ck_assert_ptr_nonnull(l);
	return shown(l) ? gtk_label_get_text(GTK_LABEL(l)) : NULL;
}

static gboolean
send_on(IotGtkControl *dlg)
{
	return gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg));
}

static const char *
status(IotGtkControl *dlg)
{
	return gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_status_label(dlg)));
}

/* The core's own sentence for @input in field @var (or NULL when it parses). */
static char *
core_message(IotGtkControl *dlg, const char *var, const char *input)
{
	GError *error = NULL;
	char *wire = iot_dataform_parse_input(iot_dataform_find(iot_gtk_control_get_form(dlg), var),
	                                      input, &error);
	char *msg = error ? g_strdup(error->message) : NULL;

	g_free(wire);
	g_clear_error(&error);
	return msg;
}

static int
count_fields(const char *submit)
{
	int n = 0;
	const char *p = submit;

	while ((p = strstr(p, "<field ")) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* ---- tests ---------------------------------------------------------------------------------- */

START_TEST(test_widgets)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	GtkWidget *w, *nb;
	GtkTreeModel *m;
	const char *tip;

	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Control — Window lamp (lamp@home.example)");
	/* Two pages: tabs. */
	nb = iot_gtk_control_get_notebook(dlg);
	ck_assert_ptr_nonnull(nb);
	ck_assert_int_eq(gtk_notebook_get_n_pages(GTK_NOTEBOOK(nb)), 2);
	ck_assert_str_eq(gtk_notebook_get_tab_label_text(
	                     GTK_NOTEBOOK(nb), gtk_notebook_get_nth_page(GTK_NOTEBOOK(nb), 1)),
	                 "Light & more");

	/* One widget per type. */
	w = widget(dlg, "setpoint");
	ck_assert(GTK_IS_ENTRY(w));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(w)), "21.5");
	tip = gtk_widget_get_tooltip_text(w);
	ck_assert_str_eq(tip, "The temperature the room is kept at.");
	g_free((char *)tip);
	ck_assert(shown(iot_gtk_control_get_field_hint_label(dlg, "setpoint")));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_hint_label(dlg, "setpoint"))),
	                 "5 – 30");
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_caption(dlg, "setpoint"))),
	                 "Setpoint (°C):");
	w = widget(dlg, "pin");
	ck_assert(GTK_IS_ENTRY(w) && !gtk_entry_get_visibility(GTK_ENTRY(w)));
	ck_assert(GTK_IS_TEXT_VIEW(widget(dlg, "notes")));
	ck_assert(GTK_IS_TEXT_VIEW(widget(dlg, "viewers")));
	ck_assert(GTK_IS_ENTRY(widget(dlg, "owner")));
	ck_assert(GTK_IS_ENTRY(widget(dlg, "start")));
	w = widget(dlg, "fan");
	ck_assert(GTK_IS_CHECK_BUTTON(w));
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(w)), "Fan on");
	ck_assert(!gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(w)));
	ck_assert_ptr_null(iot_gtk_control_get_field_caption(dlg, "fan"));
	w = widget(dlg, "mode");
	ck_assert(GTK_IS_COMBO_BOX(w) && !GTK_IS_COMBO_BOX_ENTRY(w));
	ck_assert_int_eq(gtk_combo_box_get_active(GTK_COMBO_BOX(w)), 0);
	w = widget(dlg, "scene");
	ck_assert(GTK_IS_COMBO_BOX_ENTRY(w));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(iot_gtk_control_get_field_entry(dlg, "scene"))),
	                 "Reading");
	w = widget(dlg, "days");
	ck_assert(GTK_IS_TREE_VIEW(w));
	m = gtk_tree_view_get_model(GTK_TREE_VIEW(w));
	ck_assert_int_eq(gtk_tree_model_iter_n_children(m, NULL), 7);
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_hint_label(dlg, "days"))),
	                 "Choose 1 to 5.");
	w = widget(dlg, "firmware");
	ck_assert(GTK_IS_LABEL(w));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(w)), "2.4.1");
	/* Colours: an entry with the hex value beside a colour button. */
	w = widget(dlg, "colour");
	ck_assert(GTK_IS_ENTRY(w));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(w)), "#FFB070");
	{
		GList *kids = gtk_container_get_children(GTK_CONTAINER(gtk_widget_get_parent(w)));
		GtkWidget *button = g_list_nth_data(kids, 1);
		GdkColor c;

		ck_assert(GTK_IS_COLOR_BUTTON(button));
		ck_assert(!gtk_color_button_get_use_alpha(GTK_COLOR_BUTTON(button)));
		gtk_color_button_get_color(GTK_COLOR_BUTTON(button), &c);
		ck_assert_int_eq(c.red >> 8, 0xFF);
		ck_assert_int_eq(c.green >> 8, 0xB0);
		ck_assert_int_eq(c.blue >> 8, 0x70);
		g_list_free(kids);

		kids = gtk_container_get_children(
		    GTK_CONTAINER(gtk_widget_get_parent(widget(dlg, "glow"))));
		button = g_list_nth_data(kids, 1);
		ck_assert(gtk_color_button_get_use_alpha(GTK_COLOR_BUTTON(button)));
		ck_assert_int_eq(gtk_color_button_get_alpha(GTK_COLOR_BUTTON(button)) >> 8, 0xC0);
		g_list_free(kids);
	}
	/* Hidden fields: nothing. */
	ck_assert_ptr_null(iot_gtk_control_get_field_widget(dlg, "xdd session"));
	ck_assert_ptr_null(iot_gtk_control_get_field_widget(dlg, "token"));
	/* readOnly: insensitive; required: a star; notSame: empty, "values differ". */
	ck_assert(!gtk_widget_is_sensitive(widget(dlg, "serial")));
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_field_caption(dlg, "name"))),
	                 "Name *:");
	ck_assert(iot_gtk_control_field_differs(dlg, "speed"));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "speed"))), "");
	ck_assert_ptr_null(error_text(dlg, "speed"));
	/* The thing's xdd:error under its field. */
	ck_assert_str_eq(error_text(dlg, "hostile"), "Value <i>rejected</i> & _more");
	ck_assert_ptr_null(error_text(dlg, "setpoint"));
	/* Nothing changed yet: Send is off. */
	ck_assert(!send_on(dlg));
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_revert_button(dlg)));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_hostile_strings)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	IotDataForm *form = iot_gtk_control_get_form(dlg);
	GtkWidget *caption = iot_gtk_control_get_field_caption(dlg, "hostile");
	char *tip;

	/* Shown as sent: no markup, no mnemonic. */
	ck_assert_str_eq(gtk_label_get_text(GTK_LABEL(caption)), "<b>x</b>&amp; _y:");
	ck_assert_str_eq(gtk_label_get_label(GTK_LABEL(caption)), "<b>x</b>&amp; _y:");
	ck_assert(!gtk_label_get_use_markup(GTK_LABEL(caption)));
	ck_assert(!gtk_label_get_use_underline(GTK_LABEL(caption)));
	ck_assert_uint_eq(gtk_label_get_mnemonic_keyval(GTK_LABEL(caption)), GDK_VoidSymbol);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "hostile"))), "<span>");
	tip = gtk_widget_get_tooltip_text(widget(dlg, "hostile"));
	ck_assert_str_eq(tip, "<i>not</i> markup");
	g_free(tip);

	/* A title, a thing label and a check box label with markup and underscores. */
	g_free(form->title);
	form->title = g_strdup("<big>Big</big> & _bold");
	iot_gtk_control_set_form(dlg, iot_dataform_new(IOT_FORM_FORM), FALSE);
	close_dialog(dlg, &calls);

	memset(&calls, 0, sizeof calls);
	dlg = iot_gtk_control_new("<b>lamp</b> & _co", &callbacks, &calls);
	calls.dlg = dlg;
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(iot_gtk_control_get_window(dlg))),
	                 "Control — <b>lamp</b> & _co");
	form = load_form("rich-control.xml");
	g_free(form->title);
	form->title = g_strdup("<big>Big</big> & _bold");
	g_free(iot_dataform_find(form, "fan")->label);
	iot_dataform_find(form, "fan")->label = g_strdup("<b>Fan</b> & _on");
	iot_gtk_control_set_form(dlg, form, FALSE);
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(widget(dlg, "fan"))), "<b>Fan</b> & _on");
	ck_assert(!gtk_button_get_use_underline(GTK_BUTTON(widget(dlg, "fan"))));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_validation)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	char *expected;
	GtkTreeModel *m;
	GtkTreeIter iter;
	gboolean ok;

	/* Out of range: the core's sentence under the field, Send off, a count. */
	type_text(dlg, "setpoint", "45");
	expected = core_message(dlg, "setpoint", "45");
	ck_assert_ptr_nonnull(expected);
	ck_assert_str_eq(error_text(dlg, "setpoint"), expected);
	ck_assert(strstr(expected, "30") != NULL);
	g_free(expected);
	ck_assert(!send_on(dlg));
	ck_assert_str_eq(status(dlg), "1 field has a wrong value.");
	/* Nothing invalid ever reaches the model. */
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "setpoint")),
	                 "21.5");

	/* A second wrong field: two. */
	type_text(dlg, "start", "tomorrow");
	ck_assert_ptr_nonnull(error_text(dlg, "start"));
	ck_assert_str_eq(status(dlg), "2 fields have wrong values.");
	/* The button stays dead even when clicked. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 0);
	type_text(dlg, "start", "2026-11-24 07:00");
	ck_assert_ptr_null(error_text(dlg, "start"));

	/* Fixed: message gone, Send on. */
	type_text(dlg, "setpoint", "22");
	ck_assert_ptr_null(error_text(dlg, "setpoint"));
	ck_assert(send_on(dlg));
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "setpoint")),
	                 "22");
	/* What the person typed goes to the core as typed (units and all). */
	type_text(dlg, "setpoint", "21.5 °C");
	expected = core_message(dlg, "setpoint", "21.5 °C");
	if (expected != NULL)
		ck_assert_str_eq(error_text(dlg, "setpoint"), expected);
	else
		ck_assert_ptr_null(error_text(dlg, "setpoint"));
	g_free(expected);
	type_text(dlg, "setpoint", "22");

	/* Required, cleared. */
	type_text(dlg, "name", "");
	ck_assert_ptr_nonnull(error_text(dlg, "name"));
	ck_assert(strstr(error_text(dlg, "name"), "Name") != NULL);
	ck_assert(!send_on(dlg));
	type_text(dlg, "name", "Lamp");
	ck_assert(send_on(dlg));

	/* Colour: the entry and the button agree. */
	type_text(dlg, "colour", "#12345");
	ck_assert_ptr_nonnull(error_text(dlg, "colour"));
	type_text(dlg, "colour", "#102030");
	ck_assert_ptr_null(error_text(dlg, "colour"));
	{
		GList *kids = gtk_container_get_children(
		    GTK_CONTAINER(gtk_widget_get_parent(widget(dlg, "colour"))));
		GdkColor c;

		gtk_color_button_get_color(GTK_COLOR_BUTTON(g_list_nth_data(kids, 1)), &c);
		ck_assert_int_eq(c.green >> 8, 0x20);
		c.red = 0xAAAA;
		gtk_color_button_set_color(GTK_COLOR_BUTTON(g_list_nth_data(kids, 1)), &c);
		g_signal_emit_by_name(g_list_nth_data(kids, 1), "color-set");
		g_list_free(kids);
	}
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "colour"))), "#AA2030");
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "colour")),
	                 "AA2030");

	/* A list-range: none checked is too few. */
	m = gtk_tree_view_get_model(GTK_TREE_VIEW(widget(dlg, "days")));
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter)) {
		gboolean on;
		char *path;
		GList *cells;
		GtkTreeViewColumn *col;

		gtk_tree_model_get(m, &iter, 0, &on, -1);
		if (!on)
			continue;
		path = gtk_tree_model_get_string_from_iter(m, &iter);
		col = gtk_tree_view_get_column(GTK_TREE_VIEW(widget(dlg, "days")), 0);
		cells = gtk_cell_layout_get_cells(GTK_CELL_LAYOUT(col));
		g_signal_emit_by_name(cells->data, "toggled", path);
		g_list_free(cells);
		g_free(path);
	}
	ck_assert_ptr_nonnull(error_text(dlg, "days"));
	ck_assert(!send_on(dlg));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_send_only_changes)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");

	type_text(dlg, "setpoint", "23");
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(widget(dlg, "fan")), TRUE);
	ck_assert_str_eq(status(dlg), "2 changes not sent yet.");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	ck_assert(calls.busy_at_send);
	ck_assert_uint_eq(calls.n_changed, 2);
	/* The session and the two changed fields, nothing else. */
	ck_assert_int_eq(count_fields(calls.submit), 3);
	ck_assert(strstr(calls.submit, "var=\"xdd session\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"setpoint\"") != NULL);
	ck_assert(strstr(calls.submit, "<value>23</value>") != NULL);
	ck_assert(strstr(calls.submit, "var=\"fan\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"speed\"") == NULL);
	/* Busy: the form is grey, Send off, the status says so. */
	ck_assert(!send_on(dlg));
	ck_assert_str_eq(status(dlg), "Sending…");

	/* Applied: the baseline moves, Send is off until something changes. */
	iot_gtk_control_set_result(dlg, TRUE, NULL, "Sent.");
	ck_assert(!send_on(dlg));
	ck_assert_str_eq(status(dlg), "Sent.");
	type_text(dlg, "setpoint", "24");
	ck_assert(send_on(dlg));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 2);
	ck_assert_uint_eq(calls.n_changed, 1);
	ck_assert(strstr(calls.submit, "var=\"fan\"") == NULL);

	/* A partial success: only what the thing listed joins the baseline. */
	{
		IotControlResult *r = iot_control_result_new();

		iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
		type_text(dlg, "setpoint", "25");
		type_text(dlg, "name", "Reading lamp");
		gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
		ck_assert_uint_eq(calls.n_changed, 2);
		r->params = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(r->params, g_strdup("name"));
		r->partial = TRUE;
		iot_gtk_control_set_result(dlg, TRUE, r, NULL);
		iot_control_result_free(r);
		ck_assert(send_on(dlg));
		gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
		ck_assert_uint_eq(calls.n_changed, 1);
		ck_assert(strstr(calls.submit, "var=\"setpoint\"") != NULL);
	}

	/* A notSame field edited is sent even with the value it showed. */
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
	type_text(dlg, "speed", "40");
	ck_assert(!iot_gtk_control_field_differs(dlg, "speed"));
	ck_assert(send_on(dlg));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert(strstr(calls.submit, "var=\"speed\"") != NULL);
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
	ck_assert(!send_on(dlg));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_revert)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");

	type_text(dlg, "setpoint", "26");
	gtk_combo_box_set_active(GTK_COMBO_BOX(widget(dlg, "mode")), 2);
	type_text(dlg, "speed", "70");
	type_text(dlg, "start", "soon");
	ck_assert(gtk_widget_get_sensitive(iot_gtk_control_get_revert_button(dlg)));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_revert_button(dlg)));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "setpoint"))), "21.5");
	ck_assert_int_eq(gtk_combo_box_get_active(GTK_COMBO_BOX(widget(dlg, "mode"))), 0);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "start"))), "2026-11-23T06:30:00");
	ck_assert_ptr_null(error_text(dlg, "start"));
	/* notSame again shows "values differ". */
	ck_assert(iot_gtk_control_field_differs(dlg, "speed"));
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "speed"))), "");
	/* The thing's field errors are cleared too. */
	ck_assert_ptr_null(error_text(dlg, "hostile"));
	ck_assert(!send_on(dlg));
	ck_assert(!gtk_widget_get_sensitive(iot_gtk_control_get_revert_button(dlg)));
	ck_assert_str_eq(status(dlg), "");
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_post_back)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	GtkWidget *nb = iot_gtk_control_get_notebook(dlg);
	IotDataForm *next;
	IotFormField *f;

	ui_test_show_and_wait(iot_gtk_control_get_window(dlg), 100);
	/* An edit elsewhere, then the second page. */
	type_text(dlg, "setpoint", "23");
	type_text(dlg, "start", "2026-12-01 05:00");
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 0);
	gtk_notebook_set_current_page(GTK_NOTEBOOK(nb), 1);
	/* A choice posts back at once (from the main loop), and only once. */
	gtk_combo_box_set_active(GTK_COMBO_BOX(widget(dlg, "effect")), 1);
	ck_assert(!send_on(dlg));
	ui_test_run_ms(50);
	ck_assert_int_eq(calls.post_backs, 1);
	ck_assert_str_eq(iot_form_field_value(iot_dataform_find(iot_gtk_control_get_form(dlg), "effect")),
	                 "fade");
	ck_assert_str_eq(status(dlg), "Updating the form…");
	ck_assert(!send_on(dlg));

	/* The thing's answer: a new field, the effect kept, a field read-only now. */
	next = load_form("rich-control.xml");
	iot_dataform_set_value(next, "effect", "fade");
	iot_dataform_find(next, "effect")->edited = FALSE;
	f = iot_form_field_new(IOT_FORM_FIELD_TEXT_SINGLE, "fade-time");
	f->label = g_strdup("Fade time (s)");
	g_ptr_array_add(f->values, g_strdup("3"));
	iot_dataform_add_field(next, f);
	iot_gtk_control_set_form(dlg, next, TRUE);
	ui_test_run_ms(20);

	ck_assert_int_eq(gtk_notebook_get_current_page(GTK_NOTEBOOK(iot_gtk_control_get_notebook(dlg))), 1);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "setpoint"))), "23");
	ck_assert_ptr_nonnull(iot_gtk_control_get_field_widget(dlg, "fade-time"));
	ck_assert(send_on(dlg));
	ck_assert_int_eq(calls.post_backs, 1);
	/* The person's edits and the post-back field go; the new field does not. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	ck_assert_uint_eq(calls.n_changed, 3);
	ck_assert(strstr(calls.submit, "var=\"setpoint\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"start\"") != NULL);
	ck_assert(strstr(calls.submit, "var=\"effect\"") != NULL);
	ck_assert(strstr(calls.submit, "fade-time") == NULL);
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);

	/* An entry posts back on Enter or when left, not on every key. */
	type_text(dlg, "name", "L");
	type_text(dlg, "name", "La");
	type_text(dlg, "name", "Lamp");
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 1);
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "name"));
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 2);
	/* The owner could not post: set_status ends the busy state. */
	iot_gtk_control_set_status(dlg, "The lamp did not answer.", TRUE);
	ck_assert(send_on(dlg));
	ck_assert_str_eq(status(dlg), "The lamp did not answer.");
	/* Enter again without a change: nothing. */
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "name"));
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 2);

	/* Typed into a post-back entry while another post-back was under way:
	 * it keeps its text and posts when committed. */
	gtk_combo_box_set_active(GTK_COMBO_BOX(widget(dlg, "effect")), 2);
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 3);
	type_text(dlg, "name", "Desk lamp");
	next = load_form("rich-control.xml");
	iot_dataform_set_value(next, "effect", "candle");
	iot_dataform_find(next, "effect")->edited = FALSE;
	iot_gtk_control_set_form(dlg, next, TRUE);
	ck_assert_str_eq(gtk_entry_get_text(GTK_ENTRY(widget(dlg, "name"))), "Desk lamp");
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 3);
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "name"));
	ui_test_run_ms(20);
	ck_assert_int_eq(calls.post_backs, 4);
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_result_errors)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	IotControlResult *r = iot_control_result_new();
	IotControlParamError *e = g_new0(IotControlParamError, 1);

	type_text(dlg, "setpoint", "29");
	type_text(dlg, "owner", "bob@home.example");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	e->name = g_strdup("setpoint");
	e->text = g_strdup("Too <b>warm</b> for this room & _season.");
	g_ptr_array_add(r->errors, e);
	g_set_error_literal(&r->error, g_quark_from_static_string("test"), 1, "refused");
	iot_gtk_control_set_result(dlg, FALSE, r, "The lamp refused a value.");
	iot_control_result_free(r);

	ck_assert_str_eq(error_text(dlg, "setpoint"), "Too <b>warm</b> for this room & _season.");
	ck_assert_ptr_null(error_text(dlg, "owner"));
	ck_assert_str_eq(status(dlg), "The lamp refused a value.");
	/* Not applied: still changes to send, and the person may try again. */
	ck_assert(send_on(dlg));
	/* Editing the field takes the thing's word away. */
	type_text(dlg, "setpoint", "28");
	ck_assert_ptr_null(error_text(dlg, "setpoint"));
	close_dialog(dlg, &calls);
}
END_TEST

/* The thing's words under a field of a small form are seen whole: the
 * dialog grows for them rather than hiding them behind a scroll bar. */
START_TEST(test_grows_for_errors)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "xep0122-range.xml");
	GtkWidget *window = iot_gtk_control_get_window(dlg), *sw;
	IotControlResult *r = iot_control_result_new();
	IotControlParamError *e = g_new0(IotControlParamError, 1);
	GtkAdjustment *adj;
	int w0, h0, w1, h1;

	ui_test_show_and_wait(window, 100);
	gtk_window_get_size(GTK_WINDOW(window), &w0, &h0);
	type_text(dlg, "evt.date", "2003-10-07T10:00:00-07:00");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	e->name = g_strdup("evt.date");
	e->text = g_strdup("The hall is booked that day; the event needs another date in October.");
	g_ptr_array_add(r->errors, e);
	iot_gtk_control_set_result(dlg, FALSE, r, "The thing refused the date.");
	iot_control_result_free(r);
	ui_test_run_ms(150);
	gtk_window_get_size(GTK_WINDOW(window), &w1, &h1);
	ck_assert_int_gt(h1, h0);
	ck_assert_int_eq(w1, w0);
	sw = gtk_widget_get_ancestor(widget(dlg, "evt.date"), GTK_TYPE_SCROLLED_WINDOW);
	adj = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(sw));
	ck_assert_msg(gtk_adjustment_get_upper(adj) <= gtk_adjustment_get_page_size(adj) + 1,
	              "the page still scrolls: %.0f > %.0f", gtk_adjustment_get_upper(adj),
	              gtk_adjustment_get_page_size(adj));
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_double_click)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, "rich-control.xml");
	GtkWidget *send = iot_gtk_control_get_send_button(dlg);

	ui_test_show_and_wait(iot_gtk_control_get_window(dlg), 100);
	type_text(dlg, "setpoint", "20");
	gtk_button_clicked(GTK_BUTTON(send));
	gtk_button_clicked(GTK_BUTTON(send));
	ui_test_run_ms(20);
	gtk_button_clicked(GTK_BUTTON(send));
	ck_assert_int_eq(calls.sends, 1);
	/* Enter in an entry (the default button) is no way around it. */
	gtk_widget_activate(iot_gtk_control_get_field_entry(dlg, "pin"));
	ck_assert_int_eq(calls.sends, 1);
	iot_gtk_control_set_result(dlg, TRUE, NULL, NULL);
	close_dialog(dlg, &calls);
}
END_TEST

START_TEST(test_life_cycle)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, NULL);
	GtkWidget *reload = iot_gtk_control_get_reload_button(dlg);

	/* Before a form: nothing to send; a failure takes the form's place. */
	ck_assert(!send_on(dlg));
	ck_assert_ptr_null(iot_gtk_control_get_form(dlg));
	iot_gtk_control_set_status(dlg, "lamp@home.example does not offer control.", TRUE);
	ck_assert(!send_on(dlg));
	ck_assert(gtk_widget_get_sensitive(reload));
	gtk_button_clicked(GTK_BUTTON(reload));
	ck_assert_int_eq(calls.reloads, 1);
	ck_assert(!gtk_widget_get_sensitive(reload));
	iot_gtk_control_set_form(dlg, load_form("xep0336-notsame.xml"), FALSE);
	ck_assert(gtk_widget_get_sensitive(reload));
	/* One page: no tabs. */
	ck_assert_ptr_null(iot_gtk_control_get_notebook(dlg));
	ck_assert(iot_gtk_control_field_differs(dlg, "Address"));

	/* Offline: everything off but Close. */
	type_text(dlg, "Address", "7");
	ck_assert(send_on(dlg));
	iot_gtk_control_set_online(dlg, FALSE, "Your account is offline.");
	ck_assert(!send_on(dlg));
	ck_assert(!gtk_widget_get_sensitive(reload));
	ck_assert(!gtk_widget_is_sensitive(widget(dlg, "Address")));
	ck_assert_str_eq(status(dlg), "Your account is offline.");
	iot_gtk_control_set_online(dlg, TRUE, NULL);
	ck_assert(send_on(dlg));
	ck_assert(gtk_widget_is_sensitive(widget(dlg, "Address")));
	/* Reload keeps nothing of the former form. */
	gtk_button_clicked(GTK_BUTTON(reload));
	iot_gtk_control_set_form(dlg, load_form("xep0336-notsame.xml"), FALSE);
	ck_assert(!send_on(dlg));
	/* on_closed exactly once, also when closed by the window manager. */
	gtk_widget_destroy(iot_gtk_control_get_window(dlg));
	ck_assert_int_eq(calls.closed, 1);
	ui_test_run_ms(10);
}
END_TEST

START_TEST(test_look)
{
	static const IotGtkControlLook look = { "Set threshold — “Meter 12”",
		                                    "Asking for the command's parameters…", "_Run",
		                                    "Running…", TRUE };
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, NULL);
	GtkWidget *window = iot_gtk_control_get_window(dlg);

	/* Another form than a thing's control form: its own words. */
	iot_gtk_control_set_look(dlg, &look);
	ck_assert_str_eq(gtk_window_get_title(GTK_WINDOW(window)), "Set threshold — “Meter 12”");
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(iot_gtk_control_get_send_button(dlg))), "_Run");
	ck_assert(!send_on(dlg));
	/* The values as they came may be sent: a command run with them. */
	iot_gtk_control_set_form(dlg, load_form("xep0336-notsame.xml"), FALSE);
	ck_assert(send_on(dlg));
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ck_assert_int_eq(calls.sends, 1);
	ck_assert_str_eq(status(dlg), "Running…");
	ck_assert(!send_on(dlg));
	iot_gtk_control_set_result(dlg, TRUE, NULL, "Done.");
	ck_assert(send_on(dlg));
	/* Reload says what it waits for. */
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_reload_button(dlg)));
	ck_assert_str_eq(status(dlg), "Asking for the command's parameters…");
	close_dialog(dlg, &calls);
}
END_TEST

/* ---- pictures ----------------------------------------------------------------------------------- */

START_TEST(test_png)
{
	Calls calls;
	IotGtkControl *dlg = open_dialog(&calls, NULL);
	GtkWidget *window = iot_gtk_control_get_window(dlg), *nb;
	IotControlResult *r;
	IotControlParamError *e;

	gtk_window_move(GTK_WINDOW(window), 0, 0);
	ui_test_show_and_wait(window, 100);
	ui_test_save_png(window, "control-waiting.png");

	iot_gtk_control_set_form(dlg, load_form("rich-control.xml"), FALSE);
	ui_test_run_ms(200);
	ui_test_save_png(window, "control-page1.png");
	{
		/* The end of the first page: a check box, "values differ". */
		GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(
		    gtk_widget_get_ancestor(widget(dlg, "speed"), GTK_TYPE_SCROLLED_WINDOW)));

		gtk_adjustment_set_value(adj, gtk_adjustment_get_upper(adj) -
		                                  gtk_adjustment_get_page_size(adj));
		ui_test_save_png(window, "control-page1-end.png");
		gtk_adjustment_set_value(adj, 0);
	}
	nb = iot_gtk_control_get_notebook(dlg);
	gtk_notebook_set_current_page(GTK_NOTEBOOK(nb), 1);
	ui_test_save_png(window, "control-page2.png");

	/* Wrong input, the thing's refusal, a busy post-back. */
	gtk_notebook_set_current_page(GTK_NOTEBOOK(nb), 0);
	type_text(dlg, "setpoint", "45");
	type_text(dlg, "speed", "70");
	gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(widget(dlg, "fan")), TRUE);
	ui_test_save_png(window, "control-invalid.png");
	type_text(dlg, "setpoint", "29");
	gtk_button_clicked(GTK_BUTTON(iot_gtk_control_get_send_button(dlg)));
	ui_test_save_png(window, "control-sending.png");
	r = iot_control_result_new();
	e = g_new0(IotControlParamError, 1);
	e->name = g_strdup("speed");
	e->text = g_strdup("The fan cannot run faster than 60 % at night.");
	g_ptr_array_add(r->errors, e);
	iot_gtk_control_set_result(dlg, FALSE, r, "The thermostat refused one value; nothing was changed.");
	iot_control_result_free(r);
	ui_test_save_png(window, "control-refused.png");
	close_dialog(dlg, &calls);

	/* A plain form without pages. */
	dlg = open_dialog(&calls, NULL);
	window = iot_gtk_control_get_window(dlg);
	gtk_window_move(GTK_WINDOW(window), 0, 0);
	iot_gtk_control_set_form(dlg, load_form("all-datatypes.xml"), FALSE);
	ui_test_show_and_wait(window, 100);
	ui_test_save_png(window, "control-single-page.png");
	close_dialog(dlg, &calls);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("control-dialog");
	TCase *tc = tcase_create("dialog");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_widgets);
	tcase_add_test(tc, test_hostile_strings);
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_send_only_changes);
	tcase_add_test(tc, test_revert);
	tcase_add_test(tc, test_post_back);
	tcase_add_test(tc, test_result_errors);
	tcase_add_test(tc, test_grows_for_errors);
	tcase_add_test(tc, test_double_click);
	tcase_add_test(tc, test_life_cycle);
	tcase_add_test(tc, test_look);
	tcase_add_test(tc, test_png);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
