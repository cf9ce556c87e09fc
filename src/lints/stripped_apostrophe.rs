use std::sync::LazyLock;

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags words whose apostrophe was stripped (`each others`, `didnt`, `NATOs eastward`).
    /// An acronym with `s` counts when a lowercase word that is not a verb follows it.
    /// Off by default: acronym plurals (`NGOs said`) look the same.
    ///
    /// ## Why is this bad?
    /// Scrapers that drop non-ASCII characters drop curly apostrophes with them, and
    /// the words that remain are misspellings.
    ///
    /// ## Example
    /// `each others territory` — use instead: `each other's territory`
    ///
    /// ## Fix safety
    /// Unsafe: for acronyms the plural reading may be the right one.
    StrippedApostrophe, name = "stripped-apostrophe", category = Typography, fix = Sometimes(Unsafe), level = Off
}

static CONTRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<w>each other|one another|(?:[Dd]id|[Dd]oes|[Ii]s|[Aa]re|[Ww]as|[Ww]ere|[Hh]as|[Hh]ave|[Hh]ad|[Ww]ould|[Cc]ould|[Ss]hould|[Cc]ouldn|[Dd]on)n)(?P<s>s|t)\b").unwrap()
});
static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<w>[A-Z]{2,6})s (?P<next>[a-z]+)\b").unwrap());

/// Words after `NATOs` that make it a plural subject, not a possessive.
const VERBS: &[&str] = &[
    "are", "were", "have", "had", "say", "said", "do", "did", "can", "could", "will", "would", "should",
    "may", "might", "must", "and", "or", "in", "of", "for", "to", "from", "on", "at", "with", "that",
    "which", "who", "as", "is", "was", "been", "be", "per", "by", "than", "also", "often", "now",
];

impl Lint for StrippedApostrophe {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        for c in CONTRACTION.captures_iter(text) {
            let (w, s) = (c.name("w").unwrap(), c.name("s").unwrap());
            let word = c.get(0).unwrap();
            // "didnt" → "didn't"; "each others" → "each other's"
            let fixed =
                if s.as_str() == "t" { format!("{}'t", w.as_str()) } else { format!("{}'s", w.as_str()) };
            if w.as_str().ends_with('n') && s.as_str() == "s" {
                continue;
            }
            let span = Span::new(word.start(), word.end());
            cx.report(span, format!("`{}` looks like `{fixed}` with its apostrophe stripped", word.as_str()))
                .label("apostrophe missing")
                .help("restore the apostrophe")
                .fix(Fix::unsafe_(format!("write `{fixed}`"), Edit::replace(span, fixed)));
        }
        for c in ACRONYM.captures_iter(text) {
            let next = c.name("next").unwrap().as_str();
            if VERBS.contains(&next) || next.ends_with("ed") {
                continue;
            }
            let w = c.name("w").unwrap();
            let span = Span::new(w.start(), w.end() + 1);
            cx.report(
                span,
                format!("`{}s {next}` may be a possessive with its apostrophe stripped", w.as_str()),
            )
            .label("possessive?")
            .help(format!("write `{}'s` if it is a possessive", w.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires() {
        assert_fixed(
            "stripped-apostrophe",
            "close to each others territory",
            "close to each other's territory",
        );
        assert_fixed("stripped-apostrophe", "he didnt say", "he didn't say");
        assert_count("stripped-apostrophe", "an end to NATOs eastward expansion", 1);
    }

    #[test]
    fn stays_silent() {
        assert_count("stripped-apostrophe", "NGOs said they would help; CEOs are paid well; each other's", 0);
    }
}
