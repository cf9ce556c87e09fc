use std::sync::LazyLock;

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags the slide lines of a slideshow kept in the text: a counter and the slide's
    /// title on one line (`3/50 Natalie Massenet leaves the company`, `Slide 3 of 50: …`),
    /// when the document has at least three of them out of the same total, in order.
    ///
    /// ## Why is this bad?
    /// A gallery's viewer numbers its slides; extracted, the counters and slide titles
    /// stand between the article's paragraphs and describe pictures the reader no longer has.
    ///
    /// ## Example
    /// ```text
    /// 1/12 The harbour at dawn
    /// The first boats leave before six, and the market opens an hour later.
    /// 2/12 Nets drying on the quay
    /// 3/12 The fish market
    /// ```
    /// The three counter lines are flagged. One `9/11 was a turning point` is left alone:
    /// it takes three counters of one total, rising, none past it.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the line, the slide's title with its counter.
    SlideCounter, name = "slide-counter", category = Boilerplate, fix = Always(Unsafe)
}

/// `N/M title` or `Slide N of M: title` at the start of a line.
static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?i:slide|photo|image|picture)\s+)?([0-9]{1,3})\s*(?:/|(?i:of))\s*([0-9]{1,3})\b[:.)]?\s+\S")
        .unwrap()
});

/// Counters of one total that make a slideshow.
const MIN_SLIDES: usize = 3;

impl Lint for SlideCounter {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        // (line, number, total) of every counter line, in order.
        let mut counters: Vec<(usize, u32, u32)> = Vec::new();
        // One set of group slots for every line: asking for captures would
        // allocate them for each line tried, and most match nothing.
        let mut groups = COUNTER.capture_locations();
        for i in 0..doc.line_count() {
            let line = doc.slice(doc.line_span(i));
            // A counter starts with a digit or one of its words: most lines
            // are passed over on their first letter.
            let first = line.trim_start().bytes().next();
            if line.len() > 300 || !first.is_some_and(|b| b.is_ascii_digit() || b"SsPpIi".contains(&b)) {
                continue;
            }
            if COUNTER.captures_read(&mut groups, line).is_some() {
                let group = |g: usize| groups.get(g).map_or("", |(a, b)| &line[a..b]);
                let (Ok(n), Ok(m)) = (group(1).parse::<u32>(), group(2).parse::<u32>()) else { continue };
                if n >= 1 && n <= m && m >= MIN_SLIDES as u32 {
                    counters.push((i, n, m));
                }
            }
        }
        // Per total: the counters of that total, rising, at least three.
        let mut totals: Vec<u32> = counters.iter().map(|c| c.2).collect();
        totals.sort_unstable();
        totals.dedup();
        for total in totals {
            let run: Vec<&(usize, u32, u32)> = counters.iter().filter(|c| c.2 == total).collect();
            if run.len() < MIN_SLIDES || !run.windows(2).all(|w| w[0].1 < w[1].1) {
                continue;
            }
            for &&(i, n, m) in &run {
                let span = doc.trim(doc.line_span(i));
                cx.report(Span::new(span.start, span.end), format!("slide {n} of {m} of a slideshow: counter and title"))
                    .label("slide counter")
                    .help("delete the line; the slideshow it numbered is gone")
                    .fix(Fix::unsafe_("delete the line", Edit::delete(doc.line_span_with_terminator(i))));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires_on_three_counters_of_one_total() {
        assert_count("slide-counter", "1/12 The harbour\nText.\n2/12 Nets\n3/12 The market\n", 3);
        assert_count("slide-counter", "Slide 1 of 5: Dawn\nSlide 2 of 5: Noon\nSlide 3 of 5: Dusk\n", 3);
    }

    #[test]
    fn stays_silent_on_dates_scores_and_lone_counters() {
        assert_count("slide-counter", "9/11 was a turning point for the city.\n", 0);
        assert_count("slide-counter", "1/12 The harbour\n2/12 Nets\n", 0);
        assert_count("slide-counter", "3/12 A\n2/12 B\n1/12 C\n", 0);
        assert_count("slide-counter", "12/3 A\n12/3 B\n12/3 C\n", 0);
    }
}
