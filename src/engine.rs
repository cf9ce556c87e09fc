//! Runs the lints: the per-document pass in parallel, then the corpus pass,
//! then levels and a stable order.

use std::sync::atomic::{AtomicUsize, Ordering};

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
    pub settings: Settings,
    df: std::sync::OnceLock<std::collections::HashMap<u64, u32>>,
}

impl Corpus {
    pub fn new(docs: Vec<Document>, checked: Vec<bool>, settings: Settings) -> Self {
        Corpus { docs, checked, settings, df: std::sync::OnceLock::new() }
    }

    /// The documents being checked (the ones corpus lints report in), with their indices.
    pub fn checked_docs(&self) -> impl Iterator<Item = (usize, &Document)> {
        self.docs.iter().enumerate().filter(|&(d, _)| self.checked[d])
    }

    /// In how many documents each content word (by hash) occurs: computed
    /// once, on demand, and plain counts, so shards could add theirs up.
    pub fn document_frequencies(&self) -> &std::collections::HashMap<u64, u32> {
        self.df.get_or_init(|| {
            let mut df = std::collections::HashMap::new();
            for doc in &self.docs {
                let words: std::collections::HashSet<u64> =
                    crate::lints::words::content_word_hashes(doc.text()).collect();
                for w in words {
                    *df.entry(w).or_insert(0) += 1;
                }
            }
            df
        })
    }
}

/// What the user told corpus lints (from the configuration).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Names known to be spelled right: "Antony Blinken".
    pub names: Vec<String>,
    /// Groups of spellings that are all accepted: ["Kiev", "Kyiv"].
    pub name_variants: Vec<Vec<String>>,
    /// `[lint-options.NAME] KEY = value`, validated against each lint's options.
    pub options: std::collections::BTreeMap<(String, String), f64>,
}

