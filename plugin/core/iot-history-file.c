/*
 * iot-history-file.c — saving and loading histories. The format is described
 * in iot-history.h; this file is the only one that knows it.
 *
 * Reading assumes the bytes were written by someone else: every length is
 * checked against what remains and against the format's own bounds before
 * anything is allocated, samples are collected per series and only then
 * sorted and merged under the same rules as live samples, and a series never
 * holds more than twice its bound while a file is read.
 */
#include "iot-history.h"

#include "iot-error.h"
#include "iot-file.h"
#include "iot-history-private.h"
#include "iot-jid.h"
#include "iot-limits.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#define FILE_MAGIC "\x89IOTHIST"
#define FILE_MAGIC_LEN 8
#define FILE_VERSION 1
#define RECORD_HEAD 5 /* type + length */
#define MAX_RECORD 65536
#define SAMPLES_PER_RECORD 1024
#define SAMPLE_BYTES 18
/* RFC 7622 §3.1: a JID is at most 3071 bytes. */
#define MAX_JID_BYTES 3071
#define TEMP_SUFFIX ".tmp-"

/* ---- writing ---------------------------------------------------------------- */

typedef struct {
	FILE *fp;        /* a file, or … */
	GByteArray *out; /* … memory */
	GByteArray *rec; /* payload of the record being built */
	int err;         /* errno of the first failed write */
} Sink;

static void
sink_write(Sink *k, const guint8 *p, gsize n)
{
	if (k->err != 0 || n == 0)
		return;
	if (k->out != NULL)
		g_byte_array_append(k->out, p, (guint)n);
	else if (fwrite(p, 1, n, k->fp) != n)
		k->err = errno != 0 ? errno : EIO;
}

static void
record_end(Sink *k, char type)
{
	guint8 head[RECORD_HEAD], tail[4];
	guint32 crc;
	int i;

	head[0] = (guint8)type;
	for (i = 0; i < 4; i++)
		head[1 + i] = (guint8)(k->rec->len >> (8 * i));
	crc = iot_history_crc32(iot_history_crc32(0, head, RECORD_HEAD), k->rec->data, k->rec->len);
	for (i = 0; i < 4; i++)
		tail[i] = (guint8)(crc >> (8 * i));
	sink_write(k, head, RECORD_HEAD);
	sink_write(k, k->rec->data, k->rec->len);
	sink_write(k, tail, 4);
	g_byte_array_set_size(k->rec, 0);
}

static void
write_history(const IotHistory *h, Sink *k)
{
	guint8 version[4] = { FILE_VERSION, 0, 0, 0 };
	guint64 total = 0;
	guint i, j;

	k->rec = g_byte_array_sized_new(RECORD_HEAD + 8 + SAMPLES_PER_RECORD * SAMPLE_BYTES);
	sink_write(k, (const guint8 *)FILE_MAGIC, FILE_MAGIC_LEN);
	sink_write(k, version, 4);
	IOT_HISTORY_PUT_U32(k->rec, h->flags);
	iot_history_put_str(k->rec, h->thing);
	record_end(k, 'T');
	for (i = 0; i < h->series->len; i++) {
		const IotHistorySeries *s = g_ptr_array_index(h->series, i);

		IOT_HISTORY_PUT_U32(k->rec, i);
		IOT_HISTORY_PUT_U32(k->rec, s->flags);
		iot_history_put_str(k->rec, s->node.node_id);
		iot_history_put_str(k->rec, s->node.source_id);
		iot_history_put_str(k->rec, s->node.partition);
		iot_history_put_str(k->rec, s->name);
		iot_history_put_str(k->rec, s->unit);
		record_end(k, 'S');
		for (j = 0; j < s->len; j += SAMPLES_PER_RECORD) {
			guint n = MIN(SAMPLES_PER_RECORD, s->len - j), m;

			IOT_HISTORY_PUT_U32(k->rec, i);
			IOT_HISTORY_PUT_U32(k->rec, n);
			for (m = 0; m < n; m++) {
				IotHistorySample smp;

				iot_history_series_nth(s, j + m, &smp);
				IOT_HISTORY_PUT_U64(k->rec, (guint64)smp.timestamp);
				iot_history_put_f64(k->rec, smp.value);
				IOT_HISTORY_PUT_U16(k->rec, (guint16)smp.qos);
			}
			record_end(k, 'D');
		}
		total += s->len;
	}
	IOT_HISTORY_PUT_U32(k->rec, h->series->len);
	IOT_HISTORY_PUT_U64(k->rec, total);
	record_end(k, 'E');
	g_byte_array_unref(k->rec);
	k->rec = NULL;
}

