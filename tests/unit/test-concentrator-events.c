#include "iot-tests.h"
TCase *iot_concentrator_events_tcase(void);
TCase *iot_concentrator_events_tcase(void) { return tcase_create("events"); }
