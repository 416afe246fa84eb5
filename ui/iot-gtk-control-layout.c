/*
 * iot-gtk-control-layout.c — the control form's body: XEP-0141 pages as
 * notebook tabs (none for a single page), sections as frames with a bold
 * title whose content is indented, layout texts as wrapped labels, and the
 * fields in two-column tables (right-aligned captions, the values beside
 * them, hint and message under each value). Every page scrolls on its own.
 */
#include "iot-gtk-control-private.h"

#include <glib/gi18n-lib.h>

/* What a page is being built into: the table that consecutive fields
 * share, and the size group that lines up the captions of a page. */
typedef struct {
	IotGtkControl *dlg;
	GtkSizeGroup *captions;
	GtkWidget *table;
	guint rows;
	GPtrArray *contents; /* (element-type GtkWidget) the vbox of each page, borrowed */
} Build;

static GtkWidget *
new_table(Build *b, GtkWidget *box)
{
	b->table = gtk_table_new(1, 2, FALSE);
	b->rows = 0;
	gtk_table_set_col_spacings(GTK_TABLE(b->table), IOT_GTK_CONTROL_BORDER);
	gtk_box_pack_start(GTK_BOX(box), b->table, FALSE, FALSE, 0);
	return b->table;
}

static void
add_field(Build *b, GtkWidget *box, const IotFormField *f)
{
	IotGtkControlField *cf;
	GtkTable *t;
	guint r;

	if (f->type == IOT_FORM_FIELD_HIDDEN || f->var == NULL ||
	    g_hash_table_contains(b->dlg->by_var, f->var))
		return;
	cf = iot_gtk_control_field_new(b->dlg, f);
	g_ptr_array_add(b->dlg->fields, cf);
	g_hash_table_insert(b->dlg->by_var, cf->var, cf);

	t = GTK_TABLE(b->table != NULL ? b->table : new_table(b, box));
	r = b->rows;
	b->rows += 2;
	gtk_table_resize(t, b->rows, 2);
	/* Two rows a field: the caption and the value, then hint and message
	 * under the value. The message row has no spacing of its own: its
	 * labels pad themselves when they show. */
	if (r > 0)
		gtk_table_set_row_spacing(t, r - 1, IOT_GTK_CONTROL_ROW_SPACING);
	gtk_table_set_row_spacing(t, r, 0);
	if (cf->caption != NULL) {
		gtk_table_attach(t, cf->caption, 0, 1, r, r + 1, GTK_FILL, GTK_FILL, 0, 0);
		gtk_size_group_add_widget(b->captions, cf->caption);
	}
	gtk_table_attach(t, cf->box, 1, 2, r, r + 1, GTK_EXPAND | GTK_FILL, GTK_FILL, 0, 0);
	gtk_table_attach(t, cf->below, 1, 2, r + 1, r + 2, GTK_EXPAND | GTK_FILL, GTK_FILL, 0, 0);
}

/* XEP-0141 texts are often indented XML text: one paragraph, single
 * blanks. (transfer full) */
