/* iot-purple-store.c — opening the store and telling its problems once. See the header. */
#include "iot-purple-store.h"

#include "iot-store-caps.h"
#include "iot-store-history.h"

#include <debug.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <notify.h>
#include <util.h>

static IotStore *store;
static gboolean told; /* a problem was told during this load */

static char *
store_path(void)
{
	return g_build_filename(purple_user_dir(), "xmpp-iot", "store.db", NULL);
}

/* Tells @primary/@secondary (transfer full) unless something was told
 * already during this load. */
static void
tell_once(gboolean is_error, char *primary, char *secondary)
{
	if (!told) {
		told = TRUE;
		if (is_error)
			purple_notify_error(NULL, _("XMPP IoT"), primary, secondary);
		else
			purple_notify_warning(NULL, _("XMPP IoT"), primary, secondary);
	}
	g_free(primary);
	g_free(secondary);
}

static char *
without_store_text(const GError *error, const char *path)
{
	const char *then = _("XMPP IoT keeps working, but what it learns is forgotten when it stops.");
	char *why, *text;

	/* TRANSLATORS: in these sentences %s is the path of the plugin's database file. */
	if (g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FULL))
		why = g_strdup_printf(_("The disk that holds %s is full."), path);
	else if (g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE))
		why = g_strdup_printf(_("%s cannot be written."), path);
	else if (g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_NEWER))
		why = g_strdup_printf(_("%s was made by a newer version of XMPP IoT and is left as it is."), path);
	else if (g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_BUSY))
		why = g_strdup_printf(_("%s is held by another program."), path);
	else
		why = g_strdup_printf(_("%s cannot be used."), path);
	text = g_strdup_printf("%s %s\n\n%s", why, then, error->message);
	g_free(why);
	return text;
}

void
iot_purple_store_open(void)
{
	char *path = store_path();
	IotStoreAside *aside = NULL;
	GError *error = NULL;

	if (store != NULL) {
		g_free(path);
		return;
	}
	told = FALSE;
	store = iot_store_open(path, &aside, &error);
	if (aside != NULL) {
		purple_debug_warning("xmpp-iot", "store %s moved aside to %s: %s\n", path, aside->moved_to,
		                     aside->detail);
		tell_once(FALSE,
		          g_strdup(aside->reason == IOT_STORE_ASIDE_FOREIGN
		                       ? _("Another program's file was where XMPP IoT keeps its data")
		                       : _("The data XMPP IoT kept was damaged")),
		          /* TRANSLATORS: %s is the path the old file has now. */
		          g_strdup_printf(_("The file was renamed to %s, not deleted. XMPP IoT started a new, "
		                            "empty store."),
		                          aside->moved_to));
		iot_store_aside_free(aside);
	}
	if (store == NULL) {
		purple_debug_error("xmpp-iot", "no store: %s\n", error->message);
		tell_once(TRUE, g_strdup(_("XMPP IoT cannot keep its data")), without_store_text(error, path));
		g_error_free(error);
	} else {
		gint64 t0 = g_get_monotonic_time();
		gint64 dropped = iot_store_caps_prune(store, g_get_real_time() / G_USEC_PER_SEC, &error);

		if (dropped < 0) {
			iot_purple_store_failed(error);
			g_error_free(error);
		} else {
			purple_debug_info("xmpp-iot", "store %s open; %" G_GINT64_FORMAT " caps entries pruned in %.1f ms\n",
			                  path, dropped, (g_get_monotonic_time() - t0) / 1000.0);
		}
	}
	g_free(path);
}

void
iot_purple_store_close(void)
{
	iot_store_close(store);
	store = NULL;
}

IotStore *
iot_purple_store_get(void)
{
	return store;
}

void
iot_purple_store_failed(const GError *error)
{
	g_return_if_fail(error != NULL);
	purple_debug_error("xmpp-iot", "store: %s\n", error->message);
	if (store == NULL)
		return;
	if (g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_FULL) ||
	    g_error_matches(error, IOT_STORE_ERROR, IOT_STORE_ERROR_UNWRITABLE)) {
		tell_once(TRUE, g_strdup(_("XMPP IoT cannot keep its data")),
		          without_store_text(error, iot_store_path(store)));
	} else if (error->domain == IOT_STORE_HISTORY_ERROR && error->code != IOT_STORE_HISTORY_ERROR_INVALID) {
		/* The history's message is a translated sentence (full disk,
		 * read-only, busy, damaged …) with SQLite's words after it. */
		tell_once(TRUE, g_strdup(_("XMPP IoT cannot keep its data")),
		          g_strdup_printf("%s\n\n%s", error->message,
		                          _("Reading and control keep working. New values wait in memory and are "
		                            "saved as soon as the store can be written again.")));
	}
}

gboolean
iot_purple_store_disk_size(gint64 *bytes)
{
	static const char *const parts[] = { "", "-wal" };
	gint64 total = 0;
	guint i;

	g_return_val_if_fail(bytes != NULL, FALSE);
	if (store == NULL)
		return FALSE;
	for (i = 0; i < G_N_ELEMENTS(parts); i++) {
		char *p = g_strconcat(iot_store_path(store), parts[i], NULL);
		GStatBuf sb;

		if (g_stat(p, &sb) == 0)
			total += (gint64)sb.st_size;
		g_free(p);
	}
	*bytes = total;
	return TRUE;
}
