/*
 * iot-gtk-readout-export-job.c — a history export to a file in steps on
 * the main loop, each bounded by its measured time; written under a
 * temporary name and renamed when complete. See iot-gtk-readout-export.h.
 */
#include "iot-gtk-readout-export.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The rows the first step reads; then as many as fit into a step's time. */
#define FIRST_ROWS 256

typedef struct {
	gint64 id;
	IotStoreSeriesKind kind;
	char *node, *field; /* as written in front of each row */
	double weight;      /* of the whole: its rows */
} JobSeries;

struct _IotGtkHistoryExportJob {
	IotGtkHistorySource src;
	char *account, *thing;
	IotStoreHistory *h; /* borrowed: the store when started */
	GArray *series;     /* (element-type JobSeries) */
	IotStoreExportMode mode;
	gint64 from, to;
	char *path, *tmp;
	int fd;             /* the writer's once it runs */
	GString *buf;
	guint index;                  /* the series being written */
	IotStoreHistoryExport *e;     /* of it; NULL between series */
	gint64 first, last;           /* its span within the range, for progress */
	double done_weight, all_weight;
	guint64 rows, rows_before;    /* written in all; in the series before */
	guint step_rows;
	guint idle_id;
	gint64 worst_step, worst_cpu;
	guint steps;
	gboolean header_written;
	IotGtkHistoryExportProgress progress;
	IotGtkHistoryExportDone done;
	gpointer data;
	/* The writer: a thread that writes what the steps made, so that a
	 * slow disk never holds the main loop up. */
	GAsyncQueue *queue;   /* (element-type GString) chunks, then END */
	gint queued;          /* (atomic) bytes in the queue */
	gint write_err;       /* (atomic) errno of the first write that failed */
	GCancellable *cancel; /* the file is not to be kept: the temporary goes */
	gboolean writing, ended;
	GError *failed;       /* what ended it on the main loop (the store) */
};

/* The end of the chunks. */
static char end_marker;
#define END ((gpointer)&end_marker)

static void
job_free(IotGtkHistoryExportJob *job)
{
	guint i;

	if (job->idle_id != 0)
		g_source_remove(job->idle_id);
	iot_store_history_export_free(job->e);
	if (job->fd >= 0)
		close(job->fd);
	if (job->tmp != NULL)
		g_unlink(job->tmp);
	for (i = 0; i < job->series->len; i++) {
		JobSeries *s = &g_array_index(job->series, JobSeries, i);

		g_free(s->node);
		g_free(s->field);
	}
	g_array_free(job->series, TRUE);
	g_string_free(job->buf, TRUE);
	if (job->queue != NULL)
		g_async_queue_unref(job->queue);
	g_clear_object(&job->cancel);
	g_clear_error(&job->failed);
	g_free(job->path);
	g_free(job->tmp);
	g_free(job->account);
	g_free(job->thing);
	g_free(job);
}

/* The node as iot_csv_readout() writes it: "id", "id (source)", "id
 * (source, partition)". */
static char *
node_text(const IotNodeRef *n)
{
	const char *id = n->node_id != NULL ? n->node_id : "";
	gboolean src = n->source_id != NULL && *n->source_id != '\0';
	gboolean part = n->partition != NULL && *n->partition != '\0';

	if (src && part)
		return g_strdup_printf("%s (%s, %s)", id, n->source_id, n->partition);
	if (src || part)
		return g_strdup_printf("%s (%s)", id, src ? n->source_id : n->partition);
	return g_strdup(id);
}

static GError *
error_about(IotGtkHistoryExportJob *job, const char *fmt, const char *detail)
{
	char *base = g_filename_display_basename(job->path);
	GError *error = g_error_new(G_IO_ERROR, G_IO_ERROR_FAILED, fmt, base, detail);

	g_free(base);
	return error;
}

/* ---- the writer, off the main loop ----------------------------------------------------- */

static int
write_all(int fd, const char *p, gsize n)
{
	while (n > 0) {
		gssize w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		n -= (gsize)w;
	}
	return 0;
}

/* Writes the chunks until END; then fsync, close and (unless cancelled)
 * the rename. Returns the errno of what failed, 0 when the file is there. */
