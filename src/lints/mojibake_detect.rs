//! The mojibake detector that `mojibake` reports from and the character
//! lints defer to ([`owned_by`]): every reading of a stretch of text as the
//! UTF-8 of another codec's misreading, scored by how natural the repair is.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::document::Document;
use crate::lints::mojibake_tables::{CODECS, ENTITIES};
use crate::span::Span;

pub(crate) const N: usize = CODECS.len();
/// Index of Windows-1252 in `CODECS`: named Latin-1 when C1 controls stand in for its punctuation.
pub(crate) const CP1252: usize = 0;
/// How often a repaired sequence is itself repaired again.
pub(crate) const MAX_LAYERS: usize = 3;
/// The most UTF-8 sequences one finding covers.
pub(crate) const MAX_SEQS: usize = 256;
/// The least score gain for a repair on its own evidence.
pub(crate) const STRONG: f32 = 3.0;
/// The gain for reading through the codec the document's other repairs used.
pub(crate) const FAVOUR: f32 = 1.5;
/// The least gain for a further layer of a repair.
pub(crate) const INNER: f32 = 2.0;
/// The least gain for a repair through a codec already seen in the document.
pub(crate) const WEAK: f32 = -2.0;

/// How much more evidence a repair through each codec needs: the rarer the misreading,
/// the more (in the order of `CODECS`).
pub(crate) const PRIOR: [f32; N] = [0.0, 0.2, 0.3, 0.5, 0.5, 0.7, 0.5, 0.7, 1.0, 0.7, 0.3, 0.7];

/// For each non-ASCII character, per codec, the byte it stands for (0: none).
pub(crate) static REVERSE: LazyLock<HashMap<char, [u8; N]>> = LazyLock::new(|| {
    let mut map: HashMap<char, [u8; N]> = HashMap::new();
    for (k, (_, table, _)) in CODECS.iter().enumerate() {
        for (i, &c) in table.iter().enumerate() {
            map.entry(c).or_insert([0; N])[k] = 0x80 + i as u8;
        }
    }
    // Sloppy decoders and Latin-1 pass the bytes 0x80..0x9F through as C1 controls.
    for b in 0x80u8..0xA0 {
        let e = map.entry(char::from(b)).or_insert([0; N]);
        for x in e.iter_mut().filter(|x| **x == 0) {
            *x = b;
        }
    }
    map
});

/// One character of the text, or one HTML character reference standing for one.
#[derive(Clone, Copy)]
pub(crate) struct Tok {
    pub(crate) c: char,
    pub(crate) len: usize,
}

pub(crate) fn entity_at(text: &str, at: usize) -> Option<(char, usize)> {
    let rest = &text.as_bytes()[at + 1..];
    let semi = rest.iter().take(12).position(|&b| b == b';')?;
    let body = std::str::from_utf8(&rest[..semi]).ok()?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(v)?
    } else {
        let i = ENTITIES.binary_search_by_key(&body, |&(n, _)| n).ok()?;
        ENTITIES[i].1
    };
    (!c.is_ascii()).then_some((c, semi + 2))
}

pub(crate) fn tok_at(text: &str, at: usize) -> Option<Tok> {
    let c = text[at..].chars().next()?;
    if c == '&' {
        if let Some((c, len)) = entity_at(text, at) {
            return Some(Tok { c, len });
        }
    }
    Some(Tok { c, len: c.len_utf8() })
}

/// The byte `c` stands for in codec `k`.
pub(crate) fn byte_of(c: char, k: usize) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    REVERSE.get(&c).map(|a| a[k]).filter(|&b| b != 0)
}

pub(crate) fn seq_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// The code point of one UTF-8 sequence; surrogates are allowed (CESU-8 pairs them).
pub(crate) fn code_point(b: &[u8]) -> Option<u32> {
    if b[1..].iter().any(|&x| !(0x80..=0xBF).contains(&x)) {
        return None;
    }
    let cp = match b.len() {
        2 => (u32::from(b[0] & 0x1F) << 6) | u32::from(b[1] & 0x3F),
        3 => (u32::from(b[0] & 0x0F) << 12) | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F),
        _ => {
            (u32::from(b[0] & 0x07) << 18)
                | (u32::from(b[1] & 0x3F) << 12)
                | (u32::from(b[2] & 0x3F) << 6)
                | u32::from(b[3] & 0x3F)
        }
    };
    let min = [0, 0, 0x80, 0x800, 0x10000][b.len()];
    (cp >= min && cp <= 0x10FFFF).then_some(cp)
}

/// What one repair did besides re-decoding.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Notes {
    /// A lost byte (`�` or `?`), and the character guessed for its sequence.
    pub(crate) lost: Option<char>,
    /// A no-break space had become a plain space.
    pub(crate) collapsed: bool,
    /// Surrogate pairs were joined (CESU-8).
    pub(crate) cesu: bool,
}

