//! `scrapelint.toml` (or `.scrapelint.toml`): found by walking up from the
//! first path checked; `--config FILE` overrides. Keys are kebab-case and
//! unknown keys are errors that point into the file.
//!
//! ```toml
//! include = ["**/*.txt", "**/*.md"]         # files linted inside folders (default: *.txt)
//! exclude = ["drafts/**"]                   # never linted, even when named on the command line
//! lint-dirs = ["lints/"]                    # folders of your own data lints
//! corpus = ["../archive"]                   # more documents for corpus lints to read
//! names = ["Antony Blinken", "Kennan Institute"]
//! name-variants = [["Kiev", "Kyiv"]]         # spellings that are not errors
//! [lints]
//! stray-period = "error"                     # a lint or a category: off|info|warn|error
//! typography = "info"
//! [per-file-ignores]
//! "legacy/**" = ["glued-sentence", "unicode"]
//! [lint-options.repeated-line]
//! min-documents = 5                         # `scrapelint explain LINT` lists its options
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, NamedSource};
use serde::Deserialize;
use toml::Spanned;

use crate::file_error::{FileError, FileKind};

use crate::level::Level;
use crate::registry::Registry;

pub const FILE_NAMES: [&str; 2] = ["scrapelint.toml", ".scrapelint.toml"];

/// scrapelint's configuration file (`scrapelint.toml` or `.scrapelint.toml`).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "scrapelint.toml"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    /// Globs of the files to lint inside the folders given (relative to this file's folder); files
    /// named on the command line are always linted.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Vec<String>"))]
    include: Vec<Spanned<String>>,
    /// Globs of files never linted, even when named.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Vec<String>"))]
    exclude: Vec<Spanned<String>>,
    /// Folders of data lints of your own (`<category>/<name>.toml`).
    #[serde(default)]
    lint_dirs: Vec<String>,
    /// Lints or categories ignored for the files a glob names.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "BTreeMap<String, Vec<String>>"))]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Folders of documents corpus lints compare the linted files with.
    #[serde(default)]
    corpus: Vec<String>,
    /// Names known to be spelled right ("Antony Blinken").
    #[serde(default)]
    names: Vec<String>,
    /// Groups of spellings that are all accepted (["Kiev", "Kyiv"]).
    #[serde(default)]
    name_variants: Vec<Vec<String>>,
    /// Levels by lint, category or `all`: the most specific entry wins.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "BTreeMap<String, schema::LevelName>"))]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Options by lint (`scrapelint explain LINT` lists each lint's).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "BTreeMap<String, BTreeMap<String, f64>>"))]
    lint_options: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    /// Findings accepted one by one: a lint and the text it flags (exact, or a pattern), in
    /// every file or in those a glob names.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Vec<RawIgnore>"))]
    ignore: Vec<Spanned<RawIgnore>>,
}

/// One `[[ignore]]` entry.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    /// The lint whose finding is accepted.
    lint: String,
    /// The flagged text, exactly (a line lint flags the line without its blanks).
    text: Option<String>,
    /// A regular expression the flagged text matches (Rust `regex` syntax).
    pattern: Option<String>,
    /// A glob of the files it applies to (relative to this file's folder); every file without it.
    path: Option<String>,
}

/// A finding accepted in the configuration (`[[ignore]]`).
#[derive(Debug, Clone)]
pub struct Accepted {
    pub lint: String,
    /// The exact flagged text, or a pattern it matches.
    text: Option<String>,
    pattern: Option<regex::Regex>,
    path: Option<GlobSet>,
    /// How the entry reads, for the note that it matched nothing.
    pub shown: String,
    span: Range<usize>,
}

impl Accepted {
    /// Whether this entry accepts a finding of `lint` flagging `flagged` in
    /// `file` (relative to the configuration's folder, or as given).
    pub fn accepts(&self, lint: &str, flagged: &str, file: Option<(&Path, &Path)>) -> bool {
        lint == self.lint
            && self.text.as_deref().is_none_or(|t| t == flagged)
            && self.pattern.as_ref().is_none_or(|p| p.is_match(flagged))
            && self
                .path
                .as_ref()
                .is_none_or(|g| file.is_some_and(|(rel, given)| g.is_match(rel) || g.is_match(given)))
    }
}

