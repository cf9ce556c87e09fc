#!/usr/bin/env bash
# A real pre-commit run: a throwaway corpus repository that uses this
# repository as a hook (.pre-commit-hooks.yaml), pinned to a commit SHA as
# the README says, commits a clean article (accepted) and one with "Go To
# Source" in it (blocked, with the diagnostic shown). Needs git and
# pre-commit (pip install pre-commit); pre-commit builds the hook with
# cargo, which takes a minute or two.
#
# `precommit-test.sh system BINARY` runs the README's other setup instead:
# a `repo: local` hook with `language: system` running an installed binary
# (BINARY's folder is put first on PATH), which builds nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$here" rev-parse HEAD)
mode=${1:-rust}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
if [ "$mode" = system ]; then
  bin=$(cd "$(dirname "$2")" && pwd)
  export PATH="$bin:$PATH"
fi
cd "$work"
git init -q corpus && cd corpus
git config user.email ci@example.invalid && git config user.name CI
if [ "$mode" = system ]; then
  # The README's snippet, as written there.
  cat > .pre-commit-config.yaml <<'YAML'
repos:
  - repo: local
    hooks:
      - id: scrapelint
        name: scrapelint
        entry: scrapelint lint
        language: system
        types: [text]
        files: \.txt$
        require_serial: true
YAML
  python3 -c 'import sys; sys.exit(open(sys.argv[1]).read() not in open(sys.argv[2]).read())' \
    .pre-commit-config.yaml "$here/README.md" \
    || { echo "FAIL: the README's language: system snippet differs from this one" >&2; exit 1; }
else
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $here
    rev: $rev
    hooks:
      - id: scrapelint
YAML
fi
git add .pre-commit-config.yaml && git commit -qm "config"
pre-commit install >/dev/null

printf 'The talks in Geneva ended on Monday, officials said.\n' > clean.txt
git add clean.txt
if ! git commit -qm "a clean article" > "$work/clean.log" 2>&1; then
  cat "$work/clean.log"; echo "FAIL: the clean article was blocked" >&2; exit 1
fi
echo "ok: the clean article was committed"

printf 'The talks in Geneva ended on Monday, officials said.\n\nGo To Source\n' > dirty.txt
git add dirty.txt
if git commit -qm "an article with residue" > "$work/dirty.log" 2>&1; then
  cat "$work/dirty.log"; echo "FAIL: the article with 'Go To Source' was committed" >&2; exit 1
fi
cat "$work/dirty.log"
grep -q "source-link" "$work/dirty.log" || { echo "FAIL: no diagnostic shown" >&2; exit 1; }
echo "ok: the article with 'Go To Source' was blocked"
