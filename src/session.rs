//! One run with the configuration's policy, for every front end: which files
//! are linted (`include`, `exclude`), which findings a file keeps
//! (`per-file-ignores`), fixing (fix → write or diff → lint again), and
//! baselines. The command line and the Python bindings both drive a
//! [`Session`]; they only parse their arguments and render what comes back.
//!
//! ```
//! use scrapelint::session::Session;
//! let session = Session::new(Default::default(), &[], &[], &[]).unwrap();
//! let doc = scrapelint::Document::new("a.txt", "The talks ended. .\nGo To Source\n");
//! let fixed = session.fix_document(&doc, None, true, |_| true);
//! assert_eq!(fixed.text, "The talks ended.\n");
//! assert!(fixed.remaining.is_empty());
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use crate::config::{Config, SetupError};
use crate::document::Document;
use crate::engine::{self, FileReport, Outcome, Settings};
use crate::finding::Finding;
use crate::fix::Applied;
use crate::level::Level;
use crate::registry::Registry;
use crate::stats::{CorpusStats, Frozen};
use crate::walk::{self, Input, ReadOptions, WalkOptions};

/// A configuration turned into lints and policy, optionally with the corpus
/// statistics to lint against.
pub struct Session {
    pub config: Config,
    pub registry: Registry,
    pub settings: Settings,
    stats: Option<Arc<Frozen>>,
    /// How many findings each `[[ignore]]` entry accepted.
    used: Vec<std::sync::atomic::AtomicUsize>,
}

/// What fixing one document gave.
#[derive(Debug)]
pub struct FixedDocument {
    /// The text after fixing (the same text when nothing applied).
    pub text: String,
    /// The fixes applied, in order.
    pub applied: Vec<Applied>,
    /// What the fixed text still has, as [`Session::lint_document`] finds it.
    pub remaining: Vec<Finding>,
}

/// What a run does about fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report only.
    #[default]
    Report,
    /// Apply fixes, write files atomically (standard input: give its text
    /// back), then lint again.
    Write,
    /// Give the fixes back as unified diffs; write nothing.
    Diff,
}

impl FixMode {
    /// Why this mode cannot run on JSON Lines (`jsonl`), if it cannot: said
    /// before anything is read.
    pub fn refuse(self, jsonl: bool) -> Result<(), String> {
        match (self, jsonl) {
            (FixMode::Write | FixMode::Diff, true) => {
                Err("--fix and --diff work on text files; JSONL records are not rewritten".into())
            }
            _ => Ok(()),
        }
    }

    /// What `--fix` and `--diff` ask for: a diff wins.
    pub fn of(fix: bool, diff: bool) -> FixMode {
        match (fix, diff) {
            (_, true) => FixMode::Diff,
            (true, false) => FixMode::Write,
            (false, false) => FixMode::Report,
        }
    }
}

/// The inputs of a run, chosen by the configuration.
pub struct Inputs {
    /// Reported on, in order.
    pub inputs: Vec<Input>,
    /// Read by corpus lints only.
    pub corpus: Vec<Input>,
    /// Each corpus file's [`crate::walk::Stamp`] when it was found (by
    /// index; none for what is not a file, or when not known).
    pub corpus_stamps: Vec<Option<crate::walk::Stamp>>,
    /// Paths that could not be read.
    pub errors: Vec<String>,
    /// Said whatever `--quiet` says: the configuration chose no file, a
    /// folder holds only JSONL shards.
    pub warnings: Vec<String>,
}

/// How a run reads and what it does.
#[derive(Clone, Default)]
pub struct RunOptions {
    pub read: ReadOptions,
    /// Where standard input is, for `per-file-ignores` and baselines.
    pub stdin_file: Option<PathBuf>,
    /// The folder of the statistics file, when the session has statistics
    /// from one: documents it names are read back from there.
    pub stats_dir: Option<PathBuf>,
    pub fix: FixMode,
    pub unsafe_fixes: bool,
    /// The front end draws no related place (only their paths and
    /// positions): the documents they point at are not read back.
    pub skip_related_texts: bool,
    /// The statistics cache's folder ([`crate::cache`]); `None`: no cache.
    pub cache_dir: Option<crate::cache::CacheDir>,
}

