#!/usr/bin/env bash
# Stops the local servers that ensure-infra.sh starts (needs root). Data is
# kept; ensure-infra.sh starts them again.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
is_root || die "stop-infra.sh needs root"

if command -v rabbitmqctl >/dev/null && timeout 30 rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  rabbitmqctl -q stop >/dev/null && info "rabbitmq: stopped"
else
  info "rabbitmq: not running"
fi

if command -v pg_lsclusters >/dev/null; then
  pg_lsclusters -h | while read -r ver name _port status _; do
    if [[ "$status" == online* ]]; then
      pg_ctlcluster "$ver" "$name" stop && info "postgres: stopped cluster $ver/$name"
    else
      info "postgres: cluster $ver/$name not running"
    fi
  done
fi
