#!/usr/bin/env bash
# Entry point for every build step: ./build.sh [--target=Build|Test|Infra|Pack|Bench|Demo] [--configuration=Release]
# Targets are defined in build.cake; see docs/build-and-infra.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Quiet when it works; show what went wrong when it does not.
if ! restore_log="$(dotnet tool restore 2>&1)"; then
  printf '%s\n' "$restore_log" >&2
  exit 1
fi
# exec: Ctrl+C and SIGTERM sent to this script reach Cake, which stops what it started.
exec dotnet cake build.cake "$@"
