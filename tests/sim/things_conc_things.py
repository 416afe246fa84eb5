"""Concentrators of the simulated home besides the hub (things_hub.py): the
XEP-0326 building gateway and the big NF plant. Both run the shared engine
(things_concentrator.py) over their own tree; see their home.json entries.
"""
from things_base import SimClient, child
from things_concentrator import Concentrator, Node, Source

NS_XSF = "urn:xmpp:iot:concentrators"
NS_NF = "urn:nf:iot:concentrator:1.0"


class ConcentratorThing(SimClient):
    """A thing that is a concentrator and nothing else."""
    NAMESPACES = ()
    NF = True

    def setup(self):
        spec = self.entry["concentrator"]
        self.conc = Concentrator(self, self.NAMESPACES, self.NF, spec, self.build_sources)
        for ns in self.NAMESPACES:
            self.handle_namespace("concentrator " + ns, ns, self.on_iq)
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("presence_unavailable", lambda p: self.conc.presence_gone(p["from"].full))
        self.add_event_handler("session_start", lambda _e: self.conc.set_period(spec.get("events_period_s", 0)))

    def on_iq(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        ns = next(ns for ns in self.NAMESPACES if child(iq, ns) is not None)
        self.conc.on_iq(iq, child(iq, ns))

    def on_message(self, msg):
        if msg["type"] in ("chat", "normal") and msg["from"].bare != self.boundjid.bare:
            self.conc.chat(msg, msg["body"].strip())

    def build_sources(self):
        raise NotImplementedError


class XsfConcentratorThing(ConcentratorThing):
    NAMESPACES = (NS_XSF,)
    NF = False

    def build_sources(self):
        kinds = self.entry["concentrator"]["kinds"]

        def source(spec, parent=None):
            s = Source(spec["id"], spec["name"], parent)
            made = {}
            for n in spec.get("nodes", []):
                node = Node(n, s.id, kinds)
                made[n["id"]] = node
                s.add(node, made.get(n.get("parent")))
            s.children = [source(c, s) for c in spec.get("children", [])]
            return s
        return [source(spec) for spec in self.entry["concentrator"]["sources"]]


class BigConcentratorThing(ConcentratorThing):
    NAMESPACES = (NS_NF,)

    def build_sources(self):
        spec = self.entry["concentrator"]
        kinds = spec["kinds"]
        s = Source(spec["source"]["id"], spec["source"]["name"])
        for r in range(spec["roots"]):
            area = Node({"id": "area-%02d" % r, "displayName": "Area %d" % r, "nodeType": "Area"}, s.id, kinds)
            s.add(area)
            for c in range(spec["children"]):
                s.add(Node({"id": "a%02d-n%02d" % (r, c), "displayName": "Sensor %d.%d" % (r, c),
                            "nodeType": "Sensor"}, s.id, kinds), area)
        big = s.nodes[spec["big_node"]]
        for i in range(spec["big_children"]):
            s.add(Node({"id": "%s-s%04d" % (big.id, i), "displayName": "Probe %d" % i, "nodeType": "Sensor"},
                       s.id, kinds), big)
        return [s]
