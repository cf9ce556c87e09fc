use crate::declare_lint;
use crate::document::Document;
use crate::finding::Applicability;
use crate::lint::{Context, Lint};
use crate::lints::chars::{CharFix, CharRule};

declare_lint! {
    /// ## What it does
    /// Flags U+FEFF (a byte-order mark) anywhere but at the very start of the file.
    ///
    /// ## Why is this bad?
    /// A BOM belongs at the start of a file, if anywhere. Inside the text it is an
    /// invisible zero-width no-break space, usually left where files were concatenated.
    ///
    /// ## Example
    /// `first part.\u{FEFF}Second part` — use instead: `first part.Second part`
    ///
    /// ## Fix safety
    /// Safe: it is invisible; deleting it changes nothing a reader sees.
    ByteOrderMark, name = "byte-order-mark", category = Unicode, fix = Always(Safe)
}

const RULE: CharRule = CharRule {
    ascii: crate::lints::chars::Ascii::None,
    message: "byte-order mark U+FEFF inside the text",
    describe: false,
    label: "invisible byte-order mark",
    help: "delete it (files joined together leave them behind)",
    fix: Some(CharFix { title: "delete the byte-order mark", with: "", applicability: Applicability::Safe }),
    defer_to_mojibake: false,
};

impl Lint for ByteOrderMark {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        RULE.scan(doc, cx, |at, c| c == '\u{FEFF}' && at > 0);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires_only_after_the_start() {
        assert_count("byte-order-mark", "\u{feff}Start is fine.", 0);
        assert_count("byte-order-mark", "one.\u{feff}two", 1);
    }
}
