#!/usr/bin/env bash
# Builds mobilenet-classify for every target the suite runs, with one compiler (Debian's rustc-web):
#   target/classifier/native/mobilenet-classify          x86_64, AVX2 kernels chosen at run time
#   target/classifier/wasm/mobilenet-classify.wasm       wasm32-wasip1, scalar kernels, wasm-opt -O3
#   target/classifier/wasm/mobilenet-classify-simd.wasm  wasm32-wasip1 + simd128, wasm-opt -O3
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

cd "$crate"
mode=${1:-build}
case "$mode" in
  test)
    echo "==> cargo test (native, $("$RUSTC" --version))"
    exec "$CARGO" test --release --locked --target-dir "$cargo_dirs/native"
    ;;
  build) ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

echo "==> native ($("$RUSTC" --version))"
"$CARGO" build --release --locked --target-dir "$cargo_dirs/native"
mkdir -p "$out/native" "$out/wasm"
install -m 755 "$cargo_dirs/native/release/mobilenet-classify" "$out/native/mobilenet-classify"

# Flavour name, extra rustflags, wasm-opt feature flags.
build_wasm() {
  local flavour=$1 extra=$2 opt_features=$3 suffix=${4:-}
  echo "==> wasm32-wasip1 ($flavour)"
  CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-L native=$wasi_sysroot $extra" RUSTC_BOOTSTRAP=1 \
    "$CARGO" build --release --locked --target wasm32-wasip1 -Z build-std=std,panic_abort \
    --target-dir "$cargo_dirs/wasm-$flavour"
  # shellcheck disable=SC2086 # the feature flags are separate words
  wasm-opt -O3 $opt_features "$cargo_dirs/wasm-$flavour/wasm32-wasip1/release/mobilenet-classify.wasm" \
    -o "$out/wasm/mobilenet-classify$suffix.wasm"
}
# wasm-opt needs every feature rustc's default wasm32 CPU emits.
base_features="--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue --enable-reference-types"
build_wasm scalar "" "$base_features"
build_wasm simd "-C target-feature=+simd128" "$base_features --enable-simd" "-simd"

ls -l "$out/native/mobilenet-classify" "$out"/wasm/*.wasm
