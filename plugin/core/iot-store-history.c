/* iot-store-history.c — the history store: schema, statements, errors and
 * the queue of samples not yet written. See iot-store-history.h. */
#include "iot-store-history.h"

#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-store-history-private.h"
#include "iot-store-private.h"
#include "iot-value.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK(iot-store-history-error-quark, iot_store_history_error)

/* ---- errors ---------------------------------------------------------------------- */

gboolean
iot_sh_fail(IotStoreHistory *h, int rc, GError **error)
{
	IotStoreHistoryErrorCode code;
	const char *what;

	switch (rc & 0xff) {
	case SQLITE_FULL:
		code = IOT_STORE_HISTORY_ERROR_FULL;
		what = _("The disk is full: the history could not be saved.");
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		code = IOT_STORE_HISTORY_ERROR_READONLY;
		what = _("The history database is read-only: new values are not saved.");
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = IOT_STORE_HISTORY_ERROR_BUSY;
		what = _("Another program is using the history database: new values are kept and "
		         "saved later.");
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		code = IOT_STORE_HISTORY_ERROR_CORRUPT;
		what = _("The history database is damaged.");
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		code = IOT_STORE_HISTORY_ERROR_IO;
		what = _("The history database could not be read or written.");
		break;
	default:
		code = IOT_STORE_HISTORY_ERROR_FAILED;
		what = _("The history database could not be used.");
		break;
	}
	/* SQLite's own words go after ours, for the debug log. */
	g_set_error(error, IOT_STORE_HISTORY_ERROR, code, "%s (%s)", what,
	            h != NULL ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc));
	return FALSE;
}

/* ---- statement helpers ---------------------------------------------------------- */

sqlite3_stmt *
iot_sh_stmt(IotStoreHistory *h, IotShStmt id)
{
	sqlite3_stmt *st = h->stmt[id];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
iot_sh_step(IotStoreHistory *h, sqlite3_stmt *st, GError **error)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	iot_sh_fail(h, rc, error);
	sqlite3_reset(st);
	return -1;
}

gboolean
iot_sh_run(IotStoreHistory *h, sqlite3_stmt *st, GError **error)
{
	int r;

	while ((r = iot_sh_step(h, st, error)) == 1)
		;
	return r == 0;
}

void
iot_sh_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	s = s != NULL ? s : "";
	sqlite3_bind_text(st, i, s, (int)strlen(s), SQLITE_STATIC);
}

static gboolean
exec(IotStoreHistory *h, const char *text, GError **error)
{
	int rc = sqlite3_exec(h->db, text, NULL, NULL, NULL);

	return rc == SQLITE_OK || iot_sh_fail(h, rc, error);
}

/* Outside a transaction of the caller's an IMMEDIATE one takes the write
 * lock at once, so that a busy database fails at the start, not half-way;
 * inside one, a savepoint nests. */
gboolean
iot_sh_begin(IotStoreHistory *h, GError **error)
{
	h->own_txn = sqlite3_get_autocommit(h->db) != 0;
	return exec(h, h->own_txn ? "BEGIN IMMEDIATE" : "SAVEPOINT iot_history", error);
}

gboolean
iot_sh_commit(IotStoreHistory *h, GError **error)
{
	return exec(h, h->own_txn ? "COMMIT" : "RELEASE iot_history", error);
}

void
iot_sh_rollback(IotStoreHistory *h)
{
	/* SQLite may already have rolled the transaction back (disk full, I/O
	 * error): then there is nothing left to undo. */
	if (h->own_txn) {
		if (!sqlite3_get_autocommit(h->db))
			sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	} else {
		sqlite3_exec(h->db, "ROLLBACK TO iot_history; RELEASE iot_history", NULL, NULL, NULL);
	}
}

/* ---- small helpers ---------------------------------------------------------------- */

