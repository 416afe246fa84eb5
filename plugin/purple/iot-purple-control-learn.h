/*
 * iot-purple-control-learn.h — what a thing lets a person control.
 *
 * Finds the thing's resource and control generation, asks for its control
 * form (getForm, waited for briefly: some things never answer one), and —
 * when it has none (slixmpp has no getForm at all) — takes its momentary and
 * status values instead, whose fields of the same name tell the parameters'
 * types (XEP-0325 §5.2). That a resource has no form is remembered while its
 * caps stay the same (iot-purple-known.h), so it is asked once; its values
 * are the last ones it reported when they name every parameter about to be
 * set, and are read from it otherwise. Shared by /control and the control
 * dialogs.
 */
#ifndef IOT_PURPLE_CONTROL_LEARN_H
#define IOT_PURPLE_CONTROL_LEARN_H

#include <account.h>

#include "iot-dataform.h"
#include "iot-ns.h"
#include "iot-readout.h"

/* Runs exactly once, never before iot_purple_control_learn() returns — unless
 * cancelled. @full_jid and @gen are the thing's resource and generation
 * (NULL / IOT_GEN_UNKNOWN when it could not be resolved). Exactly one of
 * @form (transfer full: free with iot_dataform_free()), @readout (transfer
 * none, valid during the call) and @error is set. @read_instead: the thing
 * sent no form, so a readout was asked for (and @error, if set, is why that
 * failed). */
typedef void (*IotPurpleControlLearnFunc)(const char *full_jid, IotGeneration gen,
                                          IotDataForm *form, const IotReadout *readout,
                                          const GError *error, gboolean read_instead,
                                          gpointer user_data);

/* Learns the parameters of @who (bare or full JID) on @account, for @nodes
 * (nullable; element-type IotNodeRef, copied) behind a concentrator.
 * @names (nullable, copied): the parameters about to be set — a thing
 * without a form is then not read when its last values name them all; NULL
 * when its current values are wanted (a list, a dialog). Returns a handle
 * for iot_purple_control_learn_cancel(). @destroy (nullable) frees
 * @user_data after @cb ran or the learning was cancelled. */
guint iot_purple_control_learn(PurpleAccount *account, const char *who, const GPtrArray *nodes,
                               const char *const *names, IotPurpleControlLearnFunc cb,
                               gpointer user_data, GDestroyNotify destroy);

/* Stops learning @handle: its callback never runs; @destroy does. Unknown
 * or finished handles are ignored. */
void iot_purple_control_learn_cancel(guint handle);

/* Ends every learning still under way (unload): callbacks run with @code. */
void iot_purple_control_learn_shutdown(int code);

#endif