impl RunOptions {
    /// The folder documents named by the statistics file `file` are read
    /// back from: the file's own.
    pub fn stats_dir_of(file: &Path) -> PathBuf {
        match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

/// What a run found, and what it fixed.
pub struct RunReport {
    /// Per document, what is left: after `per-file-ignores`, and after
    /// fixing with [`FixMode::Write`].
    pub outcome: Outcome,
    /// Files that could not be read or written.
    pub errors: Vec<String>,
    /// Notes about the run (documents not fixed), for a front end that is not quiet.
    pub notes: Vec<String>,
    /// Fixes applied (or, with [`FixMode::Diff`], that would be), and in how many files.
    pub fixed: usize,
    pub fixed_files: usize,
    /// With [`FixMode::Diff`]: a unified diff per file, names and text escaped.
    pub diffs: Vec<String>,
    /// With [`FixMode::Write`]: the text of each standard input, fixed or not.
    pub stdin_text: Vec<Vec<u8>>,
    /// Where each input's file is (standard input: where `stdin_file` says).
    file_of: HashMap<String, PathBuf>,
}

impl Session {
    /// The registry of `config` (its lint folders and `lint_dirs`, its
    /// levels, then `disable`, then `enable`), checked as the command line
    /// checks it.
    pub fn new(
        config: Config,
        lint_dirs: &[PathBuf],
        disable: &[String],
        enable: &[String],
    ) -> Result<Session, SetupError> {
        let (registry, settings) = config.setup(lint_dirs, disable, enable)?;
        let used = config.accepted.iter().map(|_| Default::default()).collect();
        Ok(Session { config, registry, settings, stats: None, used })
    }

    /// Lints against corpus statistics (from `scrapelint stats`), when they
    /// can serve the enabled corpus lints; else says why not.
    pub fn with_stats(mut self, stats: impl Into<Arc<Frozen>>) -> Result<Session, String> {
        let stats = stats.into();
        if let Some(why) = engine::stats_mismatch(&self.registry, &self.settings, &stats) {
            return Err(why);
        }
        self.stats = Some(stats);
        Ok(self)
    }

    pub fn stats(&self) -> Option<&Frozen> {
        self.stats.as_deref()
    }

    /// True when the configuration's `exclude` names the file.
    pub fn excluded(&self, file: &Path) -> bool {
        self.config.excluded(file)
    }

    /// Drops the findings of the lints `per-file-ignores` ignores for
    /// `file`, every finding of a file `exclude` names (standard input named
    /// as an excluded file with `--stdin-filename` is reported on, and
    /// fixed, as the file would be: not at all), and the findings an
    /// `[[ignore]]` entry accepts in `doc`, counting each entry's use.
    pub fn drop_ignored(&self, doc: &Document, file: Option<&Path>, findings: &mut Vec<Finding>) {
        if let Some(file) = file {
            if self.excluded(file) {
                findings.clear();
                return;
            }
            self.config.drop_ignored(&self.registry, file, findings);
        }
        if self.used.is_empty() {
            return;
        }
        findings.retain(|f| {
            let lint = &self.registry.info(f.lint).name;
            match self.config.accepted_by(lint, doc.slice(f.span).trim(), file) {
                Some(i) => {
                    self.used[i].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    false
                }
                None => true,
            }
        });
    }

    /// The `[[ignore]]` entries that have accepted no finding so far, as
    /// they read (`--show-unused`).
    pub fn unused_ignores(&self) -> Vec<&str> {
        let used = |i: usize| self.used[i].load(std::sync::atomic::Ordering::Relaxed) > 0;
        self.config
            .accepted
            .iter()
            .enumerate()
            .filter(|&(i, _)| !used(i))
            .map(|(_, a)| a.shown.as_str())
            .collect()
    }

    /// One document in memory, as a run reports it: nothing for an excluded
    /// `file`, else its findings (against the statistics, when given) less
    /// those `per-file-ignores` ignores for `file`.
    pub fn lint_document(&self, doc: &Document, file: Option<&Path>) -> Vec<Finding> {
        if file.is_some_and(|f| self.excluded(f)) {
            return Vec::new();
        }
        let mut findings = engine::lint_text(&self.registry, doc, &self.settings, self.stats.as_deref());
        self.drop_ignored(doc, file, &mut findings);
        findings
    }

    /// The fix loop of `--fix` on one document's findings `first`: later
    /// rounds lint the new text with the one-document lints, drop what
    /// `per-file-ignores` ignores for `file`, and fix only what `select`
    /// accepts (as `first` should be).
    pub fn fix_findings(
        &self,
        doc: &Document,
        file: Option<&Path>,
        first: Vec<Finding>,
        unsafe_fixes: bool,
        select: impl Fn(&Finding) -> bool,
    ) -> (String, Vec<Applied>) {
        let relint = |text: &str| {
            let new = Document::new(doc.path(), text);
            let mut findings = engine::check_document(&self.registry, &new);
            self.drop_ignored(&new, file, &mut findings);
            findings.retain(&select);
            findings
        };
        crate::fix::fix_loop(doc.text(), first, unsafe_fixes, relint)
    }

    /// Lints one document, fixes what `select` accepts, and lints the result:
    /// `remaining` holds every finding left, selected or not. An excluded
    /// `file` comes back as it is.
    pub fn fix_document(
        &self,
        doc: &Document,
        file: Option<&Path>,
        unsafe_fixes: bool,
        select: impl Fn(&Finding) -> bool,
    ) -> FixedDocument {
        let all = self.lint_document(doc, file);
        let first = all.iter().filter(|f| select(f)).cloned().collect();
        let (text, applied) = self.fix_findings(doc, file, first, unsafe_fixes, &select);
        if applied.is_empty() {
            return FixedDocument { text: doc.text().to_string(), applied, remaining: all };
        }
        let mut fixed = Document::new(doc.path(), text.as_str());
        if let Some(r) = doc.record() {
            fixed = fixed.with_record(r, None);
        }
        if let Some(id) = doc.id() {
            fixed = fixed.with_id(id.to_string());
        }
        let remaining = self.lint_document(&fixed, file);
        FixedDocument { text, applied, remaining }
    }

    /// The inputs under `paths` the configuration chooses (`include`,
    /// `exclude`), standard input read into memory, and with `corpus` the
    /// corpus of its folders (plus the configuration's) less the files that
    /// are inputs. Standard input that cannot be read is an error.
    pub fn inputs(
        &self,
        paths: &[PathBuf],
        corpus: Option<&[PathBuf]>,
        walk_opts: &WalkOptions,
        read: &ReadOptions,
    ) -> Result<Inputs, String> {
        let config = &self.config;
        let mut warnings = Vec::new();
        // With `include` globs in the configuration, they choose the files in folders.
        let chosen = if config.include.is_some() {
            WalkOptions { extensions: Vec::new(), ..walk_opts.clone() }
        } else {
            walk_opts.clone()
        };
        let (mut inputs, mut errors) = walk::collect(paths, &chosen);
        let (mut found, mut included) = (0, 0);
        // A set: a pre-commit hook names every changed file, thousands at once.
        let named: std::collections::HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
        inputs.retain(|i| match i {
            Input::File { path, .. } => {
                let explicit = named.contains(path.as_path());
                let walked_in = !explicit && !config.not_included(path);
                found += usize::from(!explicit);
                included += usize::from(walked_in);
                !config.excluded(path) && (explicit || walked_in)
            }
            _ => true,
        });
        if config.include.is_some() && found > 0 && included == 0 {
            let f = if found == 1 { "" } else { "s" };
            warnings
                .push(format!("`include` selects none of the {found} file{f} found in the folders given"));
        }
        if inputs.is_empty() && read.jsonl.is_none() && walk_opts.extensions == ["txt"] {
            // Folders of JSONL shards, read as text: nothing to check. Say why.
            let jsonl = WalkOptions {
                extensions: vec!["jsonl".into(), "jsonl.gz".into(), "jsonl.zst".into()],
                ..walk_opts.clone()
            };
            // Files named on the command line come back whatever their
            // extension: only JSON Lines names count here.
            let shards = walk::collect(paths, &jsonl).0.iter().filter(|i| is_jsonl_name(i.display())).count();
            if shards > 0 {
                let f = if shards == 1 { "" } else { "s" };
                warnings.push(format!(
                    "no .txt files found, but {shards} JSON Lines file{f}: add --input jsonl to read them"
                ));
            }
        }
        // A named JSON Lines file read as text would pass unchecked: say how
        // to read it instead.
        if read.jsonl.is_none() {
            inputs.retain(|i| {
                let jsonl = matches!(i, Input::File { .. }) && is_jsonl_name(i.display());
                if jsonl {
                    errors.push(format!(
                        "{}: a JSON Lines file; add --input jsonl to read its records (as text it would pass unchecked)",
                        i.display()
                    ));
                }
                !jsonl
            });
        }
        let inputs = inputs
            .into_iter()
            .map(|i| i.buffered(read.max_bytes))
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(|e| format!("standard input: {e}"))?;
        let (mut corpus_inputs, mut corpus_stamps) = (Vec::new(), Vec::new());
        if let (Some(corpus), None) = (corpus, &self.stats) {
            let dirs: Vec<PathBuf> = config.corpus.iter().chain(corpus).cloned().collect();
            let (found, corpus_errors) = walk::collect_with_ids(&dirs, walk_opts);
            errors.extend(corpus_errors);
            // A corpus file that is one of the inputs by another path (a link)
            // is the same document: counted twice, it would repeat its own lines.
            let input_ids: std::collections::HashSet<(u64, u64)> =
                inputs.iter().filter_map(file_id).collect();
            (corpus_inputs, corpus_stamps) = found
                .into_iter()
                .filter(|(_, stamp)| stamp.is_none_or(|s| !input_ids.contains(&s.id())))
                .unzip();
        }
        Ok(Inputs { inputs, corpus: corpus_inputs, corpus_stamps, errors, warnings })
    }

    /// Counts the statistics of `inputs` with every part, whatever is
    /// enabled (any configuration can lint against them): the statistics, or
    /// what could not be counted (`errors` of reading the inputs, and more: a
    /// document left out would make the counts silently wrong); and warnings
    /// (files skipped as binary).
    pub fn count(
        &self,
        inputs: &[Input],
        mut errors: Vec<String>,
        read: &ReadOptions,
        done: &AtomicUsize,
    ) -> (Result<CorpusStats, Vec<String>>, Vec<String>) {
        let empty = engine::empty_stats(&self.settings);
        let (stats, more, skipped) = engine::collect_stats_noting_skips(&empty, inputs, read, done);
        errors.extend(more.into_iter().chain(skipped.invalid));
        let binary = skipped
            .binary
            .iter()
            .map(|b| format!("{b}: looks binary (a NUL byte near the start); not counted"));
        (if errors.is_empty() { Ok(stats) } else { Err(errors) }, binary.collect())
    }

    /// Lints `inputs` (against the session's statistics, or the corpus's),
    /// drops what `per-file-ignores` ignores, and fixes as `opts.fix` says:
    /// written files are linted again, so the report says what is left.
    /// `done` counts the files read (for a progress display).
    pub fn run(&self, inputs: &Inputs, opts: &RunOptions, done: &AtomicUsize) -> RunReport {
        let job = self.job(inputs, opts);
        let mut report = RunReport::empty(inputs, opts);
        report.outcome = engine::run_job(&self.registry, &job, done);
        self.ignore(&mut report);
        report.errors.append(&mut report.outcome.errors);
        report.notes.append(&mut report.outcome.notes);
        if opts.fix == FixMode::Report {
            return report;
        }

        // Fixing: apply, write atomically (or make a diff), then lint again.
        let mut fixed_inputs = inputs.inputs.clone();
        let mut stdin_fixed = HashMap::new();
        // Each fixed document's file on disk, found in a map: a search of
        // every input per fixed file was quadratic in the files.
        let on_disk_of: HashMap<&str, &PathBuf> = inputs
            .inputs
            .iter()
            .filter_map(|i| match i {
                Input::File { path, display } => Some((display.as_str(), path)),
                _ => None,
            })
            .collect();
        for r in &report.outcome.reports {
            let doc = &r.doc;
            if doc.is_lossy() {
                report.notes.push(format!("{}: not fixed: not valid UTF-8 (read with --lossy)", doc.path()));
                continue;
            }
            let file = report.file_of.get(doc.path()).map(PathBuf::as_path);
            let (new, applied) =
                self.fix_findings(doc, file, r.findings.clone(), opts.unsafe_fixes, |_| true);
            if applied.is_empty() || new == doc.text() {
                continue;
            }
            let on_disk = on_disk_of.get(doc.path()).copied();
            if opts.fix == FixMode::Diff {
                // Names and text as they would be drawn: a diff is for reading.
                let diff = crate::fix::diff(&crate::escape::escape(doc.path()), doc.text(), &new);
                report.diffs.push(crate::escape::escape_text(&diff));
            } else if let Some(path) = on_disk {
                if let Err(e) = crate::fix::write_fixed(path, &new, doc.text()) {
                    report.errors.push(format!("{}: not fixed: {e}", doc.path()));
                    continue;
                }
            } else {
                stdin_fixed.insert(doc.path().to_string(), new);
            }
            report.fixed += applied.len();
            report.fixed_files += 1;
        }
        if opts.fix == FixMode::Diff {
            return report;
        }
        // Standard input is given back, fixed or not, and linted again as fixed.
        for input in &mut fixed_inputs {
            if let Input::Bytes { display, bytes } = input {
                match stdin_fixed.remove(display.as_str()) {
                    Some(new) => {
                        report.stdin_text.push(new.clone().into_bytes());
                        *bytes = new.into_bytes().into();
                    }
                    None => report.stdin_text.push(bytes.to_vec()),
                }
            }
        }
        // What is left after fixing.
        let job = engine::Job { inputs: &fixed_inputs, ..job };
        report.outcome = engine::run_job(&self.registry, &job, &AtomicUsize::new(0));
        self.ignore(&mut report);
        report.errors.append(&mut report.outcome.errors);
        report
    }

    /// A run that only reports ([`FixMode::Report`]), streamed: each file's
    /// report, `per-file-ignores` applied, goes to `emit` in input order as
    /// soon as its turn comes and is dropped there, so memory grows with the
    /// corpus statistics, not with the findings. The [`RunReport`] returned
    /// has the errors and the count of files checked, and no reports; `emit`
    /// gets it too, for [`RunReport::baseline_path`]. Stops at `emit`'s
    /// first error.
    pub fn stream<E>(
        &self,
        inputs: &Inputs,
        opts: &RunOptions,
        done: &AtomicUsize,
        mut emit: impl FnMut(&RunReport, FileReport) -> Result<(), E>,
    ) -> Result<RunReport, E> {
        let job = self.job(inputs, opts);
        let mut report = RunReport::empty(inputs, opts);
        let ran = {
            let shell = &report;
            engine::stream_job(&self.registry, &job, done, |mut r| {
                let had = !r.findings.is_empty();
                self.drop_ignored(
                    &r.doc,
                    shell.file_of.get(r.doc.path()).map(PathBuf::as_path),
                    &mut r.findings,
                );
                // A report the ignores emptied is dropped, as a run drops it.
                if had && r.findings.is_empty() {
                    return Ok(());
                }
                emit(shell, r)
            })?
        };
        report.errors.extend(ran.errors);
        report.notes.extend(ran.notes);
        report.outcome.files_checked = ran.files_checked;
        Ok(report)
    }

    /// The engine's job for `inputs`, read as `opts` says.
    fn job<'a>(&'a self, inputs: &'a Inputs, opts: &'a RunOptions) -> engine::Job<'a> {
        engine::Job {
            inputs: &inputs.inputs,
            corpus: &inputs.corpus,
            corpus_stamps: &inputs.corpus_stamps,
            settings: &self.settings,
            read: &opts.read,
            stats: self.stats.as_deref(),
            stats_dir: opts.stats_dir.as_deref(),
            skip_related_texts: opts.skip_related_texts,
            cache_dir: opts.cache_dir.as_ref(),
        }
    }

