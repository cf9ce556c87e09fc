#!/usr/bin/env bash
# Reproduces the precision figures quoted in the README and issue notes.
#
#   scripts/measure.sh [EVAL_DIR] [CORPORA_DIR]
#
# EVAL_DIR     the labelled dev set (default ../shared/eval): line-level
#              precision and recall of the default lints, via its score.py
# CORPORA_DIR  the output of get_corpora.sh (default ../corpora): findings
#              per megabyte on its clean/ prose (BBC news, books, speeches)
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${1:-../shared/eval}
CORPORA=${2:-../corpora}
cargo build --release --quiet
BIN=target/release/scrapelint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every labelled dev set at once, each with its target, and each lint's precision.
if [[ -f "$EVAL/dev_table.py" ]]; then
  python3 "$EVAL/dev_table.py" "$BIN" --per-code
  echo
fi

for set in dev l3s-dev; do
  [[ -d "$EVAL/$set" ]] || continue
  echo "== $set (default lints, --skip-headlines --skip-partial)"
  "$BIN" lint --no-config --format json "$EVAL/$set/docs" > "$tmp/$set.jsonl" || [[ $? == 1 ]]
  python3 "$EVAL/score.py" "$EVAL/$set/labels.jsonl" "$tmp/$set.jsonl" \
    --docs "$EVAL/$set/docs" --skip-headlines --skip-partial --no-per-doc --show-errors "${SHOW_ERRORS:-0}"
  if [[ $set == l3s-dev ]]; then
    echo "== $set without reader comments"
    python3 "$EVAL/score.py" "$EVAL/$set/labels.jsonl" "$tmp/$set.jsonl" \
      --docs "$EVAL/$set/docs" --skip-headlines --skip-partial --no-per-doc --skip-annotations comments | sed -n 1,7p
  fi
done

if [[ -d "$CORPORA/clean" ]]; then
  echo
  echo "== clean prose: $CORPORA/clean"
  "$BIN" lint --format concise --quiet "$CORPORA/clean" > "$tmp/clean.txt" || [[ $? == 1 ]]
  bytes=$(find "$CORPORA/clean" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  n=$(wc -l < "$tmp/clean.txt")
  awk -v b="$bytes" -v n="$n" 'BEGIN {printf "%d findings in %.1f MB: %.2f per MB\n", n, b/1e6, n/(b/1e6)}'
  grep -oE '^[^ ]+ (error|warn|info)\[[a-z0-9-]+\]' "$tmp/clean.txt" | sed -E 's/.*\[(.*)\]/\1/' | sort | uniq -c | sort -rn
  if [[ -n "${SHOW_CLEAN:-}" ]]; then cat "$tmp/clean.txt"; fi
  if [[ -f "$EVAL/clean_fp.py" ]]; then
    "$BIN" lint --no-config --format json --quiet "$CORPORA/clean" > "$tmp/clean.jsonl" || [[ $? == 1 ]]
    python3 "$EVAL/clean_fp.py" "$CORPORA/clean" "$tmp/clean.jsonl" | tail -2
  fi
fi
