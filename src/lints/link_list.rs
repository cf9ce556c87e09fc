use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};
use crate::literals::Gate;

declare_lint! {
    /// ## What it does
    /// Flags headlines of other articles listed under a sidebar heading ("More:").
    /// Headings are list labels such as "Most read in world news", "Related links:" or
    /// "You may also like"; the list is the title-like lines after one, each optionally
    /// followed by a one-sentence blurb, up to the first real paragraph.
    ///
    /// ## Why is this bad?
    /// Extractors keep the page's lists of other articles. Their headlines are about other
    /// stories, and in a corpus they look like the article's own short paragraphs.
    ///
    /// ## Example
    /// ```text
    /// More:
    /// China completes landing test for its first Mars mission
    /// Spacewalking into history
    /// “We have a need,” the administrator said at the briefing on Tuesday, adding …
    /// ```
    /// The two headlines are flagged; the quotation, a real paragraph, ends the list.
    ///
    /// A list most of whose titles share more than half their content words with the text
    /// above the heading is the article's own ("More:" over its tips, a manual's "More
    /// Functions" section) and is left alone.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes lines; a list that is really the article's own needs review.
    LinkList, name = "link-list", category = Boilerplate, fix = Always(Unsafe)
}

/// Headings that announce a list of other articles. "Highlights", "Read more" and
/// "More information:" lead into the article itself and are not among them.
const HEADING: &str = r"(?x)^
        (?: More \s* : | More (?:\s+[A-Z][\w'’-]*){1,3} \s* :?
          | (?i: related (?:\s+ (?:links|stories|articles|news|coverage|content))? \s* :?
            | most \s+ (?:read|popular|viewed|shared) (?:\s+ [\w\x20]+)? \s* :?
            | (?:you|we \s+ think \s+ you) \s+ (?:may|might) \s+ (?:also \s+)? (?:like|enjoy) \s* :?
            | latest (?:\s+ (?:news|stories|articles|headlines))? \s* :?
            | trending (?:\s+ now)? \s* :? | recommended (?:\s+ for \s+ you)? \s* :?
            | popular \s+ on \s+ [\w\x20]+ | next \s+ up (?:\s+ in \s+ [\w\x20]+)?
            | what \s+ to \s+ read \s+ next | top \s+ stories | also \s+ on \s+ [\w\x20]+ | more \s+ from \s+ [\w\x20]+ ) )
        $";

/// Whether `line` is a heading: most lines hold none of the words the
/// pattern needs, and the pattern is compiled only for a line that does.
fn is_heading(line: &str) -> bool {
    static GATE: LazyLock<Option<Gate>> = LazyLock::new(|| Gate::new(HEADING));
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    // No heading is empty: an empty line does not build the gate either.
    if line.is_empty() || PATTERN.get().is_none() && GATE.as_ref().is_some_and(|g| !g.may_match(line)) {
        return false;
    }
    PATTERN.get_or_init(|| Regex::new(HEADING).unwrap()).is_match(line)
}

const MAX_ITEMS: usize = 30;
const TITLE_MAX: usize = 160;
const BLURB_MAX: usize = 200;

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '?'])
}

impl LinkList {
    fn report(&self, doc: &Document, cx: &mut Context<'_>, line: usize, heading: &str) {
        let span = doc.line_span(line);
        let text = doc.slice(span);
        let start = span.start + (text.len() - text.trim_start().len());
        let item = crate::span::Span::new(start, start + text.trim().len());
        cx.report(item, format!("headline from a list of other articles under `{heading}`"))
            .label("other article")
            .help("delete the list; its headlines belong to other pages")
            .fix(Fix::unsafe_("delete the line", Edit::delete(doc.line_span_with_terminator(line))));
    }
}

