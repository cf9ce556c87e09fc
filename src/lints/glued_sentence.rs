use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a sentence end with no space before the next sentence: `Ryabakov.A senior
    /// official`, `about it.Apple's`.
    ///
    /// ## Why is this bad?
    /// Two sentences glued together, usually where the scraper joined two blocks of the
    /// page. Sentence splitters and tokenizers see one word, `Ryabakov.A`.
    ///
    /// ## Example
    /// `talks.The next day` — use instead: `talks. The next day`
    ///
    /// Left alone: abbreviations and initials (`U.S.`, `Ph.D.`, `e.g.`), decimals and
    /// times, domains, file names and code (`example.com`, `ASP.NET`, `Console.WriteLine`,
    /// `node.js`), and anything inside a URL or an e-mail address.
    ///
    /// ## Fix safety
    /// Unsafe: it inserts a space, which is wrong in the rare name or identifier that
    /// looks like two sentences.
    GluedSentence, name = "glued-sentence", category = Typography, fix = Always(Unsafe)
}

/// Right-hand words that make `word.Word` a domain or a code path, not two sentences.
const TECH: &[&str] = &[
    "Com", "Net", "Org", "Gov", "Edu", "Io", "Js", "Ts", "Py", "Rs", "Txt", "Pdf", "Html", "Htm", "Php",
    "Jpg", "Png", "Exe", "Json", "Xml", "Csv", "Doc", "Docx", "Zip", "Tv", "Fm", "Ai", "App", "Co",
];

impl Lint for GluedSentence {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        let b = text.as_bytes();
        let mut from = 0;
        while let Some(off) = memchr::memchr3(b'.', b'!', b'?', &b[from..]) {
            let p = from + off;
            from = p + 1;
            // At least two lowercase letters before: `word.`; one uppercase at most
            // before them (`Ryabakov.`, not `ASP.` or `e.`).
            if p < 2 || !b[p - 1].is_ascii_lowercase() || !b[p - 2].is_ascii_lowercase() {
                continue;
            }
            // A capital and a lowercase letter after: `.The`, `.Apple`
            let mut q = p + 1;
            if q < b.len() && matches!(b[q], b'"' | b')') {
                q += 1;
            }
            // (or the one-letter words `A` and `I`: `Ryabakov.A senior`)
            let one_letter = q + 1 < b.len() && matches!(b[q], b'A' | b'I') && b[q + 1] == b' ';
            if q + 1 >= b.len()
                || !b[q].is_ascii_uppercase()
                || !(b[q + 1].is_ascii_lowercase() || one_letter)
            {
                continue;
            }
            // The whole token around the period: no URL, path, e-mail, code.
            let start = text[..p]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[q..].find(|c: char| c.is_whitespace()).map_or(text.len(), |i| q + i);
            let token = &text[start..end];
            if token.contains(['/', '@', '\\', '(', '=', '_', '<', '[', '{', ':'])
                || token.starts_with("www")
                || token[..p - start].contains('.')
                || token[q - start..].trim_end_matches(['.', ',', ';', '!', '?', '"', ')']).contains('.')
            {
                continue;
            }
            let right: String = text[q..end].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if TECH.contains(&right.as_str()) || right.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
                continue; // domains, extensions, CamelCase identifiers
            }
            let span = Span::new(p, q + 1);
            let left = &text[start..p + 1];
            cx.report(
                span,
                format!("no space after the sentence end in `{}`", crate::escape::escape(&text[start..end])),
            )
            .label("missing space")
            .help(format!("insert a space after `{}`", crate::escape::escape(left)))
            .fix(Fix::unsafe_("insert a space", Edit::replace(Span::new(q, q), " ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires() {
        assert_fixed(
            "glued-sentence",
            "Minister Sergei Ryabakov.A senior official",
            "Minister Sergei Ryabakov. A senior official",
        );
        assert_count("glued-sentence", "Let's talk about it.Apple's laptop", 1);
        assert_count("glued-sentence", "he worked as a physician.Police arrested", 1);
        // a no-break space before the token is two bytes long (found by tests/robustness.rs)
        assert_count("glued-sentence", "officials\u{a0}said.I said", 1);
    }

    #[test]
    fn stays_silent() {
        for text in [
            "The U.S. and the U.K. met.",
            "Lt. Gen. James Mingus and Ph.D. students, e.g. Jane.",
            "Growth was 3.5 per cent at 10.30 a.m.",
            "See example.Com and node.Js or www.site.Org/page, or Halo.Bungie.Org, said.",
            "Call Console.WriteLine or ASP.NET; mail a.b@c.De",
            "Visit https://x.org/a.Html now",
            "J.R.R. Tolkien wrote it. Then he left.",
        ] {
            assert_count("glued-sentence", text, 0);
        }
    }
}
