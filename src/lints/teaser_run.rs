use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};
use crate::span::Span;
use crate::structure::TeaserEvidence;

declare_lint! {
    /// ## What it does
    /// Flags teasers for other articles that have no list heading: three headline-shaped
    /// lines or more (three to fourteen words, no sentence end, no prices or times), or two
    /// headlines or more each with a one-sentence blurb, that end the document right after a
    /// paragraph of running prose; and single headlines tagged with their medium (`[VIDEO] …`,
    /// `… (Photos)`) after the body's first line. Each must share at most 30% of its words
    /// with the article.
    ///
    /// ## Why is this bad?
    /// A box of other stories often reaches the extracted text without its "More from …"
    /// heading, and a video teaser keeps only its tagged headline. Both read like the
    /// article's last lines.
    ///
    /// ## Example
    /// ```text
    /// (three paragraphs on bridge repairs)
    /// Storm closes coastal road for second night
    /// Local choir wins national competition after ten years
    /// Why rural house prices keep climbing this winter
    /// ```
    ///
    /// Off by default: it guesses. An article may end in a list of its own that no colon
    /// introduces (books, songs, places to visit, verse), and a video's subheading keeps its
    /// tag. Lists after a colon or a label of the page's own ("Further reading") are left
    /// alone, and so is a block in which a line shares more of its words with the article.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the headlines. Headlines with blurbs get no fix: a blurb is a
    /// sentence, and the article's own last section has the same shape.
    TeaserRun, name = "teaser-run", category = Boilerplate, fix = Sometimes(Unsafe), level = Off
}

impl Lint for TeaserRun {
    fn yields(&self) -> bool {
        true
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let st = cx.structure();
        for block in &st.unheaded_teasers(doc) {
            let n = (block.first..=block.last).filter(|&i| !st.features[i].is_empty()).count();
            let span = Span::new(st.features[block.first].start, st.features[block.last].end);
            let whole = Span::new(
                doc.line_span_with_terminator(block.first).start,
                doc.line_span_with_terminator(block.last).end,
            );
            let (message, label, title) = match block.shown_by {
                TeaserEvidence::Blurbs => (
                    format!("{n} lines of headlines with blurbs end the document: none shares more than 30% of its words with the article"),
                    "teasers for other articles",
                    "delete the teasers",
                ),
                TeaserEvidence::MediaTag => (
                    "a headline with a media tag, about something else: it shares at most 30% of its words with the article".to_string(),
                    "teaser for another article",
                    "delete the teaser",
                ),
                _ => (
                    format!("{n} headlines of other articles end the document: none shares more than 30% of its words with the article"),
                    "teasers for other articles",
                    "delete the teasers",
                ),
            };
            let f = cx.report(span, message).label(label).help("delete them if they are teasers; an article's own list stays");
            // A blurb is a sentence: a fix judged by layout never deletes one.
            if block.shown_by != TeaserEvidence::Blurbs {
                f.fix(Fix::unsafe_(title, Edit::delete(whole)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, BODY};

    #[test]
    fn fires_on_headlines_that_end_the_document() {
        let text = format!(
            "{BODY}{BODY}Storm closes coastal road for second night\nLocal choir wins national competition after ten years\nWhy rural house prices keep climbing this winter\n"
        );
        assert_count("teaser-run", &text, 1);
    }

    #[test]
    fn stays_silent_on_a_list_the_article_introduces() {
        let text = format!(
            "{BODY}{BODY}These were the songs the band played:\nDown by the Old Mill Stream\nWhere the River Shannon Flows\nBridge Over Troubled Water\n"
        );
        assert_count("teaser-run", &text, 0);
    }
}
