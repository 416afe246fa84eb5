#!/usr/bin/python3
"""The publish-subscribe part of the simulated home's self-test: the things of
things_pubsub.py and things_pubsub_noisy.py against the real server, as alice.
check_home.py runs these checks with its own (a mixin of check_home.Checker: uses its
iq(), inbox, report()); run alone it checks only these:

    tests/testenv.sh run /usr/bin/python3 tests/sim/check_pubsub.py [--wire]
    tests/testenv.sh --server ejabberd run /usr/bin/python3 tests/sim/check_pubsub.py

One line per check ("SKIP" where the server lacks the feature: Prosody 0.12 has no
'authorize' access model and lets no ordinary user create nodes on its component),
then "N passed, N failed". Uses XMPP_HOST, XMPP_PORT, XMPP_DOMAIN, XMPP_SERVER
(prosody or ejabberd) and IOT_HOME_JSON from tests/testenv.sh.
"""
import asyncio
import logging
import os
import re
import secrets
import sys
import time
import xml.etree.ElementTree as ET

logging.getLogger("slixmpp.stringprep").setLevel(logging.ERROR)   # import-time warning: no C stringprep
import slixmpp  # noqa: E402
from slixmpp.exceptions import IqError  # noqa: E402
from slixmpp.xmlstream.handler import Callback  # noqa: E402
from slixmpp.xmlstream.matcher import MatchXPath  # noqa: E402

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_concentrators import Failed, expect  # noqa: E402
from things_pubsub import (FORM_AUTHORIZE, FORM_NODE_CONFIG, NS_NF, NS_PUBSUB, NS_PUBSUB_EVENT,  # noqa: E402
                           NS_PUBSUB_OWNER, NS_SOX, NS_XDATA, NS_XSF, form_values, reading_value, sox_raw, xdata)
from things_pubsub_noisy import MARKUP, hostile_items  # noqa: E402

NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items"
TIMEOUT = 5.0
SOX_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")


def local(tag):
    return tag.split("}", 1)[-1]


def event_children(msg, name):
    """<name/> elements under <event/> of a pubsub notification."""
    ev = msg.find("{%s}event" % NS_PUBSUB_EVENT)
    return [] if ev is None else ev.findall("{%s}%s" % (NS_PUBSUB_EVENT, name))


def event_items(service, node):
    """Inbox selector: (item id, payload element or None) of item events of one node."""
    def select(s, m):
        if s.split("/")[0] != service:
            return []
        return [(it.get("id"), it[0] if len(it) else None)
                for items in event_children(m, "items") if items.get("node") == node
                for it in items.findall("{%s}item" % NS_PUBSUB_EVENT)]
    return select


