"""The control part of the simulated home's self-test (a mixin of check_home.Checker: uses
its home, iq(), read_nf(), inbox): the hub's readouts of its nodes, then control of them
(getForm, set, post-back, push, refusals, reset)."""

from slixmpp.exceptions import IqError

from check_concentrators import Failed, expect
from check_base import NS_NF, NS_STANZAS, NS_XDATA, NS_XDD, NS_XDL, NS_XDV, local


class ControlChecks:
    async def check_hub(self):
        try:
            return await self.read_hub()
        finally:
            self.hub_read.set()

    async def read_hub(self):
        lp = "hub"
        t = self.home.thing(lp)
        await self.disco(lp)
        ns = t["namespace"]
        answer, resps = await self.read_nf(lp, ns, "")
        expect(local(answer.tag) == "resp" and answer.tag == "{%s}resp" % t["response_namespace"],
               "hub: answer is %s, expected resp in %s" % (answer.tag, t["response_namespace"]))
        nds = {nd.get("id"): nd for nd in answer.findall("{%s}nd" % NS_NF)}
        expect(set(nds) == {n["id"] for n in t["nodes"]}, "hub: nodes %s" % sorted(nds))
        for n in t["nodes"]:
            self.compare("hub/" + n["id"], self.nf_values([nds[n["id"]]]), n["fields"])
        answer, _r = await self.read_nf(lp, ns, "m='true'", "<nd id='kitchen' src='Rooms'/>")
        got = [nd.get("id") for nd in answer.findall("{%s}nd" % NS_NF)]
        expect(got == ["kitchen", "kitchen-fridge"], "hub: reading kitchen gave %s" % got)
        err = await self.expect_error(lp, "<req xmlns='%s' id='bad'><nd id='attic' src='Rooms'/></req>" % ns)
        expect(err[0] == "item-not-found", "hub: unknown node gave %s" % (err,))
        # As Waher's concentrator: a node without its data source is not looked for.
        nosrc = t["no_source_error"]
        for nd in ("<nd id='kitchen'/>", "<nd id='kitchen' src='Elsewhere'/>"):
            err = await self.expect_error(lp, "<req xmlns='%s' id='nosrc'>%s</req>" % (ns, nd))
            expect(err == (nosrc["condition"], nosrc["text"]), "hub: %s gave %s" % (nd, err))
        cns = t["concentrator_namespace"]
        caps = await self.iq(self.full(lp), "get", "<getCapabilities xmlns='%s'/>" % cns)
        ops = [v.text for v in caps.xml.iter("{%s}value" % cns)]
        expect("getRootNodes" in ops and "getChildNodes" in ops, "hub: capabilities %s" % ops)
        src = await self.iq(self.full(lp), "get", "<getRootDataSources xmlns='%s'/>" % cns)
        srcs = [d.get("src") for d in src.xml.iter("{%s}dataSource" % cns)]
        expect(srcs == [t["source"]["id"]], "hub: data sources %s" % srcs)
        roots = await self.iq(self.full(lp), "get", "<getRootNodes xmlns='%s' src='Rooms'/>" % cns)
        ids = [n.get("id") for n in roots.xml.iter("{%s}nodeInfo" % cns)]
        expect(ids == [n["id"] for n in t["nodes"] if not n.get("parent")], "hub: root nodes %s" % ids)
        kids = await self.iq(self.full(lp), "get", "<getChildNodes xmlns='%s' id='living-room' src='Rooms'/>" % cns)
        infos = list(kids.xml.iter("{%s}nodeInfo" % cns))
        expect([n.get("id") for n in infos] == [n["id"] for n in t["nodes"] if n.get("parent") == "living-room"]
               and all(n.get("parentId") == "living-room" for n in infos), "hub: children of living-room")
        expect({n.get("id") for n in infos if n.get("isControllable") == "true"}
               == {n["id"] for n in t["nodes"] if n.get("parent") == "living-room" and n.get("control")},
               "hub: isControllable of the children of living-room")
        node = await self.iq(self.full(lp), "get", "<getNode xmlns='%s' id='front-door' src='Rooms'/>" % cns)
        info = node.xml.find("{%s}nodeInfo" % cns)
        expect(info is not None and info.get("displayName") == "Front door contact"
               and info.get("isReadable") == "true" and info.get("isControllable") == "false"
               and info.get("src") == "Rooms", "hub: getNode front-door")
        # Where a node lives, as a client learns it: every source, then getNode in each.
        every = await self.iq(self.full(lp), "get", "<getAllDataSources xmlns='%s'/>" % cns)
        expect([d.get("src") for d in every.xml.iter("{%s}dataSource" % cns)] == [t["source"]["id"]],
               "hub: getAllDataSources")
        err = await self.expect_error(lp, "<getNode xmlns='%s' id='front-door'/>" % cns)
        expect(err == ("item-not-found", "Node not found."), "hub: getNode without src gave %s" % (err,))
        err = await self.expect_error(lp, "<getNode xmlns='%s' id='attic' src='Rooms'/>" % cns)
        expect(err[0] == "item-not-found", "hub: getNode attic gave %s" % (err,))
        has = await self.iq(self.full(lp), "get", "<containsNode xmlns='%s' id='kitchen' src='Rooms'/>" % cns)
        expect(has.xml.find("{%s}bool" % cns).text == "true", "hub: containsNode kitchen")
        return ("ieee: %d nodes, supernode read, item-not-found, no node without its source, "
                "7 concentrator ops" % len(nds))

    async def hub_error(self, payload, itype="set"):
        """The <error/> element of the hub's iq error to payload."""
        try:
            await self.iq(self.full("hub"), itype, payload)
        except IqError as e:
            return e.iq.xml.find("{jabber:client}error")
        raise Failed("hub: expected an iq error to %s" % payload)

    @staticmethod
    def form_fields(x):
        """{var: field element} and the vars in order, hidden fields left out."""
        fields = [f for f in x.findall("{%s}field" % NS_XDATA) if f.get("type") != "hidden"]
        return {f.get("var"): f for f in fields}, [f.get("var") for f in fields]

    @staticmethod
    def field_value_of(f):
        v = f.find("{%s}value" % NS_XDATA)
        return (v.text or "") if v is not None else None

    @staticmethod
    def session_of(x):
        return next(f.find("{%s}value" % NS_XDATA).text for f in x.findall("{%s}field" % NS_XDATA)
                    if f.get("var") == "xdd session" and f.get("type") == "hidden")

    async def hub_values(self, node_id):
        t = self.home.thing("hub")
        answer, _r = await self.read_nf("hub", t["namespace"], "", "<nd id='%s' src='%s'/>"
                                        % (node_id, t["source"]["id"]))
        nd = next(nd for nd in answer.findall("{%s}nd" % NS_NF) if nd.get("id") == node_id)
        return {k: v[1] for k, v in self.nf_values([nd]).items()}

    async def check_hub_control(self):
        """Control of the hub's nodes (home.json hub 'control'). Starts after check_hub."""
        lp = "hub"
        t = self.home.thing(lp)
        c = t["control"]
        ieee, nf = c["namespaces"]
        rns = c["response_namespace"]
        src = t["source"]["id"]
        nodes = {n["id"]: n for n in t["nodes"]}
        dimmer, radiator = [n["id"] for n in t["nodes"] if n.get("control")][:2]
        await self.hub_read.wait()
        features = await self.disco(lp)
        expect(ieee in features, "hub-control: disco lacks %s" % ieee)
        count0 = await self.chat(lp, c["count_command"], c["count_reply_prefix"])
        sets = 0

        async def get_form(ns, *ids):
            res = await self.iq(self.full(lp), "get", "<getForm xmlns='%s'>%s</getForm>"
                                % (ns, "".join("<nd id='%s' src='%s'/>" % (i, src) for i in ids)))
            x = res.xml.find("{%s}x" % NS_XDATA)
            expect(x is not None and x.get("type") == "form", "hub-control: getForm %s gave no form" % (ids,))
            return x

        async def set_(ns, body, *ids):
            nonlocal sets
            sets += 1
            return await self.iq(self.full(lp), "set", "<set xmlns='%s'>%s%s</set>" % (
                ns, "".join("<nd id='%s' src='%s'/>" % (i, src) for i in ids), body))

        async def set_error(ns, body, *ids):
            nonlocal sets
            sets += 1
            return await self.hub_error("<set xmlns='%s'>%s%s</set>" % (
                ns, "".join("<nd id='%s' src='%s'/>" % (i, src) for i in ids), body))

        async def set_error_without_source(ns, body, *ids):
            nonlocal sets
            sets += 1
            return await self.hub_error("<set xmlns='%s'>%s%s</set>" % (
                ns, "".join("<nd id='%s'/>" % i for i in ids), body))

        def condition(err):
            return next(local(e.tag) for e in err if e.tag.startswith("{%s}" % NS_STANZAS) and local(e.tag) != "text")

        def param_errors(err):
            return {pe.get("n"): pe.text for pe in err.findall("{%s}paramError" % rns)}

        # One node: pages, a section, validation, postBack, readOnly, a session.
        x = await get_form(ieee, dimmer)
        spec = nodes[dimmer]["control"]
        fields, order = self.form_fields(x)
        shown = [p["name"] for p in spec["parameters"] if not p.get("only_when")]
        expect(order == shown, "hub-control: dimmer form fields %s, expected %s" % (order, shown))
        expect(x.find("{%s}title" % NS_XDATA).text == spec["title"], "hub-control: form title")
        pages = x.findall("{%s}page" % NS_XDL)
        expect([p.get("label") for p in pages] == [p["label"] for p in spec["pages"]], "hub-control: pages")
        sections = [s for p in pages for s in p.findall("{%s}section" % NS_XDL)]
        expect(sections and sections[0].find("{%s}fieldref" % NS_XDL) is not None, "hub-control: no section")
        session = self.session_of(x)
        for p in spec["parameters"]:
            if p["name"] not in fields:
                continue
            f = fields[p["name"]]
            v = f.find("{%s}validate" % NS_XDV)
            expect(v is not None and v.get("datatype") == p["datatype"], "hub-control: %s datatype" % p["name"])
            rng = v.find("{%s}range" % NS_XDV)
            expect((rng.get("min"), rng.get("max")) == (p["min"], p["max"]) if "min" in p else rng is None,
                   "hub-control: %s range" % p["name"])
            expect((f.find("{%s}postBack" % NS_XDD) is not None) == bool(p.get("post_back")),
                   "hub-control: %s postBack" % p["name"])
            expect((f.find("{%s}readOnly" % NS_XDD) is not None) == bool(p.get("read_only")),
                   "hub-control: %s readOnly" % p["name"])
            field = next(fl for fl in nodes[dimmer]["fields"] if fl["name"] == p["name"])
            want = field["value"].lstrip("#").upper() if p["element"] == "cl" else field["value"]
            expect(self.field_value_of(f) == want, "hub-control: %s=%r" % (p["name"], self.field_value_of(f)))
        # Post-back: the mode decides which fields exist and which are read-only; nothing is applied.
        mode = next(p for p in spec["parameters"] if p.get("post_back"))
        sched = next(o[0] for o in mode["options"] if any(
            o[0] in vals for p in spec["parameters"] for vals in p.get("only_when", {}).values()))
        res = await self.iq(self.full(lp), "set", "<submit xmlns='%s'><x xmlns='%s' type='submit'>"
                            "<field var='xdd session'><value>%s</value></field><field var='%s'><value>%s"
                            "</value></field></x></submit>" % (NS_XDD, NS_XDATA, session, mode["name"], sched))
        x2 = res.xml.find("{%s}x" % NS_XDATA)
        expect(x2 is not None, "hub-control: post-back answered without a form")
        f2, order2 = self.form_fields(x2)
        appear = [p["name"] for p in spec["parameters"] if p.get("only_when")]
        turn = [p["name"] for p in spec["parameters"] if sched in p.get("read_only_when", {}).get(mode["name"], [])]
        expect(all(v in order2 for v in appear) and self.session_of(x2) == session,
               "hub-control: post-back form %s lacks %s" % (order2, appear))
        expect(all(f2[v].find("{%s}readOnly" % NS_XDD) is not None for v in turn),
               "hub-control: %s not read-only after post-back" % turn)
        expect(any(fr.get("var") in appear for fr in x2.iter("{%s}fieldref" % NS_XDL)),
               "hub-control: post-back layout lacks %s" % appear)
        expect((await self.hub_values(dimmer))[mode["name"]] == self.field_value_of(fields[mode["name"]]),
               "hub-control: post-back applied the mode")
        res = await self.iq(self.full(lp), "set", "<cancel xmlns='%s'><x xmlns='%s' type='submit'><field "
                            "var='xdd session'><value>%s</value></field></x></cancel>" % (NS_XDD, NS_XDATA, session))
        expect(len(res.xml) == 0, "hub-control: cancel answered %s" % [e.tag for e in res.xml])
        err = await self.hub_error("<cancel xmlns='%s'><x xmlns='%s' type='submit'><field var='xdd session'>"
                                   "<value>%s</value></field></x></cancel>" % (NS_XDD, NS_XDATA, session))
        expect(condition(err) == c["unknown_session_error"]["condition"], "hub-control: cancelled session lives on")
        # NF namespace, another node: read-only measured values.
        x = await get_form(nf, radiator)
        rspec = nodes[radiator]["control"]
        rfields, rorder = self.form_fields(x)
        expect(rorder == [p["name"] for p in rspec["parameters"] if not p.get("only_when")],
               "hub-control: radiator form %s" % rorder)
        expect(all((rfields[p["name"]].find("{%s}readOnly" % NS_XDD) is not None) == bool(p.get("read_only"))
                   for p in rspec["parameters"] if p["name"] in rfields), "hub-control: radiator readOnly")
        # Several nodes: the common parameters, notSame where values differ.
        x = await get_form(ieee, dimmer, radiator)
        mfields, morder = self.form_fields(x)
        common = [p["name"] for p in spec["parameters"] if not p.get("only_when")
                  and any(q["name"] == p["name"] and q["datatype"] == p["datatype"] for q in rspec["parameters"])]
        expect(morder == common, "hub-control: common form %s, expected %s" % (morder, common))
        for name in common:
            vals = {next(f["value"] for f in nodes[i]["fields"] if f["name"] == name) for i in (dimmer, radiator)}
            expect((mfields[name].find("{%s}notSame" % NS_XDD) is not None) == (len(vals) > 1),
                   "hub-control: %s notSame with values %s" % (name, sorted(vals)))
        # Typed sets (IEEE), answered in the NF namespace; the readout follows.
        level = next(p for p in spec["parameters"] if p["element"] == "db" and "refuse" in p)
        res = await set_(ieee, "<db n='%s' v='42'/><i n='FadeTime' v='800'/>" % level["name"], dimmer)
        resp = res.xml.find("{%s}resp" % rns)
        expect(resp is not None and [nd.get("id") for nd in resp.findall("{%s}nd" % rns)] == [dimmer]
               and [p.get("n") for p in resp.findall("{%s}p" % rns)] == [level["name"], "FadeTime"],
               "hub-control: set answered %s" % [e.tag for e in res.xml])
        vals = await self.hub_values(dimmer)
        expect(vals[level["name"]] == "42" and vals["FadeTime"] == "800", "hub-control: read after set %s" % vals)
        # The hub's own refusal, a range, a read-only value, the wrong element: nothing applied.
        for body, want in (("<db n='%s' v='%s'/>" % (level["name"], level["refuse"]["value"]), level["refuse"]["text"]),
                           ("<db n='%s' v='150'/>" % level["name"], level["range_error"]),
                           ("<db n='Power' v='1'/>", next(p["read_only_text"] for p in spec["parameters"]
                                                          if p["name"] == "Power")),
                           ("<b n='%s' v='true'/>" % level["name"], c["type_error"]["text"])):
            err = await set_error(ieee, "<i n='FadeTime' v='100'/>" + body, dimmer)
            text = err.find("{%s}text" % NS_STANZAS)
            expect(text is not None and text.text == want and param_errors(err) == {level["name"] if "Power" not in body
                                                                                    else "Power": want},
                   "hub-control: %s refused with %s %s" % (body, text.text if text is not None else None,
                                                           param_errors(err)))
        expect((await self.hub_values(dimmer))["FadeTime"] == "800", "hub-control: refused set applied FadeTime")
        # Document order: the mode first makes the setpoint read-only in the same request.
        setpoint = next(p for p in rspec["parameters"] if p.get("read_only_when"))
        err = await set_error(nf, "<s n='Mode' v='%s'/><db n='%s' v='22'/>" % (sched, setpoint["name"]), radiator)
        expect(param_errors(err) == {setpoint["name"]: setpoint["read_only_text"]}, "hub-control: mode then setpoint")
        # A form submit: a bad value gets Waher's shape, a good one is applied.
        form = ("<x xmlns='%s' type='submit'><field var='%s'><value>%%s</value></field></x>"
                % (NS_XDATA, setpoint["name"]))
        err = await set_error(ieee, form % "45", radiator)
        ex = err.find("{%s}x" % NS_XDATA)
        expect(condition(err) == "not-acceptable" and err.find("{%s}text" % NS_STANZAS) is None and ex is not None,
               "hub-control: form error shape")
        bad = {f.get("var"): f.find("{%s}error" % NS_XDD) for f in ex.findall("{%s}field" % NS_XDATA)}
        expect(bad.get(setpoint["name"]) is not None and bad[setpoint["name"]].text == setpoint["range_error"]
               and self.field_value_of(self.form_fields(ex)[0][setpoint["name"]]) == "45",
               "hub-control: form error fields")
        await set_(ieee, form % "21.5", radiator)
        expect((await self.hub_values(radiator))[setpoint["name"]] == "21.5", "hub-control: form set not applied")
        # Several nodes at once.
        res = await set_(ieee, "<b n='Locked' v='1'/>", dimmer, radiator)
        expect([nd.get("id") for nd in res.xml.find("{%s}resp" % rns).findall("{%s}nd" % rns)] == [dimmer, radiator],
               "hub-control: multi-node resp")
        for i in (dimmer, radiator):
            expect((await self.hub_values(i))["Locked"] == "true", "hub-control: %s not locked" % i)
        # Nodes that do not exist or cannot be controlled.
        err = await set_error(ieee, "<db n='x' v='1'/>", "attic")
        expect((condition(err), err.find("{%s}text" % NS_STANZAS).text)
               == (c["unknown_node_error"]["condition"], c["unknown_node_error"]["text"]), "hub-control: unknown node")
        fridge = next(n["id"] for n in t["nodes"] if not n.get("control"))
        err = await self.hub_error("<getForm xmlns='%s'><nd id='%s' src='%s'/></getForm>" % (ieee, fridge, src),
                                   "get")
        expect(condition(err) == c["not_controllable_error"]["condition"], "hub-control: %s controllable" % fridge)
        # A session's form pushed again (XEP-0336 <updated/>) to the resource that asked for it.
        x = await get_form(ieee, dimmer)
        sid = self.session_of(x)

        def updated(s, m):
            if s != self.full(lp):
                return []
            return [u for u in m.findall("{%s}updated" % NS_XDD)
                    if u.get("sessionVariable") == c["session_var"] and u.find("{%s}x" % NS_XDATA) is not None
                    and self.session_of(u.find("{%s}x" % NS_XDATA)) == sid]
        since = len(self.inbox.items)
        reply = await self.chat(lp, c["push_command"], c["push_reply_prefix"])
        expect(int(reply[len(c["push_reply_prefix"]):]) >= 1, "hub-control: push answered %r" % reply)
        pushed = await self.inbox.wait(updated, bool, since=since)
        expect(self.form_fields(pushed[0].find("{%s}x" % NS_XDATA))[1] == self.form_fields(x)[1],
               "hub-control: pushed form fields")
        # Without its data source a node is refused, and nothing is applied.
        nosrc = t["no_source_error"]
        err = await set_error_without_source(ieee, "<db n='%s' v='10'/>" % level["name"], dimmer)
        expect((condition(err), err.find("{%s}text" % NS_STANZAS).text) == (nosrc["condition"], nosrc["text"]),
               "hub-control: set without src")
        err = await self.hub_error("<getForm xmlns='%s'><nd id='%s'/></getForm>" % (ieee, dimmer), "get")
        expect(err.find("{%s}text" % NS_STANZAS).text == nosrc["text"], "hub-control: getForm without src")
        expect((await self.hub_values(dimmer))[level["name"]] != "10", "hub-control: set without src applied")
        # Counting, then everything back as in home.json.
        count1 = await self.chat(lp, c["count_command"], c["count_reply_prefix"])
        n0, n1 = (int(r[len(c["count_reply_prefix"]):]) for r in (count0, count1))
        expect(n1 - n0 == sets, "hub-control: counted %d sets, %d sent" % (n1 - n0, sets))
        reply = await self.chat(lp, c["reset_command"], c["reset_reply"])
        expect(reply == c["reset_reply"], "hub-control: reset answered %r" % reply)
        for i in (dimmer, radiator):
            vals = await self.hub_values(i)
            for f in nodes[i]["fields"]:
                expect(vals[f["name"]] == f["value"], "hub-control: %s.%s=%s after reset" % (i, f["name"], vals[f["name"]]))
        return ("ieee+nf: pages, section, xs:double/xs:int/xdc:Color, post-back, cancel, notSame, push, "
                "%d sets counted, refusals, form error, reset" % sets)
