"""Event subscriptions of the NF/IEEE generation (protocols.md §3.3), device side.

A thing that owns an EventSubscriptions keeps at most one subscription per
subscriber full JID (a new <subscribe/> replaces the old one, same id or not)
and sends an event

    <message><resp xmlns='urn:nf:iot:sd:1.0' id=…>…</resp></message>

whenever a watched field changed by its threshold since the last event (or
since the value the subscriber said it knows, <f v/>), never sooner than minInt
after the previous event, and at least every maxInt even without a change.
Which fields are watched: the <f n/> children, else every current field of the
requested categories. Thresholds: by (either way; overrides up/dn), up, dn, in
the field's unit; none: any change. A non-numeric field changes by 1 or 0.

The thing provides:
    current_fields()                  home.json field specs with their values now
    send_event(sub, fields)           one event message for the fields
    subscriptions_changed(n, before)  the number of subscriptions went from before to n
"""
import re

from things_base import categories_of, requested_categories

# xs:duration: PnYnMnDTnHnMnS, any part optional but at least one, seconds may be fractional.
DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
                      r"(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
# Calendar parts are not fixed lengths; a device only needs them roughly.
DURATION_SECONDS = (365 * 86400, 30 * 86400, 86400, 3600, 60, 1)


def parse_duration(text):
    """Seconds of a positive xs:duration ('PT1S', 'PT10M', 'P1DT2H', 'PT0.5S');
    None when absent, negative, zero or malformed (the limit is then not set)."""
    m = DURATION.match((text or "").strip())
    if not m:
        return None
    seconds = sum(float(v) * k for v, k in zip(m.groups(), DURATION_SECONDS) if v)
    return seconds if seconds > 0 else None


def parse_threshold(text):
    try:
        v = float(text)
    except (TypeError, ValueError):
        return None
    return v if v > 0 else None


def as_number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def changed(ref, cur, cond):
    """Whether cur differs from ref enough for cond (by, up, dn), all optional."""
    if ref is None:
        return cur is not None
    a, b = as_number(ref), as_number(cur)
    if a is None or b is None:           # strings, booleans, enums: a change is 1
        a, b = 0.0, (0.0 if ref == cur else 1.0)
        up = down = b
    else:
        up, down = b - a, a - b
    by, up_min, down_min = cond if cond else (None, None, None)
    if by is not None:
        return abs(up) >= by
    if up_min is None and down_min is None:
        return up != 0
    return (up_min is not None and up >= up_min) or (down_min is not None and down >= down_min)


class Subscription:
    """One accepted <subscribe/>: who, what and when."""

    def __init__(self, jid, el, events_ns):
        ns = events_ns
        self.jid = jid
        self.id = el.get("id", "")
        self.events_ns = events_ns
        self.cats = requested_categories(el.attrib, long_names=False) - {"h"}
        self.nodes = [(n.get("id"), n.get("src"), n.get("pt")) for n in el.findall("{%s}nd" % ns)]
        # name -> (by, up, dn) and name -> the value the subscriber knows
        self.conditions = {}
        self.known = {}
        for f in el.findall("{%s}f" % ns):
            name = f.get("n")
            if not name:
                continue
            self.conditions[name] = (parse_threshold(f.get("by")), parse_threshold(f.get("up")),
                                     parse_threshold(f.get("dn")))
            if f.get("v") is not None:
                self.known[name] = f.get("v")
        self.min_int = parse_duration(el.get("minInt")) or 0.0
        self.max_int = parse_duration(el.get("maxInt"))
        if self.max_int is not None:
            self.max_int = max(self.max_int, self.min_int)
        self.immediate = el.get("req", "").lower() in ("true", "1")
        self.refs = {}            # name -> value of the last event (the reference for changes)
        self.started = None       # loop time it was accepted
        self.last = None          # loop time of the last event
        self.deferred = None      # timer: look again once minInt has passed
        self.heartbeat = None     # timer: the event maxInt asks for

    def watches(self, field):
        if self.conditions and field.get("name") not in self.conditions:
            return False
        return bool(categories_of(field.get("flags", [])) & self.cats)

    def cancel_timers(self):
        for t in (self.deferred, self.heartbeat):
            if t is not None:
                t.cancel()
        self.deferred = self.heartbeat = None


