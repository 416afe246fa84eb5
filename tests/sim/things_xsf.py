"""Things of the XSF family: urn:xmpp:iot:sensordata (XEP-0323 v0.2+) and urn:xmpp:sn (v0.1).

thermostat  slixmpp's own, unmodified xep_0323/xep_0325 plugins; counts the requests they get
door        urn:xmpp:sn, hand-written (accepted, then one fields message)
garbage     malformed and hostile readout data
silent      never answers a readout nor a control set (it answers getForm, so that a
            client learns the types and sends a set); counts both; on request it stops
            answering disco#info as well
mallory     answers truthfully, but only after eve has forged an answer
eve         mallory's accomplice
"""
import datetime

from slixmpp.plugins.xep_0323.device import Device as SensorDevice
from slixmpp.plugins.xep_0325.device import Device as ControlDevice

from things_base import (IOT_SD_NAMESPACES, NS_CLIENT, SimClient, a, child, requested_categories,
                         sn_field, wanted, x, xsf_field)
from things_home import field_value
from things_nf import NS_XDATA, NS_XDATA_VALIDATE

NS_XSF = "urn:xmpp:iot:sensordata"
NS_SN = "urn:xmpp:sn"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"


def xsf_request(iq, ns):
    """(req element, seqnr, categories, field names, node ids) of an XEP-0323 request."""
    req = child(iq, ns, "req")
    names = {f.get("name") for f in req.findall("{%s}field" % ns)}
    nodes = [n.get("nodeId") for n in req.findall("{%s}node" % ns)]
    return req, req.get("seqnr", ""), requested_categories(req.attrib, long_names=True), names, nodes


# --- thermostat: the stock slixmpp plugins ---------------------------------------------

class ThermostatSensor(SensorDevice):
    """XEP-0323 side of the thermostat. Values come from home.json, except those
    of control fields, which are read back from the XEP-0325 device so that a
    <set/> changes the next readout."""

    def __init__(self, node_id, thing, controls):
        super().__init__(node_id)
        self.thing = thing
        self.controls = controls
        for f in thing["fields"]:
            self._add_field(f["name"], f["type"], unit=f.get("unit"), dataType=f.get("dataType"))

    def refresh(self, fields):
        for f in self.thing["fields"]:
            value = (self.controls._get_field_value(f["name"]) if f.get("control")
                     else field_value(f))
            # _add_field_momentary_data() adds momentary='true' itself.
            extra = {flag: "true" for flag in f.get("flags", []) if flag != "momentary"}
            self._add_field_momentary_data(f["name"], value, flags=extra)
        # History relative to now; the stock Device parses these keys with
        # strptime('%Y-%m-%dT%H:%M:%S'): local time, no zone, as its momentary stamps.
        self.timestamp_data = {}
        now = datetime.datetime.now().replace(microsecond=0)
        for h in self.thing.get("history", []):
            ts = (now - datetime.timedelta(hours=h["hours_ago"])).isoformat()
            self._add_field_timestamp_data(h["name"], ts, h["value"],
                                           flags={flag: "true" for flag in h.get("flags", [])})

    def request_fields(self, fields, flags, session, callback):
        # The stock Device answers all='true' with the momentary values only and
        # never looks at its timestamped data. Send the history first (one fields
        # message per timestamp), then let the stock code send the momentary
        # values with done='true'.
        if flags.get("all") == "true":
            history_flags = {k: v for k, v in flags.items() if k != "all"}
            history_flags["historical"] = "true"
            failed = []

            def history_only(session, nodeId, result, timestamp_block=None, error_msg=None):
                if result == "fields":
                    callback(session, nodeId=nodeId, result="fields", timestamp_block=timestamp_block)
                elif result == "error":
                    failed.append(True)
                    callback(session, nodeId=nodeId, result="error", timestamp_block=None,
                             error_msg=error_msg)
                # result 'done' of the history part is swallowed: the readout goes on.

            super().request_fields(fields, history_flags, session, history_only)
            if failed:
                return False
        return super().request_fields(fields, flags, session, callback)


