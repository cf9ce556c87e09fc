use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a reader-comment thread kept after the article: one finding from the thread's
    /// header or first comment stamp to the end of the document. A thread needs two signals
    /// within fifteen lines of each other after the article body has started: a header
    /// ("17 Comments", "Post a comment", "Join the discussion", "Comments from our readers")
    /// or comment metadata ("Posted by: NAME | March 3, 2011 9:12 AM", "— Posted by NAME",
    /// "NAME wrote:", "Reply", "Report abuse"); or a header followed by readers' lines: the
    /// first line after it and two of the next five in the first or second person ("I think
    /// you…", "Thanks for…"), quoting no one. "NAME wrote:" goes on a thread but never starts
    /// one: an article may quote a forum message. Date or time lines just before the first
    /// signal (the stamp of the first comment) belong to the thread.
    ///
    /// ## Why is this bad?
    /// Reader comments are other people's text about the article, often the largest part of
    /// an extracted page; in a corpus they pass for the article's own paragraphs.
    ///
    /// ## Example
    /// ```text
    /// The mayor said she was pleased with the outcome of the meeting and with the plan.
    /// Comments
    /// I agree with the mayor on this one.
    /// Posted by: Sam | March 3, 2011 9:12 AM
    /// ```
    /// The last three lines are flagged as one thread.
    ///
    /// ## Fix safety
    /// Unsafe: it deletes everything from the thread's start to the end of the document.
    CommentThread, name = "comment-thread", category = Structure, fix = Always(Unsafe)
}

impl Lint for CommentThread {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let st = cx.structure();
        let Some(thread) = st.thread else { return };
        let last = (thread.start..st.roles.len()).rev().find(|&i| !st.features[i].is_empty());
        let Some(last) = last else { return };
        let lines = (thread.start..=last).filter(|&i| !st.features[i].is_empty()).count();
        let span = Span::new(doc.trim(doc.line_span(thread.start)).start, doc.trim(doc.line_span(last)).end);
        let whole = Span::new(doc.line_span_with_terminator(thread.start).start, doc.text().len());
        let (ev_line, _) = doc.line_col(st.features[thread.evidence].start);
        let evidence = if thread.signals == 1 {
            format!("a comment header on line {ev_line}, readers' lines after it")
        } else {
            format!("{} comment headers or stamps, the first on line {ev_line}", thread.signals)
        };
        cx.report(span, format!("reader-comment thread: {lines} lines to the end of the document ({evidence})"))
        .label("comment thread")
        .help("delete the thread; the comments are not part of the article")
        .fix(Fix::unsafe_("delete the thread", Edit::delete(whole)));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, BODY};

    #[test]
    fn fires_once_on_a_thread() {
        let text = format!(
            "{BODY}3 Comments\nGreat news for the town.\nPosted by: Sam | March 3, 2011 9:12 AM\nReply\n"
        );
        assert_count("comment-thread", &text, 1);
    }

    #[test]
    fn stays_silent_on_quotes_and_one_signal() {
        assert_count("comment-thread", &format!("{BODY}\"We are pleased,\" she said.\nComments\n"), 0);
        assert_count("comment-thread", &format!("Comments\nReply\n{BODY}"), 0);
    }
}
