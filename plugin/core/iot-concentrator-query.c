/* iot-concentrator-query.c — the result of a node query, built up from its
 * progress messages in their turn. See iot-concentrator-query.h; running a
 * query on the request table is in iot-concentrator-query-flow.c. */
#include "iot-concentrator-query.h"

#include "iot-concentrator-private.h"
#include "iot-error.h"
#include "iot-limits.h"
#include "iot-xml.h"

#include <stdlib.h>
#include <string.h>

struct _IotQueryStream {
	IotQueryResult result;
	IotQuerySection *current;  /* where new tables and objects go */
	guint depth;               /* sections open below the top */
	guint ignored_depth;       /* sections begun past IOT_MAX_QUERY_SECTION_DEPTH */
	guint objects;
	guint64 expected;          /* next seqNr to apply (first: 1) */
	gboolean numbered;         /* a seqNr was seen */
	GHashTable *held;          /* seqNr (guint64 *) → xmlNode copy */
	guint messages;            /* progress messages taken */
	GHashTable *dropped_tables; /* ids of tables not kept (their records are counted) */
};

/* --- the model --------------------------------------------------------------------------- */

static void
cell_clear(IotQueryCell *c)
{
	g_free(c->value);
	g_free(c->unit);
	g_free(c->extra);
}

static void
record_free(IotQueryRecord *r)
{
	guint i;

	for (i = 0; i < r->n_cells; i++)
		cell_clear(&r->cells[i]);
	g_free(r->cells);
	g_free(r);
}

static void
column_free(IotQueryColumn *c)
{
	g_free(c->id);
	g_free(c->header);
	g_free(c->source_id);
	g_free(c->partition);
	g_free(c->fg_color);
	g_free(c->bg_color);
	g_free(c);
}

static void
table_free(IotQueryTable *t)
{
	g_free(t->id);
	g_free(t->name);
	g_ptr_array_unref(t->columns);
	g_ptr_array_unref(t->records);
	g_free(t);
}

static void
object_free(IotQueryObject *o)
{
	g_free(o->content_type);
	g_bytes_unref(o->data);
	g_free(o);
}

static void
message_free(IotQueryMessage *m)
{
	g_free(m->text);
	g_free(m);
}

static void section_free(IotQuerySection *s);

static void
item_free(IotQueryItem *it)
{
	if (it->table != NULL)
		table_free(it->table);
	if (it->object != NULL)
		object_free(it->object);
	if (it->section != NULL)
		section_free(it->section);
	g_free(it);
}

static void
section_free(IotQuerySection *s)
{
	g_free(s->header);
	g_ptr_array_unref(s->items);
	g_free(s);
}

static IotQuerySection *
section_new(char *header, IotQuerySection *parent)
{
	IotQuerySection *s = g_new0(IotQuerySection, 1);

	s->header = header;
	s->parent = parent;
	s->items = g_ptr_array_new_with_free_func((GDestroyNotify)item_free);
	return s;
}

IotQueryTable *
iot_query_result_table(const IotQueryResult *r, const char *id)
{
	guint i;

	for (i = 0; r != NULL && id != NULL && i < r->tables->len; i++) {
		IotQueryTable *t = g_ptr_array_index(r->tables, i);

		if (strcmp(t->id, id) == 0)
			return t;
	}
	return NULL;
}

IotQueryStream *
iot_query_stream_new(void)
{
	IotQueryStream *s = g_new0(IotQueryStream, 1);

	s->result.root = section_new(NULL, NULL);
	s->result.tables = g_ptr_array_new();
	s->result.messages = g_ptr_array_new_with_free_func((GDestroyNotify)message_free);
	s->current = s->result.root;
	s->expected = 1;
	s->held = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)xmlFreeNode);
	s->dropped_tables = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return s;
}

void
iot_query_stream_free(IotQueryStream *s)
{
	if (s == NULL)
		return;
	g_free(s->result.title);
	g_free(s->result.status);
	section_free(s->result.root);
	g_ptr_array_unref(s->result.tables);
	g_ptr_array_unref(s->result.messages);
	g_hash_table_destroy(s->held);
	g_hash_table_destroy(s->dropped_tables);
	g_free(s);
}

const IotQueryResult *
iot_query_stream_result(const IotQueryStream *s)
{
	g_return_val_if_fail(s != NULL, NULL);
	return &s->result;
}

gboolean
iot_query_stream_finished(const IotQueryStream *s)
{
	g_return_val_if_fail(s != NULL, TRUE);
	return s->result.done || s->result.aborted;
}

