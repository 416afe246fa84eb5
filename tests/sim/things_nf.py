"""Things of the Neuro-Foundation family: urn:nf:iot:sd:1.0, urn:nfi:iot:sd:1.0.

meter    Waher-style: accepted, then one <resp more='true'/> per timestamp, the last without more
lamp     newest docs (nfi): started, then one <resp/> with <ts/> directly under it
refuser  every request gets an RFC 6120 forbidden error
bulk     10,000 fields in <resp/> messages of 1,000
"""
import datetime

from things_base import (IOT_SD_NAMESPACES, NF_CATEGORY, NS_CLIENT, SimClient, a, child, nf_field,
                         requested_categories, wanted, x)
from things_home import bulk_name, bulk_value

NS_NF = "urn:nf:iot:sd:1.0"


def nf_request(iq, ns):
    """(request id, categories, field names, node ids) of an NF/IEEE/NFI <req/>."""
    req = child(iq, ns, "req")
    names = {f.get("n") for f in req.findall("{%s}f" % ns)}
    nodes = [n.get("id") for n in req.findall("{%s}nd" % ns)]
    return req.get("id", ""), requested_categories(req.attrib, long_names=False), names, nodes


class MeterThing(SimClient):
    def setup(self):
        self.ns = self.entry["namespace"]
        self.handle("nf req", "{%s}iq/{%s}req" % (NS_CLIENT, self.ns), self.on_req)

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):   # Waher accepts both
            return
        rid, cats, names, nodes = nf_request(iq, self.ns)
        node = self.entry["node"]
        if any(n != node["id"] for n in nodes):
            err = self.entry["unknown_node_error"]
            self.iq_error(iq, "cancel", err["condition"], err["text"])
            return
        self.iq_result(iq, "<accepted xmlns='%s' id=%s/>" % (self.ns, a(rid)))
        now = self.now()
        blocks = []
        if "h" in cats:   # oldest first, like a log
            for h in sorted(self.entry.get("history", []), key=lambda h: -h["hours_ago"]):
                if not names or h["name"] in names:
                    when = now - datetime.timedelta(hours=h["hours_ago"])
                    blocks.append((when, nf_field(h, now)))
        current = "".join(nf_field(f, now) for f in self.entry["fields"] if wanted(f, cats, names))
        # Device errors are reported whatever was asked for.
        current += "".join("<err>%s</err>" % x(e) for e in self.entry.get("errors", []))
        blocks.append((now, current))
        to = iq["from"].full
        for i, (when, body) in enumerate(blocks):
            more = " more='true'" if i < len(blocks) - 1 else ""
            self.send_message_xml(to, "<resp xmlns='%s' id=%s%s><nd id=%s src=%s><ts v=%s>%s</ts></nd></resp>"
                                  % (NS_NF, a(rid), more, a(node["id"]), a(node["src"]),
                                     a(self.stamp(when)), body))


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
