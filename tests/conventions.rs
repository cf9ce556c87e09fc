//! Conventions every lint follows; a forgotten one is named here.

use std::path::Path;

use scrapelint::Registry;

#[test]
fn names_are_kebab_case_nouns_and_unique() {
    let reg = Registry::builtin();
    let mut seen = std::collections::HashSet::new();
    for id in 0..reg.len() {
        let name = &reg.info(id).name;
        assert!(seen.insert(name.to_string()), "duplicate lint name {name}");
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !name.starts_with('-'),
            "{name}: lint names are kebab-case"
        );
        for verb in ["no-", "remove-", "avoid-", "check-"] {
            assert!(!name.starts_with(verb), "{name}: name the artifact, not a command");
        }
    }
}

#[test]
fn docs_have_every_section() {
    let reg = Registry::builtin();
    for id in 0..reg.len() {
        let info = reg.info(id);
        for section in ["## What it does", "## Why is this bad?", "## Example", "## Fix safety"] {
            assert!(info.docs.contains(section), "{}: docs lack `{section}`", info.name);
        }
        assert!(!info.summary().is_empty(), "{}: no summary", info.name);
    }
}

/// Code lints need rendered fixtures; data lints' `[[example]]`s are their
/// tests (they must fire and stay silent, see `tests/fixtures.rs`), so a
/// fixture folder is optional for them. Only the cases are checked here,
/// never their `.out` files: those may not be blessed yet when this runs.
/// That the cases fire and stay silent is checked by `tests/fixtures.rs`
/// from what the lint reports.
#[test]
fn every_code_lint_has_fixture_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for lint in scrapelint::lints::all() {
        let name = &lint.info().name;
        let dir = root.join(&**name);
        let cases = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{name}: no fixture folder tests/fixtures/{name}/"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "txt" || e == "jsonl"))
            .count();
        assert!(
            cases >= 2,
            "{name}: tests/fixtures/{name}/ needs a case that fires and one that stays silent (`<case>.txt`)"
        );
    }
}
