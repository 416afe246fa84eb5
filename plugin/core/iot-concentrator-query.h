/*
 * iot-concentrator-query.h — node queries: a command of type Query runs on
 * the concentrator and streams its result back (XEP-0326 §3.7, §5.8–5.10;
 * NF Concentrator.xsd; Waher's ConcentratorServer).
 *
 * The start is an ordinary request (executeNodeQuery / executeCommonNodeQuery,
 * iot-concentrator-request.h). The result then arrives in messages:
 *
 *   <queryProgress xmlns=… [XSF sourceId nodeId cacheType | NF id src pt]
 *                  queryId='…' [NF seqNr='1']>
 *     <queryStarted/> <title name/> <status message/>
 *     <beginSection header/> … <endSection/>
 *     <newTable tableId tableName><column columnId header …/>…</newTable>
 *     <newRecords tableId><record><string>…</string><double>…</double>…</record>…</newRecords>
 *     <tableDone tableId/> <newObject contentType>base64</newObject>
 *     <queryMessage type level>text</queryMessage>
 *     <queryDone/> | <queryAborted/>
 *   </queryProgress>
 *
 * XSF: the concentrator names the query (queryId in the response); the
 * messages carry no sequence number and are taken in the order they come.
 * NF: the client names it (a duplicate id is refused with conflict); Waher
 * numbers the messages of one query 1, 2, 3 … (seqNr) and they may arrive
 * out of order: a message ahead of its turn is held until the ones before
 * it came (at most IOT_MAX_QUERY_PENDING; a gap wider than that ends the
 * query), one already seen is dropped.
 *
 * The result is one model — title, status, messages, and sections holding
 * tables (columns, records of typed cells) and objects in the order
 * reported — built up as the messages come (IotQueryStream) and reported
 * event by event, so a window can show a table while it fills. Everything
 * is bounded (iot-limits.h, IOT_MAX_QUERY_*); what a bound cut is counted
 * in the result's *_dropped members.
 */
#ifndef IOT_CONCENTRATOR_QUERY_H
#define IOT_CONCENTRATOR_QUERY_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-concentrator-request.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* --- the result -------------------------------------------------------------------- */

typedef enum {
	IOT_QUERY_CELL_VOID = 0, /* an empty cell (<void/>, or a value that could not be kept) */
	IOT_QUERY_CELL_BOOLEAN,
	IOT_QUERY_CELL_COLOR,
	IOT_QUERY_CELL_DATE,
	IOT_QUERY_CELL_DATETIME,
	IOT_QUERY_CELL_DOUBLE,
	IOT_QUERY_CELL_DURATION,
	IOT_QUERY_CELL_INT,
	IOT_QUERY_CELL_LONG,
	IOT_QUERY_CELL_STRING,
	IOT_QUERY_CELL_TIME,
	IOT_QUERY_CELL_BASE64,      /* value: the base64 text; extra: its content type */
	IOT_QUERY_CELL_QUANTITY,    /* NF: value: the magnitude (m); unit: u */
	IOT_QUERY_CELL_MEASUREMENT  /* NF: value: m; unit: u; extra: the error estimate (e) */
} IotQueryCellType;

typedef struct {
	IotQueryCellType type;
	char *value; /* nullable only for VOID: the lexical value as sent, bounded */
	char *unit;  /* nullable */
	char *extra; /* nullable, see the types */
} IotQueryCell;

typedef struct {
	guint n_cells;
	IotQueryCell *cells; /* n_cells of them, one per column in column order (a record may
	                      * have fewer or more cells than the table has columns) */
} IotQueryRecord;

typedef enum {
	IOT_QUERY_ALIGN_DEFAULT = 0,
	IOT_QUERY_ALIGN_LEFT,
	IOT_QUERY_ALIGN_CENTER,
	IOT_QUERY_ALIGN_RIGHT
} IotQueryAlignment;

typedef struct {
	char *id;          /* never NULL */
	char *header;      /* nullable: the id is the header then */
	char *source_id;   /* nullable: NF src, XSF dataSourceId — the cells name nodes of it */
	char *partition;   /* nullable: NF pt, XSF cacheTypeName */
	char *fg_color;    /* nullable: RRGGBB (validated) */
	char *bg_color;    /* nullable: RRGGBB (validated) */
	IotQueryAlignment alignment;
	int nr_decimals;   /* -1 when not said */
} IotQueryColumn;

typedef struct {
	char *id;            /* never NULL */
	char *name;          /* never NULL (may be empty) */
	GPtrArray *columns;  /* (element-type IotQueryColumn) */
	GPtrArray *records;  /* (element-type IotQueryRecord) in the order received */
	gboolean done;       /* tableDone came */
	guint records_dropped;
} IotQueryTable;

