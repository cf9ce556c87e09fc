use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags text that is not in Unicode Normalization Form C (NFC).
    /// That is a letter followed by a combining accent where a precomposed letter
    /// exists (`e` + U+0301 for `é`).
    ///
    /// ## Why is this bad?
    /// The two forms look identical but compare unequal, so search, deduplication and
    /// name matching miss one of them; tokenizers split them differently.
    ///
    /// ## Example
    /// `cafe\u{301}` — use instead: `café`
    ///
    /// ## Fix safety
    /// Safe: NFC is canonically equivalent; the text reads the same.
    NonNfc, name = "non-nfc", category = Unicode, fix = Always(Safe)
}

impl Lint for NonNfc {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        if doc.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return;
        }
        // A segment: a starter and the combining marks after it.
        let mut seg_start = 0;
        let mut indices = text.char_indices().peekable();
        while let Some((at, _)) = indices.next() {
            let next_is_starter = match indices.peek() {
                Some(&(_, c)) => canonical_combining_class(c) == 0,
                None => true,
            };
            if !next_is_starter {
                continue;
            }
            let end = indices.peek().map_or(text.len(), |&(i, _)| i);
            let seg = &text[seg_start..end];
            seg_start = end;
            let _ = at;
            if seg.is_ascii() || is_nfc_quick(seg.chars()) == IsNormalized::Yes {
                continue;
            }
            let nfc: String = seg.nfc().collect();
            if nfc != seg {
                let span = Span::new(end - seg.len(), end);
                // A cluster can be a megabyte of combining marks: name a few.
                const SHOWN: usize = 8;
                let mut codes: Vec<String> =
                    seg.chars().take(SHOWN).map(|c| format!("U+{:04X}", c as u32)).collect();
                let n = seg.chars().count();
                if n > SHOWN {
                    codes.push(format!("… ({n} code points)"));
                }
                let mut shown: String = nfc.chars().take(SHOWN).collect();
                if nfc.chars().nth(SHOWN).is_some() {
                    shown.push('…');
                }
                cx.report(
                    span,
                    format!(
                        "not in NFC: {} composes to `{}`",
                        codes.join(" "),
                        crate::escape::escape(&shown)
                    ),
                )
                .label("decomposed")
                .help("normalize the text to NFC")
                .fix(Fix::safe("normalize to NFC", Edit::replace(span, nfc)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires_and_fixes() {
        assert_fixed("non-nfc", "cafe\u{301} and nai\u{308}ve", "caf\u{e9} and na\u{ef}ve");
        assert_count("non-nfc", "caf\u{e9} na\u{ef}ve", 0);
        // a combining mark with no precomposed form stays
        assert_count("non-nfc", "q\u{301}", 0);
    }
}
