/*
 * iot-gtk-concentrator-query.c — the results window of a node query
 * (protocols.md §5.4): the query's title, one tab per result table (named
 * after the sections it is in), the query's messages and objects, a
 * progress line while it runs, Abort, and Save as CSV (iot-csv.h). It lives
 * until the person closes it; closing a running query aborts it.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-csv.h"
#include "iot-error.h"
#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_COLUMNS 64
#define MAX_TABLES 64
#define MAX_MESSAGES 10000
#define CELL_CHARS 1000

typedef struct {
	char *id, *name;      /* (owned) */
	GPtrArray *headers;   /* (owned) utf8 */
	GtkListStore *store;  /* (owned) */
	GtkWidget *view;
	guint records, dropped;
	gboolean done;
} QueryTable;

struct _IotGtkConcQuery {
	IotGtkConcentrator *win;
	IotGtkConcRequest *req;   /* (nullable) while the query runs */
	GtkWidget *window, *title_label, *notebook, *progress, *status_label;
	GtkWidget *abort_button, *save_button, *chooser;
	GtkListStore *messages;
	GtkWidget *messages_view;
	GPtrArray *tables;        /* (element-type QueryTable) */
	GPtrArray *sections;      /* (element-type utf8): the open sections' headers */
	char *status;
	guint records, pulse_id;
	gboolean running, aborting, streaming;
	gboolean device_status;   /* the device said where it is */
};

static void
table_free(QueryTable *t)
{
	g_free(t->id);
	g_free(t->name);
	g_ptr_array_unref(t->headers);
	g_object_unref(t->store);
	g_free(t);
}

static void
set_status(IotGtkConcQuery *q, const char *text)
{
	char *clean = iot_format_clean(text != NULL ? text : "", 400);

	gtk_label_set_text(GTK_LABEL(q->status_label), clean);
	g_free(q->status);
	q->status = clean;
}

static void
update_buttons(IotGtkConcQuery *q)
{
	int page = gtk_notebook_get_current_page(GTK_NOTEBOOK(q->notebook));

	gtk_widget_set_sensitive(q->abort_button,
	                         q->running && !q->aborting && q->win->ops.abort_query != NULL);
	/* The messages tab is the last one: no CSV of it. */
	gtk_widget_set_sensitive(q->save_button, page >= 0 && (guint)page < q->tables->len);
}

static gboolean
pulse(gpointer data)
{
	IotGtkConcQuery *q = data;

	gtk_progress_bar_pulse(GTK_PROGRESS_BAR(q->progress));
	/* How far it got, unless the device says more. */
	if (q->streaming && !q->device_status && !q->aborting) {
		char *text = g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "Running… %u record so far.",
		                                         "Running… %u records so far.", q->records),
		                             q->records);

		set_status(q, text);
		g_free(text);
	}
	return TRUE;
}

/* ---- what the query sends ------------------------------------------------------------- */

/* The query of @req, if it still has a window; its first data ends the
 * form that started it. */
static IotGtkConcQuery *
query_of(IotGtkConcRequest *req)
{
	IotGtkConcQuery *q;

	g_return_val_if_fail(req != NULL && req->kind == IOT_GTK_CONC_REQ_RUN_QUERY, NULL);
	if (req->cancelled || req->answered || (q = req->query) == NULL)
		return NULL;
	if (!q->streaming) {
		q->streaming = TRUE;
		iot_gtk_conc_flow_query_detach(req);
	}
	return q;
}

static void
add_message(IotGtkConcQuery *q, const char *word, const char *text)
{
	char *clean = iot_format_clean(text != NULL ? text : "", CELL_CHARS);

	if (gtk_tree_model_iter_n_children(GTK_TREE_MODEL(q->messages), NULL) < MAX_MESSAGES)
		gtk_list_store_insert_with_values(q->messages, NULL, -1, 0, word, 1, clean, -1);
	g_free(clean);
}

void
iot_gtk_conc_query_started(IotGtkConcRequest *req)
{
	IotGtkConcQuery *q = query_of(req);

	if (q != NULL)
		/* TRANSLATORS: the progress line of a query's results. */
		set_status(q, _("The query is running…"));
}

void
iot_gtk_conc_query_title(IotGtkConcRequest *req, const char *title)
{
	IotGtkConcQuery *q = query_of(req);
	char *clean;

	if (q == NULL)
		return;
	clean = iot_format_clean(title != NULL ? title : "", 200);
	gtk_label_set_text(GTK_LABEL(q->title_label), clean);
	gtk_widget_set_visible(q->title_label, *clean != '\0');
	g_free(clean);
}

