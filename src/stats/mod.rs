//! Corpus statistics: what the corpus lints know about the whole corpus, as
//! plain counts that add up. Each statistic is a part in its own file, with
//! its key, how a document adds to it, how two shards' parts add up, and its
//! bytes in the file: [`words`] (document frequency of content words, for
//! relevance), [`lines`] (short lines and where they are, for chrome),
//! [`names`] (name-like words, for misspellings). Lints read the parts; the
//! parts know nothing of the lints.
//!
//! A run over a folder computes them from every document; `scrapelint stats`
//! computes them for one shard and saves them; `stats --merge` adds shards
//! up; `lint --stats FILE` lints a shard against the sum. Every count is a
//! sum over documents and every kept place is the smallest by (path, record,
//! offset), so merging is associative and commutative.
//!
//! What only one document holds tells no lint anything and is most of a
//! corpus's distinct lines and words: [`CorpusStats::prune`] drops it (and
//! lines in fewer than one document in a thousand, which `repeated-line`
//! never reports, and the places of names used fewer than three times) before
//! a run lints, and before `scrapelint stats` writes a file. A lint reads a
//! word or name missing from pruned statistics as one seen only in the
//! document at hand, which is exact when that document was counted. Pruned
//! statistics are final: adding them up would lose what each shard dropped,
//! so [`CorpusStats::merge`] refuses them; shards are counted unpruned
//! (`stats --keep-single`), added up exactly, and pruned once at the end.
//!
//! The file is binary (see `docs/stats-format.md`).

pub mod codec;
pub mod frozen;
pub mod lines;
pub mod names;
pub mod part;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

use crate::document::{DocKey, Document};
use crate::span::Span;
use crate::timings::{self, Step};
use codec::{Reader, Writer};

pub use frozen::Frozen;
pub use lines::{LineStat, Lines};
pub use names::{NameStat, Names};
pub use words::Words;

/// The first bytes of a statistics file.
pub const MAGIC: &[u8] = b"scrapelint-stats\0";
pub const VERSION: u8 = 4;

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

    fn bits(self) -> u8 {
        u8::from(self.words) | u8::from(self.lines) << 1 | u8::from(self.names) << 2
    }
}

/// Where something was seen: a document (an index into the statistics'
/// table of documents), a byte span in its text, and its line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub doc: u32,
    start: u32,
    end: u32,
    pub line: u32,
    pub column: u32,
}

impl Place {
    /// The place of `span` in `doc`, the document numbered `d`; none past
    /// 4 GiB (no document read is that large).
    pub fn of(doc: &Document, d: u32, span: Span) -> Option<Place> {
        let (line, column) = doc.line_col(span.start);
        Some(Place {
            doc: d,
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            line: u32::try_from(line).ok()?,
            column: u32::try_from(column).ok()?,
        })
    }

    fn new(doc: u32, start: u32, end: u32, line: u32, column: u32) -> Place {
        Place { doc, start, end, line, column }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    fn encode(&self, w: &mut Writer, new_index: &[u32]) {
        w.num(u64::from(new_index[self.doc as usize]));
        w.num(u64::from(self.start));
        w.num(u64::from(self.end - self.start));
        w.num(u64::from(self.line));
        w.num(u64::from(self.column));
    }

    fn decode(r: &mut Reader<'_>, docs: usize) -> codec::Result<Place> {
        let doc = r.u32()?;
        let start = r.u32()?;
        let len = r.u32()?;
        let (line, column) = (r.u32()?, r.u32()?);
        match start.checked_add(len) {
            Some(end) if (doc as usize) < docs => Ok(Place { doc, start, end, line, column }),
            _ => Err(format!("damaged statistics file: bad place [{doc}, {start}, {len}]")),
        }
    }
}

/// How many places are kept per line or name: enough to point at one
/// document other than the one reported on.
pub const PLACES: usize = 2;

/// At most `PLACES` places, kept inline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Places([Option<Place>; PLACES]);

impl Places {
    pub fn iter(&self) -> impl Iterator<Item = &Place> {
        self.0.iter().flatten()
    }

    /// Adds `p`, keeping the first place per document of the `PLACES`
    /// smallest documents by (path, record): the same places whatever order
    /// they were added in.
    pub fn add(&mut self, docs: &[DocKey], p: Place) {
        // On the stack: this runs for every line and name of a corpus.
        let mut all = [p; PLACES + 1];
        let mut n = 0;
        for q in self.iter() {
            all[n] = *q;
            n += 1;
        }
        all[n] = p;
        let all = &mut all[..=n];
        if all.len() > 1 {
            all.sort_by(|a, b| {
                (&docs[a.doc as usize], a.start, a.end).cmp(&(&docs[b.doc as usize], b.start, b.end))
            });
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

    /// False when a place in document `d` would not be kept: there are
    /// `PLACES` places already, all in documents sorted before it.
    pub fn would_keep(&self, docs: &[DocKey], d: u32) -> bool {
        if self.0[PLACES - 1].is_none() {
            return true;
        }
        let here = &docs[d as usize];
        self.iter().any(|p| p.doc == d || &docs[p.doc as usize] >= here)
    }

    /// One place.
    pub fn one(p: Place) -> Places {
        Places([Some(p), None])
    }

    /// Adds every place of `from`.
    fn add_all(&mut self, docs: &[DocKey], from: &Places) {
        for p in from.iter() {
            self.add(docs, *p);
        }
    }

    /// The places of another shard's statistics, whose documents `remap` renumbers.
    fn renumbered(mut self, remap: &[u32]) -> Places {
        for p in self.0.iter_mut().flatten() {
            p.doc = remap[p.doc as usize];
        }
        self
    }

    fn encode(&self, w: &mut Writer, new_index: &[u32]) {
        w.u8(self.iter().count() as u8);
        for p in self.iter() {
            p.encode(w, new_index);
        }
    }

    fn decode(r: &mut Reader<'_>, docs: usize) -> codec::Result<Places> {
        let n = r.u8()? as usize;
        if n > PLACES {
            return Err(format!("damaged statistics file: more than {PLACES} places"));
        }
        let mut out = Places::default();
        for slot in out.0.iter_mut().take(n) {
            *slot = Some(Place::decode(r, docs)?);
        }
        Ok(out)
    }
}

impl<'a> IntoIterator for &'a Places {
    type Item = &'a Place;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Option<Place>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().flatten()
    }
}

pub use crate::fnv::KeyHasher;

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// How many tables a part's keys are spread over: merging one table at a
/// time keeps merges from ever holding a whole part twice.
const STRIPES: usize = 64;

/// A map from 64-bit keys, in `STRIPES` tables by the key's top bits.
#[derive(Debug, Clone)]
pub struct Striped<V> {
    maps: Vec<KeyMap<V>>,
}

impl<V> Default for Striped<V> {
    fn default() -> Self {
        Striped { maps: (0..STRIPES).map(|_| KeyMap::default()).collect() }
    }
}

impl<V> Striped<V> {
    fn stripe(k: u64) -> usize {
        (k >> 58) as usize % STRIPES
    }

