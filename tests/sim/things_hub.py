"""The home hub: a concentrator of the IEEE generation (urn:ieee:iot:sd:1.0 and
urn:ieee:iot:concentrator:1.0), answering in the shapes of Waher's
ConcentratorServer (protocols.md section 5.8). The NF spellings are served too,
as Waher registers both.

Readouts are fast: the data comes back inside the iq result. As Waher does,
<resp/> is always in urn:nf:iot:sd:1.0, whatever namespace the request used.
Reading a node reads its descendants too (supernode semantics).

Nodes with a "control" entry are controllable (things_hub_control.py); a control
set changes the node's readout fields of the same name until the chat message
"reset". The chat message "count sets" tells how many control sets arrived; "push
forms" sends the sender's open control forms again, as the nodes are now.
"""
from things_base import (NS_CLIENT, SimClient, a, child, nf_field, wanted, x)
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
        for ns in CONCENTRATOR_NAMESPACES:
            self.handle_namespace("concentrator " + ns, ns, self.on_concentrator)
        self.control = HubControl(self) if self.entry.get("control") else None
        if self.control:
            self.add_event_handler("message", self.on_message)

    def current_fields(self, node_id):
        """The node's home.json fields, with the values control changed since the last reset."""
        changed = self.values.get(node_id, {})
        return [dict(f, value=changed[f["name"]]) if f["name"] in changed else f
                for f in self.nodes[node_id]["fields"]]

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or msg["from"].bare == self.boundjid.bare:
            return
        body = msg["body"].strip()
        c = self.entry["control"]
        if body == c["reset_command"]:
            self.values = {}
            self.control.reset()
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

    def on_req(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        ns = next(ns for ns in SD_NAMESPACES if child(iq, ns, "req") is not None)
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
    OPERATIONS = ("getCapabilities", "getAllDataSources", "getRootDataSources", "getChildDataSources",
                  "containsNode", "getNode", "getNodes", "getAllNodes", "getRootNodes",
                  "getChildNodes", "getAncestors")

    def on_concentrator(self, iq):
        if iq["type"] not in ("get", "set"):
            return
        ns = next(ns for ns in CONCENTRATOR_NAMESPACES if child(iq, ns) is not None)
        q = child(iq, ns)
        op = q.tag.split("}", 1)[1]
        if op not in self.OPERATIONS:
            self.iq_error(iq, "cancel", "feature-not-implemented", "Operation not supported: " + op)
            return
        getattr(self, "op_" + op)(iq, ns, q)

    def node_info(self, node_id, q, ns=None):
        n = self.nodes[node_id]
        attrs = [("id", node_id), ("src", self.source["id"]), ("nodeType", n["nodeType"]),
                 ("displayName", n["displayName"]), ("state", n.get("state", "None")),
                 ("hasChildren", "true" if self.children[node_id] else "false"),
                 ("isReadable", "true"), ("isControllable", "true" if n.get("control") else "false")]
        if n.get("parent"):
            attrs.append(("parentId", n["parent"]))
        attrs.append(("lastChanged", self.started))
        head = "<nodeInfo%s%s" % (" xmlns='%s'" % ns if ns else "",
                                  "".join(" %s=%s" % (k, a(v)) for k, v in attrs))
        if q.get("parameters") == "true":
            params = ("<string id='name' name='Name' value=%s/><string id='type' name='Type' value=%s/>"
                      % (a(n["displayName"]), a(n["nodeType"])))
            return head + ">" + params + "</nodeInfo>"
        return head + "/>"

    def node_infos(self, iq, ns, q, ids):
        self.iq_result(iq, "<nodeInfos xmlns='%s'>%s</nodeInfos>"
                       % (ns, "".join(self.node_info(i, q) for i in ids)))

    def known(self, iq, q, node_id=None):
        """Check src (and the node id); answer item-not-found otherwise."""
        if q.get("src", self.source["id"]) != self.source["id"]:
            self.iq_error(iq, "cancel", "item-not-found", "Source not found.")
            return False
        if node_id is not None and node_id not in self.nodes:
            self.iq_error(iq, "cancel", "item-not-found", "Node not found.")
            return False
        return True

    def op_getCapabilities(self, iq, ns, q):
        self.iq_result(iq, "<strings xmlns='%s'>%s</strings>"
                       % (ns, "".join("<value>%s</value>" % x(o) for o in self.OPERATIONS)))

    def data_sources(self, iq, ns):
        s = self.source
        self.iq_result(iq, "<dataSources xmlns='%s'><dataSource src=%s name=%s hasChildren='false' "
                           "lastChanged=%s/></dataSources>" % (ns, a(s["id"]), a(s["name"]), a(self.started)))

    def op_getAllDataSources(self, iq, ns, q):
        self.data_sources(iq, ns)

    def op_getRootDataSources(self, iq, ns, q):
        self.data_sources(iq, ns)

    def op_getChildDataSources(self, iq, ns, q):
        if self.known(iq, q):
            self.iq_result(iq, "<dataSources xmlns='%s'/>" % ns)

    def op_containsNode(self, iq, ns, q):
        found = q.get("src") == self.source["id"] and q.get("id") in self.nodes
        self.iq_result(iq, "<bool xmlns='%s'>%s</bool>" % (ns, "true" if found else "false"))

    def op_getNode(self, iq, ns, q):
        if self.known(iq, q, q.get("id", "")):
            self.iq_result(iq, self.node_info(q.get("id"), q, ns))

    def op_getNodes(self, iq, ns, q):
        ids = [nd.get("id", "") for nd in q.findall("{%s}nd" % ns)]
        if all(self.known(iq, nd, nd.get("id", "")) for nd in q.findall("{%s}nd" % ns)):
            self.node_infos(iq, ns, q, ids)

    def op_getAllNodes(self, iq, ns, q):
        if self.known(iq, q):
            self.node_infos(iq, ns, q, self.order)

    def op_getRootNodes(self, iq, ns, q):
        if self.known(iq, q):
            self.node_infos(iq, ns, q, self.roots)

    def op_getChildNodes(self, iq, ns, q):
        if self.known(iq, q, q.get("id", "")):
            self.node_infos(iq, ns, q, self.children[q.get("id")])

    def op_getAncestors(self, iq, ns, q):
        node_id = q.get("id", "")
        if self.known(iq, q, node_id):
            chain = []
            while node_id:
                chain.append(node_id)
                node_id = self.nodes[node_id].get("parent")
            self.node_infos(iq, ns, q, chain)
