"""The home hub: a concentrator of the IEEE generation (urn:ieee:iot:sd:1.0 and
urn:ieee:iot:concentrator:1.0), answering in the shapes of Waher's
ConcentratorServer (protocols.md section 5.8). The NF spellings are served too,
as Waher registers both.

Readouts are fast: the data comes back inside the iq result. As Waher does,
<resp/> is always in urn:nf:iot:sd:1.0, whatever namespace the request used.
Reading a node reads its descendants too (supernode semantics). Like Waher's
concentrator, the hub does not look for a node id in its sources: an <nd/> in a
read or a control must name its data source (src), else it is refused with
home.json's "no_source_error" ("Data source not found."). A client learns where a
node lives from the concentrator requests: getAllDataSources, getNode, containsNode
and the node lists, which name src on every node.

Nodes with a "control" entry are controllable (things_hub_control.py); a control
set changes the node's readout fields of the same name until the chat message
"reset". The chat message "count sets" tells how many control sets arrived; "push
forms" sends the sender's open control forms again, as the nodes are now.

Every concentrator operation (commands, queries, parameter editing, node
management, data-source events) is the shared engine's (things_concentrator.py)
over the nodes of home.json; "reset" restores its tree too.
"""
from things_base import (NS_CLIENT, SimClient, a, child, nf_field, wanted)
from things_concentrator import Concentrator, Node, Source
from things_hub_control import HubControl
from things_nf import nf_request

NS_NF_SD = "urn:nf:iot:sd:1.0"
SD_NAMESPACES = ("urn:ieee:iot:sd:1.0", NS_NF_SD)
CONCENTRATOR_NAMESPACES = ("urn:ieee:iot:concentrator:1.0", "urn:nf:iot:concentrator:1.0")


class HubThing(SimClient):
    def setup(self):
        self.source = self.entry["source"]
        self.nodes = {n["id"]: n for n in self.entry["nodes"]}
        self.order = [n["id"] for n in self.entry["nodes"]]
        self.children = {i: [c for c in self.order if self.nodes[c].get("parent") == i] for i in self.order}
        self.roots = [i for i in self.order if not self.nodes[i].get("parent")]
        self.started = self.stamp(self.now())
        self.values = {}           # node id -> {field name: lexical value set by control}
        for ns in SD_NAMESPACES:
            self.handle("req " + ns, "{%s}iq/{%s}req" % (NS_CLIENT, ns), self.on_req)
        spec = self.entry["concentrator"]
        self.conc = Concentrator(self, CONCENTRATOR_NAMESPACES, True, spec, self.build_sources)
        for ns in CONCENTRATOR_NAMESPACES:
            self.handle_namespace("concentrator " + ns, ns, self.on_concentrator)
        self.control = HubControl(self) if self.entry.get("control") else None
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("presence_unavailable", lambda p: self.conc.presence_gone(p["from"].full))
        self.add_event_handler("session_start", lambda _e: self.conc.set_period(spec.get("events_period_s", 0)))

    def current_fields(self, node_id):
        """The node's home.json fields, with the values control changed since the last reset."""
        changed = self.values.get(node_id, {})
        return [dict(f, value=changed[f["name"]]) if f["name"] in changed else f
                for f in self.nodes[node_id]["fields"]]

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or msg["from"].bare == self.boundjid.bare:
            return
        body = msg["body"].strip()
        if self.conc.chat(msg, body) or not self.control:
            return
        c = self.entry["control"]
        if body == c["reset_command"]:
            self.values = {}
            self.control.reset()
            self.conc.set_period(0)
            self.conc.reset()        # the tree as home.json has it
            msg.reply(c["reset_reply"]).send()
        elif body == c["count_command"]:
            msg.reply("%s%d" % (c["count_reply_prefix"], self.control.sets)).send()
        elif body.startswith(c["turn_command"] + " "):
            pushes = self.control.turn(body[len(c["turn_command"]) + 1:])
            if pushes is not None:
                msg.reply("%s%d" % (c["turn_reply_prefix"], pushes)).send()
        elif body == c["push_command"]:
            # The forms go out before the reply: whoever reads the reply has them.
            msg.reply("%s%d" % (c["push_reply_prefix"], self.control.push(msg["from"].bare))).send()

    # -- sensor data ------------------------------------------------------------------------
    def subtree(self, node_id):
        out = [node_id]
        for c in self.children[node_id]:
            out += self.subtree(c)
        return out

    def refuse_without_source(self, iq, el, ns):
        """Answers no_source_error and returns True when an <nd/> of el does not name the
        hub's data source."""
        if all(nd.get("src") == self.source["id"] for nd in el.findall("{%s}nd" % ns)):
            return False
        err = self.entry["no_source_error"]
        self.iq_error(iq, "cancel", err["condition"], err["text"])
        return True

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        ns = next(ns for ns in SD_NAMESPACES if child(iq, ns, "req") is not None)
        if self.refuse_without_source(iq, child(iq, ns, "req"), ns):
            return
        rid, cats, names, wanted_ids = nf_request(iq, ns)
        unknown = [i for i in wanted_ids if i not in self.nodes]
        if unknown:
            err = self.entry["unknown_node_error"]
            self.iq_error(iq, "cancel", err["condition"], err["text"])
            return
        ids = []
        for i in wanted_ids or self.roots:
            ids += [j for j in self.subtree(i) if j not in ids]
        now = self.now()
        stamp = a(self.stamp(now))
        parts = []
        for i in ids:
            body = "".join(nf_field(f, now) for f in self.current_fields(i) if wanted(f, cats, names))
            if body:
                parts.append("<nd id=%s src=%s><ts v=%s>%s</ts></nd>"
                             % (a(i), a(self.source["id"]), stamp, body))
        self.iq_result(iq, "<resp xmlns='%s' id=%s>%s</resp>" % (NS_NF_SD, a(rid), "".join(parts)))

    # -- concentrator -----------------------------------------------------------------------
    def build_sources(self):
        """The hub's one data source with the nodes of home.json, in their order."""
        src = Source(self.source["id"], self.source["name"])
        made = {}
        for n in self.entry["nodes"]:
            node = Node(n, src.id, self.entry["concentrator"]["kinds"])
            made[n["id"]] = node
            src.add(node, made.get(n.get("parent")))
        return [src]

    def on_concentrator(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        ns = next(ns for ns in CONCENTRATOR_NAMESPACES if child(iq, ns) is not None)
        self.conc.on_iq(iq, child(iq, ns))