    pub fn get(&self, k: u64) -> Option<&V> {
        self.maps[Self::stripe(k)].get(&k)
    }

    pub fn get_mut(&mut self, k: u64) -> Option<&mut V> {
        self.maps[Self::stripe(k)].get_mut(&k)
    }

    pub fn map_mut(&mut self, k: u64) -> &mut KeyMap<V> {
        &mut self.maps[Self::stripe(k)]
    }

    pub fn len(&self) -> usize {
        self.maps.iter().map(HashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = (u64, &V)> {
        self.maps.iter().flat_map(|m| m.iter().map(|(&k, v)| (k, v)))
    }

    /// The entries sorted by key: the order they are written in.
    pub fn sorted(&self) -> Vec<(u64, &V)> {
        let mut all: Vec<(u64, &V)> = self.iter().collect();
        all.sort_unstable_by_key(|&(k, _)| k);
        all
    }

    /// Keeps the entries whose key `keep` accepts.
    pub fn retain_keys(&mut self, mut keep: impl FnMut(u64) -> bool) {
        for m in &mut self.maps {
            m.retain(|&k, _| keep(k));
            m.shrink_to_fit();
        }
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&V) -> bool) {
        for m in &mut self.maps {
            m.retain(|_, v| keep(v));
            m.shrink_to_fit();
        }
    }

    /// Moves every entry of `other` in, one table at a time, with `add`.
    pub fn drain_into(
        &mut self,
        other: Striped<V>,
        mut add: impl FnMut(&mut KeyMap<V>, u64, V) -> Result<(), String>,
    ) -> Result<(), String> {
        for (mine, theirs) in self.maps.iter_mut().zip(other.maps) {
            mine.reserve(theirs.len().saturating_sub(mine.capacity() - mine.len()).min(theirs.len()));
            for (k, v) in theirs {
                add(mine, k, v)?;
            }
        }
        Ok(())
    }

    /// Reads `n` entries with strictly increasing keys, each written as the
    /// difference from the one before.
    pub fn decode(
        r: &mut Reader<'_>,
        mut value: impl FnMut(&mut Reader<'_>) -> codec::Result<V>,
    ) -> codec::Result<Striped<V>> {
        let n = r.len()?;
        let mut out = Striped::default();
        let mut last = None;
        for _ in 0..n {
            let key = r.key(&mut last)?;
            let v = value(r)?;
            out.map_mut(key).insert(key, v);
        }
        Ok(out)
    }

    /// Writes the entries by increasing key, each key as the difference from
    /// the one before.
    pub fn encode(&self, w: &mut Writer, mut value: impl FnMut(&mut Writer, &V)) {
        let all = self.sorted();
        w.num(all.len() as u64);
        let mut last = 0;
        for (k, v) in all {
            w.num(k - last);
            last = k;
            value(w, v);
        }
    }
}

/// The length in bytes of the longest common prefix of `a` and `b` that
/// ends on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// True when `bytes` are a statistics file in the final layout ([`frozen`]).
pub fn is_final(bytes: &[u8]) -> bool {
    bytes.strip_prefix(MAGIC).and_then(|b| b.first()) == Some(&frozen::VERSION)
}

/// The bytes of the statistics file at `path`, as every front end reads
/// them: a regular file (a FIFO or device is refused, not waited on) of at
/// most `max` bytes; a larger one is an error saying so, and how to raise
/// the limit, before it is read.
fn read_limited(path: &std::path::Path, max: u64) -> Result<Vec<u8>, String> {
    let too_large = || {
        format!(
            "a statistics file larger than the {} limit (raise it with --max-stats-size)",
            crate::walk::show_size(max)
        )
    };
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > max) {
        return Err(too_large());
    }
    crate::walk::read_regular_bytes(path, max).map_err(|e| {
        // Grown past the limit since it was looked at: the same message.
        if e.get_ref().is_some_and(|inner| inner.to_string().starts_with("larger than")) {
            too_large()
        } else {
            e.to_string()
        }
    })
}

/// Adds `b` to `a`, or says the sum overflowed.
pub fn add_count(a: &mut u64, b: u64) -> Result<(), String> {
    *a = a.checked_add(b).ok_or_else(|| "counts overflow 64 bits when added up".to_string())?;
    Ok(())
}

/// The statistics of a corpus, or of a shard of one.
#[derive(Debug, Default, Clone)]
pub struct CorpusStats {
    /// Documents counted.
    pub documents: u64,
    /// The parts collected.
    pub parts: Needs,
    docs: Vec<DocKey>,
    /// Each document's [`crate::fnv::content_hash`]: a place in a document
    /// that is not of the run is drawn only from text that still hashes so.
    doc_hashes: Vec<u64>,
    doc_index: HashMap<DocKey, u32>,
    pub words: Words,
    pub lines: Lines,
    pub names: Names,
    /// Pruned ([`CorpusStats::prune`]): final, never added to.
    pub pruned: bool,
    /// Which keys these statistics hold ([`Partition`]).
    pub partition: Partition,
    /// The documents counted, as a sum of a hash of each one's name: the
    /// same for every partition of the same statistics, so that only those
    /// join ([`CorpusStats::merge`]). Kept in partitioned files only (0 when
    /// read from a whole one).
    pub fingerprint: u64,
    /// The keys counted, when a run lints a few documents against a large
    /// corpus ([`Focus`]); `None`: every key.
    focus: Option<std::sync::Arc<Focus>>,
}

/// What a run that lints a few documents against a large corpus counts:
/// only the keys its lints can ask about. Corpus lints look up what the
/// documents at hand hold: their content words (`related-link`), their
/// short lines (`repeated-line`), their names and capitalized words, and
/// the names one edit from one of theirs (`inconsistent-name`, which needs
/// the same first letter, so a name of the same first letter and a length
/// within one), in the parts the lints read for these documents. Each key
/// kept is counted in every document, so its figures, its places and what
/// pruning keeps of it are those of statistics of every key: the findings
/// are the same (`tests/sharded.rs` compares them). A corpus line is keyed
/// only when its ends are those of a kept line ([`lines::ends`]), and a
/// capitalized word is looked at only when it may be a kept name
/// ([`names::names_where`]). Statistics with a focus are never written to
/// a file.
#[derive(Debug, Default)]
pub struct Focus {
    /// The parts the corpus lints read when they check the documents
    /// (`Lint::stats_needed_by`): the others are not counted at all.
    needs: Needs,
    words: std::collections::HashSet<u64, BuildHasherDefault<KeyHasher>>,
    lines: std::collections::HashSet<u64, BuildHasherDefault<KeyHasher>>,
    /// The first and last characters of those lines ([`lines::ends`]).
    line_ends: std::collections::HashSet<(char, char)>,
    names: std::collections::HashSet<u64, BuildHasherDefault<KeyHasher>>,
    /// The first character and the length in characters of every name one
    /// edit from a name of the documents may have.
    shapes: Shapes,
    /// The first character and length of every word of `names`: a word of
    /// another shape is not looked up there.
    name_shapes: Shapes,
}

/// A set of (first character, length in characters) of words: a bit for
/// each ASCII first character and length below 64, a table for the rest.
/// Asked for every name of a corpus when a commit's files are checked.
#[derive(Debug)]
struct Shapes {
    ascii: Box<[u64; 128]>,
    other: std::collections::HashSet<u64, BuildHasherDefault<KeyHasher>>,
}

impl Default for Shapes {
    fn default() -> Self {
        Shapes { ascii: Box::new([0; 128]), other: Default::default() }
    }
}

impl Shapes {
    fn insert(&mut self, first: char, len: usize) {
        match (usize::try_from(u32::from(first)).ok().filter(|&c| c < 128), len) {
            (Some(c), 0..=63) => self.ascii[c] |= 1 << len,
            _ => {
                self.other.insert(u64::from(first) << 32 | len as u64);
            }
        }
    }

