//! Baselines: record today's findings, then report only new ones.
//!
//! An entry is the path, the lint and a fingerprint of the flagged text and
//! the line around it, not its line number, so it survives edits elsewhere
//! in the file. Entries count: two identical findings need two entries.
//!
//! Paths are stored relative to the baseline file's folder (version 2), so
//! a baseline matches whatever folder the run starts in and however the
//! files are named (relative or absolute). Version 1 stored the paths as the
//! run named them; such a baseline is still read, matched that way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::engine::FileReport;
use crate::finding::Finding;
use crate::registry::Registry;

#[derive(Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
}

/// The parts hashed with FNV-1a, each followed by 0xff (never in UTF-8).
fn fnv(parts: &[&str]) -> u64 {
    let mut h = crate::fnv::Fnv::new();
    for p in parts {
        h.bytes(p.as_bytes());
        h.byte(0xff);
    }
    h.finish()
}

/// The current version of the baseline format.
pub const VERSION: u32 = 2;

/// The entry for a finding, under `path` (see [`path_for`]).
pub fn entry(registry: &Registry, doc: &Document, f: &Finding, path: &str) -> Entry {
    Entry {
        path: path.to_string(),
        code: registry.info(f.lint).name.to_string(),
        fingerprint: fingerprint(registry, doc, f),
    }
}

/// A finding's fingerprint: its lint, the flagged text and the line around it.
/// On a line longer than [`LONG_LINE`] bytes, only the text within
/// [`AROUND`] bytes of the finding counts as its line: hashing the whole line
/// for each of many findings on it was quadratic (80,000 findings on a
/// 400 KB line took minutes), and an edit far away on the same line should
/// not make a recorded finding new. Shorter lines count whole, as before.
pub fn fingerprint(registry: &Registry, doc: &Document, f: &Finding) -> String {
    let whole = doc.line_span(doc.line_index(f.span.start));
    let text = doc.text();
    let line = if whole.len() <= LONG_LINE {
        doc.slice(whole).trim()
    } else {
        let mut from = f.span.start.saturating_sub(AROUND).max(whole.start);
        let mut to = (f.span.end + AROUND).min(whole.end);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        &text[from..to]
    };
    let code = &registry.info(f.lint).name;
    format!("{:016x}", fnv(&[code, doc.slice(f.span), line]))
}

/// Lines up to this many bytes count whole in a fingerprint...
const LONG_LINE: usize = 4096;
/// ... longer ones this many bytes each side of the finding.
const AROUND: usize = 1024;

/// How a baseline in `baseline_dir` names the file at `file`: relative to
/// that folder (with `..` where needed), both resolved through links; the
/// path as given when either cannot be resolved.
pub fn path_for(baseline_dir: &Path, file: &Path) -> String {
    let (Ok(base), Some(file)) = (std::fs::canonicalize(baseline_dir), crate::walk::resolve(file)) else {
        return crate::walk::display_path(file);
    };
    let (b, f): (Vec<_>, Vec<_>) = (base.components().collect(), file.components().collect());
    let common = b.iter().zip(&f).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &f[common..] {
        rel.push(c);
    }
    crate::walk::display_path(&rel)
}

/// A baseline of every finding in `reports`; `path_of` names each document
/// as the baseline does (see [`path_for`]).
pub fn record(
    registry: &Registry,
    reports: &[FileReport],
    path_of: impl Fn(&Document) -> String,
) -> Baseline {
    let findings = reports
        .iter()
        .flat_map(|r| {
            let path = path_of(&r.doc);
            r.findings.iter().map(move |f| entry(registry, &r.doc, f, &path))
        })
        .collect();
    Baseline { version: VERSION, findings }
}

/// Reads a baseline file; a message naming the problem when it is not one
/// this version reads.
pub fn load(file: &Path) -> Result<Baseline, String> {
    let text = crate::walk::read_regular(file).map_err(|e| e.to_string())?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| format!("not a scrapelint baseline: {e}"))?;
    if b.version > VERSION {
        return Err(format!(
            "baseline version {} is newer than this scrapelint reads ({VERSION})",
            b.version
        ));
    }
    Ok(b)
}

/// Drops the findings the baseline records (each entry hides one finding)
/// and returns how many it dropped. `path_of` names documents as
/// [`record`] did; a version 1 baseline named them as the run did.
pub fn hide(
    b: &Baseline,
    registry: &Registry,
    reports: &mut [FileReport],
    path_of: impl Fn(&Document) -> String,
) -> usize {
    let mut hider = Hider::new(b);
    reports.iter_mut().map(|r| hider.hide(registry, r, &path_of)).sum()
}

/// [`hide`] one report at a time, as a run hands them on: the baseline's
/// entries not yet used up.
pub struct Hider {
    left: HashMap<Entry, usize>,
    version: u32,
}

impl Hider {
    pub fn new(b: &Baseline) -> Self {
        Hider { left: counts(b), version: b.version }
    }

    /// Drops the findings of `r` the baseline records; how many it dropped.
    pub fn hide(
        &mut self,
        registry: &Registry,
        r: &mut FileReport,
        path_of: impl Fn(&Document) -> String,
    ) -> usize {
        let doc = &r.doc;
        let path = if self.version < 2 { doc.path().to_string() } else { path_of(doc) };
        let mut hidden = 0;
        r.findings.retain(|f| match self.left.get_mut(&entry(registry, doc, f, &path)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                hidden += 1;
                false
            }
            _ => true,
        });
        hidden
    }
}

/// The baseline's entries as counts.
pub fn counts(b: &Baseline) -> HashMap<Entry, usize> {
    let mut m = HashMap::new();
    for e in &b.findings {
        *m.entry(e.clone()).or_insert(0) += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_on_a_long_line_keeps_its_fingerprint_when_far_text_changes() {
        let reg = Registry::builtin();
        let fp = |text: &str| {
            let doc = Document::new("t.txt", text);
            let findings = crate::engine::check_document(&reg, &doc);
            let f = findings.iter().find(|f| doc.slice(f.span) == "&amp;").expect("html-entity");
            fingerprint(&reg, &doc, f)
        };
        let far = "word ".repeat(2_000);
        let a = fp(&format!("Intro text here. Salt &amp; pepper {far} one\n"));
        let b = fp(&format!("Intro text here. Salt &amp; pepper {far} two\n"));
        assert_eq!(a, b, "an edit 10 KB away on the same line");
        // Near text still counts, and short lines count whole, as before.
        assert_ne!(
            fp(&format!("Intro text here. Salt &amp; pepper {far}\n")),
            fp(&format!("Other text here. Salt &amp; pepper {far}\n"))
        );
        assert_ne!(fp("Salt &amp; pepper one\n"), fp("Salt &amp; pepper two\n"));
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus/sub")).unwrap();
        std::fs::write(dir.path().join("corpus/sub/a.txt"), "x").unwrap();
        let file = dir.path().join("corpus/sub/a.txt");
        assert_eq!(path_for(dir.path(), &file), "corpus/sub/a.txt");
        assert_eq!(path_for(&dir.path().join("corpus/sub"), &file), "a.txt");
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        assert_eq!(path_for(&other, &file), "../corpus/sub/a.txt");
    }
}
