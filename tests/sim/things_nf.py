"""Things of the Neuro-Foundation family: urn:nf:iot:sd:1.0, urn:nfi:iot:sd:1.0.

meter    Waher-style: accepted, then one <resp more='true'/> per timestamp, the last without more;
         event subscriptions (urn:nf:iot:events:1.0, urn:ieee:iot:events:1.0), Power cycling
         through a list of values while at least one is active
lamp     newest docs (nfi): started, then one <resp/> with <ts/> directly under it; NF control
         (urn:nfi:iot:ctr:1.0): typed sets and a getForm form, the values show in the next readout
refuser  every request gets an RFC 6120 forbidden error
bulk     10,000 fields in <resp/> messages of 1,000
"""
import asyncio
import datetime

from things_base import (IOT_SD_NAMESPACES, NF_CATEGORY, NS_CLIENT, NS_STANZAS, SimClient, a, child,
                         nf_field, requested_categories, wanted, x)
from things_events import EventSubscriptions, Subscription
from things_home import bulk_name, bulk_value, field_value

NS_XDATA = "jabber:x:data"
NS_XDATA_VALIDATE = "http://jabber.org/protocol/xdata-validate"
NS_XDATA_COLOR = "urn:xmpp:xdata:color"
# NF typed control parameters (protocols.md §4.4), by element name.
NF_CONTROL_ELEMENTS = ("b", "cl", "d", "dt", "db", "dr", "e", "i", "l", "s", "t")

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
        elif body == self.spec.get("conditions_command"):
            # What the subscriptions ask for: "<field> by=<x> up=<y> dn=<z>; … minInt=<s> maxInt=<s>".
            parts = []
            for sub in list(self.events.subs.values()):
                conds = ", ".join("%s by=%s up=%s dn=%s" % (n, c[0], c[1], c[2]) for n, c in sorted(sub.conditions.items()))
                parts.append("%s minInt=%s maxInt=%s" % (conds or "all", sub.min_int, sub.max_int))
            msg.reply(self.spec["conditions_reply_prefix"] + "; ".join(parts)).send()
        elif body == self.spec["restart_command"]:
            # As if the device had rebooted: every subscription is forgotten, silently.
            self.events.forget_all()
            if self.spec.get("restart_reply"):
                msg.reply(self.spec["restart_reply"]).send()


