//! Baselines: record today's findings, then report only new ones.
//!
//! An entry is the path, the lint and a fingerprint of the flagged text and
//! the line around it, not its line number, so it survives edits elsewhere
//! in the file. Entries count: two identical findings need two entries.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::document::Document;
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

/// FNV-1a: stable across platforms and compiler versions, unlike `DefaultHasher`.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

pub fn entry(registry: &Registry, doc: &Document, f: &Finding) -> Entry {
    let line = doc.slice(doc.line_span(doc.line_index(f.span.start))).trim();
    let code = registry.info(f.lint).name.to_string();
    let fingerprint = format!("{:016x}", fnv(&[&code, doc.slice(f.span), line]));
    Entry { path: doc.path().to_string(), code, fingerprint }
}

/// The baseline's entries as counts.
pub fn counts(b: &Baseline) -> HashMap<Entry, usize> {
    let mut m = HashMap::new();
    for e in &b.findings {
        *m.entry(e.clone()).or_insert(0) += 1;
    }
    m
}
