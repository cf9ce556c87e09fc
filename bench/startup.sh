#!/usr/bin/env bash
# Start-up time: the median wall time of linting one small file, the
# pre-commit case (every default lint, no configuration file).
#
#   bench/startup.sh [FILE] [RUNS]
#
# FILE defaults to the first seed article (2 kB), RUNS to 30. Builds the
# release binary first unless SCRAPELINT names one to time instead.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${1:-seeds/000_1bde9e535ad21f57.txt}
RUNS=${2:-30}
if [ -z "${SCRAPELINT:-}" ]; then
    cargo build --release --quiet
    SCRAPELINT=$PWD/target/release/scrapelint
fi
"$SCRAPELINT" lint --no-config "$FILE" >/dev/null 2>&1 || true # warm the page cache
for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    "$SCRAPELINT" lint --no-config "$FILE" >/dev/null 2>&1 || true
    echo $(( ($(date +%s%N) - start) / 1000 ))
done | sort -n | awk -v runs="$RUNS" -v file="$FILE" '
    { t[NR] = $1 }
    END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%s: median %.1f ms over %d runs (min %.1f, max %.1f)\n", file, m / 1000, runs, t[1] / 1000, t[NR] / 1000
    }'
