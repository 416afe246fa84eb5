"""Publish-subscribe things of the home (XEP-0060, XEP-0163 PEP, Sensor-Over-XMPP).

Every JID, node and command below comes from data/home.json; the service is
pubsub.<domain> (pubsub.home.example). On Prosody only admins may create nodes on
the pubsub component, so home.json's server.admins lists the four node owners;
ejabberd lets every local user create nodes. Nodes are created with the config
below at every (re)connect, and kept as they are when they exist (so that a server
restart keeps its subscriptions). The account is only ready (home.py READY) once
its nodes exist.

station@home.example/hw  "Weather station", in alice's roster (subscription both)
  nodes  home/station/xsf   XSF <fields xmlns='urn:xmpp:iot:sensordata' seqnr='n' done='true'>
                            <node nodeId='Station'><timestamp value='…'><numeric …/>…
         home/station/nf    NF <resp xmlns='urn:nf:iot:sd:1.0' id='r<n>'><nd id='Station'><ts v='…'>
                            <q n='temperature' v='21.0' u='°C' m='true' ar='true'/>…
         PEP urn:nf:iot:sd:1.0 on station@home.example: the same <resp/>; contacts with
                            presence subscription whose caps say urn:nf:iot:sd:1.0+notify get it
  Reading n (1, 2, … since the sim started) is item 'r<n>' on all three and takes
  values[(n-1) % len] of each field: temperature 21.0 21.5 22.0 21.5 °C, humidity
  45 46 47 %, pressure 1013.2 hPa, wind calm/breeze (a string). Every 2 s
  (publish_period_s; home.py --publish-period S overrides, 0 = only on command) and on
  the chat message 'publish', answered 'published: <n>' once the three are acknowledged.
  Open access, max_items 50, pubsub#type the payload namespace.

soxbox@home.example/hw  "Lab sensor box", not in the roster
  nodes  lab-42_meta  item 'meta': <device xmlns='http://jabber.org/protocol/sox' name='lab-42'
                      id='lab-42' type='indoor weather' …><transducer name id units unitScaler|
                      unitScalar canActuate='false' hasOwnNode='false'/>…
         lab-42_data  one item per reading, id a random UUID: <data xmlns='…sox'>
                      <transducerValue id='temperature' typedValue='21.4' rawValue='21.4'
                      timestamp='2026-12-04T03:12:22.123+09:00'/>… (power has unitScalar='3':
                      typedValue 1.25, rawValue 1250)
  Same period and 'publish' command as the station ('published: <n>').

keeper@home.example/hw  "Node keeper", not in the roster
  node   home/keeper/private  access model authorize, one item 'r1' (NF resp, secret-level 7 m)
  A subscription is pending until approved (ejabberd). Prosody 0.12's component refuses
  'authorize' (only open and whitelist): there the node is 'whitelist', a subscription is
  refused (not-allowed, closed-node) until 'approve <jid>' makes the JID a member, after
  which a new subscribe succeeds; 'deny <jid>' takes membership away.
  Chat: 'approve <jid>' / 'deny <jid>' -> 'keeper: approved <jid>' / 'keeper: denied <jid>' /
  'keeper: nothing pending from <jid>' (on ejabberd it answers the §8.6 form the service sent,
  else it changes the subscription in the owner's list); 'pending' -> 'keeper: pending <jid> …'
  or 'keeper: pending none'; 'publish' -> 'keeper: published r<n>'. auto_approve_s > 0 in
  home.json approves every request that many seconds after it came (default 0: never).

neighbour@home.example/pc  "Neighbour", not in the roster, owns nothing
  Chat: 'subscribe <node> [<service>]' -> 'neighbour: subscribe <node>: subscribed|pending|
  unconfigured|error <condition>'; later, when the service announces a change of that
  subscription (an owner approved or denied it): 'neighbour: <node>: subscribed|none';
  'unsubscribe <node> [<service>]' -> 'neighbour: unsubscribe <node>: ok|error <condition>';
  'status <node> [<service>]' -> 'neighbour: status <node>: subscribed|pending|unconfigured|
  none|error <condition>'. The service defaults to pubsub.<domain>; give alice@home.example
  to reach alice's PEP. With a node alice owns (access authorize, ejabberd) the subscribe
  makes the service send alice the XEP-0060 §8.6 approval form.

noisy@home.example/hw (storms, hostile payloads, live retractions): things_pubsub_noisy.py.

Chat commands are taken from anyone, in chat or normal messages; replies go to the sender.
"""
import asyncio
import datetime
import uuid
import xml.etree.ElementTree as ET

