//! From command-line paths to documents: walk folders in a stable order,
//! read each file once, and turn unreadable or non-text files into findings
//! or errors instead of panics.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::finding::Span;

/// Something to lint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    File { path: PathBuf, display: String },
    Stdin { display: String },
}

impl Input {
    pub fn display(&self) -> &str {
        match self {
            Input::File { display, .. } | Input::Stdin { display } => display,
        }
    }
}

/// Options for finding files under folders.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions linted inside folders (files named directly always are);
    /// empty: every file.
    pub extensions: Vec<String>,
    /// Display name for standard input.
    pub stdin_name: String,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions { extensions: vec!["txt".into()], stdin_name: "-".into() }
    }
}

/// Expands the given paths: a file is taken as is, whatever its extension;
/// a folder is walked (sorted by name, hidden entries skipped) for files with
/// the wanted extensions; `-` is standard input. Paths that cannot be read
/// come back as error messages, and the rest are still returned.
pub fn collect(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        if root.as_os_str() == "-" {
            inputs.push(Input::Stdin { display: opts.stdin_name.clone() });
            continue;
        }
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: {}", display_path(root), io_message(&e)));
                continue;
            }
        };
        if !meta.is_dir() {
            inputs.push(Input::File { path: root.clone(), display: display_path(root) });
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let p = e.path();
                    let wanted = p
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| opts.extensions.iter().any(|w| w.eq_ignore_ascii_case(x)))
                        || opts.extensions.is_empty();
                    if wanted {
                        inputs.push(Input::File { path: p.to_path_buf(), display: display_path(p) });
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().map(display_path).unwrap_or_else(|| display_path(root));
                    let msg = match e.io_error() {
                        Some(io) => io_message(io),
                        None => e.to_string(),
                    };
                    errors.push(format!("{at}: {msg}"));
                }
            }
        }
    }
    (inputs, errors)
}

/// A path as shown to users: as given, with `/` separators, `./` dropped.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The result of reading one input.
#[derive(Debug)]
pub enum Loaded {
    /// Valid UTF-8 text.
    Text(Document),
    /// Not UTF-8: the text up to the first bad byte, with the offset.
    InvalidUtf8 { doc: Document, offset: usize, span: Span },
    /// A NUL byte near the start: skipped.
    Binary { doc: Document },
    /// Could not be read at all.
    Error(String),
}

/// How much of a file is looked at for a NUL byte, as git and ripgrep do.
const BINARY_SNIFF: usize = 8192;

/// Reads one input into a document, reusing `buf` between calls.
pub fn load(input: &Input, buf: &mut Vec<u8>) -> Loaded {
    buf.clear();
    let read = match input {
        Input::File { path, .. } => std::fs::File::open(path).and_then(|mut f| f.read_to_end(buf)),
        Input::Stdin { .. } => std::io::stdin().lock().read_to_end(buf),
    };
    if let Err(e) = read {
        let msg = if e.kind() == std::io::ErrorKind::InvalidInput || e.raw_os_error() == Some(21) {
            "is a folder".to_string()
        } else {
            io_message(&e)
        };
        return Loaded::Error(format!("{}: {msg}", input.display()));
    }
    decode(input.display(), buf)
}

/// Decodes bytes already read (also used for standard input and tests).
pub fn decode(name: &str, bytes: &[u8]) -> Loaded {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Loaded::Binary { doc: Document::new(name, "") };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Loaded::Text(Document::new(name, text)),
        Err(e) => {
            let offset = e.valid_up_to();
            // Shown: the valid text and a replacement character where the bad bytes were.
            let mut shown = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            let line_end =
                bytes[offset..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| offset + p);
            shown.push_str(&String::from_utf8_lossy(&bytes[offset..line_end]));
            let span = Span::new(offset, offset + '\u{FFFD}'.len_utf8());
            Loaded::InvalidUtf8 { doc: Document::new(name, shown), offset, span }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        match decode("x", b"caf\xe9 au lait\nmore") {
            Loaded::InvalidUtf8 { offset, doc, span } => {
                assert_eq!(offset, 3);
                assert_eq!(doc.slice(span), "\u{FFFD}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nul_byte_is_binary() {
        assert!(matches!(decode("x", b"PNG\0\x01"), Loaded::Binary { .. }));
        assert!(matches!(decode("x", b""), Loaded::Text(_)));
    }
}
