/* iot-purple-read.c — /read in a chat with a thing. See iot-purple-read.h. */
#include "iot-purple-read.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-purple-conv.h"
#include "iot-purple-session.h"
#include "iot-purple-target.h"
#include "iot-readout.h"

#include <cmds.h>
#include <conversation.h>
#include <debug.h>
#include <glib/gi18n-lib.h>

static PurpleCmdId read_cmd;

/* What survives between the command and the answer: never a conversation or
 * connection pointer, only the account and names (DESIGN.md §3). */
typedef struct {
	PurpleAccount *account;
	char *conv_name;
	char *who; /* bare JID shown to the user */
	IotSdRequest request;
	gint64 started_us;
} ReadJob;

static void
job_free(gpointer data)
{
	ReadJob *j = data;

	g_free(j->conv_name);
	g_free(j->who);
	iot_sd_request_clear(&j->request);
	g_free(j);
}

static void
write_error(ReadJob *j, const GError *error)
{
	char *text = iot_format_error(j->who, error, iot_purple_session_timeout_s());

	iot_purple_conv_write(j->account, j->conv_name, NULL, text, FALSE);
	g_free(text);
}

static void
readout_cb(IotReadout *readout, const GError *error, gpointer data)
{
	ReadJob *j = data;
	char *block, *title;
	gint64 now = g_get_real_time();

	purple_debug_info("xmpp-iot", "readout of %s ended after %.3f s: %s (%u fields)\n", j->who,
	                  (g_get_monotonic_time() - j->started_us) / 1e6, error ? error->message : "ok",
	                  readout ? readout->fields->len : 0);
	if (error != NULL) {
		write_error(j, error);
		return;
	}
	block = iot_format_readout(readout, IOT_MAX_CONVERSATION_FIELDS, now);
	/* TRANSLATORS: title above a readout; %s is the thing's address. */
	title = g_strdup_printf(_("Sensor data from %s"), j->who);
	iot_purple_conv_write(j->account, j->conv_name, title, block, TRUE);
	g_free(title);
	g_free(block);
}

static void
target_cb(const char *full_jid, IotGeneration gen, const GError *error, gpointer data)
{
	ReadJob *j = data;
	IotPurpleSession *s;
	ReadJob *copy;

	if (error != NULL) {
		write_error(j, error);
		return;
	}
	s = iot_purple_session_get(j->account);
	if (s == NULL)
		return;
	purple_debug_info("xmpp-iot", "reading %s as %s\n", full_jid, iot_generation_name(gen));
	/* The resolve step frees its job after this callback; the readout gets its own. */
	copy = g_new0(ReadJob, 1);
	copy->account = j->account;
	copy->conv_name = g_strdup(j->conv_name);
	copy->who = g_strdup(j->who);
	copy->started_us = j->started_us;
	iot_sd_request_copy(&copy->request, &j->request);
	iot_readout_start(s->table, full_jid, gen, &copy->request, iot_purple_session_timeout_s() * 1000,
	                  readout_cb, copy, job_free);
}

static PurpleCmdRet
read_cmd_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	IotPurpleSession *s = iot_purple_session_get(account);
	GError *perr = NULL;
	ReadJob *j;
	char *note;

	if (s == NULL) {
		*error = g_markup_escape_text(_("XMPP IoT is not active on this account yet; wait until it is online."), -1);
		return PURPLE_CMD_RET_FAILED;
	}
	j = g_new0(ReadJob, 1);
	if (!iot_cmdargs_parse_read(args && args[0] ? args[0] : "", &j->request, &perr)) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		job_free(j);
		return PURPLE_CMD_RET_FAILED;
	}
	j->account = account;
	j->conv_name = g_strdup(purple_conversation_get_name(conv));
	j->who = iot_jid_bare(j->conv_name);
	if (j->who == NULL)
		j->who = g_strdup(j->conv_name);
	j->started_us = g_get_monotonic_time();
	/* TRANSLATORS: shown while waiting for a thing; %s is its address. */
	note = g_strdup_printf(_("Reading %s…"), j->who);
	iot_purple_conv_write(account, j->conv_name, NULL, note, FALSE);
	g_free(note);
	iot_purple_target_resolve(s, j->conv_name, IOT_FUNC_SENSORDATA, target_cb, j, job_free);
	return PURPLE_CMD_RET_OK;
}

void
iot_purple_read_register(void)
{
	/* The help text is shown as HTML: the angle brackets are escaped. */
	read_cmd = purple_cmd_register(
	    "read", "s", PURPLE_CMD_P_PLUGIN,
	    PURPLE_CMD_FLAG_IM | PURPLE_CMD_FLAG_PRPL_ONLY | PURPLE_CMD_FLAG_ALLOW_WRONG_ARGS,
	    "prpl-jabber", read_cmd_cb,
	    _("read [all | momentary | peak | status | computed | identity | historical] [field …] "
	      "[node &lt;id&gt;]: read the sensor values of this thing.<br>"
	      "/read — momentary values; /read all — every category; "
	      "/read temperature humidity — only those fields; "
	      "/read node kitchen — a node behind a concentrator. "
	      "Put names with spaces in quotes."),
	    NULL);
}

void
iot_purple_read_unregister(void)
{
	if (read_cmd != 0)
		purple_cmd_unregister(read_cmd);
	read_cmd = 0;
}