from slixmpp.exceptions import IqError
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatcherId

from things_base import NF_CATEGORY, NF_ELEMENT, NF_QOS, SimClient, a, log, x

NS_PUBSUB = "http://jabber.org/protocol/pubsub"
NS_PUBSUB_OWNER = NS_PUBSUB + "#owner"
NS_PUBSUB_EVENT = NS_PUBSUB + "#event"
NS_XDATA = "jabber:x:data"
NS_XSF = "urn:xmpp:iot:sensordata"
NS_NF = "urn:nf:iot:sd:1.0"
NS_SOX = "http://jabber.org/protocol/sox"
FORM_NODE_CONFIG = NS_PUBSUB + "#node_config"
FORM_AUTHORIZE = NS_PUBSUB + "#subscribe_authorization"
IQ_TIMEOUT = 10


def xdata(form_type, fields, ftype="submit"):
    """A jabber:x:data form; fields: {var: value or [values]}."""
    out = ["<x xmlns='%s' type=%s><field var='FORM_TYPE' type='hidden'><value>%s</value></field>"
           % (NS_XDATA, a(ftype), x(form_type))]
    for var, value in fields.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        out.append("<field var=%s>%s</field>" % (a(var), "".join("<value>%s</value>" % x(v) for v in values)))
    out.append("</x>")
    return "".join(out)


def form_values(form):
    """{var: first value} of a jabber:x:data element."""
    out = {}
    for f in form.findall("{%s}field" % NS_XDATA):
        v = f.find("{%s}value" % NS_XDATA)
        out[f.get("var")] = v.text if v is not None and v.text is not None else ""
    return out


def reading_value(field, n):
    values = field["values"]
    return values[(n - 1) % len(values)]


def xsf_fields(node_id, fields, n, when):
    """XEP-0323 <fields/> of reading n (seqnr n, done)."""
    out = ["<fields xmlns='%s' seqnr='%d' done='true'><node nodeId=%s><timestamp value=%s>"
           % (NS_XSF, n, a(node_id), a(SimClient.stamp(when)))]
    for f in fields:
        out.append("<%s name=%s value=%s" % (f["type"], a(f["name"]), a(reading_value(f, n))))
        if f.get("unit") is not None:
            out.append(" unit=%s" % a(f["unit"]))
        out.append("".join(" %s='true'" % flag for flag in f.get("flags", [])))
        out.append("/>")
    out.append("</timestamp></node></fields>")
    return "".join(out)


def nf_resp(node_id, fields, n, when, rid=None):
    """NF <resp/> of reading n, as Waher's devices publish it to PEP."""
    out = ["<resp xmlns='%s' id=%s><nd id=%s><ts v=%s>"
           % (NS_NF, a(rid or "r%d" % n), a(node_id), a(SimClient.stamp(when)))]
    for f in fields:
        out.append("<%s n=%s v=%s" % (NF_ELEMENT[f["type"]], a(f["name"]), a(reading_value(f, n))))
        if f.get("unit") is not None:
            out.append(" u=%s" % a(f["unit"]))
        for flag in f.get("flags", []):
            short = NF_CATEGORY.get(flag) or NF_QOS.get(flag)
            if short:
                out.append(" %s='true'" % short)
        out.append("/>")
    out.append("</ts></nd></resp>")
    return "".join(out)