/// One UTF-8 sequence read in codec `k` at `at`: (end, code point, notes).
pub(crate) fn parse_one(text: &str, at: usize, k: usize) -> Option<(usize, u32, Notes)> {
    let t = tok_at(text, at)?;
    let lead = byte_of(t.c, k)?;
    let len = seq_len(lead)?;
    let mut bytes = [lead, 0, 0, 0];
    let mut pos = at + t.len;
    let mut notes = Notes::default();
    let mut lost = false;
    let (_, table, undefined) = &CODECS[k];
    for (i, slot) in bytes.iter_mut().enumerate().take(len).skip(1) {
        let t = tok_at(text, pos)?;
        match byte_of(t.c, k) {
            Some(b @ 0x80..=0xBF) => *slot = b,
            // The last byte, or the middle of a CESU-8 half: `Ã ` for `à`, `í ½` for a surrogate.
            _ if t.c == ' '
                && table[0x20] == '\u{A0}'
                && !notes.collapsed
                && (i == len - 1 || lead == 0xED) =>
            {
                *slot = 0xA0;
                notes.collapsed = true;
            }
            _ if matches!(t.c, '\u{FFFD}' | '?') && !undefined.is_empty() && !lost => lost = true,
            _ => return None,
        }
        pos += t.len;
    }
    let bytes = &mut bytes[..len];
    if !lost {
        return Some((pos, code_point(bytes)?, notes));
    }
    // Guess the lost byte among those the codec leaves undefined: the most natural character.
    let hole = bytes.iter().position(|&b| b == 0)?;
    let mut best: Option<(f32, u32)> = None;
    for &b in undefined.iter() {
        bytes[hole] = b;
        let Some(cp) = code_point(bytes) else { continue };
        let Some(c) = char::from_u32(cp) else { continue };
        let cost = char_cost(c);
        if best.is_none_or(|(bc, _)| cost < bc) {
            best = Some((cost, cp));
        }
    }
    let (cost, cp) = best?;
    if cost >= BAD {
        return None;
    }
    notes.lost = char::from_u32(cp);
    Some((pos, cp, notes))
}

/// The longest run of UTF-8 sequences read in codec `k` from `at`: (end, decoded, notes).
pub(crate) fn parse_cluster(text: &str, at: usize, k: usize) -> Option<(usize, String, Notes)> {
    let mut pos = at;
    let mut out = String::new();
    let mut notes = Notes::default();
    let mut high: Option<(u32, usize)> = None;
    let mut end = at;
    let mut seqs = 0;
    while let Some((next, cp, n)) = parse_one(text, pos, k) {
        // Longer runs are read in pieces: each start is then bounded, and a long run
        // that is not mojibake costs linear time, not quadratic.
        seqs += 1;
        if seqs > MAX_SEQS {
            break;
        }
        if (n.lost.is_some() && notes.lost.is_some()) || (n.collapsed && notes.collapsed) {
            break;
        }
        match (cp, high) {
            (0xD800..=0xDBFF, None) => high = Some((cp, pos)),
            (0xDC00..=0xDFFF, Some((h, _))) => {
                let c = 0x10000 + ((h - 0xD800) << 10) + (cp - 0xDC00);
                out.push(char::from_u32(c)?);
                high = None;
                notes.cesu = true;
                end = next;
            }
            (0xD800..=0xDFFF, _) => break,
            _ if high.is_some() => break,
            _ => {
                out.push(char::from_u32(cp)?);
                end = next;
            }
        }
        notes.lost = notes.lost.or(n.lost);
        notes.collapsed |= n.collapsed;
        pos = next;
    }
    (!out.is_empty()).then_some((end, out, notes))
}

// ---- how natural a run of characters is ----

pub(crate) const BAD: f32 = 10.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Cjk,
    Other,
}

pub(crate) fn script(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF => Script::Arabic,
        0x900..=0xDFF => Script::Indic,
        0xE00..=0xE7F => Script::Thai,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => {
            Script::Cjk
        }
        _ => Script::Other,
    }
}

pub(crate) fn is_letter(c: char) -> bool {
    c.is_alphabetic() || matches!(script(c), Script::Indic | Script::Thai | Script::Hebrew | Script::Arabic)
}

