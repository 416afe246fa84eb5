"""The concentrator part of the simulated home's self-test (check_home.py runs
it): the hub's NF/IEEE concentrator beyond browsing, the XEP-0326 gateway and
the big plant, each against its home.json definition. A mixin of
check_home.Checker: uses its iq(), chat(), expect_error() and inbox.
"""
import time

from slixmpp.exceptions import IqError

NS_NFC = "urn:nf:iot:concentrator:1.0"
NS_IEEEC = "urn:ieee:iot:concentrator:1.0"
NS_XSFC = "urn:xmpp:iot:concentrators"
NS_XDATA = "jabber:x:data"
NS_XDD = "urn:xmpp:xdata:dynamic"


class Failed(Exception):
    """A check that did not hold (check_home.py uses this one too)."""


def expect(cond, what):
    if not cond:
        raise Failed(what)


def local(tag):
    return tag.split("}", 1)[-1]


def submit(**values):
    return "<x xmlns='%s' type='submit'>%s</x>" % (NS_XDATA, "".join(
        "<field var='%s'><value>%s</value></field>" % (k, v) for k, v in values.items()))


class ConcentratorChecks:
    async def xsf_error(self, lp, payload, itype="get"):
        """The result code of an XSF concentrator's refusal."""
        try:
            await self.iq(self.full(lp), itype, payload)
        except IqError as e:
            resp = next((c for c in e.iq.xml if c.tag.startswith("{%s}" % NS_XSFC)), None)
            return resp.get("result") if resp is not None else None
        raise Failed("%s: expected an iq error to %s" % (lp, payload))

    async def progress(self, lp, qid, since, until="queryDone"):
        """Every queryProgress of query qid from lp (since an inbox index), in arrival order,
        once one holds <until/>."""
        frm = self.full(lp)
        return await self.inbox.wait(
            lambda s, m: [e for e in m if s == frm and local(e.tag) == "queryProgress" and e.get("queryId") == qid],
            lambda els: any(local(c.tag) == until for e in els for c in e), since=since)

    async def events(self, lp, since, kind):
        """The data-source event elements from lp since an inbox index, once one of kind came;
        asserts that NF events come in normal messages without a body."""
        frm = self.full(lp)
        got = await self.inbox.wait(
            lambda s, m: [(m, e) for e in m if s == frm and local(e.tag).startswith("node")],
            lambda els: any(local(e.tag) == kind for _m, e in els), since=since)
        for m, _e in got:
            expect(m.find("{jabber:client}body") is None and m.get("type") in (None, "normal"),
                   "%s: event message type %s with a body" % (lp, m.get("type")))
        return [e for _m, e in got]

    # -- the hub (NF/IEEE) ----------------------------------------------------------------------
    async def check_hub_concentrator(self):
        """Commands, queries, editing, management and events of the hub. After check_hub's reads."""
        await self.hub_read.wait()
        lp, ns = "hub", NS_NFC
        full = self.full(lp)
        caps = await self.iq(full, "get", "<getCapabilities xmlns='%s'/>" % ns)
        ops = {v.text for v in caps.xml.iter("{%s}value" % ns)}
        expect({"executeNodeQuery", "subscribe", "createNewNode", "moveNodesUp"} <= ops, "hub: capabilities %s" % ops)
        node = await self.iq(full, "get", "<getNode xmlns='%s' id='kitchen-fridge' src='Rooms' parameters='true' "
                                          "messages='true'/>" % ns)
        info = node.xml.find("{%s}nodeInfo" % ns)
        msg = info.find("{%s}message" % ns)
        expect(info.get("state") == "WarningUnsigned" and msg is not None and msg.get("type") == "Warning"
               and "open" in msg.text, "hub: fridge state and message")
        cmds = await self.iq(full, "get", "<getNodeCommands xmlns='%s' id='living-room-lamp' src='Rooms'/>" % ns)
        types = {c.get("command"): c for c in cmds.xml.iter("{%s}command" % ns)}
        expect(types["dim"].get("type") == "Parametrized" and types["log"].get("type") == "Query"
               and "living room lamp" in types["toggle"].get("confirmationString", "").lower(), "hub: commands")
        form = await self.iq(full, "get", "<getCommandParameters xmlns='%s' id='living-room-lamp' src='Rooms' "
                                          "command='dim'/>" % ns)
        expect(form.xml.find("{%s}x" % NS_XDATA) is not None, "hub: dim form")
        # A refused form: not-acceptable with the form, an xdd:error on the field.
        try:
            await self.iq(full, "set", "<executeNodeCommand xmlns='%s' id='living-room-lamp' src='Rooms' "
                                       "command='dim'>%s</executeNodeCommand>" % (ns, submit(Level=120)))
            raise Failed("hub: Level 120 accepted")
        except IqError as e:
            err = e.iq.xml.find("{jabber:client}error")
            xe = err.find("{%s}x/{%s}field/{%s}error" % (NS_XDATA, NS_XDATA, NS_XDD))
            expect(err.find("{urn:ietf:params:xml:ns:xmpp-stanzas}not-acceptable") is not None and xe is not None
                   and "between 0 and 100" in xe.text, "hub: refused form")
        await self.iq(full, "set", "<executeNodeCommand xmlns='%s' id='living-room-lamp' src='Rooms' command='dim'>"
                                   "%s</executeNodeCommand>" % (ns, submit(Level=40)))
        # A query: numbered, one pair out of order.
        since = len(self.inbox.items)
        await self.iq(full, "set", "<executeNodeQuery xmlns='%s' id='living-room-lamp' src='Rooms' command='log' "
                                   "queryId='check-1'>%s</executeNodeQuery>" % (ns, submit(Rows=12)))
        msgs = await self.progress(lp, "check-1", since)
        nrs = [int(m.get("seqNr")) for m in msgs]
        expect(sorted(nrs) == list(range(1, len(nrs) + 1)) and nrs != sorted(nrs), "hub: seqNr order %s" % nrs)
        records = sum(len(list(m.iter("{%s}record" % ns))) for m in msgs)
        expect(records == 12, "hub: %d records" % records)
        # A duplicate id gets conflict; abort ends the first one.
        since = len(self.inbox.items)
        q = "<executeNodeQuery xmlns='%s' id='living-room-lamp' src='Rooms' command='log' queryId='check-2'>%s" \
            "</executeNodeQuery>" % (ns, submit(Rows=100, Pace=200))
        await self.iq(full, "set", q)
        err = await self.expect_error(lp, q, "set")
        expect(err[0] == "conflict", "hub: duplicate query id gave %s" % (err,))
        await self.iq(full, "set", "<abortNodeQuery xmlns='%s' id='living-room-lamp' src='Rooms' command='log' "
                                   "queryId='check-2'/>" % ns)
        await self.progress(lp, "check-2", since, "queryAborted")
        # Common commands (Waher: an iq get).
        both = "<nd id='living-room-lamp' src='Rooms'/><nd id='living-room-dimmer' src='Rooms'/>"
        common = await self.iq(full, "get", "<getCommonNodeCommands xmlns='%s'>%s</getCommonNodeCommands>" % (ns, both))
        expect({c.get("command") for c in common.xml.iter("{%s}command" % ns)} == {"dim", "log", "ping"},
               "hub: common commands")
        part = await self.iq(full, "get", "<executeCommonNodeCommand xmlns='%s' command='ping'>%s"
                                          "</executeCommonNodeCommand>" % (ns, both))
        expect(len(list(part.xml.iter("{%s}result" % ns))) == 2, "hub: partial execution")
        await self.hub_tree_events(lp, full)
        # A malformed answer, once.
        await self.chat(lp, "conc fault getChildNodes malformed", "conc:")
        bad = await self.iq(full, "get", "<getChildNodes xmlns='%s' id='living-room' src='Rooms'/>" % ns)
        expect(bad.xml.find("{%s}nodeInfos" % ns) is None, "hub: the fault did not happen")
        await self.chat(lp, "conc reset", "conc:")
        return "nf: commands, refused form, query in 12 records out of order, conflict, abort, common, events"

    async def hub_tree_events(self, lp, full):
        """Subscriptions and the events node management sends (IEEE namespace, as a client may)."""
        ns = NS_IEEEC
        err = await self.expect_error(lp, "<subscribe xmlns='%s' src='Rooms'/>" % ns, "set")
        expect(err[0] == "bad-request", "hub: subscribe without ttl gave %s" % (err,))
        await self.iq(full, "set", "<subscribe xmlns='%s' src='Rooms' ttl='60' messages='true'/>" % ns)
        await self.iq(full, "set", "<subscribe xmlns='%s' src='Rooms' ttl='60'/>" % ns)
        subs = await self.chat(lp, "conc subscriptions", "conc subscriptions:")
        expect(subs == "conc subscriptions: 1 (renewed 1)", "hub: %s" % subs)
        since = len(self.inbox.items)
        await self.chat(lp, "conc tick", "conc:")
        await self.events(lp, since, "nodeStatusChanged")
        # Add under the bedroom, refused first; edit (rename); move; destroy.
        types = await self.iq(full, "get", "<getAddableNodeTypes xmlns='%s' id='bedroom' src='Rooms'/>" % ns)
        expect({t.get("type") for t in types.xml.iter("{%s}nodeType" % ns)} == {"Lamp", "Sensor"}, "hub: addable")
        await self.iq(full, "get", "<getParametersForNewNode xmlns='%s' id='bedroom' src='Rooms' type='Lamp'/>" % ns)
        new = "<createNewNode xmlns='%s' id='bedroom' src='Rooms' type='Lamp'>%%s</createNewNode>" % ns
        err = await self.expect_error(lp, new % submit(NodeId="bedroom-lamp", Name="Lamp", Watts=5000), "set")
        expect(err[0] == "not-acceptable", "hub: Watts 5000 gave %s" % (err,))
        since = len(self.inbox.items)
        await self.iq(full, "set", new % submit(NodeId="bedroom-lamp", Name="Bedroom lamp", Watts=9))
        added = await self.events(lp, since, "nodeAdded")
        expect(added[-1].get("id") == "bedroom-lamp" and added[-1].get("parentId") == "bedroom", "hub: nodeAdded")
        since = len(self.inbox.items)
        await self.iq(full, "set", "<setNodeParametersAfterEdit xmlns='%s' id='bedroom-lamp' src='Rooms'>%s"
                                   "</setNodeParametersAfterEdit>" % (ns, submit(NodeId="bedroom-lamp-2")))
        upd = await self.events(lp, since, "nodeUpdated")
        expect(upd[-1].get("oid") == "bedroom-lamp" and upd[-1].get("id") == "bedroom-lamp-2", "hub: rename")
        since = len(self.inbox.items)
        await self.iq(full, "set", "<moveNodeUp xmlns='%s' id='bedroom-lamp-2' src='Rooms'/>" % ns)
        await self.events(lp, since, "nodeMovedUp")
        since = len(self.inbox.items)
        await self.iq(full, "set", "<destroyNode xmlns='%s' id='bedroom-lamp-2' src='Rooms'/>" % ns)
        await self.events(lp, since, "nodeRemoved")
        await self.iq(full, "set", "<unsubscribe xmlns='%s' src='Rooms'/>" % ns)
        subs = await self.chat(lp, "conc subscriptions", "conc subscriptions:")
        expect(subs.startswith("conc subscriptions: 0"), "hub: after unsubscribe %s" % subs)

    # -- the XEP-0326 gateway -------------------------------------------------------------------
    async def check_gateway(self):
        lp, ns = "gateway", NS_XSFC
        full = self.full(lp)
        await self.disco(lp)
        caps = await self.iq(full, "get", "<getCapabilities xmlns='%s'/>" % ns)
        resp = caps.xml.find("{%s}getCapabilitiesResponse" % ns)
        expect(resp is not None and resp.get("result") == "OK", "gateway: capabilities")
        roots = await self.iq(full, "get", "<getRootDataSources xmlns='%s'/>" % ns)
        srcs = list(roots.xml.iter("{%s}dataSource" % ns))
        expect([s.get("sourceId") for s in srcs] == ["Building"] and srcs[0].get("hasChildren") == "true",
               "gateway: root sources")
        kids = await self.iq(full, "get", "<getChildDataSources xmlns='%s' sourceId='Building'/>" % ns)
        expect([s.get("sourceId") for s in kids.xml.iter("{%s}dataSource" % ns)] == ["Meters"], "gateway: child sources")
        nodes = await self.iq(full, "get", "<getRootNodes xmlns='%s' sourceId='Building'/>" % ns)
        got = list(nodes.xml.iter("{%s}node" % ns))
        expect([n.get("nodeId") for n in got] == ["floor-1", "floor-2"] and got[0].get("sourceId") == "Building",
               "gateway: root nodes")
        code = await self.xsf_error(lp, "<getNode xmlns='%s' sourceId='Building' nodeId='attic'/>" % ns)
        expect(code == "NotFound", "gateway: unknown node gave %s" % code)
        cmds = await self.iq(full, "get", "<getNodeCommands xmlns='%s' sourceId='Building' nodeId='apt-1-1'/>" % ns)
        expect({c.get("type") for c in cmds.xml.iter("{%s}command" % ns)} == {"Simple", "Parameterized", "Query"},
               "gateway: command types")
        code = await self.xsf_error(lp, "<executeNodeQuery xmlns='%s' sourceId='Building' nodeId='apt-1-1' "
                                        "command='searchEvents'>%s</executeNodeQuery>"
                                    % (ns, submit(**{"from": "2013-04-23T12:58:00", "to": "2013-04-16T12:58:00"})),
                                    "set")
        expect(code == "FormError", "gateway: bad interval gave %s" % code)
        since = len(self.inbox.items)
        res = await self.iq(full, "set", "<executeNodeQuery xmlns='%s' sourceId='Building' nodeId='apt-1-1' "
                                         "command='searchEvents'>%s</executeNodeQuery>" % (ns, submit()))
        qid = res.xml.find("{%s}executeNodeQueryResponse" % ns).get("queryId")
        msgs = await self.progress(lp, qid, since)
        expect(all(m.get("seqNr") is None for m in msgs), "gateway: XSF progress is not numbered")
        sub = await self.iq(full, "set", "<subscribe xmlns='%s' sourceId='Building' getEventsSince="
                                         "'2001-01-01T00:00:00'/>" % ns)
        expect(sub.xml.find("{%s}subscribeResponse" % ns).get("result") == "NotImplemented", "gateway: history")
        await self.iq(full, "set", "<subscribe xmlns='%s' sourceId='Building'/>" % ns)
        since = len(self.inbox.items)
        await self.chat(lp, "conc state apt-1-2 ErrorUnsigned Window broken", "conc:")
        ev = await self.events(lp, since, "nodeStatusChanged")
        expect(ev[-1].get("nodeId") == "apt-1-2" and ev[-1].get("sourceId") == "Building", "gateway: event")
        await self.chat(lp, "conc reset", "conc:")
        return "xsf: result codes, sources and child sources, FormError, query %s unnumbered, history refused" % qid

    # -- the big plant --------------------------------------------------------------------------
    async def check_plant(self):
        lp, ns = "plant", NS_NFC
        full = self.full(lp)
        t0 = time.monotonic()
        roots = await self.iq(full, "get", "<getRootNodes xmlns='%s' src='Plant'/>" % ns)
        n_roots = len(list(roots.xml.iter("{%s}nodeInfo" % ns)))
        kids = await self.iq(full, "get", "<getChildNodes xmlns='%s' id='a00-n00' src='Plant'/>" % ns)
        n_kids = len(list(kids.xml.iter("{%s}nodeInfo" % ns)))
        spec = self.home.thing(lp)["concentrator"]
        expect(n_roots == spec["roots"] and n_kids == spec["big_children"], "plant: %d roots, %d children"
               % (n_roots, n_kids))
        return "nf: %d roots, %d children of %s in %.2f s" % (n_roots, n_kids, spec["big_node"], time.monotonic() - t0)

