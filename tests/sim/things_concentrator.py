"""A concentrator of the simulated home, device side, for both families (the
wire shapes are in things_conc_wire.py): data sources and their node trees,
node parameters and messages, commands (simple, parametrized with a
confirmation text, queries streaming a table), parameter editing with
validation, node management (add, edit, destroy, move), data-source event
subscriptions with each family's lifetime rules, and live changes.

The thing that owns it answers every concentrator iq with on_iq() and hands
chat messages to chat(). Its definition ("concentrator" in data/home.json)
names node kinds (parameters, commands, addable children) and commands; the
tree comes from the thing (home.json nodes, or generated).

Chat commands (answered "conc: ..."), for tests and the demo:
  conc reset                 the tree, subscriptions and faults as at start
  conc subscriptions         "conc subscriptions: N (renewed M)" of the sender's account
  conc tick                  one live change now (a node's state flips; an event goes out)
  conc events S              a live change every S seconds (0: off)
  conc state NODE STATE [T]  set a node's state (with a message T); nodeStatusChanged
  conc rename NODE NEW       nodeUpdated with the old id
  conc add PARENT ID         a node appears (nodeAdded)
  conc remove NODE           a node goes (nodeRemoved)
  conc fault OP KIND [ARG]   the next OP is answered badly: malformed (no concentrator
                             element), partial (half the nodes lack their id), remove
                             (the node asked about is removed first: nodeRemoved, then
                             item-not-found), vanish S (offline for S seconds, no answer),
                             silent (no answer)
  conc vanish S              offline for S seconds; subscriptions are forgotten, as a
                             restarted concentrator forgets them
"""
import asyncio

from things_base import a
from things_conc_wire import Dialect
from things_home import utcnow, xs_datetime

ALL_OPS = ("getCapabilities", "getAllDataSources", "getRootDataSources", "getChildDataSources", "containsNode",
           "containsNodes", "getNode", "getNodes", "getAllNodes", "getRootNodes", "getChildNodes", "getAncestors",
           "getNodeParametersForEdit", "setNodeParametersAfterEdit", "getCommonNodeParametersForEdit",
           "setCommonNodeParametersAfterEdit", "getAddableNodeTypes", "getParametersForNewNode", "createNewNode",
           "destroyNode", "moveNodeUp", "moveNodeDown", "moveNodesUp", "moveNodesDown", "getNodeCommands",
           "getCommandParameters", "executeNodeCommand", "executeNodeQuery", "abortNodeQuery",
           "getCommonNodeCommands", "getCommonCommandParameters", "executeCommonNodeCommand",
           "executeCommonNodeQuery", "abortCommonNodeQuery", "subscribe", "unsubscribe")
EVENT_KINDS = ("nodeAdded", "nodeUpdated", "nodeStatusChanged", "nodeRemoved", "nodeMovedUp", "nodeMovedDown")
STATES = ("None", "Information", "WarningSigned", "WarningUnsigned", "ErrorSigned", "ErrorUnsigned")


class Node:
    def __init__(self, spec, src, kinds):
        self.id = spec["id"]
        self.src = src
        self.pt = spec.get("pt")
        self.parent = None
        self.children = []
        self.display = spec.get("displayName", self.id)
        self.ntype = spec.get("nodeType", "Node")
        self.state = spec.get("state", "None")
        self.readable = spec.get("readable", True)
        self.controllable = bool(spec.get("control"))
        self.ordered = False
        self.kind = kinds.get(self.ntype) or kinds.get("*") or {}
        self.commands = list(self.kind.get("commands", []))
        self.values = {p["id"]: spec.get("parameters", {}).get(p["id"], p["value"])
                       for p in self.kind.get("parameters", [])}
        now = utcnow()
        self.changed = now
        self.messages = [{"when": now.__class__.fromtimestamp(now.timestamp() - 60 * m.get("minutes_ago", 0),
                                                              now.tzinfo),
                          "type": m["type"], "text": m["text"], "eventId": m.get("eventId")}
                         for m in spec.get("messages", [])]

    def parameters(self):
        """id -> (element, localised name, value), as getNode(parameters='true') shows them."""
        out = {"name": ("string", "Name", self.display), "type": ("string", "Type", self.ntype)}
        for p in self.kind.get("parameters", []):
            out[p["id"]] = ("int" if p["type"] == "int" else "string", p["label"], self.values[p["id"]])
        return out


