//! Data lints: a TOML file that holds a pattern, its messages and its own
//! examples. Built-in ones live in `lints/<category>/<name>.toml` and are
//! embedded at build time; users add folders of the same files (`--lints`).
//!
//! ```toml
//! summary = "a line that only links back to the original article"
//! why     = "the link text is page chrome, not part of the article"
//! kind    = "line"          # line: the pattern is a whole line; match: every match
//! pattern = '(?i)go to source'
//! message = "link back to the source page"
//! help    = "delete the line"   # optional with a fix: its title
//! fix     = { action = "delete-line", applicability = "unsafe" }
//! # optional: max-length (chars), first-lines (only in the first N lines), level, label,
//! # skip-code (silent inside code samples and markup blocks, see `crate::code`)
//! [[example]]
//! text  = "Body.\nGo To Source\n"
//! fires = 1
//! fixed = "Body.\n"
//! [[example]]
//! text  = "Go to the source of the river.\n"
//! fires = 0
//! ```

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use miette::NamedSource;
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use serde::Deserialize;
use toml::Spanned;

use crate::file_error::{FileError, FileKind};

use crate::document::Document;
use crate::finding::{Applicability, Edit, Fix};
use crate::level::Level;
use crate::lint::{Category, Context, FixAvailability, FixSafety, Lint, LintInfo, LintMeta};
use crate::span::Span;

/// A built-in data lint as `build.rs` found it in `lints/` (the table
/// `registry::embedded::EMBEDDED`).
#[derive(Debug)]
pub struct BuiltIn {
    pub category: &'static str,
    pub name: &'static str,
    /// The file's text.
    pub source: &'static str,
    /// The literals every match holds ([`crate::literals`]).
    pub gate: Option<crate::literals::StaticGroups>,
    /// A line pattern's shadow and its marks ([`crate::shadow`]).
    pub shadow: Option<(&'static str, &'static str)>,
    /// A line pattern for text all in ASCII ([`crate::ascii_only`]).
    pub ascii: Option<&'static str>,
    /// The trees of the shadow and the ASCII pattern ([`crate::hir_code`]).
    pub shadow_tree: Option<&'static [u8]>,
    pub ascii_tree: Option<&'static [u8]>,
}

/// Limits that keep a lint pack from exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;
const REGEX_DFA_SIZE_LIMIT: usize = 8 << 20;
const MAX_PATTERN_LEN: usize = 16 << 10;
/// Short lines a data lint checks before it builds its start check.
const STARTS_AFTER: usize = 512;

/// A lint's gate is asked about this many documents at most (see [`DataLint::gate`]).
const GATED_DOCUMENTS: usize = 64;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    summary: String,
    why: String,
    kind: Spanned<String>,
    pattern: Spanned<String>,
    message: String,
    label: Option<String>,
    /// What to do; without it, the fix's title (`delete the line`).
    help: Option<Spanned<String>>,
    max_length: Option<usize>,
    first_lines: Option<usize>,
    #[serde(default)]
    skip_code: bool,
    level: Option<Spanned<String>>,
    category: Option<Spanned<String>>,
    fix: Option<RawFix>,
    #[serde(default)]
    example: Vec<Spanned<RawExample>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFix {
    action: Spanned<String>,
    with: Option<String>,
    applicability: Spanned<String>,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    text: String,
    fires: usize,
    fixed: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The pattern describes a whole line (surrounding blanks allowed).
    Line,
    /// Every match of the pattern is a finding.
    Match,
}

#[derive(Debug, Clone)]
enum FixAction {
    DeleteLine,
    Replace(String),
}

/// One example from the file: a text and how many findings it must give.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub fires: usize,
    pub fixed: Option<String>,
    span: Range<usize>,
}

/// How many copies of the line patterns a data lint keeps, one per thread.
const PER_THREAD_COPIES: usize = 32;

/// A thread's own copies of a data lint's line patterns, made from the shared
/// ones on first use. A `Regex` keeps its search caches in a pool whose fast
/// path serves the first thread to search; every other thread took a lock
/// to borrow a cache, for each of the millions of lines a run checks
/// (`perf`: 2% of a run). A copy shares the compiled pattern and has a pool
/// of its own, so each thread is its own copy's first.
#[derive(Debug, Default)]
struct ThreadRegexes {
    line: OnceLock<Regex>,
    ascii: OnceLock<Option<LinePattern>>,
    shadow: OnceLock<Option<meta::Regex>>,
}

/// A compiled line pattern: from its text, or (a built-in lint's ASCII
/// pattern) from the tree `build.rs` wrote ([`crate::hir_code`]), which
/// compiles without parsing. The same tree either way: the same matches.
#[derive(Debug, Clone)]
enum LinePattern {
    Text(Regex),
    Tree(meta::Regex),
}

impl LinePattern {
    /// The groups of the first match in `line`. Most lines match nothing:
    /// each is asked first without making room for the groups.
    fn captures<'h>(&self, line: &'h str) -> Option<Caps<'h>> {
        match self {
            LinePattern::Text(re) => text_captures(re, line),
            LinePattern::Tree(re) => {
                if !re.is_match(line) {
                    return None;
                }
                let mut caps = re.create_captures();
                re.captures(line, &mut caps);
                caps.is_match().then_some(Caps::Tree(line, caps))
            }
        }
    }
}

/// [`LinePattern::captures`] with a pattern compiled from its text.
fn text_captures<'h>(re: &Regex, line: &'h str) -> Option<Caps<'h>> {
    if re.is_match(line) {
        re.captures(line).map(Caps::Text)
    } else {
        None
    }
}

/// The groups of a match, from either kind of [`LinePattern`].
enum Caps<'h> {
    Text(regex::Captures<'h>),
    Tree(&'h str, regex_automata::util::captures::Captures),
}

impl Caps<'_> {
    /// Where the group `name` matched, if it did.
    fn group(&self, name: &str) -> Option<Range<usize>> {
        match self {
            Caps::Text(c) => c.name(name).map(|m| m.range()),
            Caps::Tree(_, c) => c.get_group_by_name(name).map(|s| s.range()),
        }
    }

    /// Where the whole match is.
    fn whole(&self) -> Range<usize> {
        match self {
            Caps::Text(c) => c.get(0).map_or(0..0, |m| m.range()),
            Caps::Tree(_, c) => c.get_match().map_or(0..0, |m| m.range()),
        }
    }

    /// `with`, its `$name` references replaced by the groups' text (as
    /// `regex::Captures::expand`, which does the same).
    fn expand(&self, with: &str, out: &mut String) {
        match self {
            Caps::Text(c) => c.expand(with, out),
            Caps::Tree(h, c) => c.interpolate_string_into(h, with, out),
        }
    }
}

