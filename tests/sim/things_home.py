"""The simulated home as defined in data/home.json, without any XMPP code.

Kept free of slixmpp so that seeding Prosody's storage and reading the
expectations stay fast and importable from anything.
"""
import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CONFIG = os.path.normpath(os.path.join(HERE, "..", "..", "data", "home.json"))


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def xs_datetime(when):
    """xs:dateTime in UTC with a 'Z', as NF devices and most peers write it."""
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def field_value(field, now=None):
    """The lexical value of a field; relative times are resolved against now."""
    if "value" in field:
        return field["value"]
    now = now or utcnow()
    if "minutes_ago" in field:
        return xs_datetime(now - datetime.timedelta(minutes=field["minutes_ago"]))
    if "hours_ago" in field:
        return xs_datetime(now - datetime.timedelta(hours=field["hours_ago"]))
    if "repeat" in field:
        return field["repeat"] * field["count"]
    raise KeyError("field %r has no value" % field.get("name"))


def bulk_name(spec, i):
    return spec["name_format"] % i


def bulk_value(spec, i):
    milli = spec["value_start_milli"] + i
    return "%d.%03d" % divmod(milli, 1000)


class Home:
    def __init__(self, path=None):
        self.path = os.path.abspath(path or DEFAULT_CONFIG)
        with open(self.path, encoding="utf-8") as f:
            self.data = json.load(f)
        self.domain = self.data["server"]["domain"]
        self.pubsub = self.data["server"]["pubsub"]
        self.admins = list(self.data["server"].get("admins", []))
        self.owner = self.data["owner"]
        self.users = self.data["users"]
        self.things = self.data["things"]
        self.by_localpart = {a["localpart"]: a for a in self.users + self.things}
        self.components = {k: v for k, v in self.data.get("components", {}).items() if not k.startswith("_")}

    # -- addresses -----------------------------------------------------------
    def bare(self, entry_or_localpart):
        lp = entry_or_localpart if isinstance(entry_or_localpart, str) else entry_or_localpart["localpart"]
        return "%s@%s" % (lp, self.domain)

    def full(self, entry):
        if isinstance(entry, str):
            entry = self.by_localpart[entry]
        return "%s/%s" % (self.bare(entry), entry["resource"])

    def component(self, name):
        """home.json "components" entry: registry, provisioning."""
        return self.components[name]

    def component_jid(self, name):
        return "%s.%s" % (self.components[name]["subdomain"], self.domain)

    def thing(self, localpart):
        return self.by_localpart[localpart]

    # -- accounts and rosters -------------------------------------------------
    def accounts(self):
        """(localpart, password) of every account the server must know."""
        return [(a["localpart"], a["password"]) for a in self.users + self.things]

    def online_entries(self):
        """Every account that the simulation connects (has a resource)."""
        return [a for a in self.users + self.things
                if a.get("resource") and a.get("behaviour") != "offline"]

    def owner_contacts(self):
        """Everything in the owner's roster: things (unless in_roster is false) and the other people."""
        return [a for a in self.users + self.things
                if a["localpart"] != self.owner and a.get("in_roster", True)]

    def rosters(self):
        """{localpart: {contact bare jid: {name, group, subscription}}}, both directions."""
        owner_bare = self.bare(self.owner)
        back = self.data.get("contact_of_things", {"name": self.owner, "group": "Owner"})
        out = {self.owner: {}}
        for c in self.owner_contacts():
            out[self.owner][self.bare(c)] = {"name": c["name"], "group": c.get("group"),
                                            "subscription": "both"}
            is_person = any(c is u for u in self.users)
            out.setdefault(c["localpart"], {})[owner_bare] = {
                "name": back["name"],
                "group": "People" if is_person else back["group"],
                "subscription": "both"}
        return out
