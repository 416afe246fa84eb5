"""The thing registry of the simulated home: an XEP-0114 component (registry.<domain>,
home.json "registry"), written from XEP-0347 v0.5.1 and NF Discovery.md / Discovery.xsd.

Namespaces: urn:xmpp:iot:discovery (XSF; node attributes nodeId/sourceId/cacheType) and
urn:nf:iot:disco:1.0, urn:ieee:iot:disco:1.0, urn:nfi:iot:disco:1.0 (node attributes
id/src/pt). Every answer is in the namespace of its request.

Requests (iq set unless said otherwise):
  <register [selfOwned]>tags</register>    from a thing: empty result; when already
        claimed <claimed jid='owner'/> and nothing changes
  <mine [public='false']>tags</mine>       claim: the thing gets iq set <claimed jid='owner'
        [public='false']/> first (its answer awaited, 3 s at most), then the owner the result
        <claimed jid='thing' [node]/>; item-not-found when no
        unclaimed thing has exactly these tags (or it is someone else's). The XSF owner
        may claim again with the same tags (public= then changes); NF drops KEY on a claim
  <remove jid [node]/>                     owner only; the thing gets <removed/>
  <disown jid [node]/>                     owner only (else item-not-found); the registry
        sends the thing iq set <disowned/> and waits (3 s) for its result: no answer or
        an error (the thing is offline) -> not-allowed; else the record loses its tags,
        gets a random KEY and is unclaimed again
  <update [jid]>tags</update>              from the thing (no jid): item-not-found when not
        registered, <disowned/> when unclaimed; from the owner (jid): item-not-found unless
        its owner. An empty string value deletes a tag
  <unregister [node]/>                     from the thing: always an empty result
  iq get <search offset maxCount>operators</search>   -> <found more='true|false'><thing
        owner jid [node]>tags</thing>*</found>; only claimed public things; maxCount is
        lowered to home.json registry.max_count (100); any operator on KEY finds nothing;
        KEY is never returned. Operators: str/num Eq NEq Gt GtEq Lt LtEq Range NRange,
        strMask (wildcard), NF strRegEx
  iq get <getDevices offset maxCount xmlns='urn:nf:iot:prov:o:1.0'/>   the caller's own
        things as a <found/> in the NF disco namespace (NF places this operation on the
        provisioning service, which answers it too; Neuron-like servers are both)
Neither generation has an operation to make a thing public or private after the claim.

Seeded at start (home.json registry.public): N public things claimed by
registry.public.owner (jids pubNNN@<domain>, no accounts behind them), the things of
home.json with a "registry" entry and an "owner" (claimed by that owner, private), and the
"offline" account claimed by the owner (disowning it gives not-allowed). The unclaimed
things of home.json register themselves over the wire when they come online.
"""
import asyncio
import logging
import xml.etree.ElementTree as ET

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher.base import MatcherBase

from things_base import NS_STANZAS, a, x
from things_registry_store import BadRequest, Registry, Tag, parse_tags

log = logging.getLogger("home")

NS_COMPONENT = "jabber:component:accept"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
NS_XSF_DISCO = "urn:xmpp:iot:discovery"
DISCO_NAMESPACES = (NS_XSF_DISCO, "urn:nf:iot:disco:1.0", "urn:ieee:iot:disco:1.0", "urn:nfi:iot:disco:1.0")
OWNER_NAMESPACES = ("urn:nf:iot:prov:o:1.0", "urn:ieee:iot:prov:o:1.0", "urn:nfi:iot:prov:o:1.0")
NO_NODE = ("", "", "")
DISOWN_TIMEOUT = 3.0


def disco_ns_for(owner_ns):
    """urn:nf:iot:prov:o:1.0 -> urn:nf:iot:disco:1.0 (same family)."""
    return owner_ns.replace(":prov:o:", ":disco:")


def local(tag):
    return tag.split("}", 1)[-1]