    /// `per-file-ignores` on a run's reports.
    fn ignore(&self, report: &mut RunReport) {
        let file_of = &report.file_of;
        report.outcome.reports.retain_mut(|r| {
            let had = !r.findings.is_empty();
            self.drop_ignored(&r.doc, file_of.get(r.doc.path()).map(PathBuf::as_path), &mut r.findings);
            !(had && r.findings.is_empty())
        });
    }
}

/// Where each input's file is; standard input is where `stdin_file` says.
fn file_of(inputs: &Inputs, opts: &RunOptions) -> HashMap<String, PathBuf> {
    inputs
        .inputs
        .iter()
        .filter_map(|i| match i {
            Input::File { path, display } => Some((display.clone(), path.clone())),
            Input::Bytes { display, .. } => opts.stdin_file.clone().map(|f| (display.clone(), f)),
            _ => None,
        })
        .collect()
}

impl RunReport {
    /// A report with nothing found yet: the inputs' own errors, and where
    /// each input's file is.
    fn empty(inputs: &Inputs, opts: &RunOptions) -> RunReport {
        RunReport {
            outcome: Outcome::default(),
            errors: inputs.errors.clone(),
            notes: Vec::new(),
            fixed: 0,
            fixed_files: 0,
            diffs: Vec::new(),
            stdin_text: Vec::new(),
            file_of: file_of(inputs, opts),
        }
    }

