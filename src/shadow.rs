//! Shadows: a cheap prefilter for a line pattern. A line's shadow writes
//! each character outside ASCII as one byte: the pattern's own characters
//! outside ASCII (its *marks*: `©`, `’`, `é` in `[Éé]`) each as a byte of
//! its own, every other one as [`SHADE`]. A pattern's shadow is a bytes
//! pattern without Unicode that matches a line's shadow wherever the
//! pattern matches the line. Compiling it takes a fraction of the pattern's
//! time (no Unicode classes, no case folding outside ASCII), and most lines
//! it turns away never need the pattern compiled at all; telling the marks
//! apart keeps a pattern with `©` from letting through every line with an
//! `é`. `build.rs` writes the built-in lints' shadows when the program is
//! built.

/// The byte that stands for every character outside ASCII that is no mark.
pub const SHADE: u8 = 0xFF;

/// The most marks a shadow tells apart: bytes `0x80` to `0xFE`.
const MAX_MARKS: usize = 0x7F;

/// A class with at most this many characters outside ASCII (`[Éé]`, what
/// `(?i)é` is) has them all marked; a larger one (`\w`) stands for [`SHADE`].
const SMALL_CLASS: u32 = 8;

/// A repetition counted past this (`[^\n]{10,}`, `.{0,80}`) is loosened in
/// a shadow to any count from one (or none, where the pattern allows none):
/// its lazy DFA would otherwise hold a state per count, per combination
/// of the counts running at once.
const MAX_COUNT: u32 = 8;

/// A pattern's shadow: the bytes pattern, and its marks in order (the mark
/// at index `k` is written as the byte `0x80 + k`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shadow {
    pub pattern: String,
    pub marks: String,
}

/// `line` with each character outside ASCII written as one byte: a mark of
/// `marks` (sorted, as [`Shadow::marks`] is) as its own, any other as
/// [`SHADE`]. As many bytes as the line has characters, so repetition
/// counts agree.
pub fn shade(line: &str, marks: &[char]) -> Vec<u8> {
    line.chars().map(|c| if c.is_ascii() { c as u8 } else { byte_of(c, marks) }).collect()
}

/// The byte that stands for `c`, a character outside ASCII.
fn byte_of(c: char, marks: &[char]) -> u8 {
    marks.binary_search(&c).map_or(SHADE, |k| 0x80 + k as u8)
}

/// A prefilter for `pattern`, for a bytes regex without Unicode: run on a
/// line's [`shade`] with its marks, it matches wherever `pattern` matches
/// the line (and more). Each class keeps its ASCII part and the bytes of
/// the marks it holds, and takes [`SHADE`] when it holds any other
/// character outside ASCII; each literal character outside ASCII becomes
/// its mark's byte; word boundaries are dropped (an assertion only rules
/// matches out). `None` when it does not parse, or printing the tree would
/// not give it back.
pub fn pattern(pattern: &str) -> Option<Shadow> {
    use regex_syntax::hir::{Capture, ClassBytes, ClassBytesRange, Hir, HirKind, Look, Repetition};
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut marks: Vec<char> = Vec::new();
    collect_marks(&hir, &mut marks);
    marks.sort_unstable();
    marks.dedup();
    marks.truncate(MAX_MARKS);
    fn shadow(hir: &Hir, marks: &[char]) -> Hir {
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
                    Some(t) => {
                        t.chars().map(|c| if c.is_ascii() { c as u8 } else { byte_of(c, marks) }).collect()
                    }
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
                let held =
                    marks.iter().filter(|&&m| c.ranges().iter().any(|r| r.start() <= m && m <= r.end()));
                let mut marked = 0;
                for &m in held {
                    let b = byte_of(m, marks);
                    ranges.push(ClassBytesRange::new(b, b));
                    marked += 1;
                }
                if outside_ascii(c) > marked {
                    ranges.push(ClassBytesRange::new(SHADE, SHADE));
                }
                Hir::class(regex_syntax::hir::Class::Bytes(ClassBytes::new(ranges)))
            }
            HirKind::Class(_) => hir.clone(),
            HirKind::Concat(v) => Hir::concat(v.iter().map(|h| shadow(h, marks)).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.iter().map(|h| shadow(h, marks)).collect()),
            HirKind::Repetition(r) => {
                let sub = Box::new(shadow(&r.sub, marks));
                if r.min > MAX_COUNT || r.max.is_some_and(|max| max > MAX_COUNT) {
                    return Hir::repetition(Repetition { sub, min: r.min.min(1), max: None, ..r.clone() });
                }
                Hir::repetition(Repetition { sub, ..r.clone() })
            }
            HirKind::Capture(c) => {
                Hir::capture(Capture { sub: Box::new(shadow(&c.sub, marks)), ..c.clone() })
            }
        }
    }
    let shadowed = shadow(&hir, &marks);
    let text = shadowed.to_string();
    let parser = || regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build();
    let folded = crate::regex_text::fold_case_runs(&text);
    let marks: String = marks.into_iter().collect();
    if parser().parse(&folded).ok().as_ref() == Some(&shadowed) {
        return Some(Shadow { pattern: folded, marks });
    }
    (parser().parse(&text).ok()? == shadowed).then_some(Shadow { pattern: text, marks })
}