void
iot_gtk_conc_query_status(IotGtkConcRequest *req, const char *status)
{
	IotGtkConcQuery *q = query_of(req);

	if (q != NULL) {
		q->device_status = TRUE;
		set_status(q, status);
	}
}

void
iot_gtk_conc_query_message(IotGtkConcRequest *req, IotGtkConcMessageType type, const char *text)
{
	IotGtkConcQuery *q = query_of(req);

	if (q != NULL)
		add_message(q,
		            type == IOT_GTK_CONC_MESSAGE_ERROR     ? _("Error")
		            : type == IOT_GTK_CONC_MESSAGE_WARNING ? _("Warning")
		                                                   : _("Information"),
		            text);
}

void
iot_gtk_conc_query_begin_section(IotGtkConcRequest *req, const char *header)
{
	IotGtkConcQuery *q = query_of(req);

	if (q != NULL && q->sections->len < 16)
		g_ptr_array_add(q->sections, iot_format_clean(header != NULL ? header : "", 60));
}

void
iot_gtk_conc_query_end_section(IotGtkConcRequest *req)
{
	IotGtkConcQuery *q = query_of(req);

	if (q != NULL && q->sections->len > 0)
		g_ptr_array_remove_index(q->sections, q->sections->len - 1);
}

static QueryTable *
find_table(IotGtkConcQuery *q, const char *id)
{
	guint i;

	for (i = 0; i < q->tables->len; i++) {
		QueryTable *t = g_ptr_array_index(q->tables, i);

		if (g_strcmp0(t->id, id) == 0)
			return t;
	}
	return NULL;
}

void
iot_gtk_conc_query_new_table(IotGtkConcRequest *req, const char *table_id, const char *name,
                             const GPtrArray *columns)
{
	IotGtkConcQuery *q = query_of(req);
	QueryTable *t;
	GType *types;
	GString *tab;
	GtkWidget *scroll, *label;
	guint i, n;

	if (q == NULL || table_id == NULL || find_table(q, table_id) != NULL ||
	    q->tables->len >= MAX_TABLES)
		return;
	n = columns != NULL ? MIN(columns->len, MAX_COLUMNS) : 0;
	t = g_new0(QueryTable, 1);
	t->id = g_strdup(table_id);
	t->headers = g_ptr_array_new_with_free_func(g_free);
	types = g_new(GType, MAX(n, 1));
	for (i = 0; i < MAX(n, 1); i++)
		types[i] = G_TYPE_STRING;
	t->store = gtk_list_store_newv((gint)MAX(n, 1), types);
	g_free(types);
	t->view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(t->store));
	gtk_tree_view_set_rules_hint(GTK_TREE_VIEW(t->view), TRUE);
	for (i = 0; i < n; i++) {
		const IotGtkConcQueryColumn *c = g_ptr_array_index(columns, i);
		GtkCellRenderer *r = gtk_cell_renderer_text_new();
		GtkTreeViewColumn *col;
		char *header = iot_format_clean(c->header != NULL ? c->header : c->id, 80);

		g_object_set(r, "xalign", CLAMP(c->xalign, 0.0f, 1.0f), "ellipsize",
		             PANGO_ELLIPSIZE_END, NULL);
		col = gtk_tree_view_column_new_with_attributes(header, r, "text", (gint)i, NULL);
		gtk_tree_view_column_set_sizing(col, GTK_TREE_VIEW_COLUMN_FIXED);
		gtk_tree_view_column_set_fixed_width(col, 120);
		gtk_tree_view_column_set_resizable(col, TRUE);
		gtk_tree_view_column_set_alignment(col, CLAMP(c->xalign, 0.0f, 1.0f));
		gtk_tree_view_append_column(GTK_TREE_VIEW(t->view), col);
		g_ptr_array_add(t->headers, header);
	}
	if (n > 0)
		gtk_tree_view_set_fixed_height_mode(GTK_TREE_VIEW(t->view), TRUE);
	tab = g_string_new(NULL);
	for (i = 0; i < q->sections->len; i++) {
		g_string_append(tab, g_ptr_array_index(q->sections, i));
		g_string_append(tab, " \xe2\x80\xba ");
	}
	{
		char *clean = iot_format_clean(name != NULL && *name != '\0' ? name : table_id, 60);

		g_string_append(tab, clean);
		g_free(clean);
	}
	t->name = g_string_free(tab, FALSE);
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_container_add(GTK_CONTAINER(scroll), t->view);
	gtk_widget_show_all(scroll);
	label = gtk_label_new(t->name);
	gtk_notebook_insert_page(GTK_NOTEBOOK(q->notebook), scroll, label, (gint)q->tables->len);
	g_ptr_array_add(q->tables, t);
	if (q->tables->len == 1)
		gtk_notebook_set_current_page(GTK_NOTEBOOK(q->notebook), 0);
	update_buttons(q);
}

