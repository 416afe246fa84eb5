"""Building blocks shared by every simulated account of the home.

SimClient is one slixmpp client: it connects to the loopback server, answers
disco#info with the identity and features from data/home.json, accepts presence
subscriptions (slixmpp's default auto_authorize), sends presence and fetches its
roster before it counts as ready. Behaviours subclass it and add handlers.

Replies of the hand-written generations are built as XML text and sent with
send_raw(): the element shapes are exactly the ones the wire must carry, no
stanza-plugin layer reorders or drops anything, and 10,000 fields serialise fast.
"""
import logging
import secrets
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath
from slixmpp.xmlstream.matcher.base import MatcherBase

from things_home import field_value, utcnow, xs_datetime

log = logging.getLogger("home")

NS_CLIENT = "jabber:client"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
NS_NOTHING = "urn:example:iot-tests:nothing"   # a namespace no client implements

# XEP-0323 vocabulary (used in home.json) -> NF/IEEE/NFI short names.
NF_ELEMENT = {"numeric": "q", "string": "s", "boolean": "b", "date": "d", "dateTime": "dt",
              "time": "t", "duration": "dr", "int": "i", "long": "l", "enum": "e"}
NF_CATEGORY = {"momentary": "m", "peak": "p", "status": "s", "computed": "c", "identity": "i"}
NF_QOS = {"missing": "ms", "inProgress": "pr", "automaticEstimate": "ae", "manualEstimate": "me",
          "manualReadout": "mr", "automaticReadout": "ar", "timeOffset": "of", "warning": "w",
          "error": "er", "signed": "so", "invoiced": "iv", "endOfSeries": "eos",
          "powerFailure": "pf", "invoiceConfirmed": "ic"}
CATEGORIES = ("m", "p", "s", "c", "i", "h")
# XEP-0323 v0.1 (urn:xmpp:sn) still called 'duration' timeSpan.
SN_ELEMENT = {"duration": "timeSpan"}

IOT_SD_NAMESPACES = ("urn:xmpp:sn", "urn:xmpp:iot:sensordata", "urn:ieee:iot:sd:1.0",
                     "urn:nf:iot:sd:1.0", "urn:nfi:iot:sd:1.0")


def a(value):
    """An XML attribute value including its quotes."""
    return quoteattr(str(value))


def x(text):
    """XML character data."""
    return escape(str(text))


def categories_of(flags):
    """Short category letters of a field; a field without any counts as momentary."""
    cats = {NF_CATEGORY[f] for f in flags if f in NF_CATEGORY}
    cats |= {"h" for f in flags if f.startswith("historical")}
    return cats or {"m"}


def requested_categories(attrib, long_names):
    """Categories asked for by a request; none (or all='true') means everything."""
    def on(name):
        return attrib.get(name, "").lower() in ("true", "1")
    if on("all"):
        return set(CATEGORIES)
    if long_names:
        cats = {NF_CATEGORY[k] for k in NF_CATEGORY if on(k)}
        if any(on(k) for k in attrib if k.startswith("historical")):
            cats.add("h")
    else:
        cats = {c for c in CATEGORIES if on(c)}
    return cats or set(CATEGORIES)


def wanted(field, cats, names):
    if names and field.get("name") not in names:
        return False
    return bool(categories_of(field.get("flags", [])) & cats)


def nf_field(field, now=None):
    """One NF/IEEE/NFI field element: <q n v u m ar/> etc."""
    parts = ["<", NF_ELEMENT[field["type"]], " n=", a(field["name"]),
             " v=", a(field_value(field, now))]
    if field.get("unit") is not None:
        parts += [" u=", a(field["unit"])]
    if field.get("dataType"):
        parts += [" t=", a(field["dataType"])]
    done = set()
    for flag in field.get("flags", []):
        short = NF_CATEGORY.get(flag) or NF_QOS.get(flag) or ("h" if flag.startswith("historical") else None)
        if short and short not in done:
            done.add(short)
            parts += [" ", short, "='true'"]
    parts.append("/>")
    return "".join(parts)


