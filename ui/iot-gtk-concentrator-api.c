/*
 * iot-gtk-concentrator-api.c — what the concentrator window's files share
 * (signal bookkeeping, error texts, labels, capabilities, the status line,
 * the busy spinner, the windows it opened), the owner's setters, and the
 * accessors for tests and the owner's glue.
 */
#include "iot-gtk-concentrator-private.h"

#include "iot-error.h"
#include "iot-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- small things the other files use ------------------------------------------------ */

void
iot_gtk_conc_connect(IotGtkConcentrator *win, gpointer obj, const char *signal, GCallback cb)
{
	g_signal_connect(obj, signal, cb, win);
	if (!g_ptr_array_find(win->connected, obj, NULL))
		g_ptr_array_add(win->connected, obj);
}

char *
iot_gtk_conc_error_text(const GError *error)
{
	char *text = iot_format_clean(error->message, 300), *out;

	if (error->domain != IOT_ERROR)
		/* TRANSLATORS: why a request failed when nothing says why. */
		return *text != '\0' ? text : (g_free(text), g_strdup(_("no reason was given")));
	switch ((IotErrorCode)error->code) {
	case IOT_ERROR_TIMEOUT:
		/* TRANSLATORS: why a request of the concentrator window failed, in a few words. */
		out = g_strdup(_("no answer in time"));
		break;
	case IOT_ERROR_DISCONNECTED:
		out = g_strdup(_("your account is offline"));
		break;
	case IOT_ERROR_OFFLINE:
		out = g_strdup(_("the concentrator is offline"));
		break;
	case IOT_ERROR_CANCELLED:
		out = g_strdup(_("cancelled"));
		break;
	case IOT_ERROR_NOT_IMPLEMENTED:
	case IOT_ERROR_NOT_SUPPORTED:
		out = g_strdup(_("the concentrator does not offer this"));
		break;
	case IOT_ERROR_REJECTED:
		/* TRANSLATORS: %s is the concentrator's reason. */
		out = *text != '\0' ? g_strdup_printf(_("refused: %s"), text) : g_strdup(_("refused"));
		break;
	case IOT_ERROR_NOT_FOUND:
	case IOT_ERROR_UNKNOWN_NODE:
		out = *text != '\0' ? g_strdup_printf(_("not found: %s"), text) : g_strdup(_("not found"));
		break;
	case IOT_ERROR_CONFLICT:
		out = *text != '\0' ? g_strdup_printf(_("locked: %s"), text) : g_strdup(_("locked"));
		break;
	default:
		out = *text != '\0' ? g_strdup(text) : g_strdup(_("no reason was given"));
		break;
	}
	g_free(text);
	return out;
}

char *
iot_gtk_conc_nodes_label(IotGtkConcentrator *win, const GPtrArray *rows)
{
	char *name, *label;

	if (rows->len != 1)
		/* TRANSLATORS: names several selected nodes in sentences ("Delete 3 nodes?"). */
		return g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u node", "%u nodes", rows->len),
		                       rows->len);
	name = iot_format_clean(iot_gtk_conc_row_name(g_ptr_array_index(rows, 0)),
	                        IOT_GTK_CONC_LABEL_CHARS);
	/* TRANSLATORS: names one node in sentences: “Meter 12”. */
	label = g_strdup_printf(_("“%s”"), name);
	g_free(name);
	return label;
}

char *
iot_gtk_conc_no_mnemonic(const char *text)
{
	char **parts = g_strsplit(text != NULL ? text : "", "_", -1);
	char *out = g_strjoinv("__", parts);

	g_strfreev(parts);
	return out;
}

gboolean
iot_gtk_conc_can(IotGtkConcentrator *win, const char *op)
{
	/* Where only the singular or only the plural exists, the owner sends
	 * the one it has (XEP-0326 §5.11). */
	static const char *const pairs[][2] = { { "moveNodeUp", "moveNodesUp" },
		                                    { "moveNodeDown", "moveNodesDown" },
		                                    { "getNode", "getNodes" },
		                                    { "containsNode", "containsNodes" } };
	guint i;

	if (win->caps == NULL || g_hash_table_contains(win->caps, op))
		return TRUE;
	for (i = 0; i < G_N_ELEMENTS(pairs); i++)
		if ((strcmp(pairs[i][0], op) == 0 && g_hash_table_contains(win->caps, pairs[i][1])) ||
		    (strcmp(pairs[i][1], op) == 0 && g_hash_table_contains(win->caps, pairs[i][0])))
			return TRUE;
	return FALSE;
}

void
iot_gtk_conc_show_status(IotGtkConcentrator *win, const char *text, gboolean is_error)
{
	char *clean = iot_format_clean(text != NULL ? text : "", 400);

	if (win->closing) {
		g_free(clean);
		return;
	}
	gtk_label_set_text(GTK_LABEL(win->status_label), clean);
	gtk_widget_set_visible(win->status_icon, is_error && *clean != '\0');
	g_free(win->status_text);
	win->status_text = clean;
	win->status_error = is_error;
}

