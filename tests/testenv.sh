#!/bin/bash
# A throwaway Prosody 0.12 (or ejabberd 23.01) on 127.0.0.1 plus the simulated home
# (data/home.json).
#
#   tests/testenv.sh [--server prosody|ejabberd] run|start|stop|restart-server ...
#                                      the server (default $XMPP_SERVER, else prosody);
#                                      ejabberd: tests/testenv-ejabberd.sh
#   tests/testenv.sh run CMD ARGS...   start, export the env below, run CMD, always stop;
#                                      exits with CMD's status; logs are printed when it fails
#   eval "$(tests/testenv.sh start)"   start and print shell assignments
#   tests/testenv.sh stop "$XMPP_DIR"  stop both process groups and remove the directory
#   tests/testenv.sh restart-server "$XMPP_DIR"
#                                      kill the server outright and start it again (fault tests)
#
# Exported to CMD (and printed by start):
#   XMPP_SERVER    prosody or ejabberd
#   XMPP_DIR       the temp dir: prosody.cfg.lua, data/, certs/, prosody.log, sim.log
#                  (ejabberd: ejabberd.yml, db/, cert.pem, ejabberd.log, sim.log)
#   XMPP_HOST      127.0.0.1
#   XMPP_PORT      the c2s port (plaintext + STARTTLS)
#   XMPP_DOMAIN    home.example (from data/home.json)
#   XMPP_CAFILE    the server certificate (PEM) to pin, empty with XMPP_TLS=none
#   IOT_HOME_JSON  absolute path of the home definition the sim runs
#   IOT_SIM_PID    process group of the simulated home (tests may kill or stop it)
#   XMPP_SERVER_PID  process group of the server (PROSODY_PID or EJABBERD_PID too)
#   XMPP_COMPONENT_PORT  the XEP-0114 port of the home's components (127.0.0.1; the
#                  per-run secret is in $XMPP_DIR/component.secret; ejabberd: one port
#                  per component, this one and the next, in the order of their JIDs)
#   IOT_REGISTRY_JID      the thing registry component (registry.home.example)
#   IOT_PROVISIONING_JID  the provisioning service component (provisioning.home.example)
#   IOT_QR_DIR     QR images of the unclaimed things (<localpart>.png), garbage.png,
#                  malformed.png and manifest.tsv (tests/sim/things_registry_qr.py)
#
# Knobs:
#   XMPP_PORT_BASE=15222     first port tried (ejabberd: 25222); the next free one is used
#   XMPP_TLS=cert|none       cert (default): self-signed EC cert, STARTTLS offered;
#                            none: mod_tls not loaded, no <starttls/> at all
#   XMPP_SERVER=ejabberd     the same as --server ejabberd
#   XMPP_DEBUG=1             prosody logs at debug level + mod_stanza_debug (every stanza);
#                            ejabberd logs at debug level (every stanza too)
#   XMPP_KEEP=1              keep the temp dir after stop
#   XMPP_MAX_LIFETIME=900    seconds before timeout(1) SIGKILLs server and sim anyway
#   XMPP_TMP=DIR             parent of the temp dir (default $TMPDIR or /tmp)
#   XMPP_STOP_GRACE=0.3      seconds between TERM and KILL on stop
#   IOT_HOME_JSON=FILE       another home definition (default data/home.json)
#   IOT_SIM_ARGS="..."       extra arguments for tests/sim/home.py (e.g. --only thermostat,bob,
#                            or --starttls: the sim then verifies the server cert too)
#   IOT_SIM_WIRE=1           the sim logs every stanza it sends/receives to sim.log
#
# Missing tools are an error, not a skip: `make check` installs them first.
set -eu
shopt -s inherit_errexit     # set -e also inside $(start); without it a failed mktemp went unnoticed

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3          # Debian's python: the python3 first on PATH may lack slixmpp
PROSODY=${PROSODY:-prosody}
SIM_DIR=$HERE/sim
DIR_PATTERN=xmpp-iot         # stop only removes directories named like this
SERVER=${XMPP_SERVER:-prosody}
if [ "${1:-}" = --server ]; then SERVER=${2:-}; shift 2 || true; fi

