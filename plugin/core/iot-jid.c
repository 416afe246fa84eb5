/* iot-jid.c — JID split and compare. See iot-jid.h. */
#include "iot-jid.h"

#include <string.h>

static gboolean
split(const char *jid, char **bare_out, const char **resource_out)
{
	const char *slash, *at;
	char *bare, *folded;

	if (jid == NULL || *jid == '\0' || !g_utf8_validate(jid, -1, NULL))
		return FALSE;
	slash = strchr(jid, '/');
	at = strchr(jid, '@');
	if (at != NULL && slash != NULL && at > slash)
		at = NULL; /* an '@' in the resource */
	if (slash == jid || at == jid || (at != NULL && at + 1 == (slash ? slash : jid + strlen(jid))))
		return FALSE;
	bare = slash ? g_strndup(jid, (gsize)(slash - jid)) : g_strdup(jid);
	folded = g_utf8_casefold(bare, -1);
	g_free(bare);
	if (bare_out)
		*bare_out = folded;
	else
		g_free(folded);
	if (resource_out)
		*resource_out = slash ? slash + 1 : NULL;
	return TRUE;
}

char *
iot_jid_bare(const char *jid)
{
	char *bare = NULL;

	return split(jid, &bare, NULL) ? bare : NULL;
}

const char *
iot_jid_resource(const char *jid)
{
	const char *res = NULL;

	if (!split(jid, NULL, &res))
		return NULL;
	return (res != NULL && *res != '\0') ? res : NULL;
}

gboolean
iot_jid_same_bare(const char *a, const char *b)
{
	char *ba = iot_jid_bare(a), *bb = iot_jid_bare(b);
	gboolean eq = ba != NULL && bb != NULL && strcmp(ba, bb) == 0;

	g_free(ba);
	g_free(bb);
	return eq;
}

gboolean
iot_jid_equal(const char *a, const char *b)
{
	return iot_jid_same_bare(a, b) && g_strcmp0(iot_jid_resource(a), iot_jid_resource(b)) == 0;
}
