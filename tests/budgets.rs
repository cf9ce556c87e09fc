//! Work and memory driven by input stay within budgets: hostile inputs that
//! are small on disk (a compressed JSONL record with a huge array, many lint
//! files, a huge ignore file) cost the run memory in proportion to what it
//! uses, not to what the input could make it build.
//!
//! Peak memory is read from `getrusage(RUSAGE_CHILDREN)`: the largest child
//! this process has waited for, so the cases run one after the other in one
//! test, each within the same limit.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The most a child may have used, in MiB.
const LIMIT_MIB: i64 = 400;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn peak_children_mib() -> i64 {
    // SAFETY: getrusage writes the struct it is given, nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) }, 0);
    usage.ru_maxrss / 1024
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scrapelint")).args(args).current_dir(dir).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// Two records, each with an array of ten million numbers beside its text:
/// 116 KB gzipped, 40 MB of JSON, and about 640 MB if the arrays were built.
fn jsonl_record_with_a_huge_array(dir: &Path) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    for i in 0..2 {
        write!(gz, "{{\"id\": {i}, \"junk\": [").unwrap();
        for _ in 0..10_000_000 - 1 {
            gz.write_all(b"0,").unwrap();
        }
        writeln!(gz, "0], \"text\": \"The talks ended. .\"}}").unwrap();
    }
    fs::write(dir.join("big.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let (code, out, err) =
        run(dir, &["lint", "--no-config", "--input", "jsonl", "--format", "concise", "big.jsonl.gz"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(out.matches("stray-period").count(), 2, "{out}");
}

/// A file of 1.2 million lines that each match a lint: about 900 MB of
/// findings if every one were kept. One lint lists at most
/// `MAX_FINDINGS_PER_LINT` in a document, and one more says how many it left out.
fn a_million_matching_lines(dir: &Path) {
    fs::write(dir.join("embeds.txt"), "@YouTube\n".repeat(1_200_000)).unwrap();
    let (code, out, err) = run(dir, &["lint", "--no-config", "--format", "json", "embeds.txt"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 10_001, "{err}");
    let last = out.lines().last().unwrap();
    assert!(last.contains("1190000 more findings of this lint in this document not listed"), "{last}");
}

/// A lint file whose pattern compiles to megabytes, and one that passes its examples.
fn heavy_lint(i: usize) -> String {
    format!(
        "summary = \"x\"\nwhy = \"y\"\nkind = \"match\"\npattern = '\\w{{80}}z{i}'\nmessage = \"m\"\nhelp = \"h\"\n\n\
         [[example]]\ntext = \"short z{i}\\n\"\nfires = 0\n\n[[example]]\ntext = \"{}z{i}\\n\"\nfires = 1\n",
        "a".repeat(90)
    )
}

/// 600 lint files whose patterns each compile to megabytes: 4.2 GB to load
/// before the budget; now the load stops at the budget, naming the file.
fn many_heavy_lint_files(dir: &Path) {
    let lints = dir.join("heavy/boilerplate");
    fs::create_dir_all(&lints).unwrap();
    for i in 0..600 {
        fs::write(lints.join(format!("h{i:03}.toml")), heavy_lint(i)).unwrap();
    }
    fs::write(dir.join("a.txt"), "ok.\n").unwrap();
    let (code, out, err) = run(dir, &["lint", "--no-config", "--lints", "heavy", "a.txt"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("need more than 128 MiB compiled"), "{err}");
    // A few of them load, and work.
    fs::remove_dir_all(dir.join("heavy")).unwrap();
    fs::create_dir_all(&lints).unwrap();
    for i in 0..3 {
        fs::write(lints.join(format!("h{i:03}.toml")), heavy_lint(i)).unwrap();
    }
    fs::write(dir.join("b.txt"), format!("{}z1\n", "b".repeat(85))).unwrap();
    let (code, out, err) =
        run(dir, &["lint", "--no-config", "--lints", "heavy", "--format", "concise", "b.txt"]);
    assert_eq!((code, out.matches("[h001]").count()), (1, 1), "{out}{err}");
}

/// A 105 MB lint file: refused by its size, not parsed.
fn huge_lint_file(dir: &Path) {
    let lints = dir.join("huge/boilerplate");
    fs::create_dir_all(&lints).unwrap();
    let mut text = heavy_lint(0);
    text.push_str(&"# padding\n".repeat(10_500_000));
    fs::write(lints.join("huge.toml"), text).unwrap();
    fs::write(dir.join("a.txt"), "ok.\n").unwrap();
    let (code, out, err) = run(dir, &["lint", "--no-config", "--lints", "huge", "a.txt"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("huge.toml: larger than 256 KiB"), "{err}");
}

/// Ignore files of `bytes` bytes of distinct glob patterns.
fn ignore_file(bytes: usize, tag: &str) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!("*{tag}{i}*q*\n"));
        i += 1;
    }
    text
}

/// A 1 MiB `.ignore` (600 MB of compiled globs), and folders nested five
/// deep each with a 60 KiB one: what is in force at once is bounded, and
/// an ignore file past the bound is named, not silently dropped.
fn huge_ignore_files(dir: &Path) {
    let top = dir.join("ign");
    fs::create_dir_all(&top).unwrap();
    fs::write(top.join(".ignore"), ignore_file(1 << 20, "a")).unwrap();
    fs::write(top.join("a.txt"), "ok.\n").unwrap();
    let (code, out, err) = run(dir, &["lint", "--no-config", "ign"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("ign/.ignore: ignore file not used: larger than 64 KiB"), "{err}");
    assert!(out.contains("1 file checked") || err.contains("1 file checked"), "{out}{err}");
    fs::remove_dir_all(&top).unwrap();
    let mut at = top.clone();
    for depth in 0..5 {
        fs::create_dir_all(&at).unwrap();
        fs::write(at.join(".ignore"), ignore_file(60 << 10, &format!("d{depth}_"))).unwrap();
        fs::write(at.join("a.txt"), "ok.\n").unwrap();
        at = at.join("sub");
    }
    let (code, out, err) = run(dir, &["lint", "--no-config", "ign"]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.matches("ignore file not used").count(), 1, "{err}");
    assert!(err.contains("ign/sub/sub/sub/sub/.ignore: ignore file not used"), "{err}");
}

type Case = (&'static str, fn(&Path));

#[test]
fn hostile_inputs_stay_within_the_memory_budget() {
    let dir = scratch("budgets");
    let cases: [Case; 5] = [
        ("huge ignore files", huge_ignore_files),
        ("a JSONL record with a huge array", jsonl_record_with_a_huge_array),
        ("600 lint files of heavy patterns", many_heavy_lint_files),
        ("a 105 MB lint file", huge_lint_file),
        ("a million matching lines", a_million_matching_lines),
    ];
    for (name, case) in cases {
        case(&dir);
        let peak = peak_children_mib();
        eprintln!("{name}: peak {peak} MiB");
        assert!(peak < LIMIT_MIB, "{name}: the run peaked at {peak} MiB");
    }
}
