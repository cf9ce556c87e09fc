//! The `names` part: how often each name-like word occurs, inside sentences
//! or at their start, in how many documents, after which first names, and
//! where (`inconsistent-name`). Key: the FNV-1a hash of the word; the word
//! itself is kept too, to be offered as the right spelling.

use super::codec::{self, Reader, Writer};
use super::{add_count, Place, Places, Striped};
use crate::document::{DocKey, Document};
use crate::fnv;
use crate::span::Span;
use crate::words::capitalized_words;

/// The longest name counted, in bytes: longer words are not names, and the
/// deletion index costs the square of a name's length.
pub const MAX_NAME_BYTES: usize = 64;

/// A name-like word: a capital, then at least three lowercase letters (at
/// most [`MAX_NAME_BYTES`] bytes in all).
pub fn is_name(w: &str) -> bool {
    let mut c = w.chars();
    w.len() <= MAX_NAME_BYTES
        && c.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 4
        && c.all(char::is_lowercase)
}

/// Words that come before names but are not first names.
pub const NOT_FIRST_NAMES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Lord",
    "Lady",
    "Dame",
    "Prof",
    "Professor",
    "President",
    "Minister",
    "Secretary",
    "Chancellor",
    "Senator",
    "Governor",
    "Mayor",
    "Judge",
    "Chief",
    "Deputy",
    "General",
    "Gen",
    "Captain",
    "Father",
    "Saint",
    "St",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "New",
    "North",
    "South",
    "East",
    "West",
    "Foreign",
    "Prime",
    "Vice",
    "Former",
    "Labour",
    "Tory",
    "Democrat",
    "Republican",
    "United",
    "British",
];

/// One occurrence of a name-like word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameAt<'t> {
    /// Byte offset of the word.
    pub at: usize,
    /// The word, without a possessive `'s`.
    pub word: &'t str,
    /// The capitalized word right before it (spaces between), if any.
    pub before: Option<&'t str>,
    /// It starts a sentence or a line: its capital says nothing about it being a name.
    pub initial: bool,
    /// A part of a hyphenated name (`Georgia-Pacific`): a spelling of its
    /// own, but no evidence that a document uses it as a word.
    pub part: bool,
}

/// True when the word at `at` starts a sentence: before it, past blanks and
/// opening quotes or brackets, is the start, `.`, `!`, `?`, a blank line, or
/// a line break after a line that does not go on (a wrapped line, as on
/// newswires, ends in a lowercase letter or a comma and goes on).
pub fn sentence_initial(text: &str, at: usize) -> bool {
    let mut newline = false;
    for c in text[..at].chars().rev() {
        match c {
            ' ' | '\t' | '\r' | '"' | '“' | '‘' | '\'' | '(' | '[' => continue,
            '\n' if newline => return true,
            '\n' => newline = true,
            '.' | '!' | '?' | '…' => return true,
            c => return newline && !(c.is_lowercase() || matches!(c, ',' | ';' | '-' | '&')),
        }
    }
    true
}

/// Name occurrences in a text.
pub fn names(text: &str) -> Vec<NameAt<'_>> {
    names_where(text, |_| true)
}

/// The occurrences of [`names`] whose word `want` accepts (the others are
/// not looked at further: a run of a few documents keeps few).
pub fn names_where(text: &str, want: impl Fn(&str) -> bool) -> Vec<NameAt<'_>> {
    // About one name in every 60 bytes of news: grown once or twice, not ten times.
    let mut out = Vec::with_capacity(text.len() / 60);
    let mut prev: Option<(usize, &str)> = None;
    // Only a capitalized word can be a name (its base starts where it does):
    // the rest, most words, are not even split.
    for (at, w) in capitalized_words(text) {
        let w_base = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
        // `Houston-based`: the name is the part before the hyphen.
        let w_base = match w_base.split_once('-') {
            Some((head, tail)) if tail.chars().next().is_some_and(char::is_lowercase) => head,
            _ => w_base,
        };
        if !w_base.contains('-') && !want(w_base) {
            // Not wanted: only the word before the next one is needed.
        } else if is_name(w_base) {
            let adjacent = prev.filter(|&(end, _)| text[end..at].chars().all(|c| c == ' ')).map(|(_, p)| p);
            let before = adjacent.filter(|p| p.chars().next().is_some_and(char::is_uppercase));
            out.push(NameAt { at, word: w_base, before, initial: sentence_initial(text, at), part: false });
        } else if w_base.contains('-') {
            // `Georgia-Pacific`, `North Rhine-Westphalia`: each capitalized
            // part is a name of its own, after the part before it (`Pernod-
            // Ricard` is not `Richard`); no part is counted as used inside a
            // sentence (`Spider-Man` makes no name `Spider`).
            let mut off = 0;
            let mut last: Option<&str> = None;
            for (k, part) in w_base.split('-').enumerate() {
                if is_name(part) && want(part) {
                    let before = if k == 0 {
                        prev.filter(|&(end, _)| text[end..at].chars().all(|c| c == ' ')).map(|(_, p)| p)
                    } else {
                        last
                    };
                    let before = before.filter(|p| p.chars().next().is_some_and(char::is_uppercase));
                    out.push(NameAt { at: at + off, word: part, before, initial: true, part: true });
                }
                last = Some(part);
                off += part.len() + 1;
            }
        }
        prev = Some((at + w.len(), w));
    }
    out
}

