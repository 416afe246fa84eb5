"""Things of the registry and the provisioning service, and the strangers who read them.

registry-thing (home.json things with a "registry" entry; e.g. claimme1, claimme2, guarded, vault)
    A sensor that answers XEP-0323 reads in its generation ("generation": "xsf" ->
    urn:xmpp:iot:sensordata: <accepted/>, then one <fields done='true'/> message; "nf" ->
    urn:nf:iot:sd:1.0: <accepted/>, then one <resp/> with <ts/>). Without an "owner" it
    registers its tags with the registry when it comes online (in the registry's namespace
    of its generation: urn:xmpp:iot:discovery or urn:nf:iot:disco:1.0) and is unclaimed;
    "owner" makes it claimed from the start (the registry is seeded with it).
    Registry iq sets: <claimed jid/> (owner known, empty result), <disowned/> (unclaimed,
    empty result, then registers again), <removed/> (empty result).
    Reads: unclaimed -> anyone may read; claimed -> the owner reads, anyone else is checked
    with the provisioning service (canRead in urn:xmpp:iot:provisioning or
    urn:nf:iot:prov:d:1.0), the answer is cached per reader and request until the service
    sends iq set <clearCache/>. A refusal is an iq error cancel/forbidden; a partial
    answer restricts the fields sent.
    Chat: "cache" -> "<name>: cache N" (cached decisions); "owner" -> "<name>: owner <jid>|none".
    Control ("control" parameters in home.json; XSF urn:xmpp:iot:control <set/> ->
    <setResponse responseCode='OK'><parameter name/>*</setResponse>, NF urn:nf:iot:ctr:1.0
    <set/> -> <resp><p n/>*</resp>, listing what was set): the owner sets; others are
    checked with canControl, refused with forbidden, or limited to the parameters allowed.
    A set value shows in later reads of the field of that name.
    Presence subscriptions: unclaimed -> everyone is accepted; claimed -> the owner is, anyone
    else as the service's isFriend says (subscribed / unsubscribed); whoever is accepted gets
    a subscription request back (both directions, as Waher's things do).
stranger (stranger, stranger2)
    Not the owner's contacts. Chat commands (from anyone), answered with reply_prefix:
      "read <localpart>"   reads that thing in its generation, momentary values ->
          "stranger: read <localpart>: ok n=v n=v ..." (fields sorted by name),
          "... refused <condition>" or "... no answer"
      "set <localpart> <parameter> <value>"   a control set of one parameter (typed as in
          the thing's home.json "control") -> "stranger: set <localpart>: ok <parameters set>",
          "... refused <condition>" or "... no answer"
      "challenge <token>"   a tokenChallenge (urn:nf:iot:prov:t:1.0) to whoever asked ->
          "stranger: challenge <token>: error forbidden|answered|wrong|no answer" (+ " echoed")
      "befriend <localpart>"   a presence subscription -> "stranger: befriend <localpart>:
          subscribed|unsubscribed|no answer"
    Each waits as long as the provisioning service may wait for the owner (read_timeout_s).
    Requests carry the stranger's home.json "tokens" (stranger2: a user token; XSF
    serviceToken/deviceToken/userToken, NF st/dt/ut) and, with "get_token": "<kind>", a token
    of that kind the provisioning service gave for a certificate of the stranger's own
    (getToken, fetched before the first request: things_provisioning_tokens.TokenClient); the
    things pass them on to the service, so the owner's question shows them and a rule
    "fromUser token" / "fromDevice token" can decide.
"""
import asyncio
import xml.etree.ElementTree as ET

from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from things_base import NS_CLIENT, SimClient, a, nf_field, wanted, xsf_field
from things_provisioning import NS_XSF_PROV, XSF_CATEGORIES
from things_provisioning_tokens import NS_NF_TOKEN, TokenClient, challenge
from things_registry import NS_XSF_DISCO, thing_tags

NS_XSF_SD = "urn:xmpp:iot:sensordata"
NS_NF_SD = "urn:nf:iot:sd:1.0"
NS_NF_DISCO = "urn:nf:iot:disco:1.0"
NS_NF_PROV_D = "urn:nf:iot:prov:d:1.0"
NS_XSF_CTR = "urn:xmpp:iot:control"
NS_NF_CTR = "urn:nf:iot:ctr:1.0"
GENERATIONS = {"xsf": (NS_XSF_SD, NS_XSF_DISCO, NS_XSF_PROV), "nf": (NS_NF_SD, NS_NF_DISCO, NS_NF_PROV_D)}
CONTROL_NS = {"xsf": NS_XSF_CTR, "nf": NS_NF_CTR}
# home.json control parameter type -> element (XSF XEP-0325, NF Control.xsd)
CONTROL_ELEMENT = {"xsf": {"boolean": "boolean", "double": "double", "int": "int", "string": "string"},
                   "nf": {"boolean": "b", "double": "db", "int": "i", "string": "s"}}


