#!/usr/bin/env bash
# Checks the GitHub Actions recipe with actionlint, then runs its jobs' steps in order on this machine, as a Debian
# bookworm root shell like the jobs' debian:bookworm container, on a clone of HEAD: the suite job once (this machine is its one machine
# kind), then the merge job on what the suite job uploaded. Every `run:` step runs as written (its `if:`, `env:` and
# ${{ }} expressions evaluated); each action has a local stand-in: checkout is a clone of this repository's HEAD with its
# history, caches and artifacts are folders under the work folder (the runtimes and Maven caches are this machine's
# own and are not copied), setup-node checks the machine's Node, and Pages is written as a tarball, not deployed.
#
#   bash ci/github-actions/run-locally.sh [--env NAME=VALUE]... [--maven-args "ARGS"] [--work DIR]
#
# --env overrides the workflow's env (e.g. VARIANTS=native,wasmtime-aot, which the suite requires and the report check
# looks for); --maven-args is the workflow_dispatch input of the same name. The work folder (default
# /tmp/wps-actions-local) is emptied first, but for its caches (a second run restores the first run's history).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
workflow="$root/ci/github-actions/wasm-perf-suite.yml"
cache_dir=${WPS_CACHE_DIR:-$HOME/.cache/wasm-perf-suite}
actionlint_version=1.7.12

actionlint="$cache_dir/tools/actionlint-$actionlint_version/actionlint"
if [ ! -x "$actionlint" ]; then
  command -v go >/dev/null || { echo "error: go is needed to build actionlint; run: bash ci/setup.sh" >&2; exit 1; }
  echo "==> building actionlint $actionlint_version (Go module proxy) into $(dirname "$actionlint")"
  GOBIN=$(dirname "$actionlint") go install "github.com/rhysd/actionlint/cmd/actionlint@v$actionlint_version"
fi
command -v shellcheck >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
python3 -c 'import yaml' 2>/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null
echo "==> actionlint $actionlint_version (with $(shellcheck --version | sed -n 2p)) on $workflow"
"$actionlint" "$workflow"
echo "    no findings"

exec python3 - "$root" "$workflow" "$cache_dir" "$@" <<'PY'
import fnmatch, glob, hashlib, json, os, re, shutil, subprocess, sys, tarfile, time
import yaml

root, workflow_file, cache_dir, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
overrides, inputs, work = {}, {"maven-args": ""}, "/tmp/wps-actions-local"
while args:
    flag, value, args = args[0], args[1], args[2:]
    if flag == "--env":
        name, _, v = value.partition("=")
        overrides[name] = v
    elif flag == "--maven-args":
        inputs["maven-args"] = value
    elif flag == "--work":
        work = value
    else:
        sys.exit(f"error: unknown option {flag}")

# The jobs run on clones of HEAD, so the workflow is HEAD's too; uncommitted edits are linted above but do not run.
relative = os.path.relpath(workflow_file, root)
workflow = yaml.safe_load(subprocess.run(["git", "-C", root, "show", f"HEAD:{relative}"], capture_output=True, text=True,
                                         check=True).stdout)
if subprocess.run(["git", "-C", root, "status", "--porcelain"], capture_output=True, text=True).stdout.strip():
    print("warning: the working tree has uncommitted changes; the jobs run HEAD's files, without them")
for sub in ["artifacts", "runner-temp"] + [f"workspace-{j}" for j in workflow["jobs"]]:
    shutil.rmtree(os.path.join(work, sub), ignore_errors=True)
workspace = None  # each job's own clone, as each job has its own runner
caches = os.path.join(work, "caches")
artifacts = os.path.join(work, "artifacts")
for d in (caches, artifacts, os.path.join(work, "runner-temp")):
    os.makedirs(d, exist_ok=True)
head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
shared = os.path.join(os.path.dirname(root), "shared")
if os.path.isdir(shared) and not os.path.exists(os.path.join(work, "shared")):
    os.symlink(shared, os.path.join(work, "shared"))  # ../shared beside the clones, as CI has it
run_id = str(int(time.time()))
github = {"ref": "refs/heads/main", "event_name": "workflow_dispatch", "run_id": run_id, "run_attempt": "1", "sha": head}

