#!/usr/bin/env bash
# Builds the reference classifier every run measures beside this checkout's build (the paired verdicts):
# src/classifier as of the commit baselines/reference.properties names, built by that commit's own build.sh,
# cached under ${cache.dir}/builds/<tree>-<inputs>/ and copied to target/reference/classifier/.
# Cache key (build-cache.sh): the git tree of src/classifier at that commit, the toolchain (rustc, wasm-opt) and the
# model that commit pins. build.sh keys this checkout's build the same way, so an unchanged tree is built once.
set -euo pipefail

crate=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$crate/../.." && pwd)
config="$root/src/main/resources/suite.properties"
reference="$root/baselines/reference.properties"

fail() {
  echo "error: $1" >&2
  echo "  fix: $2" >&2
  exit 1
}
key() { grep -E "^$1=" "$2" | head -n 1 | cut -d= -f2-; }

[ -f "$reference" ] || fail "$reference is missing, so there is no reference build to measure against" \
  "restore it (git checkout -- baselines/reference.properties) or record one: mvn verify -Dperf.updateBaselines=true -Dvariants=field"
commit=$(key commit "$reference")
[ -n "$commit" ] || fail "$reference has no 'commit=' line" "restore it from git, or record one: mvn verify -Dperf.updateBaselines=true -Dvariants=field"
git -C "$root" rev-parse --git-dir >/dev/null 2>&1 \
  || fail "$root is not a git clone, so the reference commit $commit cannot be read" "run the suite from a git clone with history"
git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null \
  || fail "the reference commit $commit (from $reference) is not in this clone's history" \
    "fetch the history: git fetch --unshallow (in CI: clone with full history, e.g. actions/checkout with fetch-depth: 0)"
# shellcheck source=build-cache.sh
. "$crate/build-cache.sh"
tree=$(git -C "$root" rev-parse "$commit:src/classifier")
export RUSTC=${WPS_RUSTC:-/usr/bin/rustc}
reference_config=$(mktemp)
trap 'rm -f "$reference_config"' EXIT
git -C "$root" show "$commit:src/main/resources/suite.properties" >"$reference_config"
inputs=$(build_inputs_id "$reference_config")
dir="$(build_cache_root "$config")/${tree:0:12}-$inputs"

if [ -x "$dir/classifier/native/mobilenet-classify" ]; then
  echo "==> reference: commit ${commit:0:12} (src/classifier tree ${tree:0:12}), cached in $dir"
  touch "$dir"
else
  echo "==> reference: building commit ${commit:0:12} (src/classifier tree ${tree:0:12}) in $dir.tmp; log $dir.log"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  git -C "$root" archive "$commit" src/classifier src/main/resources/suite.properties | tar -x -C "$dir.tmp"
  if ! WPS_BUILD_CACHE=off bash "$dir.tmp/src/classifier/build.sh" >"$dir.log" 2>&1; then
    tail -n 30 "$dir.log" >&2
    fail "the reference build of commit $commit failed (log above, full log in $dir.log)" \
      "check that this toolchain still builds that commit; or record a newer reference: mvn verify -Dperf.updateBaselines=true -Dvariants=field"
  fi
  mkdir -p "$dir.tmp/classifier"
  mv "$dir.tmp/target/classifier/native" "$dir.tmp/target/classifier/wasm" "$dir.tmp/classifier/"
  rm -rf "$dir.tmp/src" "$dir.tmp/target" # the Cargo objects are not needed again: the key covers the sources
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
fi
dest="$root/target/reference"
rm -rf "$dest/classifier" && mkdir -p "$dest"
cp -r "$dir/classifier" "$dest/classifier"
printf 'commit=%s\ntree=%s\ninputs=%s\n' "$commit" "$tree" "$inputs" >"$dest/build.properties"
ls -l "$dest/classifier/native/mobilenet-classify" "$dest"/classifier/wasm/*.wasm
