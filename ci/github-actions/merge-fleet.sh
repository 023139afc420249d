#!/usr/bin/env bash
# The fleet's one report: merges what every machine kind's job uploaded (one folder per job, each holding result-set.json,
# perf-report.md and allure-results/) into one Allure report, whose tests sit under their machine profile and keep one
# history per profile, and one Markdown summary of every profile's verdicts (cli.Merge).
#
#   bash ci/github-actions/merge-fleet.sh JOBS_DIR SITE_DIR [HISTORY_DIR]
#
# JOBS_DIR/<any>/ per job (with profile.txt, the job's machine profile); SITE_DIR gets the Allure report (index.html) and perf-merged.md; HISTORY_DIR (default
# .allure-history-fleet) holds the merged report's history between runs: read before, rewritten after.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jobs=${1:?"usage: merge-fleet.sh JOBS_DIR SITE_DIR [HISTORY_DIR]"}
site=${2:?"usage: merge-fleet.sh JOBS_DIR SITE_DIR [HISTORY_DIR]"}
history=${3:-.allure-history-fleet}
jobs=$(cd "$jobs" && pwd)
mkdir -p "$site" "$history"
site=$(cd "$site" && pwd)
history=$(cd "$history" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t result_sets < <(find "$jobs" -mindepth 2 -maxdepth 2 -name result-set.json | sort)
[ "${#result_sets[@]}" -gt 0 ] || { echo "error: no job folder in $jobs holds a result-set.json (did every suite job fail before measuring?)" >&2; exit 1; }

# Every job's Allure results, each test under its profile: a parentSuite label, a visible parameter, and a history id of
# its own, so the same test on two machine kinds is two trends, not one test retried.
python3 - "$work/allure-results" "${result_sets[@]}" <<'PY'
import hashlib, json, os, shutil, sys
out, result_sets = sys.argv[1], sys.argv[2:]
os.makedirs(out, exist_ok=True)
environment = []
for result_set in result_sets:
    job = os.path.dirname(result_set)
    profile_file = os.path.join(job, "profile.txt")
    if not os.path.isfile(profile_file):
        sys.exit(f"error: {job} has no profile.txt (the suite job writes the machine profile there)")
    profile = open(profile_file).read().strip()
    results = os.path.join(job, "allure-results")
    if not os.path.isdir(results):
        sys.exit(f"error: {job} has a result set but no allure-results/: the job's upload is incomplete")
    count = 0
    for name in sorted(os.listdir(results)):
        src = os.path.join(results, name)
        if os.path.isdir(src) or name in ("executor.json",):
            continue  # the job's own history/ is keyed by ids this merge changes
        if name == "environment.properties":
            environment += [f"{profile}.{line}" for line in open(src).read().splitlines() if line and not line.startswith("#")]
            continue
        if name == "categories.json":
            shutil.copy(src, os.path.join(out, name))
            continue
        if name.endswith("-result.json"):
            test = json.load(open(src))
            labels = [l for l in test.get("labels", []) if l.get("name") not in ("parentSuite", "host")]
            test["labels"] = labels + [{"name": "parentSuite", "value": profile}, {"name": "host", "value": profile}]
            test["parameters"] = [{"name": "machine profile", "value": profile}] + test.get("parameters", [])
            if test.get("historyId"):
                test["historyId"] = hashlib.md5(f"{profile}:{test['historyId']}".encode()).hexdigest()
            json.dump(test, open(os.path.join(out, name), "w"))
            count += 1
        else:
            shutil.copy(src, os.path.join(out, name))  # attachments and containers: uuids are unique across jobs
    print(f"merge: {profile}: {count} test results from {job}")
with open(os.path.join(out, "environment.properties"), "w") as env:
    env.write("\n".join(environment) + "\n")
PY

# Allure's history of the merged report, then the report.
if [ -d "$history/history" ]; then
  cp -r "$history/history" "$work/allure-results/history"
else
  echo "merge: no history in $history yet: the merged report's trend starts here"
fi
cd "$root"
allure_bin=$(ls -d target/allure-commandline/allure-*/bin/allure 2>/dev/null | head -n 1 || true)
if [ -z "$allure_bin" ]; then
  mvn -B -ntp -q dependency:unpack@unpack-allure-commandline
  allure_bin=$(ls -d target/allure-commandline/allure-*/bin/allure | head -n 1)
fi
"$allure_bin" generate "$work/allure-results" -o "$site" --clean >/dev/null
rm -rf "$history/history"
cp -r "$site/history" "$history/history"

# The verdicts of every profile in one Markdown file (each profile judged apart, as each job judged it).
[ -d target/classes/dev ] || mvn -B -ntp -q -Dexec.skip=true compile
list=$(IFS=,; echo "${result_sets[*]}")
mvn -B -ntp -q exec:java@merge -Dresults="$list" -Dout="$site/perf-merged.md"
echo "merge: report $site/index.html (${#result_sets[@]} profiles), summary $site/perf-merged.md, history $history"
