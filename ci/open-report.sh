#!/usr/bin/env bash
# Serves the Allure report of the last `mvn verify` on http://127.0.0.1:${1:-8080}/ (Ctrl-C stops it).
# Allure 2 reports need HTTP; opening index.html from the file system shows an empty page.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(grep -E '^allure.version=' "$root/src/main/resources/suite.properties" | cut -d= -f2)
allure="$root/target/allure-commandline/allure-$version/bin/allure"
report="$root/target/allure-report"
[ -f "$report/index.html" ] || { echo "error: no report at $report; run: mvn verify" >&2; exit 1; }
[ -f "$allure" ] || { echo "error: Allure commandline missing at $allure; run: mvn verify (it unpacks it)" >&2; exit 1; }
exec bash "$allure" open --host 127.0.0.1 --port "${1:-8080}" "$report"