typedef struct {
	char *content_type;  /* never NULL (may be empty) */
	GBytes *data;        /* never NULL: the decoded bytes, at most IOT_MAX_QUERY_OBJECT_BYTES */
} IotQueryObject;

typedef enum {
	IOT_QUERY_MESSAGE_INFORMATION = 0,
	IOT_QUERY_MESSAGE_WARNING,
	IOT_QUERY_MESSAGE_ERROR,
	IOT_QUERY_MESSAGE_EXCEPTION
} IotQueryMessageType;

typedef enum {
	IOT_QUERY_LEVEL_MINOR = 0,
	IOT_QUERY_LEVEL_MEDIUM,
	IOT_QUERY_LEVEL_MAJOR
} IotQueryMessageLevel;

typedef struct {
	IotQueryMessageType type;
	IotQueryMessageLevel level;
	char *text;          /* never NULL */
} IotQueryMessage;

typedef enum {
	IOT_QUERY_ITEM_TABLE = 0,
	IOT_QUERY_ITEM_OBJECT,
	IOT_QUERY_ITEM_SECTION
} IotQueryItemKind;

typedef struct _IotQuerySection IotQuerySection;

/* One thing in a section, in the order reported. */
typedef struct {
	IotQueryItemKind kind;
	IotQueryTable *table;      /* TABLE */
	IotQueryObject *object;    /* OBJECT */
	IotQuerySection *section;  /* SECTION */
} IotQueryItem;

struct _IotQuerySection {
	char *header;              /* nullable: NULL for the top (default) section */
	GPtrArray *items;          /* (element-type IotQueryItem) */
	IotQuerySection *parent;   /* NULL for the top section */
};

/* The result of a query on one node. All owned by its stream (or query). */
typedef struct {
	char *title;               /* nullable */
	char *status;              /* nullable: the latest status line */
	IotQuerySection *root;     /* never NULL */
	GPtrArray *tables;         /* (element-type IotQueryTable) (transfer none): every table
	                            * in the order started, wherever its section; owned by the
	                            * sections */
	GPtrArray *messages;       /* (element-type IotQueryMessage) */
	gboolean started, done, aborted;
	guint records;             /* records kept over all tables */
	guint cells;               /* cells kept over all records */
	guint tables_dropped, records_dropped, cells_dropped, messages_dropped, objects_dropped;
	guint elements_dropped;    /* unknown or unreadable progress elements */
} IotQueryResult;

/* Returns: (transfer none) (nullable): the table with id @id. */
IotQueryTable *iot_query_result_table(const IotQueryResult *r, const char *id);

/* --- streaming ----------------------------------------------------------------------- */

typedef enum {
	IOT_QUERY_EVENT_STARTED = 0,
	IOT_QUERY_EVENT_DONE,
	IOT_QUERY_EVENT_ABORTED,
	IOT_QUERY_EVENT_TITLE,
	IOT_QUERY_EVENT_STATUS,
	IOT_QUERY_EVENT_TABLE_ADDED,    /* table */
	IOT_QUERY_EVENT_RECORDS_ADDED,  /* table, first_record, n_records */
	IOT_QUERY_EVENT_TABLE_DONE,     /* table */
	IOT_QUERY_EVENT_OBJECT_ADDED,   /* object */
	IOT_QUERY_EVENT_MESSAGE_ADDED,  /* message */
	IOT_QUERY_EVENT_SECTION_BEGUN,  /* section */
	IOT_QUERY_EVENT_SECTION_ENDED   /* section: the one ended */
} IotQueryEventKind;

/* What changed in a result. Pointers are (transfer none), valid as long as
 * the result is. */
typedef struct {
	IotQueryEventKind kind;
	const IotQueryTable *table;
	guint first_record, n_records;
	const IotQueryObject *object;
	const IotQueryMessage *message;
	const IotQuerySection *section;
} IotQueryEvent;

typedef void (*IotQueryEventFunc)(const IotQueryEvent *ev, const IotQueryResult *result, gpointer data);

typedef struct _IotQueryStream IotQueryStream;

/* Returns: (transfer full): an empty stream; iot_query_stream_free(). */
IotQueryStream *iot_query_stream_new(void);
void iot_query_stream_free(IotQueryStream *s);

/* Returns: (transfer none): the result so far; valid until the stream is freed. */
const IotQueryResult *iot_query_stream_result(const IotQueryStream *s);

/* TRUE once queryDone or queryAborted was applied. */
gboolean iot_query_stream_finished(const IotQueryStream *s);

