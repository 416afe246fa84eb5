/* iot-purple-read.c — /read in a chat with a thing. See iot-purple-read.h. */
#include "iot-purple-read.h"

#include "iot-cmdargs.h"
#include "iot-error.h"
#include "iot-format.h"
#include "iot-jid.h"
#include "iot-limits.h"
#include "iot-purple-conv.h"
#include "iot-purple-session.h"
#include "iot-purple-reader.h"

#include <cmds.h>
#include <conversation.h>
#include <debug.h>
#include <glib/gi18n-lib.h>

static PurpleCmdId read_cmd;

/* What survives between the command and the answer: never a conversation or
 * connection pointer, only the account and names (DESIGN.md §3). */
typedef struct {
	char *conv_name;
	char *who; /* bare JID shown to the user */
} ReadJob;

static void
job_free(gpointer data)
{
	ReadJob *j = data;

	g_free(j->conv_name);
	g_free(j->who);
	g_free(j);
}

static void
read_done(PurpleAccount *account, const char *who, const char *full_jid, IotReadout *readout,
          const GError *error, gpointer data)
{
	ReadJob *j = data;
	char *block, *title;

	if (error != NULL) {
		char *text = iot_format_error(j->who, error, iot_purple_session_timeout_s());
		iot_purple_conv_write(account, j->conv_name, NULL, text, FALSE);
		g_free(text);
		return;
	}
	block = iot_format_readout(readout, IOT_MAX_CONVERSATION_FIELDS, g_get_real_time());
	/* TRANSLATORS: title above a readout; %s is the thing's address. */
	title = g_strdup_printf(_("Sensor data from %s"), j->who);
	iot_purple_conv_write(account, j->conv_name, title, block, TRUE);
	g_free(title);
	g_free(block);
}

static PurpleCmdRet
read_cmd_cb(PurpleConversation *conv, const gchar *cmd, gchar **args, gchar **error, void *data)
{
	PurpleAccount *account = purple_conversation_get_account(conv);
	IotPurpleSession *s = iot_purple_session_get(account);
	GError *perr = NULL;
	IotSdRequest request;
	ReadJob *j;
	char *note;

	if (s == NULL) {
		*error = g_markup_escape_text(_("XMPP IoT is not active on this account yet; wait until it is online."), -1);
		return PURPLE_CMD_RET_FAILED;
	}
	if (!iot_cmdargs_parse_read(args && args[0] ? args[0] : "", &request, &perr)) {
		*error = g_markup_escape_text(perr->message, -1);
		g_error_free(perr);
		return PURPLE_CMD_RET_FAILED;
	}
	j = g_new0(ReadJob, 1);
	j->conv_name = g_strdup(purple_conversation_get_name(conv));
	j->who = iot_jid_bare(j->conv_name);
	if (j->who == NULL)
		j->who = g_strdup(j->conv_name);
	/* TRANSLATORS: shown while waiting for a thing; %s is its address. */
	note = g_strdup_printf(_("Reading %s…"), j->who);
	iot_purple_conv_write(account, j->conv_name, NULL, note, FALSE);
	g_free(note);
	iot_purple_reader_start(account, j->conv_name, &request, read_done, j, job_free);
	iot_sd_request_clear(&request);
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
	      "/read — the thing as it is now: momentary and status values; "
	      "/read all — every category; "
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
