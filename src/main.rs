fn main() -> std::process::ExitCode {
    // Large tables (the corpus statistics) grow by doubling. glibc serves a
    // block from the heap once a block that size was freed, and the heap
    // keeps every size a table had: a run's peak memory became twice its
    // statistics. A fixed threshold maps large blocks and unmaps them when
    // they are freed.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called before any other thread exists; it only sets a number.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
    scrapelint::cli::main()
}