void
iot_gtk_conc_query_record(IotGtkConcRequest *req, const char *table_id, const char *const *cells,
                          guint n_cells)
{
	IotGtkConcQuery *q = query_of(req);
	QueryTable *t;
	GValue *values;
	gint *cols;
	guint i, n;

	if (q == NULL || (t = find_table(q, table_id)) == NULL)
		return;
	if (t->records >= IOT_GTK_CONC_QUERY_MAX_ROWS) {
		t->dropped++;
		return;
	}
	n = MIN(n_cells, t->headers->len);
	values = g_new0(GValue, MAX(n, 1));
	cols = g_new(gint, MAX(n, 1));
	for (i = 0; i < n; i++) {
		cols[i] = (gint)i;
		g_value_init(&values[i], G_TYPE_STRING);
		g_value_take_string(&values[i], iot_format_clean(cells[i] != NULL ? cells[i] : "",
		                                                 CELL_CHARS));
	}
	gtk_list_store_insert_with_valuesv(t->store, NULL, -1, cols, values, (gint)n);
	for (i = 0; i < n; i++)
		g_value_unset(&values[i]);
	g_free(values);
	g_free(cols);
	t->records++;
	q->records++;
}

void
iot_gtk_conc_query_table_done(IotGtkConcRequest *req, const char *table_id)
{
	IotGtkConcQuery *q = query_of(req);
	QueryTable *t = q != NULL ? find_table(q, table_id) : NULL;

	if (t != NULL)
		t->done = TRUE;
}

void
iot_gtk_conc_query_object(IotGtkConcRequest *req, const char *content_type, gsize bytes)
{
	IotGtkConcQuery *q = query_of(req);
	char *size, *text;

	if (q == NULL)
		return;
	size = g_format_size(bytes);
	/* TRANSLATORS: a query sent an object; %1$s is its type ("image/png"), %2$s its size. */
	text = g_strdup_printf(_("An object of type %s (%s)"), content_type != NULL ? content_type : "?",
	                       size);
	add_message(q, _("Object"), text);
	g_free(text);
	g_free(size);
}

/* ---- its end -------------------------------------------------------------------------------- */

void
iot_gtk_conc_query_end(IotGtkConcQuery *q, IotGtkConcAnswer *a)
{
	GString *text = g_string_new(NULL);
	guint i, dropped = 0;

	q->req = NULL;
	q->running = FALSE;
	if (q->pulse_id != 0)
		g_source_remove(q->pulse_id);
	q->pulse_id = 0;
	gtk_widget_hide(q->progress);
	for (i = 0; i < q->tables->len; i++)
		dropped += ((QueryTable *)g_ptr_array_index(q->tables, i))->dropped;
	if (a == NULL || (a->error != NULL && a->error->domain == IOT_ERROR &&
	                  a->error->code == IOT_ERROR_CANCELLED) ||
	    q->aborting) {
		/* TRANSLATORS: the progress line of an aborted query. */
		g_string_append(text, _("Aborted."));
	} else if (a->error != NULL || a->errors != NULL) {
		char *why = a->error != NULL ? iot_gtk_conc_error_text(a->error) : NULL;

		/* TRANSLATORS: %s says why. */
		g_string_append_printf(text, _("The query failed: %s"),
		                       a->text != NULL ? a->text : why != NULL ? why : "");
		g_free(why);
	} else {
		/* TRANSLATORS: the progress line of a finished query. */
		g_string_append_printf(text, g_dngettext(GETTEXT_PACKAGE, "Done: %u record.",
		                                         "Done: %u records.", q->records),
		                       q->records);
		if (a->text != NULL) {
			g_string_append_c(text, ' ');
			g_string_append(text, a->text);
		}
	}
	if (dropped > 0) {
		g_string_append_c(text, ' ');
		g_string_append_printf(text, g_dngettext(GETTEXT_PACKAGE, "%u record was left out.",
		                                         "%u records were left out.", dropped),
		                       dropped);
	}
	set_status(q, text->str);
	g_string_free(text, TRUE);
	update_buttons(q);
}

