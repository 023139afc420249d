#!/usr/bin/env bash
# Why the judged steady state is CPU time with the builds sharing one CPU (perf.steady.shared.millis): the canary and
# the reference of one variant, measured per pair in two ways, and the reference against itself (A/A) the same way:
#   sequential  one process after the other, the fastest of the repeated inferences each (the fastest-repeat metric);
#   shared      both at once pinned to one CPU (the launcher's --cpu), user + system CPU time per inference.
# Prints every pair's log ratio in percent and, per way, the median and the range. Run it after mvn verify (it needs
# the canary and reference builds in target/), on a quiet machine: nothing else may run meanwhile.
#
#   bash ci/shared-cpu.sh [native|wasmtime-aot] [pairs]    # native, 10 pairs: about 1 minute
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
variant=${1:-native}
pairs=${2:-10}
version=$(grep -E '^wasmtime.version=' "$root/src/main/resources/suite.properties" | cut -d= -f2)
cache=${WPS_CACHE_DIR:-$HOME/.cache/wasm-perf-suite}
launcher="$root/target/launcher/wps-launch"
case "$variant" in
  native)
    canary=("$root/target/canary/classifier/native/mobilenet-classify")
    reference=("$root/target/reference/classifier/native/mobilenet-classify")
    repeats=40 ;;
  wasmtime-aot)
    wasmtime="$cache/runtimes/wasmtime-$version/bin/wasmtime"
    canary=("$wasmtime" run --allow-precompiled "$root/target/canary/aot/mobilenet-classify-simd.cwasm")
    reference=("$wasmtime" run --allow-precompiled "$root/target/reference/aot/mobilenet-classify-simd.cwasm")
    repeats=20 ;;
  *) echo "error: variant must be native or wasmtime-aot, not $variant" >&2; exit 1 ;;
esac
for f in "$launcher" "${canary[0]}" "${canary[-1]}" "${reference[-1]}"; do
  [ -e "$f" ] || { echo "error: $f is missing; run 'bash ci/setup.sh' and 'mvn verify' first (it builds the canary and the reference)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c "import base64,json,sys; print(json.dumps({'image': base64.b64encode(open(sys.argv[1],'rb').read()).decode()}))" \
  "$root/fixtures/images/chelsea.png" > "$work/request.json"
python3 - "$pairs" "$repeats" "$launcher" "$work/request.json" "${#canary[@]}" "${canary[@]}" "${reference[@]}" <<'PY'
import json, math, random, statistics, subprocess, sys
pairs, repeats, launcher, request, n = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
canary, reference = sys.argv[6:6 + n], sys.argv[6 + n:]

def start(command, cpu=None):
    pin = ["--cpu", str(cpu)] if cpu is not None else []
    return subprocess.Popen([launcher, "--stdin", request, *pin, "--", *command, "--repeat", str(repeats)],
                            stdout=subprocess.PIPE, text=True)

def report(process):
    out = json.loads(process.communicate()[0].strip().splitlines()[-1])
    if out.get("exit_code") != 0:
        sys.exit(f"error: a run failed: {out.get('error') or out.get('stderr')}")
    return out

def sequential(a, b):
    fastest = [min(json.loads(report(start(c))["stdout"])["repeated_inference_us"]) for c in (a, b)]
    return 100 * math.log(fastest[0] / fastest[1])

def shared(a, b):
    cpu = random.randrange(2)
    runs = [start(c, cpu) for c in (a, b)]
    cpus = [(r["user_us"] + r["system_us"]) for r in map(report, runs)]
    return 100 * math.log(cpus[0] / cpus[1])

results = {}
for pair in range(pairs):
    for name, a, b in (("canary / reference", canary, reference), ("reference / reference (A/A)", reference, reference)):
        for way in (sequential, shared):
            results.setdefault((name, way.__name__), []).append(way(a, b))
for (name, way), values in results.items():
    print(f"{name:28s} {way:10s} median {statistics.median(values):+6.1f}%  range {min(values):+6.1f}%..{max(values):+6.1f}%  "
          + " ".join(f"{v:+.1f}" for v in values))
PY
