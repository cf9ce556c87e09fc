//! How a line pattern's match can begin: the strings every match starts
//! with, checked where the line starts (past its blanks) with one anchored
//! Aho-Corasick step over a few bytes. Most short lines of a corpus begin
//! with none of a lint's strings, and the lint's pattern is not run on them:
//! the pattern scans the whole line, this check a few bytes.
//!
//! The check only ever lets more lines through than the pattern matches: a
//! class that is one ASCII letter in both cases (what `(?i)` writes, with
//! Unicode's extra forms of `k` and `s`) is taken as that letter in any ASCII
//! case, and a line whose first bytes are not ASCII is always let through;
//! a pattern whose matches may start anywhere, with a blank, or with
//! nothing, has no check.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Repetition};

/// The start check of one line pattern.
#[derive(Debug)]
pub struct LineStart {
    starts: AhoCorasick,
    /// The longest start, in bytes: the part of a line that must be ASCII.
    longest: usize,
    /// The first bytes of the starts, in both ASCII cases: a line that
    /// begins with another is turned away without the automaton.
    first: [bool; 256],
}

impl LineStart {
    /// The check for `pattern` (a data lint's pattern, before it is wrapped
    /// to match whole lines); `None` when its matches can start anyhow.
    pub fn new(pattern: &str) -> Option<LineStart> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(&format!("(?mR:{pattern})")).ok()?;
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&fold(&hir));
        let starts: Vec<Vec<u8>> =
            seq.literals()?.iter().map(|l| l.as_bytes().to_ascii_lowercase()).collect();
        let opens_blank = |s: &[u8]| match std::str::from_utf8(s) {
            Ok(t) => t.chars().next().is_none_or(char::is_whitespace),
            // A start cut inside a character: not ASCII, maybe a blank.
            Err(_) => true,
        };
        if starts.is_empty() || starts.iter().any(|s| opens_blank(s)) {
            return None;
        }
        let longest = starts.iter().map(Vec::len).max()?;
        let mut first = [false; 256];
        for b in starts.iter().filter_map(|s| s.first()) {
            first[usize::from(b.to_ascii_lowercase())] = true;
            first[usize::from(b.to_ascii_uppercase())] = true;
        }
        let starts = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::Standard)
            .build(&starts)
            .ok()?;
        Some(LineStart { starts, longest, first })
    }

    /// False when no match of the pattern can be the whole of `line`
    /// (blanks around it aside).
    pub fn may_match(&self, line: &str) -> bool {
        let rest = line.trim_start_matches(|c: char| c.is_whitespace() && c != '\r' && c != '\n');
        let head = &rest.as_bytes()[..rest.len().min(self.longest)];
        !head.is_ascii()
            || (head.first().is_some_and(|&b| self.first[usize::from(b)])
                && self.starts.find(Input::new(rest).anchored(Anchored::Yes)).is_some())
    }
}

/// `hir` with every class that holds one ASCII letter in both cases (and
/// no other ASCII character) written as that letter in lower case.
fn fold(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut ascii = c.ranges().iter().filter(|r| r.start() <= '\x7f').flat_map(|r| {
                let end = r.end().min('\x7f');
                (r.start()..=end).take(3)
            });
            match (ascii.next(), ascii.next(), ascii.next()) {
                (Some(a), Some(b), None)
                    if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b) && a != b =>
                {
                    Hir::literal([a.to_ascii_lowercase() as u8])
                }
                _ => hir.clone(),
            }
        }
        HirKind::Concat(v) => Hir::concat(v.iter().map(fold).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(fold).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(fold(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(fold(&c.sub)), ..c.clone() }),
        _ => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_are_checked_at_the_line_start() {
        let s = LineStart::new(r"(?xi) advertisement | sponsored (?:\s+content)? | ad").unwrap();
        for line in ["Advertisement", "  ADVERTISEMENT  ", "\tSponsored content", "Ad", "ad"] {
            assert!(s.may_match(line), "{line}");
        }
        for line in ["The ad ran for a week.", "Read more", "", "   "] {
            assert!(!s.may_match(line), "{line}");
        }
        // Unicode's other `s` and `k`: let through, as the pattern matches them.
        assert!(s.may_match("ſponsored"));
        assert!(regex::Regex::new(r"(?i)^sponsored$").unwrap().is_match("ſponsored"));
        // No check where a match may start anyhow or with a blank.
        assert!(LineStart::new(r"\w+ minutes? read").is_none());
        assert!(LineStart::new(r"\s*Photo:").is_none());
        assert!(LineStart::new(r"(?:Photo)?").is_none());
        // The first-byte table turns away only what the automaton does.
        for b in 0u8..0x80 {
            let line = format!("{}dvertisement", b as char);
            let anchored = s.starts.find(Input::new(&line).anchored(Anchored::Yes)).is_some();
            assert_eq!(
                s.may_match(&line),
                anchored || (b as char).is_whitespace() && s.may_match(&line[1..]),
                "{b:#04x}"
            );
        }
        // Case-sensitive patterns are checked in any case: only looser.
        assert!(LineStart::new("Getty Images").unwrap().may_match("GETTY IMAGES"));
    }
}
