#!/usr/bin/env bash
# Inputs too big for `cargo test`: a 1 GB file, a 50 MB line, a 1 GiB gzip
# bomb (refused at --max-file-size, 256 MiB by default, after decompression),
# 500k fixable findings in one file (--fix), and a "diamond" of 31 folders and
# 60 links (2^30 paths; walked with --follow, each folder once). Prints the
# exit status, time and peak memory of a release build on each.
# Usage: scripts/hostile-inputs.sh [SCRATCH_DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/scrapelint"
dir="${1:-$(mktemp -d)}"
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import sys, os
d = sys.argv[1]
para = ("The talks ended on Monday, officials said, and both sides agreed to meet "
        "again in the spring to go on with the work. ") * 8 + "\n\n"
with open(os.path.join(d, "1gb.txt"), "w") as f:
    block = para * 1000
    while f.tell() < 1_000_000_000:
        f.write(block)
    f.write("The last line. .\n")
with open(os.path.join(d, "50mb-line.txt"), "w") as f:
    f.write("word " * 10_000_000 + "end. .\n")
import gzip
with gzip.open(os.path.join(d, "bomb.jsonl.gz"), "wb", compresslevel=9) as f:
    f.write(b'{"text": "')
    zeros = b"a" * (1 << 24)
    for _ in range(64):
        f.write(zeros)
    f.write(b'"}\n')
with open(os.path.join(d, "500k-fixes.txt"), "w") as f:
    f.write("Done. .\n" * 500_000)
diamond = os.path.join(d, "diamond")
for i in range(31):
    os.makedirs(os.path.join(diamond, str(i)), exist_ok=True)
    for side in "xy":
        link = os.path.join(diamond, str(i), side)
        if i < 30 and not os.path.islink(link):
            os.symlink(f"../{i + 1}", link)
with open(os.path.join(diamond, "30", "end.txt"), "w") as f:
    f.write("The end. .\n")
PY
for f in 1gb.txt 50mb-line.txt; do
    /usr/bin/time -f "$f: %e s, peak %M KB" "$bin" lint --no-config -q --format concise --max-file-size 2G "$dir/$f" | tail -2
    echo "exit ${PIPESTATUS[0]}"
done
/usr/bin/time -f "bomb.jsonl.gz: %e s, peak %M KB" "$bin" lint --no-config -q --input jsonl "$dir/bomb.jsonl.gz" 2>&1 | tail -2
echo "exit ${PIPESTATUS[0]} (2: refused at the limit)"
/usr/bin/time -f "500k-fixes.txt --fix: %e s, peak %M KB" "$bin" lint --no-config -q --fix "$dir/500k-fixes.txt" 2>&1 | tail -2
echo "exit ${PIPESTATUS[0]}"
/usr/bin/time -f "diamond --follow: %e s, peak %M KB" "$bin" lint --no-config -q --follow --format concise "$dir/diamond/0" 2>&1 | tail -2
echo "exit ${PIPESTATUS[0]}"