class Source:
    def __init__(self, sid, name, parent=None):
        self.id = sid
        self.name = name
        self.parent = parent
        self.children = []
        self.roots = []
        self.nodes = {}

    def add(self, node, parent=None, after=None):
        node.parent = parent
        siblings = parent.children if parent else self.roots
        siblings.insert(siblings.index(after) + 1 if after in siblings else len(siblings), node)
        self.nodes[node.id] = node

    def remove(self, node):
        for c in list(node.children):
            self.remove(c)
        (node.parent.children if node.parent else self.roots).remove(node)
        del self.nodes[node.id]


class Concentrator:
    def __init__(self, client, namespaces, nf, spec, build_sources):
        self.client = client
        # One family, several spellings (Waher registers IEEE and NF): each
        # answer in the namespace of its request, each event in that of its subscription.
        self.dialects = {ns: Dialect(ns, nf) for ns in namespaces}
        self.w = self.dialects[namespaces[0]]
        self.nf = nf
        self.spec = spec
        self.build_sources = build_sources      # () -> [Source] (roots; children linked)
        self.loop = asyncio.get_event_loop()
        self.ops = tuple(spec.get("capabilities", ALL_OPS))
        self.reset()

    # -- state ----------------------------------------------------------------------------------
    def reset(self):
        self.started = utcnow()
        self.roots = self.build_sources()
        self.sources = {}
        for s in self.roots:
            self.index(s)
        self.subs = {}          # subscriber full JID -> {source id: {"types", "params", "messages", "expires"}}
        self.renewals = {}      # subscriber bare JID -> renewals
        self.queries = {}       # query id -> Query
        self.faults = {}        # op -> (kind, arg)
        self.next_query = 1
        self.period = 0
        self.ticker = None
        self.ticks = 0

    def index(self, s):
        self.sources[s.id] = s
        for c in s.children:
            self.index(c)

    @staticmethod
    def stamp(when):
        return xs_datetime(when)

    def node_of(self, ref):
        nid, src, pt = ref
        s = self.sources.get(src or "")
        n = s.nodes.get(nid or "") if s else None
        return n if n is not None and (pt or None) == (n.pt or None) else None

    # -- dispatch ---------------------------------------------------------------------------------
    def on_iq(self, iq, q):
        ns, op = q.tag[1:].split("}", 1)
        self.w = self.dialects[ns]
        if op not in self.ops or not hasattr(self, "op_" + op):
            return self.w.refuse(self.client, iq, op, "NotImplemented", "Operation not supported: " + op)
        fault = self.faults.pop(op, None)
        if fault is not None and self.fault(iq, q, op, fault):
            return
        getattr(self, "op_" + op)(iq, q, op)

    def ok(self, iq, payload=""):
        self.client.iq_result(iq, payload)

    def fault(self, iq, q, op, fault):
        kind, arg = fault
        if kind == "malformed":
            self.ok(iq, "<query xmlns='jabber:iq:version'><name>not a concentrator answer</name></query>")
        elif kind == "silent":
            pass
        elif kind == "vanish":
            self.vanish(float(arg or 3))
        elif kind == "remove":
            node = self.node_of(self.w.ref_of(q))
            if node is None:
                return False
            self.remove_node(node)
            self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
        elif kind == "partial":
            nodes = self.list_for(op, q)
            if nodes is None:
                return False
            half = len(nodes) // 2
            items = [self.w.node_el(n, False, False, self.stamp) for n in nodes]
            items[half:] = [i.replace(" id=", " lost=", 1).replace(" nodeId=", " lost=", 1) for i in items[half:]]
            self.ok(iq, self.w.answer(op, "".join(items)))
        else:
            return False
        return True

    # -- data sources -----------------------------------------------------------------------------
    def op_getCapabilities(self, iq, q, op):
        self.ok(iq, self.w.answer(op, "".join("<value>%s</value>" % o for o in self.ops)))

    def source_el(self, s):
        return "<dataSource %s=%s name=%s hasChildren=%s lastChanged=%s/>" % (
            "src" if self.nf else "sourceId", a(s.id), a(s.name), a("true" if s.children else "false"),
            a(self.stamp(self.started)))

    def op_getAllDataSources(self, iq, q, op):
        self.ok(iq, self.w.answer(op, "".join(self.source_el(s) for s in self.sources.values())))

    def op_getRootDataSources(self, iq, q, op):
        self.ok(iq, self.w.answer(op, "".join(self.source_el(s) for s in self.roots)))

    def op_getChildDataSources(self, iq, q, op):
        s = self.sources.get(self.w.source_of(q) or "")
        if s is None:
            return self.w.refuse(self.client, iq, op, "NotFound", "Source not found.")
        self.ok(iq, self.w.answer(op, "".join(self.source_el(c) for c in s.children)))

    # -- nodes ------------------------------------------------------------------------------------
    def want(self, q):
        return q.get("parameters") == "true", q.get("messages") == "true"

    def list_for(self, op, q):
        """The nodes a list op answers with, or None when what it names is unknown."""
        if op in ("getRootNodes", "getAllNodes"):
            s = self.sources.get(self.w.source_of(q) or "")
            if s is None:
                return None
            if op == "getRootNodes":
                return list(s.roots)
            out, todo = [], list(s.roots)
            while todo:
                n = todo.pop(0)
                out.append(n)
                todo += n.children
            return out
        node = self.node_of(self.w.ref_of(q))
        if node is None:
            return None
        if op == "getChildNodes":
            return list(node.children)
        chain = []
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def answer_list(self, iq, q, op):
        nodes = self.list_for(op, q)
        if nodes is None:
            return self.w.refuse(self.client, iq, op, "NotFound", "Node not found." if op in (
                "getChildNodes", "getAncestors") else "Source not found.")
        params, messages = self.want(q)
        self.ok(iq, self.w.answer(op, "".join(self.w.node_el(n, params, messages, self.stamp) for n in nodes)))

    op_getRootNodes = op_getAllNodes = op_getChildNodes = op_getAncestors = answer_list

    def op_getNode(self, iq, q, op):
        node = self.node_of(self.w.ref_of(q))
        if node is None:
            return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
        params, messages = self.want(q)
        self.ok(iq, self.w.node_answer(op, node, params, messages, self.stamp))

    def nodes_of(self, iq, q, op):
        nodes = [self.node_of(r) for r in self.w.refs_in(q)]
        if not nodes or None in nodes:
            self.w.refuse(self.client, iq, op, "NotFound" if nodes else "BadRequest",
                          "Node not found." if nodes else "No nodes specified.")
            return None
        return nodes

    def op_getNodes(self, iq, q, op):
        nodes = self.nodes_of(iq, q, op)
        if nodes is not None:
            params, messages = self.want(q)
            self.ok(iq, self.w.answer(op, "".join(self.w.node_el(n, params, messages, self.stamp) for n in nodes)))

    def op_containsNode(self, iq, q, op):
        self.ok(iq, self.w.bool_answer(op, self.node_of(self.w.ref_of(q)) is not None))

    def op_containsNodes(self, iq, q, op):
        self.ok(iq, self.w.answer(op, "".join(self.w.bools_item(self.node_of(r) is not None)
                                              for r in self.w.refs_in(q))))

    # -- the rest lives in things_conc_ops.py ------------------------------------------------------
    from things_conc_ops import (op_getNodeParametersForEdit, op_setNodeParametersAfterEdit,  # noqa: E402,F401
                                 op_getCommonNodeParametersForEdit, op_setCommonNodeParametersAfterEdit,
                                 op_getAddableNodeTypes, op_getParametersForNewNode, op_createNewNode,
                                 op_destroyNode, op_moveNodeUp, op_moveNodeDown, op_moveNodesUp, op_moveNodesDown,
                                 op_getNodeCommands, op_getCommonNodeCommands, op_getCommandParameters,
                                 op_getCommonCommandParameters, op_executeNodeCommand,
                                 op_executeCommonNodeCommand, op_executeNodeQuery, op_executeCommonNodeQuery,
                                 op_abortNodeQuery, op_abortCommonNodeQuery, form_xml, read_submit, validate,
                                 command_el, run_query)
    from things_conc_events import (op_subscribe, op_unsubscribe, emit, remove_node, tick, set_period,  # noqa
                                    vanish, presence_gone, chat)