static void
writer_thread(GTask *task, gpointer src, gpointer data, GCancellable *cancel)
{
	IotGtkHistoryExportJob *job = data;
	gpointer chunk;
	int err = 0;

	while ((chunk = g_async_queue_pop(job->queue)) != END) {
		GString *c = chunk;

		if (err == 0 && !g_cancellable_is_cancelled(cancel) &&
		    (err = write_all(job->fd, c->str, c->len)) != 0)
			g_atomic_int_set(&job->write_err, err);
		g_atomic_int_add(&job->queued, -(gint)c->len);
		g_string_free(c, TRUE);
	}
	if (err == 0 && !g_cancellable_is_cancelled(cancel) && fsync(job->fd) != 0)
		err = errno;
	if (close(job->fd) != 0 && err == 0)
		err = errno;
	job->fd = -1;
	if (err == 0 && !g_cancellable_is_cancelled(cancel)) {
		if (g_rename(job->tmp, job->path) == 0) {
			g_free(job->tmp);
			job->tmp = NULL;
		} else {
			err = errno;
		}
	}
	g_task_return_int(task, err);
}

/* Back on the main loop: the writer is done. */
static void
writer_done_cb(GObject *src, GAsyncResult *res, gpointer data)
{
	IotGtkHistoryExportJob *job = data;
	int err = (int)g_task_propagate_int(G_TASK(res), NULL);
	GError *error = NULL;

	if (job->failed != NULL)
		error = g_error_copy(job->failed);
	else if (g_atomic_int_get(&job->write_err) != 0)
		/* TRANSLATORS: %s is the file's name, then why: "Could not write
		 * temperature.csv: No space left on device". */
		error = error_about(job, _("Could not write %s: %s"),
		                    g_strerror(g_atomic_int_get(&job->write_err)));
	else if (err != 0)
		/* TRANSLATORS: %s is the file's name, then why: "Could not save
		 * temperature.csv: No space left on device". */
		error = error_about(job, _("Could not save %s: %s"), g_strerror(err));
	if (error == NULL && job->progress != NULL)
		job->progress(job, 1.0, job->rows, job->data);
	/* NULL after a cancel. */
	if (job->done != NULL)
		job->done(job, error, job->data);
	g_clear_error(&error);
	job_free(job);
}

/* No more chunks: the writer finishes (and keeps the file unless
 * cancelled); writer_done_cb() ends the job. */
static void
end_writing(IotGtkHistoryExportJob *job)
{
	if (job->idle_id != 0) {
		g_source_remove(job->idle_id);
		job->idle_id = 0;
	}
	if (!job->ended) {
		job->ended = TRUE;
		g_async_queue_push(job->queue, END);
	}
}

/* Ends the job with @error (taken): the file is not kept. */
static void
fail(IotGtkHistoryExportJob *job, GError *error)
{
	job->failed = error;
	g_cancellable_cancel(job->cancel);
	end_writing(job);
}

/* ---- steps on the main loop --------------------------------------------------------------- */

/* Opens the export of the next series; FALSE when there is none left. */
static gboolean
next_series(IotGtkHistoryExportJob *job, GError **error)
{
	static const char *const names[] = { "node", "field" };
	const JobSeries *s;
	const char *cells[2];

	if (job->index >= job->series->len)
		return FALSE;
	s = &g_array_index(job->series, JobSeries, job->index);
	job->e = iot_store_history_export_new(job->h, s->id, job->from, job->to, job->mode,
	                                      IOT_CSV_NONE);
	cells[0] = s->node;
	cells[1] = s->field;
	iot_store_history_export_set_columns(job->e, names, cells, 2, !job->header_written);
	job->header_written = TRUE;
	/* One key at each end: the same cost however long the series. */
	if (!iot_store_history_kept_span(job->h, s->id, job->mode, &job->first, &job->last, error))
		return FALSE;
	job->first = MAX(job->first, job->from);
	job->last = MIN(job->last, job->to);
	return TRUE;
}

