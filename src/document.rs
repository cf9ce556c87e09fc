//! A document: its text, shared, with a line index for positions.

use std::sync::Arc;

use crate::span::Span;

/// One text file, standard input, or one record of a JSONL file.
///
/// `text` is shared so findings and renderers can hold it without copying.
/// Loading lives in [`crate::walk`]; a `Document` is always valid UTF-8.
#[derive(Debug, Clone)]
pub struct Document {
    path: Arc<str>,
    /// For a JSONL record: its line number in the file, and its id field.
    record: Option<u64>,
    id: Option<Arc<str>>,
    /// True when the text was decoded with U+FFFD for invalid bytes: it is
    /// not the file's content, and fixes must never be written back.
    lossy: bool,
    text: Arc<str>,
    line_starts: Vec<usize>,
    is_ascii: bool,
    /// The text as drawn on a terminal, made once on first use (see `render`).
    shown: std::sync::OnceLock<Arc<str>>,
    /// The language of the text, found on first use (the structure pass and
    /// the name lint both ask).
    lang: std::sync::OnceLock<Option<crate::lang::Lang>>,
    /// Characters before every [`COLUMN_STEP`]th byte, made when a column
    /// far into a long line is first asked for.
    columns: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between the places [`Document::line_col`] counts characters from.
const COLUMN_STEP: usize = 1024;

impl Document {
    pub fn new(path: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 64 + 1);
        line_starts.push(0);
        // A line ends at "\n", "\r\n" or a lone "\r" (the "\n" of a "\r\n"
        // is skipped: it starts no line of its own).
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                continue;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                line_starts.push(i + 2);
            } else {
                line_starts.push(i + 1);
            }
        }
        Document {
            path: path.into(),
            record: None,
            id: None,
            lossy: false,
            is_ascii: text.is_ascii(),
            text,
            line_starts,
            shown: std::sync::OnceLock::new(),
            lang: std::sync::OnceLock::new(),
            columns: std::sync::OnceLock::new(),
        }
    }

    /// About the memory it holds besides itself: text, line index, path and
    /// id, with the headers of what is shared (and not counting what is
    /// made on first use and dropped after linting).
    pub fn heap_size(&self) -> usize {
        const ARC: usize = 2 * std::mem::size_of::<usize>();
        self.text.len()
            + ARC
            + self.line_starts.capacity() * std::mem::size_of::<usize>()
            + self.path.len()
            + ARC
            + self.id.as_ref().map_or(0, |id| id.len() + ARC)
    }

    /// The file this document comes from (a path as given, or `-`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// This document as record `record` (its line number) of a JSONL file,
    /// with the record's id when it has one.
    pub fn with_record(mut self, record: u64, id: Option<Arc<str>>) -> Self {
        self.record = Some(record);
        self.id = id;
        self
    }

    /// Gives the document an id (reported with its findings).
    pub fn with_id(mut self, id: impl Into<Arc<str>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Marks the text as decoded lossily (see [`Document::is_lossy`]).
    pub fn with_lossy(mut self) -> Self {
        self.lossy = true;
        self
    }

    pub fn record(&self) -> Option<u64> {
        self.record
    }

    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// True when invalid bytes were replaced by U+FFFD: fixes are not written.
    pub fn is_lossy(&self) -> bool {
        self.lossy
    }

    /// The name shown to users: the path, and `#RECORD` for a JSONL record.
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        match self.record {
            Some(r) => format!("{}#{r}", self.path).into(),
            None => (&*self.path).into(),
        }
    }

    /// Identifies the document among all of a corpus: file and record.
    pub fn key(&self) -> DocKey {
        DocKey { path: self.path.clone(), record: self.record }
    }

    pub fn path_arc(&self) -> &Arc<str> {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn text_arc(&self) -> &Arc<str> {
        &self.text
    }

    /// The text with control, escape and bidi characters replaced by visible
    /// ones of the same byte length; computed once per document.
    pub fn shown(&self) -> &Arc<str> {
        self.shown.get_or_init(|| crate::escape::display_text(&self.text))
    }

    /// The language of the text ([`crate::lang::detect_lang`]), found once.
    pub fn lang(&self) -> Option<crate::lang::Lang> {
        *self.lang.get_or_init(|| crate::lang::detect_lang(self.text()))
    }

    /// True when the text is pure ASCII: Unicode lints can skip it.
    pub fn is_ascii(&self) -> bool {
        self.is_ascii
    }

    /// Number of lines (a final line without a terminator counts; an empty
    /// text has one empty line).
    pub fn line_count(&self) -> usize {
        if self.line_starts.len() > 1 && *self.line_starts.last().unwrap() == self.text.len() {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The span of line `idx` (0-based) without its terminator.
    pub fn line_span(&self, idx: usize) -> Span {
        let start = self.line_starts[idx];
        let mut end = self.line_starts.get(idx + 1).copied().unwrap_or(self.text.len());
        let b = self.text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The span of line `idx` including its terminator (what deleting the line removes).
    pub fn line_span_with_terminator(&self, idx: usize) -> Span {
        let start = self.line_starts[idx];
        let end = self.line_starts.get(idx + 1).copied().unwrap_or(self.text.len());
        Span::new(start, end)
    }

    /// Iterates over the lines as spans without terminators.
    pub fn lines(&self) -> impl Iterator<Item = Span> + '_ {
        (0..self.line_count()).map(|i| self.line_span(i))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let idx = self.line_index(byte);
        let start = self.line_starts[idx];
        let col = if self.is_ascii {
            byte - start
        } else if byte - start <= 4 * COLUMN_STEP {
            self.text[start..byte].chars().count()
        } else {
            // Far into a long line: counted from the nearest place, not from
            // the line's start, so many findings on one line stay linear.
            self.chars_before(byte) - self.chars_before(start)
        } + 1;
        (idx + 1, col)
    }

    /// How many characters come before `byte` (a character boundary).
    fn chars_before(&self, byte: usize) -> usize {
        let places = self.columns.get_or_init(|| {
            let mut places = vec![(0, 0)];
            let (mut next, mut count) = (COLUMN_STEP, 0);
            for (at, _) in self.text.char_indices() {
                if at >= next {
                    places.push((at, count));
                    next = at + COLUMN_STEP;
                }
                count += 1;
            }
            places
        });
        let (at, count) = places[places.partition_point(|&(b, _)| b <= byte) - 1];
        count + self.text[at..byte].chars().count()
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The span without the blanks at its ends.
    pub fn trim(&self, span: Span) -> Span {
        let s = self.slice(span);
        let start = span.start + (s.len() - s.trim_start().len());
        Span::new(start, start + s.trim().len())
    }
}

/// A document's identity: its file and, for JSONL, its record. Ordered by
/// path, then record, which is how corpus statistics choose which places to
/// keep, whatever order the documents came in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DocKey {
    pub path: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_far_into_a_long_line_are_counted_in_characters() {
        let line = "é a ".repeat(5_000);
        let text = format!("first\n{line}\nlast é\n");
        let doc = Document::new("t", text.as_str());
        for (at, _) in text.char_indices().step_by(997) {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let expect = (text[..at].matches('\n').count() + 1, text[start..at].chars().count() + 1);
            assert_eq!(doc.line_col(at), expect, "at {at}");
        }
    }

    #[test]
    fn lines_and_positions_with_mixed_terminators() {
        let doc = Document::new("t", "ab\r\ncd\ref\n\u{e9}x");
        assert_eq!(doc.line_count(), 4);
        let lines: Vec<&str> = doc.lines().map(|s| doc.slice(s)).collect();
        assert_eq!(lines, ["ab", "cd", "ef", "\u{e9}x"]);
        assert_eq!(doc.line_col(0), (1, 1));
        assert_eq!(doc.line_col(4), (2, 1));
        // 'x' comes after a two-byte character: column 2, not 3
        assert_eq!(doc.line_col(doc.text().len() - 1), (4, 2));
        assert_eq!(doc.line_span_with_terminator(0), Span::new(0, 4));
    }

    /// Line starts found one byte at a time, as the line index once was.
    fn by_bytes(b: &[u8]) -> Vec<usize> {
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            if matches!(b[i], b'\n' | b'\r') {
                starts.push(i + 1);
            }
            i += 1;
        }
        starts
    }

    #[test]
    fn line_starts_agree_with_a_byte_by_byte_reading_where_the_search_goes_by_blocks() {
        // Two line ends at every pair of nearby places in a 200-byte text:
        // memchr searches 16, 32 and 64 bytes at a time.
        for first in 0..200 {
            for second in first + 1..(first + 4).min(200) {
                for (a, b) in [("\r", "\n"), ("\n", "\r"), ("\r", "\r"), ("\n", "\n")] {
                    let mut text = "a".repeat(200);
                    text.replace_range(second..=second, b);
                    text.replace_range(first..=first, a);
                    let doc = Document::new("t", text.as_str());
                    assert_eq!(doc.line_starts, by_bytes(text.as_bytes()), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn line_starts_agree_with_a_byte_by_byte_reading_on_every_short_text() {
        // Every text of up to 7 characters from "a", "\r", "\n".
        for len in 0..=7u32 {
            for n in 0..3usize.pow(len) {
                let text: String = (0..len).map(|k| ['a', '\r', '\n'][n / 3usize.pow(k) % 3]).collect();
                let doc = Document::new("t", text.as_str());
                assert_eq!(doc.line_starts, by_bytes(text.as_bytes()), "{text:?}");
            }
        }
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        assert_eq!(Document::new("t", "a\n").line_count(), 1);
        assert_eq!(Document::new("t", "").line_count(), 1);
        assert_eq!(Document::new("t", "a\n\n").line_count(), 2);
    }
}

/// The result of reading one document.
#[derive(Debug)]
pub enum Loaded {
    /// Valid UTF-8 text.
    Text(Document),
    /// Not UTF-8: the text up to the first bad byte, with the offset. Not linted.
    InvalidUtf8 { doc: Document, offset: usize, span: Span },
    /// Not UTF-8, read in lossy mode: the whole text with U+FFFD for each bad
    /// sequence (`span`: the first), linted, never fixed.
    Lossy { doc: Document, offset: usize, span: Span, bad: usize },
    /// A NUL byte near the start: skipped.
    Binary { doc: Document },
    /// A JSONL record that holds no document: not JSON, no text field, or a
    /// text that is not a string. `doc` is the record's line.
    BadRecord { doc: Document, span: Span, message: String },
    /// Could not be read at all.
    Error(String),
}

impl Loaded {
    /// The memory it holds, about: the document's text, line index, names
    /// and the structures themselves.
    pub fn heap_size(&self) -> usize {
        let own = std::mem::size_of::<Loaded>();
        match self {
            Loaded::Text(doc)
            | Loaded::InvalidUtf8 { doc, .. }
            | Loaded::Lossy { doc, .. }
            | Loaded::Binary { doc }
            | Loaded::BadRecord { doc, .. } => own + doc.heap_size(),
            Loaded::Error(e) => own + e.len(),
        }
    }
}
