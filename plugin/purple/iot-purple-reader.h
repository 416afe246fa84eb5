/*
 * iot-purple-reader.h — one readout of a thing, as the chat command and the
 * windows ask for it: find the thing's resource and generation, read, record
 * the numbers in its history, call back once.
 *
 * The caller keeps a handle, not a pointer: a window that closes cancels its
 * readout with iot_purple_reader_cancel() and never hears of it again.
 */
#ifndef IOT_PURPLE_READER_H
#define IOT_PURPLE_READER_H

#include <account.h>

#include "iot-readout.h"

/* @readout (transfer none, nullable on error) is valid during the call only.
 * @full_jid (nullable) is the resource that answered. */
typedef void (*IotPurpleReaderFunc)(PurpleAccount *account, const char *who, const char *full_jid,
                                    IotReadout *readout, const GError *error, gpointer user_data);

/* Reads @who (bare or full JID) on @account as @request says. Returns a
 * non-zero handle; @cb runs exactly once (also when the account goes
 * offline or the plugin unloads), never before this call returns. When the
 * account has no session, @cb runs from a zero-delay timeout with
 * IOT_ERROR_DISCONNECTED. @destroy (nullable) frees @user_data after @cb. */
guint iot_purple_reader_start(PurpleAccount *account, const char *who, const IotSdRequest *request,
                              IotPurpleReaderFunc cb, gpointer user_data, GDestroyNotify destroy);

/* Ends the readout @handle without calling its callback (its @destroy still
 * runs). Unknown or finished handles are ignored. */
void iot_purple_reader_cancel(guint handle);

/* Ends every readout (unload): callbacks run with @code. */
void iot_purple_reader_shutdown(int code);

#endif
