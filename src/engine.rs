//! Runs the lints. Without corpus lints every document is read, linted and
//! dropped (in parallel). With corpus lints, a first pass adds up the corpus
//! statistics ([`CorpusStats`]) from every document, and a second pass lints
//! each checked document against them: the same second pass that runs when the
//! statistics come from a file (`lint --stats`), so a sharded run and a single
//! run agree by construction. The first pass hands the documents it read to the
//! second when they fit in a budget (`Kept`). Output is in input order
//! whatever the thread count.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::document::{DocKey, Document};
use crate::finding::Finding;
use crate::level::Level;
use crate::lint::Context;
use crate::registry::Registry;
use crate::span::Span;
use crate::stats::{CorpusStats, Focus, Frozen, Needs};
use crate::timings::{self, Step};
use crate::walk::{self, Input, Loaded, ReadOptions};

pub use crate::corpus::Corpus;

// Defined below the engine, so that lints can name it.
pub use crate::settings::Settings;

/// Empty statistics with every part, whatever is enabled: statistics that
/// any configuration can lint against (`stats`, the Python `Stats`).
pub fn empty_stats(settings: &Settings) -> CorpusStats {
    CorpusStats::new(Needs::ALL, crate::lints::repeated_line::max_chars(settings))
}

/// Empty statistics for the corpus lints enabled in `registry`, or `None`
/// when none is.
pub fn new_stats(registry: &Registry, settings: &Settings) -> Option<CorpusStats> {
    let mut needs: Option<Needs> = None;
    for id in registry.enabled().filter(|&id| registry.lint(id).is_corpus_lint()) {
        needs = Some(needs.unwrap_or(Needs::NONE).union(registry.lint(id).stats_needed()));
    }
    Some(CorpusStats::new(needs?, crate::lints::repeated_line::max_chars(settings)))
}

/// Why `stats` cannot serve the enabled corpus lints, if it cannot.
pub fn stats_mismatch(registry: &Registry, settings: &Settings, stats: &Frozen) -> Option<String> {
    let want = new_stats(registry, settings)?;
    if !want.parts.met_by(stats.parts) {
        return Some("the statistics lack parts the enabled corpus lints need; compute them with the same lints enabled".into());
    }
    (want.parts.lines && want.line_max_chars() != stats.line_max_chars()).then(|| {
        format!(
            "the statistics counted lines up to {} characters, the configuration says {} (repeated-line's max-chars)",
            stats.line_max_chars(), want.line_max_chars()
        )
    })
}

/// One document and what was found in it, in order.
pub struct FileReport {
    pub doc: Document,
    pub findings: Vec<Finding>,
}

/// What a run produced.
#[derive(Default)]
pub struct Outcome {
    /// Documents with findings, in input order.
    pub reports: Vec<FileReport>,
    /// Files that could not be read: messages naming them.
    pub errors: Vec<String>,
    /// Files read (whatever they held).
    pub files_checked: usize,
    /// What the run did not do as asked ([`Ran::notes`]).
    pub notes: Vec<String>,
}

/// Runs the per-document pass of every enabled lint on one document.
pub fn check_document(registry: &Registry, doc: &Document) -> Vec<Finding> {
    check_document_spread(registry, doc, false)
}

/// [`check_document`], its lints run on every core when `spread` (a run of
/// one or two documents, whose start-up is the lints' patterns compiling).
fn check_document_spread(registry: &Registry, doc: &Document, spread: bool) -> Vec<Finding> {
    let shared = crate::lint::Shared::default();
    let ids: Vec<usize> = registry.enabled().filter(|&id| !registry.lint(id).is_corpus_lint()).collect();
    let mut findings = each_lint(&ids, spread, |id, findings| {
        let lint = registry.lint(id);
        timings::lint(id, || lint.check(doc, &mut Context::new(id, doc, findings, &shared)));
    });
    drop(shared);
    drop_yielded(registry, doc, &mut findings);
    finish(registry, &mut findings);
    findings
}

/// Runs `check` for each lint of `ids`, in order, into one list; with
/// `spread` each lint into its own list on the pool, the lists joined in the
/// order of `ids`: the same findings in the same order either way (a lint
/// only adds to its list).
fn each_lint(ids: &[usize], spread: bool, check: impl Fn(usize, &mut Vec<Finding>) + Sync) -> Vec<Finding> {
    if !spread {
        let mut findings = Vec::new();
        for &id in ids {
            check(id, &mut findings);
        }
        return findings;
    }
    let lists: Vec<Vec<Finding>> = ids
        .par_iter()
        .with_max_len(1)
        .map(|&id| {
            let mut findings = Vec::new();
            check(id, &mut findings);
            findings
        })
        .collect();
    lists.concat()
}

/// Drops the findings of yielding lints ([`crate::lint::Lint::yields`]) whose
/// every non-blank line is flagged by a finding of another lint.
fn drop_yielded(registry: &Registry, doc: &Document, findings: &mut Vec<Finding>) {
    if !findings.iter().any(|f| registry.lint(f.lint).yields()) {
        return;
    }
    let mut claimed = std::collections::HashSet::new();
    for f in findings.iter().filter(|f| !registry.lint(f.lint).yields()) {
        let (a, b) = (doc.line_index(f.span.start), doc.line_index(f.span.end.max(f.span.start + 1) - 1));
        claimed.extend(a..=b.max(a));
    }
    findings.retain(|f| {
        if !registry.lint(f.lint).yields() {
            return true;
        }
        let (a, b) = (doc.line_index(f.span.start), doc.line_index(f.span.end.max(f.span.start + 1) - 1));
        !(a..=b.max(a)).all(|i| claimed.contains(&i) || doc.slice(doc.line_span(i)).trim().is_empty())
    });
}

/// Runs every enabled corpus lint on one document, against the corpus.
pub fn check_corpus_document(registry: &Registry, doc: &Document, corpus: &Corpus<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let shared = crate::lint::Shared::default();
    for id in registry.enabled().filter(|&id| registry.lint(id).is_corpus_lint()) {
        let lint = registry.lint(id);
        timings::lint(id, || {
            lint.check_corpus(doc, corpus, &mut Context::new(id, doc, &mut findings, &shared))
        });
    }
    finish(registry, &mut findings);
    findings
}

