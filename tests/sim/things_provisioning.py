"""The provisioning service of the simulated home: an XEP-0114 component
(provisioning.<domain>, home.json "provisioning"), written from XEP-0324 v0.5.1 and the NF
documents Provisioning.md, DecisionSupport.md, ProvisioningDevice.xsd, ProvisioningOwner.xsd.

Device side (iq get from a claimed thing; answered in the request's namespace):
  urn:xmpp:iot:provisioning (XSF)      <isFriend jid/> -> <isFriendResponse jid result/>
        <canRead jid [serviceToken deviceToken userToken] [momentary='true' ... all]>
        <node nodeId/>* <field name/>*</canRead> -> <canReadResponse jid result ...> with the
        nodes/fields allowed; <canControl jid [tokens]><node/>* <parameter name/>*</canControl>
        -> <canControlResponse jid result> with the parameters allowed
  urn:nf:iot:prov:d:1.0 (+ ieee, nfi)  the same with <nd id src pt/>, <f n/>, <p n/>,
        tokens st/dt/ut and category attributes m p s c i h
  The thing's owner comes from the registry. The owner itself is always allowed; an
  unclaimed thing gets result='false'. A rule decides when one matches (from the
  caller's JID, then a token, then its domain, then everyone). Otherwise a question goes
  to the owner and the thing's request waits for the owner's answer up to home.json
  provisioning.answer_wait_s seconds (then result='false', as NF Provisioning.md says:
  deny while the owner has not answered). Identical pending questions are sent once (again
  when the same request comes after answer_wait_s: the owner may have been offline, and the
  test servers keep no offline messages).

Owner side (urn:nf:iot:prov:o:1.0; urn:ieee:iot:prov:o:1.0 and urn:nfi:iot:prov:o:1.0 are
understood too):
  question messages to the owner's bare JID (no type):
        <isFriend jid remoteJid key/>
        <canRead jid remoteJid key [m p s c i h all] [st dt ut]><nd/>? <f n/>*</canRead>
        <canControl jid remoteJid key [st dt ut]><nd/>? <partial><p n/>*</partial>?</canControl>
        (canControl's parameters sit in <partial/>, as ProvisioningOwner.xsd has them)
  answers, iq set from the owner (any resource) -> empty result, item-not-found when the
  key names no pending question of this owner:
        <isFriendRule jid remoteJid key result range='Caller|Domain|All'/>
        <canReadRule jid remoteJid key result><nd/>? <partial [m p s c i h all]><f n/>*</partial>?
            (fromJid|fromDomain|fromService token|fromDevice token|fromUser token|all)</canReadRule>
        <canControlRule jid remoteJid key result><nd/>? <partial><p n/>*</partial>? origin</canControlRule>
  after an answer the service sends the owner's bare JID (every client of the owner)
        <message><answered xmlns='urn:nf:iot:prov:o:1.0' key jid remoteJid result/></message>
        (not in the NF schema: the home's way to tell the owner's other clients), and sends
        the thing iq set <clearCache/> in its device namespace
  iq set <clearCache [jid] [id src pt]/>   the thing(s) get iq set <clearCache/>
  iq set <deleteRules [jid] [id src pt]/>  the owner's rules of the thing(s) are deleted
  iq get <getDevices offset maxCount/>     the owner's things as <found/> (NF disco ns)
Neither generation lists an owner's rules; the service has no such request.
Tokens (getToken, tokenChallenge, and the chat that tells what a challenge got, incl. "rules
<localpart>"): things_provisioning_tokens.py.
"""
import asyncio
import secrets

from things_base import a
from things_provisioning_tokens import TOKEN_NAMESPACES, TokenService
from things_registry import (NO_NODE, OWNER_NAMESPACES, ComponentBase, Registry, bare, disco_ns_for,
                             found_xml, local, paging)

NS_XSF_PROV = "urn:xmpp:iot:provisioning"
DEVICE_NAMESPACES = (NS_XSF_PROV, "urn:nf:iot:prov:d:1.0", "urn:ieee:iot:prov:d:1.0", "urn:nfi:iot:prov:d:1.0")
NS_OWNER = "urn:nf:iot:prov:o:1.0"
XSF_CATEGORIES = {"momentary": "m", "peak": "p", "status": "s", "computed": "c", "identity": "i",
                  "historical": "h"}
SHORT_CATEGORIES = ("m", "p", "s", "c", "i", "h")
TOKEN_KINDS = (("service", "serviceToken", "st"), ("device", "deviceToken", "dt"), ("user", "userToken", "ut"))


def on(v):
    return (v or "").lower() in ("true", "1")