static char *
one_paragraph(const char *text)
{
	GString *out = g_string_new(NULL);
	const char *p;
	gboolean blank = FALSE;

	for (p = text != NULL ? text : ""; *p != '\0'; p++) {
		if (g_ascii_isspace(*p)) {
			blank = out->len > 0;
			continue;
		}
		if (blank)
			g_string_append_c(out, ' ');
		blank = FALSE;
		g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

static void build_items(Build *b, GtkWidget *box, const IotFormSection *s, int depth);

static GtkWidget *
section_frame(Build *b, const IotFormSection *s, int depth)
{
	GtkWidget *frame = gtk_frame_new(NULL), *align, *box;

	gtk_frame_set_shadow_type(GTK_FRAME(frame), GTK_SHADOW_NONE);
	/* No room for a border that is not drawn: the title then lines up
	 * with the texts beside the frame. */
	{
		GtkRcStyle *rc = gtk_rc_style_new();

		rc->xthickness = rc->ythickness = 0;
		gtk_widget_modify_style(frame, rc);
		g_object_unref(rc);
	}
	if (s->label != NULL && *s->label != '\0') {
		GtkWidget *title = gtk_label_new(NULL);

		/* set_text + attributes: the thing's title is never markup. */
		gtk_label_set_text(GTK_LABEL(title), s->label);
		iot_gtk_control_label_look(title, TRUE, FALSE, 1.0, NULL);
		gtk_frame_set_label_widget(GTK_FRAME(frame), title);
	}
	align = gtk_alignment_new(0.0, 0.0, 1.0, 1.0);
	gtk_alignment_set_padding(GTK_ALIGNMENT(align), IOT_GTK_CONTROL_ROW_SPACING, 0,
	                          IOT_GTK_CONTROL_INDENT, 0);
	box = gtk_vbox_new(FALSE, IOT_GTK_CONTROL_ROW_SPACING);
	gtk_container_add(GTK_CONTAINER(align), box);
	gtk_container_add(GTK_CONTAINER(frame), align);
	build_items(b, box, s, depth + 1);
	return frame;
}

static void
build_items(Build *b, GtkWidget *box, const IotFormSection *s, int depth)
{
	guint i;

	b->table = NULL;
	for (i = 0; i < s->items->len; i++) {
		const IotLayoutItem *it = g_ptr_array_index(s->items, i);

		switch (it->kind) {
		case IOT_LAYOUT_FIELD: {
			const IotFormField *f = iot_dataform_find(b->dlg->form, it->text);

			if (f != NULL)
				add_field(b, box, f);
			break;
		}
		case IOT_LAYOUT_TEXT: {
			char *text = one_paragraph(it->text);
			GtkWidget *label;

			label = iot_gtk_control_wrap_label(
			    text, IOT_GTK_CONTROL_TEXT_WIDTH - depth * IOT_GTK_CONTROL_INDENT);
			gtk_label_set_selectable(GTK_LABEL(label), TRUE);
			/* Selectable with the mouse, but no stop for Tab: a page's
			 * first focus would select the whole text. */
			gtk_widget_set_can_focus(label, FALSE);
			gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
			b->table = NULL;
			g_free(text);
			break;
		}
		case IOT_LAYOUT_SECTION:
			if (it->section != NULL) {
				GtkWidget *frame = section_frame(b, it->section, depth);

				/* A section after other content stands apart from it. */
				gtk_box_pack_start(GTK_BOX(box), frame, FALSE, FALSE,
				                   i > 0 ? IOT_GTK_CONTROL_ROW_SPACING / 2 : 0);
			}
			b->table = NULL;
			break;
		}
	}
}

static GtkWidget *
scrolled(Build *b, GtkWidget *content, guint border)
{
	GtkWidget *sw = gtk_scrolled_window_new(NULL, NULL), *outer = gtk_vbox_new(FALSE, 0);

	/* The content keeps its height at the top when the page is taller. */
	gtk_box_pack_start(GTK_BOX(outer), content, FALSE, FALSE, 0);
	gtk_container_set_border_width(GTK_CONTAINER(outer), border);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(sw), GTK_POLICY_NEVER,
	                               GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(sw), GTK_SHADOW_NONE);
	gtk_scrolled_window_add_with_viewport(GTK_SCROLLED_WINDOW(sw), outer);
	gtk_viewport_set_shadow_type(GTK_VIEWPORT(gtk_bin_get_child(GTK_BIN(sw))), GTK_SHADOW_NONE);
	g_ptr_array_add(b->contents, outer);
	return sw;
}

static GtkWidget *
page_content(Build *b, const IotFormSection *page)
{
	GtkWidget *box = gtk_vbox_new(FALSE, IOT_GTK_CONTROL_ROW_SPACING);

	b->captions = gtk_size_group_new(GTK_SIZE_GROUP_HORIZONTAL);
	if (page != NULL)
		build_items(b, box, page, 0);
	g_object_unref(b->captions);
	b->captions = NULL;
	return box;
}

GtkWidget *
iot_gtk_control_build_body(IotGtkControl *dlg)
{
	const GPtrArray *pages = dlg->form->pages;
	Build b = { dlg, NULL, NULL, 0, g_ptr_array_new() };
	GtkWidget *body;
	guint i;

	dlg->notebook = NULL;
	if (pages == NULL || pages->len <= 1) {
		const IotFormSection *page = pages != NULL && pages->len == 1
		                                 ? g_ptr_array_index(pages, 0)
		                                 : NULL;
		GtkWidget *content;

		/* A single page that has a name shows it as a section would. */
		if (page != NULL && page->label != NULL && *page->label != '\0') {
			content = gtk_vbox_new(FALSE, 0);
			b.captions = gtk_size_group_new(GTK_SIZE_GROUP_HORIZONTAL);
			gtk_box_pack_start(GTK_BOX(content), section_frame(&b, page, -1), FALSE, FALSE,
			                   0);
			g_object_unref(b.captions);
		} else {
			content = page_content(&b, page);
		}
		body = scrolled(&b, content, 0);
	} else {
		body = dlg->notebook = gtk_notebook_new();
		gtk_notebook_set_scrollable(GTK_NOTEBOOK(body), TRUE);
		for (i = 0; i < pages->len; i++) {
			const IotFormSection *page = g_ptr_array_index(pages, i);
			GtkWidget *tab = gtk_label_new(NULL);

			/* TRANSLATORS: the tab of the fields that the form put on no page. */
			gtk_label_set_text(GTK_LABEL(tab), page->label != NULL && *page->label != '\0'
			                                       ? page->label
			                                       : _("Other"));
			gtk_notebook_append_page(GTK_NOTEBOOK(body),
			                         scrolled(&b, page_content(&b, page),
			                                  IOT_GTK_CONTROL_BORDER),
			                         tab);
		}
	}
	g_object_set_data_full(G_OBJECT(body), "iot-control-contents", b.contents,
	                       (GDestroyNotify)g_ptr_array_unref);
	return body;
}

int
iot_gtk_control_body_height(IotGtkControl *dlg)
{
	GPtrArray *contents;
	GtkRequisition req;
	int h = 0;
	guint i;

	if (dlg->body == NULL)
		return 0;
	contents = g_object_get_data(G_OBJECT(dlg->body), "iot-control-contents");
	for (i = 0; contents != NULL && i < contents->len; i++) {
		gtk_widget_size_request(g_ptr_array_index(contents, i), &req);
		h = MAX(h, req.height);
	}
	return h;
}

void
iot_gtk_control_reveal(IotGtkControl *dlg, IotGtkControlField *cf)
{
	GtkWidget *sw = gtk_widget_get_ancestor(cf->box, GTK_TYPE_SCROLLED_WINDOW);
	GtkWidget *content;
	GtkAdjustment *adj;
	int x, y;

	/* A checklist or a text view is a scrolled window itself: the page's is further up. */
	while (sw != NULL && gtk_widget_get_ancestor(sw, GTK_TYPE_VIEWPORT) != NULL)
		sw = gtk_widget_get_ancestor(gtk_widget_get_parent(sw), GTK_TYPE_SCROLLED_WINDOW);
	if (sw == NULL)
		return;
	if (dlg->notebook != NULL) {
		int page = gtk_notebook_page_num(GTK_NOTEBOOK(dlg->notebook), sw);

		if (page >= 0)
			gtk_notebook_set_current_page(GTK_NOTEBOOK(dlg->notebook), page);
	}
	content = gtk_bin_get_child(GTK_BIN(gtk_bin_get_child(GTK_BIN(sw))));
	if (!gtk_widget_get_realized(cf->box) ||
	    !gtk_widget_translate_coordinates(cf->box, content, 0, 0, &x, &y))
		return;
	adj = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(sw));
	/* The field with what is under it, and the caption row above. */
	gtk_adjustment_clamp_page(adj, MAX(0, y - IOT_GTK_CONTROL_BORDER),
	                          y + cf->box->allocation.height + cf->below->allocation.height +
	                              IOT_GTK_CONTROL_BORDER);
}
