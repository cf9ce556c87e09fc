//! Python bindings: `scrapelint.Linter` and `scrapelint.Stats` over the Rust
//! core. Findings cross as the same JSON objects `--format json` prints, so
//! Python sees exactly the CLI's fields; nothing is re-implemented here.

use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use scrapelint::config::Config;
use scrapelint::engine::{self, Settings};
use scrapelint::stats::{CorpusStats, Needs};
use scrapelint::{render, Document, Registry};

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A configured linter. Build one per worker: it holds the compiled lints.
#[pyclass(module = "scrapelint._scrapelint", frozen)]
struct Linter {
    reg: Registry,
    settings: Settings,
    stats: Option<CorpusStats>,
}

#[pymethods]
impl Linter {
    /// `config`: a scrapelint.toml (default: built-in defaults); `enable`,
    /// `disable`: lints or categories, as on the command line; `lints`: more
    /// data-lint folders; `stats`: corpus statistics to lint against.
    #[new]
    #[pyo3(signature = (config=None, *, enable=Vec::new(), disable=Vec::new(), lints=Vec::new(), stats=None))]
    fn new(
        config: Option<PathBuf>,
        enable: Vec<String>,
        disable: Vec<String>,
        lints: Vec<PathBuf>,
        stats: Option<&Stats>,
    ) -> PyResult<Self> {
        let config = match &config {
            Some(p) => Config::load(p).map_err(|e| {
                value_error(scrapelint::config::SetupError::Report(e).render(no_color(), 100))
            })?,
            None => Config::default(),
        };
        let (reg, settings) =
            config.setup(&lints, &disable, &enable).map_err(|e| value_error(e.render(no_color(), 100)))?;
        let stats = stats.map(|s| s.inner.clone());
        if let Some(why) = stats.as_ref().and_then(|s| engine::stats_mismatch(&reg, &settings, s)) {
            return Err(value_error(why));
        }
        Ok(Linter { reg, settings, stats })
    }

    /// The findings in `text`, as JSON strings (`scrapelint.Linter.lint` parses them).
    #[pyo3(signature = (text, path="<text>", record=None, id=None))]
    fn lint_json(
        &self,
        py: Python<'_>,
        text: &str,
        path: &str,
        record: Option<u64>,
        id: Option<String>,
    ) -> Vec<String> {
        let mut doc = Document::new(path, text);
        if let Some(r) = record {
            doc = doc.with_record(r, None);
        }
        if let Some(id) = id {
            doc = doc.with_id(id);
        }
        py.detach(|| {
            let findings = engine::lint_text(&self.reg, &doc, &self.settings, self.stats.as_ref());
            findings.iter().map(|f| render::json(&self.reg, &doc, f)).collect()
        })
    }

    /// Corpus statistics of `docs`, a list of `(path, text)` pairs, or of
    /// `(path, record, text)` triples for JSONL records.
    fn stats(&self, py: Python<'_>, docs: Vec<(String, Option<u64>, String)>) -> Stats {
        py.detach(|| {
            let docs: Vec<Document> = docs
                .into_iter()
                .map(|(path, record, text)| {
                    let d = Document::new(path, text);
                    match record {
                        Some(r) => d.with_record(r, None),
                        None => d,
                    }
                })
                .collect();
            let max_chars = scrapelint::stats::line_max_chars(&self.settings);
            Stats { inner: engine::stats_of(&CorpusStats::new(Needs::ALL, max_chars), &docs) }
        })
    }
}

fn no_color() -> miette::GraphicalTheme {
    miette::GraphicalTheme::unicode_nocolor()
}

/// Corpus statistics: the file `scrapelint stats` writes.
#[pyclass(module = "scrapelint._scrapelint", frozen)]
struct Stats {
    inner: CorpusStats,
}

#[pymethods]
impl Stats {
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Stats> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
        Stats::from_json(&text)
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Stats> {
        CorpusStats::from_json(text).map(|inner| Stats { inner }).map_err(value_error)
    }

    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Writes the statistics file (atomically).
    fn save(&self, path: PathBuf) -> PyResult<()> {
        scrapelint::fix::write_atomic(&path, &self.inner.to_json())
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))
    }

    /// These statistics plus `other`'s (a new object).
    fn merge(&self, other: &Stats) -> PyResult<Stats> {
        let mut sum = self.inner.clone();
        sum.merge(other.inner.clone()).map_err(value_error)?;
        Ok(Stats { inner: sum })
    }

    /// Documents counted.
    #[getter]
    fn documents(&self) -> u64 {
        self.inner.documents
    }
}

#[pymodule]
fn _scrapelint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Linter>()?;
    m.add_class::<Stats>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
