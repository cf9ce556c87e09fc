//! Final statistics, queried where they lie: the pruned statistics of a
//! whole corpus as sorted tables of fixed-width entries in one buffer (the
//! file's bytes), looked up by key without building anything. Loading a file
//! is reading it and checking every offset once: memory is the file's size,
//! and a lint worker starts in the time it takes to read it. A run that
//! counts its own statistics freezes them the same way before it lints, so
//! every corpus lint reads one kind of statistics.
//!
//! The layout (version 5; `docs/stats-format.md`): a header, a table of
//! sections, the sections (each at a multiple of 8 bytes), a checksum.
//! Keys are hashes, spread evenly: a lookup guesses where a key lies from
//! its value and searches from there, a few probes, not a table's worth.

use std::cmp::Ordering;

use super::lines::LineStat;
use super::names::{deletes, is_name, key as name_key, NameStat};
use super::{CorpusStats, Needs, Place, Places, MAGIC, PLACES};
use crate::document::DocKey;

/// The version of the final layout; statistics that add up are written in
/// the compact layout of [`super::VERSION`].
pub const VERSION: u8 = 5;

/// Magic, version, parts, five zero bytes, documents, `line_max_chars`.
const HEADER: usize = 40;
const SECTIONS: usize = 12;
/// Each section's offset and number of entries.
const TABLE: usize = HEADER + SECTIONS * 16;

#[derive(Clone, Copy, Debug)]
enum S {
    /// Path start and end (in `Paths`), record + 1 (0: a plain file), content hash.
    Docs,
    Paths,
    /// The keys of words, lines and names, apart from what they hold: a
    /// lookup searches a small table.
    WordKeys,
    /// Documents.
    Words,
    LineKeys,
    /// Documents, first and end place (u32 each).
    Lines,
    NameKeys,
    /// Count, mid, documents; text, befores and places ranges (u32 pairs).
    Names,
    Text,
    /// First-name key, documents.
    Befores,
    /// Document, start, end, line, column (u32 each).
    Places,
    /// The upper half of a spelling's key one deletion from a name, the
    /// name's number (u32 each): [`Frozen::near`]'s index.
    Near,
}

const WIDTH: [usize; SECTIONS] = [32, 1, 8, 8, 8, 16, 8, 48, 1, 16, 20, 8];

/// The longest path and name a file may hold.
const MAX_PATH: usize = 4096;
const MAX_NAME: usize = 64;
/// The most names one spelling of the index may lead to: far more than
/// names share a spelling one letter short (a few dozen in a large corpus),
/// and a bound on what one lookup reads in a crafted file.
const MAX_NEAR: usize = 4096;

/// The slot of `key` in a filter of `size` bits (a power of two): the top
/// bits of the key, mixed.
fn filter_slot(key: u64, size: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - size.trailing_zeros())) as usize
}

/// Final statistics ([`CorpusStats::prune`]d, every key) in the layout they
/// are read in. Lints read these; [`CorpusStats`] counts and adds up.
#[derive(Clone)]
pub struct Frozen {
    bytes: Box<[u8]>,
    /// Documents counted.
    pub documents: u64,
    /// The parts held.
    pub parts: Needs,
    line_max_chars: usize,
    at: [usize; SECTIONS],
    len: [usize; SECTIONS],
    /// For each section searched by key, a bit per slot of key hashes
    /// ([`Frozen::may_hold`]), made when the section is first searched.
    filters: [std::sync::OnceLock<Box<[u64]>>; SECTIONS],
}

/// Bits of a section's filter per key it holds (a key it lacks finds its
/// bit set about once in eight).
const FILTER_BITS_PER_KEY: usize = 8;
/// The largest filter, in bits (8 MiB).
const MAX_FILTER_BITS: usize = 1 << 26;

impl std::fmt::Debug for Frozen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frozen")
            .field("documents", &self.documents)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// A line held by two documents or more.
#[derive(Clone, Copy)]
pub struct LineRef<'a> {
    stats: &'a Frozen,
    /// Documents holding the line.
    pub docs: u64,
    places: (usize, usize),
}

impl<'a> LineRef<'a> {
    /// Its kept places, smallest document first.
    pub fn places(&self) -> impl Iterator<Item = Place> + 'a {
        let stats = self.stats;
        (self.places.0..self.places.1).map(move |i| stats.place(i))
    }
}

/// A name held by two documents or more.
#[derive(Clone, Copy)]
pub struct NameRef<'a> {
    stats: &'a Frozen,
    /// The name.
    pub name: &'a str,
    /// Occurrences in all documents.
    pub count: u64,
    /// Occurrences inside a sentence (not at its start).
    pub mid: u64,
    /// Documents holding it.
    pub docs: u64,
    befores: (usize, usize),
    places: (usize, usize),
}

impl<'a> NameRef<'a> {
    /// In how many documents `first` comes right before the name.
    pub fn before(&self, first: &str) -> u64 {
        let s = self.stats;
        let k = name_key(first);
        Frozen::search(self.befores.0, self.befores.1, |i| s.key_of(S::Befores, i) as u128, k as u128)
            .map_or(0, |i| s.u64_at(s.entry(S::Befores, i) + 8))
    }

