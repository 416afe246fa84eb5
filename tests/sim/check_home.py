#!/usr/bin/python3
"""Self-test of the simulated home: signs in as the owner (alice), checks her roster
and presences, then disco#info's and reads every thing once in its own generation and
compares what comes back with data/home.json, and subscribes to the meter's events
(after its readouts: Power changes while a subscription is active), and controls the hub's nodes
and the silent thing (after the hub's readouts); the concentrators (the hub's commands,
queries, editing and events; the XEP-0326 gateway; the big plant) are checked by
check_concentrators.py, the publish-subscribe things by check_pubsub.py, the thing registry and the
provisioning service by check_registry.py. One line per check, then
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
from check_concentrators import ConcentratorChecks, Failed, expect  # noqa: E402
from check_pubsub import PubsubChecks  # noqa: E402
from check_registry import RegistryChecks  # noqa: E402
from check_presence import PresenceChecks  # noqa: E402

NS_XSF = "urn:xmpp:iot:sensordata"
NS_CTL = "urn:xmpp:iot:control"
NS_SN = "urn:xmpp:sn"
NS_NF = "urn:nf:iot:sd:1.0"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_XDATA = "jabber:x:data"
NS_XDV = "http://jabber.org/protocol/xdata-validate"
NS_XDL = "http://jabber.org/protocol/xdata-layout"
NS_XDD = "urn:xmpp:xdata:dynamic"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
NF_ELEMENT = {"numeric": "q", "string": "s", "boolean": "b", "date": "d", "dateTime": "dt",
              "time": "t", "duration": "dr", "int": "i", "long": "l", "enum": "e"}
TIMEOUT = 5.0
SILENT_TIMEOUT = 2.0




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


class Checker(ConcentratorChecks, PubsubChecks, RegistryChecks, PresenceChecks, slixmpp.ClientXMPP):
    def __init__(self, home, args):
        super().__init__("%s/check" % home.bare(home.owner), home.by_localpart[home.owner]["password"])
        self.home = home
        self.args = args
        self.inbox = Inbox()
        self.seq = itertools.count(1)
        self.results = []
        self.forged_iqs = []
        self.meter_read = asyncio.Event()     # check_meter's readouts are done: Power may change now
        self.hub_read = asyncio.Event()       # check_hub's readouts are done: control may change values
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

        async def counts():
            reply = await self.chat(lp, t["count_command"], t["count_reply_prefix"])
            words = reply[len(t["count_reply_prefix"]):].split()
            return dict(zip(words[0::2], map(int, words[1::2])))
        # No control form: slixmpp answers getForm with feature-not-implemented, and counts it.
        before = await counts()
        try:
            await self.iq(self.full(lp), "get", "<getForm xmlns='%s'/>" % NS_CTL)
            expect(False, "thermostat: getForm answered with a result")
        except IqError as e:
            expect(e.iq["error"]["condition"] == "feature-not-implemented",
                   "thermostat: getForm answered %s" % e.iq["error"]["condition"])
        after = await counts()
        expect(after["getForm"] == before["getForm"] + 1 and after["req"] == before["req"],
               "thermostat: counted %s, then %s" % (before, after))

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
        return ("xsf: %d fields, %d historical, getForm refused and counted, control set+read+restore"
                % (len(momentary), len(hist)))

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
        c = t["control"]
        form = await self.iq(self.full(lp), "get", "<getForm xmlns='%s'/>" % c["namespace"])
        x = form.xml.find("{%s}x" % NS_XDATA)
        expect(x is not None and [f.get("var") for f in x.findall("{%s}field" % NS_XDATA)]
               == [p["name"] for p in c["parameters"]], "silent: getForm answer")
        p = c["parameters"][0]
        before = await self.chat(lp, c["count_command"], c["count_reply_prefix"])
        try:
            await self.iq(self.full(lp), "set", "<set xmlns='%s'><boolean name='%s' value='true'/></set>"
                          % (c["namespace"], p["name"]), timeout=SILENT_TIMEOUT)
            raise Failed("silent: answered a control set")
        except IqTimeout:
            pass
        after = await self.chat(lp, c["count_command"], c["count_reply_prefix"])
        sets = [int(r[len(c["count_reply_prefix"]):]) for r in (before, after)]
        expect(sets[1] == sets[0] + 1, "silent: counted %s sets" % sets)
        d = t["disco"]
        held = await self.chat(lp, d["hold_command"], d["reply_prefix"])
        try:
            await self.iq(self.full(lp), "get", "<query xmlns='%s'/>" % NS_DISCO_INFO, timeout=SILENT_TIMEOUT)
            raise Failed("silent: answered disco#info while holding it")
        except IqTimeout:
            pass
        answered = await self.chat(lp, d["answer_command"], d["reply_prefix"])
        await self.disco(lp)
        discos = [int(r[len(d["reply_prefix"]):]) for r in (held, answered)]
        expect(discos[1] == discos[0] + 1, "silent: counted %s disco#info requests" % discos)
        return "no answer within %.0f s; '%s'; getForm answered, set unanswered, '%s'; disco#info held, then answered" % (
            SILENT_TIMEOUT, got[0], after)

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
        if self.home.thing("hub").get("control"):
            checks.append(("hub-control", self.check_hub_control()))
        if self.home.thing("hub").get("concentrator"):
            checks.append(("hub-conc", self.check_hub_concentrator()))
        checks += self.pubsub_checks()
        checks += self.registry_checks()
        await asyncio.gather(*(self.run_check(n, c) for n, c in checks))
        # After the others: the lamp is offline for a moment.
        if self.home.thing("lamp").get("away"):
            await self.run_check("lamp-away", self.check_lamp_away())
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
