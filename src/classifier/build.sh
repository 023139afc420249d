#!/usr/bin/env bash
# Builds mobilenet-classify for every target the suite runs, with one compiler (Debian's rustc-web):
#   target/classifier/native/mobilenet-classify          x86_64, AVX2 kernels chosen at run time
#   target/classifier/wasm/mobilenet-classify.wasm       wasm32-wasip1, scalar kernels, wasm-opt -O3
#   target/classifier/wasm/mobilenet-classify-simd.wasm  wasm32-wasip1 + simd128, wasm-opt -O3
#   target/classifier/wasm/sandbox-probe.wasm            wasm32-wasip1, what a guest is given (SandboxIT)
# `build.sh test` runs the crate's tests instead. The model comes from $WPS_MODEL_DIR, else from
# the cache that ci/setup.sh fills (see src/classifier/README.md). A source tree built before on this machine (same
# toolchain and model) is copied from ${cache.dir}/builds/ instead of compiled (build-cache.sh; WPS_BUILD_CACHE=off
# always compiles).
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

# shellcheck source=build-cache.sh
. "$crate/build-cache.sh"
builds=$(build_cache_root "$config")

cd "$crate"
mode=${1:-build}
case "$mode" in
  test)
    # The test profile (opt-level 3 with overflow checks and debug assertions, no LTO), in a Cargo folder kept in the
    # cache per toolchain: the dependencies compile once per machine. The crate itself is always compiled again: Cargo
    # judges a path package fresh by file times, so another clone's build of other sources could pass for this one's.
    # The lock keeps a second clone from building in between.
    test_dir="$builds/cargo-test-$(build_inputs_id "$config")"
    echo "==> cargo test (native, $("$RUSTC" --version); dependencies compiled in $test_dir)"
    mkdir -p "$test_dir" && touch "$test_dir"
    # shellcheck disable=SC2016 # $1 and $CARGO expand in the inner shell
    exec flock "$test_dir.lock" bash -c '"$CARGO" clean --locked --quiet -p mobilenet-classify --target-dir "$1" \
      && exec "$CARGO" test --locked --target-dir "$1"' test "$test_dir"
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

# The cache entry of this source tree, toolchain and model (and the canary's costs); none outside a git clone.
cache_entry() { # extra words
  [ "${WPS_BUILD_CACHE:-on}" != off ] || return 0
  local tree
  tree=$(worktree_classifier_tree "$root")
  [ -z "$tree" ] || printf '%s/%s-%s\n' "$builds" "${tree:0:12}" "$(build_inputs_id "$config" "$@")"
}
# Copies a cached build into $2 and says so; fails when there is none.
from_cache() { # entry destination
  [ -n "$1" ] && [ -x "$1/classifier/native/mobilenet-classify" ] || return 1
  echo "==> ${3:-classifier}: src/classifier as it is here was built before with this toolchain and model; copied from $1"
  rm -rf "$2/native" "$2/wasm" && mkdir -p "$2"
  cp -r "$1/classifier/native" "$1/classifier/wasm" "$2/"
  touch "$1"
  # Entries unused for 30 days go (a build is about 15 MB; an edited tree makes a new one).
  find "$builds" -mindepth 1 -maxdepth 1 -name '*-*' ! -name 'cargo-test-*' -mtime +30 -exec rm -rf {} + 2>/dev/null || true
}

if [ "$mode" = canary ]; then
  # The self-test's canary (feature `canary`): repeats operators worth perf.canary.work.percent of the
  # multiply-accumulates and holds perf.canary.memory.kib more, native and simd128 only, in
  # target/canary/classifier/ so it is never taken for the real build.
  WPS_CANARY_WORK_PERCENT=$(grep -E '^perf.canary.work.percent=' "$config" | cut -d= -f2-)
  WPS_CANARY_MEMORY_KIB=$(grep -E '^perf.canary.memory.kib=' "$config" | cut -d= -f2-)
  export WPS_CANARY_WORK_PERCENT WPS_CANARY_MEMORY_KIB
  canary="$root/target/canary/classifier"
  entry=$(cache_entry canary "$WPS_CANARY_WORK_PERCENT" "$WPS_CANARY_MEMORY_KIB")
  if ! from_cache "$entry" "$canary" canary; then
    build_native canary "$canary"
    build_wasm simd "$simd_flags" "$base_features --enable-simd" -simd canary "$canary"
    # Stored only if the sources did not change while it built.
    [ -z "$entry" ] || [ "$(cache_entry canary "$WPS_CANARY_WORK_PERCENT" "$WPS_CANARY_MEMORY_KIB")" != "$entry" ] \
      || store_build "$canary" "$entry"
  fi
  ls -l "$canary/native/mobilenet-classify" "$canary"/wasm/*.wasm
  exit 0
fi

entry=$(cache_entry)
if from_cache "$entry" "$out"; then
  ls -l "$out/native/mobilenet-classify" "$out"/wasm/*.wasm
  exit 0
fi
build_native "" "$out"
build_wasm scalar "" "$base_features" "" "" "$out"
# The sandbox probe (src/bin/sandbox-probe.rs), a second WASI program from the same build: SandboxIT runs it with every
# variant's command line to see what the guest is given.
install -m 644 "$cargo_dirs/wasm-scalar/wasm32-wasip1/release/sandbox-probe.wasm" "$out/wasm/sandbox-probe.wasm"
build_wasm simd "$simd_flags" "$base_features --enable-simd" -simd "" "$out"
[ -z "$entry" ] || [ "$(cache_entry)" != "$entry" ] || store_build "$out" "$entry"
ls -l "$out/native/mobilenet-classify" "$out"/wasm/*.wasm
