"""The thing registry's records and searches, without any XMPP code (things_registry.py
speaks the protocol; this file keeps the state).

A record is one registered thing: its bare JID, the node address behind it (XSF
nodeId/sourceId/cacheType, NF id/src/pt; one triple, spelled per generation on the
wire), its meta tags, its owner (None while unclaimed) and whether it is public.
Tag names compare case-insensitively; a tag keeps the spelling it was registered with.

Searches follow XEP-0347 §3.12 and NF Discovery.md: the operators are AND-ed, a tag
that a thing lacks fails every operator on it (also strNEq), only claimed public
things are found, any operator on KEY finds nothing, and KEY is never returned.
"""
import math
import re
import secrets

STR_OPS = ("strEq", "strNEq", "strGt", "strGtEq", "strLt", "strLtEq", "strRange", "strNRange",
           "strMask", "strRegEx")
NUM_OPS = ("numEq", "numNEq", "numGt", "numGtEq", "numLt", "numLtEq", "numRange", "numNRange")
NAME_MAX = 64          # NF Discovery.md (XEP-0347: 32)
STR_VALUE_MAX = 128


class BadRequest(Exception):
    """A malformed request: the registry answers bad-request with this text."""


class Tag:
    __slots__ = ("kind", "name", "value")

    def __init__(self, kind, name, value):
        self.kind = kind          # 'str' or 'num'
        self.name = name          # as registered
        self.value = value        # the lexical value, as registered

    def number(self):
        return float(self.value)

    def same(self, other):
        if self.kind != other.kind or self.name.upper() != other.name.upper():
            return False
        if self.kind == "num":
            return self.number() == other.number()
        return self.value == other.value


def parse_tags(elements):
    """{UPPER NAME: Tag} of <str/>/<num/> children (already local-named ('str', attrs))."""
    tags = {}
    for kind, attrs in elements:
        name, value = attrs.get("name"), attrs.get("value")
        if not name or value is None:
            raise BadRequest("a tag without name or value")
        if len(name) > NAME_MAX or re.search(r"[\s:#=<>]", name):
            raise BadRequest("invalid tag name")
        if kind == "str" and len(value) > STR_VALUE_MAX:
            raise BadRequest("string tag value longer than %d characters" % STR_VALUE_MAX)
        if kind == "num":
            try:
                if not math.isfinite(float(value)):
                    raise ValueError
            except ValueError:
                raise BadRequest("numeric tag %s is not a number" % name) from None
        tags[name.upper()] = Tag(kind, name, value)
    return tags


class Record:
    def __init__(self, jid, node, tags, full=None):
        self.jid = jid                   # bare JID
        self.node = node                 # (id, src, pt); ('', '', '') for the thing itself
        self.tags = tags                 # {UPPER NAME: Tag}
        self.full = full or jid          # where the registry reaches the thing
        self.owner = None
        self.public = False
        self.self_owned = False
        self.disowning = False     # the thing has been told; it may register anew meanwhile

    @property
    def key(self):
        return (self.jid, self.node)


def _truth(v, default=True):
    if v is None:
        return default
    return v.lower() in ("true", "1")


def _mask_regex(value, wildcard):
    if not wildcard:
        return re.escape(value)
    return ".*".join(re.escape(part) for part in value.split(wildcard))


def _compare(op, tag, attrs):
    """Does tag satisfy the operator? Raises BadRequest on malformed operands."""
    if op.startswith("num"):
        if tag.kind != "num":
            return False
        conv = float
        have = tag.number()
    else:
        if tag.kind != "str":
            return False
        conv = str
        have = tag.value
    base = op[3:]
    try:
        if base in ("Range", "NRange"):
            lo, hi = conv(attrs["min"]), conv(attrs["max"])
            lo_in, hi_in = _truth(attrs.get("minIncluded")), _truth(attrs.get("maxIncluded"))
            inside = (have >= lo if lo_in else have > lo) and (have <= hi if hi_in else have < hi)
            return inside if base == "Range" else not inside
        if base == "Mask":
            return re.fullmatch(_mask_regex(attrs["value"], attrs.get("wildcard", "*")), have, re.S) is not None
        if base == "RegEx":
            return re.fullmatch(attrs["value"], have, re.S) is not None
        c = conv(attrs["value"])
    except (KeyError, ValueError, re.error) as e:
        raise BadRequest("%s: %s" % (op, e)) from None
    return {"Eq": have == c, "NEq": have != c, "Gt": have > c, "GtEq": have >= c,
            "Lt": have < c, "LtEq": have <= c}[base]