/// The key of a name (or of a first name before one).
pub fn key(name: &str) -> u64 {
    fnv::hash(name.as_bytes())
}

#[derive(Debug, Clone, Default)]
pub struct NameStat {
    /// The name.
    pub name: Box<str>,
    /// Occurrences in all documents.
    pub count: u64,
    /// Occurrences inside a sentence (not at its start): capitalized there, it is a name.
    pub mid: u64,
    /// Documents holding it.
    pub docs: u64,
    /// For each capitalized word seen right before it (by key): in how many
    /// documents. Sorted by key.
    pub(super) before: Vec<(u64, u64)>,
    pub places: Places,
}

impl NameStat {
    /// In how many documents `first` comes right before the name.
    pub fn before(&self, first: &str) -> u64 {
        let k = key(first);
        self.before.binary_search_by_key(&k, |&(b, _)| b).map_or(0, |i| self.before[i].1)
    }

    /// How many different capitalized words come right before the name.
    pub fn befores(&self) -> usize {
        self.before.len()
    }

    fn add_before(&mut self, k: u64, n: u64) -> Result<(), String> {
        match self.before.binary_search_by_key(&k, |&(b, _)| b) {
            Ok(i) => add_count(&mut self.before[i].1, n),
            Err(i) => {
                self.before.insert(i, (k, n));
                Ok(())
            }
        }
    }

