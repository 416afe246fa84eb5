/*
 * test-pubsub-fake.h — a publish-subscribe service for the window tests:
 * the owner's side of IotGtkPubsubOps answering from a fixture home
 * (pubsub.home.example with a collection of sensor nodes, a news node we
 * own, a node with hostile names) from an idle callback, as the adapter
 * answers later; or holding requests unanswered, to test cancelling.
 */
#ifndef TEST_PUBSUB_FAKE_H
#define TEST_PUBSUB_FAKE_H

#include "iot-gtk-pubsub.h"

#define FAKE_SERVICE "pubsub.home.example"
#define FAKE_ME "me@home.example"
#define FAKE_HOSTILE_NODE "<b>x</b> &amp; _odd"
#define FAKE_HOSTILE_TITLE "<i>hostile</i> &amp; title_"

typedef struct {
	GPtrArray *log;       /* (element-type utf8) "SUBSCRIBE news" … one a request, in order */
	GPtrArray *held;      /* (element-type IotGtkPubsubRequest) not answered yet (hold) */
	gboolean hold;        /* requests wait in held instead of being answered */
	guint cancels, closed, watches, unwatches, opened;
	char *watch_node;     /* the node watched now */
	IotPubsubState subscribe_state; /* what SUBSCRIBE answers */
	char *last_payload;   /* PUBLISH's */
	gboolean last_xml;
	char *last_create;    /* CREATE's node */
	guint last_form_fields; /* fields of the last form sent */
	IotPubsubState last_subscriber_state;
	char *last_subscriber;
} Fake;

extern Fake fake;
extern const IotGtkPubsubOps fake_ops;

void fake_reset(void);
void fake_free(void);
/* Answers every held request (hold stays as it is). */
void fake_release(void);
/* TRUE when the log has a line starting with @prefix. */
gboolean fake_logged(const char *prefix);

/* Returns: (transfer full): @xml parsed (xmlFreeNode). */
xmlNode *fake_xml(const char *xml);
/* Returns: (transfer full): an item with @payload_xml (nullable). */
IotPubsubItem *fake_item(const char *id, const char *publisher, gint64 time, const char *payload_xml);
/* Returns: (transfer full): a sensor-data payload of Temperature @t and Humidity @h. */
char *fake_sensor_xml(double t, int h, gint64 time);
/* Returns: (transfer full): the event @xml (a <message>) says; iot_pubsub_event_free(). */
IotPubsubEvent *fake_event(const char *xml);
/* Returns: (transfer full): the fixture tests/fixtures/pubsub/@name parsed. */
xmlNode *fake_fixture(const char *name);

#endif
