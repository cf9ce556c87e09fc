#!/usr/bin/env bash
# Scaling: the work a run does grows linearly (or n log n) with the files,
# the findings and the names it is given, never quadratically. Times, on
# generated input in a scratch folder:
#   - 10k and 100k small files: a plain run, --diff, --fix;
#   - one file of one 400 KB line with 100k findings: concise, JSON, SARIF;
#   - 20k names in the configuration's `names`.
# A tenfold input should take about ten times as long.
#
#   bench/scale.sh [SCRATCH]      (default: a new temporary folder)
#
# Builds the release binary first unless SCRAPELINT names one to time.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SCRAPELINT:-}" ]; then
    cargo build --release --quiet
    SCRAPELINT=$PWD/target/release/scrapelint
fi
work=${1:-$(mktemp -d)}
secs() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo "scale=2; ($e - $s) / 1000000000" | bc; }
for n in 10000 100000; do
    dir="$work/files-$n"
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        python3 - "$dir" "$n" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    sub = os.path.join(d, f"{i // 1000:03d}")
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, f"{i}.txt"), "w") as f:
        f.write(f"Story {i} ended on Monday.\u00a0Both sides met. .\n")
PY
    fi
    plain=$(secs "$SCRAPELINT" lint --no-config "$dir")
    diff=$(secs "$SCRAPELINT" lint --no-config --diff "$dir")
    rm -rf "$dir.fix" && cp -r "$dir" "$dir.fix"
    fix=$(secs "$SCRAPELINT" lint --no-config --fix "$dir.fix")
    rm -rf "$dir.fix"
    echo "$n files: lint ${plain}s, --diff ${diff}s, --fix ${fix}s"
done
line="$work/one-line.txt"
python3 -c "import sys; sys.stdout.write('a. . ' * 100000 + '\n')" > "$line"
for format in concise json sarif; do
    echo "100k findings on one 500 KB line, --format $format: $(secs "$SCRAPELINT" lint --no-config --format "$format" "$line")s"
done
names="$work/names"
mkdir -p "$names"
python3 - "$names" <<'PY'
import sys
d = sys.argv[1]
with open(f"{d}/scrapelint.toml", "w") as f:
    f.write("names = [" + ", ".join(f'"Name{i:05d} Person"' for i in range(20000)) + "]\n")
with open(f"{d}/a.txt", "w") as f:
    f.write("Name00001 Persn met Name00002 Person on Monday.\n")
PY
echo "20k configured names: $(secs "$SCRAPELINT" lint --config "$names/scrapelint.toml" "$names/a.txt")s"
