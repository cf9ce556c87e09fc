use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};
use crate::lints::chars::scan;

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
    ByteOrderMark, name = "byte-order-mark", category = Unicode, fix = Always
}

impl Lint for ByteOrderMark {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        scan(
            doc,
            cx,
            false,
            |at, c| (c == '\u{FEFF}' && at > 0).then(|| "byte-order mark U+FEFF inside the text".into()),
            "invisible byte-order mark",
            "delete it (files joined together leave them behind)",
            |span, _| Some(Fix::safe("delete the byte-order mark", Edit::delete(span))),
        );
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
