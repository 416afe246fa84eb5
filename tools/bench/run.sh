#!/bin/bash
# run.sh BUILD_DIR — `make bench`: every measurement side by side in one run,
# printed as a table with ratios (absolute times differ between machines;
# the ratios are what the goals are about).
set -eu
B=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$B/bench
mkdir -p "$OUT"
PY=/usr/bin/python3

"$B/bench-parse" "$OUT" > "$OUT/results.txt"
"$B/bench-store" "$OUT" >> "$OUT/results.txt"
"$PY" "$ROOT/tools/bench/slixmpp_parse.py" "$OUT/readout-xsf.xml" >> "$OUT/results.txt" 2>/dev/null
# Both clients on the same plaintext stream: TLS would only measure NSS against OpenSSL.
XMPP_TLS=none IOT_PLUGIN=$B/xmpp-iot.so "$ROOT/tests/testenv.sh" run bash -c \
	"'$B/bench-e2e' && '$PY' '$ROOT/tools/bench/slixmpp_e2e.py' 2>/dev/null" \
	2>"$OUT/e2e.log" | grep -E '^(e2e|memory) ' >> "$OUT/results.txt" \
	|| { cat "$OUT/e2e.log" >&2; exit 1; }
"$B/bench-caps-cache" >> "$OUT/results.txt"
# Alert rules and the inbox, on a virtual clock (no server).
"$B/bench-alert" >> "$OUT/results.txt"
# The plant's node of 1,000 children, expanded through the stream into a tree model.
XMPP_TLS=none IOT_PLUGIN=$B/xmpp-iot.so "$ROOT/tests/testenv.sh" run "$B/bench-concentrator" \
	2>"$OUT/concentrator.log" | grep -E '^conc ' >> "$OUT/results.txt" \
	|| { cat "$OUT/concentrator.log" >&2; exit 1; }
# A headline storm: 10,000 headlines in 10 s from 50 contacts, through the stream.
XMPP_TLS=none IOT_PLUGIN=$B/xmpp-iot.so "$ROOT/tests/testenv.sh" run "$ROOT/tools/bench/alert-storm.sh" "$B" \
	2>"$OUT/alert-storm.log" | grep -E '^alertstorm ' >> "$OUT/results.txt" \
	|| { cat "$OUT/alert-storm.log" >&2; exit 1; }
# An event storm: 1,000 pubsub items a second for 10 s into a watched, subscribed node.
XMPP_TLS=none IOT_PLUGIN=$B/xmpp-iot.so "$ROOT/tests/testenv.sh" run "$B/bench-pubsub" 10 \
	2>"$OUT/pubsub.log" | grep -E '^pubsub ' >> "$OUT/results.txt" \
	|| { cat "$OUT/pubsub.log" >&2; exit 1; }
# A crowd of 500 contacts with caps presence, two logins (tools/bench/caps.sh).
XMPP_TLS=none IOT_PLUGIN=$B/xmpp-iot.so "$ROOT/tests/testenv.sh" run "$ROOT/tools/bench/caps.sh" "$B" \
	2>"$OUT/caps.log" | grep -E '^caps ' >> "$OUT/results.txt" \
	|| { cat "$OUT/caps.log" >&2; exit 1; }