void
iot_query_stream_set_aborted(IotQueryStream *s)
{
	g_return_if_fail(s != NULL);
	if (!iot_query_stream_finished(s))
		s->result.aborted = TRUE;
}

/* --- applying progress ------------------------------------------------------------------- */

static void
emit(IotQueryEventFunc cb, gpointer data, IotQueryResult *r, IotQueryEvent ev)
{
	if (cb != NULL)
		cb(&ev, r, data);
}

/* RRGGBB (or RRGGBBAA), else NULL. */
static char *
color(const xmlNode *n, const char *name)
{
	const char *v = iot_xml_attr(n, name);
	gsize i, len = v ? strlen(v) : 0;

	if (len != 6 && len != 8)
		return NULL;
	for (i = 0; i < len; i++)
		if (!g_ascii_isxdigit(v[i]))
			return NULL;
	return g_strdup(v);
}

static IotQueryColumn *
read_column(const xmlNode *c)
{
	IotQueryColumn *col;
	const char *align = iot_xml_attr(c, "alignment"), *dec = iot_xml_attr(c, "nrDecimals");
	char *id = iot_conc_identity(c, "columnId", NULL);

	if (id == NULL)
		return NULL;
	col = g_new0(IotQueryColumn, 1);
	col->id = id;
	col->header = iot_conc_label(c, "header", IOT_MAX_LABEL_BYTES);
	col->source_id = iot_conc_identity(c, "src", "dataSourceId");
	col->partition = iot_conc_identity(c, "pt", "cacheTypeName");
	col->fg_color = color(c, "fgColor");
	col->bg_color = color(c, "bgColor");
	if (g_strcmp0(align, "Left") == 0)
		col->alignment = IOT_QUERY_ALIGN_LEFT;
	else if (g_strcmp0(align, "Center") == 0)
		col->alignment = IOT_QUERY_ALIGN_CENTER;
	else if (g_strcmp0(align, "Right") == 0)
		col->alignment = IOT_QUERY_ALIGN_RIGHT;
	col->nr_decimals = -1;
	if (dec != NULL && *dec != '\0' && strlen(dec) <= 2 && g_ascii_isdigit(dec[0]) &&
	    (dec[1] == '\0' || g_ascii_isdigit(dec[1])))
		col->nr_decimals = atoi(dec);
	return col;
}

static void
new_table(IotQueryStream *s, const xmlNode *el, IotQueryEventFunc cb, gpointer data)
{
	IotQueryResult *r = &s->result;
	char *id = iot_conc_identity(el, "tableId", NULL);
	IotQueryTable *t;
	IotQueryItem *it;
	const xmlNode *c;

	if (id == NULL || iot_query_result_table(r, id) != NULL || g_hash_table_contains(s->dropped_tables, id)) {
		r->elements_dropped++;
		g_free(id);
		return;
	}
	if (r->tables->len >= IOT_MAX_QUERY_TABLES) {
		r->tables_dropped++;
		if (g_hash_table_size(s->dropped_tables) < IOT_MAX_QUERY_TABLES)
			g_hash_table_add(s->dropped_tables, id);
		else
			g_free(id);
		return;
	}
	t = g_new0(IotQueryTable, 1);
	t->id = id;
	t->name = iot_conc_label(el, "tableName", IOT_MAX_LABEL_BYTES);
	if (t->name == NULL)
		t->name = g_strdup("");
	t->columns = g_ptr_array_new_with_free_func((GDestroyNotify)column_free);
	t->records = g_ptr_array_new_with_free_func((GDestroyNotify)record_free);
	for (c = iot_xml_first(el); c != NULL; c = iot_xml_next(c)) {
		IotQueryColumn *col;

		if (!iot_xml_is(c, "column", NULL))
			continue;
		if (t->columns->len >= IOT_MAX_QUERY_COLUMNS || (col = read_column(c)) == NULL)
			r->elements_dropped++;
		else
			g_ptr_array_add(t->columns, col);
	}
	it = g_new0(IotQueryItem, 1);
	it->kind = IOT_QUERY_ITEM_TABLE;
	it->table = t;
	g_ptr_array_add(s->current->items, it);
	g_ptr_array_add(r->tables, t);
	emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_TABLE_ADDED, .table = t });
}

