"""Control of the nodes behind the home hub: home.json hub "control" (its _about says
what goes on the wire) and each node's "control" entry.

IEEE generation with NF short names (protocols.md §4.4, §5.6): <set/> and <getForm/>
with <nd/> children, in urn:ieee:iot:ctr:1.0 and urn:nf:iot:ctr:1.0; answers in the
NF namespace, as Waher's <resp/> is. Control forms use XEP-0004 with XEP-0122
validation, XEP-0141 pages and sections, XEP-0331 colours and XEP-0336 dynamic
forms: a postBack field (Mode) whose value makes other fields read-only or makes
them appear, read-only fields, notSame for several nodes, a session, post-back and
cancel, forms pushed to whoever holds a session (<updated/>), and Waher's form-error
shape for a refused form submit.
"""
import re
import uuid

from things_base import NS_CLIENT, NS_STANZAS, a, child, x
from things_nf import NF_CONTROL_ELEMENTS, NS_XDATA, NS_XDATA_COLOR, NS_XDATA_VALIDATE

NS_XDATA_LAYOUT = "http://jabber.org/protocol/xdata-layout"
NS_XDATA_DYNAMIC = "urn:xmpp:xdata:dynamic"
NS_XDATA_DYNAMIC_OLD = "http://jabber.org/protocol/xdata-dynamic"   # XEP-0325/0326 v0.1 examples
FORM_NAMESPACES = ("xmlns='%s' xmlns:xdv='%s' xmlns:xdl='%s' xmlns:xdd='%s' xmlns:xdc='%s'"
                   % (NS_XDATA, NS_XDATA_VALIDATE, NS_XDATA_LAYOUT, NS_XDATA_DYNAMIC, NS_XDATA_COLOR))
TIME_RE = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
HEX = set("0123456789abcdefABCDEF")
MAX_SESSIONS = 200


class Refusal(Exception):
    """An iq error already sent: the request ends here."""