static double
fraction(IotGtkHistoryExportJob *job)
{
	double f = 0, w;
	gint64 pos;

	if (job->index >= job->series->len || job->all_weight <= 0)
		return 1.0;
	w = g_array_index(job->series, JobSeries, job->index).weight;
	if (job->e != NULL && job->last > job->first &&
	    (pos = iot_store_history_export_position(job->e)) != IOT_TIME_UNKNOWN)
		f = CLAMP((double)(pos - job->first) / (double)(job->last - job->first), 0, 1);
	return CLAMP((job->done_weight + f * w) / job->all_weight, 0, 1);
}

/* Towards the rows that take the time aimed at, at most halved or grown by
 * a quarter a step: one slow step (the machine busy with something else)
 * does not swing it. */
static void
adapt(IotGtkHistoryExportJob *job, gint64 took)
{
	double n = job->step_rows;

	n = CLAMP(n * IOT_GTK_HISTORY_EXPORT_STEP_US / (double)MAX(took, 1), n / 2, n * 1.25);
	job->step_rows = (guint)CLAMP(n, IOT_GTK_HISTORY_EXPORT_MIN_ROWS,
	                              IOT_GTK_HISTORY_EXPORT_MAX_ROWS);
}

/* CPU time of this thread (µs): a step's own work, without the time the
 * machine gave to others meanwhile. */
static gint64
thread_cpu_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean step_cb(gpointer data);

static gboolean
resume_cb(gpointer data)
{
	IotGtkHistoryExportJob *job = data;

	job->idle_id = g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, step_cb, job, NULL);
	return G_SOURCE_REMOVE;
}

static gboolean
step_cb(gpointer data)
{
	IotGtkHistoryExportJob *job = data;
	gint64 t0 = g_get_monotonic_time(), cpu0 = thread_cpu_us(), took;
	IotStoreHistory *now = job->src.store != NULL ? job->src.store(job->src.data) : NULL;
	GError *error = NULL;
	gboolean done = FALSE;

	if (g_atomic_int_get(&job->write_err) != 0) {
		job->idle_id = 0;
		g_cancellable_cancel(job->cancel);
		end_writing(job);
		return G_SOURCE_REMOVE;
	}
	/* The disk is slower than the steps: wait for the writer rather than
	 * hold more in memory. */
	if (g_atomic_int_get(&job->queued) > IOT_GTK_HISTORY_EXPORT_QUEUED_BYTES) {
		job->idle_id = g_timeout_add(10, resume_cb, job);
		return G_SOURCE_REMOVE;
	}
	if (now == NULL || now != job->h) {
		job->idle_id = 0;
		fail(job, error_about(job, _("Could not export to %s: %s"),
		                      _("the history store was closed before the export was done")));
		return G_SOURCE_REMOVE;
	}
	if (job->e == NULL && !next_series(job, &error) && error == NULL) {
		job->idle_id = 0;
		end_writing(job);
		return G_SOURCE_REMOVE;
	}
	if (error == NULL)
		iot_store_history_export_step(job->e, job->buf, job->step_rows, &done, &error);
	if (error != NULL) {
		job->idle_id = 0;
		/* TRANSLATORS: %s is the file's name, then why the history could
		 * not be read: "Could not export to temperature.csv: disk I/O error". */
		fail(job, error_about(job, _("Could not export to %s: %s"), error->message));
		g_error_free(error);
		return G_SOURCE_REMOVE;
	}
	job->rows = job->rows_before + iot_store_history_export_rows(job->e);
	if (job->buf->len > 0) {
		gsize len = job->buf->len;

		/* The writer's from now on. */
		g_atomic_int_add(&job->queued, (gint)len);
		g_async_queue_push(job->queue, job->buf);
		job->buf = g_string_sized_new(len);
	}
	if (done) {
		job->rows_before = job->rows;
		job->done_weight += g_array_index(job->series, JobSeries, job->index).weight;
		iot_store_history_export_free(job->e);
		job->e = NULL;
		job->index++;
	}
	took = g_get_monotonic_time() - t0;
	job->worst_step = MAX(job->worst_step, took);
	job->worst_cpu = MAX(job->worst_cpu, thread_cpu_us() - cpu0);
	job->steps++;
	adapt(job, took);
	if (job->progress != NULL)
		job->progress(job, fraction(job), job->rows, job->data);
	return G_SOURCE_CONTINUE;
}

/* ---- life -------------------------------------------------------------------------------- */

