use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a word that mixes Latin letters with Cyrillic or Greek ones, such as
    /// `Mоscow` with a Cyrillic `о`.
    ///
    /// ## Why is this bad?
    /// Look-alike letters make a word that reads right but matches nothing: search,
    /// name matching and deduplication miss it. They come from OCR, keyboard layouts,
    /// and spam that evades filters.
    ///
    /// ## Example
    /// `Mоscow` (Cyrillic `о`) — use instead: `Moscow`
    ///
    /// `μm` and other units are left alone.
    ///
    /// ## Fix safety
    /// Safe when every letter of the minority script has a look-alike in the majority
    /// one: the word then reads exactly as before. Otherwise no fix is offered.
    MixedScript, name = "mixed-script", category = Unicode, fix = Sometimes(Mixed)
}

#[derive(PartialEq, Clone, Copy)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF if c != '×' && c != '÷' => Script::Latin,
        0x400..=0x4FF => Script::Cyrillic,
        0x370..=0x3FF if c != 'μ' => Script::Greek,
        _ => Script::Other,
    }
}

/// Cyrillic or Greek look-alikes of Latin letters, both ways.
const LOOKALIKES: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('ο', 'o'),
    ('ν', 'v'),
];

fn to_latin(c: char) -> Option<char> {
    LOOKALIKES.iter().find(|(f, _)| *f == c).map(|(_, l)| *l)
}

fn from_latin(c: char, target: Script) -> Option<char> {
    LOOKALIKES.iter().find(|(f, l)| *l == c && script(*f) == target).map(|(f, _)| *f)
}

impl Lint for MixedScript {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        if doc.is_ascii() {
            return;
        }
        let text = doc.text();
        // A word mixing scripts because part of it is mojibake is that lint's
        // finding: its repair gives the word back.
        let mojibake = crate::lints::mojibake_detect::owned_by(doc);
        let mut start = None;
        for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if c.is_alphabetic() {
                start.get_or_insert(at);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let word = &text[s..at];
            if word.is_ascii() {
                continue;
            }
            let count = |sc| word.chars().filter(|&c| script(c) == sc).count();
            let (latin, cyr, greek) = (count(Script::Latin), count(Script::Cyrillic), count(Script::Greek));
            let foreign = if cyr > 0 { Script::Cyrillic } else { Script::Greek };
            let other = cyr + greek;
            if latin == 0 || other == 0 || (cyr > 0 && greek > 0) {
                continue;
            }
            let name = if foreign == Script::Cyrillic { "Cyrillic" } else { "Greek" };
            if word.char_indices().any(|(i, c)| !c.is_ascii() && mojibake(s + i)) {
                continue;
            }
            let span = Span::new(s, at);
            // Repair toward the majority script, when every minority letter has a look-alike.
            let fixed: Option<String> = if latin >= other {
                word.chars().map(|c| if script(c) == foreign { to_latin(c) } else { Some(c) }).collect()
            } else {
                word.chars()
                    .map(|c| if script(c) == Script::Latin { from_latin(c, foreign) } else { Some(c) })
                    .collect()
            };
            let f = cx
                .report(span, format!("word `{word}` mixes Latin and {name} letters"))
                .label(format!("{latin} Latin, {other} {name}"))
                .help("retype the word in one script");
            if let Some(fixed) = fixed {
                f.fix(Fix::safe(
                    format!("replace the look-alike letters: `{fixed}`"),
                    Edit::replace(span, fixed),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn leaves_words_of_mojibake_to_it() {
        // `cafΓ©` mixes scripts because `Γ©` is `é` misread through Windows-1253.
        assert_count("mixed-script", "Le cafΓ© est Γ\u{a0} cΓ΄tΓ© de lβ€™Γ©glise", 0);
        assert_count("mixed-script", "in M\u{43e}scow, a cafÃ©", 1);
    }

    #[test]
    fn fires_and_fixes() {
        assert_fixed("mixed-script", "in M\u{43e}scow today", "in Moscow today");
        assert_fixed(
            "mixed-script",
            "\u{41c}\u{43e}\u{441}\u{43a}\u{432}a",
            "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}",
        );
        assert_count("mixed-script", "Москва and Moscow, Αθήνα and Athens, 5 μm, café", 0);
    }
}
