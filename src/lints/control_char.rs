use crate::declare_lint;
use crate::document::Document;
use crate::finding::Applicability;
use crate::lint::{Context, Lint};
use crate::lints::chars::{CharFix, CharRule};

declare_lint! {
    /// ## What it does
    /// Flags control characters other than tab, line feed and carriage return.
    /// That is the C0 controls (NUL, ESC, form feed, …), DEL, and the C1 controls U+0080–U+009F.
    /// Silent inside mojibake (`Ã\u{AD}` for `í`): the `mojibake` finding owns those
    /// characters, and its repair needs them.
    ///
    /// ## Why is this bad?
    /// They have no place in prose. An escape sequence can drive a terminal that
    /// prints the text; C1 controls are usually Windows-1252 quotes decoded as Latin-1.
    ///
    /// ## Example
    /// `the end\u{1B}[2J` — use instead: `the end`
    ///
    /// ## Fix safety
    /// Safe: the character is deleted; it was never visible.
    ControlChar, name = "control-char", category = Unicode, fix = Always(Safe)
}

pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

const RULE: CharRule = CharRule {
    ascii: true,
    message: "control character",
    describe: true,
    label: "control character",
    help: "delete it",
    fix: Some(CharFix { title: "delete the control character", with: "", applicability: Applicability::Safe }),
    defer_to_mojibake: true,
};

impl Lint for ControlChar {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        RULE.scan(doc, cx, |_, c| is_control(c));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires_and_fixes() {
        assert_fixed("control-char", "the end\u{1b}[2J", "the end[2J");
        assert_count("control-char", "a\u{85}b\u{7f}c\u{c}d", 3);
        assert_count("control-char", "tab\there\r\nline\n", 0);
    }
}