log() { echo "testenv: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need_tools() {
	case "$SERVER" in
		prosody) command -v "$PROSODY" >/dev/null || die "'$PROSODY' not found (apt-get install prosody lua5.4; or run 'make check')" ;;
		ejabberd) ejabberd_need_tools ;;
		*) die "--server must be prosody or ejabberd, not '$SERVER'" ;;
	esac
	command -v setsid >/dev/null && command -v timeout >/dev/null || die "setsid/timeout missing (util-linux, coreutils)"
	[ "${XMPP_TLS:-cert}" = none ] || command -v openssl >/dev/null || die "openssl not found (needed for XMPP_TLS=cert)"
	[ -x "$PY" ] || die "$PY not found"
	# find_spec instead of an import: same answer, a tenth of the time
	"$PY" -c 'import importlib.util as u, sys; sys.exit(u.find_spec("slixmpp") is None)' \
		|| die "$PY cannot import slixmpp (apt-get install python3-slixmpp)"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Liveness by process group through /proc: `kill -0` also succeeds on zombies,
# and PID 1 on this kind of box reaps orphans late, so a kill -0 loop spins for seconds.
# The leader's own PID counts too: right after `setsid ... &` the child may not
# have called setsid() yet and still sits in our process group.
alive() {  # PGID
	local f st pid
	for f in /proc/[0-9]*/stat; do
		{ read -r st < "$f"; } 2>/dev/null || continue
		pid=${f#/proc/}; pid=${pid%/stat}
		st=${st##*) }                     # drop "pid (comm) ": comm may contain spaces
		# shellcheck disable=SC2086  # split on purpose; /proc stat fields hold no glob characters
		set -- $st                        # $1=state $2=ppid $3=pgrp
		[ "$1" != Z ] || continue
		[ "$3" = "$PGID_Q" ] || [ "$pid" = "$PGID_Q" ] && return 0
	done
	return 1
}
group_alive() { PGID_Q=$1 alive; }

# shellcheck source=tests/testenv-ejabberd.sh
. "$HERE/testenv-ejabberd.sh"

write_config() {  # DIR PORT TLS DEBUG DOMAIN PUBSUB CPORT COMPONENTS
	local DIR=$1 PORT=$2 TLS=$3 DEBUG=$4 DOMAIN=$5 PUBSUB=$6 CPORT=$7 COMPONENTS=$8 tlsmod='"tls";' level=info extra=''
	local secret comp='' c cports=''
	secret=$(cat "$DIR/component.secret")
	[ -z "$COMPONENTS" ] || cports="component_interfaces = { \"127.0.0.1\" }
component_ports = { $CPORT }        -- XEP-0114: the home's registry and provisioning service"
	for c in $COMPONENTS; do
		comp="$comp
Component \"$c\"
  component_secret = \"$secret\""
	done
	[ "$TLS" = none ] && tlsmod=''       # no mod_tls => no <starttls/> offered at all
	[ "$DEBUG" = 1 ] && { level=debug; extra='"stanza_debug";'; }
	cat > "$DIR/prosody.cfg.lua" <<CFG
-- Generated by tests/testenv.sh: loopback only, plaintext allowed, throwaway data.
run_as_root = true                 -- mod_posix refuses uid 0 without this and then hangs
pidfile = "$DIR/prosody.pid"
data_path = "$DIR/data"
log = { { levels = { min = "$level" }, to = "file", filename = "$DIR/prosody.log" } }
interfaces = { "127.0.0.1" }
c2s_interfaces = { "127.0.0.1" }
c2s_ports = { $PORT }
c2s_direct_tls_ports = { }
legacy_ssl_ports = { }
s2s_ports = { }
http_ports = { }
https_ports = { }
$cports
-- No Nagle on the server's sockets (ejabberd's listeners default to this too):
-- with stream management a client writes <r/> right after each stanza, and
-- Nagle plus delayed ACKs then hold small replies back by about 40 ms each.
network_settings = { nagle = false }
-- s2s is autoloaded unless disabled; offline storage would keep IoT replies for
-- disconnected clients and replay them into the next test.
modules_disabled = { "s2s", "s2s_auth_certs", "dialback", "offline" }
modules_enabled = {
  "roster"; "saslauth"; $tlsmod "disco"; "pep"; "private"; "ping";
  "register"; "time"; "version"; "posix"; "carbons";
  "smacks";                        -- XEP-0198: tests re-send un-acked stanzas after a reconnect
  $extra
}
allow_registration = true          -- XEP-0077 over plaintext needs c2s_require_encryption = false
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"  -- accounts are seeded as files by tests/sim/seed_prosody.py
storage = "internal"
certificates = "certs"             -- relative to this file: certs/$DOMAIN.{crt,key}
-- c2s_stanza_size_limit stays at Prosody's default (256 KiB): the largest stanza
-- of the home is the garbage thing's readout with a 100,000-character value (~101 KB);
-- the bulk thing sends 1,000 fields (~45 KB) per message.
Include "$DIR/home.cfg.lua"        -- admins = { ... } from the home definition

VirtualHost "$DOMAIN"

Component "$PUBSUB" "pubsub"
$comp
CFG
}

# Start prosody on PORT; returns 0 once c2s is listening, 2 if the port could
# not be bound (another process took it since port_free), 1 on any other failure.
start_prosody() {  # DIR PORT [CPORT]
	local DIR=$1 PORT=$2 CPORT=${3:-} pid n=500 line
	: > "$DIR/prosody.log"
	# setsid: own process group, so stop can signal the server and all its children.
	# timeout: a hard upper bound on lifetime even if stop is never called.
	setsid timeout -s KILL "${XMPP_MAX_LIFETIME:-900}" \
		"$PROSODY" --config "$DIR/prosody.cfg.lua" -F >"$DIR/prosody.stdout" 2>&1 </dev/null &
	pid=$!
	echo "$pid" > "$DIR/prosody.wrapper.pid"
	# The portmanager's "Activated service 'c2s' on ..." line says which ports it
	# really bound; a TCP probe alone could be answered by another program.
	while [ $n -gt 0 ]; do
		line=$(grep -m1 "Activated service 'c2s'\|Failed to open server port" "$DIR/prosody.log" 2>/dev/null || true)
		case "$line" in
			*"[127.0.0.1]:$PORT"*) break ;;
			?*) return 2 ;;
		esac
		group_alive "$pid" || return 1
		sleep 0.01; n=$((n-1))
	done
	[ $n -gt 0 ] || return 1
	[ -n "$CPORT" ] || return 0
	while [ $n -gt 0 ]; do   # the component port too (bound right after c2s)
		line=$(grep -m1 "Activated service 'component'\|Failed to open server port" "$DIR/prosody.log" 2>/dev/null || true)
		case "$line" in
			*"[127.0.0.1]:$CPORT"*) return 0 ;;
			?*) return 2 ;;
		esac
		group_alive "$pid" || return 1
		sleep 0.01; n=$((n-1))
	done
	return 1
}

