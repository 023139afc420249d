#!/usr/bin/env bash
# Starts Debian's Docker engine when none answers (no machine here starts one at boot), and waits for it.
set -euo pipefail
if docker info >/dev/null 2>&1; then
  echo "docker engine: running ($(docker version --format '{{.Server.Version}}'))"
  exit 0
fi
command -v dockerd >/dev/null || { echo "error: dockerd is not installed; run: bash ci/setup.sh (installs docker.io)" >&2; exit 1; }
nohup dockerd >/tmp/wps-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "docker engine: started ($(docker version --format '{{.Server.Version}}')), log /tmp/wps-dockerd.log"
    exit 0
  fi
  sleep 1
done
echo "error: dockerd did not answer within 60 s; see /tmp/wps-dockerd.log" >&2
exit 1
