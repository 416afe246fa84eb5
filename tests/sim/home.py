#!/usr/bin/python3
"""Run the simulated home of data/home.json: every thing and person, one asyncio process.

    home.py --config data/home.json --port P [--host 127.0.0.1] [--domain home.example]
            [--ready-file F] [--only thermostat,bob,...] [--wire] [--starttls --cafile F]
            [--live S] [--publish-period S]
            [--component-port P --component-secret-file F]

Prints "READY <jid> ..." on stdout (and writes the JIDs to --ready-file) once every
account has bound its resource, sent presence and fetched its roster. Exits on
SIGTERM/SIGINT after closing the streams. --wire logs each stanza sent and received,
prefixed with the account's JID, to stderr. --live S makes every concentrator change a
node every S seconds (their home.json 'events_period_s' otherwise; 0 in tests).
--publish-period S makes the pubsub publishers (station, soxbox) publish a reading every S
seconds instead of their home.json 'publish_period_s' (0: only on their chat command).
The pubsub things, their nodes and commands: things_pubsub.py, things_pubsub_noisy.py.
--component-port (and the shared secret in --component-secret-file) also runs home.json's
"components" as XEP-0114 components on that port: the thing registry (things_registry.py)
and the provisioning service (things_provisioning.py); their things and the strangers:
things_provisioning_things.py. Without it those things run unregistered.

Run it with Debian's /usr/bin/python3: python3-slixmpp lives in dist-packages.
"""
import argparse
import asyncio
import logging
import os
import signal
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Every slixmpp client builds an SSL context that loads the system CA bundle
# (~20 ms each, a quarter of a second for the home). The sim only ever trusts
# --cafile, which slixmpp loads explicitly, so point OpenSSL's defaults at nothing.
os.environ["SSL_CERT_FILE"] = os.devnull
os.environ["SSL_CERT_DIR"] = os.devnull
# slixmpp warns at import time that it lacks the C stringprep; irrelevant here.
logging.getLogger("slixmpp.stringprep").setLevel(logging.ERROR)

from things_home import Home  # noqa: E402
from things_base import PersonClient  # noqa: E402
from things_hub import HubThing  # noqa: E402
from things_conc_things import BigConcentratorThing, XsfConcentratorThing  # noqa: E402
from things_pubsub import KeeperThing, NeighbourThing, SoxThing, StationThing  # noqa: E402
from things_pubsub_noisy import NoisyThing  # noqa: E402
from things_provisioning import ProvisioningComponent  # noqa: E402
from things_provisioning_things import RegistryThing, StrangerThing  # noqa: E402
from things_registry import RegistryComponent  # noqa: E402
from things_nf import BulkThing, LampThing, MeterThing, RefuserThing  # noqa: E402
from things_xsf import (AccompliceThing, DoorThing, GarbageThing, MalloryThing,  # noqa: E402
                        SilentThing, ThermostatThing)

# home.json "behaviour" -> class. 'offline' accounts are never connected.
BEHAVIOURS = {
    "echo": PersonClient,
    "slixmpp-xep0323": ThermostatThing,
    "nf-sensor": MeterThing,
    "ieee-concentrator": HubThing,
    "xsf-concentrator": XsfConcentratorThing,
    "big-concentrator": BigConcentratorThing,
    "sn-sensor": DoorThing,
    "nfi-sensor": LampThing,
    "silent": SilentThing,
    "refuser": RefuserThing,
    "garbage": GarbageThing,
    "bulk": BulkThing,
    "mallory": MalloryThing,
    "accomplice": AccompliceThing,
    "pubsub-publisher": StationThing,
    "sox-publisher": SoxThing,
    "pubsub-owner": KeeperThing,
    "pubsub-noisy": NoisyThing,
    "pubsub-neighbour": NeighbourThing,
    "registry-thing": RegistryThing,
    "stranger": StrangerThing,
}
COMPONENTS = {"registry": RegistryComponent, "provisioning": ProvisioningComponent}

READY_TIMEOUT = 20.0


