#!/usr/bin/python3
"""QR fixtures of the simulated home: one PNG per unclaimed thing of data/home.json (things
with a "registry" entry and no "owner"), made by Debian's qrencode from its iotdisco URI,
plus two images that must fail politely.

    things_registry_qr.py --config data/home.json --out DIR [--domain D]

Writes into DIR (tests/testenv.sh: $XMPP_DIR/qr, exported as IOT_QR_DIR):
  <localpart>.png    the thing's iotdisco: URI (NF Discovery.md; tags in home.json order,
                     ';' and '\\' in values escaped with '\\', numeric tags prefixed '#',
                     R=<registry JID> appended where the entry has "qr_registry": true)
  garbage.png        not an image at all: a PNG signature followed by random bytes
  malformed.png      a readable QR code whose text is a malformed URI (MALFORMED_URI)
  manifest.tsv       one line per image: file name, TAB, the text it holds
                     ("-" for garbage.png), TAB, the XEP-0347 "IoTDisco;..." form of the
                     same tags ("-" where there is none)
Takes about 10 ms per image.
"""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from things_home import Home  # noqa: E402
from things_registry_store import iotdisco_uri, xep0347_qr  # noqa: E402

# A tag without '=', a numeric tag that is no number, an empty tag name, a dangling escape.
MALFORMED_URI = "iotdisco:MAN=home.example;SN;#V=one.two;=x;KEY=abc\\"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def qrencode(text, path):
    # -8: the text as 8-bit data, exactly as given; -l M: medium error correction.
    subprocess.run(["qrencode", "-8", "-l", "M", "-s", "6", "-m", "4", "-o", path, text], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--domain")
    a = ap.parse_args()
    home = Home(a.config)
    if a.domain:
        home.domain = a.domain
    os.makedirs(a.out, exist_ok=True)
    lines = []
    for t in home.things:
        spec = t.get("registry")
        if not spec or t.get("owner"):
            continue
        tags = [(g.get("type", "str"), g["name"], g["value"]) for g in spec["tags"]]
        registry = home.component_jid("registry") if spec.get("qr_registry") and "registry" in home.components else None
        uri = iotdisco_uri(tags, registry)
        name = t["localpart"] + ".png"
        qrencode(uri, os.path.join(a.out, name))
        lines.append("%s\t%s\t%s" % (name, uri, xep0347_qr(tags)))
    qrencode(MALFORMED_URI, os.path.join(a.out, "malformed.png"))
    lines.append("malformed.png\t%s\t-" % MALFORMED_URI)
    with open(os.path.join(a.out, "garbage.png"), "wb") as f:
        f.write(PNG_SIGNATURE + os.urandom(512))
    lines.append("garbage.png\t-\t-")
    with open(os.path.join(a.out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