    fn insert_word(&mut self, w: &str) {
        if let Some(first) = w.chars().next() {
            self.insert(first, w.chars().count());
        }
    }

    /// Whether the shape of `w` is in the set.
    fn contains(&self, w: &str) -> bool {
        let (first, len) = match w.as_bytes().first() {
            None => return false,
            // ASCII: a byte is a character.
            Some(&b) if w.is_ascii() => (char::from(b), w.len()),
            Some(_) => (w.chars().next().unwrap_or_default(), w.chars().count()),
        };
        match (usize::try_from(u32::from(first)).ok().filter(|&c| c < 128), len) {
            (Some(c), 0..=63) => self.ascii[c] >> len & 1 == 1,
            _ => self.other.contains(&(u64::from(first) << 32 | len as u64)),
        }
    }
}

impl Focus {
    /// The keys lints can ask about when they check `docs`, with lines
    /// counted up to `line_max_chars` characters, in the parts `needs`
    /// (what they read when they check these documents).
    pub fn of<'d>(
        docs: impl IntoIterator<Item = &'d Document>,
        line_max_chars: usize,
        needs: Needs,
    ) -> Focus {
        let mut f = Focus { needs, ..Focus::default() };
        for doc in docs {
            let text = doc.text();
            if needs.words {
                f.words.extend(crate::words::content_word_hashes(text));
            }
            for span in doc.lines() {
                if let Some(k) = lines::key(doc.slice(span), line_max_chars) {
                    f.lines.insert(k);
                    f.line_ends.extend(lines::ends(doc.slice(span)));
                }
            }
            for n in names::names(text) {
                f.names.insert(names::key(n.word));
                f.name_shapes.insert_word(n.word);
                let (first, len) = (n.word.chars().next().unwrap_or_default(), n.word.chars().count());
                for l in len.saturating_sub(1)..=len + 1 {
                    f.shapes.insert(first, l);
                }
            }
            // Every word, possessive or not: a neighbour of a name is looked up too.
            for (_, w) in crate::words::words(text) {
                f.names.insert(names::key(w));
                f.name_shapes.insert_word(w);
                for base in [w.strip_suffix("'s"), w.strip_suffix("’s")].into_iter().flatten() {
                    f.names.insert(names::key(base));
                    f.name_shapes.insert_word(base);
                }
            }
        }
        f
    }

    fn word(&self, k: u64) -> bool {
        self.words.contains(&k)
    }

    fn line(&self, k: u64) -> bool {
        self.lines.contains(&k)
    }

    /// Whether `line` may have a key of the focus: its first and last
    /// characters, as its key sees them, are those of one of its lines.
    fn may_have_line(&self, line: &str) -> bool {
        lines::ends(line).is_some_and(|e| self.line_ends.contains(&e))
    }

    fn name(&self, name: &str) -> bool {
        self.shapes.contains(name)
            || (self.name_shapes.contains(name) && self.names.contains(&names::key(name)))
    }
}

/// The part of the keys statistics hold: all of them, or some of the `of`
/// partitions a key hash assigns keys to ([`CorpusStats::split`]). The
/// statistics of one partition of every shard add up on their own, each
/// merge holding a part of the keys; the partitions then join into the
/// whole, which alone can be linted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Partition {
    /// How many partitions (0: not partitioned).
    pub of: u32,
    /// The partitions held, one bit each.
    pub held: u64,
}

impl Partition {
    /// The most partitions keys are split into.
    pub const MAX: u32 = 64;

    /// Whether every key is held.
    pub fn is_whole(&self) -> bool {
        self.of == 0
    }

    /// The partition of a key: the key's high bits after one multiply, so
    /// that the partitions do not follow the tables' stripes.
    pub fn of_key(key: u64, of: u32) -> u32 {
        ((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) % u64::from(of.max(1))) as u32
    }

    /// A partition read from a file: 2 to [`Partition::MAX`] partitions,
    /// some but not all of them held.
    pub fn checked(of: u64, held: u64) -> Result<Partition, String> {
        let of = u32::try_from(of).ok().filter(|n| (2..=Partition::MAX).contains(n));
        let Some(of) = of else { return Err("damaged statistics file: bad partition count".into()) };
        let all = if of == 64 { u64::MAX } else { (1 << of) - 1 };
        if held == 0 || held & !all != 0 || held == all {
            return Err("damaged statistics file: bad partitions".into());
        }
        Ok(Partition { of, held })
    }

