#!/usr/bin/env python3
"""Checks the GitHub Action (action.yml) without GitHub.

1. The YAML: action.yml is a composite action whose expressions name only
   inputs and steps it has; the README's example workflow parses and passes
   only inputs the action has.
2. Its script steps, run here with bash as the runner would run them (with
   GITHUB_OUTPUT, GITHUB_PATH, RUNNER_TEMP, GITHUB_ACTION_PATH set and the
   `${{ }}` expressions filled in), on a throwaway workspace: once installing
   with cargo (a cache miss), once as a cache hit with `sarif: true`. The
   `uses:` steps (actions/cache, upload-sarif) are GitHub's and are skipped.

The install step builds in CARGO_TARGET_DIR (default: this repository's
target/, so a release build already there is reused).

Needs python3 with PyYAML, bash and cargo.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

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


def main():
    action = load_action()
    check_readme_workflow(action)
    print("ok: action.yml and the README's workflow parse and agree")
    with tempfile.TemporaryDirectory() as temp:
        workspace = os.path.join(temp, "workspace")
        os.makedirs(os.path.join(workspace, "corpus"))
        with open(os.path.join(workspace, "corpus", "a.txt"), "w") as f:
            f.write("The talks ended on Monday.\n\nGo To Source\n")
        ctx, code = run_action(action, workspace, temp, {"args": "lint corpus/"}, cache_hit=False)
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


if __name__ == "__main__":
    main()
