#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600) and prints its executions
# and crashes. Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Seed inputs: the seed articles and test fixtures (engine), the built-in
# lint files (data_lint), the configuration files in the repository (config),
# the statistics of the seeds without their head and checksum (stats: the
# target puts them back, so that mutations reach the decoder), the JSONL
# files of the tests and a record of every JSON kind (jsonl).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-600}"
mkdir -p corpus/engine corpus/config corpus/data_lint corpus/stats corpus/jsonl
cp -n ../seeds/*.txt corpus/engine/ 2>/dev/null || true
find ../tests/fixtures -name '*.txt' | while read -r f; do cp -n "$f" "corpus/engine/$(printf %s "$f" | md5sum | cut -c1-12)"; done
find ../lints -name '*.toml' -exec cp -n {} corpus/data_lint/ \;
find .. -name '*scrapelint.toml' -not -path '*/target/*' | while read -r f; do cp -n "$f" "corpus/config/$(printf %s "$f" | md5sum | cut -c1-12)"; done
find ../tests -name '*.jsonl' | while read -r f; do cp -n "$f" "corpus/jsonl/$(printf %s "$f" | md5sum | cut -c1-12)"; done
printf '{"id": 1, "text": "a. .", "meta": {"a": [1, 2.5e3, null, true]}}\n{"text": 3}\n[1]\n' > corpus/jsonl/mixed
if [ -x ../target/release/scrapelint ]; then
    for keep in "" --keep-single; do
        ../target/release/scrapelint stats --no-config $keep ../seeds -o "corpus/stats/seeds$keep.stats" 2>/dev/null
        f="corpus/stats/seeds$keep.stats"; size=$(stat -c %s "$f")
        tail -c +19 "$f" | head -c $((size - 26)) > "$f.body" && rm "$f"
    done
fi
for target in ${TARGETS:-engine config data_lint stats jsonl}; do
    log="fuzz-$target.log"
    cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 >"$log" 2>&1 || true
    if grep -q 'failed to build fuzz script' "$log"; then
        echo "$target: build failed (see fuzz/$log)"; exit 1
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    crashes=$(ls artifacts/"$target" 2>/dev/null | wc -l)
    echo "$target: $execs executions in ${secs}s, $crashes crash artifacts (log: fuzz/$log)"
done