    /// The partitions held, for a message: `all keys`, or `partition 3 of 8`.
    pub fn describe(&self) -> String {
        match self.numbers()[..] {
            _ if self.is_whole() => "all keys".into(),
            [one] => format!("partition {one} of {}", self.of),
            ref some => format!(
                "partitions {} of {}",
                some.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                self.of
            ),
        }
    }

    /// The partitions held, as numbers.
    pub fn numbers(&self) -> Vec<u32> {
        (0..self.of).filter(|i| self.held >> i & 1 == 1).collect()
    }
}

impl CorpusStats {
    /// Empty statistics that will collect `parts`, counting lines of at most
    /// `line_max_chars` characters.
    pub fn new(parts: Needs, line_max_chars: usize) -> Self {
        CorpusStats { parts, lines: Lines::new(line_max_chars), ..Default::default() }
    }

    /// Empty statistics collecting the same parts with the same settings
    /// (and the same [`Focus`]).
    pub fn clone_empty(&self) -> Self {
        CorpusStats { focus: self.focus.clone(), ..CorpusStats::new(self.parts, self.lines.max_chars) }
    }

    /// These (empty) statistics counting only the keys of `focus`.
    pub fn focused(mut self, focus: Focus) -> Self {
        self.focus = Some(std::sync::Arc::new(focus));
        self
    }

    /// True when these statistics count only the keys of a [`Focus`].
    pub fn is_focused(&self) -> bool {
        self.focus.is_some()
    }

    /// `repeated-line`'s `max-chars` when the lines were counted.
    pub fn line_max_chars(&self) -> usize {
        self.lines.max_chars
    }

    /// How many lines, names and words are counted: what merging costs.
    pub fn size(&self) -> usize {
        self.words.len() + self.lines.len() + self.names.len()
    }

    /// The document a place is in.
    pub fn doc(&self, place: &Place) -> &DocKey {
        &self.docs[place.doc as usize]
    }

    /// The content hash stored for the document `key`, if it is listed.
    pub fn doc_hash(&self, key: &DocKey) -> Option<u64> {
        self.doc_index.get(key).map(|&i| self.doc_hashes[i as usize])
    }

    fn intern(&mut self, key: &DocKey, hash: u64) -> u32 {
        if let Some(&i) = self.doc_index.get(key) {
            return i;
        }
        let i = self.docs.len() as u32;
        self.docs.push(key.clone());
        self.doc_hashes.push(hash);
        self.doc_index.insert(key.clone(), i);
        i
    }

    /// The parts a document adds to: those collected, and of them those the
    /// [`Focus`] needs.
    fn counted(&self) -> Needs {
        self.focus.as_deref().map_or(self.parts, |f| Needs {
            words: self.parts.words && f.needs.words,
            lines: self.parts.lines && f.needs.lines,
            names: self.parts.names && f.needs.names,
        })
    }

    /// Whether adding a document counts its line of key `k`.
    pub fn counts_line(&self, k: u64) -> bool {
        self.parts.lines && self.focus.as_deref().is_none_or(|f| f.needs.lines && f.line(k))
    }

    /// Whether adding a document counts its name `w`.
    pub fn counts_name(&self, w: &str) -> bool {
        self.parts.names && self.focus.as_deref().is_none_or(|f| f.needs.names && f.name(w))
    }

    /// True when adding a document counts its words: then a
    /// [`part::DocPart`], which has none, cannot stand for it.
    pub fn counts_words(&self) -> bool {
        self.counted().words
    }