void
iot_gtk_conc_query_abort(IotGtkConcQuery *q)
{
	if (!q->running || q->aborting || q->req == NULL || q->win->ops.abort_query == NULL)
		return;
	q->aborting = TRUE;
	/* TRANSLATORS: the progress line while a query is being aborted. */
	set_status(q, _("Aborting…"));
	update_buttons(q);
	q->win->ops.abort_query(q->req, q->win->user_data);
}

/* ---- CSV ---------------------------------------------------------------------------------------- */

GString *
iot_gtk_conc_query_table_csv(IotGtkConcQuery *q, guint i)
{
	GString *out = g_string_new(NULL);
	QueryTable *t;
	GtkTreeModel *m;
	GtkTreeIter it;
	gboolean ok;
	char **cells;
	guint c, n;

	g_return_val_if_fail(q != NULL, out);
	if (i >= q->tables->len)
		return out;
	t = g_ptr_array_index(q->tables, i);
	n = t->headers->len;
	iot_csv_append_record(out, (const char *const *)t->headers->pdata, n);
	m = GTK_TREE_MODEL(t->store);
	cells = g_new0(char *, MAX(n, 1));
	for (ok = gtk_tree_model_get_iter_first(m, &it); ok; ok = gtk_tree_model_iter_next(m, &it)) {
		for (c = 0; c < n; c++)
			gtk_tree_model_get(m, &it, (gint)c, &cells[c], -1);
		iot_csv_append_record(out, (const char *const *)cells, n);
		for (c = 0; c < n; c++)
			g_clear_pointer(&cells[c], g_free);
	}
	g_free(cells);
	return out;
}

gboolean
iot_gtk_conc_query_save_csv(IotGtkConcQuery *q, guint i, const char *path, GError **error)
{
	GString *csv = iot_gtk_conc_query_table_csv(q, i);
	gboolean ok = iot_csv_write_file(path, csv, error);

	g_string_free(csv, TRUE);
	return ok;
}

static void
chooser_response(GtkDialog *dialog, gint response, IotGtkConcQuery *q)
{
	if (response == GTK_RESPONSE_ACCEPT) {
		char *path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(dialog));
		int page = gtk_notebook_get_current_page(GTK_NOTEBOOK(q->notebook));
		GError *error = NULL;

		if (path != NULL && page >= 0 && !iot_gtk_conc_query_save_csv(q, (guint)page, path, &error)) {
			/* TRANSLATORS: %s is why the file could not be written. */
			char *text = g_strdup_printf(_("Could not save: %s"), error->message);

			set_status(q, text);
			g_free(text);
			g_error_free(error);
		} else if (path != NULL) {
			char *name = g_filename_display_basename(path);
			/* TRANSLATORS: %s is the file's name. */
			char *text = g_strdup_printf(_("Saved as %s."), name);

			set_status(q, text);
			g_free(text);
			g_free(name);
		}
		g_free(path);
	}
	gtk_widget_destroy(GTK_WIDGET(dialog));
}

static void
save_cb(GtkButton *b, IotGtkConcQuery *q)
{
	int page = gtk_notebook_get_current_page(GTK_NOTEBOOK(q->notebook));
	char *name;

	if (q->chooser != NULL) {
		gtk_window_present(GTK_WINDOW(q->chooser));
		return;
	}
	if (page < 0 || (guint)page >= q->tables->len)
		return;
	/* TRANSLATORS: title of the file chooser that saves a query's table. */
	q->chooser = gtk_file_chooser_dialog_new(_("Save as CSV"), GTK_WINDOW(q->window),
	                                         GTK_FILE_CHOOSER_ACTION_SAVE, GTK_STOCK_CANCEL,
	                                         GTK_RESPONSE_CANCEL, GTK_STOCK_SAVE,
	                                         GTK_RESPONSE_ACCEPT, NULL);
	g_object_add_weak_pointer(G_OBJECT(q->chooser), (gpointer *)&q->chooser);
	gtk_file_chooser_set_do_overwrite_confirmation(GTK_FILE_CHOOSER(q->chooser), TRUE);
	name = g_strdup_printf("%s.csv", ((QueryTable *)g_ptr_array_index(q->tables, page))->id);
	/* A table id from the device must not name a path. */
	g_strdelimit(name, "/\\:", '_');
	gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(q->chooser), name);
	g_free(name);
	g_signal_connect(q->chooser, "response", G_CALLBACK(chooser_response), q);
	gtk_widget_show(q->chooser);
}

