#!/bin/bash
# window-tests.sh BUILD_DIR ARTIFACT_DIR [windows|stress]
#   The GTK windows built from fixtures, without Pidgin, on a private Xvfb:
#   runs BUILD_DIR/tests/test-readout-window, test-plot, test-readout-plot,
#   test-history-export, test-control-dialog, test-controllog-window, test-concentrator-window and
#   -actions, test-pubsub-window and -published, test-registry-window,
#   test-alert-window, test-alert-rules and test-alert-question, which assert the models and write PNGs of the windows to
#   ARTIFACT_DIR, and the stress tests. Fails when a test fails. "windows" runs
#   the windows only, "stress" the stress tests only (they measure the main
#   loop, so `make check` runs them while nothing else runs).
set -eu
BUILD=$(cd "$1" && pwd)
ART=$(mkdir -p "$2" && cd "$2" && pwd)
WHAT=${3:-all}
XVFB_PID=
HOME_DIR=$(mktemp -d)

log() { echo "window-tests: $*" >&2; }
cleanup() {
	# Only the server this script started, by its PID.
	if [ -n "$XVFB_PID" ]; then
		kill -TERM "$XVFB_PID" 2>/dev/null || true
		wait "$XVFB_PID" 2>/dev/null || true
	fi
	rm -rf "$HOME_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# A free display: no socket and no lock file.
D=110
while [ -e /tmp/.X11-unix/X$D ] || [ -e /tmp/.X$D-lock ]; do D=$((D + 1)); done
Xvfb :$D -screen 0 1024x768x24 -nolisten tcp -noreset > "$ART/window-tests-xvfb.log" 2>&1 &
XVFB_PID=$!
n=100
until [ -S /tmp/.X11-unix/X$D ] && DISPLAY=:$D xdotool getdisplaygeometry > /dev/null 2>&1; do
	kill -0 "$XVFB_PID" 2>/dev/null || { log "Xvfb :$D exited"; cat "$ART/window-tests-xvfb.log" >&2; exit 1; }
	n=$((n - 1)); [ $n -gt 0 ] || { log "Xvfb :$D did not start"; exit 1; }
	sleep 0.05
done

# A fixed look: no user theme, settings or bookmarks, English messages.
export DISPLAY=:$D
export HOME=$HOME_DIR XDG_CONFIG_HOME=$HOME_DIR/.config XDG_DATA_HOME=$HOME_DIR/.local/share
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
export GTK2_RC_FILES=/dev/null
export LANGUAGE=en LC_ALL=C.UTF-8
export NO_AT_BRIDGE=1
export CK_DEFAULT_TIMEOUT=120
if [ "$WHAT" != stress ]; then
	"$BUILD/tests/test-readout-window" "$ART"
	"$BUILD/tests/test-plot" "$ART"
	"$BUILD/tests/test-readout-plot" "$ART"
	"$BUILD/tests/test-history-export" "$ART"
	"$BUILD/tests/test-control-dialog" "$ART"
	"$BUILD/tests/test-controllog-window" "$ART"
	"$BUILD/tests/test-concentrator-window" "$ART"
	"$BUILD/tests/test-concentrator-actions" "$ART"
	"$BUILD/tests/test-pubsub-window" "$ART"
	"$BUILD/tests/test-pubsub-published" "$ART"
	"$BUILD/tests/test-registry-window" "$ART"
	"$BUILD/tests/test-alert-window" "$ART"
	"$BUILD/tests/test-alert-rules" "$ART"
	"$BUILD/tests/test-alert-question" "$ART"
fi
if [ "$WHAT" != windows ]; then
	# A thing sending 100 updates a second must not freeze the window or grow its memory.
	[ ! -x "$BUILD/tests/test-readout-stress" ] || "$BUILD/tests/test-readout-stress"
	# 11,101 nodes behind a concentrator: expanding, scrolling and filtering keep the loop turning.
	[ ! -x "$BUILD/tests/test-concentrator-stress" ] || "$BUILD/tests/test-concentrator-stress"
	# 1,000 published items a second into the Published data window: no main-loop gap over 50 ms.
	[ ! -x "$BUILD/tests/test-pubsub-stress" ] || "$BUILD/tests/test-pubsub-stress"
	# A storm of 10,000 alerts in 10 s from 50 sources into the open alerts window.
	[ ! -x "$BUILD/tests/test-alert-stress" ] || "$BUILD/tests/test-alert-stress"
fi
