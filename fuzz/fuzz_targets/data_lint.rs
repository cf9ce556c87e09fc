//! Any text as a user's lint file (`lints/boilerplate/x.toml`): parsed,
//! its examples run, and when valid, run over a sample text; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrapelint::declarative::DataLint;
use scrapelint::{Category, Document};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match DataLint::parse("fuzz-lint", Some(Category::Boilerplate), "fuzz-lint.toml", text) {
        Ok(lint) => {
            let _ = lint.check_examples();
            let doc = Document::new("a.txt", "Photo: AP\nThe talks ended. .\nGo To Source\nRead more: x\n");
            for f in scrapelint::testing::check_with(&lint, &doc) {
                assert!(doc.text().get(f.span.start..f.span.end).is_some(), "{:?}", f.span);
            }
        }
        Err(e) => {
            let _ = format!("{:?}", miette::Report::new(e));
        }
    }
});
