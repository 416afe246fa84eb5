/* iot-history.c — per-thing history of numeric values. See iot-history.h. */
#include "iot-history.h"

#include "iot-history-private.h"
#include "iot-jid.h"
#include "iot-limits.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rings start small: most things have a handful of fields read now and then. */
#define RING_FIRST_SLOTS 16

/* ---- series -------------------------------------------------------------- */

static guint
str_hash0(const char *s)
{
	return s ? g_str_hash(s) : 0x9e3779b9u;
}

static guint
series_hash(gconstpointer p)
{
	const IotHistorySeries *s = p;

	return ((str_hash0(s->node.node_id) * 31 + str_hash0(s->node.source_id)) * 31 +
	        str_hash0(s->node.partition)) * 31 + g_str_hash(s->name);
}

static gboolean
series_equal(gconstpointer a, gconstpointer b)
{
	const IotHistorySeries *x = a, *y = b;

	return strcmp(x->name, y->name) == 0 && iot_node_ref_equal(&x->node, &y->node);
}

void
iot_history_series_free(gpointer p)
{
	IotHistorySeries *s = p;

	iot_node_ref_clear(&s->node);
	g_free(s->name);
	g_free(s->unit);
	g_free(s->t);
	g_free(s->v);
	g_free(s->q);
	if (s->pending)
		g_array_unref(s->pending);
	g_free(s);
}

static inline guint
slot(const IotHistorySeries *s, guint i)
{
	return (s->start + i) % s->cap;
}

void
iot_history_ring_resize(IotHistorySeries *s, guint cap)
{
	gint64 *t = g_new(gint64, cap);
	double *v = g_new(double, cap);
	guint16 *q = g_new(guint16, cap);
	guint i;

	for (i = 0; i < s->len; i++) {
		guint k = slot(s, i);
		t[i] = s->t[k];
		v[i] = s->v[k];
		q[i] = s->q[k];
	}
	g_free(s->t);
	g_free(s->v);
	g_free(s->q);
	s->t = t;
	s->v = v;
	s->q = q;
	s->cap = cap;
	s->start = 0;
}

