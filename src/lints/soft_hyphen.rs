use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};
use crate::lints::chars::scan;

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
    SoftHyphen, name = "soft-hyphen", category = Unicode, fix = Always
}

impl Lint for SoftHyphen {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        // Inside mojibake the character is evidence for the repair: that finding owns it.
        let owned = crate::lints::mojibake::owned_by(doc);
        scan(
            doc,
            cx,
            false,
            |at, c| (c == '\u{AD}' && !owned(at)).then(|| "soft hyphen U+00AD inside a word".into()),
            "invisible hyphenation hint",
            "delete it",
            |span, _| Some(Fix::safe("delete the soft hyphen", Edit::delete(span))),
        );
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