void
iot_gtk_conc_busy(IotGtkConcentrator *win, int delta)
{
	win->busy += delta;
	if (win->closing)
		return;
	if (win->busy > 0) {
		gtk_widget_show(win->spinner);
		gtk_spinner_start(GTK_SPINNER(win->spinner));
	} else {
		win->busy = 0;
		gtk_spinner_stop(GTK_SPINNER(win->spinner));
		gtk_widget_hide(win->spinner);
	}
}

static void
dialog_gone(GtkWidget *w, IotGtkConcentrator *win)
{
	g_ptr_array_remove(win->dialogs, w);
}

void
iot_gtk_conc_add_dialog(IotGtkConcentrator *win, GtkWidget *dialog)
{
	g_ptr_array_add(win->dialogs, dialog);
	g_signal_connect(dialog, "destroy", G_CALLBACK(dialog_gone), win);
}

/* ---- confirmations -------------------------------------------------------------------------------- */

typedef struct {
	IotGtkConcentrator *win;
	GCallback yes;
	gpointer data;
	GDestroyNotify data_free;
} Confirm;

static void
confirm_free(Confirm *c)
{
	if (c->data_free != NULL)
		c->data_free(c->data);
	g_free(c);
}

static void
confirm_response(GtkDialog *dialog, gint response, Confirm *c)
{
	if (response == GTK_RESPONSE_OK)
		((void (*)(IotGtkConcentrator *, gpointer))c->yes)(c->win, c->data);
	gtk_widget_destroy(GTK_WIDGET(dialog));
}

void
iot_gtk_conc_confirm(IotGtkConcentrator *win, const char *primary, const char *secondary,
                     const char *ok_label, GCallback yes, gpointer data, GDestroyNotify data_free)
{
	Confirm *c = g_new0(Confirm, 1);
	char *p = iot_format_clean(primary, 300), *s = iot_format_clean(secondary, 1000);
	GtkWidget *dialog;

	c->win = win;
	c->yes = yes;
	c->data = data;
	c->data_free = data_free;
	/* "%s": the texts are shown as they are, never as markup. */
	dialog = gtk_message_dialog_new(GTK_WINDOW(win->window), GTK_DIALOG_DESTROY_WITH_PARENT,
	                                GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", p);
	if (*s != '\0')
		gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(dialog), "%s", s);
	gtk_dialog_add_button(GTK_DIALOG(dialog), GTK_STOCK_CANCEL, GTK_RESPONSE_CANCEL);
	gtk_dialog_add_button(GTK_DIALOG(dialog), ok_label, GTK_RESPONSE_OK);
	/* Enter does not destroy: the safe answer is the default. */
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_CANCEL);
	/* TRANSLATORS: title of a confirmation in the concentrator window. */
	gtk_window_set_title(GTK_WINDOW(dialog), _("Confirm"));
	g_signal_connect(dialog, "response", G_CALLBACK(confirm_response), c);
	g_object_set_data_full(G_OBJECT(dialog), "iot-confirm", c, (GDestroyNotify)confirm_free);
	iot_gtk_conc_add_dialog(win, dialog);
	gtk_widget_show_all(dialog);
	g_free(p);
	g_free(s);
}

/* ---- the owner's setters --------------------------------------------------------------------- */

void
iot_gtk_concentrator_set_capabilities(IotGtkConcentrator *win, const char *const *ops)
{
	g_return_if_fail(win != NULL);
	if (win->caps != NULL)
		g_hash_table_destroy(win->caps);
	win->caps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (; ops != NULL && *ops != NULL; ops++)
		g_hash_table_add(win->caps, g_strdup(*ops));
	iot_gtk_conc_update_actions(win);
}

void
iot_gtk_concentrator_set_online(IotGtkConcentrator *win, gboolean online, const char *text)
{
	GHashTableIter it;
	gpointer value;

	g_return_if_fail(win != NULL);
	if (win->closing)
		return;
	win->online = online;
	if (!online) {
		/* Subscriptions end with the presence; asked again when back. */
		g_hash_table_remove_all(win->subscribed);
	} else {
		g_hash_table_iter_init(&it, win->rows);
		while (g_hash_table_iter_next(&it, NULL, &value)) {
			IotGtkConcRow *row = value;

			if (row->loaded)
				iot_gtk_conc_subscribe(win, iot_gtk_conc_row_source(row));
		}
	}
	iot_gtk_conc_show_status(win, text, !online);
	iot_gtk_conc_flows_online(win, online, text);
	iot_gtk_conc_update_actions(win);
}

void
iot_gtk_concentrator_set_status(IotGtkConcentrator *win, const char *text, gboolean is_error)
{
	g_return_if_fail(win != NULL);
	iot_gtk_conc_show_status(win, text, is_error);
}

/* ---- for tests -------------------------------------------------------------------------------------- */

