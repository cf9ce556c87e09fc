use crate::declare_lint;
use crate::document::Document;
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a short fragment after a paragraph's last sentence (`… dialogue. Will go`).
    /// Info level: it points at a likely truncation.
    ///
    /// ## Why is this bad?
    /// Extractors cut paragraphs at element boundaries and leave the first words of
    /// the next sentence, or of a button, dangling at the end.
    ///
    /// ## Example
    /// `… effective diplomacy and dialogue. Will go` — the fragment `Will go` is residue.
    ///
    /// Only paragraphs of 80 characters or more are looked at, and only one to three
    /// words without end punctuation after a full sentence.
    ///
    /// ## Fix safety
    /// No fix: the missing text may be recoverable from the source.
    DanglingFragment, name = "dangling-fragment", category = Typography, fix = Never, level = Info
}

impl Lint for DanglingFragment {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let n = doc.line_count();
        for k in 0..n {
            let line = doc.line_span(k);
            let text = doc.slice(line).trim_end();
            if text.len() < 80 || text.ends_with(['.', '!', '?', '"', '”', '’', ')', ':', ';', ',', '—', '-'])
            {
                continue;
            }
            // The last sentence end, then one to three words and nothing else.
            let Some(end) = text.rfind(['.', '!', '?']) else {
                continue;
            };
            let before = &text[..end];
            if !before.ends_with(|c: char| c.is_lowercase()) {
                continue; // `U.S. Army`, `No. 10`: not a sentence end
            }
            let tail = text[end + 1..].trim_start();
            if tail.len() == text[end + 1..].len() {
                continue; // no space after the period: not a sentence boundary
            }
            let words: Vec<&str> = tail.split_whitespace().collect();
            let starts_capital = tail.chars().next().is_some_and(|c| c.is_uppercase());
            let plain = words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’'));
            let shouting = tail.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            if words.is_empty() || words.len() > 3 || !starts_capital || !plain || shouting {
                continue;
            }
            // Hard-wrapped text: the sentence goes on on the next line.
            let next = (k + 1..n).map(|j| doc.slice(doc.line_span(j)).trim()).find(|t| !t.is_empty());
            if next.is_some_and(|t| t.starts_with(char::is_lowercase)) {
                continue;
            }
            let start = line.start + text.len() - tail.len();
            let span = Span::new(start, line.start + text.len());
            cx.report(
                span,
                format!("fragment `{}` after the paragraph's last sentence", crate::escape::escape(tail)),
            )
            .label("dangling fragment")
            .help("check the source: the paragraph was cut, or the words are page residue");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires() {
        assert_count(
            "dangling-fragment",
            "He said the talks sought to strike a balance in the region through effective diplomacy and dialogue. Will go\n",
            1,
        );
    }

    #[test]
    fn stays_silent() {
        for text in [
            "He said the talks sought to strike a balance in the region through effective diplomacy and dialogue.\n",
            "Short line. Will go\n",
            "The talks were held in Geneva, and the delegation was led by the deputy secretary of the U.S. Army\n",
            "A headline without a full stop that is longer than eighty characters in all, like this one here\n",
            // Hard-wrapped: the sentence goes on on the next line.
            "The draft defines how the server answers a request for a document it holds. This\nspecification describes the rest.\n",
        ] {
            assert_count("dangling-fragment", text, 0);
        }
    }
}