static const char *const cell_elements[] = {
	[IOT_QUERY_CELL_VOID] = "void",         [IOT_QUERY_CELL_BOOLEAN] = "boolean",
	[IOT_QUERY_CELL_COLOR] = "color",       [IOT_QUERY_CELL_DATE] = "date",
	[IOT_QUERY_CELL_DATETIME] = "dateTime", [IOT_QUERY_CELL_DOUBLE] = "double",
	[IOT_QUERY_CELL_DURATION] = "duration", [IOT_QUERY_CELL_INT] = "int",
	[IOT_QUERY_CELL_LONG] = "long",         [IOT_QUERY_CELL_STRING] = "string",
	[IOT_QUERY_CELL_TIME] = "time",         [IOT_QUERY_CELL_BASE64] = "base64",
	[IOT_QUERY_CELL_QUANTITY] = "quantity", [IOT_QUERY_CELL_MEASUREMENT] = "measurement",
};

/* Reads cell element @c into @cell. Something it cannot keep becomes VOID. */
static void
read_cell(IotQueryResult *r, const xmlNode *c, IotQueryCell *cell)
{
	guint i;

	memset(cell, 0, sizeof *cell);
	for (i = 0; i < G_N_ELEMENTS(cell_elements); i++)
		if (iot_xml_is(c, cell_elements[i], NULL))
			break;
	if (i == G_N_ELEMENTS(cell_elements) || i == IOT_QUERY_CELL_VOID) {
		if (i != IOT_QUERY_CELL_VOID)
			r->cells_dropped++;
		return;
	}
	cell->type = (IotQueryCellType)i;
	if (i == IOT_QUERY_CELL_QUANTITY || i == IOT_QUERY_CELL_MEASUREMENT) {
		cell->value = iot_conc_label(c, "m", IOT_MAX_NAME_BYTES);
		cell->unit = iot_conc_label(c, "u", IOT_MAX_NAME_BYTES);
		if (i == IOT_QUERY_CELL_MEASUREMENT)
			cell->extra = iot_conc_label(c, "e", IOT_MAX_NAME_BYTES);
	} else {
		gboolean cut = FALSE;
		char *t = iot_xml_text(c, IOT_MAX_VALUE_BYTES, &cut);

		/* A string is kept as sent (white space too); a cut binary is useless. */
		if (t != NULL && (!g_utf8_validate(t, -1, NULL) || !iot_xml_is_valid_text(t) ||
		                  (cut && i == IOT_QUERY_CELL_BASE64)))
			g_clear_pointer(&t, g_free);
		if (t != NULL && i != IOT_QUERY_CELL_STRING)
			g_strstrip(t);
		cell->value = t;
		if (i == IOT_QUERY_CELL_BASE64)
			cell->extra = iot_conc_label(c, "contentType", IOT_MAX_NAME_BYTES);
	}
	if (cell->value == NULL) {
		r->cells_dropped++;
		cell_clear(cell);
		memset(cell, 0, sizeof *cell);
	}
}

static void
new_records(IotQueryStream *s, const xmlNode *el, IotQueryEventFunc cb, gpointer data)
{
	IotQueryResult *r = &s->result;
	const char *id = iot_xml_attr(el, "tableId");
	IotQueryTable *t = iot_query_result_table(r, id);
	guint first, n = 0;
	const xmlNode *rec, *c;

	for (rec = iot_xml_first(el); t == NULL && rec != NULL; rec = iot_xml_next(rec))
		if (iot_xml_is(rec, "record", NULL))
			r->records_dropped++; /* of a table not kept (or never begun) */
	if (t == NULL)
		return;
	first = t->records->len;
	for (rec = iot_xml_first(el); rec != NULL; rec = iot_xml_next(rec)) {
		IotQueryRecord *record;
		guint cells = 0, k = 0;

		if (!iot_xml_is(rec, "record", NULL))
			continue;
		for (c = iot_xml_first(rec); c != NULL; c = iot_xml_next(c))
			cells++;
		if (t->done || r->records >= IOT_MAX_QUERY_RECORDS || cells > IOT_MAX_QUERY_COLUMNS ||
		    r->cells + cells > IOT_MAX_QUERY_CELLS) {
			t->records_dropped++;
			r->records_dropped++;
			continue;
		}
		record = g_new0(IotQueryRecord, 1);
		record->n_cells = cells;
		record->cells = g_new0(IotQueryCell, MAX(cells, 1));
		for (c = iot_xml_first(rec); c != NULL; c = iot_xml_next(c))
			read_cell(r, c, &record->cells[k++]);
		g_ptr_array_add(t->records, record);
		r->records++;
		r->cells += cells;
		n++;
	}
	if (n > 0)
		emit(cb, data, r,
		     (IotQueryEvent){ .kind = IOT_QUERY_EVENT_RECORDS_ADDED, .table = t, .first_record = first,
		                      .n_records = n });
}