GBytes *
iot_history_to_bytes(const IotHistory *h)
{
	Sink k = { NULL, NULL, NULL, 0 };

	g_return_val_if_fail(h != NULL, NULL);
	k.out = g_byte_array_new();
	write_history(h, &k);
	return g_byte_array_free_to_bytes(k.out);
}

static void
set_file_error(GError **error, int err, const char *fmt, const char *what)
{
	g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), fmt, what, g_strerror(err));
}

/* A crash between writing a temporary file and renaming it leaves the
 * temporary file behind; the next save clears them. */
static void
remove_stale_temps(const char *dir, const char *name)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	char *prefix = g_strconcat(name, TEMP_SUFFIX, NULL);
	const char *e;

	if (d == NULL) {
		g_free(prefix);
		return;
	}
	while ((e = g_dir_read_name(d)) != NULL) {
		if (g_str_has_prefix(e, prefix)) {
			char *p = g_build_filename(dir, e, NULL);
			g_unlink(p);
			g_free(p);
		}
	}
	g_dir_close(d);
	g_free(prefix);
}

/* The rename is only durable once the directory itself is on disk. */
static void
sync_dir(const char *dir)
{
#ifdef G_OS_UNIX
	int fd = open(dir, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
#endif
}

gboolean
iot_history_save(const IotHistory *h, const char *dir, const char *account, GError **error)
{
	Sink k = { NULL, NULL, NULL, 0 };
	char *name, *path, *tmp;
	gboolean ok = FALSE;
	int fd;

	g_return_val_if_fail(h != NULL && dir != NULL && account != NULL, FALSE);
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		/* TRANSLATORS: first %s is a folder, second the system's reason. */
		set_file_error(error, errno, _("Could not create the folder “%s”: %s"), dir);
		return FALSE;
	}
	name = iot_history_file_name(account, h->thing);
	path = g_build_filename(dir, name, NULL);
	remove_stale_temps(dir, name);
	/* In the same directory, so that the rename is atomic. */
	tmp = g_strconcat(path, TEMP_SUFFIX "XXXXXX", NULL);
	fd = g_mkstemp_full(tmp, O_RDWR, 0600);
	if (fd < 0) {
		/* TRANSLATORS: first %s is a file, second the system's reason. */
		set_file_error(error, errno, _("Could not write “%s”: %s"), path);
		goto out;
	}
	k.fp = fdopen(fd, "wb");
	if (k.fp == NULL) {
		set_file_error(error, errno, _("Could not write “%s”: %s"), path);
		close(fd);
		g_unlink(tmp);
		goto out;
	}
	write_history(h, &k);
	if (k.err == 0 && fflush(k.fp) != 0)
		k.err = errno;
	if (k.err == 0 && g_fsync(fileno(k.fp)) != 0)
		k.err = errno;
	if (fclose(k.fp) != 0 && k.err == 0)
		k.err = errno;
	if (k.err == 0 && g_rename(tmp, path) != 0)
		k.err = errno;
	if (k.err != 0) {
		set_file_error(error, k.err, _("Could not write “%s”: %s"), path);
		g_unlink(tmp);
		goto out;
	}
	sync_dir(dir);
	ok = TRUE;
out:
	g_free(tmp);
	g_free(path);
	g_free(name);
	return ok;
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct {
	gint64 t;
	double v;
	guint32 q;
	guint32 seq; /* order in the file: of two values for one time the later is offered last */
} LoadSample;

typedef struct {
	const guint8 *data; /* memory, or … */
	gsize len, pos;
	FILE *fp;           /* … a file */
	guint64 offset;     /* bytes consumed, for messages */
	int err;            /* errno of a failed read */
} Reader;

typedef struct {
	IotHistory *h;
	const char *thing;           /* expected, nullable */
	IotHistorySeries **map;      /* file series number → series; NULL: refused or unknown */
	guint8 *defined;             /* file series number seen */
	guint32 seq;
	guint bad_crc, bad_records, bad_values, series_seen;
	guint64 samples_seen;
	gboolean truncated, end_seen, counts_differ;
	gboolean other_thing; /* the file belongs to another thing */
} Load;

static gboolean
rd(Reader *r, guint8 *buf, gsize n)
{
	if (r->fp != NULL) {
		gsize got = fread(buf, 1, n, r->fp);

		r->offset += got;
		if (got != n && ferror(r->fp))
			r->err = errno != 0 ? errno : EIO;
		return got == n;
	}
	if (r->len - r->pos < n) {
		r->offset += r->len - r->pos;
		r->pos = r->len;
		return FALSE;
	}
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	r->offset += n;
	return TRUE;
}

static int
load_sample_cmp(gconstpointer a, gconstpointer b)
{
	const LoadSample *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* Sorts @s's pending samples, merges equal times as series_offer() would,
 * and keeps the newest IOT_HISTORY_MAX_SAMPLES. */
static void
compact(Load *ld, IotHistorySeries *s)
{
	GArray *p = s->pending;
	guint i, out = 0;

	if (p->len == 0)
		return;
	g_array_sort(p, load_sample_cmp);
	for (i = 1; i < p->len; i++) {
		LoadSample *cur = &g_array_index(p, LoadSample, i);
		LoadSample *kept = &g_array_index(p, LoadSample, out);

		if (cur->t != kept->t) {
			g_array_index(p, LoadSample, ++out) = *cur;
		} else if (cur->v == kept->v) {
			if (iot_history_qos_rank(cur->q) > iot_history_qos_rank(kept->q))
				kept->q = cur->q;
		} else if (iot_history_replaces(cur->q, kept->q)) {
			kept->v = cur->v;
			kept->q = cur->q;
		}
	}
	g_array_set_size(p, out + 1);
	if (p->len > IOT_HISTORY_MAX_SAMPLES) {
		guint drop = p->len - IOT_HISTORY_MAX_SAMPLES;

		g_array_remove_range(p, 0, drop);
		iot_history_note_dropped(ld->h, s, drop);
	}
}

/* Moves the merged samples into the ring, sized as live growth would. */
static void
install(Load *ld, IotHistorySeries *s)
{
	guint cap = 16, i;

	compact(ld, s);
	if (s->pending->len > 0) {
		while (cap < s->pending->len)
			cap = MIN(cap * 2, IOT_HISTORY_MAX_SAMPLES);
		iot_history_ring_resize(s, cap);
		for (i = 0; i < s->pending->len; i++) {
			const LoadSample *x = &g_array_index(s->pending, LoadSample, i);
			s->t[i] = x->t;
			s->v[i] = x->v;
			s->q[i] = (guint16)x->q;
		}
		s->len = s->pending->len;
	}
	g_array_unref(s->pending);
	s->pending = NULL;
}

static gboolean
read_thing(Load *ld, IotHistoryCursor *c)
{
	guint32 flags = iot_history_take_u32(c);
	gboolean present;
	char *thing = iot_history_take_str(c, MAX_JID_BYTES, &present);

	if (c->bad || c->left != 0 || !present || *thing == '\0') {
		g_free(thing);
		return FALSE;
	}
	/* A file copied or renamed into another contact's place must not show
	 * that contact someone else's values. */
	if (ld->thing != NULL && strcmp(ld->thing, thing) != 0 && !iot_jid_equal(ld->thing, thing)) {
		ld->other_thing = TRUE;
		g_free(thing);
		return FALSE;
	}
	ld->h = iot_history_new(ld->thing ? ld->thing : thing);
	ld->h->flags = flags & IOT_HISTORY_KNOWN_FLAGS;
	g_free(thing);
	return TRUE;
}

static gboolean
read_series(Load *ld, IotHistoryCursor *c)
{
	IotNodeRef node = { NULL, NULL, NULL };
	guint32 number = iot_history_take_u32(c), flags = iot_history_take_u32(c);
	gboolean present, ok;
	char *name, *unit;
	IotHistorySeries *s;

	node.node_id = iot_history_take_str(c, IOT_MAX_NAME_BYTES, &present);
	node.source_id = iot_history_take_str(c, IOT_MAX_NAME_BYTES, &present);
	node.partition = iot_history_take_str(c, IOT_MAX_NAME_BYTES, &present);
	name = iot_history_take_str(c, IOT_MAX_NAME_BYTES, &present);
	unit = iot_history_take_str(c, IOT_MAX_NAME_BYTES, &present);
	ok = !c->bad && c->left == 0 && name != NULL && *name != '\0' &&
	     number < IOT_HISTORY_MAX_SERIES && !ld->defined[number];
	if (ok) {
		ld->defined[number] = TRUE;
		s = iot_history_intern(ld->h, &node, name);
		ld->map[number] = s;
		if (s != NULL) {
			s->flags |= flags & IOT_HISTORY_KNOWN_FLAGS;
			if (s->unit == NULL)
				iot_history_series_set_unit(s, unit);
			if (s->pending == NULL)
				s->pending = g_array_new(FALSE, FALSE, sizeof(LoadSample));
		}
	}
	iot_node_ref_clear(&node);
	g_free(name);
	g_free(unit);
	return ok;
}

static gboolean
read_samples(Load *ld, IotHistoryCursor *c)
{
	guint32 number = iot_history_take_u32(c), n = iot_history_take_u32(c), i;
	IotHistorySeries *s;

	if (c->bad || n == 0 || n > SAMPLES_PER_RECORD || c->left != (gsize)n * SAMPLE_BYTES ||
	    number >= IOT_HISTORY_MAX_SERIES || !ld->defined[number])
		return FALSE;
	ld->samples_seen += n;
	s = ld->map[number];
	if (s == NULL)
		return TRUE; /* a series the bound refused: already counted */
	for (i = 0; i < n; i++) {
		const guint8 *p = iot_history_take(c, SAMPLE_BYTES);
		guint64 bits = iot_history_get_u64(p + 8);
		LoadSample x;

		x.t = (gint64)iot_history_get_u64(p);
		memcpy(&x.v, &bits, sizeof x.v);
		x.q = (guint32)p[16] | (guint32)p[17] << 8;
		x.seq = ld->seq++;
		if (x.t == IOT_TIME_UNKNOWN || !isfinite(x.v) || (x.q & ~IOT_HISTORY_QOS_MASK) != 0) {
			ld->bad_values++;
			continue;
		}
		g_array_append_val(s->pending, x);
		if (s->pending->len >= 2 * IOT_HISTORY_MAX_SAMPLES)
			compact(ld, s);
	}
	return TRUE;
}

static void
read_end(Load *ld, IotHistoryCursor *c)
{
	const guint8 *p;
	guint32 n_series = iot_history_take_u32(c);

	p = iot_history_take(c, 8);
	ld->end_seen = TRUE;
	if (c->bad || c->left != 0 || n_series != ld->series_seen || iot_history_get_u64(p) != ld->samples_seen)
		ld->counts_differ = TRUE;
}

/* Reads records until the end record or the first one that cannot be
 * trusted to say where the next begins. */
static void
read_records(Load *ld, Reader *r)
{
	guint8 head[RECORD_HEAD], tail[4];
	guint8 *payload = g_malloc(MAX_RECORD);

	for (;;) {
		guint32 len;
		IotHistoryCursor c;
		gboolean ok;

		if (!rd(r, head, RECORD_HEAD)) {
			ld->truncated = TRUE;
			break;
		}
		len = iot_history_get_u32(head + 1);
		if (strchr("TSDE", head[0]) == NULL || head[0] == '\0' || len > MAX_RECORD) {
			ld->truncated = TRUE; /* lost the thread: nothing after can be placed */
			break;
		}
		if (!rd(r, payload, len) || !rd(r, tail, 4)) {
			ld->truncated = TRUE;
			break;
		}
		if (iot_history_crc32(iot_history_crc32(0, head, RECORD_HEAD), payload, len) != iot_history_get_u32(tail)) {
			ld->bad_crc++;
			continue;
		}
		c.p = payload;
		c.left = len;
		c.bad = FALSE;
		if (ld->h == NULL) {
			/* The thing record comes first; without it nothing is known. */
			if (head[0] != 'T' || !read_thing(ld, &c)) {
				ld->truncated = TRUE;
				break;
			}
			continue;
		}
		switch (head[0]) {
		case 'S':
			ld->series_seen++;
			ok = read_series(ld, &c);
			break;
		case 'D':
			ok = read_samples(ld, &c);
			break;
		case 'E':
			read_end(ld, &c);
			g_free(payload);
			return;
		default:
			ok = FALSE; /* a second thing record */
			break;
		}
		if (!ok)
			ld->bad_records++;
	}
	g_free(payload);
}

static IotHistory *
load(Reader *r, const char *thing, GError **error)
{
	guint8 head[FILE_MAGIC_LEN + 4];
	IotHistorySeries *map[IOT_HISTORY_MAX_SERIES];
	guint8 defined[IOT_HISTORY_MAX_SERIES];
	Load ld;
	guint i;

	memset(&ld, 0, sizeof ld);
	memset(map, 0, sizeof map);
	memset(defined, 0, sizeof defined);
	ld.thing = thing;
	ld.map = map;
	ld.defined = defined;
	if (!rd(r, head, sizeof head) || memcmp(head, FILE_MAGIC, FILE_MAGIC_LEN) != 0) {
		if (r->err == 0)
			g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED,
			            _("The saved history is not in a known format."));
		goto empty;
	}
	if (iot_history_get_u32(head + FILE_MAGIC_LEN) != FILE_VERSION) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_NOT_SUPPORTED,
		            /* TRANSLATORS: %u is a file format number. */
		            _("The saved history was written in a newer format (%u)."),
		            iot_history_get_u32(head + FILE_MAGIC_LEN));
		goto empty;
	}
	read_records(&ld, r);
	if (ld.other_thing) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		            _("The saved history belongs to another contact."));
		goto empty;
	}
	if (ld.h == NULL) {
		if (r->err == 0)
			g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED,
			            _("The saved history is not in a known format."));
		goto empty;
	}
	for (i = 0; i < ld.h->series->len; i++) {
		IotHistorySeries *s = g_ptr_array_index(ld.h->series, i);
		if (s->pending != NULL)
			install(&ld, s);
	}
	if (r->err == 0 && (ld.bad_crc || ld.bad_records || ld.bad_values || ld.truncated ||
	                    !ld.end_seen || ld.counts_differ)) {
		GString *why = g_string_new(NULL);

		/* Detail for the debug log; the sentence around it is translated. */
		if (ld.bad_crc)
			g_string_append_printf(why, "%u records with a bad checksum; ", ld.bad_crc);
		if (ld.bad_records)
			g_string_append_printf(why, "%u invalid records; ", ld.bad_records);
		if (ld.bad_values)
			g_string_append_printf(why, "%u invalid values; ", ld.bad_values);
		if (ld.truncated || !ld.end_seen)
			g_string_append_printf(why, "cut short at byte %" G_GUINT64_FORMAT "; ", r->offset);
		else if (ld.counts_differ)
			g_string_append(why, "counts do not match; ");
		g_string_truncate(why, why->len - 2);
		g_set_error(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		            /* TRANSLATORS: %s is a technical detail in English. */
		            _("Part of the saved history could not be read (%s)."), why->str);
		g_string_free(why, TRUE);
	}
	if (r->err != 0)
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(r->err),
		            /* TRANSLATORS: %s is the system's reason. */
		            _("Could not read the saved history: %s"), g_strerror(r->err));
	return ld.h;
