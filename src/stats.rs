//! Corpus statistics: what the corpus lints know about the whole corpus, as
//! plain counts that add up.
//!
//! A run over a folder computes them from every document; `scrapelint stats`
//! computes them for one shard and saves them; `stats --merge` adds shards
//! up; `lint --stats FILE` lints a shard against the sum. Every count is a
//! sum over documents and every kept place is the smallest by (path, record,
//! offset), so merging is associative and commutative: any tree of merges
//! gives the same file, and a shard linted against the merged statistics gets
//! exactly the findings of one run over the whole corpus.
//!
//! The file is JSON (see `docs/stats-format.md`):
//! `{"format": "scrapelint-stats", "version": 2, "documents": N, ...}`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::document::{DocKey, Document};
use crate::finding::Span;

pub const FORMAT: &str = "scrapelint-stats";
pub const VERSION: u32 = 2;

/// The parts of the statistics a corpus lint reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// In how many documents each content word occurs (TF-IDF relevance).
    pub words: bool,
    /// In how many documents each short line occurs, and where.
    pub lines: bool,
    /// How often each name-like word occurs, after which first names, and where.
    pub names: bool,
}

impl Needs {
    pub const NONE: Needs = Needs { words: false, lines: false, names: false };
    pub const ALL: Needs = Needs { words: true, lines: true, names: true };

    pub fn union(self, o: Needs) -> Needs {
        Needs { words: self.words || o.words, lines: self.lines || o.lines, names: self.names || o.names }
    }

    /// True when every part `self` needs is in `have`.
    pub fn met_by(self, have: Needs) -> bool {
        (!self.words || have.words) && (!self.lines || have.lines) && (!self.names || have.names)
    }

    fn names_of(self) -> Vec<&'static str> {
        [(self.words, "words"), (self.lines, "lines"), (self.names, "names")]
            .into_iter()
            .filter_map(|(on, n)| on.then_some(n))
            .collect()
    }
}

/// Where something was seen: a document (an index into the statistics'
/// table of documents), a byte span in its text, and its line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub doc: u32,
    pub span: Span,
    pub line: u32,
    pub column: u32,
}

/// How many places are kept per line or name: enough to point at one
/// document other than the one reported on.
pub const PLACES: usize = 2;

/// At most `PLACES` places, kept inline: most lines and names of a corpus
/// occur once, and a heap allocation each would dominate the statistics.
#[derive(Debug, Clone, Copy, Default)]
pub struct Places([Option<Place>; PLACES]);

impl Places {
    pub fn iter(&self) -> impl Iterator<Item = &Place> {
        self.0.iter().flatten()
    }

    /// Adds `p`, keeping the first place per document of the `PLACES`
    /// smallest documents by (path, record): the same places whatever order
    /// they were added in.
    fn add(&mut self, docs: &[DocKey], p: Place) {
        // On the stack: this runs for every line and name of a corpus.
        let mut all = [p; PLACES + 1];
        let mut n = 0;
        for q in self.iter() {
            all[n] = *q;
            n += 1;
        }
        all[n] = p;
        let all = &mut all[..=n];
        let n = all.len();
        if n > 1 {
            all.sort_by(|a, b| (&docs[a.doc as usize], a.span).cmp(&(&docs[b.doc as usize], b.span)));
        }
        self.0 = [None; PLACES];
        let mut kept = 0;
        for (i, q) in all.iter().enumerate() {
            if kept == PLACES {
                break;
            }
            if i > 0 && all[i - 1].doc == q.doc {
                continue;
            }
            self.0[kept] = Some(*q);
            kept += 1;
        }
    }
}

impl<'a> IntoIterator for &'a Places {
    type Item = &'a Place;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Option<Place>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().flatten()
    }
}

#[derive(Debug, Clone, Default)]
pub struct LineStat {
    /// Documents holding the line.
    pub docs: u64,
    pub places: Places,
}

#[derive(Debug, Clone, Default)]
pub struct NameStat {
    /// Occurrences in all documents.
    pub count: u64,
    /// Occurrences inside a sentence (not at its start): capitalized there, it is a name.
    pub mid: u64,
    /// Documents holding it.
    pub docs: u64,
    /// For each capitalized word seen right before it: in how many documents.
    pub before: HashMap<String, u64>,
    pub places: Places,
}

/// `repeated-line`'s `max-chars` in these settings: the longest line counted.
pub fn line_max_chars(settings: &crate::engine::Settings) -> usize {
    crate::lints::repeated_line::max_chars(settings)
}

