use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};
use crate::structure::{Role, TeaserEvidence};

declare_lint! {
    /// ## What it does
    /// Flags the teasers for other articles that follow a list heading after the article:
    /// "More from …", "Related stories", "You may also like", "Most read", "Latest news".
    /// The heading must come after three paragraphs of running prose, and every line from it
    /// to the end of the document (or to a comment thread) must be about something else:
    /// none may share more than 30% of its content words with the text above the heading.
    /// One finding covers the block; the heading itself is `section-furniture`'s.
    /// Teasers without a heading are `teaser-run`'s (off by default).
    ///
    /// ## Why is this bad?
    /// Pages end with boxes of other stories, each a headline and its first sentence.
    /// Extracted, they read like more paragraphs of the article, so no shape gives them
    /// away; the heading above them and their change of subject do.
    ///
    /// ## Example
    /// ```text
    /// (three paragraphs on a council budget)
    /// More from the Herald
    /// Storm closes coastal road Heavy rain closed the road on Monday night.
    /// Local team wins cup final The club took the trophy for the first time.
    /// ```
    /// The two lines under the heading are flagged.
    ///
    /// A block in which one line shares more of its words with the article is left alone:
    /// a "Related" label inside an article is followed by more of the article.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the lines under the heading.
    RelatedTeasers, name = "related-teasers", category = Boilerplate, fix = Always(Unsafe)
}

impl Lint for RelatedTeasers {
    fn yields(&self) -> bool {
        true
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let st = cx.structure();
        for block in &st.related {
            let TeaserEvidence::Heading(heading) = block.shown_by else { continue };
            let lines = (block.first..=block.last).filter(|&i| st.roles[i] == Role::Related).count();
            let span = Span::new(st.features[block.first].start, st.features[block.last].end);
            let whole = Span::new(
                doc.line_span_with_terminator(block.first).start,
                doc.line_span_with_terminator(block.last).end,
            );
            let (line, _) = doc.line_col(st.features[heading].start);
            cx.report(
                span,
                format!(
                    "{lines} teasers for other articles under the list heading on line {line}: none shares more than 30% of its words with the article"
                ),
            )
            .label("teasers for other articles")
            .help("delete them with their heading; they belong to the page, not the article")
            .fix(Fix::unsafe_("delete the teasers", Edit::delete(whole)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, BODY};

    #[test]
    fn fires_once_on_teasers_about_other_things() {
        let text = format!(
            "{BODY}{BODY}More from the Herald\nStorm closes coastal road Heavy rain closed the road on Monday night.\nLocal team wins cup final The club took the trophy for the first time.\n"
        );
        assert_count("related-teasers", &text, 1);
    }

    #[test]
    fn stays_silent_when_the_article_goes_on() {
        let last = BODY.lines().last().unwrap();
        let text =
            format!("{BODY}{BODY}Related\n{last}\nStorm closes coastal road Heavy rain closed the road.\n");
        assert_count("related-teasers", &text, 0);
        assert_count("related-teasers", &format!("More from the Herald\n{BODY}"), 0);
    }
}
