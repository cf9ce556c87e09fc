use std::sync::LazyLock;

use regex::Regex;

use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags HTML character references left in the text: `&amp;`, `&nbsp;`, `&#8217;`,
    /// `&#x2019;` and the other common named entities.
    ///
    /// ## Why is this bad?
    /// The page was not fully decoded: readers and models see `Tom &amp; Jerry`.
    /// Double-escaped text (`&amp;amp;`) shows up as one finding per pass of `--fix`.
    ///
    /// ## Example
    /// `Tom &amp; Jerry` — use instead: `Tom & Jerry`
    ///
    /// ## Fix safety
    /// Safe: the reference is replaced by the character it stands for (`&nbsp;` by a
    /// plain space). Unknown names are not reported.
    HtmlEntity, name = "html-entity", category = Unicode, fix = Always(Safe)
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});").unwrap()
});

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "sbquo" => "‚",
        "bdquo" => "„",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "middot" => "·",
        "bull" => "•",
        "eacute" => "é",
        "egrave" => "è",
        "ecirc" => "ê",
        "aacute" => "á",
        "agrave" => "à",
        "acirc" => "â",
        "iacute" => "í",
        "oacute" => "ó",
        "ocirc" => "ô",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "euml" => "ë",
        "iuml" => "ï",
        "szlig" => "ß",
        "Eacute" => "É",
        "Uuml" => "Ü",
        "Ouml" => "Ö",
        "Auml" => "Ä",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "prime" => "′",
        "Prime" => "″",
        "shy" => "",
        "zwj" => "",
        "zwnj" => "",
        "lrm" => "",
        "rlm" => "",
        "thinsp" => " ",
        "ensp" => " ",
        "emsp" => " ",
        "dagger" => "†",
        "minus" => "−",
        _ => return None,
    })
}

/// The text a reference stands for. Invisible and space-like characters
/// decode to what the other Unicode lints would want.
fn decode(entity: &str) -> Option<String> {
    let body = &entity[1..entity.len() - 1];
    if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        let c = char::from_u32(n)?;
        if c.is_control() && !matches!(c, '\t' | '\n') {
            return None;
        }
        return Some(match c {
            '\u{A0}' | '\u{2002}'..='\u{200A}' => " ".into(),
            '\u{AD}' | '\u{200B}'..='\u{200F}' => String::new(),
            c => c.to_string(),
        });
    }
    named(body).map(str::to_string)
}

impl Lint for HtmlEntity {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        if !text.contains('&') {
            return;
        }
        // An entity inside mojibake (`caf&Atilde;&copy;`) is a byte of that
        // sequence: the mojibake repair decodes it with the rest.
        let mojibake = crate::lints::mojibake_detect::owned_by(doc);
        for m in ENTITY.find_iter(text) {
            let Some(decoded) = decode(m.as_str()) else {
                continue;
            };
            if mojibake(m.start()) {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            let shown = if decoded.is_empty() {
                "nothing".to_string()
            } else {
                format!("`{}`", crate::escape::escape(&decoded))
            };
            cx.report(span, format!("leftover HTML entity `{}`", m.as_str()))
                .label(format!("stands for {shown}"))
                .help("decode the HTML entities")
                .fix(Fix::safe(format!("replace with {shown}"), Edit::replace(span, decoded)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn leaves_entities_of_mojibake_to_it() {
        assert_count("html-entity", "Un caf&Atilde;&copy; noir, l&acirc;&#128;&#153;eau", 0);
        assert_count("html-entity", "Un caf&Atilde;&copy; noir &amp; blanc", 1);
    }

    #[test]
    fn fires_and_fixes() {
        assert_fixed("html-entity", "Tom &amp; Jerry&#8217;s &#x2019;&nbsp;x", "Tom & Jerry’s ’ x");
        assert_count("html-entity", "AT&T; R&D; Q&A & more &unknownname;", 0);
    }
}
