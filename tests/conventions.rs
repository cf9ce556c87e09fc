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

#[test]
fn every_lint_has_fixtures_that_fire_and_that_stay_silent() {
    let reg = Registry::builtin();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for id in 0..reg.len() {
        let name = &reg.info(id).name;
        let dir = root.join(&**name);
        let outs: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{name}: no fixture folder tests/fixtures/{name}/"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "out") && !p.is_dir())
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(outs.iter().any(|o| !o.is_empty()), "{name}: no fixture that fires");
        assert!(outs.iter().any(|o| o.is_empty()), "{name}: no fixture that stays silent");
    }
}
