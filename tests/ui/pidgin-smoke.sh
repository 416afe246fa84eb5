#!/bin/bash
# pidgin-smoke.sh PLUGIN_SO ARTIFACT_DIR
#   Real Pidgin under Xvfb with the plugin, against the simulated home: signs
#   alice on, types /read in a chat with the thermostat, reads a thing of
#   hostile strings and copies its readout from the conversation (compared
#   byte for byte with what it sent, as is its log), opens readout windows
#   (the plot of the thermostat's temperature), hovers over the thermostat
#   for its tooltip of latest values, opens the desk lamp's control dialog
#   from the buddy list (a value checked as
#   typed, then sent once), the control log from the Tools menu, and quits
#   with a request pending; browses the hub's devices (Browse devices…) and
#   reads a node from its tree into a readout window; opens the
#   Publish-subscribe window from the Tools menu (the server's service, its
#   nodes, a node's items) and a node's Published data window; opens Claim a
#   thing… (its registry found by disco), claims a thing by its link, then
#   another from its QR picture chosen in the file chooser (KEY masked in the
#   preview) and adds it to the buddy list, and
#   leaves the dialog open while Pidgin quits; answers a stranger's read of a
#   guarded thing Yes from the alerts inbox (the question's entry and its buttons). Keeps a screenshot of each step in ARTIFACT_DIR.
#   reads a node from its tree into a readout window; a headline from the front door goes into
#   the alerts inbox with no popup: the one notice tells it, a click on it opens the inbox, the
#   buddy list marks the door and shows the thermostat's pinned temperature under its name; Pidgin
#   quits with the inbox and the notice open. Keeps a screenshot of each step in ARTIFACT_DIR.
#   Fails when the plugin does not load, the account does not sign on, or a
#   step does not happen.
set -eu
PLUGIN=$(readlink -f "$1")
ART=$(mkdir -p "$2" && cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
XVFB_PID= PIDGIN_PID= XMPP_DIR=

log() { echo "pidgin-smoke: $*" >&2; }
cleanup() {
	[ -n "$PIDGIN_PID" ] && kill -TERM "$PIDGIN_PID" 2>/dev/null || true
	sleep 0.3
	[ -n "$PIDGIN_PID" ] && kill -KILL "$PIDGIN_PID" 2>/dev/null || true
	[ -n "$XVFB_PID" ] && kill -TERM "$XVFB_PID" 2>/dev/null || true
	[ -n "$XMPP_DIR" ] && "$ROOT/tests/testenv.sh" stop "$XMPP_DIR" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

wait_for() {  # FILE PATTERN SECONDS
	local n=$(( $3 * 10 ))
	until grep -q -- "$2" "$1" 2>/dev/null; do
		n=$((n - 1)); [ $n -gt 0 ] || return 1; sleep 0.1
	done
}

# A free display: no socket and no lock file.
D=90
while [ -e /tmp/.X11-unix/X$D ] || [ -e /tmp/.X$D-lock ]; do D=$((D + 1)); done
Xvfb :$D -screen 0 1100x1000x24 -nolisten tcp -noreset > "$ART/xvfb.log" 2>&1 &
XVFB_PID=$!
n=100; until [ -S /tmp/.X11-unix/X$D ] && DISPLAY=:$D xdotool getdisplaygeometry >/dev/null 2>&1; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "Xvfb did not start"; exit 1; }; sleep 0.05
done
export DISPLAY=:$D

envs=$("$ROOT/tests/testenv.sh" start)
eval "$envs"
CONF=$XMPP_DIR/pidgin
IOT_CONF_LOGS=txt IOT_CONF_BLIST_HEIGHT=960 "$ROOT/tools/pidgin-config.sh" "$CONF" "$XMPP_PORT" "$PLUGIN" "${XMPP_CAFILE:-}"
# The thermostat's temperature is pinned (a buddy setting, as the rules
# dialog's Pinned values… keeps it): the buddy list shows it under the name.
cat > "$CONF/blist.xml" <<XML
<?xml version='1.0' encoding='UTF-8' ?>
<purple version='1.0'><blist><group name='Home'><setting name='collapsed' type='bool'>0</setting><contact>
<buddy account='alice@home.example/pidgin' proto='prpl-jabber'><name>thermostat@home.example</name><alias>Thermostat</alias>
<setting name='xmpp-iot-pinned' type='string'>temperature</setting></buddy></contact></group></blist>
<privacy><account proto='prpl-jabber' name='alice@home.example/pidgin' mode='1'/></privacy></purple>
XML
LOG=$ART/pidgin-smoke.log
setsid pidgin -c "$CONF" -d > "$LOG" 2>&1 < /dev/null &
PIDGIN_PID=$!
t0=$(date +%s.%N)
wait_for "$LOG" "xmpp-iot: session started" 20 || { log "no XMPP IoT session"; tail -30 "$LOG"; exit 1; }
log "signed on after $(echo "$(date +%s.%N) - $t0" | bc) s"
sleep 1   # the roster and presences arrive

# Opens a chat with JID through Buddies → New Instant Message (Ctrl+M), waits
# for its window (titled TITLE), places it beside the buddy list, focuses it.
open_chat() {  # JID TITLE
	local blist dlg conv n
	blist=$(xdotool search --onlyvisible --name "^Buddy List$" | head -1)
	xdotool windowfocus --sync "$blist"
	xdotool key --clearmodifiers ctrl+m
	n=50; until dlg=$(xdotool search --onlyvisible --name "^New Instant Message$" | head -1) && [ -n "$dlg" ]; do
		n=$((n - 1)); [ $n -gt 0 ] || { log "no New Instant Message dialog"; return 1; }; sleep 0.1
	done
	xdotool windowfocus --sync "$dlg"
	sleep 0.3
	xdotool type --delay 5 "$1"
	xdotool key Return
	n=50; until conv=$(xdotool search --onlyvisible --name "^$2$" | head -1) && [ -n "$conv" ]; do
		n=$((n - 1)); [ $n -gt 0 ] || { log "no conversation window for $1"; return 1; }; sleep 0.1
	done
	xdotool windowmove --sync "$conv" 310 0
	xdotool windowsize --sync "$conv" 780 600
	xdotool windowfocus --sync "$conv"
	sleep 0.3
}

# Types COMMAND into the focused conversation and waits for the Nth readout
# of JID to end in the debug log.
command_and_wait() {  # COMMAND JID N
	xdotool type --delay 5 "$1"
	xdotool key Return
	local n=200
	until [ "$(grep -c "readout of $2 ended" "$LOG")" -ge "$3" ]; do
		n=$((n - 1)); [ $n -gt 0 ] || { log "no readout of $2"; tail -30 "$LOG"; return 1; }; sleep 0.1
	done
}

open_chat thermostat@home.example Thermostat
t1=$(date +%s.%N)
command_and_wait "/read" thermostat@home.example 1
log "readout shown after $(echo "$(date +%s.%N) - $t1" | bc) s"
grep -q "readout of thermostat@home.example ended after [0-9.]* s: ok" "$LOG" \
	|| { log "the readout failed:"; grep "readout of" "$LOG" >&2; exit 1; }
command_and_wait "/read all" thermostat@home.example 2
sleep 0.5
import -window root "$ART/pidgin-read.png"
log "screenshot: $ART/pidgin-read.png"
echo "pidgin-smoke: /read in real Pidgin: ok"

# Hostile strings in real Pidgin: no markup, no link, no smiley.
open_chat garbage@home.example "Garbage thing"
command_and_wait "/read all" garbage@home.example 1
sleep 0.5
import -window root "$ART/pidgin-hostile.png"
log "screenshot: $ART/pidgin-hostile.png"

# What a person copies from the conversation is what the thing sent, byte for
# byte (no invisible characters), and none of it became a smiley or a link:
# F6 moves from the entry to the conversation's text, Ctrl+A selects it all,
# Ctrl+C copies it (Ctrl held throughout: a key released without it sends
# Pidgin back to the entry). Each copied row must hold the field's name and
# value exactly; only the padding between the columns is ours. The
# conversation log must hold the same text.
VERBATIM=(":P" "2026-03-01" "-5.2" "1.4.2-slix" "slix@localhost" "8)" "<3" '"quoted"' "http://x.example")
FAILURE='Probe 2 <not responding> & "retrying"'
xdotool key F6
sleep 0.3
xdotool keydown ctrl
sleep 0.1
xdotool key a
sleep 0.2
xdotool key c
sleep 0.1
xdotool keyup ctrl
sleep 0.3
xclip -o -selection clipboard -t UTF8_STRING > "$ART/pidgin-copied.txt" \
	|| { log "nothing was copied from the conversation"; exit 1; }
xclip -o -selection clipboard -t text/html > "$ART/pidgin-copied.html" \
	|| { log "no HTML was copied from the conversation"; exit 1; }
import -window root "$ART/pidgin-copied.png"
log "screenshot: $ART/pidgin-copied.png"
xdotool key F6   # back to the entry
LOGFILE=$(find "$CONF/logs" -path "*garbage@home.example*" -name "*.txt" | head -1)
[ -n "$LOGFILE" ] || { log "no conversation log of the garbage thing"; exit 1; }
/usr/bin/python3 - "$ART/pidgin-copied.txt" "$ART/pidgin-copied.html" "$LOGFILE" "$FAILURE" "${VERBATIM[@]}" <<'PY' \
	|| { log "the copied text is not what the thing sent (see $ART/pidgin-copied.txt)"; exit 1; }
import re, sys
text, html_bytes, logged = (open(f, "rb").read() for f in sys.argv[1:4])
failure, expected = sys.argv[4].encode(), [s.encode() for s in sys.argv[5:]]
# GTK offers text/html as UTF-16 with a byte order mark, or as UTF-8.
bom = html_bytes[:2] in (b"\xff\xfe", b"\xfe\xff")
html = html_bytes.decode("utf-16" if bom else "utf-8", "replace")
bad = []
for where, got in (("copied", text), ("logged", logged)):
    for ch in ("\u2060", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0"):
        if ch.encode() in got:
            bad.append("%s text holds U+%04X" % (where, ord(ch)))
    for s in expected:
        row = rb"^  " + re.escape(s) + rb" {2,}" + re.escape(s) + rb" {2,}momentary$"
        if not re.search(row, got, re.M):
            bad.append("%s text has no row %r" % (where, s))
    if not re.search(re.escape(failure) + rb"$", got, re.M):
        bad.append("%s text has no line ending in %r" % (where, failure))
if re.search(r"<a\s", html, re.I):
    bad.append("a link in the copied HTML")
for b in bad:
    print("pidgin-smoke: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
# On screen: the conversation's text is black on white, so a coloured pixel
# in it is a smiley or a link (open_chat placed the window).
coloured=$(convert "$ART/pidgin-hostile.png" -crop 728x396+322+104 +repage -colorspace HSL \
	-channel G -separate +channel -threshold 40% -format "%[fx:round(mean*w*h)]" info:)
[ "$coloured" -eq 0 ] || { log "$coloured coloured pixels (a smiley or a link) in $ART/pidgin-hostile.png"; exit 1; }
echo "pidgin-smoke: device text copied from the conversation and its log, byte for byte, shown without smileys or links: ok"
# The buddy list's context menu of a thing: select it by typing its name,
# open the menu from the keyboard, take the item's mnemonic (KEY), wait for
# the window titled TITLE and place it beside the buddy list.
# Tools → XMPP IoT (the plugin's menu, last in Tools) opened from the buddy
# list; then STEPS times Down from its first item; SHOT (optional) is a
# picture of the open menu; then Return.
tools_item() {  # STEPS [SHOT]
	local i
	xdotool windowfocus --sync "$(xdotool search --onlyvisible --name "^Buddy List$" | head -1)"
	xdotool key alt+t
	sleep 0.4
	xdotool key Up
	sleep 0.2
	xdotool key Right
	sleep 0.3
	for ((i = 0; i < $1; i++)); do xdotool key Down; done
	sleep 0.2
	[ -z "${2:-}" ] || import -window root "$2"
	xdotool key Return
}

open_from_menu() {  # NAME KEY TITLE
	local blist win n attempt
	# On a busy machine the menu may open after the key was pressed: try again.
	for attempt in 1 2 3; do
		blist=$(xdotool search --onlyvisible --name "^Buddy List$" | head -1)
		xdotool windowfocus --sync "$blist"
		sleep 0.2
		# A click on the first row gives the list itself the keyboard (no window manager here).
		xdotool mousemove 150 36 click 1
		sleep 0.3
		xdotool type --delay 20 "$1"
		sleep 0.3
		xdotool key Escape
		sleep 0.2
		xdotool key shift+F10
		sleep $((attempt))
		xdotool key "$2"
		n=$((30 * attempt)); until win=$(xdotool search --onlyvisible --name "^$3" | head -1) && [ -n "$win" ]; do
			n=$((n - 1)); [ $n -gt 0 ] || break; sleep 0.1
		done
		[ -n "$win" ] && break
		log "no window “$3” for $1 yet (attempt $attempt)"
		xdotool key Escape; sleep 0.2; xdotool key Escape
	done
	[ -n "$win" ] || { log "no window “$3” for $1"; import -window root "$ART/pidgin-menu-failed.png"; return 1; }
	xdotool windowmove --sync "$win" 310 0
	xdotool windowsize --sync "$win" 780 600
	echo "$win"
}
# "Read sensor _data…"
open_readout() {  # NAME
	open_from_menu "$1" d "Sensor data — $1$"
}
before=$(grep -c "readout of thermostat@home.example ended" "$LOG")
WIN=$(open_readout Thermostat)
n=100; until [ "$(grep -c "readout of thermostat@home.example ended" "$LOG")" -gt "$before" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the window's readout did not end"; exit 1; }; sleep 0.1
done
xdotool windowfocus --sync "$WIN"
xdotool key ctrl+f
xdotool type --delay 5 "temp"
sleep 0.5
xdotool mousemove 600 113 click 1   # the first row: its history plot opens below
sleep 0.8
import -window root "$ART/pidgin-window.png"
log "screenshot: $ART/pidgin-window.png"
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.3
# A window closed while its readout is pending cancels it cleanly.
WIN=$(open_readout "Silent thing")
sleep 0.3
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.5
xdotool search --onlyvisible --name "^Sensor data — Silent thing$" >/dev/null 2>&1 && { log "window did not close"; exit 1; }
echo "pidgin-smoke: readout window from the buddy list: ok"

# The buddy-list tooltip of the thermostat shows its latest values, read
# from the store: the pointer goes down the list until Pidgin draws the
# thermostat's tooltip (rows are about 36 pixels apart; the list is tall
# enough for the whole home, see IOT_CONF_BLIST_HEIGHT).
tooltip=
for y in $(seq 40 18 900); do
	xdotool mousemove 150 "$y"
	sleep 1.2
	if tooltip=$(grep -o "tooltip of thermostat@home.example: [0-9]* values from the store" "$LOG" | tail -1) \
		&& [ -n "$tooltip" ]; then
		break
	fi
done
[ -n "$tooltip" ] || { log "no tooltip of the thermostat"; import -window root "$ART/pidgin-tooltip-failed.png"; exit 1; }
import -window root "$ART/pidgin-tooltip.png"
log "screenshot: $ART/pidgin-tooltip.png ($tooltip)"
n=$(echo "$tooltip" | grep -o ": [0-9]*" | tr -dc 0-9)
[ "$n" -ge 3 ] || { log "the thermostat's tooltip shows $n values"; exit 1; }
xdotool mousemove 700 620
echo "pidgin-smoke: the buddy list's tooltip shows the thing's latest values from the store: ok"

# Automatic updates: the meter offers events, so the window subscribes and
# its rows follow the thing's changing power (412 → 430 → …).
WIN=$(open_readout "Power meter")
sleep 1
xdotool windowfocus --sync "$WIN"
xdotool key alt+u
n=100; until grep -q "subscribed to meter@home.example" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the window did not subscribe to the meter"; exit 1; }; sleep 0.1
done
sleep 3.5   # a few events (one a second while subscribed)
import -window root "$ART/pidgin-live.png"
log "screenshot: $ART/pidgin-live.png"
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.5
echo "pidgin-smoke: automatic updates through an event subscription: ok"

# The control dialog: "_Control…" on the desk lamp shows its form (NFI
# generation); a new brightness is checked as it is typed and sent once.
WIN=$(open_from_menu "Desk lamp" c "Control — Desk lamp")
n=100; until grep -q "control form of lamp@home.example/[^:]*: 3 field" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the control dialog got no form"; exit 1; }; sleep 0.1
done
sleep 0.5
xdotool windowfocus --sync "$WIN"
xdotool windowsize --sync "$WIN" 520 420
sleep 0.3
import -window root "$ART/pidgin-control-form.png"
log "screenshot: $ART/pidgin-control-form.png"
# Out of range first: the field says why and nothing can be sent.
xdotool key Tab
xdotool key ctrl+a
xdotool type --delay 20 "150"
sleep 0.5
import -window root "$ART/pidgin-control-invalid.png"
log "screenshot: $ART/pidgin-control-invalid.png"
xdotool key ctrl+a
xdotool type --delay 20 "55"
sleep 0.3
xdotool key alt+s
n=100; until grep -q "control dialog: set to lamp@home.example ended: ok" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the control was not applied"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
[ "$(grep -c "control dialog: sending" "$LOG")" -eq 1 ] || { log "more than one control was sent"; exit 1; }
sleep 0.5
import -window root "$ART/pidgin-control-sent.png"
log "screenshot: $ART/pidgin-control-sent.png"
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.5
xdotool search --onlyvisible --name "^Control — Desk lamp" >/dev/null 2>&1 && { log "control dialog did not close"; exit 1; }
echo "pidgin-smoke: control dialog from the buddy list: ok"

# Tools → XMPP IoT → Control log (plugin actions come last in Tools).
blist=$(xdotool search --onlyvisible --name "^Buddy List$" | head -1)
tools_item 0 "$ART/pidgin-tools-menu.png"
n=50; until WIN=$(xdotool search --onlyvisible --name "^Control log$" | head -1) && [ -n "$WIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no control log window"; exit 1; }; sleep 0.1
done
xdotool windowmove --sync "$WIN" 0 0
xdotool windowsize --sync "$WIN" 1000 300
sleep 0.5
import -window root "$ART/pidgin-control-log.png"
log "screenshot: $ART/pidgin-control-log.png"
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.3
echo "pidgin-smoke: control log from the Tools menu: ok"

# The concentrator: "Bro_wse devices…" on the hub opens its tree; a data
# source expands, a node is selected and read into a readout window.
WIN=$(open_from_menu "Home hub" w "Concentrator — Home hub")
xdotool windowmove --sync "$WIN" 0 0
xdotool windowsize --sync "$WIN" 1024 600
n=100; until grep -q "concentrator window of hub@home.example: 1 source(s), 0 node(s) loaded" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the browse window loaded no data source"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.5
import -window root "$ART/pidgin-concentrator-open.png"
xdotool windowfocus --sync "$WIN"
xdotool mousemove 100 82 click 1   # the data source's row
sleep 0.3
xdotool key shift+Right   # expands it
n=100; until grep -q "concentrator window of hub@home.example: [0-9]* source(s), [1-9][0-9]* node(s) loaded" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the data source did not expand"; import -window root "$ART/pidgin-concentrator.png"; exit 1; }; sleep 0.1
done
sleep 0.5
xdotool key Down   # its first node
sleep 0.3
before=$(grep -c "readout of hub@home.example ended" "$LOG" || true)
xdotool key Return   # Read
n=100; until [ "$(grep -c "readout of hub@home.example ended" "$LOG")" -gt "$before" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no readout of the node"; import -window root "$ART/pidgin-concentrator.png"; exit 1; }; sleep 0.1
done
grep "readout of hub@home.example ended" "$LOG" | tail -1 | grep -q ": ok" || { log "the node's readout failed"; grep "readout of hub" "$LOG" >&2; exit 1; }
RWIN=$(xdotool search --onlyvisible --name "^Sensor data — Home hub: " | head -1)
[ -n "$RWIN" ] || { log "no readout window of the node"; import -window root "$ART/pidgin-concentrator.png"; exit 1; }
xdotool windowmove --sync "$RWIN" 420 200
xdotool windowsize --sync "$RWIN" 660 420
sleep 0.8
import -window root "$ART/pidgin-concentrator.png"
log "screenshot: $ART/pidgin-concentrator.png"
xdotool windowfocus --sync "$RWIN"
xdotool key Escape
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.5
xdotool search --onlyvisible --name "^Concentrator — Home hub" >/dev/null 2>&1 && { log "browse window did not close"; exit 1; }
echo "pidgin-smoke: browse window of a concentrator, a node read from it: ok"

# Tools → XMPP IoT → Publish-subscribe…: the server's service is found and
# its nodes are shown; the window closes with Escape.
blist=$(xdotool search --onlyvisible --name "^Buddy List$" | head -1)
tools_item 3   # past Alerts… and Alert rules…
n=50; until WIN=$(xdotool search --onlyvisible --name "^Publish-subscribe — " | head -1) && [ -n "$WIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no Publish-subscribe window"; import -window root "$ART/pidgin-pubsub.png"; exit 1; }; sleep 0.1
done
xdotool windowmove --sync "$WIN" 0 0
xdotool windowsize --sync "$WIN" 1000 620
n=150; until grep -q "pubsub window of alice@home.example[^:]*: [1-9][0-9]* node(s) under the top" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the Publish-subscribe window showed no nodes"; import -window root "$ART/pidgin-pubsub.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
xdotool windowfocus --sync "$WIN"
xdotool mousemove 300 84 click 1   # the first node: its last items below
sleep 2
import -window root "$ART/pidgin-pubsub.png"
log "screenshot: $ART/pidgin-pubsub.png"
# Its Published data window: the node's items, decoded like a readout.
xdotool key alt+w
n=50; until PWIN=$(xdotool search --onlyvisible --name "^Published data — " | head -1) && [ -n "$PWIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no Published data window"; import -window root "$ART/pidgin-published.png"; exit 1; }; sleep 0.1
done
xdotool windowmove --sync "$PWIN" 200 100
xdotool windowsize --sync "$PWIN" 780 560
sleep 2
import -window root "$ART/pidgin-published.png"
log "screenshot: $ART/pidgin-published.png"
# It stays open, its node watched, until Pidgin quits below.
xdotool windowfocus --sync "$WIN"
xdotool key Escape
sleep 0.5
xdotool search --onlyvisible --name "^Publish-subscribe — " >/dev/null 2>&1 && { log "Publish-subscribe window did not close"; exit 1; }
echo "pidgin-smoke: Publish-subscribe window from the Tools menu: ok"

# Tools → XMPP IoT → Claim a thing…: the registry is found by disco and
# filled in; the dialog stays open until Pidgin quits below.
tools_item 4   # the fifth: Claim a thing…
n=50; until CWIN=$(xdotool search --onlyvisible --name "^Claim a thing — " | head -1) && [ -n "$CWIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no Claim a thing dialog"; import -window root "$ART/pidgin-claim.png"; exit 1; }; sleep 0.1
done
xdotool windowmove --sync "$CWIN" 100 60
n=100; until grep -q "registry window of alice@home.example[^:]*: registry registry\." "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the claim dialog found no registry"; import -window root "$ART/pidgin-claim.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
# A claimable thing's link (what its QR code holds), typed in: previewed
# with KEY masked, claimed on the person's click.
LINK=$(awk -F'\t' '$1 != "garbage.png" && $1 != "malformed.png" { print $2; exit }' "$IOT_QR_DIR/manifest.tsv")
[ -n "$LINK" ] || { log "no claimable thing in $IOT_QR_DIR/manifest.tsv"; exit 1; }
xdotool windowfocus --sync "$CWIN"
xdotool key alt+l
xdotool type --delay 2 "$LINK"
sleep 0.5
import -window root "$ART/pidgin-claim.png"
log "screenshot: $ART/pidgin-claim.png"
grep -q "registry window of alice@home.example[^:]*: claimed" "$LOG" && { log "claimed before the click"; exit 1; }
# Claim: the button at the dialog's bottom right, wherever the preview left it.
eval "$(xdotool getwindowgeometry --shell "$CWIN")"
xdotool mousemove $((X + WIDTH - 53)) $((Y + HEIGHT - 26)) click 1
n=100; until grep -q "registry window of alice@home.example[^:]*: claimed" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the thing was not claimed"; import -window root "$ART/pidgin-claimed.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.5
import -window root "$ART/pidgin-claimed.png"
log "screenshot: $ART/pidgin-claimed.png"
echo "pidgin-smoke: Claim a thing dialog from the Tools menu, its registry found, a thing claimed by its link: ok"

# Claim a thing from its QR picture: the dialog opened again, its QR picture
# page, the picture qrencode made chosen in the file chooser; the preview
# shows the decoded tags with KEY masked; Claim, then Add to buddy list puts
# the thing in the buddy list. This dialog stays open until Pidgin quits.
xdotool windowfocus --sync "$CWIN"
xdotool key alt+c   # Close (Claim is gone once claimed)
n=50; while xdotool search --onlyvisible --name "^Claim a thing — " >/dev/null 2>&1; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the claim dialog did not close"; exit 1; }; sleep 0.1
done
QR_PIC=$(awk -F'\t' '$1 != "garbage.png" && $1 != "malformed.png" { n++; if (n == 2) { print $1; exit } }' "$IOT_QR_DIR/manifest.tsv")
QR_TEXT=$(awk -F'\t' -v f="$QR_PIC" '$1 == f { print $2; exit }' "$IOT_QR_DIR/manifest.tsv")
QR_JID=${QR_PIC%.png}@home.example
QR_KEY=$(echo "$QR_TEXT" | tr ';' '\n' | sed -n 's/^KEY=//p')
[ -n "$QR_PIC" ] && [ -n "$QR_KEY" ] || { log "no second claimable picture in $IOT_QR_DIR/manifest.tsv"; exit 1; }
found_before=$(grep -c "registry window of alice@home.example[^:]*: registry registry\." "$LOG")
claimed_before=$(grep -c "registry window of alice@home.example[^:]*: claimed" "$LOG")
tools_item 4   # the fifth: Claim a thing…
n=50; until CWIN=$(xdotool search --onlyvisible --name "^Claim a thing — " | head -1) && [ -n "$CWIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no second Claim a thing dialog"; import -window root "$ART/pidgin-claim-qr.png"; exit 1; }; sleep 0.1
done
xdotool windowmove --sync "$CWIN" 100 60
n=100; until [ "$(grep -c "registry window of alice@home.example[^:]*: registry registry\." "$LOG")" -gt "$found_before" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the second claim dialog found no registry"; exit 1; }; sleep 0.1
done
# The alert notice may have taken the keyboard: a click on the page's tab
# gives it back to the dialog.
xdotool windowfocus --sync "$CWIN"
eval "$(xdotool getwindowgeometry --shell "$CWIN")"
xdotool mousemove $((X + 142)) $((Y + 66)) click 1   # the QR picture tab
sleep 0.5
xdotool mousemove $((X + 310)) $((Y + 101)) click 1   # its Picture button
n=50; until FWIN=$(xdotool search --onlyvisible --name "^Choose a picture of the QR code$" | head -1) && [ -n "$FWIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no file chooser for the QR picture"; import -window root "$ART/pidgin-claim-qr.png"; exit 1; }; sleep 0.1
done
# The location entry ("/" opens it, also in the Recently Used list): the
# picture's path typed whole (again when the keys went astray).
for attempt in 1 2 3; do
	xdotool windowfocus --sync "$FWIN"
	sleep $((attempt))
	# A click into its file list gives the dialog the keyboard.
	eval "$(xdotool getwindowgeometry --shell "$FWIN")"
	xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT / 2)) click 1
	sleep 0.3
	xdotool key slash   # the location entry opens, holding "/"
	sleep 0.8
	xdotool key ctrl+a
	xdotool type --delay 5 "$IOT_QR_DIR/$QR_PIC"
	sleep 0.5
	import -window root "$ART/pidgin-claim-qr-chooser.png"
	xdotool key Return
	n=30; while xdotool search --onlyvisible --name "^Choose a picture of the QR code$" >/dev/null 2>&1; do
		n=$((n - 1)); [ $n -gt 0 ] || break; sleep 0.1
	done
	xdotool search --onlyvisible --name "^Choose a picture of the QR code$" >/dev/null 2>&1 || break
	xdotool key Escape   # an error about a path half typed
done
xdotool search --onlyvisible --name "^Choose a picture of the QR code$" >/dev/null 2>&1 \
	&& { log "the file chooser stayed open"; import -window root "$ART/pidgin-claim-qr.png"; exit 1; }
sleep 1   # decoded from the picture, previewed
import -window "$CWIN" "$ART/pidgin-claim-qr.png"
import -window root "$ART/pidgin-claim-qr-screen.png"
log "screenshot: $ART/pidgin-claim-qr.png"
grep -q -- "$QR_KEY" "$LOG" && { log "the picture's KEY is in Pidgin's debug log"; exit 1; }
[ "$(grep -c "registry window of alice@home.example[^:]*: claimed" "$LOG")" -eq "$claimed_before" ] \
	|| { log "claimed from the picture before the click"; exit 1; }
eval "$(xdotool getwindowgeometry --shell "$CWIN")"
xdotool mousemove $((X + WIDTH - 53)) $((Y + HEIGHT - 26)) click 1   # Claim
n=100; until [ "$(grep -c "registry window of alice@home.example[^:]*: claimed" "$LOG")" -gt "$claimed_before" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the thing of the picture was not claimed"; import -window root "$ART/pidgin-claimed-qr.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.5
xdotool windowfocus --sync "$CWIN"
xdotool key alt+a   # Add to buddy list
n=100; until grep -q "<item[^>]* jid='$QR_JID'[^>]*>.*<group>Things</group>" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "$QR_JID was not added to the buddy list"; import -window root "$ART/pidgin-claimed-qr.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 1
import -window "$CWIN" "$ART/pidgin-claimed-qr.png"
xdotool windowraise "$blist"
sleep 0.5
import -window root "$ART/pidgin-claimed-qr-blist.png"
log "screenshot: $ART/pidgin-claimed-qr.png, $ART/pidgin-claimed-qr-blist.png"
echo "pidgin-smoke: a thing claimed from its QR picture in the Claim a thing dialog, KEY masked, then in the buddy list: ok"

# A stranger reads alice's guarded thing: the provisioning service asks
# alice; the question is an entry of the alerts inbox (no dialog of its own),
# told by the notice. A click on the notice opens the inbox; the question
# selected shows its answer buttons; "Yes, for this JID" sends the answer
# once, the entry leaves, and the stranger's read goes through.
open_chat stranger@home.example stranger@home.example
xdotool type --delay 5 "read guarded"
xdotool key Return
n=150; until grep -q "alert notice: [0-9]* unread, newest from guarded@home.example" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no notice of the question"; import -window root "$ART/pidgin-question.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.8
xdotool search --onlyvisible --name "^A question about your thing$" >/dev/null 2>&1 && { log "a question dialog opened by itself"; import -window root "$ART/pidgin-question.png"; exit 1; }
NOTICE=$(xdotool search --onlyvisible --name "^New alert$" | head -1)
[ -n "$NOTICE" ] || { log "no notice window for the question"; import -window root "$ART/pidgin-question.png"; exit 1; }
eval "$(xdotool getwindowgeometry --shell "$NOTICE")"
xdotool mousemove $((X + 40)) $((Y + 20)) click 1   # its text: a click opens the inbox
n=50; until QWIN=$(xdotool search --onlyvisible --name "^Alerts" | head -1) && [ -n "$QWIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "a click on the notice opened no inbox"; import -window root "$ART/pidgin-question.png"; exit 1; }; sleep 0.1
done
xdotool windowmove --sync "$QWIN" 200 100
xdotool windowsize --sync "$QWIN" 780 480
xdotool windowfocus --sync "$QWIN"
sleep 0.5
xdotool key ctrl+f
xdotool type --delay 5 "guarded"
sleep 0.8
eval "$(xdotool getwindowgeometry --shell "$QWIN")"
xdotool mousemove $((X + 150)) $((Y + 84)) click 1   # the first row: the guarded thing, its one question
n=50; until grep -q "alerts window: question [0-9]* with [0-9]* answers" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no answer buttons for the question"; import -window root "$ART/pidgin-question.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.5
import -window root "$ART/pidgin-question.png"
log "screenshot: $ART/pidgin-question.png"
xdotool mousemove $((X + 60)) $((Y + HEIGHT - 112)) click 1   # Yes, for this JID
n=100; until grep -q "owner question answered from the inbox: Yes, for this JID" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the question was not answered from the inbox"; import -window root "$ART/pidgin-answered.png"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
n=300; until grep -q "stranger: read guarded: ok" "$LOG" "$XMPP_DIR"/pidgin/logs -r 2>/dev/null; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the stranger's read did not go through"; import -window root "$ART/pidgin-answered.png"; exit 1; }; sleep 0.1
done
sleep 0.5
import -window root "$ART/pidgin-answered.png"
log "screenshot: $ART/pidgin-answered.png"
[ "$(grep -c "owner question answered from the inbox" "$LOG")" -eq 1 ] || { log "answered more than once"; exit 1; }
xdotool windowfocus --sync "$QWIN"
xdotool key Escape   # the inbox closes; the alerts step below opens it again
n=50; while xdotool search --onlyvisible --name "^Alerts" >/dev/null 2>&1; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the inbox did not close"; exit 1; }; sleep 0.1
done
echo "pidgin-smoke: an owner question in the alerts inbox (no dialog), answered Yes from its button once, the stranger's read allowed: ok"

# Pidgin quits while a request is pending: it must end cleanly and at once.
# Alerts: a headline from the front door goes into the inbox; the jabber
# prpl's own popup ("Message from …") must not appear; the one notice tells
# it, a click on it opens the inbox window.
open_chat door@home.example "Front door"
xdotool type --delay 5 "headline door"
xdotool key Return
n=100; until grep -q "alert notice: [0-9]* unread, newest from door@home.example" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no alert notice for the door's headline"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.8
xdotool search --onlyvisible --name "^Message from" >/dev/null 2>&1 && { log "a headline popup appeared"; import -window root "$ART/pidgin-alert-popup.png"; exit 1; }
NOTICE=$(xdotool search --onlyvisible --name "^New alert$" | head -1)
[ -n "$NOTICE" ] || { log "no alert notice window"; import -window root "$ART/pidgin-alert-failed.png"; exit 1; }
# Earlier steps may have left alerts (a thing's warning flags): counted from here.
U1=$(grep -o "alert notice: [0-9]* unread, newest from door@home.example" "$LOG" | tail -1 | cut -d' ' -f3)
import -window root "$ART/pidgin-alert-notice.png"
log "screenshot: $ART/pidgin-alert-notice.png"
# A second headline updates the same notice in place.
xdotool type --delay 5 "headline smoke"
xdotool key Return
n=100; until grep -q "alert notice: $((U1 + 1)) unread, newest from door@home.example" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the notice did not count the second headline"; tail -20 "$LOG"; exit 1; }; sleep 0.1
done
sleep 0.5
[ "$(xdotool search --onlyvisible --name "^New alert$" | wc -l)" -eq 1 ] || { log "more than one notice window"; exit 1; }
xdotool search --onlyvisible --name "^Message from" >/dev/null 2>&1 && { log "a headline popup appeared"; exit 1; }
NOTICE=$(xdotool search --onlyvisible --name "^New alert$" | head -1)
eval "$(xdotool getwindowgeometry --shell "$NOTICE")"
xdotool mousemove $((X + 40)) $((Y + 20)) click 1   # its text: a click opens the inbox
n=50; until WIN=$(xdotool search --onlyvisible --name "^Alerts" | head -1) && [ -n "$WIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "a click on the notice opened no inbox"; import -window root "$ART/pidgin-alert-failed.png"; exit 1; }; sleep 0.1
done
grep -q "alerts window: [0-9]* entries, $((U1 + 1)) unread" "$LOG" || { log "the inbox window does not hold the two headlines"; grep "alerts window" "$LOG" >&2; exit 1; }
xdotool windowmove --sync "$WIN" 310 0
xdotool windowsize --sync "$WIN" 780 420
sleep 0.8
import -window root "$ART/pidgin-alert-inbox.png"
log "screenshot: $ART/pidgin-alert-inbox.png"
# The buddy list: the door carries the alert marker, the thermostat its pinned temperature.
grep -q "buddy list: door@home.example drawn with alert marker" "$LOG" || { log "no alert marker on the door"; exit 1; }
n=50; until grep -q "buddy list: thermostat@home.example drawn with[a-z]* alert marker, pinned: [0-9.]* °C" "$LOG"; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "no pinned value under the thermostat"; grep "buddy list:" "$LOG" | tail -5 >&2; exit 1; }; sleep 0.1
done
blist=$(xdotool search --onlyvisible --name "^Buddy List$" | head -1)
xdotool windowraise "$blist"
sleep 0.5
import -window root "$ART/pidgin-alert-blist.png"
log "screenshot: $ART/pidgin-alert-blist.png"
echo "pidgin-smoke: a headline into the inbox with no popup, one notice, a click opens the inbox, the buddy list's marker and pinned value: ok"

# Accounts → alice → IoT Alerts…: the account's own menu opens the inbox too.
# Pidgin 2.14 builds it as Edit Account, the protocol's actions (ours last),
# Disable: from the end, two up is ours.
xdotool windowfocus --sync "$WIN"
xdotool key Escape
n=50; while xdotool search --onlyvisible --name "^Alerts" >/dev/null 2>&1; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the inbox did not close"; exit 1; }; sleep 0.1
done
A0=$(grep -c "alerts window: [0-9]* entries" "$LOG" || true)
xdotool windowfocus --sync "$blist"
xdotool key alt+a
sleep 0.4
xdotool key End
sleep 0.2
xdotool key Right
sleep 0.4
xdotool key End Up Up
sleep 0.3
import -window root "$ART/pidgin-account-menu.png"
log "screenshot: $ART/pidgin-account-menu.png"
xdotool key Return
n=50; until WIN=$(xdotool search --onlyvisible --name "^Alerts" | head -1) && [ -n "$WIN" ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "the account menu opened no inbox"; import -window root "$ART/pidgin-account-menu-failed.png"; exit 1; }; sleep 0.1
done
[ "$(grep -c "alerts window: [0-9]* entries" "$LOG")" -gt "$A0" ] || { log "the inbox opened from the account menu shows nothing"; exit 1; }
echo "pidgin-smoke: the account's menu opens the alerts inbox: ok"

# Pidgin quits while a request is pending (and the alerts window and notice
# are open): it must end cleanly and at once.
open_chat silent@home.example "Silent thing"
xdotool type --delay 5 "/read"
xdotool key Return
sleep 0.3
kill -TERM "$PIDGIN_PID"
n=50; while kill -0 "$PIDGIN_PID" 2>/dev/null && [ "$(cut -d' ' -f3 /proc/$PIDGIN_PID/stat 2>/dev/null)" != Z ]; do
	n=$((n - 1)); [ $n -gt 0 ] || { log "Pidgin did not quit within 5 s"; exit 1; }; sleep 0.1
done
wait "$PIDGIN_PID" && rc=0 || rc=$?
PIDGIN_PID=
[ $rc -eq 0 ] || { log "Pidgin exited with status $rc"; tail -30 "$LOG"; exit 1; }
if grep -E "CRITICAL|Segmentation|xmpp-iot.*(free|invalid)" "$LOG"; then
	log "warnings in Pidgin's log"; exit 1
fi
grep -q "published data window of .* closed" "$LOG" || { log "the Published data window was not closed at unload"; exit 1; }
grep -q "registry window of .* closed" "$LOG" || { log "the Claim a thing dialog was not closed at unload"; exit 1; }
grep -q "alerts window closed" "$LOG" && grep -q "alert notice closed" "$LOG" \
	|| { log "the alerts window or the notice was not closed at unload"; exit 1; }
log "Pidgin quit cleanly with a request pending, a Published data window, a Claim a thing dialog, the alerts window and the notice open"
echo "15 passed, 0 failed"
