//! Splitting a group's shadows ([`super`]) in two: the alternatives an
//! automaton turns away within a line's first bytes, and those that may
//! begin anywhere in a line ("any text, a word, any text"), looked for by
//! strings one of which their every match holds.
//!
//! Only lines of ASCII without line ends are scanned, so a shadow is first
//! narrowed to them ([`in_ascii_lines`]): what it loses, no scanned line
//! could match.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A shadow (a bytes pattern without Unicode) for the scanned lines: what
/// automata keep of it, and strings in any ASCII case one of which each
/// match of the rest holds. `None` when it does not parse.
pub(super) fn shadow(pattern: &str) -> Option<Shadow> {
    let parsed = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(pattern).ok()?;
    let mut strings = Vec::new();
    let mut all = Vec::new();
    split(&in_ascii_lines(&parsed), &mut MAX_ALTERNATIVES.clone(), &mut strings, &mut all);
    // An alternative that may begin anywhere but ends in a few particular
    // bytes is read from the line's end.
    let (backward, forward): (Vec<Hir>, Vec<Hir>) =
        all.into_iter().partition(|arm| floats_from(arm, false) && !floats_from(arm, true));
    let some = |arms: Vec<Hir>| (!arms.is_empty()).then(|| Hir::alternation(arms));
    Some(Shadow { forward: some(forward), backward: some(backward), strings })
}

/// What a line scan does with a shadow ([`shadow`]).
#[derive(Debug)]
pub(super) struct Shadow {
    /// The alternatives read from a line's start (`None`: none).
    pub forward: Option<Hir>,
    /// The alternatives read from a line's end.
    pub backward: Option<Hir>,
    /// Strings in any ASCII case one of which each match of the rest holds.
    pub strings: Vec<Vec<u8>>,
}

/// The shortest string looked for in place of an alternative: shorter
/// ones are in too many lines to turn many away.
const MIN_STRING: usize = 4;

/// A repetition past this many over a class this wide reads any text.
const WIDE_CLASS: u32 = 64;

/// At most this many alternatives are spread out of one shadow.
const MAX_ALTERNATIVES: usize = 256;

/// Adds to `kept` the alternatives of `hir` (a shadow for ASCII lines,
/// [`in_ascii_lines`]) automata keep, and to `strings` those looked for
/// in place of the rest. An alternative that may begin anywhere
/// is looked for by its strings where it has some; otherwise the first
/// alternation in it is spread out (`x(a|b)y` is `xay|xby`, at most
/// `budget` alternatives in all) and each is split in turn.
fn split(hir: &Hir, budget: &mut usize, strings: &mut Vec<Vec<u8>>, kept: &mut Vec<Hir>) {
    if never_matches(hir) {
        return;
    }
    if !floats(hir) {
        return kept.push(hir.clone());
    }
    if let Some(set) = looked_for(hir) {
        return strings.extend(set);
    }
    let arms: Vec<Hir> = match hir.kind() {
        HirKind::Alternation(arms) => arms.clone(),
        HirKind::Concat(parts) => {
            let Some(k) = parts.iter().position(|p| matches!(p.kind(), HirKind::Alternation(_))) else {
                return kept.push(hir.clone());
            };
            let HirKind::Alternation(arms) = parts[k].kind() else { unreachable!() };
            let around = |arm: &Hir| {
                let mut all = parts[..k].to_vec();
                all.push(arm.clone());
                all.extend_from_slice(&parts[k + 1..]);
                Hir::concat(all)
            };
            arms.iter().map(around).collect()
        }
        _ => return kept.push(hir.clone()),
    };
    if arms.len() > *budget {
        return kept.push(hir.clone());
    }
    *budget -= arms.len();
    arms.iter().for_each(|arm| split(arm, budget, strings, kept));
}

/// Whether no text matches `hir`: it needs an empty class.
fn never_matches(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Literal(_) => false,
        HirKind::Class(Class::Bytes(c)) => c.ranges().is_empty(),
        HirKind::Class(Class::Unicode(c)) => c.ranges().is_empty(),
        HirKind::Repetition(r) => r.min > 0 && never_matches(&r.sub),
        HirKind::Capture(c) => never_matches(&c.sub),
        HirKind::Concat(parts) => parts.iter().any(never_matches),
        HirKind::Alternation(alts) => alts.iter().all(never_matches),
    }
}