class Request:
    """One device question, in generation-neutral form."""

    def __init__(self, kind, thing, remote, node=None, cats=frozenset(), fields=(), params=(), tokens=()):
        self.kind = kind              # 'friend' | 'read' | 'control'
        self.thing = thing
        self.remote = remote          # bare JID
        self.node = node              # (id, src, pt) or None
        self.cats = cats              # short letters; empty: all
        self.fields = tuple(fields)
        self.params = tuple(params)
        self.tokens = tuple(tokens)   # ((kind, token), ...)

    def same(self, other):
        return (self.kind, self.thing, self.remote, self.node, self.cats, self.fields, self.params, self.tokens) == \
            (other.kind, other.thing, other.remote, other.node, other.cats, other.fields, other.params, other.tokens)


class Rule:
    def __init__(self, kind, thing, node, origin, result, cats=None, fields=None, params=None):
        self.kind, self.thing, self.node, self.origin, self.result = kind, thing, node, origin, result
        self.cats, self.fields, self.params = cats, fields, params    # None: no restriction


class Question:
    def __init__(self, owner, request):
        self.key = secrets.token_hex(8)
        self.owner = owner
        self.request = request
        self.answered = asyncio.Event()
        self.sent_at = None            # loop time of the last sending


class ProvisioningComponent(TokenService, ComponentBase):
    NAMESPACES = DEVICE_NAMESPACES + OWNER_NAMESPACES + TOKEN_NAMESPACES[1:]

    def setup(self):
        self.setup_tokens()
        self.rules = []
        self.questions = {}            # key -> Question (pending until answered)
        self.device_ns = {}            # thing bare JID -> device namespace it last used

    @property
    def registry(self):
        return self.peers["@registry"].registry

    def owner_of(self, thing):
        r = self.registry.get(thing, NO_NODE)
        return r.owner if r is not None and not r.self_owned else None

    # -- decisions ------------------------------------------------------------------------------
    def find_rule(self, req):
        domain = req.remote.split("@")[-1]
        origins = [("jid", req.remote)] + list(req.tokens) + [("domain", domain), ("all",)]
        for origin in origins:
            for rule in reversed(self.rules):
                if rule.kind == req.kind and rule.thing == req.thing and rule.origin == origin and \
                        rule.node in (None, req.node):
                    return rule
        return None

    async def decide(self, req):
        """(result, rule or None); asks the owner and waits when nothing decides."""
        owner = self.owner_of(req.thing)
        if owner is None:
            return False, None
        if req.remote == owner:
            return True, None
        rule = self.find_rule(req)
        if rule is None:
            q = next((q for q in self.questions.values() if q.owner == owner and q.request.same(req)), None)
            if q is None:
                q = Question(owner, req)
                self.questions[q.key] = q
                self.send_question(q)
            elif self.loop.time() - q.sent_at > self.spec["answer_wait_s"]:
                self.send_question(q)      # the owner may have been offline: no offline storage here
            try:
                await asyncio.wait_for(q.answered.wait(), self.spec["answer_wait_s"])
            except asyncio.TimeoutError:
                return False, None
            rule = self.find_rule(req)
            if rule is None:
                return False, None
        return rule.result, rule

    # -- device side ----------------------------------------------------------------------------
    def device_request(self, iq, el, ns, kind):
        xsf = ns == NS_XSF_PROV
        thing = iq["from"].bare
        self.device_ns[thing] = ns
        remote = bare(el.get("jid", ""))
        node = None
        nd = el.find("{%s}%s" % (ns, "node" if xsf else "nd"))
        if nd is not None:
            node = (nd.get("nodeId", ""), nd.get("sourceId", ""), nd.get("cacheType", "")) if xsf else \
                (nd.get("id", ""), nd.get("src", ""), nd.get("pt", ""))
        if xsf:
            cats = frozenset(s for k, s in XSF_CATEGORIES.items() if on(el.get(k)))
            fields = [f.get("name") for f in el.findall("{%s}field" % ns)]
            params = [p.get("name") for p in el.findall("{%s}parameter" % ns)]
        else:
            cats = frozenset(c for c in SHORT_CATEGORIES if on(el.get(c)))
            fields = [f.get("n") for f in el.findall("{%s}f" % ns)]
            params = [p.get("n") for p in el.findall("{%s}p" % ns)]
        if on(el.get("all")):
            cats = frozenset()
        tokens = []
        for tkind, long_name, short in TOKEN_KINDS:
            for tok in (el.get(long_name if xsf else short) or "").split():
                tokens.append((tkind, tok))
        return Request(kind, thing, remote, node, cats, fields, params, tokens)

    async def on_isFriend(self, iq, el, ns):
        if ns in OWNER_NAMESPACES:
            return self.error(iq, "cancel", "feature-not-implemented")
        req = self.device_request(iq, el, ns, "friend")
        result, _rule = await self.decide(req)
        self.result(iq, "<isFriendResponse xmlns='%s' jid=%s result='%s'/>" % (ns, a(req.remote), str(result).lower()))

    async def on_canRead(self, iq, el, ns):
        if ns in OWNER_NAMESPACES:
            return self.error(iq, "cancel", "feature-not-implemented")
        req = self.device_request(iq, el, ns, "read")
        result, rule = await self.decide(req)
        xsf = ns == NS_XSF_PROV
        fields, cats = list(req.fields), set(req.cats)
        if result and rule is not None:
            if rule.fields is not None:
                fields = [f for f in fields if f in rule.fields] if fields else sorted(rule.fields)
                result = bool(fields)
            if rule.cats is not None and rule.cats:
                cats = (cats & rule.cats) if cats else set(rule.cats)
                result = result and bool(cats)
        if xsf:
            names = {s: k for k, s in XSF_CATEGORIES.items()}
            attrs = "".join(" %s='true'" % names[c] for c in sorted(cats))
            body = "".join("<field name=%s/>" % a(f) for f in fields) if result else ""
        else:
            attrs = "".join(" %s='true'" % c for c in sorted(cats))
            body = "".join("<f n=%s/>" % a(f) for f in fields) if result else ""
        self.result(iq, "<canReadResponse xmlns='%s' jid=%s result='%s'%s>%s</canReadResponse>"
                    % (ns, a(req.remote), str(result).lower(), attrs, body))

    async def on_canControl(self, iq, el, ns):
        if ns in OWNER_NAMESPACES:
            return self.error(iq, "cancel", "feature-not-implemented")
        req = self.device_request(iq, el, ns, "control")
        result, rule = await self.decide(req)
        params = list(req.params)
        if result and rule is not None and rule.params is not None:
            params = [p for p in params if p in rule.params] if params else sorted(rule.params)
            result = bool(params)
        tag = "parameter name" if ns == NS_XSF_PROV else "p n"
        body = "".join("<%s=%s/>" % (tag, a(p)) for p in params) if result else ""
        self.result(iq, "<canControlResponse xmlns='%s' jid=%s result='%s'>%s</canControlResponse>"
                    % (ns, a(req.remote), str(result).lower(), body))

    # -- owner side -----------------------------------------------------------------------------
    def send_question(self, q):
        q.sent_at = self.loop.time()
        r = q.request
        ns = self.spec.get("owner_namespace", NS_OWNER)
        common = "jid=%s remoteJid=%s key=%s" % (a(r.thing), a(r.remote), a(q.key))
        short = {"service": "st", "device": "dt", "user": "ut"}
        toks = {}
        for kind, tok in r.tokens:
            toks.setdefault(short[kind], []).append(tok)
        tok_attrs = "".join(" %s=%s" % (k, a(" ".join(v))) for k, v in sorted(toks.items()))
        nd = "" if r.node is None else "<nd%s/>" % "".join(
            " %s=%s" % (n, a(v)) for n, v in zip(("id", "src", "pt"), r.node) if v)
        if r.kind == "friend":
            body = "<isFriend xmlns='%s' %s/>" % (ns, common)
        elif r.kind == "read":
            cats = "".join(" %s='true'" % c for c in sorted(r.cats)) if r.cats else " all='true'"
            body = "<canRead xmlns='%s' %s%s%s>%s%s</canRead>" % (
                ns, common, cats, tok_attrs, nd, "".join("<f n=%s/>" % a(f) for f in r.fields))
        else:
            partial = "<partial>%s</partial>" % "".join("<p n=%s/>" % a(p) for p in r.params) if r.params else ""
            body = "<canControl xmlns='%s' %s%s>%s%s</canControl>" % (ns, common, tok_attrs, nd, partial)
        self.send_xml("<message from=%s to=%s id=%s>%s</message>"
                      % (a(self.boundjid.full), a(q.owner), a(self.new_id()), body))

    def owner_rule(self, iq, el, ns, kind):
        if iq["type"] != "set":
            return self.error(iq, "modify", "bad-request")
        owner = iq["from"].bare
        q = self.questions.get(el.get("key", ""))
        if q is None or q.owner != owner or q.request.kind != kind or \
                bare(el.get("jid", "")) != q.request.thing or bare(el.get("remoteJid", "")) != q.request.remote:
            return self.error(iq, "cancel", "item-not-found")
        result = on(el.get("result"))
        req = q.request
        if kind == "friend":
            rng = el.get("range", "Caller")
            origin = {"Caller": ("jid", req.remote), "Domain": ("domain", req.remote.split("@")[-1]),
                      "All": ("all",)}.get(rng)
            if origin is None:
                return self.error(iq, "modify", "bad-request", "range must be Caller, Domain or All")
            rule = Rule(kind, req.thing, None, origin, result)
        else:
            origin = None
            for c in el:
                name = local(c.tag)
                if name == "fromJid":
                    origin = ("jid", req.remote)
                elif name == "fromDomain":
                    origin = ("domain", req.remote.split("@")[-1])
                elif name in ("fromService", "fromDevice", "fromUser"):
                    if not c.get("token"):
                        return self.error(iq, "modify", "bad-request", "%s without token" % name)
                    origin = (name[4:].lower(), c.get("token"))
                elif name == "all":
                    origin = ("all",)
            if origin is None:
                return self.error(iq, "modify", "bad-request", "no range (fromJid, fromDomain, ..., all)")
            nd = el.find("{%s}nd" % ns)
            node = None if nd is None else (nd.get("id", ""), nd.get("src", ""), nd.get("pt", ""))
            partial = el.find("{%s}partial" % ns)
            rule = Rule(kind, req.thing, node, origin, result)
            if partial is not None:
                if kind == "read":
                    rule.fields = {f.get("n") for f in partial.findall("{%s}f" % ns)} or None
                    rule.cats = None if on(partial.get("all")) else \
                        (frozenset(c for c in SHORT_CATEGORIES if on(partial.get(c))) or None)
                else:
                    rule.params = {p.get("n") for p in partial.findall("{%s}p" % ns)}
        self.rules.append(rule)
        self.result(iq)
        self.rule_origin_token(rule.origin, iq["from"].full)
        for k, other in list(self.questions.items()):
            if other.owner == owner and self.find_rule(other.request) is not None:
                del self.questions[k]
                other.answered.set()
                self.send_xml("<message from=%s to=%s id=%s><answered xmlns='%s' key=%s jid=%s remoteJid=%s "
                              "result='%s'/></message>"
                              % (a(self.boundjid.full), a(owner), a(self.new_id()), ns, a(k), a(other.request.thing),
                                 a(other.request.remote), str(result).lower()))
        self.clear_cache_of(req.thing)

    def on_isFriendRule(self, iq, el, ns):
        return self.owner_rule(iq, el, ns, "friend")

    def on_canReadRule(self, iq, el, ns):
        return self.owner_rule(iq, el, ns, "read")

    def on_canControlRule(self, iq, el, ns):
        return self.owner_rule(iq, el, ns, "control")

    def owned_targets(self, iq, el):
        owner = iq["from"].bare
        things = [r.jid for r in self.registry.owned_by(owner)]
        if el.get("jid"):
            things = [t for t in things if t == bare(el.get("jid"))]
        return things

    def clear_cache_of(self, thing):
        ns = self.device_ns.get(thing, DEVICE_NAMESPACES[1])
        r = self.registry.get(thing, NO_NODE)
        to = r.full if r is not None else thing
        self.loop.create_task(self.ask(to, "set", "<clearCache xmlns='%s'/>" % ns, 3.0))

    def on_clearCache(self, iq, el, ns):
        if ns not in OWNER_NAMESPACES or iq["type"] != "set":
            return self.error(iq, "cancel", "feature-not-implemented")
        things = self.owned_targets(iq, el)
        if el.get("jid") and not things:
            return self.error(iq, "cancel", "item-not-found")
        for t in things:
            self.clear_cache_of(t)
        self.result(iq)

    def on_deleteRules(self, iq, el, ns):
        if ns not in OWNER_NAMESPACES or iq["type"] != "set":
            return self.error(iq, "cancel", "feature-not-implemented")
        things = self.owned_targets(iq, el)
        if el.get("jid") and not things:
            return self.error(iq, "cancel", "item-not-found")
        node = (el.get("id", ""), el.get("src", ""), el.get("pt", ""))
        node = None if node == NO_NODE else node
        self.rules = [r for r in self.rules if not (r.thing in things and (node is None or r.node == node))]
        for t in things:
            self.clear_cache_of(t)
        self.result(iq)

    def on_getDevices(self, iq, el, ns):
        if ns not in OWNER_NAMESPACES or iq["type"] != "get":
            return self.error(iq, "cancel", "feature-not-implemented")
        offset, count = paging(el)
        page, more = Registry.page(self.registry.owned_by(iq["from"].bare), offset, count, self.registry.max_count)
        self.result(iq, found_xml(disco_ns_for(ns), page, more))