static void
new_object(IotQueryStream *s, const xmlNode *el, IotQueryEventFunc cb, gpointer data)
{
	IotQueryResult *r = &s->result;
	gboolean cut = FALSE;
	char *text;
	IotQueryObject *o;
	IotQueryItem *it;
	gsize len = 0;
	guchar *bytes;

	if (s->objects >= IOT_MAX_QUERY_OBJECTS) {
		r->objects_dropped++;
		return;
	}
	text = iot_xml_text(el, IOT_MAX_QUERY_OBJECT_BYTES / 3 * 4 + 8, &cut);
	if (text == NULL || cut) {
		r->objects_dropped++;
		g_free(text);
		return;
	}
	bytes = g_base64_decode(g_strstrip(text), &len);
	g_free(text);
	if (len > IOT_MAX_QUERY_OBJECT_BYTES) {
		r->objects_dropped++;
		g_free(bytes);
		return;
	}
	o = g_new0(IotQueryObject, 1);
	o->content_type = iot_conc_label(el, "contentType", IOT_MAX_NAME_BYTES);
	if (o->content_type == NULL)
		o->content_type = g_strdup("");
	o->data = g_bytes_new_take(bytes, len);
	it = g_new0(IotQueryItem, 1);
	it->kind = IOT_QUERY_ITEM_OBJECT;
	it->object = o;
	g_ptr_array_add(s->current->items, it);
	s->objects++;
	emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_OBJECT_ADDED, .object = o });
}

static void
query_message(IotQueryStream *s, const xmlNode *el, IotQueryEventFunc cb, gpointer data)
{
	IotQueryResult *r = &s->result;
	const char *type = iot_xml_attr(el, "type"), *level = iot_xml_attr(el, "level");
	IotQueryMessage *m;

	if (r->messages->len >= IOT_MAX_QUERY_MESSAGES) {
		r->messages_dropped++;
		return;
	}
	m = g_new0(IotQueryMessage, 1);
	m->type = g_strcmp0(type, "Warning") == 0     ? IOT_QUERY_MESSAGE_WARNING
	          : g_strcmp0(type, "Error") == 0     ? IOT_QUERY_MESSAGE_ERROR
	          : g_strcmp0(type, "Exception") == 0 ? IOT_QUERY_MESSAGE_EXCEPTION
	                                              : IOT_QUERY_MESSAGE_INFORMATION;
	m->level = g_strcmp0(level, "Major") == 0    ? IOT_QUERY_LEVEL_MAJOR
	           : g_strcmp0(level, "Medium") == 0 ? IOT_QUERY_LEVEL_MEDIUM
	                                             : IOT_QUERY_LEVEL_MINOR;
	m->text = iot_conc_text(el, IOT_MAX_ERROR_TEXT);
	if (m->text == NULL)
		m->text = g_strdup("");
	g_ptr_array_add(r->messages, m);
	emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_MESSAGE_ADDED, .message = m });
}

static void
begin_section(IotQueryStream *s, const xmlNode *el, IotQueryEventFunc cb, gpointer data)
{
	IotQuerySection *sec;
	IotQueryItem *it;

	if (s->depth >= IOT_MAX_QUERY_SECTION_DEPTH) {
		s->ignored_depth++;
		s->result.elements_dropped++;
		return;
	}
	sec = section_new(iot_conc_label(el, "header", IOT_MAX_LABEL_BYTES), s->current);
	it = g_new0(IotQueryItem, 1);
	it->kind = IOT_QUERY_ITEM_SECTION;
	it->section = sec;
	g_ptr_array_add(s->current->items, it);
	s->current = sec;
	s->depth++;
	emit(cb, data, &s->result, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_SECTION_BEGUN, .section = sec });
}

static void
end_section(IotQueryStream *s, IotQueryEventFunc cb, gpointer data)
{
	IotQuerySection *ended = s->current;

	if (s->ignored_depth > 0) {
		s->ignored_depth--;
		return;
	}
	if (s->current->parent == NULL) {
		s->result.elements_dropped++; /* more ends than begins */
		return;
	}
	s->current = s->current->parent;
	s->depth--;
	emit(cb, data, &s->result, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_SECTION_ENDED, .section = ended });
}

static void
set_text(char **dst, char *value)
{
	g_free(*dst);
	*dst = value;
}