/// Compiles `text` as `regex` does (`Regex` with Unicode, `bytes::Regex`
/// without), within the built-in limits; from `tree` where it decodes.
fn compile_meta(text: &str, tree: Option<&[u8]>, unicode: bool) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(unicode)
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .hybrid_cache_capacity(REGEX_DFA_SIZE_LIMIT);
    let mut builder = meta::Builder::new();
    builder.configure(config);
    match tree.and_then(crate::hir_code::decode) {
        Some(hir) => builder.build_from_hir(&hir).ok(),
        None => builder
            .syntax(regex_automata::util::syntax::Config::new().unicode(unicode).utf8(unicode))
            .build(text)
            .ok(),
    }
}

/// A lint defined by a data file.
#[derive(Debug)]
pub struct DataLint {
    info: LintInfo,
    kind: Kind,
    /// The full pattern (a line pattern wrapped to match whole lines).
    pattern: String,
    /// Compiled when first needed: a built-in lint whose pattern no document
    /// of the run can match never pays for it.
    regex: OnceLock<Regex>,
    /// A line pattern anchored at the ends of one line (`\A…\z`), for lines
    /// checked one at a time: a search that fails where a line starts, not
    /// one that tries every position (and whose automaton grows for it).
    /// `None` inside for a pattern that only compiles unanchored.
    line_regex: OnceLock<Option<Regex>>,
    /// The same with its word boundaries (`\b`) ASCII ones, for lines all
    /// ASCII, where the two agree: a Unicode word boundary stops the lazy DFA
    /// at any non-ASCII byte, and the search falls back to a slower engine.
    /// `None` inside when the pattern has no Unicode word boundary.
    ascii_line_regex: OnceLock<Option<LinePattern>>,
    /// The same without word boundaries at all, for the other lines: it
    /// matches wherever the pattern does (and more), in the lazy DFA, so a
    /// line it rejects needs no slower search.
    shadow_regex: OnceLock<Option<(meta::Regex, Box<[char]>)>>,
    /// What `build.rs` found for a built-in lint: its shadow and ASCII
    /// patterns and their trees (`None` for a user's lint: its are found
    /// when first needed).
    built_in: Option<&'static BuiltIn>,
    /// Copies of the three line patterns for each thread of the pool (see
    /// [`ThreadRegexes`]).
    per_thread: Box<[ThreadRegexes]>,
    /// The group whose shared scan turns lines away before this lint's
    /// shadow runs ([`crate::line_scan`]; built-in line lints only).
    line_scan: Option<crate::line_scan::Member>,
    /// Whether a text holds the literals every match needs
    /// ([`crate::literals`]): a document or line without them is skipped.
    /// `None` when the pattern needs none. A built-in lint's is built when
    /// first asked for, from what `build.rs` found: a run that checks one
    /// file builds only the gates of the lints it runs, on the cores they
    /// run on.
    gate: OnceLock<Option<crate::literals::Gate>>,
    built_in_gate: Option<crate::literals::StaticGroups>,
    /// Documents checked through the gate so far.
    gated: AtomicUsize,
    /// A line pattern as written (not wrapped), for its start check.
    inner: String,
    /// How a line pattern's match can begin ([`crate::line_start`]), made
    /// when first needed; `None` inside when a match may start anyhow.
    starts: OnceLock<Option<crate::line_start::LineStart>>,
    /// Lines asked about before the start check is built ([`STARTS_AFTER`]).
    start_asked: AtomicUsize,
    message: String,
    label: Option<String>,
    help: String,
    max_length: Option<usize>,
    first_lines: Option<usize>,
    /// Silent inside code samples and markup shown on purpose ([`crate::code`]).
    skip_code: bool,
    fix: Option<(FixAction, Applicability, String)>,
    examples: Vec<Example>,
    source: NamedSource<String>,
    /// A user's lint file: its "safe" fixes must prove it, edit by edit.
    from_user: bool,
    /// What compiling a user's patterns may still spend ([`PatternBudget`]);
    /// `None` for a built-in lint.
    budget: Option<Arc<PatternBudget>>,
}

/// What one registry may spend compiling the patterns of users' lint files:
/// each pattern is compiled with a size limit of 64 KiB, else 512 KiB, else
/// 4 MiB, the first that holds it, and that limit is taken from the budget.
/// Most patterns fit the first; 600 files of patterns that each fill the last
/// would take gigabytes, and stop at the budget with an error naming the file.
/// A pattern's search caches are kept to 2 MiB.
#[derive(Debug)]
pub struct PatternBudget {
    left: AtomicUsize,
}

impl PatternBudget {
    /// The bytes of compiled patterns all of a registry's lint files may take.
    pub const BYTES: usize = 128 << 20;
    const STEPS: [usize; 3] = [64 << 10, 512 << 10, REGEX_SIZE_LIMIT];
    const DFA_LIMIT: usize = 2 << 20;

    pub fn new() -> Arc<PatternBudget> {
        Arc::new(PatternBudget { left: AtomicUsize::new(Self::BYTES) })
    }

    /// Compiles `full` within the budget, taking what it is granted.
    fn compile(&self, full: &str) -> Result<Regex, String> {
        for step in Self::STEPS {
            let built = RegexBuilder::new(full).size_limit(step).dfa_size_limit(Self::DFA_LIMIT).build();
            match built {
                Ok(regex) => {
                    let took =
                        self.left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| l.checked_sub(step));
                    return took.map(|_| regex).map_err(|_| {
                        format!(
                            "the lint files' patterns need more than {} MiB compiled, the most one run spends on them",
                            Self::BYTES >> 20
                        )
                    });
                }
                Err(regex::Error::CompiledTooBig(_)) => continue,
                Err(e) => return Err(e.to_string()),
            }
        }
        Err(format!("the pattern compiles to more than {} MiB", REGEX_SIZE_LIMIT >> 20))
    }
}

/// A lint file that cannot be used: points into the file.
pub type LintFileError = FileError;

fn lint_file_error(src: &NamedSource<String>, message: impl Into<String>) -> LintFileError {
    FileError::new(FileKind::LintFile, src, message)
}

