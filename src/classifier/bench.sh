#!/usr/bin/env bash
# Kernel benchmark of the classifier (not a test: numbers, no thresholds). For every fixture it
# runs inference N times inside one process (`--bench N`: no start-up, decode or compilation in the
# numbers) natively and for both wasm flavours under Wasmtime, prints median / MAD per build, and
# checks that all builds print the same `top` list. Run after `bash src/classifier/build.sh`.
#
#   bash src/classifier/bench.sh [iterations]      (default 30)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
config="$root/src/main/resources/suite.properties"
iterations=${1:-30}
prop() { grep -E "^$1=" "$config" | head -n 1 | cut -d= -f2-; }
cache=$(prop cache.dir)
cache=${cache/#\~/$HOME}
wasmtime="$cache/runtimes/wasmtime-$(prop wasmtime.version)/bin/wasmtime"
out="$root/target/classifier"
[ -x "$wasmtime" ] || { echo "error: $wasmtime is missing; run: bash ci/setup.sh" >&2; exit 1; }
for artefact in native/mobilenet-classify wasm/mobilenet-classify.wasm wasm/mobilenet-classify-simd.wasm; do
  [ -f "$out/$artefact" ] || { echo "error: $out/$artefact is missing; run: bash src/classifier/build.sh" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "iterations per build and fixture: $iterations; times are one inference (ms)"
printf '%-14s %-22s %-22s %-22s %s\n' fixture native wasm-scalar wasm-simd128 "simd/native"
status=0
for image in "$root"/fixtures/images/*; do
  name=$(basename "${image%.*}")
  printf '{"image":"%s"}' "$(base64 -w0 "$image")" >"$work/request.json"
  declare -A median=() summary=()
  for build in native scalar simd; do
    case $build in
      native) cmd=("$out/native/mobilenet-classify") ;;
      scalar) cmd=("$wasmtime" run -C cache=n "$out/wasm/mobilenet-classify.wasm") ;;
      simd) cmd=("$wasmtime" run -C cache=n "$out/wasm/mobilenet-classify-simd.wasm") ;;
    esac
    "${cmd[@]}" --bench "$iterations" <"$work/request.json" >"$work/$build.json" 2>"$work/$build.err"
    line=$(grep '^bench isa=' "$work/$build.err")
    median[$build]=$(sed -E 's/.*median_ms=([0-9.]+).*/\1/' <<<"$line")
    mad=$(sed -E 's/.*mad_ms=([0-9.]+).*/\1/' <<<"$line")
    isa=$(sed -E 's/bench isa=([a-z0-9]+).*/\1/' <<<"$line")
    summary[$build]="${median[$build]} ±${mad} ($isa)"
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["top"]))' "$work/$build.json" >"$work/$build.top"
  done
  ratio=$(awk -v a="${median[simd]}" -v b="${median[native]}" 'BEGIN { printf "%.2fx", a / b }')
  printf '%-14s %-22s %-22s %-22s %s\n' "$name" "${summary[native]}" "${summary[scalar]}" "${summary[simd]}" "$ratio"
  if ! cmp -s "$work/native.top" "$work/scalar.top" || ! cmp -s "$work/native.top" "$work/simd.top"; then
    echo "  PARITY FAILURE for $name: native $(cat "$work/native.top")" >&2
    echo "                          scalar $(cat "$work/scalar.top")" >&2
    echo "                          simd   $(cat "$work/simd.top")" >&2
    status=1
  fi
  unset median summary
done
[ $status -eq 0 ] && echo "parity: every fixture's top list is identical on native, wasm scalar and wasm simd128"
exit $status
