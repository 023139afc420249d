#!/usr/bin/env bash
# Why steady runs drop their artefact from the page cache first (perf.steady.freshPages): two byte-identical copies of
# the wasmtime-aot artefact, timed alternately (fastest of 15 inferences per process, 12 pairs per block by default),
# in blocks.
# "drop" empties the whole page cache between blocks and then leaves each copy's pages where they land; "fresh"
# drops both copies before every run, as the suite does. With "drop" each block shows its own steady bias between the
# copies; with "fresh" the bias is gone and only noise remains. Root only; run it on a quiet machine after mvn verify.
#
#   bash ci/page-placement.sh [drop|fresh] [blocks] [pairs]    # drop, 4 blocks of 12 pairs: about 1 minute
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-drop}
blocks=${2:-4}
pairs=${3:-12}
version=$(grep -E '^wasmtime.version=' "$root/src/main/resources/suite.properties" | cut -d= -f2)
cache=${WPS_CACHE_DIR:-$HOME/.cache/wasm-perf-suite}
wasmtime="$cache/runtimes/wasmtime-$version/bin/wasmtime"
artefact="$root/target/aot/mobilenet-classify-simd.cwasm"
launcher="$root/target/launcher/wps-launch"
for f in "$wasmtime" "$artefact" "$launcher"; do
  [ -e "$f" ] || { echo "error: $f is missing; run 'bash ci/setup.sh' and 'mvn verify' first" >&2; exit 1; }
done
work=$(mktemp -d "$root/target/page-placement.XXXXXX")  # on disk, not tmpfs: tmpfs pages cannot be dropped
trap 'rm -rf "$work"' EXIT
cp "$artefact" "$work/a.cwasm"
cp "$artefact" "$work/b.cwasm"
python3 -c "import base64,json,sys; print(json.dumps({'image': base64.b64encode(open(sys.argv[1],'rb').read()).decode()}))" \
  "$root/fixtures/images/chelsea.png" > "$work/request.json"
python3 - "$mode" "$blocks" "$pairs" "$wasmtime" "$launcher" "$work" <<'PY'
import json, math, statistics, subprocess, sys
mode, blocks, pairs, wasmtime, launcher, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]

def fastest(copy):
    drop = ["--drop-pages", copy] if mode == "fresh" else []
    out = subprocess.run([launcher, "--stdin", f"{work}/request.json", *drop, "--", wasmtime, "run", "--allow-precompiled",
                          copy, "--repeat", "15"], capture_output=True, text=True, check=True).stdout
    report = json.loads(out.strip().splitlines()[-1])
    return min(json.loads(report["stdout"])["repeated_inference_us"])

for block in range(blocks):
    if mode == "drop":
        subprocess.run(["sync"], check=True)
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    ratios = sorted(math.log(fastest(f"{work}/b.cwasm") / fastest(f"{work}/a.cwasm")) for _ in range(pairs))
    q1, q3 = ratios[len(ratios) // 4], ratios[(3 * len(ratios)) // 4]
    print(f"block {block + 1} ({mode}): copy b against copy a, median of {pairs} pairs {100 * math.expm1(statistics.median(ratios)):+.2f}% "
          f"(quartiles {100 * math.expm1(q1):+.2f}% .. {100 * math.expm1(q3):+.2f}%)", flush=True)
PY