/// The statistics of a corpus, or of a shard of one.
#[derive(Debug, Default, Clone)]
pub struct CorpusStats {
    /// Documents counted.
    pub documents: u64,
    /// The parts collected.
    pub parts: Needs,
    /// `repeated-line`'s `max-chars` when the lines were counted: longer lines are not.
    pub line_max_chars: usize,
    docs: Vec<DocKey>,
    doc_index: HashMap<DocKey, u32>,
    pub words: HashMap<u64, u64>,
    pub lines: HashMap<u64, LineStat>,
    pub names: HashMap<String, NameStat>,
    /// Built on first use by `inconsistent-name` from `names`.
    pub name_index: OnceLock<HashMap<String, Vec<String>>>,
}

impl CorpusStats {
    /// Empty statistics that will collect `parts`, counting lines of at most
    /// `line_max_chars` characters.
    pub fn new(parts: Needs, line_max_chars: usize) -> Self {
        CorpusStats { parts, line_max_chars, ..Default::default() }
    }

    /// Empty statistics collecting the same parts with the same settings.
    pub fn clone_empty(&self) -> Self {
        CorpusStats::new(self.parts, self.line_max_chars)
    }

    /// How many lines, names and words are counted: what merging costs.
    pub fn size(&self) -> usize {
        self.words.len() + self.lines.len() + self.names.len()
    }

    /// The document a place is in.
    pub fn doc(&self, place: &Place) -> &DocKey {
        &self.docs[place.doc as usize]
    }

    fn intern(&mut self, key: &DocKey) -> u32 {
        if let Some(&i) = self.doc_index.get(key) {
            return i;
        }
        let i = self.docs.len() as u32;
        self.docs.push(key.clone());
        self.doc_index.insert(key.clone(), i);
        i
    }

    fn place(doc: &Document, d: u32, span: Span) -> Place {
        let (line, column) = doc.line_col(span.start);
        Place { doc: d, span, line: line as u32, column: column as u32 }
    }

