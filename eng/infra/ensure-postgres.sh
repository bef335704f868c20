#!/usr/bin/env bash
# Ensures a local PostgreSQL server on 127.0.0.1 with role icefarm/icefarm
# (LOGIN, CREATEDB: tests create one database per test class) and a database
# icefarm owned by it. Idempotent: reuses a running cluster.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_HOST=127.0.0.1
WANTED_PORT="${ICEFARM_PG_PORT:-5432}"

# Runs SQL as the postgres superuser over the local socket (peer auth).
# cd / because psql complains when it cannot read root's home directory.
pg_super() {
  (cd / && runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -tA "$@")
}

icefarm_login_works() {
  PGPASSWORD="$ICEFARM_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -tA \
    "host=$PG_HOST port=$PG_PORT user=$ICEFARM_USER dbname=icefarm" -c 'select 1' 2>/dev/null | grep -x 1 >/dev/null
}

not_root_help() {
  die "PostgreSQL is not usable at $PG_HOST:$WANTED_PORT with user $ICEFARM_USER/$ICEFARM_PASSWORD, and this script is not root. \
Run it as root (it installs and configures everything), or do it yourself: apt-get install -y postgresql; pg_ctlcluster 15 main start; \
then as postgres: CREATE ROLE icefarm LOGIN CREATEDB PASSWORD 'icefarm'; CREATE DATABASE icefarm OWNER icefarm;"
}

# --- not root: we can only check what is there -----------------------------
if ! is_root; then
  PG_PORT="$WANTED_PORT"
  if command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && icefarm_login_works; then
    info "postgres: reused server on $PG_HOST:$PG_PORT (not root: checked only)"
    exit 0
  fi
  not_root_help
fi

actions=()

# --- install -------------------------------------------------------------------
if ! command -v pg_lsclusters >/dev/null; then
  apt_install postgresql
  actions+=("installed")
fi

# --- pick (or create) a cluster ----------------------------------------------------
# pg_lsclusters -h: Ver Cluster Port Status Owner Datadir Logfile
pick_cluster() {
  pg_lsclusters -h | awk -v p="$WANTED_PORT" '$3 == p { print; found=1; exit } END { if (!found) exit 1 }' \
    || pg_lsclusters -h | head -n 1
}
cluster_line="$(pick_cluster || true)"
if [ -z "$cluster_line" ]; then
  ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$ver" ] || die "postgres: no PostgreSQL server binaries under /usr/lib/postgresql"
  info "postgres: no cluster exists, creating $ver/main on port $WANTED_PORT"
  pg_createcluster "$ver" main --port "$WANTED_PORT" >/dev/null
  actions+=("created cluster $ver/main")
  cluster_line="$(pick_cluster)"
fi
read -r PG_VER PG_NAME PG_PORT PG_STATUS _ <<<"$cluster_line"
if [ "$PG_PORT" != "$WANTED_PORT" ]; then
  warn "postgres: cluster $PG_VER/$PG_NAME listens on port $PG_PORT, not $WANTED_PORT; the default connection strings will not reach it"
fi

# --- start -------------------------------------------------------------------
# Each test class gets its own database and every host its own pool, and test projects run in parallel: Debian's
# default of 100 connections runs out. Set before a start only; a running server is reused as it is.
PG_CONF_D="/etc/postgresql/$PG_VER/$PG_NAME/conf.d"
if [[ "$PG_STATUS" != online* ]] && [ -d "$PG_CONF_D" ] && [ -w "$PG_CONF_D" ] && [ ! -f "$PG_CONF_D/icefarm.conf" ]; then
  printf '# written by IceFarm eng/infra/ensure-postgres.sh\nmax_connections = 500\n' >"$PG_CONF_D/icefarm.conf"
  actions+=("max_connections = 500 in $PG_CONF_D/icefarm.conf")
fi
if [[ "$PG_STATUS" != online* ]]; then
  info "postgres: starting cluster $PG_VER/$PG_NAME"
  # Output to a file: the server must not hold our caller's stdout open.
  pg_ctlcluster "$PG_VER" "$PG_NAME" start </dev/null >/tmp/icefarm-pg-start.log 2>&1 \
    || { cat /tmp/icefarm-pg-start.log >&2; die "postgres: pg_ctlcluster $PG_VER $PG_NAME start failed (see /var/log/postgresql/)"; }
  actions+=("started $PG_VER/$PG_NAME")
fi
wait_until 60 "postgres on $PG_HOST:$PG_PORT" pg_isready -q -h "$PG_HOST" -p "$PG_PORT" \
  || die "postgres: not accepting connections on $PG_HOST:$PG_PORT after 60 s (see /var/log/postgresql/postgresql-$PG_VER-$PG_NAME.log)"

# --- role and database ------------------------------------------------------------
if [ "$(pg_super -c "select 1 from pg_roles where rolname = '$ICEFARM_USER'")" != "1" ]; then
  pg_super -c "create role \"$ICEFARM_USER\" login createdb password '$ICEFARM_PASSWORD'"
  actions+=("created role $ICEFARM_USER")
else
  # Keep an existing role usable the way tests need it.
  pg_super -c "alter role \"$ICEFARM_USER\" login createdb password '$ICEFARM_PASSWORD'"
fi
if [ "$(pg_super -c "select 1 from pg_database where datname = 'icefarm'")" != "1" ]; then
  pg_super -c "create database icefarm owner \"$ICEFARM_USER\""
  actions+=("created database icefarm")
fi

# --- password auth over TCP ----------------------------------------------------------
# Debian's pg_hba.conf allows scram-sha-256 for 127.0.0.1; a changed one may not.
if ! icefarm_login_works; then
  hba="$(pg_super -c 'show hba_file')"
  info "postgres: password login over TCP failed; allowing $ICEFARM_USER from 127.0.0.1 in $hba"
  # First matching line wins, so put ours first. md5 also accepts scram passwords.
  sed -i "1i host all $ICEFARM_USER 127.0.0.1/32 md5  # added by icefarm eng/infra" "$hba"
  pg_super -c 'select pg_reload_conf()' >/dev/null
  sleep 1
  icefarm_login_works || die "postgres: user $ICEFARM_USER still cannot log in over TCP at $PG_HOST:$PG_PORT (check listen_addresses and $hba)"
  actions+=("allowed password login in pg_hba.conf")
fi

if [ "${#actions[@]}" -eq 0 ]; then
  info "postgres: reused running cluster $PG_VER/$PG_NAME on $PG_HOST:$PG_PORT (role and database present)"
else
  info "postgres: $(join_comma "${actions[@]}") — cluster $PG_VER/$PG_NAME on $PG_HOST:$PG_PORT"
fi
