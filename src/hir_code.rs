//! Pattern trees written as bytes. Parsing a built-in lint's shadow or
//! ASCII pattern (`regex_syntax`'s parser and translator) takes most of the
//! time of compiling it, and a run of one small file compiles several:
//! `build.rs` parses each once, when the program is built, and writes its
//! tree with [`encode`]; a run reads it back with [`decode`] and compiles
//! the tree. `build.rs` keeps a code only where decoding gives back the very
//! tree the text parses to (a test checks it for every built-in lint), so
//! the compiled pattern is the same.
//!
//! The code, in prefix order: a tag byte, then its fields, numbers as
//! LEB128 varints.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
    Repetition,
};

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const CLASS_UNICODE: u8 = 2;
const CLASS_BYTES: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

/// The code of `hir`.
pub fn encode(hir: &Hir) -> Vec<u8> {
    let mut out = Vec::new();
    put(hir, &mut out);
    out
}

fn put(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(l) => {
            out.push(LITERAL);
            bytes(&l.0, out);
        }
        HirKind::Class(Class::Unicode(c)) => {
            out.push(CLASS_UNICODE);
            varint(c.ranges().len() as u32, out);
            for r in c.ranges() {
                varint(r.start() as u32, out);
                varint(r.end() as u32, out);
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            out.push(CLASS_BYTES);
            varint(c.ranges().len() as u32, out);
            for r in c.ranges() {
                out.extend([r.start(), r.end()]);
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            varint(look.as_repr(), out);
        }
        HirKind::Repetition(r) => {
            out.push(REPETITION);
            varint(r.min, out);
            varint(r.max.map_or(0, |m| m + 1), out);
            out.push(r.greedy as u8);
            put(&r.sub, out);
        }
        HirKind::Capture(c) => {
            out.push(CAPTURE);
            varint(c.index, out);
            match &c.name {
                Some(name) => {
                    out.push(1);
                    bytes(name.as_bytes(), out);
                }
                None => out.push(0),
            }
            put(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) { CONCAT } else { ALTERNATION });
            varint(subs.len() as u32, out);
            for sub in subs {
                put(sub, out);
            }
        }
    }
}

fn varint(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn bytes(b: &[u8], out: &mut Vec<u8>) {
    varint(b.len() as u32, out);
    out.extend_from_slice(b);
}

/// The tree `code` holds, built with `Hir`'s own constructors; `None` when
/// it is not a whole code. Nesting is at most [`MAX_DEPTH`] deep.
pub fn decode(code: &[u8]) -> Option<Hir> {
    let mut r = Reader { code, at: 0 };
    let hir = r.hir(0)?;
    (r.at == code.len()).then_some(hir)
}

/// The deepest nesting a code may hold: the parser's own default limit.
pub const MAX_DEPTH: u32 = 250;

struct Reader<'a> {
    code: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.code.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u32> {
        let mut n: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= u32::from(b & 0x7F).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn bytes(&mut self) -> Option<&[u8]> {
        let len = self.varint()? as usize;
        let end = self.at.checked_add(len).filter(|&e| e <= self.code.len())?;
        let b = &self.code[self.at..end];
        self.at = end;
        Some(b)
    }

    /// A count of items each at least one byte long: never more than the
    /// bytes left, so a bad count cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = self.varint()? as usize;
        (n <= self.code.len() - self.at).then_some(n)
    }

    fn hir(&mut self, depth: u32) -> Option<Hir> {
        if depth > MAX_DEPTH {
            return None;
        }
        let sub = |r: &mut Self| r.hir(depth + 1).map(Box::new);
        Some(match self.byte()? {
            EMPTY => Hir::empty(),
            LITERAL => Hir::literal(self.bytes()?),
            CLASS_UNICODE => {
                let n = self.count()?;
                let mut ranges = Vec::with_capacity(n);
                for _ in 0..n {
                    let start = char::from_u32(self.varint()?)?;
                    let end = char::from_u32(self.varint()?)?;
                    ranges.push(ClassUnicodeRange::new(start, end));
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            CLASS_BYTES => {
                let n = self.count()?;
                let mut ranges = Vec::with_capacity(n);
                for _ in 0..n {
                    ranges.push(ClassBytesRange::new(self.byte()?, self.byte()?));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.varint()?)?),
            REPETITION => {
                let min = self.varint()?;
                let max = self.varint()?.checked_sub(1);
                let greedy = self.byte()? != 0;
                Hir::repetition(Repetition { min, max, greedy, sub: sub(self)? })
            }
            CAPTURE => {
                let index = self.varint()?;
                let name = match self.byte()? {
                    0 => None,
                    _ => Some(std::str::from_utf8(self.bytes()?).ok()?.into()),
                };
                Hir::capture(Capture { index, name, sub: sub(self)? })
            }
            tag @ (CONCAT | ALTERNATION) => {
                let n = self.count()?;
                let mut subs = Vec::with_capacity(n);
                for _ in 0..n {
                    subs.push(self.hir(depth + 1)?);
                }
                if tag == CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        })
    }
}

/// `code` as the text of a Rust byte string literal (`b"..."`), for
/// `build.rs` to write.
pub fn byte_string(code: &[u8]) -> String {
    let mut s = String::with_capacity(code.len() + 3);
    s.push_str("b\"");
    for &b in code {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            0x20..=0x7E => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(pattern: &str, unicode: bool) {
        let hir =
            regex_syntax::ParserBuilder::new().unicode(unicode).utf8(unicode).build().parse(pattern).unwrap();
        let code = encode(&hir);
        assert_eq!(decode(&code).as_ref(), Some(&hir), "{pattern}");
    }

    #[test]
    fn every_kind_of_node_comes_back() {
        for p in [
            "",
            "abc",
            r"(?i)straße\w+",
            r"(?m)^\s*(?P<line>(?:a|b|cd)+?)\s*$",
            r"(?R)\A[^\S\r\n]*x{2,5}y{3}z{1,}\z",
            r"\bword\B(?:\b{start}|\b{end})",
            r"[a-c[x-z]](?:)|[^\x00-\x{10FFFF}]",
            "(a)(?:b)(?<n>c)",
        ] {
            round_trip(p, true);
        }
        for p in [r"(?-u:\xFF[\x80-\xFE])+", r"(?i)ab\bc", r"[\x09-\x0D\x20\xFF]*?"] {
            round_trip(p, false);
        }
    }

    #[test]
    fn a_broken_code_reads_as_none() {
        let hir = regex_syntax::Parser::new().parse(r"(?P<line>ab|[cd]+)\b").unwrap();
        let code = encode(&hir);
        for cut in 0..code.len() {
            assert!(decode(&code[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = code.clone();
        longer.push(EMPTY);
        assert!(decode(&longer).is_none());
        assert!(decode(&[99]).is_none());
        // a count larger than the bytes left, a look that does not exist
        assert!(decode(&[CONCAT, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).is_none());
        assert!(decode(&[LOOK, 0x7F]).is_none());
        // nesting past the limit
        let deep: Vec<u8> = std::iter::repeat_n([CONCAT, 1], 300).flatten().chain([EMPTY]).collect();
        assert!(decode(&deep).is_none());
    }

    #[test]
    fn byte_strings_escape_what_rust_needs() {
        assert_eq!(byte_string(b"a\"\\\x00\xff~"), r#"b"a\"\\\x00\xff~""#);
    }
}
