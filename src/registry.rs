//! Every lint the run knows: code lints, embedded data lints, user lint
//! folders; and the level each one runs at.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::declarative::{DataLint, LintFileError, PatternBudget};
use crate::level::Level;
use crate::lint::{Category, Lint, LintInfo};

pub(crate) mod embedded {
    use crate::declarative::BuiltIn;

    include!(concat!(env!("OUT_DIR"), "/embedded_lints.rs"));
}

/// Cloning is cheap: the lints are shared, the levels copied.
#[derive(Clone)]
pub struct Registry {
    lints: Vec<Arc<dyn Lint>>,
    levels: Vec<Level>,
    /// Where each lint's level came from, for `--show-settings`: `default`,
    /// or the configuration entry or flag that set it.
    origins: Vec<String>,
    /// What loading users' lint files may still take ([`LintBudget`]):
    /// made by the first folder added.
    budget: Option<LintBudget>,
}

/// The budget for loading users' lint files, one for a registry and all its
/// folders: a lint folder is data someone else may have written, so its
/// files are bounded in number and size, and their patterns in what they
/// compile to ([`PatternBudget`]).
#[derive(Clone)]
struct LintBudget {
    files: usize,
    bytes: u64,
    patterns: Arc<PatternBudget>,
}

impl LintBudget {
    /// User lint files one registry loads at most.
    const FILES: usize = 1000;
    /// The largest lint file read: a lint is a few kilobytes.
    const FILE_BYTES: u64 = 256 << 10;
    /// All of them together.
    const BYTES: u64 = 16 << 20;
}

/// Why a lint folder could not be added.
#[derive(Debug)]
pub enum LoadError {
    Io(String),
    File(Box<LintFileError>),
}

