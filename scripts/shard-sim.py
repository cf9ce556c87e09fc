#!/usr/bin/env python3
"""Sharding at scale, simulated on one machine: a corpus cut into JSON Lines shards, the
statistics counted per shard in partitions, merged a partition at a time, joined, and every
shard linted against them.

    python3 scripts/shard-sim.py [--bin target/release/scrapelint] [--shards 64]
        [--partitions 8] [--work /tmp/shard-sim] CORPUS

Builds the shards (one record per .txt file under CORPUS, `id` its relative path, files
dealt round the shards in sorted order), then prints, with the peak memory of each step
(`/usr/bin/time`):
  - the statistics merged without partitions (one merge of every shard's file), and the
    largest of the per-partition merges and the join;
  - whether the joined file is byte-identical to the unpartitioned one;
  - whether linting each shard against the joined statistics gives the findings of one run
    over every shard (JSON, compared byte for byte once sorted by shard).
"""
import argparse, json, os, subprocess, sys, time


def run(cmd, **kw):
    """Runs cmd under /usr/bin/time: (stdout, seconds, peak KB)."""
    t = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, capture_output=True, text=True, **kw)
    if t.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {t.returncode}\n{t.stderr[-2000:]}")
    secs, kb = t.stderr.strip().splitlines()[-1].split()
    return t.stdout, float(secs), int(kb)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="target/release/scrapelint")
    ap.add_argument("--shards", type=int, default=64)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--work", default="/tmp/shard-sim")
    a = ap.parse_args()
    exe = os.path.abspath(a.bin)
    work = a.work
    shards_dir, stats_dir, merged_dir = (os.path.join(work, d) for d in ("shards", "stats", "merged"))
    for d in (shards_dir, stats_dir, merged_dir):
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))

    files = sorted(
        os.path.join(r, f) for r, _, fs in os.walk(a.corpus) for f in fs if f.endswith(".txt")
    )
    outs = [open(os.path.join(shards_dir, f"s{i:03d}.jsonl"), "w", encoding="utf-8") for i in range(a.shards)]
    size = 0
    for n, path in enumerate(files):
        text = open(path, encoding="utf-8", errors="replace").read()
        size += len(text.encode("utf-8"))
        rec = {"id": os.path.relpath(path, a.corpus), "text": text}
        # Dealt round the shards, so that each shard is a sample of the whole
        # (sources, sizes), as shards of a crawl are.
        outs[n % a.shards].write(json.dumps(rec, ensure_ascii=False) + "\n")
    for o in outs:
        o.close()
    shards = sorted(os.listdir(shards_dir))
    print(f"{len(files)} documents, {size / 1e6:.1f} MB of text, {len(shards)} shards, {a.partitions} partitions")

    base = [exe, "stats", "--no-config", "-q"]
    t0 = time.time()
    count_peak = 0
    for s in shards:
        stem = s[: -len(".jsonl")]
        _, _, kb = run(base + ["--input", "jsonl", "--keep-single", os.path.join(shards_dir, s),
                               "-o", os.path.join(stats_dir, stem + ".stats")])
        count_peak = max(count_peak, kb)
        _, _, kb = run(base + ["--input", "jsonl", "--keep-single", "--partitions", str(a.partitions),
                               os.path.join(shards_dir, s), "-o", os.path.join(stats_dir, stem + ".p{}.stats")])
        count_peak = max(count_peak, kb)
    print(f"counting: {time.time() - t0:.1f} s for both layouts, peak {count_peak / 1024:.0f} MB a shard")

    whole = [os.path.join(stats_dir, s[:-6] + ".stats") for s in shards]
    _, secs, whole_kb = run(base + ["--merge"] + whole + ["-o", os.path.join(work, "whole.stats")])
    print(f"one merge of every shard: {secs:.1f} s, peak {whole_kb / 1024:.0f} MB")
    part_peak = 0
    for p in range(a.partitions):
        ins = [os.path.join(stats_dir, s[:-6] + f".p{p}.stats") for s in shards]
        _, secs, kb = run(base + ["--merge"] + ins + ["-o", os.path.join(merged_dir, f"{p}.stats")])
        part_peak = max(part_peak, kb)
    _, secs, join_kb = run(base + ["--merge"] + [os.path.join(merged_dir, f"{p}.stats") for p in range(a.partitions)]
                           + ["-o", os.path.join(work, "joined.stats")])
    print(f"largest partition merge: peak {part_peak / 1024:.0f} MB ({part_peak / whole_kb:.2f} of the one merge); "
          f"join: peak {join_kb / 1024:.0f} MB")
    same = open(os.path.join(work, "whole.stats"), "rb").read() == open(os.path.join(work, "joined.stats"), "rb").read()
    print(f"joined partitions byte-identical to the one merge: {same}")

    lint = [exe, "lint", "--no-config", "--input", "jsonl", "--format", "json"]
    one, secs, kb = run(lint + [os.path.join(shards_dir, s) for s in shards])
    print(f"one run over every shard: {secs:.1f} s, peak {kb / 1024:.0f} MB, {len(one.splitlines())} findings")
    sharded = []
    peak = 0
    for s in shards:
        out, _, kb = run(lint + ["--stats", os.path.join(work, "joined.stats"), os.path.join(shards_dir, s)])
        sharded.append(out)
        peak = max(peak, kb)
    same_findings = "".join(sharded) == one
    print(f"each shard against the joined statistics: peak {peak / 1024:.0f} MB a shard; "
          f"findings byte-identical to the one run: {same_findings}")
    # Growth: the statistics of the first k shards (a k/N sample of the corpus), for the
    # extrapolation to larger corpora.
    print("growth (shards, MB of text): kept-whole statistics, final statistics, peak of one merge, "
          "memory a lint worker adds loading the final statistics")
    empty = os.path.join(work, "empty.jsonl")
    open(empty, "w").write(json.dumps({"text": "x"}) + "\n")
    _, _, bare_kb = run(lint + [empty])
    k = a.shards // 8
    while k <= a.shards:
        ins = whole[:k]
        _, _, kb_keep = run(base + ["--merge", "--keep-single"] + ins + ["-o", os.path.join(work, f"k{k}.stats")])
        _, _, kb_final = run(base + ["--merge"] + ins + ["-o", os.path.join(work, f"f{k}.stats")])
        _, secs, kb_lint = run(lint + ["--stats", os.path.join(work, f"f{k}.stats"), empty])
        print(f"  {k:3d} shards ({size * k / a.shards / 1e6:6.1f} MB): "
              f"{os.path.getsize(os.path.join(work, f'k{k}.stats')) / 1e6:6.1f} MB, "
              f"{os.path.getsize(os.path.join(work, f'f{k}.stats')) / 1e6:5.2f} MB, "
              f"merge {max(kb_keep, kb_final) / 1024:4.0f} MB, load +{(kb_lint - bare_kb) / 1024:3.0f} MB in {secs:.2f} s")
        k *= 2
    sys.exit(0 if same and same_findings else 1)


if __name__ == "__main__":
    main()