/// Both passes on one document: what a run reports for it.
fn check_all(registry: &Registry, doc: &Document, corpus: Option<&Corpus<'_>>) -> Vec<Finding> {
    check_all_spread(registry, doc, corpus, false)
}

/// [`check_all`], the document's lints on every core when `spread`.
fn check_all_spread(
    registry: &Registry,
    doc: &Document,
    corpus: Option<&Corpus<'_>>,
    spread: bool,
) -> Vec<Finding> {
    let mut findings = check_document_spread(registry, doc, spread);
    if let Some(c) = corpus {
        findings.extend(check_corpus_document(registry, doc, c));
        drop_yielded(registry, doc, &mut findings);
        finish(registry, &mut findings);
    }
    findings
}

/// Lints documents already in memory as one corpus: each document's findings,
/// in order, in the order of `docs`.
pub fn lint_documents(registry: &Registry, docs: &[Document], settings: &Settings) -> Vec<Vec<Finding>> {
    let registry = &*registry.configured(settings);
    // Freezing fails only for a table past 2^32 entries: the corpus lints
    // then find nothing, as without statistics.
    let stats = new_stats(registry, settings).and_then(|empty| stats_of(&empty, docs).freeze().ok());
    let texts: HashMap<DocKey, Arc<str>> = docs.iter().map(|d| (d.key(), d.text_arc().clone())).collect();
    let corpus = stats.as_ref().map(|s| Corpus::new(s, settings, &texts));
    docs.par_iter().map(|d| check_all(registry, d, corpus.as_ref())).collect()
}

/// Lints one document in memory: against `stats` when given, else as a
/// corpus of its own (corpus lints then find little: nothing repeats).
pub fn lint_text(
    registry: &Registry,
    doc: &Document,
    settings: &Settings,
    stats: Option<&Frozen>,
) -> Vec<Finding> {
    let registry = &*registry.configured(settings);
    let Some(stats) = stats else {
        return lint_documents(registry, std::slice::from_ref(doc), settings).pop().unwrap_or_default();
    };
    let texts = HashMap::from([(doc.key(), doc.text_arc().clone())]);
    check_all(registry, doc, Some(&Corpus::new(stats, settings, &texts)))
}

/// Adds up the statistics of documents in memory, pruned
/// ([`CorpusStats::prune`]).
pub fn stats_of(empty: &CorpusStats, docs: &[Document]) -> CorpusStats {
    let mut stats = stats_of_all(empty, docs);
    stats.prune();
    stats
}

/// [`stats_of`], not pruned.
pub fn stats_of_all(empty: &CorpusStats, docs: &[Document]) -> CorpusStats {
    docs.par_iter()
        .with_min_len(fold_len(docs.len()))
        .fold(
            || empty.clone_empty(),
            |mut s, d| {
                s.add(d);
                s
            },
        )
        .reduce(|| empty.clone_empty(), merged)
}

/// The fewest inputs one set of statistics is folded from: a few sets per
/// thread, not one per piece of work rayon splits off. Every set holds the
/// corpus's common words and names again, and merging them is the costly part.
fn fold_len(inputs: usize) -> usize {
    inputs.div_ceil(4 * rayon::current_num_threads()).max(1)
}

fn merged(mut a: CorpusStats, mut b: CorpusStats) -> CorpusStats {
    // Merging is commutative: add the smaller into the larger.
    if a.size() < b.size() {
        std::mem::swap(&mut a, &mut b);
    }
    a.merge(b).expect("statistics of one run have the same parts");
    a
}

/// Sets levels from the registry (lowered where a lint capped a finding's:
/// [`Finding::at_most`]) and sorts by position, then lint name.
fn finish(registry: &Registry, findings: &mut Vec<Finding>) {
    for f in findings.iter_mut() {
        f.level = registry.level(f.lint).min(f.level);
    }
    findings.retain(|f| f.level != Level::Off);
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &registry.info(a.lint).name).cmp(&(
            b.span.start,
            b.span.end,
            &registry.info(b.lint).name,
        ))
    });
}

/// Statistics count only the keys of the documents to lint ([`Focus`])
/// when they are at most one in this many of the documents counted.
const FOCUS_SHARE: usize = 8;

/// The [`Focus`] of the inputs of `job` when they are few beside the `all`
/// documents counted (a commit's files against its corpus), and plain
/// files: a JSON Lines shard is many documents. The inputs are read for
/// it; what each loaded comes back with it, to be counted and linted.
fn focus_of(
    registry: &Registry,
    job: &Job<'_>,
    all: usize,
    empty: &CorpusStats,
) -> Option<(Focus, Vec<Vec<Loaded>>)> {
    if job.read.jsonl.is_some()
        || job.inputs.len().saturating_mul(FOCUS_SHARE) > all
        // Standard input not read into memory can be read only once.
        || job.inputs.iter().any(|i| matches!(i, Input::Stdin { .. }))
    {
        return None;
    }
    let mut buf = Vec::new();
    let read: Vec<Vec<Loaded>> =
        job.inputs.iter().map(|input| walk::load(input, &mut buf, job.read)).collect();
    let docs: Vec<&Document> = read
        .iter()
        .flatten()
        .filter_map(|loaded| match loaded {
            Loaded::Text(doc) | Loaded::Lossy { doc, .. } => Some(doc),
            _ => None,
        })
        .collect();
    // What the corpus lints read when they check these documents.
    let needs = registry
        .enabled()
        .map(|id| registry.lint(id))
        .filter(|lint| lint.is_corpus_lint())
        .flat_map(|lint| docs.iter().map(move |doc| lint.stats_needed_by(doc)))
        .fold(Needs::NONE, Needs::union);
    let focus = Focus::of(docs, empty.line_max_chars(), needs);
    Some((focus, read))
}

/// Everything a run needs besides the registry.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    /// Reported on.
    pub inputs: &'a [Input],
    /// Read by corpus lints, not reported on.
    pub corpus: &'a [Input],
    /// The [`crate::walk::Stamp`] of each of `corpus` when it was found (by
    /// index; may be empty): the cache need not ask for it again.
    pub corpus_stamps: &'a [Option<crate::walk::Stamp>],
    pub settings: &'a Settings,
    pub read: &'a ReadOptions,
    /// Statistics of the whole corpus, from `scrapelint stats`: used instead of
    /// reading `inputs` and `corpus` twice.
    pub stats: Option<&'a Frozen>,
    /// The folder of the statistics file: documents it names are read back
    /// (to draw related places) only from here or from `inputs` and `corpus`.
    pub stats_dir: Option<&'a std::path::Path>,
    /// Related places are not drawn: the documents they point at are not
    /// read back for their texts (their positions are known without).
    pub skip_related_texts: bool,
    /// The statistics cache's folder ([`crate::cache`]): a run that lints a
    /// few files against a corpus counts the corpus's files from it.
    pub cache_dir: Option<&'a crate::cache::CacheDir>,
}