impl Registry {
    /// The built-in lints at their default levels. They are built (and the
    /// data lints' patterns compiled) once per process; each call returns a
    /// copy whose levels can be changed on their own.
    pub fn builtin() -> Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(Registry::build_builtin).clone()
    }

    fn build_builtin() -> Registry {
        let mut reg = Registry { lints: Vec::new(), levels: Vec::new(), origins: Vec::new(), budget: None };
        for lint in crate::lints::all() {
            reg.push(Arc::from(lint));
        }
        // Reading the files (their patterns are compiled when first needed)
        // on every core.
        use rayon::prelude::*;
        let mut data: Vec<DataLint> = embedded::EMBEDDED
            .par_iter()
            .map(|built| {
                let file = format!("lints/{}/{}.toml", built.category, built.name);
                // Built-in files are validated by the test suite.
                DataLint::parse_builtin(built, &file).unwrap_or_else(|e| panic!("built-in lint {file}: {e}"))
            })
            .collect();
        crate::declarative::join_line_scans(&mut data);
        for lint in data {
            reg.push(Arc::new(lint));
        }
        reg
    }

    fn push(&mut self, lint: Arc<dyn Lint>) {
        self.levels.push(lint.info().default_level());
        self.origins.push("default".into());
        self.lints.push(lint);
    }

    /// Adds a folder of the user's data lints: `DIR/<category>/<name>.toml`,
    /// or `DIR/<name>.toml` with a `category` key. Each file's examples must pass.
    pub fn add_lint_dir(&mut self, dir: &Path) -> Result<usize, LoadError> {
        if !dir.is_dir() {
            return Err(LoadError::Io(format!("lint folder {} is not a readable folder", dir.display())));
        }
        let mut added = 0;
        let mut budget = self.budget.take().unwrap_or_else(|| LintBudget {
            files: LintBudget::FILES,
            bytes: LintBudget::BYTES,
            patterns: PatternBudget::new(),
        });
        let result = self.add_lint_files(dir, &mut budget, &mut added);
        self.budget = Some(budget);
        result.map(|()| added)
    }

    fn add_lint_files(
        &mut self,
        dir: &Path,
        budget: &mut LintBudget,
        added: &mut usize,
    ) -> Result<(), LoadError> {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().max_depth(2) {
            let entry = entry.map_err(|e| LoadError::Io(format!("{}: {e}", dir.display())))?;
            let path = entry.path();
            // Links are not followed (`file_type` is the entry's own), and a
            // FIFO or a device is not a file: neither is opened.
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let file = path.display().to_string();
            budget.files = budget.files.checked_sub(1).ok_or_else(|| {
                LoadError::Io(format!(
                    "{file}: more than {} lint files; a run loads at most that many",
                    LintBudget::FILES
                ))
            })?;
            let src = read_lint_file(path, budget).map_err(|e| LoadError::Io(format!("{file}: {e}")))?;
            let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let folder = (entry.depth() == 2)
                .then(|| path.parent().and_then(|p| p.file_name()))
                .flatten()
                .and_then(|f| f.to_str())
                .and_then(|f| f.parse::<Category>().ok());
            let lint = DataLint::parse_user(&name, folder, &file, &src, &budget.patterns)
                .map_err(|e| LoadError::File(Box::new(e)))?;
            if self.find(&name).is_some() {
                return Err(LoadError::Io(format!(
                    "{file}: a lint named `{name}` already exists; rename the file"
                )));
            }
            lint.check_examples().map_err(|e| LoadError::File(Box::new(e)))?;
            self.push(Arc::new(lint));
            *added += 1;
        }
        Ok(())
    }

    /// The enabled lints set up with the run's `settings`
    /// ([`Lint::configure`]); this registry itself when none reads them.
    pub fn configured(&self, settings: &crate::settings::Settings) -> Cow<'_, Registry> {
        let mut out: Option<Registry> = None;
        for id in self.enabled() {
            if let Some(lint) = self.lints[id].configure(settings) {
                out.get_or_insert_with(|| self.clone()).lints[id] = Arc::from(lint);
            }
        }
        out.map_or(Cow::Borrowed(self), Cow::Owned)
    }

    pub fn len(&self) -> usize {
        self.lints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lints.is_empty()
    }

    pub fn lint(&self, id: usize) -> &dyn Lint {
        &*self.lints[id]
    }

    pub fn info(&self, id: usize) -> &LintInfo {
        self.lints[id].info()
    }

    pub fn level(&self, id: usize) -> Level {
        self.levels[id]
    }

    pub fn find(&self, name: &str) -> Option<usize> {
        self.lints.iter().position(|l| l.info().name == name)
    }

    /// What a selector names: a lint, a category, or `all`, with how
    /// specific it is (0 `all`, 1 a category, 2 a lint) and the lints it covers.
    pub fn select(&self, selector: &str) -> Result<(u8, Vec<usize>), String> {
        if let Some(id) = self.find(selector) {
            return Ok((2, vec![id]));
        }
        if selector == "all" {
            return Ok((0, (0..self.len()).collect()));
        }
        let cat = selector.parse::<Category>().map_err(|_| {
            let names = (0..self.len())
                .map(|id| &*self.info(id).name)
                .chain(Category::ALL.iter().map(|c| c.as_str()))
                .chain(["all"]);
            let hint = closest(selector, names).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
            format!("unknown lint or category `{selector}`{hint} (see `scrapelint rules`)")
        })?;
        Ok((1, (0..self.len()).filter(|&id| self.info(id).category == cat).collect()))
    }

    /// Sets the level of a lint, or of every lint of a category, or of `all`.
    /// A category (or `all`) turns lints off, or sets the level of those that
    /// are on by default: a lint off by default runs only when named (or
    /// given to [`Registry::enable`]).
    pub fn set_level(&mut self, selector: &str, level: Level) -> Result<(), String> {
        self.set_level_from(selector, level, &format!("{selector} = \"{level}\""))
    }

    /// [`Registry::set_level`], saying where the level comes from (`origin`).
    pub fn set_level_from(&mut self, selector: &str, level: Level, origin: &str) -> Result<(), String> {
        let (specificity, ids) = self.select(selector)?;
        for id in ids {
            if specificity == 2 || level == Level::Off || self.info(id).default_level() != Level::Off {
                self.levels[id] = level;
                self.origins[id] = origin.to_string();
            }
        }
        Ok(())
    }

    /// Where lint `id`'s level came from: `default`, a configuration entry
    /// or a command-line flag.
    pub fn origin(&self, id: usize) -> &str {
        &self.origins[id]
    }

    /// Sets one lint's level.
    pub fn set_lint_level(&mut self, id: usize, level: Level, origin: &str) {
        self.levels[id] = level;
        self.origins[id] = origin.to_string();
    }

    /// Turns a lint (or category) on at its default level, or `warn` for a
    /// lint that is off by default.
    pub fn enable(&mut self, selector: &str) -> Result<(), String> {
        let (_, ids) = self.select(selector)?;
        for id in ids {
            let d = self.info(id).default_level();
            self.levels[id] = if d == Level::Off { Level::Warn } else { d };
        }
        Ok(())
    }

    /// Ids of the lints that run.
    pub fn enabled(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(|&id| self.levels[id] != Level::Off)
    }

    /// Keeps only `id` at its default level (or `warn`); every other lint off.
    pub fn only(&mut self, id: usize) {
        for l in self.levels.iter_mut() {
            *l = Level::Off;
        }
        let d = self.info(id).default_level();
        self.levels[id] = if d == Level::Off { Level::Warn } else { d };
    }
}

