#!/bin/sh
# Installs what wiredex needs to build and test on Debian 12, and nothing
# when it is all there already. Needs root (or sudo) only to install.
# The browser test also needs Node.js; the Debian package is used when
# no node is on the PATH.
set -eu
pkgs="build-essential pkg-config libxapian-dev zlib1g-dev libxml2-dev
libjansson-dev libcsv-dev libcmocka-dev libfcgi-dev libjemalloc-dev xapian-tools jq lighttpd curl
clang-14 wrk util-linux
chromium"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    pkgs="$pkgs nodejs npm"
missing=""
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
