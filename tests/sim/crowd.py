#!/usr/bin/python3
"""A crowd of contacts in the owner's roster, online with XEP-0115 caps presence.

    crowd.py --port P --data DIR/data [--domain home.example] [--owner alice]
             [--contacts 40] [--things 4] [--people-versions 2] [--thing-versions 2]
             [--no-caps 2] [--legacy-caps 2] [--second-resource-every 0]
             [--ready-file F]

Most people share a few client versions (each a caps ver), some send no caps
or legacy caps (no hash); things are on a few versions of their own and offer
IoT features. Every resource answers disco#info (with or without the caps
node) with what its version stands for, so a client can verify the ver.

Seeds Prosody's storage first (accounts crowd-pNNN / crowd-tNNN, their rosters,
and the owner's roster: the home's contacts plus the crowd, with a new roster
version), so the owner must be offline while it starts and sign on afterwards.
Then logs every resource in over one asyncio loop (a minimal client: PLAIN,
bind, presence; plaintext, which the throwaway server allows), writes the
ready file with a JSON summary, and stays until SIGTERM. It exits when the
server goes away. A chat message "caps person" makes a resource announce a
person's version, "caps own" its own again (it answers "caps VER").
"headlines N S" makes it send the sender N headlines spread over S seconds
(texts from a few kinds, numbered, some repeated as real devices repeat
themselves) and answer "headlines sent N" at the end.

Run it with Debian's /usr/bin/python3.
"""
import argparse
import asyncio
import base64
import hashlib
import json
import os
import signal
import sys
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed_prosody import roster_lua, store_encode, lua_str, write  # noqa: E402
from things_home import Home  # noqa: E402

NS_STREAM = "http://etherx.jabber.org/streams"
NS_CLIENT = "jabber:client"
NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl"
NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind"
NS_DISCO = "http://jabber.org/protocol/disco#info"
NS_CAPS = "http://jabber.org/protocol/caps"
PASSWORD = "crowdpass"
LOGINS_AT_ONCE = 50

BASE_FEATURES = [NS_CAPS, NS_DISCO, "http://jabber.org/protocol/disco#items", "urn:xmpp:ping"]
# (name, extra features, a XEP-0232 software-info form or None)
PEOPLE = [
    ("Pidgin 2.14.12", ["http://jabber.org/protocol/muc", "http://jabber.org/protocol/chatstates"], None),
    ("Gajim 1.8.4", ["http://jabber.org/protocol/muc", "urn:xmpp:receipts", "urn:xmpp:jingle:1"],
     {"FORM_TYPE": ["urn:xmpp:dataforms:softwareinfo"], "software": ["Gajim"], "software_version": ["1.8.4"],
      "os": ["Linux"], "ip_version": ["ipv6", "ipv4"]}),
    ("Conversations 2.13", ["urn:xmpp:receipts", "urn:xmpp:carbons:2", "eu.siacs.conversations.axolotl.devicelist+notify"], None),
    ("Dino 0.4.3", ["urn:xmpp:jingle:1", "urn:xmpp:receipts", "urn:xmpp:mam:2"], None),
    ("Psi 1.5", ["http://jabber.org/protocol/muc", "jabber:iq:version"], None),
    ("Monal 6.0", ["urn:xmpp:carbons:2", "urn:xmpp:mam:2", "urn:xmpp:push:0"], None),
]
THINGS = [
    ("Sensor 1.2", ["urn:nf:iot:sd:1.0", "urn:nf:iot:ctr:1.0"]),
    ("Sensor 2.0", ["urn:nfi:iot:sd:1.0", "urn:nfi:iot:ctr:1.0", "urn:nfi:iot:events:1.0"]),
    ("slixmpp meter", ["urn:xmpp:iot:sensordata", "urn:xmpp:iot:control"]),
    ("IEEE gateway", ["urn:ieee:iot:sd:1.0", "urn:ieee:iot:ctr:1.0", "urn:ieee:iot:concentrator:1.0"]),
]


