/*
 * test-control-dialog.c — the control dialog built from fixture forms under
 * Xvfb: a widget per field type, hidden fields left out, validation as the
 * person types (message under the field, Send off, the count in the status
 * line), only changed fields submitted, Revert, post-back (once, keeping
 * the person's other edits and the page), the thing's errors under their
 * fields, Send pressed twice, hostile strings shown literally, and PNGs of
 * every page kept as artifacts. Run by tests/ui/window-tests.sh BUILD_DIR
 * ARTIFACT_DIR. This file holds the fixtures and helpers of
 * test-control-dialog.h and the suite; the tests are in test-control-layout.c
 * (what the dialog shows) and test-control-send.c (checking and sending).
 *
 * Plain GTK 2 + check, no Pidgin. Tests run in one process (CK_NOFORK): a
 * forked child must not share the parent's X connection.
 */
#include "test-control-dialog.h"
#include "iot-xml.h"
#include "ui-test-util.h"

#include <string.h>

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

const IotGtkControlCallbacks callbacks = { on_send, on_post_back, on_reload, on_closed };

/* ---- fixtures ----------------------------------------------------------------------- */

IotDataForm *
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

IotGtkControl *
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

void
close_dialog(IotGtkControl *dlg, Calls *calls)
{
	iot_gtk_control_close(dlg);
	ck_assert_int_eq(calls->closed, 1);
	g_free(calls->submit);
	calls->submit = NULL;
	ui_test_run_ms(10);
}

/* ---- what the dialog shows ------------------------------------------------------------------ */

GtkWidget *
widget(IotGtkControl *dlg, const char *var)
{
	GtkWidget *w = iot_gtk_control_get_field_widget(dlg, var);

	ck_assert_msg(w != NULL, "no widget for %s", var);
	return w;
}

void
type_text(IotGtkControl *dlg, const char *var, const char *text)
{
	GtkWidget *e = iot_gtk_control_get_field_entry(dlg, var);

	ck_assert_msg(e != NULL, "no entry for %s", var);
	gtk_entry_set_text(GTK_ENTRY(e), text);
}

gboolean
shown(GtkWidget *w)
{
	return w != NULL && gtk_widget_get_visible(w);
}

const char *
error_text(IotGtkControl *dlg, const char *var)
{
	GtkWidget *l = iot_gtk_control_get_field_error_label(dlg, var);

	ck_assert_ptr_nonnull(l);
	return shown(l) ? gtk_label_get_text(GTK_LABEL(l)) : NULL;
}

gboolean
send_on(IotGtkControl *dlg)
{
	return gtk_widget_get_sensitive(iot_gtk_control_get_send_button(dlg));
}

const char *
status(IotGtkControl *dlg)
{
	return gtk_label_get_text(GTK_LABEL(iot_gtk_control_get_status_label(dlg)));
}

/* The core's own sentence for @input in field @var (or NULL when it parses). */
char *
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

int
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

int
main(int argc, char **argv)
{
	Suite *s = suite_create("control-dialog");
	TCase *tc = tcase_create("dialog");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	control_layout_tests(tc);
	control_send_tests(tc);
	control_look_tests(tc);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