/// How rare a character is in text: 0 for ASCII, up to `BAD` for what no text holds.
pub(crate) fn char_cost(c: char) -> f32 {
    let u = c as u32;
    match u {
        0x00..=0x7F => 0.0,
        0x80..=0x9F => 8.0,
        0xA0 => 1.5,
        0xAD => 5.0,
        0xAB | 0xBB => 1.0,
        0xA3 => 1.5,
        0xA1 | 0xBF | 0xB0 | 0xB7 | 0xD7 | 0xF7 | 0xA9 => 2.0,
        0xA2..=0xBF => 3.0,
        0xC0..=0xDE => 1.5,
        0xDF..=0xFF => 1.0,
        // Esperanto, Maltese, Sami and old letters: rare in any text
        0x108
        | 0x109
        | 0x11C
        | 0x11D
        | 0x124..=0x127
        | 0x132..=0x135
        | 0x138
        | 0x13F
        | 0x140
        | 0x149..=0x14B
        | 0x156
        | 0x157
        | 0x15C
        | 0x15D
        | 0x166
        | 0x167
        | 0x16C
        | 0x16D
        | 0x174..=0x177
        | 0x17F => 3.5,
        0x100..=0x17F => 1.5,
        0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x218..=0x21B => 1.0,
        // Azerbaijani schwa
        0x18F | 0x259 => 1.5,
        // Pinyin's tone letters: rare outside pinyin
        0x1CD..=0x1DC => 2.5,
        0x192 => 3.0,
        0x180..=0x24F => 2.5,
        0x250..=0x2AF => 4.5,
        0x2B0..=0x2FF => 4.0,
        0x300..=0x36F => 3.0,
        // Coptic letters, Greek symbols and archaic letters (heta, sampi, koppa,
        // digamma, the reversed sigmas): what no modern Greek text holds
        0x3E2..=0x3FF | 0x370..=0x385 | 0x387 | 0x38B | 0x38D | 0x3A2 | 0x3CF..=0x3E1 => 4.0,
        0x370..=0x3FF => {
            if c.is_alphabetic() {
                1.0
            } else {
                3.0
            }
        }
        0x401 | 0x451 | 0x404 | 0x406 | 0x407 | 0x454 | 0x456 | 0x457 | 0x490 | 0x491 => 1.0,
        0x400..=0x40F | 0x450..=0x45F => 2.0,
        0x410..=0x44F => 1.0,
        0x460..=0x4FF => 2.5,
        0x500..=0x52F => 4.0,
        0x530..=0x58F => 2.0,
        0x590..=0x6FF => 1.5,
        0x700..=0x8FF => 4.0,
        0x900..=0xE7F => 1.0,
        0xE80..=0x10FF => 2.0,
        0x1100..=0x11FF => 3.0,
        0x1200..=0x137F => 2.0,
        0x1780..=0x17FF => 2.0,
        0x1380..=0x1DFF => 4.0,
        0x1E00..=0x1EFF => 1.5,
        0x1F00..=0x1FFF => 2.0,
        0x2000..=0x200A => 3.0,
        0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F => 6.0,
        0x2013 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026 => 1.0,
        0x2022 | 0x201A | 0x201E => 2.0,
        0x2039 | 0x203A | 0x2032 | 0x2033 | 0x202F => 2.5,
        0x2010..=0x205F => 3.0,
        0x2070..=0x209F => 3.0,
        0x20A0..=0x20CF => 1.5,
        0x20D0..=0x20FF => 5.0,
        0x2122 | 0x2116 => 2.0,
        0x2100..=0x218F => 3.0,
        0x2190..=0x21FF => 2.0,
        0x2212 | 0x2260 | 0x2264 | 0x2265 | 0x2248 | 0x221E => 2.0,
        0x2200..=0x22FF => 2.5,
        0x2300..=0x23FF => 3.0,
        0x2400..=0x243F => 5.0,
        0x2440..=0x24FF => 2.0,
        0x2500..=0x257F => 4.0,
        0x2580..=0x259F => 4.5,
        0x25A0..=0x25FF => 2.5,
        0x2600..=0x27BF => 1.5,
        0x27C0..=0x2BFF => 2.5,
        0x2C00..=0x2DFF => 4.0,
        0x2E00..=0x2E7F => 3.0,
        0x2E80..=0x2FFF => 3.0,
        0x3000..=0x30FF => 1.0,
        0x3100..=0x31FF => 2.0,
        0x3200..=0x33FF => 2.5,
        0x3400..=0x4DBF => 2.5,
        0x4E00..=0x9FFF => 1.0,
        0xAC00..=0xD7AF => 1.0,
        0xA000..=0xABFF | 0xD7B0..=0xD7FF => 4.0,
        0xD800..=0xF8FF => BAD,
        0xF900..=0xFAFF => 3.0,
        0xFB00..=0xFDFF => 4.0,
        0xFE00..=0xFE0F => 1.0,
        0xFE10..=0xFE6F => 3.0,
        0xFE70..=0xFEFE => 4.0,
        0xFF01..=0xFF5E => 1.5,
        0xFF00..=0xFFEF => 3.0,
        0xFFFD => 5.0,
        0xFEFF | 0xFFF0..=0xFFFF => BAD,
        0x1F1E6..=0x1F1FF => 1.5,
        0x1F100..=0x1F2FF => 2.0,
        0x1F300..=0x1FAFF => 1.0,
        0x10000..=0x1FFFF => 4.0,
        0x20000..=0x2FFFF => 3.0,
        _ => BAD,
    }
}