/// The built-in data lints parsed afresh, with their file names (for the
/// test that runs every example).
#[allow(clippy::result_large_err)]
pub fn embedded_data_lints() -> Vec<(String, Result<DataLint, LintFileError>)> {
    embedded::EMBEDDED
        .iter()
        .map(|&crate::declarative::BuiltIn { category: cat, name, source: src, .. }| {
            let file = format!("lints/{cat}/{name}.toml");
            let lint = cat
                .parse::<Category>()
                .map_err(|e| panic!("{file}: {e}"))
                .and_then(|c| DataLint::parse(name, Some(c), &file, src));
            (file, lint)
        })
        .collect()
}

/// The name in `names` closest to `name` (at most a third of its letters
/// off, and at most 3), for "did you mean" hints.
pub fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    names
        .map(|n| (crate::words::edit_distance(n, name, 3), n))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

/// Reads a user's lint file within `budget`: a regular file (a FIFO is not
/// waited on) of at most [`LintBudget::FILE_BYTES`], and UTF-8.
fn read_lint_file(path: &Path, budget: &mut LintBudget) -> Result<String, String> {
    let max = LintBudget::FILE_BYTES.min(budget.bytes);
    let bytes = crate::walk::read_regular_bytes(path, max).map_err(|e| {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > max) {
            format!(
                "larger than {} KiB: a lint file is read up to {} KiB, and all of a run's up to {} MiB",
                max >> 10,
                LintBudget::FILE_BYTES >> 10,
                LintBudget::BYTES >> 20
            )
        } else {
            e.to_string()
        }
    })?;
    budget.bytes -= bytes.len() as u64;
    String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    /// `build.rs` finds each built-in lint's gate from its file: the same
    /// gate the lint's pattern, as `DataLint::parse` writes it, gives.
    #[test]
    fn built_in_gates_are_their_patterns_gates() {
        let mut gated = 0;
        for &crate::declarative::BuiltIn { category: cat, name, source: src, ref gate, .. } in
            super::embedded::EMBEDDED
        {
            let lint = super::DataLint::parse(name, cat.parse().ok(), name, src).unwrap();
            assert!(crate::literals::is_required(lint.pattern(), *gate), "lints/{cat}/{name}.toml");
            gated += usize::from(gate.is_some());
        }
        assert!(gated >= 15, "{gated} built-in lints have a gate");
    }

    /// `build.rs` writes each built-in line lint's shadow and its variant for
    /// ASCII text: those its pattern, as `DataLint::parse` writes it, gives;
    /// a lint of whole texts has neither.
    #[test]
    fn built_in_shadows_and_ascii_variants_are_their_patterns_own() {
        let (mut shadowed, mut made) = (0, 0);
        for &crate::declarative::BuiltIn {
            category: cat,
            name,
            source: src,
            ref shadow,
            ref ascii,
            ref shadow_tree,
            ref ascii_tree,
            ..
        } in super::embedded::EMBEDDED
        {
            let lint = super::DataLint::parse(name, cat.parse().ok(), name, src).unwrap();
            let line = lint.is_line_kind().then(|| lint.anchored());
            let file = format!("lints/{cat}/{name}.toml");
            let own = line.as_deref().and_then(crate::shadow::pattern);
            assert_eq!(own.as_ref().map(|s| (s.pattern.as_str(), s.marks.as_str())), *shadow, "{file}");
            assert_eq!(line.as_deref().and_then(crate::ascii_only::variant).as_deref(), *ascii, "{file}");
            // Each has its tree, the very tree its text parses to as the
            // run would compile it: the shadow as bytes, the ASCII variant
            // as text.
            let tree = |text: Option<&str>, code: Option<&[u8]>, unicode: bool| {
                let config = regex_automata::util::syntax::Config::new().unicode(unicode).utf8(unicode);
                let parsed = text.map(|t| regex_automata::util::syntax::parse_with(t, &config).unwrap());
                assert_eq!(code.is_some(), parsed.is_some(), "{file}: a tree for each pattern");
                assert_eq!(code.and_then(crate::hir_code::decode), parsed, "{file}");
            };
            tree(shadow.map(|(s, _)| s), *shadow_tree, false);
            tree(*ascii, *ascii_tree, true);
            shadowed += usize::from(shadow.is_some());
            made += usize::from(ascii.is_some());
        }
        assert!(shadowed >= 15 && made >= 15, "{shadowed} shadows, {made} ASCII variants");
    }
}
