"""noisy@home.example/hw "Noisy publisher" (data/home.json): storms, hostile payloads and
live changes on three open nodes of pubsub.<domain> that it creates (not in alice's roster).

Chat commands from anyone (chat or normal messages); the answer goes to the sender:

  storm [PER_SECOND [SECONDS]]   (default 1000 10, from home.json storm_default)
      Publishes PER_SECOND items a second for SECONDS seconds to home/noisy/storm, paced in
      10 ms slices, without waiting for each answer. Item i (1-based) has id 's<i>' and the
      payload <fields xmlns='urn:xmpp:iot:sensordata' seqnr='i' done='true'><node nodeId='Storm'>
      <timestamp value='…'><numeric name='counter' value='i' momentary='true'/>. Answered
      'storm: started N' at once and 'storm: published N in T s, acked A' when every answer
      came (or 30 s after the last item). One storm at a time ('storm: busy' otherwise). The node
      keeps 10 items and does not persist them (persist_items false).

  hostile [deep N]
      Publishes every item of HOSTILE below (ids in that order) to home/noisy/hostile, one
      after the other, then answers 'hostile: published N' (N items acknowledged) followed by
      ' refused ID=condition …' for any the server refused. The node keeps 50 items in memory
      (persist_items false: Prosody's storage cannot serialise the deep item). 'deep N' publishes only the item
      'deep' with N nested elements (default 200; libxml2, and so libpurple's stream parser,
      gives up past 256 levels of the whole stanza, which would end the client's connection).

  live publish [ID] | live retract ID | live purge | live delete | live create
      On home/noisy/live (notify_retract and notify_delete on, max_items 20): publish an NF resp
      (id ID or 'l<n>'), retract an item, purge all items, delete the node, create it again.
      Answered 'live: publish ID ok', 'live: retract ID ok', 'live: purge ok', 'live: delete ok',
      'live: create ok', or '… error <condition>'.

Every hostile item is well-formed XML and valid UTF-8; the strings are escaped on the wire.
"""
import asyncio

from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher.base import MatcherBase

from things_base import a, x
from things_pubsub import NS_NF, NS_PUBSUB, NS_PUBSUB_OWNER, NS_SOX, NS_XSF, PubsubClient, nf_resp

NS_ATOM = "http://www.w3.org/2005/Atom"
STORM_NODE_ID = "Storm"
DEEP_DEFAULT = 200
MARKUP = ["<b>bold</b>", "<a href='http://evil.example/'>click</a>", "<script>alert(1)</script>",
          "&amp;", "&lt;i&gt;", "\"quoted\" 'single'", ":P <3 8)", "http://x.example", "%s%n%x"]
WEIRD = ["\u202eevil\u202c", "zero\u200bwidth\u200djoin", "\U0001f600\U0001f525", "e\u0301\u0301\u0301",
         "tab\there", "line\nbreak", "nbsp\u00a0here", "\ufffd", "\U00010348 gothic"]


def _xsf(fields, stamp="2026-12-04T12:00:00Z", node="Hostile"):
    """XSF fields from (element, name, value, extra attributes text) tuples."""
    return ("<fields xmlns='%s' seqnr='1' done='true'><node nodeId=%s><timestamp value=%s>%s"
            "</timestamp></node></fields>" % (NS_XSF, a(node), a(stamp), "".join(
                "<%s name=%s value=%s%s/>" % (el, a(name), a(value), extra) for el, name, value, extra in fields)))


