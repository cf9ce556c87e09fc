use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a headline in capital letters standing alone between two paragraphs of running
    /// prose in sentence case: seven words or more (a section heading is shorter), nine
    /// letters in ten upper case, no sentence end. Pages set the teasers they insert into an
    /// article ("SINGER OPENS UP ABOUT HEALTH SCARE AFTER SHOW") in capitals; articles set
    /// their own text in sentence case.
    ///
    /// ## Why is this bad?
    /// An inserted teaser is a headline of another article in the middle of this one.
    ///
    /// ## Example
    /// ```text
    /// The council met on Tuesday to discuss the budget for the coming year, and all agreed.
    /// MAYOR SAYS NEW STADIUM PLAN WILL GO AHEAD
    /// Members said the plan would be put to a vote in the spring, after the public had its say.
    /// ```
    ///
    /// The first line of a document (its title), hard-wrapped text (books, mail, licences,
    /// which set headings and notices in capitals), a line next to a list, a heading or a
    /// paragraph in capitals, and text in a language without a stop-word list are left
    /// alone.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the line.
    CapitalsHeadline, name = "capitals-headline", category = Boilerplate, fix = Always(Unsafe)
}

/// Letters, and how many of them are upper case.
fn case_counts(line: &str) -> (usize, usize) {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    (letters, upper)
}

/// Seven words or more, fifteen letters or more, nine in ten of them upper case.
fn in_capitals(line: &str) -> bool {
    let (letters, upper) = case_counts(line);
    letters >= 15 && upper * 10 >= letters * 9 && line.split_whitespace().count() >= 7
}

/// Running prose in sentence case: most letters lower case.
fn in_sentence_case(line: &str) -> bool {
    let (letters, upper) = case_counts(line);
    upper * 2 < letters
}

impl Lint for CapitalsHeadline {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let st = cx.structure();
        if st.wrapped || st.lang.is_none() {
            return;
        }
        let f = &st.features;
        let nonempty: Vec<usize> = (0..f.len()).filter(|&i| !f[i].is_empty()).collect();
        for w in nonempty.windows(3) {
            let (prev, i, next) = (w[0], w[1], w[2]);
            let line = &doc.text()[f[i].start..f[i].end];
            let prose = |j: usize| f[j].is_strong() && in_sentence_case(&doc.text()[f[j].start..f[j].end]);
            if f[i].sentence_end || !prose(prev) || !prose(next) || !in_capitals(line) {
                continue;
            }
            let whole = doc.line_span_with_terminator(i);
            cx.report(Span::new(f[i].start, f[i].end), "headline in capitals between two paragraphs")
                .label("inserted headline")
                .help("delete the line; it is a teaser for another article")
                .fix(Fix::unsafe_("delete the line", Edit::delete(whole)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    const P: &str = "The council met on Tuesday to discuss the budget for the coming year, and all agreed.";

    #[test]
    fn fires_between_paragraphs() {
        assert_count(
            "capitals-headline",
            &format!("{P}\nMAYOR SAYS NEW STADIUM PLAN WILL GO AHEAD\n{P}\n"),
            1,
        );
    }

    #[test]
    fn stays_silent_on_titles_short_labels_and_sentences() {
        assert_count(
            "capitals-headline",
            &format!("MAYOR SAYS NEW STADIUM PLAN WILL GO AHEAD\n{P}\n{P}\n"),
            0,
        );
        assert_count("capitals-headline", &format!("{P}\nTHE NEW STADIUM (CITY COUNCIL)\n{P}\n"), 0);
        assert_count("capitals-headline", &format!("{P}\nTHE MAYOR SAID THE PLAN WILL GO AHEAD.\n{P}\n"), 0);
        assert_count(
            "capitals-headline",
            &format!("{P}\nMayor Says New Stadium Plan Will Go Ahead\n{P}\n"),
            0,
        );
    }
}
