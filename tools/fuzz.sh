#!/bin/bash
# fuzz.sh BUILD_FUZZ_DIR SECONDS — runs every libFuzzer target built in
# BUILD_FUZZ_DIR for SECONDS each, seeded from its fixtures (a fresh copy, so
# the repository is never written to). A crash, leak or timeout fails the
# run; the input is kept in BUILD_FUZZ_DIR/crashes/ to become a unit fixture.
set -eu
B=$(cd "$1" && pwd) SECONDS_EACH=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$B/crashes"
rc=0 passed=0 failed=0
for t in "$B"/fuzz-*; do
	[ -x "$t" ] || continue
	name=$(basename "$t"); name=${name#fuzz-}
	case "$name" in
	sensordata) seeds=sd ;;
	history-load) seeds=history ;;
	dataform) seeds=forms ;;
	control) seeds=ctl ;;
	controllog-load) seeds=controllog ;;
	pubsub-*) seeds=pubsub ;;
	provisioning) seeds=registry ;;
	*) seeds=$name ;;
	esac
	corpus=$(mktemp -d)
	[ -d "$ROOT/tests/fixtures/$seeds" ] && find "$ROOT/tests/fixtures/$seeds" -type f -exec cp {} "$corpus/" \;
	dict=()
	[ -f "$ROOT/tests/fuzz/$name.dict" ] && dict=(-dict="$ROOT/tests/fuzz/$name.dict")
	if "$t" "${dict[@]}" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$B/crashes/$name-" -print_final_stats=1 "$corpus" > "$B/$name.log" 2>&1; then
		echo "fuzz: $name: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$B/$name.log" | grep -o '[0-9]*$') runs in ${SECONDS_EACH} s, nothing found"
		passed=$((passed + 1))
	else
		echo "fuzz: $name FAILED; see $B/$name.log and $B/crashes/"
		tail -30 "$B/$name.log"
		failed=$((failed + 1)); rc=1
	fi
	rm -rf "$corpus"
done
echo "fuzz: $passed passed, $failed failed"
exit $rc
