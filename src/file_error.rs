//! An error in a file the user wrote: the configuration or a data-lint file.
//! It points into the file, drawn with unsafe characters replaced.

use std::fmt;
use std::ops::Range;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// Which kind of file is wrong: it names the error (`bad configuration: …`,
/// `lint file NAME: …`) and gives its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Config,
    LintFile,
}

/// A file that cannot be used, with the place in it and what to do.
#[derive(Debug)]
pub struct FileError {
    kind: FileKind,
    pub message: String,
    pub(crate) src: NamedSource<String>,
    pub(crate) span: Option<Range<usize>>,
    pub(crate) label: String,
    help: Option<String>,
}

impl FileError {
    pub(crate) fn new(kind: FileKind, src: &NamedSource<String>, message: impl Into<String>) -> Self {
        FileError {
            kind,
            message: message.into(),
            src: src.clone(),
            span: None,
            label: "here".into(),
            help: None,
        }
    }

    /// Points at `span` (if any) with `label`.
    pub(crate) fn at(mut self, span: impl Into<Option<Range<usize>>>, label: impl Into<String>) -> Self {
        self.span = span.into();
        self.label = label.into();
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn kind(&self) -> FileKind {
        self.kind
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::escape::escape(&self.message);
        match self.kind {
            FileKind::Config => write!(f, "bad configuration: {message}"),
            FileKind::LintFile => write!(f, "lint file {}: {message}", self.src.name()),
        }
    }
}

impl std::error::Error for FileError {}

impl Diagnostic for FileError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(match self.kind {
            FileKind::Config => "config",
            FileKind::LintFile => "lint-file",
        }))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(self.label.clone()), span))))
    }
}