/// How many characters outside ASCII `class` holds (surrogates, which are
/// no characters, left out).
fn outside_ascii(class: &regex_syntax::hir::ClassUnicode) -> u32 {
    let span = |a: u32, b: u32| if a > b { 0 } else { b - a + 1 };
    class
        .ranges()
        .iter()
        .map(|r| {
            let (a, b) = ((r.start() as u32).max(0x80), r.end() as u32);
            span(a, b).saturating_sub(span(a.max(0xD800), b.min(0xDFFF)))
        })
        .sum()
}

/// The characters outside ASCII of `hir`'s literals and small classes.
fn collect_marks(hir: &regex_syntax::hir::Hir, marks: &mut Vec<char>) {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Literal(l) => {
            if let Ok(t) = std::str::from_utf8(&l.0) {
                marks.extend(t.chars().filter(|c| !c.is_ascii()));
            }
        }
        HirKind::Class(Class::Unicode(c)) if (1..=SMALL_CLASS).contains(&outside_ascii(c)) => {
            for r in c.ranges() {
                marks.extend((r.start()..=r.end()).filter(|c| !c.is_ascii()));
            }
        }
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|h| collect_marks(h, marks)),
        HirKind::Repetition(r) => collect_marks(&r.sub, marks),
        HirKind::Capture(c) => collect_marks(&c.sub, marks),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's shadow matches the pattern's wherever the pattern matches the
    /// line; a line whose characters outside ASCII are none of the marks is
    /// told apart from one with a mark.
    #[test]
    fn marks_are_told_apart_and_nothing_is_lost() {
        let p =
            r"(?mR)\A[^\S\r\n]*(?P<line>(?:(?i:crédit)\s*:\s*\w+|©\s*[^\n.!?]+|[’']s\b[^\n]*))[^\S\r\n]*\z";
        let s = pattern(p).unwrap();
        let marks: Vec<char> = s.marks.chars().collect();
        for m in ['©', '’', 'é', 'É'] {
            assert!(marks.contains(&m), "{m} in {:?}", s.marks);
        }
        assert!(marks.windows(2).all(|w| w[0] < w[1]));
        let u = regex::Regex::new(p).unwrap();
        let shadow = regex::bytes::RegexBuilder::new(&s.pattern).unicode(false).build().unwrap();
        let seen = |t: &str| shadow.is_match(&shade(t, &marks));
        for t in [
            "© Getty",
            "CRÉDIT: Ünal",
            "crédit:x",
            "’s own",
            "'s",
            "x",
            "Café au lait",
            "© ünal",
            "CRÉDIT: 東京",
        ] {
            assert!(!u.is_match(t) || seen(t), "{t}");
        }
        // A line outside ASCII with no mark: once let through by any class
        // with a character outside ASCII, now turned away.
        assert!(!seen("Café au lait") && !seen("naïve"));
        assert!(seen("© Getty") && seen("CRÉDIT: Ünal"));
        // Large classes (`\w`) still stand for every other character.
        assert!(seen("crédit: 東京"));
    }

    #[test]
    fn the_marks_are_at_most_what_bytes_can_tell_apart() {
        // Two of each, so that the alternation stays literals (not one class).
        let many: String = ('\u{100}'..'\u{300}').map(|c| format!("{c}{c}|")).collect::<String>() + "x";
        let s = pattern(&many).unwrap();
        assert_eq!(s.marks.chars().count(), MAX_MARKS);
        let marks: Vec<char> = s.marks.chars().collect();
        let shadow = regex::bytes::RegexBuilder::new(&s.pattern).unicode(false).build().unwrap();
        // Past the marks, a literal is the shade: still found.
        assert!(
            shadow.is_match(&shade("\u{2ff}\u{2ff}", &marks))
                && shadow.is_match(&shade("\u{100}\u{100}", &marks))
        );
    }

    #[test]
    fn long_counts_are_loosened_short_ones_kept() {
        let p = r"\A(?:[^\n]{10,}?[a-z]\s+Getty|Fot\.\s+[^\n]{3,80}|\d{4}\s+PA|x{0,9}y)\z";
        let s = pattern(p).unwrap();
        // No count past MAX_COUNT is left; `{4}` is.
        let counts = regex::Regex::new(r"\{(\d+)(?:,(\d*))?\}").unwrap();
        for c in counts.captures_iter(&s.pattern) {
            for n in [c.get(1), c.get(2)].into_iter().flatten().filter(|n| !n.is_empty()) {
                assert!(n.as_str().parse::<u32>().unwrap() <= MAX_COUNT, "{} in {}", &c[0], s.pattern);
            }
        }
        assert!(s.pattern.contains("{4}"), "{}", s.pattern);
        let u = regex::Regex::new(p).unwrap();
        let shadow = regex::bytes::RegexBuilder::new(&s.pattern).unicode(false).build().unwrap();
        let seen = |t: &str| shadow.is_match(t.as_bytes());
        for t in
            ["It is a long caption Getty", "Fot. Jan Kowalski", "2011 PA", "xxxxy", "y", "x Getty", "Fot. A"]
        {
            assert!(!u.is_match(t) || seen(t), "{t}");
        }
        // Looser (a shorter caption passes), still a filter.
        assert!(seen("ab Getty") && !u.is_match("ab Getty"));
        assert!(!seen("2011 PB") && !seen("Fot.") && !seen("xxxxxxxxxxz"));
    }
}
