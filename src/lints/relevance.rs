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

/// Relevance of `line` to the rest of the document.
pub fn relevance(corpus: &Corpus<'_>, doc: &Document, line: Span) -> f64 {
    let text = doc.text();
    let rest = format!("{} {}", &text[..line.start], &text[line.end..]);
    let idf = Idf { stats: corpus.stats };
    // `+ 0.0` turns a -0.0 into 0.0 (`max` may return either zero).
    idf.cosine(doc.slice(line), &rest).max(0.0) + 0.0
}
