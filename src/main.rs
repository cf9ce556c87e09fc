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

fn main() -> std::process::ExitCode {
    // Freed memory goes back to the system after 1 ms, not mimalloc's 10 ms:
    // with the default, the halves the statistics tables leave when they
    // double were still held at the next doubling (peak on `corpora/large`
    // 340 MB, against 225 MB; 3% slower). `MIMALLOC_PURGE_DELAY` wins. The
    // crate's `no_thp` keeps transparent huge pages off (the kernel cleared
    // 2 MiB at a time for memory soon given back; `MIMALLOC_ALLOW_THP=0`
    // where the system gives them unasked).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one number before any other thread exists.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
    }
    cli::main()
}
