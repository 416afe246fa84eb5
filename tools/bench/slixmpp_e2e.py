#!/usr/bin/python3
"""The same readout as bench-e2e.c, done by a slixmpp 1.8.3 client with its
own xep_0323 plugin: request_data() to the thermostat until its "done"
callback, RUNS times after one warm-up; then the same control, with its own
xep_0325 plugin: set_request() of the setpoint until its "OK" callback.
Run inside tests/testenv.sh.

Prints "e2e slixmpp read <median-s> <min-s>" and "e2e slixmpp control <median-s> <min-s>".
"""
import asyncio
import logging
import os
import statistics
import sys
import time

import slixmpp

RUNS = 21
PAUSE_S = 0.150
DEVICE = "thermostat@%s/hw" % os.environ.get("XMPP_DOMAIN", "home.example")


class Reader(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__("alice@%s/bench" % os.environ.get("XMPP_DOMAIN", "home.example"), "alicepass")
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0323")
        self.register_plugin("xep_0325")
        self.add_event_handler("session_start", self.start)
        self.times = []
        self.control_times = []
        self.rc = 1

    def readout(self):
        fut = asyncio.get_event_loop().create_future()

        def cb(from_jid, result, **kw):
            if result == "done" and not fut.done():
                fut.set_result(True)
            elif result in ("rejected", "failure") and not fut.done():
                fut.set_exception(RuntimeError(result))

        self["xep_0323"].request_data(self.boundjid.full, DEVICE, cb, flags={"momentary": "true"})
        return fut

    def control(self, setpoint):
        fut = asyncio.get_event_loop().create_future()

        def cb(from_jid, result, **kw):
            if fut.done():
                return
            if result == "OK":
                fut.set_result(True)
            else:
                fut.set_exception(RuntimeError("%s %s" % (result, kw.get("error_msg", ""))))

        self["xep_0325"].set_request(self.boundjid.full, DEVICE, cb, [("setpoint", "double", setpoint)])
        return fut

    async def start(self, _):
        try:
            self.send_presence()
            await asyncio.wait_for(self.readout(), 10)
            for _ in range(RUNS):
                await asyncio.sleep(PAUSE_S)  # the same pause as bench-e2e.c
                t0 = time.perf_counter()
                await asyncio.wait_for(self.readout(), 10)
                self.times.append(time.perf_counter() - t0)
            await asyncio.wait_for(self.control("20.5"), 10)
            for i in range(RUNS):
                await asyncio.sleep(PAUSE_S)
                t0 = time.perf_counter()
                await asyncio.wait_for(self.control("20.5" if i % 2 else "21.5"), 10)
                self.control_times.append(time.perf_counter() - t0)
            await asyncio.wait_for(self.control("20.0"), 10)
            self.rc = 0
        finally:
            self.disconnect(wait=0.2)


def main():
    logging.basicConfig(level=logging.ERROR)
    x = Reader()
    x.connect(("127.0.0.1", int(os.environ["XMPP_PORT"])), force_starttls=False, disable_starttls=True)
    loop = asyncio.get_event_loop()
    x.add_event_handler("disconnected", lambda _: loop.stop())
    loop.call_later(60, loop.stop)
    loop.run_forever()
    if x.rc != 0 or not x.times or not x.control_times:
        print("slixmpp client failed", file=sys.stderr)
        sys.exit(1)
    print("e2e slixmpp read %.6f %.6f" % (statistics.median(x.times), min(x.times)))
    print("e2e slixmpp control %.6f %.6f" % (statistics.median(x.control_times), min(x.control_times)))


if __name__ == "__main__":
    main()
