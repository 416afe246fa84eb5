"""How a concentrator of the simulated home writes its answers, per family.

NF/IEEE (Waher's ConcentratorServer, protocols.md section 5.8): bare answer
elements (<strings>, <dataSources>, <nodeInfos>, <nodeInfo>, <bool>, <commands>,
<nodeTypes>, <x/>, <partialExecution>, an empty result), addresses id/src/pt,
RFC 6120 stanza errors, a refused form as <error type='modify'><not-acceptable/>
with the form and an xdd:error per field; one event per normal message without
a body; query progress numbered by seqNr.

XSF (XEP-0326, urn:xmpp:iot:concentrators): every answer is <opResponse
result='OK'> (getNode's node attributes on the response itself), addresses
sourceId/nodeId/cacheType, refusals as <opResponse result='NotFound|...'/> in an
iq error, a refused form as result='FormError' with <error var/>; events may
share a message; query progress carries no sequence number.
"""
from things_base import a, x

NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_XDATA = "jabber:x:data"
NS_XDV = "http://jabber.org/protocol/xdata-validate"
NS_XDD = "urn:xmpp:xdata:dynamic"

# refusal kind -> (RFC 6120 condition, error type, XEP-0326 result code)
REFUSALS = {
    "NotFound": ("item-not-found", "cancel", "NotFound"),
    "Forbidden": ("forbidden", "auth", "InsufficientPrivileges"),
    "NotImplemented": ("feature-not-implemented", "cancel", "NotImplemented"),
    "BadRequest": ("bad-request", "modify", "OtherError"),
    "Conflict": ("conflict", "cancel", "OtherError"),
}

# Answer element of the NF family, per op (None: an empty result).
NF_ANSWER = {
    "getCapabilities": "strings", "getAllDataSources": "dataSources", "getRootDataSources": "dataSources",
    "getChildDataSources": "dataSources", "getNodes": "nodeInfos", "getAllNodes": "nodeInfos",
    "getRootNodes": "nodeInfos", "getChildNodes": "nodeInfos", "getAncestors": "nodeInfos",
    "containsNodes": "bools", "getNodeCommands": "commands", "getCommonNodeCommands": "commands",
    "getAddableNodeTypes": "nodeTypes", "executeCommonNodeCommand": "partialExecution",
    "executeCommonNodeQuery": "partialExecution",
}


