#!/usr/bin/env bash
# The statistics cache in the pre-commit case: one staged file linted against
# a corpus repository (`corpus = ["."]`), with a cold, a filling and a warm
# cache, and after editing ten files; beside the commit before the cache.
#
#   bench/cache.sh DIR [RUNS]
#
# Copies DIR (a folder of .txt files, such as the large/ corpus made by
# ../shared/corpora/get_corpora.sh) into a throwaway git repository with a
# scrapelint.toml naming the corpus, commits it, stages an edit of one file,
# then prints the median wall time and the largest peak memory of RUNS lints
# (default 5) of it:
#   before   BASE (the commit before the cache; default: this build with --no-cache)
#   cold     no cache folder (removed before each run; each run fills a part of it)
#   warm     once runs have filled the cache (how many it took, and its size)
#   restored a fresh clone with the warm cache copied in and named (CI's case), and the runs after
#   edited   the run after editing ten files (edited again before each run)
# and whether the warm run's JSON findings are those of a run without the cache.
# Builds the release binary first unless SCRAPELINT names one. Needs git and GNU time.
set -euo pipefail
DIR=${1:?usage: bench/cache.sh DIR [RUNS]}
RUNS=${2:-5}
source "$(dirname "$0")/corpus-repo.sh"
if [ -n "${BASE:-}" ]; then before=("$BASE" lint --quiet); else before=("$SCRAPELINT" lint --quiet --no-cache); fi
corpus_bytes=$(git ls-files -z '*.txt' | du -cb --files0-from=- | tail -1 | cut -f1)

# One timed run of the command given: "seconds peak-KB".
run() {
    /usr/bin/time -f "%e %M" -o "$repo.time" "$@" >/dev/null 2>&1 || true
    tail -1 "$repo.time"
}

# Whether the JSON findings on the staged file are those of --no-cache.
same_as_no_cache() {
    "$SCRAPELINT" lint --format json "${files[0]}" > "$repo.a" 2>/dev/null || true
    "$SCRAPELINT" lint --no-cache --format json "${files[0]}" > "$repo.b" 2>/dev/null || true
    if cmp -s "$repo.a" "$repo.b"; then echo "$1 findings: identical to --no-cache"; else echo "$1 findings: DIFFER from --no-cache"; fi
}

echo "corpus: $(git ls-files '*.txt' | wc -l) files, $corpus_bytes bytes"
sync
sleep 2.2 # the copies settled: only a file unchanged for two seconds is cached
# The page cache warm, as in use.
for _ in $(seq 8); do "${before[@]}" "${files[0]}" >/dev/null 2>&1 || true; done
echo "An edited sentence." >> "${files[0]}"
git add "${files[0]}"
: > "$repo.a"; : > "$repo.b"
for _ in $(seq "$RUNS"); do
    run "${before[@]}" "${files[0]}" >> "$repo.a"
    rm -rf .scrapelint_cache
    run "$SCRAPELINT" lint --quiet "${files[0]}" >> "$repo.b"
done
echo "before: $(summary < "$repo.a")"
echo "cold:   $(summary < "$repo.b")"
rm -rf .scrapelint_cache
fills=0 last=-1
while [ "$fills" -lt 200 ]; do
    "$SCRAPELINT" lint --quiet "${files[0]}" >/dev/null 2>&1 || true
    fills=$((fills + 1))
    size=$(stat -c %s .scrapelint_cache/stats 2>/dev/null || echo 0)
    [ "$size" = "$last" ] && break
    last=$size
done
echo "filled in $((fills - 1)) runs: $size bytes, $(awk -v a="$size" -v b="$corpus_bytes" 'BEGIN { printf "%.1f", 100 * a / b }')% of the corpus"
: > "$repo.b"
for _ in $(seq "$RUNS"); do run "$SCRAPELINT" lint --quiet "${files[0]}" >> "$repo.b"; done
echo "warm:   $(summary < "$repo.b")"
same_as_no_cache warm
# CI's case: a fresh checkout of the same commit with the cache restored
# and named (SCRAPELINT_CACHE_DIR, as the Action does). No file's stamp
# matches: each is read and found by its digest.
git clone -q . "$repo.clone"
cp "${files[0]}" "$repo.clone/${files[0]}"
cp -a .scrapelint_cache "$repo.saved"
(
    cd "$repo.clone"
    export SCRAPELINT_CACHE_DIR=$PWD/.scrapelint_cache
    sleep 2.2
    : > "$repo.b"
    for _ in $(seq "$RUNS"); do
        rm -rf .scrapelint_cache && cp -a "$repo.saved" .scrapelint_cache
        run "$SCRAPELINT" lint --quiet "${files[0]}" >> "$repo.b"
    done
    echo "restored: $(summary < "$repo.b") (a fresh checkout, the cache restored)"
    : > "$repo.b"
    for _ in $(seq "$RUNS"); do run "$SCRAPELINT" lint --quiet "${files[0]}" >> "$repo.b"; done
    echo "after restored: $(summary < "$repo.b") (the runs after it)"
    same_as_no_cache restored
)
: > "$repo.b"
for i in $(seq "$RUNS"); do
    for f in "${files[@]}"; do echo "Edited again ($i)." >> "$f"; done
    git add -A
    run "$SCRAPELINT" lint --quiet "${files[0]}" >> "$repo.b"
done
echo "edited: $(summary < "$repo.b") (the run after editing ten files)"