    /// How a baseline file names a document: relative to the baseline's
    /// folder for files, standard input by its name.
    pub fn baseline_path(&self, baseline: &Path, doc: &Document) -> String {
        let dir = match baseline.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        match self.file_of.get(doc.path()) {
            Some(path) => crate::baseline::path_for(dir, path),
            None => doc.path().to_string(),
        }
    }

    /// The findings as a baseline stored at `file`.
    pub fn baseline(&self, registry: &Registry, file: &Path) -> crate::baseline::Baseline {
        crate::baseline::record(registry, &self.outcome.reports, |doc| self.baseline_path(file, doc))
    }

    /// Hides the findings `baseline` (stored at `file`) records; returns how many.
    pub fn hide_baselined(
        &mut self,
        registry: &Registry,
        baseline: &crate::baseline::Baseline,
        file: &Path,
    ) -> usize {
        let mut reports: Vec<FileReport> = std::mem::take(&mut self.outcome.reports);
        let hidden =
            crate::baseline::hide(baseline, registry, &mut reports, |doc| self.baseline_path(file, doc));
        self.outcome.reports = reports;
        hidden
    }
}

/// What a front end does with each document's findings as the run hands
/// them on, in order: record them into a new baseline, or hide those a
/// baseline records, then count them by level and by lint. The exit status
/// follows from the counts. The command line and the Python package share it.
pub struct Triage<'a> {
    registry: &'a Registry,
    fail_level: Level,
    hide: Option<(PathBuf, crate::baseline::Hider)>,
    record: Option<(PathBuf, Vec<crate::baseline::Entry>)>,
    /// Findings shown, by level ([`Level`] as index).
    pub counts: [usize; 4],
    /// A finding shown reached the fail level.
    pub failed: bool,
    /// Findings the baseline hid.
    pub hidden: usize,
    /// Per lint: (findings, with a fix `--fix` applies, with any fix).
    pub per_lint: std::collections::BTreeMap<usize, (usize, usize, usize)>,
}