class PubsubChecks:
    def server_kind(self):
        return os.environ.get("XMPP_SERVER", "prosody")

    def pubsub_checks(self):
        return [("ps-nodes", self.check_ps_nodes()), ("ps-station", self.check_ps_station()),
                ("ps-pep", self.check_ps_pep()), ("ps-sox", self.check_ps_sox()),
                ("ps-keeper", self.check_ps_keeper()), ("ps-neighbr", self.check_ps_neighbour()),
                ("ps-storm", self.check_ps_storm()), ("ps-hostile", self.check_ps_hostile()),
                ("ps-live", self.check_ps_live())]

    # -- plumbing ------------------------------------------------------------------------------------
    @property
    def service(self):
        return "pubsub." + self.home.domain

    async def say(self, lp, body, prefix, timeout=TIMEOUT, since=None):
        """A chat message to lp; the first reply from it starting with prefix (after since)."""
        since = len(self.inbox.items) if since is None else since
        self.send_message(mto=self.full(lp), mbody=body, mtype="chat")
        got = await self.inbox.wait(
            lambda s, m: [b.text for b in m.findall("{jabber:client}body")
                          if s == self.full(lp) and b.text and b.text.startswith(prefix)],
            bool, since=since, timeout=timeout)
        return got[0]

    async def subscribe(self, node, service=None):
        """The subscription state the service answers."""
        res = await self.iq(service or self.service, "set", "<pubsub xmlns='%s'><subscribe node='%s' jid='%s'/>"
                            "</pubsub>" % (NS_PUBSUB, node, self.boundjid.bare))
        sub = res.xml.find("{%s}pubsub/{%s}subscription" % (NS_PUBSUB, NS_PUBSUB))
        return sub.get("subscription", "subscribed") if sub is not None else "subscribed"

    async def unsubscribe(self, node, service=None):
        await self.iq(service or self.service, "set", "<pubsub xmlns='%s'><unsubscribe node='%s' jid='%s'/>"
                      "</pubsub>" % (NS_PUBSUB, node, self.boundjid.bare))

    async def items(self, node, max_items=None, service=None):
        attr = " max_items='%d'" % max_items if max_items else ""
        res = await self.iq(service or self.service, "get", "<pubsub xmlns='%s'><items node='%s'%s/></pubsub>"
                            % (NS_PUBSUB, node, attr))
        return [(it.get("id"), it[0] if len(it) else None) for it in res.xml.iter("{%s}item" % NS_PUBSUB)]

    async def wait_items(self, node, ids, since, timeout=TIMEOUT, service=None):
        """{id: payload} once every id in ids came as an event of node."""
        want = set(ids)
        got = await self.inbox.wait(event_items(service or self.service, node),
                                    lambda els: want <= {i for i, _p in els}, since=since, timeout=timeout)
        return {i: p for i, p in got}

    def reading_fields(self, t, n):
        return {f["name"]: reading_value(f, n) for f in t["fields"]}

    # -- checks --------------------------------------------------------------------------------------
    async def check_ps_nodes(self):
        res = await self.iq(self.service, "get", "<query xmlns='%s'/>" % NS_DISCO_ITEMS)
        nodes = {i.get("node") for i in res.xml.iter("{%s}item" % NS_DISCO_ITEMS)}
        st, nz = self.home.thing("station")["pubsub"], self.home.thing("noisy")["pubsub"]
        dev = self.home.thing("soxbox")["sox"]["device"]
        want = {st["xsf_node"], st["nf_node"], dev + "_meta", dev + "_data",
                self.home.thing("keeper")["pubsub"]["node"], nz["storm_node"], nz["hostile_node"], nz["live_node"]}
        expect(want <= nodes, "disco#items of %s lacks %s" % (self.service, sorted(want - nodes)))
        return "%d nodes listed on %s" % (len(want), self.service)

    def check_station_payloads(self, t, n, xsf, nf):
        want = self.reading_fields(t, n)
        expect(xsf is not None and xsf.tag == "{%s}fields" % NS_XSF and xsf.get("seqnr") == str(n),
               "station: xsf item r%d is %s" % (n, None if xsf is None else xsf.tag))
        got = {f.get("name"): f.get("value") for f in xsf.iter() if f.get("name")}
        expect(got == want, "station: xsf r%d fields %s, expected %s" % (n, got, want))
        unit = [f.get("unit") for f in xsf.iter("{%s}numeric" % NS_XSF) if f.get("name") == "temperature"]
        expect(unit == ["°C"], "station: temperature unit %s" % unit)
        expect(nf is not None and nf.tag == "{%s}resp" % NS_NF and nf.get("id") == "r%d" % n,
               "station: nf item r%d is %s" % (n, None if nf is None else nf.tag))
        got = {f.get("n"): f.get("v") for f in nf.iter() if f.get("n")}
        expect(got == want, "station: nf r%d fields %s, expected %s" % (n, got, want))

    async def check_ps_station(self):
        t = self.home.thing("station")
        s = t["pubsub"]
        for node in (s["xsf_node"], s["nf_node"]):
            state = await self.subscribe(node)
            expect(state == "subscribed", "station: %s subscription %s" % (node, state))
        since = len(self.inbox.items)
        reply = await self.say("station", t["publish_command"], t["publish_reply_prefix"])
        n = int(reply[len(t["publish_reply_prefix"]):])
        rid = "r%d" % n
        xsf = (await self.wait_items(s["xsf_node"], [rid], since))[rid]
        nf = (await self.wait_items(s["nf_node"], [rid], since))[rid]
        self.check_station_payloads(t, n, xsf, nf)
        # A periodic reading follows by itself.
        period = t["publish_period_s"]
        await self.wait_items(s["nf_node"], ["r%d" % (n + 1)], since, timeout=period + TIMEOUT)
        stored = await self.items(s["nf_node"], max_items=1)
        expect(len(stored) == 1 and stored[0][0].startswith("r"), "station: last item %s" % stored)
        for node in (s["xsf_node"], s["nf_node"]):
            await self.unsubscribe(node)
        return "r%d on both nodes with the values of home.json, the next within %d s, items max_items=1" % (n, period)

    async def check_ps_pep(self):
        """A second resource of alice advertising urn:nf:iot:sd:1.0+notify gets the station's PEP."""
        t = self.home.thing("station")
        pep = slixmpp.ClientXMPP("%s/pep" % self.home.bare(self.home.owner),
                                 self.home.by_localpart[self.home.owner]["password"])
        for p in ("xep_0030", "xep_0115", "xep_0163"):
            pep.register_plugin(p)
        got, ready = [], asyncio.Event()
        station = self.home.bare("station")
        node = t["pubsub"]["pep_node"]

        def on_message(m):
            for items in event_children(m.xml, "items"):
                if m["from"].bare == station and items.get("node") == node:
                    got.extend((it.get("id"), it[0] if len(it) else None) for it in items)

        async def on_start(_e):
            pep["xep_0163"].add_interest(node)
            pep.send_presence()
            await pep.get_roster()
            ready.set()
        pep.register_handler(Callback("pep events", MatchXPath("{jabber:client}message"), on_message))
        pep.add_event_handler("session_start", on_start)
        pep.connect((os.environ.get("XMPP_HOST", "127.0.0.1"), int(os.environ["XMPP_PORT"])),
                    force_starttls=False, disable_starttls=True)
        try:
            await asyncio.wait_for(ready.wait(), TIMEOUT)
            await asyncio.sleep(0.5)     # the server asks for the caps first
            reply = await self.say("station", t["publish_command"], t["publish_reply_prefix"])
            n = int(reply[len(t["publish_reply_prefix"]):])
            deadline = time.monotonic() + TIMEOUT
            while not any(i == "r%d" % n for i, _p in got) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            mine = [p for i, p in got if i == "r%d" % n]
            expect(mine, "pep: no notification of r%d from %s (got %s)" % (n, station, [i for i, _p in got]))
            values = {f.get("n"): f.get("v") for f in mine[0].iter() if f.get("n")}
            expect(values == self.reading_fields(t, n), "pep: r%d values %s" % (n, values))
        finally:
            await pep.disconnect(wait=0.2)
            if pep._run_out_filters is not None:    # else "Task was destroyed but it is pending" at exit
                pep._run_out_filters.cancel()
        return "r%d from %s node %s (%d notifications)" % (n, station, node, len(got))

    async def check_ps_sox(self):
        t = self.home.thing("soxbox")
        sox = t["sox"]
        meta_node, data_node = sox["device"] + "_meta", sox["device"] + "_data"
        meta = await self.items(meta_node)
        expect(len(meta) == 1 and meta[0][0] == "meta" and meta[0][1].tag == "{%s}device" % NS_SOX,
               "sox: meta items %s" % meta)
        dev = meta[0][1]
        trans = {tr.get("id"): tr for tr in dev.findall("{%s}transducer" % NS_SOX)}
        expect(set(trans) == {tr["id"] for tr in sox["transducers"]} and dev.get("type") == sox["type"],
               "sox: device %s transducers %s" % (dev.attrib, sorted(trans)))
        expect(trans["power"].get("unitScalar") == "3" and trans["temperature"].get("unitScaler") == "0",
               "sox: unitScalar/unitScaler %s" % {k: v.attrib for k, v in trans.items()})
        expect(await self.subscribe(data_node) == "subscribed", "sox: subscription")
        since = len(self.inbox.items)
        reply = await self.say("soxbox", t["publish_command"], t["publish_reply_prefix"])
        n = int(reply[len(t["publish_reply_prefix"]):])
        got = await self.inbox.wait(event_items(self.service, data_node), bool, since=since)
        data = got[-1][1]
        expect(re.match(r"^[0-9a-f-]{36}$", got[-1][0] or ""), "sox: item id %r is no UUID" % got[-1][0])
        values = {v.get("id"): v for v in data.findall("{%s}transducerValue" % NS_SOX)}
        for tr in sox["transducers"]:
            v = values.get(tr["id"])
            expect(v is not None and SOX_STAMP.match(v.get("timestamp", "")) and v.get("timestamp").endswith(
                sox["offset"]), "sox: %s value %s" % (tr["id"], None if v is None else v.attrib))
            expect(v.get("rawValue") == sox_raw(tr, v.get("typedValue")), "sox: %s raw %s" % (tr["id"], v.attrib))
        await self.unsubscribe(data_node)
        return "meta with %d transducers, data item %d: %s" % (len(trans), n, ", ".join(
            "%s=%s" % (k, v.get("typedValue")) for k, v in sorted(values.items())))

    async def check_ps_keeper(self):
        t = self.home.thing("keeper")
        node, prefix, me = t["pubsub"]["node"], t["reply_prefix"], self.boundjid.bare
        if self.server_kind() == "ejabberd":
            since = len(self.inbox.items)
            state = await self.subscribe(node)
            expect(state == "pending", "keeper: subscription %s, expected pending" % state)
            reply = await self.say("keeper", "pending", prefix + "pending")
            expect(me in reply.split(), "keeper: %r" % reply)
            reply = await self.say("keeper", "approve " + me, prefix)
            expect(reply == "%sapproved %s" % (prefix, me), "keeper: %r" % reply)
            await self.inbox.wait(lambda s, m: [e for e in event_children(m, "subscription")
                                                if e.get("node") == node and e.get("subscription") == "subscribed"],
                                  bool, since=since)
            how = "pending, approved, subscribed (event)"
        else:
            try:
                await self.subscribe(node)
                raise Failed("keeper: subscribed to a whitelist node without approval")
            except IqError as e:
                expect(e.iq["error"]["condition"] in ("not-allowed", "forbidden"),
                       "keeper: refused with %s" % e.iq["error"]["condition"])
            reply = await self.say("keeper", "approve " + me, prefix)
            expect(reply == "%sapproved %s" % (prefix, me), "keeper: %r" % reply)
            state = await self.subscribe(node)
            expect(state == "subscribed", "keeper: after approval %s" % state)
            how = "refused (whitelist), approved, subscribed"
        items = await self.items(node)
        expect(items and items[0][0] == "r1", "keeper: items %s" % items)
        await self.unsubscribe(node)
        reply = await self.say("keeper", "deny " + me, prefix)
        return "%s, item r1; deny: %r" % (how, reply)

    async def check_ps_neighbour(self):
        t = self.home.thing("neighbour")
        prefix = t["reply_prefix"]
        st = self.home.thing("station")["pubsub"]["xsf_node"]
        # On an open node: subscribed, status, unsubscribed.
        reply = await self.say("neighbour", "subscribe " + st, prefix + "subscribe")
        expect(reply == "%ssubscribe %s: subscribed" % (prefix, st), "neighbour: %r" % reply)
        reply = await self.say("neighbour", "status " + st, prefix + "status")
        expect(reply == "%sstatus %s: subscribed" % (prefix, st), "neighbour: %r" % reply)
        reply = await self.say("neighbour", "unsubscribe " + st, prefix + "unsubscribe")
        expect(reply == "%sunsubscribe %s: ok" % (prefix, st), "neighbour: %r" % reply)
        if self.server_kind() != "ejabberd":
            return "SKIP approval: Prosody lets no ordinary user create an 'authorize' node; open node ok"
        # A node alice owns, access model authorize: the service asks her (XEP-0060 §8.6).
        node = "alice/requests-" + secrets.token_hex(4)
        await self.iq(self.service, "set", "<pubsub xmlns='%s'><create node='%s'/><configure>%s</configure></pubsub>"
                      % (NS_PUBSUB, node, xdata(FORM_NODE_CONFIG, {"pubsub#access_model": "authorize"})))
        try:
            since = len(self.inbox.items)
            reply = await self.say("neighbour", "subscribe " + node, prefix + "subscribe")
            expect(reply == "%ssubscribe %s: pending" % (prefix, node), "neighbour: %r" % reply)

            def forms(s, m):
                x = m.find("{%s}x" % NS_XDATA)
                return [form_values(x)] if x is not None and form_values(x).get("FORM_TYPE") == FORM_AUTHORIZE else []
            form = (await self.inbox.wait(forms, bool, since=since))[0]
            who = form.get("pubsub#subscriber_jid", "")
            expect(who.split("/")[0] == self.home.bare("neighbour") and form.get("pubsub#node") == node,
                   "neighbour: approval form %s" % form)
            answer = {k: v for k, v in form.items() if k in ("pubsub#node", "pubsub#subscriber_jid", "pubsub#subid")}
            answer["pubsub#allow"] = "true"
            msg = self.Message(sto=self.service)
            msg.append(ET.fromstring(xdata(FORM_AUTHORIZE, answer)))
            msg.send()
            reply = await self.say("neighbour", "status " + node, prefix + "status", since=since)
            if reply.endswith("pending"):
                await asyncio.sleep(0.5)
                reply = await self.say("neighbour", "status " + node, prefix + "status")
            expect(reply == "%sstatus %s: subscribed" % (prefix, node), "neighbour: %r" % reply)
            told = [b.text for s, m in self.inbox.items[since:] for b in m.findall("{jabber:client}body")
                    if s == self.full("neighbour") and b.text == "%s%s: subscribed" % (prefix, node)]
            return "open node ok; pending on %s, approval form to alice, approved -> subscribed%s" % (
                node, " (told by event)" if told else "")
        finally:
            await self.iq(self.service, "set", "<pubsub xmlns='%s'><delete node='%s'/></pubsub>"
                          % (NS_PUBSUB_OWNER, node))

    async def check_ps_storm(self):
        node = self.home.thing("noisy")["pubsub"]["storm_node"]
        expect(await self.subscribe(node) == "subscribed", "storm: subscription")
        since = len(self.inbox.items)
        per_second, seconds = 200, 1
        reply = await self.say("noisy", "storm %d %d" % (per_second, seconds), "storm: published",
                               timeout=seconds + 15)
        m = re.match(r"storm: published (\d+) in ([\d.]+) s, acked (\d+)$", reply)
        expect(m and int(m.group(1)) == int(m.group(3)) == per_second * seconds, "storm: %r" % reply)
        got = await self.wait_items(node, ["s%d" % i for i in range(1, per_second * seconds + 1)], since,
                                    timeout=TIMEOUT + seconds)
        counters = {int(p.find(".//{%s}numeric" % NS_XSF).get("value")) for _i, p in got.items()}
        expect(counters == set(range(1, per_second * seconds + 1)), "storm: counters %d" % len(counters))
        await self.unsubscribe(node)
        return "%s, every item notified" % reply

    async def check_ps_hostile(self):
        node = self.home.thing("noisy")["pubsub"]["hostile_node"]
        expect(await self.subscribe(node) == "subscribed", "hostile: subscription")
        since = len(self.inbox.items)
        want = [i for i, _p in hostile_items()]
        reply = await self.say("noisy", "hostile", "hostile:", timeout=15)
        expect(reply == "hostile: published %d" % len(want), "hostile: %r" % reply)
        got = await self.wait_items(node, want, since, timeout=10)
        huge = [f.get("value") for f in got["huge-field"].iter() if f.get("name") == "huge"]
        expect(huge and len(huge[0]) == 100000, "hostile: huge value %d" % len(huge[0]) if huge else 0)
        names = [f.get("name") for f in got["markup-fields"].iter() if f.get("name")]
        expect(names == MARKUP, "hostile: markup names came back as %s" % names)
        depth, e = 0, got["deep"]
        while e is not None:
            depth, e = depth + 1, (e[0] if len(e) else None)
        await self.unsubscribe(node)
        return "%d items notified, 100,000-character value and markup intact, depth %d" % (len(got), depth)

    async def check_ps_live(self):
        node = self.home.thing("noisy")["pubsub"]["live_node"]
        expect(await self.subscribe(node) == "subscribed", "live: subscription")
        since = len(self.inbox.items)
        item = "x" + secrets.token_hex(3)
        for cmd in ("publish " + item, "retract " + item, "purge", "delete", "create"):
            reply = await self.say("noisy", "live " + cmd, "live:")
            expect(reply == "live: %s ok" % cmd, "live: %r" % reply)
        seen = await self.inbox.wait(
            lambda s, m: [local(e.tag) + ("-retract" if e.find("{%s}retract" % NS_PUBSUB_EVENT) is not None else "")
                          for e in m.iter() if s == self.service and e.get("node") == node
                          and local(e.tag) in ("items", "purge", "delete")],
            lambda els: {"items", "items-retract", "purge", "delete"} <= set(els), since=since)
        return "publish, retract, purge, delete notified (%s); created again" % " ".join(seen)


async def main():
    from check_home import Checker, run_checker    # here: check_home imports this module

    class PubsubOnly(Checker):
        async def on_start(self, _event):
            self.send_presence()
            await self.get_roster()
            t0 = time.monotonic()
            await asyncio.gather(*(self.run_check(n, c) for n, c in self.pubsub_checks()))
            print("# checks took %.2f s" % (time.monotonic() - t0), flush=True)
            if not self.done.done():
                self.done.set_result(None)

    return await run_checker(PubsubOnly, "check_pubsub.py", 60)


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sys.exit(loop.run_until_complete(main()))