    /// Counts the document `key` (whose text hashes to `hash`, computed
    /// only when `hash` is asked) and returns its number.
    fn begin(&mut self, key: &DocKey, hash: impl FnOnce() -> u64) -> u32 {
        self.documents += 1;
        let named = crate::fnv::hash(key.path.as_bytes()) ^ key.record.map_or(0, |r| r.wrapping_add(1));
        self.fingerprint = self.fingerprint.wrapping_add(named.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let hash = if self.parts.lines || self.parts.names { hash() } else { 0 };
        self.intern(key, hash)
    }

    /// Adds one document's counts.
    pub fn add(&mut self, doc: &Document) {
        let d = self.begin(&doc.key(), || crate::fnv::content_hash(doc.text().as_bytes()));
        let focus = self.focus.as_deref();
        let parts = self.counted();
        if parts.words {
            timings::step(Step::Words, || self.words.add(doc.text(), |k| focus.is_none_or(|f| f.word(k))));
        }
        if parts.lines {
            timings::step(Step::Lines, || {
                self.lines.add(
                    doc,
                    d,
                    &self.docs,
                    |line| focus.is_none_or(|f| f.may_have_line(line)),
                    |k| focus.is_none_or(|f| f.line(k)),
                )
            });
        }
        if parts.names {
            timings::step(Step::Names, || {
                self.names.add(doc, d, &self.docs, |w| focus.is_none_or(|f| f.name(w)))
            });
        }
    }

    /// Adds the document `key`, whose text hashes to `hash`, from its
    /// [`part::DocPart`]: what [`CorpusStats::add`] adds for its text (for
    /// the keys of the [`Focus`]), but for words, which the part does not
    /// hold ([`CorpusStats::counts_words`] must be false). A line's key is
    /// not checked against the focus's line ends, which two lines of one key
    /// share (but for a collision of 64-bit keys, which the statistics take
    /// for one line anyway).
    pub fn add_part(&mut self, key: &DocKey, hash: u64, part: &part::DocPart<'_>) {
        debug_assert!(!self.counts_words(), "a document's part holds no words");
        let d = self.begin(key, || hash);
        let focus = self.focus.as_deref();
        let parts = self.counted();
        if parts.lines {
            timings::step(Step::Lines, || {
                for &(k, at) in &part.lines {
                    if focus.is_none_or(|f| f.line(k)) {
                        self.lines.count(k, at.place(d), &self.docs);
                    }
                }
                self.lines.settle_when_doubled(&self.docs);
            });
        }
        if parts.names {
            timings::step(Step::Names, || {
                for n in &part.names {
                    if focus.is_none_or(|f| f.name(n.word)) {
                        let place = || n.at.map(|at| at.place(d));
                        self.names.count(
                            names::key(n.word),
                            n.word,
                            n.count,
                            n.mid,
                            part.firsts(n),
                            d,
                            &self.docs,
                            place,
                        );
                    }
                }
            });
        }
    }

    /// Adds another shard's statistics to these. Both must have collected
    /// the same parts with the same settings. Counts are 64-bit and checked:
    /// a sum past 2^64 is an error (and these statistics are then unusable),
    /// never a count that silently wrapped.
    ///
    /// Statistics of different partitions of the same documents join
    /// instead: their keys are disjoint, and their documents are the same
    /// (pruned ones too: each partition is pruned as the whole would be).
    pub fn merge(&mut self, other: CorpusStats) -> Result<(), String> {
        let join = self.partition.of != 0
            && self.partition.of == other.partition.of
            && self.partition.held & other.partition.held == 0;
        if join {
            let same = self.documents == other.documents && self.fingerprint == other.fingerprint;
            if !same || self.pruned != other.pruned {
                return Err(format!(
                    "partitions of different counts ({} and {} documents{}): join the partitions of the same statistics",
                    self.documents,
                    other.documents,
                    match (same, self.pruned == other.pruned) {
                        (true, false) => ", one pruned",
                        (false, _) if self.documents == other.documents => ", not the same documents",
                        _ => "",
                    }
                ));
            }
        } else if self.partition != other.partition {
            return Err(format!(
                "the statistics hold different partitions ({} and {}): add up each partition of every shard, then join the partitions",
                self.partition.describe(),
                other.partition.describe()
            ));
        } else if self.pruned || other.pruned {
            return Err("pruned statistics are final and cannot be added up: count each shard with `stats --keep-single`, then merge those files".into());
        }
        if self.parts != other.parts {
            return Err(format!(
                "the statistics hold different parts ({} and {})",
                self.parts.names_of().join(", "),
                other.parts.names_of().join(", ")
            ));
        }
        if self.parts.lines && self.lines.max_chars != other.lines.max_chars {
            return Err(format!(
                "lines were counted up to {} and {} characters (repeated-line's max-chars)",
                self.lines.max_chars, other.lines.max_chars
            ));
        }
        if join {
            self.partition.held |= other.partition.held;
            if self.partition.held.count_ones() == self.partition.of {
                self.partition = Partition::default();
            }
        } else {
            add_count(&mut self.documents, other.documents)?;
            self.fingerprint = self.fingerprint.wrapping_add(other.fingerprint);
        }
        let remap: Vec<u32> =
            other.docs.iter().zip(&other.doc_hashes).map(|(k, &h)| self.intern(k, h)).collect();
        self.words.merge(other.words)?;
        self.lines.merge(other.lines, &remap, &self.docs)?;
        self.names.merge(other.names, &remap, &self.docs)?;
        Ok(())
    }

    /// Every key in the partitions held: a file of some partitions that
    /// holds a key of another would count it twice when the partitions join.
    fn check_partition(&self) -> Result<(), String> {
        let p = self.partition;
        if p.is_whole() {
            return Ok(());
        }
        let held = |k: u64| p.held >> Partition::of_key(k, p.of) & 1 == 1;
        let words = self.words.df.iter().map(|(k, _)| k);
        let names = self.names.map.iter().map(|(k, _)| k);
        if words.chain(self.lines.keys()).chain(names).all(held) {
            Ok(())
        } else {
            Err("damaged statistics file: a key outside its partitions".into())
        }
    }

    /// These statistics as `of` partitions by key hash ([`Partition`]), in
    /// order: each holds the keys of its partition and every document.
    pub fn split(mut self, of: u32) -> Result<Vec<CorpusStats>, String> {
        if !(2..=Partition::MAX).contains(&of) {
            return Err(format!("partitions: from 2 to {}, not {of}", Partition::MAX));
        }
        if !self.partition.is_whole() {
            return Err("these statistics are a partition already".into());
        }
        self.settle();
        let mut parts = Vec::with_capacity(of as usize);
        for i in 0..of {
            let mut p = if i + 1 == of { std::mem::take(&mut self) } else { self.clone() };
            let mine = |k: u64| Partition::of_key(k, of) == i;
            p.words.df.retain_keys(mine);
            p.lines.keep_keys(mine);
            p.names.keep_keys(mine);
            p.partition = Partition { of, held: 1 << i };
            parts.push(p);
        }
        Ok(parts)
    }

    /// Counts the lines added since the last time it was done (a line's
    /// count is read only from settled statistics; merging, pruning and
    /// writing settle them).
    pub fn settle(&mut self) {
        self.lines.settle(&self.docs).expect("one run's counts cannot overflow");
    }

    /// Drops what only one document holds (see the module's documentation):
    /// what a lint reads is unchanged, and the statistics stop growing with
    /// the corpus.
    pub fn prune(&mut self) {
        self.pruned = true;
        self.words.prune();
        self.lines.prune(&self.docs, self.documents);
        self.names.prune();
    }

    /// A statistics file's bytes, as JSON or binary: pruned unless
    /// `keep_single` (a shard's file that will be merged).
    pub fn into_file_bytes(mut self, keep_single: bool, json: bool) -> Vec<u8> {
        if !keep_single {
            self.prune();
        }
        if json {
            self.to_json().into_bytes()
        } else {
            self.to_bytes()
        }
    }

    /// The statistics as their file: keys sorted, only the documents that
    /// places point at, so equal statistics give equal bytes.
    /// Pruned statistics of every key are final and written in the layout
    /// lints read in place ([`frozen`]); others in the compact layout that
    /// adds up.
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.pruned && self.partition.is_whole() {
            // A table past 2^32 entries does not fit the final layout: such
            // statistics are written compact, and frozen when read.
            if let Ok(bytes) = self.to_final_bytes() {
                return bytes;
            }
        }
        if !self.lines.is_settled() {
            let mut settled = self.clone();
            settled.settle();
            return settled.to_bytes();
        }
        let (used, new_index) = self.used_docs();
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.u8(VERSION);
        w.num(self.documents);
        let partitioned = !self.partition.is_whole();
        w.u8(self.parts.bits() | u8::from(partitioned) << 6 | u8::from(self.pruned) << 7);
        w.num(self.lines.max_chars as u64);
        if partitioned {
            w.num(u64::from(self.partition.of));
            w.num(self.partition.held);
            w.u64(self.fingerprint);
        }
        w.num(used.len() as u64);
        // Paths sorted, each written as the length it shares with the one
        // before and the rest: a corpus's paths share long folders.
        let mut last: &str = "";
        for &d in &used {
            let key = &self.docs[d as usize];
            let shared = common_prefix(last, &key.path);
            w.num(shared as u64);
            w.str(&key.path[shared..]);
            w.num(key.record.map_or(0, |r| r.saturating_add(1)));
            w.u64(self.doc_hashes[d as usize]);
            last = &key.path;
        }
        self.words.encode(&mut w);
        self.lines.encode(&mut w, &new_index);
        self.names.encode(&mut w, &new_index);
        let sum = crate::fnv::hash(&w.bytes);
        w.bytes.extend_from_slice(&sum.to_le_bytes());
        w.bytes
    }