def parse_args():
    ap = argparse.ArgumentParser(description="Run the simulated home.")
    ap.add_argument("--config", required=True, help="data/home.json")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--domain", help="override the domain of home.json")
    ap.add_argument("--ready-file", help="written once everything is online")
    ap.add_argument("--only", help="comma-separated localparts to run (default: all)")
    ap.add_argument("--wire", action="store_true", help="log every stanza to stderr")
    ap.add_argument("--starttls", action="store_true", help="require STARTTLS (default: plaintext)")
    ap.add_argument("--cafile", help="CA/server certificate that --starttls verifies against")
    ap.add_argument("--live", type=float, help="seconds between live changes of every concentrator")
    ap.add_argument("--publish-period", type=float,
                    help="seconds between readings of the pubsub publishers (0: only on command)")
    ap.add_argument("--component-port", type=int, help="XEP-0114 port: run home.json's components")
    ap.add_argument("--component-secret-file", help="the components' shared secret")
    ap.add_argument("--component-port-step", type=int, default=0,
                    help="component i (in the order of their names) connects to port + i * step")
    return ap.parse_args()


def setup_logging(wire):
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="%(asctime)s.%(msecs)03d %(levelname)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("home").setLevel(logging.DEBUG if wire else logging.WARNING)


def select(home, only):
    entries = home.online_entries()
    if not only:
        return entries
    names = set(only.split(","))
    unknown = names - {e["localpart"] for e in entries}
    if unknown:
        sys.exit("home.py: not an online account of the home: %s" % ", ".join(sorted(unknown)))
    # A thing that needs an accomplice gets it even if not named.
    names |= {e["accomplice"] for e in entries if e["localpart"] in names and e.get("accomplice")}
    return [e for e in entries if e["localpart"] in names]


async def run(args, home):
    peers = {}
    if args.component_port:
        with open(args.component_secret_file, encoding="utf-8") as f:
            args.component_secret = f.read().strip()
        for i, name in enumerate(sorted(COMPONENTS)):
            spec = dict(home.component(name), jid=home.component_jid(name),
                        port=args.component_port + i * args.component_port_step)
            peers["@" + name] = COMPONENTS[name](home, spec, args, peers)     # '@': no localpart clashes
    for entry in select(home, args.only):
        if args.live is not None and "concentrator" in entry:
            entry["concentrator"]["events_period_s"] = args.live
        cls = BEHAVIOURS.get(entry["behaviour"])
        if cls is None:
            sys.exit("home.py: unknown behaviour %r of %s" % (entry["behaviour"], entry["localpart"]))
        peers[entry["localpart"]] = cls(home, entry, args, peers)
    clients = list(peers.values())

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    # One TCP connect at a time (each takes a millisecond; sign-in goes on in parallel): a
    # burst of some 30 connects lost a SYN or two on the server's busy loopback, and a lost
    # SYN is sent again only after a second.
    for c in clients:
        connected = loop.create_future()
        c.add_event_handler("connected", lambda _e, f=connected: f.done() or f.set_result(None), disposable=True)
        c.start()
        try:
            await asyncio.wait_for(connected, 0.05)
        except asyncio.TimeoutError:
            pass
    waiting = asyncio.ensure_future(asyncio.wait_for(asyncio.gather(*(c.ready for c in clients)),
                                                     READY_TIMEOUT))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({waiting, stopping}, return_when=asyncio.FIRST_COMPLETED)
    rc = 0
    if waiting.done():
        try:
            jids = waiting.result()
        except (asyncio.TimeoutError, RuntimeError) as e:
            missing = [c.boundjid.full for c in clients if not c.ready.done()]
            print("home.py: not ready: %r %s" % (e, " ".join(missing)), file=sys.stderr, flush=True)
            rc = 1
        else:
            print("READY " + " ".join(jids), flush=True)
            if args.ready_file:
                tmp = args.ready_file + ".tmp"
                with open(tmp, "w") as f:
                    f.write("\n".join(jids) + "\n")
                os.rename(tmp, args.ready_file)    # readers never see a half-written file
            await stopping
    else:
        waiting.cancel()

    # Close every stream; the server then sends unavailable presence for us.
    closing = [c.shutdown() for c in clients]
    try:
        await asyncio.wait_for(asyncio.gather(*closing, return_exceptions=True), 1.0)
    except asyncio.TimeoutError:
        pass
    return rc


def main():
    args = parse_args()
    setup_logging(args.wire)
    home = Home(args.config)
    if args.domain:
        home.domain = args.domain
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)    # slixmpp picks the loop up with get_event_loop()
    rc = loop.run_until_complete(run(args, home))
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    # os._exit: the stock xep_0323 plugin starts non-daemon timer threads per
    # readout; a readout cut short by SIGTERM must not keep the process alive.
    os._exit(rc)


if __name__ == "__main__":
    main()
