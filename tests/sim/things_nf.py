"""Things of the Neuro-Foundation family: urn:nf:iot:sd:1.0, urn:nfi:iot:sd:1.0.

meter    Waher-style: accepted, then one <resp more='true'/> per timestamp, the last without more;
         event subscriptions (urn:nf:iot:events:1.0, urn:ieee:iot:events:1.0), Power cycling
         through a list of values while at least one is active
lamp     newest docs (nfi): started, then one <resp/> with <ts/> directly under it
refuser  every request gets an RFC 6120 forbidden error
bulk     10,000 fields in <resp/> messages of 1,000
"""
import datetime

from things_base import (IOT_SD_NAMESPACES, NF_CATEGORY, NS_CLIENT, SimClient, a, child, nf_field,
                         requested_categories, wanted, x)
from things_events import EventSubscriptions, Subscription
from things_home import bulk_name, bulk_value

NS_NF = "urn:nf:iot:sd:1.0"


def nf_request(iq, ns):
    """(request id, categories, field names, node ids) of an NF/IEEE/NFI <req/>."""
    req = child(iq, ns, "req")
    names = {f.get("n") for f in req.findall("{%s}f" % ns)}
    nodes = [n.get("id") for n in req.findall("{%s}nd" % ns)]
    return req.get("id", ""), requested_categories(req.attrib, long_names=False), names, nodes


class MeterThing(SimClient):
    """The power meter. With an "events" entry in home.json it also takes event
    subscriptions: the cycling field (Power) then steps through its list of values
    while at least one subscription is active and rests at its home.json value
    otherwise, so that plain readouts always see that value."""

    def setup(self):
        self.ns = self.entry["namespace"]
        self.handle("nf req", "{%s}iq/{%s}req" % (NS_CLIENT, self.ns), self.on_req)
        self.spec = self.entry.get("events")
        self.events = EventSubscriptions(self)
        self.step = 0              # index into the cycle; 0 while no subscription is active
        self.step_origin = 0.0     # loop time of step 0
        self.step_timer = None
        if not self.spec:
            return
        for events_ns in self.spec["namespaces"]:
            self.handle("subscribe " + events_ns, "{%s}iq/{%s}subscribe" % (NS_CLIENT, events_ns),
                        lambda iq, ns=events_ns: self.on_subscribe(iq, ns))
            self.handle("unsubscribe " + events_ns, "{%s}iq/{%s}unsubscribe" % (NS_CLIENT, events_ns),
                        lambda iq, ns=events_ns: self.on_unsubscribe(iq, ns))
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("message_error", lambda msg: self.events.drop_sender(msg["from"].full))
        # Like real devices: a subscriber that goes offline (or whose presence bounces) is forgotten.
        self.add_event_handler("presence_unavailable", lambda p: self.events.drop_sender(p["from"].full))
        self.add_event_handler("presence_error", lambda p: self.events.drop_sender(p["from"].full))

    # -- values ------------------------------------------------------------------------------------
    def current_fields(self):
        """home.json's fields with the cycling one at its value of the moment."""
        if not self.spec or self.step == 0:
            return self.entry["fields"]
        cyc = self.spec["cycle"]
        value = cyc["values"][self.step % len(cyc["values"])]
        return [dict(f, value=value) if f["name"] == cyc["field"] else f for f in self.entry["fields"]]

    def subscriptions_changed(self, n, before):
        if before == 0 and n > 0:         # the first one: start stepping, from values[0]
            self.step = 0
            self.step_origin = self.loop.time()
            self._schedule_step()
        elif n == 0:                      # the last one went: back to rest
            if self.step_timer is not None:
                self.step_timer.cancel()
                self.step_timer = None
            self.step = 0

    def _schedule_step(self):
        # Absolute times: steps do not drift with the loop's latency.
        period = float(self.spec["cycle"].get("step_seconds", 1))
        self.step_timer = self.loop.call_at(self.step_origin + (self.step + 1) * period, self._on_step)

    def _on_step(self):
        self.step += 1
        self._schedule_step()
        self.events.values_changed()

    # -- readout -------------------------------------------------------------------------------------
    def node_error(self, iq, nodes):
        """An iq error when nodes names anything but the meter's own node."""
        node = self.entry["node"]
        if any(n != node["id"] for n in nodes):
            err = self.entry["unknown_node_error"]
            self.iq_error(iq, "cancel", err["condition"], err["text"])
            return True
        return False

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):   # Waher accepts both
            return
        rid, cats, names, nodes = nf_request(iq, self.ns)
        node = self.entry["node"]
        if self.node_error(iq, nodes):
            return
        self.iq_result(iq, "<accepted xmlns='%s' id=%s/>" % (self.ns, a(rid)))
        now = self.now()
        blocks = []
        if "h" in cats:   # oldest first, like a log
            for h in sorted(self.entry.get("history", []), key=lambda h: -h["hours_ago"]):
                if not names or h["name"] in names:
                    when = now - datetime.timedelta(hours=h["hours_ago"])
                    blocks.append((when, nf_field(h, now)))
        current = "".join(nf_field(f, now) for f in self.current_fields() if wanted(f, cats, names))
        # Device errors are reported whatever was asked for.
        current += "".join("<err>%s</err>" % x(e) for e in self.entry.get("errors", []))
        blocks.append((now, current))
        to = iq["from"].full
        for i, (when, body) in enumerate(blocks):
            more = " more='true'" if i < len(blocks) - 1 else ""
            self.send_message_xml(to, "<resp xmlns='%s' id=%s%s><nd id=%s src=%s><ts v=%s>%s</ts></nd></resp>"
                                  % (NS_NF, a(rid), more, a(node["id"]), a(node["src"]),
                                     a(self.stamp(when)), body))

    # -- event subscriptions ---------------------------------------------------------------------------
    def on_subscribe(self, iq, events_ns):
        if iq["type"] not in ("get", "set"):   # Waher's client sends get; NF prose says set
            return
        el = child(iq, events_ns, "subscribe")
        sub = Subscription(iq["from"].full, el, events_ns)
        if not sub.id:
            self.iq_error(iq, "modify", "bad-request", "Missing id.")
            return
        if self.node_error(iq, [n[0] for n in sub.nodes]):
            return
        self.events.add(sub)
        self.iq_result(iq, "<accepted xmlns='%s' id=%s/>" % (self.spec["namespaces"][events_ns], a(sub.id)))
        self.events.start(sub)

    def on_unsubscribe(self, iq, events_ns):
        if iq["type"] not in ("get", "set"):
            return
        el = child(iq, events_ns, "unsubscribe")
        # Unknown ids are answered the same: the subscription is gone either way.
        self.events.remove(iq["from"].full, el.get("id", ""))
        self.iq_result(iq)

    def send_event(self, sub, fields):
        node = self.entry["node"]
        now = self.now()
        self.send_message_xml(sub.jid, "<resp xmlns='%s' id=%s><nd id=%s src=%s><ts v=%s>%s</ts></nd></resp>"
                              % (self.spec["response_namespace"], a(sub.id), a(node["id"]), a(node["src"]),
                                 a(self.stamp(now)), "".join(nf_field(f, now) for f in fields)))

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or msg["from"].bare == self.boundjid.bare:
            return
        body = msg["body"].strip()
        if body == self.spec["count_command"]:
            msg.reply("%s%d" % (self.spec["count_reply_prefix"], len(self.events))).send()
        elif body == self.spec["restart_command"]:
            # As if the device had rebooted: every subscription is forgotten, silently.
            self.events.forget_all()
            if self.spec.get("restart_reply"):
                msg.reply(self.spec["restart_reply"]).send()


