#!/bin/bash
# check-demo.sh BUILD_DIR — runs `make demo` headless (tools/demo.sh without a
# display) and checks what it prints: every command is followed by its own
# answer, and each capability shows what the demo promises (README, "make demo").
set -eu
BUILD=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp "${TMPDIR:-/tmp}/iot-demo-check.XXXXXX")
trap 'rm -f "$OUT"' EXIT

if ! env -u DISPLAY "$ROOT/tools/demo.sh" "$BUILD" > "$OUT" 2>&1; then
	cat "$OUT"
	echo "check-demo: the demo failed" >&2
	exit 1
fi

fails=0
# has CMD TEXT: some answer printed under the line "> /CMD" holds TEXT.
has() {
	if ! awk -v cmd="> /$1" -v want="$2" '
		$0 == cmd { inside = 1; next }
		inside && ($0 == "" || /^=== / || /^--- /) { inside = 0 }
		inside && index($0, want) { found = 1 }
		END { exit !found }' "$OUT"; then
		echo "check-demo: no '$2' under '> /$1'" >&2
		fails=$((fails + 1))
	fi
}
# printed TEXT: the demo printed TEXT somewhere.
printed() {
	if ! grep -qF -- "$1" "$OUT"; then
		echo "check-demo: '$1' not printed" >&2
		fails=$((fails + 1))
	fi
}

has "read temperature humidity" "humidity     45 %"
has "control brightness=150" "Brightness must be between 0 and 100."
has "nodes" "bedroom-radiator"
has "subscribe home/station/nf" "Subscribed to home/station/nf"
has "subscriptions" "home/station/nf at pubsub.home.example: Subscribed"
has "items home/station/xsf 2" "Items of home/station/xsf"
has "items home/station/xsf 2" "r2: 21.5 °C"
has "items home/station/nf 2" "Items of home/station/nf"
has "items lab-42_meta" "Device name: lab-42"
has "items lab-42_data 2" "21.6 temperature"
has "unsubscribe home/station/nf" "Unsubscribed from home/station/nf"
has "alerts" "Front door: The door opened"
has "alerts" "Smoke detector test"
has "alerts" "Power spike"
has "alert add Power > 420" "Rule added: Power > 420"
has "alerts" "Alarm · New · Power is"
has "alerts" "Alarm · Cleared · Power is"
has "alerts" "Snoozed · Smoke detector"
printed "1234.567 kWh · 229.8 V"
has "things" "claimme1@home.example"
has "search MAN=example.org ROOM=Kitchen CLASS=Thermometer" "pub210@home.example"
has "questions" "May stranger@home.example read guarded@home.example"
has "questions 1 yes" "Answered: Yes"
printed "Stranger answers: stranger: read guarded: ok"
printed "claimme1@home.example is yours now"
printed "temperature  19.75 °C"

if [ "$fails" -ne 0 ]; then
	echo "--- what the demo printed:" >&2
	cat "$OUT" >&2
	exit 1
fi
echo "check-demo: the headless demo shows what it promises ($(grep -c '^> /' "$OUT") commands)"
