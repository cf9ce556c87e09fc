#!/usr/bin/env python3
"""Checks the GitHub Action (action.yml) without GitHub.

1. The YAML: action.yml is a composite action whose expressions name only
   inputs and steps it has; the README's example workflow parses and passes
   only inputs the action has.
2. Its script steps, run here with bash as the runner would run them (with
   GITHUB_OUTPUT, GITHUB_PATH, RUNNER_TEMP, GITHUB_ACTION_PATH set and the
   `${{ }}` expressions filled in), on a throwaway workspace: once installing
   with cargo (a cache miss), once as a cache hit with `sarif: true`, the
   SARIF upload posting to a local stand-in for GitHub's API; then a few
   files linted against a corpus, whose statistics cache is written where
   the cache step saves it. The `uses:` steps (actions/cache) are GitHub's
   and are skipped.
3. What a hostile workspace cannot do: every `uses:` is pinned to a commit;
   the install runs from the action's folder with the toolchain fixed, so
   the workspace's `rust-toolchain.toml` and `.cargo/config.toml` (a rustc
   wrapper that would run code) are not read; a committed `scrapelint.sarif`
   link is not written through; only a push saves the statistics cache.

The install step builds in CARGO_TARGET_DIR (default: this repository's
target/, so a release build already there is reused).

Needs python3 with PyYAML, bash and cargo.
"""

import base64
import gzip
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

import yaml

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def load_action():
    with open(os.path.join(HERE, "action.yml")) as f:
        action = yaml.safe_load(f)
    for key in ("name", "description", "inputs", "runs"):
        if key not in action:
            fail(f"action.yml has no `{key}`")
    runs = action["runs"]
    if runs.get("using") != "composite":
        fail("action.yml is not a composite action")
    ids = set()
    for i, step in enumerate(runs["steps"]):
        if ("run" in step) == ("uses" in step):
            fail(f"step {i} needs exactly one of run/uses")
        if "run" in step and "shell" not in step:
            fail(f"step {i}: a composite run step needs `shell`")
        # Expressions may name only inputs the action has and earlier steps.
        text = yaml.safe_dump(step)
        for expr in EXPR.findall(text) + ([step["if"]] if "if" in step else []):
            for name in re.findall(r"inputs\.([\w-]+)", expr):
                if name not in action["inputs"]:
                    fail(f"step {i} uses unknown input `{name}`")
            for name in re.findall(r"steps\.([\w-]+)\.", expr):
                if name not in ids:
                    fail(f"step {i} uses step `{name}` before it runs")
        if "run" in step and EXPR.search(step["run"]):
            fail(f"step {i}: expressions go through env:, not into the script")
        if "id" in step:
            ids.add(step["id"])
        if "uses" in step and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]):
            fail(f"step {i}: `uses: {step['uses']}` is not pinned to a commit")
    for name, out in action.get("outputs", {}).items():
        for sid in re.findall(r"steps\.([\w-]+)\.", out["value"]):
            if sid not in ids:
                fail(f"output `{name}` names unknown step `{sid}`")
    return action


def check_readme_workflow(action):
    with open(os.path.join(HERE, "README.md")) as f:
        readme = f.read()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    workflows = [yaml.safe_load(b) for b in blocks if "jobs:" in b]
    if not workflows:
        fail("README has no example workflow")
    found = False
    for wf in workflows:
        for job in wf["jobs"].values():
            for step in job["steps"]:
                if "scrapelint@" in str(step.get("uses", "")):
                    found = True
                    for key in step.get("with", {}):
                        if key not in action["inputs"]:
                            fail(f"README workflow passes unknown input `{key}`")
    if not found:
        fail("README workflow does not use the action")


def evaluate(expr, ctx):
    """The few expressions action.yml uses, against `ctx`."""
    expr = expr.strip()
    if expr.startswith("${{") and expr.endswith("}}"):
        expr = expr[3:-2].strip()
    parts = [p.strip() for p in expr.split("&&")]
    if len(parts) > 1:
        return all(evaluate(p, ctx) for p in parts)
    if expr == "always()":
        return True
    m = re.fullmatch(r"(.+?)\s*(==|!=)\s*'(.*)'", expr)
    if m:
        left = lookup(m.group(1), ctx)
        return (left == m.group(3)) == (m.group(2) == "==")
    return lookup(expr, ctx)