/// Box drawing and block elements: rare in text, but what a repair of them gives.
pub(crate) fn is_box(c: char) -> bool {
    matches!(c as u32, 0x2500..=0x259F)
}

/// How unnatural `chars` read: the rarity of each, and of each pair of neighbours.
pub(crate) fn cost(chars: &[char]) -> f32 {
    let mut total = 0.0;
    for (i, &c) in chars.iter().enumerate() {
        total += char_cost(c);
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if let Some(p) = prev {
            total += pair_cost(p, c);
        }
        // A lone letter of a script other than Latin among other characters,
        // or a CJK punctuation mark with no CJK letter beside it.
        let s = script(c);
        if matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF65) {
            let cjk = |o: Option<char>| o.is_some_and(|o| is_letter(o) && script(o) == Script::Cjk);
            if !cjk(prev) && !cjk(next) {
                total += 3.0;
            }
        }
        if is_letter(c) && !c.is_ascii() && (s != Script::Latin || char_cost(c) > 1.5) {
            let same = |o: Option<char>| o.is_some_and(|o| is_letter(o) && script(o) == s);
            if !same(prev) && !same(next) {
                total += if s == Script::Cjk { 2.0 } else { 3.0 };
            }
        }
    }
    total
}

/// A symbol or punctuation mark that is rare in text.
pub(crate) fn odd(c: char) -> bool {
    !c.is_ascii() && !is_letter(c) && char_cost(c) >= 1.5
}

pub(crate) fn pair_cost(a: char, b: char) -> f32 {
    let (la, lb) = (is_letter(a), is_letter(b));
    let mut x = 0.0;
    if la && lb {
        let (sa, sb) = (script(a), script(b));
        if sa != sb && !(sa == Script::Other || sb == Script::Other)
            || (sa == Script::Other) != (sb == Script::Other)
        {
            x += 4.0;
        }
        if a.is_lowercase() && b.is_uppercase() && !(a.is_ascii() && b.is_ascii()) {
            x += 2.5;
        }
    }
    if la && odd(b) {
        x += 1.5;
    }
    // A capital outside ASCII before a symbol: the lead byte of a two-byte sequence.
    if la && a.is_uppercase() && !a.is_ascii() && !b.is_ascii() && !is_letter(b) {
        x += 1.5;
    }
    if odd(a) && lb {
        x += 1.5;
    }
    if odd(a) && odd(b) {
        x += 1.0;
    }
    // A letter outside ASCII glued to a digit.
    if (la && !a.is_ascii() && b.is_ascii_digit()) || (a.is_ascii_digit() && lb && !b.is_ascii()) {
        x += 1.5;
    }
    x
}

// ---- finding sequences ----

/// A repair the detector proposes.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub(crate) span: Span,
    pub(crate) repaired: String,
    /// The codecs, the last misreading first.
    pub(crate) chain: Vec<&'static str>,
    pub(crate) notes: Notes,
    pub(crate) gain: f32,
    /// The codecs that give this repair in the outermost layer, one bit each
    /// (for evidence across the document).
    pub(crate) alts: u32,
    /// `gain` without the favour of the document's codec.
    pub(crate) raw: f32,
    /// The `raw` gain of the best different repair from the same place that could be
    /// right ([`rival_worthy`]).
    pub(crate) rival: f32,
}

/// Gain and margin over any other reading from which a repair is certain enough to
/// apply unreviewed. Measured with scripts/mojibake-harness.py, which checks each
/// repair against the undamaged text: above these, none was wrong.
pub(crate) const SAFE_GAIN: f32 = 6.0;
pub(crate) const SAFE_MARGIN: f32 = 4.0;

impl Hit {
    /// A repair that cannot be another: one layer through Windows-1252 or Latin-1, no
    /// byte lost or guessed, common punctuation and Latin letters that no codec reads
    /// as UTF-8 again,
    /// far better than the original and than any other reading.
    pub(crate) fn is_safe(&self) -> bool {
        matches!(self.chain[..], ["Windows-1252" | "Latin-1"])
            && self.notes == Notes::default()
            && self.raw >= SAFE_GAIN
            && self.raw - self.rival >= SAFE_MARGIN
            && self
                .repaired
                .chars()
                .all(|c| char_cost(c) <= 1.5 && (!is_letter(c) || script(c) == Script::Latin))
            && !still_mojibake(&self.repaired)
    }
}

