
use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::lint::{Context, Lint};
use crate::lints::mojibake_detect::{find, Hit};

declare_lint! {
    /// ## What it does
    /// Flags mojibake: UTF-8 read as a legacy codec (`â€™` for `’`, `Ã©` for `é`,
    /// `caf√©` through MacRoman, `РїСЂРёРІРµС‚` through Windows-1251, `ΓÇ£` through cp437),
    /// once or several times over, and Windows-1252 punctuation read as Latin-1 (`\u{93}`
    /// for `“`). The codecs tried: Windows-1252 and Latin-1, MacRoman, cp437,
    /// Windows-1250/1251/1253/1254/1257, ISO-8859-2, ISO-8859-15 and KOI8-R. Each sequence
    /// that re-decodes as UTF-8 is scored: how mojibake-like it is (C1 controls, rare
    /// symbols, a capital and a symbol inside a word, a change of script) against how
    /// natural the repair is (one script, common characters). It is reported only when
    /// the repair is clearly better. Also handled: bytes Windows-1252 leaves undefined
    /// passed through as C1 controls, a no-break space that became a plain space
    /// (`Ã ` for `à`), one lost byte (`�` or `?` inside the sequence: the message says
    /// what was lost and what the repair guesses), CESU-8 emoji and sequences written
    /// as HTML character references (`&Atilde;&copy;`).
    ///
    /// Control characters, soft hyphens, odd spaces and replacement characters inside
    /// a mojibake sequence belong to this finding: those lints stay silent there, so
    /// that their fixes cannot delete what the repair needs.
    ///
    /// ## Why is this bad?
    /// The words are garbled for every reader and every model, and the damage spreads:
    /// each copy of the corpus encodes the garbage again.
    ///
    /// ## Example
    /// `Itâ€™s a cafÃ©` — use instead: `It’s a café`
    ///
    /// Real text is left alone: `CAFÉ®`, `DÉJÀ…`, `5×£20`, `10 Å—`, and words in
    /// Cyrillic, Greek or any other script.
    ///
    /// ## Fix safety
    /// Safe when the repair cannot be another: one layer through Windows-1252 or Latin-1,
    /// no byte lost, Latin letters and common punctuation only, nothing another codec
    /// reads as UTF-8 again, and far more natural than the original and than any other
    /// reading (on the synthetic harness, none of some 6,000 such repairs was wrong).
    /// Otherwise unsafe: a strong guess, not a certainty; review it.
    Mojibake, name = "mojibake", category = Unicode, fix = Always(Mixed)
}

fn describe(h: &Hit) -> String {
    if h.chain.is_empty() {
        return "Windows-1252 read as Latin-1".into();
    }
    let layers: Vec<&str> = h.chain.iter().rev().copied().collect();
    let base = if h.notes.cesu { "CESU-8" } else { "UTF-8" };
    let mut s = format!("{base} read as {}", layers[0]);
    if layers.len() > 1 && layers.iter().all(|l| *l == layers[0]) {
        s.push_str(if layers.len() == 2 { ", twice" } else { ", three times" });
    } else {
        for l in &layers[1..] {
            s.push_str(&format!(", then as {l}"));
        }
    }
    s
}

impl Lint for Mojibake {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        // Pure ASCII can still hold mojibake written as character references.
        if doc.is_ascii() && !doc.text().contains('&') {
            return;
        }
        for h in find(doc.text()) {
            let shown = crate::escape::escape(&h.repaired);
            let mut msg = format!(
                "mojibake `{}`: {}; it should read `{shown}`",
                crate::escape::escape(doc.slice(h.span)),
                describe(&h)
            );
            if let Some(c) = h.notes.lost {
                msg.push_str(&format!(
                    " (a byte was lost; `{}` is a guess)",
                    crate::escape::escape(&c.to_string())
                ));
            }
            if h.notes.collapsed {
                msg.push_str(" (a no-break space inside had become a space)");
            }
            let title = format!("replace with `{shown}`");
            let fix = if h.is_safe() {
                Fix::safe(title, Edit::replace(h.span, h.repaired))
            } else {
                Fix::unsafe_(title, Edit::replace(h.span, h.repaired))
            };
            cx.report(h.span, msg)
                .label(format!("should be `{shown}`"))
                .help("re-decode the source as UTF-8, or apply the suggested repair")
                .fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed, run_one};

    #[test]
    fn repairs() {
        assert_fixed("mojibake", "Itâ€™s a cafÃ©", "It’s a café");
        assert_fixed("mojibake", "â€œHelloâ€\u{9d}", "“Hello”");
        assert_fixed("mojibake", "ðŸ˜€ ok", "😀 ok");
        assert_count("mojibake", "naïve Ça façade Ünïcödé — “quotes” 10 °C", 0);
    }

    #[test]
    fn other_codecs_and_layers() {
        assert_fixed("mojibake", "caf√© au lait", "café au lait");
        assert_fixed("mojibake", "РїСЂРёРІРµС‚ РјРёСЂ", "привет мир");
        assert_fixed("mojibake", "ΓÇ£quotedΓÇ¥", "“quoted”");
        assert_fixed("mojibake", "cafÃƒÂ© noir", "café noir");
        assert_fixed("mojibake", "æ—¥æœ¬èªž", "日本語");
        assert_fixed("mojibake", "I â\u{9d}¤ï¸\u{8f} it, âœ“ done", "I ❤\u{fe0f} it, ✓ done");
    }