class NotAcceptable(RuntimeError):
    """The service refused a node configuration."""


class PubsubClient(SimClient):
    """A SimClient that owns pubsub nodes and takes chat commands."""

    def setup(self):
        self.service = "pubsub." + self.home.domain
        self.commands = {}          # first word of a chat message -> handler(msg, args)
        self.periodic = None        # the publishing task, once started
        self.add_event_handler("message", self._on_message)
        self.pubsub_setup()

    def pubsub_setup(self):
        """Register commands (subclasses)."""

    # -- iq plumbing ---------------------------------------------------------------------------
    async def ps(self, to, itype, inner, timeout=IQ_TIMEOUT):
        """An iq with one payload given as XML text; to=None for one's own PEP."""
        iq = self.Iq(stype=itype, sto=to) if to else self.Iq(stype=itype)
        iq.append(ET.fromstring(inner))
        return await iq.send(timeout=timeout)

    async def raw_iq(self, to, itype, inner, timeout=IQ_TIMEOUT):
        """The same, sent as exactly this text (prefixes and all); returns the answer stanza,
        raises IqError on an error answer."""
        iq_id = self.new_id()
        answered = self.loop.create_future()

        def got(stanza):
            if not answered.done():
                answered.set_result(stanza)
        self.register_handler(Callback("raw iq " + iq_id, MatcherId(iq_id), got, once=True))
        to_attr = " to=%s" % a(to) if to else ""
        self.send_xml("<iq type=%s id=%s%s>%s</iq>" % (a(itype), a(iq_id), to_attr, inner))
        try:
            answer = await asyncio.wait_for(answered, timeout)
        except asyncio.TimeoutError:
            self.remove_handler("raw iq " + iq_id)
            raise
        if answer["type"] == "error":
            raise IqError(answer)
        return answer

    async def ensure_node(self, node, config, service=None):
        """Creates node with config, or, when it exists, leaves it be."""
        service = service or self.service
        form = xdata(FORM_NODE_CONFIG, config)
        for attempt in range(6):
            try:
                await self.ps(service, "set", "<pubsub xmlns='%s'><create node=%s/><configure>%s</configure>"
                              "</pubsub>" % (NS_PUBSUB, a(node), form))
                log.info("%s: created %s", self.boundjid.bare, node)
                return
            except IqError as e:
                # ejabberd 23.01 aborts one of several node creations at the same moment
                # (a mnesia lock cycle on pubsub_index) with internal-server-error.
                if e.iq["error"]["condition"] != "internal-server-error" or attempt == 5:
                    self._create_failed(e, node, service)
                    return
                await asyncio.sleep(0.05 + 0.1 * attempt)

    @staticmethod
    def _create_failed(e, node, service):
        """conflict: the node exists, fine; anything else is raised."""
        condition = e.iq["error"]["condition"]
        if condition == "not-acceptable":
            raise NotAcceptable("node %s on %s: configuration not acceptable" % (node, service))
        if condition != "conflict":
            raise RuntimeError("cannot create node %s on %s: %s" % (node, service, condition))

    async def publish(self, node, item_id, payload, service=None):
        """Publishes one item (payload as XML text); service None = the service, '' = own PEP."""
        service = self.service if service is None else service
        item = "<item id=%s>%s</item>" % (a(item_id), payload) if item_id else "<item>%s</item>" % payload
        return await self.raw_iq(service or None, "set", "<pubsub xmlns='%s'><publish node=%s>%s</publish></pubsub>"
                                 % (NS_PUBSUB, a(node), item))

    # -- chat commands -------------------------------------------------------------------------
    def _on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or not msg["body"]:
            return
        if msg["from"].bare == self.boundjid.bare:
            return
        words = msg["body"].split()
        handler = self.commands.get(words[0]) if words else None
        if handler is not None:
            self.loop.create_task(self._run_command(handler, msg, words[1:]))

    async def _run_command(self, handler, msg, args):
        try:
            text = await handler(msg, args)
        except Exception as e:         # every command is answered, also when it failed
            cond = e.iq["error"]["condition"] if isinstance(e, IqError) else type(e).__name__
            text = "%s: error %s" % (msg["body"].split()[0], cond)
        if text and self.transport is not None:
            self.reply(msg, text)

    def reply(self, msg, text):
        self.send_message(mto=msg["from"], mbody=text, mtype=msg["type"] if msg["type"] == "chat" else "chat")

    # -- periodic publishing -------------------------------------------------------------------
    def publish_period(self):
        override = getattr(self.opts, "publish_period", None)
        return override if override is not None else self.entry.get("publish_period_s", 0)

    def start_periodic(self, coro_fn):
        period = self.publish_period()
        if period and period > 0 and self.periodic is None:
            self.periodic = self.loop.create_task(self._every(period, coro_fn))

    async def _every(self, period, coro_fn):
        while not self.closing:
            await asyncio.sleep(period)
            if self.closing or self.transport is None or not self.ready.done():
                continue
            try:
                await coro_fn()
            except Exception as e:     # a server restart in between: the next period tries again
                log.warning("%s: periodic publication failed: %r", self.boundjid.bare, e)

    def shutdown(self):
        if self.periodic is not None:
            self.periodic.cancel()
        return super().shutdown()