/// Whether `s` holds only characters common in text.
pub(crate) fn common(s: &str) -> bool {
    s.chars().all(|c| char_cost(c) <= 2.0)
}

/// Whether another reading giving `s` makes a repair ambiguous: letters and symbols
/// text uses, even rare ones (`ŝ` against `ů`), but not combining marks.
pub(crate) fn rival_worthy(s: &str) -> bool {
    s.chars().all(|c| char_cost(c) <= 3.5 && !matches!(c as u32, 0x300..=0x36F))
}

/// Whether some codec reads part of `s` as UTF-8 again: a layer may be left.
pub(crate) fn still_mojibake(s: &str) -> bool {
    s.char_indices().any(|(at, c)| !c.is_ascii() && (0..N).any(|k| parse_one(s, at, k).is_some()))
}

pub(crate) fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Repairs further layers of `s` in place: the codecs, the last misreading first.
pub(crate) fn deeper(s: &mut String, chain: &mut Vec<&'static str>, notes: &mut Notes, depth: usize) {
    if depth >= MAX_LAYERS || s.is_ascii() {
        return;
    }
    let hits = scan(s, INNER, None, depth + 1, 0);
    // A further layer is mojibake all through: every character outside ASCII is in a repair.
    let covered = |at: usize| hits.iter().any(|h| h.span.start <= at && at < h.span.end);
    if hits.is_empty() || s.char_indices().any(|(at, c)| !c.is_ascii() && !covered(at)) {
        return;
    }
    let mut out = String::new();
    let mut last = 0;
    for h in &hits {
        out.push_str(&s[last..h.span.start]);
        out.push_str(&h.repaired);
        last = h.span.end;
        notes.lost = notes.lost.or(h.notes.lost);
        notes.collapsed |= h.notes.collapsed;
        notes.cesu |= h.notes.cesu;
    }
    out.push_str(&s[last..]);
    chain.extend(hits[0].chain.iter().copied());
    *s = out;
}

/// Whether the text around `at..end` is mostly Latin letters.
pub(crate) fn latin_context(text: &str, at: usize, end: usize) -> bool {
    let mut lo = at.saturating_sub(40);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + 40).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let letters = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).fold((0, 0), |(l, o), c| {
            if script(c) == Script::Latin {
                (l + 1, o)
            } else {
                (l, o + 1)
            }
        })
    };
    let (l1, o1) = letters(&text[lo..at]);
    let (l2, o2) = letters(&text[end..hi]);
    l1 + l2 >= 12 && o1 + o2 <= (l1 + l2) / 8
}

/// Whether `at..end` lies in a word written in capitals: two letters or more
/// of the word around it, all capitals.
pub(crate) fn caps_word(text: &str, at: usize, end: usize) -> bool {
    let before = text[..at].chars().rev().take_while(|c| c.is_alphabetic()).take(8);
    let after = text[end..].chars().take_while(|c| c.is_alphabetic()).take(8);
    let (mut letters, mut capitals) = (0, 0);
    for c in before.chain(after) {
        letters += 1;
        capitals += usize::from(c.is_uppercase());
    }
    letters >= 2 && capitals == letters
}

