use std::collections::{HashMap, HashSet};

use crate::declare_lint;
use crate::document::Document;
use crate::engine::Corpus;
use crate::finding::{Edit, Fix, Span};
use crate::lint::{Context, Lint};
use crate::lints::words::{edit_distance, words};
use crate::stats::Needs;

declare_lint! {
    /// ## What it does
    /// Flags a name spelled one way in a document where the corpus spells it another
    /// way much more often: `Sergei Ryabakov` in one article, `Sergei Ryabkov` in others.
    ///
    /// ## Why is this bad?
    /// A misspelled name is a different entity to search, linking and models; the
    /// facts about the person are split in two.
    ///
    /// ## Example
    /// `Deputy Foreign Minister Sergei Ryabakov` when three other documents write
    /// `Sergei Ryabkov`.
    ///
    /// To stay quiet on different people with close names, a rare spelling is reported
    /// only when all of this holds: it has five letters or more, is one edit from the
    /// common spelling and starts with the same letter; it is found in this one document
    /// only (`Treasure` beside `Treasury` is in many); the common spelling is used at
    /// least 3 times and 3 times as often; the document does not use the common spelling
    /// too; the rare spelling follows a first name (`Sergei`, not a title such as `Mr`)
    /// and that first name with the common spelling (`Sergei Ryabkov`) is found in at
    /// least 2 other documents; neither spelling is the other plus an ending
    /// (`Russia`/`Russian`, `Putin`/`Putin's`); the pair is not listed in the
    /// configuration's `name-variants` (`Kiev`/`Kyiv`); and the word is not near one of
    /// the configuration's `names`, which `unknown-name-variant` checks.
    ///
    /// ## Fix safety
    /// Unsafe: two people can have names one letter apart.
    InconsistentName, name = "inconsistent-name", category = Names, fix = Always
}

/// A name-like word: a capital, then at least three lowercase letters.
fn is_name(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && w.chars().count() >= 4 && c.all(char::is_lowercase)
}

/// Words that come before names but are not first names.
pub const NOT_FIRST_NAMES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Lord",
    "Lady",
    "Dame",
    "Prof",
    "Professor",
    "President",
    "Minister",
    "Secretary",
    "Chancellor",
    "Senator",
    "Governor",
    "Mayor",
    "Judge",
    "Chief",
    "Deputy",
    "General",
    "Gen",
    "Captain",
    "Father",
    "Saint",
    "St",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "New",
    "North",
    "South",
    "East",
    "West",
    "Foreign",
    "Prime",
    "Vice",
    "Former",
    "Labour",
    "Tory",
    "Democrat",
    "Republican",
    "United",
    "British",
];

/// Name occurrences in a text: (offset, word, capitalized word before it, if adjacent).
pub fn names(text: &str) -> Vec<(usize, &str, Option<&str>)> {
    let mut out = Vec::new();
    let mut prev: Option<(usize, &str)> = None;
    for (at, w) in words(text) {
        let w_base = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
        let adjacent = prev.filter(|&(end, _)| text[end..at].chars().all(|c| c == ' ')).map(|(_, p)| p);
        if is_name(w_base) {
            let before = adjacent.filter(|p| p.chars().next().is_some_and(char::is_uppercase));
            out.push((at, w_base, before));
        }
        prev = Some((at + w.len(), w));
    }
    out
}

/// All strings one deletion away, and the word itself: the SymSpell key
/// index, so candidates come from lookups, not from comparing all pairs.
fn deletes(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let mut out = vec![w.to_string()];
    for i in 0..chars.len() {
        out.push(chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| c).collect());
    }
    out
}

impl Lint for InconsistentName {
    fn is_corpus_lint(&self) -> bool {
        true
    }

    fn stats_needed(&self) -> Needs {
        Needs { names: true, ..Needs::NONE }
    }

    fn check_corpus(&self, doc: &Document, corpus: &Corpus<'_>, cx: &mut Context<'_>) {
        let stats = corpus.stats;
        let accepted: HashSet<(&str, &str)> = corpus
            .settings
            .name_variants
            .iter()
            .flat_map(|group| {
                group.iter().flat_map(move |a| group.iter().map(move |b| (a.as_str(), b.as_str())))
            })
            .collect();
        // Words of the configured names belong to `unknown-name-variant`.
        let listed: Vec<&str> = corpus.settings.names.iter().flat_map(|n| n.split_whitespace()).collect();
        // Key index of the common spellings, built once per corpus.
        let index = stats.name_index.get_or_init(|| {
            let mut index: HashMap<String, Vec<String>> = HashMap::new();
            for (w, _) in stats.names.iter().filter(|(_, s)| s.count >= 3) {
                for k in deletes(w) {
                    index.entry(k).or_default().push(w.clone());
                }
            }
            index
        });
        let found = names(doc.text());
        let here: HashSet<&str> = found.iter().map(|&(_, w, _)| w).collect();
        for (at, w, before) in found {
            let Some(rare) = stats.names.get(w) else { continue };
            let Some(before) = before.filter(|b| !NOT_FIRST_NAMES.contains(b)) else { continue };
            if w.chars().count() < 5 {
                continue;
            }
            if listed.iter().any(|l| edit_distance(w, l, 2) <= 2) {
                continue;
            }
            let mut candidates: Vec<&str> =
                deletes(w).iter().filter_map(|k| index.get(k)).flatten().map(String::as_str).collect();
            candidates.sort_unstable();
            candidates.dedup();
            let best = candidates.into_iter().filter(|&c| c != w).find(|&c| {
                let common = &stats.names[c];
                common.count >= 3
                    && common.count >= 3 * rare.count
                    && rare.docs == 1
                    && !here.contains(c)
                    && common.before.get(before).is_some_and(|&docs| docs >= 2)
                    && c.chars().next() == w.chars().next()
                    && !c.starts_with(w)
                    && !w.starts_with(c)
                    && !accepted.contains(&(w, c))
                    && edit_distance(w, c, 1) == 1
            });
            let Some(c) = best else { continue };
            let common = &stats.names[c];
            let span = Span::new(at, at + w.len());
            let f = cx
                .report(
                    span,
                    format!(
                        "`{w}` is spelled `{c}` {} times in {} other documents",
                        common.count, common.docs
                    ),
                )
                .label(format!("elsewhere `{c}`"))
                .help(format!(
                    "if this is the same person, write `{c}`; if not, list both in `name-variants`"
                ))
                .fix(Fix::unsafe_(format!("write `{c}`"), Edit::replace(span, c.to_string())));
            for place in &common.places {
                f.related(corpus.related(place, format!("spelled `{c}` here")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys() {
        let n: Vec<(&str, Option<&str>)> = names("Minister Sergei Ryabakov met Putin's aide. PORCIUNCULA")
            .into_iter()
            .map(|(_, w, b)| (w, b))
            .collect();
        assert_eq!(
            n,
            [("Minister", None), ("Sergei", Some("Minister")), ("Ryabakov", Some("Sergei")), ("Putin", None)]
        );
        assert!(deletes("Ryabakov").contains(&"Ryabkov".to_string()));
    }
}
