/*
 * test-dataform.h — fixture helpers shared by the data-form suites
 * (test-dataform.c defines them). Results are borrowed from the form.
 */
#ifndef TEST_DATAFORM_H
#define TEST_DATAFORM_H

#include "iot-dataform.h"

/* Returns: (transfer full): the form in tests/fixtures/@relpath (the first
 * jabber:x:data element in it); aborts the test when it does not parse. */
IotDataForm *dataform_test_load(const char *relpath);
IotFormField *dataform_test_field(const IotDataForm *form, const char *var);
const char *dataform_test_value_at(const IotFormField *f, guint i);
IotLayoutItem *dataform_test_item(const IotFormSection *s, guint i);
IotFormSection *dataform_test_page(const IotDataForm *form, guint i);

#endif
