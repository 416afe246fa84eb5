"""Concentrator operations of the simulated home beyond browsing: parameter
forms and their validation, node management, commands and queries. These are
methods of things_concentrator.Concentrator (bound there), written as
functions of `self`.

Forms are XEP-0004 with XEP-0122 validation; a submitted form is checked field
by field (required, integer ranges, a unique node id) and refused with every
fault at once. A query ("type": "Query" command with a "query" entry) streams
a title, one table and its records in chunks of "chunk" records per message,
"Pace" milliseconds apart; NF messages carry seqNr 1, 2, ... and, when
"swap" names two message numbers, those two are sent in each other's place
(once per query), as a network may reorder them.
"""
from things_base import a, x
from things_conc_wire import NS_XDATA, NS_XDD, NS_XDV
from things_home import utcnow

# -- forms ------------------------------------------------------------------------------------


def form_xml(self, title, fields, values=None, errors=None, not_same=()):
    """An XEP-0004 form: fields are specs {var, label, type: text|int, min, max, value, required};
    not_same: vars whose values differ between the nodes (XEP-0336 notSame)."""
    values = values or {}
    errors = errors or {}
    out = ["<x xmlns='%s' xmlns:xdv='%s' xmlns:xdd='%s' type='form'><title>%s</title>" % (
        NS_XDATA, NS_XDV, NS_XDD, x(title))]
    for f in fields:
        out.append("<field var=%s type='text-single' label=%s>" % (a(f["var"]), a(f["label"])))
        if f.get("desc"):
            out.append("<desc>%s</desc>" % x(f["desc"]))
        if f.get("required"):
            out.append("<required/>")
        if f["type"] == "int":
            out.append("<xdv:validate datatype='xs:int'><xdv:range min=%s max=%s/></xdv:validate>" % (
                a(f["min"]), a(f["max"])))
        out.append("<value>%s</value>" % x(values.get(f["var"], f.get("value", ""))))
        if f["var"] in not_same:
            out.append("<xdd:notSame/>")
        if f["var"] in errors:
            out.append("<xdd:error>%s</xdd:error>" % x(errors[f["var"]]))
        out.append("</field>")
    out.append("</x>")
    return "".join(out)


def read_submit(self, q):
    """{var: first value} of the <x type='submit'/> in q, or None."""
    form = q.find("{%s}x" % NS_XDATA)
    if form is None:
        return None
    out = {}
    for f in form.findall("{%s}field" % NS_XDATA):
        v = f.find("{%s}value" % NS_XDATA)
        out[f.get("var")] = (v.text or "") if v is not None else ""
    return out


def validate(self, fields, values):
    """[(var, text)] of every faulty field; values are taken as given where fine."""
    errors = []
    for f in fields:
        v = values.get(f["var"], f.get("value", "")).strip()
        if f.get("required") and not v:
            errors.append((f["var"], "%s is required." % f["label"]))
        elif f["type"] == "int":
            try:
                n = int(v)
            except ValueError:
                errors.append((f["var"], "%s must be a whole number." % f["label"]))
                continue
            if not int(f["min"]) <= n <= int(f["max"]):
                errors.append((f["var"], "%s must be between %s and %s." % (f["label"], f["min"], f["max"])))
    return errors


def node_fields(self, kind):
    return [{"var": "NodeId", "label": "Node ID", "type": "text", "required": True},
            {"var": "Name", "label": "Name", "type": "text", "required": True}] + [
        {"var": p["id"], "label": p["label"], "type": p["type"], "min": p.get("min"), "max": p.get("max"),
         "value": p["value"]} for p in kind.get("parameters", [])]


def node_values(self, node):
    v = {"NodeId": node.id, "Name": node.display}
    v.update(node.values)
    return v


def refuse_form(self, iq, op, title, fields, values, errors):
    self.w.refuse_form(self.client, iq, op, errors, form_xml(self, title, fields, values, dict(errors)))


# -- editing ----------------------------------------------------------------------------------