def ns_of(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def node_of(el, ns):
    if ns == NS_XSF_DISCO:
        return (el.get("nodeId", ""), el.get("sourceId", ""), el.get("cacheType", ""))
    return (el.get("id", ""), el.get("src", ""), el.get("pt", ""))


def node_attrs(node, ns):
    names = ("nodeId", "sourceId", "cacheType") if ns == NS_XSF_DISCO else ("id", "src", "pt")
    return "".join(" %s=%s" % (n, a(v)) for n, v in zip(names, node) if v)


def tags_xml(tags, hide_key=True):
    return "".join("<%s name=%s value=%s/>" % (t.kind, a(t.name), a(t.value))
                   for k, t in tags.items() if not (hide_key and k == "KEY"))


def bare(jid):
    return jid.split("/", 1)[0]


class MatchIqPayloadNS(MatcherBase):
    """An iq whose first payload is in one of the namespaces (criteria: tuple)."""

    def match(self, stanza):
        xml = stanza.xml
        return local(xml.tag) == "iq" and len(xml) > 0 and ns_of(xml[0].tag) in self._criteria


class ComponentBase(slixmpp.ComponentXMPP):
    """One XEP-0114 component of the home, run beside the clients by home.py: start(),
    ready, shutdown() as SimClient has them."""

    NAMESPACES = ()

    def __init__(self, home, spec, opts, peers):
        super().__init__(spec["jid"], opts.component_secret, opts.host, spec.get("port", opts.component_port))
        self.home = home
        self.spec = spec
        self.opts = opts
        self.peers = peers
        self.ready = self.loop.create_future()
        self.closing = False
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0199")
        self.register_handler(Callback("%s iq" % spec["jid"], MatchIqPayloadNS(self.NAMESPACES), self._dispatch))
        self.add_event_handler("session_start", self._on_start)
        self.add_event_handler("disconnected", self._on_disconnected)
        if opts.wire:
            self.add_filter("in", lambda s: (log.debug("%s RECV: %s", self.boundjid.full, s), s)[1])
            self.add_filter("out", lambda s: (log.debug("%s SEND: %s", self.boundjid.full, s), s)[1])
        self.setup()

    def setup(self):
        """Register further handlers (subclasses)."""

    def start(self):
        self.connect()

    async def _on_start(self, _event):
        disco = self.plugin["xep_0030"]
        await disco.add_identity(category=self.spec["identity"]["category"], itype=self.spec["identity"]["type"],
                                 name=self.spec["name"], jid=self.boundjid.full)
        for f in self.spec["features"]:
            await disco.add_feature(f, jid=self.boundjid.full)
        # ejabberd confirms the handshake a moment before it routes to the component:
        # ready only once a ping to ourselves comes back through the server.
        for _ in range(100):
            iq = self.make_iq(id=self.new_id(), ifrom=self.boundjid, ito=self.boundjid, itype="get")
            iq.append(ET.Element("{urn:xmpp:ping}ping"))
            try:
                await iq.send(timeout=1)
                break
            except (IqError, IqTimeout):
                await asyncio.sleep(0.02)
        if not self.ready.done():
            self.ready.set_result(self.boundjid.full)

    def _on_disconnected(self, reason):
        if not self.closing:
            log.warning("%s: disconnected (%s); reconnecting", self.boundjid.full, reason)
            self.loop.call_later(0.5, lambda: None if self.closing or self.transport else self.connect())

    def shutdown(self):
        self.closing = True
        return self.disconnect(wait=0.3)

    # -- helpers -------------------------------------------------------------------------------
    def send_xml(self, text):
        if self.opts.wire:
            log.debug("%s SEND: %s", self.boundjid.full, text)
        self.send_raw(text)

    def result(self, iq, payload=""):
        self.send_xml("<iq type='result' from=%s to=%s id=%s>%s</iq>"
                      % (a(self.boundjid.full), a(iq["from"].full), a(iq["id"]), payload))

    def error(self, iq, etype, condition, text=None):
        body = "<%s xmlns='%s'/>" % (condition, NS_STANZAS)
        if text:
            body += "<text xmlns='%s'>%s</text>" % (NS_STANZAS, x(text))
        self.send_xml("<iq type='error' from=%s to=%s id=%s><error type=%s>%s</error></iq>"
                      % (a(self.boundjid.full), a(iq["from"].full), a(iq["id"]), a(etype), body))

    async def ask(self, to, itype, payload, timeout):
        """An iq to a thing; the result stanza, or None on error or timeout."""
        iq = self.make_iq(id=self.new_id(), ifrom=self.boundjid, ito=to, itype=itype)
        iq.append(ET.fromstring(payload))
        try:
            return await iq.send(timeout=timeout)
        except (IqError, IqTimeout):
            return None

    def _dispatch(self, iq):
        el = iq.xml[0]
        handler = getattr(self, "on_" + local(el.tag), None)
        if handler is None:
            if iq["type"] in ("get", "set"):
                self.error(iq, "cancel", "feature-not-implemented")
            return
        if iq["type"] not in ("get", "set"):
            return
        try:
            res = handler(iq, el, ns_of(el.tag))
            if asyncio.iscoroutine(res):
                task = self.loop.create_task(res)
                task.add_done_callback(lambda t: self._failed(iq, t))
        except BadRequest as e:
            self.error(iq, "modify", "bad-request", str(e))

    def _failed(self, iq, task):
        if task.cancelled():
            return
        e = task.exception()
        if isinstance(e, BadRequest):
            self.error(iq, "modify", "bad-request", str(e))
        elif e is not None:
            log.error("%s: %s: %s", self.boundjid.full, type(e).__name__, e)
            self.error(iq, "wait", "internal-server-error")


def tag_elements(el, ns):
    return [(local(c.tag), c.attrib) for c in el if c.tag in ("{%s}str" % ns, "{%s}num" % ns)]


class RegistryComponent(ComponentBase):
    NAMESPACES = DISCO_NAMESPACES + OWNER_NAMESPACES

    def setup(self):
        self.registry = Registry(self.spec.get("max_count", 100))
        self.seed()

    # -- seeding --------------------------------------------------------------------------------
    def seed(self):
        home, reg = self.home, self.registry
        pub = self.spec["public"]
        owner = home.bare(pub["owner"]) if "@" not in pub["owner"] else pub["owner"]
        for i in range(pub["count"]):
            tags = public_tags(pub, i)
            jid = home.bare(pub["jid_format"] % i)
            reg.register(jid, NO_NODE, {t.name.upper(): t for t in tags}, jid)
            r = reg.get(jid, NO_NODE)
            r.owner, r.public = owner, True
        for t in home.things:
            spec = t.get("registry")
            if not spec or not t.get("owner"):
                continue
            tags = {n.upper(): Tag(k, n, v) for k, n, v in thing_tags(spec)}
            full = home.full(t) if t.get("resource") else home.bare(t)
            reg.register(home.bare(t), NO_NODE, tags, full)
            r = reg.get(home.bare(t), NO_NODE)
            r.owner, r.public = home.bare(t["owner"]), spec.get("public", False)

    # -- thing side -----------------------------------------------------------------------------
    def on_register(self, iq, el, ns):
        if iq["type"] != "set":
            return self.error(iq, "modify", "bad-request")
        tags = parse_tags(tag_elements(el, ns))
        sender = iq["from"]
        claimed = self.registry.register(sender.bare, node_of(el, ns), tags, sender.full,
                                         el.get("selfOwned", "").lower() in ("true", "1"))
        if claimed is not None:
            return self.result(iq, "<claimed xmlns='%s' jid=%s/>" % (ns, a(claimed.owner)))
        self.result(iq)

    def on_unregister(self, iq, el, ns):
        r = self.registry.get(iq["from"].bare, node_of(el, ns))
        if r is not None:
            self.registry.remove(r)
        self.result(iq)

    def on_update(self, iq, el, ns):
        tags = parse_tags(tag_elements(el, ns))
        sender = iq["from"].bare
        if el.get("jid"):
            r = self.registry.get(bare(el.get("jid")), node_of(el, ns))
            if r is None or r.owner != sender:
                return self.error(iq, "cancel", "item-not-found")
        else:
            r = self.registry.get(sender, node_of(el, ns))
            if r is None:
                return self.error(iq, "cancel", "item-not-found")
            if not r.owner:
                return self.result(iq, "<disowned xmlns='%s'/>" % ns)
        self.registry.update(r, tags)
        self.result(iq)

    # -- owner side -----------------------------------------------------------------------------
    async def on_mine(self, iq, el, ns):
        if iq["type"] != "set":
            return self.error(iq, "modify", "bad-request")
        tags = parse_tags(tag_elements(el, ns))
        public = el.get("public", "true").lower() not in ("false", "0")
        owner = iq["from"].bare
        r = self.registry.claim(owner, tags, public, remove_key=ns != NS_XSF_DISCO)
        if r is None:
            return self.error(iq, "cancel", "item-not-found")
        # The thing learns its owner first (its result, an error or 3 s), then the owner
        # its thing: a roster request or a read right after the claim finds it owned.
        pub = "" if public else " public='false'"
        await self.ask(r.full, "set", "<claimed xmlns='%s' jid=%s%s%s/>" % (ns, a(owner), pub, node_attrs(r.node, ns)),
                       DISOWN_TIMEOUT)
        self.result(iq, "<claimed xmlns='%s' jid=%s%s/>" % (ns, a(r.jid), node_attrs(r.node, ns)))

    def owned(self, iq, el, ns):
        r = self.registry.get(bare(el.get("jid", "")), node_of(el, ns))
        return r if r is not None and r.owner == iq["from"].bare and not r.self_owned else None

    def on_remove(self, iq, el, ns):
        r = self.owned(iq, el, ns)
        if r is None or iq["type"] != "set":
            return self.error(iq, "cancel", "item-not-found")
        self.registry.remove(r)
        self.result(iq)
        self.loop.create_task(self.ask(r.full, "set", "<removed xmlns='%s'%s/>" % (ns, node_attrs(r.node, ns)),
                                       DISOWN_TIMEOUT))

    async def on_disown(self, iq, el, ns):
        r = self.owned(iq, el, ns)
        if r is None or iq["type"] != "set":
            return self.error(iq, "cancel", "item-not-found")
        r.disowning = True
        try:
            ack = await self.ask(r.full, "set", "<disowned xmlns='%s'%s/>" % (ns, node_attrs(r.node, ns)),
                                 DISOWN_TIMEOUT)
        finally:
            r.disowning = False
        if ack is None or ack["type"] != "result":
            return self.error(iq, "cancel", "not-allowed")
        if self.registry.get(*r.key) is r and r.owner == iq["from"].bare:
            self.registry.disown(r)
        self.result(iq)

    def on_search(self, iq, el, ns):
        if iq["type"] != "get":
            return self.error(iq, "modify", "bad-request")
        offset, count = paging(el)
        ops = [(local(c.tag), c.attrib) for c in el]
        page, more = self.registry.search(ops, offset, count)
        self.result(iq, found_xml(ns, page, more))

    def on_getDevices(self, iq, el, ns):
        if iq["type"] != "get":
            return self.error(iq, "modify", "bad-request")
        offset, count = paging(el)
        page, more = Registry.page(self.registry.owned_by(iq["from"].bare), offset, count, self.registry.max_count)
        self.result(iq, found_xml(disco_ns_for(ns), page, more))


def paging(el):
    try:
        offset = int(el.get("offset", "0"))
        count = int(el.get("maxCount", "0") or 0)
    except ValueError:
        raise BadRequest("offset and maxCount must be integers") from None
    if offset < 0 or count < 0:
        raise BadRequest("offset and maxCount must not be negative")
    return offset, count


def found_xml(ns, records, more):
    return "<found xmlns='%s' more='%s'>%s</found>" % (
        ns, "true" if more else "false",
        "".join("<thing owner=%s jid=%s%s>%s</thing>" % (a(r.owner), a(r.jid), node_attrs(r.node, ns), tags_xml(r.tags))
                for r in records))


def thing_tags(spec):
    """[(kind, name, value)] of a home.json registry entry, in order."""
    return [(t.get("type", "str"), t["name"], t["value"]) for t in spec["tags"]]


def public_tags(pub, i):
    """The tags of public thing i: every template value is formatted with i and i's picks."""
    out = []
    for t in pub["tags"]:
        if "cycle" in t:
            value = t["cycle"][i % len(t["cycle"])]
        elif "start" in t:
            value = ("%." + str(t.get("decimals", 1)) + "f") % (t["start"] + t["step"] * (i % t.get("modulo", 10 ** 9)))
        else:
            value = t["format"] % i
        out.append(Tag(t.get("type", "str"), t["name"], value))
    return out