    /// Adds one document's counts.
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        let d = self.intern(&doc.key());
        if self.parts.words {
            let words: HashSet<u64> = crate::lints::words::content_word_hashes(doc.text()).collect();
            for w in words {
                *self.words.entry(w).or_insert(0) += 1;
            }
        }
        if self.parts.lines {
            let mut seen = HashSet::new();
            for span in doc.lines() {
                let Some(k) = crate::lints::repeated_line::key(doc.slice(span), self.line_max_chars) else {
                    continue;
                };
                if seen.insert(k) {
                    let place = Self::place(doc, d, doc.trim(span));
                    let s = self.lines.entry(k).or_default();
                    s.docs += 1;
                    s.places.add(&self.docs, place);
                }
            }
        }
        if self.parts.names {
            // Per name: occurrences, those inside a sentence, its first place,
            // and the first names before it. The document's names sorted by
            // spelling make the groups: no map per document.
            let mut found = crate::lints::inconsistent_name::names(doc.text());
            found.sort_unstable_by(|a, b| a.word.cmp(b.word).then(a.at.cmp(&b.at)));
            // (name, occurrences, inside a sentence, first place, first names)
            let mut groups: Vec<(&str, u64, u64, Span, std::ops::Range<usize>)> = Vec::new();
            let mut before: Vec<&str> = Vec::new();
            let mut i = 0;
            while i < found.len() {
                let w = found[i].word;
                let first = found[i].at;
                let from = before.len();
                let (mut count, mut mid) = (0u64, 0u64);
                while i < found.len() && found[i].word == w {
                    count += 1;
                    mid += u64::from(!found[i].initial);
                    before.extend(
                        found[i]
                            .before
                            .filter(|b| !crate::lints::inconsistent_name::NOT_FIRST_NAMES.contains(b)),
                    );
                    i += 1;
                }
                before[from..].sort_unstable();
                let mut kept = from;
                for k in from..before.len() {
                    if k == from || before[k] != before[kept - 1] {
                        before[kept] = before[k];
                        kept += 1;
                    }
                }
                before.truncate(kept);
                groups.push((w, count, mid, Span::new(first, first + w.len()), from..kept));
            }
            // In order of first occurrence, as places are kept.
            groups.sort_unstable_by_key(|g| g.3);
            for (w, count, mid, span, firsts) in groups {
                let before = &before[firsts];
                let place = Self::place(doc, d, span);
                let add = |s: &mut NameStat, docs: &[DocKey]| {
                    s.count += count;
                    s.mid += mid;
                    s.docs += 1;
                    for &b in before {
                        match s.before.get_mut(b) {
                            Some(n) => *n += 1,
                            None => {
                                s.before.insert(b.to_string(), 1);
                            }
                        }
                    }
                    s.places.add(docs, place);
                };
                // One lookup for a name seen before, the common case.
                match self.names.get_mut(w) {
                    Some(s) => add(s, &self.docs),
                    None => {
                        let mut s = NameStat::default();
                        add(&mut s, &self.docs);
                        self.names.insert(w.to_string(), s);
                    }
                }
            }
        }
    }

    /// Adds another shard's statistics to these. Both must have collected
    /// the same parts with the same settings. Counts are 64-bit and checked:
    /// a sum past 2^64 is an error (and these statistics are then unusable),
    /// never a count that silently wrapped.
    pub fn merge(&mut self, other: CorpusStats) -> Result<(), String> {
        if self.parts != other.parts {
            return Err(format!(
                "the statistics hold different parts ({} and {})",
                self.parts.names_of().join(", "),
                other.parts.names_of().join(", ")
            ));
        }
        if self.parts.lines && self.line_max_chars != other.line_max_chars {
            return Err(format!(
                "lines were counted up to {} and {} characters (repeated-line's max-chars)",
                self.line_max_chars, other.line_max_chars
            ));
        }
        let overflow = || "counts overflow 64 bits when added up".to_string();
        let add = |a: &mut u64, b: u64| -> Result<(), String> {
            *a = a.checked_add(b).ok_or_else(overflow)?;
            Ok(())
        };
        add(&mut self.documents, other.documents)?;
        let remap: Vec<u32> = other.docs.iter().map(|k| self.intern(k)).collect();
        let docs = &self.docs;
        let merge_places = |into: &mut Places, from: Places| {
            for p in from.iter() {
                into.add(docs, Place { doc: remap[p.doc as usize], ..*p });
            }
        };
        for (w, n) in other.words {
            add(self.words.entry(w).or_insert(0), n)?;
        }
        for (k, s) in other.lines {
            let e = self.lines.entry(k).or_default();
            add(&mut e.docs, s.docs)?;
            merge_places(&mut e.places, s.places);
        }
        for (k, s) in other.names {
            let e = self.names.entry(k).or_default();
            add(&mut e.count, s.count)?;
            add(&mut e.mid, s.mid)?;
            add(&mut e.docs, s.docs)?;
            for (b, n) in s.before {
                add(e.before.entry(b).or_insert(0), n)?;
            }
            merge_places(&mut e.places, s.places);
        }
        self.name_index = OnceLock::new();
        Ok(())
    }

    /// The statistics as their JSON file: keys sorted, only the documents
    /// that places point at, so equal statistics give equal bytes.
    pub fn to_json(&self) -> String {
        let mut used: Vec<u32> = self
            .lines
            .values()
            .flat_map(|s| &s.places)
            .chain(self.names.values().flat_map(|s| &s.places))
            .map(|p| p.doc)
            .collect();
        used.sort_unstable_by(|&a, &b| self.docs[a as usize].cmp(&self.docs[b as usize]));
        used.dedup();
        let mut new_index = vec![u32::MAX; self.docs.len()];
        for (i, &d) in used.iter().enumerate() {
            new_index[d as usize] = i as u32;
        }
        let places = |ps: &Places| -> Vec<[u64; 5]> {
            ps.iter()
                .map(|p| {
                    let d = u64::from(new_index[p.doc as usize]);
                    [d, p.span.start as u64, p.span.end as u64, u64::from(p.line), u64::from(p.column)]
                })
                .collect()
        };
        let file = File {
            format: FORMAT.into(),
            version: VERSION,
            documents: self.documents,
            parts: self.parts.names_of().into_iter().map(String::from).collect(),
            line_max_chars: self.parts.lines.then_some(self.line_max_chars),
            docs: used.iter().map(|&d| self.docs[d as usize].clone()).collect(),
            words: self.words.iter().map(|(&k, &v)| (k, v)).collect(),
            lines: self
                .lines
                .iter()
                .map(|(&k, s)| (k, LineFile { docs: s.docs, places: places(&s.places) }))
                .collect(),
            names: self
                .names
                .iter()
                .map(|(k, s)| {
                    let before = s.before.iter().map(|(b, &n)| (b.clone(), n)).collect();
                    let places = places(&s.places);
                    (k.clone(), NameFile { count: s.count, mid: s.mid, docs: s.docs, before, places })
                })
                .collect(),
        };
        serde_json::to_string(&file).expect("statistics serialize") + "\n"
    }

    /// Reads a statistics file written by [`CorpusStats::to_json`].
    pub fn from_json(text: &str) -> Result<CorpusStats, String> {
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| format!("not a statistics file: {e}"))?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(format!("not a statistics file (no \"format\": \"{FORMAT}\")"));
        }
        if head.version != Some(VERSION) {
            return Err(format!(
                "statistics format version {} is not supported (this scrapelint reads version {VERSION})",
                head.version.map_or("?".into(), |v| v.to_string())
            ));
        }
        let file: File = serde_json::from_str(text).map_err(|e| format!("damaged statistics file: {e}"))?;
        let mut parts = Needs::NONE;
        for p in &file.parts {
            match p.as_str() {
                "words" => parts.words = true,
                "lines" => parts.lines = true,
                "names" => parts.names = true,
                other => return Err(format!("unknown part `{other}` in the statistics")),
            }
        }
        let n = file.docs.len() as u64;
        let places = |ps: Vec<[u64; 5]>| -> Result<Places, String> {
            if ps.len() > PLACES {
                return Err(format!("damaged statistics file: more than {PLACES} places"));
            }
            let mut out = Places::default();
            for (slot, [d, s, e, l, c]) in out.0.iter_mut().zip(ps) {
                if d >= n || s > e {
                    return Err(format!("damaged statistics file: bad place [{d}, {s}, {e}]"));
                }
                *slot = Some(Place {
                    doc: d as u32,
                    span: Span::new(s as usize, e as usize),
                    line: l as u32,
                    column: c as u32,
                });
            }
            Ok(out)
        };
        let mut stats = CorpusStats::new(parts, file.line_max_chars.unwrap_or(0));
        stats.documents = file.documents;
        for k in &file.docs {
            stats.intern(k);
        }
        stats.words = file.words.into_iter().collect();
        for (k, s) in file.lines {
            stats.lines.insert(k, LineStat { docs: s.docs, places: places(s.places)? });
        }
        for (k, s) in file.names {
            let before = s.before.into_iter().collect();
            stats.names.insert(
                k,
                NameStat { count: s.count, mid: s.mid, docs: s.docs, before, places: places(s.places)? },
            );
        }
        Ok(stats)
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    documents: u64,
    parts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line_max_chars: Option<usize>,
    docs: Vec<DocKey>,
    #[serde(default)]
    words: BTreeMap<u64, u64>,
    #[serde(default)]
    lines: BTreeMap<u64, LineFile>,
    #[serde(default)]
    names: BTreeMap<String, NameFile>,
}

