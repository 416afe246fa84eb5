/*
 * iot-jid.h — the little JID handling the core needs: split, bare, compare.
 *
 * Comparison folds case of the local part and domain (close enough to
 * nodeprep/nameprep for matching a reply's `from` against the address we
 * asked) and keeps the resource exact, as RFC 7622 requires.
 */
#ifndef IOT_JID_H
#define IOT_JID_H

#include <glib.h>

G_BEGIN_DECLS

/* Returns: (transfer full) (nullable): the bare JID of @jid, normalised
 * (lower-case local part and domain), or NULL when @jid is not a JID. */
char *iot_jid_bare(const char *jid);

/* Returns: (transfer none) (nullable): the resource part of @jid, or NULL. */
const char *iot_jid_resource(const char *jid);

/* TRUE when @a and @b denote the same (full or bare) JID. */
gboolean iot_jid_equal(const char *a, const char *b);

/* TRUE when @a and @b share the bare JID. */
gboolean iot_jid_same_bare(const char *a, const char *b);

G_END_DECLS

#endif
