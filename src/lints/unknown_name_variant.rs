use crate::declare_lint;
use crate::document::Document;
use crate::engine::Corpus;
use crate::finding::{Edit, Fix, Span};
use crate::lint::{Context, Lint};
use crate::lints::words::{edit_distance, sound_key, words};

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
    UnknownNameVariant, name = "unknown-name-variant", category = Names, fix = Always
}

fn similar(a: &str, b: &str) -> bool {
    let max = if b.chars().count() >= 8 { 2 } else { 1 };
    a == b || edit_distance(a, b, max) <= max || (sound_key(a) == sound_key(b) && !sound_key(b).is_empty())
}

impl Lint for UnknownNameVariant {
    fn is_corpus_lint(&self) -> bool {
        true
    }

    fn check_corpus(&self, doc: &Document, corpus: &Corpus<'_>, cx: &mut Context<'_>) {
        let listed: Vec<Vec<&str>> =
            corpus.settings.names.iter().map(|n| n.split_whitespace().collect::<Vec<_>>()).collect();
        let accepted: Vec<&str> = corpus
            .settings
            .names
            .iter()
            .map(String::as_str)
            .chain(corpus.settings.name_variants.iter().flatten().map(String::as_str))
            .collect();
        if listed.is_empty() {
            return;
        }
        {
            let text = doc.text();
            // Runs of capitalized words separated by single spaces.
            let caps: Vec<(usize, &str)> =
                words(text).filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase)).collect();
            for name in &listed {
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
                    if accepted.contains(&found) {
                        continue;
                    }
                    let all_similar = got.iter().zip(name).all(|(a, b)| similar(a, b));
                    let one_equal = got.iter().zip(name).any(|(a, b)| a == b);
                    let all_close = got.iter().zip(name).all(|(a, b)| edit_distance(a, b, 1) <= 1);
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
}

#[cfg(test)]
mod tests {
    use super::similar;

    #[test]
    fn similarity() {
        assert!(similar("Anthony", "Antony") && similar("Blanken", "Blinken") && similar("Canon", "Kennan"));
        assert!(!similar("Biden", "Blinken") && !similar("Moscow", "Kennan"));
    }
}