class HubControl:
    """Control on behalf of a HubThing; keeps no values itself (hub.values does)."""

    def __init__(self, hub):
        self.hub = hub
        self.spec = hub.entry["control"]
        self.rns = self.spec["response_namespace"]
        self.session_var = self.spec["session_var"]
        self.sets = 0               # <set/> iqs received, whatever became of them
        self.sessions = {}          # session id -> {"nodes": [ids], "sent": {var: value}, "to": full JID}
        for ns in self.spec["namespaces"]:
            hub.handle("set " + ns, "{%s}iq/{%s}set" % (NS_CLIENT, ns), lambda iq, ns=ns: self.on_set(iq, ns))
            hub.handle("getForm " + ns, "{%s}iq/{%s}getForm" % (NS_CLIENT, ns),
                       lambda iq, ns=ns: self.on_get_form(iq, ns))
        hub.handle("xdd submit", "{%s}iq/{%s}submit" % (NS_CLIENT, NS_XDATA_DYNAMIC), self.on_post_back)
        hub.handle("xdd cancel", "{%s}iq/{%s}cancel" % (NS_CLIENT, NS_XDATA_DYNAMIC), self.on_cancel)

    def reset(self):
        self.sessions = {}

    # -- parameters and their values ------------------------------------------------------------
    def params(self, node_id):
        return self.hub.nodes[node_id]["control"]["parameters"]

    def param(self, node_id, name):
        return next((p for p in self.params(node_id) if p["name"] == name), None)

    def state(self, node_id):
        """{parameter: current wire value} of a node, from its readout fields."""
        fields = {f["name"]: f for f in self.hub.current_fields(node_id)}
        out = {}
        for p in self.params(node_id):
            value = fields[p["name"]]["value"] if p["name"] in fields else ""
            out[p["name"]] = value.lstrip("#").upper() if p["element"] == "cl" else value
        return out

    @staticmethod
    def _when(cond, state):
        return any(state.get(k) in values for k, values in (cond or {}).items())

    def visible(self, p, state):
        return not p.get("only_when") or self._when(p["only_when"], state)

    def read_only(self, p, state):
        return bool(p.get("read_only")) or self._when(p.get("read_only_when"), state)

    @staticmethod
    def wire(p, value):
        """A value as this hub keeps it on the wire: booleans true/false, colours upper case."""
        if p["element"] == "b":
            return "true" if value in ("true", "1") else "false"
        if p["element"] == "cl":
            return value.upper()
        return value

    @staticmethod
    def field_value(p, value):
        """The readout field's lexical value after p was set to value."""
        if p["element"] == "b":
            return "true" if value in ("true", "1") else "false"
        if p["element"] == "cl":
            return "#" + value.lower()
        return value

    def check(self, p, element, value, state):
        """None when value (from element, or from a form when None) fits p in state, else
        (error spec, text)."""
        c = self.spec
        if element is not None and element != p["element"] and element not in p.get("also", []):
            return c["type_error"], c["type_error"]["text"]
        if self.read_only(p, state):
            return c["read_only_error"], p["read_only_text"]
        kind = p["element"]
        if kind == "b":
            if value not in ("true", "false", "1", "0"):
                return c["type_error"], c["type_error"]["text"]
        elif kind == "cl":
            if len(value) != 6 or any(ch not in HEX for ch in value):
                return c["type_error"], c["type_error"]["text"]
        elif kind == "t":
            if not TIME_RE.match(value):
                return c["type_error"], c["type_error"]["text"]
        elif kind in ("db", "i", "l"):
            try:
                number = float(value) if kind == "db" else int(value)
            except ValueError:
                return c["type_error"], c["type_error"]["text"]
            if number != number or ("min" in p and number < float(p["min"])) or \
                    ("max" in p and number > float(p["max"])):
                return c["value_error"], p["range_error"]
            refuse = p.get("refuse")
            if refuse and number == float(refuse["value"]):
                return c["value_error"], refuse["text"]
        if p.get("options") and value not in [o[0] for o in p["options"]]:
            return c["value_error"], "%s must be one of: %s." % (p["name"], ", ".join(o[0] for o in p["options"]))
        return None

    # -- node references --------------------------------------------------------------------------
    def node_ids(self, iq, el, ns):
        """The node ids of el's <nd/> children, in order; answers the iq and raises Refusal
        for an unknown or uncontrollable node."""
        ids = []
        for nd in el.findall("{%s}nd" % ns):
            node_id = nd.get("id", "")
            src = nd.get("src")
            if node_id not in self.hub.nodes or (src and src != self.hub.source["id"]):
                err = self.spec["unknown_node_error"]
                self.hub.iq_error(iq, "cancel", err["condition"], err["text"])
                raise Refusal()
            if not self.hub.nodes[node_id].get("control"):
                err = self.spec["not_controllable_error"]
                self.hub.iq_error(iq, "cancel", err["condition"], err["text"])
                raise Refusal()
            if node_id not in ids:
                ids.append(node_id)
        return ids

    # -- forms ----------------------------------------------------------------------------------------
    def field_xml(self, p, value, read_only, not_same=False, error=None):
        parts = ["<field var=%s type=%s label=%s>" % (a(p["name"]), a(p["form_type"]), a(p["label"]))]
        if p.get("desc"):
            parts.append("<desc>%s</desc>" % x(p["desc"]))
        parts.append("<value>%s</value>" % x(value))
        for ovalue, olabel in p.get("options", []):
            parts.append("<option label=%s><value>%s</value></option>" % (a(olabel), x(ovalue)))
        rng = ""
        if "min" in p or "max" in p:
            rng = "<xdv:range%s%s/>" % (" min=%s" % a(p["min"]) if "min" in p else "",
                                        " max=%s" % a(p["max"]) if "max" in p else "")
        elif p["form_type"] == "list-single":
            rng = "<xdv:basic/>"
        parts.append("<xdv:validate datatype=%s>%s</xdv:validate>" % (a(p["datatype"]), rng))
        if p.get("post_back"):
            parts.append("<xdd:postBack/>")
        if read_only:
            parts.append("<xdd:readOnly/>")
        if not_same:
            parts.append("<xdd:notSame/>")
        if error:
            parts.append("<xdd:error>%s</xdd:error>" % x(error))
        parts.append("</field>")
        return "".join(parts)

    def layout_xml(self, node_id, shown):
        out = []
        for page in self.hub.nodes[node_id]["control"].get("pages", []):
            body = ["<xdl:fieldref var=%s/>" % a(v) for v in page.get("fields", []) if v in shown]
            for sec in page.get("sections", []):
                refs = ["<xdl:fieldref var=%s/>" % a(v) for v in sec.get("fields", []) if v in shown]
                if refs:
                    text = "<xdl:text>%s</xdl:text>" % x(sec["text"]) if sec.get("text") else ""
                    body.append("<xdl:section label=%s>%s%s</xdl:section>" % (a(sec["label"]), text, "".join(refs)))
            if body:
                out.append("<xdl:page label=%s>%s</xdl:page>" % (a(page["label"]), "".join(body)))
        return "".join(out)

    def form_fields(self, ids, states, errors):
        """(title, instructions, layout, [(var, value)], [field xml]) of the form for ids."""
        first = ids[0]
        if len(ids) == 1:
            c = self.hub.nodes[first]["control"]
            state = states[first]
            shown = [p for p in self.params(first) if self.visible(p, state)]
            values = [(p["name"], state[p["name"]]) for p in shown]
            xml = [self.field_xml(p, state[p["name"]], self.read_only(p, state), error=errors.get(p["name"]))
                   for p in shown]
            return c["title"], c.get("instructions"), self.layout_xml(first, {p["name"] for p in shown}), values, xml
        values, xml = [], []
        for p in self.params(first):
            others = [self.param(i, p["name"]) for i in ids[1:]]
            if not all(o is not None and o["form_type"] == p["form_type"] and o["datatype"] == p["datatype"]
                       and self.visible(o, states[i]) for o, i in zip(others, ids[1:])) \
                    or not self.visible(p, states[first]):
                continue
            seen = [states[i][p["name"]] for i in ids]
            read_only = any(self.read_only(self.param(i, p["name"]), states[i]) for i in ids)
            values.append((p["name"], seen[0]))
            xml.append(self.field_xml(p, seen[0], read_only, not_same=len(set(seen)) > 1,
                                      error=errors.get(p["name"])))
        title = ", ".join(self.hub.nodes[i]["displayName"] for i in ids)
        return title, None, "", values, xml

    def new_session(self, ids, to):
        while len(self.sessions) >= MAX_SESSIONS:
            self.sessions.pop(next(iter(self.sessions)))
        sid = str(uuid.uuid4())
        self.sessions[sid] = {"nodes": ids, "sent": {}, "to": to}
        return sid

    def push(self, bare):
        """Sends every session that the account @bare holds its form again, as the nodes are
        now (XEP-0336 <updated/> in a message to the full JID that asked); returns how many."""
        n = 0
        for sid, session in list(self.sessions.items()):
            if session["to"].split("/", 1)[0] != bare:
                continue
            ids = [i for i in session["nodes"] if i in self.hub.nodes]
            if not ids:
                continue
            states = {i: self.state(i) for i in ids}
            self.hub.send_message_xml(session["to"], "<updated xmlns='%s' sessionVariable=%s>%s</updated>"
                                      % (NS_XDATA_DYNAMIC, a(self.session_var), self.form_xml(ids, states, sid)))
            n += 1
        return n

    def form_xml(self, ids, states, sid, errors=None, ftype="form"):
        """The whole <x/> for ids in states; remembers what the session was sent."""
        title, instructions, layout, values, fields = self.form_fields(ids, states, errors or {})
        if sid in self.sessions:
            self.sessions[sid]["sent"] = dict(values)
        session = "<field var=%s type='hidden'><value>%s</value></field>" % (a(self.session_var), x(sid))
        return "<x %s type=%s><title>%s</title>%s%s%s%s</x>" % (
            FORM_NAMESPACES, a(ftype), x(title),
            "<instructions>%s</instructions>" % x(instructions) if instructions else "",
            layout, session, "".join(fields))

    def hub_form_xml(self):
        f = self.spec["hub_form"]
        return "<x xmlns='%s' type='form'><title>%s</title><instructions>%s</instructions></x>" % (
            NS_XDATA, x(f["title"]), x(f["instructions"]))

    @staticmethod
    def form_values(xf):
        """[(var, value, type)] of an <x/>, in order; several values joined by newlines."""
        out = []
        for f in xf.findall("{%s}field" % NS_XDATA) if xf is not None else []:
            if f.get("var"):
                vals = [v.text or "" for v in f.findall("{%s}value" % NS_XDATA)]
                out.append((f.get("var"), "\n".join(vals), f.get("type")))
        return out

    # -- requests -----------------------------------------------------------------------------------
    def on_get_form(self, iq, ns):
        if iq["type"] != "get":
            return
        try:
            ids = self.node_ids(iq, child(iq, ns, "getForm"), ns)
        except Refusal:
            return
        if not ids:
            self.hub.iq_result(iq, self.hub_form_xml())
            return
        states = {i: self.state(i) for i in ids}
        self.hub.iq_result(iq, self.form_xml(ids, states, self.new_session(ids, iq["from"].full)))

    def session_of(self, iq, xf):
        posted = self.form_values(xf)
        sid = next((v for var, v, _t in posted if var == self.session_var), None)
        session = self.sessions.get(sid)
        if session is None:
            err = self.spec["unknown_session_error"]
            self.hub.iq_error(iq, "cancel", err["condition"], err["text"])
            raise Refusal()
        return sid, session, posted

    def on_post_back(self, iq):
        if iq["type"] != "set":
            return
        xf = child(iq, NS_XDATA_DYNAMIC, "submit").find("{%s}x" % NS_XDATA)
        try:
            sid, session, posted = self.session_of(iq, xf)
        except Refusal:
            return
        ids = [i for i in session["nodes"] if i in self.hub.nodes]
        # What the person changed since the form was sent applies to every node; the rest
        # (notSame values shown as the first node's) stays each node's own.
        changed = {var: v for var, v, _t in posted
                   if var != self.session_var and session["sent"].get(var) != v}
        states = {}
        for i in ids:
            states[i] = self.state(i)
            for var, v in changed.items():
                p = self.param(i, var)
                if p is not None:
                    states[i][var] = self.wire(p, v)
        self.hub.iq_result(iq, self.form_xml(ids, states, sid))

    def on_cancel(self, iq):
        if iq["type"] != "set":
            return
        xf = child(iq, NS_XDATA_DYNAMIC, "cancel").find("{%s}x" % NS_XDATA)
        try:
            sid, _session, _posted = self.session_of(iq, xf)
        except Refusal:
            return
        del self.sessions[sid]
        self.hub.iq_result(iq)

    def turn(self, command):
        """'<node> <param>=<value> [old]': the parameter changes at the device, as when a
        person turns the dimmer's knob; every open form session of the node gets the new
        form pushed (XEP-0336 <updated/>, in the old namespace with 'old'). Returns the
        number of pushes, or None when the command does not fit."""
        words = command.split()
        if len(words) not in (2, 3) or "=" not in words[1] or words[0] not in self.hub.nodes:
            return None
        node_id, (name, value) = words[0], words[1].split("=", 1)
        old = len(words) == 3 and words[2] == "old"
        p = self.param(node_id, name) if self.hub.nodes[node_id].get("control") else None
        if p is None:
            return None
        self.hub.values.setdefault(node_id, {})[name] = self.field_value(p, self.wire(p, value))
        ns = NS_XDATA_DYNAMIC_OLD if old else NS_XDATA_DYNAMIC
        pushes = 0
        for sid, session in list(self.sessions.items()):
            if node_id not in session["nodes"] or not session.get("to"):
                continue
            ids = [i for i in session["nodes"] if i in self.hub.nodes]
            form = self.form_xml(ids, {i: self.state(i) for i in ids}, sid)
            if old:
                form = form.replace("'%s'" % NS_XDATA_DYNAMIC, "'%s'" % NS_XDATA_DYNAMIC_OLD)
            self.hub.send_message_xml(session["to"], "<updated xmlns='%s' sessionVariable=%s>%s</updated>"
                                      % (ns, a(self.session_var), form))
            pushes += 1
        return pushes

    def requested(self, el, ns):
        """[(name, element or None for a form field, value)] of a <set/>, in document order,
        and the submitted <x/> (or None)."""
        out, form = [], None
        for c in el:
            tag = c.tag.split("}", 1)[-1]
            if c.tag == "{%s}x" % NS_XDATA:
                form = c
                out += [(var, None, v) for var, v, t in self.form_values(c)
                        if var != self.session_var and t != "hidden"]
            elif c.tag.startswith("{%s}" % ns) and tag in NF_CONTROL_ELEMENTS:
                out.append((c.get("n", ""), tag, c.get("v", "")))
        return out, form

    def on_set(self, iq, ns):
        if iq["type"] != "set":            # Waher: an IqSetHandler, nothing for get
            return
        self.sets += 1
        el = child(iq, ns, "set")
        try:
            ids = self.node_ids(iq, el, ns)
        except Refusal:
            return
        wanted, form = self.requested(el, ns)
        if form is not None:
            # Waher ignores submitted fields that are no parameter of the node.
            wanted = [w for w in wanted if w[1] is not None or all(self.param(i, w[0]) for i in ids)]
        states = {i: self.state(i) for i in ids}
        problems = []                      # (name, error spec, text)
        for name, element, value in wanted:
            for i in ids or [None]:
                p = self.param(i, name) if i is not None else None
                if p is None or not self.visible(p, states[i]):
                    spec = self.spec["unknown_parameter_error"]
                    problems.append((name, spec, spec["text"]))
                    break
                bad = self.check(p, element, value, states[i])
                if bad:
                    problems.append((name, bad[0], bad[1]))
                    break
                # Parameters apply in document order: a Mode set earlier counts for the next ones.
                states[i][name] = self.wire(p, value)
        if problems and form is not None and ids:
            self.form_error(iq, form, ids, wanted, problems)
            return
        if problems:
            self.param_error(iq, problems)
            return
        for i in ids:
            for name, _element, value in wanted:
                p = self.param(i, name)
                self.hub.values.setdefault(i, {})[name] = self.field_value(p, self.wire(p, value))
        done = dict.fromkeys(name for name, _e, _v in wanted)
        self.hub.iq_result(iq, "<resp xmlns='%s'>%s%s</resp>" % (
            self.rns, "".join("<nd id=%s src=%s/>" % (a(i), a(self.hub.source["id"])) for i in ids),
            "".join("<p n=%s/>" % a(n) for n in done)))

    def param_error(self, iq, problems):
        """One iq error for every problem; the first gives condition and text."""
        _name, spec, text = problems[0]
        etype = "cancel" if spec["condition"] == "item-not-found" else "modify"
        params = "".join("<paramError xmlns='%s' n=%s>%s</paramError>" % (self.rns, a(n), x(t))
                         for n, _s, t in problems)
        self.hub.send_xml("<iq type='error' to=%s id=%s><error type=%s><%s xmlns='%s'/>"
                          "<text xmlns='%s'>%s</text>%s</error></iq>"
                          % (a(iq["from"].full), a(iq["id"]), a(etype), spec["condition"], NS_STANZAS,
                             NS_STANZAS, x(text), params))

    def form_error(self, iq, form, ids, wanted, problems):
        """Waher's answer to a refused form: not-acceptable, and the form with the submitted
        values and an xdd:error in each faulty field (no <text/>)."""
        states = {i: self.state(i) for i in ids}
        for name, _element, value in wanted:
            for i in ids:
                p = self.param(i, name)
                if p is not None:
                    states[i][name] = self.wire(p, value)
        errors = {}
        for name, _spec, text in problems:
            errors.setdefault(name, text)
        posted = dict((var, v) for var, v, _t in self.form_values(form))
        sid = posted.get(self.session_var)
        if sid not in self.sessions:
            sid = self.new_session(ids, iq["from"].full)
        self.hub.send_xml("<iq type='error' to=%s id=%s><error type='modify'><not-acceptable xmlns='%s'/>%s"
                          "</error></iq>" % (a(iq["from"].full), a(iq["id"]), NS_STANZAS,
                                             self.form_xml(ids, states, sid, errors)))

