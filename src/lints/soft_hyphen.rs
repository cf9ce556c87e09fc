use crate::declare_lint;
use crate::document::Document;
use crate::finding::Applicability;
use crate::lint::{Context, Lint};
use crate::lints::chars::{CharFix, CharRule};

declare_lint! {
    /// ## What it does
    /// Flags U+00AD SOFT HYPHEN.
    /// Silent inside mojibake (`Ã\u{AD}` for `í`): the `mojibake` finding owns those
    /// characters, and its repair needs them.
    ///
    /// ## Why is this bad?
    /// Pages insert soft hyphens as line-breaking hints. Invisible in most places, they
    /// split words for search and tokenizers (`inter\u{AD}national` is not `international`).
    ///
    /// ## Example
    /// `inter\u{AD}national` — use instead: `international`
    ///
    /// ## Fix safety
    /// Safe: a soft hyphen is only a hint; deleting it leaves the word as written.
    SoftHyphen, name = "soft-hyphen", category = Unicode, fix = Always(Safe)
}

const RULE: CharRule = CharRule {
    ascii: crate::lints::chars::Ascii::None,
    message: "soft hyphen U+00AD inside a word",
    describe: false,
    label: "invisible hyphenation hint",
    help: "delete it",
    fix: Some(CharFix { title: "delete the soft hyphen", with: "", applicability: Applicability::Safe }),
    defer_to_mojibake: true,
};

impl Lint for SoftHyphen {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        RULE.scan(doc, cx, |_, c| c == '\u{AD}');
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires_and_fixes() {
        assert_fixed("soft-hyphen", "inter\u{ad}national", "international");
        assert_count("soft-hyphen", "well-known", 0);
    }
}
