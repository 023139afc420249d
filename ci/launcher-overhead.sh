#!/usr/bin/env bash
# What the launcher adds to a measurement: /bin/true timed N times by the launcher (the wall time the suite records:
# from true's exec to its exit, so it includes true's own exec, dynamic loading and exit), and the same command timed
# the way the suite measured before the launcher, from outside: a clock around spawning GNU time, which forks and
# execs the command and is reaped. Medians and spread of each. Run it on a quiet machine, after mvn verify built
# target/launcher/wps-launch.
#
#   bash ci/launcher-overhead.sh [N]        # N = 200
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher="$root/target/launcher/wps-launch"
[ -x "$launcher" ] || { echo "error: no launcher at $launcher; build it with 'bash src/launcher/build.sh'" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: GNU time (/usr/bin/time) is missing: apt-get install -y time" >&2; exit 1; }
exec python3 - "$launcher" "${1:-200}" <<'PY'
import json, statistics, subprocess, sys, time
launcher, n = sys.argv[1], int(sys.argv[2])

def launched():
    out = subprocess.run([launcher, "--stdin", "/dev/null", "--", "/bin/true"], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["wall_ns"] / 1e6

def gnu_time():
    start = time.perf_counter_ns()
    subprocess.run(["/usr/bin/time", "-f", "%e", "-o", "/dev/null", "--", "/bin/true"], check=True)
    return (time.perf_counter_ns() - start) / 1e6

def summary(name, samples):
    samples.sort()
    q = lambda p: samples[min(len(samples) - 1, int(p * len(samples)))]
    print(f"{name:58s} median {statistics.median(samples):6.3f} ms   p10 {q(0.1):6.3f}   p90 {q(0.9):6.3f}   (n={len(samples)})")

for f in (launched, gnu_time):
    for _ in range(10):
        f()
summary("launcher: /bin/true, exec to exit (what the suite records)", [launched() for _ in range(n)])
summary("before: spawn GNU time -> fork/exec /bin/true -> reaped", [gnu_time() for _ in range(n)])
PY
