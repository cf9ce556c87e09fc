//! Bytes in, as a file would arrive: decoded (or refused as binary or not
//! UTF-8), split into two documents of one corpus, linted by every lint, and
//! checked by the same invariants as the property tests.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use scrapelint::walk::{decode, Loaded};
use scrapelint::{testing, Document, Registry};

static REGISTRY: LazyLock<Registry> = LazyLock::new(testing::all_lints);

fuzz_target!(|data: &[u8]| {
    let text = match decode("fuzz.txt", data) {
        Loaded::Text(doc) => doc.text().to_string(),
        Loaded::InvalidUtf8 { doc, .. } => doc.text().to_string(),
        Loaded::Binary { .. } | Loaded::Error(_) => return,
    };
    // Two documents, so corpus lints see more than one.
    let cut = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let docs = [Document::new("a.txt", &text[..cut]), Document::new("b.txt", &text[cut..])];
    testing::check_invariants(&REGISTRY, &docs);
});
