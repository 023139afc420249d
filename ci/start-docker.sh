#!/usr/bin/env bash
# Starts a Docker engine when none answers (no machine here starts one at boot), and waits for it.
#
#   bash ci/start-docker.sh                       # the local engine, on /var/run/docker.sock
#   bash ci/start-docker.sh --tcp 127.0.0.1:23750 # a second engine, reached over TCP only (DOCKER_HOST=tcp://...)
#
# The second engine stands in for a Docker engine on another host: its own data root, state and socket-free API on a
# loopback port, so nothing it runs can use the local engine's images or the host's files by path. Loopback only and
# without TLS: a real remote engine needs TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) or ssh:// in DOCKER_HOST.
set -euo pipefail
command -v dockerd >/dev/null || { echo "error: dockerd is not installed; run: bash ci/setup.sh (installs docker.io)" >&2; exit 1; }

tcp=
if [ "${1:-}" = --tcp ]; then
  tcp=${2:?"usage: bash ci/start-docker.sh [--tcp 127.0.0.1:PORT]"}
  case "$tcp" in
    127.*:* | localhost:*) ;;
    *) echo "error: --tcp $tcp: only a loopback address is allowed (the engine listens without TLS)" >&2; exit 1 ;;
  esac
fi

if [ -z "$tcp" ]; then
  name="docker engine" host_args=() log=/tmp/wps-dockerd.log
  answers() { docker info >/dev/null 2>&1; }
else
  name="docker engine on tcp://$tcp" log=/tmp/wps-dockerd-tcp.log
  # No bridge or iptables: every container of the suite runs with network "none", and a second engine's bridge and
  # NAT rules would collide with the first's.
  host_args=(--host "tcp://$tcp" --data-root /var/lib/wps-docker-tcp --exec-root /run/wps-docker-tcp
             --pidfile /run/wps-docker-tcp.pid --bridge none --iptables=false --ip6tables=false)
  answers() { DOCKER_HOST="tcp://$tcp" docker info >/dev/null 2>&1; }
fi
version() { if [ -n "$tcp" ]; then DOCKER_HOST="tcp://$tcp" docker version --format '{{.Server.Version}}'; else docker version --format '{{.Server.Version}}'; fi; }

if answers; then
  echo "$name: running ($(version))"
  exit 0
fi
nohup dockerd "${host_args[@]}" >"$log" 2>&1 &
for _ in $(seq 1 60); do
  if answers; then
    echo "$name: started ($(version)), log $log"
    exit 0
  fi
  sleep 1
done
echo "error: the $name did not answer within 60 s; see $log" >&2
exit 1
