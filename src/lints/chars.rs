//! Shared by the character lints: scanning for characters of a set, and
//! naming them, since a terminal will not show them.

use crate::document::Document;
use crate::finding::{Fix, Span};
use crate::lint::Context;

/// Reports every character for which `message` returns a message; `fix`
/// makes the fix for it. ASCII documents are skipped unless `ascii` is set.
pub fn scan(
    doc: &Document,
    cx: &mut Context<'_>,
    ascii: bool,
    message: impl Fn(usize, char) -> Option<String>,
    label: &str,
    help: &str,
    fix: impl Fn(Span, char) -> Option<Fix>,
) {
    if doc.is_ascii() && !ascii {
        return;
    }
    for (at, ch) in doc.text().char_indices() {
        if ch.is_ascii() && !ascii {
            continue;
        }
        if let Some(msg) = message(at, ch) {
            let span = Span::new(at, at + ch.len_utf8());
            let f = cx.report(span, msg);
            f.label(label).help(help);
            if let Some(x) = fix(span, ch) {
                f.fix(x);
            }
        }
    }
}

/// `U+00A0 NO-BREAK SPACE`: the code point, and its name where we know it.
pub fn describe(ch: char) -> String {
    match name(ch) {
        Some(n) => format!("U+{:04X} {n}", ch as u32),
        None => format!("U+{:04X}", ch as u32),
    }
}

fn name(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{1680}' => "OGHAM SPACE MARK",
        '\u{2000}' => "EN QUAD",
        '\u{2001}' => "EM QUAD",
        '\u{2002}' => "EN SPACE",
        '\u{2003}' => "EM SPACE",
        '\u{2004}' => "THREE-PER-EM SPACE",
        '\u{2005}' => "FOUR-PER-EM SPACE",
        '\u{2006}' => "SIX-PER-EM SPACE",
        '\u{2007}' => "FIGURE SPACE",
        '\u{2008}' => "PUNCTUATION SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{200A}' => "HAIR SPACE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{205F}' => "MEDIUM MATHEMATICAL SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        '\u{FFFD}' => "REPLACEMENT CHARACTER",
        '\u{7F}' => "DELETE",
        '\u{1B}' => "ESCAPE",
        '\u{0}' => "NULL",
        '\u{7}' => "BELL",
        '\u{8}' => "BACKSPACE",
        '\u{B}' => "LINE TABULATION",
        '\u{C}' => "FORM FEED",
        _ => return None,
    })
}