static void
abort_cb(GtkButton *b, IotGtkConcQuery *q)
{
	iot_gtk_conc_query_abort(q);
}

static void
close_cb(GtkButton *b, IotGtkConcQuery *q)
{
	gtk_widget_destroy(q->window);
}

static void
page_after_cb(GtkNotebook *nb, gpointer page, guint num, IotGtkConcQuery *q)
{
	update_buttons(q);
}

static void
destroy_cb(GtkWidget *w, IotGtkConcQuery *q)
{
	IotGtkConcRequest *req = q->req;

	if (q->chooser != NULL)
		gtk_widget_destroy(q->chooser);
	if (q->pulse_id != 0)
		g_source_remove(q->pulse_id);
	g_ptr_array_remove(q->win->queries, q);
	if (req != NULL) {
		/* Closing a running query stops it. */
		q->req = NULL;
		req->query = NULL;
		iot_gtk_conc_flow_query_detach(req);
		if (q->running && !q->aborting && q->win->ops.abort_query != NULL)
			q->win->ops.abort_query(req, q->win->user_data);
		iot_gtk_conc_request_cancel(req);
	}
	g_ptr_array_unref(q->tables);
	g_ptr_array_unref(q->sections);
	g_free(q->status);
	g_free(q);
}

IotGtkConcQuery *
iot_gtk_conc_query_new(IotGtkConcentrator *win, IotGtkConcRequest *req, const char *title)
{
	IotGtkConcQuery *q = g_new0(IotGtkConcQuery, 1);
	GtkWidget *vbox = gtk_vbox_new(FALSE, 6), *row, *bbox, *close, *scroll, *view;
	char *clean = iot_format_clean(title != NULL ? title : "", 100), *text;

	q->win = win;
	q->req = req;
	q->running = TRUE;
	req->query = q;
	q->tables = g_ptr_array_new_with_free_func((GDestroyNotify)table_free);
	q->sections = g_ptr_array_new_with_free_func(g_free);
	q->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	/* TRANSLATORS: title of a query's results window; %s names the query and its nodes. */
	text = g_strdup_printf(_("Query — %s"), clean);
	gtk_window_set_title(GTK_WINDOW(q->window), text);
	g_free(text);
	gtk_window_set_role(GTK_WINDOW(q->window), "iot-concentrator-query");
	gtk_window_set_default_size(GTK_WINDOW(q->window), 720, 440);
	gtk_container_set_border_width(GTK_CONTAINER(q->window), 8);
	gtk_container_add(GTK_CONTAINER(q->window), vbox);

	q->title_label = gtk_label_new(clean);
	gtk_misc_set_alignment(GTK_MISC(q->title_label), 0.0f, 0.5f);
	{
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
		pango_attr_list_insert(attrs, pango_attr_scale_new(PANGO_SCALE_LARGE));
		gtk_label_set_attributes(GTK_LABEL(q->title_label), attrs);
		pango_attr_list_unref(attrs);
	}
	gtk_box_pack_start(GTK_BOX(vbox), q->title_label, FALSE, FALSE, 0);
	g_free(clean);

	q->notebook = gtk_notebook_new();
	gtk_notebook_set_scrollable(GTK_NOTEBOOK(q->notebook), TRUE);
	q->messages = gtk_list_store_new(2, G_TYPE_STRING, G_TYPE_STRING);
	view = q->messages_view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(q->messages));
	g_object_unref(q->messages);
	/* TRANSLATORS: columns of a query's messages. */
	gtk_tree_view_append_column(GTK_TREE_VIEW(view), gtk_tree_view_column_new_with_attributes(
	                                                     _("Type"), gtk_cell_renderer_text_new(),
	                                                     "text", 0, NULL));
	gtk_tree_view_append_column(GTK_TREE_VIEW(view), gtk_tree_view_column_new_with_attributes(
	                                                     _("Message"), gtk_cell_renderer_text_new(),
	                                                     "text", 1, NULL));
	scroll = gtk_scrolled_window_new(NULL, NULL);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroll), GTK_POLICY_AUTOMATIC,
	                               GTK_POLICY_AUTOMATIC);
	gtk_container_add(GTK_CONTAINER(scroll), view);
	/* TRANSLATORS: the tab of a query's messages. */
	gtk_notebook_append_page(GTK_NOTEBOOK(q->notebook), scroll, gtk_label_new(_("Messages")));
	g_signal_connect_after(q->notebook, "switch-page", G_CALLBACK(page_after_cb), q);
	gtk_box_pack_start(GTK_BOX(vbox), q->notebook, TRUE, TRUE, 0);

	row = gtk_hbox_new(FALSE, 6);
	q->progress = gtk_progress_bar_new();
	gtk_widget_set_size_request(q->progress, 120, -1);
	gtk_widget_set_no_show_all(q->progress, TRUE);
	gtk_widget_show(q->progress);
	q->status_label = gtk_label_new(NULL);
	gtk_misc_set_alignment(GTK_MISC(q->status_label), 0.0f, 0.5f);
	gtk_label_set_ellipsize(GTK_LABEL(q->status_label), PANGO_ELLIPSIZE_END);
	gtk_box_pack_start(GTK_BOX(row), q->progress, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(row), q->status_label, TRUE, TRUE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), row, FALSE, FALSE, 0);

	bbox = gtk_hbutton_box_new();
	gtk_button_box_set_layout(GTK_BUTTON_BOX(bbox), GTK_BUTTONBOX_END);
	gtk_box_set_spacing(GTK_BOX(bbox), 6);
	/* TRANSLATORS: buttons of a query's results window. */
	q->abort_button = gtk_button_new_with_mnemonic(_("_Abort"));
	gtk_button_set_image(GTK_BUTTON(q->abort_button),
	                     gtk_image_new_from_stock(GTK_STOCK_STOP, GTK_ICON_SIZE_BUTTON));
	q->save_button = gtk_button_new_with_mnemonic(_("_Save as CSV…"));
	gtk_button_set_image(GTK_BUTTON(q->save_button),
	                     gtk_image_new_from_stock(GTK_STOCK_SAVE_AS, GTK_ICON_SIZE_BUTTON));
	close = gtk_button_new_from_stock(GTK_STOCK_CLOSE);
	g_signal_connect(q->abort_button, "clicked", G_CALLBACK(abort_cb), q);
	g_signal_connect(q->save_button, "clicked", G_CALLBACK(save_cb), q);
	g_signal_connect(close, "clicked", G_CALLBACK(close_cb), q);
	gtk_box_pack_start(GTK_BOX(bbox), q->abort_button, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(bbox), q->save_button, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(bbox), close, FALSE, FALSE, 0);
	gtk_box_pack_start(GTK_BOX(vbox), bbox, FALSE, FALSE, 0);

	g_signal_connect(q->window, "destroy", G_CALLBACK(destroy_cb), q);
	set_status(q, _("Starting the query…"));
	q->pulse_id = g_timeout_add(150, pulse, q);
	gtk_widget_show_all(vbox);
	update_buttons(q);
	g_ptr_array_add(win->queries, q);
	iot_gtk_conc_add_dialog(win, q->window);
	gtk_widget_show(q->window);
	return q;
}

