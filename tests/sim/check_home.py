#!/usr/bin/python3
"""Self-test of the simulated home: signs in as the owner (alice), checks her roster
and presences, then disco#info's and reads every thing once in its own generation and
compares what comes back with data/home.json, and subscribes to the meter's events
(after its readouts: Power changes while a subscription is active). One line per check, then
"N passed, N failed"; exit status 0 only when nothing failed.

    tests/testenv.sh run /usr/bin/python3 tests/sim/check_home.py [--wire]

Uses XMPP_HOST, XMPP_PORT, XMPP_DOMAIN and IOT_HOME_JSON from tests/testenv.sh.
Replies are correlated by the sender's full JID as well as seqnr/id: mallory's
accomplice forges an answer from another JID, which must not be taken.
"""
import argparse
import asyncio
import datetime
import itertools
import logging
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

logging.getLogger("slixmpp.stringprep").setLevel(logging.ERROR)   # import-time warning: no C stringprep
import slixmpp  # noqa: E402
from slixmpp.exceptions import IqError, IqTimeout  # noqa: E402
from slixmpp.xmlstream.handler import Callback  # noqa: E402
from slixmpp.xmlstream.matcher import MatchXPath  # noqa: E402

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from things_home import Home, bulk_name, bulk_value, field_value  # noqa: E402

NS_XSF = "urn:xmpp:iot:sensordata"
NS_CTL = "urn:xmpp:iot:control"
NS_SN = "urn:xmpp:sn"
NS_NF = "urn:nf:iot:sd:1.0"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NF_ELEMENT = {"numeric": "q", "string": "s", "boolean": "b", "date": "d", "dateTime": "dt",
              "time": "t", "duration": "dr", "int": "i", "long": "l", "enum": "e"}
TIMEOUT = 5.0
SILENT_TIMEOUT = 2.0


