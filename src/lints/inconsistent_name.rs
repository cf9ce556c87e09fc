use std::collections::{HashMap, HashSet};

use crate::declare_lint;
use crate::document::Document;
use crate::corpus::Corpus;
use crate::finding::{Edit, Fix, Related};
use crate::span::Span;
use crate::lint::{Context, Lint};
use crate::words::{damerau_distance, edit_distance, in_word_list, is_given_name, is_known_surname, words};
use crate::stats::frozen::NameRef;
use crate::stats::names::{is_name, names, NameAt, NOT_FIRST_NAMES};
use crate::stats::Needs;
use crate::fnv::KeyHasher;
use std::hash::BuildHasherDefault;

declare_lint! {
    /// ## What it does
    /// Flags a name spelled once one way where the document or the corpus spells it
    /// another way much more often: `Haverfrod` in an article that writes `Haverford`
    /// three times, `Febuary` where other documents write `February`, `Sergei Ryabakov`
    /// where others write `Sergei Ryabkov`.
    ///
    /// ## Why is this bad?
    /// A misspelled name is a different entity to search, linking and models; the
    /// facts about the person, place or company are split in two.
    ///
    /// ## Example
    /// `Haverford College said … Haverfrod students … Haverford thanked them.`
    ///
    /// A name is a capitalized word of four letters or more (a possessive `'s` and a
    /// lowercase part after a hyphen, `Houston-based`, set aside). A rare spelling is
    /// reported when the common one is a few edits away (Damerau–Levenshtein: one,
    /// two for words of ten letters or more), starts with the same letter and has five
    /// letters or more, and one of these is the evidence:
    /// - **the document** (an article, up to 30 KB: a book has too many names): it
    ///   uses the common spelling as often or more, and inside a sentence (a tie needs
    ///   the shape of a typing slip, below);
    /// - **the corpus** (for an article): the rare spelling, of five letters or more,
    ///   is written once, in no other document; the common one at least 5 times in 2
    ///   other documents, inside sentences (an English word, `August`, 50 times and
    ///   three times in four inside sentences), with the shape of a typing slip: a letter dropped, doubled or
    ///   swapped with its neighbour, or a changed vowel where the common spelling is
    ///   used 50 times or more, or is a long name (eight letters or more) of a place
    ///   or a thing used 10 times that is no word and seldom follows a given name
    ///   (`Muzambique`; `Parken` beside `Parker`, `Karin` beside `Karen`, `Priscott`
    ///   beside `John Prescott` are other names);
    /// - **a first name**: the same first name with the common spelling in 2 other
    ///   documents (`Sergei Ryabkov`); or a particle (`San`, `Los`, `Van`) that the
    ///   corpus writes before the common spelling (`San Aurleio` where others write
    ///   `San Aurelio`);
    /// - **a surname**: a given name one letter or one vowel from a given name that
    ///   the corpus writes before the same surname in 2 other documents, and in at
    ///   least half of the documents with that surname (`Birnie Ebbers` where others
    ///   write `Bernie Ebbers`; a surname many people share tells nothing);
    /// - **a known surname**: after a given name that the corpus never writes
    ///   before the common spelling, a slip of a known surname
    ///   (`data/surnames.txt.gz`) used 10 times in the corpus and after given
    ///   names in 2 documents (`Maren Whitlcok` where others write `Dennis
    ///   Whitlock`): the slip is no known surname or given name, and a letter
    ///   dropped, doubled or swapped, not a changed vowel or a doubled letter
    ///   made single (`Akerman`, `Kelett` may be a family's spelling);
    /// - **the document's capitals**: a line in capitals (a wire headline, `WILSON
    ///   FOODS SETS PAYMENT`) writes the common spelling, used 3 times in the corpus,
    ///   and the rare one has the shape of a typing slip.
    ///
    /// A very common spelling (100 times or more) widens the corpus evidence: a
    /// four-letter slip of a name of a place or a thing that is no word (`Itly`), a
    /// changed last vowel (`Europi`), and the same slip in one other document (a
    /// letter dropped, doubled or swapped: `Sepember` twice).
    ///
    /// It stays quiet when the rare spelling is an English word (`Treasure` beside
    /// `Treasury`, from a compiled-in word list), a name the word list knows (`Karin`),
    /// or has no vowel (an abbreviation); when it is a given name of some language
    /// (`data/given-names.txt`: `Adline` is not `Adeline`) unless the same surname
    /// follows the common spelling elsewhere; on a row of a table (abbreviations);
    /// in three documents or more (`Gill` beside `Hill`: both common); written with a
    /// neighbouring name that the corpus never writes with the common spelling
    /// (`Pernod Ricard` is not `Richard`, `Leyton Orient` is not `Lleyton`; a
    /// common given name, 20 times or more, may precede a surname that is no word and
    /// that no other document writes after the rare spelling); after a particle the
    /// corpus never writes before the common spelling (`Du Preez`); in a list of names
    /// (a line-up: `Dawson, Dowson`) the document's own spellings are no evidence; one
    /// spelling is the other plus an ending (`Russia`/`Russian`,
    /// `Putin`/`Putins`; a doubled last letter dropped, `Krup`, is a slip); the pair is listed in the configuration's `name-variants`
    /// (`Kiev`/`Kyiv`); or the word is near one of the configuration's `names`, which
    /// `unknown-name-variant` checks. Words in capitals are not names here.
    ///
    /// A spelling that is the common one in another romanisation (`n` for `m`
    /// before `b` or `p`: `Shinbun`, `Shimbun`; `ou` where the corpus writes `o`)
    /// is reported as a note (`info`) at most.
    ///
    /// ## Fix safety
    /// Unsafe: two people can have names one letter apart.
    InconsistentName, name = "inconsistent-name", category = Names, fix = Always(Unsafe)
}

/// The keys of every given name ([`crate::words::given_names`]), as the
/// statistics key the words before a name.
fn given_name_keys() -> &'static HashSet<u64, BuildHasherDefault<KeyHasher>> {
    static KEYS: std::sync::OnceLock<HashSet<u64, BuildHasherDefault<KeyHasher>>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| crate::words::given_names().iter().map(|g| crate::stats::names::key(g)).collect())
}

