//! Rendered fixtures: each `tests/fixtures/<lint>/<case>.txt` is linted by
//! that lint alone and rendered as a user sees it (no color, width 80);
//! the result must equal `<case>.out`, and the text after all its fixes,
//! `<case>.fixed` (only for cases with fixes). `BLESS=1 cargo test` rewrites them.
//! Each folder needs a case that fires and one that stays silent.

use std::fs;
use std::path::{Path, PathBuf};

use scrapelint::engine;
use scrapelint::finding::apply_edits;
use scrapelint::render::{self, HumanOptions};
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
        let mut reg = Registry::builtin();
        let id = reg.find(&lint).unwrap_or_else(|| panic!("fixture folder for unknown lint {lint}"));
        reg.only(id);
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
            let mut settings = engine::Settings::default();
            if case.is_dir() {
                let mut docs: Vec<PathBuf> = fs::read_dir(case).unwrap().map(|e| e.unwrap().path()).collect();
                docs.sort();
                for d in docs.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
                    inputs.push(Input::File { path: d.clone(), display: shown(d) });
                }
                if let Ok(c) = scrapelint::config::Config::load(&case.join("scrapelint.toml")) {
                    settings.names = c.names;
                    settings.name_variants = c.name_variants;
                }
            } else {
                inputs.push(Input::File { path: case.clone(), display: shown(case) });
            }
            let read = ReadOptions {
                jsonl: case.extension().is_some_and(|e| e == "jsonl").then(JsonlOptions::default),
                ..ReadOptions::default()
            };
            let job = engine::Job {
                inputs: &inputs,
                corpus: &[],
                settings: &settings,
                read: &read,
                stats: None,
                stats_dir: None,
                skip_related_texts: false,
            };
            let outcome = engine::run_job(&reg, &job, &Default::default());
            assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
            let mut out = String::new();
            let mut edits = Vec::new();
            for report in &outcome.reports {
                for f in &report.findings {
                    out.push_str(&render::human(
                        &reg,
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
                    edits.extend(f.fix.iter().flat_map(|x| x.edits.iter().cloned()));
                }
            }
            fires |= !out.is_empty();
            silent |= out.is_empty();
            check(&case.with_extension("out"), Some(&out), &mut failures);
            if case.is_dir() {
                continue; // fixes of corpus cases are checked by the lint's inline tests
            }
            let fixed =
                (!edits.is_empty()).then(|| apply_edits(&fs::read_to_string(case).unwrap(), edits.iter()));
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