#[derive(Serialize, Deserialize)]
struct LineFile {
    docs: u64,
    places: Vec<[u64; 5]>,
}

#[derive(Serialize, Deserialize)]
struct NameFile {
    count: u64,
    mid: u64,
    docs: u64,
    before: BTreeMap<String, u64>,
    places: Vec<[u64; 5]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(docs: &[(&str, &str)]) -> CorpusStats {
        let mut s = CorpusStats::new(Needs::ALL, 80);
        for (p, t) in docs {
            s.add(&Document::new(*p, *t));
        }
        s
    }

    #[test]
    fn merging_is_associative_and_commutative() {
        let a = [("a.txt", "Top Magazine\nSergei Ryabkov spoke in Geneva.\n")];
        let b = [("b.txt", "Top Magazine\nSergei Ryabkov left Geneva.\n"), ("c.txt", "Other text here.\n")];
        let c = [("d.txt", "Top Magazine\nSergei Ryabakov arrived.\n")];
        let mut left = shard(&a);
        left.merge(shard(&b)).unwrap();
        left.merge(shard(&c)).unwrap();
        let mut right = shard(&c);
        let mut ba = shard(&b);
        ba.merge(shard(&a)).unwrap();
        right.merge(ba).unwrap();
        let all = shard(&[a[0], b[0], b[1], c[0]]);
        assert_eq!(left.to_json(), right.to_json());
        assert_eq!(left.to_json(), all.to_json());
        let back = CorpusStats::from_json(&all.to_json()).unwrap();
        assert_eq!(back.to_json(), all.to_json());
        assert_eq!(all.documents, 4);
        assert_eq!(all.names["Ryabkov"].docs, 2);
        assert_eq!(all.names["Ryabkov"].before["Sergei"], 2);
        assert_eq!((all.names["Magazine"].count, all.names["Magazine"].mid), (3, 3));
        assert_eq!((all.names["Other"].count, all.names["Other"].mid), (1, 0));
    }

    #[test]
    fn refuses_other_formats_and_mismatched_parts() {
        assert!(CorpusStats::from_json("{}").unwrap_err().contains("not a statistics file"));
        let v1 = r#"{"format": "scrapelint-stats", "version": 1}"#;
        assert!(CorpusStats::from_json(v1).unwrap_err().contains("version 1"));
        let mut a = CorpusStats::new(Needs::ALL, 80);
        assert!(a.merge(CorpusStats::new(Needs::ALL, 40)).unwrap_err().contains("max-chars"));
        assert!(a.merge(CorpusStats::new(Needs::NONE, 80)).is_err());
    }
}
