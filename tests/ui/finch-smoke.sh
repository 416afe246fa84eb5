#!/bin/bash
# finch-smoke.sh PLUGIN_SO ARTIFACT_DIR
#   Real Finch (in a detached tmux terminal) with the libpurple-only plugin,
#   against the simulated home: signs alice on, opens the desk lamp's context
#   menu in the buddy list, takes "Control…", types a brightness out of the
#   form's range (the dialog comes back with the reason, nothing is sent),
#   then a good one, which the lamp applies — checked on the screen and in
#   the control log the plugin writes. Before that, it opens the home hub's
#   "Browse devices…", drills down to a node through its data source and
#   reads it (the screen kept as ARTIFACT_DIR/finch-concentrator.txt).
#   Keeps each screen as text in ARTIFACT_DIR/finch-*.txt. Fails when a step
#   does not happen.
set -eu
PLUGIN=$(readlink -f "$1")
ART=$(mkdir -p "$2" && cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SESSION=finch-smoke-$$ XMPP_DIR=

log() { echo "finch-smoke: $*" >&2; }
cleanup() {
	tmux kill-session -t "$SESSION" 2>/dev/null || true
	[ -n "$XMPP_DIR" ] && "$ROOT/tests/testenv.sh" stop "$XMPP_DIR" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

screen() { tmux capture-pane -t "$SESSION" -p; }
keys() { tmux send-keys -t "$SESSION" "$@"; sleep 0.2; }
wait_screen() {  # PATTERN SECONDS
	local n=$(( $2 * 10 ))
	until screen | grep -q -- "$1"; do
		n=$((n - 1)); [ $n -gt 0 ] || return 1; sleep 0.1
	done
}
fail() { log "$1"; screen > "$ART/finch-failed.txt"; cat "$ART/finch-failed.txt" >&2; exit 1; }
# Entries of the control log in the store (the plugin writes them within a
# second), and its newest one as "param new_value outcome" (0 = applied).
entries() { sleep 1.5; /usr/bin/python3 - "$CONF/xmpp-iot/store.db" <<'PY'
import os, sqlite3, sys
if not os.path.exists(sys.argv[1]):
    print(0)
else:
    db = sqlite3.connect(sys.argv[1], timeout=5)
    print(db.execute("SELECT count(*) FROM control_log").fetchone()[0])
PY
}
newest() { /usr/bin/python3 - "$CONF/xmpp-iot/store.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=5)
row = db.execute("SELECT param, new_value, outcome FROM control_log ORDER BY t DESC, id DESC LIMIT 1").fetchone()
print(" ".join(str(c) for c in row) if row else "")
PY
}

envs=$("$ROOT/tests/testenv.sh" start)
eval "$envs"
CONF=$XMPP_DIR/finch
"$ROOT/tools/pidgin-config.sh" "$CONF" "$XMPP_PORT" "$PLUGIN" "${XMPP_CAFILE:-}"
# Without -d: Finch's debug window would take the screen. Its stderr is kept.
tmux new-session -d -s "$SESSION" -x 120 -y 40 "TERM=xterm finch -c '$CONF' 2> '$ART/finch-stderr.log'"
wait_screen "Desk lamp" 20 || fail "no buddy list"
# Finch may leave the buddy list in front of a new dialog: bring it forward
# until PATTERN shows.
front() {  # PATTERN WHAT
	local n=40
	until screen | grep -q -- "$1"; do
		n=$((n - 1)); [ $n -gt 0 ] || fail "$2"
		[ $((n % 5)) -eq 0 ] && keys M-n
		sleep 0.2
	done
}
# The hub's "Browse devices…": its data sources, then the nodes of the first,
# then the first node's details; Read shows its readout table.
n=40; until screen | grep -q "Nickname: Home hub"; do
	n=$((n - 1)); [ $n -gt 0 ] || fail "could not select the hub"; keys Down
done
n=20; while :; do
	keys F11
	wait_screen "Browse devices…" 1 && break
	keys Escape
	n=$((n - 1)); [ $n -gt 0 ] || fail "no Browse devices… in the hub's menu"
done
key=$(screen | sed -n 's/.*Browse devices… *(\(.\)).*/\1/p' | head -1)
[ -n "$key" ] || fail "no key for Browse devices…"
keys "$key"
front "Data sources" "no list of the hub's data sources"
screen > "$ART/finch-concentrator-sources.txt"
keys Tab; keys Enter
front "Data source Rooms" "no nodes of the data source Rooms"
keys Tab; keys Enter
front "Node living-room" "no details of the living room node"
screen | grep -q "Type: Room" || fail "the node's details show no type"
screen > "$ART/finch-concentrator-node.txt"
keys Tab; keys Enter
front "Sensor data from living-room at hub@home.example" "no readout of the node"
wait_screen "Temperature" 10 || fail "the node's readout shows no temperature"
screen > "$ART/finch-concentrator.txt"
# Close the table and the node's dialog (which ends the browse), then back
# to the top of the buddy list for the desk lamp.
keys M-c; keys M-c
wait_screen "Devices of hub@home.example" 1 && fail "the browse dialog stayed open"
n=40; until screen | grep -q "Nickname: Desk lamp"; do
	n=$((n - 1)); [ $n -gt 0 ] || fail "could not select the desk lamp"; keys Up
done
# Select the desk lamp: its tooltip names it once it is the selected row.
n=40; until screen | grep -q "Nickname: Desk lamp"; do
	n=$((n - 1)); [ $n -gt 0 ] || fail "could not select the desk lamp"; keys Down
done
# Things are recognised in the background as they come online: ask again
# until the menu offers control.
n=20; while :; do
	keys F11
	wait_screen "Control…" 1 && break
	keys Escape
	n=$((n - 1)); [ $n -gt 0 ] || fail "no Control… in the lamp's menu"
done
screen > "$ART/finch-menu.txt"
key=$(screen | sed -n 's/.*Control… *(\(.\)).*/\1/p' | head -1)
[ -n "$key" ] || fail "no key for Control…"
keys "$key"
wait_screen "Control Desk lamp" 10 || fail "no control dialog"
# Finch may leave the buddy list in front: bring the dialog forward.
n=30; until screen | grep -q "Brightness (0 – 100)"; do
	n=$((n - 1)); [ $n -gt 0 ] || fail "the dialog shows no form"
	[ $((n % 5)) -eq 0 ] && keys M-n
	sleep 0.2
done
screen > "$ART/finch-form.txt"
before=$(entries)
# Out of range: the dialog comes back with the reason, and nothing is sent.
keys Tab; keys BSpace BSpace BSpace BSpace; keys -l "150"; keys Tab Tab; keys Enter
wait_screen "Brightness must be between 0 and 100" 10 || fail "no reason for a value out of range"
screen > "$ART/finch-invalid.txt"
[ "$(entries)" = "$before" ] || fail "an invalid value was sent"
keys Tab; keys BSpace BSpace BSpace BSpace; keys -l "55"; keys Tab Tab; keys Enter
wait_screen "applied the change" 10 || keys M-n
wait_screen "applied the change" 5 || fail "no notice of the change"
screen > "$ART/finch-sent.txt"
[ "$(entries)" = "$((before + 1))" ] || fail "the change was not logged exactly once"
[ "$(newest)" = "brightness 55 0" ] || fail "the log does not say brightness 55 applied"
if grep -E "CRITICAL|Segmentation" "$ART/finch-stderr.log"; then fail "warnings from Finch"; fi
echo "finch-smoke: browsing the hub and the control form in real Finch: ok"
echo "1 passed, 0 failed"
