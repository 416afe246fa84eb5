/*
 * iot-alert.h — the alert model: what one entry of the alert inbox is.
 *
 * Alerts come from three places (DESIGN.md §1): headline messages, IoT
 * events a thing sends (QoS warning/error flags, concentrator node errors,
 * NF events) and the person's own rules (iot-alert-rule.h). Each names its
 * source: the account it arrived on, the thing's bare JID as the server
 * stamped it (never a JID claimed inside the payload), and optionally the
 * node and field it is about.
 *
 * Texts are kept as sent: bounded to IOT_ALERT_MAX_TEXT bytes (cut at a
 * character boundary with "…"), invalid UTF-8 replaced, NUL-free, and never
 * escaped here — whoever shows a text in HTML or Pango escapes it.
 *
 * Times are µs since the Unix epoch, UTC, and always come in as arguments:
 * nothing in the alert modules reads the system clock, so that the tests
 * run on a virtual one. 0 means "not set".
 *
 * Pure C (GLib only): no purple, no GTK.
 */
#ifndef IOT_ALERT_H
#define IOT_ALERT_H

#include <glib.h>

G_BEGIN_DECLS

/* Bytes kept of an alert's text (a 1 MB headline body is cut to this). */
#define IOT_ALERT_MAX_TEXT 2048
/* Bytes kept of an account, thing JID, node id or field name. */
#define IOT_ALERT_MAX_NAME 256

#define IOT_ALERT_SECOND ((gint64)G_USEC_PER_SEC)
#define IOT_ALERT_MINUTE (60 * IOT_ALERT_SECOND)
#define IOT_ALERT_HOUR (60 * IOT_ALERT_MINUTE)

/* The numbers are kept as they were (filters take 1 << severity); how loud
 * a severity is comes from iot_alert_severity_rank(). QUESTION: an owner
 * question waiting for an answer (iot_alert_is_question()) — never an
 * alarm: no sound, never urgent, never throttled into a summary or pushed
 * out by a cap while it is pending, held by quiet hours like the others and
 * told one by one when they end. */
typedef enum {
	IOT_ALERT_INFO = 0,
	IOT_ALERT_WARNING = 1,
	IOT_ALERT_ALARM = 2,
	IOT_ALERT_QUESTION = 3
} IotAlertSeverity;
#define IOT_ALERT_SEVERITY_COUNT 4
/* Bytes of a question key (IotAlert.question): printable ASCII. */
#define IOT_ALERT_MAX_QUESTION 128

/* Where an entry is in its life. CLEARED: the condition went back to
 * normal (rules; also set when a thing says so); the cleared time stays
 * readable in any later state. DISMISSED entries are hidden from the
 * normal view and are the first to go when the inbox is full. */
typedef enum {
	IOT_ALERT_NEW = 0,
	IOT_ALERT_READ,
	IOT_ALERT_ACKNOWLEDGED,
	IOT_ALERT_SNOOZED,
	IOT_ALERT_CLEARED,
	IOT_ALERT_DISMISSED
} IotAlertState;
#define IOT_ALERT_STATE_COUNT 6

typedef enum {
	IOT_ALERT_ORIGIN_HEADLINE = 0, /* a <message type='headline'> */
	IOT_ALERT_ORIGIN_EVENT,        /* a device event: QoS flags, node errors */
	IOT_ALERT_ORIGIN_RULE,         /* one of the person's rules: rule_id */
	IOT_ALERT_ORIGIN_THROTTLED,    /* a summary: a noisy source's alerts beyond its rate */
	IOT_ALERT_ORIGIN_QUIET         /* a summary: alerts held back by quiet hours */
} IotAlertOrigin;

/* Who an alert is about. All strings are owned by the struct. */
typedef struct {
	char *account; /* never NULL once set: the account's own bare JID */
	char *thing;   /* never NULL once set: the sender's bare JID, as stamped by the server */
	char *node;    /* nullable: a node behind a concentrator */
	char *field;   /* nullable: the field the alert is about */
} IotAlertSource;

typedef struct {
	guint64 id;                /* unique within its inbox, given by the inbox; 0 before */
	IotAlertSource source;
	IotAlertSeverity severity;
	char *text;                /* never NULL: see the file comment (summaries: the words
	                            * of iot_alert_summary_text(), kept up to date) */
	gint64 first;              /* when it first arrived */
	gint64 last;               /* when it last arrived (merged) */
	gint64 cleared;            /* when it went back to normal; 0: not (yet) */
	guint count;               /* occurrences merged into it (summaries: alerts summed up) */
	IotAlertState state;
	gint64 snoozed_until;      /* state SNOOZED: when it comes back as NEW */
	gint64 deferred_until;     /* quiet hours: held back (no notice) until then; 0: not */
	gboolean urgent;           /* comes through quiet hours when an alarm */
	gboolean stranger;         /* the sender is not in the roster */
	IotAlertOrigin origin;
	guint rule_id;             /* origin RULE: the rule's id; else 0 */
	gint64 span;               /* summaries: the length of the window summed up (µs) */
	char *question;            /* severity QUESTION: the key of the question it asks (the
	                            * adapter's id of a pending question group; printable
	                            * ASCII, at most IOT_ALERT_MAX_QUESTION bytes); else NULL */
} IotAlert;

