#!/bin/bash
# check-po.sh — translations are part of the product: every source file with
# translatable strings is listed in po/POTFILES.in, the template is current,
# and every language in po/LINGUAS translates every string (no fuzzy, none
# missing). Prints what is wrong and exits 1.
set -eu
cd "$(dirname "$0")/.."
rc=0
for f in $(grep -l -E '(^|[^A-Za-z0-9_])(N?_|g_dngettext)\(' plugin/*/*.c ui/*.c 2>/dev/null); do
	grep -qx "$f" po/POTFILES.in || { echo "check-po: $f has translatable strings but is not in po/POTFILES.in"; rc=1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
	--add-comments=TRANSLATORS: --files-from=po/POTFILES.in -o "$tmp/new.pot" 2>/dev/null
msgcomm --unique "$tmp/new.pot" po/pidgin-xmpp-iot.pot -o "$tmp/diff.pot" 2>/dev/null || true
if [ -s "$tmp/diff.pot" ] && grep -q '^msgid "..*"' "$tmp/diff.pot"; then
	echo "check-po: po/pidgin-xmpp-iot.pot is out of date; run 'make update-po'"; rc=1
fi
for l in $(cat po/LINGUAS); do
	stats=$(msgfmt --check --statistics -o /dev/null "po/$l.po" 2>&1)
	case "$stats" in
	*fuzzy*|*untranslated*) echo "check-po: po/$l.po: $stats"; rc=1 ;;
	esac
	msgcmp --use-untranslated "po/$l.po" "$tmp/new.pot" 2>/dev/null || { echo "check-po: po/$l.po lacks strings; run 'make update-po' and translate"; rc=1; }
	echo "check-po: $l: $stats"
done
exit $rc
