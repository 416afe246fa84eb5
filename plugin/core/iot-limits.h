/*
 * iot-limits.h — every bound on what a peer can make us hold or show.
 *
 * DESIGN.md §6: limits are explicit constants, and hitting one says so. They
 * are plain macros so that the parsers, the tests and the notes shown to the
 * user agree on the same numbers.
 */
#ifndef IOT_LIMITS_H
#define IOT_LIMITS_H

/* Fields kept from one readout; further ones are counted and skipped. */
#define IOT_MAX_FIELDS_PER_READOUT 50000
/* Node failures (per-node error texts) kept from one readout. */
#define IOT_MAX_FAILURES_PER_READOUT 1000
/* Bytes kept of a field name, unit, enum type, node id … */
#define IOT_MAX_NAME_BYTES 256
/* Bytes kept of a string value. */
#define IOT_MAX_VALUE_BYTES 4096
/* Bytes kept of a peer's error text. */
#define IOT_MAX_ERROR_TEXT 1024
/* Notes about skipped or truncated items kept in one readout; the rest are counted. */
#define IOT_MAX_NOTES 20
/* Messages one readout may take (multi-message flows); protects against a
 * thing that never says "done" yet keeps talking. */
#define IOT_MAX_MESSAGES_PER_READOUT 100000
/* Lines a readout writes into a conversation; the rest is summarised. */
#define IOT_MAX_CONVERSATION_FIELDS 200
/* Longest duration shown in days, hours and minutes; a longer one (up to
 * infinity: xs:duration has no bound) is shown as "more than 10000 years".
 * Years count 365 days, as iot_time_parse_duration() counts them. */
#define IOT_MAX_DURATION_YEARS 10000
/* Element nesting a parser follows below a payload element. */
#define IOT_MAX_DEPTH 16
/* Features kept from one disco#info answer. */
#define IOT_MAX_DISCO_FEATURES 512
/* Full JIDs whose disco#info we cache per account. */
#define IOT_MAX_DISCO_CACHE 4096
/* XEP-0115 caps: bytes kept of a presence's hash name, node and ver (longer
 * ones count as no caps); bytes of a verification string we compute; bytes of
 * a disco#info answer kept in the store; disco#info queries one resource gets
 * while it stays online (a caps change asks again, a resource that keeps
 * changing is not asked endlessly). */
#define IOT_MAX_CAPS_ATTR_BYTES 256
#define IOT_MAX_CAPS_STRING_BYTES (256 * 1024)
#define IOT_MAX_CAPS_INFO_BYTES (16 * 1024)
#define IOT_MAX_DISCO_ASKS_PER_RESOURCE 8
/* Verified caps versions kept in memory (process-wide) and in the store; a
 * stored version unused this many days is pruned (at load and every
 * IOT_STORE_CAPS_PRUNE_EVERY new versions). A typical answer is 1-3 KB: the
 * store's caps table stays under ~7 MB at its bound (make bench measures it). */
#define IOT_MAX_CAPS_MEMORY 1024
#define IOT_STORE_CAPS_MAX_ROWS 5000
#define IOT_STORE_CAPS_PRUNE_EVERY 100
#define IOT_STORE_CAPS_UNUSED_DAYS 90

/* Control (XEP-0325 family) and its data forms (XEP-0004 and extensions). */
/* Fields kept from one data form; further ones are counted and skipped. */
#define IOT_MAX_FORM_FIELDS 500
/* Options kept per list field, and values kept per multi-valued field. */
#define IOT_MAX_FORM_OPTIONS 1000
#define IOT_MAX_FORM_VALUES 1000
/* Layout items (pages, sections, field references, texts) kept per form. */
#define IOT_MAX_FORM_LAYOUT_ITEMS 2000
/* Nesting of XEP-0141 sections followed below a page. */
#define IOT_MAX_FORM_DEPTH 8
/* Bytes kept of a title, label, description, instruction or layout text. */
#define IOT_MAX_LABEL_BYTES 1024
/* Bytes of a XEP-0122 regex we are willing to compile, and the PCRE match
 * limit when running it: a thing must not be able to freeze the dialog with
 * a catastrophic pattern. */
#define IOT_MAX_REGEX_BYTES 1024
#define IOT_REGEX_MATCH_LIMIT 100000
/* Parameters and nodes kept from one control request or answer. */
#define IOT_MAX_CONTROL_PARAMETERS 1000
#define IOT_MAX_CONTROL_NODES 1000
/* Bytes of what a person may type as one control value. */
#define IOT_MAX_INPUT_BYTES 4096