def lookup(path, ctx):
    value = ctx
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


def substitute(text, ctx):
    return EXPR.sub(lambda m: str(lookup(m.group(1), ctx)), text)


def run_action(action, workspace, temp, inputs, cache_hit):
    ctx = {
        "inputs": {k: str(v.get("default", "")) for k, v in action["inputs"].items()},
        "steps": {},
    }
    ctx["inputs"].update(inputs)
    path_file = os.path.join(temp, "github_path")
    open(path_file, "w").close()
    last = None
    for step in action["runs"]["steps"]:
        sid = step.get("id")
        if "if" in step and not evaluate(step["if"], ctx):
            continue
        if "uses" in step:
            if step["uses"].startswith("actions/cache@") and sid:
                ctx["steps"][sid] = {"outputs": {"cache-hit": "true" if cache_hit else "false"}}
            continue
        out_file = os.path.join(temp, f"output-{sid or 'step'}")
        open(out_file, "w").close()
        env = dict(os.environ)
        env.setdefault("CARGO_TARGET_DIR", os.path.join(HERE, "target"))
        env.update(
            GITHUB_API_URL=API["url"],
            GITHUB_REPOSITORY="owner/corpus",
            GITHUB_SHA="0" * 40,
            GITHUB_REF="refs/heads/main",
            GITHUB_ACTION_PATH=HERE,
            GITHUB_OUTPUT=out_file,
            GITHUB_PATH=path_file,
            RUNNER_TEMP=temp,
            RUNNER_OS="Linux",
            RUNNER_ARCH="X64",
        )
        for k, v in step.get("env", {}).items():
            env[k] = substitute(str(v), ctx)
        last = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, env=env)
        outputs = {}
        with open(out_file) as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("=")
                outputs[k] = v
        if sid:
            ctx["steps"][sid] = {"outputs": outputs}
        if last.returncode != 0 and step is not action["runs"]["steps"][-1]:
            fail(f"step {step.get('name', sid)} exited {last.returncode}")
    return ctx, last.returncode


API = {"url": "", "posts": []}


