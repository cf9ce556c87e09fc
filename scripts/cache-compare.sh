#!/usr/bin/env bash
# Findings with the statistics cache against findings without it, byte for byte.
#
#   scripts/cache-compare.sh DIR...
#
# For each DIR (a folder of .txt articles): copies it, then lints three of its
# files with corpus-lint findings against the copy as corpus (`--corpus`), with a cache in a fresh folder
# and with --no-cache, comparing the JSON: cold, while the cache fills (runs
# until it stops growing), warm, in a fresh copy of the folder beside the same
# cache (a checkout with a restored CI cache), and after editing two files, renaming one and
# deleting one (and warm again once they settle). Uses target/release/scrapelint
# unless SCRAPELINT names one. Exits 1 at the first difference.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
S=${SCRAPELINT:-$PWD/target/release/scrapelint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in "$@"; do
    rm -rf "$work/c" "$work/cache"
    cp -r "$dir" "$work/c"
    cd "$work/c"
    # Three files with findings of the corpus lints, if there are (else the first).
    mapfile -t files < <("$S" lint --no-config --format json . 2>/dev/null |
        grep -E '"code":"(inconsistent-name|repeated-line|related-link)"' |
        sed 's/^{"path":"\([^"]*\)".*/\1/' | sort -u | head -3)
    [ "${#files[@]}" -gt 0 ] || mapfile -t files < <(find . -name '*.txt' | sort | head -1)
    sleep 2.2 # the copies settled: old enough to be cached
    check() {
        "$S" lint --no-config --corpus . --cache-dir "$work/cache" --format json "${files[@]}" > "$work/a" 2>"$work/a.err" || true
        "$S" lint --no-config --corpus . --no-cache --format json "${files[@]}" > "$work/b" 2>/dev/null || true
        if ! cmp -s "$work/a" "$work/b"; then
            echo "DIFF $dir ($1)"; cat "$work/a.err"; exit 1
        fi
    }
    check cold
    runs=1 last=-1
    while [ "$runs" -lt 100 ]; do
        check "filling, run $runs"
        size=$(stat -c %s "$work/cache/stats" 2>/dev/null || echo 0)
        [ "$size" = "$last" ] && break
        last=$size runs=$((runs + 1))
    done
    check warm
    # A fresh copy beside the same cache (a checkout with a restored CI
    # cache): no stamp matches, each file is found by its text's digest.
    rm -rf "$work/c2" && cp -r . "$work/c2" && cd "$work/c2"
    check restored
    check "restored, again"
    cd "$work/c" && rm -rf "$work/c2"
    check "warm again"
    mapfile -t others < <(find . -name '*.txt' | sort | tail -4)
    echo "An added line, Sergei Ryabkov." >> "${others[0]}"
    printf 'Replaced text.\nShare this article\n' > "${others[1]}"
    mv "${others[2]}" "${others[2]%.txt}-renamed.txt"
    rm "${others[3]}"
    check edited
    sleep 2.2
    check "edited, settled"
    check "edited, warm"
    echo "same  $dir ($(wc -l < "$work/a") findings; cache $size bytes, filled in $runs runs)"
    cd "$root"
done