class LampThing(SimClient):
    """The desk lamp. Its readout shows home.json's fields, except those a control
    set changed since the start (or the last reset): self.values holds those."""

    def setup(self):
        self.ns = self.entry["namespace"]
        self.values = {}          # field name -> lexical value set by control
        self.handle("nfi req", "{%s}iq/{%s}req" % (NS_CLIENT, self.ns), self.on_req)
        self.control = self.entry.get("control")
        if not self.control:
            return
        cns = self.control["namespace"]
        self.params = {p["name"]: p for p in self.control["parameters"]}
        self.handle("nfi set", "{%s}iq/{%s}set" % (NS_CLIENT, cns), self.on_set)
        self.handle("nfi getForm", "{%s}iq/{%s}getForm" % (NS_CLIENT, cns), self.on_get_form)
        self.add_event_handler("message", self.on_message)

    def current_fields(self):
        return [dict(f, value=self.values[f["name"]]) if f["name"] in self.values else f
                for f in self.entry["fields"]]

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        rid, cats, names, _nodes = nf_request(iq, self.ns)
        self.iq_result(iq, "<started xmlns='%s' id=%s/>" % (self.ns, a(rid)))
        now = self.now()
        body = "".join(nf_field(f, now) for f in self.current_fields() if wanted(f, cats, names))
        self.send_message_xml(iq["from"].full, "<resp xmlns='%s' id=%s><ts v=%s>%s</ts></resp>"
                              % (self.ns, a(rid), a(self.stamp(now)), body))

    # -- control -------------------------------------------------------------------------------------
    def field_of(self, name):
        return next(f for f in self.current_fields() if f["name"] == name)

    def wire_value(self, param):
        """The parameter's current value as the control wire (and the form) writes it."""
        value = field_value(self.field_of(param["name"]), self.now())
        if param["element"] == "cl":
            return value.lstrip("#").upper()
        return value

    def check(self, param, element, value):
        """None when @value (lexical, from element @element or a form) is fine for
        @param, else (error spec, text)."""
        c = self.control
        if element is not None and element != param["element"] and element not in param.get("also", []):
            return c["type_error"], c["type_error"]["text"]
        kind = param["element"]
        if kind == "b":
            if value not in ("true", "false", "1", "0"):
                return c["type_error"], c["type_error"]["text"]
        elif kind == "cl":
            if len(value) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in value):
                return c["type_error"], c["type_error"]["text"]
        elif kind in ("db", "i", "l"):
            try:
                number = float(value)
            except ValueError:
                return c["type_error"], c["type_error"]["text"]
            if number != number or number < float(param["min"]) or number > float(param["max"]):
                return c["value_error"], param["range_error"]
            refuse = param.get("refuse")
            if refuse and number == float(refuse["value"]):
                return c["value_error"], refuse["text"]
        return None

    def field_value_for(self, param, value):
        """The readout field's lexical value after @param was set to @value."""
        kind = param["element"]
        if kind == "b":
            return "true" if value in ("true", "1") else "false"
        if kind == "cl":
            return "#" + value.lower()
        return value

    def requested(self, el):
        """[(name, element or None for a form field, value)] of a <set/>, in document order."""
        out = []
        for c in el:
            tag = c.tag.split("}", 1)[-1]
            if c.tag == "{%s}x" % NS_XDATA:
                for f in c.findall("{%s}field" % NS_XDATA):
                    v = f.find("{%s}value" % NS_XDATA)
                    if f.get("var") and f.get("type") != "hidden":
                        out.append((f.get("var"), None, (v.text or "") if v is not None else ""))
            elif tag in NF_CONTROL_ELEMENTS:
                out.append((c.get("n", ""), tag, c.get("v", "")))
        return out

    def control_error(self, iq, problems):
        """One iq error for every problem [(name, spec, text)]; the first gives condition and text."""
        _name, spec, text = problems[0]
        etype = "cancel" if spec["condition"] == "item-not-found" else "modify"
        params = "".join("<paramError xmlns='%s' n=%s>%s</paramError>" % (self.control["namespace"], a(n), x(t))
                         for n, _s, t in problems if n is not None)
        self.send_xml("<iq type='error' to=%s id=%s><error type=%s><%s xmlns='%s'/>"
                      "<text xmlns='%s'>%s</text>%s</error></iq>"
                      % (a(iq["from"].full), a(iq["id"]), a(etype), spec["condition"], NS_STANZAS,
                         NS_STANZAS, x(text), params))

    def node_refused(self, iq, el):
        if el.find("{%s}nd" % self.control["namespace"]) is not None:
            err = self.control["unknown_node_error"]
            self.iq_error(iq, "cancel", err["condition"], err["text"])
            return True
        return False

    def on_set(self, iq):
        if iq["type"] != "set":            # Waher: an IqSetHandler, nothing for get
            return
        el = child(iq, self.control["namespace"], "set")
        if self.node_refused(iq, el):
            return
        wanted_params = self.requested(el)
        problems = []
        for name, element, value in wanted_params:
            param = self.params.get(name)
            if param is None:
                spec = self.control["unknown_parameter_error"]
                problems.append((name, spec, spec["text"]))
                continue
            bad = self.check(param, element, value)
            if bad:
                problems.append((name, bad[0], bad[1]))
        if problems:                       # all or nothing
            self.control_error(iq, problems)
            return
        for name, _element, value in wanted_params:
            self.values[name] = self.field_value_for(self.params[name], value)
        if wanted_params and self.control.get("changed_field"):
            self.values[self.control["changed_field"]] = self.stamp(self.now())
        self.iq_result(iq, "<resp xmlns='%s'>%s</resp>" % (self.control["namespace"], "".join(
            "<p n=%s/>" % a(name) for name, _e, _v in wanted_params)))

    def on_get_form(self, iq):
        if iq["type"] != "get":
            return
        el = child(iq, self.control["namespace"], "getForm")
        if self.node_refused(iq, el):
            return
        fields = []
        for p in self.control["parameters"]:
            rng = ""
            if p.get("min") is not None or p.get("max") is not None:
                rng = "<range%s%s/>" % (" min=%s" % a(p["min"]) if p.get("min") is not None else "",
                                        " max=%s" % a(p["max"]) if p.get("max") is not None else "")
            fields.append("<field var=%s type=%s label=%s><value>%s</value>"
                          "<validate xmlns='%s' xmlns:xdc='%s' datatype=%s>%s</validate></field>"
                          % (a(p["name"]), a(p["form_type"]), a(p["label"]), x(self.wire_value(p)),
                             NS_XDATA_VALIDATE, NS_XDATA_COLOR, a(p["datatype"]), rng))
        self.iq_result(iq, "<x xmlns='%s' type='form'><title>%s</title>%s</x>"
                       % (NS_XDATA, x(self.control["form_title"]), "".join(fields)))

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or msg["from"].bare == self.boundjid.bare:
            return
        body = msg["body"].strip()
        if body == self.control["reset_command"]:
            self.values = {}
            msg.reply(self.control["reset_reply"]).send()
        elif body.startswith("vanish "):
            # "vanish N": go offline for N seconds, as a thing that loses power
            # (tests that windows go stale and resume).
            try:
                seconds = min(max(float(body.split()[1]), 0.1), 60.0)
            except ValueError:
                return
            msg.reply("vanishing for %g s" % seconds).send()
            self.send_presence(ptype="unavailable")
            asyncio.get_event_loop().call_later(seconds, self.send_presence)


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