/* Applies the children of one queryProgress, in order. */
static void
apply(IotQueryStream *s, const xmlNode *progress, IotQueryEventFunc cb, gpointer data)
{
	IotQueryResult *r = &s->result;
	const xmlNode *el;

	for (el = iot_xml_first(progress); el != NULL && !iot_query_stream_finished(s); el = iot_xml_next(el)) {
		const char *name = (const char *)el->name;

		if (strcmp(name, "queryStarted") == 0) {
			r->started = TRUE;
			emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_STARTED });
		} else if (strcmp(name, "queryDone") == 0) {
			r->done = TRUE;
			emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_DONE });
		} else if (strcmp(name, "queryAborted") == 0) {
			r->aborted = TRUE;
			emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_ABORTED });
		} else if (strcmp(name, "title") == 0) {
			set_text(&r->title, iot_conc_label(el, "name", IOT_MAX_LABEL_BYTES));
			emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_TITLE });
		} else if (strcmp(name, "status") == 0) {
			set_text(&r->status, iot_conc_label(el, "message", IOT_MAX_LABEL_BYTES));
			emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_STATUS });
		} else if (strcmp(name, "newTable") == 0) {
			new_table(s, el, cb, data);
		} else if (strcmp(name, "newRecords") == 0) {
			new_records(s, el, cb, data);
		} else if (strcmp(name, "tableDone") == 0) {
			IotQueryTable *t = iot_query_result_table(r, iot_xml_attr(el, "tableId"));

			if (t != NULL && !t->done) {
				t->done = TRUE;
				emit(cb, data, r, (IotQueryEvent){ .kind = IOT_QUERY_EVENT_TABLE_DONE, .table = t });
			}
		} else if (strcmp(name, "newObject") == 0) {
			new_object(s, el, cb, data);
		} else if (strcmp(name, "queryMessage") == 0) {
			query_message(s, el, cb, data);
		} else if (strcmp(name, "beginSection") == 0) {
			begin_section(s, el, cb, data);
		} else if (strcmp(name, "endSection") == 0) {
			end_section(s, cb, data);
		} else {
			r->elements_dropped++;
		}
	}
}

/* The seqNr of @progress: TRUE with *@nr when it has a valid one. */
static gboolean
seq_nr(const xmlNode *progress, guint64 *nr)
{
	const char *v = iot_xml_attr(progress, "seqNr");

	return v != NULL && g_ascii_string_to_unsigned(v, 10, 0, G_MAXUINT32, nr, NULL);
}

gboolean
iot_query_stream_feed(IotQueryStream *s, const xmlNode *progress, IotQueryEventFunc cb, gpointer data,
                      GError **error)
{
	guint64 nr, *key;
	xmlNode *next;

	g_return_val_if_fail(s != NULL && progress != NULL, FALSE);
	if (iot_query_stream_finished(s))
		return TRUE;
	if (++s->messages > IOT_MAX_QUERY_PROGRESS_MESSAGES) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, "more than %u progress messages",
		            IOT_MAX_QUERY_PROGRESS_MESSAGES);
		return FALSE;
	}
	if (!seq_nr(progress, &nr)) {
		apply(s, progress, cb, data);
		return TRUE;
	}
	/* Waher counts from 1; a stream that begins with 0 counts from 0. */
	if (!s->numbered && nr == 0 && s->expected == 1)
		s->expected = 0;
	s->numbered = TRUE;
	if (nr < s->expected)
		return TRUE; /* seen already */
	if (nr > s->expected) {
		if (nr - s->expected > IOT_MAX_QUERY_PENDING || g_hash_table_size(s->held) >= IOT_MAX_QUERY_PENDING) {
			g_set_error(error, IOT_ERROR, IOT_ERROR_TOO_LARGE,
			            "progress message %" G_GUINT64_FORMAT " came while %" G_GUINT64_FORMAT
			            " is still missing",
			            nr, s->expected);
			return FALSE;
		}
		key = g_new(guint64, 1);
		*key = nr;
		g_hash_table_replace(s->held, key, xmlCopyNode((xmlNode *)progress, 1));
		return TRUE;
	}
	apply(s, progress, cb, data);
	s->expected++;
	/* Then those held back that are now in turn. */
	while (!iot_query_stream_finished(s) && (next = g_hash_table_lookup(s->held, &s->expected)) != NULL) {
		guint64 k = s->expected;

		apply(s, next, cb, data);
		g_hash_table_remove(s->held, &k);
		s->expected++;
	}
	return TRUE;
}
