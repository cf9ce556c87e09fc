//! Helpers for the inline tests in lint files.

use crate::document::Document;
use crate::engine;
use crate::finding::{apply_edits, Finding};
use crate::registry::Registry;

/// Runs the lint `name` alone over `text`.
pub fn run_one(name: &str, text: &str) -> (Document, Vec<Finding>) {
    let mut reg = Registry::builtin();
    let id = reg.find(name).unwrap_or_else(|| panic!("no lint named {name}"));
    reg.only(id);
    let doc = Document::new("test.txt", text);
    let findings = engine::check_document(&reg, &doc);
    (doc, findings)
}

#[track_caller]
pub fn assert_count(name: &str, text: &str, expected: usize) {
    let (doc, findings) = run_one(name, text);
    let got: Vec<&str> = findings.iter().map(|f| doc.slice(f.span)).collect();
    assert_eq!(findings.len(), expected, "{name} on {text:?}: found {got:?}");
}

/// Applies every fix (safe and unsafe) of the lint and compares.
#[track_caller]
pub fn assert_fixed(name: &str, text: &str, expected: &str) {
    let (_, findings) = run_one(name, text);
    let fixed =
        apply_edits(text, findings.iter().filter_map(|f| f.fix.as_ref()).flat_map(|f| f.edits.iter()));
    assert_eq!(fixed, expected, "{name} fixing {text:?}");
}
