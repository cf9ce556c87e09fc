//! Where a run's time goes: each lint, each part of the corpus statistics,
//! reading files and writing findings (`scrapelint lint --timings`).
//!
//! Off unless [`enable`]d: then every timed step adds the CPU time of the
//! thread running it to a counter shared by all threads, less the time of
//! the steps timed inside it (reading a JSONL file waits for its records to
//! be parsed in parallel, and the waiting thread may lint another document
//! meanwhile). The figures are CPU time summed over threads, parts of the
//! process's CPU time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Steps that are not lints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading, decoding and splitting files into documents, to lint them.
    Read,
    /// The same in the statistics pass, which reads every file first.
    ReadForStats,
    /// The statistics' `words` part.
    Words,
    /// The statistics' `lines` part.
    Lines,
    /// The statistics' `names` part.
    Names,
    /// Merging and pruning statistics.
    Merge,
    /// The structure pass over a document (language, line features, body,
    /// furniture), shared by the lints that read it: charged here, not to
    /// whichever of them asks first.
    Structure,
    /// The scan of a document's short lines for a group of line lints
    /// ([`crate::line_scan`]), shared by its members.
    LineScan,
    /// Reading back documents for related places, and writing findings.
    Output,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Read,
        Step::ReadForStats,
        Step::Words,
        Step::Lines,
        Step::Names,
        Step::Merge,
        Step::Structure,
        Step::LineScan,
        Step::Output,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Step::Read => "reading files",
            Step::ReadForStats => "reading files: statistics",
            Step::Words => "statistics: words",
            Step::Lines => "statistics: lines",
            Step::Names => "statistics: names",
            Step::Merge => "statistics: merging",
            Step::Structure => "structure pass",
            Step::LineScan => "line scan (grouped shadows)",
            Step::Output => "output",
        }
    }
}

/// Nanoseconds per lint id, then per [`Step`].
static COUNTERS: OnceLock<Vec<AtomicU64>> = OnceLock::new();

/// Starts timing, for a registry of `lints` lints. Once a process.
pub fn enable(lints: usize) {
    let _ = COUNTERS.set((0..lints + Step::ALL.len()).map(|_| AtomicU64::new(0)).collect());
}

pub fn enabled() -> bool {
    COUNTERS.get().is_some()
}

/// The CPU time of the calling thread, in nanoseconds: what it ran, not
/// what it waited while another thread had its core.
#[cfg(unix)]
fn thread_nanos() -> u64 {
    // SAFETY: clock_gettime writes the struct it is given, nothing else.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return 0;
    }
    (t.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64)
}

/// Elsewhere, the time that passed.
#[cfg(not(unix))]
fn thread_nanos() -> u64 {
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    u64::try_from(START.get_or_init(std::time::Instant::now).elapsed().as_nanos()).unwrap_or(u64::MAX)
}

thread_local! {
    /// The time of the steps timed inside the step this thread is timing
    /// (a thread that waits inside one for parallel work may run other
    /// steps meanwhile): subtracted from it, so nothing counts twice.
    static NESTED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn timed<R>(slot: impl FnOnce(usize) -> usize, f: impl FnOnce() -> R) -> R {
    let Some(counters) = COUNTERS.get() else { return f() };
    let outer = NESTED.replace(0);
    let start = thread_nanos();
    let r = f();
    let spent = thread_nanos().saturating_sub(start);
    let nanos = spent.saturating_sub(NESTED.get());
    NESTED.set(outer.saturating_add(spent));
    if let Some(c) = counters.get(slot(counters.len() - Step::ALL.len())) {
        c.fetch_add(nanos, Ordering::Relaxed);
    }
    r
}

/// Runs `f`, counting its time to the lint numbered `id`.
#[inline]
pub fn lint<R>(id: usize, f: impl FnOnce() -> R) -> R {
    timed(|lints| if id < lints { id } else { usize::MAX }, f)
}

/// Runs `f`, counting its time to `step`.
#[inline]
pub fn step<R>(step: Step, f: impl FnOnce() -> R) -> R {
    timed(|lints| lints + Step::ALL.iter().position(|&s| s == step).unwrap_or(0), f)
}

/// What the counters hold, in seconds.
#[derive(Debug, Default)]
pub struct Report {
    /// Per lint id, for lints that took any time.
    pub lints: Vec<(usize, f64)>,
    /// Per step.
    pub steps: Vec<(Step, f64)>,
}

/// The counters so far.
pub fn report() -> Report {
    let Some(counters) = COUNTERS.get() else { return Report::default() };
    let secs = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64 / 1e9;
    let lints = counters.len() - Step::ALL.len();
    let per_lint =
        counters[..lints].iter().enumerate().map(|(i, c)| (i, secs(c))).filter(|&(_, s)| s > 0.0).collect();
    let per_step = Step::ALL.iter().zip(&counters[lints..]).map(|(&s, c)| (s, secs(c))).collect();
    Report { lints: per_lint, steps: per_step }
}

/// CPU seconds this process has used so far (user and system, all threads).
#[cfg(unix)]
pub fn process_cpu() -> f64 {
    // SAFETY: getrusage writes the struct it is given, nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// CPU seconds this process has used: not known on this platform.
#[cfg(not(unix))]
pub fn process_cpu() -> f64 {
    0.0
}