impl<'a> Triage<'a> {
    /// `hide`: a baseline file whose findings are hidden; `record`: the file
    /// a new baseline goes to (then nothing is shown or counted). A baseline
    /// that cannot be read is an error that names it.
    pub fn new(
        registry: &'a Registry,
        fail_level: Level,
        hide: Option<&Path>,
        record: Option<&Path>,
    ) -> Result<Self, String> {
        let hide = match hide {
            Some(file) => {
                let b = crate::baseline::load(file).map_err(|e| format!("{}: {e}", file.display()))?;
                Some((file.to_path_buf(), crate::baseline::Hider::new(&b)))
            }
            None => None,
        };
        Ok(Triage {
            registry,
            fail_level,
            hide,
            record: record.map(|file| (file.to_path_buf(), Vec::new())),
            counts: [0; 4],
            failed: false,
            hidden: 0,
            per_lint: Default::default(),
        })
    }

    /// Takes one document's findings: recorded (and then `None`), or what
    /// is left to show after the baseline, counted.
    pub fn take(&mut self, run: &RunReport, mut report: FileReport) -> Option<FileReport> {
        let reg = self.registry;
        if let Some((file, entries)) = &mut self.record {
            let path = run.baseline_path(file, &report.doc);
            entries
                .extend(report.findings.iter().map(|f| crate::baseline::entry(reg, &report.doc, f, &path)));
            return None;
        }
        if let Some((file, hider)) = &mut self.hide {
            self.hidden += hider.hide(reg, &mut report, |doc| run.baseline_path(file, doc));
        }
        for f in &report.findings {
            self.counts[f.level as usize] += 1;
            self.failed |= f.level >= self.fail_level;
            let e = self.per_lint.entry(f.lint).or_default();
            e.0 += 1;
            if let Some(fix) = &f.fix {
                e.1 += usize::from(fix.applicability == crate::finding::Applicability::Safe);
                e.2 += 1;
            }
        }
        Some(report)
    }

