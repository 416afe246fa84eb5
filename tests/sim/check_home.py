#!/usr/bin/python3
"""Self-test of the simulated home: signs in as the owner (alice), checks her roster
and presences, then disco#info's and reads every thing once in its own generation and
compares what comes back with data/home.json, and subscribes to the meter's events
(after its readouts: Power changes while a subscription is active), and controls the hub's nodes
and the silent thing (after the hub's readouts); the concentrators (the hub's commands,
queries, editing and events; the XEP-0326 gateway; the big plant) are checked by
check_concentrators.py, the publish-subscribe things by check_pubsub.py, the thing registry and the
provisioning service by check_registry.py; the meter's readouts and events are in check_events.py,
the hub's readouts and control in check_control.py. One line per check, then
"N passed, N failed"; exit status 0 only when nothing failed.

    tests/testenv.sh run /usr/bin/python3 tests/sim/check_home.py [--wire]

Uses XMPP_HOST, XMPP_PORT, XMPP_DOMAIN and IOT_HOME_JSON from tests/testenv.sh.
Replies are correlated by the sender's full JID as well as seqnr/id: mallory's
accomplice forges an answer from another JID, which must not be taken.
"""
import argparse
import asyncio
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
from check_base import (NF_ELEMENT, NS_CTL, NS_DISCO_INFO, NS_NF, NS_SN, NS_STANZAS,  # noqa: E402
                        NS_XDATA, NS_XSF, SILENT_TIMEOUT, TIMEOUT, age_minutes, local, payloads)
from check_events import EventsChecks  # noqa: E402
from check_control import ControlChecks  # noqa: E402







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




class Checker(EventsChecks, ControlChecks, ConcentratorChecks, PubsubChecks, RegistryChecks, PresenceChecks, slixmpp.ClientXMPP):
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

    async def chat(self, lp, body, prefix):
        """Sends a chat message to lp; returns the first reply from it starting with prefix."""
        since = len(self.inbox.items)
        self.send_message(mto=self.full(lp), mbody=body, mtype="chat")
        got = await self.inbox.wait(
            lambda s, m: [b.text for b in m.findall("{jabber:client}body")
                          if s == self.full(lp) and b.text and b.text.startswith(prefix)],
            bool, since=since)
        return got[0]


    async def expect_error(self, lp, payload, itype="get", timeout=TIMEOUT):
        try:
            await self.iq(self.full(lp), itype, payload, timeout=timeout)
        except IqError as e:
            err = e.iq.xml.find("{jabber:client}error")
            cond = [local(c.tag) for c in err if c.tag.startswith("{%s}" % NS_STANZAS) and local(c.tag) != "text"]
            text = err.find("{%s}text" % NS_STANZAS)
            return (cond[0] if cond else None, text.text if text is not None else None)
        raise Failed("%s: expected an iq error" % lp)


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


async def run_checker(checker_class, script, session_timeout):
    """Runs @checker_class (Checker or a subclass that runs fewer checks) against the
    home tests/testenv.sh started; prints a line a check and the totals. Exit status."""
    ap = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__.splitlines()[0])
    ap.add_argument("--wire", action="store_true", help="log every stanza to stderr")
    args = ap.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.ERROR, format="%(message)s")
    if args.wire:
        logging.getLogger("slixmpp.xmlstream.xmlstream").setLevel(logging.DEBUG)
    for var in ("XMPP_PORT", "IOT_HOME_JSON"):
        if not os.environ.get(var):
            sys.exit("%s: %s is not set; run me under tests/testenv.sh run" % (script, var))
    home = Home(os.environ["IOT_HOME_JSON"])
    home.domain = os.environ.get("XMPP_DOMAIN") or home.domain
    c = checker_class(home, args)
    c.connect((os.environ.get("XMPP_HOST", "127.0.0.1"), int(os.environ["XMPP_PORT"])),
              force_starttls=False, disable_starttls=True)
    try:
        await asyncio.wait_for(c.done, session_timeout)
    except (asyncio.TimeoutError, RuntimeError) as e:
        c.results.append(False)
        print("FAIL %-11s %s" % ("session", e or "no session within %d s" % session_timeout), flush=True)
    c.disconnect(wait=0.2)
    passed = sum(1 for r in c.results if r)
    failed = len(c.results) - passed
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 0 if failed == 0 and passed > 0 else 1


async def main():
    return await run_checker(Checker, "check_home.py", 30)


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sys.exit(loop.run_until_complete(main()))
