#!/usr/bin/env bash
# Ensures a local RabbitMQ broker on 127.0.0.1:5672 with the management API on
# 15672, user icefarm/icefarm tagged administrator (tests create a vhost per
# test class through the management API) and impersonator (as the services' users
# are: it moves a worker's report, user_id and all, to an error queue; see
# eng/broker-users.sh), vhost icefarm, and full permissions
# for icefarm on icefarm and on /. Idempotent: reuses a running broker.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MGMT="http://127.0.0.1:15672"
PLUGINS=(rabbitmq_management rabbitmq_prometheus)
ENV_CONF=/etc/rabbitmq/rabbitmq-env.conf
START_LOG=/var/log/rabbitmq/icefarm-start.log

mgmt_get() { curl -fsS --max-time 5 -u "$ICEFARM_USER:$ICEFARM_PASSWORD" "$MGMT$1" 2>/dev/null; }

# Everything the tests need, seen through the management API (much faster
# than a series of rabbitmqctl calls, each of which boots an Erlang VM).
broker_ready_for_icefarm() {
  tcp_open 127.0.0.1 5672 || return 1
  mgmt_get /api/whoami | grep '"administrator"' >/dev/null || return 1
  mgmt_get /api/whoami | grep 'impersonator' >/dev/null || return 1
  mgmt_get /api/permissions/icefarm/"$ICEFARM_USER" >/dev/null || return 1
  mgmt_get /api/permissions/%2F/"$ICEFARM_USER" >/dev/null || return 1
}

node_running() { timeout 30 rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

# --- not root: we can only check what is there -----------------------------
if ! is_root; then
  if broker_ready_for_icefarm; then
    info "rabbitmq: reused broker on 127.0.0.1:5672 (not root: checked only)"
    exit 0
  fi
  die "RabbitMQ is not usable on 127.0.0.1:5672/15672 with user $ICEFARM_USER/$ICEFARM_PASSWORD, and this script is not root. \
Run it as root (it installs and configures everything), or do it yourself: apt-get install -y rabbitmq-server; \
rabbitmq-plugins enable rabbitmq_management; rabbitmq-server -detached; rabbitmqctl add_user icefarm icefarm; \
rabbitmqctl set_user_tags icefarm administrator impersonator; rabbitmqctl add_vhost icefarm; \
rabbitmqctl set_permissions -p icefarm icefarm '.*' '.*' '.*'; rabbitmqctl set_permissions -p / icefarm '.*' '.*' '.*'"
fi

actions=()

# --- install -------------------------------------------------------------------
if ! command -v rabbitmq-server >/dev/null; then
  apt_install rabbitmq-server
  actions+=("installed rabbitmq-server")
fi

# --- start ---------------------------------------------------------------------
if node_running; then
  # Running already (ours from an earlier run, or the package's service).
  missing=()
  for p in "${PLUGINS[@]}"; do
    grep -qw "$p" /etc/rabbitmq/enabled_plugins 2>/dev/null || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    rabbitmq-plugins -q enable "${missing[@]}" >/dev/null
    actions+=("enabled ${missing[*]}")
  fi
else
  # A fixed node name: the default rabbit@<hostname> fails to boot on
  # machines whose hostname does not resolve.
  if ! grep -qs '^ *\(RABBITMQ_\)\?NODENAME=' "$ENV_CONF"; then
    mkdir -p "$(dirname "$ENV_CONF")"
    echo 'NODENAME=rabbit@localhost  # set by icefarm eng/infra' >>"$ENV_CONF"
  fi
  # Offline: the plugins are on from the first boot, no restart needed.
  rabbitmq-plugins -q enable --offline "${PLUGINS[@]}" >/dev/null
  info "rabbitmq: starting broker (rabbitmq-server -detached, log $START_LOG)"
  mkdir -p "$(dirname "$START_LOG")"
  # Redirected so the broker never holds our caller's stdout/stderr open.
  rabbitmq-server -detached </dev/null >>"$START_LOG" 2>&1 \
    || { tail -n 20 "$START_LOG" >&2; die "rabbitmq: rabbitmq-server -detached failed"; }
  wait_until 120 "rabbitmq node" node_running \
    || { tail -n 20 "$START_LOG" >&2; die "rabbitmq: node did not answer ping within 120 s (logs: /var/log/rabbitmq/)"; }
  actions+=("started broker")
fi
rabbitmqctl -q await_startup --timeout 120 >/dev/null \
  || die "rabbitmq: node did not finish booting within 120 s (logs: /var/log/rabbitmq/)"

# --- user, vhost, permissions ----------------------------------------------------
if ! broker_ready_for_icefarm; then
  # Note: the user check must not use the management API, whose login is what we are setting up.
  if rabbitmqctl -q list_users | awk '{print $1}' | grep -x "$ICEFARM_USER" >/dev/null; then
    rabbitmqctl -q change_password "$ICEFARM_USER" "$ICEFARM_PASSWORD" >/dev/null
  else
    rabbitmqctl -q add_user "$ICEFARM_USER" "$ICEFARM_PASSWORD" >/dev/null
    actions+=("created user $ICEFARM_USER")
  fi
  rabbitmqctl -q set_user_tags "$ICEFARM_USER" administrator impersonator >/dev/null
  if ! rabbitmqctl -q list_vhosts | grep -x icefarm >/dev/null; then
    rabbitmqctl -q add_vhost icefarm >/dev/null
    actions+=("created vhost icefarm")
  fi
  rabbitmqctl -q set_permissions -p icefarm "$ICEFARM_USER" '.*' '.*' '.*' >/dev/null
  rabbitmqctl -q set_permissions -p / "$ICEFARM_USER" '.*' '.*' '.*' >/dev/null
  actions+=("granted $ICEFARM_USER permissions on icefarm and /")
fi

# --- wait for the ports the services and tests use -------------------------------
wait_until 60 "rabbitmq amqp on 127.0.0.1:5672" tcp_open 127.0.0.1 5672 \
  || die "rabbitmq: port 5672 not open after 60 s"
wait_until 60 "rabbitmq management on $MGMT" mgmt_get /api/overview \
  || die "rabbitmq: management API $MGMT/api/overview does not answer for $ICEFARM_USER after 60 s"
broker_ready_for_icefarm || die "rabbitmq: user $ICEFARM_USER lacks the administrator or impersonator tag, or permissions"

if [ "${#actions[@]}" -eq 0 ]; then
  info "rabbitmq: reused running broker on 127.0.0.1:5672 (management $MGMT/)"
else
  info "rabbitmq: $(join_comma "${actions[@]}") — broker on 127.0.0.1:5672 (management $MGMT/)"
fi