# ---- expressions -------------------------------------------------------------------------------------------------
def hash_files(*patterns):
    files = sorted(f for p in patterns for f in glob.glob(os.path.join(workspace, p), recursive=True) if os.path.isfile(f))
    if not files:
        return ""
    h = hashlib.sha256()
    for f in files:
        h.update(hashlib.sha256(open(f, "rb").read()).digest())
    return h.hexdigest()

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_*][A-Za-z0-9_\-]*)*))")

def evaluate(expression, ctx):
    """GitHub's expression language as far as this workflow uses it: contexts, strings, ==, !=, !, &&, ||, functions."""
    out, pos = [], 0
    while pos < len(expression):
        m = TOKEN.match(expression, pos)
        if not m or m.end() == pos:
            if expression[pos:].strip() == "":
                break
            raise SystemExit(f"error: cannot evaluate '{expression}' at '{expression[pos:]}'")
        pos = m.end()
        if m.group("str"):
            out.append(repr(m.group("str")[1:-1].replace("''", "'")))
        elif m.group("num"):
            out.append(m.group("num"))
        elif m.group("op"):
            out.append({"&&": " and ", "||": " or ", "!": " not "}.get(m.group("op"), m.group("op")))
        else:
            name = m.group("name")
            if name in ("true", "false", "null"):
                out.append({"true": "True", "false": "False", "null": "None"}[name])
            elif expression[pos:].lstrip().startswith("("):
                out.append("f_" + name)
            else:
                head_, *rest = name.split(".")
                out.append(f"ctx[{head_!r}]" + "".join(f"[{r!r}]" for r in rest))
    functions = {
        "f_success": lambda: not ctx["_failed"], "f_failure": lambda: ctx["_failed"], "f_always": lambda: True,
        "f_cancelled": lambda: False, "f_hashFiles": hash_files,
        "f_format": lambda f, *a: re.sub(r"\{(\d+)\}", lambda g: str(a[int(g.group(1))]), f),
        "f_fromJSON": json.loads, "f_toJSON": json.dumps,
        "f_contains": lambda a, b: b in a, "f_startsWith": lambda a, b: str(a).startswith(b),
    }
    class Missing(str):  # an absent context value: '' in comparisons, and absent again one level down
        def __getitem__(self, key):
            return Missing()
    class Lookup(dict):
        def __missing__(self, key):
            return Missing()
    def wrap(v):
        if isinstance(v, dict):
            w = Lookup()
            for k, x in v.items():
                w[k] = wrap(x)
            return w
        return v
    return eval("".join(out), {"__builtins__": {}}, {"ctx": wrap({k: v for k, v in ctx.items()}), **functions})

def text(value, ctx):
    """A string with ${{ }} parts replaced; a value that is one whole expression keeps its type."""
    if not isinstance(value, str):
        return value
    whole = re.fullmatch(r"\$\{\{(.*)\}\}", value.strip(), re.S)
    if whole:
        v = evaluate(whole.group(1), ctx)
        return v
    def one(m):
        v = evaluate(m.group(1), ctx)
        return "" if v is None or v == {} else ("true" if v is True else "false" if v is False else str(v))
    return re.sub(r"\$\{\{(.*?)\}\}", one, value, flags=re.S)

def condition(expr, ctx, default="success()"):
    expr = expr if expr is not None else default
    if isinstance(expr, bool):
        return expr
    expr = str(expr).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", expr, re.S)
    expr = m.group(1) if m else expr
    if not re.search(r"\b(success|failure|always|cancelled)\(", expr):
        expr = f"success() && ({expr})"
    return bool(evaluate(expr, ctx))

# ---- actions' local stand-ins ------------------------------------------------------------------------------------
LIVE = {os.path.realpath(cache_dir), os.path.realpath(os.path.expanduser("~/.m2/repository"))}

