use crate::declare_lint;
use crate::document::Document;
use crate::corpus::Corpus;
use crate::settings::Settings;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint, LintOption};
use crate::lints::relevance::{relevance, LINK_LINE, UNRELATED};
use crate::words::content_words;
use crate::stats::Needs;

declare_lint! {
    /// ## What it does
    /// Flags an orphan headline that is not about the document: a short, title-like line
    /// without end punctuation between two body paragraphs, whose relevance to the rest
    /// of the document is below 0.05.
    ///
    /// Off by default: on the labelled dev set its precision was 0.2 (product titles in
    /// deal posts and sub-headings share few words with their paragraphs).
    ///
    /// ## Why is this bad?
    /// Pages interleave teasers for other stories with the article. Extracted, a teaser
    /// is a line about something else in the middle of the body.
    ///
    /// ## Example
    /// `Stocks rally as oil prices slide` between two paragraphs of an article on
    /// arms-control talks: "line unrelated to the article (relevance 0.00)".
    ///
    /// Relevance is the TF-IDF cosine similarity with the rest of the document (document
    /// frequencies from the corpus). Orphan headlines that are about the article (a
    /// sub-heading, a related teaser) are left alone, as are "Read Also:" lines, which
    /// `related-link` reports with their relevance.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes the line.
    UnrelatedInsertion, name = "unrelated-insertion", category = Structure, fix = Always(Unsafe), level = Off,
    fields = { unrelated: f64 = UNRELATED.default }
}

fn is_paragraph(line: &str) -> bool {
    line.len() >= 150 && line.trim_end().ends_with(['.', '!', '?', '"', '”', '’'])
}

impl Lint for UnrelatedInsertion {
    fn is_corpus_lint(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [LintOption] {
        std::slice::from_ref(&UNRELATED)
    }

    fn configure(&self, settings: &Settings) -> Option<Box<dyn Lint>> {
        let unrelated = settings.option(&self.info.name, &UNRELATED);
        (unrelated != self.unrelated)
            .then(|| Box::new(UnrelatedInsertion { info: self.info.clone(), unrelated }) as _)
    }

    fn stats_needed(&self) -> Needs {
        Needs { words: true, ..Needs::NONE }
    }

    fn check_corpus(&self, doc: &Document, corpus: &Corpus<'_>, cx: &mut Context<'_>) {
        let unrelated = self.unrelated;
        {
            let lines: Vec<Span> = doc.lines().filter(|&s| !doc.slice(s).trim().is_empty()).collect();
            for w in lines.windows(3) {
                let (prev, cur, next) = (doc.slice(w[0]), doc.slice(w[1]).trim(), doc.slice(w[2]));
                let n = cur.chars().count();
                let words = cur.split_whitespace().count();
                if !(20..=120).contains(&n)
                    || words < 4
                    || cur.ends_with(['.', '!', '?', ':', ';', ','])
                    || !is_paragraph(prev)
                    || !is_paragraph(next)
                    || LINK_LINE.is_match(cur)
                    || content_words(cur).count() < 3
                {
                    continue;
                }
                let at = doc.trim(w[1]);
                let start = at.start;
                let r = relevance(corpus, doc, at);
                if r >= unrelated {
                    continue;
                }
                cx.report(at, format!("line unrelated to the article (relevance {r:.2})"))
                    .label("orphan headline")
                    .help("a headline of another story was inserted here: delete it")
                    .fix(Fix::unsafe_(
                        "delete the line",
                        Edit::delete(doc.line_span_with_terminator(doc.line_index(start))),
                    ));
            }
        }
    }
}
