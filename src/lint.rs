//! The `Lint` trait, lint metadata, levels, and the `Context` lints report through.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::document::Document;
use crate::finding::Finding;
use crate::span::Span;

pub use crate::level::Level;

/// What kind of residue a lint is about. The category sets the default level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// The file could not be read as text.
    Input,
    /// Lines the scraper kept from the page around the article.
    Boilerplate,
    /// Punctuation and spacing damage.
    Typography,
    /// Invisible, confusable or mis-decoded characters.
    Unicode,
    /// Paragraph-level damage: duplicates, insertions.
    Structure,
    /// Names spelled inconsistently.
    Names,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Input,
        Category::Boilerplate,
        Category::Typography,
        Category::Unicode,
        Category::Structure,
        Category::Names,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Input => "input",
            Category::Boilerplate => "boilerplate",
            Category::Typography => "typography",
            Category::Unicode => "unicode",
            Category::Structure => "structure",
            Category::Names => "names",
        }
    }

    pub fn default_level(self) -> Level {
        match self {
            Category::Input => Level::Error,
            _ => Level::Warn,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Category::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
            format!("unknown category `{s}` (expected one of {})", names.join(", "))
        })
    }
}

/// Whether a lint offers fixes, and how safe they are: data, declared with
/// the lint (`fix = Always(Unsafe)`), which its `## Fix safety` section
/// explains (a test holds the two together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    Never,
    /// For some findings only.
    Sometimes(FixSafety),
    Always(FixSafety),
}

/// How safe a lint's fixes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixSafety {
    /// Every fix is safe: `--fix` applies it.
    Safe,
    /// Every fix is unsafe: it needs `--unsafe-fixes`.
    Unsafe,
    /// Safe or unsafe, finding by finding.
    Mixed,
}

impl FixAvailability {
    /// `yes`, `some` or `no`, as `rules` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::Always(_) => "yes",
            FixAvailability::Sometimes(_) => "some",
            FixAvailability::Never => "no",
        }
    }

    pub fn safety(self) -> Option<FixSafety> {
        match self {
            FixAvailability::Always(s) | FixAvailability::Sometimes(s) => Some(s),
            FixAvailability::Never => None,
        }
    }

    /// Whether a fix of this applicability is one the lint declares.
    pub fn allows(self, a: crate::finding::Applicability) -> bool {
        use crate::finding::Applicability;
        matches!(
            (self.safety(), a),
            (Some(FixSafety::Mixed), _)
                | (Some(FixSafety::Safe), Applicability::Safe)
                | (Some(FixSafety::Unsafe), Applicability::Unsafe)
        )
    }
}

impl FixSafety {
    pub fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Unsafe => "unsafe",
            FixSafety::Mixed => "mixed",
        }
    }
}

/// What `scrapelint rules` and `explain` show about a lint.
#[derive(Debug, Clone)]
pub struct LintInfo {
    pub name: Cow<'static, str>,
    pub category: Category,
    /// `None`: the category's default. Lints that guess say `Some(Level::Off)`.
    pub level: Option<Level>,
    pub fix: FixAvailability,
    /// Markdown: `## What it does`, `## Why is this bad?`, `## Example`, `## Fix safety`.
    pub docs: Cow<'static, str>,
}

impl LintInfo {
    pub fn default_level(&self) -> Level {
        self.level.unwrap_or_else(|| self.category.default_level())
    }

