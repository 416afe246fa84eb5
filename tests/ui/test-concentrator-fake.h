/*
 * test-concentrator-fake.h — a concentrator made of fixtures for the
 * concentrator window's tests: it implements IotGtkConcentratorOps over a
 * tree of its own, answers at once, after a delay or when the test says,
 * fails what it is told to, and records what the window asked — and checks
 * that every request is answered exactly once.
 *
 * Its data sources:
 *   Home      rooms hall (Desk lamp, Thermostat: warning, Front door: error)
 *             and kitchen (Power meter: signed error), a node with a hostile
 *             name, and the child source Garden (Valve);
 *   Metering  100 areas ("Area 00" …) of 100 meters each ("Meter 00-00" …;
 *             Meter 07-03 error, 07-04 signed error, 07-05 warning) and a node
 *             "Big" with 1,000 children ("Big 0000" …): 11,101 nodes.
 */
#ifndef TEST_CONCENTRATOR_FAKE_H
#define TEST_CONCENTRATOR_FAKE_H

#include "iot-gtk-concentrator.h"

/* The hostile display name of Home's node "evil", as sent. */
#define FAKE_HOSTILE_NAME "<b>bold</b> &amp; _x_ %s%n <span foreground='red'>red</span>\xe2\x80\xae"

typedef struct _FakeNode FakeNode;

struct _FakeNode {
	char *id, *name, *type, *source;
	IotNodeState state;
	gboolean readable, controllable, has_commands;
	FakeNode *parent;        /* NULL for a root node */
	GPtrArray *children;     /* (element-type FakeNode) */
	char *interval;          /* a parameter */
	GPtrArray *messages;     /* (element-type IotGtkConcMessage) */
};

typedef struct {
	IotGtkConcentrator *win;
	IotGtkConcentratorOps ops;
	GHashTable *nodes;        /* "source/id" → FakeNode (owned) */
	GPtrArray *home_roots, *garden_roots, *metering_roots;

	guint delay_ms;           /* 0: answers inside the call */
	gboolean manual;          /* answers wait for fake_answer_all() */
	GPtrArray *pending;       /* FakeCall waiting */
	GHashTable *fail;         /* IotGtkConcRequestKind → GError to answer with (once) */
	guint query_records;      /* records a query sends */
	guint query_ticks;        /* … in so many steps of the main loop */
	gboolean contradict;      /* the hall's children include the hall, the kitchen and a
	                           * twice-sent lamp: a device contradicting itself */
	GHashTable *subscribed;   /* sources whose events the window gets: the fake
	                           * sends events for the changes the window asks for */

	/* what the window did */
	guint requests[IOT_GTK_CONC_REQ_SUBSCRIBE + 1];
	guint n_requests, n_answers, n_cancels, n_aborts, n_unsubscribes, closed;
	GPtrArray *reads;         /* each: utf8 "id,id,…" */
	GPtrArray *controls;
	GPtrArray *ran;           /* utf8 "command:id,id" */
	char *last_form;          /* values of the last form sent: "var=value;…" */
} FakeConc;

/* TRUE in a check test: the fake's own checks fail the test (else they stop
 * the program). */
extern gboolean fake_under_check;

FakeConc *fake_conc_new(void);
/* Opens the window over @fc (the root data sources are asked for at once). */
IotGtkConcentrator *fake_conc_open(FakeConc *fc);
void fake_conc_free(FakeConc *fc);

/* Answers everything pending now (manual or delayed). */
void fake_answer_all(FakeConc *fc);
/* How many requests wait. */
guint fake_pending(FakeConc *fc);
/* The next request of @kind fails with @code (IOT_ERROR) and @text. */
void fake_fail_next(FakeConc *fc, IotGtkConcRequestKind kind, int code, const char *text);
/* Runs the main loop until nothing is pending and the window is idle. */
void fake_settle(FakeConc *fc);

FakeNode *fake_node(FakeConc *fc, const char *source, const char *id);
/* Returns: (transfer full): the window's view of @n. */
IotGtkConcNodeInfo *fake_info(FakeNode *n);
/* Removes @n from the fake's own tree (not the window's). */
void fake_remove(FakeConc *fc, FakeNode *n);

#endif
