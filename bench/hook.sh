#!/usr/bin/env bash
# The pre-commit case on a corpus repository: one staged file linted
# against the whole corpus (`corpus = ["."]`), as the hook runs it.
#
#   bench/hook.sh DIR [RUNS]
#
# Copies DIR (a folder of .txt files, such as the large/ corpus made by
# ../shared/corpora/get_corpora.sh) into a throwaway git repository with
# a scrapelint.toml naming the corpus, commits it, then:
#   1. edits one file and stages it; lints it RUNS times (default 5);
#   2. edits ten files; lints the first of them RUNS times.
# Prints the median wall time and the largest peak memory of each. Builds
# the release binary first unless SCRAPELINT names one to time instead.
# Needs git and GNU time.
set -euo pipefail
DIR=${1:?usage: bench/hook.sh DIR [RUNS]}
RUNS=${2:-5}
source "$(dirname "$0")/corpus-repo.sh"

# Median seconds and largest peak MB of RUNS lints of $1.
time_lint() {
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$repo.time" "$SCRAPELINT" lint --quiet "$1" >/dev/null 2>&1 || true
        tail -1 "$repo.time"
    done | summary
}

echo "corpus: $(git ls-files '*.txt' | wc -l) files, $(du -sh --exclude=.git . | cut -f1)"
sync
# Eight runs first: the page cache warm, as in use (the first runs after the
# copy took up to 1.7 times as long).
for _ in $(seq 8); do "$SCRAPELINT" lint --quiet "${files[0]}" >/dev/null 2>&1 || true; done
echo "An edited sentence." >> "${files[0]}"
git add "${files[0]}"
echo "one staged file: $(time_lint "${files[0]}")"
for f in "${files[@]}"; do echo "Another edited sentence." >> "$f"; done
git add -A
echo "after editing ten files, one of them: $(time_lint "${files[0]}")"
