//! One document's share of the line and name statistics, as the statistics
//! cache keeps it (`crate::cache`): every short line and every name of the
//! document with what [`super::CorpusStats::add`] counts of it, so that
//! adding the share ([`super::CorpusStats::add_part`]) counts the document
//! without reading it, for whatever keys a [`super::Focus`] keeps. Words are
//! not in it: a run that counts words reads the documents.

use super::codec::{self, Reader, Writer};
use super::names::{self, NOT_FIRST_NAMES};
use super::{lines, Place};
use crate::document::Document;
use crate::span::Span;

/// Where something is in its document: what a [`Place`] holds but the
/// document's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    start: u32,
    end: u32,
    line: u32,
    column: u32,
}

impl At {
    fn of(p: Place) -> At {
        At { start: p.start, end: p.end, line: p.line, column: p.column }
    }

    pub(super) fn place(self, doc: u32) -> Place {
        Place::new(doc, self.start, self.end, self.line, self.column)
    }
}

/// A name of the document, as [`super::Names::add`] counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePart<'a> {
    pub(super) word: &'a str,
    pub(super) count: u64,
    pub(super) mid: u64,
    /// Its first names: a range of [`DocPart::firsts`].
    firsts: std::ops::Range<usize>,
    pub(super) at: Option<At>,
}

/// One document's lines and names; its words borrow from the document's
/// text or from the cache's bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DocPart<'a> {
    /// Each short line once, by key, at its first place, in the document's order.
    pub(super) lines: Vec<(u64, At)>,
    /// Each name once, in the order of their keys.
    pub(super) names: Vec<NamePart<'a>>,
    firsts: Vec<u64>,
}

impl<'a> DocPart<'a> {
    /// The lines (of at most `line_max_chars` characters) and names of `doc`.
    pub fn of(doc: &'a Document, line_max_chars: usize) -> DocPart<'a> {
        let mut part = DocPart::default();
        let mut seen = super::KeyMap::default();
        for span in doc.lines() {
            let Some(k) = lines::key(doc.slice(span), line_max_chars) else { continue };
            if seen.insert(k, ()).is_some() {
                continue;
            }
            if let Some(p) = Place::of(doc, 0, doc.trim(span)) {
                part.lines.push((k, At::of(p)));
            }
        }
        let found = names::names(doc.text());
        let mut keyed: Vec<(u64, u32)> =
            found.iter().enumerate().map(|(i, n)| (names::key(n.word), i as u32)).collect();
        keyed.sort_unstable();
        let mut i = 0;
        while i < keyed.len() {
            let k = keyed[i].0;
            let first = &found[keyed[i].1 as usize];
            let (mut count, mut mid) = (0, 0);
            let from = part.firsts.len();
            while i < keyed.len() && keyed[i].0 == k {
                let n = &found[keyed[i].1 as usize];
                count += 1;
                mid += u64::from(!n.initial);
                part.firsts.extend(n.before.filter(|b| !NOT_FIRST_NAMES.contains(b)).map(names::key));
                i += 1;
            }
            part.firsts[from..].sort_unstable();
            let mut kept = from;
            for j in from..part.firsts.len() {
                if j == from || part.firsts[j] != part.firsts[kept - 1] {
                    part.firsts[kept] = part.firsts[j];
                    kept += 1;
                }
            }
            part.firsts.truncate(kept);
            let at = Place::of(doc, 0, Span::new(first.at, first.at + first.word.len())).map(At::of);
            part.names.push(NamePart { word: first.word, count, mid, firsts: from..kept, at });
        }
        part
    }

    /// The names, each once.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.names.iter().map(|n| n.word)
    }