    /// Writes the recorded baseline, if this run records one: the file and
    /// how many findings it holds.
    pub fn write_baseline(&mut self) -> Option<Result<(PathBuf, usize), String>> {
        let (file, findings) = self.record.take()?;
        let b = crate::baseline::Baseline { version: crate::baseline::VERSION, findings };
        let n = b.findings.len();
        let text =
            crate::escape::json_safe(serde_json::to_string_pretty(&b).expect("baseline serializes")) + "\n";
        Some(
            crate::fix::write_atomic(&file, &text)
                .map(|()| (file.clone(), n))
                .map_err(|e| format!("{}: {e}", crate::walk::display_path(&file))),
        )
    }

    /// The run's summary line, with what the baseline hid.
    pub fn summary(&self, files: usize, errors: usize) -> String {
        let mut line = crate::docs::summary(self.counts, files, errors);
        if self.hidden > 0 {
            line.push_str(&format!("; {} more in the baseline", self.hidden));
        }
        line
    }

    /// The exit status: 2 when a file could not be read or written, 1 when a
    /// finding reached the fail level (unless `exit_zero`), else 0.
    pub fn exit_code(&self, errors: usize, exit_zero: bool) -> u8 {
        exit_code(errors, self.failed && !exit_zero)
    }
}

/// The exit status every front end gives: 2 for errors, 1 for a failing run, 0.
pub fn exit_code(errors: usize, failed: bool) -> u8 {
    if errors > 0 {
        2
    } else if failed {
        1
    } else {
        0
    }
}

