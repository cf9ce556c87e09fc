//! Python bindings: `scrapelint.Linter` and `scrapelint.Stats` over the Rust
//! core. A `Linter` is a library [`Session`], the same run as the CLI's: its
//! configuration's `exclude` and `per-file-ignores`, and the fix loop of
//! `--fix`. Findings cross as the same JSON objects `--format json` prints
//! (or, lean, as tuples of what a pipeline filters on), so Python sees
//! exactly the CLI's fields; nothing is re-implemented here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use scrapelint::engine;
use scrapelint::session::Session;
use scrapelint::stats::{CorpusStats, Frozen};
use scrapelint::{render, Document, Finding, Level};

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A configured linter. Build one per worker: it holds the compiled lints.
#[pyclass(module = "scrapelint._scrapelint", frozen)]
struct Linter {
    session: Session,
}

/// A finding as a pipeline filters on it: code, level, byte span, line.
type Lean = (String, &'static str, usize, usize, usize);

/// A fix applied: the lint's code, the text it took out, the text it put in.
type AppliedFix = (String, String, String);

impl Linter {
    fn document(path: &str, text: &str, record: Option<u64>, id: Option<String>) -> Document {
        let mut doc = Document::new(path, text);
        if let Some(r) = record {
            doc = doc.with_record(r, None);
        }
        if let Some(id) = id {
            doc = doc.with_id(id);
        }
        doc
    }

    /// Where a document's file is, for the configuration's policy: its path,
    /// unless it has none (`<text>`).
    fn file(path: &str) -> Option<&Path> {
        (path != NO_PATH).then(|| Path::new(path))
    }

    fn render(&self, doc: &Document, findings: &[Finding], lean: bool) -> Findings {
        let reg = &self.session.registry;
        if lean {
            Findings::Lean(
                findings
                    .iter()
                    .map(|f| {
                        let line = doc.line_col(f.span.start).0;
                        (reg.info(f.lint).name.to_string(), f.level.as_str(), f.span.start, f.span.end, line)
                    })
                    .collect(),
            )
        } else {
            Findings::Json(findings.iter().map(|f| render::json(reg, doc, f)).collect())
        }
    }

    /// The lints `names` (lints or categories) select, or the CLI's message.
    fn selected(&self, names: &[String]) -> PyResult<HashSet<usize>> {
        let mut ids = HashSet::new();
        for n in names {
            ids.extend(self.session.registry.select(n).map_err(value_error)?.1);
        }
        Ok(ids)
    }
}

/// A document's name when the caller gives none.
const NO_PATH: &str = "<text>";

/// Findings as `--format json` objects (strings), or lean tuples.
#[derive(IntoPyObject)]
enum Findings {
    Json(Vec<String>),
    Lean(Vec<Lean>),
}

#[pymethods]
impl Linter {
    /// `config`: a scrapelint.toml; `discover`: a path to look for the
    /// nearest one from, as the command line does (same stop and trust
    /// rules); neither: built-in defaults. `enable`, `disable`: lints or
    /// categories, as on the command line; `lints`: more data-lint folders;
    /// `stats`: corpus statistics to lint against.
    #[new]
    #[pyo3(signature = (config=None, *, discover=None, enable=Vec::new(), disable=Vec::new(), lints=Vec::new(), stats=None))]
    fn new(
        config: Option<PathBuf>,
        discover: Option<PathBuf>,
        enable: Vec<String>,
        disable: Vec<String>,
        lints: Vec<PathBuf>,
        stats: Option<&Stats>,
    ) -> PyResult<Self> {
        let source = match (&config, &discover) {
            (Some(_), Some(_)) => return Err(value_error("pass config or discover, not both")),
            (Some(p), None) => scrapelint::config::Source::File(p),
            (None, Some(start)) => scrapelint::config::Source::Discover(start),
            (None, None) => scrapelint::config::Source::Nothing,
        };
        let config =
            scrapelint::config::choose(source).map_err(|e| value_error(e.render(no_color(), 100)))?.config;
        let mut session = Session::new(config, &lints, &disable, &enable)
            .map_err(|e| value_error(e.render(no_color(), 100)))?;
        if let Some(s) = stats {
            session = session.with_stats(s.frozen()?).map_err(value_error)?;
        }
        Ok(Linter { session })
    }

    /// The findings in `text`, as JSON strings (`scrapelint.Linter.lint`
    /// parses them), or with `lean` as (code, level, byte_start, byte_end,
    /// line) tuples. The configuration's `exclude` and `per-file-ignores`
    /// apply to `path`.
    #[pyo3(signature = (text, path=NO_PATH, record=None, id=None, lean=false))]
    fn lint_json(
        &self,
        py: Python<'_>,
        text: &str,
        path: &str,
        record: Option<u64>,
        id: Option<String>,
        lean: bool,
    ) -> Findings {
        let doc = Linter::document(path, text, record, id);
        py.detach(|| {
            let findings = self.session.lint_document(&doc, Linter::file(path));
            self.render(&doc, &findings, lean)
        })
    }

    /// Fixes `text` as `--fix` does (`unsafe`: `--unsafe-fixes` too), only
    /// the findings of the lints `select` names (all when `None`) at
    /// `min_level` or above. Returns the text, what is left (as
    /// [`Linter::lint_json`]), and the fixes applied.
    #[pyo3(signature = (text, path=NO_PATH, r#unsafe=false, select=None, min_level=None, record=None, id=None, lean=false))]
    #[allow(clippy::too_many_arguments)]
    fn fix_json(
        &self,
        py: Python<'_>,
        text: &str,
        path: &str,
        r#unsafe: bool,
        select: Option<Vec<String>>,
        min_level: Option<&str>,
        record: Option<u64>,
        id: Option<String>,
        lean: bool,
    ) -> PyResult<(String, Findings, Vec<AppliedFix>)> {
        let ids = select.map(|names| self.selected(&names)).transpose()?;
        let min = min_level.map(parse_level).transpose()?.unwrap_or(Level::Info);
        let doc = Linter::document(path, text, record, id.clone());
        Ok(py.detach(|| {
            let keep = |f: &Finding| f.level >= min && ids.as_ref().is_none_or(|ids| ids.contains(&f.lint));
            let fixed = self.session.fix_document(&doc, Linter::file(path), r#unsafe, keep);
            let reg = &self.session.registry;
            let applied = fixed
                .applied
                .into_iter()
                .map(|a| (reg.info(a.lint).name.to_string(), a.removed, a.inserted))
                .collect();
            let after = Linter::document(path, &fixed.text, record, id);
            let remaining = self.render(&after, &fixed.remaining, lean);
            (fixed.text, remaining, applied)
        }))
    }

    /// The lints a name selects (a lint, a category, or `all`), as the
    /// command line's `--enable` reads it; an unknown name is a ValueError
    /// with the command line's message.
    fn select(&self, name: &str) -> PyResult<Vec<String>> {
        let (_, ids) = self.session.registry.select(name).map_err(value_error)?;
        Ok(ids.into_iter().map(|id| self.session.registry.info(id).name.to_string()).collect())
    }

    /// Lints files and folders as `scrapelint lint PATHS` does (the
    /// configuration's `include`, `exclude`, ignore files, corpus), hiding
    /// what `baseline` records or recording a new one to `write_baseline`.
    /// Returns the findings left (JSON strings), the errors, how many the
    /// baseline hid, and the exit status the command line would give.
    #[pyo3(signature = (paths, *, baseline=None, write_baseline=None, fail_on="warn", exit_zero=false))]
    fn check(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        baseline: Option<PathBuf>,
        write_baseline: Option<PathBuf>,
        fail_on: &str,
        exit_zero: bool,
    ) -> PyResult<(Vec<String>, Vec<String>, usize, u8)> {
        let fail = parse_level(fail_on)?;
        let s = &self.session;
        py.detach(|| {
            let walk = scrapelint::walk::WalkOptions::default();
            let read = scrapelint::walk::ReadOptions::default();
            let inputs = s.inputs(&paths, Some(&[]), &walk, &read).map_err(value_error)?;
            let opts =
                scrapelint::session::RunOptions { read, skip_related_texts: true, ..Default::default() };
            let mut triage = scrapelint::session::Triage::new(
                &s.registry,
                fail,
                baseline.as_deref(),
                write_baseline.as_deref(),
            )
            .map_err(value_error)?;
            let mut shown = Vec::new();
            let run = s
                .stream(
                    &inputs,
                    &opts,
                    &Default::default(),
                    |run: &scrapelint::session::RunReport, report| {
                        if let Some(r) = triage.take(run, report) {
                            shown.extend(r.findings.iter().map(|f| render::json(&s.registry, &r.doc, f)));
                        }
                        Ok::<(), std::convert::Infallible>(())
                    },
                )
                .unwrap_or_else(|e| match e {});
            let mut errors = run.errors.clone();
            if let Some(Err(e)) = triage.write_baseline() {
                errors.push(e);
            }
            let code = if write_baseline.is_some() {
                scrapelint::session::exit_code(errors.len(), false)
            } else {
                triage.exit_code(errors.len(), exit_zero)
            };
            Ok((shown, errors, triage.hidden, code))
        })
    }

    /// True when the configuration's `exclude` names `path`.
    fn excluded(&self, path: &str) -> bool {
        self.session.excluded(Path::new(path))
    }

    /// Corpus statistics of `docs`, a list of `(path, text)` pairs, or of
    /// `(path, record, text)` triples for JSONL records. Pruned (what a single
    /// document holds dropped, final: not to be merged) unless `keep_single`
    /// (as `stats --keep-single`).
    #[pyo3(signature = (docs, keep_single = false))]
    fn stats(&self, py: Python<'_>, docs: Vec<(String, Option<u64>, String)>, keep_single: bool) -> Stats {
        py.detach(|| {
            let docs = documents(docs);
            let empty = engine::empty_stats(&self.session.settings);
            let mut inner = engine::stats_of_all(&empty, &docs);
            if !keep_single {
                inner.prune();
            }
            Stats::of(inner)
        })
    }

    /// A counter of statistics that documents are added to in batches
    /// (a pipeline step's task counting what it sees), kept whole.
    fn counter(&self) -> StatsCounter {
        let empty = engine::empty_stats(&self.session.settings);
        StatsCounter { inner: std::sync::Mutex::new(empty) }
    }
}

fn documents(docs: Vec<(String, Option<u64>, String)>) -> Vec<Document> {
    docs.into_iter()
        .map(|(path, record, text)| {
            let d = Document::new(path, text);
            match record {
                Some(r) => d.with_record(r, None),
                None => d,
            }
        })
        .collect()
}

/// Statistics being counted ([`Linter::counter`]).
#[pyclass(module = "scrapelint._scrapelint", frozen)]
struct StatsCounter {
    inner: std::sync::Mutex<CorpusStats>,
}

#[pymethods]
impl StatsCounter {
    /// Counts `(path, record, text)` triples as `Linter.stats` does; each
    /// document's `(path, record)` must be its own.
    fn add(&self, py: Python<'_>, docs: Vec<(String, Option<u64>, String)>) {
        py.detach(|| {
            let docs = documents(docs);
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            let part = engine::stats_of_all(&inner.clone_empty(), &docs);
            inner.merge(part).expect("statistics of one configuration add up");
        })
    }

    /// What was counted, kept whole (`stats --keep-single`), unless `keep_single=False`.
    #[pyo3(signature = (keep_single = true))]
    fn stats(&self, keep_single: bool) -> Stats {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if !keep_single {
            inner.prune();
        }
        Stats::of(inner)
    }
}

/// A level a pipeline filters on: info, warn or error; else the message
/// the configuration gives for an unknown level.
fn parse_level(level: &str) -> PyResult<Level> {
    match level.parse::<Level>() {
        Ok(Level::Off) => Err(value_error("level `off` selects nothing (expected info, warn or error)")),
        Ok(l) => Ok(l),
        Err(m) => Err(value_error(m)),
    }
}

/// The lints a configuration runs (`config` or `discover`, as for
/// `Linter`, and `lints` folders): `scrapelint rules` as text, JSON lines or
/// Markdown.
#[pyfunction]
#[pyo3(signature = (format="text", *, config=None, discover=None, lints=Vec::new()))]
fn rules(
    format: &str,
    config: Option<PathBuf>,
    discover: Option<PathBuf>,
    lints: Vec<PathBuf>,
) -> PyResult<String> {
    let reg = registry(config, discover, lints)?;
    match format {
        "text" => Ok(scrapelint::docs::rules_text(&reg)),
        "json" => Ok(scrapelint::docs::rules_json(&reg)),
        "markdown" => Ok(scrapelint::docs::rules_markdown(&reg)),
        other => Err(value_error(format!("unknown format `{other}` (expected text, json or markdown)"))),
    }
}

/// `scrapelint explain NAME`: a lint's or a category's documentation.
#[pyfunction]
#[pyo3(signature = (name, *, config=None, discover=None, lints=Vec::new()))]
fn explain(
    name: &str,
    config: Option<PathBuf>,
    discover: Option<PathBuf>,
    lints: Vec<PathBuf>,
) -> PyResult<String> {
    scrapelint::docs::explain(&registry(config, discover, lints)?, name).map_err(value_error)
}

/// The registry a configuration (chosen as for `Linter`) and `lints` folders make.
fn registry(
    config: Option<PathBuf>,
    discover: Option<PathBuf>,
    lints: Vec<PathBuf>,
) -> PyResult<scrapelint::Registry> {
    Ok(Linter::new(config, discover, Vec::new(), Vec::new(), lints, None)?.session.registry)
}

/// Checks a level (see [`parse_level`]) and gives its name back.
#[pyfunction]
fn check_level(level: &str) -> PyResult<&'static str> {
    parse_level(level).map(|l| l.as_str())
}

fn no_color() -> miette::GraphicalTheme {
    miette::GraphicalTheme::unicode_nocolor()
}

/// Corpus statistics: the file `scrapelint stats` writes.
#[pyclass(module = "scrapelint._scrapelint", frozen)]
struct Stats {
    inner: Held,
}

/// Statistics that add up, or final ones in the layout lints read in place
/// (a final file is not copied into tables).
enum Held {
    Counted(CorpusStats),
    Final(std::sync::Arc<Frozen>),
}

impl Stats {
    fn of(inner: CorpusStats) -> Stats {
        Stats { inner: Held::Counted(inner) }
    }

    fn counted(&self) -> std::borrow::Cow<'_, CorpusStats> {
        match &self.inner {
            Held::Counted(c) => std::borrow::Cow::Borrowed(c),
            Held::Final(f) => std::borrow::Cow::Owned(f.thaw()),
        }
    }

    /// The statistics as a run lints against them.
    fn frozen(&self) -> PyResult<std::sync::Arc<Frozen>> {
        match &self.inner {
            Held::Counted(c) => c.clone().freeze().map(std::sync::Arc::new).map_err(value_error),
            Held::Final(f) => Ok(f.clone()),
        }
    }

    fn read(bytes: Vec<u8>) -> PyResult<Stats> {
        let inner = if scrapelint::stats::is_final(&bytes) {
            Frozen::from_bytes(bytes).map(|f| Held::Final(f.into()))
        } else {
            CorpusStats::from_bytes(&bytes).map(Held::Counted)
        };
        inner.map(|inner| Stats { inner }).map_err(value_error)
    }
}

