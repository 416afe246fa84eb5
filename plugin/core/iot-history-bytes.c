/*
 * iot-history-bytes.c — the byte level of the history file format: CRC-32,
 * little-endian fields, strings, and a bounds-checked cursor for reading
 * what someone else may have written. See iot-history.h for the format.
 */
#include "iot-history-private.h"

#include <string.h>

/* RFC 7622 §3.1: a JID, the longest string stored, is at most 3071 bytes. */
#define MAX_STRING_BYTES 3071

/* ---- CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) --------------------- */

static const guint32 *
crc_table(void)
{
	static guint32 table[256];
	static gsize ready = 0;

	if (g_once_init_enter(&ready)) {
		guint32 i, j;

		for (i = 0; i < 256; i++) {
			guint32 c = i;
			for (j = 0; j < 8; j++)
				c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		g_once_init_leave(&ready, 1);
	}
	return table;
}

guint32
iot_history_crc32(guint32 crc, const guint8 *p, gsize n)
{
	const guint32 *t = crc_table();

	crc = ~crc;
	while (n--)
		crc = t[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

/* ---- little-endian fields ------------------------------------------------- */

/* Appends the @n low bytes of @v, least significant first. */
void
iot_history_put_le(GByteArray *b, guint64 v, guint n)
{
	guint8 x[8];
	guint i;

	for (i = 0; i < n; i++)
		x[i] = (guint8)(v >> (8 * i));
	g_byte_array_append(b, x, n);
}


void
iot_history_put_f64(GByteArray *b, double v)
{
	guint64 bits;

	memcpy(&bits, &v, sizeof bits);
	IOT_HISTORY_PUT_U64(b, bits);
}

void
iot_history_put_str(GByteArray *b, const char *s)
{
	gsize n;

	if (s == NULL) {
		IOT_HISTORY_PUT_U16(b, IOT_HISTORY_ABSENT_STR);
		return;
	}
	/* The model never holds longer strings (iot_history_add refuses them). */
	n = MIN(strlen(s), (gsize)MAX_STRING_BYTES);
	IOT_HISTORY_PUT_U16(b, (guint16)n);
	g_byte_array_append(b, (const guint8 *)s, (guint)n);
}

guint32
iot_history_get_u32(const guint8 *p)
{
	return (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

guint64
iot_history_get_u64(const guint8 *p)
{
	return (guint64)iot_history_get_u32(p) | (guint64)iot_history_get_u32(p + 4) << 32;
}


const guint8 *
iot_history_take(IotHistoryCursor *c, gsize n)
{
	const guint8 *p = c->p;

	if (c->bad || c->left < n) {
		c->bad = TRUE;
		return NULL;
	}
	c->p += n;
	c->left -= n;
	return p;
}

guint32
iot_history_take_u32(IotHistoryCursor *c)
{
	const guint8 *p = iot_history_take(c, 4);
	return p ? iot_history_get_u32(p) : 0;
}

/* A string field: absent → NULL with *present FALSE. Bad (too long, not
 * UTF-8, cut off) marks the cursor bad. Returns: (transfer full). */
char *
iot_history_take_str(IotHistoryCursor *c, gsize max, gboolean *present)
{
	const guint8 *p = iot_history_take(c, 2);
	guint n;

	*present = FALSE;
	if (p == NULL)
		return NULL;
	n = (guint)p[0] | (guint)p[1] << 8;
	if (n == IOT_HISTORY_ABSENT_STR)
		return NULL;
	if (n > max || (p = iot_history_take(c, n)) == NULL || !g_utf8_validate((const char *)p, n, NULL) ||
	    memchr(p, '\0', n) != NULL) {
		c->bad = TRUE;
		return NULL;
	}
	*present = TRUE;
	return g_strndup((const char *)p, n);
}
