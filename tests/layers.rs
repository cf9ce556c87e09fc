//! Imports point one way: every module of `src/` sits in one layer of
//! [`LAYERS`] (the README's "Layout" section draws the same table), may use
//! modules of its own layer and the layers below, never one above, and no
//! import circle closes anywhere. A module missing from the table fails too:
//! a new file says where it belongs.
//!
//! Imports are read as `tools/import_cycles.py` reads them: every `crate::`
//! path and `use crate::{…}` list outside comments and the `tests` module, a
//! path naming the deepest module file it reaches; a name the crate root
//! re-exports (`crate::Document`) counts as its module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. `lints::*` is every file of `src/lints/`.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "code",
            "escape",
            "fnv",
            "level",
            "line_start",
            "literals",
            "settings",
            "shadow",
            "ascii_only",
            "regex_text",
            "hir_code",
            "span",
            "timings",
            "trust",
            "stats::codec",
            "lints::mojibake_tables",
        ],
    ),
    ("text", &["file_error", "words", "lang", "document", "finding"]),
    ("reading", &["jsonl", "walk"]),
    (
        "analyses",
        &[
            "structure",
            "line_scan",
            "line_scan::split",
            "line_scan::strings",
            "stats",
            "stats::words",
            "stats::lines",
            "stats::names",
            "stats::frozen",
            "stats::part",
            "corpus",
            "cache",
        ],
    ),
    ("the lint interface", &["lint"]),
    ("lints", &["lints", "lints::*", "declarative"]),
    ("the registry", &["registry"]),
    ("running", &["engine", "baseline", "fix", "config"]),
    ("runs and output", &["render", "session", "docs", "output"]),
    ("front ends", &["cli", "testing"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| {
        mods.iter().any(|m| *m == module || (m.ends_with("::*") && module.starts_with(&m[..m.len() - 1])))
    })
}

/// `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let name = parts.join("::");
        if name != "lib" && name != "main" {
            out.insert(name, std::fs::read_to_string(path).unwrap());
        }
    }
    out
}

/// `a::{b, c::{d, e}}, f` as paths.
fn expand(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut cur) = (0, String::new());
    for ch in body.chars().chain([',']) {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            let item = cur.trim().to_string();
            cur.clear();
            if item.is_empty() {
                continue;
            }
            match item.find("::{") {
                Some(i) if item.ends_with('}') => {
                    let (head, inner) = (&item[..i], &item[i + 3..item.len() - 1]);
                    out.extend(expand(inner).into_iter().map(|p| format!("{head}::{p}")));
                }
                _ => out.push(item.split(" as ").next().unwrap().trim().to_string()),
            }
        } else {
            cur.push(ch);
        }
    }
    out
}

/// The crate paths one file names, comments and its tests left out.
fn paths(text: &str) -> Vec<String> {
    let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap();
    let code: String = code.lines().map(|l| l.split("//").next().unwrap()).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("use crate::{") {
        let body = &rest[i + "use crate::{".len()..];
        let mut depth = 1;
        let end = body
            .char_indices()
            .find(|&(_, c)| {
                depth += i32::from(c == '{') - i32::from(c == '}');
                depth == 0
            })
            .map_or(body.len(), |(e, _)| e);
        out.extend(expand(&body[..end]));
        rest = &body[end..];
    }
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let len = after.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(after.len());
        let path = after[..len].trim_end_matches(':');
        if !path.is_empty() {
            out.push(path.to_string());
        }
        rest = &after[len..];
    }
    out
}

/// The names the crate root re-exports, with their modules (`Document` → `document`).
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines().filter_map(|l| l.trim().strip_prefix("pub use ")) {
        for path in expand(line.trim_end_matches(';')) {
            if let Some((module, name)) = path.rsplit_once("::") {
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

fn edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules(src);
    let root = reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut out = BTreeMap::new();
    for (module, text) in &mods {
        let mut to = BTreeSet::new();
        for path in paths(text) {
            let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty() && *p != "*").collect();
            if let Some(m) = parts.first().and_then(|p| root.get(*p)) {
                parts = m.split("::").collect();
            }
            let target =
                (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| mods.contains_key(m));
            if let Some(t) = target.filter(|t| t != module) {
                to.insert(t);
            }
        }
        out.insert(module.clone(), to);
    }
    out
}

/// A circle of imports through `from`, if one closes.
fn circle(edges: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    fn walk(
        edges: &BTreeMap<String, BTreeSet<String>>,
        at: &str,
        goal: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in edges.get(at).into_iter().flatten() {
            if next == goal {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(edges, next, goal, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_string()];
    walk(edges, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

fn violations(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (module, targets) in edges {
        let Some(mine) = layer_of(module) else {
            out.push(format!("{module}: in no layer of tests/layers.rs (and the README's layout)"));
            continue;
        };
        for t in targets {
            if let Some(theirs) = layer_of(t).filter(|&l| l > mine) {
                out.push(format!(
                    "{module} ({}) imports {t} ({}), a layer above it",
                    LAYERS[mine].0, LAYERS[theirs].0
                ));
            }
        }
    }
    if let Some(c) = edges.keys().find_map(|m| circle(edges, m)) {
        out.push(format!("an import circle: {} -> {}", c.join(" -> "), c[0]));
    }
    out
}

#[test]
fn imports_point_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = edges(&src);
    assert!(edges.len() > 50, "read {} modules", edges.len());
    let v = violations(&edges);
    assert!(v.is_empty(), "{}", v.join("\n"));
}

#[test]
fn the_check_sees_an_import_that_points_up() {
    let mut edges = edges(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(edges["document"].contains("span"), "imports are read: {:?}", edges["document"]);
    edges.get_mut("document").unwrap().insert("engine".to_string());
    let v = violations(&edges);
    assert!(v.iter().any(|m| m.contains("document (text) imports engine (running)")), "{v:?}");
    assert!(v.iter().any(|m| m.starts_with("an import circle")), "{v:?}");
}

#[test]
fn use_lists_and_root_names_are_read() {
    let p = paths("use crate::{a::b, c::{d, e::F}};\nfn f() { crate::Document::new(); } // crate::x::y\n");
    assert_eq!(p, ["a::b", "c::d", "c::e::F", "Document::new"]);
}

#[test]
fn the_readme_layout_names_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let layout =
        readme.split("## Layout\n").nth(1).and_then(|s| s.split("\n## ").next()).expect("a Layout section");
    let missing: Vec<String> = modules(&root.join("src"))
        .into_keys()
        .map(|m| match m.split_once("::") {
            Some((folder, _)) => format!("src/{folder}/"),
            None if root.join("src").join(&m).is_dir() => format!("src/{m}/"),
            None => format!("src/{m}.rs"),
        })
        .filter(|file| !layout.contains(file.as_str()))
        .collect();
    assert!(missing.is_empty(), "the README's layout leaves out {missing:?}");
}