    /// The documents places point at, sorted, and each document's number
    /// among them.
    fn used_docs(&self) -> (Vec<u32>, Vec<u32>) {
        let mut used: Vec<u32> = self.lines.places().chain(self.names.places()).map(|p| p.doc).collect();
        used.sort_unstable_by(|&a, &b| self.docs[a as usize].cmp(&self.docs[b as usize]));
        used.dedup();
        let mut new_index = vec![u32::MAX; self.docs.len()];
        for (i, &d) in used.iter().enumerate() {
            new_index[d as usize] = i as u32;
        }
        (used, new_index)
    }

    /// The statistics as JSON (`stats --json`): the same contents as the
    /// binary file, to read or to write with other tools.
    pub fn to_json(&self) -> String {
        if !self.lines.is_settled() {
            let mut settled = self.clone();
            settled.settle();
            return settled.to_json();
        }
        let (used, new_index) = self.used_docs();
        let places = |ps: &Places| -> Vec<[u64; 5]> {
            ps.iter()
                .map(|p| {
                    let d = u64::from(new_index[p.doc as usize]);
                    [d, u64::from(p.start), u64::from(p.end), u64::from(p.line), u64::from(p.column)]
                })
                .collect()
        };
        let mut lines: BTreeMap<u64, json::Line> = self
            .lines
            .many
            .iter()
            .map(|(k, s)| (k, json::Line { docs: s.docs, places: places(&s.places) }))
            .collect();
        for o in &self.lines.once {
            lines.insert(o.key, json::Line { docs: 1, places: places(&Places::one(o.place())) });
        }
        let file = json::File {
            format: "scrapelint-stats".into(),
            version: u32::from(VERSION),
            documents: self.documents,
            parts: self.parts.names_of().into_iter().map(String::from).collect(),
            line_max_chars: Some(self.lines.max_chars),
            pruned: self.pruned,
            partition: (!self.partition.is_whole()).then(|| json::Partition {
                of: u64::from(self.partition.of),
                held: self.partition.numbers(),
                fingerprint: self.fingerprint,
            }),
            docs: used
                .iter()
                .map(|&d| json::Doc { key: self.docs[d as usize].clone(), hash: self.doc_hashes[d as usize] })
                .collect(),
            words: self.words.df.iter().map(|(k, &n)| (k, n)).collect(),
            lines,
            names: self
                .names
                .map
                .iter()
                .map(|(_, s)| {
                    let name = json::Name {
                        count: s.count,
                        mid: s.mid,
                        docs: s.docs,
                        before: s.before.iter().copied().collect(),
                        places: places(&s.places),
                    };
                    (s.name.to_string(), name)
                })
                .collect(),
        };
        // Paths and names come from the corpus: written so that neither a
        // terminal nor a CI log acts on them.
        crate::escape::json_safe(serde_json::to_string(&file).expect("statistics serialize")) + "\n"
    }

    /// Reads statistics written by [`CorpusStats::to_json`].
    pub fn from_json(text: &str) -> Result<CorpusStats, String> {
        #[derive(serde::Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| format!("not a statistics file: {e}"))?;
        if head.format.as_deref() != Some("scrapelint-stats") {
            return Err("not a statistics file (no \"format\": \"scrapelint-stats\")".into());
        }
        if head.version != Some(u32::from(VERSION)) {
            return Err(format!(
                "statistics format version {} is not supported (this scrapelint reads version {VERSION}): compute them again",
                head.version.map_or("?".into(), |v| v.to_string())
            ));
        }
        let file: json::File =
            serde_json::from_str(text).map_err(|e| format!("damaged statistics file: {e}"))?;
        let mut parts = Needs::NONE;
        for p in &file.parts {
            match p.as_str() {
                "words" => parts.words = true,
                "lines" => parts.lines = true,
                "names" => parts.names = true,
                other => return Err(format!("unknown part `{other}` in the statistics")),
            }
        }
        let n = file.docs.len();
        let places = |ps: Vec<[u64; 5]>| -> Result<Places, String> {
            if ps.len() > PLACES {
                return Err(format!("damaged statistics file: more than {PLACES} places"));
            }
            let mut out = Places::default();
            for (slot, [d, s, e, l, c]) in out.0.iter_mut().zip(ps) {
                let small = |x: u64| u32::try_from(x).ok();
                match (small(d), small(s), small(e), small(l), small(c)) {
                    (Some(d), Some(s), Some(e), Some(l), Some(c)) if (d as usize) < n && s <= e => {
                        *slot = Some(Place::new(d, s, e, l, c));
                    }
                    _ => return Err(format!("damaged statistics file: bad place [{d}, {s}, {e}]")),
                }
            }
            Ok(out)
        };
        let mut stats = CorpusStats::new(parts, file.line_max_chars.unwrap_or(0));
        stats.documents = file.documents;
        stats.pruned = file.pruned;
        if let Some(p) = &file.partition {
            let held = p.held.iter().try_fold(0u64, |m, &i| (i < 64).then(|| m | 1 << i));
            stats.partition =
                Partition::checked(p.of, held.ok_or("damaged statistics file: bad partitions")?)?;
            stats.fingerprint = p.fingerprint;
        }
        for d in &file.docs {
            if stats.doc_index.contains_key(&d.key) {
                return Err("damaged statistics file: a document listed twice".into());
            }
            stats.intern(&d.key, d.hash);
        }
        for (k, n) in file.words {
            stats.words.df.map_mut(k).insert(k, n);
        }
        for (k, s) in file.lines {
            stats.lines.many.map_mut(k).insert(k, LineStat { docs: s.docs, places: places(s.places)? });
        }
        for (name, s) in file.names {
            if !names::is_name(&name) {
                return Err("damaged statistics file: not a name".into());
            }
            let k = names::key(&name);
            let before = s.before.into_iter().collect();
            let places = places(s.places)?;
            let stat =
                NameStat { name: name.into(), count: s.count, mid: s.mid, docs: s.docs, before, places };
            if stats.names.map.get(k).is_some() {
                return Err("damaged statistics file: two names with one key".into());
            }
            stats.names.map.map_mut(k).insert(k, stat);
        }
        stats.check_partition()?;
        Ok(stats)
    }