class Version:
    """What one software version answers to disco#info, and its caps ver."""

    def __init__(self, node, name, category, ctype, features, form=None):
        self.node = node
        self.identity = (category, ctype, "", name)
        self.features = sorted(set(BASE_FEATURES + features))
        self.form = form
        self.ver = base64.b64encode(hashlib.sha1(self.caps_string().encode("utf-8")).digest()).decode()

    def caps_string(self):
        """XEP-0115 §5.1, written independently of the plugin's C code."""
        s = "/".join(self.identity) + "<"
        s += "".join(f + "<" for f in self.features)
        if self.form:
            s += self.form["FORM_TYPE"][0] + "<"
            for var in sorted(k for k in self.form if k != "FORM_TYPE"):
                s += var + "<" + "".join(v + "<" for v in sorted(self.form[var]))
        return s

    def query(self, node_attr):
        cat, ctype, _lang, name = self.identity
        parts = ["<query xmlns='%s'%s>" % (NS_DISCO, " node=%s" % quoteattr(node_attr) if node_attr else ""),
                 "<identity category=%s type=%s name=%s/>" % (quoteattr(cat), quoteattr(ctype), quoteattr(name))]
        parts += ["<feature var=%s/>" % quoteattr(f) for f in self.features]
        if self.form:
            parts.append("<x xmlns='jabber:x:data' type='result'>")
            for var, values in self.form.items():
                hidden = " type='hidden'" if var == "FORM_TYPE" else ""
                parts.append("<field var=%s%s>%s</field>" % (
                    quoteattr(var), hidden, "".join("<value>%s</value>" % escape(v) for v in values)))
            parts.append("</x>")
        parts.append("</query>")
        return "".join(parts)


def plan(a):
    """Every resource of the crowd: (localpart, resource, caps mode, Version, is_thing)."""
    people_versions = [Version("https://crowd.example/%d" % i, *PEOPLE[i % len(PEOPLE)][:1], "client", "pc",
                               PEOPLE[i % len(PEOPLE)][1], PEOPLE[i % len(PEOPLE)][2])
                       for i in range(a.people_versions)]
    thing_versions = [Version("https://things.example/%d" % i, THINGS[i % len(THINGS)][0], "client", "bot",
                              THINGS[i % len(THINGS)][1]) for i in range(a.thing_versions)]
    phone = Version("https://crowd.example/phone", "Phone client 3.1", "client", "phone",
                    ["urn:xmpp:carbons:2", "urn:xmpp:push:0"])
    people = a.contacts - a.things
    if people < a.no_caps + a.legacy_caps or a.people_versions < 1 or (a.things and a.thing_versions < 1):
        sys.exit("crowd.py: the numbers do not add up")
    out = []
    for i in range(people):
        lp = "crowd-p%03d" % i
        if i < a.no_caps:
            mode = "none"
        elif i < a.no_caps + a.legacy_caps:
            mode = "legacy"
        else:
            mode = "hash"
        out.append((lp, "desktop", mode, people_versions[i % len(people_versions)], False))
        if a.second_resource_every and i % a.second_resource_every == a.second_resource_every - 1:
            out.append((lp, "phone", "hash", phone, False))
    for i in range(a.things):
        out.append(("crowd-t%03d" % i, "hw", "hash", thing_versions[i % len(thing_versions)], True))
    return out


def seed(a, resources, home):
    host_dir = os.path.join(a.data, store_encode(a.domain))
    owner_bare = "%s@%s" % (a.owner, a.domain)
    owner_roster = home.rosters().get(a.owner, {}) if home else {}
    for lp in sorted({r[0] for r in resources}):
        write(os.path.join(host_dir, "accounts", store_encode(lp) + ".dat"),
              "return {\n\t[\"password\"] = %s;\n};\n" % lua_str(PASSWORD))
        write(os.path.join(host_dir, "roster", store_encode(lp) + ".dat"),
              roster_lua({owner_bare: {"name": a.owner, "group": "Friends", "subscription": "both"}}))
        thing = lp.startswith("crowd-t")
        owner_roster["%s@%s" % (lp, a.domain)] = {"name": lp, "group": "Crowd things" if thing else "Crowd",
                                                  "subscription": "both"}
    # A new roster version: a client that cached the old one gets the whole roster.
    text = roster_lua(owner_roster).replace('["version"] = 1;', '["version"] = %d;' % int(time.time()))
    write(os.path.join(host_dir, "roster", store_encode(a.owner) + ".dat"), text)


