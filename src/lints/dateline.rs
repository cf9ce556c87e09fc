use std::sync::LazyLock;

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a mangled dateline (`WASHINGTON Reuters -The`) or one mid-document.
    /// Mangled: the wire-service dateline lost its punctuation (`(CNN)President`).
    /// Mid-document: it comes after three real paragraphs, so the story's opening
    /// paragraph landed after others.
    ///
    /// ## Why is this bad?
    /// A mangled dateline glues the place, the agency and the first word together. A
    /// dateline after the first paragraphs means the paragraphs are out of order, or two
    /// stories were joined.
    ///
    /// ## Example
    /// `WASHINGTON Reuters -The United States` — should read
    /// `WASHINGTON (Reuters) - The United States`
    ///
    /// ## Fix safety
    /// No fix: the right order of the paragraphs is for a person to decide.
    Dateline, name = "dateline", category = Typography, fix = Never
}

const AGENCIES: &str = r"Reuters|AP|AFP|CNN|UPI|Bloomberg|dpa|Xinhua|IANS|PTI|ANI|TASS|Interfax|EFE|ANSA|Kyodo|Yonhap|BBC|CNBC|NBC|CBS|ABC|Fox";

/// A dateline at the start of a line: PLACE (AGENCY) - Text, well formed or not.
/// Group `bad` is set when its punctuation is damaged.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?m)^(?:(?P<place>[A-Z][A-Z.'-]{{2,}}(?:[ ,]+[A-Z][A-Za-z.'-]+){{0,3}}),?\s+)?(?:\((?:{a})\)\s*[-–—]?\s+[A-Z]|\((?:{a})\)\s*[-–—]?(?P<glued>[A-Z][a-z])|(?P<bare>(?:{a}))\s*[-–—]\s*(?P<nospace>[A-Z])?)",
        a = AGENCIES
    ))
    .unwrap()
});

impl Lint for Dateline {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        // A dateline is out of place once three real paragraphs (100+
        // characters ending a sentence) came before it; titles, bylines,
        // dates and captions before the first paragraph do not count.
        let mut paragraphs = 0;
        let mut head_end = doc.text().len();
        for span in doc.lines() {
            let line = doc.slice(span).trim_end();
            if line.len() >= 100 && line.ends_with(['.', '!', '?', '"', '”']) {
                paragraphs += 1;
                if paragraphs == 3 {
                    head_end = span.end;
                    break;
                }
            }
        }
        for caps in DATELINE.captures_iter(doc.text()) {
            let m = caps.get(0).unwrap();
            let bare = caps.name("bare").is_some();
            // A bare agency name needs a place before it to be a dateline.
            if bare && caps.name("place").is_none() {
                continue;
            }
            let mangled = bare || caps.name("glued").is_some();
            let misplaced = m.start() >= head_end;
            if !mangled && !misplaced {
                continue;
            }
            let end = m.as_str().trim_end_matches(|c: char| c.is_alphabetic()).len() + m.start();
            let span = Span::new(m.start(), end.max(m.start() + 1));
            let text = crate::escape::escape(doc.slice(span).trim_end());
            let (message, label) = match (mangled, misplaced) {
                (true, true) => (
                    format!("mangled dateline `{text}` in the middle of the document"),
                    "mangled dateline, out of place",
                ),
                (true, false) => (format!("mangled dateline `{text}`"), "punctuation lost"),
                _ => (
                    format!("dateline `{text}` in the middle of the document"),
                    "opening paragraph out of place",
                ),
            };
            let help = if misplaced {
                "a dateline opens a story: the paragraphs are out of order, or two stories were joined"
            } else {
                "restore the dateline's punctuation: `PLACE (Agency) - Text`"
            };
            cx.report(span, message).label(label).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires() {
        assert_count("dateline", "WASHINGTON Reuters -The United States said", 1);
        assert_count("dateline", "(CNN)President Biden said", 1);
        let para = "A paragraph of the story that is long enough to count as one real paragraph, with a full stop at its very end.\n";
        let text = format!("Title\n{para}{para}{para}LONDON (Reuters) - The pound fell.\n");
        assert_count("dateline", &text, 1);
    }

    #[test]
    fn stays_silent() {
        assert_count("dateline", "WASHINGTON (Reuters) - The United States said\n", 0);
        let text = "Title\nImage 1 of 3\nA caption\nMay 1\nLONDON (AP) — The pound fell.\nMore.\n";
        assert_count("dateline", text, 0);
        assert_count("dateline", "Reuters - the agency - said so.\nAP style is strict.\n", 0);
    }
}
