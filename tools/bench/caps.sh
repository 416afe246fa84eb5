#!/bin/bash
# caps.sh BUILD_DIR — run by tools/bench/run.sh inside tests/testenv.sh: a
# crowd of 500 contacts (20 of them things) online with caps presence, and
# two logins of the headless client, the second with the store of the first.
# Prints "caps NAME VALUE" lines.
set -eu
B=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
READY=$XMPP_DIR/crowd.ready
THINGS=20

# Most people on 4 shared client versions, every 10th also on a phone, 30
# without caps and 10 with legacy caps; the things on 3 versions.
timeout -s KILL 300 /usr/bin/python3 "$ROOT/tests/sim/crowd.py" --port "$XMPP_PORT" --domain "$XMPP_DOMAIN" \
	--data "$XMPP_DIR/data" --contacts 500 --things $THINGS --people-versions 4 --thing-versions 3 \
	--no-caps 30 --legacy-caps 10 --second-resource-every 10 --ready-file "$READY" \
	>"$XMPP_DIR/crowd.log" 2>&1 &
crowd=$!
trap 'kill -TERM $crowd 2>/dev/null || true' EXIT
n=3000
while [ ! -s "$READY" ]; do
	kill -0 $crowd 2>/dev/null && [ $n -gt 0 ] || { cat "$XMPP_DIR/crowd.log" >&2; exit 1; }
	sleep 0.01; n=$((n-1))
done
/usr/bin/python3 - "$READY" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for k in ("contacts", "things", "resources", "caps_versions", "resources_without_caps", "login_seconds"):
    print("caps", k, s[k])
PY
"$B/bench-caps" first $THINGS
"$B/bench-caps" second $THINGS
ls -l "$XMPP_DIR/purple-client/xmpp-iot/store.db" | awk '{ print "caps store-bytes", $5 }'
