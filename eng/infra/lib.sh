# shellcheck shell=bash
# Note: no "grep -q" at the end of a pipeline; with pipefail the writer can die of SIGPIPE and fail it.
# Shared helpers for the eng/infra scripts. Sourced, never executed.

# Debian keeps the server tools in sbin, which a non-login root shell may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

ICEFARM_USER="${ICEFARM_USER:-icefarm}"
ICEFARM_PASSWORD="${ICEFARM_PASSWORD:-icefarm}"

info() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die()  { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

join_comma() { local out; out="$(printf '%s, ' "$@")"; printf '%s' "${out%, }"; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND once a second until it succeeds.
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local began=$SECONDS deadline=$((SECONDS + timeout)) waited=0
  until "$@" >/dev/null 2>&1; do
    waited=1
    if [ "$SECONDS" -ge "$deadline" ]; then
      return 1
    fi
    sleep 1
  done
  # Only worth saying when we actually had to wait.
  if [ "$waited" -eq 1 ]; then
    info "$what ready after $((SECONDS - began)) s"
  fi
}

# tcp_open HOST PORT: true when something accepts connections there.
tcp_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# Temporarily forbid package maintainer scripts from starting services, so that
# an install behaves the same with and without an init system, and the
# scripts below start servers the one way they know. An existing policy is
# left alone (the scripts cope with either outcome anyway).
_ICEFARM_POLICY_CREATED=0
forbid_service_start() {
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# written by icefarm eng/infra, removed when it ends\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    _ICEFARM_POLICY_CREATED=1
    trap 'allow_service_start' EXIT
  fi
}
allow_service_start() {
  if [ "$_ICEFARM_POLICY_CREATED" -eq 1 ]; then
    rm -f /usr/sbin/policy-rc.d
    _ICEFARM_POLICY_CREATED=0
  fi
}

_apt() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q "$@"
}

# apt_install PACKAGE...: installs from Debian's archive, refreshing the
# package lists first when they do not know the package (a new machine), and
# once more if the download fails on stale lists.
apt_install() {
  local pkg need_update=0
  for pkg in "$@"; do
    if ! apt-cache policy "$pkg" 2>/dev/null | grep 'Candidate: [0-9]' >/dev/null; then
      need_update=1
    fi
  done
  if [ "$need_update" -eq 1 ]; then
    info "apt-get update (package lists do not know: $*)"
    _apt update >/dev/null
  fi
  forbid_service_start
  info "apt-get install -y $*"
  if ! _apt install -y --no-install-recommends "$@" >/tmp/icefarm-apt.log 2>&1; then
    info "install failed, refreshing package lists and retrying"
    _apt update >/dev/null
    _apt install -y --no-install-recommends "$@" >/tmp/icefarm-apt.log 2>&1 \
      || { tail -n 30 /tmp/icefarm-apt.log >&2; die "apt-get install $* failed (full log: /tmp/icefarm-apt.log)"; }
  fi
  allow_service_start
}
