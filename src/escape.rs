//! Text made safe for a terminal and a CI log: what every output path
//! (rendering, documents drawn in diagnostics, errors quoting a file,
//! statistics and baselines) escapes. It depends on nothing else in the crate.
//!
//! Two kinds of hostile text: characters that act on a terminal (C0 and C1
//! controls, escape sequences, bidi overrides), and text that a CI runner
//! reads as a command: GitHub runs `::command::` at the start of a log line
//! and the legacy `##[command]` anywhere in one. Every writer neutralises
//! both, each in the form its destination allows.

use std::sync::Arc;

/// The text as drawn on a terminal: control characters, escape sequences
/// and bidi controls are replaced by visible characters of the same UTF-8
/// length, so every byte span still points at the same place.
pub fn display_text(text: &Arc<str>) -> Arc<str> {
    if !text.chars().any(|c| is_unsafe_char(c) || c == '\r') && !text.contains(LEGACY_COMMAND) {
        return text.clone();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            // CRLF: a blank before the newline; a lone CR ends a line.
            out.push(if chars.peek() == Some(&'\n') { ' ' } else { '\n' });
        } else if is_unsafe_char(c) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '\u{00BF}',
                _ => '\u{FFFD}',
            });
        } else {
            out.push(c);
        }
    }
    // `##[` as `#?[`: the same length, no longer a command.
    out.replace(LEGACY_COMMAND, "#?[").into()
}

/// GitHub's legacy workflow command opener, acted on anywhere in a line.
pub const LEGACY_COMMAND: &str = "##[";

/// Characters a fix must never write into a file: controls (C0 but tab,
/// line feed and carriage return; DEL; C1), bidi controls, the zero-width
/// space, word joiner and byte-order mark, and tag characters outside a
/// flag emoji. Each is one another lint flags, bidi controls as an error:
/// a fix that wrote one would trade one finding for a worse one.
pub fn is_hidden_char(c: char) -> bool {
    (is_unsafe_char(c) && c != '\t' && c != '\n' && c != '\r')
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Whether `text` holds a [`is_hidden_char`] character; tag characters
/// count only outside a flag emoji (U+1F3F4 followed by tags).
pub fn writes_hidden(text: &str) -> bool {
    let flag = text.contains('\u{1F3F4}');
    text.chars().any(|c| is_hidden_char(c) && !(flag && ('\u{E0000}'..='\u{E007F}').contains(&c)))
}

/// Characters that must never reach a terminal raw.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F'..='\u{9F}')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line made safe to print (a message, a path, a name): unsafe
/// characters, and line breaks, as `\u{..}`, so it can neither act on a
/// terminal nor start a line of its own (a forged finding, or a GitHub
/// `::error` workflow command).
pub fn escape(s: &str) -> String {
    no_commands(escape_with(s, |c, _| is_unsafe_char(c) || matches!(c, '\r' | '\n')))
}

/// Text of several lines made safe to print (documentation, a diff): as
/// [`escape`], but line feeds, tabs and the CR of a CRLF stay.
pub fn escape_text(s: &str) -> String {
    no_commands(escape_with(s, |c, next| is_unsafe_char(c) || (c == '\r' && next != Some('\n'))))
}

/// CI commands written as escapes: `##[` anywhere as `#\u{0023}[`, and `::`
/// at the start of the text or of one of its lines as `\u{003A}:`. What is
/// printed reads the same and runs nothing.
fn no_commands(s: String) -> String {
    if !s.contains(LEGACY_COMMAND) && !s.contains("::") {
        return s;
    }
    let s = s.replace(LEGACY_COMMAND, "#\\u{0023}[");
    let mut out = String::with_capacity(s.len() + 8);
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        match line.strip_prefix("::") {
            Some(rest) => {
                out.push_str("\\u{003A}:");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

fn escape_with(s: &str, unsafe_at: impl Fn(char, Option<char>) -> bool) -> String {
    // Printable ASCII (most paths and messages) has nothing to escape: one
    // copy, not a character at a time.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.to_owned();
    }
    let mut chars = s.chars().peekable();
    let mut out = String::with_capacity(s.len());
    while let Some(c) = chars.next() {
        if unsafe_at(c, chars.peek().copied()) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text made safe to print: JSON escapes C0 controls, but C1 controls
/// (U+009B opens a terminal control sequence), bidi controls and the line
/// and paragraph separators are legal raw in a string; they are written as
/// `\u....` escapes, which parse back to the same characters.
pub fn json_safe(json: String) -> String {
    // `##[` inside a string as `##\u005b`: the same string, no command in a
    // log that prints the JSON (JSON lines start with `{` or blanks, so
    // `::` never starts one).
    let json = if json.contains(LEGACY_COMMAND) { json.replace(LEGACY_COMMAND, "##\\u005b") } else { json };
    let hostile = |c: char| (!c.is_ascii() && is_unsafe_char(c)) || matches!(c, '\u{2028}' | '\u{2029}');
    // Every such character is outside ASCII, and most output is ASCII: a
    // check of whole words at a time finds that without decoding.
    if json.is_ascii() || !json.chars().any(hostile) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hostile(c) {
            // Every such character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
