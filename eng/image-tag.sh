#!/usr/bin/env bash
# Prints the container image tag for this build (docs/deploy.md, "Image tags"):
#   main         → X.Y.Z              (a release)
#   development  → X.Y.Z-dev
#   other branch → X.Y.Z-<branch>      lower-cased; every run of characters other than a-z and
#                                      0-9 becomes one '-', leading/trailing '-' dropped, cut so
#                                      that the whole tag stays within 128 characters
#                                      (feature/Drain_SIGTERM → X.Y.Z-feature-drain-sigterm)
#   detached HEAD with no branch given → X.Y.Z-g<short commit>
# X.Y.Z is <Version> in Directory.Build.props. The branch is the first argument, else
# $ICEFARM_BRANCH, else git's current branch.
#
# Usage: eng/image-tag.sh [branch]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
props="${ICEFARM_BUILD_PROPS:-$root/Directory.Build.props}"

version="$(sed -n 's:.*<Version>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</Version>.*:\1:p' "$props" | head -n 1)"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "image-tag.sh: no X.Y.Z <Version> in $props (found '$version')" >&2
    exit 1
fi

branch="${1:-${ICEFARM_BRANCH:-}}"
if [[ -z "$branch" ]]; then
    branch="$(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null || true)"
    if [[ -z "$branch" || "$branch" == "HEAD" ]]; then
        commit="$(git -C "$root" rev-parse --short=8 HEAD 2>/dev/null || true)"
        if [[ -z "$commit" ]]; then
            echo "image-tag.sh: no branch given and none found by git" >&2
            exit 1
        fi
        echo "$version-g$commit"
        exit 0
    fi
fi

case "$branch" in
    main) echo "$version" ;;
    development) echo "$version-dev" ;;
    *)
        suffix="$(printf '%s' "$branch" | tr '[:upper:]' '[:lower:]' | sed -e 's/[^a-z0-9][^a-z0-9]*/-/g' -e 's/^-*//' -e 's/-*$//')"
        if [[ -z "$suffix" ]]; then
            echo "image-tag.sh: branch '$branch' leaves nothing for a tag" >&2
            exit 1
        fi
        room=$((128 - ${#version} - 1))
        suffix="${suffix:0:$room}"
        echo "$version-${suffix%-}"
        ;;
esac