def action(uses, with_, ctx):
    name = uses.split("@")[0]
    outputs = {}
    paths = [p for p in str(with_.get("path", "")).splitlines() if p.strip()]
    if name == "actions/checkout":
        print(f"    (the workspace is a clone of {root} at {head[:12]}, with its history)")
    elif name in ("actions/cache/restore", "actions/cache/save"):
        absolute = [p if os.path.isabs(p) else os.path.join(workspace, p) for p in paths]
        if any(os.path.realpath(p) in LIVE for p in absolute):
            print(f"    (this machine's own {', '.join(absolute)}: used in place, not copied)")
            return {"cache-hit": "true", "cache-matched-key": with_["key"]}
        if name.endswith("restore"):
            keys = [with_["key"]] + [k for k in str(with_.get("restore-keys", "")).splitlines() if k.strip()]
            entries = sorted(os.listdir(caches), key=lambda e: os.path.getmtime(os.path.join(caches, e)), reverse=True)
            hit = next((e for k in keys for e in entries if e == k or (k != keys[0] and e.startswith(k))), None)
            if hit:
                for p, a in zip(paths, absolute):
                    src = os.path.join(caches, hit, p.strip("/").replace("/", "%"))
                    if os.path.exists(src):
                        shutil.rmtree(a, ignore_errors=True)
                        shutil.copytree(src, a)
                print(f"    restored cache {hit}")
                outputs = {"cache-hit": "true" if hit == keys[0] else "false", "cache-matched-key": hit}
            else:
                print(f"    no cache for {keys[0]} or its prefixes")
                outputs = {"cache-hit": "false", "cache-matched-key": ""}
        else:
            entry = os.path.join(caches, with_["key"])
            for p, a in zip(paths, absolute):
                if os.path.exists(a):
                    shutil.copytree(a, os.path.join(entry, p.strip("/").replace("/", "%")), dirs_exist_ok=True)
            print(f"    saved cache {with_['key']}")
    elif name == "actions/setup-node":
        version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        if int(version.lstrip("v").split(".")[0]) < int(str(with_.get("node-version", "20"))):
            sys.exit(f"error: the machine's Node is {version}; the workflow asks for {with_.get('node-version')}")
        print(f"    (this machine's Node {version})")
    elif name == "actions/upload-artifact":
        files = [f for p in paths for f in glob.glob(os.path.join(workspace, p), recursive=True)]
        if not files:
            if with_.get("if-no-files-found") == "error":
                raise RuntimeError(f"upload-artifact {with_['name']}: no files at {paths}")
            print(f"    warning: upload-artifact {with_['name']}: no files at {paths}")
            return {}
        common = os.path.commonpath(files) if len(files) > 1 else (files[0] if os.path.isdir(files[0]) else os.path.dirname(files[0]))
        dest = os.path.join(artifacts, with_["name"])
        for f in files:
            target = os.path.join(dest, os.path.relpath(f, common)) if f != common else dest
            if os.path.isdir(f):
                shutil.copytree(f, target, dirs_exist_ok=True)
            else:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(f, target)
        print(f"    artifact {with_['name']}: {len(files)} path(s) -> {dest}")
    elif name == "actions/download-artifact":
        dest = os.path.join(workspace, with_.get("path", "."))
        for a in sorted(os.listdir(artifacts)):
            if fnmatch.fnmatch(a, with_.get("pattern", with_.get("name", "*"))):
                shutil.copytree(os.path.join(artifacts, a), os.path.join(dest, a), dirs_exist_ok=True)
                print(f"    artifact {a} -> {os.path.join(dest, a)}")
    elif name == "actions/upload-pages-artifact":
        tar = os.path.join(artifacts, "github-pages.tar")
        with tarfile.open(tar, "w") as t:
            t.add(os.path.join(workspace, with_["path"]), arcname=".")
        print(f"    Pages artifact {tar} ({os.path.getsize(tar) // 1024} KiB)")
        outputs = {"artifact_id": "local"}
    elif name == "actions/deploy-pages":
        print("    (not deployed: no Pages here; the artifact above is what would be published)")
    else:
        sys.exit(f"error: no local stand-in for {uses}; add one to ci/github-actions/run-locally.sh")
    return outputs

