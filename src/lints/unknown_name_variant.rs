use crate::declare_lint;
use crate::document::Document;
use crate::settings::Settings;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint, LintInfo, LintMeta};
use crate::words::{edit_distance, sound_key, words};

declare_lint! {
    /// ## What it does
    /// Flags a near miss of a name the configuration lists as correct: `Anthony Blanken`
    /// for `Antony Blinken`, `Canon Institute` for `Kennan Institute`.
    ///
    /// ## Why is this bad?
    /// Transcribed and machine-translated text misspells names by ear. The listed
    /// spelling is the one the maintainer wants everywhere.
    ///
    /// ## Example
    /// With `names = ["Antony Blinken"]` in `scrapelint.toml`: `Secretary of State
    /// Anthony Blanken said` is flagged.
    ///
    /// A run of capitalized words as long as the listed name is compared word by word.
    /// Each word must be equal, one edit away (two for words of eight letters or more),
    /// or sound the same (a Soundex-like key that also codes the first letter, so `C`
    /// and `K` match); at least one word must differ, and either one word is equal or
    /// every word is within one edit.
    ///
    /// ## Fix safety
    /// Unsafe: a different name can sound alike.
    UnknownNameVariant, name = "unknown-name-variant", category = Names, fix = Always(Unsafe)
}

fn similar(a: &str, b: &str) -> bool {
    let max = if b.chars().count() >= 8 { 2 } else { 1 };
    a == b || edit_distance(a, b, max) <= max || (sound_key(a) == sound_key(b) && !sound_key(b).is_empty())
}

impl Lint for UnknownNameVariant {
    /// The configured names make a per-document lint: no corpus pass.
    fn configure(&self, settings: &Settings) -> Option<Box<dyn Lint>> {
        if settings.names.is_empty() {
            return None;
        }
        let listed = settings.names.iter().map(|n| n.split_whitespace().map(String::from).collect()).collect();
        let accepted =
            settings.names.iter().chain(settings.name_variants.iter().flatten()).cloned().collect();
        Some(Box::new(Configured { info: self.info.clone(), listed, accepted }))
    }
}

/// The lint with the names it checks against.
struct Configured {
    info: LintInfo,
    /// Each listed name, word by word.
    listed: Vec<Vec<String>>,
    /// Spellings never flagged: the names and their accepted variants, in a
    /// set: with 20,000 configured names a list search per candidate was
    /// quadratic.
    accepted: std::collections::HashSet<String>,
}

impl LintMeta for Configured {
    fn info(&self) -> &LintInfo {
        &self.info
    }
}

impl Lint for Configured {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let text = doc.text();
        // Runs of capitalized words separated by single spaces.
        let caps: Vec<(usize, &str)> =
            words(text).filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase)).collect();
        for name in &self.listed {
            let k = name.len();
            if k == 0 || caps.len() < k {
                continue;
            }
            for run in caps.windows(k) {
                let adjacent = run.windows(2).all(|p| &text[p[0].0 + p[0].1.len()..p[1].0] == " ");
                if !adjacent {
                    continue;
                }
                let got: Vec<&str> = run.iter().map(|(_, w)| *w).collect();
                if got == *name {
                    continue;
                }
                let span = Span::new(run[0].0, run[k - 1].0 + run[k - 1].1.len());
                let found = &text[span.start..span.end];
                if self.accepted.contains(found) {
                    continue;
                }
                let pairs = || got.iter().zip(name).map(|(a, b)| (*a, b.as_str()));
                let all_similar = pairs().all(|(a, b)| similar(a, b));
                let one_equal = pairs().any(|(a, b)| a == b);
                let all_close = pairs().all(|(a, b)| edit_distance(a, b, 1) <= 1);
                if !all_similar || !(one_equal || all_close) {
                    continue;
                }
                let want = name.join(" ");
                cx.report(span, format!("`{found}` looks like a misspelling of `{want}`"))
                    .label(format!("listed as `{want}`"))
                    .help("the configuration's `names` lists the correct spelling")
                    .fix(Fix::unsafe_(format!("write `{want}`"), Edit::replace(span, want.clone())));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::similar;
    use crate::document::Document;
    use crate::engine::{self, Settings};
    use crate::registry::Registry;

    /// The names reach it when the run is set up: on its own it costs no
    /// statistics pass, and it runs on a single document.
    #[test]
    fn configured_names_need_no_corpus_pass() {
        let mut reg = Registry::builtin();
        reg.only(reg.find("unknown-name-variant").unwrap());
        let settings = Settings { names: vec!["Antony Blinken".into()], ..Default::default() };
        assert!(engine::new_stats(&reg, &settings).is_none());
        let doc = Document::new("a.txt", "Secretary Anthony Blanken said so. Antony Blinken agreed.\n");
        let found = engine::lint_text(&reg, &doc, &settings, None);
        assert_eq!(found.iter().map(|f| doc.slice(f.span)).collect::<Vec<_>>(), ["Anthony Blanken"]);
        assert!(engine::lint_text(&reg, &doc, &Settings::default(), None).is_empty());
    }

    #[test]
    fn similarity() {
        assert!(similar("Anthony", "Antony") && similar("Blanken", "Blinken") && similar("Canon", "Kennan"));
        assert!(!similar("Biden", "Blinken") && !similar("Moscow", "Kennan"));
    }
}
