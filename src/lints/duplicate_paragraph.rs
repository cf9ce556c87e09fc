use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix, Related};
use crate::span::Span;
use crate::lint::{Context, Lint};
use crate::words::content_word_hashes;

declare_lint! {
    /// ## What it does
    /// Flags a paragraph that repeats another of the same document, word for word or
    /// reworded: the copy that is residue (the later one, or a teaser standing outside the
    /// article body before the body's own copy), pointing at the copy to keep.
    ///
    /// ## Why is this bad?
    /// Pages repeat a paragraph as a pull quote, a teaser or a summary; some rewriting
    /// tools say the same thing twice in different words. Either way the document says
    /// it twice, and a model learns it twice.
    ///
    /// ## Example
    /// `The Strategic Stability Dialogue was established in June by …` after
    /// `President Biden and … originally agreed on the Strategic Stability Dialogue in June …`
    ///
    /// Reworded copies are found by their content words: at least 8 shared, at least
    /// 60% of the shorter paragraph's, and neither paragraph half as long again as the
    /// other (a title and the paragraph under it are not copies), and 70% of the names and
    /// numbers of the one with fewer in the other: a paragraph written from the same
    /// template about another film or deal is no copy. Paragraphs of fewer
    /// than 15 content words are left alone, and so is a paragraph that matches two or
    /// more others: a refrain, such as the question an interviewer asks every guest.
    /// Reworded copies are looked for in English text only (the stop words left out are
    /// English); word-for-word copies in every language.
    /// A quotation shown twice inside the article body is a pull quote, repeated by design,
    /// and is left alone. In a document of more than 300 paragraphs only word-for-word
    /// copies are looked for.
    /// Lines dense in the symbols of code (a query shown twice) are no paragraphs.
    ///
    /// ## Fix safety
    /// Unsafe, and only for word-for-word copies: the flagged copy is deleted.
    DuplicateParagraph, name = "duplicate-paragraph", category = Structure, fix = Sometimes(Unsafe)
}

const MIN_WORDS: usize = 15;

/// How many values two sorted lists without repeats share: what
/// [`shared_counts`] counts for every pair at once.
#[cfg(test)]
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
/// The longer of two reworded copies has at most this many times the other's content words.
/// The names and numbers of a paragraph: its capitalised words that do not
/// open a sentence, and its numbers, sorted. A paragraph written again in
/// other words keeps them; one written from the same template about
/// another film, quest or deal changes them.
fn particulars(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for w in text.split_whitespace() {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let first = core.chars().next();
        if first.is_some_and(|c| c.is_ascii_digit()) || (!sentence_start && first.is_some_and(char::is_uppercase)) {
            out.push(core.to_string());
        }
        sentence_start = w.ends_with(['.', '!', '?', ':']) || (sentence_start && core.is_empty());
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Most names and numbers of the paragraph with fewer are in the other.
fn same_particulars(a: &[String], b: &[String]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = small.iter().filter(|w| large.binary_search(w).is_ok()).count();
    small.is_empty() || shared * 10 >= small.len() * MIN_PARTICULARS
}

/// Tenths of the names and numbers that a paragraph in other words shares.
const MIN_PARTICULARS: usize = 7;

/// The marks a quotation opens with.
const OPENING_QUOTES: [char; 7] = ['"', '“', '„', '«', '‘', '\'', '‹'];

const MAX_RATIO: f64 = 1.5;
const MIN_SHARED: usize = 8;
const MIN_OVERLAP: f64 = 0.6;
/// Past this many paragraphs only word-for-word copies are looked for (through
/// a hash map): comparing every pair for rewording is quadratic.
const MAX_REWORDED: usize = 300;

/// A paragraph as compared: its lines, with blanks folded and in lower case.
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A hash of [`normal`] of `text`, made without building it: two paragraphs
/// with one normal form have one hash (the final sigma, which lowering a
/// whole text writes `ς`, is hashed as `σ` either way), so the forms are
/// compared only where the hashes agree.
fn normal_hash(text: &str) -> u64 {
    let mut h = crate::fnv::Fnv::new();
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.byte(b' ');
        }
        if w.is_ascii() {
            for b in w.bytes() {
                h.byte(b.to_ascii_lowercase());
            }
            continue;
        }
        for c in w.chars().flat_map(char::to_lowercase) {
            h.char(if c == 'ς' { 'σ' } else { c });
        }
    }
    h.finish()
}

