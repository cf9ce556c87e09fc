

use crate::declare_lint;
use crate::lints::relevance::{may_be_link_line, relevance, LINK_LINE, UNRELATED};
use crate::document::Document;
use crate::corpus::Corpus;
use crate::settings::Settings;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint, LintOption};
use crate::stats::Needs;

/// A line whose relevance `related-link` weighs: a link line of 250
/// characters at most.
fn weighed(line: &str) -> bool {
    may_be_link_line(line) && line.chars().count() <= 250 && LINK_LINE.is_match(line)
}

declare_lint! {
    /// ## What it does
    /// Flags an inserted "Read Also: …", "Also read: …", "Related Article: …" or
    /// "READ MORE: …" line, and says how related the linked headline is to the article.
    ///
    /// ## Why is this bad?
    /// News sites insert links to other stories between paragraphs; extractors keep the
    /// link text as a line of its own, a headline from another article in the middle of
    /// the body, often about something else entirely.
    ///
    /// ## Example
    /// `Read Also: Strong 6.9 Magnitude Earthquake Shakes Parts of Western China` in an
    /// article on arms-control talks: "inserted link to an unrelated article (relevance 0.00)".
    ///
    /// Relevance is the TF-IDF cosine similarity between the line and the rest of the
    /// document, with document frequencies from the whole corpus: 0 shares no content
    /// word, 1 is the same text. Below 0.05 the link is called unrelated.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the line.
    RelatedLink, name = "related-link", category = Boilerplate, fix = Always(Unsafe),
    fields = { unrelated: f64 = UNRELATED.default }
}

static OPTIONS: [LintOption; 1] = [UNRELATED];

impl Lint for RelatedLink {
    fn is_corpus_lint(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [LintOption] {
        &OPTIONS
    }

    fn configure(&self, settings: &Settings) -> Option<Box<dyn Lint>> {
        let unrelated = settings.option(&self.info.name, &UNRELATED);
        (unrelated != self.unrelated).then(|| Box::new(RelatedLink { info: self.info.clone(), unrelated }) as _)
    }

    fn stats_needed(&self) -> Needs {
        Needs { words: true, ..Needs::NONE }
    }

    /// Words only for a document with a line it weighs (the lines
    /// `check_corpus` goes past skip the statistics).
    fn stats_needed_by(&self, doc: &Document) -> Needs {
        if doc.lines().any(|span| weighed(doc.slice(span).trim())) {
            self.stats_needed()
        } else {
            Needs::NONE
        }
    }

    fn check_corpus(&self, doc: &Document, corpus: &Corpus<'_>, cx: &mut Context<'_>) {
        let unrelated = self.unrelated;
        {
            for span in doc.lines() {
                let raw = doc.slice(span);
                let line = raw.trim();
                if !weighed(line) {
                    continue;
                }
                let at = doc.trim(span);
                let start = at.start;
                let r = relevance(corpus, doc, at);
                let (what, help) = if r < unrelated {
                    ("an unrelated article", "delete the line; it links to a story about something else")
                } else {
                    (
                        "a related article",
                        "delete the line; it is a link to another page, not part of this article",
                    )
                };
                cx.report(at, format!("inserted link to {what} (relevance {r:.2})"))
                    .label("related link")
                    .help(help)
                    .fix(Fix::unsafe_(
                        "delete the line",
                        Edit::delete(doc.line_span_with_terminator(doc.line_index(start))),
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::engine::{self, Settings};
    use crate::registry::Registry;

    /// A run of a few documents counts content words only when one of them
    /// has a line the lint weighs.
    #[test]
    fn words_are_needed_for_link_lines_only() {
        use crate::stats::Needs;
        let reg = Registry::builtin();
        let lint = reg.lint(reg.find("related-link").unwrap());
        let plain = Document::new("a.txt", "The council met to discuss the city budget.\n");
        let linked = Document::new("b.txt", "The council met.\nRead Also: Council budget talks stall\n");
        assert_eq!(lint.stats_needed_by(&plain), Needs::NONE);
        assert_eq!(lint.stats_needed_by(&linked), lint.stats_needed());
    }

    /// `unrelated-below` reaches the lint as a typed field when the run is set up.
    #[test]
    fn configured_threshold() {
        let mut reg = Registry::builtin();
        reg.only(reg.find("related-link").unwrap());
        let docs = [Document::new(
            "a.txt",
            "The council met to discuss the city budget.\nRead Also: Council budget talks stall\nMore budget news.\n",
        )];
        let message = |settings: &Settings| engine::lint_documents(&reg, &docs, settings)[0][0].message.clone();
        assert!(message(&Settings::default()).contains("to a related article"));
        let mut strict = Settings::default();
        strict.options.insert(("related-link".into(), "unrelated-below".into()), 2.0);
        assert!(message(&strict).contains("to an unrelated article"), "{}", message(&strict));
    }
}