def xsf_field(field, now=None, element=None):
    """One XEP-0323 field element (urn:xmpp:iot:sensordata or urn:xmpp:sn)."""
    elem = element or field["type"]
    parts = ["<", elem]
    if field.get("name") is not None:
        parts += [" name=", a(field["name"])]
    parts += [" value=", a(field_value(field, now))]
    if field.get("unit") is not None:
        parts += [" unit=", a(field["unit"])]
    if field.get("dataType"):
        parts += [" dataType=", a(field["dataType"])]
    for flag in field.get("flags", []):
        parts += [" ", flag, "='true'"]
    parts.append("/>")
    return "".join(parts)


def sn_field(field, now=None):
    return xsf_field(field, now, SN_ELEMENT.get(field["type"], field["type"]))


def child(iq, namespace, name="*"):
    """The first child element of a stanza in one namespace (name '*' = any)."""
    return iq.xml.find("{%s}%s" % (namespace, name))


class MatchIqChildNS(MatcherBase):
    """An iq whose payload element is in one namespace, whatever its name.
    (MatchXPath cannot say this: slixmpp's fix_ns() drops the namespace of '{ns}*'.)"""

    def match(self, stanza):
        return (stanza.xml.tag == "{%s}iq" % NS_CLIENT
                and any(c.tag.startswith("{%s}" % self._criteria) for c in stanza.xml))