impl RunReport {
    /// After fixing: "fixed 3 findings in 2 files", or with `diff` "would fix …".
    pub fn fix_summary(&self, diff: bool, unsafe_fixes: bool) -> String {
        let verb = if diff { "would fix" } else { "fixed" };
        let unsafe_note = if unsafe_fixes { "" } else { " (add --unsafe-fixes for the unsafe ones)" };
        let (fixed, files) = (self.fixed, self.fixed_files);
        let (f1, f2) = (if fixed == 1 { "" } else { "s" }, if files == 1 { "" } else { "s" });
        format!("{verb} {fixed} finding{f1} in {files} file{f2}{unsafe_note}")
    }
}

/// An output file that is one of the run's inputs or corpus documents (by
/// device and inode, under any path): the report would replace a text it
/// reports on. The message says so.
pub fn output_clash(inputs: &Inputs, output: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let o = std::fs::metadata(output).ok()?;
    let same = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.dev() == o.dev() && m.ino() == o.ino());
    let clash = inputs.inputs.iter().chain(&inputs.corpus).any(|i| match i {
        Input::File { path, .. } => same(path),
        _ => false,
    });
    clash.then(|| {
        format!(
            "{}: the output file is one of the files linted; write the report elsewhere",
            crate::walk::display_path(output)
        )
    })
}

