use crate::declare_lint;
use crate::document::Document;
use crate::lint::{Context, Lint};
use crate::lints::chars::CharRule;

declare_lint! {
    /// ## What it does
    /// Flags U+FFFD REPLACEMENT CHARACTER (`�`).
    /// Silent inside mojibake (`Ã\u{AD}` for `í`): the `mojibake` finding owns those
    /// characters, and its repair needs them.
    ///
    /// ## Why is this bad?
    /// It marks bytes that some tool could not decode and replaced: the original
    /// character is lost. The text around it needs repair from the source.
    ///
    /// ## Example
    /// `Caf� au lait` — the source said `Café au lait`.
    ///
    /// ## Fix safety
    /// No fix: what was lost cannot be guessed.
    ReplacementChar, name = "replacement-char", category = Unicode, fix = Never
}

const RULE: CharRule = CharRule {
    ascii: crate::lints::chars::Ascii::None,
    message: "replacement character U+FFFD: a character was lost in decoding",
    describe: false,
    label: "lost character",
    help: "recover the text from the source",
    fix: None,
    defer_to_mojibake: true,
};

impl Lint for ReplacementChar {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        RULE.scan(doc, cx, |_, c| c == '\u{FFFD}');
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires() {
        assert_count("replacement-char", "Caf\u{fffd} au lait", 1);
        assert_count("replacement-char", "Caf\u{e9} au lait", 0);
    }
}
