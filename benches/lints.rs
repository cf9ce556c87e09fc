//! `cargo bench`: the per-document pass of each lint, and of all of them, on
//! the seed articles repeated to about 4 MB; prints MB/s per lint, slowest
//! first. No timing is asserted anywhere: this is for reading.

use std::time::Instant;

use scrapelint::{engine, Document, Registry};

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut one = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        one.push_str(&std::fs::read_to_string(p).unwrap());
        one.push_str("\n\n");
    }
    let text = one.repeat((4 << 20) / one.len() + 1);
    let doc = Document::new("bench.txt", text.as_str());
    let mb = text.len() as f64 / 1e6;

    let time = |reg: &Registry| {
        let start = Instant::now();
        let mut n = 0;
        let mut rounds = 0;
        while rounds < 3 || start.elapsed().as_secs_f64() < 0.3 {
            n += engine::check_document(reg, &doc).len();
            rounds += 1;
        }
        (mb * rounds as f64 / start.elapsed().as_secs_f64(), n / rounds)
    };
    let all = Registry::builtin();
    let mut rows = Vec::new();
    for id in 0..all.len() {
        if all.lint(id).is_corpus_lint() {
            continue; // the corpus pass is measured by bench/compare.sh
        }
        let mut reg = Registry::builtin();
        reg.only(id);
        let (mbs, n) = time(&reg);
        rows.push((mbs, all.info(id).name.to_string(), n));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("{:.1} MB of seed text; per-document pass, one thread\n", mb);
    println!("{:>10}  {:>9}  lint", "MB/s", "findings");
    for (mbs, name, n) in rows {
        println!("{mbs:>10.1}  {n:>9}  {name}");
    }
    let (mbs, n) = time(&all);
    println!("{mbs:>10.1}  {n:>9}  all default per-document lints");
}
