use std::sync::LazyLock;

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags reported speech whose quotation marks were stripped.
    /// That is a paragraph with no quotation mark that speaks in the first person and
    /// ends in an attribution: `We are willing to explore it, the official said.`
    /// Off by default: indirect speech can look the same.
    ///
    /// ## Why is this bad?
    /// Without its quotation marks a quotation reads as the writer's own claim, and
    /// models learn the speaker's words as fact.
    ///
    /// ## Example
    /// `We are willing to explore it, the official said.` — should read
    /// `“We are willing to explore it,” the official said.`
    ///
    /// ## Fix safety
    /// No fix: where the quotation starts is for a person to decide.
    StrippedQuote, name = "stripped-quote", category = Typography, fix = Never, level = Off
}

static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<quote>.{20,}?), (?:(?:the|a|an|one|another) )?[\w .-]{0,40}? (?:said|says|added|told (?:\w+ ?){1,3})\.$").unwrap()
});
static FIRST_PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:I|I'm|I've|we|We|our|Our|us|we're|We're)\b").unwrap());

impl Lint for StrippedQuote {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        for line in doc.lines() {
            let text = doc.slice(line);
            if text.contains(['"', '“', '”', '‘', '’', '\'', '«', '»']) || !text.ends_with('.') {
                continue;
            }
            let Some(c) = ATTRIBUTION.captures(text) else {
                continue;
            };
            let quote = c.name("quote").unwrap();
            if !FIRST_PERSON.is_match(quote.as_str()) {
                continue;
            }
            let span = Span::new(line.start + quote.start(), line.start + quote.end());
            cx.report(span, "first-person speech without quotation marks")
                .label("quotation marks stripped?")
                .help("restore the quotation marks around the speaker's words");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires_and_stays_silent() {
        assert_count(
            "stripped-quote",
            "We are willing to explore the possibility of restrictions, the official said.\n",
            1,
        );
        assert_count("stripped-quote", "The talks are aimed at averting a crisis, the official said.\n", 0);
        assert_count("stripped-quote", "“We are willing to explore it,” the official said.\n", 0);
    }
}