/// Short capitalized words next to names that are not names (`Hudson Bay`,
/// `Cominco Ltd`): the word list has words of four letters or more only.
const NOT_NAMES: &[&str] = &["Inc", "Ltd", "Plc", "Bay", "Co", "Corp", "Bros", "Cup", "Day", "Bank"];

/// Capitalized English words of three letters (the word list starts at
/// four) that start sentences and company names: not a first name whose
/// pairing tells which name follows (`Ten Telecom`).
const SHORT_WORDS: &[&str] = &[
    "The", "And", "But", "For", "Nor", "Yet", "One", "Two", "Six", "Ten", "New", "Old", "All", "Any", "Its",
    "Our", "Her", "His", "Has", "Had", "Was", "Are", "Not", "Now", "How", "Why", "Who", "She", "You", "Few",
    "Per", "Via", "Big", "Top", "Key", "End", "Net", "Oil", "Gas", "Tax", "Law", "War", "Sea", "Air", "Sun",
];

/// The longest document whose own spellings are evidence: an article.
const ARTICLE_BYTES: usize = 30_000;

/// `1 time`, `3 times`.
fn times(n: u64) -> String {
    if n == 1 {
        "1 time".into()
    } else {
        format!("{n} times")
    }
}

/// How one document uses a name.
struct Here {
    /// Occurrences.
    count: u32,
    /// Occurrences inside a sentence.
    mid: u32,
    /// Occurrences as a whole word, not a part of a hyphenated one.
    whole: u32,
    /// The first two occurrences.
    spans: [Option<Span>; 2],
    /// Where its first and last occurrences are in the document's names
    /// (the others are chained through `next`).
    first: usize,
    last: usize,
}