start() {
	local TLS=${XMPP_TLS:-cert} DEBUG=${XMPP_DEBUG:-0}
	case "$TLS" in cert|none) ;; *) die "XMPP_TLS must be cert or none, not '$TLS'" ;; esac
	local HOME_JSON=${IOT_HOME_JSON:-$ROOT/data/home.json}
	[ -r "$HOME_JSON" ] || die "cannot read $HOME_JSON"
	HOME_JSON=$(cd "$(dirname "$HOME_JSON")" && pwd)/$(basename "$HOME_JSON")   # exported: absolute
	# An absolute parent, so that stop's pattern check accepts what mktemp made.
	local parent=${XMPP_TMP:-${TMPDIR:-/tmp}} DIR
	parent=$(cd "$parent" 2>/dev/null && pwd) || die "mktemp failed: no directory ${XMPP_TMP:-${TMPDIR:-/tmp}}"
	DIR=$(mktemp -d "$parent/$DIR_PATTERN.XXXXXX") && [ -d "$DIR" ] || die "mktemp failed in $parent"

	local DOMAIN PUBSUB COMPONENTS names
	(umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$DIR/component.secret")
	echo "$SERVER" > "$DIR/server"
	if [ "$SERVER" = ejabberd ]; then
		names=$(ejabberd_seed "$DIR" "$HOME_JSON") && [ -n "$names" ] \
			|| { rm -rf "$DIR"; die "seeding ejabberd from $HOME_JSON failed"; }
	else
		mkdir -p "$DIR/data" "$DIR/certs"
		# Seeds accounts and rosters and prints "DOMAIN PUBSUB-COMPONENT" of the home.
		names=$("$PY" "$SIM_DIR/seed_prosody.py" --config "$HOME_JSON" --data "$DIR/data" \
			--admins-cfg "$DIR/home.cfg.lua" --print-domains) && [ -n "$names" ] \
			|| { rm -rf "$DIR"; die "seeding prosody storage from $HOME_JSON failed"; }
	fi
	read -r DOMAIN PUBSUB COMPONENTS <<<"$names"
	# QR images of the unclaimed things (qrencode), while the server starts up.
	"$PY" "$SIM_DIR/things_registry_qr.py" --config "$HOME_JSON" --domain "$DOMAIN" --out "$DIR/qr" &
	local QR_PID=$!
	local CAFILE=
	if [ "$TLS" = cert ] && [ "$SERVER" = ejabberd ]; then
		ejabberd_cert "$DIR" "$DOMAIN" "$PUBSUB" || { rm -rf "$DIR"; die "openssl could not create a certificate"; }
		CAFILE=$DIR/crt.pem
	elif [ "$TLS" = cert ]; then
		# EC P-256: ~10 ms instead of ~300 ms for RSA-2048. Prosody indexes the
		# certs/ directory by SAN, so one cert serves the host and the component.
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
			-keyout "$DIR/certs/$DOMAIN.key" -out "$DIR/certs/$DOMAIN.crt" -subj "/CN=$DOMAIN" \
			-addext "subjectAltName=DNS:$DOMAIN,DNS:$PUBSUB" 2>/dev/null \
			|| { rm -rf "$DIR"; die "openssl could not create a certificate"; }
		CAFILE=$DIR/certs/$DOMAIN.crt
	fi

	# ejabberd starts from its own range: it takes seconds to come up, and
	# Prosody runs started beside it would keep taking its port first.
	local base=15222
	[ "$SERVER" != ejabberd ] || base=25222
	local PORT=${XMPP_PORT_BASE:-$base} CPORT tries=0 rc
	while :; do
		while ! port_free "$PORT"; do
			PORT=$((PORT+1)); tries=$((tries+1))
			[ $tries -lt 100 ] || { stop "$DIR" >/dev/null 2>&1 || true; die "no free port from ${XMPP_PORT_BASE:-$base}"; }
		done
		# The components' port(s): ejabberd needs one per component (CPORT, CPORT+1, ...).
		CPORT=$((PORT+1))
		while ! { port_free "$CPORT" && port_free "$((CPORT+1))"; }; do CPORT=$((CPORT+1)); done
		rc=0
		if [ "$SERVER" = ejabberd ]; then
			ejabberd_write_config "$DIR" "$PORT" "$TLS" "$DEBUG" "$DOMAIN" "$PUBSUB" "$CPORT" "$COMPONENTS"
			ejabberd_start "$DIR" "$PORT" || rc=$?
		else
			write_config "$DIR" "$PORT" "$TLS" "$DEBUG" "$DOMAIN" "$PUBSUB" "$CPORT" "$COMPONENTS"
			start_prosody "$DIR" "$PORT" "${COMPONENTS:+$CPORT}" || rc=$?
		fi
		[ $rc -eq 0 ] && break
		if [ $rc -eq 2 ] && [ $tries -lt 100 ]; then   # lost a race for the port: next one
			stop_group "$(cat "$DIR/$SERVER.wrapper.pid")"
			PORT=$((PORT+1)); tries=$((tries+1)); continue
		fi
		log "$SERVER did not come up; its output follows"
		cat "$DIR/$SERVER.stdout" "$DIR/$SERVER.log" >&2 2>/dev/null || true
		stop "$DIR" || true
		exit 1
	done
	local SERVER_PID PID_VAR
	SERVER_PID=$(cat "$DIR/$SERVER.wrapper.pid")
	PID_VAR=${SERVER^^}_PID

	# The whole home in one asyncio process; READY (the ready file) only once
	# every account has bound, sent presence and fetched its roster.
	local -a simargs=(--config "$HOME_JSON" --port "$PORT" --domain "$DOMAIN" --ready-file "$DIR/sim.ready")
	if [ -n "$COMPONENTS" ]; then   # a home.json without "components" runs none
		simargs+=(--component-port "$CPORT" --component-secret-file "$DIR/component.secret")
		[ "$SERVER" != ejabberd ] || simargs+=(--component-port-step 1)
	fi
	[ "${IOT_SIM_WIRE:-0}" != 1 ] || simargs+=(--wire)
	# Harmless without --starttls; lets IOT_SIM_ARGS=--starttls verify the throwaway cert.
	[ -z "$CAFILE" ] || simargs+=(--cafile "$CAFILE")
	# shellcheck disable=SC2086  # IOT_SIM_ARGS is a list of words on purpose
	setsid timeout -s KILL "${XMPP_MAX_LIFETIME:-900}" \
		"$PY" "$SIM_DIR/home.py" "${simargs[@]}" ${IOT_SIM_ARGS:-} \
		>"$DIR/sim.log" 2>&1 </dev/null &
	local SIM_PID=$!
	echo "$SIM_PID" > "$DIR/sim.wrapper.pid"
	local n=2000   # 20 s
	while [ ! -s "$DIR/sim.ready" ]; do
		if ! group_alive "$SIM_PID" || [ $n -le 0 ]; then
			log "the simulated home did not get READY; sim.log and $SERVER.log follow"
			tail -n 60 "$DIR/sim.log" >&2 || true
			tail -n 30 "$DIR/$SERVER.log" >&2 || true
			stop "$DIR" || true
			exit 1
		fi
		sleep 0.01; n=$((n-1))
	done

	if ! wait "$QR_PID"; then
		log "tests/sim/things_registry_qr.py failed (is qrencode installed?)"
		stop "$DIR" || true
		exit 1
	fi
	local REGISTRY PROVISIONING
	# shellcheck disable=SC2086  # a list of JIDs, one per word
	REGISTRY=$(printf '%s\n' $COMPONENTS | grep -m1 '^registry\.' || true)
	# shellcheck disable=SC2086
	PROVISIONING=$(printf '%s\n' $COMPONENTS | grep -m1 '^provisioning\.' || true)

	cat <<EOF
XMPP_DIR='$DIR'; XMPP_HOST=127.0.0.1; XMPP_PORT=$PORT; XMPP_DOMAIN='$DOMAIN'
XMPP_CAFILE='$CAFILE'; IOT_HOME_JSON='$HOME_JSON'; IOT_SIM_PID=$SIM_PID; XMPP_SERVER=$SERVER
XMPP_SERVER_PID=$SERVER_PID; $PID_VAR=$SERVER_PID; XMPP_COMPONENT_PORT=${COMPONENTS:+$CPORT}
IOT_REGISTRY_JID='$REGISTRY'; IOT_PROVISIONING_JID='$PROVISIONING'; IOT_QR_DIR='$DIR/qr'
export XMPP_DIR XMPP_HOST XMPP_PORT XMPP_DOMAIN XMPP_CAFILE IOT_HOME_JSON IOT_SIM_PID XMPP_SERVER XMPP_SERVER_PID $PID_VAR
export XMPP_COMPONENT_PORT IOT_REGISTRY_JID IOT_PROVISIONING_JID IOT_QR_DIR
EOF
}