/// Loads and lints the inputs; `corpus` adds documents that corpus lints
/// read but that are not reported on.
pub fn run(registry: &Registry, inputs: &[Input], corpus: &[Input], settings: &Settings) -> Outcome {
    let read = ReadOptions::default();
    let job = Job {
        inputs,
        corpus,
        corpus_stamps: &[],
        settings,
        read: &read,
        stats: None,
        stats_dir: None,
        skip_related_texts: false,
        cache_dir: None,
    };
    run_job(registry, &job, &AtomicUsize::new(0))
}

/// Adds up the corpus statistics of `inputs` (the first pass of a run),
/// pruned ([`CorpusStats::prune`]). Read errors come back as messages.
pub fn collect_stats(
    empty: &CorpusStats,
    inputs: &[Input],
    read: &ReadOptions,
    done: &AtomicUsize,
) -> (CorpusStats, Vec<String>) {
    collect_stats_keeping(empty, inputs, read, done, None)
}

/// [`collect_stats`], handing documents to `keep` for the lint pass.
fn collect_stats_keeping(
    empty: &CorpusStats,
    inputs: &[Input],
    read: &ReadOptions,
    done: &AtomicUsize,
    keep: Option<&Kept>,
) -> (CorpusStats, Vec<String>) {
    let (mut stats, errors, _) = count(empty, inputs, read, done, keep, None);
    timings::step(Step::Merge, || stats.prune());
    (stats, errors)
}

/// The statistics cache as a run uses it: the parts it finds, and those it
/// makes for files the cache does not have, to be written when it is done.
struct CacheUse {
    cache: crate::cache::Cache,
    line_max_chars: usize,
    /// Nanoseconds since the epoch when the run began: files changed since
    /// shortly before are not cached ([`crate::walk::Stamp::settled`]).
    now: i128,
    used: std::sync::Mutex<Vec<Arc<str>>>,
    fresh: std::sync::Mutex<Vec<crate::cache::Fresh>>,
    /// How many more parts this run may make ([`CACHE_FILL_SHARE`]).
    fill: AtomicUsize,
    /// The stamps of the files counted, by index, when known.
    stamps: Vec<Option<crate::walk::Stamp>>,
}

/// A run makes the parts of at most one in this many of its corpus files
/// (and at least [`CACHE_FILL_LEAST`]) that the cache lacks: making a part
/// costs more than counting the few keys a commit's files need, so a cold
/// cache is filled over a few dozen runs, each about as fast as without it.
const CACHE_FILL_SHARE: usize = 32;
const CACHE_FILL_LEAST: usize = 256;

impl CacheUse {
    /// Writes the cache when the run found it out of date: a part made,
    /// or a part of a file not counted (gone, changed, or not a corpus
    /// file of this run).
    fn finish(self) -> Option<String> {
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        if fresh.is_empty() && used.len() == self.cache.len() {
            return None;
        }
        let kept: Vec<&str> = used.iter().map(|p| &**p).collect();
        timings::step(Step::Merge, || self.cache.write(&kept, &fresh)).err()
    }
}

/// Documents the statistics pass read, kept for the lint pass so that their
/// files are not read twice: those of the inputs to lint (the first
/// `inputs` of the pass's inputs), when all of them fit in a budget. Each is
/// taken (and so dropped) when its turn to be linted comes. A larger corpus
/// is read twice, as before: what was kept is dropped as soon as the budget
/// runs out, so the peak memory of a large run (reached while the
/// statistics merge) does not grow. Whether everything fits does not depend
/// on the order threads read in, and what is found never does.
struct Kept {
    inputs: usize,
    held: std::sync::Mutex<Held>,
    /// Inputs read before the statistics pass (for a [`Focus`]): counted
    /// from what was read then, not read again.
    read_before: std::sync::Mutex<HashMap<usize, Vec<Loaded>>>,
}

#[derive(Default)]
struct Held {
    docs: HashMap<usize, Vec<Loaded>>,
    /// Bytes that may still be kept; `None` once the inputs did not fit.
    room: Option<usize>,
}

impl Kept {
    /// A corpus the size of `corpora/clean` (28 MB of text) is read once.
    const BUDGET: usize = 32 << 20;