/// What made the call: the common spelling in this document, in its lines
/// in capitals, in the corpus, in the corpus after the same first name, or
/// in the corpus in the same two-word name (`Zenith Electronics`,
/// `Consolidated-Bathurst`), or as a known surname after a given name.
enum Evidence<'a> {
    Document,
    Capitals,
    Corpus,
    FirstName(&'a str),
    Surname(&'a str),
    Before(&'a str),
    After(&'a str),
}

/// How many different capitalized words must come right before a word in
/// the corpus for it to be a head noun that follows any name (`College`).
const HEAD_NOUN_NAMES: usize = 20;

/// The largest edit distance allowed between a slip and the right spelling:
/// two for long words, one otherwise.
fn max_edits(w: &str, c: &str) -> usize {
    if w.chars().count().min(c.chars().count()) >= 10 {
        2
    } else {
        1
    }
}

/// Can `w` be a slip for `c` at all: same first letter, a few edits apart,
/// `c` of five letters or more, and neither one the other plus an ending
/// (`Russia`/`Russian`, `Putin`/`Putins`).
fn close(w: &str, c: &str, max: usize) -> bool {
    // Cheapest first: a check compares each rare name with every name of
    // its document, and most pairs differ in their first letter or length.
    c.chars().next() == w.chars().next()
        && w.len().abs_diff(c.len()) <= 4 * max
        && w != c
        && c.chars().count() >= 5
        && (!c.starts_with(w) || doubled_end(c, w))
        && (!w.starts_with(c) || doubled_end(w, c))
        && damerau_distance(w, c, max) <= max
}

/// True when `long` is `short` with its last letter doubled (`Krupp`,
/// `Krup`): a slip, where other endings make another word (`Russian`).
fn doubled_end(long: &str, short: &str) -> bool {
    long.len() == short.len() + 1 && short.chars().last().is_some_and(|l| long.ends_with([l, l]))
}

/// True when two surnames differ only in an ending that makes two families
/// of names, not a slip: Scandinavian `-sson`/`-son` (`Andersson`,
/// `Anderson`) and `-sen`/`-son` (`Olsen`, `Olson`).
fn family_endings(w: &str, c: &str) -> bool {
    let stem = |x: &str| {
        ["sson", "sen", "son"].iter().find_map(|e| x.strip_suffix(e).map(|s| s.to_string())).unwrap_or_default()
    };
    let (a, b) = (stem(w), stem(c));
    !a.is_empty() && a == b
}

/// True when one spelling is the other with an `e` after `a`, `o` or `u`
/// (`Oeien`, `Oien`; `Mueller`, `Muller`): the two ways of writing `ä`, `ö`,
/// `ø`, `ü` without them, both in use for the same name. (In one document,
/// the same shape is a slip: `Boing` beside `Boeing`.) An `e` next to
/// another is a doubled letter, a slip (`Michaeel`).
fn umlaut_spelling(w: &str, c: &str) -> bool {
    let (long, short) = if w.len() > c.len() { (w, c) } else { (c, w) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let b = long.as_bytes();
    (1..b.len()).any(|i| {
        b[i] == b'e'
            && matches!(b[i - 1].to_ascii_lowercase(), b'a' | b'o' | b'u')
            && b.get(i + 1) != Some(&b'e')
            && long.is_char_boundary(i)
            && long.is_char_boundary(i + 1)
            && format!("{}{}", &long[..i], &long[i + 1..]) == short
    })
}

/// The alternation of romanisation that makes `w` of `c`, if one does:
/// `n` for `m` before `b` or `p` (`Shinbun`, `Shimbun`), or `ou` for the
/// corpus's `o` (`Abdoulaye`, `Abdolaye`). Both are ways of writing one
/// name in Latin letters, not slips: such a finding is a note at most.
fn romanisation(w: &str, c: &str) -> Option<&'static str> {
    let (w, c): (Vec<char>, Vec<char>) = (w.chars().collect(), c.chars().collect());
    if w.len() == c.len() {
        let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != c[i]).collect();
        if let [i] = diff[..] {
            let pair = [w[i], c[i]];
            if (pair == ['m', 'n'] || pair == ['n', 'm']) && matches!(w.get(i + 1), Some('b' | 'p')) {
                return Some("`n` or `m` before `b` and `p`");
            }
        }
        return None;
    }
    // Only the spelling with `ou` as the rare one: a `u` dropped from `ou`
    // is as often a slip (`Glocester`).
    let (long, short) = (&w, &c);
    if long.len() != short.len() + 1 {
        return None;
    }
    (1..long.len())
        .any(|i| long[i] == 'u' && long[i - 1] == 'o' && long[..i] == short[..i] && long[i + 1..] == short[i..])
        .then_some("`o` or `ou`")
}

/// Words before a name that make one compound name with it (`Los Angeles`,
/// `Du Preez`, `El Salvador`, `Van Gogh`), in the languages whose names
/// have them.
const PARTICLES: &[&str] = &[
    "Abu", "Al", "Ben", "Bin", "Da", "Dal", "Das", "De", "Del", "Della", "Den", "Der", "Des", "Di", "Do",
    "Dos", "Du", "El", "Ibn", "La", "Las", "Le", "Les", "Lo", "Los", "Mac", "San", "Santa", "Sankt", "St",
    "Ter", "Van", "Von", "Zu",
];

fn particle(b: &str) -> bool {
    PARTICLES.contains(&b)
}

/// True when a capitalized word is an English word in lower case: the
/// capital is the sentence's, or the word is a real one (`Treasure`).
fn is_word(w: &str) -> bool {
    // Most names are short and ASCII: lower-cased on the stack.
    let mut buf = [0u8; 32];
    if w.is_ascii() && w.len() <= buf.len() {
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return in_word_list(std::str::from_utf8(lower).expect("ASCII"));
    }
    in_word_list(&w.to_lowercase())
}

/// A name the word list or the given-name list knows (`Cooper`, `Gerald`).
fn known_name(c: &str) -> bool {
    in_word_list(c) || is_given_name(c)
}

/// The capitalized word right after the word ending at `end`, spaces
/// between (`Foxx` after `Jamie`).
fn next_capitalized(text: &str, end: usize) -> Option<&str> {
    let rest = &text[end..];
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    if gap == 0 {
        return None;
    }
    let (at, w) = words(&rest[gap..]).next()?;
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
    (at == 0 && w.chars().next().is_some_and(char::is_uppercase)).then_some(w)
}

/// True when the one edit from `c` to `w` is a typing slip: a letter
/// dropped, a letter doubled, two neighbours swapped, or (with `vowels`)
/// one vowel for another before the last letter. A changed consonant or an
/// added letter more often makes another name (`Parker`, `Parken`; `Kevin`,
/// `Kelvin`), and so does a changed vowel where the document does not also
/// have the common spelling (`Karen`, `Karin`).
fn slip_shape(w: &str, c: &str, vowels: bool) -> bool {
    let w: Vec<char> = w.chars().collect();
    let c: Vec<char> = c.chars().collect();
    let vowel = |x: char| "aeiou".contains(x);
    if w.len() + 1 == c.len() {
        return true;
    }
    if w.len() == c.len() + 1 {
        return (1..w.len()).any(|i| {
            w[..i] == c[..i] && w[i + 1..] == c[i..] && (w[i] == w[i - 1] || w.get(i + 1) == Some(&w[i]))
        });
    }
    if w.len() != c.len() {
        return false;
    }
    let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != c[i]).collect();
    match diff[..] {
        [i] => vowels && i + 1 < w.len() && vowel(w[i]) && vowel(c[i]),
        [i, j] => j == i + 1 && w[i] == c[j] && w[j] == c[i],
        _ => false,
    }
}

/// True when `w` is `c` with one letter of a doubled pair dropped
/// (`Godman`, `Goodman`; `Philips`, `Phillips`): families write a name
/// both ways.
fn undoubled(w: &str, c: &str) -> bool {
    let w: Vec<char> = w.chars().collect();
    let c: Vec<char> = c.chars().collect();
    w.len() + 1 == c.len() && (1..c.len()).any(|i| c[i] == c[i - 1] && w[..i] == c[..i] && w[i..] == c[i + 1..])
}

/// True when `w` is `c` with its last letter, a vowel, changed for another
/// (`Europi`, `Europe`): a slip in a name the corpus writes very often, an
/// ending of another language in one it seldom does (`Compagnia`).
fn last_vowel_changed(w: &str, c: &str) -> bool {
    let vowel = |x: char| "aeiou".contains(x);
    let (mut a, mut b) = (w.chars(), c.chars());
    match (a.next_back(), b.next_back()) {
        (Some(x), Some(y)) => x != y && vowel(x) && vowel(y) && a.as_str() == b.as_str(),
        _ => false,
    }
}

/// Articles and prepositions of other languages that join a name to the
/// next word (`Catedral de Sal`, `Casa del Sol`).
const FOREIGN_JOINS: &[&str] =
    &["de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "y", "von", "van", "der", "den"];

/// True when the word ending at `end` is followed by one of
/// [`FOREIGN_JOINS`]: it stands in a phrase of another language, where a
/// word one letter from an English one is that language's (`Catedral`).
fn foreign_phrase(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    let next = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    !next.is_empty() && rest.len() < text.len() - end && FOREIGN_JOINS.contains(&next)
}

/// The line around the word at `at..end`, as byte offsets, at most 200
/// bytes on each side of the word: lines can be megabytes long.
fn line_window(text: &str, at: usize, end: usize) -> (usize, usize) {
    let mut from = at.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + 200).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let start = text[from..at].rfind('\n').map_or(from, |i| from + i + 1);
    let line_end = text[end..to].find('\n').map_or(to, |i| end + i);
    (start, line_end)
}

/// The words of four letters or more, in upper case, of the lines written
/// in capitals: two words or more and no lower-case letter (a wire
/// headline, `WILSON FOODS SETS FINAL PAYMENT`).
fn words_in_capitals(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for line in text.lines().filter(|l| !l.chars().any(char::is_lowercase)) {
        // Every letter of the line is a capital: its words are in capitals.
        let words: Vec<&str> = line.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        if words.len() >= 2 {
            out.extend(
                words.into_iter().filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_uppercase)).map(str::to_string),
            );
        }
    }
    out
}

