//! The least any run with corpus statistics must do, timed on its own: read
//! every `.txt` file under a folder, check it is UTF-8, and (with `words`)
//! hash each word into a table (FNV-1a keys in the statistics' own table, one
//! per piece of work rayon splits off). That is less than the word statistics
//! do, which also lower the case, drop stop words and count each word once a
//! document. No lint runs. `bench/compare.sh` puts ripgrep beside the full
//! run; this says how much of ripgrep's time the floor already takes:
//!
//!   cargo run --release --example floor -- read DIR
//!   cargo run --release --example floor -- words DIR

use std::time::Instant;

use rayon::prelude::*;

// The allocator the scrapelint binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (words, dir) = match args.as_slice() {
        [mode, dir] if mode == "read" => (false, dir),
        [mode, dir] if mode == "words" => (true, dir),
        _ => {
            eprintln!("usage: floor read|words DIR");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let (bytes, distinct) = files
        .par_iter()
        .fold(
            || (0usize, scrapelint::stats::KeyMap::<u32>::default()),
            |(bytes, mut table), path| {
                let Ok(data) = std::fs::read(path) else { return (bytes, table) };
                let Ok(text) = std::str::from_utf8(&data) else { return (bytes, table) };
                if words {
                    for (_, w) in scrapelint::words::words(text) {
                        *table.entry(scrapelint::fnv::hash(w.as_bytes())).or_default() += 1;
                    }
                }
                (bytes + data.len(), table)
            },
        )
        .map(|(b, t)| (b, t.len()))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {:.1} MB in {secs:.2} s ({:.0} MB/s); {distinct} entries in the tables",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
