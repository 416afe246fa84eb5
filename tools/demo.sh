#!/bin/bash
# demo.sh BUILD_DIR — the simulated home on a private server, and Pidgin on a
# throwaway profile with the plugin enabled. Without a display, the same
# scenario runs headless and prints what the user would see.
# Everything stays on 127.0.0.1 and is removed on exit (also on Ctrl-C).
set -eu
BUILD=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${DISPLAY:-}" ]; then
	echo "No display: running the demo headless (set DISPLAY to open Pidgin)."
	# The publishers publish when the demo asks them, not every 2 s: the same output every run.
	exec env IOT_PLUGIN="$BUILD/xmpp-iot.so" IOT_SIM_ARGS="${IOT_SIM_ARGS:---publish-period 0}" \
		"$ROOT/tests/testenv.sh" run "$BUILD/iot-demo-headless"
fi

run_pidgin() {
	local conf="$XMPP_DIR/pidgin"
	"$ROOT/tools/pidgin-config.sh" "$conf" "$XMPP_PORT" "$BUILD/pidgin-xmpp-iot.so" "${XMPP_CAFILE:-}"
	echo "Pidgin is starting as alice@home.example. Open a chat with a thing (Thermostat,"
	echo "Power meter, Home hub, Front door, Desk lamp) and type /read, /read all,"
	echo "/read temperature humidity or /read node kitchen (in Home hub). /help read explains."
	echo "The home also publishes on pubsub.home.example: the Weather station every 2 s"
	echo "(home/station/xsf, home/station/nf and its PEP), the lab's sensor box in"
	echo "Sensor-Over-XMPP (lab-42_meta, lab-42_data); Tools → XMPP IoT → Publish-subscribe…"
	echo "shows them. Chat 'storm', 'hostile' or 'live publish' to noisy@home.example, and"
	echo "'approve alice@home.example' to keeper@home.example (see tests/sim/things_pubsub*.py)."
	echo
	echo "Alerts: chat 'headline door' or 'headline smoke' to Front door, 'headline spike' to"
	echo "Power meter: each becomes an entry of Tools → XMPP IoT → Alerts… (a small notice counts"
	echo "them; no popup per alert). A rule to try: in the Power meter's chat type"
	echo "/alert add Power > 420 (or use its buddy menu, Alert rules…): its Power swings between"
	echo "398 W and 433 W once a rule watches it, so the alarm fires and clears within seconds."
	echo "Alert rules… → Pinned values… puts chosen values under a thing's name in the buddy list."
	echo
	echo "Owning things: Tools → XMPP IoT → Claim a thing… takes the picture of a QR code, e.g."
	echo "  $IOT_QR_DIR/claimme3.png"
	echo "(the iotdisco: links are in $IOT_QR_DIR/manifest.tsv to paste, or in chat with"
	echo "registry.home.example: /claim <link>). My things… and Search the thing registry… are"
	echo "beside it (try MAN = example.org and ROOM = Kitchen). An owner question: send"
	echo "'read guarded' to stranger@home.example (Buddies → New Instant Message…); the"
	echo "stranger's read of your Guarded sensor becomes a question in the alerts inbox, answered"
	echo "with its answer buttons (Yes/No, for the stranger, the domain or everyone)"
	echo "or with /questions in any chat."
	echo
	echo "Quit Pidgin to end the demo; the server and the home are then removed."
	pidgin -c "$conf" > "$XMPP_DIR/pidgin.log" 2>&1 < /dev/null
}
export -f run_pidgin
export ROOT BUILD
# The concentrators' trees live: a node changes state now and then (tests keep them still).
export IOT_SIM_ARGS="${IOT_SIM_ARGS:---live 20}"
exec "$ROOT/tests/testenv.sh" run bash -c run_pidgin