empty:
	if (r->err != 0)
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(r->err),
		            _("Could not read the saved history: %s"), g_strerror(r->err));
	return iot_history_new(thing ? thing : "");
}

IotHistory *
iot_history_load_data(const guint8 *data, gsize len, const char *thing, GError **error)
{
	Reader r = { NULL, 0, 0, NULL, 0, 0 };

	g_return_val_if_fail(data != NULL || len == 0, NULL);
	r.data = data;
	r.len = len;
	return load(&r, thing, error);
}

IotHistory *
iot_history_load_file(const char *path, const char *thing, GError **error)
{
	Reader r = { NULL, 0, 0, NULL, 0, 0 };
	IotHistory *h;
	int err = 0;

	g_return_val_if_fail(path != NULL, NULL);
	r.fp = iot_file_open_regular(path, &err);
	if (r.fp == NULL) {
		if (!iot_file_is_absent(path, err))
			set_file_error(error, err, _("Could not read “%s”: %s"), path);
		return iot_history_new(thing ? thing : "");
	}
	h = load(&r, thing, error);
	fclose(r.fp);
	return h;
}

IotHistory *
iot_history_load(const char *dir, const char *account, const char *thing, GError **error)
{
	char *name, *path;
	IotHistory *h;

	g_return_val_if_fail(dir != NULL && account != NULL && thing != NULL, NULL);
	name = iot_history_file_name(account, thing);
	path = g_build_filename(dir, name, NULL);
	h = iot_history_load_file(path, thing, error);
	g_free(path);
	g_free(name);
	return h;
}