/// How many content words each pair of paragraphs shares: entry
/// `i * n + j` for paragraphs `i < j` ([`shared_count`] of their words).
/// Counted word by word: the paragraphs that have a word, each pair of
/// them one more. That adds up to the words the pairs share, where
/// comparing the lists of every pair read all their words, shared or not.
fn shared_counts(paras: &[Para]) -> Vec<u32> {
    let n = paras.len();
    let mut by_word: Vec<(u64, u32)> = Vec::with_capacity(paras.iter().map(|p| p.words.len()).sum());
    for (k, p) in paras.iter().enumerate() {
        by_word.extend(p.words.iter().map(|&w| (w, k as u32)));
    }
    // By word, then paragraph: each paragraph once in a word's run.
    by_word.sort_unstable();
    let mut shared = vec![0u32; n * n];
    for run in by_word.chunk_by(|a, b| a.0 == b.0) {
        for (x, &(_, i)) in run.iter().enumerate() {
            for &(_, j) in &run[x + 1..] {
                shared[i as usize * n + j as usize] += 1;
            }
        }
    }
    shared
}

/// A paragraph: where it is, [`normal_hash`], and its content words as
/// sorted hashes.
struct Para {
    span: Span,
    hash: u64,
    words: Vec<u64>,
}

impl Lint for DuplicateParagraph {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let mut paras: Vec<Para> = Vec::new();
        let mut words: Vec<u64> = Vec::new();
        for span in doc.lines() {
            let text = doc.slice(span).trim();
            // Fewer bytes than a paragraph's fewest content words can take.
            // Code shown twice (a query, then the query changed) is the
            // article's listing, not a repeated paragraph.
            if text.len() < 3 * MIN_WORDS || crate::code::symbol_dense(text) {
                continue;
            }
            words.clear();
            words.extend(content_word_hashes(text));
            words.sort_unstable();
            words.dedup();
            if words.len() >= MIN_WORDS {
                paras.push(Para { span: doc.trim(span), hash: normal_hash(text), words: words.clone() });
            }
        }
        // Every matching pair first: a paragraph that matches two or more others is a
        // refrain (a question asked of every guest), not a copy, and is left alone.
        let mut pairs: Vec<(usize, usize, bool, f64)> = Vec::new();
        let mut matches = vec![0usize; paras.len()];
        if paras.len() > MAX_REWORDED {
            let mut by_hash: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
            for (i, p) in paras.iter().enumerate() {
                by_hash.entry(p.hash).or_default().push(i);
            }
            // Paragraphs of one normal form, among those of one hash.
            let mut copies: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
            for same in by_hash.values().filter(|g| g.len() >= 2) {
                for &i in same {
                    copies.entry(normal(doc.slice(paras[i].span))).or_default().push(i);
                }
            }
            for group in copies.values().filter(|g| g.len() == 2) {
                pairs.push((group[0], group[1], true, 1.0));
                matches[group[0]] = 1;
                matches[group[1]] = 1;
            }
            pairs.sort_by_key(|p| p.1);
        }
        let reworded = if paras.len() <= MAX_REWORDED { paras.len() } else { 0 };
        let shared = shared_counts(&paras[..reworded]);
        for j in 1..reworded {
            for i in 0..j {
                let (a, b) = (&paras[i], &paras[j]);
                let ratio = a.words.len().max(b.words.len()) as f64 / a.words.len().min(b.words.len()) as f64;
                // Copies have the same words: a ratio past the limit is neither.
                if ratio > MAX_RATIO {
                    continue;
                }
                let exact = a.hash == b.hash && normal(doc.slice(a.span)) == normal(doc.slice(b.span));
                let shared = shared[i * reworded + j] as usize;
                let overlap = shared as f64 / a.words.len().min(b.words.len()) as f64;
                // Names and numbers are asked of the few pairs that get here.
                if exact
                    || (shared >= MIN_SHARED
                        && overlap >= MIN_OVERLAP
                        && same_particulars(&particulars(doc.slice(a.span)), &particulars(doc.slice(b.span))))
                {
                    pairs.push((i, j, exact, overlap));
                    matches[i] += 1;
                    matches[j] += 1;
                }
            }
        }
        let body = if pairs.is_empty() { None } else { cx.structure().body };
        // Rewording is judged by content words, and the stop words left out
        // are English ones: in another language its stop words make two
        // paragraphs on one subject look alike. Such pairs still count
        // towards a refrain above; only word-for-word copies are reported.
        let english = matches!(doc.lang(), Some(crate::lang::Lang::En));
        for (i, j, exact, overlap) in pairs {
            if matches[i] != 1 || matches[j] != 1 || !(exact || english) {
                continue;
            }
            let (mut a, mut b) = (&paras[i], &paras[j]);
            if let Some((b0, b1)) = body {
                let inside = |p: &Para| (b0..=b1).contains(&doc.line_index(p.span.start));
                let quoted = |p: &Para| doc.slice(p.span).starts_with(OPENING_QUOTES);
                // A quotation shown twice inside the article is a pull quote:
                // the page repeats it by design.
                if inside(a) && inside(b) && (quoted(a) || quoted(b)) {
                    continue;
                }
                // The copy that is residue is the one outside the article body
                // (a teaser before it, a repeat after it): when the first copy
                // stands outside and the second inside, the first is flagged.
                if !inside(a) && inside(b) {
                    std::mem::swap(&mut a, &mut b);
                }
            }
            let (line, _) = doc.line_col(a.span.start);
            let message = if exact {
                format!("paragraph repeats line {line} word for word")
            } else {
                format!(
                    "paragraph repeats line {line} in other words ({:.0}% of its content words)",
                    overlap * 100.0
                )
            };
            let f = cx
                .report(b.span, message)
                .label("the copy to drop")
                .help("keep one of the two paragraphs")
                .related(Related::at(doc, a.span, "the copy to keep"));
            if exact {
                let line = doc.line_span_with_terminator(doc.line_index(b.span.start));
                f.fix(Fix::unsafe_("delete this copy", Edit::delete(line)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::assert_count;

    const A: &str = "President Biden and Russian President Vladimir Putin originally agreed on the Strategic Stability Dialogue in June as a platform for Washington and Moscow to directly debate security challenges and possible solutions. The group will meet for the third time this week, having previously convened in July and September.";
    const B: &str = "The Strategic Stability Dialogue was established in June by President Biden and Russian President Vladimir Putin as a forum for Washington and Moscow to openly discuss security concerns and possible solutions. This week will be the group's third meeting, following meetings in July and September.";
    const C: &str = "The discussions on Monday are the first of three scheduled this week in Europe between Russian officials and the US and its European allies and partners, aimed at preventing a war.";

    /// Two paragraphs with one normal form have one hash, whatever their
    /// case, blanks or final sigma.
    #[test]
    fn one_normal_form_one_hash() {
        use super::{normal, normal_hash};
        let same = [
            ("The  Cat\tsat.", " the cat SAT. "),
            ("ΟΔΟΣ ΣΟΦΙΑΣ", "οδος σοφιας"),
            ("ΟΔΟΣ", "Οδος"),
            ("İstanbul Straße", "i̇stanbul STRAßE"),
        ];
        for (a, b) in same {
            assert_eq!(normal(a), normal(b));
            assert_eq!(normal_hash(a), normal_hash(b), "{a} / {b}");
        }
        for (a, b) in [("the cat", "thecat"), ("the cat", "the cats"), ("Straße", "strasse")] {
            assert_ne!(normal_hash(a), normal_hash(b), "{a} / {b}");
        }
    }

    /// The counts by word are the counts of each pair's lists.
    #[test]
    fn shared_counts_are_each_pairs_shared_words() {
        use super::{shared_count, shared_counts, Para};
        use crate::span::Span;
        // Paragraphs of words drawn from a small vocabulary, so that pairs
        // share some words, all of them or none.
        let lists: Vec<Vec<u64>> = (0..40u64)
            .map(|k| {
                let mut w: Vec<u64> = (0..(k % 17) * 3).map(|x| (x * 7 + k * k) % 50).collect();
                if k % 9 == 0 {
                    w.clear();
                }
                w.sort_unstable();
                w.dedup();
                w
            })
            .collect();
        let paras: Vec<Para> =
            lists.iter().map(|w| Para { span: Span::new(0, 0), hash: 0, words: w.clone() }).collect();
        let n = paras.len();
        let shared = shared_counts(&paras);
        for j in 0..n {
            for i in 0..j {
                assert_eq!(shared[i * n + j] as usize, shared_count(&lists[i], &lists[j]), "{i} {j}");
            }
        }
        assert!(shared.iter().any(|&s| s > 10));
    }

    #[test]
    fn reworded_and_exact() {
        assert_count("duplicate-paragraph", &format!("{A}\n\n{B}\n"), 1);
        assert_count("duplicate-paragraph", &format!("{C}\n{A}\n{C}\n"), 1);
        assert_count("duplicate-paragraph", &format!("{A}\n\n{C}\n"), 0);
        // a refrain: the same paragraph three times
        assert_count("duplicate-paragraph", &format!("{C}\n{A}\n{C}\n{B}\n{C}\n"), 1);
    }
}