    /// The first sentence under `## What it does`.
    pub fn summary(&self) -> String {
        let mut lines = self.docs.lines().map(str::trim);
        let mut out = String::new();
        for line in lines.by_ref() {
            if line.starts_with("## What it does") {
                break;
            }
        }
        for line in lines {
            if line.is_empty() || line.starts_with('#') {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
        // The first sentence only: `rules` is a table.
        // A sentence ends at `. ` before a capital, outside `code`.
        let bytes = out.as_bytes();
        let end = (0..bytes.len().saturating_sub(2)).find(|&i| {
            bytes[i] == b'.'
                && bytes[i + 1] == b' '
                && bytes[i + 2].is_ascii_uppercase()
                && out[..i].matches('`').count() % 2 == 0
        });
        let first = &out[..end.unwrap_or(out.len())];
        first.trim_end_matches('.').to_string()
    }
}

pub use crate::settings::LintOption;

/// Gives a lint's metadata; [`declare_lint!`](crate::declare_lint) implements it for code lints.
pub trait LintMeta {
    fn info(&self) -> &LintInfo;
}

/// A lint. Lints take `&self` so documents can be checked in parallel.
pub trait Lint: LintMeta + Send + Sync {
    /// The per-document pass.
    fn check(&self, _doc: &Document, _cx: &mut Context<'_>) {}

    /// The options the configuration may set for this lint, checked when the
    /// configuration is loaded; a lint reads them in [`Lint::configure`] (or,
    /// a corpus lint, from [`crate::settings::Settings::option`]).
    fn options(&self) -> &'static [LintOption] {
        &[]
    }

    /// This lint set up for a run with the user's settings (`names`,
    /// `name-variants`, `[lint-options]`), for lints that read them: the
    /// engine calls it once per run, before any document, and runs the copy
    /// it returns ([`crate::Registry::configured`]). Option values were
    /// checked against [`Lint::options`] when the configuration was loaded;
    /// here they become the copy's typed fields, so a per-document lint has
    /// options and configured names as well as a corpus lint. `None`: the
    /// lint reads no settings (or none are set) and runs as it is.
    fn configure(&self, _settings: &crate::settings::Settings) -> Option<Box<dyn Lint>> {
        None
    }

    /// True for lints that judge by layout and report only what the others
    /// have not: a finding of theirs whose every line another lint already
    /// flags is dropped (see [`crate::engine::check_document`]).
    fn yields(&self) -> bool {
        false
    }

    /// True for lints that need the whole corpus ([`Lint::check_corpus`]).
    fn is_corpus_lint(&self) -> bool {
        false
    }

    /// The corpus statistics a corpus lint reads.
    fn stats_needed(&self) -> crate::stats::Needs {
        crate::stats::Needs::NONE
    }

    /// The corpus statistics it reads when it checks `doc`: what it ever
    /// reads, unless it can tell from the text that it reads less (a run of
    /// a few documents then counts less: [`crate::stats::Focus`]). It must
    /// never read a part left out here.
    fn stats_needed_by(&self, _doc: &Document) -> crate::stats::Needs {
        self.stats_needed()
    }

    /// The corpus pass: one document, against the statistics of the whole corpus.
    fn check_corpus(&self, _doc: &Document, _corpus: &crate::corpus::Corpus<'_>, _cx: &mut Context<'_>) {}
}

/// The most findings one lint lists in one document. Past it, one more
/// finding says how many were left out: a file whose every line matches a
/// lint costs the run memory for this many findings, not for every line.
pub const MAX_FINDINGS_PER_LINT: usize = 10_000;

/// The passes the lints of one document check share, each made when a lint
/// first asks for it and dropped with the check.
#[derive(Default)]
pub struct Shared {
    structure: crate::structure::Cache,
    line_scans: crate::line_scan::Cache,
}

/// Collects one lint's findings in one document and checks their spans.
pub struct Context<'a> {
    lint: usize,
    doc: &'a Document,
    findings: &'a mut Vec<Finding>,
    shared: &'a Shared,
    /// How many findings this context has listed.
    listed: usize,
    /// Findings past [`MAX_FINDINGS_PER_LINT`]: how many, and where the first was.
    left_out: usize,
    first_left_out: Span,
    /// What a finding past the limit is written into, and forgotten.
    spare: Option<Box<Finding>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        lint: usize,
        doc: &'a Document,
        findings: &'a mut Vec<Finding>,
        shared: &'a Shared,
    ) -> Self {
        Context {
            lint,
            doc,
            findings,
            shared,
            listed: 0,
            left_out: 0,
            first_left_out: Span::new(0, 0),
            spare: None,
        }
    }

