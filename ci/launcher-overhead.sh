#!/usr/bin/env bash
# What the launcher changed in the suite's figures, against the way the suite measured before it: a clock outside
# around spawning GNU time (`/usr/bin/time -f "%e %U %S %M"`), which forks and execs the command and is reaped; CPU
# time from GNU time's %U and %S (10 ms steps), peak RSS from its %M. Run it on a quiet machine, after mvn verify built
# target/launcher/wps-launch. With --variants both ways run in the same rounds, in a new seeded random order each round.
#
#   bash ci/launcher-overhead.sh [N]        # /bin/true N times each way (N = 200): what each way adds to any command
#   bash ci/launcher-overhead.sh --variants [RESULT_SET] [N] [VARIANT,...]
#       # every candidate of a result set (default target/results/latest-local.json), N rounds (20), each way, on the
#       # fixture the result set measured: cold start, CPU time and peak RSS per variant, and the ratios to native,
#       # old and new side by side with how far each moved
#
# The old clock here is Python's around its own spawn; the suite's was the JVM's, whose spawn and reaper thread cost more,
# so the "before" overheads are, if anything, smaller here than they were.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher="$root/target/launcher/wps-launch"
[ -x "$launcher" ] || { echo "error: no launcher at $launcher; build it with 'bash src/launcher/build.sh'" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: GNU time (/usr/bin/time) is missing: apt-get install -y time" >&2; exit 1; }
exec python3 - "$root" "$launcher" "$@" <<'PY'
import json, os, random, statistics, subprocess, sys, tempfile, time
root, launcher, args = sys.argv[1], sys.argv[2], sys.argv[3:]

def launched(argv, stdin="/dev/null"):
    """The launcher's account: wall from exec to exit (ms), user + system CPU (ms, microsecond resolution), max RSS (KiB)."""
    out = subprocess.run([launcher, "--stdin", stdin, "--"] + argv, capture_output=True, text=True, check=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    if r.get("exit_code") != 0 or r.get("error"):
        sys.exit(f"error: {' '.join(argv)} failed under the launcher: {r.get('error') or r.get('stderr', '')[-400:]}")
    return r["wall_ns"] / 1e6, (r["user_us"] + r["system_us"]) / 1e3, r["max_rss_kib"]

def gnu_time(argv, stdin="/dev/null"):
    """The old way: a clock around spawning GNU time; its CPU (10 ms steps) and max RSS."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, open(stdin, "rb") as given:
        start = time.perf_counter_ns()
        done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", report.name, "--"] + argv,
                              stdin=given, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = (time.perf_counter_ns() - start) / 1e6
        if done.returncode != 0:
            sys.exit(f"error: {' '.join(argv)} failed under GNU time: {done.stderr.decode()[-400:]}")
        _, user, system, rss = report.read().strip().splitlines()[-1].split()
    return wall, (float(user) + float(system)) * 1e3, int(rss)

def q(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, int(p * len(s)))]

if not args or args[0] != "--variants":
    n = int(args[0]) if args else 200
    true = ["/bin/true"]
    for f in (launched, gnu_time):
        for _ in range(10):
            f(true)
    for name, f in (("launcher: /bin/true, exec to exit (what the suite records)", launched),
                    ("before: spawn GNU time -> fork/exec /bin/true -> reaped", gnu_time)):
        walls = [f(true)[0] for _ in range(n)]
        print(f"{name:58s} median {statistics.median(walls):6.3f} ms   p10 {q(walls, 0.1):6.3f}   p90 {q(walls, 0.9):6.3f}   (n={n})")
    sys.exit(0)

result_set = args[1] if len(args) > 1 else os.path.join(root, "target/results/latest-local.json")
rounds = int(args[2]) if len(args) > 2 else 20
wanted = args[3].split(",") if len(args) > 3 else None
if not os.path.isfile(result_set):
    sys.exit(f"error: no result set at {result_set}; run mvn verify first (it writes target/results/latest-local.json)")
data = json.load(open(result_set))
stdin = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(result_set))), "inputs", data["settings"]["input"] + ".json")
if not os.path.isfile(stdin):
    sys.exit(f"error: the request {stdin} the result set measured is gone; run mvn verify again")
# The command as the result set displays it: no variant's paths hold spaces (the suite's own folders).
subjects = {s["variant"]: s["command"].split() for s in data["subjects"] if s["role"] == "CANDIDATE"
            and (wanted is None or s["variant"] in wanted)}
if "native" not in subjects:
    sys.exit("error: the ratios need native among the variants")
ways = {"old": gnu_time, "new": launched}
seed = int(os.environ.get("WPS_SEED", "20261204"))
rng = random.Random(seed)
print(f"result set {os.path.basename(result_set)}, fixture {data['settings']['input']}, {rounds} rounds + 1 warm-up, seed {seed}")
samples = {(v, w): [] for v in subjects for w in ways}
for r in range(rounds + 1):
    order = [(v, w) for v in subjects for w in ways]
    rng.shuffle(order)
    for v, w in order:
        m = ways[w](subjects[v], stdin)
        if r > 0:
            samples[(v, w)].append(m)
    print(f"  round {r}/{rounds}{' (warm-up)' if r == 0 else ''}", file=sys.stderr, flush=True)

def med(v, w, i):
    return statistics.median(m[i] for m in samples[(v, w)])

def ratio(v, w, i):
    """Median over rounds of the variant's value / native's in the same round."""
    return statistics.median(a[i] / b[i] for a, b in zip(samples[(v, w)], samples[("native", w)]))

print("\n| variant | cold start old -> new (ms) | CPU old -> new (ms; distinct old values) | peak RSS old -> new (MiB) "
      "| cold start / native old -> new | CPU / native old -> new |")
print("|---|---|---|---|---|---|")
for v in subjects:
    distinct = len({round(m[1], 1) for m in samples[(v, "old")]})
    cells = [f"{med(v, 'old', 0):.1f} -> {med(v, 'new', 0):.1f} ({(med(v, 'new', 0) / med(v, 'old', 0) - 1) * 100:+.1f}%)",
             f"{med(v, 'old', 1):.0f} -> {med(v, 'new', 1):.1f} ({distinct})",
             f"{med(v, 'old', 2) / 1024:.1f} -> {med(v, 'new', 2) / 1024:.1f}"]
    for i in (0, 1):
        if v == "native":
            cells.append("1")
        else:
            old, new = ratio(v, "old", i), ratio(v, "new", i)
            cells.append(f"{old:.3f} -> {new:.3f} ({(new / old - 1) * 100:+.1f}%)")
    print(f"| {v} | " + " | ".join(cells) + " |")
print("\nold: a clock around spawning GNU time, its %U+%S and %M; new: the launcher's exec-to-exit wall, wait4's CPU and RSS."
      f"\nMedians of {rounds} rounds; ratios are medians of the per-round ratios to native measured the same way.")
PY
