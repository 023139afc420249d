#!/usr/bin/env bash
# Builds the reference classifier every run measures beside this checkout's build (the paired verdicts):
# src/classifier as of the commit baselines/reference.properties names, built by that commit's own build.sh,
# cached under ${cache.dir}/reference/<tree>-<toolchain>/ and copied to target/reference/classifier/.
# Cache key: the git tree of src/classifier at that commit, and the toolchain (rustc, wasm-opt) that builds it.
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
  "restore it (git checkout -- baselines/reference.properties) or record one: mvn verify -Dperf.updateBaselines=true"
commit=$(key commit "$reference")
[ -n "$commit" ] || fail "$reference has no 'commit=' line" "restore it from git, or record one: mvn verify -Dperf.updateBaselines=true"
git -C "$root" rev-parse --git-dir >/dev/null 2>&1 \
  || fail "$root is not a git clone, so the reference commit $commit cannot be read" "run the suite from a git clone with history"
git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null \
  || fail "the reference commit $commit (from $reference) is not in this clone's history" \
    "fetch the history: git fetch --unshallow (in CI: clone with full history, e.g. actions/checkout with fetch-depth: 0)"
tree=$(git -C "$root" rev-parse "$commit:src/classifier")
rustc=${WPS_RUSTC:-/usr/bin/rustc}
toolchain=$({ "$rustc" --version; wasm-opt --version; } 2>&1 | sha256sum | cut -c1-12)
cache=$(key cache.dir "$config")
cache=${WPS_CACHE_DIR:-${cache/#\~/$HOME}}
dir="$cache/reference/${tree:0:12}-$toolchain"

checkout_tree=$(git -C "$root" rev-parse HEAD:src/classifier 2>/dev/null || true)
if [ -x "$dir/classifier/native/mobilenet-classify" ]; then
  echo "==> reference: commit ${commit:0:12} (src/classifier tree ${tree:0:12}), cached in $dir"
elif [ "$checkout_tree" = "$tree" ] && [ -z "$(git -C "$root" status --porcelain -- src/classifier)" ] \
    && [ -x "$root/target/classifier/native/mobilenet-classify" ] && [ -f "$root/target/classifier/wasm/mobilenet-classify-simd.wasm" ]; then
  # This checkout's src/classifier is the reference's tree, committed as it is, and the builds are reproducible
  # (--remap-path-prefix; the same bytes wherever they are built): its build is the reference build.
  echo "==> reference: commit ${commit:0:12} (src/classifier tree ${tree:0:12}) is this checkout's tree; its build is reused, cached in $dir"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/classifier"
  cp -r "$root/target/classifier/native" "$root/target/classifier/wasm" "$dir.tmp/classifier/"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
else
  echo "==> reference: building commit ${commit:0:12} (src/classifier tree ${tree:0:12}) in $dir.tmp; log $dir.log"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  git -C "$root" archive "$commit" src/classifier src/main/resources/suite.properties | tar -x -C "$dir.tmp"
  if ! bash "$dir.tmp/src/classifier/build.sh" >"$dir.log" 2>&1; then
    tail -n 30 "$dir.log" >&2
    fail "the reference build of commit $commit failed (log above, full log in $dir.log)" \
      "check that this toolchain still builds that commit; or record a newer reference: mvn verify -Dperf.updateBaselines=true"
  fi
  mkdir -p "$dir.tmp/classifier"
  mv "$dir.tmp/target/classifier/native" "$dir.tmp/target/classifier/wasm" "$dir.tmp/classifier/"
  rm -rf "$dir.tmp/src" "$dir.tmp/target" # the Cargo objects are not needed again: the key covers the sources
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
fi
dest="$root/target/reference"
rm -rf "$dest/classifier" && mkdir -p "$dest"
cp -r "$dir/classifier" "$dest/classifier"
printf 'commit=%s\ntree=%s\ntoolchain=%s\n' "$commit" "$tree" "$toolchain" >"$dest/build.properties"
ls -l "$dest/classifier/native/mobilenet-classify" "$dest"/classifier/wasm/*.wasm