class SimClient(slixmpp.ClientXMPP):
    """One connected account of the simulated home."""

    def __init__(self, home, entry, opts, peers):
        # PLAIN instead of SCRAM: no PBKDF2 rounds on either side, which makes
        # a dozen logins noticeably faster. Plaintext PLAIN is allowed by the
        # throwaway server (allow_unencrypted_plain_auth).
        super().__init__(home.full(entry), entry["password"], sasl_mech="PLAIN",
                         plugin_config={"feature_mechanisms": {"unencrypted_plain": True}})
        self.home = home
        self.entry = entry
        self.opts = opts
        self.peers = peers                  # localpart -> SimClient, for cooperating accounts
        self.ready = self.loop.create_future()
        self.closing = False
        self.register_plugin("xep_0030")    # disco#info
        self.register_plugin("xep_0199")    # ping: libpurple keepalives get an answer
        self.setup()
        if entry.get("headlines"):
            self.add_event_handler("message", self._on_headline_command)
        if entry.get("away"):
            self.add_event_handler("message", self._on_away_command)
        self.add_event_handler("session_start", self._on_session_start)
        self.add_event_handler("disconnected", self._on_disconnected)
        self.add_event_handler("failed_auth", self._on_failed_auth)
        self.add_event_handler("stream_error", self._on_stream_error)
        if opts.wire:
            self.add_filter("in", self._log_in)
            self.add_filter("out", self._log_out)

    # -- hooks -----------------------------------------------------------------
    def setup(self):
        """Register plugins and handlers (subclasses)."""

    async def online(self):
        """After every (re)connect, once presence is out and the roster fetched, before
        the account counts as ready (subclasses: e.g. create pubsub nodes)."""

    def identity(self):
        return self.entry.get("identity", {"category": "client", "type": "bot"})

    # -- connection ------------------------------------------------------------
    def start(self):
        o = self.opts
        if o.cafile:
            self.ca_certs = o.cafile
        # Plaintext by default: the sim is infrastructure, the client under test
        # exercises STARTTLS. An explicit address also disables SRV lookups.
        self.connect((o.host, o.port), use_ssl=False,
                     force_starttls=o.starttls, disable_starttls=not o.starttls)

    async def _on_session_start(self, _event):
        disco = self.plugin["xep_0030"]
        ident = self.identity()
        await disco.add_identity(category=ident["category"], itype=ident["type"],
                                 name=self.entry["name"], jid=self.boundjid.full)
        for feature in self.entry.get("features", []):
            await disco.add_feature(feature, jid=self.boundjid.full)
        self.send_presence()
        await self.get_roster()
        try:
            await self.online()
        except Exception as e:     # e.g. a pubsub node it cannot create: the home is not ready
            log.error("%s: %s: %s", self.boundjid.full, type(e).__name__, e)
            if not self.ready.done():
                self.ready.set_exception(RuntimeError("%s: %s" % (self.boundjid.bare, e)))
            return
        if not self.ready.done():
            self.ready.set_result(self.boundjid.full)
        log.info("%s: session started", self.boundjid.full)

    def _on_disconnected(self, reason):
        if self.closing:
            return
        # The server went away (a fault test, or a restart): come back when it does.
        log.warning("%s: disconnected (%s); reconnecting", self.boundjid.full, reason)
        self.loop.call_later(0.5, self._reconnect)

    def _on_stream_error(self, error):
        if error["condition"] == "conflict":
            # Someone else signed in with this full JID (a test taking a thing's
            # place): reconnecting would kick them out in turn, forever.
            log.warning("%s: replaced by another session; staying offline", self.boundjid.full)
            self.closing = True

    def _reconnect(self):
        if not self.closing and self.transport is None:
            self.start()

    def _on_failed_auth(self, _event):
        print("AUTH FAILED %s" % self.boundjid.full, file=sys.stderr, flush=True)
        if not self.ready.done():
            self.ready.set_exception(RuntimeError("authentication failed for %s" % self.boundjid.bare))

    def shutdown(self):
        self.closing = True
        return self.disconnect(wait=0.3)

    # -- wire log --------------------------------------------------------------
    def _log_in(self, stanza):
        log.debug("%s RECV: %s", self.boundjid.full, stanza)
        return stanza

    def _log_out(self, stanza):
        log.debug("%s SEND: %s", self.boundjid.full, stanza)
        return stanza

    # -- raw XML helpers ---------------------------------------------------------
    def handle(self, name, xpath, callback):
        self.register_handler(Callback("%s %s" % (self.boundjid.bare, name), MatchXPath(xpath), callback))

    def handle_namespace(self, name, namespace, callback):
        self.register_handler(Callback("%s %s" % (self.boundjid.bare, name), MatchIqChildNS(namespace), callback))

    def send_xml(self, text):
        if self.opts.wire:
            log.debug("%s SEND: %s", self.boundjid.full, text)
        self.send_raw(text)

    def iq_result(self, iq, payload=""):
        self.send_xml("<iq type='result' to=%s id=%s>%s</iq>" % (a(iq["from"].full), a(iq["id"]), payload))

    def iq_error(self, iq, etype, condition, text=None):
        """An RFC 6120 stanza error (the request element is not echoed)."""
        body = "<%s xmlns='%s'/>" % (condition, NS_STANZAS)
        if text:
            body += "<text xmlns='%s'>%s</text>" % (NS_STANZAS, escape(text))
        self.send_xml("<iq type='error' to=%s id=%s><error type=%s>%s</error></iq>"
                      % (a(iq["from"].full), a(iq["id"]), a(etype), body))

    def _on_headline_command(self, msg):
        """home.json 'headlines': the chat message '<command> <kind>' makes the thing send the
        sender's bare JID that headline; '<command> flood <n> <kind>' sends it n times, each
        text numbered. Answered '<reply_prefix><kind> <n>' once sent."""
        spec = self.entry["headlines"]
        if msg["type"] not in ("chat", "normal") or msg["from"].bare == self.boundjid.bare:
            return
        words = msg["body"].split()
        if not words or words[0] != spec["command"]:
            return
        n, kind = 1, words[1] if len(words) > 1 else ""
        if kind == "flood" and len(words) > 3:
            n, kind = max(1, min(int(words[2]), 100000)), words[3]
        h = spec["kinds"].get(kind)
        if h is None:
            msg.reply("unknown headline: %s" % kind).send()
            return
        to = msg["from"].bare
        for i in range(n):
            body = h.get("body", "") if n == 1 else "%s #%d" % (h.get("body", ""), i + 1)
            extra = h.get("extra_xml", "")
            subject = "<subject>%s</subject>" % x(h["subject"]) if h.get("subject") else ""
            self.send_message_xml(to, "%s<body>%s</body>%s" % (subject, x(body), extra), mtype="headline")
        msg.reply("%s%s %d" % (spec["reply_prefix"], kind, n)).send()

    def _on_away_command(self, msg):
        """home.json 'away': the chat message '<command> <seconds>' takes the thing offline for its
        contacts (unavailable presence, the stream stays up) and back online after that long."""
        spec = self.entry["away"]
        if msg["type"] not in ("chat", "normal") or msg["from"].bare == self.boundjid.bare:
            return
        words = msg["body"].split()
        if len(words) != 2 or words[0] != spec["command"]:
            return
        try:
            seconds = min(max(float(words[1]), 0.1), 600.0)
        except ValueError:
            msg.reply("%sbad duration %s" % (spec["reply_prefix"], words[1])).send()
            return
        msg.reply("%s%g" % (spec["reply_prefix"], seconds)).send()
        self.send_presence(ptype="unavailable")
        self.loop.call_later(seconds, self._back_online)

    def _back_online(self):
        if not self.closing and self.transport is not None:
            self.send_presence()

    def send_message_xml(self, to, payload, mtype=None):
        """A message without a type (= normal), as IoT devices send their data."""
        t = " type=%s" % a(mtype) if mtype else ""
        self.send_xml("<message to=%s id=%s%s>%s</message>" % (a(to), a(self.new_id()), t, payload))

    def now(self):
        return utcnow()

    @staticmethod
    def stamp(when):
        return xs_datetime(when)