def hostile_items():
    """[(item id, payload XML text)] in publication order."""
    huge = "0123456789" * 10000                                      # 100,000 characters
    items = [
        ("huge-field", _xsf([("string", "huge", huge, " momentary='true'"),
                             ("numeric", "n" * 1000, "1", " unit=%s momentary='true'" % a("u" * 1000))])),
        ("huge-atom", "<entry xmlns='%s'><title>%s</title><summary>%s</summary></entry>"
         % (NS_ATOM, x("T" * 5000), x("S" * 150000))),
        ("markup-fields", _xsf([("string", s, s, " unit=%s momentary='true'" % a("<i>°C</i>")) for s in MARKUP])),
        ("markup-atom", "<entry xmlns='%s'><title>%s</title><summary type='html'>%s</summary>"
         "<link rel='alternate' href='javascript:alert(1)'/><published>not a date</published></entry>"
         % (NS_ATOM, x("<b>bold</b> & <i>it</i>"), x("<p onclick='x()'>&amp;lt;html&amp;gt;</p>"))),
        ("markup-sox", "<data xmlns='%s'><transducerValue id=%s typedValue=%s timestamp='yesterday'/>"
         "<transducerValue id='ok' typedValue='1' timestamp='2026-12-04T12:00:00.5-03:30'/></data>"
         % (NS_SOX, a("<b>t</b>"), a("<script>alert(1)</script>"))),
        ("markup-text", "<text xmlns='urn:example:iot-tests:text'>%s</text>" % x(" ".join(MARKUP))),
        ("weird-chars", _xsf([("string", "w%d" % i, s, " momentary='true'") for i, s in enumerate(WEIRD)]
                             + [("string", "\u202e" + "name", "v", "")])),
        ("weird-numbers", "<resp xmlns='%s' id='weird'><nd id='Hostile'><ts v='2026-13-45T25:61:61Z'>"
         "%s</ts><ts v='never'><q n='t' v='1' u='K'/></ts></nd></resp>" % (NS_NF, "".join(
             "<q n=%s v=%s u='V' m='true'/>" % (a("q%d" % i), a(v)) for i, v in enumerate(
                 ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-0", "\uff11\uff12", "1" * 400,
                  "0x1F", "1,5", " 2 ", "", "1e-400", "+.5", "5."])))),
        ("weird-prefixes", "<s:data xmlns:s='%s' xmlns:o='urn:example:other' o:extra='1'>"
         "<s:transducerValue id='t' typedValue='1' timestamp='2026-12-04T12:00:00Z' o:unit='lies'/>"
         "<o:transducerValue id='fake' typedValue='666'/><transducerValue xmlns='%s' id='t2' typedValue='2'"
         " timestamp='2026-12-04T12:00:00Z'/></s:data>" % (NS_SOX, NS_SOX)),
        ("weird-structure", "<fields xmlns='%s' seqnr='x' done='maybe'><numeric name='orphan' value='1'/>"
         "<node><timestamp><timestamp value='2026-12-04T12:00:00Z'><numeric/></timestamp></timestamp></node>"
         "<node nodeId='n'>text in between<timestamp value='2026-12-04T12:00:00Z'>"
         "<numeric name='x' value='2' unit='' momentary='yes'/></timestamp></node></fields>" % NS_XSF),
        ("many-attributes", "<thing xmlns='urn:example:iot-tests:attrs' %s/>" % " ".join(
            "a%d='%d'" % (i, i) for i in range(2000))),
        ("empty", "<empty xmlns='urn:example:iot-tests:empty'/>"),
        ("unknown-namespace", "<reading xmlns='urn:example:unknown'><value unit='&lt;b&gt;'>%s</value></reading>"
         % x("<b>x</b>")),
        ("deep", deep(DEEP_DEFAULT)),
    ]
    return items


def deep(n):
    return "%s%s" % ("".join("<d xmlns='urn:example:iot-tests:deep' level='%d'>" % i if i == 0 else "<d level='%d'>" % i
                             for i in range(n)), "</d>" * n)


class _MatchIdPrefix(MatcherBase):
    """iq answers whose id starts with a prefix (the storm's)."""

    def match(self, stanza):
        return (stanza.xml.tag == "{jabber:client}iq" and stanza.xml.get("type") in ("result", "error")
                and (stanza.xml.get("id") or "").startswith(self._criteria))


