/*
 * test-concentrator-fake-private.h — what the fake concentrator's two files
 * share: test-concentrator-fake.c (its tree, the ops, its life) and
 * test-concentrator-fake-answer.c (its answers, forms, commands, queries
 * and events).
 */
#ifndef TEST_CONCENTRATOR_FAKE_PRIVATE_H
#define TEST_CONCENTRATOR_FAKE_PRIVATE_H

#include "test-concentrator-fake.h"

/* One request the fake got, until it answered it. */
typedef struct {
	FakeConc *fc;
	IotGtkConcRequest *req;
	IotGtkConcRequestKind kind;
	char *source_id;
	IotNodeRef ref;           /* the node asked about (or the parent) */
	GPtrArray *ids;           /* the nodes, as ids */
	IotGtkConcCommand *command;
	char *type;
	IotDataForm *form;
	gboolean up, aborted;
	guint sent, timer;
} FakeCall;

/* A check test fails; a program without check's runner stops. */
void fake_failed(const char *file, int line, const char *what);
#define FAKE_CHECK(cond)                                                                            \
	do {                                                                                            \
		if (!(cond))                                                                                \
			fake_failed(__FILE__, __LINE__, #cond);                                                 \
	} while (0)

/* The tree: a node added under @parent (or to @roots); @flags "r"
 * readable, "c" controllable, "x" commands. The list @n is in. */
FakeNode *add(FakeConc *fc, GPtrArray *roots, FakeNode *parent, const char *source, const char *id,
              const char *name, const char *type, IotNodeState state, const char *flags);
GPtrArray *list_of(FakeConc *fc, FakeNode *n);

/* Forms: a field added to @form; a form's values as "var=value;…". */
IotFormField *field(IotDataForm *form, IotFormFieldType type, const char *var, const char *label,
                    const char *value);
char *form_text(const IotDataForm *form);

/* Answers @c (now, or for a query in steps of the main loop), or fails it;
 * either way @c is freed (call_free) once answered. */
void answer(FakeCall *c);
void fail_call(FakeCall *c, int code, const char *text);
void call_free(FakeCall *c);

#endif