    /// Each capitalized word that comes right before the name (titles
    /// aside), by key, with the number of documents where it does.
    pub fn before_keys(&self) -> impl Iterator<Item = (u64, u64)> + 'a {
        let s = self.stats;
        (self.befores.0..self.befores.1)
            .map(move |j| (s.key_of(S::Befores, j), s.u64_at(s.entry(S::Befores, j) + 8)))
    }

    /// How many different capitalized words come right before the name.
    pub fn befores(&self) -> usize {
        self.befores.1 - self.befores.0
    }

    /// Its kept places (names used three times or more), smallest document first.
    pub fn places(&self) -> impl Iterator<Item = Place> + 'a {
        let stats = self.stats;
        (self.places.0..self.places.1).map(move |i| stats.place(i))
    }
}

impl Frozen {
    /// `repeated-line`'s `max-chars` when the lines were counted.
    pub fn line_max_chars(&self) -> usize {
        self.line_max_chars
    }

    /// The file's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Documents holding the word (by key). A word the statistics do not
    /// hold is in one document at most: the one at hand, when it has it.
    pub fn df(&self, word: u64) -> u64 {
        self.find(S::WordKeys, word).map_or(1, |i| self.u64_at(self.entry(S::Words, i)))
    }

    /// A line (by key) held by two documents or more.
    pub fn line(&self, key: u64) -> Option<LineRef<'_>> {
        Some(self.line_at(self.find(S::LineKeys, key)?)).filter(|l| l.docs >= 2)
    }

    /// A name held by two documents or more.
    pub fn name(&self, name: &str) -> Option<NameRef<'_>> {
        self.find(S::NameKeys, name_key(name)).map(|i| self.name_at(i)).filter(|s| s.name == name)
    }

    /// True when `name` is in three documents or more. The keys alone are
    /// compared: another name with the same 64-bit key would be taken for
    /// the common one, which can only keep a check quiet.
    pub fn in_three_documents(&self, name: &str) -> bool {
        self.find(S::NameKeys, name_key(name)).is_some_and(|i| self.u64_at(self.entry(S::Names, i) + 16) >= 3)
    }

    /// Names used three times or more that may be one edit from `w` (one
    /// deletion from each may meet): the candidates for its right spelling,
    /// each once, by key.
    pub fn near(&self, w: &str) -> Vec<NameRef<'_>> {
        let n = self.len[S::Near as usize];
        let mut found: Vec<usize> = Vec::new();
        for d in deletes(w) {
            // Most spellings one deletion short of a rare name are one
            // short of no name at all.
            if !self.may_hold(S::Near, d >> 32) {
                continue;
            }
            let want = u128::from(d >> 32) << 32;
            // The first entry of the key: the search for (key, 0).
            let mut i = match Frozen::search(0, n, |i| self.near_key(i), want) {
                Ok(i) | Err(i) => i,
            };
            while i < n && self.near_key(i) >> 32 == want >> 32 {
                found.push(self.near_key(i) as u32 as usize);
                i += 1;
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| self.name_at(i)).collect()
    }

    /// The document a place is in.
    pub fn doc(&self, place: &Place) -> DocKey {
        let e = self.entry(S::Docs, place.doc as usize);
        let record = self.u64_at(e + 16).checked_sub(1);
        DocKey { path: self.doc_path(place.doc as usize).into(), record }
    }

    /// True when a place is in the document `key`.
    pub fn is_in(&self, place: &Place, key: &DocKey) -> bool {
        self.doc_order(place.doc as usize) == (&*key.path, key.record)
    }

    /// The content hash stored for the document `key`, if it is listed.
    pub fn doc_hash(&self, key: &DocKey) -> Option<u64> {
        let (mut lo, mut hi) = (0, self.len[S::Docs as usize]);
        let want = (&*key.path, key.record);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.doc_order(mid).cmp(&want) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(self.u64_at(self.entry(S::Docs, mid) + 24)),
            }
        }
        None
    }

    fn doc_order(&self, i: usize) -> (&str, Option<u64>) {
        (self.doc_path(i), self.u64_at(self.entry(S::Docs, i) + 16).checked_sub(1))
    }

    fn doc_path(&self, i: usize) -> &str {
        let e = self.entry(S::Docs, i);
        self.text(S::Paths, self.u64_at(e) as usize, self.u64_at(e + 8) as usize)
    }

    fn name_at(&self, i: usize) -> NameRef<'_> {
        let e = self.entry(S::Names, i);
        let (from, to) = self.range(e + 24);
        NameRef {
            stats: self,
            name: self.text(S::Text, from, to),
            count: self.u64_at(e),
            mid: self.u64_at(e + 8),
            docs: self.u64_at(e + 16),
            befores: self.range(e + 32),
            places: self.range(e + 40),
        }
    }

    fn place(&self, i: usize) -> Place {
        let e = self.entry(S::Places, i);
        let f = |k: usize| self.u32_at(e + 4 * k);
        Place::new(f(0), f(1), f(2), f(3), f(4))
    }

    fn near_key(&self, i: usize) -> u128 {
        let e = self.entry(S::Near, i);
        u128::from(self.u32_at(e)) << 32 | u128::from(self.u32_at(e + 4))
    }

    fn entry(&self, s: S, i: usize) -> usize {
        self.at[s as usize] + i * WIDTH[s as usize]
    }

    fn key_of(&self, s: S, i: usize) -> u64 {
        self.u64_at(self.entry(s, i))
    }

    /// The key a section's filter holds for entry `i`: its key, or for the
    /// index of spellings, the upper half of the spelling's key.
    fn filter_key(&self, s: S, i: usize) -> u64 {
        match s {
            S::Near => u64::from(self.u32_at(self.entry(s, i))),
            _ => self.key_of(s, i),
        }
    }

    fn find(&self, s: S, key: u64) -> Option<usize> {
        if !self.may_hold(s, key) {
            return None;
        }
        Frozen::search(0, self.len[s as usize], |i| u128::from(self.key_of(s, i)), u128::from(key)).ok()
    }

    /// False when section `s` cannot hold `key`: most keys asked for are
    /// held by no other document (a line, a word, a name of this one only),
    /// and a search for each reads a few scattered entries of a large
    /// table. The filter is a bit per slot of a key's hash, set for each
    /// key the section holds: one read, in a table a byte per key.
    fn may_hold(&self, s: S, key: u64) -> bool {
        let bits = self.filters[s as usize].get_or_init(|| {
            let n = self.len[s as usize];
            let size = n.saturating_mul(FILTER_BITS_PER_KEY).next_power_of_two().clamp(64, MAX_FILTER_BITS);
            let mut bits = vec![0u64; size / 64];
            for i in 0..n {
                let b = filter_slot(self.filter_key(s, i), size);
                bits[b / 64] |= 1 << (b % 64);
            }
            bits.into_boxed_slice()
        });
        let b = filter_slot(key, bits.len() * 64);
        bits[b / 64] >> (b % 64) & 1 == 1
    }

    /// Where `want` is among the strictly increasing keys of entries
    /// `lo..hi`: its entry, or where it would go. Keys are hashes, so a
    /// key's value says about where it lies: a few guesses narrow the
    /// range, then it is halved.
    fn search(mut lo: usize, mut hi: usize, key: impl Fn(usize) -> u128, want: u128) -> Result<usize, usize> {
        // Every key of `lo..hi` is in `klo..khi` (keys are below 2^64).
        let (mut klo, mut khi) = (0u128, 1u128 << 64);
        for _ in 0..4 {
            if hi - lo < 16 || want < klo || want >= khi {
                break;
            }
            let span = (hi - lo) as u128;
            let guess = lo + ((want - klo) * span / (khi - klo)) as usize;
            let guess = guess.min(hi - 1);
            let k = key(guess);
            match k.cmp(&want) {
                Ordering::Equal => return Ok(guess),
                Ordering::Less => {
                    lo = guess + 1;
                    klo = k + 1;
                }
                Ordering::Greater => {
                    hi = guess;
                    khi = k;
                }
            }
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match key(mid).cmp(&want) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    fn u64_at(&self, o: usize) -> u64 {
        self.bytes.get(o..o + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0, u64::from_le_bytes)
    }

    fn u32_at(&self, o: usize) -> u32 {
        self.bytes.get(o..o + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_le_bytes)
    }

    /// Two u32 at `o`: a range of entries.
    fn range(&self, o: usize) -> (usize, usize) {
        (self.u32_at(o) as usize, self.u32_at(o + 4) as usize)
    }

    /// Bytes `from..to` of a text section (checked UTF-8 when loaded).
    fn text(&self, s: S, from: usize, to: usize) -> &str {
        let at = self.at[s as usize];
        self.bytes.get(at + from..at + to).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }

    /// Reads the statistics file at `path` for linting, as every front end
    /// does (a regular file of at most `max` bytes): a final file is
    /// queried where it lies; one that adds up (`stats --keep-single`, JSON)
    /// is pruned and frozen as a run does.
    pub fn load_limited(path: &std::path::Path, max: u64) -> Result<Frozen, String> {
        let bytes = super::read_limited(path, max)?;
        if super::is_final(&bytes) {
            Frozen::from_bytes(bytes)
        } else {
            CorpusStats::from_bytes(&bytes)?.freeze()
        }
    }

    /// Reads final statistics from a file's bytes, checking the header,
    /// the checksum, and every offset, order and reference before any is
    /// used: a damaged or crafted file is an error, never a wrong read.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Frozen, String> {
        let bytes = bytes.into_boxed_slice();
        let damaged = |why: &str| format!("damaged statistics file: {why}");
        if bytes.len() < TABLE + 8 {
            return Err(damaged("cut short"));
        }
        if !bytes.starts_with(MAGIC) {
            return Err("not a statistics file (it does not start with `scrapelint-stats`)".into());
        }
        if bytes[MAGIC.len()] != VERSION {
            return Err(format!("statistics format version {} is not the final layout", bytes[MAGIC.len()]));
        }
        let (content, sum) = bytes.split_at(bytes.len() - 8);
        if crate::fnv::content_hash(content).to_le_bytes() != sum {
            return Err(damaged("its checksum does not match"));
        }
        let bits = bytes[MAGIC.len() + 1];
        if bits & 0x80 == 0 || bits & 0x7f > 7 || bytes[MAGIC.len() + 2..24].iter().any(|&b| b != 0) {
            return Err(damaged("a final file that is not pruned statistics of every key"));
        }
        let parts = Needs { words: bits & 1 != 0, lines: bits & 2 != 0, names: bits & 4 != 0 };
        let mut f = Frozen {
            bytes,
            documents: 0,
            parts,
            line_max_chars: 0,
            at: [0; SECTIONS],
            len: [0; SECTIONS],
            filters: Default::default(),
        };
        f.documents = f.u64_at(24);
        f.line_max_chars = usize::try_from(f.u64_at(32)).map_err(|_| damaged("max-chars"))?;
        let end = f.bytes.len() - 8;
        let mut last = TABLE;
        for (s, &width) in WIDTH.iter().enumerate() {
            let (at, n) = (f.u64_at(HEADER + 16 * s), f.u64_at(HEADER + 16 * s + 8));
            let size = n.checked_mul(width as u64);
            let fits = size.and_then(|z| at.checked_add(z)).filter(|&e| at >= last as u64 && e <= end as u64);
            let (Some(e), true) = (fits, at % 8 == 0 && n <= u64::from(u32::MAX)) else {
                return Err(damaged("a section outside the file"));
            };
            (f.at[s], f.len[s], last) = (at as usize, n as usize, e as usize);
        }
        f.check().map_err(|why| damaged(&why))?;
        Ok(f)
    }

    /// Every entry in order and every reference inside its table. The
    /// ranges into the tables of paths, names' text, first names and places
    /// tile them: each starts where the one before it ended (lines' places,
    /// then names'), and the last ends at the table's end. Every byte then
    /// has one owner, so checking the file and thawing it read each once
    /// (ranges that overlap could make a small file check in quadratic
    /// time or thaw into gigabytes).
    fn check(&self) -> Result<(), String> {
        let n = |s: S| self.len[s as usize];
        let increasing = |s: S, what: &str| {
            (1..n(s))
                .all(|i| self.key_of(s, i - 1) < self.key_of(s, i))
                .then_some(())
                .ok_or(format!("{what} out of order"))
        };
        let utf8 = |s: S, (from, to): (usize, usize)| {
            std::str::from_utf8(&self.bytes[self.at[s as usize] + from..][..to - from]).ok()
        };
        let mut paths = Tiling::new(n(S::Paths));
        for i in 0..n(S::Docs) {
            let e = self.entry(S::Docs, i);
            let range = (self.u64_at(e) as usize, self.u64_at(e + 8) as usize);
            if !paths.take(range, MAX_PATH) || utf8(S::Paths, range).is_none() {
                return Err("bad path".into());
            }
            if i > 0 && self.doc_order(i - 1) >= self.doc_order(i) {
                return Err("documents out of order".into());
            }
        }
        if n(S::WordKeys) != n(S::Words) || n(S::LineKeys) != n(S::Lines) || n(S::NameKeys) != n(S::Names) {
            return Err("keys and entries of different lengths".into());
        }
        increasing(S::WordKeys, "words")?;
        increasing(S::LineKeys, "lines")?;
        let mut places = Tiling::new(n(S::Places));
        for i in 0..n(S::Lines) {
            if !places.take(self.range(self.entry(S::Lines, i) + 8), PLACES) {
                return Err("a line's places outside their table".into());
            }
        }
        increasing(S::NameKeys, "names")?;
        let (mut text, mut befores) = (Tiling::new(n(S::Text)), Tiling::new(n(S::Befores)));
        for i in 0..n(S::Names) {
            let e = self.entry(S::Names, i);
            let range = self.range(e + 24);
            let name = text.take(range, MAX_NAME).then(|| utf8(S::Text, range)).flatten();
            if !name.is_some_and(|w| is_name(w) && name_key(w) == self.key_of(S::NameKeys, i)) {
                return Err("not a name".into());
            }
            let (from, to) = self.range(e + 32);
            if !befores.take((from, to), usize::MAX)
                || (from + 1..to).any(|j| self.key_of(S::Befores, j - 1) >= self.key_of(S::Befores, j))
            {
                return Err("a name's first names out of order".into());
            }
            if !places.take(self.range(e + 40), PLACES) {
                return Err("a name's places outside their table".into());
            }
        }
        if !(paths.done() && text.done() && befores.done() && places.done()) {
            return Err("bytes of a table that no entry owns".into());
        }
        for i in 0..n(S::Places) {
            let p = self.place(i);
            let e = self.entry(S::Places, i);
            if p.doc as usize >= n(S::Docs) || self.u32_at(e + 4) > self.u32_at(e + 8) {
                return Err(format!("bad place [{}, {}]", p.doc, self.u32_at(e + 4)));
            }
        }
        let mut run = 0;
        for i in 0..n(S::Near) {
            if (i > 0 && self.near_key(i - 1) >= self.near_key(i))
                || self.near_key(i) as u32 as usize >= n(S::Names)
            {
                return Err("the index of spellings out of order".into());
            }
            // A lookup reads every name of a spelling: a bounded number.
            run = if i > 0 && self.near_key(i - 1) >> 32 == self.near_key(i) >> 32 { run + 1 } else { 1 };
            if run > MAX_NEAR {
                return Err(format!("more than {MAX_NEAR} names one deletion from one spelling"));
            }
        }
        Ok(())
    }

    /// These statistics in the layout that adds up (`stats --json`, the
    /// Python `Stats`): every count, key and place, pruned.
    pub fn thaw(&self) -> CorpusStats {
        let mut s = CorpusStats::new(self.parts, self.line_max_chars);
        s.documents = self.documents;
        s.pruned = true;
        for i in 0..self.len[S::Docs as usize] {
            let (path, record) = self.doc_order(i);
            s.intern(&DocKey { path: path.into(), record }, self.u64_at(self.entry(S::Docs, i) + 24));
        }
        for i in 0..self.len[S::Words as usize] {
            let (k, e) = (self.key_of(S::WordKeys, i), self.entry(S::Words, i));
            s.words.df.map_mut(k).insert(k, self.u64_at(e));
        }
        let places = |(from, to): (usize, usize)| {
            let mut out = Places::default();
            for (slot, i) in out.0.iter_mut().zip(from..to) {
                *slot = Some(self.place(i));
            }
            out
        };
        for i in 0..self.len[S::Lines as usize] {
            let (k, line) = (self.key_of(S::LineKeys, i), self.line_at(i));
            s.lines.many.map_mut(k).insert(k, LineStat { docs: line.docs, places: places(line.places) });
        }
        for i in 0..self.len[S::Names as usize] {
            let (k, n) = (self.key_of(S::NameKeys, i), self.name_at(i));
            let before = (n.befores.0..n.befores.1)
                .map(|j| (self.key_of(S::Befores, j), self.u64_at(self.entry(S::Befores, j) + 8)))
                .collect();
            let stat = NameStat {
                name: n.name.into(),
                count: n.count,
                mid: n.mid,
                docs: n.docs,
                before,
                places: places(n.places),
            };
            s.names.map.map_mut(k).insert(k, stat);
        }
        s
    }

    fn line_at(&self, i: usize) -> LineRef<'_> {
        let e = self.entry(S::Lines, i);
        LineRef { stats: self, docs: self.u64_at(e), places: self.range(e + 8) }
    }
}