class RegistryThing(SimClient):
    def setup(self):
        self.sd_ns, self.disco_ns, self.prov_ns = GENERATIONS[self.entry["generation"]]
        self.owner = self.home.bare(self.entry["owner"]) if self.entry.get("owner") else None
        self.cache = {}
        self.ctr_ns = CONTROL_NS[self.entry["generation"]]
        self.values = {}                  # control parameter -> value set, shown by later reads
        self.params = {p["name"]: p for p in self.entry.get("control", [])}
        self.auto_authorize = None        # subscriptions answered by on_subscribe (False would refuse all)
        self.handle("req", "{%s}iq/{%s}req" % (NS_CLIENT, self.sd_ns), self.on_req)
        for name in ("claimed", "disowned", "removed"):
            self.handle("disco " + name, "{%s}iq/{%s}%s" % (NS_CLIENT, self.disco_ns, name),
                        getattr(self, "on_" + name))
        self.handle("clearCache", "{%s}iq/{%s}clearCache" % (NS_CLIENT, self.prov_ns), self.on_clear_cache)
        if self.params:
            self.handle("control set", "{%s}iq/{%s}set" % (NS_CLIENT, self.ctr_ns), self.on_set)
        self.add_event_handler("presence_subscribe", self.on_subscribe)
        self.add_event_handler("message", self.on_message)

    @property
    def registry_jid(self):
        return self.home.component_jid("registry")

    @property
    def provisioning_jid(self):
        return self.home.component_jid("provisioning")

    async def online(self):
        reg = self.peers.get("@registry")
        if self.owner is None and reg is not None:
            await asyncio.wait_for(asyncio.shield(reg.ready), 10)
            await self.register()

    async def register(self):
        tags = "".join("<%s name=%s value=%s/>" % (k, a(n), a(v)) for k, n, v in thing_tags(self.entry["registry"]))
        iq = self.make_iq_set(ito=self.registry_jid)
        iq.append(ET.fromstring("<register xmlns='%s'>%s</register>" % (self.disco_ns, tags)))
        res = await iq.send(timeout=5)
        claimed = res.xml.find("{%s}claimed" % self.disco_ns)
        if claimed is not None:
            self.owner = claimed.get("jid")

    def from_registry(self, iq):
        return iq["type"] == "set" and iq["from"].full == self.registry_jid

    def on_claimed(self, iq):
        if self.from_registry(iq):
            self.owner = iq.xml.find("{%s}claimed" % self.disco_ns).get("jid")
            self.cache.clear()
            self.iq_result(iq)

    def on_disowned(self, iq):
        if self.from_registry(iq):
            self.owner = None
            self.cache.clear()
            self.iq_result(iq)
            self.loop.create_task(self.register())

    def on_removed(self, iq):
        if self.from_registry(iq):
            self.iq_result(iq)

    def on_clear_cache(self, iq):
        if iq["type"] == "set" and iq["from"].full == self.provisioning_jid:
            self.cache.clear()
            self.iq_result(iq, "<clearCacheResponse xmlns='%s'/>" % NS_XSF_PROV if self.prov_ns == NS_XSF_PROV else "")

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or not msg["body"]:
            return
        body = msg["body"].strip()
        prefix = self.entry["reply_prefix"]
        if body == "cache":
            msg.reply("%scache %d" % (prefix, len(self.cache))).send()
        elif body == "owner":
            msg.reply("%sowner %s" % (prefix, self.owner or "none")).send()

    # -- reads -----------------------------------------------------------------------------------
    def parse_req(self, req):
        xsf = self.sd_ns == NS_XSF_SD
        if xsf:
            names = tuple(sorted(f.get("name") for f in req.findall("{%s}field" % self.sd_ns)))
            cats = frozenset(s for k, s in XSF_CATEGORIES.items() if req.get(k, "").lower() == "true")
        else:
            names = tuple(sorted(f.get("n") for f in req.findall("{%s}f" % self.sd_ns)))
            cats = frozenset(c for c in ("m", "p", "s", "c", "i", "h") if req.get(c, "").lower() == "true")
        if req.get("all", "").lower() == "true":
            cats = frozenset()
        return names, cats

    async def ask_provisioning(self, payload):
        """The first child of the service's result, or None (error, timeout)."""
        iq = self.make_iq_get(ito=self.provisioning_jid)
        iq.append(ET.fromstring(payload))
        try:
            res = await iq.send(timeout=self.home.component("provisioning")["answer_wait_s"] + 5)
        except (IqError, IqTimeout):
            return None
        return res.xml[0] if len(res.xml) else None

    # -- friendship ------------------------------------------------------------------------------
    def on_subscribe(self, pres):
        self.loop.create_task(self.befriend(pres["from"].bare))

    async def befriend(self, remote):
        """Unclaimed: everyone; the owner; anyone else as the service says (isFriend)."""
        ok = self.owner is None or remote == self.owner
        if not ok:
            resp = await self.ask_provisioning("<isFriend xmlns='%s' jid=%s/>" % (self.prov_ns, a(remote)))
            ok = resp is not None and resp.get("result", "").lower() in ("true", "1")
        if self.transport is None:
            return
        self.send_presence(pto=remote, ptype="subscribed" if ok else "unsubscribed")
        # As Waher's things do: subscribe back, so that the friendship goes both ways.
        if ok and self.client_roster[remote]["subscription"] in ("none", "from"):
            self.send_presence(pto=remote, ptype="subscribe")

    # -- control ---------------------------------------------------------------------------------
    def on_set(self, iq):
        if iq["type"] == "set":
            self.loop.create_task(self.control(iq))

    async def control(self, iq):
        el = iq.xml.find("{%s}set" % self.ctr_ns)
        xsf = self.ctr_ns == NS_XSF_CTR
        wanted_params = [(c.get("name" if xsf else "n"), c.get("value" if xsf else "v")) for c in el]
        unknown = [n for n, _v in wanted_params if n not in self.params]
        if unknown or not wanted_params:
            return self.iq_error(iq, "cancel", "item-not-found", "Unknown parameter: %s" % (unknown or [""])[0])
        remote = iq["from"].bare
        allowed = [n for n, _v in wanted_params]
        if self.owner is not None and remote != self.owner:
            body = "".join(("<parameter name=%s/>" if self.prov_ns == NS_XSF_PROV else "<p n=%s/>") % a(n)
                           for n in allowed)
            toks = "".join(" %s=%s" % (k, a(v)) for k, v in self.tokens_of(el, xsf))
            resp = await self.ask_provisioning("<canControl xmlns='%s' jid=%s%s>%s</canControl>"
                                               % (self.prov_ns, a(remote), toks, body))
            if resp is None or resp.get("result", "").lower() not in ("true", "1"):
                return self.iq_error(iq, "cancel", "forbidden", "Access denied.")
            listed = [c.get("name" if self.prov_ns == NS_XSF_PROV else "n") for c in resp]
            if listed:
                allowed = [n for n in allowed if n in listed]
        for n, v in wanted_params:
            if n in allowed:
                self.values[n] = v
        if self.transport is None:
            return
        applied = "".join(("<parameter name=%s/>" if xsf else "<p n=%s/>") % a(n) for n in allowed)
        if xsf:
            self.iq_result(iq, "<setResponse xmlns='%s' responseCode='OK'>%s</setResponse>" % (self.ctr_ns, applied))
        else:
            self.iq_result(iq, "<resp xmlns='%s'>%s</resp>" % (self.ctr_ns, applied))

    def tokens_of(self, el, xsf):
        """The request's token attributes, renamed for the provisioning namespace."""
        out = []
        for long_name, short in (("serviceToken", "st"), ("deviceToken", "dt"), ("userToken", "ut")):
            v = el.get(long_name if xsf else short)
            if v:
                out.append((long_name if self.prov_ns == NS_XSF_PROV else short, v))
        return tuple(out)

    async def permitted(self, remote, names, cats, tokens=()):
        """(allowed field names or None for all requested, allowed categories); None: refused."""
        if self.owner is None or remote == self.owner:
            return names, cats
        key = (remote, names, cats, tokens)
        if key not in self.cache:
            xsf = self.prov_ns == NS_XSF_PROV
            if xsf:
                attrs = "".join(" %s='true'" % k for k, s in XSF_CATEGORIES.items() if s in cats) or " all='true'"
                body = "".join("<field name=%s/>" % a(n) for n in names)
            else:
                attrs = "".join(" %s='true'" % c for c in sorted(cats)) or " all='true'"
                body = "".join("<f n=%s/>" % a(n) for n in names)
            attrs += "".join(" %s=%s" % (k, a(v)) for k, v in tokens)
            resp = await self.ask_provisioning("<canRead xmlns='%s' jid=%s%s>%s</canRead>"
                                               % (self.prov_ns, a(remote), attrs, body))
            if resp is None:
                return None         # no decision: refuse, do not cache
            if resp is None or resp.get("result", "").lower() not in ("true", "1"):
                self.cache[key] = None
            else:
                if xsf:
                    allowed = tuple(sorted(f.get("name") for f in resp.findall("{%s}field" % self.prov_ns)))
                    rcats = frozenset(s for k, s in XSF_CATEGORIES.items() if resp.get(k, "").lower() == "true")
                else:
                    allowed = tuple(sorted(f.get("n") for f in resp.findall("{%s}f" % self.prov_ns)))
                    rcats = frozenset(c for c in ("m", "p", "s", "c", "i", "h") if resp.get(c, "").lower() == "true")
                self.cache[key] = (allowed or names, rcats or cats)
        return self.cache[key]

    def on_req(self, iq):
        if iq["type"] in ("get", "set"):
            self.loop.create_task(self.read(iq))

    async def read(self, iq):
        req = iq.xml.find("{%s}req" % self.sd_ns)
        xsf = self.sd_ns == NS_XSF_SD
        rid = req.get("seqnr" if xsf else "id", "")
        names, cats = self.parse_req(req)
        allowed = await self.permitted(iq["from"].bare, names, cats, self.tokens_of(req, xsf))
        if self.transport is None:
            return
        if allowed is None:
            return self.iq_error(iq, "cancel", "forbidden", "Access denied.")
        names, cats = allowed
        cats = set(cats) or {"m", "p", "s", "c", "i", "h"}
        fields = [dict(f, value=self.values[f["name"]]) if f["name"] in self.values else f
                  for f in self.entry["fields"] if wanted(f, cats, set(names))]
        now = self.now()
        to = iq["from"].full
        if xsf:
            self.iq_result(iq, "<accepted xmlns='%s' seqnr=%s/>" % (self.sd_ns, a(rid)))
            self.send_message_xml(to, "<fields xmlns='%s' seqnr=%s done='true'><node nodeId=%s><timestamp value=%s>"
                                  "%s</timestamp></node></fields>"
                                  % (self.sd_ns, a(rid), a(self.entry["localpart"]), a(self.stamp(now)),
                                     "".join(xsf_field(f, now) for f in fields)))
        else:
            self.iq_result(iq, "<accepted xmlns='%s' id=%s/>" % (self.sd_ns, a(rid)))
            self.send_message_xml(to, "<resp xmlns='%s' id=%s><ts v=%s>%s</ts></resp>"
                                  % (self.sd_ns, a(rid), a(self.stamp(now)), "".join(nf_field(f, now) for f in fields)))


