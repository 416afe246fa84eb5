#!/bin/sh
# Installs the Debian packages the build, the tests and the demo need.
# Says what it installs; does nothing when everything is present.
set -eu
PKGS="build-essential pkg-config gettext libglib2.0-dev libxml2-dev libsqlite3-dev
libpurple-dev pidgin-dev libgtk2.0-dev check
pidgin finch prosody lua5.4 ejabberd openssl python3 python3-slixmpp
xvfb xdotool xclip tmux imagemagick x11-utils clang libclang-rt-14-dev valgrind fonts-dejavu-core
qrencode zbar-tools libzbar-dev libpng-dev libjpeg-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
