use crate::declare_lint;
use crate::document::Document;
use crate::corpus::Corpus;
use crate::settings::Settings;
use crate::lint::{Context, Lint, LintOption};
use crate::settings::OptionKind;
use crate::stats::Needs;

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
    /// documents are syndicated text, not chrome, and are left alone. A corpus of
    /// fewer than 10 documents gets no finding: there, a line in three of them is as
    /// likely a headline the stories share as a site's furniture.
    ///
    /// ## Fix safety
    /// No fix: a repeated line can be a legitimate short paragraph; review it.
    RepeatedLine, name = "repeated-line", category = Structure, fix = Never,
    fields = { min_documents: usize = OPTIONS[0].default as usize }
}

static OPTIONS: [LintOption; 2] = [
    LintOption {
        key: "min-documents",
        default: 3.0,
        help: "fewest documents a line must be in (at least 2, and at least 1% of them)",
        kind: OptionKind::Count { min: 2 },
    },
    // Read where the statistics are made ([`max_chars`]): it changes what is counted.
    MAX_CHARS,
];

/// The longest line counted. It changes what the statistics count, so the
/// run reads it before they are made ([`max_chars`]), though users set it on
/// `repeated-line`.
const MAX_CHARS: LintOption = LintOption {
    key: "max-chars",
    default: 80.0,
    help: "longest line, in characters, that counts as chrome",
    kind: OptionKind::Count { min: 1 },
};

/// The longest line the statistics count, from the configuration.
pub fn max_chars(settings: &crate::settings::Settings) -> usize {
    settings.count("repeated-line", &MAX_CHARS)
}

use crate::stats::lines::key;

/// The fewest documents a corpus has for any line of it to be reported.
const MIN_CORPUS: u64 = 10;

/// The fewest documents a reported line is in: `min-documents`, one in a
/// hundred, and two (a line in one document is not kept in the statistics).
fn threshold(min_documents: usize, documents: u64) -> u64 {
    (min_documents as u64).max(2).max(documents.div_ceil(100))
}

impl Lint for RepeatedLine {
    fn is_corpus_lint(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [LintOption] {
        &OPTIONS
    }

    // `max-chars` is read where the statistics are made: see `max_chars`.
    fn configure(&self, settings: &Settings) -> Option<Box<dyn Lint>> {
        let min_documents = settings.count(&self.info.name, &OPTIONS[0]);
        (min_documents != self.min_documents)
            .then(|| Box::new(RepeatedLine { info: self.info.clone(), min_documents }) as _)
    }

    fn stats_needed(&self) -> Needs {
        Needs { lines: true, ..Needs::NONE }
    }

    fn check_corpus(&self, doc: &Document, corpus: &Corpus<'_>, cx: &mut Context<'_>) {
        let stats = corpus.stats;
        if stats.documents < MIN_CORPUS {
            return;
        }
        let min_docs = self.min_documents;
        let threshold = threshold(min_docs, stats.documents);
        let here = doc.key();
        for span in doc.lines() {
            let Some(k) = key(doc.slice(span), stats.line_max_chars()) else { continue };
            let Some(line) = stats.line(k).filter(|l| l.docs >= threshold) else { continue };
            let count = line.docs;
            let f = cx
                .report(doc.trim(span), format!("line repeated in {count} documents of the corpus"))
                .label(format!("in {count} documents"))
                .help("site chrome repeats on every page: delete it from each document");
            // Point at another document that has it.
            if let Some(other) = line.places().find(|p| !stats.is_in(p, &here)) {
                f.related(corpus.related(&other, "also here"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_statistics_keep_every_line_that_can_be_reported() {
        for documents in (0..10_000).chain((10_000..10_000_000).step_by(997)) {
            assert!(crate::stats::Lines::fewest_kept(documents) <= super::threshold(0, documents), "{documents}");
        }
    }

    use crate::engine::{self, Settings};
    use crate::walk::Input;
    use crate::Registry;

    /// `key` before its ASCII fast path: the reference.
    fn key_reference(line: &str, max_chars: usize) -> Option<u64> {
        let line = line.trim();
        if line.len() < 3 || line.len() > 4 * max_chars || line.chars().count() > max_chars {
            return None;
        }
        let (mut h, mut letter, mut blank) = (0xcbf29ce484222325u64, false, false);
        for c in line.chars() {
            if c.is_whitespace() {
                blank = true;
                continue;
            }
            if blank {
                h = (h ^ 0x20).wrapping_mul(0x100000001b3);
                blank = false;
            }
            letter |= c.is_alphabetic();
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
                }
            }
        }
        letter.then_some(h)
    }

    #[test]
    fn ascii_keys_are_the_reference_keys() {
        let lines = [
            "Top One Magazine",
            "  GO  TO\tSOURCE ",
            "a\x0bb\x0cc\x1cd\x1fe",
            "123 456",
            "Read Also: X",
            "ab",
            "Caf\u{e9} \u{85}Ölj\u{2003}x",
            "ΟΔΟΣ Σ",
        ];
        for line in lines {
            assert_eq!(super::key(line, 80), key_reference(line, 80), "{line:?}");
        }
        assert_eq!(super::key("Top  One\tMagazine", 80), super::key("top one magazine", 80));
    }

    #[test]
    fn counts_documents_not_occurrences() {
        let dir = std::env::temp_dir().join(format!("scrapelint-repeated-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut inputs = Vec::new();
        // Ten documents: a smaller corpus gets no finding.
        for i in 0..10 {
            let p = dir.join(format!("{i}.txt"));
            let body = if i < 3 { "Top Magazine\nBody text {i}.\nTop Magazine\n" } else { "Other text {i}.\n" };
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

    #[test]
    fn streamed_reports_come_in_input_order_with_related_texts() {
        let dir = std::env::temp_dir().join(format!("scrapelint-stream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // More inputs than one chunk: every document repeats a line of the first.
        let mut inputs = Vec::new();
        for i in 0..600 {
            let p = dir.join(format!("{i:03}.txt"));
            std::fs::write(&p, format!("Top Magazine\nBody text {i}.\n")).unwrap();
            inputs.push(Input::File { path: p, display: format!("{i:03}.txt") });
        }
        let mut reg = Registry::builtin();
        reg.only(reg.find("repeated-line").unwrap());
        let settings = Settings::default();
        let read = crate::walk::ReadOptions::default();
        let job = engine::Job {
            inputs: &inputs,
            corpus: &[],
            corpus_stamps: &[],
            settings: &settings,
            read: &read,
            stats: None,
            stats_dir: None,
            skip_related_texts: false,
            cache_dir: None,
        };
        let mut seen = Vec::new();
        let ran = engine::stream_job(&reg, &job, &Default::default(), |r| {
            for f in &r.findings {
                assert!(f.related.iter().all(|rel| rel.text.is_some()), "related places are drawn");
            }
            seen.push(r.doc.path().to_string());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(ran.files_checked, 600);
        let want: Vec<String> = (0..600).map(|i| format!("{i:03}.txt")).collect();
        assert_eq!(seen, want);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
