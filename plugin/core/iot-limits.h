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
/* Element nesting a parser follows below a payload element. */
#define IOT_MAX_DEPTH 16
/* Features kept from one disco#info answer. */
#define IOT_MAX_DISCO_FEATURES 512
/* Full JIDs whose disco#info we cache per account. */
#define IOT_MAX_DISCO_CACHE 4096

#endif
