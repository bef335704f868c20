#!/usr/bin/env bash
# Creates or updates IceFarm's RabbitMQ users with least privilege, through the broker's management API
# (docs/security.md, "Broker users"). Idempotent: run it again to change a password or to repair permissions.
#
#   eng/broker-users.sh worker NAME    user worker-NAME for the worker NAME: it reads only its own command queue and
#                                      writes only its own queues and the exchanges of the reports workers publish
#   eng/broker-users.sh service USER   user USER for the ReservationService or the AdminApi: the whole vhost, tagged
#                                      impersonator (it moves a worker's failed report to an error queue unchanged,
#                                      and RabbitMQ lets only an impersonator send another user's user_id)
#   eng/broker-users.sh --print worker NAME   prints the permissions (configure, write, read) and changes nothing
#
# Environment:
#   BROKER_MANAGEMENT_URL  the management API, with an administrator's credentials (default
#                          http://icefarm:icefarm@127.0.0.1:15672/, the local broker of eng/infra)
#   BROKER_VHOST           the vhost the services use (default icefarm)
#   BROKER_USER_PASSWORD   the user's password; read from standard input when unset, so that it is never on a
#                          command line
set -euo pipefail

MGMT="${BROKER_MANAGEMENT_URL:-http://icefarm:icefarm@127.0.0.1:15672/}"
MGMT="${MGMT%/}"
VHOST="${BROKER_VHOST:-icefarm}"

die() { printf 'broker-users: %s\n' "$*" >&2; exit 2; }

# The reports a worker publishes, one exchange each (MassTransit names an exchange Namespace:Type). The
# service believes each only from the worker it names (IWorkerMessage); a test compares this list with those types.
REPORTS='IceFarm\.Contracts\.(Workers:(WorkerHeartbeat|WorkerHello|WorkerStopping)|Devices:(DeviceStateChanged|DeviceInitialized|DeviceHealthChecked)|Evaluations:(EvaluationCompleted|EvaluationFailed))'

worker_permissions() {
  local name="$1" own
  [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$ ]] || die "a worker name is letters, digits, '.', '_' and '-' (got '$name')"
  # Otherwise its queues would be another worker's: worker-a's error queue is worker-a_error.
  [[ ! "$name" =~ (_error|_skipped|-responses)$ ]] || die "a worker name may not end in _error, _skipped or -responses (got '$name')"
  # Its command queue and its exchange of the same name, MassTransit's _error and _skipped queues beside them, and the
  # temporary queue that receives the service's answers (-responses).
  own="worker-${name//./\\.}(-responses)?(_error|_skipped)?"
  CONFIGURE="^($own|$REPORTS)\$"
  WRITE="^($own|$REPORTS)\$"
  # Read on nothing else: reading an exchange would let it bind that exchange to its own queue and receive what
  # goes through it (another worker's commands and bitstreams, every client's results).
  READ="^$own\$"
}

json_string() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }

api_put() {
  local path="$1" body="$2" code answer
  answer="$(mktemp)"
  code="$(curl -sS -o "$answer" -w '%{http_code}' --max-time 15 -X PUT -H 'content-type: application/json' \
    --data-binary "$body" "$MGMT/api/$path")" || { rm -f "$answer"; die "the management API at ${MGMT#*@} did not answer"; }
  if [[ "$code" != 2* ]]; then
    local text; text="$(cat "$answer")"; rm -f "$answer"
    die "PUT /api/$path answered $code: $text"
  fi
  rm -f "$answer"
}

password() {
  if [[ -n "${BROKER_USER_PASSWORD:-}" ]]; then
    printf '%s' "$BROKER_USER_PASSWORD"
  else
    local p; IFS= read -r p || true
    [[ -n "$p" ]] || die "no password: set BROKER_USER_PASSWORD or write it on standard input"
    printf '%s' "$p"
  fi
}

print_only=0
if [[ "${1:-}" == "--print" ]]; then print_only=1; shift; fi
[[ $# -eq 2 ]] || die "usage: $0 [--print] worker NAME | service USER"
role="$1"; subject="$2"

case "$role" in
  worker)
    worker_permissions "$subject"
    user="worker-$subject"; tags=""
    ;;
  service)
    [[ "$subject" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$ ]] || die "a user name is letters, digits, '.', '_' and '-' (got '$subject')"
    [[ "$subject" != worker-* ]] || die "'worker-' names are workers' users; choose another name for a service"
    user="$subject"; tags="impersonator"
    CONFIGURE='.*'; WRITE='.*'; READ='.*'
    ;;
  *) die "usage: $0 [--print] worker NAME | service USER" ;;
esac

if [[ "$print_only" -eq 1 ]]; then
  printf 'user\t%s\nconfigure\t%s\nwrite\t%s\nread\t%s\n' "$user" "$CONFIGURE" "$WRITE" "$READ"
  exit 0
fi

vhost_path="$(printf '%s' "$VHOST" | sed 's|/|%2F|g')"
api_put "users/$user" "{\"password\":$(json_string "$(password)"),\"tags\":\"$tags\"}"
api_put "permissions/$vhost_path/$user" \
  "{\"configure\":$(json_string "$CONFIGURE"),\"write\":$(json_string "$WRITE"),\"read\":$(json_string "$READ")}"
printf 'broker-users: %s user %s on vhost %s is ready\n' "$role" "$user" "$VHOST"
