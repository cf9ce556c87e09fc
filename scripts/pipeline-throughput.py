"""Throughput of the datatrove steps next to the CLI, on a folder of text
articles turned into 4 JSONL shards (the README's figures use the 2,225 BBC
articles): documents/s and MB/s for one worker, then two.

    python scripts/pipeline-throughput.py /work/corpora/clean/bbc-news

Needs the package built with --release (`cd python && maturin develop
--release`) and target/release/scrapelint. Each worker runs one thread
(RAYON_NUM_THREADS=1). Times are the whole run's wall-clock and CPU seconds
(this process and its workers), best of three; the reader alone is timed
too, so the step's own share shows. On a busy machine the CPU seconds are
the figure to compare.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["RAYON_NUM_THREADS"] = "1"

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402

from scrapelint.datatrove import ScrapelintAnnotator, ScrapelintFilter, ScrapelintFixer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXE = REPO / "target" / "release" / "scrapelint"
SHARDS = 4


def cpu():
    """CPU seconds of this process and its reaped children (workers, the CLI)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def best(f, n=3):
    """The fastest of n runs: (wall seconds, CPU seconds, the step's own seconds)."""
    runs = []
    for _ in range(n):
        t, c = time.perf_counter(), cpu()
        step = f()
        runs.append((time.perf_counter() - t, cpu() - c, step))
    return min(runs)


def main(src: Path):
    with tempfile.TemporaryDirectory(prefix="scrapelint-throughput-") as tmp:
        measure(src, Path(tmp))


def measure(src: Path, work: Path):
    shards = work / "shards"
    shards.mkdir()
    files = sorted(p for p in src.iterdir() if p.suffix == ".txt")
    size = 0
    outs = [open(shards / f"part-{i}.jsonl", "w") for i in range(SHARDS)]
    for i, p in enumerate(files):
        text = p.read_text()
        size += len(text.encode())
        outs[i % SHARDS].write(json.dumps({"id": p.stem, "text": text}) + "\n")
    for o in outs:
        o.close()
    names = sorted(str(p) for p in shards.iterdir())
    stats = work / "all.stats"
    subprocess.run([EXE, "stats", "--no-config", "--input", "jsonl", *names, "-o", stats], check=True, capture_output=True)
    docs, mb = len(files), size / 1e6
    print(f"{docs} documents, {mb:.1f} MB in {SHARDS} shards")

    def cli(workers):
        groups = [names[i::workers] for i in range(workers)]
        cmd = [EXE, "lint", "--no-config", "--input", "jsonl", "--stats", str(stats), "--format", "json", "-q"]
        procs = [subprocess.Popen(cmd + g, stdout=subprocess.DEVNULL) for g in groups]
        for p in procs:
            p.wait()
        return None

    def pipeline(step, workers):
        def run():
            logs = tempfile.mkdtemp(dir=work)
            steps = [JsonlReader(str(shards))] + ([step()] if step else [])
            LocalPipelineExecutor(pipeline=steps, tasks=SHARDS, workers=workers, logging_dir=logs).run()
            # datatrove's own timing of the last step, added up over the tasks
            return json.loads((Path(logs) / "stats.json").read_text())[-1]["time_stats"]["total"]

        return run

    s = str(stats)
    runs = [
        ("CLI `lint --input jsonl --stats`", lambda w: lambda: cli(w)),
        ("datatrove reader alone", lambda w: pipeline(None, w)),
        ("reader + ScrapelintAnnotator", lambda w: pipeline(lambda: ScrapelintAnnotator(stats=s), w)),
        ("reader + ScrapelintFixer(unsafe)", lambda w: pipeline(lambda: ScrapelintFixer(unsafe=True, stats=s), w)),
        ("reader + ScrapelintFilter", lambda w: pipeline(lambda: ScrapelintFilter(stats=s), w)),
    ]
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| run | workers | wall s | documents/s | MB/s | the step's own s (all tasks) | CPU s |")
    print("|---|---|---|---|---|---|---|")
    for label, make in runs:
        for workers in (1, 2):
            t, c, step = best(make(workers))
            # Workers of a pool are not counted in RUSAGE_CHILDREN: CPU only for one.
            cpu_s = f"{c:.2f}" if workers == 1 else "-"
            step_s = f"{step:.2f}" if step is not None else "-"
            print(f"| {label} | {workers} | {t:.2f} | {docs / t:,.0f} | {mb / t:.2f} | {step_s} | {cpu_s} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