class StationThing(PubsubClient):
    """Weather station: XSF and NF readings on the service, NF on its PEP."""

    def pubsub_setup(self):
        self.spec = self.entry["pubsub"]
        self.n = 0
        self.lock = asyncio.Lock()      # readings go out in order, one at a time
        self.commands[self.entry["publish_command"]] = self.cmd_publish

    async def online(self):
        s = self.spec
        for node, title, ptype in ((s["xsf_node"], s["xsf_title"], NS_XSF), (s["nf_node"], s["nf_title"], NS_NF)):
            await self.ensure_node(node, {"pubsub#title": title, "pubsub#access_model": "open",
                                          "pubsub#max_items": str(s["max_items"]), "pubsub#type": ptype})
        if self.n == 0:
            await self.publish_reading()
        self.start_periodic(self.publish_reading)

    async def publish_reading(self):
        async with self.lock:
            self.n += 1
            n, now, s = self.n, self.now(), self.spec
            fields = self.entry["fields"]
            resp = nf_resp(self.entry["node"], fields, n, now)
            await asyncio.gather(
                self.publish(s["xsf_node"], "r%d" % n, xsf_fields(self.entry["node"], fields, n, now)),
                self.publish(s["nf_node"], "r%d" % n, resp),
                self.publish(s["pep_node"], "r%d" % n, resp, service=""))
            return n

    async def cmd_publish(self, msg, args):
        n = await self.publish_reading()
        return "%s%d" % (self.entry["publish_reply_prefix"], n)


