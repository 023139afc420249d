#!/usr/bin/env bash
# How noisy the paired verdicts are on this machine: runs the performance tests N times on what `mvn verify` built (no
# rebuild), keeps each run's result set in target/noise/, then prints, for every pair whose two builds are the same bytes
# (the A/A control, and the candidate when the checkout is the reference), the median and largest effect, the median
# interval half-width and the verdicts other than unchanged (false alarms), and how often the canary was caught.
#
#   bash ci/noise.sh 10            # the default, the quick five; about 6 minutes a run on a Zen 4 VM
#   bash ci/noise.sh 10 -Dvariants=field   # the sixteen CI runs (more arguments go to Maven)
#   bash ci/noise.sh 0             # only the summary of what target/noise/ holds
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
cd "$root"
[ -x target/launcher/wps-launch ] && [ -d target/reference/classifier ] || {
  echo "error: nothing built yet; run 'mvn verify' once first (it builds the classifier, the reference and the canary)" >&2
  exit 1
}
mkdir -p target/noise
# Compiled once: an edit of the sources during the runs must not change what the later runs measure.
mvn -B -q -ntp -Dexec.skip=true test-compile
for i in $(seq 1 "$runs"); do
  echo "==> noise run $i of $runs"
  log=target/noise/run-$i.log
  if ! mvn -B -ntp -Dexec.skip=true failsafe:integration-test -Dit.test='PerformanceIT,CanarySelfTestIT' \
      -Dfailsafe.failIfNoSpecifiedTests=false "${@:2}" >"$log" 2>&1; then
    echo "error: run $i failed; its output is in $log" >&2
    exit 1
  fi
  file=$(grep -oE 'perf: result set [^;]+' "$log" | sed 's/perf: result set //' | tail -n 1)
  [ -f "$file" ] || { echo "error: run $i wrote no result set (see $log)" >&2; exit 1; }
  grep -E 'perf: [0-9]+ more rounds|Tests run:.*Fail' "$log" | sed 's/^/    /' || true
  cp "$file" target/noise/
done
mvn -B -q -ntp exec:java@noise -Dresults=target/noise