awk '
function r(x) { return sprintf("%.2f", x) }
$1 == "parse" && $3 == "bytes" { bytes[$2] = $4 }
$1 == "parse" && $3 != "bytes" { t[$2 "/" $3] = $4; fps[$2 "/" $3] = $5 }
$1 == "e2e" { e2e[$2 "/" $3] = $4; e2emin[$2 "/" $3] = $5 }
$1 == "memory" { mem[$2] = $3 }
$1 == "caps" { caps[$2] = $3 }
$1 == "capscache" { capscache[$2] = $3 }
$1 == "store" { st[$2] = $3 }
$1 == "conc" { conc[$2] = $3; concmin[$2] = $4 }
$1 == "alert" { al[$2] = $3 }
$1 == "alertstorm" { as[$2] = $3 }
$1 == "pubsub" { ps[$2] = $3 }
END {
	printf "| measurement | ours | reference | ratio | goal |\n|---|---|---|---|---|\n"
	for (g in bytes) {
		printf "| parse 10,000 fields, %s (%d KB) | %.1f ms (%.0f fields/s) | libxml2 DOM walk %.1f ms | %s× the walk | ≤ 1.3× |\n", \
			g, bytes[g] / 1000, t[g "/ours"] * 1000, fps[g "/ours"], t[g "/libxml2"] * 1000, r(t[g "/ours"] / t[g "/libxml2"])
	}
	printf "| parse 10,000 fields, xsf | %.1f ms | slixmpp 1.8.3 xep_0323 stanzas %.1f ms | %s× faster | ≥ 5× faster |\n", \
		t["xsf/ours"] * 1000, t["xsf/slixmpp"] * 1000, r(t["xsf/slixmpp"] / t["xsf/ours"])
	printf "| /read round trip, thermostat (median of 21) | %.1f ms | slixmpp client %.1f ms | %s× slixmpp | ≤ 1× |\n", \
		e2e["plugin/read"] * 1000, e2e["slixmpp/read"] * 1000, r(e2e["plugin/read"] / e2e["slixmpp/read"])
	printf "| /control round trip, thermostat without a control form (median of 21) | %.1f ms | slixmpp client (xep_0325 set_request) %.1f ms | %s× slixmpp | ≤ 1× |\n", \
		e2e["plugin/control"] * 1000, e2e["slixmpp/control"] * 1000, r(e2e["plugin/control"] / e2e["slixmpp/control"])
	printf "| /read of 10,000 fields through the stream | %.0f ms | | | |\n", e2e["plugin/bulk"] * 1000
	printf "| peak memory of the client process | %.1f MB before, %.1f MB after the 10,000-field readout | | | |\n", \
		mem["plugin-process-peak-before-kib"] / 1024, mem["plugin-process-peak-after-10000-kib"] / 1024
	printf "| one thing'"'"'s history at its cap (500 series × 10,000 samples) | %.1f MB (%.1f bytes a sample) | | | |\n", \
		mem["history-at-cap-bytes"] / 1e6, mem["history-at-cap-bytes"] / 5e6
	goal1 = caps["caps_versions"] + caps["resources_without_caps"]
	met = (caps["first-queries"] <= goal1 && caps["second-queries"] <= caps["resources_without_caps"]) ? "met" : "MISSED"
	printf "| disco#info queries at login: %d contacts (%d things), %d resources, %d distinct caps versions, %d resources without caps | first login %d, second login %d (with the store of the first) | one per resource: %d | %.1f× fewer at the first login | ≤ %d at the first (one per version + one per resource without caps), none for known versions at the second (≤ %d): %s |\n", \
		caps["contacts"], caps["things"], caps["resources"], caps["caps_versions"], caps["resources_without_caps"], \
		caps["first-queries"], caps["second-queries"], caps["resources"], caps["resources"] / caps["first-queries"], \
		goal1, caps["resources_without_caps"], met
	printf "| the crowd'"'"'s things recognised, signed on to the last of them | %.2f s at the first login, %.2f s at the second (signing on took %.2f s, %.2f s) | | | |\n", \
		caps["first-recognised-s"], caps["second-recognised-s"], caps["first-signon-s"], caps["second-signon-s"]
	printf "| caps cache at its bound (%d versions of ~1.3 KB: %.1f MB) | lookup %.1f µs, store %.1f µs, open with check %.1f ms, prune %.1f ms (none stale) / %.1f ms (all) | | | |\n", \
		capscache["rows"], capscache["bytes"] / 1e6, capscache["get-us"], capscache["put-us"], capscache["open-ms"], \
		capscache["prune-none-ms"], capscache["prune-all-ms"]
	printf "| concentrator: expand the plant'"'"'s node of 1,000 children (getChildNodes without parameters and messages, through the stream into the tree model a window keeps; median of 5) | %.0f ms (best %.0f ms) | | | |\n", \
		conc["expand-1000-s"] * 1000, concmin["expand-1000-s"] * 1000
	printf "| concentrator: memory per loaded node (tree model) | %d bytes | | | |\n", conc["bytes-per-node"]
	printf "| alert rules: 1,000 rules (one on each of 1,000 fields) fed 1,000 updates a second, one tick a second (60 s, median of 5) | %.2f ms a second of updates (%d events) | the same rules 10 on each of 100 fields: %.2f ms | | < 5 ms |\n", \
		al["rules-1000-ms-per-s"], al["events"], al["rules-10x-ms-per-s"]
	printf "| alert storm, the core'"'"'s share: 10,000 headline stanzas in 10 s from 50 senders (40 strangers) parsed, read and added to the inbox | %.1f ms in all, slowest %.0f µs; %d entries kept (merged, throttled into summaries) | | | no main-loop gap over 50 ms, bounded |\n", \
		al["storm-ms"], al["storm-worst-us"], al["storm-entries"]
	printf "| alert storm through the stream: %d headlines in 10 s from %d contacts: longest main-loop gap (the main thread ran %.1f ms of it) | %.1f ms | | | ≤ 50 ms: %s |\n", \
		as["headlines"], as["senders"], as["gap-cpu-ms"], as["gap-ms"], as["gap-ms"] <= 50 ? "met" : "MISSED"
	printf "| alert storm through the stream: inbox entries kept (merged, throttled) / unread / notices shown, open | %d / %d / %d, %d | | | one notice open |\n", \
		as["entries"], as["unread"], as["popups"], as["popups-open"]
	printf "| alert storm through the stream: peak memory of the client process | %.1f MB (%.1f MB before: +%.2f MB) | | | bounded |\n", \
		as["peak-kib"] / 1024, as["rss-before-kib"] / 1024, (as["peak-kib"] - as["rss-before-kib"]) / 1024
	printf "| pubsub event storm, 1,000 items/s for 10 s into a watched node: longest main-loop gap (the main thread ran %.1f ms of it; most CPU between two 5 ms ticks %.1f ms) | %.1f ms | | | ≤ 50 ms: %s |\n", \
		ps["storm-gap-cpu-ms"], ps["storm-cpu-gap-ms"], ps["storm-gap-ms"], ps["storm-gap-ms"] <= 50 ? "met" : "MISSED"
	printf "| pubsub event storm: items received / handed to the watch / dropped (a batch keeps the newest 50) / retracted before shown, in %d batches | %d / %d / %d / %d | | | |\n", \
		ps["storm-batches"], ps["storm-events"], ps["storm-delivered"], ps["storm-dropped"], ps["storm-retracted"]
	printf "| pubsub event storm: peak memory of the client process | %.1f MB (%.1f MB before: +%.2f MB) | | | bounded |\n", \
		ps["storm-peak-kib"] / 1024, ps["storm-rss-before-kib"] / 1024, (ps["storm-peak-kib"] - ps["storm-rss-before-kib"]) / 1024
	printf "| history store: flush of 200 samples (200 series, a month stored) | %.1f ms median, %.1f ms worst, %d WAL pages | | | worst < 10 ms |\n", \
		st["flush-200-median-ms"], st["flush-200-worst-ms"], st["flush-200-wal-pages"]
	printf "| history store: flush of 2,000 samples | %.1f ms median, %.1f ms worst | | | |\n", \
		st["flush-2000-median-ms"], st["flush-2000-worst-ms"]
	printf "| history store: WAL checkpoint of 1,000 pages (SQLite'"'"'s automatic one, run by the store on its worker thread, off the main loop) | %.1f ms median, %.1f ms worst | | | |\n", \
		st["checkpoint-1000-pages-median-ms"], st["checkpoint-1000-pages-worst-ms"]
	printf "| history store: plot a day / a month of samples, a year of hours (1,000 columns) | %.1f / %.1f / %.1f ms | | | < 50 ms |\n", \
		st["plot-day-median-ms"], st["plot-month-median-ms"], st["plot-year-median-ms"]
	printf "| history store: plot a day of one sample a second (86,400) | %.1f ms | | | < 50 ms |\n", \
		st["plot-dense-day-median-ms"]
	printf "| history store: bytes on disk a sample (%.1f million samples) | %.1f | | | ≤ 40 |\n", \
		st["samples"] / 1e6, st["file-bytes-per-sample"]
	printf "| history store: memory (SQLite page cache and statements; module after a flush) | %.1f MB; %d bytes | | | |\n", \
		st["memory-sqlite-bytes"] / 1e6, st["memory-module-bytes"]
	printf "| history, a second of live updates of 200 series: time on the main loop | store: 200 values queued + one flush, %.1f ms median, %.1f ms worst | former files: 200 values added + the 10 things'"'"' files saved whole, %.0f ms median | %.0f× less | worst < 10 ms |\n", \
		st["live-second-median-ms"], st["live-second-worst-ms"], st["old-live-second-median-ms"], \
		st["old-live-second-median-ms"] / st["live-second-median-ms"]
	printf "| history, a plot'"'"'s query of a day / a month / a year | store, decimated to 1,000 columns: %.1f / %.1f / %.1f ms | former ring in memory, the samples and their min/max: %.2f / %.2f / %.2f ms (%d / %d / %d samples: a series held its last 10,000, 6.9 days) | %.0f× / %.0f× / %.0f× the ring'"'"'s time, for 1 / 30 / 365 days against 1 / 6.9 / 6.9 | < 50 ms |\n", \
		st["plot-day-median-ms"], st["plot-month-median-ms"], st["plot-year-median-ms"], \
		st["old-plot-day-median-ms"], st["old-plot-month-median-ms"], st["old-plot-year-median-ms"], \
		st["old-plot-day-points"], st["old-plot-month-points"], st["old-plot-year-points"], \
		st["plot-day-median-ms"] / st["old-plot-day-median-ms"], st["plot-month-median-ms"] / st["old-plot-month-median-ms"], \
		st["plot-year-median-ms"] / st["old-plot-year-median-ms"]
	printf "| history, resident memory growth loading 10 things of 20 series | store opened, every thing'"'"'s latest values and a day'"'"'s plot read: %.1f MB (a month and a year of statistics) | former files loaded: %.1f MB (%.1f million samples) | %.1f× less | |\n", \
		st["new-open-rss-kib"] / 1024, st["old-load-rss-kib"] / 1024, st["old-samples"] / 1e6, st["old-load-rss-kib"] / st["new-open-rss-kib"]
	printf "| history, bytes on disk a sample | store: %.1f (with indexes; plus %.1f an hour of statistics) | former files: %.1f | %.2f× | ≤ 40 |\n", \
		st["file-bytes-per-sample"], st["hour-table-bytes-per-hour"], st["old-file-bytes-per-sample"], st["file-bytes-per-sample"] / st["old-file-bytes-per-sample"]
	printf "| history store: opening it at load, with its integrity check (%.0f MB) | %.0f ms | | | |\n", \
		st["file-bytes"] / 1e6, st["open-with-check-ms"]
	printf "| history store: a readout window opens (a thing'"'"'s latest values and the newest 2,000 of each of its 20 fields) | %.1f ms median, %.1f ms worst | | | |\n", \
		st["window-fill-median-ms"], st["window-fill-worst-ms"]
}' "$OUT/results.txt" | tee "$OUT/table.md"
