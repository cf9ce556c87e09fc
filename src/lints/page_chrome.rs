use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};
use crate::structure::Role;

declare_lint! {
    /// ## What it does
    /// Flags page furniture outside the article body: menus, section labels, tool links
    /// ("Print", "Text size:"), stamps and breadcrumbs before the article starts or after it
    /// ends. The body is found by structure, not by words: it is the run of lines where
    /// running prose (ten words or more, with the stop words of the document's language)
    /// outweighs short non-sentence lines most. Outside it, every line flagged carries its
    /// own evidence, named in the message: a link, a web address or a copyright sign; a
    /// breadcrumb (`News > World`) or a table row of page words; a publication or update
    /// stamp alone on its line; menu, section or tool words that make up the line ("Home",
    /// "Health News", "Mehr zum Thema"); a menu on one line (`Home · News · Sport`); a
    /// byline above the body; a masthead (short lines above a body that opens on its own
    /// headline). A line without evidence is flagged only between two that have it,
    /// at most two lines apart, or in a menu: a list of three short labels or more of which
    /// one in four has evidence. One line of furniture never vouches for the lines after it.
    ///
    /// Never flagged: a line shaped like a sentence, a line that carries information (a
    /// price, a time of day, a phone number, a quantity, a question or its answer: event
    /// details, schedules, Q&A), a dateline (`WASHINGTON (AP) --`), the title. An e-mail
    /// address is contact information, not a link. A single line needs plain evidence (a
    /// link, a stamp, a breadcrumb or a menu word); a label alone needs a second line.
    ///
    /// ## Why is this bad?
    /// Extractors keep the navigation and furniture around an article. Each site words it
    /// differently, so no phrase list finds it all, but its place and shape give it away.
    ///
    /// ## Example
    /// ```text
    /// Council backs budget
    /// Home | News | Local
    /// Text size:
    /// The council met on Tuesday to discuss the budget for the coming year, and all agreed.
    /// About Us
    /// Contact
    /// ```
    /// The two lines under the title and the two at the end are flagged.
    ///
    /// A run whose every line another lint already flags is not reported again. A document
    /// whose language has no stop-word list (English, Spanish, Portuguese, French, German,
    /// Italian, Dutch) is left alone.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes lines; a judgement from layout needs review. It deletes only
    /// lines without a sentence, so a paragraph after the furniture survives.
    PageChrome, name = "page-chrome", category = Boilerplate, fix = Always(Unsafe)
}

impl Lint for PageChrome {
    fn yields(&self) -> bool {
        true
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let st = cx.structure();
        let n = st.roles.len();
        let mut i = 0;
        while i < n {
            let role = st.roles[i];
            if !matches!(role, Role::ChromeBefore | Role::ChromeAfter | Role::ChromeInside) {
                i += 1;
                continue;
            }
            // A run: chrome lines of the same side, blank lines between them.
            let first = i;
            let mut last = i;
            let mut lines = 1;
            let mut j = i + 1;
            while j < n && (st.roles[j] == role || st.roles[j] == Role::Blank) {
                if st.roles[j] == role {
                    last = j;
                    lines += 1;
                }
                j += 1;
            }
            i = last + 1;
            let span = Span::new(st.features[first].start, st.features[last].end);
            let whole = Span::new(
                doc.line_span_with_terminator(first).start,
                doc.line_span_with_terminator(last).end,
            );
            let (where_, what) = match role {
                Role::ChromeBefore => ("before the article body starts", "page chrome before the body"),
                Role::ChromeInside => ("between the article's paragraphs", "page chrome inside the body"),
                _ => ("after the article body ends", "page chrome after the body"),
            };
            let count = if lines == 1 { "a line".to_string() } else { format!("{lines} lines") };
            // Which evidence made the call, each kind once, in order.
            let mut why: Vec<&str> = Vec::new();
            for e in (first..=last).filter_map(|k| st.evidence[k]) {
                if !why.contains(&e.describe()) {
                    why.push(e.describe());
                }
            }
            cx.report(span, format!("{count} of page furniture {where_} ({})", why.join(", ")))
                .label(what)
                .help("delete it: menus, labels and tool links belong to the page, not the article")
                .fix(Fix::unsafe_(
                    if lines == 1 { "delete the line" } else { "delete the lines" },
                    Edit::delete(whole),
                ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, BODY};

    #[test]
    fn fires_on_runs_before_and_after_the_body() {
        assert_count(
            "page-chrome",
            &format!("Council backs budget\nHome\nNews\n{BODY}About Us\nContact\n"),
            2,
        );
    }

    #[test]
    fn stays_silent_on_headings_sentences_and_lists() {
        assert_count("page-chrome", &format!("Council backs budget\n{BODY}Background\n{BODY}"), 0);
        assert_count("page-chrome", &format!("{BODY}Officials gave no other details.\n"), 0);
        assert_count("page-chrome", &format!("{BODY}Linebacker\n"), 0);
        assert_count("page-chrome", &format!("{BODY}Dates:\nJune 9, Tampa\nJune 10, Miami\n"), 0);
    }
}
