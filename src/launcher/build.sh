#!/usr/bin/env bash
# Builds wps-probe, the static entrypoint of the suite's containers, into target/containers/.
# Go's standard library only: no module download.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v go >/dev/null || { echo "error: go is not on PATH; the container probe is written in Go. Install Go (golang-go) or run: bash ci/setup.sh" >&2; exit 1; }
mkdir -p "$root/target/containers"
cd "$root/src/container/probe"
CGO_ENABLED=0 go build -trimpath -o "$root/target/containers/wps-probe" .
echo "built $root/target/containers/wps-probe ($(go version))"