    fn new(inputs: usize, budget: usize) -> Self {
        Kept {
            inputs,
            held: std::sync::Mutex::new(Held { docs: HashMap::new(), room: Some(budget) }),
            read_before: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// What input `i` loaded before the statistics pass.
    fn read_before(&self, i: usize, loaded: Vec<Loaded>) {
        self.read_before.lock().unwrap_or_else(|e| e.into_inner()).insert(i, loaded);
    }

    fn take_read_before(&self, i: usize) -> Option<Vec<Loaded>> {
        self.read_before.lock().unwrap_or_else(|e| e.into_inner()).remove(&i)
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps what input `i` loaded, if it is an input to lint and everything fits.
    fn offer(&self, i: usize, loaded: Vec<Loaded>) {
        if i >= self.inputs {
            return;
        }
        let bytes: usize = loaded.iter().map(Loaded::heap_size).sum();
        let mut held = self.held();
        match held.room.map(|room| room.checked_sub(bytes)) {
            None => {}
            Some(Some(left)) => {
                held.room = Some(left);
                held.docs.insert(i, loaded);
            }
            Some(None) => {
                held.room = None;
                held.docs = HashMap::new();
            }
        }
    }

    /// Bytes that may still be kept (none once the inputs did not fit).
    fn room(&self) -> usize {
        self.held().room.unwrap_or(0)
    }

    fn take(&self, i: usize) -> Option<Vec<Loaded>> {
        self.held().docs.remove(&i)
    }
}

/// What [`collect_stats`] left out, besides files it could not read.
#[derive(Debug, Default)]
pub struct Skipped {
    /// JSONL records that hold no document, and files that are not UTF-8
    /// (without `--lossy`): messages naming each.
    pub invalid: Vec<String>,
    /// Files that look binary: their names.
    pub binary: Vec<String>,
}

/// [`collect_stats`], not pruned, also saying which documents were not counted.
pub fn collect_stats_noting_skips(
    empty: &CorpusStats,
    inputs: &[Input],
    read: &ReadOptions,
    done: &AtomicUsize,
) -> (CorpusStats, Vec<String>, Skipped) {
    count(empty, inputs, read, done, None, None)
}

/// The statistics cache of `job`, when it can serve the statistics `empty`
/// will count: those of a run that lints a few files against a corpus of
/// plain files ([`Focus`]), without words (a part has none). Why it cannot
/// be read goes to `notes`.
fn open_cache(
    job: &Job<'_>,
    empty: &CorpusStats,
    stamps: Vec<Option<crate::walk::Stamp>>,
    notes: &mut Vec<String>,
) -> Option<CacheUse> {
    let dir = job.cache_dir?;
    if !empty.is_focused() || empty.counts_words() || job.read.jsonl.is_some() {
        return None;
    }
    let line_max_chars = empty.line_max_chars();
    let key = crate::cache::Cache::key(line_max_chars, job.read.max_bytes, job.read.lossy);
    // The parts of a corpus are a fraction of its size (a third of it with
    // short documents): a cache file far larger is not this corpus's.
    let corpus: u64 = stamps.iter().flatten().map(|s| s.size()).sum();
    let max = corpus.saturating_mul(2).max(16 << 20);
    match crate::cache::Cache::open_within(dir, key, max) {
        Ok((cache, note)) => {
            notes.extend(note);
            Some(CacheUse {
                cache,
                line_max_chars,
                now: crate::cache::now(),
                used: Default::default(),
                fresh: Default::default(),
                fill: AtomicUsize::new((stamps.len() / CACHE_FILL_SHARE).max(CACHE_FILL_LEAST)),
                stamps,
            })
        }
        Err(why) => {
            notes.push(why);
            None
        }
    }
}

/// The statistics pass: reads and counts every input, offering what it read
/// to `keep`; with a `cache`, counts the files it has from it.
fn count(
    empty: &CorpusStats,
    inputs: &[Input],
    read: &ReadOptions,
    done: &AtomicUsize,
    keep: Option<&Kept>,
    cache: Option<&CacheUse>,
) -> (CorpusStats, Vec<String>, Skipped) {
    // One set of statistics per thread, not per piece of work rayon splits
    // off: every set holds the corpus's common words and names again, and
    // merging them is the costly part. What each input left out is kept by
    // its number, to be told in input order.
    struct Slot {
        buf: Vec<u8>,
        stats: CorpusStats,
        errors: Vec<(usize, u64, String)>,
        invalid: Vec<(usize, u64, String)>,
        binary: Vec<(usize, u64, String)>,
    }
    let slots: Vec<std::sync::Mutex<Slot>> = (0..rayon::current_num_threads().max(1))
        .map(|_| {
            std::sync::Mutex::new(Slot {
                buf: Vec::new(),
                stats: empty.clone_empty(),
                errors: Vec::new(),
                invalid: Vec::new(),
                binary: Vec::new(),
            })
        })
        .collect();
    fn lock(slot: &std::sync::Mutex<Slot>) -> std::sync::MutexGuard<'_, Slot> {
        slot.lock().unwrap_or_else(|e| e.into_inner())
    }
    let own_slot = || &slots[rayon::current_thread_index().unwrap_or(0) % slots.len()];
    // Counts one document of input `i` (its `n`th) into this thread's slot.
    let tally = |i: usize, n: u64, loaded: &Loaded| {
        let mut guard = lock(own_slot());
        let slot = &mut *guard;
        match loaded {
            Loaded::Text(doc) | Loaded::Lossy { doc, .. } => slot.stats.add(doc),
            Loaded::Error(e) => slot.errors.push((i, n, e.clone())),
            Loaded::BadRecord { doc, message, .. } => {
                let at = match doc.record() {
                    Some(r) => format!("{}#{r}", doc.path()),
                    None => doc.path().to_string(),
                };
                slot.invalid.push((i, n, format!("{at}: not a document: {message}")));
            }
            Loaded::InvalidUtf8 { doc, offset, .. } => slot.invalid.push((
                i,
                n,
                format!("{}: not valid UTF-8 at byte {offset} (--lossy reads it)", doc.path()),
            )),
            Loaded::Binary { doc } => slot.binary.push((i, n, doc.path().to_string())),
        }
    };
    inputs.par_iter().enumerate().for_each(|(i, input)| {
        let Some(jsonl) = &read.jsonl else {
            let read_before = keep.and_then(|k| k.take_read_before(i));
            // A corpus file the cache has, unchanged: counted from its part.
            let file = match (cache, input, &read_before) {
                (Some(c), Input::File { path, display }, None) if keep.is_none_or(|k| i >= k.inputs) => {
                    let stamp = c.stamps.get(i).copied().flatten().or_else(|| crate::walk::Stamp::of(path));
                    stamp.map(|stamp| (c, display, stamp))
                }
                _ => None,
            };
            if let Some((c, display, stamp)) = &file {
                let (line, name) = (|k| empty.counts_line(k), |w: &str| empty.counts_name(w));
                if let Some((hash, part)) = c.cache.get(display, stamp, line, name) {
                    let key = DocKey { path: Arc::from(display.as_str()), record: None };
                    lock(own_slot()).stats.add_part(&key, hash, &part);
                    c.used.lock().unwrap_or_else(|e| e.into_inner()).push(key.path);
                    done.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
            // Reading may call into rayon, and a thread waiting there may take
            // up another input of this loop: the slot is not held while
            // reading, only while counting.
            let mut buf = std::mem::take(&mut lock(own_slot()).buf);
            let loaded = read_before
                .unwrap_or_else(|| timings::step(Step::ReadForStats, || walk::load(input, &mut buf, read)));
            lock(own_slot()).buf = buf;
            if let (Some((c, display, stamp)), [Loaded::Text(doc)]) = (&file, &loaded[..]) {
                let fill = || {
                    c.fill.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok()
                };
                // Kept without its stamp when the stamp cannot tell this
                // text from the file's next edit: found by its digest.
                let stamp = stamp.settled(c.now).then_some(*stamp);
                let bytes = doc.text().as_bytes();
                let mut digest = None;
                // A file a cache the user named has in another state or at
                // another path (a checkout, a copy, a restored CI cache):
                // counted from its part, kept with the file's path and stamp now.
                if c.cache.finds_by_digest() {
                    let d = *digest.insert(crate::cache::digest(bytes));
                    let (line, name) = (|k| empty.counts_line(k), |w: &str| empty.counts_name(w));
                    if let Some((hash, part)) = c.cache.find(&d, bytes.len() as u64, line, name) {
                        lock(own_slot()).stats.add_part(&doc.key(), hash, &part);
                        if c.cache.holds(display, &d, stamp.as_ref()) {
                            c.used
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push(Arc::from(display.as_str()));
                        } else {
                            let part = crate::cache::Part::Found;
                            let fresh = crate::cache::Fresh {
                                path: display.to_string(),
                                stamp,
                                digest: d,
                                hash,
                                part,
                            };
                            c.fresh.lock().unwrap_or_else(|e| e.into_inner()).push(fresh);
                        }
                        done.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                }
                // A file the cache lacks, settled: counted from the part made
                // for it. (One being edited would be made again each run.)
                if stamp.is_some() && fill() {
                    let digest = digest.unwrap_or_else(|| crate::cache::digest(bytes));
                    let hash = crate::fnv::content_hash(bytes);
                    let part = crate::stats::part::DocPart::of(doc, c.line_max_chars);
                    lock(own_slot()).stats.add_part(&doc.key(), hash, &part);
                    let mut w = crate::stats::codec::Writer::default();
                    part.encode(&mut w);
                    let part = crate::cache::Part::Made(w.bytes);
                    let fresh = crate::cache::Fresh { path: display.to_string(), stamp, digest, hash, part };
                    c.fresh.lock().unwrap_or_else(|e| e.into_inner()).push(fresh);
                    done.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
            for (n, l) in loaded.iter().enumerate() {
                tally(i, n as u64, l);
            }
            if let Some(keep) = keep {
                keep.offer(i, loaded);
            }
            done.fetch_add(1, Ordering::Relaxed);
            return;
        };
        // JSON Lines: batch by batch, each counted on every thread; the
        // batches are kept for the lint pass while they fit its budget.
        let mut kept = keep.filter(|k| i < k.inputs).map(|_| (Vec::new(), 0usize));
        let mut n = 0u64;
        timings::step(Step::ReadForStats, || {
            walk::load_batches(input, read, jsonl, |batch| {
                batch.par_iter().enumerate().for_each(|(j, l)| tally(i, n + j as u64, l));
                n += batch.len() as u64;
                if let Some((docs, bytes)) = kept.as_mut() {
                    *bytes += batch.iter().map(Loaded::heap_size).sum::<usize>();
                    if *bytes > keep.map_or(0, Kept::room) {
                        kept = None;
                    } else {
                        docs.extend(batch);
                    }
                }
            })
        });
        if let (Some(keep), Some((docs, _))) = (keep, kept) {
            keep.offer(i, docs);
        }
        done.fetch_add(1, Ordering::Relaxed);
    });
    let slots: Vec<Slot> =
        slots.into_iter().map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner())).collect();
    let in_order = |lists: Vec<Vec<(usize, u64, String)>>| -> Vec<String> {
        let mut all = lists.concat();
        // By input, and within one by the order it gave them.
        all.sort_by_key(|&(i, n, _)| (i, n));
        all.into_iter().map(|(_, _, m)| m).collect()
    };
    let mut sets = Vec::new();
    let (mut errors, mut invalid, mut binary) = (Vec::new(), Vec::new(), Vec::new());
    for slot in slots {
        sets.push(slot.stats);
        errors.push(slot.errors);
        invalid.push(slot.invalid);
        binary.push(slot.binary);
    }
    let stats =
        timings::step(Step::Merge, || sets.into_iter().reduce(merged).unwrap_or_else(|| empty.clone_empty()));
    let skipped = Skipped { invalid: in_order(invalid), binary: in_order(binary) };
    (stats, in_order(errors), skipped)
}

/// [`run`] with every option, counting the files read in `done` (for a
/// progress display).
pub fn run_job(registry: &Registry, job: &Job<'_>, done: &AtomicUsize) -> Outcome {
    let mut reports = Vec::new();
    let Ok(ran) = stream_job(registry, job, done, |r| {
        reports.push(r);
        Ok::<(), std::convert::Infallible>(())
    });
    Outcome { reports, errors: ran.errors, files_checked: ran.files_checked, notes: ran.notes }
}

/// How many inputs are linted together before their reports are handed on:
/// a run holds the reports (and texts) of at most this many inputs at once.
const CHUNK: usize = 256;

/// What a streamed run leaves once its reports are handed on.
#[derive(Debug, Default)]
pub struct Ran {
    /// Files that could not be read: messages naming them.
    pub errors: Vec<String>,
    /// What the run did not do as asked, for a front end that is not quiet
    /// (a statistics cache it could not use).
    pub notes: Vec<String>,
    /// Files read (whatever they held).
    pub files_checked: usize,
}

/// [`run_job`] handing each report to `emit` in input order as soon as its
/// turn comes, instead of holding every report to the end: memory grows with
/// the corpus statistics, not with the findings. Stops at `emit`'s first error.
pub fn stream_job<E>(
    registry: &Registry,
    job: &Job<'_>,
    done: &AtomicUsize,
    emit: impl FnMut(FileReport) -> Result<(), E>,
) -> Result<Ran, E> {
    stream_job_keeping(registry, job, done, Kept::BUDGET, emit)
}

/// [`stream_job`], keeping at most `budget` bytes of documents from the
/// statistics pass for the lint pass ([`Kept`]).
fn stream_job_keeping<E>(
    registry: &Registry,
    job: &Job<'_>,
    done: &AtomicUsize,
    budget: usize,
    mut emit: impl FnMut(FileReport) -> Result<(), E>,
) -> Result<Ran, E> {
    let registry = &*registry.configured(job.settings);
    let computed;
    let mut ran = Ran::default();
    let mut stats_errors = Vec::new();
    let mut kept = Kept::new(0, 0);
    let stats = match (job.stats, new_stats(registry, job.settings)) {
        (Some(given), _) => Some(given),
        (None, None) => None,
        (None, Some(empty)) => {
            // Pass 1: the statistics of every document, checked or not.
            let checked: std::collections::HashSet<&Input> = job.inputs.iter().collect();
            let stamp_of = |i: usize| job.corpus_stamps.get(i).copied().flatten();
            let (all, stamps): (Vec<Input>, Vec<Option<crate::walk::Stamp>>) = job
                .inputs
                .iter()
                .map(|i| (i, None))
                .chain(
                    job.corpus
                        .iter()
                        .enumerate()
                        .filter(|(_, i)| !checked.contains(i))
                        .map(|(n, i)| (i, stamp_of(n))),
                )
                .map(|(i, s)| (i.clone(), s))
                .unzip();
            // Documents that do not fit in `kept` are read again in pass 2:
            // standard input must come buffered (`Input::buffered`).
            kept = Kept::new(job.inputs.len(), budget);
            // A few documents against a large corpus (a commit's files):
            // only what their lints can ask about is counted.
            let empty = match focus_of(registry, job, all.len(), &empty) {
                Some((focus, read)) => {
                    // What was read for the focus is what is counted and
                    // linted: a file saved meanwhile changes nothing.
                    for (i, loaded) in read.into_iter().enumerate() {
                        kept.read_before(i, loaded);
                    }
                    empty.focused(focus)
                }
                None => empty,
            };
            let cache = open_cache(job, &empty, stamps, &mut ran.notes);
            let (mut s, errors, _) = count(&empty, &all, job.read, done, Some(&kept), cache.as_ref());
            timings::step(Step::Merge, || s.prune());
            if let Some(note) = cache.and_then(CacheUse::finish) {
                ran.notes.push(note);
            }
            stats_errors = errors;
            match timings::step(Step::Merge, || s.freeze()) {
                Ok(frozen) => {
                    computed = frozen;
                    Some(&computed)
                }
                Err(e) => {
                    stats_errors.push(format!("corpus statistics: {e}"));
                    None
                }
            }
        }
    };
    // Pass 2: lint each document, against the statistics when there are.
    let no_texts = HashMap::new();
    let corpus = stats.map(|s| Corpus::new(s, job.settings, &no_texts));
    let mut related = RelatedTexts::default();
    // Fewer files than cores (a commit's few): each file's lints spread
    // over the cores, or a run of one file would compile every pattern it
    // needs on one core while the others wait.
    let spread = job.inputs.len() < rayon::current_num_threads();
    let lint_chunk = |(first, chunk): (usize, &[Input])| -> Vec<(Vec<FileReport>, Option<String>)> {
        chunk
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |buf, (i, input)| {
                let mut reports = Vec::new();
                let mut error = None;
                let docs = kept
                    .take(first + i)
                    .unwrap_or_else(|| timings::step(Step::Read, || walk::load(input, buf, job.read)));
                let results: Vec<Result<Option<FileReport>, String>> = docs
                    .into_par_iter()
                    .map(|loaded| lint_loaded(registry, loaded, corpus.as_ref(), spread))
                    .collect();
                for r in results {
                    match r {
                        Ok(report) => reports.extend(report),
                        Err(e) => error = Some(e),
                    }
                }
                done.fetch_add(1, Ordering::Relaxed);
                (reports, error)
            })
            .collect()
    };
    if let Some(jsonl) = &job.read.jsonl {
        // JSON Lines: one file at a time, batch by batch ([`walk::load_batches`]),
        // each batch linted on every thread and handed on before the next is
        // read, so a shard of any size takes about one batch of memory.
        for (i, input) in job.inputs.iter().enumerate() {
            // Every error of the file: each record over the size limit is one.
            let mut errors = Vec::new();
            let mut failed = None;
            // Returns whether to read on: not once the output failed (a
            // closed pipe, `| head`), so the rest of a shard is not read for nothing.
            let mut lint_batch = |batch: Vec<Loaded>| {
                if failed.is_some() {
                    return false;
                }
                let results: Vec<Result<Option<FileReport>, String>> = batch
                    .into_par_iter()
                    .map(|loaded| lint_loaded(registry, loaded, corpus.as_ref(), false))
                    .collect();
                let mut reports = Vec::new();
                for r in results {
                    match r {
                        Ok(report) => reports.extend(report),
                        Err(e) => errors.push(e),
                    }
                }
                let handed_on = timings::step(Step::Output, || {
                    if stats.is_some() && !job.skip_related_texts {
                        attach_related_texts(&mut reports, job, &mut related);
                    }
                    reports.into_iter().try_for_each(&mut emit)
                });
                failed = handed_on.err();
                failed.is_none()
            };
            match kept.take(i) {
                Some(docs) => {
                    lint_batch(docs);
                }
                None => timings::step(Step::Read, || {
                    walk::load_batches_while(input, job.read, jsonl, &mut lint_batch)
                }),
            }
            if let Some(e) = failed {
                return Err(e);
            }
            if errors.is_empty() {
                ran.files_checked += 1;
            }
            ran.errors.extend(errors);
            done.fetch_add(1, Ordering::Relaxed);
        }
    }
    let text_inputs = if job.read.jsonl.is_some() { &[][..] } else { job.inputs };
    let mut chunks = text_inputs.chunks(CHUNK).enumerate().map(|(n, chunk)| (n * CHUNK, chunk));
    let mut linted = chunks.next().map(lint_chunk);
    while let Some(per_input) = linted.take() {
        // The next chunk is linted while this one's reports are handed on:
        // writing findings (and reading back related documents) takes one
        // thread, and the others need not wait for it.
        let next = chunks.next();
        let handed_on = std::thread::scope(|scope| {
            let next = next.map(|chunk| scope.spawn(move || lint_chunk(chunk)));
            let mut reports = Vec::new();
            for (r, error) in per_input {
                match error {
                    Some(e) => ran.errors.push(e),
                    None => ran.files_checked += 1,
                }
                reports.extend(r);
            }
            let handed_on = timings::step(Step::Output, || {
                if stats.is_some() && !job.skip_related_texts {
                    attach_related_texts(&mut reports, job, &mut related);
                }
                reports.into_iter().try_for_each(&mut emit)
            });
            linted = next.map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            handed_on
        });
        handed_on?;
    }
    // Files only read for the statistics (`--corpus`) report their read errors
    // here; the inputs' own are already in from the second pass.
    for e in stats_errors {
        if !ran.errors.contains(&e) {
            ran.errors.push(e);
        }
    }
    Ok(ran)
}

/// Lints one loaded document: its report if anything was found, or the read error.
fn lint_loaded(
    registry: &Registry,
    loaded: Loaded,
    corpus: Option<&Corpus<'_>>,
    spread: bool,
) -> Result<Option<FileReport>, String> {
    let (doc, mut findings) = match loaded {
        Loaded::Text(doc) => {
            let findings = check_all_spread(registry, &doc, corpus, spread);
            (doc, findings)
        }
        Loaded::Lossy { doc, offset, span, bad } => {
            let mut findings = check_all_spread(registry, &doc, corpus, spread);
            // The U+FFFDs are the decoding's own: this finding speaks for them.
            findings.retain(|f| registry.info(f.lint).name != "replacement-char");
            let s = if bad == 1 { "" } else { "s" };
            let message = format!(
                "not valid UTF-8 at byte {offset}; linted with U+FFFD for {bad} bad sequence{s}, and not fixed"
            );
            let help = "re-encode the file as UTF-8";
            findings.extend(input_finding(registry, "invalid-utf8", span, message, "invalid byte", help));
            finish(registry, &mut findings);
            (doc, findings)
        }
        Loaded::InvalidUtf8 { doc, offset, span } => {
            let message = format!("not valid UTF-8 at byte {offset}; the file was not linted");
            let help = "re-encode the file as UTF-8, or lint it with --lossy";
            let f = input_finding(registry, "invalid-utf8", span, message, "invalid byte", help);
            (doc, f.into_iter().collect())
        }
        Loaded::Binary { doc } => {
            let help = "lint text files only, or remove the file from the corpus";
            let f = input_finding(
                registry,
                "binary-file",
                Span::new(0, 0),
                "binary file skipped".into(),
                "",
                help,
            );
            (doc, f.into_iter().collect())
        }
        Loaded::BadRecord { doc, span, message } => {
            let help =
                "each line of a JSONL file must be an object with a string text field (see --text-field)";
            let f = input_finding(registry, "invalid-record", span, message, "here", help);
            (doc, f.into_iter().collect())
        }
        Loaded::Error(e) => return Err(e),
    };
    findings.retain(|f| f.level != Level::Off);
    Ok((!findings.is_empty()).then_some(FileReport { doc, findings }))
}

/// The most a document named by a statistics file is read back to draw a
/// related place: larger ones are named, not drawn.
pub const RELATED_MAX_BYTES: u64 = 64 << 20;

/// The input to read back for a related place at `path`, if it may be read:
/// a document of this run, or a regular file (not a link, FIFO or device) of
/// at most [`RELATED_MAX_BYTES`] under the statistics file's folder, whose
/// documents are then drawn only if their text has the content hash the
/// statistics stored ([`drawable`]). A statistics file is data from
/// elsewhere: its paths may name anything, and its places any span.
fn readable_related(path: &str, of_run: &HashMap<&str, &Input>, job: &Job<'_>) -> Option<(Input, bool)> {
    if let Some(input) = of_run.get(path) {
        return Some(((*input).clone(), true));
    }
    let dir = std::fs::canonicalize(job.stats_dir?).ok()?;
    let real = std::fs::canonicalize(path).ok()?;
    let meta = std::fs::symlink_metadata(&real).ok()?;
    // A file that says it is empty holds no place; one that says so and is
    // not (`/proc`) is not a document.
    (real.starts_with(&dir) && meta.is_file() && (1..=RELATED_MAX_BYTES).contains(&meta.len()))
        .then(|| (Input::File { path: real, display: path.to_string() }, false))
}

/// Whether a document read back for related places may be drawn: one of the
/// run, or one whose text hashes to what the statistics stored for it, so
/// the statistics' writer must have known the text (a place cannot show a
/// file it was not counted from, whatever path and span it names).
fn drawable(doc: &Document, of_run: bool, job: &Job<'_>) -> bool {
    of_run
        || job.stats.and_then(|s| s.doc_hash(&doc.key()))
            == Some(crate::fnv::content_hash(doc.text().as_bytes()))
}

/// Texts of documents read back for related places, kept across chunks
/// (places point at the first documents holding a line, so the same few
/// come up again and again), up to [`RelatedTexts::MAX_BYTES`].
#[derive(Default)]
struct RelatedTexts<'j> {
    texts: HashMap<DocKey, Arc<str>>,
    bytes: usize,
    /// Documents of this run (standard input too, buffered) by the name
    /// they are reported under: made when first needed, once a run.
    of_run: Option<HashMap<&'j str, &'j Input>>,
}

impl RelatedTexts<'_> {
    const MAX_BYTES: usize = 32 << 20;

    fn keep(&mut self, key: DocKey, text: Arc<str>) {
        if self.bytes + text.len() > Self::MAX_BYTES {
            self.texts.clear();
            self.bytes = 0;
        }
        self.bytes += text.len();
        if let Some(old) = self.texts.insert(key, text) {
            self.bytes -= old.len();
        }
    }
}

/// Gives related places in other documents their text, so they can be drawn:
/// reads just the documents that findings point at, where they may be read
/// ([`readable_related`]); the others are drawn as `path:line:col`.
fn attach_related_texts<'j>(reports: &mut [FileReport], job: &Job<'j>, kept: &mut RelatedTexts<'j>) {
    let read = job.read;
    let mut wanted: HashMap<DocKey, Option<Arc<str>>> = HashMap::new();
    for r in reports.iter() {
        wanted.insert(r.doc.key(), Some(r.doc.text_arc().clone()));
    }
    for f in reports.iter().flat_map(|r| &r.findings) {
        for rel in f.related.iter().filter(|rel| rel.text.is_none()) {
            let key = DocKey { path: rel.path.clone(), record: rel.record };
            let text = kept.texts.get(&key).cloned();
            wanted.entry(key).or_insert(text);
        }
    }
    let missing: std::collections::BTreeSet<Arc<str>> =
        wanted.iter().filter(|(_, t)| t.is_none()).map(|(k, _)| k.path.clone()).collect();
    if missing.is_empty() {
        return attach(reports, &wanted);
    }
    let inputs: &'j [Input] = job.inputs;
    let corpus: &'j [Input] = job.corpus;
    let of_run = kept.of_run.get_or_insert_with(|| {
        inputs
            .iter()
            .chain(corpus)
            .filter(|i| matches!(i, Input::File { .. } | Input::Bytes { .. }))
            .map(|i| (i.display(), i))
            .collect()
    });
    let mut found = Vec::new();
    let mut buf = Vec::new();
    for path in missing {
        let Some((input, of_run)) = readable_related(&path, of_run, job) else { continue };
        for loaded in walk::load(&input, &mut buf, read) {
            if let Loaded::Text(doc) | Loaded::Lossy { doc, .. } = loaded {
                if !drawable(&doc, of_run, job) {
                    continue;
                }
                if let Some(slot) = wanted.get_mut(&doc.key()) {
                    *slot = Some(doc.text_arc().clone());
                    found.push((doc.key(), doc.text_arc().clone()));
                }
            }
        }
    }
    for (key, text) in found {
        kept.keep(key, text);
    }
    attach(reports, &wanted);
}

/// Gives each related place without a text the one `wanted` has for it.
fn attach(reports: &mut [FileReport], wanted: &HashMap<DocKey, Option<Arc<str>>>) {
    for f in reports.iter_mut().flat_map(|r| r.findings.iter_mut()) {
        for rel in f.related.iter_mut().filter(|rel| rel.text.is_none()) {
            let key = DocKey { path: rel.path.clone(), record: rel.record };
            rel.text = wanted.get(&key).cloned().flatten().filter(|t| crate::corpus::fits(t, rel.span));
        }
    }
}

fn input_finding(
    registry: &Registry,
    name: &str,
    span: Span,
    message: String,
    label: &str,
    help: &str,
) -> Option<Finding> {
    let id = registry.find(name).expect("input lints are built in");
    let level = registry.level(id);
    (level != Level::Off).then(|| Finding {
        lint: id,
        level,
        span,
        message,
        label: (!label.is_empty()).then(|| label.to_string()),
        help: Some(help.to_string()),
        fix: None,
        related: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> Vec<Loaded> {
        vec![Loaded::Text(Document::new("t", "x".repeat(n)))]
    }

    #[test]
    fn lints_spread_over_the_cores_find_the_same_in_the_same_order() {
        let registry = Registry::builtin();
        let mut seen = 0;
        for entry in std::fs::read_dir("seeds").unwrap().chain(std::fs::read_dir("tests/fixtures").unwrap()) {
            let path = entry.unwrap().path();
            let files: Vec<std::path::PathBuf> = if path.is_dir() {
                std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect()
            } else {
                vec![path]
            };
            for file in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
                let Ok(text) = std::fs::read_to_string(&file) else { continue };
                let doc = Document::new(file.display().to_string(), text);
                let (one, spread) = (
                    check_document_spread(&registry, &doc, false),
                    check_document_spread(&registry, &doc, true),
                );
                let show = |f: &[Finding]| f.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>();
                assert_eq!(show(&one), show(&spread), "{}", file.display());
                seen += usize::from(!one.is_empty());
            }
        }
        assert!(seen >= 20, "{seen} files with findings");
    }

    #[test]
    fn kept_documents_are_taken_once_and_all_dropped_when_the_budget_runs_out() {
        let one = text(10)[0].heap_size();
        let kept = Kept::new(3, 10 * one);
        kept.offer(0, text(10));
        kept.offer(5, text(10)); // not an input to lint: ignored
        assert!(kept.take(5).is_none());
        assert!(kept.take(0).is_some());
        assert!(kept.take(0).is_none(), "taken once");

        let kept = Kept::new(3, 2 * one);
        kept.offer(0, text(10));
        kept.offer(1, text(10));
        kept.offer(2, text(10));
        assert!((0..3).all(|i| kept.take(i).is_none()), "the inputs did not fit: nothing kept");
        kept.offer(0, text(1));
        assert!(kept.take(0).is_none(), "and nothing more is");
    }

    #[test]
    fn documents_kept_or_read_again_give_the_same_findings() {
        // Shared lines and a name spelt two ways, for the corpus lints;
        // two corpus documents that are not reported on.
        let doc = |i: usize| {
            format!(
                "Talks on item {i} went on late. .\nRead more: the week in review\n\
                 Sergei Ryabkov said the delegation of {i} would return.\nGo To Source\n"
            )
        };
        let input =
            |name: String, text: String| Input::Bytes { display: name, bytes: text.into_bytes().into() };
        let mut inputs: Vec<Input> = (0..6).map(|i| input(format!("d{i}.txt"), doc(i))).collect();
        inputs
            .push(input("odd.txt".into(), "Sergei Ryabakov spoke.\nRead more: the week in review\n".into()));
        // Ten documents in all: repeated-line needs a corpus of ten.
        let corpus: Vec<Input> = (6..9).map(|i| input(format!("c{i}.txt"), doc(i))).collect();
        let (registry, settings, read) = (Registry::builtin(), Settings::default(), ReadOptions::default());
        let job = Job {
            inputs: &inputs,
            corpus: &corpus,
            corpus_stamps: &[],
            settings: &settings,
            read: &read,
            stats: None,
            stats_dir: None,
            skip_related_texts: false,
            cache_dir: None,
        };
        let findings = |budget: usize| {
            let mut out = Vec::new();
            stream_job_keeping(&registry, &job, &AtomicUsize::new(0), budget, |r: FileReport| {
                for f in &r.findings {
                    out.push(format!(
                        "{} {} {:?} {}",
                        r.doc.path(),
                        registry.info(f.lint).name,
                        f.span,
                        f.message
                    ));
                }
                Ok::<(), ()>(())
            })
            .unwrap();
            out
        };
        let all_kept = findings(usize::MAX);
        let lints: Vec<&str> = all_kept.iter().map(|f| f.split(' ').nth(1).unwrap()).collect();
        assert!(lints.contains(&"repeated-line") && lints.contains(&"inconsistent-name"), "{all_kept:#?}");
        let one = doc(0).len();
        for budget in [0, one, 3 * one, Kept::BUDGET] {
            assert_eq!(findings(budget), all_kept, "budget {budget}");
        }
    }
}
