//! The seed corpus end to end, through the binary, against checked-in
//! output (`BLESS=1 cargo test` rewrites it). Each expected file is
//! reviewed like code: a change in it is a change in what users see.

use std::fs;
use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn compare(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(name);
    if std::env::var_os("BLESS").is_some_and(|v| v != "0") {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run BLESS=1 cargo test", path.display()));
    assert!(
        expected == actual,
        "{} differs (BLESS=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn seeds_human() {
    let (stdout, stderr, code) = run(&["lint", "seeds/", "--color", "never"]);
    assert_eq!(code, 1, "findings at warn level fail the run");
    // The configuration used is named first, then the summary.
    let (config, stderr) = stderr.split_once('\n').unwrap();
    assert_eq!(config, "using configuration seeds/scrapelint.toml");
    compare("seeds.out", &format!("{stdout}--- stderr\n{stderr}"));
}

#[test]
fn seeds_json() {
    let (stdout, _, code) = run(&["lint", "seeds/", "--format", "json"]);
    assert_eq!(code, 1);
    compare("seeds.jsonl", &stdout);
}

#[test]
fn seeds_are_the_users_corpus_byte_for_byte() {
    // The seeds are data, never edited: `--fix` in tests works on copies.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = fs::read_dir(&shared) else {
        return;
    }; // not beside this checkout
    for e in entries {
        let p = e.unwrap().path();
        let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(p.file_name().unwrap());
        assert_eq!(fs::read(&p).unwrap(), fs::read(&ours).unwrap(), "{} differs", ours.display());
    }
}