class LampThing(SimClient):
    def setup(self):
        self.ns = self.entry["namespace"]
        self.handle("nfi req", "{%s}iq/{%s}req" % (NS_CLIENT, self.ns), self.on_req)

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        rid, cats, names, _nodes = nf_request(iq, self.ns)
        self.iq_result(iq, "<started xmlns='%s' id=%s/>" % (self.ns, a(rid)))
        now = self.now()
        body = "".join(nf_field(f, now) for f in self.entry["fields"] if wanted(f, cats, names))
        self.send_message_xml(iq["from"].full, "<resp xmlns='%s' id=%s><ts v=%s>%s</ts></resp>"
                              % (self.ns, a(rid), a(self.stamp(now)), body))


class RefuserThing(SimClient):
    def setup(self):
        for ns in IOT_SD_NAMESPACES:
            self.handle("req " + ns, "{%s}iq/{%s}req" % (NS_CLIENT, ns), self.on_req)

    def on_req(self, iq):
        if iq["type"] in ("get", "set"):
            e = self.entry["error"]
            self.iq_error(iq, e["type"], e["condition"], e["text"])


class BulkThing(SimClient):
    def setup(self):
        self.ns = self.entry["namespace"]
        self.handle("nf req", "{%s}iq/{%s}req" % (NS_CLIENT, self.ns), self.on_req)
        spec = self.entry["bulk"]
        flags = "".join(" %s='true'" % NF_CATEGORY[f] for f in spec["flags"] if f in NF_CATEGORY)
        unit = a(spec["unit"])
        # Built once: field i is the same in every readout.
        self.fields = ["<q n='%s' v='%s' u=%s%s/>" % (bulk_name(spec, i), bulk_value(spec, i), unit, flags)
                       for i in range(spec["count"])]

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        rid, _cats, _names, _nodes = nf_request(iq, self.ns)
        self.iq_result(iq, "<accepted xmlns='%s' id=%s/>" % (self.ns, a(rid)))
        per = self.entry["bulk"]["per_message"]
        stamp = a(self.stamp(self.now()))
        to = iq["from"].full
        # ~45 KB per message: well under Prosody's 256 KiB c2s_stanza_size_limit.
        for start in range(0, len(self.fields), per):
            more = " more='true'" if start + per < len(self.fields) else ""
            self.send_message_xml(to, "<resp xmlns='%s' id=%s%s><ts v=%s>%s</ts></resp>"
                                  % (self.ns, a(rid), more, stamp, "".join(self.fields[start:start + per])))
