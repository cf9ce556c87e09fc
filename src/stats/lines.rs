//! The `lines` part: in how many documents each short line occurs, and where
//! (`repeated-line`). Key: [`key`], the line lowercased with blanks folded.

use super::codec::{self, Reader, Writer};
use super::{add_count, Place, Places, Striped};
use crate::document::{DocKey, Document};

/// The line as compared: lowercased, blanks folded, hashed (FNV-1a, no
/// allocation). None for lines too long, too short, or without a letter.
pub fn key(line: &str, max_chars: usize) -> Option<u64> {
    let line = line.trim();
    if line.len() < 3 || line.len() > 4 * max_chars {
        return None;
    }
    // Most lines are ASCII: one character a byte, no count needed.
    let ascii = line.is_ascii();
    if (if ascii { line.len() } else { line.chars().count() }) > max_chars {
        return None;
    }
    let mut h = crate::fnv::Fnv::new();
    let mut letter = false;
    let mut blank = false;
    if ascii {
        // The loop below, byte by byte: what most lines are.
        for b in line.bytes() {
            if (b as char).is_whitespace() {
                blank = true;
                continue;
            }
            if blank {
                h.byte(b' ');
                blank = false;
            }
            letter |= b.is_ascii_alphabetic();
            h.byte(b.to_ascii_lowercase());
        }
        return letter.then_some(h.finish());
    }
    for c in line.chars() {
        if c.is_whitespace() {
            blank = true;
            continue;
        }
        if blank {
            h.byte(b' ');
            blank = false;
        }
        letter |= c.is_alphabetic();
        for l in c.to_lowercase() {
            h.char(l);
        }
    }
    letter.then_some(h.finish())
}

/// The first and last characters of a line as [`key`] sees it (blanks
/// trimmed, lower case): two lines with one key have the same ends (but
/// for a collision of 64-bit keys, which the statistics take for the same
/// line anyway). `None` for a blank line.
pub fn ends(line: &str) -> Option<(char, char)> {
    let line = line.trim();
    let first = line.chars().next()?.to_lowercase().next()?;
    let last = line.chars().next_back()?.to_lowercase().last()?;
    Some((first, last))
}

#[derive(Debug, Clone, Default)]
pub struct LineStat {
    /// Documents holding the line.
    pub docs: u64,
    pub places: Places,
}

/// A line seen in one document as far as is known, in 24 bytes: most lines
/// of a corpus are, and they are most of what a run holds while it counts.
/// Kept in a list, not a table: a table would be half empty.
#[derive(Debug, Clone, Copy)]
pub(super) struct Once {
    pub(super) key: u64,
    doc: u32,
    start: u32,
    line: u32,
    len: u16,
    column: u16,
}

impl Once {
    fn of(key: u64, p: &Place) -> Option<Once> {
        let span = p.span();
        Some(Once {
            key,
            doc: p.doc,
            start: u32::try_from(span.start).ok()?,
            line: p.line,
            len: u16::try_from(span.end - span.start).ok()?,
            column: u16::try_from(p.column).ok()?,
        })
    }

    pub(super) fn place(self) -> Place {
        Place::new(self.doc, self.start, self.start + u32::from(self.len), self.line, u32::from(self.column))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// `repeated-line`'s `max-chars` when the lines were counted: longer lines are not.
    pub max_chars: usize,
    /// Lines seen in one document, and lines since seen again that are not
    /// settled yet: sorted by key up to `settled`, appended after.
    pub(super) once: Vec<Once>,
    pub(super) settled: usize,
    /// Lines seen in two documents or more (and the odd line whose place
    /// does not fit in `Once`).
    pub(super) many: Striped<LineStat>,
}

impl Lines {
    pub fn new(max_chars: usize) -> Lines {
        Lines { max_chars, ..Default::default() }
    }

    /// A line held by two documents or more (in settled statistics).
    pub fn get(&self, key: u64) -> Option<&LineStat> {
        debug_assert!(self.is_settled(), "lines read before they were settled");
        self.many.get(key).filter(|l| l.docs >= 2)
    }

    pub fn len(&self) -> usize {
        self.once.len() + self.many.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every kept place.
    /// Every line's key.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.once.iter().map(|o| o.key).chain(self.many.iter().map(|(k, _)| k))
    }

    pub fn places(&self) -> impl Iterator<Item = Place> + '_ {
        self.many
            .iter()
            .flat_map(|(_, s)| s.places.iter().copied())
            .chain(self.once.iter().map(|o| o.place()))
    }

    /// Counts the short lines of `doc`, the document numbered `d`, whose
    /// key `keep` accepts, once each; a line `may` turns away is not keyed.
    pub fn add(
        &mut self,
        doc: &Document,
        d: u32,
        docs: &[DocKey],
        may: impl Fn(&str) -> bool,
        keep: impl Fn(u64) -> bool,
    ) {
        let mut seen = super::KeyMap::default();
        for span in doc.lines() {
            let line = doc.slice(span);
            if !may(line) {
                continue;
            }
            let Some(k) = key(line, self.max_chars).filter(|&k| keep(k)) else { continue };
            if seen.insert(k, ()).is_some() {
                continue;
            }
            let Some(p) = Place::of(doc, d, doc.trim(span)) else { continue };
            self.count(k, p, docs);
        }
        self.settle_when_doubled(docs);
    }