/// `hir` for lines of ASCII without line ends, which are all the scan
/// reads: the bytes outside ASCII, `\n` and `\r` leave every class and
/// literal (a literal with one matches no such line).
fn in_ascii_lines(hir: &Hir) -> Hir {
    use regex_syntax::hir::{ClassBytes, ClassBytesRange, Repetition};
    let fits = |b: u8| b.is_ascii() && b != b'\n' && b != b'\r';
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(l) if l.0.iter().all(|&b| fits(b)) => hir.clone(),
        HirKind::Literal(_) => Hir::fail(),
        HirKind::Class(Class::Bytes(c)) => {
            let mut kept = ClassBytes::new(
                c.ranges()
                    .iter()
                    .filter(|r| r.start() < 0x80)
                    .map(|r| ClassBytesRange::new(r.start(), r.end().min(0x7F))),
            );
            kept.difference(&ClassBytes::new([
                ClassBytesRange::new(b'\n', b'\n'),
                ClassBytesRange::new(b'\r', b'\r'),
            ]));
            Hir::class(Class::Bytes(kept))
        }
        HirKind::Class(Class::Unicode(_)) => hir.clone(),
        HirKind::Repetition(r) => {
            let sub = in_ascii_lines(&r.sub);
            match (never_matches(&sub), r.min) {
                (true, 0) => Hir::empty(),
                (true, _) => Hir::fail(),
                _ => Hir::repetition(Repetition { sub: Box::new(sub), ..r.clone() }),
            }
        }
        // The scan asks only whether a line matches: groups need not capture.
        HirKind::Capture(c) => in_ascii_lines(&c.sub),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(in_ascii_lines).collect()),
        HirKind::Alternation(alts) => {
            Hir::alternation(alts.iter().map(in_ascii_lines).filter(|a| !never_matches(a)).collect())
        }
    }
}

/// Whether a match of `hir` may begin after any text: whether a repetition
/// over a wide class (`[^\n]*`) comes before any string or narrow class.
pub(super) fn floats(hir: &Hir) -> bool {
    floats_from(hir, false)
}

