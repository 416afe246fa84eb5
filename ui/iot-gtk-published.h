/*
 * iot-gtk-published.h — the Published data window: one per subscribed node
 * (or per contact, for the sensor data it publishes to its PEP).
 *
 * It reads like a readout: it IS the readout window (iot-gtk-readout.h) with
 * its requests hidden, so the latest values have the same fields, units,
 * status words, trends, plot and CSV export; below them the recent items,
 * newest first, and the selected one decoded (sensor fields, Atom title,
 * summary, published and link, text, or indented XML). Items arrive by
 * themselves and are coalesced: however many arrive, at most
 * IOT_GTK_PUBLISHED_KEEP wait and they are applied at most every
 * IOT_GTK_PUBLISHED_COALESCE_MS, so a storm of 1,000 items a second costs
 * four small updates a second.
 *
 * Plain GTK 2: no Pidgin or libpurple API. Every string from the network
 * is shown as plain text.
 */
#ifndef IOT_GTK_PUBLISHED_H
#define IOT_GTK_PUBLISHED_H

#include <gtk/gtk.h>

#include "iot-gtk-readout.h"
#include "iot-pubsub-payload.h"
#include "iot-pubsub.h"

G_BEGIN_DECLS

#define IOT_GTK_PUBLISHED_KEEP 50
#define IOT_GTK_PUBLISHED_COALESCE_MS 250

typedef struct _IotGtkPublished IotGtkPublished;

typedef struct {
	/* The person pressed F5: the owner asks for the last items again and
	 * answers with set_items() or set_status(). (nullable) */
	void (*on_refresh)(IotGtkPublished *win, gpointer user_data);
	/* The window is being destroyed. Called exactly once; @win is freed
	 * right after: the owner ends its watch here. */
	void (*on_closed)(IotGtkPublished *win, gpointer user_data);
} IotGtkPublishedCallbacks;

/* Returns: (transfer none): a new, not yet shown window titled "Published
 * data — @label" (@label: plain text, e.g. "sensors at pubsub.example.org"
 * or a contact's name). @cbs is copied. Lives until closed or destroyed. */
IotGtkPublished *iot_gtk_published_new(const char *label, const IotGtkPublishedCallbacks *cbs,
                                       gpointer user_data);
void iot_gtk_published_destroy(IotGtkPublished *win);
GtkWidget *iot_gtk_published_get_window(IotGtkPublished *win);
/* Returns: (transfer none): the readout window inside, for its history and
 * plot source (iot_gtk_readout_set_history(), _set_plot_source()). */
IotGtkReadout *iot_gtk_published_get_readout(IotGtkPublished *win);

/* Replaces everything with @items (element-type IotPubsubItem) (transfer
 * none) (nullable), in any order (sorted by time); the latest values are
 * those of the newest items. Ends "Asking for the last items…". */
void iot_gtk_published_set_items(IotGtkPublished *win, const GPtrArray *items);
/* A new item (transfer none: copied), coalesced. Items without a time are
 * taken as arriving now. */
void iot_gtk_published_add_item(IotGtkPublished *win, const IotPubsubItem *item);
/* Items of the node went: @item_id retracted; every item purged; the node
 * deleted (the window says so and keeps what it shows). */
void iot_gtk_published_retract(IotGtkPublished *win, const char *item_id);
void iot_gtk_published_purge(IotGtkPublished *win);
void iot_gtk_published_deleted(IotGtkPublished *win);
/* Sensor fields are shown (and plotted) as fields of @node (transfer none,
 * copied; nullable: as the payload names them), as the history keeps a
 * pubsub node's values. */
void iot_gtk_published_set_field_node(IotGtkPublished *win, const char *node);
/* A sentence for the status line (plain text, nullable), an error sign when @is_error. */
void iot_gtk_published_set_status(IotGtkPublished *win, const char *text, gboolean is_error);

/* Returns: (transfer full): @p (nullable) as plain text for people: the
 * readout's fields (iot_format_readout()), Atom's parts, the text or the
 * indented XML, and the decoder's note; g_free(). */
char *iot_gtk_published_payload_text(const IotPayload *p);

/* Returns: when @item was published: its own time, else the newest
 * timestamp of its decoded sensor fields (@p nullable), else
 * IOT_TIME_UNKNOWN. */
gint64 iot_gtk_published_item_time(const IotPubsubItem *item, const IotPayload *p);

/* ---- for tests ---- */
/* Recent items: time, id, summary (utf8), newest first. */
enum { IOT_GTK_PUBLISHED_COL_TIME, IOT_GTK_PUBLISHED_COL_ID, IOT_GTK_PUBLISHED_COL_SUMMARY,
       IOT_GTK_PUBLISHED_N_COLUMNS };
GtkTreeModel *iot_gtk_published_get_items_model(IotGtkPublished *win);
gboolean iot_gtk_published_select_item(IotGtkPublished *win, const char *item_id);
/* Returns: (transfer full): the selected item's decoded text; g_free(). */
char *iot_gtk_published_get_item_text(IotGtkPublished *win);
/* The line above the recent items ("Recent items:", "Asking for the last items…" …). */
const char *iot_gtk_published_get_items_label(IotGtkPublished *win);
/* Items waiting to be applied, times applied, and items dropped in storms. */
guint iot_gtk_published_get_pending(IotGtkPublished *win);
guint iot_gtk_published_get_applies(IotGtkPublished *win);
guint iot_gtk_published_get_dropped(IotGtkPublished *win);

G_END_DECLS

#endif