class Peer:
    """One resource: a minimal client, enough for presence and disco#info."""

    def __init__(self, crowd, localpart, resource, mode, version):
        self.crowd = crowd
        self.jid = "%s@%s" % (localpart, crowd.domain)
        self.localpart = localpart
        self.resource = resource
        self.mode = mode
        self.version = version
        self.own_version = version
        self.writer = None
        self.queries = 0

    def send(self, text):
        self.writer.write(text.encode("utf-8"))

    def open_stream(self):
        self.parser = ET.XMLPullParser(events=("start", "end"))
        self.depth = 0
        self.root = None
        self.pending = []
        self.send("<?xml version='1.0'?><stream:stream to=%s xmlns='%s' xmlns:stream='%s' version='1.0'>"
                  % (quoteattr(self.crowd.domain), NS_CLIENT, NS_STREAM))

    async def element(self):
        """The next top-level element of the stream."""
        while not self.pending:
            data = await self.reader.read(65536)
            if not data:
                raise ConnectionError("the server closed the stream")
            self.parser.feed(data)
            for event, el in self.parser.read_events():
                if event == "start":
                    if self.depth == 0:
                        self.root = el
                    self.depth += 1
                else:
                    self.depth -= 1
                    if self.depth == 1:
                        self.pending.append(el)
                        self.root.remove(el)
        return self.pending.pop(0)

    async def login(self):
        self.reader, self.writer = await asyncio.open_connection(self.crowd.host, self.crowd.port)
        self.open_stream()
        await self.element()  # features
        token = base64.b64encode(("\0%s\0%s" % (self.localpart, PASSWORD)).encode()).decode()
        self.send("<auth xmlns='%s' mechanism='PLAIN'>%s</auth>" % (NS_SASL, token))
        el = await self.element()
        if el.tag != "{%s}success" % NS_SASL:
            raise RuntimeError("%s: authentication failed" % self.jid)
        self.open_stream()
        await self.element()  # features
        self.send("<iq type='set' id='bind'><bind xmlns='%s'><resource>%s</resource></bind></iq>"
                  % (NS_BIND, escape(self.resource)))
        el = await self.element()
        if el.get("type") != "result":
            raise RuntimeError("%s: bind failed" % self.jid)
        self.presence()

    def presence(self):
        if self.mode == "hash":
            caps = "<c xmlns='%s' hash='sha-1' node=%s ver=%s/>" % (NS_CAPS, quoteattr(self.version.node),
                                                                    quoteattr(self.version.ver))
        elif self.mode == "legacy":
            caps = "<c xmlns='%s' node=%s ver='1.0' ext='voice'/>" % (NS_CAPS, quoteattr(self.version.node))
        else:
            caps = ""
        self.send("<presence>%s</presence>" % caps)

    async def headlines(self, to, n, seconds):
        """n headlines to `to` over `seconds`, in slices of 50 ms; then says so."""
        kinds = ["Door opened", "Power spike: %d W", "Smoke detector test", "Temperature %d.5 °C", "Battery low"]
        start = time.monotonic()
        slices = max(1, int(seconds * 20))
        sent = 0
        for k in range(slices):
            due = (n * (k + 1)) // slices
            while sent < due:
                text = kinds[sent % len(kinds)]
                if "%d" in text:
                    text = text % (sent % 7 * 100)
                self.send("<message to=%s type='headline'><subject>%s</subject><body>%s #%d</body></message>"
                          % (quoteattr(to), escape(self.localpart), escape(text), sent % 3))
                sent += 1
            delay = start + (k + 1) * seconds / slices - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        self.send("<message to=%s type='chat'><body>headlines sent %d</body></message>" % (quoteattr(to), sent))

    def on_message(self, el):
        """'caps person' / 'caps own': announce a person's version, or its own again;
        'headlines N S': a storm of headlines to the sender."""
        body = el.findtext("{%s}body" % NS_CLIENT) or ""
        words = body.split()
        if len(words) == 3 and words[0] == "headlines" and el.get("from"):
            asyncio.ensure_future(self.headlines(el.get("from"), max(0, min(int(words[1]), 100000)),
                                                 max(0.05, min(float(words[2]), 600.0))))
            return
        if not body.startswith("caps ") or not el.get("from"):
            return
        self.version = self.crowd.person_version if body == "caps person" else self.own_version
        self.mode = "hash"
        self.presence()
        self.send("<message to=%s type='chat'><body>caps %s</body></message>"
                  % (quoteattr(el.get("from")), escape(self.version.ver)))

    async def serve(self):
        while True:
            el = await self.element()
            if el.tag == "{%s}message" % NS_CLIENT:
                self.on_message(el)
                continue
            if el.tag != "{%s}iq" % NS_CLIENT or el.get("type") not in ("get", "set"):
                continue
            to = quoteattr(el.get("from", ""))
            rid = quoteattr(el.get("id", ""))
            q = el.find("{%s}query" % NS_DISCO)
            if el.get("type") == "get" and q is not None:
                self.queries += 1
                self.send("<iq type='result' to=%s id=%s>%s</iq>" % (to, rid, self.version.query(q.get("node"))))
            else:
                self.send("<iq type='error' to=%s id=%s><error type='cancel'><service-unavailable "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>" % (to, rid))


class Crowd:
    def __init__(self, a, resources):
        self.host = a.host
        self.port = a.port
        self.domain = a.domain
        self.person_version = next(r[3] for r in resources if not r[4])


async def run(a, resources):
    crowd = Crowd(a, resources)
    peers = [Peer(crowd, lp, res, mode, ver) for lp, res, mode, ver, _thing in resources]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    gate = asyncio.Semaphore(LOGINS_AT_ONCE)

    async def login(p):
        async with gate:
            await p.login()

    t0 = time.monotonic()
    await asyncio.gather(*(login(p) for p in peers))
    serving = [asyncio.ensure_future(p.serve()) for p in peers]
    versions = {r[3].ver for r in resources if r[2] == "hash"}
    summary = {
        "contacts": len({r[0] for r in resources}),
        "things": len({r[0] for r in resources if r[4]}),
        "resources": len(resources),
        "caps_versions": len(versions),
        "thing_versions": len({r[3].ver for r in resources if r[4]}),
        "resources_without_caps": sum(1 for r in resources if r[2] != "hash"),
        "legacy_caps": sum(1 for r in resources if r[2] == "legacy"),
        "login_seconds": round(time.monotonic() - t0, 3),
    }
    if a.ready_file:
        with open(a.ready_file + ".tmp", "w") as f:
            json.dump(summary, f)
        os.rename(a.ready_file + ".tmp", a.ready_file)
    print("READY " + json.dumps(summary), flush=True)
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait(serving + [stopping], return_when=asyncio.FIRST_COMPLETED)
    rc = 0
    if stopping not in done:
        for t in done:
            print("crowd.py: %r" % t.exception(), file=sys.stderr, flush=True)
        rc = 1
    for t in serving:
        t.cancel()
    for p in peers:
        if p.writer is not None:
            p.writer.close()
    print("crowd.py: answered %d disco#info queries" % sum(p.queries for p in peers), file=sys.stderr, flush=True)
    return rc


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--domain", default="home.example")
    ap.add_argument("--data", required=True, help="Prosody data_path to seed")
    ap.add_argument("--owner", default="alice")
    ap.add_argument("--home", help="home.json whose owner roster is kept (default data/home.json)")
    ap.add_argument("--contacts", type=int, default=40)
    ap.add_argument("--things", type=int, default=4)
    ap.add_argument("--people-versions", type=int, default=2)
    ap.add_argument("--thing-versions", type=int, default=2)
    ap.add_argument("--no-caps", type=int, default=2)
    ap.add_argument("--legacy-caps", type=int, default=2)
    ap.add_argument("--second-resource-every", type=int, default=0,
                    help="every Nth person also has a phone resource on its own version")
    ap.add_argument("--ready-file")
    a = ap.parse_args()
    resources = plan(a)
    seed(a, resources, Home(a.home))
    try:
        sys.exit(asyncio.run(run(a, resources)))
    except (ConnectionError, RuntimeError, OSError) as e:
        sys.exit("crowd.py: %s" % e)


if __name__ == "__main__":
    main()