    /// The largest statistics file read by default (`--max-stats-size`
    /// raises it).
    pub const MAX_FILE_BYTES: u64 = 4 << 30;

    /// Reads the statistics file at `path`, as every front end does: a
    /// regular file (a FIFO or device is refused, not waited on) of at most
    /// [`CorpusStats::MAX_FILE_BYTES`], checked as [`CorpusStats::from_bytes`] checks it.
    pub fn load(path: &std::path::Path) -> Result<CorpusStats, String> {
        CorpusStats::load_limited(path, Self::MAX_FILE_BYTES)
    }

    /// [`CorpusStats::load`] with a file of at most `max` bytes: a larger one
    /// is an error saying so (and how to raise the limit) before it is read.
    pub fn load_limited(path: &std::path::Path, max: u64) -> Result<CorpusStats, String> {
        CorpusStats::from_bytes(&read_limited(path, max)?)
    }

    /// Adds up statistics files (`stats --merge`), in the order given:
    /// every one unpruned (pruned statistics are final).
    pub fn merge_files(paths: &[std::path::PathBuf]) -> Result<CorpusStats, String> {
        CorpusStats::merge_files_limited(paths, Self::MAX_FILE_BYTES)
    }

    /// [`CorpusStats::merge_files`] with files of at most `max` bytes each.
    pub fn merge_files_limited(paths: &[std::path::PathBuf], max: u64) -> Result<CorpusStats, String> {
        let shown = |p: &std::path::Path| crate::escape::escape(&crate::walk::display_path(p));
        let mut all: Option<CorpusStats> = None;
        for p in paths {
            let s = CorpusStats::load_limited(p, max).map_err(|e| format!("{}: {e}", shown(p)))?;
            if s.pruned && s.partition.is_whole() {
                return Err(format!(
                    "{}: pruned statistics are final and cannot be added up: count each shard with `stats --keep-single`, then merge those files",
                    shown(p)
                ));
            }
            match &mut all {
                None => all = Some(s),
                Some(a) => a.merge(s).map_err(|e| format!("{}: {e}", shown(p)))?,
            }
        }
        all.ok_or_else(|| "no statistics files to merge".to_string())
    }

    /// Reads a statistics file written by [`CorpusStats::to_bytes`] (or,
    /// starting with `{`, by [`CorpusStats::to_json`]); final statistics
    /// come back in the layout that adds up ([`Frozen::thaw`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<CorpusStats, String> {
        if is_final(bytes) {
            return Frozen::from_bytes(bytes.to_vec()).map(|f| f.thaw());
        }
        if bytes.first() == Some(&b'{') {
            let text =
                std::str::from_utf8(bytes).map_err(|_| "not a statistics file (JSON that is not UTF-8)")?;
            return CorpusStats::from_json(text);
        }
        let Some(body) = bytes.strip_prefix(MAGIC) else {
            return Err("not a statistics file (it does not start with `scrapelint-stats`)".into());
        };
        let version = body.first().copied().unwrap_or(0);
        if version != VERSION {
            return Err(format!(
                "statistics format version {version} is not supported (this scrapelint reads version {VERSION})"
            ));
        }
        if bytes.len() < MAGIC.len() + 9 {
            return Err("damaged statistics file: cut short".into());
        }
        let (content, sum) = bytes.split_at(bytes.len() - 8);
        if crate::fnv::hash(content).to_le_bytes() != sum {
            return Err("damaged statistics file: its checksum does not match".into());
        }
        let mut r = Reader::new(&content[MAGIC.len() + 1..]);
        let documents = r.num()?;
        let bits = r.u8()?;
        let pruned = bits & 0x80 != 0;
        let partitioned = bits & 0x40 != 0;
        let bits = bits & 0x3f;
        if bits > 7 {
            return Err(format!("damaged statistics file: unknown parts {bits:#x}"));
        }
        let parts = Needs { words: bits & 1 != 0, lines: bits & 2 != 0, names: bits & 4 != 0 };
        let max_chars = usize::try_from(r.num()?).map_err(|_| "damaged statistics file: max-chars")?;
        let mut stats = CorpusStats::new(parts, max_chars);
        stats.documents = documents;
        stats.pruned = pruned;
        if partitioned {
            let (of, held) = (r.num()?, r.num()?);
            stats.partition = Partition::checked(of, held)?;
            stats.fingerprint = r.u64()?;
        }
        let n = r.len()?;
        let mut last = String::new();
        // Front-coded paths could spell far more text than the file holds:
        // each is at most 4 KiB, and all of them at most 16 times the file.
        let mut budget = bytes.len().saturating_mul(16);
        for _ in 0..n {
            let shared =
                usize::try_from(r.num()?).ok().filter(|&s| last.is_char_boundary(s) && s <= last.len());
            let Some(shared) = shared else {
                return Err("damaged statistics file: bad path".into());
            };
            last.truncate(shared);
            last.push_str(r.str()?);
            budget = budget.checked_sub(last.len()).ok_or("damaged statistics file: paths too long")?;
            if last.len() > 4096 {
                return Err("damaged statistics file: a path longer than 4 KiB".into());
            }
            let path: std::sync::Arc<str> = last.as_str().into();
            let record = r.num()?.checked_sub(1);
            let hash = r.u64()?;
            let key = DocKey { path, record };
            if stats.doc_index.contains_key(&key) {
                return Err("damaged statistics file: a document listed twice".into());
            }
            stats.intern(&key, hash);
        }
        stats.words = Words::decode(&mut r)?;
        stats.lines = Lines::decode(&mut r, max_chars, n)?;
        stats.names = Names::decode(&mut r, n)?;
        if !r.is_empty() {
            return Err("damaged statistics file: bytes after the end".into());
        }
        stats.check_partition()?;
        Ok(stats)
    }
}

/// The JSON view of the statistics (`docs/stats-format.md`).
mod json {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use crate::document::DocKey;

