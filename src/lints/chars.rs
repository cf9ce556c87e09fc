//! Shared by the character lints: a [`CharRule`] that scans for characters
//! of a set, and their names, since a terminal will not show them.

use crate::document::Document;
use crate::finding::{Applicability, Edit, Fix};
use crate::lint::Context;
use crate::span::Span;

/// What a character lint reports, described once; [`CharRule::scan`] finds
/// the characters a test picks and reports each one.
pub struct CharRule {
    /// The ASCII characters the test may pick; the others are skipped
    /// unread, and an ASCII document with `Ascii::None`.
    pub ascii: Ascii,
    /// The message, followed by the character's code point and name when
    /// `describe` is set (`odd space U+00A0 NO-BREAK SPACE`).
    pub message: &'static str,
    pub describe: bool,
    pub label: &'static str,
    pub help: &'static str,
    /// The fix for each character, if any.
    pub fix: Option<CharFix>,
    /// Leave characters inside mojibake to the `mojibake` lint: they are
    /// evidence for its repair, and its finding owns them.
    pub defer_to_mojibake: bool,
}

/// Which ASCII characters a [`CharRule`]'s test may pick.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ascii {
    /// None: only characters outside ASCII are looked at.
    None,
    /// The C0 controls but tab, line feed and carriage return; and DEL.
    Controls,
}

impl Ascii {
    /// Whether `b`, the first byte of a character, may start one the test picks.
    #[inline]
    pub(crate) fn may_start(self, b: u8) -> bool {
        b >= 0x80
            || match self {
                Ascii::None => false,
                Ascii::Controls => (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f,
            }
    }
}

/// The first byte at or after `from` (a character boundary) that
/// `may_start` holds for, looked for 32 bytes at a time (a step the
/// compiler does in a few vector instructions): most text is ASCII and
/// holds none.
fn next_candidate(b: &[u8], mut from: usize, may_start: impl Fn(u8) -> bool) -> Option<usize> {
    while from + 32 <= b.len() {
        if b[from..from + 32].iter().fold(false, |any, &x| any | may_start(x)) {
            break;
        }
        from += 32;
    }
    b[from..].iter().position(|&x| may_start(x)).map(|p| from + p)
}

/// A character lint's fix: replace the character with `with` (empty: delete it).
pub struct CharFix {
    pub title: &'static str,
    pub with: &'static str,
    pub applicability: Applicability,
}

impl CharRule {
    /// Reports every character at `at` for which `pick(at, ch)` is true.
    pub fn scan(&self, doc: &Document, cx: &mut Context<'_>, pick: impl Fn(usize, char) -> bool) {
        if doc.is_ascii() && self.ascii == Ascii::None {
            return;
        }
        let owned = self.defer_to_mojibake.then(|| crate::lints::mojibake_detect::owned_by(doc));
        let (text, ascii) = (doc.text(), self.ascii);
        // Only characters that start with a byte `may_start` holds for are
        // read: every character the test may pick does.
        let mut next = 0;
        while let Some(at) = next_candidate(text.as_bytes(), next, |b| ascii.may_start(b)) {
            let ch = text[at..].chars().next().expect("a candidate starts a character");
            next = at + ch.len_utf8();
            if !pick(at, ch) || owned.as_ref().is_some_and(|o| o(at)) {
                continue;
            }
            let span = Span::new(at, at + ch.len_utf8());
            let msg = if self.describe {
                format!("{} {}", self.message, describe(ch))
            } else {
                self.message.into()
            };
            let f = cx.report(span, msg);
            f.label(self.label).help(self.help);
            if let Some(fix) = &self.fix {
                let edit = Edit::replace(span, fix.with);
                f.fix(match fix.applicability {
                    Applicability::Safe => Fix::safe(fix.title, edit),
                    Applicability::Unsafe => Fix::unsafe_(fix.title, edit),
                });
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