impl DataLint {
    /// Parses and validates a lint file. `category` comes from the file's
    /// folder when it has one; a file outside a category folder must say it.
    // The error is large, but only on the cold path of a broken file.
    #[allow(clippy::result_large_err)]
    pub fn parse(
        name: &str,
        folder_category: Option<Category>,
        file_name: &str,
        source: &str,
    ) -> Result<DataLint, LintFileError> {
        Self::read(name, folder_category, file_name, source, None, None)
    }

    /// [`DataLint::parse`] for a user's lint file: its patterns are compiled
    /// within `budget`, and its "safe" fixes must prove it ([`DataLint::from_user`]).
    #[allow(clippy::result_large_err)]
    pub fn parse_user(
        name: &str,
        folder_category: Option<Category>,
        file_name: &str,
        source: &str,
        budget: &Arc<PatternBudget>,
    ) -> Result<DataLint, LintFileError> {
        Ok(Self::read(name, folder_category, file_name, source, None, Some(budget.clone()))?.from_user())
    }

    /// [`DataLint::parse`] for a built-in file, whose pattern the test suite
    /// compiles: it is compiled when a document first needs it, not here.
    /// Its gate, shadow and ASCII pattern were found when the program was
    /// built (`build.rs`).
    #[allow(clippy::result_large_err)]
    pub(crate) fn parse_builtin(built: &'static BuiltIn, file_name: &str) -> Result<DataLint, LintFileError> {
        let category = built.category.parse::<Category>().map_err(|e| {
            lint_file_error(&NamedSource::new(file_name, built.source.to_string()), e.to_string())
        })?;
        let mut lint =
            Self::read(built.name, Some(category), file_name, built.source, Some(built.gate), None)?;
        lint.built_in = Some(built);
        Ok(lint)
    }

    /// Whether it is a line lint (one whose pattern runs on each line).
    #[cfg(test)]
    pub(crate) fn is_line_kind(&self) -> bool {
        self.kind == Kind::Line
    }

    /// The line pattern as [`crate::shadow::pattern`] gets it (`build.rs`
    /// writes it the same way for the built-in lints; a test checks they agree).
    #[cfg(test)]
    pub(crate) fn anchored(&self) -> String {
        self.anchored_pattern()
    }

    #[allow(clippy::result_large_err)]
    fn read(
        name: &str,
        folder_category: Option<Category>,
        file_name: &str,
        source: &str,
        built_in_gate: Option<Option<crate::literals::StaticGroups>>,
        budget: Option<Arc<PatternBudget>>,
    ) -> Result<DataLint, LintFileError> {
        // A built-in pattern is compiled when first needed; a user's now, to
        // report a bad one.
        let compile_now = built_in_gate.is_none();
        // Errors draw the file: with unsafe characters replaced, same offsets.
        let shown = crate::escape::display_text(&source.into()).to_string();
        let src = NamedSource::new(crate::escape::escape(file_name), shown).with_language("toml");
        let raw: Raw = toml::from_str(source).map_err(|e| {
            let err = lint_file_error(&src, e.message().to_string());
            match e.span() {
                Some(span) => err.at(span, "here"),
                None => err,
            }
        })?;
        let (category, level, kind) = header(name, folder_category, &raw, &src)?;

        let pattern = raw.pattern.get_ref();
        if pattern.len() > MAX_PATTERN_LEN {
            return Err(lint_file_error(&src, "pattern too long")
                .at(raw.pattern.span(), format!("over {MAX_PATTERN_LEN} bytes")));
        }
        let full = match kind {
            // `R`: `^`/`$` see \r\n and lone \r as line ends too; the
            // named group is the line without surrounding blanks.
            Kind::Line => format!(r"(?mR)^[^\S\r\n]*(?P<line>(?:{pattern}))[^\S\r\n]*$"),
            Kind::Match => pattern.clone(),
        };
        let regex = OnceLock::new();
        if compile_now {
            let compiled = compile(&full, budget.as_deref()).map_err(|e| {
                lint_file_error(&src, "invalid pattern")
                    .at(raw.pattern.span(), first_line(&e))
                    .help("patterns use the syntax of the Rust `regex` crate")
            })?;
            let _ = regex.set(compiled);
        }
        let gate = OnceLock::new();
        if built_in_gate.is_none() {
            let _ = gate.set(crate::literals::Gate::new(&full));
        }

        let fix = read_fix(raw.fix, &src)?;

        // The help says what to do; a fix's title says it already.
        let help = match (raw.help, &fix) {
            (Some(h), _) => h.into_inner(),
            (None, Some((_, _, title))) => title.clone(),
            (None, None) => {
                return Err(
                    lint_file_error(&src, "no help").help("add `help = \"…\"`: what to do about a finding")
                )
            }
        };

        let examples: Vec<Example> = raw
            .example
            .into_iter()
            .map(|e| {
                let span = e.span();
                let e = e.into_inner();
                Example { text: e.text, fires: e.fires, fixed: e.fixed, span }
            })
            .collect();
        if !examples.iter().any(|e| e.fires > 0) || !examples.iter().any(|e| e.fires == 0) {
            return Err(lint_file_error(&src, "examples missing").help(
                "add at least one [[example]] that fires (`fires = 1`) and one that must not (`fires = 0`)",
            ));
        }

        let fix_availability = match &fix {
            Some((_, Applicability::Safe, _)) => FixAvailability::Always(FixSafety::Safe),
            Some((_, Applicability::Unsafe, _)) => FixAvailability::Always(FixSafety::Unsafe),
            None => FixAvailability::Never,
        };
        let docs = render_docs(&raw.summary, &raw.why, &examples, fix.as_ref().map(|f| f.1), pattern);
        let lint = DataLint {
            info: LintInfo {
                name: Cow::Owned(name.to_string()),
                category,
                level,
                fix: fix_availability,
                docs: Cow::Owned(docs),
            },
            kind,
            pattern: full,
            regex,
            line_regex: OnceLock::new(),
            ascii_line_regex: OnceLock::new(),
            shadow_regex: OnceLock::new(),
            built_in: None,
            per_thread: (0..PER_THREAD_COPIES).map(|_| ThreadRegexes::default()).collect(),
            line_scan: None,
            gate,
            built_in_gate: built_in_gate.flatten(),
            gated: AtomicUsize::new(0),
            inner: pattern.clone(),
            starts: OnceLock::new(),
            start_asked: AtomicUsize::new(0),
            message: raw.message,
            label: raw.label,
            help,
            max_length: raw.max_length,
            first_lines: raw.first_lines,
            skip_code: raw.skip_code,
            fix,
            examples,
            source: src,
            from_user: false,
            budget,
        };
        Ok(lint)
    }

