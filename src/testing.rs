//! Helpers for the inline tests in lint files.

use crate::document::Document;
use crate::engine;
use crate::finding::{apply_edits, Finding};
use crate::registry::Registry;

/// Runs the lint `name` alone over `text`.
pub fn run_one(name: &str, text: &str) -> (Document, Vec<Finding>) {
    // One registry per lint and test thread, built on first use: the
    // built-in registry parses every data lint.
    thread_local! {
        static ALONE: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<Registry>>> =
            Default::default();
    }
    let reg = ALONE.with(|m| {
        m.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| {
                let mut reg = Registry::builtin();
                let id = reg.find(name).unwrap_or_else(|| panic!("no lint named {name}"));
                reg.only(id);
                std::rc::Rc::new(reg)
            })
            .clone()
    });
    let doc = Document::new("test.txt", text);
    let findings = engine::check_document(&reg, &doc);
    (doc, findings)
}

/// Two lines of running prose: an article body for the structure lints' tests.
pub const BODY: &str =
    "The council met on Tuesday to discuss the budget for the coming year, and it was agreed by all.\n\
    Members said that the plan would be put to a vote in the spring, after the public has had its say.\n";

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

/// A registry with every lint enabled, the ones off by default too.
pub fn all_lints() -> Registry {
    let mut reg = Registry::builtin();
    for id in 0..reg.len() {
        let name = reg.info(id).name.to_string();
        reg.enable(&name).expect("built-in lint names are valid");
    }
    reg
}

/// Lints `docs` as one corpus and panics if any invariant breaks: every span
/// (finding and edit) in bounds and on character boundaries; every output
/// format renders, human output without raw escape or bidi characters and
/// JSON that parses; fixing gives valid text that a second fix leaves alone.
/// Shared by the property tests and the fuzz targets.
pub fn check_invariants(reg: &Registry, docs: &[Document]) {
    let settings = engine::Settings { names: vec!["Antony Blinken".into()], ..Default::default() };
    let per_doc = engine::lint_documents(reg, docs, &settings);
    for (doc, findings) in docs.iter().zip(&per_doc) {
        let text = doc.text();
        for f in findings {
            let spans = std::iter::once(f.span)
                .chain(f.fix.iter().flat_map(|x| x.edits.iter().map(|e| e.span)))
                .chain(f.related.iter().filter(|r| *r.path == *doc.path()).map(|r| r.span));
            for span in spans {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{span:?} out of bounds in {text:?}"
                );
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{span:?} not on char boundaries in {text:?}"
                );
            }
            let opts = crate::render::HumanOptions { color: false, width: 80 };
            let human = crate::render::human(reg, doc, f, opts);
            for bad in ['\u{1b}', '\u{202e}', '\u{9b}', '\u{7}', '\r'] {
                assert!(!human.contains(bad), "raw {bad:?} in {human:?}");
            }
            let _ = crate::render::concise(reg, doc, f);
            let j = crate::render::json(reg, doc, f);
            serde_json::from_str::<serde_json::Value>(&j).expect("valid JSON");
            let _ = crate::render::github(reg, doc, f);
        }
        let (fixed, _) = crate::fix::fix_text(reg, doc.path(), text, findings, true);
        let again = engine::check_document(reg, &Document::new(doc.path(), fixed.as_str()));
        let (twice, _) = crate::fix::fix_text(reg, doc.path(), &fixed, &again, true);
        assert_eq!(fixed, twice, "fixing is not idempotent for {text:?}");
    }
}

/// Runs one lint's per-document pass over `doc`, outside any registry.
pub fn check_with(lint: &dyn crate::lint::Lint, doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    lint.check(doc, &mut crate::lint::Context::new(0, doc, &mut findings, &Default::default()));
    findings
}
