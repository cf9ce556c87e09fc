//! Findings about the file itself, made while loading it (see `walk.rs`):
//! these lints never look at text, but they have names, levels and docs
//! like any other, so they can be explained, filtered and turned off.

use crate::declare_lint;
use crate::lint::Lint;

declare_lint! {
    /// ## What it does
    /// Flags a file that is not valid UTF-8, at its first bad byte.
    ///
    /// ## Why is this bad?
    /// A corpus of text should be one encoding. A file in Latin-1 or
    /// Windows-1252, or one cut in the middle of a character, is read
    /// differently by every tool downstream; its other findings cannot be trusted.
    ///
    /// ## Example
    /// The bytes `caf\xE9` (Latin-1 for "café"): re-encode the file as UTF-8.
    ///
    /// The rest of the file is not linted, unless `--lossy` is given: then each bad
    /// sequence is read as U+FFFD, the whole text is linted (positions are in that
    /// decoded text), `replacement-char` stays quiet on it, and `--fix` leaves the
    /// file alone, since writing the decoded text back would lose the bad bytes.
    ///
    /// ## Fix safety
    /// No fix: only the author knows which encoding the file was in.
    InvalidUtf8, name = "invalid-utf8", category = Input, fix = Never
}

impl Lint for InvalidUtf8 {}

declare_lint! {
    /// ## What it does
    /// Notes a file that looks binary and skips it.
    /// A file is binary when its first 8 KiB hold a NUL byte, as git and ripgrep judge.
    ///
    /// ## Why is this bad?
    /// A binary file among text documents is usually a download that went
    /// wrong (an image or a PDF saved as `.txt`). It is skipped, not linted.
    ///
    /// ## Example
    /// A PNG image saved as `article.txt`.
    ///
    /// ## Fix safety
    /// No fix.
    BinaryFile, name = "binary-file", category = Input, fix = Never, level = Info
}

impl Lint for BinaryFile {}

declare_lint! {
    /// ## What it does
    /// Flags a line of a JSONL file (`--input jsonl`) that holds no document: not
    /// JSON, not an object, without the text field, or with a text that is not a string.
    ///
    /// ## Why is this bad?
    /// The record is lost to every tool that reads the shard: a truncated write, a
    /// field renamed by one crawler, a number where text was expected. The other
    /// records of the file are still linted.
    ///
    /// ## Example
    /// `{"id": 7, "body": "..."}` when the text field is `text`: "record has no `text` field".
    ///
    /// ## Fix safety
    /// No fix.
    InvalidRecord, name = "invalid-record", category = Input, fix = Never, level = Error
}

impl Lint for InvalidRecord {}