    /// What each line of the document is (title, body text, page chrome,
    /// comment thread): computed once per document and shared by the lints
    /// that read it.
    pub fn structure(&self) -> &'a crate::structure::Structure {
        self.shared.structure.get(self.doc)
    }

    /// The lines of the document that the shared scan turned away for
    /// `member` ([`crate::line_scan`]), or `None` where it did not scan.
    pub(crate) fn line_scan(
        &self,
        member: &crate::line_scan::Member,
    ) -> Option<crate::line_scan::Rejected<'a>> {
        self.shared.line_scans.rejected(member, self.doc)
    }

    /// Reports a finding at `span`; chain `.label()`, `.help()`, `.fix()` on the result.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        let span = checked_span(self.doc.text(), span);
        let finding = Finding {
            lint: self.lint,
            // The loudest: the run gives each finding its lint's level, or
            // the lower level the lint capped it at (`Finding::at_most`).
            level: Level::Error,
            span,
            message: message.into(),
            label: None,
            help: None,
            fix: None,
            related: Vec::new(),
        };
        if self.listed >= MAX_FINDINGS_PER_LINT {
            if self.left_out == 0 {
                self.first_left_out = span;
            }
            self.left_out += 1;
            let spare = self.spare.get_or_insert_with(|| Box::new(finding.clone()));
            **spare = finding;
            return spare;
        }
        self.listed += 1;
        self.findings.push(finding);
        self.findings.last_mut().unwrap()
    }
}

impl Drop for Context<'_> {
    /// Says how many findings past [`MAX_FINDINGS_PER_LINT`] were left out.
    fn drop(&mut self) {
        if self.left_out > 0 {
            let n = self.left_out;
            self.findings.push(Finding {
                lint: self.lint,
                level: Level::Error,
                span: self.first_left_out,
                message: format!(
                    "{n} more finding{} of this lint in this document not listed: at most {MAX_FINDINGS_PER_LINT} are listed per lint and document",
                    if n == 1 { "" } else { "s" }
                ),
                label: Some("not listed from here on".to_string()),
                help: Some("fix the findings listed and run again".to_string()),
                fix: None,
                related: Vec::new(),
            });
        }
    }
}

/// A span a lint reports must lie inside the text and on character
/// boundaries. A bad one is a bug in the lint: tests fail loudly on it; a
/// release build narrows it to valid boundaries rather than panic later.
fn checked_span(text: &str, span: Span) -> Span {
    let ok = span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end);
    debug_assert!(ok, "lint reported an invalid span {span:?} in a text of {} bytes", text.len());
    if ok {
        return span;
    }
    let clamp = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = clamp(span.start);
    Span::new(start, clamp(span.end).max(start))
}

/// Declares a code lint: a struct holding its [`LintInfo`], with the doc
/// comment as its documentation, and the typed fields its options set
/// (their defaults here; [`Lint::configure`] makes a copy with the
/// configured values).
///
/// ```ignore
/// declare_lint! {
///     /// ## What it does
///     /// ...
///     StrayPeriod, name = "stray-period", category = Typography, fix = Always
/// }
/// declare_lint! {
///     /// ...
///     RelatedLink, name = "related-link", category = Boilerplate, fix = Always,
///     fields = { unrelated: f64 = 0.05 }
/// }
/// ```
#[macro_export]
macro_rules! declare_lint {
    (
        $(#[doc = $doc:literal])*
        $ty:ident, name = $name:literal, category = $cat:ident, fix = $fix:ident $(($safety:ident))?
        $(, level = $level:ident)?
        $(, fields = { $($field:ident : $fty:ty = $fdefault:expr),* $(,)? })? $(,)?
    ) => {
        $(#[doc = $doc])*
        pub struct $ty {
            info: $crate::lint::LintInfo,
            $($($field: $fty,)*)?
        }

        impl Default for $ty {
            fn default() -> Self {
                $ty {
                    info: $crate::lint::LintInfo {
                        name: ::std::borrow::Cow::Borrowed($name),
                        category: $crate::lint::Category::$cat,
                        level: $crate::declare_lint!(@level $($level)?),
                        fix: $crate::lint::FixAvailability::$fix $(($crate::lint::FixSafety::$safety))?,
                        docs: ::std::borrow::Cow::Borrowed(concat!($($doc, "\n"),*)),
                    },
                    $($($field: $fdefault,)*)?
                }
            }
        }

        impl $crate::lint::LintMeta for $ty {
            fn info(&self) -> &$crate::lint::LintInfo {
                &self.info
            }
        }
    };
    (@level) => { None };
    (@level $level:ident) => { Some($crate::level::Level::$level) };
}