/* Returns: (transfer full): an empty alert (count 1, state NEW, text "");
 * free with iot_alert_free(). */
IotAlert *iot_alert_new(void);
/* Returns: (transfer full): a deep copy of @a; iot_alert_free(). */
IotAlert *iot_alert_copy(const IotAlert *a);
/* NULL-safe. */
void iot_alert_free(IotAlert *a);

/* Sets the source (strings copied, bounded to IOT_ALERT_MAX_NAME bytes and
 * made valid UTF-8; @node and @field nullable, "" is taken as NULL). */
void iot_alert_set_source(IotAlert *a, const char *account, const char *thing,
                          const char *node, const char *field);
/* Sets the text from @len bytes of @text (-1: NUL-terminated; nullable =
 * ""): bounded, made valid UTF-8, control characters other than newline and
 * tab replaced by spaces, surrounding blanks trimmed. Never escaped. */
void iot_alert_set_text(IotAlert *a, const char *text, gssize len);

/* Returns: (transfer full): @text (@len bytes, -1: NUL-terminated) as an
 * alert keeps it (see iot_alert_set_text()), cut to @max_bytes (at least 8). */
char *iot_alert_clean_text(const char *text, gssize len, gsize max_bytes);

void iot_alert_source_copy(IotAlertSource *dst, const IotAlertSource *src);
void iot_alert_source_clear(IotAlertSource *s);
/* TRUE when account, thing, node and field all match (NULL equals NULL;
 * JIDs compared as given: the adapter passes them normalised). */
gboolean iot_alert_source_equal(const IotAlertSource *a, const IotAlertSource *b);

/* TRUE while the entry wants attention: NEW, READ or SNOOZED, not cleared. */
gboolean iot_alert_is_open(const IotAlert *a);
/* TRUE when @a is an owner question: severity QUESTION with a question key. */
gboolean iot_alert_is_question(const IotAlert *a);
/* Sets @a's question key (nullable: none): kept when it is 1 to
 * IOT_ALERT_MAX_QUESTION bytes of printable ASCII (what
 * iot_alert_question_key_valid() accepts), else FALSE and none. */
gboolean iot_alert_set_question(IotAlert *a, const char *key);
gboolean iot_alert_question_key_valid(const char *key);
/* How loud @s is, for "the highest severity" (notices, buddy-list markers):
 * info 0 < question 1 < warning 2 < alarm 3. */
guint iot_alert_severity_rank(IotAlertSeverity s);
/* The louder of @a and @b (by iot_alert_severity_rank()). */
IotAlertSeverity iot_alert_severity_louder(IotAlertSeverity a, IotAlertSeverity b);

/* Stable English names, for the store and debug logs ("warning",
 * "acknowledged", "rule" …). Returns: (transfer none). */
const char *iot_alert_severity_name(IotAlertSeverity s);
const char *iot_alert_state_name(IotAlertState s);
const char *iot_alert_origin_name(IotAlertOrigin o);
/* Reads those names back; FALSE for anything else. */
gboolean iot_alert_severity_from_name(const char *name, IotAlertSeverity *out);
gboolean iot_alert_state_from_name(const char *name, IotAlertState *out);
gboolean iot_alert_origin_from_name(const char *name, IotAlertOrigin *out);

/* Returns: (transfer none): the severity / state in the person's words,
 * translated ("Warning", "Acknowledged", "Snoozed" …). */
const char *iot_alert_severity_text(IotAlertSeverity s);
const char *iot_alert_state_text(IotAlertState s);

/* Returns: (transfer full): @jid shortened for a summary line: its local
 * part and "@…" ("door@…"), at most 32 characters of it; a JID without a
 * local part is kept whole (bounded). g_free(). */
char *iot_alert_short_jid(const char *jid);

/* Returns: (transfer full): the words of a summary entry (origin THROTTLED
 * or QUIET), translated with plural forms:
 *   THROTTLED: "12 more from door@… in the last 10 min"
 *   QUIET:     "5 alerts from door@… arrived during quiet hours"
 * (a QUIET summary without a thing: "5 alerts arrived during quiet hours").
 * Other origins: a copy of the text. g_free(). */
char *iot_alert_summary_text(const IotAlert *a);

G_END_DECLS

#endif