# ---- jobs --------------------------------------------------------------------------------------------------------
def run_job(job_id, job, needs):
    global workspace
    # actions/checkout with fetch-depth 0: this repository's HEAD, history included (the reference build needs it).
    workspace = os.path.join(work, f"workspace-{job_id}")
    subprocess.run(["git", "clone", "-q", root, workspace], check=True)
    github["workspace"] = workspace
    env = {**{k: str(v) for k, v in workflow.get("env", {}).items()}, **overrides}
    env["WPS_CACHE_DIR"] = cache_dir  # the runtimes this machine has (the job's is a folder of its container's home)
    matrix = {k: (text(v, {"vars": {}}) if isinstance(v, str) else v) for k, v in job.get("strategy", {}).get("matrix", {}).items()}
    matrix = {k: (v[0] if isinstance(v, list) else v) for k, v in matrix.items()}
    ctx = {"env": env, "github": github, "inputs": inputs, "vars": {}, "matrix": matrix, "steps": {}, "needs": needs,
           "runner": {"arch": "X64", "os": "Linux", "temp": os.path.join(work, "runner-temp")}, "_failed": False}
    if not condition(job.get("if"), ctx):
        print(f"\n==> job {job_id}: skipped (if: {job.get('if')})")
        return {"result": "skipped", "outputs": {}}
    print(f"\n==> job {job_id} ({text(job.get('name', job_id), ctx)}; runs-on {text(job['runs-on'], ctx)}, "
          f"container {job.get('container', 'none')}: here, this machine)")
    started = time.time()
    for i, step in enumerate(job["steps"], 1):
        title = step.get("name") or step.get("uses") or step["run"].splitlines()[0]
        if not condition(step.get("if"), ctx):
            print(f"--> [{job_id} {i}] {text(title, ctx)}: skipped (if: {step.get('if', 'success()')})")
            continue
        print(f"--> [{job_id} {i}] {text(title, ctx)}", flush=True)
        step_env = {**env, **{k: str(text(v, ctx)) for k, v in step.get("env", {}).items()}}
        outputs = {}
        try:
            if "uses" in step:
                outputs = action(step["uses"], {k: text(v, ctx) for k, v in step.get("with", {}).items()}, ctx) or {}
            else:
                out_file = os.path.join(work, "runner-temp", f"{job_id}-{i}.out")
                open(out_file, "w").close()
                script = text(step["run"], ctx)
                shell = step.get("shell", job.get("defaults", {}).get("run", {}).get("shell", "sh"))
                argv = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script] if shell == "bash" else ["sh", "-e", "-c", script]
                full_env = {**os.environ, **step_env, "GITHUB_OUTPUT": out_file, "GITHUB_WORKSPACE": workspace, "CI": "true",
                            "GITHUB_STEP_SUMMARY": os.path.join(work, f"{job_id}-summary.md"), "RUNNER_ARCH": "X64",
                            "GITHUB_REF": github["ref"], "GITHUB_RUN_ID": run_id}
                done = subprocess.run(argv, cwd=workspace, env=full_env)
                if done.returncode != 0:
                    raise RuntimeError(f"exit code {done.returncode}")
                for line in open(out_file).read().splitlines():
                    if "=" in line:
                        k, _, v = line.partition("=")
                        outputs[k] = v
        except RuntimeError as e:
            print(f"    FAILED: {e}")
            ctx["_failed"] = True
        if "id" in step:
            ctx["steps"][step["id"]] = {"outputs": outputs, "outcome": "failure" if ctx["_failed"] else "success"}
    outputs = {k: str(text(v, ctx)) for k, v in job.get("outputs", {}).items()}
    result = "failure" if ctx["_failed"] else "success"
    print(f"==> job {job_id}: {result} in {(time.time() - started) / 60:.1f} min; outputs {outputs}")
    return {"result": result, "outputs": outputs}

results = {}
for job_id, job in workflow["jobs"].items():
    needed = job.get("needs", [])
    needed = [needed] if isinstance(needed, str) else needed
    results[job_id] = run_job(job_id, job, {n: results[n] for n in needed})
failed = [j for j, r in results.items() if r["result"] == "failure"]
print("\n==> " + ", ".join(f"{j}: {r['result']}" for j, r in results.items()))
sys.exit(1 if failed else 0)
PY