stop_group() {  # PGID...: TERM, XMPP_STOP_GRACE, then KILL
	local p n
	for p in "$@"; do kill -TERM -- "-$p" 2>/dev/null || true; done
	n=$(awk "BEGIN{print int(${XMPP_STOP_GRACE:-0.3}*100)}")
	for p in "$@"; do while group_alive "$p" && [ "$n" -gt 0 ]; do sleep 0.01; n=$((n-1)); done; done
	for p in "$@"; do group_alive "$p" && kill -KILL -- "-$p" 2>/dev/null || true; done
	n=100; for p in "$@"; do while group_alive "$p" && [ "$n" -gt 0 ]; do sleep 0.01; n=$((n-1)); done; done
}

stop() {  # DIR
	local DIR=${1:-} pids="" f
	# Only ever remove what start created: an absolute path ending in $DIR_PATTERN.XXXXXX.
	case "$DIR" in
		/*/"$DIR_PATTERN".??????) ;;
		*) log "refusing to stop/remove '$DIR'"; return 1 ;;
	esac
	[ -d "$DIR" ] || return 0
	for f in "$DIR/sim.wrapper.pid" "$DIR/prosody.wrapper.pid" "$DIR/ejabberd.wrapper.pid"; do
		[ -s "$f" ] && pids="$pids $(cat "$f")"
	done
	# shellcheck disable=SC2086
	[ -z "$pids" ] || stop_group $pids
	if [ "${XMPP_KEEP:-0}" = 1 ]; then log "kept $DIR"; else rm -rf "$DIR"; fi
}

case "${1:-}" in
	start)
		need_tools
		start ;;
	stop)
		[ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
		stop "$2" ;;
	restart-server)
		# Fault injection: the server dies at once (SIGKILL, no goodbye to any
		# client) and comes back on the same port with the same data.
		[ $# -eq 2 ] || { echo "usage: $0 restart-server DIR" >&2; exit 2; }
		DIR=$2
		case "$DIR" in /*/"$DIR_PATTERN".??????) ;; *) die "refusing to touch '$DIR'" ;; esac
		SERVER=$(cat "$DIR/server" 2>/dev/null || echo prosody)
		if [ "$SERVER" = ejabberd ]; then
			PORT=$(ejabberd_port "$DIR"); starter=ejabberd_start
		else
			PORT=$(sed -n 's/^c2s_ports = { \([0-9]*\) }$/\1/p' "$DIR/prosody.cfg.lua"); starter=start_prosody
			CPORT=$(sed -n 's/^component_ports = { \([0-9]*\) }.*$/\1/p' "$DIR/prosody.cfg.lua")
		fi
		[ -n "$PORT" ] || die "no c2s port in the $SERVER config of $DIR"
		old=$(cat "$DIR/$SERVER.wrapper.pid")
		kill -KILL -- "-$old" 2>/dev/null || true
		n=300; while group_alive "$old" && [ $n -gt 0 ]; do sleep 0.01; n=$((n-1)); done
		cat "$DIR/$SERVER.log" >> "$DIR/$SERVER.log.before-restart" 2>/dev/null || true
		n=100
		until $starter "$DIR" "$PORT" ${CPORT:-}; do   # the port may linger in TIME_WAIT briefly
			n=$((n-1)); [ $n -gt 0 ] || die "$SERVER did not come back on port $PORT"
			stop_group "$(cat "$DIR/$SERVER.wrapper.pid")"; sleep 0.05
		done
		log "$SERVER restarted on port $PORT" ;;
	run)
		shift
		[ $# -ge 1 ] || { echo "usage: $0 run CMD [ARGS...]" >&2; exit 2; }
		need_tools
		envs=$(start)   # a plain assignment: errexit (+inherit_errexit) stops here if start fails;
		eval "$envs"    # never `$(start) || ...`, errexit is ignored inside a || list
		child=
		trap '[ -n "$child" ] && kill -TERM -- "-$child" 2>/dev/null; stop "$XMPP_DIR"' EXIT
		trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP   # 128 + signal number
		# Background + wait: bash runs traps only between commands and `wait` is
		# interruptible, so a signal to this script cleans up at once. timeout(1)
		# bounds the command too, in case this script itself gets SIGKILLed.
		setsid timeout -s KILL "${XMPP_MAX_LIFETIME:-900}" "$@" <&0 & child=$!
		set +e; wait "$child"; rc=$?; set -e
		child=
		if [ $rc -ne 0 ]; then
			log "command failed (rc=$rc): $*"
			log "--- $SERVER.log (tail) ---"; tail -n 40 "$XMPP_DIR/$SERVER.log" >&2 || true
			log "--- sim.log (tail) ---"; tail -n 40 "$XMPP_DIR/sim.log" >&2 || true
		fi
		exit $rc ;;
	*)
		echo "usage: $0 [--server prosody|ejabberd] start | stop DIR | run CMD [ARGS...] | restart-server DIR" >&2
		exit 2 ;;
esac
