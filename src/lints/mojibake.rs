use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix, Span};
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags mojibake, UTF-8 decoded as Windows-1252 (`â€™` for `’`, `Ã©` for `é`).
    /// The repaired text is offered as a fix.
    ///
    /// ## Why is this bad?
    /// The words are garbled for every reader and every model, and the damage spreads:
    /// each copy of the corpus encodes the garbage again.
    ///
    /// ## Example
    /// `Itâ€™s a cafÃ©` — use instead: `It’s a café`
    ///
    /// A sequence is reported only when its bytes form valid UTF-8 for punctuation,
    /// accented or non-Latin letters, or emoji; `naïve` and `Ça` are left alone.
    ///
    /// ## Fix safety
    /// Unsafe: the repair is a strong guess, not a certainty; review it.
    Mojibake, name = "mojibake", category = Unicode, fix = Always
}

/// The Windows-1252 byte a character came from, if it could be one.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        // Latin-1, and the C1 bytes Windows-1252 leaves undefined
        c if (c as u32) <= 0xFF => c as u32 as u8,
        _ => return None,
    };
    Some(b)
}

/// A plausible character for mojibake to stand for.
fn plausible(c: char) -> bool {
    matches!(c as u32, 0x80..=0x7FF | 0x2000..=0x214F | 0x1F000..=0x1FAFF)
}

/// Decodes one mojibake sequence starting at `at`: (byte length in the text, repaired char).
fn decode_at(text: &str, at: usize) -> Option<(usize, char)> {
    let mut chars = text[at..].chars();
    let lead = cp1252_byte(chars.next()?)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut span = text[at..].chars().next()?.len_utf8();
    for c in chars.take(len - 1) {
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes.push(b);
        span += c.len_utf8();
    }
    let s = std::str::from_utf8(&bytes).ok()?;
    let c = s.chars().next()?;
    plausible(c).then_some((span, c))
}

impl Lint for Mojibake {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        if doc.is_ascii() {
            return;
        }
        let text = doc.text();
        let mut i = 0;
        while i < text.len() {
            let Some((len, c)) = decode_at(text, i) else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            // Join neighbouring sequences into one finding: `â€œHelloâ€` is two.
            let start = i;
            let mut repaired = String::from(c);
            i += len;
            while let Some((len, c)) = decode_at(text, i) {
                repaired.push(c);
                i += len;
            }
            let span = Span::new(start, i);
            let shown = crate::render::escape(&repaired);
            cx.report(
                span,
                format!(
                    "mojibake `{}`: UTF-8 read as Windows-1252; it should read `{shown}`",
                    doc.slice(span)
                ),
            )
            .label(format!("should be `{shown}`"))
            .help("re-decode the source as UTF-8, or apply the suggested repair")
            .fix(Fix::unsafe_(format!("replace with `{shown}`"), Edit::replace(span, repaired)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn repairs() {
        assert_fixed("mojibake", "Itâ€™s a cafÃ©", "It’s a café");
        assert_fixed("mojibake", "â€œHelloâ€\u{9d}", "“Hello”");
        assert_fixed("mojibake", "ðŸ˜€ ok", "😀 ok");
        assert_count("mojibake", "naïve Ça façade Ünïcödé — “quotes” 10 °C", 0);
    }
}
