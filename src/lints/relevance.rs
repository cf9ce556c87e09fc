//! What `related-link` and `unrelated-insertion` share: how related a line
//! is to the rest of its document, the threshold below which it is not, and
//! the shape of an inserted link line.

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::Corpus;
use crate::document::Document;
use crate::lint::LintOption;
use crate::span::Span;
use crate::stats::words::Idf;

/// Below this relevance a line is unrelated to its document.
pub static UNRELATED: LintOption = LintOption {
    key: "unrelated-below",
    default: 0.05,
    help: "relevance below which a line is unrelated",
    kind: crate::settings::OptionKind::Share,
};

pub static LINK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^
        (?: read \s+ (?:also|more|next) | also \s+ read | must \s+ read | don'?t \s+ miss
          | related (?:\s+ (?:article|articles|story|stories|news|reading|coverage|content|link|links|post|posts|video|topics?))?
          | more \s+ (?:on \s+ this (?:\s+ story)? | stories)
          | recommended (?:\s+ (?:reading|stories|articles|for \s+ you))?
          | (?:see|click) \s+ (?:also|more) )
        \s* [:|»›>—–-] \s* (?P<title>\S.*)$",
    )
    .unwrap()
});

/// Whether `line` (trimmed) may match [`LINK_LINE`]: it starts with the
/// first letter of one of its openings (`read`, `also`, `must`, `don't`,
/// `related`, `more`, `recommended`, `see`, `click`) in either case, or
/// with `ſ`, which `(?i)` takes for `s`. Most lines start otherwise, and
/// are turned away without the pattern.
pub fn may_be_link_line(line: &str) -> bool {
    matches!(
        line.chars().next(),
        Some('r' | 'R' | 'a' | 'A' | 'm' | 'M' | 'd' | 'D' | 's' | 'S' | 'ſ' | 'c' | 'C')
    )
}

/// Relevance of `line` to the rest of the document.
pub fn relevance(corpus: &Corpus<'_>, doc: &Document, line: Span) -> f64 {
    let text = doc.text();
    let rest = format!("{} {}", &text[..line.start], &text[line.end..]);
    let idf = Idf { stats: corpus.stats };
    // `+ 0.0` turns a -0.0 into 0.0 (`max` may return either zero).
    idf.cosine(doc.slice(line), &rest).max(0.0) + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_letter_check_passes_every_line_the_pattern_matches() {
        // Every character a match can start with: what `(?i)` makes of the
        // openings' first letters, found by asking the pattern itself.
        let openings = ["read also: x", "also read: x", "must read: x", "don't miss: x", "related: x"];
        let more = ["more stories: x", "recommended: x", "see also: x", "click more: x", "dont miss: x"];
        for line in openings.iter().chain(&more) {
            assert!(LINK_LINE.is_match(line), "{line}");
            let rest: String = line.chars().skip(1).collect();
            for c in (0..0x3_0000).filter_map(char::from_u32) {
                let swapped = format!("{c}{rest}");
                if LINK_LINE.is_match(&swapped) {
                    assert!(may_be_link_line(&swapped), "{swapped:?}");
                }
            }
        }
        assert!(!may_be_link_line("The senator said") && !may_be_link_line(""));
    }
}
