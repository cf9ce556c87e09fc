//! What a lint reports: a finding with a byte span, and fixes as data.

use std::sync::Arc;

use serde::Serialize;

pub use crate::level::Level;
pub use crate::span::Span;

/// Whether a fix can change what the text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change meaning (a no-break space to a space): applied by `--fix`.
    Safe,
    /// Might change meaning (deleting a line): needs `--unsafe-fixes`.
    Unsafe,
}

/// Replace `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn delete(span: Span) -> Self {
        Edit { span, replacement: String::new() }
    }
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit { span, replacement: replacement.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// An imperative: "remove the stray period".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edit: Edit) -> Self {
        Fix { title: title.into(), applicability: Applicability::Safe, edits: vec![edit] }
    }
    pub fn unsafe_(title: impl Into<String>, edit: Edit) -> Self {
        Fix { title: title.into(), applicability: Applicability::Unsafe, edits: vec![edit] }
    }

    /// The text after applying this fix's edits (which must not overlap).
    pub fn apply(&self, text: &str) -> String {
        apply_edits(text, self.edits.iter())
    }
}

/// Applies edits in order of position; overlapping edits after the first are skipped.
pub fn apply_edits<'a>(text: &str, edits: impl Iterator<Item = &'a Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.span.start < at {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A secondary location, possibly in another document ("spelled `X` in b.txt").
#[derive(Debug, Clone)]
pub struct Related {
    pub path: Arc<str>,
    /// The record, when the place is in a JSONL record.
    pub record: Option<u64>,
    /// The text of that document when the run has it at hand (a run against
    /// saved corpus statistics may not): drawn as a snippet, else as a note.
    pub text: Option<Arc<str>>,
    pub span: Span,
    /// 1-based line and column (in characters) of `span.start`.
    pub line: usize,
    pub column: usize,
    pub label: String,
}

impl Related {
    /// A place in `doc` (the finding's own document, or another one at hand).
    pub fn at(doc: &crate::Document, span: Span, label: impl Into<String>) -> Self {
        let (line, column) = doc.line_col(span.start);
        Related {
            path: doc.path_arc().clone(),
            record: doc.record(),
            text: Some(doc.text_arc().clone()),
            span,
            line,
            column,
            label: label.into(),
        }
    }

    /// True when the place is in `doc`.
    pub fn is_in(&self, doc: &crate::Document) -> bool {
        *self.path == *doc.path() && self.record == doc.record()
    }

    /// The name of its document, as [`crate::Document::name`] gives it.
    pub fn name(&self) -> String {
        match self.record {
            Some(r) => format!("{}#{r}", self.path),
            None => self.path.to_string(),
        }
    }
}

/// One finding. `lint` indexes the registry; the engine sets `level`.
#[derive(Debug, Clone)]
pub struct Finding {
    pub lint: usize,
    pub level: Level,
    pub span: Span,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

impl Finding {
    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    /// Reports this finding at `level` at most, whatever its lint's level
    /// (a weaker kind of evidence than the lint's own): the run sets each
    /// finding's level to the lower of the two.
    pub fn at_most(&mut self, level: crate::level::Level) -> &mut Self {
        self.level = self.level.min(level);
        self
    }
    /// Offers `fix`, unless it would write a hidden character
    /// ([`crate::escape::is_hidden_char`]: a control, a bidi control, a
    /// zero-width or tag character) into the file: decoding `&#x202E;` or
    /// repairing mojibake into one trades a finding for a worse one. Every
    /// fix of every lint, user data lints included, passes here.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        if fix.edits.iter().any(|e| crate::escape::writes_hidden(&e.replacement)) {
            return self;
        }
        self.fix = Some(fix);
        self
    }
    pub fn related(&mut self, related: Related) -> &mut Self {
        self.related.push(related);
        self
    }
}