class StrangerThing(SimClient):
    """stranger / stranger2: read a thing on command, say what happened."""

    def setup(self):
        self.seq = 0
        self.token_client = TokenClient(self, self.boundjid.bare) if self.entry.get("get_token") else None
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("message", self.on_challenge_chat)

    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or not msg["body"] or msg["from"].bare == self.boundjid.bare:
            return
        words = msg["body"].split()
        if len(words) < 2 or words[1] not in self.home.by_localpart:
            return
        if len(words) == 2 and words[0] == "read":
            self.loop.create_task(self.read(msg, words[1]))
        elif len(words) == 4 and words[0] == "set":
            self.loop.create_task(self.control(msg, words[1], words[2], words[3]))
        elif len(words) == 2 and words[0] == "befriend":
            self.loop.create_task(self.befriend(msg, words[1]))

    def on_challenge_chat(self, msg):
        """Chat "challenge <token>": a tokenChallenge to whoever asked, as a person (not the
        service) might send one; answered "<prefix>challenge <token>: <outcome>"."""
        words = (msg["body"] or "").split() if msg["type"] in ("chat", "normal") else []
        if len(words) == 2 and words[0] == "challenge" and msg["from"].bare != self.boundjid.bare:
            async def run():
                outcome = await challenge(self, msg["from"].full, words[1], NS_NF_TOKEN)
                self.say(msg, "challenge %s: %s" % (words[1], outcome))
            self.loop.create_task(run())

    async def token_attrs(self, xsf):
        """home.json "tokens" ({service|device|user: token}) and the token got from the
        provisioning service, as request attributes."""
        names = {"service": ("serviceToken", "st"), "device": ("deviceToken", "dt"), "user": ("userToken", "ut")}
        tokens = dict(self.entry.get("tokens", {}))
        if self.token_client is not None:
            got = await self.token_client.fetch(self.home.component_jid("provisioning"))
            if got:
                tokens[self.entry["get_token"]] = got
        return "".join(" %s=%s" % (names[k][0 if xsf else 1], a(v)) for k, v in sorted(tokens.items()))

    def say(self, msg, text):
        if self.transport is not None:
            msg.reply(self.entry["reply_prefix"] + text).send()

    async def control(self, msg, lp, name, value):
        t = self.home.thing(lp)
        gen = t.get("generation") if t.get("generation") in CONTROL_NS else "xsf"
        ns = CONTROL_NS[gen]
        ptype = next((p["type"] for p in t.get("control", []) if p["name"] == name), "string")
        elem = CONTROL_ELEMENT[gen].get(ptype, CONTROL_ELEMENT[gen]["string"])
        attrs = ("name", "value") if gen == "xsf" else ("n", "v")
        iq = self.make_iq_set(ito=self.home.full(t))
        iq.append(ET.fromstring("<set xmlns='%s'%s><%s %s=%s %s=%s/></set>"
                                % (ns, await self.token_attrs(gen == "xsf"), elem, attrs[0], a(name), attrs[1], a(value))))
        try:
            res = await iq.send(timeout=self.entry["read_timeout_s"])
            applied = sorted(c.get(attrs[0]) for r in res.xml for c in r)
            said = "ok " + " ".join(applied)
        except IqError as e:
            said = "refused %s" % e.iq["error"]["condition"]
        except IqTimeout:
            said = "no answer"
        self.say(msg, "set %s: %s" % (lp, said.strip()))

    async def befriend(self, msg, lp):
        """A presence subscription to the thing; what it answered."""
        jid = self.home.bare(lp)
        got = self.loop.create_future()

        def answer(pres):
            if pres["from"].bare == jid and not got.done():
                got.set_result(pres["type"])
        self.add_event_handler("presence_subscribed", answer)
        self.add_event_handler("presence_unsubscribed", answer)
        self.send_presence(pto=jid, ptype="subscribe")
        try:
            said = await asyncio.wait_for(got, self.entry["read_timeout_s"])
        except asyncio.TimeoutError:
            said = "no answer"
        finally:
            self.del_event_handler("presence_subscribed", answer)
            self.del_event_handler("presence_unsubscribed", answer)
        self.say(msg, "befriend %s: %s" % (lp, said))

    async def read(self, msg, lp):
        t = self.home.thing(lp)
        sd_ns = GENERATIONS.get(t.get("generation"), GENERATIONS["xsf"])[0]
        self.seq += 1
        rid = "s%d" % self.seq
        xsf = sd_ns == NS_XSF_SD
        got = self.loop.create_future()

        def on_data(m):
            el = m.xml.find("{%s}%s" % (sd_ns, "fields" if xsf else "resp"))
            if el is not None and el.get("seqnr" if xsf else "id") == rid and m["from"].full == self.home.full(t) \
                    and not got.done():
                got.set_result(el)
        handler = "stranger read %s" % rid
        self.register_handler(Callback(handler, MatchXPath("{%s}message" % NS_CLIENT), on_data))
        iq = self.make_iq_get(ito=self.home.full(t))
        iq.append(ET.fromstring("<req xmlns='%s' %s=%s %s='true'%s/>" % (sd_ns, "seqnr" if xsf else "id", a(rid),
                                                                       "momentary" if xsf else "m", await self.token_attrs(xsf))))
        timeout = self.entry["read_timeout_s"]
        try:
            await iq.send(timeout=timeout)
            el = await asyncio.wait_for(got, timeout)
            if xsf:
                pairs = sorted((f.get("name"), f.get("value")) for f in el.iter() if f.get("name"))
            else:
                pairs = sorted((f.get("n"), f.get("v")) for f in el.iter() if f.get("n"))
            said = "ok " + " ".join("%s=%s" % p for p in pairs)
        except IqError as e:
            said = "refused %s" % e.iq["error"]["condition"]
        except (IqTimeout, asyncio.TimeoutError):
            said = "no answer"
        finally:
            self.remove_handler(handler)
        self.say(msg, "read %s: %s" % (lp, said.strip()))

