use crate::declare_lint;
use crate::document::Document;
use crate::finding::Applicability;
use crate::lint::{Context, Lint};
use crate::lints::chars::{CharFix, CharRule};

declare_lint! {
    /// ## What it does
    /// Flags no-break and other unusual spaces (U+00A0, U+202F, U+2009, …).
    /// The full set: U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000.
    /// Silent inside mojibake (`Ã\u{AD}` for `í`): the `mojibake` finding owns those
    /// characters, and its repair needs them.
    ///
    /// ## Why is this bad?
    /// They look like spaces but are not: search, tokenizers and deduplication treat
    /// `Ukraine\u{A0}` and `Ukraine ` as different strings. Scrapers copy them from
    /// `&nbsp;` in the page's HTML.
    ///
    /// ## Example
    /// `talking\u{A0}about` — use instead: `talking about`
    ///
    /// ## Fix safety
    /// Safe: a plain space reads the same.
    OddSpace, name = "odd-space", category = Unicode, fix = Always(Safe)
}

pub fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

const RULE: CharRule = CharRule {
    ascii: crate::lints::chars::Ascii::None,
    message: "odd space",
    describe: true,
    label: "looks like a space",
    help: "use a plain space",
    fix: Some(CharFix { title: "replace with a plain space", with: " ", applicability: Applicability::Safe }),
    defer_to_mojibake: true,
};

impl Lint for OddSpace {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        RULE.scan(doc, cx, |_, c| is_odd_space(c));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires_and_fixes() {
        assert_count("odd-space", "a\u{a0}b\u{202f}c\u{2009}d", 3);
        assert_fixed("odd-space", "over Ukraine\u{a0}\n", "over Ukraine \n");
        assert_count("odd-space", "plain text, tabs\tand newlines\n", 0);
        assert_count("odd-space", "caf\u{e9} \u{2014} ok", 0);
    }
}
