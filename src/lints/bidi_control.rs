use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};
use crate::lints::chars::{describe, scan};

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
    BidiControl, name = "bidi-control", category = Unicode, fix = Always, level = Error
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

impl Lint for BidiControl {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        scan(
            doc,
            cx,
            false,
            |_, c| is_bidi_control(c).then(|| format!("bidi control {}", describe(c))),
            "reorders the text on screen",
            "delete it unless the text is genuinely bidirectional",
            |span, _| Some(Fix::unsafe_("delete the bidi control", Edit::delete(span))),
        );
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
