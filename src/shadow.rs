//! Shadows: a cheap prefilter for a line pattern. A line's shadow writes
//! each character outside ASCII as the one byte [`SHADE`]; a pattern's
//! shadow is a bytes pattern without Unicode that matches a line's shadow
//! wherever the pattern matches the line. Compiling it takes a fraction of
//! the pattern's time (no Unicode classes, no case folding outside ASCII),
//! and most lines it turns away never need the pattern compiled at all.
//! `build.rs` writes the built-in lints' shadows when the program is built.

/// The byte that stands for every character outside ASCII in a shadow.
pub const SHADE: u8 = 0xFF;

/// `line` with each character outside ASCII written as the one byte
/// [`SHADE`]: as many characters as the line, so repetition counts agree.
pub fn shade(line: &str) -> Vec<u8> {
    line.chars().map(|c| if c.is_ascii() { c as u8 } else { SHADE }).collect()
}

/// A prefilter for `pattern`, as text for a bytes regex without Unicode:
/// run on a line's [`shade`], it matches wherever `pattern` matches the
/// line (and more). Each class keeps its ASCII part and takes [`SHADE`] when
/// it holds any character outside ASCII; each literal character outside
/// ASCII becomes [`SHADE`]; word boundaries are dropped (an assertion only
/// rules matches out). `None` when it does not parse, or printing the tree
/// would not give it back.
pub fn pattern(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Capture, ClassBytes, ClassBytesRange, Hir, HirKind, Look, Repetition};
    fn shadow(hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Look(
                Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode,
            ) => Hir::empty(),
            HirKind::Look(_) | HirKind::Empty => hir.clone(),
            HirKind::Literal(l) => {
                let text = std::str::from_utf8(&l.0).ok();
                let bytes: Vec<u8> = match text {
                    Some(t) => t.chars().map(|c| if c.is_ascii() { c as u8 } else { SHADE }).collect(),
                    None => l.0.to_vec(),
                };
                Hir::literal(bytes)
            }
            HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
                let mut ranges: Vec<ClassBytesRange> = c
                    .ranges()
                    .iter()
                    .filter(|r| r.start() <= '\x7f')
                    .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\x7f') as u8))
                    .collect();
                if c.ranges().iter().any(|r| r.end() > '\x7f') {
                    ranges.push(ClassBytesRange::new(SHADE, SHADE));
                }
                Hir::class(regex_syntax::hir::Class::Bytes(ClassBytes::new(ranges)))
            }
            HirKind::Class(_) => hir.clone(),
            HirKind::Concat(v) => Hir::concat(v.iter().map(shadow).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.iter().map(shadow).collect()),
            HirKind::Repetition(r) => {
                Hir::repetition(Repetition { sub: Box::new(shadow(&r.sub)), ..r.clone() })
            }
            HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(shadow(&c.sub)), ..c.clone() }),
        }
    }
    let shadowed = shadow(&regex_syntax::Parser::new().parse(pattern).ok()?);
    let text = shadowed.to_string();
    let parser = || regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build();
    let folded = crate::regex_text::fold_case_runs(&text);
    if parser().parse(&folded).ok().as_ref() == Some(&shadowed) {
        return Some(folded);
    }
    (parser().parse(&text).ok()? == shadowed).then_some(text)
}