/* ---- for tests ------------------------------------------------------------------------------- */

IotGtkConcQuery *
iot_gtk_concentrator_get_query(IotGtkConcentrator *win)
{
	g_return_val_if_fail(win != NULL, NULL);
	return win->queries->len > 0 ? g_ptr_array_index(win->queries, win->queries->len - 1) : NULL;
}

GtkWidget *
iot_gtk_conc_query_get_window(IotGtkConcQuery *q)
{
	return q->window;
}

guint
iot_gtk_conc_query_get_n_tables(IotGtkConcQuery *q)
{
	return q->tables->len;
}

GtkTreeModel *
iot_gtk_conc_query_get_table(IotGtkConcQuery *q, guint i)
{
	return i < q->tables->len ? GTK_TREE_MODEL(((QueryTable *)g_ptr_array_index(q->tables, i))->store)
	                          : NULL;
}

const char *
iot_gtk_conc_query_get_table_name(IotGtkConcQuery *q, guint i)
{
	return i < q->tables->len ? ((QueryTable *)g_ptr_array_index(q->tables, i))->name : NULL;
}

GtkTreeModel *
iot_gtk_conc_query_get_messages(IotGtkConcQuery *q)
{
	return GTK_TREE_MODEL(q->messages);
}

const char *
iot_gtk_conc_query_get_status(IotGtkConcQuery *q)
{
	return q->status != NULL ? q->status : "";
}

gboolean
iot_gtk_conc_query_is_running(IotGtkConcQuery *q)
{
	return q->running;
}

GtkWidget *
iot_gtk_conc_query_get_abort_button(IotGtkConcQuery *q)
{
	return q->abort_button;
}
