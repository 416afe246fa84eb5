"""The presence part of the simulated home's self-test (a mixin of check_home.Checker: uses
its home, chat(), add_event_handler()): a thing taken offline on demand ('away', home.json)
goes offline for its contacts and comes back after the time asked."""
import asyncio
import time

from check_concentrators import expect

TIMEOUT = 5.0


class PresenceChecks:
    async def check_lamp_away(self):
        """'away 1': the lamp answers, goes offline for its contacts and comes back."""
        spec = self.home.thing("lamp")["away"]
        jid = self.home.bare("lamp")
        gone, back = asyncio.Event(), asyncio.Event()

        def on_presence(p):
            if p["from"].bare == jid:
                (gone if p["type"] == "unavailable" else back).set()
        self.add_event_handler("presence", on_presence)
        try:
            reply = await self.chat("lamp", "%s 1" % spec["command"], spec["reply_prefix"])
            expect(reply == spec["reply_prefix"] + "1", "lamp away: answered %r" % reply)
            await asyncio.wait_for(gone.wait(), TIMEOUT)
            back.clear()
            t0 = time.monotonic()
            await asyncio.wait_for(back.wait(), TIMEOUT)
            took = time.monotonic() - t0
            expect(took >= 0.5, "lamp away: back after %.2f s, asked 1 s" % took)
        finally:
            self.del_event_handler("presence", on_presence)
        return "offline for 1 s, then online again"
