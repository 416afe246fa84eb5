/*
 * iot-dynform.h — XEP-0336 dynamic forms: post-back and cancel.
 *
 * A control form may mark fields `postBack`: when a person changes one, the
 * client posts the whole form to the thing, which answers with a new form
 * (fields appear, disappear, become read-only, get errors). A form with a
 * session (the hidden field "xdd session") is cancelled when the dialog
 * closes without sending. A thing may also push a new form in a message
 * (`<updated/>`).
 *
 *   post-back: iq set <submit xmlns='urn:xmpp:xdata:dynamic' xml:lang='…'>
 *                       <x type='submit'>every field's current values</x>
 *                     </submit>  → iq result carrying an <x type='form'/>
 *   cancel:    iq set <cancel xmlns='urn:xmpp:xdata:dynamic'>
 *                       <x type='submit'><field var='xdd session'>…</field></x>
 *                     </cancel>
 *   push:      message <updated xmlns='urn:xmpp:xdata:dynamic'
 *                       sessionVariable='xdd session'><x type='form'/></updated>
 *
 * Both namespaces of the XEP's history are read (iot-dataform.h); requests
 * are written in urn:xmpp:xdata:dynamic.
 */
#ifndef IOT_DYNFORM_H
#define IOT_DYNFORM_H

#include <glib.h>
#include <libxml/tree.h>

#include "iot-control-flow.h"
#include "iot-dataform.h"
#include "iot-request.h"

G_BEGIN_DECLS

/* Returns: (transfer full): the <submit/> element for a post-back of
 * @form: every field with its current values (not fixed ones), hidden ones
 * included, in form order; xml:lang @lang (nullable). xmlFreeNode(). */
xmlNode *iot_dynform_build_post_back(const IotDataForm *form, const char *lang);

/* Returns: (transfer full) (nullable): the <cancel/> element for @form's
 * session; NULL when the form has no session. xmlFreeNode(). */
xmlNode *iot_dynform_build_cancel(const IotDataForm *form);

/* Reads the answer to a post-back: the <x type='form'/> child of @iq (or of
 * a <submit/> child), or @iq itself when it is the <x/>.
 * Returns: (transfer full) (nullable): the new form, or NULL with @error
 * (IOT_ERROR_MALFORMED). */
IotDataForm *iot_dynform_parse_answer(const xmlNode *iq, GError **error);

/* TRUE when @el (nullable) is a pushed <updated/>, in either namespace
 * (iot_dataform_is_dynamic_ns()): a message carrying one is for the
 * control dialogs, never an IM. */
gboolean iot_dynform_is_updated(const xmlNode *el);

/* Reads a pushed <updated/> (any child of a message may be passed; others
 * give NULL without error). *@session (out, transfer full, nullable) is the
 * session the new form belongs to (the value of its sessionVariable field).
 * Returns: (transfer full) (nullable): the new form. */
IotDataForm *iot_dynform_parse_updated(const xmlNode *el, char **session, GError **error);

/* Makes @next — a thing's new form for the same dialog — keep what the
 * person did in @prev: a field the person edited in @prev that is still
 * editable in @next with the same type keeps the person's values and its
 * edited mark (unless the thing set an error on it). */
void iot_dynform_carry_edits(IotDataForm *next, const IotDataForm *prev);

/* Posts @form back to @peer. @cb runs exactly once with the new form or an
 * error (iot-control-flow.h's IotControlFormFunc contract). */
guint iot_dynform_post_back(IotRequestTable *table, const char *peer, const IotDataForm *form,
                            const char *lang, guint timeout_ms, IotControlFormFunc cb,
                            gpointer user_data, GDestroyNotify destroy);

/* Tells @peer the session of @form is over (nothing is waited for; a form
 * without a session sends nothing). Returns the request handle, 0 when
 * nothing was sent. */
guint iot_dynform_send_cancel(IotRequestTable *table, const char *peer, const IotDataForm *form,
                              guint timeout_ms);

/* The same for the session @session (transfer none; a form's
 * iot_dataform_session()): what is left of a form once it is gone. */
guint iot_dynform_send_cancel_session(IotRequestTable *table, const char *peer,
                                      const char *session, guint timeout_ms);

G_END_DECLS

#endif