class FakeApi(http.server.BaseHTTPRequestHandler):
    """GitHub's code-scanning endpoint, as far as the upload step needs it."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        API["posts"].append((self.path, self.headers.get("Authorization"), json.loads(body)))
        self.send_response(202)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "1"}')

    def log_message(self, *args):
        pass


def start_api():
    server = http.server.HTTPServer(("127.0.0.1", 0), FakeApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    API["url"] = f"http://127.0.0.1:{server.server_port}"


def hostile_workspace(workspace, temp):
    """A workspace whose toolchain file and cargo configuration would run
    code if cargo were started there; returns the file they would create."""
    marker = os.path.join(temp, "wrapper-ran")
    wrapper = os.path.join(workspace, "wrap.sh")
    with open(wrapper, "w") as f:
        f.write(f"#!/bin/sh\ntouch {marker}\nexec \"$@\"\n")
    os.chmod(wrapper, 0o755)
    os.makedirs(os.path.join(workspace, ".cargo"))
    with open(os.path.join(workspace, ".cargo", "config.toml"), "w") as f:
        f.write(f'[build]\nrustc-wrapper = "{wrapper}"\n')
    with open(os.path.join(workspace, "rust-toolchain.toml"), "w") as f:
        f.write('[toolchain]\npath = "/nonexistent/evil-toolchain"\n')
    return marker


def main():
    action = load_action()
    check_readme_workflow(action)
    # Only a push saves the statistics cache: a pull request's run (which
    # may run a fork's code in other steps) reads its base's and writes none.
    saves = [st for st in action["runs"]["steps"] if str(st.get("uses", "")).startswith("actions/cache/save@")]
    if not saves or any("github.event_name == 'push'" not in st.get("if", "") for st in saves):
        fail("the statistics cache must be saved by pushes only")
    print("ok: action.yml and the README's workflow parse and agree")
    with tempfile.TemporaryDirectory() as temp:
        workspace = os.path.join(temp, "workspace")
        os.makedirs(os.path.join(workspace, "corpus"))
        with open(os.path.join(workspace, "corpus", "a.txt"), "w") as f:
            f.write("The talks ended on Monday.\n\nGo To Source\n")
        marker = hostile_workspace(workspace, temp)
        start_api()
        ctx, code = run_action(action, workspace, temp, {"args": "lint corpus/"}, cache_hit=False)
        if os.path.exists(marker):
            fail("the install read the workspace's cargo configuration")
        if ctx["steps"]["run"]["outputs"].get("exit-code") != "1" or code != 1:
            fail(f"a finding should give exit-code 1 and fail the step, got {ctx['steps']['run']}, {code}")
        print("ok: installed with cargo, ran, failed on a finding")
        inputs = {"args": "lint corpus/", "sarif": "true", "fail": "false"}
        ctx, code = run_action(action, workspace, temp, inputs, cache_hit=True)
        if code != 0 or ctx["steps"]["run"]["outputs"].get("exit-code") != "1":
            fail(f"with fail: false the step passes, got {code}")
        with open(os.path.join(workspace, "scrapelint.sarif")) as f:
            log = json.load(f)
        results = log["runs"][0]["results"]
        if [r["ruleId"] for r in results] != ["source-link"]:
            fail(f"unexpected SARIF results {results}")
        print("ok: from the cache, wrote SARIF for the upload step")
        if len(API["posts"]) != 1:
            fail(f"expected one SARIF upload, got {len(API['posts'])}")
        path, auth, body = API["posts"][0]
        if path != "/repos/owner/corpus/code-scanning/sarifs" or not auth.startswith("Bearer "):
            fail(f"upload to {path} with {auth}")
        if json.loads(gzip.decompress(base64.b64decode(body["sarif"]))) != log:
            fail("the uploaded SARIF is not the file written")
        if (body["commit_sha"], body["ref"]) != ("0" * 40, "refs/heads/main"):
            fail(f"uploaded for {body['commit_sha']} {body['ref']}")
        print("ok: uploaded the SARIF to the code-scanning endpoint")
        # A committed link where the SARIF goes is not written through.
        os.remove(os.path.join(workspace, "scrapelint.sarif"))
        target = os.path.join(temp, "victim")
        with open(target, "w") as f:
            f.write("keep\n")
        os.symlink(target, os.path.join(workspace, "scrapelint.sarif"))
        ctx, code = run_action(action, workspace, temp, inputs, cache_hit=True)
        with open(target) as f:
            if f.read() != "keep\n":
                fail("the SARIF was written through a link")
        if ctx["steps"]["run"]["outputs"].get("exit-code") != "2":
            fail(f"a link where the SARIF goes should be an error, got {ctx['steps']['run']}")
        print("ok: a link where the SARIF goes is refused, not written through")
        # A pull request's file linted against the corpus: the statistics
        # cache is made in the folder the cache step saves.
        os.remove(os.path.join(workspace, "scrapelint.sarif"))
        # A checkout: its root is where the configuration is looked for.
        os.makedirs(os.path.join(workspace, ".git"))
        with open(os.path.join(workspace, "scrapelint.toml"), "w") as f:
            f.write('corpus = ["corpus"]\n')
        for i in range(16):
            with open(os.path.join(workspace, "corpus", f"b{i:02}.txt"), "w") as f:
                f.write(f"Article {i} on the talks.\n\nShare this article\n")
        time.sleep(2.2)  # settled: only files unchanged for two seconds are cached
        ctx, code = run_action(action, workspace, temp, {"args": "lint corpus/a.txt"}, cache_hit=True)
        if ctx["steps"]["run"]["outputs"].get("exit-code") != "1":
            fail(f"the pull request's file should have its finding, got {ctx['steps']['run']}")
        stats = os.path.join(temp, "scrapelint-stats")
        if not os.path.isfile(os.path.join(stats, "stats")) or os.stat(stats).st_mode & 0o777 != 0o700:
            fail("no statistics cache in the folder the cache step saves")
        if os.path.exists(os.path.join(workspace, ".scrapelint_cache")):
            fail("the statistics cache was written into the workspace")
        print("ok: a focused run keeps its statistics cache where the cache step saves it")


if __name__ == "__main__":
    main()
