#!/usr/bin/python3
"""The registry part of the simulated home's self-test: the thing registry, the provisioning
service and their things (things_registry.py, things_provisioning.py,
things_provisioning_things.py) against the real server, as alice. check_home.py runs these
checks with its own (a mixin of check_home.Checker: uses its iq(), inbox, say(), report());
run alone it checks only these:

    tests/testenv.sh run /usr/bin/python3 tests/sim/check_registry.py [--wire]
    tests/testenv.sh --server ejabberd run /usr/bin/python3 tests/sim/check_registry.py

Checks: the components' disco#info; searches with every operator against the seeded public
things, paging past 100 (maxCount lowered to 100, more='true'), KEY never returned nor
searchable; claims (XSF and NF, public and private), a read of the claimed thing, getDevices,
disown (and the thing registering again), disown of an offline thing (not-allowed) and of
someone else's (item-not-found); a stranger's read of a claimed thing brings alice a
question whose answer decides the read (fromDomain lets the second stranger read too; a
"no" makes the thing refuse; a partial "yes" limits the fields); control limited to one
parameter and to a token's bearer; friendship for a domain; clearCache, deleteRules, remove,
making public and private; getToken with a certificate (a wrong answer, an unknown seqnr), the
service's tokenChallenge in both namespaces and what it tells; the QR images decode (zbarimg)
to their manifest. One line per check, then
"N passed, N failed". Uses XMPP_HOST, XMPP_PORT, XMPP_DOMAIN and IOT_HOME_JSON.
"""
import asyncio
import os
import sys
import time

from slixmpp.exceptions import IqError

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_concentrators import expect  # noqa: E402
from things_registry import public_tags  # noqa: E402

NS_XSF_DISCO = "urn:xmpp:iot:discovery"
NS_NF_DISCO = "urn:nf:iot:disco:1.0"
NS_OWNER = "urn:nf:iot:prov:o:1.0"
NS_XSF_SD = "urn:xmpp:iot:sensordata"
TIMEOUT = 5.0


def tags_xml(spec, order=None):
    tags = spec["tags"] if order is None else [spec["tags"][i] for i in order]
    return "".join("<%s name='%s' value='%s'/>" % (t.get("type", "str"), t["name"],
                                                 t["value"].replace("&", "&amp;").replace("'", "&apos;"))
                   for t in tags)