/// Ranges into one table, taken in order, that must tile it ([`Frozen::check`]).
struct Tiling {
    next: usize,
    len: usize,
}

impl Tiling {
    fn new(len: usize) -> Tiling {
        Tiling { next: 0, len }
    }

    /// True when `from..to` starts where the last range ended, lies in the
    /// table and holds at most `most` entries.
    fn take(&mut self, (from, to): (usize, usize), most: usize) -> bool {
        let ok = from == self.next && from <= to && to <= self.len && to - from <= most;
        self.next = to;
        ok
    }

    fn done(&self) -> bool {
        self.next == self.len
    }
}

fn put64(v: &mut Vec<u8>, n: u64) {
    v.extend_from_slice(&n.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, n: usize) -> Result<(), String> {
    let n = u32::try_from(n).map_err(|_| "statistics too large for one file (a table past 2^32 entries)")?;
    v.extend_from_slice(&n.to_le_bytes());
    Ok(())
}

impl CorpusStats {
    /// These statistics, pruned ([`CorpusStats::prune`]), in the layout
    /// lints read. Only statistics of every key can be: a partition is
    /// joined first.
    pub fn freeze(mut self) -> Result<Frozen, String> {
        if !self.partition.is_whole() {
            return Err(format!(
                "the statistics hold {} only: join every partition with `stats --merge` first",
                self.partition.describe()
            ));
        }
        self.prune();
        Frozen::from_bytes(self.to_final_bytes()?)
    }

    /// The bytes of the final layout; the statistics must be pruned and
    /// hold every key.
    pub(super) fn to_final_bytes(&self) -> Result<Vec<u8>, String> {
        if !self.pruned || !self.partition.is_whole() {
            return Err("only pruned statistics of every key are final".into());
        }
        if !self.lines.is_settled() {
            let mut settled = self.clone();
            settled.settle();
            return settled.to_final_bytes();
        }
        let (used, new_index) = self.used_docs();
        let mut sections: [Vec<u8>; SECTIONS] = Default::default();
        let [docs, paths, word_keys, words, line_keys, lines, name_keys, names, text, befores, places, near] =
            &mut sections;
        for &d in &used {
            let key = &self.docs[d as usize];
            put64(docs, paths.len() as u64);
            paths.extend_from_slice(key.path.as_bytes());
            put64(docs, paths.len() as u64);
            put64(docs, key.record.map_or(0, |r| r.saturating_add(1)));
            put64(docs, self.doc_hashes[d as usize]);
        }
        for (k, &n) in self.words.df.sorted() {
            put64(word_keys, k);
            put64(words, n);
        }
        let mut put_places = |v: &mut Vec<u8>, ps: &Places| -> Result<(), String> {
            put32(v, places.len() / 20)?;
            for p in ps.iter() {
                for n in [new_index[p.doc as usize], p.start, p.end, p.line, p.column] {
                    places.extend_from_slice(&n.to_le_bytes());
                }
            }
            put32(v, places.len() / 20)
        };
        let mut all = self.lines.many.clone();
        for o in &self.lines.once {
            let s = all.map_mut(o.key).entry(o.key).or_default();
            s.docs += 1;
            s.places = Places::one(o.place());
        }
        for (k, s) in all.sorted() {
            put64(line_keys, k);
            put64(lines, s.docs);
            put_places(lines, &s.places)?;
        }
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (i, (k, s)) in self.names.map.sorted().into_iter().enumerate() {
            put64(name_keys, k);
            for n in [s.count, s.mid, s.docs] {
                put64(names, n);
            }
            put32(names, text.len())?;
            text.extend_from_slice(s.name.as_bytes());
            put32(names, text.len())?;
            put32(names, befores.len() / 16)?;
            for &(b, n) in &s.before {
                put64(befores, b);
                put64(befores, n);
            }
            put32(names, befores.len() / 16)?;
            put_places(names, &s.places)?;
            if s.count >= 3 {
                let i =
                    u32::try_from(i).map_err(|_| "statistics too large for one file (names past 2^32)")?;
                pairs.extend(deletes(&s.name).map(|d| ((d >> 32) as u32, i)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for (d, i) in pairs {
            near.extend_from_slice(&d.to_le_bytes());
            near.extend_from_slice(&i.to_le_bytes());
        }
        let mut w = Vec::with_capacity(TABLE + sections.iter().map(|s| s.len() + 8).sum::<usize>() + 8);
        w.extend_from_slice(MAGIC);
        w.push(VERSION);
        w.push(self.parts.bits() | 0x80);
        w.resize(24, 0);
        put64(&mut w, self.documents);
        put64(&mut w, self.lines.max_chars as u64);
        let mut at = TABLE;
        for (s, bytes) in sections.iter().enumerate() {
            put64(&mut w, at as u64);
            put64(&mut w, (bytes.len() / WIDTH[s]) as u64);
            at = (at + bytes.len()).next_multiple_of(8);
        }
        for bytes in &sections {
            w.extend_from_slice(bytes);
            w.resize(w.len().next_multiple_of(8), 0);
        }
        let sum = crate::fnv::content_hash(&w);
        w.extend_from_slice(&sum.to_le_bytes());
        Ok(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn counted(texts: &[&str]) -> CorpusStats {
        let mut s = CorpusStats::new(Needs::ALL, 80);
        for (i, t) in texts.iter().enumerate() {
            s.add(&Document::new(format!("d/{i}.txt"), *t).with_record(i as u64 % 2, None));
        }
        s
    }

    const TEXTS: [&str; 6] = [
        "Top World Magazine\nDeputy Minister Sergei Ryabkov met Antony Blinken in Geneva.\n",
        "Top World Magazine\nIn Geneva, Sergei Ryabkov spoke; Blinken listened.\n",
        "Top World Magazine\nRyabkov and Blinken left Geneva on Monday.\nShare this\n",
        "Ryabakov arrived in Geneva. Sergei Ryabkov said so.\nShare this\n",
        "Top World Magazine\nMonday: Sergei Ryabkov and Antony Blinken, in Geneva again.\n",
        "Nothing else here but Genevra, Blinkin and Ryabkov.\n",
    ];

    fn one_edit(a: &str, b: &str) -> bool {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let (s, l) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
        if l.len() - s.len() > 1 {
            return false;
        }
        let p = s.iter().zip(l.iter()).take_while(|(x, y)| x == y).count();
        let (ss, ls) = (&s[p..], &l[p..]);
        if s.len() == l.len() {
            ss.len() <= 1 || ss[1..] == ls[1..]
        } else {
            ss == &ls[1..]
        }
    }

    #[test]
    fn the_key_filters_pass_every_key_held_and_turn_most_others_away() {
        // Many documents, so that each section holds thousands of keys.
        // A number in letters: words and names are letters only.
        let letters = |mut k: usize| {
            let mut w = String::from("q");
            while k > 0 {
                w.push(char::from(b'a' + (k % 26) as u8));
                k /= 26;
            }
            w
        };
        let texts: Vec<String> = (0..3000)
            .map(|i| {
                let (word, name) = (letters(i / 2), letters(i % 700));
                format!(
                    "Line number {} of the site\nThe {word} and Mr Z{name} here.\nZ{name} said {word}.\n",
                    i % 100
                )
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut s = counted(&texts);
        s.prune();
        s.settle();
        let f = s.freeze().unwrap();
        for section in [S::WordKeys, S::LineKeys, S::NameKeys, S::Near] {
            let n = f.len[section as usize];
            assert!(n >= 100, "{section:?}: {n} keys");
            assert!((0..n).all(|i| f.may_hold(section, f.filter_key(section, i))));
            let held: std::collections::HashSet<u64> = (0..n).map(|i| f.filter_key(section, i)).collect();
            let absent =
                (0..100_000u64).map(|k| k.wrapping_mul(0x2545_f491_4f6c_dd1d)).filter(|k| !held.contains(k));
            let (asked, passed) =
                absent.fold((0, 0), |(a, p), k| (a + 1, p + usize::from(f.may_hold(section, k))));
            assert!(passed * 4 < asked, "{section:?}: {passed} of {asked} absent keys passed");
        }
    }

    #[test]
    fn frozen_statistics_answer_as_the_tables_they_were_made_from() {
        let mut s = counted(&TEXTS);
        s.prune();
        s.settle();
        let f = s.clone().freeze().unwrap();
        assert_eq!((f.documents, f.line_max_chars(), f.parts), (6, 80, Needs::ALL));
        for (k, &n) in s.words.df.sorted() {
            assert_eq!(f.df(k), n);
        }
        assert_eq!(f.df(12345), 1, "a word the statistics do not hold");
        for (k, l) in s.lines.many.sorted() {
            let got = f.line(k).unwrap();
            assert_eq!(got.docs, l.docs);
            assert_eq!(got.places().collect::<Vec<_>>(), l.places.iter().copied().collect::<Vec<_>>());
            for p in got.places() {
                assert!(f.is_in(&p, &s.doc(&p).clone()));
                assert_eq!(f.doc(&p), *s.doc(&p));
                assert_eq!(f.doc_hash(&f.doc(&p)), s.doc_hash(s.doc(&p)));
            }
        }
        assert!(f.line(lines_key("Top World Magazine")).is_some_and(|l| l.docs == 4));
        for (_, n) in s.names.map.sorted() {
            let got = f.name(&n.name).unwrap();
            assert_eq!((got.name, got.count, got.mid, got.docs), (&*n.name, n.count, n.mid, n.docs));
            assert_eq!(got.befores(), n.befores());
            assert_eq!(got.places().collect::<Vec<_>>(), n.places.iter().copied().collect::<Vec<_>>());
            for first in ["Sergei", "Antony", "Deputy", "Minister", "In", "Nobody"] {
                assert_eq!(got.before(first), n.before(first), "{} after {first}", n.name);
            }
            assert_eq!(f.in_three_documents(&n.name), n.docs >= 3);
        }
        assert!(f.name("Ryabakov").is_none() && !f.in_three_documents("Ryabakov"));
        assert_eq!(f.name("Ryabkov").map(|n| n.before("Sergei")), Some(4));
        // Every name used three times or more one edit away comes back, each once.
        for w in ["Ryabakov", "Genevra", "Blinkin", "Ryabkov", "Mondya", "Zzzz"] {
            let got: Vec<&str> = f.near(w).iter().map(|n| n.name).collect();
            let mut sorted = got.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), got.len(), "{w}: {got:?}");
            for (_, n) in s.names.map.sorted() {
                if n.count >= 3 && one_edit(w, &n.name) && *n.name != *w {
                    assert!(got.contains(&&*n.name), "{w} → {}: {got:?}", n.name);
                }
            }
        }
        assert!(f.near("Ryabakov").iter().any(|n| n.name == "Ryabkov"));
        // Thawed, the statistics are the same, byte for byte.
        assert_eq!(f.thaw().to_json(), s.to_json());
        assert_eq!(f.thaw().freeze().unwrap().as_bytes(), f.as_bytes());
        assert_eq!(s.to_bytes(), f.as_bytes(), "final statistics are written in the final layout");
    }

    fn lines_key(line: &str) -> u64 {
        super::super::lines::key(line, 80).unwrap()
    }

    /// Ranges that two entries share (one path for every document, one list
    /// of first names for every name, a line's places for a name) are
    /// refused: each would be read once per entry.
    #[test]
    fn ranges_shared_by_two_entries_are_refused() {
        let mut s = counted(&TEXTS);
        s.prune();
        let good = s.freeze().unwrap().as_bytes().to_vec();
        let f = Frozen::from_bytes(good.clone()).unwrap();
        let resum = |mut b: Vec<u8>| {
            let n = b.len() - 8;
            let sum = crate::fnv::content_hash(&b[..n]);
            b[n..].copy_from_slice(&sum.to_le_bytes());
            b
        };
        // Entry `i`'s bytes `o..o + w` of section `s` made those of entry 0.
        let shared = |s: S, o: usize, w: usize| {
            let mut b = good.clone();
            let (first, second) = (f.entry(s, 0) + o, f.entry(s, 1) + o);
            let copy = b[first..first + w].to_vec();
            b[second..second + w].copy_from_slice(&copy);
            Frozen::from_bytes(resum(b)).err().unwrap_or_default()
        };
        assert!(
            f.len[S::Docs as usize] >= 2 && f.len[S::Names as usize] >= 2 && f.len[S::Lines as usize] >= 1
        );
        assert!(shared(S::Docs, 0, 16).contains("bad path"));
        assert!(shared(S::Names, 32, 8).contains("first names"), "{}", shared(S::Names, 32, 8));
        assert!(shared(S::Names, 24, 8).contains("not a name"));
        let mut b = good.clone();
        let (line, name) = (f.entry(S::Lines, 0) + 8, f.entry(S::Names, f.len[S::Names as usize] - 1) + 40);
        let copy = b[line..line + 8].to_vec();
        b[name..name + 8].copy_from_slice(&copy);
        assert!(Frozen::from_bytes(resum(b)).is_err());
    }

    /// Every byte of a file changed (the checksum made to match, as one
    /// crafting a file would) and every length it could be cut to: an error
    /// or statistics whose every lookup answers, never a panic.
    #[test]
    fn any_damaged_or_crafted_file_is_refused_or_read_safely() {
        let mut s = counted(&TEXTS);
        s.prune();
        let good = s.freeze().unwrap().as_bytes().to_vec();
        let exercise = |f: &Frozen| {
            for w in ["Ryabkov", "Ryabakov", "Geneva", "Blinkin", "Top", "Magazine"] {
                let _ = f.name(w).map(|n| (n.before("Sergei"), n.places().count()));
                let _ = (f.in_three_documents(w), f.near(w).len(), f.df(name_key(w)));
            }
            let line = f.line(lines_key("Top World Magazine"));
            for p in line.iter().flat_map(|l| l.places()) {
                let _ = (f.doc(&p), f.is_in(&p, &f.doc(&p)));
            }
            let _ = f.thaw().to_json();
        };
        exercise(&Frozen::from_bytes(good.clone()).unwrap());
        let resum = |mut b: Vec<u8>| {
            let n = b.len() - 8;
            let sum = crate::fnv::content_hash(&b[..n]);
            b[n..].copy_from_slice(&sum.to_le_bytes());
            b
        };
        let mut read = 0;
        for i in 0..good.len() - 8 {
            for x in [0x01, 0x80, 0xff] {
                let mut b = good.clone();
                b[i] ^= x;
                if let Ok(f) = Frozen::from_bytes(resum(b)) {
                    read += 1;
                    exercise(&f);
                }
            }
        }
        // Counts and hashes may change and still make a file; offsets may not.
        assert!(read > 0 && read < 3 * (good.len() - 8), "{read}");
        for n in 0..good.len() {
            assert!(Frozen::from_bytes(good[..n].to_vec()).is_err());
            assert!(Frozen::from_bytes(resum(good[..n.max(8)].to_vec())).is_err() || n == good.len());
        }
        // An index whose one spelling leads to every name: refused past the bound.
        let names: Vec<String> = (0..MAX_NEAR + 1)
            .map(|i| {
                format!(
                    "Zorb{}{}{}",
                    (b'a' + (i / 676) as u8) as char,
                    (b'a' + (i / 26 % 26) as u8) as char,
                    (b'a' + (i % 26) as u8) as char
                )
            })
            .collect();
        let text = names.iter().map(|n| format!("{n} {n} said.")).collect::<Vec<_>>().join("\n");
        let mut many = counted(&[&text, &text]);
        many.prune();
        let bytes = many.freeze().unwrap().as_bytes().to_vec();
        let table = |b: &[u8], s: usize| {
            let at = HEADER + 16 * s;
            let f = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap()) as usize;
            (f(at), f(at + 8))
        };
        let (at, _) = table(&bytes, S::Near as usize);
        let (_, n) = table(&bytes, S::NameKeys as usize);
        assert!(n > MAX_NEAR);
        let mut crafted = bytes[..at].to_vec();
        for i in 0..n as u32 {
            crafted.extend_from_slice(&7u32.to_le_bytes());
            crafted.extend_from_slice(&i.to_le_bytes());
        }
        crafted[HEADER + 16 * S::Near as usize + 8..][..8].copy_from_slice(&(n as u64).to_le_bytes());
        crafted.extend_from_slice(&[0; 8]);
        let err = Frozen::from_bytes(resum(crafted)).err().unwrap_or_default();
        assert!(err.contains("names one deletion from one spelling"), "{err}");
        // A flipped byte the checksum was not made to match.
        let mut b = good.clone();
        b[200] ^= 1;
        assert!(Frozen::from_bytes(b).unwrap_err().contains("checksum"));
    }
}