class PersonClient(SimClient):
    """A human contact (bob): no IoT features, echoes chat messages. The chat
    messages of home.json's iq_probe make him send the sender an IQ whose id
    starts like this plugin's own ids (another person running it), and say
    what came back."""

    def setup(self):
        self.add_event_handler("message", self._echo)

    def _echo(self, msg):
        if msg["type"] in ("chat", "normal") and msg["body"] and msg["from"].bare != self.boundjid.bare:
            probe = self.entry.get("iq_probe")
            words = msg["body"].split()
            pep = self.entry.get("pep_nick")
            if pep and words and words[0] == pep["command"] and len(words) > 1:
                self.loop.create_task(self._publish_nick(msg, " ".join(words[1:]), pep))
                return
            if probe and words and words[0] == probe["command"]:
                self.loop.create_task(self._iq_probe(msg, words[1:], probe))
                return
            msg.reply(self.entry.get("echo_prefix", "echo: ") + msg["body"]).send()

    async def _publish_nick(self, msg, nick, pep):
        """'nick <name>': publish <name> as the PEP nick (XEP-0172); contacts get it as a
        headline with a pubsub event. Answers '<reply_prefix>ok' or the error."""
        iq = self.make_iq_set()
        iq.xml.append(ET.fromstring(
            "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='http://jabber.org/protocol/nick'>"
            "<item><nick xmlns='http://jabber.org/protocol/nick'>%s</nick></item></publish></pubsub>" % x(nick)))
        try:
            await iq.send(timeout=5)
            said = "ok"
        except IqError as e:
            said = "error %s" % e.iq["error"]["condition"]
        except IqTimeout:
            said = "no answer"
        if self.transport is not None:
            msg.reply(pep["reply_prefix"] + said).send()

    async def _iq_probe(self, msg, args, probe):
        """'iq disco': a disco#info get; 'iq set': a set of a namespace no one implements."""
        to = msg["from"]
        if args[:1] == ["set"]:
            iq = self.make_iq_set(ito=to)
            iq.xml.append(ET.Element("{%s}nothing" % NS_NOTHING))
        else:
            iq = self.make_iq_get(queryxmlns=NS_DISCO_INFO, ito=to)
        iq["id"] = probe["id_prefix"] + secrets.token_hex(16)
        try:
            resp = await iq.send(timeout=probe["timeout_s"])
            features = resp.xml.findall("{%s}query/{%s}feature" % (NS_DISCO_INFO, NS_DISCO_INFO))
            said = "result %d features" % len(features)
        except IqError as e:
            said = "error %s" % e.iq["error"]["condition"]
        except IqTimeout:
            said = "no answer"
        if self.transport is not None:
            msg.reply(probe["reply_prefix"] + said).send()
