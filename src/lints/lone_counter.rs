use std::sync::LazyLock;

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a line that is only a number: a share or comment counter, an image count, an
    /// id (`6`, `4 553`, `191119052250266`). The number starts the line; a figure written
    /// with thousands commas (`78,000`, an attendance), an indented number, a number that
    /// follows the previous lone number in sequence (numbered sections), one next to a row
    /// of figures (a table), one that ends a long open line before it (a wrapped date), and
    /// any number in hard-wrapped text (books: verse and page numbers) are left alone.
    ///
    /// ## Why is this bad?
    /// Share counts, comment counts and image numbers sit next to the article on the page
    /// and come out as lines holding a bare number. A paragraph that is only a number is not
    /// prose.
    ///
    /// ## Example
    /// ```text
    /// The plague returned.
    /// 6
    /// A hunter ate a rabbit.
    /// ```
    /// The `6` is flagged.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the line, which may be a number the text needs.
    LoneCounter, name = "lone-counter", category = Boilerplate, fix = Always(Unsafe)
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[0-9]{1,3}(?:[ .][0-9]{3})*|[0-9]{4,20})[ \t]*$").unwrap());

/// The nearest non-blank line before (`back`) or after line `i`.
fn neighbour(doc: &Document, i: usize, back: bool) -> Option<&str> {
    let lines = (0..doc.line_count()).map(|j| doc.slice(doc.line_span(j)).trim());
    if back {
        lines.take(i).filter(|l| !l.is_empty()).last()
    } else {
        lines.skip(i + 1).find(|l| !l.is_empty())
    }
}

/// The number ends a sentence wrapped at a fixed width: the line before is
/// as long as such lines are (40 to 90 characters) and open ("… effective
/// July" / "31"). A web page's paragraph lines are longer, or end a sentence.
fn wraps_on(doc: &Document, i: usize) -> bool {
    neighbour(doc, i, true).is_some_and(|p| {
        (40..=90).contains(&p.chars().count())
            && !p.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', '!', '?', ':'])
    })
}

/// A row of a table of figures stands next to it: a line with two numbers
/// or more and something else (a label, a rule).
fn in_table(doc: &Document, i: usize) -> bool {
    let figures = |l: &str| {
        let numeric = |w: &&str| w.starts_with(|c: char| c.is_ascii_digit());
        let n = l.split_whitespace().filter(numeric).count();
        n >= 2 && l.split_whitespace().count() > n
    };
    neighbour(doc, i, true).is_some_and(figures) || neighbour(doc, i, false).is_some_and(figures)
}

impl Lint for LoneCounter {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        if !doc.text().bytes().any(|b| b.is_ascii_digit()) || cx.structure().wrapped {
            return;
        }
        let mut previous: Option<u64> = None;
        for i in 0..doc.line_count() {
            let span = doc.line_span(i);
            let line = doc.slice(span);
            if line.len() > 24 || !NUMBER.is_match(line) {
                continue;
            }
            let digits: String = line.chars().filter(char::is_ascii_digit).collect();
            let value = digits.parse::<u64>().ok();
            let in_sequence = matches!((previous, value), (Some(p), Some(v)) if v == p + 1);
            previous = value;
            if in_sequence || wraps_on(doc, i) || in_table(doc, i) {
                continue;
            }
            let number = line.trim_end();
            cx.report(Span::new(span.start, span.start + number.len()), "a number alone on a line")
                .label("counter")
                .help("delete the line if it is a counter; keep it if it is a heading or a list number the text needs")
                .fix(Fix::unsafe_("delete the line", Edit::delete(doc.line_span_with_terminator(i))));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires_on_counters_and_ids() {
        assert_count("lone-counter", "The plague returned.\n6\nA hunter ate a rabbit.\n6\n", 2);
        assert_count("lone-counter", "4 553\n191119052250266\n", 2);
    }

    #[test]
    fn stays_silent_on_figures_sequences_and_books() {
        assert_count("lone-counter", "In 1984 he left.\n3.5 per cent\nChapter 2\n78,000\n", 0);
        assert_count("lone-counter", "     1\nStarting from fish-shape Paumanok\n", 0);
        assert_count("lone-counter", "1\nIntro.\n2\nMore.\n3\nEnd.\n", 1);
    }
}
