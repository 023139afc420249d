#!/usr/bin/env bash
# Checks the generated Allure report in a real browser (Debian's headless Chromium, driven by playwright-core):
# the Suites tree lists every variant, a test shows its parameters and an attachment, and the Overview's trend
# graph shows at least two runs. Screenshots go to target/allure-check/.
#
#   bash ci/check-report.sh                          # target/allure-report, after two `mvn verify`
#   bash ci/check-report.sh --help                   # the options
#   bash ci/check-report.sh path/to/report --variants native,wasmtime-aot --min-trend-points 3
#
# Exit codes: 0 passed, 1 a check failed, 2 the check could not run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
check_dir="$root/ci/report-check"
started=$SECONDS

step() { printf '==> [report-check %3ss] %s\n' "$((SECONDS - started))" "$*"; }
fail() {
  printf 'report check cannot run: %s\n  fix: %s\n' "$1" "$2" >&2
  exit 2
}

# The report folder, resolved against the caller's directory; options pass through to the Node script.
# Default: the report mvn verify generates.
report="$root/target/allure-report"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  report=$(realpath -m -- "$1")
  shift
fi

step "tools"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "no Chromium at $chromium" "bash ci/setup.sh (installs Debian's chromium package), or set CHROMIUM=/path/to/chromium"
command -v node >/dev/null || fail "node is not on PATH" "bash ci/setup.sh, or install Node.js 20 or later"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "node $(node --version) is too old: playwright-core needs Node.js 20 or later" "install Node.js 20 or later (bash ci/setup.sh)"
echo "node $(node --version), $("$chromium" --version 2>/dev/null || echo "$chromium")"

step "playwright-core (ci/report-check/package-lock.json)"
# node_modules is reinstalled whenever the lockfile changed since the last `npm ci`.
lock_sum=$(sha256sum "$check_dir/package-lock.json" | cut -d' ' -f1)
stamp="$check_dir/node_modules/.package-lock.sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && [ -d "$check_dir/node_modules/playwright-core" ]; then
  echo "up to date: $check_dir/node_modules"
else
  command -v npm >/dev/null || fail "npm is not on PATH" "install npm (it comes with Node.js)"
  # playwright-core downloads no browser; the variable keeps it that way should a later version try.
  (cd "$check_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) \
    || fail "npm ci in $check_dir failed (npm's error above)" "check access to the npm registry, then run this script again"
  printf '%s' "$lock_sum" >"$stamp"
fi

step "checking $report in headless Chromium"
exec node "$check_dir/check-report.mjs" "$report" --chromium "$chromium" "$@"
