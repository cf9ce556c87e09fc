# Sourced by bench/hook.sh and bench/cache.sh (after `set -euo pipefail` and
# DIR, RUNS): builds the release binary unless SCRAPELINT names one, copies
# DIR into a throwaway git repository whose scrapelint.toml says
# `corpus = ["."]`, commits it, and enters it. Sets SCRAPELINT, repo (removed
# on exit) and files (its first ten .txt files); defines summary.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -z "${SCRAPELINT:-}" ]; then
    cargo build --release --quiet
    SCRAPELINT=$PWD/target/release/scrapelint
fi
repo=$(mktemp -d)
trap 'rm -rf "$repo" "$repo".*' EXIT
cp -r "$DIR"/. "$repo"/
cd "$repo"
printf 'corpus = ["."]\n' > scrapelint.toml
git init -q . && git add -A && git -c user.name=b -c user.email=b@b commit -qm corpus
mapfile -t files < <(git ls-files '*.txt' | head -10)

# Median seconds and largest peak MB of the "seconds peak-KB" lines read.
summary() {
    sort -g | awk '{ t[NR] = $1; if ($2 > kb) kb = $2 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f s, peak %.0f MB", m, kb / 1024 }'
}