class ThermostatThing(SimClient):
    def setup(self):
        node = self.entry["node"]
        # threaded=False: the stock plugin otherwise reads out in a threading.Thread
        # that calls send() off the asyncio loop.
        self.register_plugin("xep_0323", {"threaded": False})
        self.register_plugin("xep_0325")
        self.controls = ControlDevice(node)
        for f in self.entry["fields"]:
            if f.get("control"):
                self.controls._add_control_field(f["name"], f["control"], f["value"])
        self.sensor = ThermostatSensor(node, self.entry, self.controls)
        self.plugin["xep_0323"].register_node(node, self.sensor, commTimeout=10)
        self.plugin["xep_0325"].register_node(node, self.controls, commTimeout=10)
        # Counted on the way in, never handled here: the stock plugins (and
        # slixmpp's feature-not-implemented for getForm) answer as they would.
        self.counts = {"getForm": 0, "req": 0, "set": 0}
        self.add_filter("in", self._count)
        self.add_event_handler("message", self._on_count_message)

    def _count(self, stanza):
        if stanza.xml.tag == "{%s}iq" % NS_CLIENT and stanza.xml.get("type") in ("get", "set"):
            for payload in stanza.xml:
                if payload.tag == "{urn:xmpp:iot:control}getForm":
                    self.counts["getForm"] += 1
                elif payload.tag == "{%s}req" % NS_XSF:
                    self.counts["req"] += 1
                elif payload.tag == "{urn:xmpp:iot:control}set":
                    self.counts["set"] += 1
        return stanza

    def _on_count_message(self, msg):
        if msg["type"] in ("chat", "normal") and msg["body"].strip() == self.entry["count_command"]:
            c = self.counts
            msg.reply("%sgetForm %d req %d set %d" % (self.entry["count_reply_prefix"], c["getForm"],
                                                      c["req"], c["set"])).send()


# --- door: XEP-0323 v0.1 -----------------------------------------------------------------

class DoorThing(SimClient):
    def setup(self):
        self.handle("sn req", "{%s}iq/{%s}req" % (NS_CLIENT, NS_SN), self.on_req)

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        _req, seqnr, cats, names, nodes = xsf_request(iq, NS_SN)
        node = self.entry["node"]
        unknown = [n for n in nodes if n != node]
        if unknown:
            # v0.1 rejected a readout with its own element, not an RFC 6120 error.
            self.send_xml("<iq type='error' to=%s id=%s><rejected xmlns='%s' seqnr=%s>"
                          "<error>Unknown node: %s</error></rejected></iq>"
                          % (a(iq["from"].full), a(iq["id"]), NS_SN, a(seqnr),
                             x(unknown[0])))
            return
        self.iq_result(iq, "<accepted xmlns='%s' seqnr=%s/>" % (NS_SN, a(seqnr)))
        now = self.now()
        body = "".join(sn_field(f, now) for f in self.entry["fields"] if wanted(f, cats, names))
        self.send_message_xml(iq["from"].full,
                              "<fields xmlns='%s' seqnr=%s done='true'><node nodeId=%s>"
                              "<timestamp value=%s>%s</timestamp></node></fields>"
                              % (NS_SN, a(seqnr), a(node), a(self.stamp(now)), body))


# --- garbage: malformed and hostile data ---------------------------------------------------

class GarbageThing(SimClient):
    def setup(self):
        self.handle("xsf req", "{%s}iq/{%s}req" % (NS_CLIENT, NS_XSF), self.on_req)

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        _req, seqnr, _cats, _names, _nodes = xsf_request(iq, NS_XSF)
        t = self.entry
        to = iq["from"].full
        now = self.now()
        stamp = self.stamp(now)
        self.iq_result(iq, "<accepted xmlns='%s' seqnr=%s/>" % (NS_XSF, a(seqnr)))
        # A per-node error first, without done: the readout continues.
        self.send_message_xml(to, "<failure xmlns='%s' seqnr=%s><error nodeId=%s timestamp=%s>%s</error></failure>"
                              % (NS_XSF, a(seqnr), a(t["node"]), a(stamp),
                                 x(t["failure"]["text"])))
        good = [xsf_field(f, now) for f in t["fields"]]
        bad, odd_stamps = [], []
        for b in t["bad"]:
            kind = b["kind"]
            if kind == "unknown-element":
                bad.append("<%s name=%s value=%s/>" % (b["element"], a(b["name"]), a(b["value"])))
            elif kind == "bad-timestamp":
                odd_stamps.append("<timestamp value=%s>%s</timestamp>"
                                  % (a(b["timestamp"]), xsf_field(dict(b, flags=["momentary"]), now)))
            else:   # non-numeric, nameless, long: ordinary elements with bad content
                bad.append(xsf_field(dict(b, flags=["momentary"]), now))
        hostile = [xsf_field({"type": "string", "name": h, "value": h, "flags": ["momentary"]})
                   for h in t["hostile"]]
        self.send_message_xml(to, "<fields xmlns='%s' seqnr=%s done='true'><node nodeId=%s>"
                              "<timestamp value=%s>%s</timestamp>%s</node></fields>"
                              % (NS_XSF, a(seqnr), a(t["node"]), a(stamp),
                                 "".join(good + bad + hostile), "".join(odd_stamps)))


# --- silent: never answers -----------------------------------------------------------------