impl Settings {
    /// A lint's option, or its default.
    pub fn option(&self, lint: &str, opt: &crate::lint::LintOption) -> f64 {
        self.options.get(&(lint.to_string(), opt.key.to_string())).copied().unwrap_or(opt.default)
    }
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

/// Loads and lints the inputs; `corpus` adds documents that corpus lints
/// read but that are not reported on. The result is in input order
/// whatever the thread count.
pub fn run(registry: &Registry, inputs: &[Input], corpus: &[Input], settings: &Settings) -> Outcome {
    run_counting(registry, inputs, corpus, settings, &AtomicUsize::new(0))
}

/// [`run`], counting the files read in `done` (for a progress display).
pub fn run_counting(
    registry: &Registry,
    inputs: &[Input],
    corpus: &[Input],
    settings: &Settings,
    done: &AtomicUsize,
) -> Outcome {
    let corpus_lints = registry.enabled().any(|id| registry.lint(id).is_corpus_lint());
    if !corpus_lints {
        return run_streaming(registry, inputs, done);
    }
    // Corpus lints need every document at once: load all, lint the checked ones.
    let checked_paths: std::collections::HashSet<&Input> = inputs.iter().collect();
    let all: Vec<(&Input, bool)> = inputs
        .iter()
        .map(|i| (i, true))
        .chain(corpus.iter().filter(|i| !checked_paths.contains(i)).map(|i| (i, false)))
        .collect();
    let loaded: Vec<(LoadedOne, bool)> = all
        .par_iter()
        .map_init(Vec::new, |buf, &(input, checked)| {
            let loaded = load_one(registry, input, buf, checked);
            done.fetch_add(1, Ordering::Relaxed);
            (loaded, checked)
        })
        .collect();
    let mut out = Outcome { reports: Vec::new(), errors: Vec::new(), files_checked: 0 };
    let mut docs = Vec::new();
    let mut is_checked = Vec::new();
    for ((doc, report, error), checked) in loaded {
        if let Some(e) = error {
            out.errors.push(e);
            continue;
        }
        if checked {
            out.files_checked += 1;
        }
        out.reports.extend(report);
        if let Some(d) = doc {
            docs.push(d);
            is_checked.push(checked);
        }
    }
    let corpus = Corpus::new(docs, is_checked, settings.clone());
    // Merge into the reports of the same documents, then order everything.
    let mut at_of: std::collections::HashMap<String, usize> =
        out.reports.iter().enumerate().map(|(i, r)| (r.doc.path().to_string(), i)).collect();
    for (d, f) in check_corpus(registry, &corpus) {
        let doc = &corpus.docs[d];
        let at = *at_of.entry(doc.path().to_string()).or_insert_with(|| {
            out.reports.push(FileReport { doc: doc.clone(), findings: Vec::new() });
            out.reports.len() - 1
        });
        out.reports[at].findings.push(f);
    }
    let order: std::collections::HashMap<&str, usize> =
        inputs.iter().enumerate().map(|(i, input)| (input.display(), i)).collect();
    out.reports.sort_by_key(|r| order.get(r.doc.path()).copied().unwrap_or(usize::MAX));
    for r in &mut out.reports {
        finish(registry, &mut r.findings);
    }
    out
}

/// One input loaded: its text, its per-document findings, or a read error.
type LoadedOne = (Option<Document>, Option<FileReport>, Option<String>);

/// Loads one input; for text, the per-document findings (checked inputs only).
fn load_one(registry: &Registry, input: &Input, buf: &mut Vec<u8>, checked: bool) -> LoadedOne {
    match walk::load(input, buf) {
        Loaded::Text(doc) => {
            let findings = if checked { check_document(registry, &doc) } else { Vec::new() };
            let report = (!findings.is_empty()).then(|| FileReport { doc: doc.clone(), findings });
            (Some(doc), report, None)
        }
        Loaded::Error(e) => (None, None, Some(e)),
        other => (None, if checked { input_report(registry, other) } else { None }, None),
    }
}

/// The one-document pass without corpus lints: texts without findings are
/// dropped as soon as they are checked.
fn run_streaming(registry: &Registry, inputs: &[Input], done: &AtomicUsize) -> Outcome {
    let loaded: Vec<(Option<FileReport>, Option<String>)> = inputs
        .par_iter()
        .map_init(Vec::new, |buf, input| {
            let r = match walk::load(input, buf) {
                Loaded::Text(doc) => {
                    let findings = check_document(registry, &doc);
                    ((!findings.is_empty()).then_some(FileReport { doc, findings }), None)
                }
                Loaded::Error(e) => (None, Some(e)),
                other => (input_report(registry, other), None),
            };
            done.fetch_add(1, Ordering::Relaxed);
            r
        })
        .collect();
    let mut out = Outcome { reports: Vec::new(), errors: Vec::new(), files_checked: 0 };
    for (report, error) in loaded {
        match error {
            Some(e) => out.errors.push(e),
            None => out.files_checked += 1,
        }
        out.reports.extend(report);
    }
    out
}

/// The finding for a file that is not text (not UTF-8, or binary).
fn input_report(registry: &Registry, loaded: Loaded) -> Option<FileReport> {
    let (doc, f) = match loaded {
        Loaded::InvalidUtf8 { doc, offset, span } => {
            let message = format!("not valid UTF-8 at byte {offset}; the file was not linted");
            (
                doc,
                input_finding(
                    registry,
                    "invalid-utf8",
                    span,
                    message,
                    "invalid byte",
                    "re-encode the file as UTF-8",
                ),
            )
        }
        Loaded::Binary { doc } => {
            let help = "lint text files only, or remove the file from the corpus";
            let span = crate::finding::Span::new(0, 0);
            (doc, input_finding(registry, "binary-file", span, "binary file skipped".into(), "", help))
        }
        Loaded::Text(_) | Loaded::Error(_) => return None,
    };
    f.map(|f| FileReport { doc, findings: vec![f] })
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
    // The corpus lints are independent: run them side by side, then join
    // their findings in registry order so the output does not depend on timing.
    let ids: Vec<usize> = registry.enabled().filter(|&id| registry.lint(id).is_corpus_lint()).collect();
    let per_lint: Vec<Vec<(usize, Finding)>> = ids
        .par_iter()
        .map(|&id| {
            let mut found = Vec::new();
            registry.lint(id).check_corpus(corpus, &mut CorpusContext::new(id, &corpus.docs, &mut found));
            found
        })
        .collect();
    let mut findings: Vec<(usize, Finding)> = per_lint.into_iter().flatten().collect();
    findings.retain(|(d, _)| corpus.checked[*d]);
    for (_, f) in findings.iter_mut() {
        f.level = registry.level(f.lint);
    }
    findings
}