    /// The gate, while it is worth asking: until the pattern is compiled
    /// (some document needed it), and for the first [`GATED_DOCUMENTS`]
    /// documents. Then the pattern runs as before: it scans faster than the
    /// gate, and a long run pays for compiling it once.
    fn gate(&self) -> Option<&crate::literals::Gate> {
        if self.regex.get().is_some() || self.line_regex.get().is_some() {
            return None;
        }
        let gate = self.gate.get_or_init(|| self.built_in_gate.and_then(crate::literals::Gate::from_static));
        let gate = gate.as_ref()?;
        (self.gated.fetch_add(1, Ordering::Relaxed) < GATED_DOCUMENTS).then_some(gate)
    }

    /// The start check of a line pattern.
    fn starts(&self) -> Option<&crate::line_start::LineStart> {
        self.starts.get_or_init(|| crate::line_start::LineStart::new(&self.inner)).as_ref()
    }

    /// [`DataLint::starts`] once [`STARTS_AFTER`] lines have asked: building
    /// it takes milliseconds, which a long run earns back and a small file
    /// (a pre-commit run, whose lines the shadow prefilter screens) does not.
    fn starts_when_worth(&self) -> Option<&crate::line_start::LineStart> {
        if let Some(built) = self.starts.get() {
            return built.as_ref();
        }
        if self.start_asked.fetch_add(1, Ordering::Relaxed) < STARTS_AFTER {
            return None;
        }
        self.starts()
    }

    /// The compiled pattern.
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            compile(&self.pattern, self.budget.as_deref())
                .expect("built-in patterns compile, as the tests check")
        })
    }

    /// The pattern for one line at a time (a line without `\n` or `\r`,
    /// where `^` and `$` hold only at its ends): anchored there, it finds
    /// what [`DataLint::regex`] finds in the line.
    fn line_regex(&self) -> &Regex {
        let anchored =
            self.line_regex.get_or_init(|| compile(&self.anchored_pattern(), self.budget.as_deref()).ok());
        anchored.as_ref().unwrap_or_else(|| self.regex())
    }

    fn anchored_pattern(&self) -> String {
        let inner = &self.inner;
        format!(r"(?mR)\A[^\S\r\n]*(?P<line>(?:{inner}))[^\S\r\n]*\z")
    }

    /// The anchored line pattern for text all in ASCII ([`crate::ascii_only`];
    /// for a built-in lint, written when the program was built, and compiled
    /// from its tree).
    fn ascii_variant(&self) -> Option<&LinePattern> {
        self.ascii_line_regex
            .get_or_init(|| match self.built_in {
                Some(built) => compile_meta(built.ascii?, built.ascii_tree, true).map(LinePattern::Tree),
                None => {
                    let text = crate::ascii_only::variant(&self.anchored_pattern())?;
                    compile(&text, self.budget.as_deref()).ok().map(LinePattern::Text)
                }
            })
            .as_ref()
    }

    /// The prefilter of [`crate::shadow::pattern`] (for a built-in lint, found
    /// when the program was built; a user's lint has none), compiled as bytes without Unicode
    /// (a fraction of the pattern's own compile time, which a small file
    /// would otherwise pay for each data lint whose literals it holds).
    fn shadow(&self) -> Option<&(meta::Regex, Box<[char]>)> {
        self.shadow_regex
            .get_or_init(|| match self.built_in {
                Some(built) => {
                    let (pattern, marks) = built.shadow?;
                    Some((compile_meta(pattern, built.shadow_tree, false)?, marks.chars().collect()))
                }
                // A user's lint has none: its patterns are compiled within
                // its registry's budget, and this one would be outside it.
                None if self.budget.is_some() => None,
                None => {
                    let s = crate::shadow::pattern(&self.anchored_pattern())?;
                    Some((compile_meta(&s.pattern, None, false)?, s.marks.chars().collect()))
                }
            })
            .as_ref()
    }

    /// The calling thread's copies of the line patterns: one per thread of
    /// the pool (threads outside it share the first).
    fn mine(&self) -> &ThreadRegexes {
        let i = rayon::current_thread_index().map_or(0, |i| i + 1) % self.per_thread.len();
        &self.per_thread[i]
    }

    /// What [`DataLint::regex`] finds in `line` (a line of a text, without
    /// its line end), found the fastest way.
    #[cfg(test)]
    fn line_captures<'l>(&self, line: &'l str) -> Option<Caps<'l>> {
        // A lone `\r` inside a line also ends a line for `^`/`$` (a
        // document's lines hold none: it ends them).
        if line.contains('\r') {
            let re = self.regex();
            return if re.is_match(line) { re.captures(line).map(Caps::Text) } else { None };
        }
        self.line_captures_with(self.mine(), line, line.is_ascii())
    }

    /// [`DataLint::line_captures`] with the patterns of `mine`, for a line
    /// without `\r` (a document's line) that is all ASCII when `ascii`
    /// (the caller knows it for a whole document at once).
    fn line_captures_with<'l>(&self, mine: &ThreadRegexes, line: &'l str, ascii: bool) -> Option<Caps<'l>> {
        debug_assert!(!line.contains('\r') && ascii == line.is_ascii());
        // The shadow prefilter first: it matches wherever the pattern does.
        if let Some(shadow) = mine.shadow.get_or_init(|| self.shadow().map(|(re, _)| re.clone())) {
            let seen = if ascii {
                shadow.is_match(line.as_bytes())
            } else {
                let marks = self.shadow().map_or(&[][..], |(_, marks)| marks);
                shadow.is_match(&crate::shadow::shade(line, marks))
            };
            if !seen {
                return None;
            }
        }
        if ascii {
            let ascii = mine.ascii.get_or_init(|| self.ascii_variant().cloned());
            if let Some(re) = ascii {
                return re.captures(line);
            }
        }
        text_captures(mine.line.get_or_init(|| self.line_regex().clone()), line)
    }

    /// The full pattern (a line pattern as wrapped to match whole lines).
    #[cfg(test)]
    pub(crate) fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Marks a lint read from a user's folder (not built in): a fix it calls
    /// safe is applied as safe only where [`changes_only_invisibles`] holds.
    pub fn from_user(mut self) -> Self {
        self.from_user = true;
        self
    }

    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// The message every finding of this lint carries.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Runs every example; an error points at the first that fails.
    #[allow(clippy::result_large_err)]
    pub fn check_examples(&self) -> Result<(), LintFileError> {
        for ex in &self.examples {
            let doc = Document::new("example", ex.text.as_str());
            let mut findings = Vec::new();
            self.check(&doc, &mut Context::new(0, &doc, &mut findings, &Default::default()));
            if findings.len() != ex.fires {
                let got: Vec<String> = findings.iter().map(|f| format!("`{}`", doc.slice(f.span))).collect();
                return Err(lint_file_error(
                    &self.source,
                    format!("example gives {} finding(s), expected {}", findings.len(), ex.fires),
                )
                .at(
                    ex.span.clone(),
                    format!("found: {}", if got.is_empty() { "nothing".into() } else { got.join(", ") }),
                ));
            }
            if let Some(expected) = &ex.fixed {
                let edits = findings.iter().filter_map(|f| f.fix.as_ref()).flat_map(|f| f.edits.iter());
                let fixed = crate::finding::apply_edits(&ex.text, edits);
                if &fixed != expected {
                    return Err(lint_file_error(&self.source, "example's fixed text differs")
                        .at(ex.span.clone(), format!("fixes give {fixed:?}")));
                }
            }
        }
        Ok(())
    }

    fn report(&self, doc: &Document, cx: &mut Context<'_>, span: Span, caps: &Caps<'_>) {
        let f = cx.report(span, self.message.clone());
        if let Some(label) = &self.label {
            f.label(label.clone());
        }
        f.help(self.help.clone());
        if let Some((action, applicability, title)) = &self.fix {
            let edit = match action {
                FixAction::DeleteLine => {
                    Edit::delete(doc.line_span_with_terminator(doc.line_index(span.start)))
                }
                FixAction::Replace(with) => {
                    let mut out = String::new();
                    caps.expand(with, &mut out);
                    Edit::replace(span, out)
                }
            };
            let mut applicability = *applicability;
            if self.from_user
                && applicability == Applicability::Safe
                && !changes_only_invisibles(doc.slice(edit.span), &edit.replacement)
            {
                applicability = Applicability::Unsafe;
            }
            f.fix(Fix { title: title.clone(), applicability, edits: vec![edit] });
        }
    }
}

