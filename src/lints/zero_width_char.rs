use crate::declare_lint;
use crate::document::Document;
use crate::finding::Applicability;
use crate::lint::{Context, Lint};
use crate::lints::chars::{CharFix, CharRule};

declare_lint! {
    /// ## What it does
    /// Flags zero-width characters (U+200B, U+2060, and joiners between Latin letters).
    /// U+200B ZERO WIDTH SPACE and U+2060 WORD JOINER anywhere; U+200C/U+200D
    /// (non-joiner, joiner) only between two Latin letters.
    ///
    /// ## Why is this bad?
    /// Invisible in review, they split words for tokenizers and defeat exact
    /// deduplication and search. Joiners are left alone next to other scripts and in
    /// emoji sequences, where they are meaningful.
    ///
    /// ## Example
    /// `data\u{200B}set` — use instead: `dataset`
    ///
    /// ## Fix safety
    /// Safe: deleting it never changes the visible text.
    ZeroWidthChar, name = "zero-width-char", category = Unicode, fix = Always(Safe)
}

const RULE: CharRule = CharRule {
    ascii: crate::lints::chars::Ascii::None,
    message: "zero-width character",
    describe: true,
    label: "invisible character",
    help: "delete it",
    fix: Some(CharFix { title: "delete the zero-width character", with: "", applicability: Applicability::Safe }),
    defer_to_mojibake: false,
};

impl Lint for ZeroWidthChar {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        RULE.scan(doc, cx, |at, c| match c {
            '\u{200B}' | '\u{2060}' => true,
            // Joiners only between Latin letters: elsewhere scripts need them.
            '\u{200C}' | '\u{200D}' => {
                latin(text[..at].chars().next_back()) && latin(text[at + c.len_utf8()..].chars().next())
            }
            _ => false,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires_and_fixes() {
        assert_fixed("zero-width-char", "data\u{200b}set", "dataset");
        assert_count("zero-width-char", "ab\u{200d}cd", 1);
        // a joiner in an emoji sequence, a non-joiner in Persian
        assert_count(
            "zero-width-char",
            "\u{1F468}\u{200D}\u{1F469} \u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}",
            0,
        );
    }
}
