"""The event part of the simulated home's self-test (a mixin of check_home.Checker: uses
its home, iq(), read_nf(), expect_error(), inbox): the meter's readouts, then its event
subscriptions (protocols.md §3.3)."""
import asyncio
import time

from things_home import field_value
from check_concentrators import expect
from check_base import NS_NF, SILENT_TIMEOUT, local


class EventsChecks:
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
