/*
 * test-plot.h — the parts of test-plot's suite in other files.
 */
#ifndef TEST_PLOT_H
#define TEST_PLOT_H

#include <check.h>

/* test-plot-source.c: the data-source contract. */
TCase *plot_source_tcase(void);

#endif