    /// Where its lines and names are in the document.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let names = self.names.iter().filter_map(|n| n.at);
        self.lines
            .iter()
            .map(|&(_, at)| at)
            .chain(names)
            .map(|at| Span::new(at.start as usize, at.end as usize))
    }

    /// The first names before `n` (keys, sorted, each once).
    pub(super) fn firsts(&self, n: &NamePart<'_>) -> &[u64] {
        &self.firsts[n.firsts.clone()]
    }

    /// Its bytes. Lines: their keys, eight bytes each, then (after the
    /// length of what follows) each line's place: the bytes from the end of
    /// the line before, its length (doubled, plus one when its column, then
    /// written, is not 1), and the lines from the line before. A reader that
    /// wants few of the lines finds them among the keys and skips the rest.
    /// Names: each with its spelling, its count (times four, plus two when
    /// its place follows and one when first names do), the uses inside
    /// sentences, its first names (how many, their keys) and its place
    /// (start, line, column).
    pub fn encode(&self, w: &mut Writer) {
        w.num(self.lines.len() as u64);
        for &(k, _) in &self.lines {
            w.u64(k);
        }
        let mut places = Writer::default();
        let (mut end, mut line) = (0, 0);
        for &(_, at) in &self.lines {
            places.num(u64::from(at.start - end));
            let len = u64::from(at.end - at.start);
            places.num(len << 1 | u64::from(at.column != 1));
            if at.column != 1 {
                places.num(u64::from(at.column));
            }
            places.num(u64::from(at.line - line));
            (end, line) = (at.end, at.line);
        }
        w.num(places.bytes.len() as u64);
        w.bytes.extend_from_slice(&places.bytes);
        w.num(self.names.len() as u64);
        for n in &self.names {
            w.str(n.word);
            let firsts = self.firsts(n);
            w.num(n.count << 2 | u64::from(n.at.is_some()) << 1 | u64::from(!firsts.is_empty()));
            w.num(n.mid);
            if !firsts.is_empty() {
                w.num(firsts.len() as u64);
                for &f in firsts {
                    w.u64(f);
                }
            }
            if let Some(at) = n.at {
                w.num(u64::from(at.start));
                w.num(u64::from(at.line));
                w.num(u64::from(at.column));
            }
        }
    }

    /// What [`DocPart::encode`] wrote for a document of `size` bytes: every
    /// place inside it, every count within what it can hold, keys in order.
    pub fn decode(bytes: &'a [u8], size: u64) -> codec::Result<DocPart<'a>> {
        DocPart::decode_where(bytes, size, |_| true, |_| true)
    }

    /// [`DocPart::decode`], keeping only the lines whose key `line` accepts
    /// and the names `name` accepts: the places of the other lines are
    /// skipped, not read. What is kept is checked as `decode` checks it.
    pub fn decode_where(
        bytes: &'a [u8],
        size: u64,
        line: impl Fn(u64) -> bool,
        name: impl Fn(&str) -> bool,
    ) -> codec::Result<DocPart<'a>> {
        let bad = |what: &str| format!("damaged cache entry: {what}");
        let size = u32::try_from(size).map_err(|_| bad("document past 4 GiB"))?;
        let within = |n: u64| u32::try_from(n).ok().filter(|&n| n <= size.saturating_add(1));
        let mut r = Reader::new(bytes);
        let mut part = DocPart::default();
        let n = r.len()?;
        if n > r.remaining() / 8 {
            return Err(bad("more lines than bytes"));
        }
        let mut wanted = Vec::new();
        for i in 0..n {
            let k = r.u64()?;
            if line(k) {
                wanted.push((i, k));
            }
        }
        let places_len = r.len()?;
        let after_places = r.position() + places_len;
        if let Some(&(last, _)) = wanted.last() {
            let mut next = wanted.iter().peekable();
            let (mut end, mut l) = (0u32, 0u32);
            for i in 0..=last {
                let start = within(r.num()?).and_then(|d| end.checked_add(d));
                let len_col = r.num()?;
                let column = if len_col & 1 == 1 { within(r.num()?) } else { Some(1) };
                let len = within(len_col >> 1);
                let at_line =
                    within(r.num()?).and_then(|d| l.checked_add(d)).filter(|&x| x <= size.saturating_add(1));
                let (Some(start), Some(len), Some(at_line), Some(column)) = (start, len, at_line, column)
                else {
                    return Err(bad("a line past its document"));
                };
                let e = start
                    .checked_add(len)
                    .filter(|&e| e <= size)
                    .ok_or_else(|| bad("a line past its document"))?;
                if next.peek().is_some_and(|&&(j, _)| j == i) {
                    let (_, k) = next.next().expect("peeked");
                    part.lines.push((*k, At { start, end: e, line: at_line, column }));
                }
                (end, l) = (e, at_line);
            }
            if r.position() > after_places {
                return Err(bad("lines' places past their length"));
            }
        }
        r.skip(after_places - r.position())?;
        // Each line once: a part that lists one twice would count it twice.
        let mut keys: Vec<u64> = part.lines.iter().map(|&(k, _)| k).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            return Err(bad("a line listed twice"));
        }
        let n = r.len()?;
        for _ in 0..n {
            let word = r.str()?;
            let flags = r.num()?;
            let count = flags >> 2;
            let mid = r.num()?;
            if word.is_empty() || count == 0 || count > u64::from(size) || mid > count {
                return Err(bad("a name's counts"));
            }
            let nf = if flags & 1 == 1 { r.len()? } else { 0 };
            if nf as u64 > count {
                return Err(bad("a name's first names"));
            }
            let from = part.firsts.len();
            for _ in 0..nf {
                let f = r.u64()?;
                if part.firsts.len() > from && part.firsts.last().is_some_and(|&l| l >= f) {
                    return Err(bad("first names out of order"));
                }
                part.firsts.push(f);
            }
            let at = if flags & 2 == 2 {
                let (s, l, c) = (within(r.num()?), within(r.num()?), within(r.num()?));
                let end =
                    s.and_then(|s| s.checked_add(u32::try_from(word.len()).ok()?)).filter(|&e| e <= size);
                match (s, end, l, c) {
                    (Some(start), Some(end), Some(line), Some(column)) => {
                        Some(At { start, end, line, column })
                    }
                    _ => return Err(bad("a name past its document")),
                }
            } else {
                None
            };
            if name(word) {
                part.names.push(NamePart { word, count, mid, firsts: from..part.firsts.len(), at });
            } else {
                part.firsts.truncate(from);
            }
        }
        if !r.is_empty() {
            return Err(bad("bytes after its end"));
        }
        // Each name once, as for lines.
        let mut words: Vec<&str> = part.names.iter().map(|n| n.word).collect();
        words.sort_unstable();
        if words.windows(2).any(|w| w[0] == w[1]) {
            return Err(bad("a name listed twice"));
        }
        Ok(part)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CorpusStats, Focus, Needs};
    use super::*;

    fn corpus() -> Vec<Document> {
        let mut docs: Vec<Document> = std::fs::read_dir("seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| Document::new(p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        docs.sort_by(|a, b| a.path().cmp(b.path()));
        docs.push(Document::new(
            "a.txt",
            "Share this\nSergei Ryabkov met Mr Smith-Jones.\nShare this\n\nRyabkov said.",
        ));
        docs.push(Document::new("b.txt", "Share this\nSergei Ryabakov said. The Georgia-Pacific deal.\n"));
        docs.push(Document::new("c.txt", "  Share this  \n\u{feff}Ünal Öztürk and Ünal met.\n"));
        docs
    }

    /// Adding each document's part, straight or through its bytes, counts
    /// what adding its text does: with a focus, and without.
    #[test]
    fn a_part_counts_what_its_document_does() {
        let docs = corpus();
        let parts = Needs { words: false, lines: true, names: true };
        for focus in [None, Some(0), Some(5)] {
            let empty = || {
                let s = CorpusStats::new(parts, 80);
                match focus {
                    Some(i) => s.focused(Focus::of([&docs[i]], 80, parts)),
                    None => s,
                }
            };
            let (mut by_text, mut by_part, mut by_bytes) = (empty(), empty(), empty());
            for doc in &docs {
                by_text.add(doc);
                let hash = crate::fnv::content_hash(doc.text().as_bytes());
                let part = DocPart::of(doc, 80);
                by_part.add_part(&doc.key(), hash, &part);
                let mut w = Writer::default();
                part.encode(&mut w);
                let back = DocPart::decode(&w.bytes, doc.text().len() as u64).unwrap();
                assert_eq!(back, part);
                by_bytes.add_part(&doc.key(), hash, &back);
            }
            assert_eq!(by_part.to_json(), by_text.to_json(), "focus {focus:?}");
            assert_eq!(by_bytes.to_json(), by_text.to_json(), "focus {focus:?}");
        }
    }

    /// A damaged or hostile part is an error, never a panic or a place
    /// outside its document: every part cut short, and every byte changed.
    #[test]
    fn damaged_parts_are_errors() {
        let docs = corpus();
        let doc = &docs[0];
        let mut w = Writer::default();
        DocPart::of(doc, 80).encode(&mut w);
        let size = doc.text().len() as u64;
        for cut in 0..w.bytes.len() {
            assert!(DocPart::decode(&w.bytes[..cut], size).is_err(), "cut at {cut}");
        }
        for i in (0..w.bytes.len()).step_by(7) {
            for b in [0u8, 0x7f, 0x80, 0xff] {
                let mut bytes = w.bytes.clone();
                bytes[i] = b;
                if let Ok(part) = DocPart::decode(&bytes, size) {
                    for &(_, at) in &part.lines {
                        assert!(at.start <= at.end && u64::from(at.end) <= size);
                    }
                    for n in &part.names {
                        assert!(n.at.is_none_or(|at| u64::from(at.end) <= size) && n.mid <= n.count);
                    }
                }
            }
        }
        assert!(DocPart::decode(&w.bytes, 10).is_err(), "places past a shorter document");
    }
}
