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
cd "$(dirname "$0")/.."
if [ -z "${SCRAPELINT:-}" ]; then
    cargo build --release --quiet
    SCRAPELINT=$PWD/target/release/scrapelint
fi
repo=$(mktemp -d)
trap 'rm -rf "$repo" "$repo.time"' EXIT
cp -r "$DIR"/. "$repo"/
cd "$repo"
printf 'corpus = ["."]\n' > scrapelint.toml
git init -q . && git add -A && git -c user.name=b -c user.email=b@b commit -qm corpus
mapfile -t files < <(git ls-files '*.txt' | head -10)

# Median seconds and largest peak MB of RUNS lints of $1.
time_lint() {
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$repo.time" "$SCRAPELINT" lint --quiet "$1" >/dev/null 2>&1 || true
        tail -1 "$repo.time"
    done | sort -g | awk '{ t[NR] = $1; if ($2 > kb) kb = $2 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f s, peak %.0f MB", m, kb / 1024 }'
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
