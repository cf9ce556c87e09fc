//! Bytes in, as a file would arrive: decoded (or refused as binary or not
//! UTF-8), split into two documents of one corpus, linted by every lint, and
//! checked by the same invariants as the property tests.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use scrapelint::walk::{decode_with, Loaded};
use scrapelint::{testing, Document, Registry};

static REGISTRY: LazyLock<Registry> = LazyLock::new(testing::all_lints);

fuzz_target!(|data: &[u8]| {
    // Lossy, as `--lossy` reads: invalid UTF-8 is linted too.
    let text = match decode_with("fuzz.txt", data, true) {
        Loaded::Text(doc) | Loaded::Lossy { doc, .. } => doc.text().to_string(),
        _ => return,
    };
    // Two documents, so corpus lints see more than one.
    let cut = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let docs = [Document::new("a.txt", &text[..cut]), Document::new("b.txt", &text[cut..])];
    testing::check_invariants(&REGISTRY, &docs);
});
