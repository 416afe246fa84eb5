/* test-registry-window.h — what test-registry-window.c's fixture home
 * lends the other registry window tests (test-registry-mask.c). */
#ifndef IOT_TEST_REGISTRY_WINDOW_H
#define IOT_TEST_REGISTRY_WINDOW_H

#include "iot-gtk-registry.h"

#include <check.h>
#include <gtk/gtk.h>

#define SECRET "s3cr3t-KEY"

/* The fixture home's operations: requests are logged and answered later. */
extern const IotGtkRegistryOps ops;
/* (transfer none) (nullable): the newest logged request starting with @prefix. */
const char *logged(const char *prefix);
/* Runs the main loop until the windows have settled. */
void settle(void);
/* Shows @w as the window under test (destroyed at teardown). */
void show(GtkWidget *w);
gboolean sensitive(GtkWidget *w);

/* test-registry-mask.c */
void registry_mask_add_tests(TCase *tc);

#endif