/// True when the line around `at` is a row of a table: at least two
/// numbers, and as many as words (`End Stks  390.70  398.05`). Names there
/// are mostly abbreviations (`Pittsbg`, `Clevlnd`).
fn on_table_line(text: &str, at: usize) -> bool {
    let (start, end) = line_window(text, at, at);
    let (mut numbers, mut words) = (0, 0);
    for token in text[start..end].split_whitespace() {
        if token.chars().any(|c| c.is_ascii_digit()) {
            numbers += 1;
        } else if token.chars().any(char::is_alphabetic) {
            words += 1;
        }
    }
    numbers >= 2 && numbers >= words
}

/// True when the word at `at` stands in a list of names (a line-up, a roll
/// call): a comma joins it to a capitalized neighbour, and three of the four
/// words around it in its line are capitalized (`A`, `The` and titles not
/// counted), or all of them when the line has fewer.
fn in_list(text: &str, at: usize, end: usize) -> bool {
    let (line_start, line_end) = line_window(text, at, end);
    let capital = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1 && !NOT_FIRST_NAMES.contains(&w)
    };
    let before = words(&text[line_start..at]).collect::<Vec<_>>();
    let after: Vec<(usize, &str)> = words(&text[end..line_end]).take(2).collect();
    let comma_before =
        before.last().is_some_and(|&(i, w)| capital(w) && text[line_start + i + w.len()..at].trim() == ",");
    let comma_after = after.first().is_some_and(|&(i, w)| capital(w) && text[end..end + i].trim() == ",");
    let around: Vec<&str> =
        before.iter().rev().take(2).map(|&(_, w)| w).chain(after.iter().map(|&(_, w)| w)).collect();
    let n = around.iter().filter(|w| capital(w)).count();
    (comma_before || comma_after) && (n >= 3 || (n >= 2 && n == around.len()))
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
        let found = names(doc.text());
        // Only a word this rare in the corpus can be a slip: in this document
        // and at most one other (a name the statistics do not hold is in this
        // document only). Asked once per name of the document, below.
        let rare_here = |w: &str| !stats.in_three_documents(w);
        let mut here: HashMap<&str, Here, BuildHasherDefault<KeyHasher>> = HashMap::default();
        let mut order: Vec<&str> = Vec::new();
        // For each name, the index of the same word's next occurrence.
        let mut next = vec![usize::MAX; found.len()];
        for (i, n) in found.iter().enumerate() {
            let e = here.entry(n.word).or_insert_with(|| {
                order.push(n.word);
                Here { count: 0, mid: 0, whole: 0, spans: [None; 2], first: i, last: i }
            });
            if e.last != i {
                next[e.last] = i;
                e.last = i;
            }
            if let Some(slot) = e.spans.iter_mut().find(|s| s.is_none()) {
                *slot = Some(Span::new(n.at, n.at + n.word.len()));
            }
            e.count += 1;
            e.mid += u32::from(!n.initial);
            e.whole += u32::from(!n.part);
        }
        let rare: Vec<&str> = order.iter().copied().filter(|w| rare_here(w)).collect();
        if rare.is_empty() {
            return;
        }
        // The document's names by first letter and length: a close
        // spelling ([`close`]) starts with the same letter and is at most
        // two edits away, so at most two letters longer or shorter; each
        // rare name is compared with those only.
        let mut by_first: Vec<(char, usize, &str)> =
            order.iter().map(|&c| (c.chars().next().unwrap_or_default(), c.chars().count(), c)).collect();
        by_first.sort_unstable();
        let same_first = |w: &str| {
            let (f, n) = (w.chars().next().unwrap_or_default(), w.chars().count());
            let from = by_first.partition_point(|&(x, l, _)| (x, l) < (f, n.saturating_sub(2)));
            let to = by_first.partition_point(|&(x, l, _)| (x, l) <= (f, n + 2));
            by_first[from..to].iter().map(|&(_, _, c)| c)
        };
        let occurrences_of = |h: &Here| {
            std::iter::successors(Some(h.first), |&i| Some(next[i]).filter(|&j| j != usize::MAX)).map(|i| &found[i])
        };
        // The English word list and the shapes of English names say nothing
        // about a document in another language (German nouns are
        // capitalised, and close ones are different words).
        // Found when first needed: most documents have no candidate that
        // gets this far.
        let english = std::cell::OnceCell::new();
        // The document's words in capitals: found when first needed.
        let capitals: std::cell::OnceCell<HashSet<String>> = std::cell::OnceCell::new();
        let english = || {
            *english.get_or_init(|| {
                matches!(doc.lang(), Some(crate::lang::Lang::En) | None)
            })
        };
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
        // The corpus's figures for a name of this document: from the
        // statistics, or, for a name they do not hold, from this document,
        // the only one that has it.
        let stat = |c: &str| stats.name(c);
        let count_of = |c: &str| stat(c).map_or_else(|| here.get(c).map_or(0, |h| u64::from(h.count)), |s| s.count);
        let docs_of = |c: &str| stat(c).map_or_else(|| u64::from(here.contains_key(c)), |s| s.docs);
        // In how many documents the first name `f` comes right before `c`.
        let before_of = |c: &str, f: &str| match stat(c) {
            Some(s) => s.before(f),
            None => u64::from(
                !NOT_FIRST_NAMES.contains(&f)
                    && here.get(c).is_some_and(|h| occurrences_of(h).any(|n| n.before == Some(f))),
            ),
        };
        let allowed = |w: &str, c: &str| {
            !accepted.contains(&(w, c))
                && !listed.iter().any(|l| edit_distance(w, l, 2) <= 2)
                && !family_endings(w, c)
        };
        for &w in &rare {
            // A word, a name the word list knows, or an abbreviation (no
            // vowel: `Stks`).
            if is_word(w) || in_word_list(w) || !w.chars().any(|c| "aeiouyAEIOUY".contains(c)) {
                continue;
            }
            // A given name of some language is a name of its own (`Patrik
            // Berger` is not `Patrick`), unless the same surname follows the
            // other spelling elsewhere (`Malcom Glazer`, `Malcolm Glazer`).
            // In the surname's place (after a title or a given name: `Mr
            // Kenedy`, `Amanda Haris`) a given name's spelling is no
            // evidence of a name of its own.
            let surname_place = |n: &&NameAt<'_>| {
                n.before.is_some_and(|b| NOT_FIRST_NAMES.contains(&b) || (is_given_name(b) && !is_word(b)))
            };
            let given = is_given_name(w) && !occurrences_of(&here[w]).all(|n| surname_place(&n));
            let mine = &here[w];
            let occurrences: Vec<&NameAt<'_>> = occurrences_of(mine).collect();
            // In a list of names (a line-up), close names in the same
            // document are often two people: only the corpus is evidence.
            let listed_here = occurrences.iter().any(|n| in_list(doc.text(), n.at, n.at + w.len()));
            // In a table, names are mostly abbreviations.
            if occurrences.iter().any(|n| on_table_line(doc.text(), n.at)) {
                continue;
            }
            let (rare_count, rare_docs) = stat(w).map_or((u64::from(mine.count), 1), |s| (s.count, s.docs));
            // A neighbour tells which name this is when it is a name itself, not
            // a title (`Mr`) or a word (`Molecular Biosystems`, `Hudson Bay`).
            let telling = |x: &str| {
                let mut c = x.chars();
                c.next().is_some_and(char::is_uppercase)
                    && x.chars().count() >= 3
                    && c.all(char::is_lowercase)
                    && !NOT_FIRST_NAMES.contains(&x)
                    && !NOT_NAMES.contains(&x)
                    && !SHORT_WORDS.contains(&x)
                    && !is_word(x)
            };
            // A name written with a neighbour (`Jamie Foxx`) must be found
            // with the same neighbour in the corpus: `Ricard` in `Pernod
            // Ricard` is not `Richard`, as no document writes `Pernod Richard`.
            // A very common first name (`Geerge Keller`) may come before a
            // surname the corpus has not seen. The name after may be a word
            // (`Leyton Orient` is not `Lleyton Orient`).
            // After a particle the name is compound (`Du Preez`): the corpus
            // must write the particle before the other spelling too (`Los
            // Angeles`, `El Salvador`).
            let same_surname = |c: &str| {
                occurrences.iter().any(|n| {
                    next_capitalized(doc.text(), n.at + w.len()).is_some_and(|x| x != c && before_of(x, c) >= 1)
                })
            };
            // The document writes `c` without a first name wherever it
            // writes it: the person it introduced once by full name
            // (`Stewart Freaman`, then `Freeman said`), not another person.
            // Named again, so twice or more, and never as a given name itself
            // (`Kiichi Miyazawa`) or a part of a compound name; and the slip
            // ends its name (`Lian Chia Liang` is no `China`).
            let alone_here = |c: &str| {
                here.get(c).is_some_and(|h| {
                    h.count >= 2
                        && occurrences_of(h).all(|n| {
                            !n.part
                                && n.before.is_none_or(|b| !telling(b))
                                && next_capitalized(doc.text(), n.at + c.len()).is_none()
                        })
                }) && occurrences.iter().all(|n| !n.part && next_capitalized(doc.text(), n.at + w.len()).is_none())
            };
            // A word that follows many names (`College`, `Bank`) says nothing
            // about the name before it; one that follows few (`Orient` in
            // `Leyton Orient`) does.
            let head_noun = |x: &str, c: &str| {
                !is_given_name(c) && is_word(x) && stat(x).is_some_and(|s| s.befores() >= HEAD_NOUN_NAMES)
            };
            // A slip of a known surname after a given name that the corpus
            // never writes before it (`Ridley Soctt` where others write
            // `Scott` 20 times, after given names in 2 documents: a
            // surname there, not only a given name like `Damien`): the slip
            // is no known surname (`Philips` and `Thomson` are, beside
            // `Phillips` and `Thompson`), nor a given name, and a letter
            // dropped, doubled or swapped (no vowel changed: `Allan`, `Allen`;
            // no doubled letter made single: `Godman`, `Goodman`).
            let surname_slip = |f: &str, c: &str| {
                is_given_name(f)
                    && w.chars().count() >= 5
                    && !is_given_name(w)
                    && !is_known_surname(w)
                    && is_known_surname(c)
                    && count_of(c) >= 10
                    && slip_shape(w, c, false)
                    && !undoubled(w, c)
                    && stat(c).is_some_and(|s| {
                        let given = given_name_keys();
                        s.before_keys().filter(|(k, _)| given.contains(k)).map(|(_, n)| n).sum::<u64>() >= 2
                    })
            };
            let neighbours_agree = |c: &str, in_doc: bool| {
                (!given || same_surname(c))
                    && occurrences.iter().all(|n| {
                        n.before.is_none_or(|b| !particle(b) || before_of(c, b) >= 1)
                    })
                    && occurrences.iter().all(|n| {
                    let first = n.before.filter(|&b| telling(b));
                    let next = next_capitalized(doc.text(), n.at + w.len())
                        .filter(|&x| is_name(x) && !NOT_NAMES.contains(&x));
                    // A given name before a surname: the surname is a name,
                    // not a word (`Leyton Orient` is not `Lleyton Orient`),
                    // the common spelling a known given name, and no other
                    // document writes this spelling before that surname
                    // (`Petter Solberg` twice is a name of its own).
                    let given_name = |x: &str| {
                        !is_word(x) && known_name(c) && count_of(c) >= 15 && before_of(x, w) <= 1
                    };
                    first.is_none_or(|f| {
                        f != c
                            && (before_of(c, f) >= 1
                                || (in_doc && alone_here(c))
                                || (!in_doc && surname_slip(f, c)))
                    })
                        && next.is_none_or(|x| {
                        x != c && (count_of(c) >= 50 || before_of(x, c) >= 1 || given_name(x) || head_noun(x, c))
                    })
                })
            };
            // Every occurrence is a part of a hyphenated name, and the
            // document writes `c` in the same name (`Merriam-Webster`,
            // `Merriam-Wesbter`): the name of one thing, spelled two ways.
            let same_compound = |c: &str| {
                let mut befores = occurrences.iter().map(|n| n.part.then_some(n.before).flatten());
                let Some(Some(p)) = befores.next() else { return false };
                // `Saint-Amand` and `Saint-Amans` are two towns: after a
                // particle the part is a name of its own.
                !particle(p)
                    && !matches!(p, "Saint" | "Sainte")
                    && befores.all(|b| b == Some(p))
                    && here.get(c).is_some_and(|h| occurrences_of(h).any(|m| m.part && m.before == Some(p)))
            };
            // In this document: a close spelling it uses as often or more, as
            // a name; a tie needs the shape of a typing slip. Only in an
            // English article: a book has hundreds of names, close ones among
            // them (`Salah`, `Selah`), and is checked against the corpus only.
            let article = doc.text().len() <= ARTICLE_BYTES && english();
            let in_doc = if !article || listed_here {
                None
            } else {
                same_first(w)
                    .filter(|&c| {
                        let h = &here[c];
                        // `close` first: it turns most pairs away on their first letter.
                        close(w, c, max_edits(w, c))
                            && (h.whole > 0 || same_compound(c))
                            && (h.count > mine.count || (h.count == mine.count && slip_shape(w, c, true)))
                            // A word (`Zenith`, `Moody's`) written here only at the start
                            // of sentences must be a name inside a third of the corpus's.
                            && (h.mid > 0 || !is_word(c) || stat(c).is_some_and(|s| s.count >= 5 && s.mid.saturating_mul(3) >= s.count))
                            && count_of(c) >= rare_count.saturating_mul(3)
                            && allowed(w, c)
                            && neighbours_agree(c, true)
                    })
                    .max_by_key(|&c| (here[c].count, std::cmp::Reverse(c)))
                    .map(|c| (c, Evidence::Document))
            };
            // In the corpus (for an article): a close spelling far more
            // frequent in other documents, used there as a name (an English
            // word, `August`, mostly inside sentences), where this one is written once,
            // in no other document, with the shape of a typing slip (a changed
            // vowel only for a very common spelling, or after the same first
            // name).
            let in_corpus = || {
                let n = occurrences[0];
                if rare_docs > 2 || rare_count > 2 || mine.count != 1 {
                    return None;
                }
                // The same slip in one other document (`Sepember` twice in a
                // wire of `September`): only for a spelling used 100 times,
                // and a letter dropped, doubled or swapped. Two documents
                // may name someone else (`Riddick`, `Roddick`), or be a word
                // of another language (`Centraal`).
                let twice = rare_docs == 2;
                let first = n.before.filter(|&b| telling(b));
                // A given name that is also a word (`Tony`, `Will`, `Bill`)
                // tells the person when the corpus writes it before the
                // common spelling in two other documents.
                let given_before = n.before.filter(|&b| {
                    first.is_none() && is_given_name(b) && !NOT_FIRST_NAMES.contains(&b) && !particle(b)
                });
                // What every candidate below needs of `w` itself, asked before
                // the candidates are looked up.
                // A four-letter spelling only after a first name the common
                // spelling follows elsewhere (`Will Smth`), before a surname
                // that belongs to it, or of a very common name (below):
                // shorter names are one edit from too many others.
                let short = w.chars().count() == 4;
                let first_or_given = first.or(given_before);
                // The capitalized word after: a surname that may belong to
                // the person the common spelling names (below).
                let after = next_capitalized(doc.text(), n.at + w.len());
                let surname_after = after.filter(|&x| telling(x));
                if w.chars().count() < 4 || (first_or_given.is_none() && !article) {
                    return None;
                }
                let others = |s: NameRef<'_>| s.docs.saturating_sub(u64::from(here.contains_key(s.name)));
                // A given name before a surname that belongs to the common
                // spelling: the corpus writes the common spelling before it
                // in two other documents, and in at least half of the
                // documents that have the surname (`Birnie Ebbers` where
                // others write `Bernie Ebbers`). A surname many people share
                // (`Smith`) follows many given names, and tells nothing.
                let owned_surname = |s: NameRef<'_>| {
                    is_given_name(s.name)
                        && surname_after.is_some_and(|x| {
                            let b = before_of(x, s.name);
                            b >= 2 && b.saturating_mul(2) >= docs_of(x)
                        })
                };
                // The capitalized word before or after that two other documents
                // write with the common spelling: one name of two words
                // (`Zenith Electronics`), whatever the words are.
                let compound = |s: NameRef<'_>| {
                    n.before
                        .filter(|&p| !particle(p) && s.before(p) >= 2)
                        .map(Evidence::Before)
                        .or_else(|| after.filter(|&x| before_of(x, s.name) >= 2).map(Evidence::After))
                };
                stats
                    .near(w)
                    .into_iter()
                    .filter(|&s| {
                        let c = s.name;
                        // Twice, the name after (if any) must follow the common
                        // spelling elsewhere too: `Centraal Planbureau` is Dutch.
                        if twice
                            && (s.count < 100
                                || !slip_shape(w, c, false)
                                || after.is_some_and(|x| {
                                    // After a title (`Minister`) comes anyone.
                                    is_name(x) && !NOT_NAMES.contains(&x) && !NOT_FIRST_NAMES.contains(&c) && before_of(x, c) == 0
                                }))
                        {
                            return false;
                        }
                        // The same first name with the common spelling in two
                        // other documents is evidence enough of the person.
                        let by_first = first_or_given.is_some_and(|f| s.before(f) >= 2);
                        let owned = owned_surname(s);
                        // Or a very common name of a place or a thing (`Itly`
                        // where others write `Italy` a hundred times), a letter
                        // dropped or swapped, in an article: a slip, unless the
                        // short spelling is a given name of its own.
                        let very_common =
                            article && s.count >= 100 && !is_word(s.name) && !is_given_name(w) && !is_given_name(s.name);
                        let short_common = short && !by_first && !owned;
                        if short_common && !very_common {
                            return false;
                        }
                        let compound = compound(s);
                        // A changed vowel in a person's name makes another
                        // person or spelling (`John Connally`, `Yassir
                        // Arafat`): only in a name of things (`Imperial Oil`).
                        let things = match compound {
                            Some(Evidence::Before(x)) => !is_given_name(x) && !is_given_name(s.name),
                            // A word after the name makes it a firm's or a
                            // place's (`Dillon Read`), whatever the name.
                            Some(Evidence::After(x)) => is_word(x) || (!is_given_name(x) && !is_given_name(s.name)),
                            _ => false,
                        };
                        let compound = compound.is_some();
                        // A long name of a place or a thing (eight letters or more,
                        // used 10 times, after a given name in fewer than one
                        // document in five: `Muzambique`) has few others one vowel
                        // away; a person's surname has (`Priscott`, `Prescott`), and
                        // so has a name in a line-up (`Cornwell`, `Cornwall`).
                        let long_thing = w.chars().count() >= 8
                            && s.count >= 10
                            && !n.initial
                            && !listed_here
                            && !is_word(c)
                            && {
                            let given = given_name_keys();
                            let after_given: u64 =
                                s.before_keys().filter(|(k, _)| given.contains(k)).map(|(_, n)| n).sum();
                            after_given.saturating_mul(5) < s.docs
                        };
                        let after_first = by_first || compound;
                        (if after_first { s.count >= 3 } else { article && s.count >= 5 && others(s) >= 2 })
                            && s.count >= rare_count.saturating_mul(3)
                            // Used as a name inside sentences, not only at their
                            // start; a name that is no word may stand mostly first
                            // (`Consolidated-Bathurst` in every price report).
                            && (s.mid.saturating_mul(5) >= s.count || (!is_word(c) && s.mid >= 2))
                            && here.get(c).is_none_or(|h| h.count <= mine.count)
                            && close(w, c, 1)
                            // An English word (`August`) must be used as a name:
                            // mostly inside sentences.
                            && (after_first
                                || !is_word(c)
                                || (s.count >= 50 && s.mid.saturating_mul(4) >= s.count.saturating_mul(3))
                                || (known_name(c) && s.count >= 10 && s.mid.saturating_mul(3) >= s.count.saturating_mul(2))
                                // A word the corpus capitalises inside nine sentences in ten
                                // is a title's or a name's (`the Aircraft Division`), when the
                                // slip is long: a short one is often a word of another
                                // language (`Mater`, `Maries`).
                                || (s.count >= 8
                                    && s.mid.saturating_mul(10) >= s.count.saturating_mul(9)
                                    && w.chars().count() >= 7
                                    && !foreign_phrase(doc.text(), n.at + w.len())))
                            // A changed vowel makes other names (`Karen`, `Karin`,
                            // `Hussein`, `Hussain`) unless the common spelling is
                            // very frequent.
                            // After a given name that is also a word (`Mark`), the
                            // shape must be a slip's without a changed vowel.
                            && ((by_first && first.is_some())
                                || (last_vowel_changed(w, c)
                                    && !short_common
                                    && s.count >= 100
                                    && !is_word(c)
                                    && !is_given_name(c))
                                || slip_shape(
                                    w,
                                    c,
                                    !short_common
                                        && (owned || things || long_thing || s.count >= 50 || first.is_some()),
                                ))
                            && allowed(w, c)
                            // Only elsewhere, `Oien` and `Oeien` are two ways of
                            // writing one name without its letter.
                            // A spelling used 50 times or more is the corpus's: a
                            // one-off without its `e` is a slip (`Tusday`).
                            && (s.count >= 50 || !umlaut_spelling(w, c))
                            && neighbours_agree(c, false)
                    })
                    .max_by_key(|s| (s.count, std::cmp::Reverse(s.name)))
                    .map(|s| match first_or_given.filter(|&f| s.before(f) >= 1) {
                        Some(f) => (s.name, Evidence::FirstName(f)),
                        None => match first {
                            // Only a known surname let it through (above).
                            Some(f) => (s.name, Evidence::Surname(f)),
                            None => (s.name, compound(s).unwrap_or(Evidence::Corpus)),
                        },
                    })
            };
            // In this document's capitals: a line in capitals (a wire
            // headline) writes the common spelling, and none writes this
            // one (`Wilsson Foods Corp said` under `WILSON FOODS SETS
            // PAYMENT`); the common spelling is used three times in the
            // corpus, and the change has the shape of a typing slip.
            let in_capitals = || {
                if !article || listed_here {
                    return None;
                }
                let caps = capitals.get_or_init(|| words_in_capitals(doc.text()));
                if caps.is_empty() || caps.contains(&w.to_uppercase()) {
                    return None;
                }
                stats
                    .near(w)
                    .into_iter()
                    .filter(|&s| {
                        let c = s.name;
                        s.count >= 3
                            && s.count >= rare_count.saturating_mul(3)
                            && here.get(c).is_none_or(|h| h.count <= mine.count)
                            && close(w, c, 1)
                            && slip_shape(w, c, true)
                            && caps.contains(&c.to_uppercase())
                            && allowed(w, c)
                            && !umlaut_spelling(w, c)
                    })
                    .max_by_key(|s| (s.count, std::cmp::Reverse(s.name)))
                    .map(|s| (s.name, Evidence::Capitals))
            };
            let Some((c, evidence)) = in_doc.or_else(in_capitals).or_else(in_corpus) else { continue };
            let (n_here, spans_here) = here.get(c).map_or((0, [None; 2]), |h| (h.count, h.spans));
            let n_else = count_of(c).saturating_sub(u64::from(n_here));
            let docs_else = docs_of(c).saturating_sub(u64::from(n_here > 0));
            let message = match evidence {
                Evidence::Document if docs_else == 0 => {
                    format!("`{w}` is spelled `{c}` {} in this document", times(u64::from(n_here)))
                }
                Evidence::Document => format!(
                    "`{w}` is spelled `{c}` {} in this document and {} in {docs_else} other {}",
                    times(u64::from(n_here)),
                    times(n_else),
                    if docs_else == 1 { "document" } else { "documents" }
                ),
                Evidence::Capitals => format!(
                    "`{w}` is written `{}` in this document's capitals, and `{c}` {} in {docs_else} other {}",
                    c.to_uppercase(),
                    times(n_else),
                    if docs_else == 1 { "document" } else { "documents" }
                ),
                Evidence::Corpus => format!(
                    "`{w}` is spelled `{c}` {} in {docs_else} other {}",
                    times(n_else),
                    if docs_else == 1 { "document" } else { "documents" }
                ),
                Evidence::Surname(first) => format!(
                    "`{w}` after `{first}` is no known surname, and `{c}` is one, spelled so {} in {docs_else} other {}",
                    times(n_else),
                    if docs_else == 1 { "document" } else { "documents" }
                ),
                Evidence::Before(p) => format!(
                    "`{p} {w}` is spelled `{p} {c}` in {} other {} (`{c}` {} in all)",
                    before_of(c, p),
                    if before_of(c, p) == 1 { "document" } else { "documents" },
                    times(n_else)
                ),
                Evidence::After(x) => format!(
                    "`{w} {x}` is spelled `{c} {x}` in {} other {} (`{c}` {} in all)",
                    before_of(x, c),
                    if before_of(x, c) == 1 { "document" } else { "documents" },
                    times(n_else)
                ),
                Evidence::FirstName(first) => format!(
                    "`{first} {w}` is spelled `{first} {c}` in {} other {} (`{c}` {} in all)",
                    before_of(c, first),
                    if before_of(c, first) == 1 { "document" } else { "documents" },
                    times(n_else)
                ),
            };
            let label =
                if rare_docs == 1 { "not a word, nowhere else" } else { "not a word, rare elsewhere" };
            // Two ways of writing one name in Latin letters: at most a note.
            let romanised = romanisation(w, c);
            let help = match romanised {
                Some(how) => format!(
                    "`{w}` and `{c}` may be two romanisations of one name ({how}); write `{c}` if the corpus keeps one, or list both in `name-variants`"
                ),
                None => format!("write `{c}`, or list both in `name-variants` if they are two names"),
            };
            for occurrence in &occurrences {
                let span = Span::new(occurrence.at, occurrence.at + w.len());
                let f = cx
                    .report(span, message.clone())
                    .label(label)
                    .help(help.clone())
                    .fix(Fix::unsafe_(format!("write `{c}`"), Edit::replace(span, c.to_string())));
                if romanised.is_some() {
                    f.at_most(crate::level::Level::Info);
                }
                for s in spans_here.iter().flatten() {
                    f.related(Related::at(doc, *s, format!("spelled `{c}` here")));
                }
                for place in stat(c).into_iter().flat_map(|s| s.places()) {
                    let r = corpus.related(&place, format!("spelled `{c}` here"));
                    if !r.is_in(doc) {
                        f.related(r);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys() {
        let n: Vec<(&str, Option<&str>, bool)> =
            names("Minister Sergei Ryabakov met Putin's aide. PORCIUNCULA. “Moscow said")
                .into_iter()
                .map(|n| (n.word, n.before, n.initial))
                .collect();
        assert_eq!(
            n,
            [
                ("Minister", None, true),
                ("Sergei", Some("Minister"), false),
                ("Ryabakov", Some("Sergei"), false),
                ("Putin", None, false),
                ("Moscow", None, true)
            ]
        );
    }

    #[test]
    fn romanisations() {
        assert!(romanisation("Shinbun", "Shimbun").is_some() && romanisation("Kompa", "Konpa").is_some());
        assert!(romanisation("Tourvalin", "Torvalin").is_some());
        // A `u` dropped is a slip; `m`/`n` elsewhere is another letter.
        assert!(romanisation("Glocester", "Gloucester").is_none());
        assert!(romanisation("Simon", "Sinon").is_none() && romanisation("Hamlin", "Hanlin").is_none());
    }

    #[test]
    fn a_doubled_letter_made_single() {
        assert!(undoubled("Godman", "Goodman") && undoubled("Philips", "Phillips"));
        assert!(!undoubled("Millr", "Miller") && !undoubled("Goodman", "Godman") && !undoubled("Gooman", "Goodman"));
    }

    #[test]
    fn closeness() {
        assert!(
            close("Haverfrod", "Haverford", 1)
                && close("Agust", "August", 1)
                && close("Toshbia", "Toshiba", 1)
        );
        assert!(!close("Russia", "Russian", 1) && !close("Gill", "Hill", 1) && !close("Dein", "Dean", 1));
        assert!(!close("Putins", "Putin", 1) && !close("Moscow", "Moscow", 1));
        assert!(is_word("Treasure") && !is_word("Haverfrod"));
    }

    #[test]
    fn close_names_differ_by_two_letters_at_most() {
        // What lets the document's names be looked up by length.
        let stems = ["Ryabkov", "Mueller", "Müller", "Stewart", "Krupp", "Çelik", "Anderson", "Kowalski"];
        let mut names: Vec<String> = Vec::new();
        for s in stems {
            for k in 0..4 {
                names.push(format!("{s}{}", "e".repeat(k)));
                names.push(format!("{s}{}", "é".repeat(k)));
                names.push(s.chars().take(s.chars().count() - k.min(3)).collect());
                // Letters added inside: no prefix of the other.
                let (head, tail) = s.split_at(s.char_indices().nth(2).map_or(s.len(), |(i, _)| i));
                names.push(format!("{head}{}{tail}", "xé".repeat(k)));
            }
        }
        for w in &names {
            for c in &names {
                if w.chars().count().abs_diff(c.chars().count()) > 2 {
                    assert!(!close(w, c, 1) && !close(w, c, 2), "{w} {c}");
                }
            }
        }
        assert!(close("Ryabkov", "Ryabkoov", 1) && close("Kowalski", "Kowalsky", 1));
    }
}