class Registry:
    """Every record, in the order they were first registered."""

    def __init__(self, max_count=100):
        self.records = {}          # (jid, node) -> Record
        self.max_count = max_count

    # -- lookups --------------------------------------------------------------------------------
    def get(self, jid, node):
        return self.records.get((jid, node))

    def owned_by(self, owner):
        return [r for r in self.records.values() if r.owner == owner and not r.self_owned]

    def owner_of(self, jid, node=("", "", "")):
        r = self.get(jid, node)
        return r.owner if r else None

    # -- changes --------------------------------------------------------------------------------
    def register(self, jid, node, tags, full, self_owned=False):
        """(claimed record or None): a claimed thing's registration changes nothing."""
        r = self.get(jid, node)
        if r is not None and r.owner and not r.disowning:
            return r
        r = Record(jid, node, tags, full)
        if self_owned:
            r.owner, r.public, r.self_owned = jid, True, True
        self.records[r.key] = r
        return None

    def claim(self, owner, tags, public, remove_key):
        """The record claimed, or None (not found, or someone else's)."""
        for r in self.records.values():
            if len(r.tags) != len(tags) or not all(k in r.tags and r.tags[k].same(t) for k, t in tags.items()):
                continue
            if r.owner and r.owner != owner:
                continue
            r.owner, r.public = owner, public
            if remove_key:
                r.tags.pop("KEY", None)
            return r
        return None

    def disown(self, r):
        """Back to unclaimed: every tag removed, a random KEY (XEP-0347 §3.14)."""
        r.owner, r.public, r.self_owned = None, False, False
        r.tags = {"KEY": Tag("str", "KEY", secrets.token_hex(16))}

    def remove(self, r):
        self.records.pop(r.key, None)

    @staticmethod
    def update(r, tags):
        for k, t in tags.items():
            if t.kind == "str" and t.value == "":
                r.tags.pop(k, None)
            else:
                r.tags[k] = t

    # -- search ---------------------------------------------------------------------------------
    def search(self, operators, offset, max_count):
        """(records of the page, more). operators: [(op, attrs)]."""
        for op, _attrs in operators:
            if op not in STR_OPS and op not in NUM_OPS:
                raise BadRequest("unknown search operator %s" % op)
        count = min(max_count or self.max_count, self.max_count)
        if any((attrs.get("name") or "").upper() == "KEY" for _op, attrs in operators):
            return [], False
        hits = []
        for r in self.records.values():
            if not (r.owner and r.public):
                continue
            ok = True
            for op, attrs in operators:
                tag = r.tags.get((attrs.get("name") or "").upper())
                if tag is None or not _compare(op, tag, attrs):
                    ok = False
                    break
            if ok:
                hits.append(r)
        page = hits[offset:offset + count]
        return page, offset + count < len(hits)

    @staticmethod
    def page(records, offset, max_count, cap):
        count = min(max_count or cap, cap)
        return records[offset:offset + count], offset + count < len(records)


# -- iotdisco URIs (NF Discovery.md) and XEP-0347 QR strings -----------------------------------------
def _escape(value):
    return value.replace("\\", "\\\\").replace(";", "\\;")


def iotdisco_uri(tags, registry=None):
    """tags: [(kind, name, value)] in order; the NF URI, with R= when registry is given."""
    parts = [("#" if kind == "num" else "") + name + "=" + _escape(value) for kind, name, value in tags]
    if registry:
        parts.append("R=" + _escape(registry))
    return "iotdisco:" + ";".join(parts)


def xep0347_qr(tags):
    return "IoTDisco" + "".join(";" + ("#" if kind == "num" else "") + name + ":" + _escape(value)
                                for kind, name, value in tags)