class SilentThing(SimClient):
    """Readouts ("count") and control sets ("count sets") are counted, never answered.
    A control getForm is answered with a small form: a client then knows the types
    and sends a set that stays unanswered. "hold disco" makes disco#info go
    unanswered too (a lookup that waits for it), "answer disco" ends that."""

    def setup(self):
        self.requests = 0
        self.sets = 0
        self.discos = 0
        self.holding_disco = False
        self.add_filter("in", self.disco_filter)
        for ns in IOT_SD_NAMESPACES:
            # Matching the request is what keeps slixmpp from answering it with
            # feature-not-implemented: a handled iq gets no automatic reply.
            self.handle("req " + ns, "{%s}iq/{%s}req" % (NS_CLIENT, ns), self.on_req)
        self.disco = self.entry.get("disco")
        self.control = self.entry.get("control")
        if self.control:
            cns = self.control["namespace"]
            self.handle("control set", "{%s}iq/{%s}set" % (NS_CLIENT, cns), self.on_set)
            self.handle("control getForm", "{%s}iq/{%s}getForm" % (NS_CLIENT, cns), self.on_get_form)
        self.add_event_handler("message", self.on_message)

    def on_req(self, iq):
        self.requests += 1

    def disco_filter(self, stanza):
        """Counts disco#info gets; drops them before slixmpp's xep_0030 answers while holding."""
        xml = stanza.xml
        if xml.tag == "{%s}iq" % NS_CLIENT and xml.get("type") == "get" and \
                xml.find("{%s}query" % NS_DISCO_INFO) is not None:
            self.discos += 1
            if self.holding_disco:
                return None
        return stanza

    def on_set(self, iq):
        if iq["type"] == "set":
            self.sets += 1

    def on_get_form(self, iq):
        if iq["type"] != "get":
            return
        c = self.control
        fields = "".join("<field var=%s type=%s label=%s><value>%s</value>"
                         "<validate xmlns='%s' datatype=%s/></field>"
                         % (a(p["name"]), a(p["form_type"]), a(p["label"]), x(p["value"]),
                            NS_XDATA_VALIDATE, a(p["datatype"])) for p in c["parameters"])
        self.iq_result(iq, "<x xmlns='%s' type='form'><title>%s</title>%s</x>"
                       % (NS_XDATA, x(c["form_title"]), fields))

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal"):
            return
        body = msg["body"].strip()
        if body == self.entry["count_command"]:
            msg.reply("%s%d" % (self.entry["count_reply_prefix"], self.requests)).send()
        elif self.control and body == self.control["count_command"]:
            msg.reply("%s%d" % (self.control["count_reply_prefix"], self.sets)).send()
        elif self.disco and body in (self.disco["hold_command"], self.disco["answer_command"],
                                     self.disco["count_command"]):
            if body != self.disco["count_command"]:
                self.holding_disco = body == self.disco["hold_command"]
            msg.reply("%s%d" % (self.disco["reply_prefix"], self.discos)).send()


# --- mallory and eve: a spoofed answer before the real one ------------------------------------

class MalloryThing(SimClient):
    def setup(self):
        self.handle("xsf req", "{%s}iq/{%s}req" % (NS_CLIENT, NS_XSF), self.on_req)

    def _fields(self, seqnr, fields):
        now = self.now()
        return ("<fields xmlns='%s' seqnr=%s done='true'><node nodeId=%s><timestamp value=%s>%s"
                "</timestamp></node></fields>"
                % (NS_XSF, a(seqnr), a(self.entry["node"]), a(self.stamp(now)),
                   "".join(xsf_field(f, now) for f in fields)))

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        _req, seqnr, _cats, _names, _nodes = xsf_request(iq, NS_XSF)
        client, iq_id = iq["from"].full, iq["id"]
        eve = self.peers.get(self.entry["accomplice"])
        if eve is not None and eve.ready.done():
            # Same seqnr and the same iq id as the real answer, but from eve's JID.
            eve.send_message_xml(client, self._fields(seqnr, self.entry["forged_fields"]))
            eve.send_xml("<iq type='result' to=%s id=%s><accepted xmlns='%s' seqnr=%s/></iq>"
                         % (a(client), a(iq_id), NS_XSF, a(seqnr)))
        self.loop.call_later(self.entry["delay_ms"] / 1000.0, self.answer, iq, seqnr)

    def answer(self, iq, seqnr):
        if self.transport is None:
            return
        self.iq_result(iq, "<accepted xmlns='%s' seqnr=%s/>" % (NS_XSF, a(seqnr)))
        self.send_message_xml(iq["from"].full, self._fields(seqnr, self.entry["fields"]))


class AccompliceThing(SimClient):
    """eve: does nothing on her own; mallory sends through her stream."""