class EventSubscriptions:
    def __init__(self, thing):
        self.thing = thing
        self.loop = thing.loop
        self.subs = {}            # subscriber full JID -> Subscription

    def __len__(self):
        return len(self.subs)

    def watched(self, sub):
        return [f for f in self.thing.current_fields() if sub.watches(f)]

    # -- requests ------------------------------------------------------------------------------
    def add(self, sub):
        """Accepts sub, replacing any earlier subscription of its JID. Call start() once
        the <accepted/> answer is sent."""
        before = len(self.subs)
        old = self.subs.pop(sub.jid, None)
        if old is not None:
            old.cancel_timers()
        self.subs[sub.jid] = sub
        if len(self.subs) != before:
            self.thing.subscriptions_changed(len(self.subs), before)

    def start(self, sub):
        if self.subs.get(sub.jid) is not sub:
            return
        sub.started = self.loop.time()
        for f in self.watched(sub):
            sub.refs[f["name"]] = sub.known.get(f["name"], f.get("value"))
        if sub.immediate:
            self.send(sub)
        else:
            self.arm_heartbeat(sub)
            self.check(sub)       # a value the subscriber knows may be out of date already

    def remove(self, jid, sid=None):
        """Ends the subscription of jid (if its id is sid, when given). True when one ended."""
        sub = self.subs.get(jid)
        if sub is None or (sid is not None and sub.id != sid):
            return False
        self.drop([jid])
        return True

    def drop_sender(self, jid):
        """The subscriber went offline or bounced: forget what it had (a bare JID: every resource)."""
        self.drop([j for j in self.subs if j == jid or ("/" not in jid and j.split("/", 1)[0] == jid)])

    def forget_all(self):
        self.drop(list(self.subs))

    def drop(self, jids):
        before = len(self.subs)
        for j in jids:
            sub = self.subs.pop(j, None)
            if sub is not None:
                sub.cancel_timers()
        if len(self.subs) != before:
            self.thing.subscriptions_changed(len(self.subs), before)

    # -- events --------------------------------------------------------------------------------
    def values_changed(self):
        for sub in list(self.subs.values()):
            self.check(sub)

    def triggered(self, sub):
        return any(changed(sub.refs.get(f["name"]), f.get("value"), sub.conditions.get(f["name"]))
                   for f in self.watched(sub))

    def check(self, sub):
        if self.subs.get(sub.jid) is not sub or not self.triggered(sub):
            return
        now = self.loop.time()
        if sub.last is not None and now - sub.last < sub.min_int:
            if sub.deferred is None:
                sub.deferred = self.loop.call_at(sub.last + sub.min_int, self._deferred, sub)
            return
        self.send(sub)

    def _deferred(self, sub):
        sub.deferred = None
        self.check(sub)

    def _heartbeat(self, sub):
        sub.heartbeat = None
        if self.subs.get(sub.jid) is sub:
            self.send(sub)

    def arm_heartbeat(self, sub):
        if sub.heartbeat is not None:
            sub.heartbeat.cancel()
            sub.heartbeat = None
        if sub.max_int is not None:
            base = sub.last if sub.last is not None else sub.started
            sub.heartbeat = self.loop.call_at(base + sub.max_int, self._heartbeat, sub)

    def send(self, sub):
        fields = self.watched(sub)
        self.thing.send_event(sub, fields)
        sub.last = self.loop.time()
        sub.refs = {f["name"]: f.get("value") for f in fields}
        if sub.deferred is not None:
            sub.deferred.cancel()
            sub.deferred = None
        self.arm_heartbeat(sub)
