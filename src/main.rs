//! The `scrapelint` command: a thin front end over the library (`cli`).

#[allow(clippy::print_stdout, clippy::print_stderr)]
mod cli;

// mimalloc, not the system allocator: a run makes and frees millions of small
// blocks (lines, words, findings), and glibc's malloc was a tenth of its CPU
// time (`perf`: _int_malloc, unlink_chunk, free, page clearing).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's own setting call (the static library the crate builds exports it).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in the mimalloc (v3) that `libmimalloc-sys` 0.1.49
/// builds: the number of its place in `mi_option_t`. Check it when that crate
/// is upgraded.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// A thread that has mimalloc purge what was freed every [`PURGE_EVERY`].
/// A delayed purge is scheduled twice, on the memory's arena and on a
/// global deadline that allocations check; when a purge pass clears the
/// global deadline just as another thread schedules a free, the arena's
/// purge waits for a forced collection. One run in 15 to 40 of
/// `corpora/large` then kept every freed half of the statistics tables
/// until the lint pass: peaks of 336-380 MB, against 221-241. A purge
/// delay of 0 (nothing scheduled) also ends it, but costs a run of one
/// small file 1.6 ms (7%: freed memory given back and faulted in again);
/// this thread never wakes in such a run.
fn purge_regularly() {
    extern "C" {
        /// mimalloc's collection: forced, it purges every arena's freed memory.
        fn mi_collect(force: bool);
    }
    let _ = std::thread::Builder::new().name("purge".into()).spawn(|| loop {
        std::thread::sleep(PURGE_EVERY);
        // SAFETY: mimalloc's collection is thread-safe; this thread's own
        // heap holds nothing.
        unsafe { mi_collect(true) };
    });
}

/// How often [`purge_regularly`] purges.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

fn main() -> std::process::ExitCode {
    // Freed memory goes back to the system after 1 ms, not mimalloc's 10 ms:
    // with the default, the halves the statistics tables leave when they
    // double were still held at the next doubling (peak on `corpora/large`
    // 340 MB, against 225 MB). `MIMALLOC_PURGE_DELAY` wins. The crate's
    // `no_thp` keeps transparent huge pages off (the kernel cleared 2 MiB at
    // a time for memory soon given back; `MIMALLOC_ALLOW_THP=0` where the
    // system gives them unasked).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one number before any other thread exists.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
    }
    purge_regularly();
    cli::main()
}
