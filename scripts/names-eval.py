#!/usr/bin/env python3
"""How many injected name misspellings the name lints find.

usage: scripts/names-eval.py [--seeds 1,2,3] [--n 40] [--work DIR] [--show] CORPUS...

For each corpus and seed: `names_injection.py CORPUS WORK/NAME-SEED N SEED` changes one letter of one
occurrence of a frequent capitalised word in N documents; `scrapelint lint --no-config --disable all
--enable inconsistent-name,unknown-name-variant --format json` lints the copy; an injection is found
when a finding overlaps its byte span. Other findings are printed with --show (they are false alarms
unless the text really has that misspelling). Uses target/release/scrapelint (build it first) and
names_injection.py from shared/eval beside the repository (or $NAMES_INJECTION).

  cargo build --release
  scripts/names-eval.py ../corpora/news/reuters ../corpora/clean/bbc-news
"""
import argparse, json, os, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("corpora", nargs="+")
ap.add_argument("--seeds", default="1,2,3")
ap.add_argument("--n", type=int, default=40)
ap.add_argument("--work", default="/tmp/names-eval")
ap.add_argument("--show", action="store_true", help="print the misses and the other findings")
a = ap.parse_args()

inject = os.environ.get("NAMES_INJECTION")
if not inject:
    for base in [root.parent / "shared", root.parent.parent / "shared", Path("/work/shared")]:
        if (base / "eval/names_injection.py").exists():
            inject = str(base / "eval/names_injection.py")
            break
if not inject:
    sys.exit("names_injection.py not found: set NAMES_INJECTION")
exe = Path(os.environ.get("SCRAPELINT", root / "target/release/scrapelint"))

total_found = total_n = 0
for corpus in a.corpora:
    name = Path(corpus).name
    for seed in a.seeds.split(","):
        out = Path(a.work) / f"{name}-{seed}"
        subprocess.run([sys.executable, inject, corpus, str(out), str(a.n), seed], check=True,
                       stdout=subprocess.DEVNULL)
        injected = [json.loads(l) for l in open(out / "injected.jsonl")]
        run = subprocess.run([str(exe), "lint", "--no-config", "--disable", "all", "--enable",
                              "inconsistent-name,unknown-name-variant", "--format", "json", str(out / "docs")],
                             capture_output=True, text=True)
        findings = [json.loads(l) for l in run.stdout.splitlines() if l.startswith("{")]
        findings = [f for f in findings if "byte_start" in f]
        hit, used = set(), set()
        for i, inj in enumerate(injected):
            for j, f in enumerate(findings):
                if (Path(f["path"]).name == inj["file"] and f["byte_start"] < inj["byte_end"]
                        and inj["byte_start"] < f["byte_end"]):
                    hit.add(i)
                    used.add(j)
        total_found += len(hit)
        total_n += len(injected)
        other = len(findings) - len(used)
        print(f"{name} seed {seed}: {len(hit)}/{len(injected)} found "
              f"({100 * len(hit) / max(1, len(injected)):.0f}%), {other} other findings", flush=True)
        if a.show:
            for i, inj in enumerate(injected):
                if i not in hit:
                    print(f"  missed {inj['file']}: {inj['now']} (was {inj['was']})")
            for j, f in enumerate(findings):
                if j not in used:
                    print(f"  other {Path(f['path']).name}: {f['message']}")
print(f"all: {total_found}/{total_n} found ({100 * total_found / max(1, total_n):.0f}%)")