/// The configuration's JSON Schema, for editors: made from [`Raw`] by a test
/// and committed as `scrapelint.schema.json`.
#[cfg(test)]
mod schema {
    /// A level.
    #[derive(schemars::JsonSchema)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    pub enum LevelName {
        Off,
        Info,
        Warn,
        Warning,
        Error,
    }

    #[test]
    fn the_committed_schema_is_the_configurations() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scrapelint.schema.json");
        let schema = serde_json::to_string_pretty(&schemars::schema_for!(super::Raw)).unwrap() + "\n";
        if std::env::var_os("BLESS").is_some_and(|v| v != "0") {
            std::fs::write(&path, &schema).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema,
            "scrapelint.schema.json is not the configuration's schema: run BLESS=1 cargo test"
        );
    }
}

/// A lint or category name and where the file says it.
type Named = (String, Range<usize>);

/// What the configuration says, with paths made relative to its folder.
#[derive(Debug, Default, Clone)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// Folder the globs are relative to (the configuration's folder).
    pub base: PathBuf,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub lint_dirs: Vec<PathBuf>,
    /// The `include` and `exclude` globs as written.
    pub globs: (Vec<String>, Vec<String>),
    per_file_ignores: Vec<(GlobSet, Vec<Named>)>,
    /// The `per-file-ignores` globs as written, in the same order.
    ignore_globs: Vec<String>,
    /// (lint, key, value, where the key is, where the value is)
    lint_options: Vec<(Named, Named, toml::Value, Range<usize>)>,
    pub corpus: Vec<PathBuf>,
    pub names: Vec<String>,
    pub name_variants: Vec<Vec<String>>,
    /// `[[ignore]]`: findings accepted one by one.
    pub accepted: Vec<Accepted>,
    levels: Vec<(String, Level, Range<usize>)>,
    source: Option<NamedSource<String>>,
    /// `--config 'KEY = VALUE'` overrides, in order: their levels and lint
    /// options apply after the file's (each checked against its own text);
    /// the rest is merged in by [`Config::with_override`].
    overrides: Vec<Config>,
}

/// A configuration file that cannot be used.
pub type ConfigError = FileError;

impl Config {
    /// The configuration for `start` (a file or folder): the nearest config
    /// file in it or above it, or none. The search goes up to the
    /// repository's root ([`crate::trust::is_repo_root`], the one rule for
    /// which `.git` counts) or to the user's home, whichever comes first;
    /// with neither above `start`, only its own folder is looked in: folders
    /// above belong to someone else.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let home =
            std::env::var_os("HOME").filter(|h| !h.is_empty()).and_then(|h| std::fs::canonicalize(h).ok());
        let abs = std::fs::canonicalize(start).ok()?;
        let first = if abs.is_dir() { abs.as_path() } else { abs.parent()? };
        let stop = first.ancestors().find(|d| crate::trust::is_repo_root(d) || home.as_deref() == Some(*d));
        let last = stop.unwrap_or(first);
        for d in first.ancestors() {
            for name in FILE_NAMES {
                let p = d.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
            if d == last {
                break;
            }
        }
        None
    }

