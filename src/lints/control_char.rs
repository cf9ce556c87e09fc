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
    ascii: crate::lints::chars::Ascii::Controls,
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

    /// The scan reads only the ASCII characters `Ascii::Controls` names:
    /// exactly those the lint picks.
    #[test]
    fn the_scan_reads_every_ascii_character_it_picks() {
        use crate::lints::chars::Ascii;
        for b in 0u8..0x80 {
            assert_eq!(Ascii::Controls.may_start(b), super::is_control(b as char), "{b:#04x}");
            assert!(!Ascii::None.may_start(b), "{b:#04x}");
        }
        // Every ASCII character, over and over, in a text long enough for
        // the scan's 32-byte steps and their tails; alone, and after a
        // character outside ASCII (C1 controls are left to `mojibake`
        // where they read as Windows-1252, so they are tested apart).
        let all: String = (0u8..0x80).map(char::from).collect();
        let controls = (0u8..0x80).filter(|&b| super::is_control(b as char)).count();
        assert_eq!(controls, 30);
        for n in [1, 3, 7] {
            assert_count("control-char", &all.repeat(n), n * controls);
            assert_count("control-char", &format!("é{}", all.repeat(n)), n * controls);
        }
    }
}
