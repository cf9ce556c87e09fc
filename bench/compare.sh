#!/usr/bin/env bash
# Throughput of scrapelint beside typos and ripgrep on the same files.
#
#   bench/compare.sh DIR
#
# DIR is a folder of .txt files, for example the large/ corpus made by
# ../shared/corpora/get_corpora.sh (about 260 MB in 24,000 files):
#   bash ../shared/corpora/get_corpora.sh ../corpora && bench/compare.sh ../corpora/large
#
# It prints, for each tool, seconds, MB/s and peak memory, and the ratio;
# then the cost of half the corpus (every other file) against all of it, and
# the wall time of one small file (the pre-commit case). ROUNDS=5 runs the
# four five times, interleaved, and prints each round and the medians. scrapelint runs with
# every default lint, corpus lints included, and no configuration file
# (`scrapelint lint --no-config --format json DIR`).
# typos (`pip install typos`) is the peer that also reads every word: a spell
# checker that splits the text into words and looks each up
# (`typos --format brief DIR`); it is left out, with a note, when not installed.
# ripgrep searches 50 boilerplate phrases plus 3 regexes in one pass: a
# plain multi-pattern scan, the floor for any linter (the phrases are read as
# regexes, as a linter's patterns are). Needs ripgrep and GNU time.
set -euo pipefail
DIR=${1:?usage: bench/compare.sh DIR}
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=$PWD/target/release/scrapelint
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

find "$DIR" -name '*.txt' -type f | sort > "$tmp/all"
# every other file, as a folder of links (scrapelint follows them)
mkdir "$tmp/half"
awk 'NR % 2' "$tmp/all" | while read -r f; do ln -s "$(realpath "$f")" "$tmp/half/$(echo "$f" | tr '/' '_')"; done
bytes() { tr '\n' '\0' < "$1" | du -cbL --files0-from=- | tail -1 | cut -f1; }
ALL=$(bytes "$tmp/all"); HALF=$(awk 'NR % 2' "$tmp/all" > "$tmp/half.list"; bytes "$tmp/half.list")

cat > "$tmp/patterns" <<'PAT'
Go To Source
Source link
Read the original article
View original post
@YouTube
@Twitter
pic.twitter.com/
Embedded video
Read Also:
Also read:
Related Article:
READ MORE:
Advertisement
ADVERTISEMENT
Story continues below
Subscribe
Sign up for our newsletter
CLICK HERE TO GET
Share this article
Follow me on Twitter
Click To Tweet
Image 1 of
Back to Gallery
Most Popular
You may also like
More:
Related links:
Filed under:
Print this article
Photo:
Image copyright
Getty Images
via AP
All rights reserved
Copyright
Posted:
Updated:
First published
Reading time
min read
Associated Press
contributed to this report
Quick Links
Latest news
Next Up
Recommended for you
Trending now
Editor's picks
Leave a comment
Show comments
PAT
# three regexes: a stray ". .", a glued sentence, an HTML entity
printf '%s\n' '[a-z]\. \.' '[a-z]{2}\.[A-Z][a-z]' '&(amp|nbsp|#[0-9]+);' > "$tmp/regexes"

measure() { # name, then the command; prints seconds and peak KB
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > /dev/null 2>&1 || true
  read -r secs kb < <(tail -1 "$tmp/time")
  echo "$name $secs $kb"
}

# Both read the same folder; scrapelint sees it as one corpus.
run_sl() { "$BIN" lint --no-config --format json "$1"; }
run_rg() { rg -L -g '*.txt' -c -f "$tmp/patterns" -e "$(paste -sd'|' "$tmp/regexes")" "$1"; }
run_ty() { typos --format brief "$1"; }
export -f run_sl run_rg run_ty; export BIN tmp
HAVE_TYPOS=1
command -v typos >/dev/null || { HAVE_TYPOS=0; echo "note: typos not found (pip install typos): left out" >&2; }

# ROUNDS=N runs ripgrep, scrapelint and the half corpus N times, interleaved,
# and reports medians: this kind of machine's speed drifts by a third within
# minutes, and one run of each can land in different stretches.
ROUNDS=${ROUNDS:-1}
: > "$tmp/rounds"
for round in $(seq "$ROUNDS"); do
  read -r _ rg_s rg_kb < <(measure rg bash -c "run_rg $DIR")
  ty_s=0 ty_kb=0
  [ "$HAVE_TYPOS" = 1 ] && read -r _ ty_s ty_kb < <(measure typos bash -c "run_ty $DIR")
  read -r _ sl_s sl_kb < <(measure sl bash -c "run_sl $DIR")
  read -r _ half_s _ < <(measure half bash -c "run_sl $tmp/half")
  echo "$rg_s $rg_kb $sl_s $sl_kb $half_s $ty_s $ty_kb" >> "$tmp/rounds"
  if [ "$ROUNDS" -gt 1 ]; then
    awk -v r="$round" -v g="$rg_s" -v t="$ty_s" -v s="$sl_s" -v h="$half_s" \
      'BEGIN { printf "round %d: ripgrep %.2f s, typos %.2f s, scrapelint %.2f s (typos / scrapelint %.3f), half %.2f s (%.0f%%)\n", r, g, t, s, t / s, h, 100 * h / s }'
  fi
done
median() { cut -d' ' -f"$1" "$tmp/rounds" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
most() { cut -d' ' -f"$1" "$tmp/rounds" | sort -g | tail -1; }
rg_secs=$(median 1); sl_secs=$(median 3); half_secs=$(median 5); ty_secs=$(median 6)

[ "$ROUNDS" -gt 1 ] && echo "medians of $ROUNDS rounds (peak memory: the largest):"
printf '%-12s %10s %10s %10s\n' tool seconds MB/s "peak MB"
tools="rg sl"; [ "$HAVE_TYPOS" = 1 ] && tools="rg ty sl"
for tool in $tools; do
  case $tool in
    rg) secs=$rg_secs kb=$(most 2) name=ripgrep ;;
    ty) secs=$ty_secs kb=$(most 7) name=typos ;;
    sl) secs=$sl_secs kb=$(most 4) name=scrapelint ;;
  esac
  mbs=$(awk -v b="$ALL" -v s="$secs" 'BEGIN { printf "%.1f", b / 1e6 / (s > 0 ? s : 0.01) }')
  printf '%-12s %10s %10s %10.1f\n' "$name" "$secs" "$mbs" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
done
[ "$HAVE_TYPOS" = 1 ] && awk -v a="$sl_secs" -v b="$ty_secs" 'BEGIN { printf "scrapelint / typos throughput: %.3f\n", (b > 0 ? b : 0.01) / a }'
awk -v a="$sl_secs" -v b="$rg_secs" 'BEGIN { printf "scrapelint / ripgrep throughput: %.3f\n", (b > 0 ? b : 0.01) / a }'
printf 'corpus: %d files, %.1f MB\n' "$(wc -l < "$tmp/all")" "$(awk -v b="$ALL" 'BEGIN{print b/1e6}')"
awk -v h="$half_secs" -v a="$sl_secs" -v hb="$HALF" -v ab="$ALL" \
  'BEGIN { printf "every other file (%.1f MB): %.2f s; all / half = %.2f (2.00 is linear)\n", hb/1e6, h, a / (h > 0 ? h : 0.01) }'

one=$(head -1 "$tmp/all")
start=$(date +%s%N); for _ in $(seq 20); do "$BIN" lint --no-config --quiet "$one" > /dev/null || true; done; end=$(date +%s%N)
awk -v ns=$((end - start)) 'BEGIN { printf "one small file, start-up included: %.1f ms\n", ns / 20 / 1e6 }'