    #[test]
    fn damaged_sequences() {
        assert_fixed("mojibake", "voilÃ\u{a0} tout", "voilà tout");
        assert_fixed("mojibake", "voilÃ  tout", "voilà tout");
        assert_fixed("mojibake", "I â\u{9d}¤ it", "I ❤ it");
        assert_fixed("mojibake", "â€œHelloâ€�", "“Hello”");
        assert_fixed("mojibake", "\u{93}quoted\u{94}", "“quoted”");
        assert_fixed("mojibake", "caf&Atilde;&copy;", "café");
        assert_fixed("mojibake", "í ½í¸€ ok", "😀 ok");
    }

    #[test]
    fn leaves_real_text_alone() {
        for s in [
            "CAFÉ® menu",
            "DÉJÀ… vu",
            "5×£20",
            "(“×” marks)",
            "10 Å—",
            "Привет, мир! Это Ёлка и «ПРИВЕТ».",
            "Καλημέρα κόσμε",
            "日本語のテキスト",
            "Tiếng Việt có dấu",
            "ภาษาไทย",
            "ÉTÉ — À BIENTÔT!",
        ] {
            assert_count("mojibake", s, 0);
        }
    }

    #[test]
    fn leaves_text_that_looks_odd_alone() {
        // Every line on its own: capitals with marks beside punctuation, other
        // scripts in capitals, symbols, notation, faces and drawings.
        let lines = include_str!("../../tests/data/mojibake-leave-alone.txt");
        let mut raised = Vec::new();
        for line in lines.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (_, f) = run_one("mojibake", line);
            if !f.is_empty() {
                raised.push(format!("{line}  ({})", f[0].message));
            }
        }
        assert!(raised.is_empty(), "raised on text that looks odd:\n{}", raised.join("\n"));
    }

    #[test]
    fn repairs_damage_in_the_same_shapes() {
        // The shapes the test above leaves alone, where the text is damaged.
        assert_fixed("mojibake", "Ã–STERREICH", "ÖSTERREICH");
        assert_fixed("mojibake", "KÃ–LN IST SCHÃ–N", "KÖLN IST SCHÖN");
        assert_fixed("mojibake", "Â¯\\_(ãƒ„)_/Â¯", "¯\\_(ツ)_/¯");
        // A capital and a mark, believed when the text is damaged elsewhere.
        assert_fixed("mojibake", "PÃ… TOPPEN, Ã¥ se pÃ¥ det", "PÅ TOPPEN, å se på det");
        assert_count("mojibake", "PÃ… TOPPEN", 0);
        // Capitals read through Windows-1251 give capitals.
        assert_fixed("mojibake", "РЎРћР‘РђРљРђ РџРћР‘Р•Р–РђР›Рђ Р”РћРњРћР™", "СОБАКА ПОБЕЖАЛА ДОМОЙ");
    }

    #[test]
    fn names_the_codec_chain() {
        let (_, f) = run_one("mojibake", "caf√© and cafÃƒÂ© and \u{93}q\u{94}");
        let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert!(msgs[0].contains("UTF-8 read as MacRoman"), "{msgs:?}");
        assert!(msgs[1].contains("UTF-8 read as Windows-1252, twice"), "{msgs:?}");
        assert!(msgs[2].contains("Windows-1252 read as Latin-1"), "{msgs:?}");
    }

    #[test]
    fn symptom_lints_leave_mojibake_to_it() {
        // The C1 control, soft hyphen, no-break space and replacement character here
        // are bytes of the sequences: deleting them would make the repair impossible.
        let text = "I â\u{9d}¤ it, Ã\u{ad}ndice, voilÃ\u{a0} tout, â€œHiâ€�";
        for lint in ["control-char", "soft-hyphen", "odd-space", "replacement-char"] {
            assert_count(lint, text, 0);
        }
        assert_count("control-char", "a\u{85}b", 1);
        assert_count("soft-hyphen", "inter\u{ad}national", 1);
        assert_count("odd-space", "a\u{a0}b", 1);
        assert_count("replacement-char", "Caf\u{fffd} au lait", 1);
    }

    #[test]
    fn only_unambiguous_repairs_are_safe() {
        use crate::finding::Applicability;
        let safe = |text: &str| {
            let (_, f) = run_one("mojibake", text);
            f.iter().map(|f| f.fix.as_ref().unwrap().applicability == Applicability::Safe).collect::<Vec<_>>()
        };
        assert_eq!(safe("Itâ€™s a cafÃ© in SÃ£o Paulo"), [true, true, true]);
        // A lost byte, a second layer, another codec, another script: review them.
        assert_eq!(safe("â€œHelloâ€�"), [true, false]);
        assert_eq!(safe("cafÃƒÂ© noir"), [false]);
        assert_eq!(safe("caf√© au lait"), [false]);
        assert_eq!(safe("РїСЂРёРІРµС‚ РјРёСЂ"), [false, false]);
    }

    #[test]
    fn long_runs_stay_linear() {
        // Refused runs are not read again from each character: this took minutes.
        assert_count("mojibake", &"É®".repeat(20_000), 0);
        assert_fixed("mojibake", &"Ã©".repeat(5_000), &"é".repeat(5_000));
    }
}