/// True when replacing `old` by `new` changes only whitespace, invisible
/// and control characters and character references (`&amp;` for `&`): what
/// the text says is the same. A user's lint file may call any fix safe; a
/// fix that deletes or rewrites words is treated as unsafe whatever it says.
pub fn changes_only_invisibles(old: &str, new: &str) -> bool {
    fn visible(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(first) = rest.chars().next() {
            let (c, len) = match first {
                '&' => char_reference(rest).unwrap_or(('&', 1)),
                c => (c, c.len_utf8()),
            };
            let invisible = c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{AD}' | '\u{34F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}')
                || matches!(c, '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
            if !invisible {
                out.push(c);
            }
            rest = &rest[len..];
        }
        out
    }
    visible(old) == visible(new)
}

/// A character reference at the start of `s` (`&#233;`, `&#xE9;`, or one of
/// the few names scrapers leave most): the character and its length.
fn char_reference(s: &str) -> Option<(char, usize)> {
    let end = s[..s.len().min(12)].find(';')?;
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = body.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

impl LintMeta for DataLint {
    fn info(&self) -> &LintInfo {
        &self.info
    }
}

impl DataLint {
    /// Reports the match in `caps` (offsets relative to `base`).
    /// Reports the match in `caps` of `hay`, which starts at `base`.
    fn consider(&self, doc: &Document, cx: &mut Context<'_>, hay: &str, base: usize, caps: &Caps<'_>) {
        let m = match self.kind {
            Kind::Line => caps.group("line"),
            Kind::Match => caps.group("flag").or_else(|| Some(caps.whole())),
        };
        let Some(m) = m else { return };
        if self.first_lines.is_some_and(|n| doc.line_index(base + m.start) >= n) {
            return;
        }
        if m.is_empty() || self.max_length.is_some_and(|max| hay[m.clone()].chars().count() > max) {
            return;
        }
        if self.skip_code
            && crate::code::in_block(
                |j| doc.slice(doc.line_span(j)),
                doc.line_count(),
                doc.line_index(base + m.start),
            )
        {
            return;
        }
        self.report(doc, cx, Span::new(base + m.start, base + m.end), caps);
    }
}

impl Lint for DataLint {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        // Every match holds the gate's literals: without them, no line of
        // the text can match, and the pattern is neither compiled nor run.
        let gate = self.gate();
        if gate.is_some_and(|g| !g.may_match(text)) {
            return;
        }
        if let (Kind::Line, Some(max)) = (self.kind, self.max_length) {
            // A line pattern reports at most the line without its blanks, and
            // nothing longer than `max`: the pattern runs only on lines short
            // enough, each alone, as the whole-text pass below checks a
            // match that ran across line ends. Prose lines are long.
            let lines = self.first_lines.map_or(doc.line_count(), |n| n.min(doc.line_count()));
            let mine = self.mine();
            // Most documents are ASCII, and then so is each line.
            let ascii_doc = doc.is_ascii();
            let rejected = self.line_scan.as_ref().and_then(|m| cx.line_scan(m));
            for i in 0..lines {
                if rejected.is_some_and(|r| r.has(i)) {
                    continue;
                }
                let span = doc.line_span(i);
                let line = &text[span.start..span.end];
                if !line.is_empty()
                    && short_enough(line, max)
                    && gate.is_none_or(|g| g.may_match(line))
                    && self.starts_when_worth().is_none_or(|s| s.may_match(line))
                {
                    if let Some(c) = self.line_captures_with(mine, line, ascii_doc || line.is_ascii()) {
                        self.consider(doc, cx, line, span.start, &c);
                    }
                }
            }
            return;
        }
        self.check_text(doc, cx);
    }
}

impl DataLint {
    /// The pattern over the whole text at once.
    fn check_text(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        // One pass over the whole text. A line pattern whose `\s` ran
        // across a line end is checked again on each line it covered,
        // so authors need not think about line ends.
        let mut last_line_checked = None;
        for caps in self.regex().captures_iter(text) {
            let whole = caps.get(0).unwrap();
            if self.kind == Kind::Line && whole.as_str().contains(['\n', '\r']) {
                let first = doc.line_index(whole.start());
                let last = doc.line_index(whole.end().saturating_sub(1).max(whole.start()));
                let from = last_line_checked.map_or(first, |l: usize| first.max(l + 1));
                for line in from..=last {
                    let span = doc.line_span(line);
                    let line = &text[span.start..span.end];
                    if let Some(c) = self.regex().captures(line) {
                        self.consider(doc, cx, line, span.start, &Caps::Text(c));
                    }
                }
                last_line_checked = Some(last);
                continue;
            }
            if last_line_checked.is_some_and(|l| doc.line_index(whole.start()) <= l) {
                continue;
            }
            self.consider(doc, cx, text, 0, &Caps::Text(caps));
        }
    }
}

/// Puts the built-in line lints named in each of [`crate::line_scan::GROUPS`]
/// into one group, which scans their shadows together: those that run
/// their shadows on every short line (no `first-lines`).
pub(crate) fn join_line_scans(lints: &mut [DataLint]) {
    let member_of = |l: &DataLint, names: &[&str]| {
        let shadow = l.built_in.and_then(|b| b.shadow).map(|(pattern, _)| pattern);
        let scans_lines = l.kind == Kind::Line && l.first_lines.is_none();
        shadow.zip(l.max_length).filter(|_| scans_lines && names.contains(&&*l.info.name))
    };
    // Each group's members, by their index in `lints`.
    let mut groups: Vec<Vec<usize>> = crate::line_scan::GROUPS
        .iter()
        .map(|names| (0..lints.len()).filter(|&i| member_of(&lints[i], names).is_some()).collect())
        .collect();
    groups.iter_mut().filter(|g| g.len() < 2).for_each(Vec::clear);
    let shadows = groups
        .iter()
        .zip(crate::line_scan::GROUPS)
        .map(|(g, names)| g.iter().filter_map(|&i| member_of(&lints[i], names)).collect())
        .collect();
    let members = crate::line_scan::LineScan::members(shadows);
    for (g, places) in groups.iter().zip(members) {
        for (&i, place) in g.iter().zip(places) {
            lints[i].line_scan = Some(place);
        }
    }
}

/// Compiles a pattern: a built-in one with the fixed limits, a user's
/// within its registry's [`PatternBudget`].
fn compile(full: &str, budget: Option<&PatternBudget>) -> Result<Regex, String> {
    match budget {
        Some(budget) => budget.compile(full),
        None => RegexBuilder::new(full)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| e.to_string()),
    }
}