    /// For a configuration found by [`Config::discover`]: an error when it,
    /// or anything in its lint folders, could have been written by someone
    /// other than the user or root (see [`untrusted`]).
    pub fn check_trusted(&self) -> Result<(), String> {
        let mut paths: Vec<PathBuf> = self.path.iter().cloned().collect();
        for dir in &self.lint_dirs {
            // Missing or unreadable entries are reported when the folder is read.
            paths
                .extend(walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).map(|e| e.into_path()));
        }
        for p in paths {
            if let Some(why) = untrusted(&p) {
                return Err(format!(
                    "{}: not used: {why}; name the configuration with --config to use it anyway, or pass --no-config",
                    crate::walk::display_path(&p)
                ));
            }
        }
        Ok(())
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
        let text = crate::walk::read_regular(path).map_err(|e| {
            Box::new(FileError::new(
                FileKind::Config,
                &NamedSource::new(path.display().to_string(), String::new()),
                format!("cannot read: {e}"),
            ))
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Box<ConfigError>> {
        // Drawn on a terminal: names and text with unsafe characters replaced
        // (the same byte offsets, so spans still point at the same place).
        let src = NamedSource::new(
            crate::escape::escape(&crate::walk::display_path(path)),
            crate::escape::display_text(&text.into()).to_string(),
        )
        .with_language("toml");
        let err = |message: String, span: Option<Range<usize>>, label: &str| {
            Box::new(FileError::new(FileKind::Config, &src, message).at(span, label))
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let message = e.message().to_string();
            let hint = unknown_key_hint(&message);
            err(message, e.span(), hint.as_deref().unwrap_or("here"))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let globs = |list: &[Spanned<String>]| -> Result<Option<GlobSet>, Box<ConfigError>> {
            if list.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in list {
                if g.get_ref().starts_with('/') {
                    return Err(err(
                        "a glob starting with `/` matches nothing: globs are matched against paths relative to the configuration's folder".into(),
                        Some(g.span()),
                        "drop the leading `/`",
                    ));
                }
                let glob = Glob::new(g.get_ref())
                    .map_err(|e| err(e.kind().to_string(), Some(g.span()), "bad glob"))?;
                b.add(glob);
            }
            Ok(Some(b.build().map_err(|e| err(e.to_string(), None, ""))?))
        };
        let include = globs(&raw.include)?;
        let exclude = globs(&raw.exclude)?;
        let mut per_file_ignores = Vec::new();
        let mut ignore_globs = Vec::new();
        for (pattern, lints) in raw.per_file_ignores {
            ignore_globs.push(pattern.get_ref().clone());
            let set = globs(std::slice::from_ref(&pattern))?.expect("one glob");
            per_file_ignores
                .push((set, lints.into_iter().map(|l| (l.get_ref().clone(), l.span())).collect()));
        }
        let mut lint_options = Vec::new();
        for (lint, table) in raw.lint_options {
            for (key, value) in table {
                lint_options.push((
                    (lint.get_ref().clone(), lint.span()),
                    (key.get_ref().clone(), key.span()),
                    value.get_ref().clone(),
                    value.span(),
                ));
            }
        }
        let mut accepted = Vec::new();
        for entry in raw.ignore {
            let span = entry.span();
            let e = entry.into_inner();
            let what = match (&e.text, &e.pattern) {
                (Some(t), None) => format!("text = {t:?}"),
                (None, Some(p)) => format!("pattern = {p:?}"),
                _ => {
                    return Err(err(
                        "an [[ignore]] entry takes `text` or `pattern`, one of them".into(),
                        Some(span),
                        "here",
                    ))
                }
            };
            // A pattern is data from a file: bounded like a data lint's.
            let pattern = match &e.pattern {
                Some(p) => Some(
                    regex::RegexBuilder::new(&format!("^(?:{p})$"))
                        .size_limit(1 << 20)
                        .dfa_size_limit(1 << 20)
                        .build()
                        .map_err(|x| err(format!("bad pattern: {x}"), Some(span.clone()), "here"))?,
                ),
                None => None,
            };
            let path = match &e.path {
                Some(g) => Some(
                    GlobSetBuilder::new()
                        .add(
                            Glob::new(g)
                                .map_err(|x| err(x.kind().to_string(), Some(span.clone()), "bad glob"))?,
                        )
                        .build()
                        .map_err(|x| err(x.to_string(), Some(span.clone()), "bad glob"))?,
                ),
                None => None,
            };
            let shown = match &e.path {
                Some(g) => format!("lint = {:?}, {what}, path = {g:?}", e.lint),
                None => format!("lint = {:?}, {what}", e.lint),
            };
            accepted.push(Accepted { lint: e.lint, text: e.text, pattern, path, shown, span });
        }
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
            base: base.to_path_buf(),
            include,
            exclude,
            lint_dirs: raw.lint_dirs.iter().map(|d| base.join(d)).collect(),
            globs: (
                raw.include.iter().map(|g| g.get_ref().clone()).collect(),
                raw.exclude.iter().map(|g| g.get_ref().clone()).collect(),
            ),
            per_file_ignores,
            ignore_globs,
            lint_options,
            corpus: raw.corpus.iter().map(|c| base.join(c)).collect(),
            names: raw.names,
            name_variants: raw.name_variants,
            accepted,
            levels,
            source: Some(src),
            overrides: Vec::new(),
        })
    }

    /// This configuration with an override from the command line
    /// (`--config 'lints.page-chrome = "off"'`): a TOML fragment with the
    /// file's keys, as if written last in it. A list it sets replaces the
    /// file's (`exclude`, `corpus`, `names`…); `per-file-ignores` and
    /// `[[ignore]]` entries are added; `[lints]` and `[lint-options]`
    /// entries apply after the file's. Errors point into the fragment.
    pub fn with_override(mut self, text: &str) -> Result<Config, Box<ConfigError>> {
        let mut o = Config::parse(Path::new("--config"), text)?;
        // Without a file, globs are relative to the working folder.
        if self.path.is_none() && self.base.as_os_str().is_empty() {
            self.base = std::env::current_dir().unwrap_or_default();
        }
        if !o.globs.0.is_empty() {
            self.include = o.include.take();
            self.globs.0 = std::mem::take(&mut o.globs.0);
        }
        if !o.globs.1.is_empty() {
            self.exclude = o.exclude.take();
            self.globs.1 = std::mem::take(&mut o.globs.1);
        }
        for (mine, theirs) in [(&mut self.corpus, &mut o.corpus), (&mut self.lint_dirs, &mut o.lint_dirs)] {
            if !theirs.is_empty() {
                *mine = std::mem::take(theirs);
            }
        }
        if !o.names.is_empty() {
            self.names = std::mem::take(&mut o.names);
        }
        if !o.name_variants.is_empty() {
            self.name_variants = std::mem::take(&mut o.name_variants);
        }
        // Kept in `o` too: checked against its own text (see `setup`).
        self.accepted.extend(o.accepted.iter().cloned());
        self.overrides.push(o);
        Ok(self)
    }

    /// The path as the globs see it: relative to the configuration's folder.
    /// A path that does not exist (`--stdin-filename`) is placed by its folder.
    fn relative(&self, path: &Path) -> PathBuf {
        let abs = crate::walk::resolve(path).unwrap_or_else(|| path.to_path_buf());
        let base = std::fs::canonicalize(&self.base).unwrap_or_else(|_| self.base.clone());
        abs.strip_prefix(&base).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
    }

    /// True when `exclude` matches the path (given on the command line or found in a folder).
    pub fn excluded(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.is_match(self.relative(path)) || g.is_match(path))
    }

