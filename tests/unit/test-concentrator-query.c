#include "iot-tests.h"
TCase *iot_concentrator_query_tcase(void);
TCase *iot_concentrator_query_tcase(void) { return tcase_create("query"); }