/// Whether a match of `hir` read from its end (`from_end`) or its start may
/// run through any text before a string or narrow class.
fn floats_from(hir: &Hir, from_end: bool) -> bool {
    /// `Some` once it is known; `None` for what may match nothing.
    fn first(hir: &Hir, from_end: bool) -> Option<bool> {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => None,
            HirKind::Literal(_) | HirKind::Class(_) => Some(false),
            HirKind::Capture(c) => first(&c.sub, from_end),
            HirKind::Repetition(r) => {
                let wide = matches!(r.sub.kind(), HirKind::Class(c) if spans_words(c));
                if wide && r.max.is_none_or(|max| max > 8) {
                    return Some(true);
                }
                match first(&r.sub, from_end) {
                    Some(false) if r.min == 0 => None,
                    f => f,
                }
            }
            HirKind::Concat(parts) if from_end => parts.iter().rev().find_map(|p| first(p, true)),
            HirKind::Concat(parts) => parts.iter().find_map(|p| first(p, false)),
            HirKind::Alternation(alts) => {
                let each: Vec<Option<bool>> = alts.iter().map(|a| first(a, from_end)).collect();
                if each.contains(&Some(true)) {
                    Some(true)
                } else if each.iter().all(|f| *f == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }
    first(hir, from_end) == Some(true)
}

/// Whether a repetition of `class` may run across words: it holds the
/// space and at least [`WIDE_CLASS`] bytes (`[^\n]`, `.`, `[^()\n]`; not
/// `\w` or `\S`).
fn spans_words(class: &Class) -> bool {
    let space = match class {
        Class::Bytes(c) => c.ranges().iter().any(|r| r.start() <= b' ' && b' ' <= r.end()),
        Class::Unicode(c) => c.ranges().iter().any(|r| r.start() <= ' ' && ' ' <= r.end()),
    };
    space && class_size(class) >= WIDE_CLASS
}

fn class_size(class: &Class) -> u32 {
    match class {
        Class::Bytes(c) => c.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum(),
        Class::Unicode(c) => c.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum(),
    }
}

/// Strings one of which every match of `alt` in a scanned line holds, each
/// at least [`MIN_STRING`] long; `None` when there are none such. A string
/// with a byte outside ASCII or a line end cannot be in a scanned line,
/// and is left out (when all are, no scanned line matches `alt`).
fn looked_for(alt: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = crate::literals::one_of(alt)?;
    let in_line = |s: &Vec<u8>| s.iter().all(|&b| b.is_ascii() && b != b'\n' && b != b'\r');
    let set: Vec<Vec<u8>> = set.into_iter().filter(in_line).collect();
    set.iter().all(|s| s.len() >= MIN_STRING).then_some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(p: &str) -> Hir {
        regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(p).unwrap()
    }

    fn matches(h: &Hir, line: &str) -> bool {
        regex::bytes::RegexBuilder::new(&h.to_string())
            .unicode(false)
            .build()
            .unwrap()
            .is_match(line.as_bytes())
    }

    #[test]
    fn a_shadow_narrowed_to_ascii_lines_matches_the_same_ascii_lines() {
        // A part that needs a byte outside ASCII: gone where it must match,
        // matching nothing where it may (the `?`).
        let shadow = parse(
            r"(?-u:\A(?:gew\x82hr|(?i:haftungs)(?:ausschluss|beschr\x82nkung)(?:\s+f\x84r\s+links)?\s*:?)\z)",
        );
        let narrowed = in_ascii_lines(&shadow);
        for line in
            ["Haftungsausschluss", "haftungsausschluss:", "Haftungsbeschrnkung", "gewhr", "", "Haftungs"]
        {
            assert_eq!(matches(&narrowed, line), matches(&shadow, line), "{line:?}");
        }
        assert!(matches(&narrowed, "Haftungsausschluss"));
        assert!(never_matches(&in_ascii_lines(&parse(r"(?-u:a\x82b|\xFF+)"))));
        assert!(!never_matches(&in_ascii_lines(&parse(r"(?-u:a(?:\x82)?b)"))));
        // A line end is never inside a scanned line.
        assert!(never_matches(&in_ascii_lines(&parse(r"(?-u:a\nb)"))));
    }

    #[test]
    fn an_alternative_that_may_begin_anywhere_is_looked_for_by_its_strings() {
        let shadow = r"(?-u:\A[ \t]*(?:(?i:advertisement)|[^\n]*all\s+rights\s+reserved[^\n]*|[^\n]*\(c\)[^\n]*)[ \t]*\z)";
        let split = super::shadow(shadow).unwrap();
        let (kept, strings) = (split.forward.unwrap(), split.strings);
        assert!(split.backward.is_none());
        // The anchored alternative stays, and the one with no string of four
        // bytes or more; "reserved" stands for the other.
        assert!(!floats(&parse(r"\A[ \t]*(?i:advertisement)")));
        assert!(floats(&parse(r"\A[ \t]*[^\n]*reserved")));
        assert_eq!(strings, vec![b"reserved".to_vec()]);
        assert!(matches(&kept, "Advertisement") && matches(&kept, "Text (c) 2019"));
        assert!(!matches(&kept, "All rights reserved."));
    }

    #[test]
    fn an_alternative_that_ends_in_particular_bytes_is_read_from_the_end() {
        // "… (AFP/Getty)": any text first, no string of four bytes, but a
        // closing bracket last; a word (`\w+`, `\S+`) is no "any text".
        let split = super::shadow(r"(?-u:\A(?:[^\n]+\([A-Z]+/[A-Z]+\)|\S+\s+said)[ \t]*\z)").unwrap();
        let (forward, backward) = (split.forward.unwrap(), split.backward.unwrap());
        assert!(split.strings.is_empty());
        assert!(
            matches(&backward, "Storm damage (AFP/GETTY)") && !matches(&forward, "Storm damage (AFP/GETTY)")
        );
        assert!(matches(&forward, "Smith said") && !floats(&forward));
    }
}