GtkTreeModel *
iot_gtk_concentrator_get_model(IotGtkConcentrator *win)
{
	return GTK_TREE_MODEL(win->store);
}

GtkTreeView *
iot_gtk_concentrator_get_view(IotGtkConcentrator *win)
{
	return GTK_TREE_VIEW(win->view);
}

GtkTreeModel *
iot_gtk_concentrator_get_results_model(IotGtkConcentrator *win)
{
	return GTK_TREE_MODEL(win->results);
}

GtkTreeView *
iot_gtk_concentrator_get_results_view(IotGtkConcentrator *win)
{
	return GTK_TREE_VIEW(win->results_view);
}

gboolean
iot_gtk_concentrator_find_row(IotGtkConcentrator *win, const char *source_id, const char *node_id,
                              const char *partition, GtkTreeIter *iter)
{
	IotGtkConcRow *row = iot_gtk_conc_lookup(win, source_id, partition, node_id);

	if (row != NULL && iter != NULL)
		*iter = row->iter;
	return row != NULL;
}

gboolean
iot_gtk_concentrator_expand(IotGtkConcentrator *win, const char *source_id, const char *node_id)
{
	IotGtkConcRow *row = iot_gtk_conc_lookup(win, source_id, NULL, node_id);
	GtkTreePath *path;

	if (row == NULL)
		return FALSE;
	path = iot_gtk_conc_row_path(win, row);
	/* Through the view, as a click on the expander: test-expand-row loads. */
	gtk_tree_view_expand_to_path(GTK_TREE_VIEW(win->view), path);
	gtk_tree_path_free(path);
	return TRUE;
}

gboolean
iot_gtk_concentrator_select(IotGtkConcentrator *win, const char *source_id, const char *node_id,
                            gboolean add)
{
	IotGtkConcRow *row = iot_gtk_conc_lookup(win, source_id, NULL, node_id);
	GtkTreeView *view = iot_gtk_conc_active_view(win);
	GtkTreeSelection *sel = gtk_tree_view_get_selection(view);
	GtkTreePath *path;

	if (row == NULL)
		return FALSE;
	if (iot_gtk_conc_filter_active(win)) {
		GtkTreeIter *it = g_hash_table_lookup(win->result_rows, row);

		if (it == NULL)
			return FALSE;
		path = gtk_tree_model_get_path(GTK_TREE_MODEL(win->results), it);
	} else {
		path = iot_gtk_conc_row_path(win, row);
		if (gtk_tree_path_get_depth(path) > 1) {
			GtkTreePath *up = gtk_tree_path_copy(path);

			gtk_tree_path_up(up);
			gtk_tree_view_expand_to_path(view, up);
			gtk_tree_path_free(up);
		}
	}
	/* The cursor moves only for a new selection: in a view of several
	 * selected rows, moving it selects that row alone. */
	if (!add) {
		gtk_tree_view_set_cursor(view, path, NULL, FALSE);
		gtk_tree_selection_unselect_all(sel);
	}
	gtk_tree_selection_select_path(sel, path);
	gtk_tree_path_free(path);
	return TRUE;
}

const char *
iot_gtk_concentrator_get_health_text(IotGtkConcentrator *win)
{
	return win->health_text != NULL ? win->health_text : "";
}

const char *
iot_gtk_concentrator_get_status(IotGtkConcentrator *win)
{
	return win->status_text != NULL ? win->status_text : "";
}

const char *
iot_gtk_concentrator_get_results_text(IotGtkConcentrator *win)
{
	return win->results_text != NULL ? win->results_text : "";
}

GtkWidget *
iot_gtk_concentrator_get_health_button(IotGtkConcentrator *win)
{
	return win->health_button;
}

GtkEntry *
iot_gtk_concentrator_get_search_entry(IotGtkConcentrator *win)
{
	return GTK_ENTRY(win->search_entry);
}

GtkTreeModel *
iot_gtk_concentrator_get_messages_model(IotGtkConcentrator *win)
{
	return GTK_TREE_MODEL(win->messages);
}

GtkWidget *
iot_gtk_concentrator_get_messages_label(IotGtkConcentrator *win)
{
	return win->messages_label;
}

GtkWidget *
iot_gtk_concentrator_get_parameter_toggle(IotGtkConcentrator *win)
{
	return win->param_toggle;
}

GtkWidget *
iot_gtk_concentrator_build_menu(IotGtkConcentrator *win)
{
	return iot_gtk_conc_menu_build(win);
}

GtkWidget *
iot_gtk_concentrator_get_dialog(IotGtkConcentrator *win)
{
	return win->dialogs->len > 0 ? g_ptr_array_index(win->dialogs, win->dialogs->len - 1) : NULL;
}

guint
iot_gtk_concentrator_count_loaded(IotGtkConcentrator *win)
{
	return win->n_nodes + win->n_sources;
}

guint
iot_gtk_concentrator_count_pending(IotGtkConcentrator *win)
{
	return g_hash_table_size(win->pending);
}
