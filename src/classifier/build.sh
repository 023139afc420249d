#!/usr/bin/env bash
# Builds mobilenet-classify for every target the suite runs, with one compiler (Debian's rustc-web):
#   target/classifier/native/mobilenet-classify          x86_64, AVX2 kernels chosen at run time
#   target/classifier/wasm/mobilenet-classify.wasm       wasm32-wasip1, scalar kernels, wasm-opt -O3
#   target/classifier/wasm/mobilenet-classify-simd.wasm  wasm32-wasip1 + simd128, wasm-opt -O3
#   target/classifier/wasm/sandbox-probe.wasm            wasm32-wasip1, what a guest is given (SandboxIT)
# `build.sh test` runs the crate's tests instead. The model comes from $WPS_MODEL_DIR, else from
# the cache that ci/setup.sh fills (see src/classifier/README.md).
set -euo pipefail

crate=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$crate/../.." && pwd)
out="$root/target/classifier"
cargo_dirs="$out/cargo"
wasi_sysroot=/usr/lib/wasm32-wasi

# Debian's toolchain, even when rustup's ~/.cargo/bin comes first in PATH: only it has the
# library source that -Z build-std needs for wasm32-wasip1.
export CARGO=${WPS_CARGO:-/usr/bin/cargo}
export RUSTC=${WPS_RUSTC:-/usr/bin/rustc}
export RUSTDOC=${WPS_RUSTDOC:-/usr/bin/rustdoc}

missing() {
  echo "error: $1" >&2
  echo "  fix: run 'bash ci/setup.sh' (installs $2), or install it with: apt-get install -y $2" >&2
  exit 1
}
[ -x "$CARGO" ] && [ -x "$RUSTC" ] || missing "Debian's Rust toolchain ($CARGO, $RUSTC) is not installed" "rustc-web cargo-web"
"$RUSTC" --print sysroot >/dev/null 2>&1 || missing "$RUSTC does not run" "rustc-web"
src_dir="$("$RUSTC" --print sysroot)/lib/rustlib/src/rust/library"
[ -d "$src_dir" ] || missing "the Rust library source for -Z build-std ($src_dir) is missing" "rust-web-src"
[ -f "$wasi_sysroot/crt1-command.o" ] || missing "wasi-libc ($wasi_sysroot/crt1-command.o) is missing" "wasi-libc"
command -v wasm-opt >/dev/null || missing "wasm-opt is not on PATH" "binaryen"

# The model's pinned keys, handed to build.rs (which then need not watch the whole config file).
config="$root/src/main/resources/suite.properties"
for key in cache.dir model.name model.sha256 labels.sha256 model.url labels.url; do
  variable="WPS_CONFIG_$(tr 'a-z.' 'A-Z_' <<<"$key")"
  export "$variable=$(grep -E "^$key=" "$config" | head -n 1 | cut -d= -f2-)"
done

# Reproducible artefacts: no build path in the binaries, so the reference build (same sources, built in
# the cache by build-reference.sh) is byte-identical to this checkout's build of the same commit.
remap="--remap-path-prefix=$crate=/wps/classifier --remap-path-prefix=$cargo_dirs=/wps/target --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/wps/cargo"

cd "$crate"
mode=${1:-build}
case "$mode" in
  test)
    echo "==> cargo test (native, $("$RUSTC" --version))"
    exec "$CARGO" test --release --locked --target-dir "$cargo_dirs/native"
    ;;
  build|canary) ;;
  *) echo "usage: $0 [build|test|canary]" >&2; exit 2 ;;
esac

# Cargo features, destination folder.
build_native() {
  echo "==> native ${1:-} ($("$RUSTC" --version))"
  RUSTFLAGS="$remap" "$CARGO" build --release --locked --features "$1" --target-dir "$cargo_dirs/native"
  mkdir -p "$2/native"
  install -m 755 "$cargo_dirs/native/release/mobilenet-classify" "$2/native/mobilenet-classify"
}

# Flavour name, extra rustflags, wasm-opt feature flags, file suffix, Cargo features, destination folder.
build_wasm() {
  local flavour=$1 extra=$2 opt_features=$3 suffix=$4 features=$5 dest=$6
  echo "==> wasm32-wasip1 ($flavour) $features"
  CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-L native=$wasi_sysroot $remap $extra" RUSTC_BOOTSTRAP=1 \
    "$CARGO" build --release --locked --features "$features" --target wasm32-wasip1 -Z build-std=std,panic_abort \
    --target-dir "$cargo_dirs/wasm-$flavour"
  mkdir -p "$dest/wasm"
  # shellcheck disable=SC2086 # the feature flags are separate words
  wasm-opt -O3 $opt_features "$cargo_dirs/wasm-$flavour/wasm32-wasip1/release/mobilenet-classify.wasm" \
    -o "$dest/wasm/mobilenet-classify$suffix.wasm"
}
# wasm-opt needs every feature rustc's default wasm32 CPU emits.
base_features="--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue --enable-reference-types"
simd_flags="-C target-feature=+simd128"

if [ "$mode" = canary ]; then
  # The self-test's canary (feature `canary`): repeats operators worth perf.canary.work.percent of the
  # multiply-accumulates and holds perf.canary.memory.kib more, native and simd128 only, in
  # target/canary/classifier/ so it is never taken for the real build.
  WPS_CANARY_WORK_PERCENT=$(grep -E '^perf.canary.work.percent=' "$config" | cut -d= -f2-)
  WPS_CANARY_MEMORY_KIB=$(grep -E '^perf.canary.memory.kib=' "$config" | cut -d= -f2-)
  export WPS_CANARY_WORK_PERCENT WPS_CANARY_MEMORY_KIB
  canary="$root/target/canary/classifier"
  build_native canary "$canary"
  build_wasm simd "$simd_flags" "$base_features --enable-simd" -simd canary "$canary"
  ls -l "$canary/native/mobilenet-classify" "$canary"/wasm/*.wasm
  exit 0
fi

build_native "" "$out"
build_wasm scalar "" "$base_features" "" "" "$out"
# The sandbox probe (src/bin/sandbox-probe.rs), a second WASI program from the same build: SandboxIT runs it with every
# variant's command line to see what the guest is given.
install -m 644 "$cargo_dirs/wasm-scalar/wasm32-wasip1/release/sandbox-probe.wasm" "$out/wasm/sandbox-probe.wasm"
build_wasm simd "$simd_flags" "$base_features --enable-simd" -simd "" "$out"
ls -l "$out/native/mobilenet-classify" "$out"/wasm/*.wasm
