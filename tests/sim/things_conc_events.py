"""Data-source events of a concentrator of the simulated home: subscriptions
with each family's lifetime rules, the events themselves, live changes and the
"conc ..." chat commands. Methods of things_concentrator.Concentrator (bound
there), written as functions of `self`.

NF: a subscription is keyed by the subscriber's full JID and source, lasts
`ttl` seconds (missing or <= 0: bad-request), and subscribing again renews it
and ORs in event kinds (Waher does); each renewal is counted. XSF: it lasts
while both keep presence: the subscriber's unavailable presence ends it, and
so does the concentrator's own going offline; getEventsSince cannot be
replayed here (NotImplemented, in a result as XEP-0326 shows).
"""
import time

from things_base import a

EVENT_KINDS = ("nodeAdded", "nodeUpdated", "nodeStatusChanged", "nodeRemoved", "nodeMovedUp", "nodeMovedDown")


def op_subscribe(self, iq, q, op):
    src = self.w.source_of(q) or ""
    if src not in self.sources:
        return self.w.refuse(self.client, iq, op, "NotFound", "Source not found.")
    ttl = None
    if self.nf:
        try:
            ttl = int(q.get("ttl", "0"))
        except ValueError:
            ttl = 0
        if ttl <= 0:
            return self.w.refuse(self.client, iq, op, "BadRequest", "Invalid timeout value.")
    elif q.get("getEventsSince"):
        return self.ok(iq, "<subscribeResponse xmlns='%s' result='NotImplemented'/>" % self.w.ns)
    kinds = {k for k in EVENT_KINDS if q.get(k, "true") in ("true", "1")}
    jid = iq["from"].full
    bare = iq["from"].bare
    mine = self.subs.setdefault(jid, {})
    sub = mine.get(src)
    expires = time.monotonic() + ttl if ttl else None
    if sub is not None:
        sub["kinds"] |= kinds
        sub["params"] = sub["params"] or q.get("parameters") == "true"
        sub["messages"] = sub["messages"] or q.get("messages") == "true"
        sub["expires"] = expires
        self.renewals[bare] = self.renewals.get(bare, 0) + 1
    else:
        mine[src] = {"kinds": kinds, "params": q.get("parameters") == "true",
                     "messages": q.get("messages") == "true", "expires": expires, "ns": self.w.ns}
    self.ok(iq, self.w.answer(op) if not self.nf else "")


def op_unsubscribe(self, iq, q, op):
    src = self.w.source_of(q) or ""
    if src not in self.sources:
        return self.w.refuse(self.client, iq, op, "NotFound", "Source not found.")
    mine = self.subs.get(iq["from"].full, {})
    sub = mine.get(src)
    if sub is not None:
        sub["kinds"] -= {k for k in EVENT_KINDS if q.get(k, "true") in ("true", "1")}
        if not sub["kinds"]:
            del mine[src]
    self.ok(iq, self.w.answer(op) if not self.nf else "")


def live_subscribers(self, src):
    """(full JID, subscription) of every subscription to src still in force."""
    now = time.monotonic()
    out = []
    for jid, mine in list(self.subs.items()):
        sub = mine.get(src)
        if sub is None:
            continue
        if sub["expires"] is not None and sub["expires"] <= now:
            del mine[src]           # lapsed: Waher drops it when it next has something to say
            continue
        out.append((jid, sub))
    return out


def event_el(self, kind, node, sub, old_id=None, after=None):
    w = self.w
    extra = ""
    if self.nf:
        extra += " ts=%s" % a(self.stamp(node.changed))
    if kind in ("nodeAdded", "nodeUpdated"):
        attrs = w.node_attrs(node, self.stamp)
        if old_id:
            extra += " %s=%s" % ("oid" if self.nf else "oldId", a(old_id))
        if after is not None:
            extra += " %s=%s" % ("aid" if self.nf else "afterNodeId", a(after.id))
        body = w.node_body(node, sub["params"], False, self.stamp)
    else:
        attrs = w.ref_attrs(node)
        body = ""
        if kind == "nodeStatusChanged":
            attrs += " state=%s" % a(node.state)
            body = w.node_body(node, False, sub["messages"], self.stamp)
    head = "<%s xmlns='%s'%s%s" % (kind, w.ns, attrs, extra)
    return head + (">%s</%s>" % (body, kind) if body else "/>")