    /// True when `include` is set and the path (found in a folder) is not in it.
    pub fn not_included(&self, path: &Path) -> bool {
        self.include.as_ref().is_some_and(|g| !(g.is_match(self.relative(path)) || g.is_match(path)))
    }

    /// The lints and categories ignored for a file.
    pub fn ignored_for(&self, path: &Path) -> Vec<&str> {
        let rel = self.relative(path);
        let own = self.per_file_ignores.iter();
        own.chain(self.overrides.iter().flat_map(|o| o.per_file_ignores.iter()))
            .filter(|(g, _)| g.is_match(&rel) || g.is_match(path))
            .flat_map(|(_, lints)| lints.iter().map(|(l, _)| l.as_str()))
            .collect()
    }

    /// Applies `per-file-ignores` to the findings of the file at `path`:
    /// drops those of the lints and categories ignored for it. The one place
    /// the rule lives; runs, streams and single documents all come here.
    pub fn drop_ignored(
        &self,
        registry: &Registry,
        path: &Path,
        findings: &mut Vec<crate::finding::Finding>,
    ) {
        if self.per_file_ignores.is_empty() && self.overrides.iter().all(|o| o.per_file_ignores.is_empty()) {
            return;
        }
        let ignored = self.ignored_for(path);
        if ignored.is_empty() {
            return;
        }
        findings.retain(|f| {
            let i = registry.info(f.lint);
            !ignored.iter().any(|&x| x == i.name || x == i.category.as_str())
        });
    }

    /// The `[[ignore]]` entry that accepts a finding of `lint` flagging
    /// `flagged` in `file`, if one does.
    pub fn accepted_by(&self, lint: &str, flagged: &str, file: Option<&Path>) -> Option<usize> {
        let rel = std::cell::OnceCell::new();
        self.accepted.iter().position(|a| {
            a.lint == lint
                && a.accepts(lint, flagged, file.map(|f| (rel.get_or_init(|| self.relative(f)).as_path(), f)))
        })
    }

    /// `per-file-ignores` as written: each glob with its lints and categories.
    pub fn ignores(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.ignore_globs
            .iter()
            .zip(&self.per_file_ignores)
            .map(|(g, (_, lints))| (g.as_str(), lints.iter().map(|(l, _)| l.as_str()).collect()))
    }

