#!/bin/bash
# valgrind-check.sh BUILD_DIR RUNNER [NAME] — runs an integration RUNNER under
# valgrind memcheck (inside tests/testenv.sh) and fails when a block that is
# definitely lost was allocated by our code (a stack frame in iot_* or one of
# our source files). libpurple's and GLib's own one-time allocations are not
# ours to fix and are not counted.
set -eu
B=$1 RUNNER=$2 NAME=${3:-all}
LOG=$B/valgrind-$NAME.log
G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind --tool=memcheck --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite --num-callers=40 --child-silent-after-fork=yes --keep-debuginfo=yes \
	--error-exitcode=0 --log-file="$LOG" "$RUNNER"
# Each loss record is a paragraph; keep those that mention our code. The
# jabber prpl's add_buddy (jabber_roster_add_buddy, libpurple 2.14 roster.c)
# never frees the JabberID it parses: every caller of
# purple_account_add_buddy() loses it, Pidgin's own dialog too.
ours=$(sed 's/^==[0-9]*== \{0,1\}//' "$LOG" |
	awk 'BEGIN { RS = ""; } /definitely lost in loss record/ && /(iot_|iot-[a-z-]+\.c)/ && !/jabber_roster_add_buddy/ { print; print "" }')
errors=$(grep -c "Invalid read\|Invalid write\|uninitialised\|Invalid free" "$LOG" || true)
summary=$(grep "definitely lost:" "$LOG" | tail -1 | sed 's/^==[0-9]*== *//')
echo "valgrind ($NAME): ${summary:-no leak summary}; invalid accesses: $errors"
if [ -n "$ours" ] || [ "$errors" != 0 ]; then
	echo "valgrind: problems in our code (full log: $LOG):"
	echo "$ours" | head -80
	grep -B2 -A20 "Invalid read\|Invalid write\|uninitialised\|Invalid free" "$LOG" | head -80
	exit 1
fi
echo "valgrind: no definite leak and no invalid access from our code"