/* History (iot-history.h): samples kept per series (node, field) of one
 * thing, oldest dropped first; and series kept per thing, further ones
 * refused. At both caps one thing holds 5 000 000 samples: see the memory
 * figures in iot-history.h. */
#define IOT_HISTORY_MAX_SAMPLES 10000
#define IOT_HISTORY_MAX_SERIES 500
/* Samples the history store (iot-store-history.h) holds in memory between
 * two writes; further ones are refused and counted. A flush a second keeps
 * the queue far below; it fills only while the database cannot be written
 * (disk full, read-only, busy), and then stops at about 5 MB. */
#define IOT_STORE_HISTORY_MAX_QUEUE 100000
/* How the adapter writes and purges the history store on the main loop
 * (and how tests/stress/stress-store.c measures it): at most one write a
 * second of at most this many samples (about 5 ms; more wait for the next
 * second); purge steps of this many rows (each also moves on the recent
 * samples of as many series: up to about 5 ms), another one only while one
 * as long as the longest so far fits in the slice, the next slice a little
 * later while there is more. */
#define IOT_STORE_HISTORY_FLUSH_MS 1000
#define IOT_STORE_HISTORY_FLUSH_SAMPLES 2000
#define IOT_STORE_HISTORY_PURGE_ROWS 50
#define IOT_STORE_HISTORY_PURGE_SLICE_US 3000
#define IOT_STORE_HISTORY_PURGE_MORE_MS 25
/* Nodes and field conditions read from one event subscription
 * (iot-events.h); further ones are skipped. */
#define IOT_MAX_SUBSCRIBE_NODES 1000
#define IOT_MAX_SUBSCRIBE_FIELDS 1000

/* Concentrators (iot-concentrator.h): data sources kept from one answer,
 * nodes kept from one node list; further ones are counted and skipped. */
#define IOT_MAX_CONCENTRATOR_SOURCES 256
#define IOT_MAX_CONCENTRATOR_NODES 5000
/* Concentrators whose data sources and node places an account remembers,
 * and nodes remembered per concentrator. */
#define IOT_MAX_CONCENTRATOR_CACHE 256
#define IOT_MAX_CONCENTRATOR_CACHE_NODES 4096
/* Values read from one getCapabilities answer. */
#define IOT_MAX_CONCENTRATOR_CAPABILITIES 128
/* Parameters and status messages kept per node; further ones are counted. */
#define IOT_MAX_NODE_PARAMETERS 256
#define IOT_MAX_NODE_MESSAGES 256
/* Commands kept from one getNodeCommands answer, node types from one
 * getAddableNodeTypes answer, per-node results of one common command, form
 * errors of one refusal, yes/no answers of one containsNodes. */
#define IOT_MAX_CONCENTRATOR_COMMANDS 500
#define IOT_MAX_CONCENTRATOR_NODE_TYPES 1000
#define IOT_MAX_CONCENTRATOR_RESULTS 5000
#define IOT_MAX_CONCENTRATOR_FORM_ERRORS 500
/* Nodes one request may name (getNodes, the common commands, moves). */
#define IOT_MAX_CONCENTRATOR_REQUEST_NODES 1000
/* Data-source events read from one message. */
#define IOT_MAX_CONCENTRATOR_EVENTS_PER_MESSAGE 1000
/* Nodes one loaded tree (iot-concentrator-tree.h) holds: a browse window
 * that opened 10,000 nodes holds them all; beyond this, new nodes are refused
 * and counted. Per level, the bound is IOT_MAX_CONCENTRATOR_NODES. */
#define IOT_MAX_CONCENTRATOR_TREE_NODES 100000

/* Node queries (iot-concentrator-query.h): the result of one query. */
/* Tables, and columns per table. */
#define IOT_MAX_QUERY_TABLES 100
#define IOT_MAX_QUERY_COLUMNS 200
/* Records kept over all tables, and cells over all records. */
#define IOT_MAX_QUERY_RECORDS 100000
#define IOT_MAX_QUERY_CELLS 1000000
/* Query messages kept, objects kept, and decoded bytes of one object. */
#define IOT_MAX_QUERY_MESSAGES 1000
#define IOT_MAX_QUERY_OBJECTS 100
#define IOT_MAX_QUERY_OBJECT_BYTES (4 * 1024 * 1024)
/* Nesting of sections followed. */
#define IOT_MAX_QUERY_SECTION_DEPTH 16
/* Progress messages held back while an earlier sequence number is missing;
 * one that is further ahead than this ends the query (something was lost). */
#define IOT_MAX_QUERY_PENDING 256
/* Progress messages one query may take in all. */
#define IOT_MAX_QUERY_PROGRESS_MESSAGES 100000

#endif