    /// The `[lint-options]` entries as written: lint, key, value.
    pub fn option_entries(&self) -> impl Iterator<Item = (&str, &str, String)> {
        self.lint_options.iter().map(|((l, _), (k, _), v, _)| (l.as_str(), k.as_str(), v.to_string()))
    }

    /// Checks that every name in `per-file-ignores` is a lint or a category.
    pub fn check_ignores(&self, registry: &Registry) -> Result<(), Box<ConfigError>> {
        for a in &self.accepted {
            if registry.find(&a.lint).is_none() {
                let names = (0..registry.len()).map(|id| &*registry.info(id).name);
                let hint = crate::registry::closest(&a.lint, names)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(Box::new(
                    FileError::new(
                        FileKind::Config,
                        self.source.as_ref().expect("from a file"),
                        format!("unknown lint `{}`{hint}", a.lint),
                    )
                    .at(a.span.clone(), "see `scrapelint rules`"),
                ));
            }
        }
        for (_, lints) in &self.per_file_ignores {
            for (name, span) in lints {
                if let Err(m) = registry.select(name).map(|_| ()).and_then(|_| {
                    if name == "all" {
                        Err("`all` cannot be ignored per file; `exclude` the files instead".to_string())
                    } else {
                        Ok(())
                    }
                }) {
                    return Err(Box::new(
                        FileError::new(FileKind::Config, self.source.as_ref().expect("from a file"), m)
                            .at(span.clone(), "see `scrapelint rules`"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The `[lint-options]` tables, checked against the options each lint declares.
    pub fn options(&self, registry: &Registry) -> Result<BTreeMap<(String, String), f64>, Box<ConfigError>> {
        let err = |message: String, span: &Range<usize>, label: &str| {
            Box::new(
                FileError::new(FileKind::Config, self.source.as_ref().expect("from a file"), message)
                    .at(span.clone(), label),
            )
        };
        let mut out = BTreeMap::new();
        for ((lint, lint_at), (key, key_at), value, value_at) in &self.lint_options {
            let Some(id) = registry.find(lint) else {
                let names = (0..registry.len()).map(|id| &*registry.info(id).name);
                let hint = crate::registry::closest(lint, names)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(err(format!("unknown lint `{lint}`{hint}"), lint_at, "see `scrapelint rules`"));
            };
            let known = registry.lint(id).options();
            let Some(option) = known.iter().find(|o| o.key == key) else {
                let list: Vec<&str> = known.iter().map(|o| o.key).collect();
                let expected = if list.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("expected {}", list.join(", "))
                };
                return Err(err(format!("`{lint}` has no option `{key}`"), key_at, &expected));
            };
            let Some(v) = option.kind.accepts(value) else {
                let expected = option.kind.describe();
                return Err(err(
                    format!("`{key}` takes {expected}"),
                    value_at,
                    &format!("expected {expected}"),
                ));
            };
            out.insert((lint.clone(), key.clone()), v);
        }
        Ok(out)
    }

    /// Applies the `[lints]` table, the most specific entry last whatever the
    /// order in the file: `all`, then categories, then lints, so a lint's own
    /// entry beats its category's. A category's level does not switch on a
    /// lint that is off by default (naming the lint does). An unknown lint or
    /// category points at its key.
    pub fn apply_levels(&self, registry: &mut Registry) -> Result<(), Box<ConfigError>> {
        let mut entries = Vec::new();
        for (name, level, span) in &self.levels {
            let (specificity, _) = registry.select(name).map_err(|m| {
                Box::new(
                    FileError::new(
                        FileKind::Config,
                        self.source.as_ref().expect("levels come from a file"),
                        m,
                    )
                    .at(span.clone(), "no lint or category of this name"),
                )
            })?;
            entries.push((specificity, name, *level));
        }
        entries.sort_by_key(|&(specificity, _, _)| specificity);
        let file = self.path.as_deref().map(crate::walk::display_path).unwrap_or_default();
        for (_, name, level) in entries {
            let origin = format!("[lints] {name} = \"{level}\" in {file}");
            registry.set_level_from(name, level, &origin).expect("selected above");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let e = Config::parse(Path::new("s.toml"), "nmes = []\n").unwrap_err();
        assert_eq!(e.label, "did you mean `names`?");
        let e = Config::parse(Path::new("s.toml"), "[per-file-ignore]\n").unwrap_err();
        assert_eq!(e.label, "did you mean `per-file-ignores`?");
        let e = Config::parse(Path::new("s.toml"), "zzzzzzzzzz = 1\n").unwrap_err();
        assert_eq!(e.label, "here");
    }

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

/// For serde's "unknown field `x`, expected one of `a`, `b`": the known key
/// closest to `x`, as a label ("did you mean `names`?").
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::registry::closest(key, known.iter().copied()).map(|k| format!("did you mean `{k}`?"))
}

/// Why a file that configures a run should not be trusted: the one trust
/// rule of every file found above the run's paths ([`crate::trust`]).
pub use crate::trust::untrusted;

/// Why a configuration could not be turned into a registry: a plain message,
/// or a report pointing into a file (the configuration or a lint file).
#[derive(Debug)]
pub enum SetupError {
    Message(String),
    Report(Box<dyn Diagnostic + Send + Sync>),
}

impl SetupError {
    /// The error as text: the report drawn without colors, or the message.
    pub fn render(&self, theme: miette::GraphicalTheme, width: usize) -> String {
        match self {
            SetupError::Message(m) => m.clone(),
            SetupError::Report(d) => {
                let mut out = String::new();
                let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(width);
                let _ = handler.render_report(&mut out, &**d);
                out
            }
        }
    }
}

/// Where a run's configuration comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// None (`--no-config`): every default.
    Nothing,
    /// This file (`--config FILE`): it must exist, and it is trusted.
    File(&'a Path),
    /// The nearest configuration file at or above this path
    /// ([`Config::discover`]), used only when the run may trust it.
    Discover(&'a Path),
}

/// The configuration a run uses, and where it came from.
#[derive(Debug)]
pub struct Chosen {
    pub config: Config,
    /// Its file, if it has one.
    pub path: Option<PathBuf>,
    /// Found by looking, not named.
    pub discovered: bool,
}

/// Chooses and loads a run's configuration: the command line's and the
/// Python package's one rule. A discovered file that someone other than the
/// user or root could have written, or that names such lint files, is an
/// error, never silently used or skipped.
pub fn choose(source: Source<'_>) -> Result<Chosen, SetupError> {
    choose_with(source, &[])
}

/// [`choose`], then the `--config 'KEY = VALUE'` overrides applied in order
/// ([`Config::with_override`]).
pub fn choose_with(source: Source<'_>, overrides: &[String]) -> Result<Chosen, SetupError> {
    let (path, discovered) = match source {
        Source::Nothing => (None, false),
        Source::File(p) => {
            if let Err(e) = std::fs::metadata(p) {
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file".to_string()
                } else {
                    e.to_string()
                };
                return Err(SetupError::Message(format!(
                    "--config {}: {why}; name an existing file, or pass --no-config",
                    crate::walk::display_path(p)
                )));
            }
            (Some(p.to_path_buf()), false)
        }
        Source::Discover(start) => (Config::discover(start), true),
    };
    if let Some(p) = path.as_deref().filter(|_| discovered) {
        if let Some(why) = untrusted(p) {
            return Err(SetupError::Message(format!(
                "{}: not used: {why}; name the configuration with --config to use it anyway, or pass --no-config",
                crate::walk::display_path(p)
            )));
        }
    }
    let config = match &path {
        Some(p) => Config::load(p).map_err(|e| SetupError::Report(e as Box<dyn Diagnostic + Send + Sync>))?,
        None => Config::default(),
    };
    if discovered {
        config.check_trusted().map_err(SetupError::Message)?;
    }
    let mut config = config;
    for o in overrides {
        config = config
            .with_override(o)
            .map_err(|e| SetupError::Report(e as Box<dyn Diagnostic + Send + Sync>))?;
    }
    Ok(Chosen { config, path, discovered })
}

/// The configuration that the command line's `--config` arguments and
/// `--no-config` choose: an argument that reads as TOML `key = value` is an
/// override, any other names the file (one at most); without a file,
/// discovery from `start` ([`choose_with`]).
pub fn choose_from_args(start: &Path, args: &[String], no_config: bool) -> Result<Chosen, SetupError> {
    let is_override = |a: &&String| a.contains('=') && toml::from_str::<toml::Table>(a).is_ok();
    let (overrides, files): (Vec<&String>, Vec<&String>) = args.iter().partition(is_override);
    let message = |m: &str| Err(SetupError::Message(m.into()));
    let source = match (&files[..], no_config) {
        (_, true) if !files.is_empty() => {
            return message("--no-config ignores configuration files: drop one of the two")
        }
        (_, true) => Source::Nothing,
        ([], false) => Source::Discover(start),
        ([f], false) => Source::File(Path::new(f.as_str())),
        _ => return message("--config names one file; give the others as overrides"),
    };
    let overrides: Vec<String> = overrides.into_iter().cloned().collect();
    choose_with(source, &overrides)
}

impl Chosen {
    /// What a run that is not quiet says about its configuration: which
    /// file it uses, and a second configuration file beside it that it does
    /// not (`shown` writes a path as the front end shows paths).
    pub fn notes(&self, shown: impl Fn(&Path) -> String) -> Vec<String> {
        let Some(p) = &self.path else { return Vec::new() };
        let mut notes = vec![format!("using configuration {}", shown(p))];
        let other =
            FILE_NAMES.iter().map(|n| p.with_file_name(n)).find(|o| self.discovered && o != p && o.is_file());
        if let Some(o) = other {
            notes.push(format!(
                "warning: {} is not used: {} beside it wins; keep one of the two",
                shown(&o),
                shown(p)
            ));
        }
        notes
    }
}

impl Config {
    /// The registry this configuration asks for (its lint folders and
    /// `extra_dirs` added, its levels applied, then `disable`, then `enable`)
    /// and the settings corpus lints read. Shared by the CLI and the bindings.
    pub fn setup(
        &self,
        extra_dirs: &[PathBuf],
        disable: &[String],
        enable: &[String],
    ) -> Result<(Registry, crate::engine::Settings), SetupError> {
        let mut reg = Registry::builtin();
        for dir in self.lint_dirs.iter().chain(extra_dirs) {
            match reg.add_lint_dir(dir) {
                Ok(_) => {}
                Err(crate::registry::LoadError::Io(m)) => return Err(SetupError::Message(m)),
                Err(crate::registry::LoadError::File(e)) => return Err(SetupError::Report(e)),
            }
        }
        let report = |e: Box<ConfigError>| SetupError::Report(e);
        // Overrides are checked against their own text first: their
        // `[[ignore]]` entries are merged into this file's list.
        for o in &self.overrides {
            o.check_ignores(&reg).map_err(report)?;
        }
        self.apply_levels(&mut reg).map_err(report)?;
        self.check_ignores(&reg).map_err(report)?;
        let mut options = self.options(&reg).map_err(report)?;
        // Overrides after the file.
        for o in &self.overrides {
            o.apply_levels(&mut reg).map_err(report)?;
            options.extend(o.options(&reg).map_err(report)?);
        }
        // The most specific selector wins (`all`, then a category, then a
        // lint); at the same one, disables first, so `--disable all --enable
        // LINT` runs only LINT and `--enable typography --disable
        // stray-period` runs typography without stray-period. An enabled lint
        // runs at the level the configuration gives it, if it gives one.
        let configured: Vec<Level> = (0..reg.len()).map(|id| reg.level(id)).collect();
        let mut flags = Vec::new();
        for (on, list) in [(false, disable), (true, enable)] {
            for s in list {
                let (specificity, ids) = reg.select(s).map_err(SetupError::Message)?;
                flags.push((
                    specificity,
                    on,
                    ids,
                    format!("--{} {s}", if on { "enable" } else { "disable" }),
                ));
            }
        }
        flags.sort_by_key(|&(specificity, on, _, _)| (specificity, on));
        for (_, on, ids, flag) in flags {
            for id in ids {
                let level = if !on {
                    Level::Off
                } else if configured[id] != Level::Off {
                    configured[id]
                } else if reg.info(id).default_level() != Level::Off {
                    reg.info(id).default_level()
                } else {
                    Level::Warn
                };
                reg.set_lint_level(id, level, &flag);
            }
        }
        let settings = crate::engine::Settings {
            names: self.names.clone(),
            name_variants: self.name_variants.clone(),
            options,
        };
        Ok((reg, settings))
    }
}
