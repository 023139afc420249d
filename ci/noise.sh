#!/usr/bin/env bash
# Between-run noise of this machine: for every metric and variant, the ratio of the variant's run median to native's
# in each run kept in the metric history (one entry per `mvn verify`), and how far those ratios strayed from the
# committed baseline's. Within-run intervals are tight; this is the spread the tolerances in suite.properties must
# cover. Usage: bash ci/noise.sh [metrics-history.json] [baseline.json]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=$(grep -E '^allure.history.dir=' "$root/src/main/resources/suite.properties" | cut -d= -f2-)
history=${1:-${dir/#\~/$HOME}/metrics-history.json}
baseline=${2:-$(ls "$root"/baselines/*.json 2>/dev/null | head -1)}
[ -f "$history" ] || { echo "error: no metric history at $history; it is written by each 'mvn verify' (see README, Reports)" >&2; exit 1; }
exec python3 - "$history" "$baseline" <<'EOF'
import json, statistics, sys

runs = json.load(open(sys.argv[1]))["runs"]
base = json.load(open(sys.argv[2]))["metrics"] if sys.argv[2] else {}
print(f"{len(runs)} runs in {sys.argv[1]} ({runs[0]['at']} .. {runs[-1]['at']}); baseline {sys.argv[2] or 'none'}")
print("ratio = variant's run median / native's run median; vs baseline = that ratio against the baseline's median "
      "per-round ratio\n")
print(f"{'metric':<14} {'variant':<13} {'runs':>4} {'min':>8} {'median':>8} {'max':>8} {'baseline':>9} {'vs baseline':>17}")
metrics = []
for run in runs:
    for metric in run["medians"]:
        if metric not in metrics:
            metrics.append(metric)
for metric in metrics:
    variants = []
    for run in runs:
        for variant in run["medians"].get(metric, {}):
            if variant != "native" and variant not in variants:
                variants.append(variant)
    for variant in variants:
        ratios = [r["medians"][metric][variant] / r["medians"][metric]["native"] for r in runs
                  if variant in r["medians"].get(metric, {}) and r["medians"][metric].get("native")]
        if not ratios:
            continue
        stored = base.get(variant, {}).get(metric, {}).get("ratio_samples") or []
        ref = statistics.median(stored) if stored else None
        spread = f"{(min(ratios) / ref - 1) * 100:+.1f}% .. {(max(ratios) / ref - 1) * 100:+.1f}%" if ref else "-"
        print(f"{metric:<14} {variant:<13} {len(ratios):>4} {min(ratios):>8.3f} {statistics.median(ratios):>8.3f} "
              f"{max(ratios):>8.3f} {ref if ref else float('nan'):>9.3f} {spread:>17}")
EOF