def sox_stamp(when, offset):
    """2026-12-04T03:12:22.123+09:00: milliseconds and a fixed offset, as SOXFire writes."""
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = offset[1:].split(":")
    tz = datetime.timezone(sign * datetime.timedelta(hours=int(hours), minutes=int(minutes)))
    local = when.astimezone(tz)
    return local.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (local.microsecond // 1000) + offset


def sox_raw(t, typed):
    """The raw value of a transducer: typed × 10^unitScalar (as text)."""
    scale = int(t.get("unitScalar", t.get("unitScaler", "0")))
    if scale == 0:
        return typed
    value = float(typed) * 10 ** scale
    return "%d" % value if value == int(value) else "%g" % value


class SoxThing(PubsubClient):
    """Sensor-Over-XMPP device: <device>_meta and <device>_data."""

    def pubsub_setup(self):
        self.sox = self.entry["sox"]
        self.n = 0
        self.commands[self.entry["publish_command"]] = self.cmd_publish

    def nodes(self):
        return self.sox["device"] + "_meta", self.sox["device"] + "_data"

    def meta(self):
        s = self.sox
        out = ["<device xmlns='%s' name=%s id=%s type=%s timestamp=%s description=%s serialNumber=%s>"
               % (NS_SOX, a(s["device"]), a(s["device"]), a(s["type"]),
                  a(sox_stamp(datetime.datetime.now(datetime.timezone.utc), s["offset"])),
                  a(s["description"]), a(s["serialNumber"]))]
        for t in s["transducers"]:
            scale = (" unitScalar=%s" % a(t["unitScalar"]) if "unitScalar" in t
                     else " unitScaler=%s" % a(t.get("unitScaler", "0")))
            out.append("<transducer name=%s id=%s units=%s%s canActuate='false' hasOwnNode='false'/>"
                       % (a(t["name"]), a(t["id"]), a(t["units"]), scale))
        out.append("</device>")
        return "".join(out)

    def data(self, n):
        when = datetime.datetime.now(datetime.timezone.utc)
        out = ["<data xmlns='%s'>" % NS_SOX]
        for t in self.sox["transducers"]:
            typed = reading_value(t, n)
            out.append("<transducerValue id=%s typedValue=%s rawValue=%s timestamp=%s/>"
                       % (a(t["id"]), a(typed), a(sox_raw(t, typed)), a(sox_stamp(when, self.sox["offset"]))))
        out.append("</data>")
        return "".join(out)

    async def online(self):
        meta, data = self.nodes()
        for node in (meta, data):
            await self.ensure_node(node, {"pubsub#title": "%s %s" % (self.sox["description"], node[-4:]),
                                          "pubsub#access_model": "open", "pubsub#max_items": "50",
                                          "pubsub#type": NS_SOX})
        await self.publish(meta, "meta", self.meta())
        if self.n == 0:
            await self.publish_reading()
        self.start_periodic(self.publish_reading)

    async def publish_reading(self):
        self.n += 1
        n = self.n
        await self.publish(self.nodes()[1], str(uuid.uuid4()), self.data(n))
        return n

    async def cmd_publish(self, msg, args):
        n = await self.publish_reading()
        return "%s%d" % (self.entry["publish_reply_prefix"], n)


class KeeperThing(PubsubClient):
    """Owner of an access-model 'authorize' node: approves on command."""

    def pubsub_setup(self):
        self.spec = self.entry["pubsub"]
        self.prefix = self.entry["reply_prefix"]
        self.pending = {}          # subscriber bare JID -> (service, form values)
        self.n = 0
        self.access = self.spec["access_model"]
        self.commands.update({"approve": lambda m, args: self.cmd_decide(args, True),
                              "deny": lambda m, args: self.cmd_decide(args, False),
                              "pending": self.cmd_pending, "publish": self.cmd_publish})
        self.register_handler(Callback("keeper authorization forms",
                                       _MatchForm(FORM_AUTHORIZE), self._on_authorization_form))

    async def online(self):
        config = {"pubsub#title": self.spec["title"], "pubsub#access_model": self.spec["access_model"],
                  "pubsub#max_items": "10", "pubsub#type": NS_NF}
        try:
            await self.ensure_node(self.spec["node"], config)
        except NotAcceptable:
            # Prosody 0.12's component takes only open and whitelist.
            await self.ensure_node(self.spec["node"], dict(config, **{"pubsub#access_model": "whitelist"}))
        # What the node has (it may have existed before a server restart).
        res = await self.ps(self.service, "get", "<pubsub xmlns='%s'><configure node=%s/></pubsub>"
                            % (NS_PUBSUB_OWNER, a(self.spec["node"])))
        form = res.xml.find(".//{%s}x" % NS_XDATA)
        self.access = form_values(form).get("pubsub#access_model") if form is not None else self.access
        if self.n == 0:
            await self.publish_reading()

    async def publish_reading(self):
        self.n += 1
        await self.publish(self.spec["node"], "r%d" % self.n,
                           nf_resp("Keeper", self.entry["fields"], self.n, self.now()))
        return self.n

    async def cmd_publish(self, msg, args):
        return "%spublished r%d" % (self.prefix, await self.publish_reading())

    def _on_authorization_form(self, msg):
        form = msg.xml.find("{%s}x" % NS_XDATA)
        values = form_values(form)
        who = values.get("pubsub#subscriber_jid", "").split("/")[0]
        if not who:
            return
        self.pending[who] = (msg["from"].full, values)
        log.info("%s: %s asks for %s", self.boundjid.bare, who, values.get("pubsub#node"))
        delay = self.entry.get("auto_approve_s", 0)
        if delay and delay > 0:
            self.loop.call_later(delay, lambda: self.loop.create_task(self.decide(who, True)))

    async def decide(self, who, allow):
        """True when a pending request of who was answered."""
        if who in self.pending:
            service, values = self.pending.pop(who)
            answer = {k: v for k, v in values.items() if k in ("pubsub#node", "pubsub#subscriber_jid", "pubsub#subid")}
            answer["pubsub#allow"] = "true" if allow else "false"
            self.send_xml("<message to=%s id=%s>%s</message>"
                          % (a(service), a(self.new_id()), xdata(FORM_AUTHORIZE, answer)))
            return True
        node = self.spec["node"]
        if self.access == "whitelist":
            await self.ps(self.service, "set", "<pubsub xmlns='%s'><affiliations node=%s><affiliation jid=%s "
                          "affiliation=%s/></affiliations></pubsub>"
                          % (NS_PUBSUB_OWNER, a(node), a(who), a("member" if allow else "none")))
            return True
        # No form (it came before a reconnect, or never): the owner's subscription list.
        res = await self.ps(self.service, "get", "<pubsub xmlns='%s'><subscriptions node=%s/></pubsub>"
                            % (NS_PUBSUB_OWNER, a(node)))
        subs = [s for s in res.xml.iter("{%s}subscription" % NS_PUBSUB_OWNER)
                if s.get("jid", "").split("/")[0] == who and s.get("subscription") == "pending"]
        if not subs:
            return False
        for s in subs:
            await self.ps(self.service, "set", "<pubsub xmlns='%s'><subscriptions node=%s><subscription jid=%s%s "
                          "subscription=%s/></subscriptions></pubsub>"
                          % (NS_PUBSUB_OWNER, a(node), a(s.get("jid")),
                             " subid=%s" % a(s.get("subid")) if s.get("subid") else "",
                             a("subscribed" if allow else "none")))
        return True

    async def cmd_decide(self, args, allow):
        if len(args) != 1:
            return "%susage: %s <jid>" % (self.prefix, "approve" if allow else "deny")
        who = args[0].split("/")[0]
        if await self.decide(who, allow):
            return "%s%s %s" % (self.prefix, "approved" if allow else "denied", who)
        return "%snothing pending from %s" % (self.prefix, who)

    async def cmd_pending(self, msg, args):
        known = set(self.pending)
        try:
            res = await self.ps(self.service, "get", "<pubsub xmlns='%s'><subscriptions node=%s/></pubsub>"
                                % (NS_PUBSUB_OWNER, a(self.spec["node"])))
            known |= {s.get("jid", "").split("/")[0] for s in res.xml.iter("{%s}subscription" % NS_PUBSUB_OWNER)
                      if s.get("subscription") == "pending"}
        except IqError:
            pass
        return "%spending %s" % (self.prefix, " ".join(sorted(known)) or "none")


class _MatchForm:
    """A message carrying a data form of one FORM_TYPE (slixmpp matcher protocol)."""

    def __init__(self, form_type):
        self.form_type = form_type

    def match(self, stanza):
        if stanza.xml.tag != "{jabber:client}message":
            return False
        form = stanza.xml.find("{%s}x" % NS_XDATA)
        return form is not None and form_values(form).get("FORM_TYPE") == self.form_type


class NeighbourThing(PubsubClient):
    """Asks to subscribe to nodes on command and says what came of it."""

    def pubsub_setup(self):
        self.prefix = self.entry["reply_prefix"]
        self.watching = {}         # (service, node) -> JID to tell about changes
        self.commands.update({"subscribe": self.cmd_subscribe, "unsubscribe": self.cmd_unsubscribe,
                              "status": self.cmd_status})
        self.register_handler(Callback("neighbour subscription events",
                                       _MatchEventChild("subscription"), self._on_subscription_event))

    def target(self, args):
        if not args or len(args) > 2:
            raise ValueError
        return (args[1] if len(args) == 2 else self.service), args[0]

    async def cmd_subscribe(self, msg, args):
        try:
            service, node = self.target(args)
        except ValueError:
            return "%susage: subscribe <node> [<service>]" % self.prefix
        self.watching[(service, node)] = msg["from"]
        try:
            res = await self.ps(service, "set", "<pubsub xmlns='%s'><subscribe node=%s jid=%s/></pubsub>"
                                % (NS_PUBSUB, a(node), a(self.boundjid.bare)))
        except IqError as e:
            return "%ssubscribe %s: error %s" % (self.prefix, node, e.iq["error"]["condition"])
        sub = res.xml.find("{%s}pubsub/{%s}subscription" % (NS_PUBSUB, NS_PUBSUB))
        state = sub.get("subscription", "subscribed") if sub is not None else "subscribed"
        return "%ssubscribe %s: %s" % (self.prefix, node, state)

    async def cmd_unsubscribe(self, msg, args):
        try:
            service, node = self.target(args)
        except ValueError:
            return "%susage: unsubscribe <node> [<service>]" % self.prefix
        self.watching.pop((service, node), None)
        try:
            await self.ps(service, "set", "<pubsub xmlns='%s'><unsubscribe node=%s jid=%s/></pubsub>"
                          % (NS_PUBSUB, a(node), a(self.boundjid.bare)))
        except IqError as e:
            return "%sunsubscribe %s: error %s" % (self.prefix, node, e.iq["error"]["condition"])
        return "%sunsubscribe %s: ok" % (self.prefix, node)

    async def cmd_status(self, msg, args):
        try:
            service, node = self.target(args)
        except ValueError:
            return "%susage: status <node> [<service>]" % self.prefix
        try:
            res = await self.ps(service, "get", "<pubsub xmlns='%s'><subscriptions node=%s/></pubsub>"
                                % (NS_PUBSUB, a(node)))
        except IqError as e:
            return "%sstatus %s: error %s" % (self.prefix, node, e.iq["error"]["condition"])
        states = [s.get("subscription") for s in res.xml.iter("{%s}subscription" % NS_PUBSUB)
                  if s.get("node", node) == node]
        return "%sstatus %s: %s" % (self.prefix, node, states[0] if states else "none")

    def _on_subscription_event(self, msg):
        service = msg["from"].bare
        for sub in msg.xml.iter("{%s}subscription" % NS_PUBSUB_EVENT):
            node = sub.get("node")
            who = self.watching.get((service, node))
            if who is not None and sub.get("jid", "").split("/")[0] == self.boundjid.bare:
                self.send_message(mto=who, mbody="%s%s: %s" % (self.prefix, node, sub.get("subscription")),
                                  mtype="chat")


class _MatchEventChild:
    """A pubsub event message with a child of this name (slixmpp matcher protocol)."""

    def __init__(self, name):
        self.name = name

    def match(self, stanza):
        event = stanza.xml.find("{%s}event" % NS_PUBSUB_EVENT)
        return (stanza.xml.tag == "{jabber:client}message" and event is not None
                and event.find("{%s}%s" % (NS_PUBSUB_EVENT, self.name)) is not None)