/* Takes one <queryProgress/> (@progress, transfer none). With a seqNr it
 * is applied in its turn (held when early, dropped when seen already);
 * without one, now. @cb (nullable) runs for each change applied, in
 * order. Returns FALSE with @error (IOT_ERROR_TOO_LARGE) when the stream
 * cannot go on: too many messages held or a gap too wide, or more than
 * IOT_MAX_QUERY_PROGRESS_MESSAGES messages. Nothing is applied after
 * queryDone / queryAborted. */
gboolean iot_query_stream_feed(IotQueryStream *s, const xmlNode *progress, IotQueryEventFunc cb,
                               gpointer data, GError **error);

/* --- running a query on the request table -------------------------------------------- */

typedef struct _IotConcentratorQuery IotConcentratorQuery;

typedef struct {
	/* (nullable) A change of the result of @node (transfer none, the node the
	 * progress names; for a query on one node, that node). Never runs after
	 * on_end. */
	void (*on_event)(IotConcentratorQuery *q, const IotNodeRef *node, const IotQueryEvent *ev,
	                 const IotQueryResult *result, gpointer user_data);
	/* Runs exactly once, never before iot_concentrator_query_start()
	 * returns. @error NULL: every node's query ended — done, or aborted
	 * (result->aborted; after iot_concentrator_query_abort() or by the
	 * concentrator itself). Otherwise why it stopped: the concentrator's
	 * refusal of the start (a refused form: IOT_ERROR_BAD_REQUEST with
	 * @refusal (nullable, transfer none) holding the form errors; a
	 * duplicate query id: IOT_ERROR_CONFLICT), IOT_ERROR_TIMEOUT (no
	 * progress within the timeout), _DISCONNECTED, _CANCELLED, _TOO_LARGE
	 * (the stream could not be kept in order), _MALFORMED. The results are
	 * still readable (iot_concentrator_query_result()) during the call. */
	void (*on_end)(IotConcentratorQuery *q, const GError *error, const IotConcentratorReply *refusal,
	               gpointer user_data);
} IotConcentratorQueryFuncs;

/* Starts @req (executeNodeQuery or executeCommonNodeQuery, with its command
 * and form; for NF generations its query_id, or NULL for a fresh random
 * one) at @peer (a full JID) in @gen. The query waits at most @timeout_ms
 * for its start to be answered and then between two progress messages.
 * @funcs must outlive the query; @destroy (nullable) frees @user_data after
 * on_end. @req must pass iot_concentrator_request_check() (for NF with a
 * query id filled in).
 * Returns: (transfer none): the query, valid until on_end has run. */
IotConcentratorQuery *iot_concentrator_query_start(IotRequestTable *t, const char *peer,
                                                   IotGeneration gen,
                                                   const IotConcentratorRequest *req,
                                                   guint timeout_ms,
                                                   const IotConcentratorQueryFuncs *funcs,
                                                   gpointer user_data, GDestroyNotify destroy);

/* Returns: (transfer none) (nullable): the query id (NF: from the start;
 * XSF: once the concentrator said it). */
const char *iot_concentrator_query_get_id(const IotConcentratorQuery *q);

/* Returns: (transfer none) (nullable): the result of @node (nullable: the
 * first node's), valid while the query is (and during on_end). */
const IotQueryResult *iot_concentrator_query_result(const IotConcentratorQuery *q, const IotNodeRef *node);

/* Asks the concentrator to stop the query (abortNodeQuery /
 * abortCommonNodeQuery). It then ends — aborted — when the concentrator
 * says so, or answers that the query is gone already. Nothing when it
 * ended already or an abort is under way. */
void iot_concentrator_query_abort(IotConcentratorQuery *q);

/* Ends the query now (on_end with IOT_ERROR_CANCELLED) and, where its id is
 * known, asks the concentrator to stop it too (not waited for). */
void iot_concentrator_query_cancel(IotConcentratorQuery *q);

/* Returns: (transfer full): the correlation key of the progress messages of
 * query @query_id from @peer, as iot_request_set_key() and
 * iot_concentrator_query_handle() use it. g_free(). */
char *iot_concentrator_query_key(const char *peer, const char *query_id);

/* A <queryProgress/> element @progress (any generation) from @from: hands
 * it to its query in @t. Returns TRUE when a query took it. */
gboolean iot_concentrator_query_handle(IotRequestTable *t, const char *from, const xmlNode *progress);

/* TRUE when @el is a <queryProgress/> in a concentrator namespace. */
gboolean iot_concentrator_is_query_progress(const xmlNode *el);

G_END_DECLS

#endif
