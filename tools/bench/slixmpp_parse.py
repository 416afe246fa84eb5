#!/usr/bin/python3
"""Parse a 10,000-field XEP-0323 readout with slixmpp 1.8.3's own xep_0323
stanza classes, the way its plugin reads a <fields/> message
(XEP_0323._handle_event_fields): every node, timestamp and field with its
name, type, value, unit, data type and flags.

    slixmpp_parse.py FILE   prints "parse xsf slixmpp <seconds-per-run> <fields-per-second>"
"""
import sys
import time

from slixmpp.stanza import Message
from slixmpp.xmlstream import ET
import slixmpp.plugins.xep_0323.stanza.sensordata  # noqa: F401  registers the stanza plugins

RUNS = 3


def parse(data):
    msg = Message(xml=ET.fromstring(data))
    count = 0
    for node in msg['fields']['nodes']:
        for ts in node['timestamps']:
            for d in ts['datas']:
                block = {"name": d['name'], "typename": d._get_typename(), "value": d['value']}
                if d['unit'] != "":
                    block["unit"] = d['unit']
                if d['dataType'] != "":
                    block["dataType"] = d['dataType']
                flags = d._get_flags()
                if flags:
                    block["flags"] = flags
                count += 1
    return count


def main():
    data = open(sys.argv[1], 'rb').read()
    best = None
    for _ in range(RUNS):
        t0 = time.perf_counter()
        n = parse(data)
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    if n != 10000:
        print("slixmpp read %d fields, not 10000" % n, file=sys.stderr)
        sys.exit(1)
    print("parse xsf slixmpp %.6f %.0f" % (best, n / best))


if __name__ == '__main__':
    main()