#[pymethods]
impl Stats {
    #[staticmethod]
    /// Reads a statistics file as the command line does: a regular file
    /// (a FIFO is refused, not waited on) of at most 4 GiB. A file that
    /// cannot be read is an OSError; one that is not statistics a ValueError.
    #[pyo3(signature = (path, max_bytes = CorpusStats::MAX_FILE_BYTES))]
    fn load(path: PathBuf, max_bytes: u64) -> PyResult<Stats> {
        let name = scrapelint::render::escape(&scrapelint::walk::display_path(&path));
        if std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() > max_bytes) {
            // The library's message, which says how to raise the limit.
            let e = CorpusStats::load_limited(&path, max_bytes).err().unwrap_or_default();
            return Err(PyOSError::new_err(format!("{name}: {e}")));
        }
        let bytes = scrapelint::walk::read_regular_bytes(&path, max_bytes)
            .map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
        Stats::read(bytes)
    }

    /// Adds up statistics files as `stats --merge` does (pruned unless
    /// `keep_single`): files of one partition add up, partitions join.
    #[staticmethod]
    #[pyo3(signature = (paths, keep_single = false, max_bytes = CorpusStats::MAX_FILE_BYTES))]
    fn merge_files(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        keep_single: bool,
        max_bytes: u64,
    ) -> PyResult<Stats> {
        py.detach(|| {
            let mut inner = CorpusStats::merge_files_limited(&paths, max_bytes).map_err(value_error)?;
            if !keep_single {
                inner.prune();
            }
            Ok(Stats::of(inner))
        })
    }

    /// These statistics as `n` partitions of the keys (`stats --partitions`), in order.
    fn split(&self, n: u32) -> PyResult<Vec<Stats>> {
        let parts = self.counted().into_owned().split(n).map_err(value_error)?;
        Ok(parts.into_iter().map(Stats::of).collect())
    }

    /// The keys held: `all keys`, or `partition 3 of 8`.
    #[getter]
    fn partition(&self) -> String {
        match &self.inner {
            Held::Counted(c) => c.partition.describe(),
            Held::Final(_) => scrapelint::stats::Partition::default().describe(),
        }
    }

    /// Statistics from the bytes of a statistics file.
    #[staticmethod]
    fn from_bytes(bytes: &[u8]) -> PyResult<Stats> {
        Stats::read(bytes.to_vec())
    }

    /// The bytes of the statistics file.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        match &self.inner {
            Held::Counted(c) => pyo3::types::PyBytes::new(py, &c.to_bytes()),
            Held::Final(f) => pyo3::types::PyBytes::new(py, f.as_bytes()),
        }
    }

    /// Writes the statistics file (atomically).
    fn save(&self, path: PathBuf) -> PyResult<()> {
        let bytes = match &self.inner {
            Held::Counted(c) => std::borrow::Cow::Owned(c.to_bytes()),
            Held::Final(f) => std::borrow::Cow::Borrowed(f.as_bytes()),
        };
        scrapelint::fix::write_atomic_bytes(&path, &bytes)
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))
    }

    /// These statistics pruned: final, as a run lints against them (a new object).
    fn pruned(&self) -> Stats {
        match &self.inner {
            Held::Counted(c) => {
                let mut inner = c.clone();
                inner.prune();
                Stats::of(inner)
            }
            Held::Final(f) => Stats { inner: Held::Final(f.clone()) },
        }
    }

    /// These statistics plus `other`'s (a new object).
    fn merge(&self, other: &Stats) -> PyResult<Stats> {
        let mut sum = self.counted().into_owned();
        sum.merge(other.counted().into_owned()).map_err(value_error)?;
        Ok(Stats::of(sum))
    }

    /// Documents counted.
    #[getter]
    fn documents(&self) -> u64 {
        match &self.inner {
            Held::Counted(c) => c.documents,
            Held::Final(f) => f.documents,
        }
    }
}

#[pymodule]
fn _scrapelint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Linter>()?;
    m.add_class::<Stats>()?;
    m.add_class::<StatsCounter>()?;
    m.add_function(wrap_pyfunction!(check_level, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