/// A file's device and inode, to know it under any path.
fn file_id(i: &Input) -> Option<(u64, u64)> {
    match i {
        Input::File { path, .. } => std::fs::metadata(path).ok().map(|m| {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino())
        }),
        _ => None,
    }
}

/// A file name with a JSON Lines extension (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`).
fn is_jsonl_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".jsonl", ".jsonl.gz", ".jsonl.zst"].iter().any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(toml: &str) -> Session {
        let config = Config::parse(Path::new("scrapelint.toml"), toml).unwrap();
        Session::new(config, &[], &[], &[]).unwrap()
    }

    const DIRTY: &str = "The talks ended\u{a0}on Monday. .\n\nGo To Source\n";

    #[test]
    fn excludes_and_per_file_ignores_apply_to_documents_in_memory() {
        let s = session("exclude = [\"drafts/**\"]\n[per-file-ignores]\n\"legacy/**\" = [\"boilerplate\"]\n");
        let doc = Document::new("x", DIRTY);
        let codes = |fs: &[Finding]| -> Vec<String> {
            fs.iter().map(|f| s.registry.info(f.lint).name.to_string()).collect()
        };
        assert_eq!(codes(&s.lint_document(&doc, None)), ["odd-space", "stray-period", "source-link"]);
        assert!(s.lint_document(&doc, Some(Path::new("drafts/a.txt"))).is_empty());
        assert_eq!(
            codes(&s.lint_document(&doc, Some(Path::new("legacy/a.txt")))),
            ["odd-space", "stray-period"]
        );
        // Fixing an excluded document changes nothing.
        let fixed = s.fix_document(&doc, Some(Path::new("drafts/a.txt")), true, |_| true);
        assert_eq!((fixed.text.as_str(), fixed.applied.len()), (DIRTY, 0));
    }

    #[test]
    fn fixing_only_what_is_selected_reports_what_it_removed_and_what_is_left() {
        let s = session("");
        let source_link = s.registry.find("source-link").unwrap();
        let doc = Document::new("x", DIRTY);
        let fixed = s.fix_document(&doc, None, true, |f| f.lint == source_link);
        assert_eq!(fixed.text, "The talks ended\u{a0}on Monday. .\n");
        assert_eq!(fixed.applied.len(), 1);
        assert_eq!(fixed.applied[0].removed, "Go To Source\n");
        let left: Vec<&str> = fixed.remaining.iter().map(|f| &*s.registry.info(f.lint).name).collect();
        assert_eq!(left, ["odd-space", "stray-period"]);
        // Safe fixes only: the line stays, the rest is repaired.
        let fixed = s.fix_document(&doc, None, false, |_| true);
        assert_eq!(fixed.text, "The talks ended on Monday.\n\nGo To Source\n");
        assert_eq!(fixed.remaining.len(), 1);
    }
}
