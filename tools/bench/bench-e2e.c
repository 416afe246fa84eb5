/*
 * bench-e2e.c — end to end through the account's stream: `/read` typed in a
 * conversation until the values are written there, with the libpurple-only
 * plugin, against the simulated home (run inside tests/testenv.sh).
 * Prints "e2e plugin read <median-s> <min-s>", then the same for `/control`
 * setting the thermostat ("e2e plugin control …": typed until the thing's
 * answer is written), "e2e plugin bulk <s>" and the process's peak memory
 * before and after the 10,000-field readout.
 */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNS 21
#define PAUSE_MS 150

static long
vm_hwm_kib(void)
{
	char *status = NULL, *p;
	long kib = -1;

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (p = strstr(status, "VmHWM:")) != NULL)
		kib = strtol(p + 6, NULL, 10);
	g_free(status);
	return kib;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
timed_control(const char *who, const char *cmd)
{
	gint64 t0 = g_get_monotonic_time();
	const char *out = client_command(who, cmd, 2, 30000);
	double s = (g_get_monotonic_time() - t0) / 1e6;

	if (strstr(out, "Set setpoint to") == NULL) {
		fprintf(stderr, "bench: %s not set: %s\n", who, out);
		exit(1);
	}
	return s;
}

static double
timed_read(const char *who, const char *cmd)
{
	gint64 t0 = g_get_monotonic_time();
	const char *out = client_command(who, cmd, 2, 30000);
	double s = (g_get_monotonic_time() - t0) / 1e6;

	if (strstr(out, "Sensor data from") == NULL) {
		fprintf(stderr, "bench: no readout from %s: %s\n", who, out);
		exit(1);
	}
	return s;
}

int
main(void)
{
	double t[RUNS], bulk;
	long hwm0, hwm1;
	int i;

	client_start();
	timed_read("thermostat@" DOMAIN, "read"); /* warm: disco#info is asked once */
	/* A person types one command at a time: pause between readouts, so that
	 * each starts on an idle stream as it would in use (back to back, the
	 * stream-management acks of one readout and Nagle's algorithm on
	 * libpurple's socket hold the next request back by a delayed ACK). */
	for (i = 0; i < RUNS; i++) {
		client_sleep(PAUSE_MS);
		t[i] = timed_read("thermostat@" DOMAIN, "read");
	}
	qsort(t, RUNS, sizeof t[0], cmp_double);
	printf("e2e plugin read %.6f %.6f\n", t[RUNS / 2], t[0]);
	/* The thermostat has no control form: the first /control learns that
	 * (and its types); the ones timed are what a person sees every time after. */
	timed_control("thermostat@" DOMAIN, "control setpoint=20.5");
	for (i = 0; i < RUNS; i++) {
		client_sleep(PAUSE_MS);
		t[i] = timed_control("thermostat@" DOMAIN, i % 2 ? "control setpoint=20.5" : "control setpoint=21.5");
	}
	qsort(t, RUNS, sizeof t[0], cmp_double);
	printf("e2e plugin control %.6f %.6f\n", t[RUNS / 2], t[0]);
	timed_control("thermostat@" DOMAIN, "control setpoint=20.0");
	hwm0 = vm_hwm_kib();
	bulk = timed_read("bulk@" DOMAIN, "read");
	hwm1 = vm_hwm_kib();
	printf("e2e plugin bulk %.6f\n", bulk);
	printf("memory plugin-process-peak-before-kib %ld\n", hwm0);
	printf("memory plugin-process-peak-after-10000-kib %ld\n", hwm1);
	fflush(stdout);
	client_stop();
	return 0;
}