/// The best repair of a sequence starting at `at`, if any codec reads one there.
pub(crate) fn best_at(text: &str, at: usize, depth: usize, favour: u32) -> Option<Hit> {
    let t = tok_at(text, at)?;
    if t.c.is_ascii() {
        return None;
    }
    let bytes = REVERSE.get(&t.c)?;
    let mut best: Option<Hit> = None;
    let prev = prev_char(text, at);
    let prev2 = prev.and_then(|c| prev_char(text, at - c.len_utf8()));
    for k in 0..N {
        if seq_len(bytes[k]).is_none() {
            continue;
        }
        let Some((end, mut out, mut notes)) = parse_cluster(text, at, k) else { continue };
        if best.as_ref().is_some_and(|b| b.span.end > end + 8) {
            continue;
        }
        let mut chain = vec![CODECS[k].0];
        deeper(&mut out, &mut chain, &mut notes, depth);
        if out.chars().any(|c| char_cost(c) >= BAD || (c.is_control() && !matches!(c, '\t' | '\n'))) {
            continue;
        }
        let mut rest = text[end..].chars();
        let (next, next2) = (rest.next(), rest.next());
        // Inside a word in capitals, a repair to small letters only: capitals
        // misread give capitals back.
        if caps_word(text, at, end)
            && out.chars().any(char::is_lowercase)
            && !out.chars().any(char::is_uppercase)
        {
            continue;
        }
        // Box drawing among box drawing is a drawing: a lone character read out
        // of it is chance (a misread word gives a run of letters).
        let drawn = |c: Option<char>| c.is_some_and(is_box);
        if out.chars().count() == 1 && (drawn(prev) || drawn(next)) && text[at..end].chars().all(is_box) {
            continue;
        }
        // Two characters of context on each side: the outer one's only
        // neighbour in the window is the same before and after the repair, so
        // the window's edge weighs the same in both.
        let mut before: Vec<char> = prev2.into_iter().chain(prev).collect();
        let mut after = before.clone();
        let mut p = at;
        // A C1 control standing for a byte the codec has a character for: the codec
        // would have shown that character, so another reading fits better.
        let mut sloppy = 0;
        let mut foreign = 0;
        while p < end {
            let t = tok_at(text, p)?;
            let u = t.c as u32;
            sloppy += u8::from((0x80..0xA0).contains(&u) && CODECS[k].1[(u - 0x80) as usize] != t.c);
            // Letters of another script inside Latin prose are suspect in themselves.
            foreign += usize::from(is_letter(t.c) && script(t.c) != Script::Latin);
            before.push(t.c);
            p += t.len;
        }
        foreign += usize::from(next.is_some_and(|c| is_letter(c) && script(c) != Script::Latin));
        before.extend(next.into_iter().chain(next2));
        after.extend(out.chars());
        after.extend(next.into_iter().chain(next2));
        // Each sequence that decodes is evidence in itself; rarer codecs need more.
        let bonus = out.chars().count().min(3) as f32;
        let mut gain = -0.75 * f32::from(sloppy)
            + 1.5 * foreign.min(2) as f32 * latin_context(text, at, end) as u8 as f32
            + cost(&before)
            - cost(&after)
            + bonus
            - PRIOR[k];
        // The gain on this sequence's own evidence, before the document's favour.
        let raw = gain;
        if favour >> k & 1 == 1 {
            gain += FAVOUR;
        }
        if notes.lost.is_some() {
            gain -= 1.0;
        }
        if notes.collapsed {
            gain -= 1.0;
        }
        match best.as_mut() {
            Some(b) if b.span.end == end && b.repaired == out => {
                b.alts |= 1 << k;
                if gain > b.gain {
                    b.gain = gain;
                    b.raw = raw;
                    b.chain = chain;
                }
            }
            Some(b) if b.gain >= gain => {
                if rival_worthy(&out) {
                    b.rival = b.rival.max(raw);
                }
            }
            _ => {
                let alts = 1 << k;
                let rival = best.as_ref().map_or(f32::NEG_INFINITY, |b| {
                    if rival_worthy(&b.repaired) {
                        b.raw.max(b.rival)
                    } else {
                        b.rival
                    }
                });
                best = Some(Hit {
                    span: Span::new(at, end),
                    repaired: out,
                    chain,
                    notes,
                    gain,
                    raw,
                    alts,
                    rival,
                });
            }
        }
    }
    best
}

/// Every repair in `text` whose gain reaches `strong`; with `weak`, also those reaching
/// it through a codec that a strong one in the same text used.
/// The first index from `i` that may hold a byte outside ASCII or `&`:
/// eight ASCII bytes without `&` at a time are stepped over (most of a
/// text), the rest is left to the caller's byte loop.
#[inline]
fn next_wide_or_amp(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte of `x` is zero where `w` has `&`: the classic zero-byte test.
        let x = w ^ (ONES * u64::from(b'&'));
        if (w | (x.wrapping_sub(ONES) & !x)) & HIGH != 0 {
            break;
        }
        i += 8;
    }
    i
}

pub(crate) fn scan(text: &str, strong: f32, weak: Option<f32>, depth: usize, favour: u32) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut maybe = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && b != b'&' {
            i = next_wide_or_amp(bytes, i + 1);
            continue;
        }
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        match best_at(text, i, depth, favour) {
            Some(h) if h.gain >= strong && h.repaired.chars().all(|c| char_cost(c) <= 3.5 || is_box(c)) => {
                i = h.span.end;
                hits.push(h);
            }
            Some(h) => {
                // A long run read and refused is not read again from each of its characters.
                let next = if h.repaired.chars().count() >= 8 { h.span.end } else { i + 1 };
                // A weaker repair must still read as common characters.
                if weak.is_some_and(|w| h.gain >= w) && common(&h.repaired) {
                    maybe.push(h);
                }
                i = next;
            }
            None => i += 1,
        }
    }
    if !maybe.is_empty() {
        let mut all = std::mem::take(&mut hits);
        let strong_hits = all.len();
        let mut taken_end = 0;
        for h in maybe.into_iter().filter(|h| h.alts & favour != 0) {
            let clash =
                all[..strong_hits].iter().any(|s| s.span.start < h.span.end && h.span.start < s.span.end);
            if h.span.start >= taken_end && !clash {
                taken_end = h.span.end;
                all.push(h);
            }
        }
        all.sort_by_key(|h| h.span.start);
        hits = all;
    }
    hits
}

