#!/usr/bin/env bash
# Builds wps-launch, the static launcher every measured process is started through (locally and as the entrypoint
# of the suite's containers), into target/launcher/. Go's standard library only: no module download.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v go >/dev/null || { echo "error: go is not on PATH; the launcher is written in Go. Install Go (apt-get install -y golang-go) or run: bash ci/setup.sh" >&2; exit 1; }
out="$root/target/launcher/wps-launch"
mkdir -p "$(dirname "$out")"
cd "$root/src/launcher"
CGO_ENABLED=0 go build -trimpath -o "$out.tmp" . && mv "$out.tmp" "$out"
echo "built $out ($(go version | cut -d' ' -f3))"
