use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::declare_lint;
use crate::engine::Corpus;
use crate::finding::{Related, Span};
use crate::lint::{CorpusContext, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a short line that occurs in many documents of the corpus: site chrome
    /// ("Top 1 Magazine"), a sign-off, "Go To Source" after every article.
    ///
    /// ## Why is this bad?
    /// A line every page of a site prints is not part of any article. Repeated across a
    /// corpus, it teaches a model the site's furniture. The finding names how many
    /// documents hold the line and points at one of them.
    ///
    /// ## Example
    /// `Top 1 Magazine` at the head of 40 documents from the same site.
    ///
    /// Only lines of at most 80 characters count (lowercased, blanks folded), in at
    /// least 3 documents and at least 1% of them; long paragraphs shared by several
    /// documents are syndicated text, not chrome, and are left alone.
    ///
    /// ## Fix safety
    /// No fix: a repeated line can be a legitimate short paragraph; review it.
    RepeatedLine, name = "repeated-line", category = Structure, fix = Never
}

const MAX_CHARS: usize = 80;
const MIN_DOCS: usize = 3;

/// The line as compared: lowercased, blanks folded. None for lines too
/// long, too short, or without a letter.
fn key(line: &str) -> Option<u64> {
    let line = line.trim();
    if line.chars().count() > MAX_CHARS || line.len() < 3 || !line.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut h = DefaultHasher::new();
    for w in line.split_whitespace() {
        w.to_lowercase().hash(&mut h);
    }
    Some(h.finish())
}

impl Lint for RepeatedLine {
    fn is_corpus_lint(&self) -> bool {
        true
    }

    fn check_corpus(&self, corpus: &Corpus, cx: &mut CorpusContext<'_>) {
        // Per line hash: the number of documents, and the first place it was seen.
        let mut seen: HashMap<u64, (usize, usize, Span)> = HashMap::new();
        let mut per_doc: Vec<Vec<(u64, Span)>> = Vec::with_capacity(corpus.docs.len());
        for (d, doc) in corpus.docs.iter().enumerate() {
            let mut lines: Vec<(u64, Span)> = Vec::new();
            for span in doc.lines() {
                if let Some(k) = key(doc.slice(span)) {
                    lines.push((k, span));
                }
            }
            let mut distinct: Vec<(u64, Span)> = lines.clone();
            distinct.sort_by_key(|&(k, _)| k);
            distinct.dedup_by_key(|&mut (k, _)| k);
            for (k, span) in distinct {
                let e = seen.entry(k).or_insert((0, d, span));
                e.0 += 1;
            }
            per_doc.push(if corpus.checked[d] { lines } else { Vec::new() });
        }
        let threshold = MIN_DOCS.max(corpus.docs.len().div_ceil(100));
        for (d, lines) in per_doc.iter().enumerate() {
            for &(k, span) in lines {
                let (count, first_doc, first_span) = seen[&k];
                if count < threshold {
                    continue;
                }
                let doc = &corpus.docs[d];
                let at = doc.trim(span);
                let f = cx
                    .report(d, at, format!("line repeated in {count} documents of the corpus"))
                    .label(format!("in {count} documents"))
                    .help("site chrome repeats on every page: delete it from each document");
                // Point at another document that has it.
                let other = if first_doc != d {
                    Some((first_doc, first_span))
                } else {
                    per_doc_first_other(corpus, k, d)
                };
                if let Some((o, s)) = other {
                    let odoc = &corpus.docs[o];
                    f.related(Related {
                        path: odoc.path_arc().clone(),
                        text: odoc.text_arc().clone(),
                        span: s,
                        label: "also here".into(),
                    });
                }
            }
        }
    }
}

/// Another document than `not` that holds the line `k`.
fn per_doc_first_other(corpus: &Corpus, k: u64, not: usize) -> Option<(usize, Span)> {
    corpus
        .docs
        .iter()
        .enumerate()
        .filter(|&(d, _)| d != not)
        .find_map(|(d, doc)| doc.lines().find(|&s| key(doc.slice(s)) == Some(k)).map(|s| (d, s)))
}

#[cfg(test)]
mod tests {
    use crate::engine::{self, Settings};
    use crate::walk::Input;
    use crate::Registry;

    #[test]
    fn counts_documents_not_occurrences() {
        let dir = std::env::temp_dir().join(format!("scrapelint-repeated-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut inputs = Vec::new();
        for i in 0..4 {
            let p = dir.join(format!("{i}.txt"));
            let body = if i < 3 { "Top Magazine\nBody text {i}.\nTop Magazine\n" } else { "Other text.\n" };
            std::fs::write(&p, body.replace("{i}", &i.to_string())).unwrap();
            inputs.push(Input::File { path: p.clone(), display: format!("{i}.txt") });
        }
        let mut reg = Registry::builtin();
        reg.only(reg.find("repeated-line").unwrap());
        let out = engine::run(&reg, &inputs, &[], &Settings::default());
        let n: usize = out.reports.iter().map(|r| r.findings.len()).sum();
        assert_eq!(n, 6, "two lines in each of three documents");
        assert!(out.reports[0].findings[0].message.contains("3 documents"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