gint64
iot_sh_floor_div(gint64 a, gint64 b)
{
	gint64 q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

gint64
iot_sh_horizon(const IotStoreHistory *h, gint64 now_us)
{
	now_us = CLAMP(now_us, IOT_SH_MIN_TIME, IOT_SH_MAX_TIME);
	return iot_sh_floor_div(now_us - h->retention, IOT_STORE_HISTORY_HOUR) *
	       IOT_STORE_HISTORY_HOUR;
}

char *
iot_sh_jid(const char *jid)
{
	char *bare;

	if (jid == NULL || strlen(jid) > IOT_SH_MAX_JID_BYTES || !g_utf8_validate(jid, -1, NULL))
		return NULL;
	bare = iot_jid_bare(jid);
	if (bare != NULL && *bare == '\0') {
		g_free(bare);
		return NULL;
	}
	return bare;
}

/* The longest prefix of valid UTF-8 @s (@len bytes) of at most @max bytes. */
static char *
utf8_prefix(const char *s, gsize len, gsize max)
{
	const char *end = s + MIN(len, max);

	if (len > max) {
		/* Back to the start of the character cut in two. */
		while (end > s && ((guchar)*end & 0xC0) == 0x80)
			end--;
	}
	return g_strndup(s, (gsize)(end - s));
}

char *
iot_sh_column_text(sqlite3_stmt *st, int col, gsize max)
{
	const char *s;
	gsize len;
	char *fixed, *out;

	if (sqlite3_column_type(st, col) != SQLITE_TEXT)
		return NULL;
	s = (const char *)sqlite3_column_text(st, col);
	if (s == NULL)
		return NULL;
	/* A NUL inside ends the text, as it would for any C caller. */
	len = strnlen(s, (gsize)sqlite3_column_bytes(st, col));
	if (g_utf8_validate(s, (gssize)len, NULL))
		return utf8_prefix(s, len, max);
	fixed = g_utf8_make_valid(s, (gssize)len);
	out = utf8_prefix(fixed, strlen(fixed), max);
	g_free(fixed);
	return out;
}

gboolean
iot_sh_column_int(sqlite3_stmt *st, int col, gint64 *out)
{
	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return FALSE;
	*out = sqlite3_column_int64(st, col);
	return TRUE;
}

gboolean
iot_sh_column_number(sqlite3_stmt *st, int col, double *out)
{
	int type = sqlite3_column_type(st, col);
	double v;

	if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
		return FALSE;
	v = sqlite3_column_double(st, col);
	if (!isfinite(v))
		return FALSE;
	*out = v;
	return TRUE;
}

gboolean
iot_sh_replaces(guint32 new_qos, guint32 old_qos)
{
	return iot_history_qos_rank(new_qos) >= iot_history_qos_rank(old_qos);
}

/* ---- life ---------------------------------------------------------------------------- */

static guint
str_hash0(const char *s)
{
	return s ? g_str_hash(s) : 0x9e3779b9u;
}

static guint
queued_hash(gconstpointer p)
{
	const IotShQueued *q = p;
	guint x = g_str_hash(q->account) * 31 + g_str_hash(q->thing);

	x = x * 31 + str_hash0(q->node.node_id);
	x = x * 31 + str_hash0(q->node.source_id);
	x = x * 31 + str_hash0(q->node.partition);
	x = x * 31 + g_str_hash(q->name);
	return (x * 31 + str_hash0(q->unit)) * 3 + (guint)q->kind;
}

static gboolean
queued_equal(gconstpointer a, gconstpointer b)
{
	const IotShQueued *x = a, *y = b;

	return x->kind == y->kind && strcmp(x->name, y->name) == 0 &&
	       strcmp(x->thing, y->thing) == 0 && strcmp(x->account, y->account) == 0 &&
	       g_strcmp0(x->unit, y->unit) == 0 && iot_node_ref_equal(&x->node, &y->node);
}

static void
samples_clear(GArray *a)
{
	guint i;

	for (i = 0; i < a->len; i++)
		g_free(g_array_index(a, IotShSample, i).s);
	g_array_set_size(a, 0);
}

void
iot_sh_queued_free(gpointer p)
{
	IotShQueued *q = p;

	g_free(q->account);
	g_free(q->thing);
	iot_node_ref_clear(&q->node);
	g_free(q->name);
	g_free(q->unit);
	samples_clear(q->samples);
	g_array_unref(q->samples);
	g_free(q);
}

void
iot_sh_queue_clear(IotStoreHistory *h, const char *account, const char *thing)
{
	guint i = 0;

	if (account == NULL) {
		g_hash_table_remove_all(h->by_key);
		g_ptr_array_set_size(h->queue, 0);
		h->queued = 0;
		h->seq = 0;
		return;
	}
	while (i < h->queue->len) {
		IotShQueued *q = g_ptr_array_index(h->queue, i);

		if (strcmp(q->account, account) != 0 || strcmp(q->thing, thing) != 0) {
			i++;
			continue;
		}
		h->queued -= q->samples->len;
		g_hash_table_remove(h->by_key, q);
		g_ptr_array_remove_index(h->queue, i);
	}
}

void
iot_sh_queue_drop(IotStoreHistory *h, guint n)
{
	guint i;

	if (n >= h->queue->len) {
		iot_sh_queue_clear(h, NULL, NULL);
		return;
	}
	for (i = 0; i < n; i++) {
		IotShQueued *q = g_ptr_array_index(h->queue, i);

		h->queued -= q->samples->len;
		g_hash_table_remove(h->by_key, q);
	}
	g_ptr_array_remove_range(h->queue, 0, n);
}

IotStoreHistory *
iot_store_history_new(sqlite3 *db, GError **error)
{
	IotStoreHistory *h;
	guint i;

	g_return_val_if_fail(db != NULL, NULL);
	h = g_new0(IotStoreHistory, 1);
	h->db = db;
	h->retention = IOT_STORE_HISTORY_DEFAULT_RETENTION;
	h->queue = g_ptr_array_new_with_free_func(iot_sh_queued_free);
	h->by_key = g_hash_table_new(queued_hash, queued_equal);
	for (i = 0; i < S_COUNT; i++) {
		int rc = sqlite3_prepare_v3(db, iot_sh_sql(i), -1, SQLITE_PREPARE_PERSISTENT, &h->stmt[i], NULL);

		if (rc != SQLITE_OK) {
			if ((rc & 0xff) == SQLITE_ERROR)
				g_set_error(error, IOT_STORE_HISTORY_ERROR, IOT_STORE_HISTORY_ERROR_SCHEMA,
				            "%s (%s)", _("The history database could not be used."),
				            sqlite3_errmsg(db));
			else
				iot_sh_fail(h, rc, error);
			iot_store_history_free(h);
			return NULL;
		}
	}
	return h;
}

IotStoreHistory *
iot_store_history_open(IotStore *st, GError **error)
{
	g_return_val_if_fail(st != NULL, NULL);
	return iot_store_history_new(iot_store_db(st), error);
}

void
iot_store_history_free(IotStoreHistory *h)
{
	guint i;

	if (h == NULL)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(h->stmt[i]);
	g_hash_table_destroy(h->by_key);
	g_ptr_array_free(h->queue, TRUE);
	g_free(h);
}

void
iot_store_history_set_retention(IotStoreHistory *h, gint64 retention_us)
{
	g_return_if_fail(h != NULL);
	g_return_if_fail(retention_us >= IOT_STORE_HISTORY_HOUR);
	/* Beyond 9999 years nothing is older anyway. */
	h->retention = MIN(retention_us, IOT_SH_MAX_TIME);
}

gint64
iot_store_history_get_retention(const IotStoreHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->retention;
}

/* ---- queue ------------------------------------------------------------------------------ */

static gboolean
name_ok(const char *s, gsize max)
{
	return s == NULL || (strlen(s) <= max && g_utf8_validate(s, -1, NULL));
}

static const char *
empty_to_null(const char *s)
{
	return (s != NULL && *s != '\0') ? s : NULL;
}

void
iot_sh_node_norm(IotNodeRef *out, const IotNodeRef *node)
{
	memset(out, 0, sizeof *out);
	if (node != NULL) {
		out->node_id = (char *)empty_to_null(node->node_id);
		out->source_id = (char *)empty_to_null(node->source_id);
		out->partition = (char *)empty_to_null(node->partition);
	}
}

const char *
iot_sh_unit_norm(const char *unit)
{
	return empty_to_null(unit);
}

gboolean
iot_sh_key_valid(const IotNodeRef *node, const char *name, const char *unit)
{
	return name != NULL && *name != '\0' && name_ok(name, IOT_MAX_NAME_BYTES) &&
	       name_ok(unit, IOT_MAX_NAME_BYTES) &&
	       (node == NULL || (name_ok(node->node_id, IOT_MAX_NAME_BYTES) &&
	                         name_ok(node->source_id, IOT_MAX_NAME_BYTES) &&
	                         name_ok(node->partition, IOT_MAX_NAME_BYTES)));
}

static IotStoreHistoryAdd
enqueue(IotStoreHistory *h, const char *account, const char *thing, const IotNodeRef *node,
        const char *name, const char *unit, IotStoreSeriesKind kind, gint64 t, double v,
        const char *s, guint32 qos)
{
	IotShQueued key, *q;
	IotShSample x;
	IotStoreHistoryAdd res = IOT_STORE_HISTORY_QUEUED;

	if (t < IOT_SH_MIN_TIME || t > IOT_SH_MAX_TIME || !iot_sh_key_valid(node, name, unit))
		return IOT_STORE_HISTORY_INVALID;
	memset(&key, 0, sizeof key);
	key.account = iot_sh_jid(account);
	key.thing = iot_sh_jid(thing);
	if (key.account == NULL || key.thing == NULL) {
		res = IOT_STORE_HISTORY_INVALID;
		goto out;
	}
	if (h->queued >= IOT_STORE_HISTORY_MAX_QUEUE) {
		h->refused++;
		res = IOT_STORE_HISTORY_QUEUE_FULL;
		goto out;
	}
	iot_sh_node_norm(&key.node, node);
	key.name = (char *)name;
	key.unit = (char *)iot_sh_unit_norm(unit);
	key.kind = kind;
	q = g_hash_table_lookup(h->by_key, &key);
	if (q == NULL) {
		q = g_new0(IotShQueued, 1);
		q->account = g_steal_pointer(&key.account);
		q->thing = g_steal_pointer(&key.thing);
		iot_node_ref_copy(&q->node, &key.node);
		q->name = g_strdup(name);
		q->unit = g_strdup(key.unit);
		q->kind = kind;
		q->samples = g_array_new(FALSE, FALSE, sizeof(IotShSample));
		g_ptr_array_add(h->queue, q);
		g_hash_table_add(h->by_key, q);
	}
	x.t = t;
	x.v = v;
	x.s = g_strdup(s);
	x.q = qos & IOT_SH_QOS_MASK;
	x.seq = h->seq++;
	g_array_append_val(q->samples, x);
	h->queued++;
out:
	g_free(key.account);
	g_free(key.thing);
	return res;
}

IotStoreHistoryAdd
iot_store_history_add_number(IotStoreHistory *h, const char *account, const char *thing,
                             const IotNodeRef *node, const char *name, const char *unit,
                             gint64 time_us, double value, guint32 qos)
{
	g_return_val_if_fail(h != NULL, IOT_STORE_HISTORY_INVALID);
	if (!isfinite(value))
		return IOT_STORE_HISTORY_INVALID;
	return enqueue(h, account, thing, node, name, unit, IOT_STORE_SERIES_NUMBERS, time_us, value,
	               NULL, qos);
}

IotStoreHistoryAdd
iot_store_history_add_state(IotStoreHistory *h, const char *account, const char *thing,
                            const IotNodeRef *node, const char *name, const char *unit,
                            gint64 time_us, const char *value, guint32 qos)
{
	g_return_val_if_fail(h != NULL, IOT_STORE_HISTORY_INVALID);
	if (value == NULL || !name_ok(value, IOT_MAX_VALUE_BYTES))
		return IOT_STORE_HISTORY_INVALID;
	return enqueue(h, account, thing, node, name, unit, IOT_STORE_SERIES_STATES, time_us, 0,
	               value, qos);
}

guint
iot_store_history_add_readout(IotStoreHistory *h, const char *account, const char *thing,
                              const IotReadout *r, gint64 now_us)
{
	guint i, n = 0;

	g_return_val_if_fail(h != NULL && r != NULL, 0);
	for (i = 0; i < r->fields->len; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		gint64 t = f->timestamp != IOT_TIME_UNKNOWN ? f->timestamp : now_us;
		IotStoreHistoryAdd res;

		if (t == IOT_TIME_UNKNOWN)
			continue;
		if (f->type == IOT_VALUE_NUMERIC || f->type == IOT_VALUE_INT || f->type == IOT_VALUE_LONG) {
			if (!f->number_valid)
				continue;
			res = iot_store_history_add_number(h, account, thing, &f->node, f->name, f->unit, t,
			                                   f->number, f->qos);
		} else {
			/* "1" and "true" are one state. */
			char *canon = f->type == IOT_VALUE_BOOLEAN
			                  ? iot_value_canonical(IOT_CONTROL_BOOLEAN, f->value)
			                  : NULL;

			res = iot_store_history_add_state(h, account, thing, &f->node, f->name, f->unit, t,
			                                  canon != NULL ? canon : f->value, f->qos);
			g_free(canon);
		}
		if (res == IOT_STORE_HISTORY_QUEUED)
			n++;
	}
	return n;
}

guint
iot_store_history_queue_length(const IotStoreHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->queued;
}

guint64
iot_store_history_queue_refused(const IotStoreHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->refused;
}

gsize
iot_store_history_memory_size(const IotStoreHistory *h)
{
	gsize total;
	guint i, j;

	g_return_val_if_fail(h != NULL, 0);
	total = sizeof *h + h->queue->len * sizeof(gpointer);
	total += g_hash_table_size(h->by_key) * 2 * (sizeof(guint) + 2 * sizeof(gpointer));
	for (i = 0; i < h->queue->len; i++) {
		const IotShQueued *q = g_ptr_array_index(h->queue, i);

		total += sizeof *q + strlen(q->account) + strlen(q->thing) + strlen(q->name) + 3;
		total += q->samples->len * sizeof(IotShSample);
		for (j = 0; j < q->samples->len; j++) {
			const char *s = g_array_index(q->samples, IotShSample, j).s;
			total += s ? strlen(s) + 1 : 0;
		}
	}
	return total;
}