/// Windows-1252 punctuation read as Latin-1: C1 controls left outside any other repair.
pub(crate) fn c1_hits(text: &str, hits: &[Hit]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut run: Option<Hit> = None;
    for (at, c) in text.char_indices() {
        let u = c as u32;
        let mapped =
            (0x80..=0x9F).contains(&u).then(|| CODECS[CP1252].1[(u - 0x80) as usize]).filter(|&m| m != c);
        let inside = hits.iter().any(|h| h.span.start <= at && at < h.span.end);
        match mapped {
            Some(m) if !inside => {
                let end = at + c.len_utf8();
                match run.as_mut() {
                    Some(r) if r.span.end == at => {
                        r.span = Span::new(r.span.start, end);
                        r.repaired.push(m);
                    }
                    _ => {
                        out.extend(run.take());
                        run = Some(Hit {
                            span: Span::new(at, end),
                            repaired: m.to_string(),
                            chain: Vec::new(),
                            notes: Notes::default(),
                            gain: 0.0,
                            alts: 1 << CP1252,
                            raw: 0.0,
                            rival: f32::NEG_INFINITY,
                        })
                    }
                }
            }
            _ => out.extend(run.take()),
        }
    }
    out.extend(run);
    out
}

/// The gain a one-character repair needs, beyond [`STRONG`], when its first
/// character is one the text uses as a letter elsewhere ([`letters_in_use`]).
pub(crate) const IN_USE: f32 = 3.0;

/// The characters outside ASCII that `text` uses as letters where no misreading
/// can have put them: before an ASCII letter, where no UTF-8 sequence goes on
/// (`Ã` in `IRMÃO`, `Ø` in `Øst`). Such a character starting a sequence
/// elsewhere (`IRMÃ…`) is more likely the same letter again than damage.
pub(crate) fn letters_in_use(text: &str) -> Vec<char> {
    let mut used = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let letter =
            !c.is_ascii() && c.is_alphabetic() && chars.peek().is_some_and(char::is_ascii_alphabetic);
        if letter && !used.contains(&c) && used.len() < 64 {
            used.push(c);
        }
    }
    used
}

/// Whether the two characters at `span` read as a letter ending a word and
/// a punctuation mark after it (`AMANHÃ…`, `IRMÃ’S`): the mark stands where
/// text puts one, before a space, a punctuation mark, the end, or (an
/// apostrophe) a short ending.
fn word_then_mark(text: &str, span: Span) -> bool {
    let mut inside = text[span.start..span.end].chars();
    let (Some(_), Some(mark), None) = (inside.next(), inside.next(), inside.next()) else { return false };
    if !matches!(mark, '…' | '’' | '”' | '–' | '—' | '•' | '™')
        || !prev_char(text, span.start).is_some_and(char::is_alphabetic)
    {
        return false;
    }
    let mut after = text[span.end..].chars();
    match (after.next(), after.next()) {
        (None, _) => true,
        (Some(n), _) if n.is_whitespace() || n.is_ascii_punctuation() => true,
        (Some(n), m) => mark == '’' && n.is_ascii_alphabetic() && !m.is_some_and(char::is_alphabetic),
    }
}

/// Whether `span` is two characters and those on both sides of it are marks,
/// neither letters, digits nor spaces: part of a face drawn with characters
/// (`(¬º-°)`, `(ノ°Д°)ノ`), where any two symbols may stand side by side. (A
/// longer sequence, `(ãƒ„)`, is evidence enough.)
fn among_marks(text: &str, span: Span) -> bool {
    let mark = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    text[span.start..span.end].chars().count() == 2
        && mark(prev_char(text, span.start))
        && mark(text[span.end..].chars().next())
}

/// Drops the one-character repairs that read as well as text: those starting
/// with a letter the text uses as such, unless their own evidence is far
/// stronger; and, unless two other repairs show the text damaged, a letter and
/// a punctuation mark in their places ([`word_then_mark`]) with no stronger
/// evidence, and those among marks ([`among_marks`]).
fn drop_doubtful(text: &str, hits: &mut Vec<Hit>, used: &[char]) {
    let in_use = |h: &Hit| text[h.span.start..].chars().next().is_some_and(|c| used.contains(&c));
    let placed =
        |h: &Hit| word_then_mark(text, h.span) && h.raw < STRONG + IN_USE || among_marks(text, h.span);
    let one = |h: &Hit| h.repaired.chars().count() == 1;
    let damaged = hits.iter().filter(|h| !(one(h) && (in_use(h) || placed(h)))).count() >= 2;
    hits.retain(|h| !(one(h) && (in_use(h) && h.raw < STRONG + IN_USE || placed(h) && !damaged)));
}