/// Whether `line` without its blanks is at most `max` characters: a line
/// pattern's match holds all of it, so a longer line cannot be reported.
fn short_enough(line: &str, max: usize) -> bool {
    if line.len() <= max {
        return true;
    }
    let content = line.trim_matches(char::is_whitespace);
    content.len() <= max || (content.len() <= 4 * max && content.chars().count() <= max)
}

fn render_docs(
    summary: &str,
    why: &str,
    examples: &[Example],
    fix: Option<Applicability>,
    pattern: &str,
) -> String {
    let mut d = format!(
        "## What it does\nFlags {}.\n\n## Why is this bad?\n{}\n\n## Example\n",
        summary.trim_end_matches('.'),
        why.trim()
    );
    for ex in examples.iter().filter(|e| e.fires > 0).take(2) {
        d.push_str("```text\n");
        d.push_str(ex.text.trim_end());
        d.push_str("\n```\n");
    }
    if let Some(ex) = examples.iter().find(|e| e.fires == 0) {
        d.push_str("Left alone:\n```text\n");
        d.push_str(ex.text.trim_end());
        d.push_str("\n```\n");
    }
    d.push_str("\n## Fix safety\n");
    d.push_str(match fix {
        Some(Applicability::Safe) => "Safe: the fix cannot change what the text says.\n",
        Some(Applicability::Unsafe) => {
            "Unsafe: the fix deletes or rewrites text, so it is applied only with `--unsafe-fixes`; review it.\n"
        }
        None => "No fix is offered.\n",
    });
    d.push_str("\n## Pattern\n```text\n");
    d.push_str(pattern.trim());
    d.push_str("\n```\n");
    d
}

fn first_line(s: &str) -> String {
    // regex errors span several lines (a caret diagram); keep the message.
    s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}

pub(crate) fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A data lint's name, category, level and kind, checked.
#[allow(clippy::result_large_err)]
fn header(
    name: &str,
    folder_category: Option<Category>,
    raw: &Raw,
    src: &NamedSource<String>,
) -> Result<(Category, Option<Level>, Kind), LintFileError> {
    if !is_kebab_case(name) {
        return Err(lint_file_error(src, format!("lint name `{name}` (the file name) is not kebab-case"))
            .help("name the file like `cookie-banner.toml`"));
    }

    let category = match (&raw.category, folder_category) {
            (Some(c), _) => c
                .get_ref()
                .parse::<Category>()
                .map_err(|m| lint_file_error(src, m.clone()).at(c.span(), m))?,
            (None, Some(c)) => c,
            (None, None) => {
                return Err(lint_file_error(src, "no category").help(
                    "put the file in a folder named after its category (`boilerplate/`), or set `category = \"boilerplate\"`",
                ))
            }
        };
    let level = match &raw.level {
        Some(l) => {
            Some(l.get_ref().parse::<Level>().map_err(|m| lint_file_error(src, m.clone()).at(l.span(), m))?)
        }
        None => None,
    };
    let kind = match raw.kind.get_ref().as_str() {
        "line" => Kind::Line,
        "match" => Kind::Match,
        other => {
            return Err(lint_file_error(src, format!("unknown kind `{other}`"))
                .at(raw.kind.span(), "expected `line` or `match`"))
        }
    };
    Ok((category, level, kind))
}