impl Lint for LinkList {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let n = doc.line_count();
        let mut i = 0;
        // The content words of the text above the latest heading, grown as
        // the headings go down the document: each word is read once.
        let mut above = Above::default();
        while i < n {
            let heading = doc.slice(doc.line_span(i)).trim();
            i += 1;
            if heading.len() > 60 || !is_heading(heading) {
                continue;
            }
            let heading = heading.to_string();
            let heading_line = i - 1;
            let mut items = 0;
            // The list's shape is set by its first two items: titles only, or
            // title and blurb pairs. A paragraph that breaks the shape ends it.
            let mut pairs: Option<bool> = None;
            let mut after_title = false;
            let (mut found, mut titles) = (Vec::new(), Vec::new());
            while i < n && items < MAX_ITEMS {
                let span = doc.line_span(i);
                let line = doc.slice(span).trim();
                if line.is_empty() {
                    i += 1;
                    continue;
                }
                if line.len() <= 60 && is_heading(line) {
                    // a nested heading ("Latest news" under "Related links:")
                    found.push(i);
                    after_title = false;
                    items += 1;
                    i += 1;
                    continue;
                }
                let chars = line.chars().count();
                let title = chars <= TITLE_MAX && !ends_sentence(line);
                let blurb = !title && after_title && chars <= BLURB_MAX && pairs != Some(false);
                if !title && !blurb {
                    break;
                }
                if blurb {
                    pairs = Some(true);
                } else if after_title {
                    if pairs == Some(true) {
                        break;
                    }
                    pairs = Some(false);
                }
                if title {
                    titles.push(i);
                }
                after_title = title;
                items += 1;
                found.push(i);
                i += 1;
            }
            if about_the_article(doc, heading_line, &titles, &mut above) {
                continue;
            }
            for line in found {
                self.report(doc, cx, line, &heading);
            }
        }
    }
}

/// A title under the heading shares more than this share of its content
/// words with the text above the heading: the list is the article's own.
const OWN_OVERLAP: f64 = 0.5;

/// The content words of a document's first `upto` bytes.
#[derive(Default)]
struct Above {
    upto: usize,
    words: std::collections::HashSet<String>,
}

impl Above {
    /// Reads the words between the last offset and `to`.
    fn grow(&mut self, doc: &Document, to: usize) {
        if to > self.upto {
            self.words.extend(crate::words::content_words(&doc.text()[self.upto..to]).map(|w| w.into_owned()));
            self.upto = to;
        }
    }
}

/// Whether the list is about the article: for most of its titles, more
/// than [`OWN_OVERLAP`] of their content words stand in the text above the
/// heading ("More:" over the article's own tips, not other stories).
fn about_the_article(doc: &Document, heading: usize, titles: &[usize], above: &mut Above) -> bool {
    if titles.is_empty() {
        return false;
    }
    above.grow(doc, doc.line_span(heading).start);
    let own = titles
        .iter()
        .filter(|&&t| {
            crate::words::known_share(doc.slice(doc.line_span(t)), |w| above.words.contains(w))
                .is_some_and(|s| s > OWN_OVERLAP)
        })
        .count();
    2 * own > titles.len()
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    #[test]
    fn fires_on_titles_and_blurbs_until_a_paragraph() {
        let text = "Body.\nMore:\nThe New Space Race\nSpacewalking into history\n\
                    “We have a need and saw a need to bring on some additional providers,” she said at a briefing on Tuesday in Washington, where the agency announced the awards to four companies.\n";
        assert_count("link-list", text, 2);
        let text = "Related links:\nArmenia named most popular spot in 2019\nArmenia has been named the most popular destination, a survey says.\nIconic props will be auctioned\n";
        assert_count("link-list", text, 3);
    }

    /// Most lines skip the pattern: the gate holds the words headings need.
    #[test]
    fn heading_words_gate_the_pattern() {
        let gate = super::Gate::new(super::HEADING).expect("headings need words");
        for heading in ["More:", "Related links:", "Most read", "You may also like", "Top stories", "Next up"] {
            assert!(super::is_heading(heading) && gate.may_match(heading), "{heading}");
        }
        assert!(!gate.may_match("") && !gate.may_match("Spacewalking into history"));
    }

    #[test]
    fn stays_silent_after_headings_that_lead_into_text() {
        assert_count("link-list", "Highlights\nThe courts have declared most settlements legal\n", 0);
        assert_count("link-list", "More information:\nG. Petit et al. Hibernation and Torpor\n", 0);
        assert_count("link-list", "More than 100,000 troops\nhave gathered\n", 0);
    }
}