class Dialect:
    def __init__(self, ns, nf):
        self.ns = ns
        self.nf = nf

    # -- addresses ----------------------------------------------------------------------------
    def ref_of(self, el):
        """(id, src, pt) of a request element or <nd/>/<node/> child."""
        if self.nf:
            return el.get("id"), el.get("src"), el.get("pt")
        return el.get("nodeId"), el.get("sourceId"), el.get("cacheType")

    def source_of(self, el):
        return el.get("src") if self.nf else el.get("sourceId")

    def refs_in(self, el):
        tag = "{%s}%s" % (self.ns, "nd" if self.nf else "node")
        return [self.ref_of(c) for c in el.findall(tag)]

    def ref_attrs(self, node):
        if self.nf:
            s = " id=%s src=%s" % (a(node.id), a(node.src))
            return s + (" pt=%s" % a(node.pt) if node.pt else "")
        s = " sourceId=%s nodeId=%s" % (a(node.src), a(node.id))
        return s + (" cacheType=%s" % a(node.pt) if node.pt else "")

    # -- nodes ----------------------------------------------------------------------------------
    def node_attrs(self, node, stamp):
        parts = [self.ref_attrs(node), " nodeType=%s displayName=%s state=%s" % (
            a(node.ntype), a(node.display), a(node.state)),
            " hasChildren=%s" % a("true" if node.children else "false")]
        if node.ordered:
            parts.append(" childrenOrdered='true'")
        if node.readable:
            parts.append(" isReadable='true'")
        if node.controllable:
            parts.append(" isControllable='true'")
        parts.append(" isControllable='false'" if not node.controllable and self.nf else "")
        if node.commands:
            parts.append(" hasCommands='true'")
        if node.parent is not None:
            parts.append(" parentId=%s" % a(node.parent.id))
        parts.append(" lastChanged=%s" % a(stamp(node.changed)))
        return "".join(parts)

    def node_body(self, node, params, messages, stamp):
        body = []
        if params:
            for pid, (ptype, name, value) in node.parameters().items():
                body.append("<%s id=%s name=%s value=%s/>" % (ptype, a(pid), a(name), a(value)))
        if messages:
            for m in node.messages:
                body.append("<message timestamp=%s type=%s%s>%s</message>" % (
                    a(stamp(m["when"])), a(m["type"]), " eventId=%s" % a(m["eventId"]) if m.get("eventId") else "",
                    x(m["text"])))
        return "".join(body)

    def node_el(self, node, params, messages, stamp, ns=False):
        tag = "nodeInfo" if self.nf else "node"
        head = "<%s%s%s" % (tag, " xmlns='%s'" % self.ns if ns else "", self.node_attrs(node, stamp))
        body = self.node_body(node, params, messages, stamp)
        return head + (">" + body + "</%s>" % tag if body else "/>")

    # -- answers --------------------------------------------------------------------------------
    def answer(self, op, inner="", attrs=""):
        """The payload of a successful answer to op: NF's bare element, XSF's response."""
        if not self.nf:
            return "<%sResponse xmlns='%s' result='OK'%s>%s</%sResponse>" % (op, self.ns, attrs, inner, op)
        tag = NF_ANSWER.get(op)
        if tag is None:
            return inner
        return "<%s xmlns='%s'>%s</%s>" % (tag, self.ns, inner, tag)

    def node_answer(self, op, node, params, messages, stamp):
        """getNode, setNodeParametersAfterEdit, createNewNode: the node as it is."""
        if self.nf:
            return self.node_el(node, params, messages, stamp, ns=True)
        if op == "getNode":
            body = self.node_body(node, params, messages, stamp)
            return "<getNodeResponse xmlns='%s' result='OK'%s>%s</getNodeResponse>" % (
                self.ns, self.node_attrs(node, stamp), body)
        return self.answer(op, self.node_el(node, params, messages, stamp))

    def bool_answer(self, op, value):
        text = "true" if value else "false"
        if self.nf:
            return "<bool xmlns='%s'>%s</bool>" % (self.ns, text)
        return "<%sResponse xmlns='%s' result='OK'>%s</%sResponse>" % (op, self.ns, text, op)

    def bools_item(self, value):
        return ("<bool>%s</bool>" if self.nf else "<value>%s</value>") % ("true" if value else "false")

    def refuse(self, client, iq, op, kind, text):
        cond, etype, code = REFUSALS[kind]
        if self.nf:
            client.iq_error(iq, etype, cond, text)
        else:
            client.send_xml("<iq type='error' to=%s id=%s><%sResponse xmlns='%s' result=%s/></iq>" % (
                a(iq["from"].full), a(iq["id"]), op, self.ns, a(code)))

    def refuse_form(self, client, iq, op, errors, form_xml):
        """errors: [(var, text)]; form_xml: the form with an xdd:error per faulty field (NF)."""
        if self.nf:
            client.send_xml("<iq type='error' to=%s id=%s><error type='modify'><not-acceptable xmlns='%s'/>%s"
                            "</error></iq>" % (a(iq["from"].full), a(iq["id"]), NS_STANZAS, form_xml))
        else:
            client.send_xml("<iq type='error' to=%s id=%s><%sResponse xmlns='%s' result='FormError'>%s</%sResponse>"
                            "</iq>" % (a(iq["from"].full), a(iq["id"]), op, self.ns,
                                       "".join("<error var=%s>%s</error>" % (a(v), x(t)) for v, t in errors), op))