def emit(self, src, kind, node, old_id=None, after=None):
    """Tells every subscriber of src: NF one event per normal message without a body."""
    keep = self.w
    for jid, sub in live_subscribers(self, src):
        if kind in sub["kinds"]:
            self.w = self.dialects[sub["ns"]]   # in the namespace it subscribed in
            self.client.send_message_xml(jid, event_el(self, kind, node, sub, old_id, after),
                                         "normal" if self.nf else None)
    self.w = keep


def remove_node(self, node):
    self.emit(node.src, "nodeRemoved", node)
    self.sources[node.src].remove(node)


def all_nodes(self):
    out = []
    for s in self.sources.values():
        todo = list(s.roots)
        while todo:
            n = todo.pop(0)
            out.append(n)
            todo += n.children
    return out


def tick(self):
    """One live change: the next node in turn flips between its state and a warning."""
    nodes = all_nodes(self)
    if not nodes:
        return None
    node = nodes[self.ticks % len(nodes)]
    self.ticks += 1
    if node.state == "None":
        node.state = "WarningUnsigned"
        node.messages.append({"when": self.client.now(), "type": "Warning", "text": "Battery low.",
                              "eventId": "battery"})
    else:
        node.state = "None"
        node.messages = [m for m in node.messages if m.get("eventId") != "battery"]
    node.changed = self.client.now()
    self.emit(node.src, "nodeStatusChanged", node)
    return node


def set_period(self, seconds):
    if self.ticker is not None:
        self.ticker.cancel()
        self.ticker = None
    self.period = seconds
    if seconds > 0:
        def again():
            self.tick()
            self.ticker = self.loop.call_later(self.period, again)
        self.ticker = self.loop.call_later(seconds, again)


def vanish(self, seconds):
    """Offline for a while; a concentrator that comes back has forgotten its subscribers."""
    self.client.send_presence(ptype="unavailable")
    self.subs = {}
    self.loop.call_later(max(0.1, min(seconds, 60.0)), self.client.send_presence)


def presence_gone(self, jid):
    """XSF subscriptions last as long as the subscriber's presence."""
    if not self.nf:
        self.subs.pop(jid, None)


def chat(self, msg, body):
    """The "conc ..." commands of the module doc; True when body was one."""
    words = body.split()
    if not words or words[0] != "conc" or len(words) < 2:
        return False
    cmd, args = words[1], words[2:]
    reply = "conc: ok"
    try:
        if cmd == "reset":
            self.set_period(0)
            self.reset()
            reply = "conc: reset"
        elif cmd == "subscriptions":
            bare = msg["from"].bare
            n = sum(len([s for s in live_subscribers(self, src) if s[0].split("/")[0] == bare])
                    for src in self.sources)
            reply = "conc subscriptions: %d (renewed %d)" % (n, self.renewals.get(bare, 0))
        elif cmd == "tick":
            node = self.tick()
            reply = "conc: %s is %s" % (node.id, node.state) if node else "conc: no node"
        elif cmd == "events":
            self.set_period(float(args[0]))
        elif cmd == "vanish":
            self.vanish(float(args[0]))
        elif cmd in ("state", "rename", "remove", "add"):
            reply = change(self, cmd, args)
        elif cmd == "fault":
            self.faults[args[0]] = (args[1], args[2] if len(args) > 2 else None)
        else:
            reply = "conc: unknown command %s" % cmd
    except (IndexError, ValueError, KeyError) as e:
        reply = "conc: bad arguments (%s)" % e
    msg.reply(reply).send()
    return True


def find(self, nid):
    for s in self.sources.values():
        if nid in s.nodes:
            return s.nodes[nid]
    raise KeyError(nid)


def change(self, cmd, args):
    from things_concentrator import Node
    if cmd == "add":
        parent = find(self, args[0])
        node = Node({"id": args[1], "displayName": args[1], "nodeType": "Sensor", "readable": False},
                    parent.src, self.spec["kinds"])
        self.sources[parent.src].add(node, parent)
        self.emit(node.src, "nodeAdded", node)
        return "conc: added %s" % node.id
    node = find(self, args[0])
    if cmd == "state":
        node.state = args[1]
        if len(args) > 2:
            node.messages.append({"when": self.client.now(), "type": "Error" if "Error" in args[1] else "Warning",
                                  "text": " ".join(args[2:]), "eventId": None})
        node.changed = self.client.now()
        self.emit(node.src, "nodeStatusChanged", node)
    elif cmd == "rename":
        s = self.sources[node.src]
        old = node.id
        del s.nodes[old]
        node.id = args[1]
        s.nodes[node.id] = node
        self.emit(node.src, "nodeUpdated", node, old_id=old)
    elif cmd == "remove":
        self.remove_node(node)
    return "conc: %s %s" % (cmd, " ".join(args))

