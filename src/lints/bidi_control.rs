use crate::declare_lint;
use crate::document::Document;
use crate::finding::Applicability;
use crate::lint::{Context, Lint};
use crate::lints::chars::{CharFix, CharRule};

declare_lint! {
    /// ## What it does
    /// Flags bidirectional control characters, which reorder text on screen.
    /// That is the embeddings and overrides U+202A–U+202E, the isolates
    /// U+2066–U+2069, and the marks U+200E, U+200F, U+061C.
    ///
    /// ## Why is this bad?
    /// They reorder how text is displayed without changing what it is, so what a
    /// reviewer sees is not what a model is trained on (the "Trojan Source" attack).
    /// Scraped from right-to-left pages they are usually residue; in a corpus of
    /// left-to-right prose they are never needed. An error by default.
    ///
    /// ## Example
    /// `invoice\u{202E}fdp.exe` displays as `invoiceexe.pdf`.
    ///
    /// ## Fix safety
    /// Unsafe: in genuinely bidirectional text, removing a mark can change how it is displayed.
    BidiControl, name = "bidi-control", category = Unicode, fix = Always(Unsafe), level = Error
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

const RULE: CharRule = CharRule {
    ascii: crate::lints::chars::Ascii::None,
    message: "bidi control",
    describe: true,
    label: "reorders the text on screen",
    help: "delete it unless the text is genuinely bidirectional",
    fix: Some(CharFix { title: "delete the bidi control", with: "", applicability: Applicability::Unsafe }),
    defer_to_mojibake: false,
};

impl Lint for BidiControl {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        RULE.scan(doc, cx, |_, c| is_bidi_control(c));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires() {
        assert_count("bidi-control", "invoice\u{202E}fdp.exe", 1);
        assert_count("bidi-control", "\u{2067}abc\u{2069}", 2);
        assert_count("bidi-control", "\u{5e9}\u{5dc}\u{5d5}\u{5dd} plain Hebrew and text", 0);
    }
}
