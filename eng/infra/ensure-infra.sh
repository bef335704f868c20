#!/usr/bin/env bash
# Ensures the local servers IceFarm's tests and demo use: PostgreSQL on
# 127.0.0.1:5432 and RabbitMQ on 127.0.0.1:5672 (management on 15672), both
# with user icefarm / password icefarm. Installs them from Debian's packages
# when missing (needs root), starts them when down, reuses them when running.
# Safe to run any number of times. See docs/build-and-infra.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start=$SECONDS
"$here/ensure-postgres.sh"
"$here/ensure-rabbitmq.sh"
echo "[infra] local servers ready in $((SECONDS - start)) s"