pub(crate) fn find(text: &str) -> Vec<Hit> {
    let mut hits = scan(text, STRONG, None, 0, 0);
    // The letters in use only judge hits: most texts have none.
    let used = if hits.is_empty() { Vec::new() } else { letters_in_use(text) };
    drop_doubtful(text, &mut hits, &used);
    if !hits.is_empty() {
        // The codec most repairs agree on is the document's: read again favouring it,
        // and take weaker sequences through it too.
        let mut votes = [0usize; N];
        for h in &hits {
            for (k, v) in votes.iter_mut().enumerate() {
                *v += (h.alts >> k & 1) as usize;
            }
        }
        let top = votes.iter().copied().max().unwrap_or(0);
        let favour = (0..N).filter(|&k| votes[k] == top).fold(0, |m, k| m | 1 << k);
        hits = scan(text, STRONG, Some(WEAK), 0, favour);
        drop_doubtful(text, &mut hits, &used);
        // Where several codecs give the same repair, name the document's.
        for h in hits.iter_mut().filter(|h| !h.chain.is_empty()) {
            let named = CODECS.iter().position(|c| c.0 == h.chain[0]).unwrap_or(0);
            let both = h.alts & favour;
            if both != 0 && (favour >> named) & 1 == 0 {
                h.chain[0] = CODECS[both.trailing_zeros() as usize].0;
            }
        }
    }
    if !coherent(&hits) {
        hits.clear();
    }
    // A C1 control (U+0080 to U+009F) is the bytes C2 80 to C2 9F.
    if memchr::memchr_iter(0xC2, text.as_bytes())
        .any(|i| text.as_bytes().get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
    {
        let c1 = c1_hits(text, &hits);
        // U+0085 NEXT LINE is a line break of its own; alone, it is not taken for `…`.
        if c1.iter().any(|h| h.repaired.chars().any(|c| c != '…')) {
            hits.extend(c1);
        }
        hits.sort_by_key(|h| h.span.start);
    }
    hits
}

/// Whether the repairs of a document read as one text: repairing real mojibake gives
/// letters of one or two scripts, mostly common ones. Text in another legacy encoding
/// (GB2312 or Big5 read as Latin-1) also decodes here and there, to letters of every
/// script and rare ones: that is not UTF-8 mojibake, and the repairs would be wrong.
pub(crate) fn coherent(hits: &[Hit]) -> bool {
    let mut scripts: Vec<Script> = Vec::new();
    let (mut letters, mut rare) = (0, 0);
    for c in hits.iter().flat_map(|h| h.repaired.chars()).filter(|&c| !c.is_ascii() && is_letter(c)) {
        letters += 1;
        rare += usize::from(char_cost(c) >= 2.5);
        if !scripts.contains(&script(c)) {
            scripts.push(script(c));
        }
    }
    (scripts.len() <= 3 || rare < 2) && (rare < 3 || rare * 3 <= letters)
}

/// The spans of the mojibake in `doc`. The lints for the characters that mojibake leaves
/// (C1 controls, soft hyphens, no-break spaces, replacement characters) stay silent inside
/// them, so that their fixes cannot delete what the repair needs.
pub fn spans(doc: &Document) -> Vec<Span> {
    if doc.is_ascii() && !doc.text().contains('&') {
        return Vec::new();
    }
    find(doc.text()).into_iter().map(|h| h.span).collect()
}

/// Whether byte `at` of `doc` lies inside mojibake; the spans are found on the first call.
pub fn owned_by(doc: &Document) -> impl Fn(usize) -> bool + '_ {
    let found = std::cell::OnceCell::new();
    move |at| inside(found.get_or_init(|| spans(doc)), at)
}

/// Whether byte `at` lies inside one of `spans` (sorted, as [`spans`] gives them).
pub fn inside(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).is_some_and(|s| s.start <= at)
}

#[cfg(test)]
mod tests {
    use super::next_wide_or_amp;

    #[test]
    fn the_ascii_skip_never_steps_over_a_wide_byte_or_an_ampersand() {
        for len in 0..40 {
            for at in 0..=len {
                for mark in [b'&', 0x80, 0xC3, 0xFF] {
                    let mut bytes = vec![b'a'; len];
                    bytes.extend((0..len).map(|k| b"x %'#%7~"[k % 8]));
                    if at < bytes.len() {
                        bytes[at] = mark;
                    }
                    for from in 0..=bytes.len() {
                        let next = next_wide_or_amp(&bytes, from);
                        assert!(next >= from && next <= bytes.len());
                        assert!(
                            bytes[from..next].iter().all(|&b| b < 0x80 && b != b'&'),
                            "{bytes:?} from {from}"
                        );
                    }
                }
            }
        }
        // Plain ASCII is stepped over to its last few bytes.
        assert!(next_wide_or_amp(&[b'a'; 100], 0) >= 93);
    }
}