/// A data lint's fix table, checked: its action, applicability and title.
#[allow(clippy::result_large_err)]
fn read_fix(
    raw_fix: Option<RawFix>,
    src: &NamedSource<String>,
) -> Result<Option<(FixAction, Applicability, String)>, LintFileError> {
    Ok(match raw_fix {
        None => None,
        Some(f) => {
            let applicability = match f.applicability.get_ref().as_str() {
                "safe" => Applicability::Safe,
                "unsafe" => Applicability::Unsafe,
                other => {
                    return Err(lint_file_error(src, format!("unknown applicability `{other}`"))
                        .at(f.applicability.span(), "expected `safe` or `unsafe`"))
                }
            };
            let action = match (f.action.get_ref().as_str(), f.with) {
                ("delete-line", None) => FixAction::DeleteLine,
                ("replace", Some(with)) => FixAction::Replace(with),
                ("replace", None) => {
                    return Err(lint_file_error(src, "`replace` needs `with`")
                        .at(f.action.span(), "add `with = \"...\"`"))
                }
                ("delete-line", Some(_)) => {
                    return Err(
                        lint_file_error(src, "`delete-line` takes no `with`").at(f.action.span(), "here")
                    )
                }
                (other, _) => {
                    return Err(lint_file_error(src, format!("unknown action `{other}`"))
                        .at(f.action.span(), "expected `delete-line` or `replace`"))
                }
            };
            let title = f.title.unwrap_or_else(|| match action {
                FixAction::DeleteLine => "delete the line".to_string(),
                FixAction::Replace(_) => "replace the text".to_string(),
            });
            Some((action, applicability, title))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_invisible_changes_are_safe() {
        assert!(changes_only_invisibles("a \u{200B} b\t", "a b"));
        assert!(changes_only_invisibles("caf&#233; &amp; &nbsp;", "caf\u{e9} &\u{a0}"));
        assert!(!changes_only_invisibles("Body one.\n", ""));
        assert!(!changes_only_invisibles("a.", "a"));
        assert!(!changes_only_invisibles("&bogus;", ""));
    }

    const GOOD: &str = r#"
summary = "a cookie banner"
why = "site chrome"
kind = "line"
pattern = '(?i)we use cookies.*'
message = "cookie banner"
help = "delete the line"
fix = { action = "delete-line", applicability = "unsafe" }
[[example]]
text = "A\r\nWe use cookies to track you.\r\nB\r\n"
fires = 1
fixed = "A\r\nB\r\n"
[[example]]
text = "She said we use cookies sparingly.\n"
fires = 0
"#;

    #[test]
    fn a_line_pattern_anchored_at_a_line_finds_what_the_whole_text_pattern_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = Vec::new();
        for dir in ["seeds", "tests/fixtures"] {
            for e in walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
            {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    lines.extend(t.lines().map(str::to_string));
                }
            }
        }
        let mut compared = 0;
        for (file, lint) in crate::registry::embedded_data_lints() {
            let lint = lint.unwrap_or_else(|e| panic!("{file}: {e}"));
            if lint.kind != Kind::Line {
                continue;
            }
            let examples = lint.examples.iter().flat_map(|e| e.text.lines().map(str::to_string));
            for line in lines.iter().cloned().chain(examples).filter(|l| !l.contains('\r')) {
                let whole = lint.regex().captures(&line).and_then(|c| c.name("line")).map(|m| m.range());
                let one = lint.line_regex().captures(&line).and_then(|c| c.name("line")).map(|m| m.range());
                let fastest = lint.line_captures(&line).and_then(|c| c.group("line"));
                assert_eq!(whole, fastest, "{}: {line:?}", lint.info.name);
                assert_eq!(whole, one, "{}: {line:?}", lint.info.name);
                compared += usize::from(whole.is_some());
            }
        }
        assert!(compared > 50, "only {compared} matching lines compared");
        // The lint that gains most from the copies has them.
        let (_, photo) = crate::registry::embedded_data_lints()
            .into_iter()
            .find(|(file, _)| file.ends_with("/photo-credit.toml"))
            .unwrap();
        let photo = photo.unwrap();
        assert!(photo.ascii_variant().is_some() && photo.shadow().is_some());
    }

    #[test]
    fn word_boundaries_made_ascii_keep_groups_and_agree_on_ascii_text() {
        let p = r"(?i)\A(?P<line>photo\b|\bcredit\B:)\s*(\w+)\z";
        let ascii = crate::ascii_only::variant(p).unwrap();
        assert!(ascii.contains(r"(?-u:\b)") && ascii.contains(r"(?-u:\B)"), "{ascii}");
        let (u, a) = (Regex::new(p).unwrap(), Regex::new(&ascii).unwrap());
        for text in ["Photo", "photo x", "CREDIT: Getty", "credit:Getty", "photos", "Photo_", "x credit: y"] {
            let spans = |re: &Regex| {
                re.captures(text).map(|c| (c.name("line").map(|m| m.range()), c.get(2).map(|m| m.range())))
            };
            assert_eq!(spans(&u), spans(&a), "{text}");
        }
        // Where they differ, outside ASCII, the Unicode pattern is used.
        assert_ne!(u.is_match("photo é"), a.is_match("photo é"));
        assert_eq!(crate::ascii_only::variant(r"photo[ \t]+credit"), None);
        // A shadow matches the shaded text wherever the pattern matches the text, and more.
        let shade = crate::shadow::pattern(p).unwrap();
        let marks: Vec<char> = shade.marks.chars().collect();
        let shadow = regex::bytes::RegexBuilder::new(&shade.pattern).unicode(false).build().unwrap();
        for text in ["Photo", "photoé x", "photos", "credité: x", "crédit: x", "x", "Photo", "CRÉDIT: Ünal"]
        {
            assert!(!u.is_match(text) || shadow.is_match(&crate::shadow::shade(text, &marks)), "{text}");
        }
        assert!(shadow.is_match(b"photos") && !u.is_match("photos"));
        // Where printing the tree would change the pattern, no copy.
        for p in [r"\bab(?:c+)?", r"\bcafé(?:s+)?", r"Référence(?:\b\d+)?", r"(x){0}\b(\w+)"] {
            {
                if let Some(copy) = crate::ascii_only::variant(p) {
                    let (orig, copy) = (Regex::new(p).unwrap(), Regex::new(&copy).unwrap());
                    for text in
                        ["ab", "abc", "café", "cafés", "Référence", "Référence 12", "hello", "x hello"]
                    {
                        let groups = |re: &Regex| {
                            re.captures(text).map(|c| {
                                (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect::<Vec<_>>()
                            })
                        };
                        if text.is_ascii() {
                            assert_eq!(groups(&orig), groups(&copy), "{p} on {text}")
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn parses_and_runs_its_examples_with_crlf() {
        let lint = DataLint::parse("cookie-banner", Some(Category::Boilerplate), "x.toml", GOOD).unwrap();
        lint.check_examples().unwrap();
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let src = GOOD.replace("(?i)we use cookies.*", "(?i)we use (cookies");
        let err = DataLint::parse("c", Some(Category::Boilerplate), "x.toml", &src).unwrap_err();
        assert_eq!(err.message, "invalid pattern");
        let span = err.span.unwrap();
        assert!(src[span].contains("we use (cookies"));
    }

    #[test]
    fn help_defaults_to_the_fix_title_and_is_needed_without_a_fix() {
        let no_help: String =
            GOOD.lines().filter(|l| !l.starts_with("help")).map(|l| format!("{l}\n")).collect();
        assert_ne!(no_help, GOOD);
        let lint = DataLint::parse("c", Some(Category::Boilerplate), "x.toml", &no_help).unwrap();
        let (_, findings) = {
            let doc = Document::new("t.txt", "Title\nWe use cookies sparingly.\nBody\n");
            let mut findings = Vec::new();
            lint.check(&doc, &mut Context::new(0, &doc, &mut findings, &Default::default()));
            (doc, findings)
        };
        assert_eq!(findings[0].help.as_deref(), findings[0].fix.as_ref().map(|f| f.title.as_str()));
        let no_fix: String =
            no_help.lines().filter(|l| !l.starts_with("fix")).map(|l| format!("{l}\n")).collect();
        let err = DataLint::parse("c", Some(Category::Boilerplate), "x.toml", &no_fix).unwrap_err();
        assert_eq!(err.message, "no help");
    }

    #[test]
    fn unknown_key_and_missing_examples_are_errors() {
        let src = GOOD.replace("help =", "hepl =");
        assert!(DataLint::parse("c", Some(Category::Boilerplate), "x.toml", &src).is_err());
        let src = GOOD.replace("fires = 0", "fires = 1");
        let err = DataLint::parse("c", Some(Category::Boilerplate), "x.toml", &src).unwrap_err();
        assert_eq!(err.message, "examples missing");
    }

    #[test]
    fn failing_example_is_reported() {
        let src = GOOD.replace("sparingly", "sparingly.\\nWe use cookies");
        let lint = DataLint::parse("c", Some(Category::Boilerplate), "x.toml", &src).unwrap();
        assert!(lint.check_examples().is_err());
    }

    #[test]
    fn short_lines_alone_find_what_the_whole_text_pass_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = vec![
            "Advertisement\r\nBody.\rADVERTISEMENT  \n\t Advertisement \u{a0}\n".into(),
            "Photo: AP\n\nGetty\nImages\n   \n\u{2003}\u{2003}\n-----\n=====\r\n".into(),
            format!("{}\nAdvertisement\n{}Advertisement\n", "x".repeat(59), " ".repeat(70)),
        ];
        for dir in ["seeds", "tests/fixtures"] {
            for entry in walkdir(&root.join(dir)) {
                texts.extend(std::fs::read_to_string(entry).ok());
            }
        }
        let mut checked = 0;
        for folder in std::fs::read_dir(root.join("lints")).unwrap() {
            let folder = folder.unwrap().path();
            let category = folder.file_name().unwrap().to_str().unwrap().parse::<Category>().ok();
            for file in std::fs::read_dir(&folder).unwrap() {
                let file = file.unwrap().path();
                let name = file.file_stem().unwrap().to_str().unwrap();
                let src = std::fs::read_to_string(&file).unwrap();
                let lint = DataLint::parse(name, category, &file.display().to_string(), &src).unwrap();
                let examples = lint.examples.iter().map(|e| e.text.clone());
                for text in texts.iter().cloned().chain(examples) {
                    let doc = Document::new("t.txt", text);
                    let (mut fast, mut whole) = (Vec::new(), Vec::new());
                    lint.check(&doc, &mut Context::new(0, &doc, &mut fast, &Default::default()));
                    lint.check_text(&doc, &mut Context::new(0, &doc, &mut whole, &Default::default()));
                    let key = |f: &crate::finding::Finding| (f.span, f.message.clone());
                    assert_eq!(
                        fast.iter().map(key).collect::<Vec<_>>(),
                        whole.iter().map(key).collect::<Vec<_>>(),
                        "{name} on {:?}",
                        doc.text()
                    );
                    checked += fast.len();
                }
            }
        }
        assert!(checked > 50, "{checked} findings compared");
    }

    #[test]
    fn grouped_lints_find_what_each_finds_alone() {
        use crate::registry::embedded::EMBEDDED;
        let mut lints: Vec<DataLint> =
            EMBEDDED.iter().map(|built| DataLint::parse_builtin(built, built.name).unwrap()).collect();
        join_line_scans(&mut lints);
        // Every lint a group names is in it.
        let grouped: Vec<&DataLint> = lints.iter().filter(|l| l.line_scan.is_some()).collect();
        let named: Vec<&str> = crate::line_scan::GROUPS.iter().flat_map(|g| g.iter().copied()).collect();
        let mut names: Vec<&str> = grouped.iter().map(|l| &*l.info.name).collect();
        names.sort_unstable();
        let mut want = named.clone();
        want.sort_unstable();
        assert_eq!(names, want);
        // The examples of every lint, all in one document long enough for
        // the groups to scan, then each alone.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> =
            lints.iter().flat_map(|l| l.examples.iter().map(|e| e.text.clone())).collect();
        for entry in walkdir(&root.join("seeds")) {
            texts.extend(std::fs::read_to_string(entry).ok());
        }
        let mut all = texts.join("\n");
        while all.lines().count() < 4096 {
            all = format!("{all}\n{all}");
        }
        texts.insert(0, all);
        let mut found = 0;
        for text in texts {
            let doc = Document::new("t.txt", text);
            let shared = crate::lint::Shared::default();
            for lint in &grouped {
                let (mut fast, mut whole) = (Vec::new(), Vec::new());
                lint.check(&doc, &mut Context::new(0, &doc, &mut fast, &shared));
                lint.check_text(&doc, &mut Context::new(0, &doc, &mut whole, &Default::default()));
                let key = |f: &crate::finding::Finding| (f.span, f.message.clone());
                let name = &lint.info.name;
                assert_eq!(
                    fast.iter().map(key).collect::<Vec<_>>(),
                    whole.iter().map(key).collect::<Vec<_>>(),
                    "{name}"
                );
                found += fast.len();
            }
        }
        assert!(found > 100, "{found} findings compared");
    }

    /// Every file under `dir`.
    fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walkdir(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
