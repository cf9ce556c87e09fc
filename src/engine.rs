//! Runs the lints: the per-document pass in parallel, then the corpus pass,
//! then levels and a stable order.

use rayon::prelude::*;

use crate::document::Document;
use crate::finding::Finding;
use crate::lint::{Context, CorpusContext, Level};
use crate::registry::Registry;
use crate::walk::{self, Input, Loaded};

/// Every document of the run. Corpus lints read all of them and report only
/// in those marked `checked`.
pub struct Corpus {
    pub docs: Vec<Document>,
    pub checked: Vec<bool>,
}

/// One document and what was found in it, in order.
pub struct FileReport {
    pub doc: Document,
    pub findings: Vec<Finding>,
}

/// What a run produced.
pub struct Outcome {
    /// Documents with findings, in input order.
    pub reports: Vec<FileReport>,
    /// Files that could not be read: messages naming them.
    pub errors: Vec<String>,
    /// Files read (whatever they held).
    pub files_checked: usize,
}

/// Runs the per-document pass of every enabled lint on one document.
pub fn check_document(registry: &Registry, doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    for id in registry.enabled() {
        let lint = registry.lint(id);
        if lint.is_corpus_lint() {
            continue;
        }
        lint.check(doc, &mut Context::new(id, doc, &mut findings));
    }
    finish(registry, &mut findings);
    findings
}

/// Sets levels from the registry and sorts by position, then lint name.
fn finish(registry: &Registry, findings: &mut Vec<Finding>) {
    for f in findings.iter_mut() {
        f.level = registry.level(f.lint);
    }
    findings.retain(|f| f.level != Level::Off);
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &registry.info(a.lint).name).cmp(&(
            b.span.start,
            b.span.end,
            &registry.info(b.lint).name,
        ))
    });
}

/// Loads and lints the inputs. Documents are checked in parallel; the
/// result is in input order whatever the thread count.
pub fn run(registry: &Registry, inputs: &[Input]) -> Outcome {
    let loaded: Vec<(Option<FileReport>, Option<String>)> = inputs
        .par_iter()
        .map_init(Vec::new, |buf, input| match walk::load(input, buf) {
            Loaded::Text(doc) => {
                let findings = check_document(registry, &doc);
                (
                    (!findings.is_empty()).then_some(FileReport { doc, findings }),
                    None,
                )
            }
            Loaded::InvalidUtf8 { doc, offset, span } => {
                let f = input_finding(
                    registry,
                    "invalid-utf8",
                    span,
                    format!("not valid UTF-8 at byte {offset}; the file was not linted"),
                    "invalid byte",
                    "re-encode the file as UTF-8",
                );
                (
                    f.map(|f| FileReport {
                        doc,
                        findings: vec![f],
                    }),
                    None,
                )
            }
            Loaded::Binary { doc } => {
                let f = input_finding(
                    registry,
                    "binary-file",
                    crate::finding::Span::new(0, 0),
                    "binary file skipped".to_string(),
                    "",
                    "lint text files only, or remove the file from the corpus",
                );
                (
                    f.map(|f| FileReport {
                        doc,
                        findings: vec![f],
                    }),
                    None,
                )
            }
            Loaded::Error(e) => (None, Some(e)),
        })
        .collect();
    let mut out = Outcome {
        reports: Vec::new(),
        errors: Vec::new(),
        files_checked: 0,
    };
    for (report, error) in loaded {
        match error {
            Some(e) => out.errors.push(e),
            None => out.files_checked += 1,
        }
        out.reports.extend(report);
    }
    out
}

fn input_finding(
    registry: &Registry,
    name: &str,
    span: crate::finding::Span,
    message: String,
    label: &str,
    help: &str,
) -> Option<Finding> {
    let id = registry.find(name).expect("input lints are built in");
    let level = registry.level(id);
    (level != Level::Off).then(|| Finding {
        lint: id,
        level,
        span,
        message,
        label: (!label.is_empty()).then(|| label.to_string()),
        help: Some(help.to_string()),
        fix: None,
        related: Vec::new(),
    })
}

/// Runs the corpus pass of every enabled corpus lint.
pub fn check_corpus(registry: &Registry, corpus: &Corpus) -> Vec<(usize, Finding)> {
    let mut findings = Vec::new();
    for id in registry.enabled() {
        let lint = registry.lint(id);
        if lint.is_corpus_lint() {
            lint.check_corpus(
                corpus,
                &mut CorpusContext::new(id, &corpus.docs, &mut findings),
            );
        }
    }
    findings.retain(|(d, _)| corpus.checked[*d]);
    for (_, f) in findings.iter_mut() {
        f.level = registry.level(f.lint);
    }
    findings
}