    fn add(&mut self, other: &NameStat, docs: &[DocKey]) -> Result<(), String> {
        add_count(&mut self.count, other.count)?;
        add_count(&mut self.mid, other.mid)?;
        add_count(&mut self.docs, other.docs)?;
        // Both lists sorted: merged in one pass.
        let (a, b) = (&self.before, &other.before);
        let mut merged = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => {
                    merged.push(a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    merged.push(b[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    let mut n = a[i].1;
                    add_count(&mut n, b[j].1)?;
                    merged.push((a[i].0, n));
                    i += 1;
                    j += 1;
                }
            }
        }
        merged.extend_from_slice(&a[i..]);
        merged.extend_from_slice(&b[j..]);
        self.before = merged;
        self.places.add_all(docs, &other.places);
        Ok(())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Names {
    pub(super) map: Striped<NameStat>,
}

/// The keys of `w` and of every string one deletion away from it (the
/// SymSpell index: candidates come from lookups, not from comparing all pairs).
pub(super) fn deletes(w: &str) -> impl Iterator<Item = u64> + '_ {
    let n = w.chars().count();
    (0..=n).map(move |skip| {
        let mut h = fnv::Fnv::new();
        for (i, c) in w.chars().enumerate() {
            if i != skip {
                h.char(c);
            }
        }
        h.finish()
    })
}

impl Names {
    pub fn get(&self, name: &str) -> Option<&NameStat> {
        self.map.get(key(name)).filter(|s| &*s.name == name)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every kept place.
    pub fn places(&self) -> impl Iterator<Item = Place> + '_ {
        self.map.iter().flat_map(|(_, s)| s.places.iter().copied())
    }

    /// Counts the names of `doc`, the document numbered `d`, that `keep`
    /// accepts.
    pub fn add(&mut self, doc: &Document, d: u32, docs: &[DocKey], keep: impl Fn(&str) -> bool) {
        // Per name: occurrences, those inside a sentence, its first place,
        // and the first names before it. The document's names sorted by
        // spelling make the groups: no map per document.
        let found = names_where(doc.text(), &keep);
        // By key, then position: integers compared, not strings.
        let mut keyed: Vec<(u64, u32)> =
            found.iter().enumerate().map(|(i, n)| (key(n.word), i as u32)).collect();
        keyed.sort_unstable();
        let mut firsts: Vec<u64> = Vec::new();
        let mut i = 0;
        while i < keyed.len() {
            let k = keyed[i].0;
            let first = &found[keyed[i].1 as usize];
            if !keep(first.word) {
                while i < keyed.len() && keyed[i].0 == k {
                    i += 1;
                }
                continue;
            }
            let (mut count, mut mid) = (0, 0);
            firsts.clear();
            while i < keyed.len() && keyed[i].0 == k {
                let n = &found[keyed[i].1 as usize];
                count += 1;
                mid += u64::from(!n.initial);
                firsts.extend(n.before.filter(|b| !NOT_FIRST_NAMES.contains(b)).map(key));
                i += 1;
            }
            firsts.sort_unstable();
            firsts.dedup();
            // Its line and column cost a count of the characters before it
            // in its line: made only when the place would be kept.
            let place = || Place::of(doc, d, Span::new(first.at, first.at + first.word.len()));
            self.count(k, first.word, count, mid, &firsts, d, docs, place);
        }
    }

    /// Counts the name `word` (key `k`) of the document numbered `d`: used
    /// `count` times there, `mid` of them inside a sentence, after the
    /// first names `firsts` (keys, sorted, each once), first at `place`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn count(
        &mut self,
        k: u64,
        word: &str,
        count: u64,
        mid: u64,
        firsts: &[u64],
        d: u32,
        docs: &[DocKey],
        place: impl FnOnce() -> Option<Place>,
    ) {
        match self.map.get_mut(k) {
            // Two names with one key: the first one counted keeps it (at
            // 64 bits, not expected in any corpus).
            Some(mine) if &*mine.name != word => {}
            Some(mine) => {
                mine.count += count;
                mine.mid += mid;
                mine.docs += 1;
                for &f in firsts {
                    mine.add_before(f, 1).expect("one document cannot overflow a count");
                }
                if mine.places.would_keep(docs, d) {
                    if let Some(p) = place() {
                        mine.places.add(docs, p);
                    }
                }
            }
            None => {
                let s = NameStat {
                    name: word.into(),
                    count,
                    mid,
                    docs: 1,
                    before: firsts.iter().map(|&f| (f, 1)).collect(),
                    places: place().map_or_else(Places::default, Places::one),
                };
                self.map.map_mut(k).insert(k, s);
            }
        }
    }

    fn add_one(&mut self, k: u64, s: NameStat, docs: &[DocKey]) -> Result<(), String> {
        match self.map.get_mut(k) {
            // Two names with one key: the first one counted keeps it (at 64
            // bits, not expected in any corpus).
            Some(mine) if mine.name != s.name => Ok(()),
            Some(mine) => mine.add(&s, docs),
            None => {
                self.map.map_mut(k).insert(k, s);
                Ok(())
            }
        }
    }

    /// Adds another shard's names; `remap` renumbers its documents.
    pub fn merge(&mut self, other: Names, remap: &[u32], docs: &[DocKey]) -> Result<(), String> {
        for stripe in other.map.maps {
            for (k, s) in stripe {
                let s = NameStat { places: s.places.renumbered(remap), ..s };
                self.add_one(k, s, docs)?;
            }
        }
        Ok(())
    }

    /// Keeps the names whose key `keep` accepts.
    pub fn keep_keys(&mut self, keep: impl Fn(u64) -> bool) {
        self.map.retain_keys(keep);
    }

    /// Drops the names of a single document, and the places of names used
    /// fewer than three times: only a name used three times or more is
    /// offered as the right spelling, with its places.
    pub fn prune(&mut self) {
        self.map.retain(|s| s.docs >= 2);
        for m in &mut self.map.maps {
            for s in m.values_mut().filter(|s| s.count < 3) {
                s.places = Places::default();
            }
        }
    }

    pub fn encode(&self, w: &mut Writer, new_index: &[u32]) {
        let mut all: Vec<&NameStat> = self.map.iter().map(|(_, s)| s).collect();
        all.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        w.num(all.len() as u64);
        for s in all {
            w.str(&s.name);
            w.num(s.count);
            w.num(s.mid);
            w.num(s.docs);
            w.num(s.before.len() as u64);
            let mut last = 0;
            for &(k, n) in &s.before {
                w.num(k - last);
                last = k;
                w.num(n);
            }
            s.places.encode(w, new_index);
        }
    }

    pub fn decode(r: &mut Reader<'_>, docs: usize) -> codec::Result<Names> {
        let n = r.len()?;
        let mut out = Names::default();
        let mut last: Option<&str> = None;
        for _ in 0..n {
            let name = r.str()?;
            if !is_name(name) {
                return Err("damaged statistics file: not a name".into());
            }
            if last.is_some_and(|l| l >= name) {
                return Err("damaged statistics file: names out of order".into());
            }
            last = Some(name);
            let (count, mid, docs_n) = (r.num()?, r.num()?, r.num()?);
            let nb = r.len()?;
            let mut before = Vec::with_capacity(nb);
            let mut last = None;
            for _ in 0..nb {
                let k = r.key(&mut last)?;
                before.push((k, r.num()?));
            }
            let places = Places::decode(r, docs)?;
            let s = NameStat { name: name.into(), count, mid, docs: docs_n, before, places };
            let k = key(name);
            if out.map.get(k).is_some() {
                return Err("damaged statistics file: two names with one key".into());
            }
            out.map.map_mut(k).insert(k, s);
        }
        Ok(out)
    }
}