    /// Counts the line `k` of a document, once per document, at its first
    /// place `p` (in the document `p.doc`).
    pub(super) fn count(&mut self, k: u64, p: Place, docs: &[DocKey]) {
        match self.many.get_mut(k) {
            Some(s) => {
                s.docs += 1;
                s.places.add(docs, p);
            }
            None => match Once::of(k, &p) {
                Some(o) => self.once.push(o),
                None => {
                    self.many.map_mut(k).insert(k, LineStat { docs: 1, places: Places::one(p) });
                }
            },
        }
    }

    /// Settles the list when it has doubled: a few times a run.
    pub(super) fn settle_when_doubled(&mut self, docs: &[DocKey]) {
        if self.once.len() >= 2 * self.settled.max(1 << 15) {
            self.settle(docs).expect("one run's counts cannot overflow");
        }
    }

    /// Sorts the list and moves the lines in it more than once, or already
    /// in `many`, to `many`.
    pub fn settle(&mut self, docs: &[DocKey]) -> Result<(), String> {
        if self.settled == self.once.len() {
            return Ok(());
        }
        // Stable: two sorted runs (after a merge) are merged in one pass.
        self.once.sort_by_key(|o| o.key);
        let mut kept = 0;
        let mut i = 0;
        while i < self.once.len() {
            let k = self.once[i].key;
            let mut j = i + 1;
            while j < self.once.len() && self.once[j].key == k {
                j += 1;
            }
            if j - i == 1 && self.many.get(k).is_none() {
                self.once[kept] = self.once[i];
                kept += 1;
            } else {
                let s = self.many.map_mut(k).entry(k).or_default();
                add_count(&mut s.docs, (j - i) as u64)?;
                for o in &self.once[i..j] {
                    s.places.add(docs, o.place());
                }
            }
            i = j;
        }
        self.once.truncate(kept);
        self.once.shrink_to(2 * kept);
        self.settled = kept;
        Ok(())
    }

    /// Adds another shard's lines; `remap` renumbers its documents.
    pub fn merge(&mut self, other: Lines, remap: &[u32], docs: &[DocKey]) -> Result<(), String> {
        self.once.extend(other.once.into_iter().map(|o| Once { doc: remap[o.doc as usize], ..o }));
        for stripe in other.many.maps {
            for (k, s) in stripe {
                let mine = self.many.map_mut(k).entry(k).or_default();
                add_count(&mut mine.docs, s.docs)?;
                mine.places.add_all(docs, &s.places.renumbered(remap));
            }
        }
        self.settled = 0;
        self.settle(docs)
    }

    /// The fewest documents a line is kept for in statistics of `documents`
    /// documents: two, and one in a thousand. `repeated-line` reports a line
    /// only from one document in a hundred, so no line it reports is dropped;
    /// the lines dropped are most of a large corpus's shared lines (a line in
    /// two or three documents by chance), which grow faster than the corpus.
    pub fn fewest_kept(documents: u64) -> u64 {
        documents.div_ceil(1000).max(2)
    }

    /// Drops the lines of fewer than [`Lines::fewest_kept`] documents (of
    /// one, for `documents` 0).
    pub fn prune(&mut self, docs: &[DocKey], documents: u64) {
        self.settle(docs).expect("one run's counts cannot overflow");
        self.once = Vec::new();
        self.settled = 0;
        let fewest = Self::fewest_kept(documents);
        self.many.retain(|s| s.docs >= fewest);
    }

    /// Keeps the lines whose key `keep` accepts (settled: the order of the
    /// settled lines is kept).
    pub fn keep_keys(&mut self, keep: impl Fn(u64) -> bool) {
        debug_assert!(self.is_settled());
        self.once.retain(|o| keep(o.key));
        self.settled = self.once.len();
        self.many.retain_keys(keep);
    }

    /// True when no line in the list is waiting to be settled.
    pub fn is_settled(&self) -> bool {
        self.settled == self.once.len()
    }

    /// Written settled only ([`Lines::is_settled`]).
    pub fn encode(&self, w: &mut Writer, new_index: &[u32]) {
        debug_assert!(self.is_settled());
        // Lines seen once are written with the others (`stats --keep-single`).
        let mut all = self.many.clone();
        for o in &self.once {
            let s = all.map_mut(o.key).entry(o.key).or_default();
            s.docs += 1;
            s.places = Places::one(o.place());
        }
        all.encode(w, |w, s| {
            w.num(s.docs);
            s.places.encode(w, new_index);
        });
    }

    pub fn decode(r: &mut Reader<'_>, max_chars: usize, docs: usize) -> codec::Result<Lines> {
        let many = Striped::decode(r, |r| Ok(LineStat { docs: r.num()?, places: Places::decode(r, docs)? }))?;
        Ok(Lines { max_chars, many, ..Default::default() })
    }
}
