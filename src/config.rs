//! `scrapelint.toml` (or `.scrapelint.toml`): found by walking up from the
//! first path checked; `--config FILE` overrides. Keys are kebab-case and
//! unknown keys are errors that point into the file.
//!
//! ```toml
//! corpus = ["../archive"]                   # more documents for corpus lints to read
//! names = ["Antony Blinken", "Kennan Institute"]
//! name-variants = [["Kiev", "Kyiv"]]         # spellings that are not errors
//! [lints]
//! stray-period = "error"                     # a lint or a category: off|info|warn|error
//! typography = "info"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use serde::Deserialize;
use toml::Spanned;

use crate::lint::Level;
use crate::registry::Registry;

pub const FILE_NAMES: [&str; 2] = ["scrapelint.toml", ".scrapelint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    corpus: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    name_variants: Vec<Vec<String>>,
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// What the configuration says, with paths made relative to its folder.
#[derive(Debug, Default, Clone)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub corpus: Vec<PathBuf>,
    pub names: Vec<String>,
    pub name_variants: Vec<Vec<String>>,
    levels: Vec<(String, Level, Range<usize>)>,
    source: Option<NamedSource<String>>,
}

/// A configuration file that cannot be used.
#[derive(Debug)]
pub struct ConfigError {
    message: String,
    src: NamedSource<String>,
    span: Option<Range<usize>>,
    label: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration {}: {}", self.src.name(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("config"))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(Some(self.label.clone()), span))))
    }
}

impl Config {
    /// The configuration for `start` (a file or folder): the nearest config
    /// file in it or above it, or none.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let abs = std::fs::canonicalize(start).ok()?;
        let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
        while let Some(d) = dir {
            for name in FILE_NAMES {
                let p = d.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
            dir = d.parent();
        }
        None
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(ConfigError {
                message: format!("cannot read: {e}"),
                src: NamedSource::new(path.display().to_string(), String::new()),
                span: None,
                label: String::new(),
            })
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Box<ConfigError>> {
        let src = NamedSource::new(crate::walk::display_path(path), text.to_string()).with_language("toml");
        let err = |message: String, span: Option<Range<usize>>, label: &str| {
            Box::new(ConfigError { message, src: src.clone(), span, label: label.to_string() })
        };
        let raw: Raw = toml::from_str(text).map_err(|e| err(e.message().to_string(), e.span(), "here"))?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut levels = Vec::new();
        for (name, level) in raw.lints {
            let l = level
                .get_ref()
                .parse::<Level>()
                .map_err(|m| err(m, Some(level.span()), "expected off, info, warn or error"))?;
            levels.push((name.get_ref().clone(), l, name.span()));
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            corpus: raw.corpus.iter().map(|c| base.join(c)).collect(),
            names: raw.names,
            name_variants: raw.name_variants,
            levels,
            source: Some(src),
        })
    }

    /// Applies the `[lints]` table; an unknown lint or category points at its key.
    pub fn apply_levels(&self, registry: &mut Registry) -> Result<(), Box<ConfigError>> {
        for (name, level, span) in &self.levels {
            registry.set_level(name, *level).map_err(|m| {
                Box::new(ConfigError {
                    message: m,
                    src: self.source.clone().expect("levels come from a file"),
                    span: Some(span.clone()),
                    label: "no lint or category of this name".into(),
                })
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let c = Config::parse(
            Path::new("x/scrapelint.toml"),
            "names = [\"A B\"]\ncorpus = [\"c\"]\n[lints]\nstray-period = \"error\"\n",
        )
        .unwrap();
        assert_eq!(c.names, ["A B"]);
        assert_eq!(c.corpus, [Path::new("x/c")]);
        let e = Config::parse(Path::new("s.toml"), "name = []\n").unwrap_err();
        assert!(e.message.contains("unknown field `name`"), "{}", e.message);
        let e = Config::parse(Path::new("s.toml"), "[lints]\nx = \"loud\"\n").unwrap_err();
        assert_eq!(&e.src.inner()[e.span.clone().unwrap()], "\"loud\"");
    }
}