IotGtkHistoryExportJob *
iot_gtk_history_export_job_start(const IotGtkHistorySource *src, const GPtrArray *series,
                                 IotStoreExportMode mode, gint64 from_us, gint64 to_us,
                                 const char *path, IotGtkHistoryExportProgress progress,
                                 IotGtkHistoryExportDone done, gpointer data, GError **error)
{
	IotGtkHistoryExportJob *job;
	char *dir, *base;
	guint i;

	g_return_val_if_fail(src != NULL && series != NULL && path != NULL, NULL);
	job = g_new0(IotGtkHistoryExportJob, 1);
	job->src = *src;
	job->account = g_strdup(src->account);
	job->thing = g_strdup(src->thing);
	job->src.account = job->account;
	job->src.thing = job->thing;
	job->h = src->store != NULL ? src->store(src->data) : NULL;
	job->series = g_array_new(FALSE, TRUE, sizeof(JobSeries));
	job->mode = mode;
	job->from = from_us;
	job->to = to_us;
	job->path = g_strdup(path);
	job->buf = g_string_new(NULL);
	job->step_rows = FIRST_ROWS;
	job->progress = progress;
	job->done = done;
	job->data = data;
	job->cancel = g_cancellable_new();
	job->fd = -1;
	job->queue = g_async_queue_new();
	for (i = 0; i < series->len; i++) {
		const IotStoreSeries *s = g_ptr_array_index(series, i);
		JobSeries js = { s->id, s->kind, node_text(&s->node), g_strdup(s->name),
		                 (double)MAX(s->rows, 1) };

		/* Only numbers have hourly statistics. */
		if (mode == IOT_STORE_EXPORT_HOURS && s->kind != IOT_STORE_SERIES_NUMBERS) {
			g_free(js.node);
			g_free(js.field);
			continue;
		}
		job->all_weight += js.weight;
		g_array_append_val(job->series, js);
	}
	if (job->h == NULL) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED,
		                    _("The history store is not open: nothing can be exported."));
		job_free(job);
		return NULL;
	}
	/* In the same folder, so that the rename is atomic; hidden meanwhile. */
	dir = g_path_get_dirname(path);
	base = g_path_get_basename(path);
	job->tmp = g_strdup_printf("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
	job->fd = g_mkstemp_full(job->tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (job->fd < 0) {
		int err = errno;
		char *shown = g_filename_display_name(dir);

		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(err),
		            /* TRANSLATORS: %s is a folder, then why: "Could not create a
		             * file in /home/anna: Permission denied". */
		            _("Could not create a file in %s: %s"), shown, g_strerror(err));
		g_free(shown);
		g_free(job->tmp);
		job->tmp = NULL;
		g_free(dir);
		g_free(base);
		job_free(job);
		return NULL;
	}
	g_free(dir);
	g_free(base);
	{
		GTask *task = g_task_new(NULL, job->cancel, writer_done_cb, job);

		g_task_set_task_data(task, job, NULL);
		g_task_run_in_thread(task, writer_thread);
		g_object_unref(task);
		job->writing = TRUE;
	}
	/* After the redraws (HIGH_IDLE + 20): the window stays drawn. */
	job->idle_id = g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, step_cb, job, NULL);
	return job;
}

void
iot_gtk_history_export_job_cancel(IotGtkHistoryExportJob *job)
{
	g_return_if_fail(job != NULL);
	job->progress = NULL;
	job->done = NULL;
	/* The writer stops, removes nothing itself; writer_done_cb() frees
	 * the job and the temporary file. */
	g_cancellable_cancel(job->cancel);
	end_writing(job);
}

gint64
iot_gtk_history_export_job_worst_step(const IotGtkHistoryExportJob *job)
{
	g_return_val_if_fail(job != NULL, 0);
	return job->worst_step;
}

gint64
iot_gtk_history_export_job_worst_step_cpu(const IotGtkHistoryExportJob *job)
{
	g_return_val_if_fail(job != NULL, 0);
	return job->worst_cpu;
}

guint
iot_gtk_history_export_job_steps(const IotGtkHistoryExportJob *job)
{
	g_return_val_if_fail(job != NULL, 0);
	return job->steps;
}