class Failed(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failed(what)


def local(tag):
    return tag.split("}", 1)[-1]


def parse_stamp(s):
    """xs:dateTime with Z, an offset, or none (slixmpp writes local time without a zone)."""
    d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return d if d.tzinfo else d.astimezone()


def age_minutes(stamp):
    return (datetime.datetime.now(datetime.timezone.utc) - parse_stamp(stamp)).total_seconds() / 60


class Inbox:
    """Every message received, in order, as (sender full JID, <message/> element)."""

    def __init__(self):
        self.items = []
        self.arrived = {}           # id(<message/>) -> time.monotonic() of its arrival
        self.changed = asyncio.Event()

    def add(self, sender, xml):
        self.items.append((sender, xml))
        self.arrived[id(xml)] = time.monotonic()
        self.changed.set()

    async def wait(self, select, complete, timeout=TIMEOUT, since=0):
        """Elements chosen by select(sender, message) until complete(list) holds;
        only messages from index since on."""
        deadline = time.monotonic() + timeout
        while True:
            chosen = [r for s, m in self.items[since:] for r in select(s, m)]
            if complete(chosen):
                return chosen
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failed("timed out after %.0f s with %d matching element(s)" % (timeout, len(chosen)))
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except asyncio.TimeoutError:
                pass


def payloads(ns, name, key, value, sender=None):
    """Selector: children ns:name with key=value, optionally only from one full JID."""
    def select(s, msg):
        if sender is not None and s != sender:
            return []
        return [(s, e) for e in msg.findall("{%s}%s" % (ns, name)) if e.get(key) == value]
    return select


class Checker(slixmpp.ClientXMPP):
    def __init__(self, home, args):
        super().__init__("%s/check" % home.bare(home.owner), home.by_localpart[home.owner]["password"])
        self.home = home
        self.args = args
        self.inbox = Inbox()
        self.seq = itertools.count(1)
        self.results = []
        self.forged_iqs = []
        self.meter_read = asyncio.Event()     # check_meter's readouts are done: Power may change now
        self.register_plugin("xep_0030")
        self.register_handler(Callback("all messages", MatchXPath("{jabber:client}message"),
                                       lambda m: self.inbox.add(m["from"].full, m.xml)))
        # Record iq results carrying <accepted/> from anyone, to see that eve's forgery arrived.
        self.register_handler(Callback("accepted iqs", MatchXPath("{jabber:client}iq/{%s}accepted" % NS_XSF),
                                       lambda iq: self.forged_iqs.append((iq["from"].full, iq["id"]))))
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("failed_auth", lambda _e: self.finish_with_error("authentication failed"))
        self.done = self.loop.create_future()

    def finish_with_error(self, text):
        if not self.done.done():
            self.done.set_exception(RuntimeError(text))

    # -- plumbing -------------------------------------------------------------------------------
    def full(self, lp):
        return self.home.full(lp)

    def report(self, name, ok, text):
        self.results.append(ok)
        print("%s %-11s %s" % ("PASS" if ok else "FAIL", name, text), flush=True)

    async def run_check(self, name, coro):
        t0 = time.monotonic()
        try:
            text = await coro
            self.report(name, True, "%s (%.2f s)" % (text, time.monotonic() - t0))
        except Failed as e:
            self.report(name, False, str(e))
        except (IqError, IqTimeout) as e:
            self.report(name, False, "unexpected %s: %s" % (type(e).__name__, getattr(e, "iq", "")))
        except Exception as e:     # a broken check is a failed check, not a crash
            self.report(name, False, "%s: %s" % (type(e).__name__, e))

    async def iq(self, to, itype, payload, timeout=TIMEOUT):
        iq = self.Iq(stype=itype, sto=to)
        iq.append(ET.fromstring(payload))
        return await iq.send(timeout=timeout)

    async def disco(self, lp):
        entry = self.home.thing(lp)
        info = (await self.plugin["xep_0030"].get_info(jid=self.full(lp), timeout=TIMEOUT))["disco_info"]
        features = set(info["features"])
        missing = set(entry.get("features", [])) - features
        expect(not missing, "disco#info lacks %s" % sorted(missing))
        ident = entry.get("identity", {"category": "client", "type": "bot"})
        expect((ident["category"], ident["type"]) in {(i[0], i[1]) for i in info["identities"]},
               "disco identity %s/%s missing: %s" % (ident["category"], ident["type"], info["identities"]))
        return features

    def compare(self, lp, got, fields, now_tolerance=5):
        """got: {name: (element, attrs)}; fields: home.json field specs (NF or XSF naming)."""
        for f in fields:
            expect(f["name"] in got, "%s: field %r missing (got %s)" % (lp, f["name"], sorted(got)))
            elem, value, unit = got[f["name"]]
            if "minutes_ago" in f:
                expect(abs(age_minutes(value) - f["minutes_ago"]) < now_tolerance,
                       "%s: %s=%s is not %d minutes ago" % (lp, f["name"], value, f["minutes_ago"]))
            else:
                expect(value == field_value(f), "%s: %s=%r, expected %r" % (lp, f["name"], value, field_value(f)))
            expect(unit == f.get("unit"), "%s: %s unit %r, expected %r" % (lp, f["name"], unit, f.get("unit")))
            expect(elem in (f["type"], NF_ELEMENT[f["type"]], "timeSpan"),
                   "%s: %s is <%s>, expected %s" % (lp, f["name"], elem, f["type"]))

    # -- generations ------------------------------------------------------------------------------
    async def read_xsf(self, lp, ns, attrs="all='true'", sender=None):
        """XEP-0323 readout; returns (accepted element, [fields/failure elements from the thing])."""
        seqnr = str(next(self.seq))
        frm = self.full(lp)
        res = await self.iq(frm, "get", "<req xmlns='%s' seqnr='%s' %s/>" % (ns, seqnr, attrs))
        acc = res.xml.find("{%s}accepted" % ns)
        expect(acc is not None and acc.get("seqnr") == seqnr, "%s: no <accepted seqnr=%s/>" % (lp, seqnr))

        def select(s, m):
            if s != (sender or frm):
                return []
            return [e for e in m if local(e.tag) in ("fields", "failure", "done")
                    and e.tag.startswith("{%s}" % ns) and e.get("seqnr") == seqnr]
        elems = await self.inbox.wait(select, lambda els: any(e.get("done") == "true" or local(e.tag) == "done"
                                                                for e in els))
        return seqnr, acc, elems

    @staticmethod
    def xsf_values(elems, flag=None):
        out = {}
        for fe in elems:
            for ts in fe.iter():
                if local(ts.tag) != "timestamp":
                    continue
                for f in ts:
                    if flag and f.get(flag) != "true":
                        continue
                    out.setdefault(f.get("name"), (local(f.tag), f.get("value"), f.get("unit")))
        return out

    async def read_nf(self, lp, ns, attrs="all='true'", children=""):
        """NF readout; returns (iq answer payload, [resp elements in arrival order])."""
        rid = "r%d" % next(self.seq)
        frm = self.full(lp)
        res = await self.iq(frm, "get", "<req xmlns='%s' id='%s' %s>%s</req>" % (ns, rid, attrs, children))
        answer = res.xml[0] if len(res.xml) else None
        expect(answer is not None and answer.get("id") == rid, "%s: empty iq result" % lp)
        if local(answer.tag) == "resp" and answer.get("more") != "true":
            return answer, [answer]
        first = [answer] if local(answer.tag) == "resp" else []
        resps = await self.inbox.wait(
            lambda s, m: [e for e in m if s == frm and local(e.tag) == "resp" and e.get("id") == rid],
            lambda els: any(e.get("more") != "true" for e in els))
        return answer, first + resps

    @staticmethod
    def nf_values(resps):
        """{name: (element, v, u)} of the non-historical fields."""
        out = {}
        for r in resps:
            for ts in r.iter():
                if local(ts.tag) != "ts":
                    continue
                for f in ts:
                    if local(f.tag) != "err" and f.get("h") != "true":
                        out.setdefault(f.get("n"), (local(f.tag), f.get("v"), f.get("u")))
        return out

    # -- things -------------------------------------------------------------------------------------
    async def check_thermostat(self):
        lp = "thermostat"
        t = self.home.thing(lp)
        await self.disco(lp)
        _s, _acc, elems = await self.read_xsf(lp, NS_XSF)
        momentary = self.xsf_values(elems, "momentary")
        self.compare(lp, momentary, t["fields"])
        mode = [f for fe in elems for f in fe.iter("{%s}enum" % NS_XSF) if f.get("name") == "mode"]
        expect(mode and mode[0].get("dataType") == "ThermostatMode", "thermostat: enum dataType missing")
        hist = sorted(f.get("value") for fe in elems for f in fe.iter() if f.get("historicalHour") == "true")
        expect(hist == sorted(h["value"] for h in t["history"]), "thermostat: history %s" % hist)
        # XEP-0325 through slixmpp's own plugin, then restore the original values.
        controls = [f for f in t["fields"] if f.get("control")]
        new = {"double": "22.5", "boolean": "true", "string": "Comfort"}

        async def set_all(values):
            res = await self.iq(self.full(lp), "set", "<set xmlns='%s'>%s</set>" % (NS_CTL, "".join(
                "<%s name='%s' value='%s'/>" % (f["control"], f["name"], values[f["name"]]) for f in controls)))
            code = res.xml.find("{%s}setResponse" % NS_CTL)
            expect(code is not None and code.get("responseCode") == "OK", "thermostat: control set failed")
        await set_all({f["name"]: new[f["control"]] for f in controls})
        _s, _acc, elems = await self.read_xsf(lp, NS_XSF, "momentary='true'")
        after = self.xsf_values(elems)
        for f in controls:
            expect(after[f["name"]][1] == new[f["control"]],
                   "thermostat: after set %s=%s" % (f["name"], after[f["name"]][1]))
        await set_all({f["name"]: f["value"] for f in controls})
        return "xsf: %d fields, %d historical, control set+read+restore" % (len(momentary), len(hist))

    async def check_meter(self):
        try:
            return await self.read_meter()
        finally:
            self.meter_read.set()

    async def read_meter(self):
        lp = "meter"
        t = self.home.thing(lp)
        await self.disco(lp)
        answer, resps = await self.read_nf(lp, t["namespace"])
        expect(local(answer.tag) == "accepted", "meter: iq answer <%s>, expected accepted" % local(answer.tag))
        expect(all(r.get("more") == "true" for r in resps[:-1]) and len(resps) >= 2,
               "meter: 'more' sequence wrong")
        nd = resps[-1].find("{%s}nd" % NS_NF)
        expect(nd is not None and nd.get("id") == t["node"]["id"] and nd.get("src") == t["node"]["src"],
               "meter: nd id/src wrong")
        values = self.nf_values(resps)
        self.compare(lp, values, t["fields"])
        errs = [e.text for r in resps for e in r.iter("{%s}err" % NS_NF)]
        expect(errs == t["errors"], "meter: err %s" % errs)
        hist = sorted(f.get("v") for r in resps for f in r.iter() if f.get("h") == "true")
        expect(hist == sorted(h["value"] for h in t["history"]), "meter: history %s" % hist)
        qos = [f for r in resps for f in r.iter("{%s}q" % NS_NF) if f.get("n") == "Energy" and f.get("m")]
        expect(qos and qos[0].get("ar") == "true", "meter: Energy lacks ar='true'")
        # Category filter: momentary only.
        _a, resps = await self.read_nf(lp, t["namespace"], "m='true'")
        names = set(self.nf_values(resps))
        expect(names == {f["name"] for f in t["fields"] if "momentary" in f["flags"]},
               "meter: m='true' gave %s" % sorted(names))
        err = await self.expect_error(lp, "<req xmlns='%s' id='bad' m='true'><nd id='Nope'/></req>" % t["namespace"])
        expect(err == (t["unknown_node_error"]["condition"], t["unknown_node_error"]["text"]),
               "meter: unknown node gave %s" % (err,))
        return "nf: %d fields, %d historical, err, m filter, item-not-found" % (len(values), len(hist))

    async def chat(self, lp, body, prefix):
        """Sends a chat message to lp; returns the first reply from it starting with prefix."""
        since = len(self.inbox.items)
        self.send_message(mto=self.full(lp), mbody=body, mtype="chat")
        got = await self.inbox.wait(
            lambda s, m: [b.text for b in m.findall("{jabber:client}body")
                          if s == self.full(lp) and b.text and b.text.startswith(prefix)],
            bool, since=since)
        return got[0]

    async def check_events(self):
        """Event subscriptions of the meter (protocols.md §3.3). Starts after check_meter:
        Power changes while a subscription is active, and its readouts expect 412 W."""
        lp = "meter"
        t = self.home.thing(lp)
        spec = t["events"]
        cyc = spec["cycle"]
        frm = self.full(lp)
        rest = field_value(next(f for f in t["fields"] if f["name"] == cyc["field"]))
        expect(cyc["values"][0] == rest, "events: cycle starts at %s, not at rest value %s"
               % (cyc["values"][0], rest))
        step = float(cyc.get("step_seconds", 1))
        await self.meter_read.wait()
        features = await self.disco(lp)
        expect(set(spec["namespaces"]) <= features, "events: disco lacks %s" % sorted(spec["namespaces"]))
        rns = spec["response_namespace"]

        def events(sid):
            def select(s, m):
                if s != frm:
                    return []
                return [(self.inbox.arrived[id(m)], e) for e in m.findall("{%s}resp" % rns) if e.get("id") == sid]
            return select

        async def count():
            reply = await self.chat(lp, spec["count_command"], spec["count_reply_prefix"])
            return int(reply[len(spec["count_reply_prefix"]):])

        async def subscribe(ns, sid, attrs, children=""):
            res = await self.iq(frm, "get", "<subscribe xmlns='%s' id='%s' %s>%s</subscribe>"
                                % (ns, sid, attrs, children))
            acc = res.xml.find("{%s}accepted" % spec["namespaces"][ns])
            expect(acc is not None and acc.get("id") == sid,
                   "events: %s subscribe answered %s" % (ns, [c.tag for c in res.xml]))

        def power(resp):
            nd = resp.find("{%s}nd" % rns)
            expect(nd is not None and nd.get("id") == t["node"]["id"] and nd.get("src") == t["node"]["src"]
                   and resp.get("more") is None, "events: event without nd %s or with more" % t["node"])
            return self.nf_values([resp])

        # IEEE spelling, one field, immediate event: accepted in the ieee sd namespace.
        ieee = "urn:ieee:iot:events:1.0"
        await subscribe(ieee, "ev-ieee", "m='true' req='true'", "<f n='%s' by='1000'/>" % cyc["field"])
        _t, e = (await self.inbox.wait(events("ev-ieee"), bool))[0]
        got = power(e)
        expect(set(got) == {cyc["field"]} and got[cyc["field"]][1] == rest,
               "events: ieee immediate event %s" % got)
        # NF spelling from the same JID: replaces it. No f: every momentary field.
        nf = "urn:nf:iot:events:1.0"
        await subscribe(nf, "ev-nf", "m='true' minInt='PT1S' maxInt='PT3S' req='true'")
        n = await count()
        expect(n == 1, "events: %d subscriptions after a replacing subscribe" % n)
        t1, e1 = (await self.inbox.wait(events("ev-nf"), bool))[0]
        got = power(e1)
        momentary = {f["name"] for f in t["fields"] if "momentary" in f["flags"]}
        expect(set(got) == momentary and got[cyc["field"]][1] == rest, "events: immediate event %s" % got)
        for f in t["fields"]:
            if f["name"] in momentary and f["name"] != cyc["field"]:
                expect(got[f["name"]][1] == field_value(f), "events: %s=%s" % (f["name"], got[f["name"]][1]))
        # A later event with a changed value: the first step, held back until minInt has passed.
        found = await self.inbox.wait(events("ev-nf"), lambda els: any(
            power(e)[cyc["field"]][1] != rest for _t, e in els), timeout=step + 2.5)
        t2, e2 = next((tt, e) for tt, e in found if power(e)[cyc["field"]][1] != rest)
        value = power(e2)[cyc["field"]][1]
        expect(value in cyc["values"], "events: %s=%s is not in the cycle" % (cyc["field"], value))
        expect(t2 - t1 >= 0.8, "events: second event %.2f s after the first (minInt PT1S)" % (t2 - t1))
        ieee_events = await self.inbox.wait(events("ev-ieee"), bool, timeout=0)
        expect(len(ieee_events) == 1, "events: %d events for the replaced subscription" % len(ieee_events))
        # Unsubscribe: empty result, nothing more, Power back at rest.
        res = await self.iq(frm, "set", "<unsubscribe xmlns='%s' id='ev-nf'/>" % nf)
        expect(len(res.xml) == 0, "events: unsubscribe answered %s" % [c.tag for c in res.xml])
        quiet_from, quiet_since = len(self.inbox.items), time.monotonic()
        n = await count()
        expect(n == 0, "events: %d subscriptions after unsubscribe" % n)
        _a, resps = await self.read_nf(lp, t["namespace"], "m='true'", "<f n='%s'/>" % cyc["field"])
        now = self.nf_values(resps)[cyc["field"]][1]
        expect(now == rest, "events: %s=%s after the last unsubscribe" % (cyc["field"], now))
        # A device restart forgets subscriptions.
        await subscribe(nf, "ev-restart", "m='true' maxInt='PT1M'")
        n1 = await count()
        await self.chat(lp, spec["restart_command"], spec["restart_reply"])
        n0 = await count()
        expect((n1, n0) == (1, 0), "events: %d subscription(s) before restart, %d after" % (n1, n0))
        await asyncio.sleep(max(0.0, SILENT_TIMEOUT - (time.monotonic() - quiet_since)))
        late = [e for _t, e in await self.inbox.wait(events("ev-nf"), lambda _e: True, 0, quiet_from)]
        expect(not late, "events: %d event(s) after unsubscribe" % len(late))
        return "ieee+nf accepted, %s %s -> %s after %.2f s, replace, unsubscribe, restart, %.0f s quiet" % (
            cyc["field"], rest, value, t2 - t1, SILENT_TIMEOUT)

    async def expect_error(self, lp, payload, itype="get", timeout=TIMEOUT):
        try:
            await self.iq(self.full(lp), itype, payload, timeout=timeout)
        except IqError as e:
            err = e.iq.xml.find("{jabber:client}error")
            cond = [local(c.tag) for c in err if c.tag.startswith("{%s}" % NS_STANZAS) and local(c.tag) != "text"]
            text = err.find("{%s}text" % NS_STANZAS)
            return (cond[0] if cond else None, text.text if text is not None else None)
        raise Failed("%s: expected an iq error" % lp)

    async def check_hub(self):
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
        expect([n.get("id") for n in infos] == ["living-room-lamp", "living-room-sensor"]
               and all(n.get("parentId") == "living-room" for n in infos), "hub: children of living-room")
        node = await self.iq(self.full(lp), "get", "<getNode xmlns='%s' id='front-door' src='Rooms'/>" % cns)
        info = node.xml.find("{%s}nodeInfo" % cns)
        expect(info is not None and info.get("displayName") == "Front door contact"
               and info.get("isReadable") == "true", "hub: getNode front-door")
        return "ieee: %d nodes, supernode read, item-not-found, 5 concentrator ops" % len(nds)

    async def check_door(self):
        lp = "door"
        t = self.home.thing(lp)
        await self.disco(lp)
        _s, _acc, elems = await self.read_xsf(lp, NS_SN)
        node = elems[-1].find("{%s}node" % NS_SN)
        expect(node is not None and node.get("nodeId") == t["node"], "door: nodeId")
        values = self.xsf_values(elems)
        self.compare(lp, values, t["fields"])
        expect(values["Open time today"][0] == "timeSpan", "door: duration not written as timeSpan")
        return "sn: %d fields, timeSpan" % len(values)

    async def check_lamp(self):
        lp = "lamp"
        t = self.home.thing(lp)
        await self.disco(lp)
        answer, resps = await self.read_nf(lp, t["namespace"])
        expect(answer.tag == "{%s}started" % t["namespace"], "lamp: iq answer %s, expected nfi started" % answer.tag)
        expect(len(resps) == 1 and resps[0].find("{%s}ts" % t["namespace"]) is not None,
               "lamp: expected one resp with ts directly inside")
        values = self.nf_values(resps)
        self.compare(lp, values, t["fields"])
        return "nfi: started + %d fields" % len(values)

    async def check_silent(self):
        lp = "silent"
        t = self.home.thing(lp)
        await self.disco(lp)
        try:
            await self.iq(self.full(lp), "get", "<req xmlns='%s' seqnr='%d' momentary='true'/>"
                          % (NS_XSF, next(self.seq)), timeout=SILENT_TIMEOUT)
            raise Failed("silent: answered a readout")
        except IqTimeout:
            pass
        self.send_message(mto=self.full(lp), mbody=t["count_command"], mtype="chat")
        prefix = t["count_reply_prefix"]
        got = await self.inbox.wait(
            lambda s, m: [b.text for b in m.findall("{jabber:client}body")
                          if s == self.full(lp) and b.text and b.text.startswith(prefix)],
            lambda els: bool(els))
        n = int(re.match(re.escape(prefix) + r"(\d+)$", got[0]).group(1))
        expect(n >= 1, "silent: counted %d requests" % n)
        return "no answer within %.0f s; '%s'" % (SILENT_TIMEOUT, got[0])

    async def check_refuser(self):
        lp = "refuser"
        t = self.home.thing(lp)
        await self.disco(lp)
        err = await self.expect_error(lp, "<req xmlns='%s' id='r' m='true'/>" % t["namespace"])
        expect(err == (t["error"]["condition"], t["error"]["text"]), "refuser: got %s" % (err,))
        return "%s: %s" % err

    async def check_garbage(self):
        lp = "garbage"
        t = self.home.thing(lp)
        await self.disco(lp)
        _s, _acc, elems = await self.read_xsf(lp, NS_XSF)
        failures = [e for e in elems if local(e.tag) == "failure"]
        expect(failures and failures[0].find("{%s}error" % NS_XSF).text == t["failure"]["text"],
               "garbage: failure text")
        fields = [e for e in elems if local(e.tag) == "fields"]
        allf = [f for fe in fields for ts in fe.iter("{%s}timestamp" % NS_XSF) for f in ts]
        by_name = {f.get("name"): f for f in allf if f.get("name") is not None}
        for f in t["fields"]:
            expect(by_name[f["name"]].get("value") == f["value"], "garbage: %s" % f["name"])
        for b in t["bad"]:
            if b["kind"] == "unknown-element":
                expect(any(local(f.tag) == b["element"] for f in allf), "garbage: <%s> missing" % b["element"])
            elif b["kind"] == "nameless":
                expect(any(f.get("name") is None and f.get("value") == b["value"] for f in allf),
                       "garbage: nameless field missing")
            elif b["kind"] == "bad-timestamp":
                ts = [ts for fe in fields for ts in fe.iter("{%s}timestamp" % NS_XSF)
                      if ts.get("value") == b["timestamp"]]
                expect(ts and ts[0][0].get("name") == b["name"], "garbage: timestamp %r" % b["timestamp"])
            else:
                expect(by_name[b["name"]].get("value") == field_value(b), "garbage: %s" % b["name"])
        long_value = by_name["long-string"].get("value")
        for h in t["hostile"]:
            expect(h in by_name and by_name[h].get("value") == h, "garbage: hostile %r" % h)
        return "xsf: failure + good/bad/hostile fields, %d-character value" % len(long_value)

    async def check_bulk(self):
        lp = "bulk"
        spec = self.home.thing(lp)["bulk"]
        await self.disco(lp)
        _a, resps = await self.read_nf(lp, NS_NF, "m='true'")
        expect(len(resps) == spec["count"] // spec["per_message"], "bulk: %d messages" % len(resps))
        fields = [f for r in resps for f in r.iter("{%s}q" % NS_NF)]
        expect(len(fields) == spec["count"], "bulk: %d fields" % len(fields))
        for i in (0, 1234, spec["count"] - 1):
            f = fields[i]
            expect((f.get("n"), f.get("v"), f.get("u")) == (bulk_name(spec, i), bulk_value(spec, i), spec["unit"]),
                   "bulk: field %d is %s" % (i, f.attrib))
        return "nf: %d fields in %d messages" % (len(fields), len(resps))

    async def check_mallory(self):
        lp = "mallory"
        t = self.home.thing(lp)
        eve = self.full(t["accomplice"])
        await self.disco(lp)
        seqnr, _acc, elems = await self.read_xsf(lp, NS_XSF, "momentary='true'")
        values = self.xsf_values(elems)
        self.compare(lp, values, t["fields"])
        forged = await self.inbox.wait(payloads(NS_XSF, "fields", "seqnr", seqnr, eve), bool, timeout=1)
        forged_value = self.xsf_values([e for _s, e in forged])["temperature"][1]
        expect(forged_value == t["forged_fields"][0]["value"], "mallory: forgery not seen (%s)" % forged_value)
        expect(any(s == eve for s, _i in self.forged_iqs), "mallory: eve's forged iq result not seen")
        return "took %s from mallory, ignored %s from eve" % (values["temperature"][1], forged_value)

    async def check_bob(self):
        lp = "bob"
        entry = self.home.by_localpart[lp]
        features = await self.disco(lp)
        iot = {f for f in features if ":iot:" in f or f.startswith("urn:xmpp:sn")}
        expect(not iot, "bob advertises %s" % sorted(iot))
        self.send_message(mto=self.full(lp), mbody="hello <b>", mtype="chat")
        want = entry["echo_prefix"] + "hello <b>"
        await self.inbox.wait(lambda s, m: [b.text for b in m.findall("{jabber:client}body")
                                            if s == self.full(lp) and b.text == want], bool)
        return "client/pc, no IoT features, %r" % want

    async def check_roster(self):
        roster = self.client_roster
        contacts = self.home.owner_contacts()
        for c in contacts:
            jid = self.home.bare(c)
            expect(jid in roster, "roster lacks %s" % jid)
            item = roster[jid]
            expect(item["subscription"] == "both", "%s subscription %s" % (jid, item["subscription"]))
            expect(item["name"] == c["name"], "%s name %r" % (jid, item["name"]))
            expect(item["groups"] == [c["group"]], "%s groups %s" % (jid, item["groups"]))
        extra = set(roster) - {self.home.bare(c) for c in contacts} - {self.boundjid.bare}
        expect(not extra, "unexpected roster items %s" % sorted(extra))
        return "%d contacts, subscription both, names and groups as in home.json" % len(contacts)

    async def check_presence(self):
        online = [e for e in self.home.online_entries() if e.get("in_roster", True)]
        deadline = time.monotonic() + TIMEOUT
        while True:
            missing = [self.home.full(e) for e in online
                       if e["resource"] not in self.client_roster.presence(self.home.bare(e))]
            if not missing or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        expect(not missing, "no presence from %s" % missing)
        offline = self.home.bare("offline")
        expect(not self.client_roster.presence(offline), "offline thing is online")
        return "%d things/people online, offline thing offline" % len(online)

    # -- main ------------------------------------------------------------------------------------------
    async def on_start(self, _event):
        self.send_presence()
        await self.get_roster()
        t0 = time.monotonic()
        checks = [("roster", self.check_roster()), ("presence", self.check_presence()),
                  ("bob", self.check_bob())]
        checks += [(t["localpart"], getattr(self, "check_" + t["localpart"])())
                   for t in self.home.things if hasattr(self, "check_" + t["localpart"])]
        if self.home.thing("meter").get("events"):
            checks.append(("events", self.check_events()))
        await asyncio.gather(*(self.run_check(n, c) for n, c in checks))
        print("# checks took %.2f s" % (time.monotonic() - t0), flush=True)
        if not self.done.done():
            self.done.set_result(None)


async def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wire", action="store_true", help="log every stanza to stderr")
    args = ap.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.ERROR, format="%(message)s")
    if args.wire:
        logging.getLogger("slixmpp.xmlstream.xmlstream").setLevel(logging.DEBUG)
    for var in ("XMPP_PORT", "IOT_HOME_JSON"):
        if not os.environ.get(var):
            sys.exit("check_home.py: %s is not set; run me under tests/testenv.sh run" % var)
    home = Home(os.environ["IOT_HOME_JSON"])
    home.domain = os.environ.get("XMPP_DOMAIN") or home.domain
    c = Checker(home, args)
    c.connect((os.environ.get("XMPP_HOST", "127.0.0.1"), int(os.environ["XMPP_PORT"])),
              force_starttls=False, disable_starttls=True)
    try:
        await asyncio.wait_for(c.done, 30)
    except (asyncio.TimeoutError, RuntimeError) as e:
        c.results.append(False)
        print("FAIL %-11s %s" % ("session", e or "no session within 30 s"), flush=True)
    c.disconnect(wait=0.2)
    passed = sum(1 for r in c.results if r)
    failed = len(c.results) - passed
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sys.exit(loop.run_until_complete(main()))