class RegistryChecks:
    def registry_checks(self):
        if not getattr(self.home, "components", None) or not os.environ.get("XMPP_COMPONENT_PORT"):
            return []
        return [("rg-disco", self.check_rg_disco()), ("rg-search", self.check_rg_search()),
                ("rg-claim", self.check_rg_claim()), ("rg-private", self.check_rg_private()),
                ("rg-disown", self.check_rg_disown()), ("rg-question", self.check_rg_question()),
                ("rg-refuse", self.check_rg_refuse()), ("rg-control", self.check_rg_control()),
                ("rg-friend", self.check_rg_friend()), ("rg-qr", self.check_rg_qr()),
                ("rg-tokens", self.check_rg_tokens())]

    # -- plumbing -------------------------------------------------------------------------------
    @property
    def registry_jid(self):
        return self.home.component_jid("registry")

    @property
    def provisioning_jid(self):
        return self.home.component_jid("provisioning")

    async def iq_error(self, to, itype, payload):
        try:
            await self.iq(to, itype, payload)
        except IqError as e:
            return e.iq["error"]["condition"]
        return None

    async def search(self, ops, offset=0, count=None, ns=NS_XSF_DISCO):
        mc = "" if count is None else " maxCount='%d'" % count
        res = await self.iq(self.registry_jid, "get", "<search xmlns='%s' offset='%d'%s>%s</search>"
                            % (ns, offset, mc, ops))
        found = res.xml.find("{%s}found" % ns)
        expect(found is not None, "search: no <found/>")
        things = found.findall("{%s}thing" % ns)
        return things, found.get("more", "false") == "true"

    async def question(self, kind, thing, remote, since):
        """The question element of kind about thing from remote that the service sent alice."""
        jid, rjid = self.home.bare(thing), self.home.bare(remote)
        got = await self.inbox.wait(
            lambda s, m: [e for e in m.findall("{%s}%s" % (NS_OWNER, kind))
                          if s == self.provisioning_jid and e.get("jid") == jid and e.get("remoteJid") == rjid],
            bool, since=since, timeout=10)
        return got[0]

    async def answered(self, key, since):
        await self.inbox.wait(lambda s, m: [e for e in m.findall("{%s}answered" % NS_OWNER)
                                            if s == self.provisioning_jid and e.get("key") == key],
                              bool, since=since)

    async def read_as(self, stranger, thing, since=None):
        return await self.say(stranger, "read " + thing, "%sread %s:" % (self.home.thing(stranger)["reply_prefix"],
                                                                       thing), timeout=30, since=since)

    # -- checks ---------------------------------------------------------------------------------
    async def check_rg_qr(self):
        """The QR fixtures decode (Debian's zbarimg) to what manifest.tsv says; garbage.png to nothing."""
        qr_dir = os.environ.get("IOT_QR_DIR")
        expect(qr_dir and os.path.isdir(qr_dir), "IOT_QR_DIR %r is no directory" % qr_dir)
        with open(os.path.join(qr_dir, "manifest.tsv"), encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        unclaimed = {t["localpart"] + ".png" for t in self.home.things if t.get("registry") and not t.get("owner")}
        expect(unclaimed | {"garbage.png", "malformed.png"} == {r[0] for r in rows}, "manifest lists %s" % [r[0] for r in rows])
        for name, text, _qr in rows:
            proc = await asyncio.create_subprocess_exec("zbarimg", "-q", "--raw", os.path.join(qr_dir, name),
                                                        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
            out, _err = await proc.communicate()
            got = out.decode("utf-8", "replace").rstrip("\n")
            expect(got == ("" if text == "-" else text), "%s decodes to %r, expected %r" % (name, got, text))
        return "%d images decode as their manifest says, garbage.png to nothing" % len(rows)

    async def check_rg_disco(self):
        for name in ("registry", "provisioning"):
            spec = self.home.component(name)
            info = (await self.plugin["xep_0030"].get_info(jid=self.home.component_jid(name), timeout=TIMEOUT))
            features = set(info["disco_info"]["features"])
            missing = set(spec["features"]) - features
            expect(not missing, "%s lacks %s" % (name, sorted(missing)))
        return "registry and provisioning service answer disco#info with their features"

    async def check_rg_search(self):
        pub = self.home.component("registry")["public"]
        things = [{t.name: t.value for t in public_tags(pub, i)} for i in range(pub["count"])]
        cap = self.home.component("registry")["max_count"]
        # Paging: MAN=example.org matches every second public thing (125 > 100).
        want = sum(1 for t in things if t["MAN"] == "example.org")
        expect(want > cap, "home.json: too few public things to page past %d" % cap)
        page1, more1 = await self.search("<strEq name='man' value='example.org'/>", 0, 500)
        expect(len(page1) == cap and more1, "page 1: %d things, more=%s (maxCount 500 lowered to %d)"
               % (len(page1), more1, cap))
        page2, more2 = await self.search("<strEq name='MAN' value='example.org'/>", cap, 500)
        expect(len(page2) == want - cap and not more2, "page 2: %d things, more=%s" % (len(page2), more2))
        jids = {t.get("jid") for t in page1 + page2}
        expect(len(jids) == want, "pages overlap: %d distinct of %d" % (len(jids), want))
        owner = self.home.bare(pub["owner"])
        for t in page1 + page2:
            expect(t.get("owner") == owner, "owner %r" % t.get("owner"))
            expect(all(c.get("name").upper() != "KEY" for c in t), "KEY returned for %s" % t.get("jid"))
        nf, _m = await self.search("<strEq name='MAN' value='example.org'/>", 0, 10, ns=NS_NF_DISCO)
        expect(len(nf) == 10, "NF search: %d things" % len(nf))
        # Every operator, against expectations computed here from home.json.
        f = float
        cases = [
            ("<strNEq name='ROOM' value='Kitchen'/>", lambda t: t["ROOM"] != "Kitchen"),
            ("<strGt name='ROOM' value='Garage'/>", lambda t: t["ROOM"] > "Garage"),
            ("<strGtEq name='ROOM' value='Garage'/>", lambda t: t["ROOM"] >= "Garage"),
            ("<strLt name='ROOM' value='Hall'/>", lambda t: t["ROOM"] < "Hall"),
            ("<strLtEq name='ROOM' value='Hall'/>", lambda t: t["ROOM"] <= "Hall"),
            ("<strRange name='SN' min='PUB-000010' minIncluded='true' max='PUB-000020' maxIncluded='false'/>",
             lambda t: "PUB-000010" <= t["SN"] < "PUB-000020"),
            ("<strNRange name='SN' min='PUB-000010' minIncluded='true' max='PUB-000240' maxIncluded='true'/>",
             lambda t: not ("PUB-000010" <= t["SN"] <= "PUB-000240")),
            ("<strMask name='SN' value='PUB-0001?5' wildcard='?'/>",
             lambda t: t["SN"].startswith("PUB-0001") and t["SN"].endswith("5")),
            ("<strRegEx name='MODEL' value='TH-[12]'/>", lambda t: t["MODEL"] in ("TH-1", "TH-2")),
            ("<numEq name='V' value='1.5'/>", lambda t: f(t["V"]) == 1.5),
            ("<numNEq name='V' value='1.5'/>", lambda t: f(t["V"]) != 1.5),
            ("<numGt name='V' value='3.5'/>", lambda t: f(t["V"]) > 3.5),
            ("<numGtEq name='V' value='3.5'/>", lambda t: f(t["V"]) >= 3.5),
            ("<numLt name='V' value='1.2'/>", lambda t: f(t["V"]) < 1.2),
            ("<numLtEq name='V' value='1.2'/>", lambda t: f(t["V"]) <= 1.2),
            ("<numRange name='LAT' min='55.61' minIncluded='true' max='55.62' maxIncluded='false'/>",
             lambda t: 55.61 <= f(t["LAT"]) < 55.62),
            ("<numNRange name='LAT' min='55.61' minIncluded='false' max='55.8' maxIncluded='false'/>",
             lambda t: not (55.61 < f(t["LAT"]) < 55.8)),
            ("<strEq name='CITY' value='Lund'/><numGt name='LON' value='13.3'/>",
             lambda t: t["CITY"] == "Lund" and f(t["LON"]) > 13.3),
        ]
        for ops, pred in cases:
            want_n = sum(1 for t in things if pred(t))
            n, offset, more = 0, 0, True
            while more:     # counts the public things only: other checks claim things meanwhile
                got, more = await self.search(ops, offset, cap)
                offset += len(got)
                n += sum(1 for th in got if th.get("owner") == owner)
            expect(n == want_n, "%s: %d things, expected %d" % (ops, n, want_n))
        for ops in ("<strEq name='KEY' value='x'/>", "<strNEq name='key' value='x'/>",
                    "<strEq name='NOSUCHTAG' value='x'/>"):
            got, more = await self.search(ops, 0, 10)
            expect(not got and not more, "%s found %d things" % (ops, len(got)))
        cond = await self.iq_error(self.registry_jid, "get",
                                   "<search xmlns='%s'><numEq name='V' value='abc'/></search>" % NS_XSF_DISCO)
        expect(cond == "bad-request", "a non-numeric numEq gave %s" % cond)
        return "%d to page 2 (more='true' at %d), %d operator cases, KEY unsearchable and hidden" % (
            want, cap, len(cases))

    async def check_rg_claim(self):
        t = self.home.thing("claimme1")
        spec = t["registry"]
        jid = self.home.bare(t)
        cond = await self.iq_error(self.registry_jid, "set", "<mine xmlns='%s'>%s<str name='KEY' value='wrong'/></mine>"
                                   % (NS_XSF_DISCO, tags_xml(spec, range(len(spec["tags"]) - 1))))
        expect(cond == "item-not-found", "claim with a wrong KEY gave %s" % cond)
        # The same tags in another order, names in lower case: a claim.
        lower = dict(spec, tags=[dict(g, name=g["name"].lower()) for g in reversed(spec["tags"])])
        res = await self.iq(self.registry_jid, "set", "<mine xmlns='%s'>%s</mine>" % (NS_XSF_DISCO, tags_xml(lower)))
        claimed = res.xml.find("{%s}claimed" % NS_XSF_DISCO)
        expect(claimed is not None and claimed.get("jid") == jid, "claim result %s" % res)
        reply = await self.say("claimme1", "owner", t["reply_prefix"])
        expect(reply == "%sowner %s" % (t["reply_prefix"], self.boundjid.bare), "claimme1 says %r" % reply)
        sn = next(g["value"] for g in spec["tags"] if g["name"] == "SN")
        found, _m = await self.search("<strEq name='SN' value='%s'/>" % sn)
        expect(len(found) == 1 and found[0].get("owner") == self.boundjid.bare and found[0].get("jid") == jid,
               "claimed public thing not found by SN: %s" % [f.attrib for f in found])
        expect(all(c.get("name") != "KEY" for c in found[0]), "KEY returned")
        # XSF keeps KEY: the owner may claim again, and so make the thing private and public.
        for public, count in (("false", 0), ("true", 1)):
            await self.iq(self.registry_jid, "set", "<mine xmlns='%s' public='%s'>%s</mine>"
                          % (NS_XSF_DISCO, public, tags_xml(spec)))
            found, _m = await self.search("<strEq name='SN' value='%s'/>" % sn)
            expect(len(found) == count, "public='%s': found %d" % (public, len(found)))
        await self.iq(self.registry_jid, "set", "<update xmlns='%s' jid='%s'><str name='ROOM' value='Study'/>"
                      "<str name='MODEL' value=''/></update>" % (NS_XSF_DISCO, jid))
        found, _m = await self.search("<strEq name='SN' value='%s'/><strEq name='ROOM' value='Study'/>" % sn)
        expect(len(found) == 1 and not [c for c in found[0] if c.get("name") == "MODEL"],
               "after the owner's update: %s" % [[c.attrib for c in f] for f in found])
        _seq, _acc, elems = await self.read_xsf("claimme1", NS_XSF_SD, "momentary='true'")
        values = self.xsf_values(elems)
        expect(values.get("temperature", (None, None))[1] == t["fields"][0]["value"], "read: %s" % values)
        # Disown: the thing is told, registers again with its own tags and can be claimed anew.
        await self.iq(self.registry_jid, "set", "<disown xmlns='%s' jid='%s'/>" % (NS_XSF_DISCO, jid))
        reply = await self.say("claimme1", "owner", t["reply_prefix"])
        expect(reply == t["reply_prefix"] + "owner none", "claimme1 after disown: %r" % reply)
        deadline = time.monotonic() + TIMEOUT
        while True:
            cond = await self.iq_error(self.registry_jid, "set", "<mine xmlns='%s'>%s</mine>" % (NS_XSF_DISCO, tags_xml(spec)))
            if cond is None:
                break
            expect(time.monotonic() < deadline, "claimme1 did not register again (%s)" % cond)
            await asyncio.sleep(0.1)
        await self.iq(self.registry_jid, "set", "<disown xmlns='%s' jid='%s'/>" % (NS_XSF_DISCO, jid))
        return "wrong KEY item-not-found; claimed, public, KEY hidden, updated, read (%s), disowned, " \
            "registered again, claimed and disowned again" % values["temperature"][1]

    async def check_rg_private(self):
        t = self.home.thing("claimme2")
        spec = t["registry"]
        res = await self.iq(self.registry_jid, "set", "<mine xmlns='%s' public='false'>%s</mine>"
                            % (NS_NF_DISCO, tags_xml(spec)))
        claimed = res.xml.find("{%s}claimed" % NS_NF_DISCO)
        expect(claimed is not None and claimed.get("jid") == self.home.bare(t), "NF claim result %s" % res)
        found, _m = await self.search("<strEq name='SN' value='CLM-0002'/>", ns=NS_NF_DISCO)
        expect(not found, "a private thing was found")
        devices = set()
        for service, ns in ((self.provisioning_jid, NS_OWNER), (self.registry_jid, NS_OWNER)):
            res = await self.iq(service, "get", "<getDevices xmlns='%s' offset='0' maxCount='50'/>" % ns)
            found = res.xml.find("{%s}found" % NS_NF_DISCO)
            expect(found is not None, "getDevices of %s: no <found/>" % service)
            devices = {th.get("jid") for th in found.findall("{%s}thing" % NS_NF_DISCO)}
            want = {self.home.bare(x) for x in ("claimme2", "guarded", "vault", "offline")}
            expect(want <= devices, "getDevices of %s lacks %s" % (service, sorted(want - devices)))
        res = await self.iq(self.provisioning_jid, "get", "<getDevices xmlns='%s' offset='1' maxCount='1'/>" % NS_OWNER)
        found = res.xml.find("{%s}found" % NS_NF_DISCO)
        expect(len(found) == 1 and found.get("more") == "true", "getDevices paging: %d, more=%s"
               % (len(found), found.get("more")))
        # NF drops KEY on the claim: the same tags no longer match.
        cond = await self.iq_error(self.registry_jid, "set", "<mine xmlns='%s'>%s</mine>" % (NS_NF_DISCO, tags_xml(spec)))
        expect(cond == "item-not-found", "NF claim again gave %s" % cond)
        # Rules of claimme2: a "yes" for stranger, deleted, then a question again ("no").
        for answer, said in (("true", "ok energy=1234.5"), ("false", "refused forbidden")):
            since = len(self.inbox.items)
            reading = asyncio.ensure_future(self.read_as("stranger", "claimme2", since=since))
            q = await self.question("canRead", "claimme2", "stranger", since)
            await self.iq(self.provisioning_jid, "set", "<canReadRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' "
                          "result='%s'><fromJid/></canReadRule>" % (NS_OWNER, q.get("jid"), q.get("remoteJid"),
                                                                    q.get("key"), answer))
            reply = await reading
            expect(reply == "stranger: read claimme2: " + said, "stranger: %r" % reply)
            if answer == "true":
                await self.iq(self.provisioning_jid, "set", "<deleteRules xmlns='%s' jid='%s'/>"
                              % (NS_OWNER, self.home.bare(t)))
        # Removed from the registry: the thing is told, getDevices no longer lists it.
        await self.iq(self.registry_jid, "set", "<remove xmlns='%s' jid='%s'/>" % (NS_NF_DISCO, self.home.bare(t)))
        res = await self.iq(self.provisioning_jid, "get", "<getDevices xmlns='%s'/>" % NS_OWNER)
        jids = {th.get("jid") for th in res.xml.iter("{%s}thing" % NS_NF_DISCO)}
        expect(self.home.bare(t) not in jids, "removed claimme2 still listed")
        return "private NF claim not searchable; getDevices lists %d things, pages; rules deleted; removed" % len(devices)

    async def check_rg_disown(self):
        cond = await self.iq_error(self.registry_jid, "set", "<disown xmlns='%s' jid='%s'/>"
                                   % (NS_XSF_DISCO, self.home.bare("offline")))
        expect(cond == "not-allowed", "disown of the offline thing gave %s" % cond)
        pub = self.home.component("registry")["public"]
        cond = await self.iq_error(self.registry_jid, "set", "<disown xmlns='%s' jid='%s'/>"
                                   % (NS_XSF_DISCO, self.home.bare(pub["jid_format"] % 0)))
        expect(cond == "item-not-found", "disown of someone else's thing gave %s" % cond)
        cond = await self.iq_error(self.registry_jid, "set", "<remove xmlns='%s' jid='%s'/>"
                                   % (NS_XSF_DISCO, self.home.bare(pub["jid_format"] % 0)))
        expect(cond == "item-not-found", "remove of someone else's thing gave %s" % cond)
        return "offline thing not-allowed, someone else's item-not-found (disown, remove)"

    async def check_rg_question(self):
        since = len(self.inbox.items)
        reading = asyncio.ensure_future(self.read_as("stranger", "guarded", since=since))
        q = await self.question("canRead", "guarded", "stranger", since)
        key = q.get("key")
        await self.iq(self.provisioning_jid, "set",
                      "<canReadRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='true'><fromDomain/></canReadRule>"
                      % (NS_OWNER, q.get("jid"), q.get("remoteJid"), key))
        reply = await reading
        fields = " ".join("%s=%s" % (f["name"], f["value"]) for f in sorted(self.home.thing("guarded")["fields"],
                                                                               key=lambda f: f["name"])
                          if "momentary" in f.get("flags", []))    # the stranger asks for momentary values
        expect(reply == "stranger: read guarded: ok " + fields, "stranger: %r" % reply)
        await self.answered(key, since)
        cond = await self.iq_error(self.provisioning_jid, "set",
                                   "<canReadRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='false'><all/></canReadRule>"
                                   % (NS_OWNER, q.get("jid"), q.get("remoteJid"), key))
        expect(cond == "item-not-found", "a second answer gave %s" % cond)
        since2 = len(self.inbox.items)
        reply = await self.read_as("stranger2", "guarded")
        expect(reply == "stranger2: read guarded: ok " + fields, "stranger2: %r" % reply)
        asked = [e for s, m in self.inbox.items[since2:] for e in m.findall("{%s}canRead" % NS_OWNER)
                 if e.get("remoteJid") == self.home.bare("stranger2") and e.get("jid") == self.home.bare("guarded")]
        expect(not asked, "stranger2's read asked alice again")
        t = self.home.thing("guarded")
        # (Other checks' answers clear guarded's cache too, so it may be empty already.)
        reply = await self.read_as("stranger2", "guarded")
        await self.iq(self.provisioning_jid, "set", "<clearCache xmlns='%s' jid='%s'/>" % (NS_OWNER, self.home.bare(t)))
        deadline = time.monotonic() + TIMEOUT
        reply = await self.say("guarded", "cache", t["reply_prefix"])
        while reply != t["reply_prefix"] + "cache 0":
            expect(time.monotonic() < deadline, "guarded's cache after clearCache: %r" % reply)
            await asyncio.sleep(0.05)
            reply = await self.say("guarded", "cache", t["reply_prefix"])
        return "question (key %s) answered fromDomain: stranger and stranger2 read, 'answered' sent; " \
            "clearCache emptied the thing's cache" % key

    async def check_rg_refuse(self):
        since = len(self.inbox.items)
        reading = asyncio.ensure_future(self.read_as("stranger", "vault", since=since))
        q = await self.question("canRead", "vault", "stranger", since)
        await self.iq(self.provisioning_jid, "set",
                      "<canReadRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='false'><fromJid/></canReadRule>"
                      % (NS_OWNER, q.get("jid"), q.get("remoteJid"), q.get("key")))
        reply = await reading
        expect(reply == "stranger: read vault: refused forbidden", "stranger: %r" % reply)
        since = len(self.inbox.items)
        reading = asyncio.ensure_future(self.read_as("stranger2", "vault", since=since))
        q = await self.question("canRead", "vault", "stranger2", since)
        await self.iq(self.provisioning_jid, "set",
                      "<canReadRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='true'><partial><f n='temperature'/>"
                      "</partial><fromJid/></canReadRule>" % (NS_OWNER, q.get("jid"), q.get("remoteJid"), q.get("key")))
        reply = await reading
        expect(reply == "stranger2: read vault: ok temperature=12.5", "stranger2: %r" % reply)
        reply = await self.read_as("stranger", "vault")
        expect(reply == "stranger: read vault: refused forbidden", "stranger again: %r" % reply)
        return "'no' refused (forbidden), a partial 'yes' sent temperature only"

    async def check_rg_control(self):
        since = len(self.inbox.items)
        setting = asyncio.ensure_future(self.say("stranger", "set guarded setpoint 25.5", "stranger: set guarded:",
                                                 timeout=30, since=since))
        q = await self.question("canControl", "guarded", "stranger", since)
        params = [p.get("n") for p in q.findall("{%s}partial/{%s}p" % (NS_OWNER, NS_OWNER))]
        expect(params == ["setpoint"], "question lists parameters %s" % params)
        await self.iq(self.provisioning_jid, "set",
                      "<canControlRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='true'><partial><p n='setpoint'/>"
                      "</partial><fromJid/></canControlRule>" % (NS_OWNER, q.get("jid"), q.get("remoteJid"), q.get("key")))
        reply = await setting
        expect(reply == "stranger: set guarded: ok setpoint", "stranger: %r" % reply)
        since = len(self.inbox.items)
        reply = await self.say("stranger", "set guarded mode Off", "stranger: set guarded:", timeout=30)
        expect(reply == "stranger: set guarded: refused forbidden", "stranger, mode: %r" % reply)
        asked = [e for _s, m in self.inbox.items[since:] for e in m.findall("{%s}canControl" % NS_OWNER)]
        expect(not asked, "the limited rule did not decide the second set")
        # A user token: the question shows it, a rule for it lets its bearer set, no one else.
        token = self.home.thing("stranger2")["tokens"]["user"]
        since = len(self.inbox.items)
        setting = asyncio.ensure_future(self.say("stranger2", "set vault alarm true", "stranger2: set vault:",
                                                 timeout=30, since=since))
        q = await self.question("canControl", "vault", "stranger2", since)
        expect(q.get("ut") == token, "question carries ut=%r" % q.get("ut"))
        expect((q.get("dt") or "").startswith("T"), "question carries the device token got: dt=%r" % q.get("dt"))
        await self.iq(self.provisioning_jid, "set",
                      "<canControlRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='true'><fromUser token='%s'/>"
                      "</canControlRule>" % (NS_OWNER, q.get("jid"), q.get("remoteJid"), q.get("key"), token))
        reply = await setting
        expect(reply == "stranger2: set vault: ok alarm", "stranger2: %r" % reply)
        since = len(self.inbox.items)
        setting = asyncio.ensure_future(self.say("stranger", "set vault alarm true", "stranger: set vault:",
                                                 timeout=30, since=since))
        q = await self.question("canControl", "vault", "stranger", since)
        expect(q.get("ut") is None, "stranger's question carries a token")
        await self.iq(self.provisioning_jid, "set",
                      "<canControlRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='false'><all/></canControlRule>"
                      % (NS_OWNER, q.get("jid"), q.get("remoteJid"), q.get("key")))
        reply = await setting
        expect(reply == "stranger: set vault: refused forbidden", "stranger: %r" % reply)
        return "setpoint only for stranger (mode refused without a question); a user token lets stranger2 " \
            "set the vault, 'no' for everyone refuses stranger"

    async def check_rg_friend(self):
        since = len(self.inbox.items)
        asking = asyncio.ensure_future(self.say("stranger2", "befriend vault", "stranger2: befriend vault:",
                                                timeout=30, since=since))
        q = await self.question("isFriend", "vault", "stranger2", since)
        await self.iq(self.provisioning_jid, "set", "<isFriendRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' "
                      "result='true' range='Domain'/>" % (NS_OWNER, q.get("jid"), q.get("remoteJid"), q.get("key")))
        reply = await asking
        expect(reply == "stranger2: befriend vault: subscribed", "stranger2: %r" % reply)
        reply = await self.say("stranger", "befriend vault", "stranger: befriend vault:", timeout=30)
        expect(reply == "stranger: befriend vault: subscribed", "stranger: %r" % reply)
        return "isFriend question answered for the domain: both strangers' subscriptions accepted"

    async def ask_service(self, body, prefix):
        """A chat message to the provisioning service; its first reply starting with prefix."""
        since = len(self.inbox.items)
        self.send_message(mto=self.provisioning_jid, mbody=body, mtype="chat")
        got = await self.inbox.wait(
            lambda s, m: [b.text for b in m.findall("{jabber:client}body")
                          if s.split("/")[0] == self.provisioning_jid and b.text and b.text.startswith(prefix)],
            bool, since=since, timeout=10)
        return got[0]

    async def check_rg_tokens(self):
        from cryptography.hazmat.primitives.serialization import Encoding
        from things_provisioning_tokens import NS_NF_TOKEN, NS_XSF_PROV, TokenClient, b64
        for ns in (NS_NF_TOKEN, NS_XSF_PROV):
            client = TokenClient(self, "check")
            token = await client.fetch(self.provisioning_jid, ns)
            expect(token and not any(c.isspace() for c in token), "getToken in %s gave %r" % (ns, token))
        cond = await self.iq_error(self.provisioning_jid, "get", "<getTokenChallengeResponse xmlns='%s' seqnr='999'>"
                                   "AAAA</getTokenChallengeResponse>" % NS_NF_TOKEN)
        expect(cond == "item-not-found", "unknown seqnr: %r" % cond)
        res = await self.iq(self.provisioning_jid, "get", "<getToken xmlns='%s'>%s</getToken>"
                            % (NS_NF_TOKEN, b64(client.cert.public_bytes(Encoding.DER))))
        seqnr = res.xml.find("{%s}getTokenChallenge" % NS_NF_TOKEN).get("seqnr")
        cond = await self.iq_error(self.provisioning_jid, "get", "<getTokenChallengeResponse xmlns='%s' seqnr='%s'>"
                                   "AAAA</getTokenChallengeResponse>" % (NS_NF_TOKEN, seqnr))
        expect(cond == "bad-request", "wrong answer: %r" % cond)
        cond = await self.iq_error(self.provisioning_jid, "get", "<getToken xmlns='%s'>bm90IGEgY2VydA==</getToken>"
                                   % NS_NF_TOKEN)
        expect(cond == "bad-request", "no certificate: %r" % cond)
        # This checker answers no challenge: the service says what it got.
        for kind in ("nf", "xsf"):
            reply = await self.ask_service("challenge NEVER-SENT %s" % kind, "provisioning: challenge NEVER-SENT:")
            expect(reply.startswith("provisioning: challenge NEVER-SENT: error ") and "echoed" not in reply,
                   "challenge (%s): %r" % (kind, reply))
        return "getToken (NF and XSF namespaces) gave tokens; wrong answer bad-request, unknown seqnr " \
            "item-not-found; challenges in both namespaces told in chat"


async def main():
    from check_home import Checker, run_checker    # here: check_home imports this module

    class RegistryOnly(Checker):
        async def on_start(self, _event):
            self.send_presence()
            await self.get_roster()
            t0 = time.monotonic()
            await asyncio.gather(*(self.run_check(n, c) for n, c in self.registry_checks()))
            print("# checks took %.2f s" % (time.monotonic() - t0), flush=True)
            if not self.done.done():
                self.done.set_result(None)

    return await run_checker(RegistryOnly, "check_registry.py", 60)


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sys.exit(loop.run_until_complete(main()))
