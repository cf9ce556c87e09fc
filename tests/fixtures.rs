//! Rendered fixtures: each `tests/fixtures/<lint>/<case>.txt` is linted by
//! that lint alone, through a [`Session`] as `scrapelint lint --disable all
//! --enable <lint>` runs it, and rendered as a user sees it (no color, width
//! 80); the result must equal `<case>.out`, and the text after all its fixes,
//! `<case>.fixed` (only for cases with fixes; for a folder case, each fixed
//! document under a `==> name <==` line). A folder case is a corpus, and its
//! `scrapelint.toml`, if any, is its configuration: one that does not load
//! fails the test. `BLESS=1 cargo test` rewrites the expected files.
//! Each folder needs a case that fires and one that stays silent.

use std::fs;
use std::path::{Path, PathBuf};

use std::sync::atomic::AtomicUsize;

use scrapelint::config::Config;
use scrapelint::finding::apply_edits;
use scrapelint::render::{self, HumanOptions};
use scrapelint::session::{Inputs, RunOptions, Session};
use scrapelint::walk::{Input, JsonlOptions, ReadOptions};
use scrapelint::Registry;

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v != "0")
}

/// Compares with the checked-in file, or rewrites it under BLESS.
fn check(path: &Path, actual: Option<&str>, failures: &mut Vec<String>) {
    let expected = fs::read_to_string(path).ok();
    if bless() {
        match actual {
            Some(a) => fs::write(path, a).unwrap(),
            None => {
                let _ = fs::remove_file(path);
            }
        }
        return;
    }
    if expected.as_deref() != actual {
        failures.push(format!(
            "{}: {}\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            if expected.is_none() { "missing (run with BLESS=1)" } else { "differs" },
            expected.unwrap_or_default(),
            actual.unwrap_or("(no file expected)")
        ));
    }
}

#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let lint = dir.file_name().unwrap().to_str().unwrap().to_string();
        assert!(Registry::builtin().find(&lint).is_some(), "fixture folder for unknown lint {lint}");
        let mut files: Vec<PathBuf> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let (mut fires, mut silent) = (false, false);
        // A case is a text file, or a folder of documents (for corpus lints),
        // which may hold a scrapelint.toml for the names it lists.
        // A `.jsonl` case is read as JSON Lines (`--input jsonl`).
        let is_case = |p: &&PathBuf| p.is_dir() || p.extension().is_some_and(|e| e == "txt" || e == "jsonl");
        for case in files.iter().filter(is_case) {
            cases += 1;
            let shown =
                |p: &Path| format!("tests/fixtures/{lint}/{}", p.strip_prefix(&dir).unwrap().display());
            let mut inputs = Vec::new();
            let mut config = Config::default();
            if case.is_dir() {
                let mut docs: Vec<PathBuf> = fs::read_dir(case).unwrap().map(|e| e.unwrap().path()).collect();
                docs.sort();
                for d in docs.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
                    inputs.push(Input::File { path: d.clone(), display: shown(d) });
                }
                let file = case.join("scrapelint.toml");
                if file.exists() {
                    config = Config::load(&file).unwrap_or_else(|e| panic!("{}: {e:?}", shown(&file)));
                }
            } else {
                inputs.push(Input::File { path: case.clone(), display: shown(case) });
            }
            let read = ReadOptions {
                jsonl: case.extension().is_some_and(|e| e == "jsonl").then(JsonlOptions::default),
                ..ReadOptions::default()
            };
            let session = Session::new(config, &[], &["all".to_string()], std::slice::from_ref(&lint))
                .unwrap_or_else(|e| panic!("{lint}: the case's configuration: {e:?}"));
            let reg = &session.registry;
            let inputs = Inputs {
                inputs,
                corpus: Vec::new(),
                corpus_stamps: Vec::new(),
                errors: Vec::new(),
                warnings: Vec::new(),
            };
            let run =
                session.run(&inputs, &RunOptions { read, ..RunOptions::default() }, &AtomicUsize::new(0));
            assert!(run.errors.is_empty(), "{:?}", run.errors);
            let mut out = String::new();
            let mut fixed_docs = Vec::new();
            for report in &run.outcome.reports {
                let mut edits = Vec::new();
                for f in &report.findings {
                    out.push_str(&render::human(
                        reg,
                        &report.doc,
                        f,
                        HumanOptions { color: false, width: 80 },
                    ));
                    let first = f.message.chars().next().unwrap();
                    assert!(
                        !first.is_uppercase() && !f.message.ends_with('.'),
                        "{lint}: messages are lowercase with no trailing period: {:?}",
                        f.message
                    );
                    if let Some(fix) = &f.fix {
                        assert!(
                            reg.info(f.lint).fix.allows(fix.applicability),
                            "{lint}: a {:?} fix from a lint that declares {:?}",
                            fix.applicability,
                            reg.info(f.lint).fix
                        );
                    }
                    edits.extend(f.fix.iter().flat_map(|x| x.edits.iter().cloned()));
                }
                if !edits.is_empty() {
                    fixed_docs
                        .push((report.doc.name().to_string(), apply_edits(report.doc.text(), edits.iter())));
                }
            }
            fires |= !out.is_empty();
            silent |= out.is_empty();
            check(&case.with_extension("out"), Some(&out), &mut failures);
            let fixed = match &fixed_docs[..] {
                [] => None,
                [(_, text)] if !case.is_dir() => Some(text.clone()),
                docs => Some(docs.iter().map(|(name, text)| format!("==> {name} <==\n{text}")).collect()),
            };
            check(&case.with_extension("fixed"), fixed.as_deref(), &mut failures);
        }
        if !fires {
            failures.push(format!("tests/fixtures/{lint}/: no case fires"));
        }
        if !silent {
            failures.push(format!("tests/fixtures/{lint}/: no case stays silent"));
        }
    }
    assert!(cases > 0);
    assert!(failures.is_empty(), "{} fixture(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
#[allow(clippy::result_large_err)]
fn data_lint_examples() {
    let mut failures = Vec::new();
    for (file, lint) in scrapelint::registry::embedded_data_lints() {
        match lint.and_then(|l| l.check_examples().map(|()| l)) {
            Ok(l) => {
                let m = l.message();
                if m.starts_with(|c: char| c.is_uppercase()) || m.ends_with('.') {
                    failures.push(format!("{file}: messages are lowercase with no trailing period: {m:?}"));
                }
            }
            Err(e) => {
                let mut s = String::new();
                let h = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
                h.render_report(&mut s, &e).unwrap();
                failures.push(format!("{file}:\n{s}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
