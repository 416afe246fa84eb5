#!/bin/bash
# alert-storm.sh BUILD_DIR — run by tools/bench/run.sh inside tests/testenv.sh:
# 50 contacts (tests/sim/crowd.py) each send the headless client 200
# headlines over 10 s (10,000 in all) while it measures its main loop, its
# memory and its inbox. Prints "alertstorm NAME VALUE" lines.
set -eu
B=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
READY=$XMPP_DIR/crowd-alert.ready

timeout -s KILL 300 /usr/bin/python3 "$ROOT/tests/sim/crowd.py" --port "$XMPP_PORT" --domain "$XMPP_DOMAIN" \
	--data "$XMPP_DIR/data" --contacts 50 --things 0 --people-versions 1 --no-caps 0 --legacy-caps 0 \
	--ready-file "$READY" >"$XMPP_DIR/crowd-alert.log" 2>&1 &
crowd=$!
trap 'kill -TERM $crowd 2>/dev/null || true' EXIT
n=3000
while [ ! -s "$READY" ]; do
	kill -0 $crowd 2>/dev/null && [ $n -gt 0 ] || { cat "$XMPP_DIR/crowd-alert.log" >&2; exit 1; }
	sleep 0.01; n=$((n-1))
done
"$B/bench-alert-storm" 50 200 10
