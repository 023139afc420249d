# shellcheck shell=bash
# Sourced by build.sh and build-reference.sh: where the classifier's artefacts of one source tree are kept.
# The builds are reproducible (--remap-path-prefix: the same bytes wherever they are built), so a source tree built once
# on a machine is copied, not compiled, the next time: a fresh clone of an unchanged classifier, the reference (usually
# the same tree), a second CI run. Entry: ${cache.dir}/builds/<tree>-<inputs>/classifier/{native,wasm}/.

# The cache's folder, from suite.properties' cache.dir or $WPS_CACHE_DIR.
build_cache_root() { # suite.properties
  local dir
  dir=$(grep -E '^cache.dir=' "$1" | head -n 1 | cut -d= -f2-)
  dir=${WPS_CACHE_DIR:-${dir/#\~/$HOME}}
  printf '%s/builds\n' "$dir"
}

# Everything besides the sources that decides the bytes: the compiler, wasm-opt, the model and labels build.rs embeds
# (their pinned sums) and any extra words (the canary's costs). 12 hex digits.
build_inputs_id() { # suite.properties (any readable path), extra words...
  local config=$1
  shift
  {
    "${RUSTC:-/usr/bin/rustc}" --version
    wasm-opt --version
    grep -E '^(model|labels)\.sha256=' "$config"
    printf '%s\n' "$@"
  } 2>&1 | sha256sum | cut -c1-12
}

# The git tree of src/classifier as it is on disk: uncommitted edits and new files count, ignored files do not. For a
# clean checkout it is `git rev-parse HEAD:src/classifier`. Prints nothing outside a git clone. (git add writes the
# edited files' blobs into the clone's object store, as a commit of them would.)
worktree_classifier_tree() { # repository root
  local scratch
  scratch=$(mktemp -d)
  if GIT_INDEX_FILE=$scratch/index git -C "$1" add -A -- src/classifier 2>/dev/null; then
    GIT_INDEX_FILE=$scratch/index git -C "$1" write-tree --prefix=src/classifier/ 2>/dev/null || true
  fi
  rm -rf "$scratch"
}

# Copies a finished build (folders native/ and wasm/ under $1) into the cache entry $2, atomically: a run that stops
# half way leaves no entry, and two runs storing the same entry leave one.
store_build() { # from-folder entry
  local partial=$2.partial.$$
  rm -rf "$partial" && mkdir -p "$partial/classifier"
  cp -r "$1/native" "$1/wasm" "$partial/classifier/"
  rm -rf "$2"
  mv -T "$partial" "$2" 2>/dev/null || rm -rf "$partial"
}
