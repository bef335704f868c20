#!/usr/bin/env bash
# Ensures Debian's chromium at /usr/bin/chromium for the admin panel's browser test
# (Microsoft.Playwright drives it through ExecutablePath; no browser is ever downloaded).
# Idempotent: does nothing when chromium is there. Installing needs root.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM="${ICEFARM_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  info "chromium: reusing $CHROMIUM"
  exit 0
fi

if ! is_root; then
  die "chromium is missing at $CHROMIUM; install Debian's package as root: apt-get install -y chromium"
fi

info "chromium: installing Debian's package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
[ -x "$CHROMIUM" ] || die "chromium was installed but $CHROMIUM is not there"
info "chromium: installed $CHROMIUM"
