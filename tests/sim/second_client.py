#!/usr/bin/python3
"""Another client of the home's owner: signs in as the owner with a resource of its own and
answers one pending owner question at the provisioning service, as a second device of the
same person would. The service then tells every client of the owner (<answered/> to the
bare JID), which must make the question leave the first client too.

    tests/testenv.sh run /usr/bin/python3 tests/sim/second_client.py KEY THING REMOTE yes|no

KEY, THING, REMOTE: the question's key, thing and requester as the service sent them (a
canRead question). Answers canReadRule ... result <fromJid/>. Prints "answered" and exits
0 when the service took it; exits 1 otherwise (after 20 s at most). Uses XMPP_HOST,
XMPP_PORT, XMPP_DOMAIN, IOT_HOME_JSON and IOT_PROVISIONING_JID.
"""
import asyncio
import json
import os
import sys

import slixmpp
from slixmpp.xmlstream import ET
from slixmpp.exceptions import IqError, IqTimeout

NS_OWNER = "urn:nf:iot:prov:o:1.0"


def esc(s):
    return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;")


class Second(slixmpp.ClientXMPP):
    def __init__(self, jid, password, key, thing, remote, yes):
        super().__init__(jid, password)
        self.key, self.thing, self.remote, self.yes = key, thing, remote, yes
        self.done = self.loop.create_future()
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("failed_auth", lambda _e: self.finish("authentication failed"))

    def finish(self, error):
        if not self.done.done():
            self.done.set_result(error)

    async def on_start(self, _event):
        self.send_presence(ppriority=-1)      # never the one a chat goes to
        iq = self.make_iq_set(ito=os.environ["IOT_PROVISIONING_JID"])
        iq.append(ET.fromstring(
            "<canReadRule xmlns='%s' jid='%s' remoteJid='%s' key='%s' result='%s'><fromJid/></canReadRule>"
            % (NS_OWNER, esc(self.thing), esc(self.remote), esc(self.key), "true" if self.yes else "false")))
        try:
            await iq.send(timeout=10)
        except (IqError, IqTimeout) as e:
            return self.finish("not taken: %s" % e)
        self.finish(None)


async def main():
    if len(sys.argv) != 5 or sys.argv[4] not in ("yes", "no"):
        sys.exit(__doc__)
    with open(os.environ["IOT_HOME_JSON"]) as f:
        home = json.load(f)
    owner = home["owner"]
    user = next(u for u in home["users"] if u["localpart"] == owner)
    domain = os.environ.get("XMPP_DOMAIN") or home.get("domain")
    c = Second("%s@%s/second" % (owner, domain), user["password"], sys.argv[1], sys.argv[2], sys.argv[3],
               sys.argv[4] == "yes")
    c.connect((os.environ.get("XMPP_HOST", "127.0.0.1"), int(os.environ["XMPP_PORT"])),
              force_starttls=False, disable_starttls=True)
    try:
        error = await asyncio.wait_for(c.done, 20)
    except asyncio.TimeoutError:
        error = "no session within 20 s"
    c.disconnect(wait=0.5)
    await asyncio.sleep(0.6)
    if error:
        print("second client: %s" % error, file=sys.stderr, flush=True)
        return 1
    print("answered", flush=True)
    return 0


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sys.exit(loop.run_until_complete(main()))