def op_getNodeParametersForEdit(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    self.ok(iq, self.w.answer(op, form_xml(self, node.display, node_fields(self, node.kind), node_values(self, node))))


def apply_edit(self, node, values):
    """Applies checked values to node; returns its old id when it was renamed."""
    old = node.id
    node.display = values.get("Name", node.display).strip() or node.display
    for pid in node.values:
        if pid in values:
            node.values[pid] = str(int(values[pid]))
    new = values.get("NodeId", old).strip()
    if new != old:
        s = self.sources[node.src]
        del s.nodes[old]
        node.id = new
        s.nodes[new] = node
    node.changed = utcnow()
    self.emit(node.src, "nodeUpdated", node, old_id=old if new != old else None)
    return old if new != old else None


def edit_errors(self, node, fields, values):
    errors = validate(self, fields, values)
    new = values.get("NodeId", node.id).strip()
    if new and new != node.id and new in self.sources[node.src].nodes:
        errors.append(("NodeId", "Identity already exists."))
    return errors


def op_setNodeParametersAfterEdit(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    values = read_submit(self, q)
    if values is None:
        return self.w.refuse(self.client, iq, op, "BadRequest", "Data form missing.")
    fields = node_fields(self, node.kind)
    merged = dict(node_values(self, node), **values)
    errors = edit_errors(self, node, fields, merged)
    if errors:
        return refuse_form(self, iq, op, node.display, fields, merged, errors)
    apply_edit(self, node, merged)
    self.ok(iq, self.w.node_answer(op, node, True, True, self.stamp))


def common_fields(self, nodes):
    """The parameters every node has (the id is each node's own: not common)."""
    fields = node_fields(self, nodes[0].kind)[1:]
    return [f for f in fields if all(any(g["var"] == f["var"] for g in node_fields(self, n.kind)) for n in nodes)]


def op_getCommonNodeParametersForEdit(self, iq, q, op):
    nodes = self.nodes_of(iq, q, op)
    if nodes is None:
        return
    fields = common_fields(self, nodes)
    differ = [f["var"] for f in fields if len({node_values(self, n).get(f["var"]) for n in nodes}) > 1]
    xml = form_xml(self, "%d nodes" % len(nodes), fields, node_values(self, nodes[0]), not_same=differ)
    self.ok(iq, self.w.answer(op, xml))


def op_setCommonNodeParametersAfterEdit(self, iq, q, op):
    nodes = self.nodes_of(iq, q, op)
    if nodes is None:
        return
    values = read_submit(self, q)
    if values is None:
        return self.w.refuse(self.client, iq, op, "BadRequest", "Data form missing.")
    values.pop("NodeId", None)
    fields = common_fields(self, nodes)
    errors = validate(self, [f for f in fields if f["var"] in values], values)
    if errors:
        return refuse_form(self, iq, op, "%d nodes" % len(nodes), fields, values, errors)
    for n in nodes:
        apply_edit(self, n, dict(node_values(self, n), **values))
    self.ok(iq, "" if self.nf else self.w.answer(op, "".join(
        self.w.node_el(n, True, False, self.stamp) for n in nodes)))


# -- management ---------------------------------------------------------------------------------


def addable(self, node):
    return [t for t in node.kind.get("children", []) if t in self.spec["kinds"]]


def op_getAddableNodeTypes(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    self.ok(iq, self.w.answer(op, "".join("<nodeType type=%s name=%s/>" % (a(t), a(self.spec["kinds"][t]["name"]))
                                          for t in addable(self, node))))


def new_node_target(self, iq, q, op):
    parent = self.node_of(self.w.ref_of(q))
    if parent is None:
        self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
        return None, None
    ntype = q.get("type")
    if ntype not in addable(self, parent):
        self.w.refuse(self.client, iq, op, "NotFound", "Invalid type.")
        return None, None
    return parent, self.spec["kinds"][ntype]


def op_getParametersForNewNode(self, iq, q, op):
    parent, kind = new_node_target(self, iq, q, op)
    if parent is not None:
        self.ok(iq, self.w.answer(op, form_xml(self, kind["name"], node_fields(self, kind))))


def op_createNewNode(self, iq, q, op):
    from things_concentrator import Node
    parent, kind = new_node_target(self, iq, q, op)
    if parent is None:
        return
    values = read_submit(self, q)
    if values is None:
        return self.w.refuse(self.client, iq, op, "BadRequest", "Missing form.")
    fields = node_fields(self, kind)
    errors = validate(self, fields, values)
    if values.get("NodeId", "").strip() in self.sources[parent.src].nodes:
        errors.append(("NodeId", "Identity already exists."))
    if errors:
        return refuse_form(self, iq, op, kind["name"], fields, values, errors)
    node = Node({"id": values["NodeId"].strip(), "displayName": values["Name"].strip(), "nodeType": q.get("type"),
                 "readable": False, "parameters": {p["id"]: values.get(p["id"], p["value"])
                                                   for p in kind.get("parameters", [])}},
                parent.src, self.spec["kinds"])
    self.sources[parent.src].add(node, parent)
    self.emit(node.src, "nodeAdded", node)
    self.ok(iq, self.w.node_answer(op, node, True, True, self.stamp))


def op_destroyNode(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    if not node.kind.get("destroyable", True):
        return self.w.refuse(self.client, iq, op, "Forbidden", "Not sufficient privileges.")
    self.remove_node(node)
    self.ok(iq, self.w.answer(op) if not self.nf else "")


def move(self, node, up):
    siblings = node.parent.children if node.parent else self.sources[node.src].roots
    i = siblings.index(node)
    j = i - 1 if up else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
        self.emit(node.src, "nodeMovedUp" if up else "nodeMovedDown", node)


def move_op(self, iq, q, op, up, several):
    nodes = self.nodes_of(iq, q, op) if several else [self.node_of(self.w.ref_of(q))]
    if nodes is None:
        return
    if None in nodes:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    for n in (nodes if up else reversed(nodes)):
        move(self, n, up)
    self.ok(iq, self.w.answer(op) if not self.nf else "")


def op_moveNodeUp(self, iq, q, op):
    move_op(self, iq, q, op, True, False)


def op_moveNodeDown(self, iq, q, op):
    move_op(self, iq, q, op, False, False)


def op_moveNodesUp(self, iq, q, op):
    move_op(self, iq, q, op, True, True)


def op_moveNodesDown(self, iq, q, op):
    move_op(self, iq, q, op, False, True)


# -- commands -----------------------------------------------------------------------------------


def command_el(self, cid, node):
    c = self.spec["commands"][cid]
    attrs = "".join(" %s=%s" % (k, a(c[k] % {"name": node.display} if "%(" in c[k] else c[k]))
                    for k in ("confirmationString", "successString", "failureString", "sortCategory", "sortKey")
                    if c.get(k))
    ctype = c["type"]
    if ctype == "Parametrized" and not self.nf:
        ctype = "Parameterized"     # XEP-0326's spelling; Waher's CommandType says Parametrized
    return "<command command=%s name=%s type=%s%s/>" % (a(cid), a(c["name"]), a(ctype), attrs)


def op_getNodeCommands(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    self.ok(iq, self.w.answer(op, "".join(command_el(self, c, node) for c in node.commands)))


def op_getCommonNodeCommands(self, iq, q, op):
    nodes = self.nodes_of(iq, q, op)
    if nodes is not None:
        common = [c for c in nodes[0].commands if all(c in n.commands for n in nodes)]
        self.ok(iq, self.w.answer(op, "".join(command_el(self, c, nodes[0]) for c in common)))


def command_of(self, iq, q, op, nodes):
    cid = q.get("command")
    if not all(cid in n.commands for n in nodes):
        self.w.refuse(self.client, iq, op, "NotFound", "Command not found.")
        return None
    return cid, self.spec["commands"][cid]


def op_getCommandParameters(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    found = command_of(self, iq, q, op, [node])
    if found is not None:
        self.ok(iq, self.w.answer(op, form_xml(self, found[1]["name"], found[1].get("fields", []))))


def op_getCommonCommandParameters(self, iq, q, op):
    nodes = self.nodes_of(iq, q, op)
    found = command_of(self, iq, q, op, nodes) if nodes else None
    if found is not None:
        self.ok(iq, self.w.answer(op, form_xml(self, found[1]["name"], found[1].get("fields", []))))


def checked_form(self, iq, q, op, cmd, query):
    """The submitted values of a command's form, or None after refusing it."""
    values = read_submit(self, q)
    needs_form = query or cmd["type"] != "Simple"
    if (values is None) == needs_form:
        self.w.refuse(self.client, iq, op, "BadRequest", "Form expected." if needs_form
                      else "Parametrized command expected.")
        return None
    values = values or {}
    errors = validate(self, cmd.get("fields", []), values)
    if cmd.get("order"):                       # XEP-0326's example: to after from
        lo, hi = cmd["order"]
        if values.get(hi, "") and values.get(lo, "") and values[hi] < values[lo]:
            errors.append((hi, cmd["order_error"]))
    if errors:
        refuse_form(self, iq, op, cmd["name"], cmd.get("fields", []), values, errors)
        return None
    return values


def execute(self, node, cid, values):
    """A command's effect: a state change the subscribers see, or nothing."""
    effect = self.spec["commands"][cid].get("effect")
    if effect == "toggle":
        node.values["On"] = "false" if node.values.get("On", "true") == "true" else "true"
    if effect in ("toggle", "dim"):
        node.changed = utcnow()
        self.emit(node.src, "nodeUpdated", node)


def op_executeNodeCommand(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    found = command_of(self, iq, q, op, [node])
    if found is None:
        return
    if found[1]["type"] == "Query":
        return self.w.refuse(self.client, iq, op, "BadRequest", "Parametrized command expected.")
    values = checked_form(self, iq, q, op, found[1], False)
    if values is None:
        return
    execute(self, node, found[0], values)
    self.ok(iq, self.w.answer(op) if not self.nf else "")


def op_executeCommonNodeCommand(self, iq, q, op):
    nodes = self.nodes_of(iq, q, op)
    found = command_of(self, iq, q, op, nodes) if nodes else None
    if found is None:
        return
    values = checked_form(self, iq, q, op, found[1], False)
    if values is None:
        return
    results = []
    for n in nodes:
        if n.state.startswith("Error"):
            results.append("<result error=%s>false</result>" % a("%s does not answer." % n.display))
        else:
            execute(self, n, found[0], values)
            results.append("<result>true</result>")
    self.ok(iq, self.w.answer(op, "".join(results)))


# -- queries --------------------------------------------------------------------------------------


def start_query(self, iq, q, op, nodes):
    found = command_of(self, iq, q, op, nodes)
    if found is None:
        return
    if found[1]["type"] != "Query":
        return self.w.refuse(self.client, iq, op, "BadRequest", "Query command expected.")
    values = checked_form(self, iq, q, op, found[1], True)
    if values is None:
        return
    if self.nf:
        qid = q.get("queryId") or ""
        if not qid:
            return self.w.refuse(self.client, iq, op, "BadRequest", "Query ID missing.")
        if qid in self.queries:
            return self.w.refuse(self.client, iq, op, "Conflict", "Query with same ID already running.")
    else:
        qid = "Query%04d" % self.next_query
        self.next_query += 1
    self.queries[qid] = {"timers": [], "seq": {n.id: 0 for n in nodes}, "to": iq["from"].full, "nodes": nodes,
                         "w": self.w}
    if op == "executeCommonNodeQuery":
        self.ok(iq, self.w.answer(op, "<result>true</result>" * len(nodes), " queryId=%s" % a(qid))
                if not self.nf else self.w.answer(op, "<result>true</result>" * len(nodes)))
    else:
        self.ok(iq, self.w.answer(op, "", " queryId=%s" % a(qid)) if not self.nf else "")
    for n in nodes:
        run_query(self, qid, n, found[1], values)


def progress(self, qid, node, body):
    """One queryProgress message of query qid about node (its seqNr taken now)."""
    run = self.queries[qid]
    run["seq"][node.id] += 1
    seq = " seqNr='%d'" % run["seq"][node.id] if self.nf else ""
    return "<queryProgress xmlns='%s'%s queryId=%s%s>%s</queryProgress>" % (
        run["w"].ns, run["w"].ref_attrs(node), a(qid), seq, body)


def run_query(self, qid, node, cmd, values):
    """Builds the whole stream, then sends it Pace ms apart (NF: two messages swapped once)."""
    spec = cmd["query"]
    rows = int(values.get("Rows", spec.get("rows", 20)) or 0)
    pace = int(values.get("Pace", 0) or 0) / 1000.0
    chunk = spec.get("chunk", 5)
    msgs = [progress(self, qid, node, "<queryStarted/><title name=%s/>" % a(spec["title"] % {"name": node.display})),
            progress(self, qid, node, "<newTable tableId='t1' tableName=%s>%s</newTable>" % (
                a(spec["table"]), "".join("<column columnId=%s header=%s%s/>" % (
                    a(c["id"]), a(c["header"]), " alignment=%s" % a(c["alignment"]) if c.get("alignment") else "")
                    for c in spec["columns"])))]
    now = utcnow()
    for start in range(0, rows, chunk):
        recs = []
        for i in range(start, min(rows, start + chunk)):
            when = now.__class__.fromtimestamp(now.timestamp() - 3600 * (rows - i), now.tzinfo)
            recs.append("<record><dateTime>%s</dateTime><boolean>%s</boolean><double>%.1f</double></record>" % (
                self.stamp(when), "true" if i % 2 == 0 else "false", 7.2 if i % 2 == 0 else 0.0))
        msgs.append(progress(self, qid, node, "<newRecords tableId='t1'>%s</newRecords>" % "".join(recs)))
    msgs.append(progress(self, qid, node, "<tableDone tableId='t1'/><queryMessage type='Information' "
                                          "level='Minor'>%d records.</queryMessage><queryDone/>" % rows))
    swap = spec.get("swap")
    if self.nf and swap and max(swap) < len(msgs):
        i, j = swap
        msgs[i], msgs[j] = msgs[j], msgs[i]
    run = self.queries[qid]
    to = run["to"]
    for k, m in enumerate(msgs):
        last = k == len(msgs) - 1
        run["timers"].append(self.loop.call_later(pace * k, send_progress, self, qid, to, m, last))


def send_progress(self, qid, to, xml, last):
    run = self.queries.get(qid)
    if run is None:
        return
    self.client.send_message_xml(to, xml, "normal")
    if last:
        run["left"] = run.get("left", len(run["nodes"])) - 1
        if run["left"] <= 0:
            self.queries.pop(qid, None)


def op_executeNodeQuery(self, iq, q, op):
    node = self.node_of(self.w.ref_of(q))
    if node is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Node not found.")
    start_query(self, iq, q, op, [node])


def op_executeCommonNodeQuery(self, iq, q, op):
    nodes = self.nodes_of(iq, q, op)
    if nodes is not None:
        start_query(self, iq, q, op, nodes)


def abort(self, iq, q, op):
    qid = q.get("queryId") or ""
    run = self.queries.pop(qid, None)
    if run is None:
        return self.w.refuse(self.client, iq, op, "NotFound", "Query not found.")
    for t in run["timers"]:
        t.cancel()
    self.queries[qid] = run         # for the last messages' numbers
    for n in run["nodes"]:
        self.client.send_message_xml(run["to"], progress(self, qid, n, "<queryAborted/>"), "normal")
    self.queries.pop(qid, None)
    self.ok(iq, self.w.answer(op) if not self.nf else "")


def op_abortNodeQuery(self, iq, q, op):
    abort(self, iq, q, op)


def op_abortCommonNodeQuery(self, iq, q, op):
    abort(self, iq, q, op)

