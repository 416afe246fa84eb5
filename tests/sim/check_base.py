"""What the simulated home's self-test (check_home.py and its mixins) shares: the
namespaces, the time-outs, and helpers to read elements and stamps."""
import datetime

NS_XSF = "urn:xmpp:iot:sensordata"
NS_CTL = "urn:xmpp:iot:control"
NS_SN = "urn:xmpp:sn"
NS_NF = "urn:nf:iot:sd:1.0"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_XDATA = "jabber:x:data"
NS_XDV = "http://jabber.org/protocol/xdata-validate"
NS_XDL = "http://jabber.org/protocol/xdata-layout"
NS_XDD = "urn:xmpp:xdata:dynamic"
NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
NF_ELEMENT = {"numeric": "q", "string": "s", "boolean": "b", "date": "d", "dateTime": "dt",
              "time": "t", "duration": "dr", "int": "i", "long": "l", "enum": "e"}
TIMEOUT = 5.0
SILENT_TIMEOUT = 2.0


def local(tag):
    return tag.split("}", 1)[-1]


def parse_stamp(s):
    """xs:dateTime with Z, an offset, or none (slixmpp writes local time without a zone)."""
    d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return d if d.tzinfo else d.astimezone()


def age_minutes(stamp):
    return (datetime.datetime.now(datetime.timezone.utc) - parse_stamp(stamp)).total_seconds() / 60


def payloads(ns, name, key, value, sender=None):
    """Selector: children ns:name with key=value, optionally only from one full JID."""
    def select(s, msg):
        if sender is not None and s != sender:
            return []
        return [(s, e) for e in msg.findall("{%s}%s" % (ns, name)) if e.get(key) == value]
    return select
