#!/usr/bin/env bash
# What CONTRIBUTING.md promises, done for real: in a temporary copy of this
# repository, add one code lint (its file, its line in the `lints!` list, two
# fixture cases) and one data lint (one TOML file), then run
# `BLESS=1 cargo test` and `cargo test`; both must pass.
#
# The copy builds in its own target folder (the repository's own binaries are
# left alone). It starts from a copy of target/debug's dependencies when there
# is one, so only scrapelint itself is compiled; KEEP=1 keeps the copy.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
chmod 755 "$tmp" # tests run the binary as another user
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
copy="$tmp/repo"
mkdir "$copy"
# Tracked and untracked, not ignored: what a contributor's checkout holds.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  xargs -0 cp --parents -t "$copy")
if [ -d "$repo/target/debug/deps" ]; then
  mkdir -p "$tmp/target/debug/deps"
  # Everything but scrapelint's own crates and test binaries (those are rebuilt).
  find "$repo/target/debug/deps" -maxdepth 1 -type f ! -name '*scrapelint*' \
    ! -regex '.*/\(cli\|conventions\|fixtures\|robustness\|seeds\|sharded\|throughput\)-[0-9a-f]*\(\.d\)?' \
    -exec cp -a -t "$tmp/target/debug/deps" {} +
  cp -a "$repo/target/debug/build" "$tmp/target/debug/build"
  mkdir -p "$tmp/target/debug/.fingerprint"
  find "$repo/target/debug/.fingerprint" -mindepth 1 -maxdepth 1 ! -name 'scrapelint-*' \
    -exec cp -a -t "$tmp/target/debug/.fingerprint" {} +
  rm -rf "$tmp/target/debug/build/scrapelint-"*
fi
export CARGO_TARGET_DIR="$tmp/target"
cd "$copy"

# 1. A code lint: one file, one line in the `lints!` list, two fixture cases.
cat > src/lints/shouted_sign_off.rs <<'RS'
use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a `-- END --` sign-off line left by a wire feed.
    ///
    /// ## Why is this bad?
    /// It is feed furniture, not part of the article.
    ///
    /// ## Example
    /// `-- END --` at the end of a story — delete the line.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes a line.
    ShoutedSignOff, name = "shouted-sign-off", category = Boilerplate, fix = Always(Unsafe)
}

impl Lint for ShoutedSignOff {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        for i in 0..doc.line_count() {
            let span = doc.line_span(i);
            if doc.slice(span).trim() == "-- END --" {
                cx.report(span, "wire sign-off line")
                    .help("delete the line")
                    .fix(Fix::unsafe_("delete the line", Edit::delete(doc.line_span_with_terminator(i))));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires_and_stays_silent() {
        assert_count("shouted-sign-off", "Body.\n-- END --\n", 1);
        assert_count("shouted-sign-off", "The END of the war.\n", 0);
    }
}
RS
sed -i 's/^    html_entity: HtmlEntity;$/&\n    shouted_sign_off: ShoutedSignOff;/' src/lints/mod.rs
grep -q 'shouted_sign_off: ShoutedSignOff;' src/lints/mod.rs
mkdir tests/fixtures/shouted-sign-off
printf 'The talks ended on Tuesday.\n-- END --\n' > tests/fixtures/shouted-sign-off/fires.txt
printf 'It was the end of the talks.\n' > tests/fixtures/shouted-sign-off/silent.txt

# 2. A data lint: one TOML file; its examples are its tests.
cat > lints/boilerplate/wire-slug-footer.toml <<'TOML'
summary = "a `(Editing by …)` footer left by a wire feed"
why     = "the editors' credits are feed furniture, not part of the article"
kind    = "line"
pattern = '\((Reporting|Editing|Writing) by [^()]+\)'
message = "wire editing credit"
help    = "delete the line"
fix     = { action = "delete-line", applicability = "unsafe" }

[[example]]
text  = "Body.\n(Editing by Jane Roe)\n"
fires = 1
fixed = "Body.\n"

[[example]]
text  = "He was editing by hand (as before).\n"
fires = 0
TOML

BLESS=1 cargo test --quiet
cargo test --quiet
echo "new-lint-test: ok"