class NoisyThing(PubsubClient):
    def pubsub_setup(self):
        self.spec = self.entry["pubsub"]
        self.storming = False
        self.acked = 0
        self.live_n = 0
        self.storm_prefix = "storm-%s-" % self.new_id()
        self.register_handler(Callback("noisy storm answers", _MatchIdPrefix(self.storm_prefix), self._storm_ack))
        self.commands.update({"storm": self.cmd_storm, "hostile": self.cmd_hostile, "live": self.cmd_live})

    def node_configs(self):
        s = self.spec
        return [(s["storm_node"], {"pubsub#title": "Storm", "pubsub#access_model": "open", "pubsub#max_items": "10",
                                   "pubsub#persist_items": "0", "pubsub#type": NS_XSF}),
                (s["hostile_node"], {"pubsub#title": "Hostile payloads", "pubsub#access_model": "open",
                                     "pubsub#max_items": "50", "pubsub#persist_items": "0"}),
                (s["live_node"], {"pubsub#title": "Live changes", "pubsub#access_model": "open",
                                  "pubsub#max_items": "20", "pubsub#notify_retract": "1",
                                  "pubsub#notify_delete": "1", "pubsub#type": NS_NF})]

    async def online(self):
        for node, config in self.node_configs():
            await self.ensure_node(node, config)

    # -- storm -----------------------------------------------------------------------------------
    def _storm_ack(self, _iq):
        self.acked += 1

    def storm_item(self, i, stamp):
        return ("<iq type='set' to=%s id='%s%d'><pubsub xmlns='%s'><publish node=%s><item id='s%d'>"
                "<fields xmlns='%s' seqnr='%d' done='true'><node nodeId='%s'><timestamp value='%s'>"
                "<numeric name='counter' value='%d' momentary='true'/></timestamp></node></fields>"
                "</item></publish></pubsub></iq>"
                % (a(self.service), self.storm_prefix, i, NS_PUBSUB, a(self.spec["storm_node"]), i, NS_XSF, i,
                   STORM_NODE_ID, stamp, i))

    async def cmd_storm(self, msg, args):
        default = self.entry["storm_default"]
        try:
            per_second = int(args[0]) if args else default["per_second"]
            seconds = float(args[1]) if len(args) > 1 else default["seconds"]
        except ValueError:
            return "storm: usage: storm [per_second [seconds]]"
        if per_second <= 0 or seconds <= 0 or per_second * seconds > 100000:
            return "storm: usage: storm [per_second [seconds]] (at most 100,000 items)"
        if self.storming:
            return "storm: busy"
        self.storming = True
        try:
            total = int(per_second * seconds)
            self.reply(msg, "storm: started %d" % total)
            self.acked = 0
            t0 = self.loop.time()
            sent = 0
            while sent < total and self.transport is not None:
                due = min(total, int((self.loop.time() - t0) * per_second) + 1)
                stamp = self.stamp(self.now())
                while sent < due:
                    sent += 1
                    self.send_raw(self.storm_item(sent, stamp))
                await asyncio.sleep(0.01)
            took = self.loop.time() - t0
            deadline = self.loop.time() + 30
            while self.acked < sent and self.loop.time() < deadline and self.transport is not None:
                await asyncio.sleep(0.05)
            return "storm: published %d in %.1f s, acked %d" % (sent, took, self.acked)
        finally:
            self.storming = False

    # -- hostile ---------------------------------------------------------------------------------
    async def cmd_hostile(self, msg, args):
        items = hostile_items()
        if args[:1] == ["deep"]:
            try:
                depth = int(args[1]) if len(args) > 1 else DEEP_DEFAULT
            except ValueError:
                return "hostile: usage: hostile [deep N]"
            items = [("deep", deep(max(1, min(depth, 5000))))]
        ok, refused = 0, []
        for item_id, payload in items:
            try:
                await self.publish(self.spec["hostile_node"], item_id, payload)
                ok += 1
            except IqError as e:
                refused.append("%s=%s" % (item_id, e.iq["error"]["condition"]))
            except (IqTimeout, asyncio.TimeoutError):
                refused.append("%s=timeout" % item_id)
        return "hostile: published %d%s" % (ok, " refused " + " ".join(refused) if refused else "")

    # -- live ------------------------------------------------------------------------------------
    async def cmd_live(self, msg, args):
        node = self.spec["live_node"]
        what = args[0] if args else ""
        try:
            if what == "publish":
                self.live_n += 1
                item_id = args[1] if len(args) > 1 else "l%d" % self.live_n
                await self.publish(node, item_id, nf_resp("Live", [
                    {"name": "level", "type": "numeric", "values": [str(self.live_n)], "unit": "m",
                     "flags": ["momentary"]}], 1, self.now(), rid=item_id))
                return "live: publish %s ok" % item_id
            if what == "retract" and len(args) == 2:
                await self.ps(self.service, "set", "<pubsub xmlns='%s'><retract node=%s notify='true'>"
                              "<item id=%s/></retract></pubsub>" % (NS_PUBSUB, a(node), a(args[1])))
                return "live: retract %s ok" % args[1]
            if what == "purge":
                await self.ps(self.service, "set", "<pubsub xmlns='%s'><purge node=%s/></pubsub>"
                              % (NS_PUBSUB_OWNER, a(node)))
                return "live: purge ok"
            if what == "delete":
                await self.ps(self.service, "set", "<pubsub xmlns='%s'><delete node=%s/></pubsub>"
                              % (NS_PUBSUB_OWNER, a(node)))
                return "live: delete ok"
            if what == "create":
                await self.ensure_node(node, dict(self.node_configs()[2][1]))
                return "live: create ok"
        except IqError as e:
            return "live: %s error %s" % (" ".join(args), e.iq["error"]["condition"])
        return "live: usage: live publish [ID] | retract ID | purge | delete | create"