/* First logical index whose time is >= @ts (len when none). */
static guint
lower_bound(const IotHistorySeries *s, gint64 ts)
{
	guint lo = 0, hi = s->len;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (s->t[slot(s, mid)] < ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First logical index whose time is > @ts. */
static guint
upper_bound(const IotHistorySeries *s, gint64 ts)
{
	guint lo = 0, hi = s->len;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (s->t[slot(s, mid)] <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
iot_history_note_dropped(IotHistory *h, IotHistorySeries *s, guint n)
{
	h->samples_dropped += n;
	h->flags |= IOT_HISTORY_SAMPLES_DROPPED;
	s->flags |= IOT_HISTORY_SAMPLES_DROPPED;
}

/* Inserts at logical @pos, keeping time order; a full ring first drops its
 * oldest sample, or refuses one older than everything it holds. */
static IotHistoryAdd
ring_insert(IotHistory *h, IotHistorySeries *s, guint pos, gint64 ts, double value, guint16 qos)
{
	guint i;

	if (s->len == s->cap) {
		if (s->cap < IOT_HISTORY_MAX_SAMPLES) {
			iot_history_ring_resize(s, MIN(MAX(s->cap * 2, RING_FIRST_SLOTS), IOT_HISTORY_MAX_SAMPLES));
		} else if (pos == 0) {
			iot_history_note_dropped(h, s, 1);
			return IOT_HISTORY_TOO_OLD;
		} else {
			s->start = (s->start + 1) % s->cap;
			s->len--;
			pos--;
			iot_history_note_dropped(h, s, 1);
		}
	}
	/* Samples mostly arrive in order: this loop rarely runs. */
	for (i = s->len; i > pos; i--) {
		guint to = slot(s, i), from = slot(s, i - 1);
		s->t[to] = s->t[from];
		s->v[to] = s->v[from];
		s->q[to] = s->q[from];
	}
	i = slot(s, pos);
	s->t[i] = ts;
	s->v[i] = value;
	s->q[i] = qos;
	s->len++;
	return IOT_HISTORY_ADDED;
}

guint
iot_history_qos_rank(guint32 qos)
{
	qos &= IOT_HISTORY_QOS_MASK;
	/* XEP-0323 §5.7: "If no quality of service flag is set on a field, the
	 * client can assume automaticReadout is true." */
	if (qos == 0)
		qos = IOT_QOS_AUTOMATIC_READOUT;
	return (guint)g_bit_nth_msf(qos, -1);
}

gboolean
iot_history_replaces(guint32 new_qos, guint32 old_qos)
{
	return iot_history_qos_rank(new_qos) >= iot_history_qos_rank(old_qos);
}

static IotHistoryAdd
series_offer(IotHistory *h, IotHistorySeries *s, gint64 ts, double value, guint32 qos)
{
	guint pos;

	/* Fast path: a newer sample than all goes at the end. */
	if (s->len == 0 || s->t[slot(s, s->len - 1)] < ts)
		pos = s->len;
	else
		pos = lower_bound(s, ts);
	if (pos < s->len && s->t[slot(s, pos)] == ts) {
		guint k = slot(s, pos);

		if (s->v[k] == value) {
			/* The same reading again; keep the better of the two flags. */
			if (iot_history_qos_rank(qos) > iot_history_qos_rank(s->q[k]))
				s->q[k] = (guint16)qos;
			return IOT_HISTORY_DUPLICATE;
		}
		if (!iot_history_replaces(qos, s->q[k]))
			return IOT_HISTORY_KEPT_BETTER;
		s->v[k] = value;
		s->q[k] = (guint16)qos;
		return IOT_HISTORY_REPLACED;
	}
	return ring_insert(h, s, pos, ts, value, (guint16)qos);
}

static const char *
empty_to_null(const char *s)
{
	return (s != NULL && *s != '\0') ? s : NULL;
}

IotHistorySeries *
iot_history_intern(IotHistory *h, const IotNodeRef *node, const char *name)
{
	IotHistorySeries key;
	IotHistorySeries *s;

	memset(&key, 0, sizeof key);
	if (node != NULL)
		key.node = *node;
	key.name = (char *)name;
	s = g_hash_table_lookup(h->by_key, &key);
	if (s != NULL)
		return s;
	if (h->series->len >= IOT_HISTORY_MAX_SERIES) {
		h->series_refused++;
		h->flags |= IOT_HISTORY_SERIES_LIMITED;
		return NULL;
	}
	s = g_new0(IotHistorySeries, 1);
	if (node != NULL)
		iot_node_ref_copy(&s->node, node);
	s->name = g_strdup(name);
	g_ptr_array_add(h->series, s);
	g_hash_table_add(h->by_key, s);
	return s;
}

void
iot_history_series_set_unit(IotHistorySeries *s, const char *unit)
{
	unit = empty_to_null(unit);
	if (g_strcmp0(unit, s->unit) == 0)
		return;
	/* Kept as one series: a plot can say so rather than split a field. */
	if (s->len > 0)
		s->flags |= IOT_HISTORY_UNIT_CHANGED;
	g_free(s->unit);
	s->unit = g_strdup(unit);
}

/* ---- public: building ------------------------------------------------------ */

IotHistory *
iot_history_new(const char *thing)
{
	IotHistory *h;

	/* RFC 7622 §3.1: a JID is at most 3071 bytes; the file format relies on it. */
	g_return_val_if_fail(thing != NULL && strlen(thing) <= 3071, NULL);
	g_return_val_if_fail(g_utf8_validate(thing, -1, NULL), NULL);
	h = g_new0(IotHistory, 1);
	h->thing = g_strdup(thing);
	h->series = g_ptr_array_new_with_free_func(iot_history_series_free);
	h->by_key = g_hash_table_new(series_hash, series_equal);
	return h;
}

void
iot_history_free(IotHistory *h)
{
	if (h == NULL)
		return;
	g_hash_table_destroy(h->by_key);
	g_ptr_array_free(h->series, TRUE);
	g_free(h->thing);
	g_free(h);
}

const char *
iot_history_get_thing(const IotHistory *h)
{
	g_return_val_if_fail(h != NULL, NULL);
	return h->thing;
}

/* What the file format can hold, which is what the codecs ever produce. */
static gboolean
fits(const char *s)
{
	return s == NULL || (strlen(s) <= IOT_MAX_NAME_BYTES && g_utf8_validate(s, -1, NULL));
}

IotHistoryAdd
iot_history_add(IotHistory *h, const IotNodeRef *node, const char *name, const char *unit,
                gint64 timestamp, double value, guint32 qos)
{
	IotHistorySeries *s;
	IotHistoryAdd res;

	g_return_val_if_fail(h != NULL && name != NULL, IOT_HISTORY_INVALID);
	if (timestamp == IOT_TIME_UNKNOWN || !isfinite(value) || *name == '\0' || !fits(name) ||
	    !fits(unit) || (node != NULL && (!fits(node->node_id) || !fits(node->source_id) ||
	                                     !fits(node->partition))))
		return IOT_HISTORY_INVALID;
	s = iot_history_intern(h, node, name);
	if (s == NULL)
		return IOT_HISTORY_SERIES_REFUSED;
	/* A new series takes the unit of its first sample; later ones change
	 * it (and say so) only when they were kept. */
	if (s->len == 0)
		iot_history_series_set_unit(s, unit);
	res = series_offer(h, s, timestamp, value, qos & IOT_HISTORY_QOS_MASK);
	if (res == IOT_HISTORY_ADDED || res == IOT_HISTORY_REPLACED)
		iot_history_series_set_unit(s, unit);
	return res;
}

typedef struct {
	const IotField *f;
	gint64 ts;
	guint seq;
} Candidate;

static int
candidate_cmp(gconstpointer a, gconstpointer b)
{
	const Candidate *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

guint
iot_history_add_readout(IotHistory *h, const IotReadout *r, gint64 now_us)
{
	GArray *c;
	guint i, changed = 0;

	g_return_val_if_fail(h != NULL && r != NULL, 0);
	c = g_array_new(FALSE, FALSE, sizeof(Candidate));
	for (i = 0; i < r->fields->len; i++) {
		const IotField *f = g_ptr_array_index(r->fields, i);
		Candidate cd;

		if (f->type != IOT_VALUE_NUMERIC && f->type != IOT_VALUE_INT && f->type != IOT_VALUE_LONG)
			continue;
		if (!f->number_valid || !isfinite(f->number))
			continue;
		cd.f = f;
		cd.ts = f->timestamp != IOT_TIME_UNKNOWN ? f->timestamp : now_us;
		cd.seq = i;
		if (cd.ts != IOT_TIME_UNKNOWN)
			g_array_append_val(c, cd);
	}
	/* A historical readout may list its timestamps newest first: sorting
	 * turns the inserts into appends. Stable, so that of two values a
	 * device sent for one time the later one is offered last. */
	g_array_sort(c, candidate_cmp);
	for (i = 0; i < c->len; i++) {
		const Candidate *cd = &g_array_index(c, Candidate, i);
		IotHistoryAdd res = iot_history_add(h, &cd->f->node, cd->f->name, cd->f->unit, cd->ts,
		                                    cd->f->number, cd->f->qos);
		if (res == IOT_HISTORY_ADDED || res == IOT_HISTORY_REPLACED)
			changed++;
	}
	g_array_unref(c);
	return changed;
}

/* ---- public: queries ----------------------------------------------------- */

guint
iot_history_n_series(const IotHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->series->len;
}

const IotHistorySeries *
iot_history_get_series(const IotHistory *h, guint i)
{
	g_return_val_if_fail(h != NULL, NULL);
	return i < h->series->len ? g_ptr_array_index(h->series, i) : NULL;
}

const IotHistorySeries *
iot_history_find_series(const IotHistory *h, const IotNodeRef *node, const char *name)
{
	IotHistorySeries key;

	g_return_val_if_fail(h != NULL && name != NULL, NULL);
	memset(&key, 0, sizeof key);
	if (node != NULL)
		key.node = *node;
	key.name = (char *)name;
	return g_hash_table_lookup(h->by_key, &key);
}

guint32
iot_history_get_flags(const IotHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->flags;
}

guint64
iot_history_samples_dropped(const IotHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->samples_dropped;
}

guint
iot_history_series_refused(const IotHistory *h)
{
	g_return_val_if_fail(h != NULL, 0);
	return h->series_refused;
}

char *
iot_history_describe_limits(const IotHistory *h)
{
	GString *s;

	g_return_val_if_fail(h != NULL, NULL);
	if ((h->flags & (IOT_HISTORY_SAMPLES_DROPPED | IOT_HISTORY_SERIES_LIMITED)) == 0)
		return NULL;
	s = g_string_new(NULL);
	if (h->flags & IOT_HISTORY_SAMPLES_DROPPED)
		/* TRANSLATORS: %u is a number of values. */
		g_string_append_printf(s, _("Only the latest %u values of each field are kept."),
		                       (guint)IOT_HISTORY_MAX_SAMPLES);
	if (h->flags & IOT_HISTORY_SERIES_LIMITED) {
		if (s->len > 0)
			g_string_append_c(s, ' ');
		/* TRANSLATORS: %u is a number of fields. */
		g_string_append_printf(s, _("History is kept for the first %u fields only."),
		                       (guint)IOT_HISTORY_MAX_SERIES);
	}
	return g_string_free(s, FALSE);
}

static gsize
str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

gsize
iot_history_memory_size(const IotHistory *h)
{
	gsize total;
	guint i;

	g_return_val_if_fail(h != NULL, 0);
	total = sizeof *h + str_size(h->thing) + h->series->len * sizeof(gpointer);
	/* A GHashTable keeps a hash, a key and a value slot per bucket. */
	total += g_hash_table_size(h->by_key) * 2 * (sizeof(guint) + 2 * sizeof(gpointer));
	for (i = 0; i < h->series->len; i++) {
		const IotHistorySeries *s = g_ptr_array_index(h->series, i);

		total += sizeof *s + str_size(s->name) + str_size(s->unit) + str_size(s->node.node_id) +
		         str_size(s->node.source_id) + str_size(s->node.partition);
		total += (gsize)s->cap * (sizeof(gint64) + sizeof(double) + sizeof(guint16));
	}
	return total;
}

const IotNodeRef *
iot_history_series_get_node(const IotHistorySeries *s)
{
	g_return_val_if_fail(s != NULL, NULL);
	return &s->node;
}

const char *
iot_history_series_get_name(const IotHistorySeries *s)
{
	g_return_val_if_fail(s != NULL, NULL);
	return s->name;
}

const char *
iot_history_series_get_unit(const IotHistorySeries *s)
{
	g_return_val_if_fail(s != NULL, NULL);
	return s->unit;
}

guint32
iot_history_series_get_flags(const IotHistorySeries *s)
{
	g_return_val_if_fail(s != NULL, 0);
	return s->flags;
}

guint
iot_history_series_length(const IotHistorySeries *s)
{
	g_return_val_if_fail(s != NULL, 0);
	return s->len;
}

gboolean
iot_history_series_nth(const IotHistorySeries *s, guint i, IotHistorySample *out)
{
	guint k;

	g_return_val_if_fail(s != NULL && out != NULL, FALSE);
	if (i >= s->len)
		return FALSE;
	k = slot(s, i);
	out->timestamp = s->t[k];
	out->value = s->v[k];
	out->qos = s->q[k];
	return TRUE;
}

GArray *
iot_history_series_samples(const IotHistorySeries *s, gint64 from, gint64 to)
{
	GArray *out;
	guint lo, hi, i;

	g_return_val_if_fail(s != NULL, NULL);
	lo = lower_bound(s, from);
	hi = from <= to ? upper_bound(s, to) : lo;
	out = g_array_sized_new(FALSE, FALSE, sizeof(IotHistorySample), hi > lo ? hi - lo : 0);
	for (i = lo; i < hi; i++) {
		IotHistorySample smp;
		iot_history_series_nth(s, i, &smp);
		g_array_append_val(out, smp);
	}
	return out;
}

gboolean
iot_history_series_min_max(const IotHistorySeries *s, gint64 from, gint64 to, double *min,
                           double *max)
{
	guint lo, hi, i;
	double mn, mx;

	g_return_val_if_fail(s != NULL, FALSE);
	lo = lower_bound(s, from);
	hi = from <= to ? upper_bound(s, to) : lo;
	if (hi <= lo)
		return FALSE;
	mn = mx = s->v[slot(s, lo)];
	for (i = lo + 1; i < hi; i++) {
		double v = s->v[slot(s, i)];
		mn = MIN(mn, v);
		mx = MAX(mx, v);
	}
	if (min)
		*min = mn;
	if (max)
		*max = mx;
	return TRUE;
}

gboolean
iot_history_series_last(const IotHistorySeries *s, IotHistorySample *out)
{
	g_return_val_if_fail(s != NULL && out != NULL, FALSE);
	return s->len > 0 && iot_history_series_nth(s, s->len - 1, out);
}

static int
gint64_cmp(gconstpointer a, gconstpointer b)
{
	gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

	return x < y ? -1 : (x > y);
}

GArray *
iot_history_series_gaps(const IotHistorySeries *s, gint64 from, gint64 to, double k)
{
	GArray *gaps;
	gint64 *d, *sorted;
	guint lo, hi, n, i;
	double median, limit;

	g_return_val_if_fail(s != NULL, NULL);
	g_return_val_if_fail(isfinite(k) && k > 0, NULL);
	gaps = g_array_new(FALSE, FALSE, sizeof(IotHistoryGap));
	lo = lower_bound(s, from);
	hi = from <= to ? upper_bound(s, to) : lo;
	if (hi < lo + 3)
		return gaps;
	n = hi - lo - 1;
	d = g_new(gint64, n);
	/* Times are strictly increasing within a series and bounded by the
	 * int64 range, so each difference is positive; a difference can only
	 * overflow for times ~292 000 years apart, which the saturating
	 * subtraction below turns into "very large". */
	for (i = 0; i < n; i++) {
		gint64 a = s->t[slot(s, lo + i)], b = s->t[slot(s, lo + i + 1)];
		d[i] = (a < 0 && b > G_MAXINT64 + a) ? G_MAXINT64 : b - a;
	}
	sorted = g_new(gint64, n);
	memcpy(sorted, d, n * sizeof(gint64));
	qsort(sorted, n, sizeof(gint64), gint64_cmp);
	median = (n % 2) ? (double)sorted[n / 2]
	                 : ((double)sorted[n / 2 - 1] + (double)sorted[n / 2]) / 2.0;
	limit = k * median;
	for (i = 0; i < n; i++) {
		if ((double)d[i] > limit) {
			IotHistoryGap g = { s->t[slot(s, lo + i)], s->t[slot(s, lo + i + 1)] };
			g_array_append_val(gaps, g);
		}
	}
	g_free(sorted);
	g_free(d);
	return gaps;
}

/* ---- file name -------------------------------------------------------------- */

static char *
normalise_jid(const char *jid, gboolean keep_resource)
{
	char *bare = iot_jid_bare(jid), *out;
	const char *res = keep_resource ? iot_jid_resource(jid) : NULL;

	if (bare == NULL)
		return g_strdup(jid); /* hashed all the same; never shown */
	out = res ? g_strconcat(bare, "/", res, NULL) : g_strdup(bare);
	g_free(bare);
	return out;
}

char *
iot_history_file_name(const char *account, const char *thing)
{
	GChecksum *sum;
	char *a, *t, *name;

	g_return_val_if_fail(account != NULL && thing != NULL, NULL);
	a = normalise_jid(account, FALSE);
	t = normalise_jid(thing, TRUE);
	sum = g_checksum_new(G_CHECKSUM_SHA256);
	/* The NUL bytes keep ("a", "bc") and ("ab", "c") apart. */
	g_checksum_update(sum, (const guchar *)"xmpp-iot history", 17);
	g_checksum_update(sum, (const guchar *)a, (gssize)strlen(a) + 1);
	g_checksum_update(sum, (const guchar *)t, (gssize)strlen(t) + 1);
	/* 128 bits of the digest: no collision between a user's contacts. */
	name = g_strdup_printf("%.32s.hist", g_checksum_get_string(sum));
	g_checksum_free(sum);
	g_free(a);
	g_free(t);
	return name;
}