    #[derive(Serialize, Deserialize)]
    pub struct File {
        pub format: String,
        pub version: u32,
        pub documents: u64,
        pub parts: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub line_max_chars: Option<usize>,
        #[serde(default)]
        pub pruned: bool,
        /// The partitions held, when not every key ([`super::Partition`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub partition: Option<Partition>,
        pub docs: Vec<Doc>,
        #[serde(default)]
        pub words: BTreeMap<u64, u64>,
        #[serde(default)]
        pub lines: BTreeMap<u64, Line>,
        #[serde(default)]
        pub names: BTreeMap<String, Name>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Partition {
        pub of: u64,
        pub held: Vec<u32>,
        /// The documents counted ([`super::CorpusStats::fingerprint`]).
        #[serde(default)]
        pub fingerprint: u64,
    }

    /// A document places point at, and its content hash.
    #[derive(Serialize, Deserialize)]
    pub struct Doc {
        #[serde(flatten)]
        pub key: DocKey,
        pub hash: u64,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Line {
        pub docs: u64,
        pub places: Vec<[u64; 5]>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Name {
        pub count: u64,
        pub mid: u64,
        pub docs: u64,
        pub before: BTreeMap<u64, u64>,
        pub places: Vec<[u64; 5]>,
    }
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
    fn a_partition_holds_only_its_keys() {
        let s = shard(&[
            ("a.txt", "Deputy Minister Sergei Ryabkov said so.\nTop World Magazine\n"),
            ("b.txt", "Top World Magazine\nRyabkov spoke.\n"),
        ]);
        let parts = s.clone().split(2).unwrap();
        let bytes = parts[0].to_bytes();
        assert!(CorpusStats::from_bytes(&bytes).is_ok());
        // The same keys, claimed for the other partition: refused when read.
        let mut wrong = parts[0].clone();
        wrong.partition.held = 2;
        assert!(wrong.size() > 0);
        let err = CorpusStats::from_bytes(&wrong.to_bytes()).err().unwrap_or_default();
        assert!(err.contains("a key outside its partitions"), "{err}");
        let err = CorpusStats::from_bytes(wrong.to_json().as_bytes()).err().unwrap_or_default();
        assert!(err.contains("a key outside its partitions"), "{err}");
        // Joined, the partitions are the whole, byte for byte.
        let mut joined = parts[0].clone();
        joined.merge(parts[1].clone()).unwrap();
        assert_eq!(joined.to_bytes(), s.to_bytes());
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
        let mut all = shard(&[a[0], b[0], b[1], c[0]]);
        all.settle();
        assert_eq!(left.to_bytes(), right.to_bytes());
        assert_eq!(left.to_bytes(), all.to_bytes());
        let back = CorpusStats::from_bytes(&all.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), all.to_bytes());
        let back = CorpusStats::from_bytes(all.to_json().as_bytes()).unwrap();
        assert_eq!(back.to_bytes(), all.to_bytes());
        assert_eq!(all.documents, 4);
        let ryabkov = all.names.get("Ryabkov").unwrap();
        assert_eq!((ryabkov.docs, ryabkov.before("Sergei")), (2, 2));
        let magazine = all.names.get("Magazine").unwrap();
        assert_eq!((magazine.count, magazine.mid), (3, 3));
        assert_eq!(all.names.get("Other").map(|s| (s.count, s.mid)), Some((1, 0)));
        assert_eq!(all.lines.get(lines::key("Top Magazine", 80).unwrap()).map(|l| l.docs), Some(3));

        // Pruned: what one document holds is gone, the rest unchanged; and
        // final: pruned statistics are not added to.
        let mut pruned = all.clone();
        pruned.prune();
        assert!(pruned.names.get("Other").is_none() && pruned.names.get("Ryabakov").is_none());
        assert_eq!(pruned.names.get("Ryabkov").map(|s| s.docs), Some(2));
        assert_eq!(pruned.lines.get(lines::key("Top Magazine", 80).unwrap()).map(|l| l.docs), Some(3));
        assert!(pruned.size() < all.size());
        for back in [CorpusStats::from_bytes(&pruned.to_bytes()), CorpusStats::from_json(&pruned.to_json())] {
            let back = back.unwrap();
            assert!(back.pruned);
            assert_eq!(back.to_bytes(), pruned.to_bytes());
        }
        assert!(pruned.clone().merge(shard(&c)).unwrap_err().contains("--keep-single"));
        assert!(shard(&c).merge(pruned).unwrap_err().contains("final"));
    }

    /// A file of `docs` paths, each the one before plus one byte, and no keys.
    fn growing_paths(docs: usize) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.u8(VERSION);
        w.num(1);
        w.u8(7);
        w.num(80);
        w.num(docs as u64);
        for i in 0..docs {
            w.num(i as u64);
            w.str("a");
            w.num(0);
            w.u64(0);
        }
        for _ in 0..3 {
            w.num(0);
        }
        let sum = crate::fnv::hash(&w.bytes);
        w.bytes.extend_from_slice(&sum.to_le_bytes());
        w.bytes
    }

    #[test]
    fn front_coded_paths_cannot_spell_more_than_the_file_holds() {
        assert!(CorpusStats::from_bytes(&growing_paths(100)).is_ok());
        // 60,000 paths of up to 60,000 bytes from a file of a few hundred kB.
        let err = CorpusStats::from_bytes(&growing_paths(60_000)).unwrap_err();
        assert!(err.contains("path"), "{err}");
    }

    #[test]
    fn refuses_other_formats_damage_and_mismatched_parts() {
        let err = |b: &[u8]| CorpusStats::from_bytes(b).unwrap_err();
        assert!(err(b"{}").contains("not a statistics file"));
        assert!(err(br#"{"format": "scrapelint-stats", "version": 2}"#).contains("version 2"));
        assert!(err(b"hello").contains("not a statistics file"));
        let mut v9 = MAGIC.to_vec();
        v9.push(9);
        assert!(err(&v9).contains("version 9"));
        let good = shard(&[("a.txt", "Top Magazine\nSergei Ryabkov spoke.\n")]).to_bytes();
        for i in MAGIC.len() + 1..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x55;
            assert!(CorpusStats::from_bytes(&bad).is_err(), "a flipped byte {i} was read");
            assert!(CorpusStats::from_bytes(&good[..i]).is_err());
        }
        let mut a = CorpusStats::new(Needs::ALL, 80);
        assert!(a.merge(CorpusStats::new(Needs::ALL, 40)).unwrap_err().contains("max-chars"));
        assert!(a.merge(CorpusStats::new(Needs::NONE, 80)).is_err());
    }
}
