//! Words, names and similarity: the text utilities that the corpus
//! statistics (`src/stats/`) and the lints share.

use std::sync::OnceLock;

/// Words of letters (with inner apostrophes and hyphens) and their byte offsets.
///
/// A byte loop: ASCII (most text) is judged byte by byte, and only other
/// characters are decoded.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        i = next_letter(text, i);
        if i >= b.len() {
            return None;
        }
        let start = i;
        i = word_end(text, start);
        Some((start, &text[start..i]))
    })
}

/// Where the word of [`words`] that starts at `start` ends: past its
/// letters, and apostrophes and hyphens between letters.
#[inline(always)]
fn word_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_alphabetic() || ((x == b'\'' || x == b'-') && letter_at(text, i + 1)) {
                i += 1;
                continue;
            }
            break;
        }
        let (c, len) = wide_at(text, i);
        if c.is_alphabetic() || (c == '’' && letter_at(text, i + len)) {
            i += len;
            continue;
        }
        break;
    }
    i
}

/// The character at byte `i` of `text` (where one outside ASCII starts) and
/// its length in bytes.
#[inline(always)]
fn wide_at(text: &str, i: usize) -> (char, usize) {
    let c = text[i..].chars().next().unwrap_or('\0');
    (c, c.len_utf8())
}

/// Whether a letter starts at byte `i` of `text`.
#[inline(always)]
fn letter_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&x) if x < 0x80 => x.is_ascii_alphabetic(),
        Some(_) => wide_at(text, i).0.is_alphabetic(),
        None => false,
    }
}

/// The first byte at or after `i` (a character boundary) where a letter of
/// `text` starts; `text.len()` when none does.
#[inline(always)]
fn next_letter(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_alphabetic() {
                break;
            }
            i += 1;
        } else {
            let (c, len) = wide_at(text, i);
            if c.is_alphabetic() {
                break;
            }
            i += len;
        }
    }
    i
}

/// The words of [`words`] that start with an upper-case letter, found
/// without splitting the others: only an upper-case letter (or a byte of a
/// wider character) that no word runs into is looked at.
pub fn capitalized_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let is_letter = |c: char| if c.is_ascii() { c.is_ascii_alphabetic() } else { c.is_alphabetic() };
    // A word runs into `i` when the character before it is a letter, or a
    // joiner (`'`, `-`, `’`) right after a letter.
    let continues = move |i: usize| -> bool {
        let mut back = text[..i].chars().rev();
        match back.next() {
            Some(c) if is_letter(c) => true,
            Some('\'' | '-' | '’') => back.next().is_some_and(is_letter),
            _ => false,
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            // Past ASCII bytes that are no capitals, eight at a time: the
            // loop below would step over each of them.
            i = next_capital_or_wide(b, i);
            if i >= b.len() {
                break;
            }
            let x = b[i];
            let start = i;
            let upper = if x < 0x80 {
                i += 1;
                x.is_ascii_uppercase()
            } else {
                let c = text[i..].chars().next().unwrap_or('\0');
                i += c.len_utf8();
                c.is_uppercase() && c.is_alphabetic()
            };
            if !upper || continues(start) {
                continue;
            }
            // The word from here, as `words` would split it.
            let (_, w) = words(&text[start..]).next()?;
            i = start + w.len();
            return Some((start, w));
        }
        None
    })
}

/// The first index at or after `i` of a byte of `b` that is an ASCII
/// capital or not ASCII (`b.len()` when there is none). Eight bytes at a
/// time: in each, a byte's low seven bits plus `0x80 - b'A'` carry into its
/// top bit when they are `A` or more, plus `0x80 - b'Z' - 1` when they are
/// past `Z`; no sum leaves its byte.
fn next_capital_or_wide(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let low = w & !TOPS;
        let from_a = low + ONES * u64::from(0x80 - b'A');
        let past_z = low + ONES * u64::from(0x80 - b'Z' - 1);
        let hits = ((from_a & !past_z) | w) & TOPS;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] < 0x80 && !b[i].is_ascii_uppercase() {
        i += 1;
    }
    i
}

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "not", "but", "from",
    "this", "its", "his", "her", "their", "they", "them", "which", "who", "would", "will", "been", "being",
    "also", "said", "says", "more", "than", "there", "about", "into", "after", "over", "such", "some",
    "what", "when", "where", "while", "other", "any", "all", "can", "could", "should", "may", "might", "our",
    "out", "one", "two", "new", "its", "you", "your", "she", "him", "how", "why", "did", "does", "each",
    "those", "these", "then", "only", "very", "just", "like", "both", "between", "during", "before",
];

/// The longest stopword, in bytes: a longer word is none.
const STOPWORD_MAX: usize = 7;

/// The share of `text`'s content words for which `known` holds (the words
/// it shares with other text), or `None` when it has no content word.
pub fn known_share(text: &str, mut known: impl FnMut(&str) -> bool) -> Option<f64> {
    let (mut n, mut shared) = (0usize, 0usize);
    for w in content_words(text) {
        n += 1;
        shared += usize::from(known(&w));
    }
    (n > 0).then(|| shared as f64 / n as f64)
}

/// Lowercase content words: three letters or more, no stopwords. A word
/// already in ASCII lowercase (most of them) is borrowed, not copied.
pub fn content_words(text: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    words(text)
        .map(|(_, w)| {
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                std::borrow::Cow::Borrowed(w)
            } else {
                std::borrow::Cow::Owned(w.to_lowercase())
            }
        })
        .filter(|w| {
            let long_enough = if w.is_ascii() { w.len() >= 3 } else { w.chars().count() >= 3 };
            long_enough && !(w.len() <= STOPWORD_MAX && STOPWORDS.contains(&&**w))
        })
}

/// True when `h` is the hash of a stopword: for an ASCII word's lowercase
/// form, the same as comparing it with each. An open-addressed table of
/// their 77 hashes, by the hash's top byte: a probe or two for each short
/// word of a corpus, where a binary search took seven steps.
fn is_stopword_hash(h: u64) -> bool {
    const SLOTS: usize = 256;
    let slot = |h: u64| (h >> 56) as usize;
    static TABLE: std::sync::LazyLock<[u64; SLOTS]> = std::sync::LazyLock::new(|| {
        let mut table = [0u64; SLOTS];
        for s in STOPWORDS {
            let h = crate::fnv::hash(s.as_bytes());
            let mut i = (h >> 56) as usize;
            while table[i] != 0 && table[i] != h {
                i = (i + 1) % SLOTS;
            }
            table[i] = h;
        }
        table
    });
    let table = &*TABLE;
    let mut i = slot(h);
    loop {
        // 0 marks an empty slot (no stopword hashes to it, as a test checks).
        match table[i] {
            0 => return false,
            k if k == h => return true,
            _ => i = (i + 1) % SLOTS,
        }
    }
}

/// Content words as hashes of their lowercase form: no allocation per word.
pub fn content_word_hashes(text: &str) -> impl Iterator<Item = u64> + '_ {
    // One pass: a word is hashed while it is found, byte by byte while it
    // is ASCII (most words); a word with other characters is hashed again
    // from its characters. The words are those of [`words`].
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        i = next_letter(text, i);
        if i >= b.len() {
            return None;
        }
        let start = i;
        let mut h = crate::fnv::Fnv::new();
        let mut ascii = true;
        // `word_end`, hashing the word while it is ASCII: a closure or flag
        // to share that loop measured a tenth slower here.
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                if x.is_ascii_alphabetic() || ((x == b'\'' || x == b'-') && letter_at(text, i + 1)) {
                    h.byte(x.to_ascii_lowercase());
                    i += 1;
                    continue;
                }
                break;
            }
            let (c, len) = wide_at(text, i);
            if c.is_alphabetic() || (c == '’' && letter_at(text, i + len)) {
                ascii = false;
                i += len;
                continue;
            }
            break;
        }
        if ascii {
            let (n, h) = (i - start, h.finish());
            if n >= 3 && !(n <= STOPWORD_MAX && is_stopword_hash(h)) {
                return Some(h);
            }
            continue;
        }
        let w = &text[start..i];
        let (mut n, mut h) = (0, crate::fnv::Fnv::new());
        for c in w.chars().flat_map(char::to_lowercase) {
            n += 1;
            h.char(c);
        }
        if n >= 3 && !(n <= 7 && STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w))) {
            return Some(h.finish());
        }
    })
}

/// Levenshtein distance, stopping early past `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > max) {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Damerau–Levenshtein distance (optimal string alignment: a swap of two
/// neighbours is one edit), stopping early past `max`.
pub fn damerau_distance(a: &str, b: &str, max: usize) -> usize {
    const SHORT: usize = 32;
    if max <= 1 {
        return within_one_edit(a, b).min(max + 1);
    }
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.abs_diff(nb) > max {
        return max + 1;
    }
    if na <= SHORT && nb <= SHORT {
        // Names are short: everything on the stack.
        let (mut ca, mut cb) = (['\0'; SHORT], ['\0'; SHORT]);
        for (slot, c) in ca.iter_mut().zip(a.chars()) {
            *slot = c;
        }
        for (slot, c) in cb.iter_mut().zip(b.chars()) {
            *slot = c;
        }
        let mut rows = [0u32; 3 * (SHORT + 1)];
        return osa(&ca[..na], &cb[..nb], max, &mut rows);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![0u32; 3 * (b.len() + 1)];
    osa(&a, &b, max, &mut rows)
}

/// [`damerau_distance`] up to one edit, without a table: past their common
/// start and end, two strings one edit apart differ in one character
/// (replaced), one character on one side (added or dropped) or two
/// neighbours swapped. 0, 1, or 2 for more than one edit.
fn within_one_edit(a: &str, b: &str) -> usize {
    let head: usize = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let (a, b) = (&a[head..], &b[head..]);
    let tail: usize =
        a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let (a, b) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    let (mut ca, mut cb) = (a.chars(), b.chars());
    match (ca.next(), ca.next(), ca.next(), cb.next(), cb.next(), cb.next()) {
        (None, _, _, None, _, _) => 0,
        (Some(_), None, _, None, _, _)
        | (None, _, _, Some(_), None, _)
        | (Some(_), None, _, Some(_), None, _) => 1,
        (Some(x0), Some(x1), None, Some(y0), Some(y1), None) if x0 == y1 && x1 == y0 => 1,
        _ => 2,
    }
}

/// The optimal string alignment distance of `a` and `b`, or `max + 1` once
/// past `max`. The table's last three rows are all it reads: they take
/// turns in `rows` (at least `3 * (b.len() + 1)` cells), written before read.
fn osa(a: &[char], b: &[char], max: usize, rows: &mut [u32]) -> usize {
    let width = b.len() + 1;
    let row = |i: usize| (i % 3) * width;
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j as u32;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (row(i), row(i - 1), row(i + 1));
        rows[cur] = i as u32;
        let mut row_min = i as u32;
        for j in 1..width {
            let cost = u32::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev + j - 1] + cost).min(rows[prev + j] + 1).min(rows[cur + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = v;
            row_min = row_min.min(v);
        }
        if row_min as usize > max {
            return max + 1;
        }
    }
    rows[row(a.len()) + b.len()] as usize
}

/// The English word list, compiled in: words of four letters or more from
/// SCOWL, as Debian's `wamerican` and `wbritish` ship them, lowercase words
/// and the capitalized names of people and places it lists
/// (`data/english-words.README` says how it is built and its licence).
/// `build.rs` lays it out sorted, each word followed by a newline, with the
/// offset where each word starts (and the text's length) in `WORD_STARTS`:
/// a lookup is a binary search in place, and nothing is built at start-up.
static WORD_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/english_words.txt"));
static WORD_STARTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/english_words.idx"));

/// The `i`th word of the sorted list.
fn listed_word(i: usize) -> &'static [u8] {
    let at = |k: usize| {
        let b = &WORD_STARTS[4 * k..4 * k + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    };
    // Each word is followed by its newline.
    &WORD_TEXT.as_bytes()[at(i)..at(i + 1) - 1]
}

/// True when `word` is a given name of some language (`Patrik`, `Eleni`):
/// `data/given-names.txt`, from Faker's person providers.
pub fn is_given_name(word: &str) -> bool {
    // A table: `inconsistent-name` asks of most names of a corpus, where a
    // binary search compared each with fifteen of the twenty thousand.
    type Set = std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<crate::fnv::KeyHasher>>;
    static SET: OnceLock<Set> = OnceLock::new();
    SET.get_or_init(|| given_names().iter().copied().collect()).contains(word)
}

/// Every given name of `data/given-names.txt`, sorted.
pub fn given_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| include_str!("../data/given-names.txt").lines().collect())
}

/// True when `word` is a known surname (`Phillips`, `Philips`, `Thomson`):
/// `data/surnames.txt.gz`, the 1990 US census surnames and the last names of
/// Faker's person providers (`data/surnames.README`). Unpacked on first use:
/// only a run that asks pays for it.
pub fn is_known_surname(word: &str) -> bool {
    type Set = std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<crate::fnv::KeyHasher>>;
    static SET: OnceLock<Set> = OnceLock::new();
    SET.get_or_init(|| {
        use std::io::Read;
        let mut text = String::new();
        flate2::read::GzDecoder::new(&include_bytes!("../data/surnames.txt.gz")[..])
            .read_to_string(&mut text)
            .expect("the compiled-in surname list unpacks");
        let text: &'static str = Box::leak(text.into_boxed_str());
        text.lines().collect()
    })
    .contains(word)
}

/// True when `word` (four letters or more) is in the English word list:
/// in lower case, a word (`treasure`); capitalized, a name it lists (`Karin`).
pub fn in_word_list(word: &str) -> bool {
    // A run that asks often (the name lint on a corpus) gets a hash set,
    // built once; a small run searches the sorted table and builds nothing.
    type Set = std::collections::HashSet<&'static [u8], std::hash::BuildHasherDefault<crate::fnv::KeyHasher>>;
    static SET: OnceLock<Set> = OnceLock::new();
    static ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if let Some(set) = SET.get() {
        return set.contains(word.as_bytes());
    }
    if ASKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= 20_000 {
        let n = WORD_STARTS.len() / 4 - 1;
        return SET.get_or_init(|| (0..n).map(listed_word).collect()).contains(word.as_bytes());
    }
    let (mut lo, mut hi) = (0, WORD_STARTS.len() / 4 - 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match listed_word(mid).cmp(word.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// A sound key: Soundex digits for every letter, the first included (so
/// `Canon` and `Kennan` share `255`).
pub fn sound_key(word: &str) -> String {
    let mut key = String::new();
    let mut last = None;
    for c in word.chars().flat_map(char::to_lowercase) {
        let d = match c {
            'b' | 'f' | 'p' | 'v' => Some('1'),
            'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => Some('2'),
            'd' | 't' => Some('3'),
            'l' => Some('4'),
            'm' | 'n' => Some('5'),
            'r' => Some('6'),
            'h' | 'w' => continue,
            _ => None,
        };
        if let Some(d) = d {
            if last != Some(d) {
                key.push(d);
            }
        }
        last = d;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stopword_table_holds_exactly_the_stopwords() {
        for s in STOPWORDS {
            let h = crate::fnv::hash(s.as_bytes());
            assert!(h != 0 && is_stopword_hash(h), "{s}");
        }
        // Words that are none, and hashes in every slot (0 among them).
        let others = ["them", "theme", "council", "abc", "thé", "wasn", "into", "x"];
        for w in others.iter().filter(|w| !STOPWORDS.contains(w)) {
            assert!(!is_stopword_hash(crate::fnv::hash(w.as_bytes())), "{w}");
        }
        let mut wrong = 0;
        for k in 0..4096u64 {
            let h = k << 52 | k;
            let want = STOPWORDS.iter().any(|s| crate::fnv::hash(s.as_bytes()) == h);
            wrong += usize::from(is_stopword_hash(h) != want);
        }
        assert_eq!(wrong, 0);
        assert!(!is_stopword_hash(0));
    }

    #[test]
    fn content_words_fast_paths_agree_with_their_definitions() {
        assert!(STOPWORDS.iter().all(|s| s.len() <= STOPWORD_MAX));
        let text = "The Council's CHAIRMAN said Between them, ÉCOLE and Ödön met ΟΔΟΣ \
                    at the well-known Café; Also THE the thé BETWEEN between co-op x’s ab Abc.";
        let reference: Vec<String> = words(text)
            .map(|(_, w)| w.to_lowercase())
            .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
            .collect();
        assert_eq!(content_words(text).map(|w| w.into_owned()).collect::<Vec<_>>(), reference);
        let hash = |w: &str| {
            let mut h: u64 = 0xcbf29ce484222325;
            let mut n = 0;
            for c in w.chars().flat_map(char::to_lowercase) {
                n += 1;
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x100000001b3);
                }
            }
            (n >= 3 && !(n <= 7 && STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))).then_some(h)
        };
        let reference: Vec<u64> = words(text).filter_map(|(_, w)| hash(w)).collect();
        assert_eq!(content_word_hashes(text).collect::<Vec<_>>(), reference);
        // Joiners at ends and between kinds of letter, words broken by
        // marks and digits, a text ending inside a word.
        for text in [
            "-abc- 'abcd' x-'y don't rock-'n'-roll ab-Café naïve-ish Über’s ’tis end’ ends-",
            "ﬁnancial STRASSE Straße İstanbul ΣΟΦΙΑΣ σοφιας a1bcd abc2def e\u{301}té \u{10400}\u{10428}abc",
            "the And BETWEEN Between thé",
            "well-known",
        ] {
            let reference: Vec<u64> = words(text).filter_map(|(_, w)| hash(w)).collect();
            assert_eq!(content_word_hashes(text).collect::<Vec<_>>(), reference, "{text}");
        }
    }

    /// The char-by-char splitter the byte loop replaced, kept as its reference.
    fn words_reference(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphabetic() {
                let mut end = i;
                while let Some(&(j, c)) = chars.peek() {
                    let inner = matches!(c, '\'' | '’' | '-')
                        && text[j + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic);
                    if c.is_alphabetic() || inner {
                        end = j + c.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push((i, &text[i..end]));
            } else {
                chars.next();
            }
        }
        out
    }

    #[test]
    fn capitalized_words_are_the_capitalized_words() {
        let samples = [
            "Ryabkov met O'Brien and x-Ray at Über-Café; McDonald’s Jean-Luc, a-B, 'Quote' «Élan» ÉTAT l'Été",
            "--Anna '-Bob ’Carl a’Dee d’Artagnan 3Com iPhone ΑΘΗΝΑ Москва и Киев ǅemal",
        ];
        let mut texts: Vec<String> = samples.iter().map(|s| s.to_string()).collect();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
        }
        for t in &texts {
            let want: Vec<(usize, &str)> =
                words(t).filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase)).collect();
            assert_eq!(capitalized_words(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    /// Texts made from a palette of the characters the splitters treat
    /// differently, at every alignment: capitals, small letters, joiners,
    /// digits, blanks, and letters and marks outside ASCII.
    fn generated_texts() -> Vec<String> {
        let palette: Vec<char> = "AZaz@[`{ -'’.,0Éé ßΣσǅ\u{301}東\n".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..400)
            .map(|n| (0..n % 97).map(|_| palette[(next() % palette.len() as u64) as usize]).collect())
            .collect()
    }

    #[test]
    fn the_capital_skip_stops_where_a_byte_loop_does() {
        for t in generated_texts() {
            let b = t.as_bytes();
            for i in 0..=b.len() {
                let naive =
                    (i..b.len()).find(|&j| b[j] >= 0x80 || b[j].is_ascii_uppercase()).unwrap_or(b.len());
                assert_eq!(next_capital_or_wide(b, i), naive, "{t:?} from {i}");
            }
            let want: Vec<(usize, &str)> =
                words(&t).filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase)).collect();
            assert_eq!(capitalized_words(&t).collect::<Vec<_>>(), want, "{t:?}");
        }
        // Every byte value at every place of a word of eight.
        for v in 0u8..=0xff {
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = v;
                let naive = (0..8).find(|&j| w[j] >= 0x80 || w[j].is_ascii_uppercase()).unwrap_or(8);
                assert_eq!(next_capital_or_wide(&w, 0), naive, "{v:#04x} at {at}");
            }
        }
    }

    #[test]
    fn byte_loop_splits_like_the_reference() {
        let samples = [
            "Putin's talks, U.S.-led; well-known",
            "café Ümit’s naïve-ish 日本語 テスト Ελλάδα-Ρωσία x-' -'a' ’tis o’",
            "Ryabakov.A senior\u{a0}official\u{200b}said 3-4 a1b2 -- ''",
            "ends with a hyphen- and an apostrophe' and é",
            "",
        ];
        for s in samples {
            assert_eq!(words(s).collect::<Vec<_>>(), words_reference(s), "{s:?}");
        }
        // and every prefix of a mixed text, so cuts inside words are covered
        let mixed = "L’État-major d'Østfold – São Paulo’s 'quoted' naïve-Élan";
        for (i, _) in mixed.char_indices() {
            assert_eq!(words(&mixed[..i]).collect::<Vec<_>>(), words_reference(&mixed[..i]));
        }
    }

    /// The compiled-in surname list unpacks, holds family spellings, and
    /// not slips of them.
    #[test]
    fn known_surnames() {
        for s in ["Phillips", "Philips", "Thomson", "Thompson", "Ackerman", "Akerman", "Whitlock"] {
            assert!(is_known_surname(s), "{s}");
        }
        for s in ["Whitlcok", "Rberts", "Millr", "phillips", "", "Phillips\nThomson"] {
            assert!(!is_known_surname(s), "{s}");
        }
    }

    /// The table `build.rs` lays out holds exactly the lines of the compressed list.
    #[test]
    fn word_table_is_the_compressed_list() {
        use std::io::Read;
        let mut text = String::new();
        flate2::read::GzDecoder::new(&include_bytes!("../data/english-words.txt.gz")[..])
            .read_to_string(&mut text)
            .unwrap();
        let mut listed: Vec<&str> = text.lines().collect();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(WORD_STARTS.len() / 4 - 1, listed.len());
        assert!(listed.len() > 50_000);
        for w in &listed {
            assert!(in_word_list(w), "{w}");
            // a neighbour that is not listed is not found
            let longer = format!("{w}zzq");
            assert_eq!(in_word_list(&longer), listed.binary_search(&longer.as_str()).is_ok());
        }
        assert!(!in_word_list("") && !in_word_list("\n") && !in_word_list("Aachen\nAaliyah"));
    }

    #[test]
    fn words_and_keys() {
        let w: Vec<&str> = words("Putin's talks, U.S.-led; well-known").map(|(_, w)| w).collect();
        assert_eq!(w, ["Putin's", "talks", "U", "S", "led", "well-known"]);
        assert_eq!(sound_key("Canon"), sound_key("Kennan"));
        assert_ne!(sound_key("Canon"), sound_key("Kremlin"));
        assert_eq!(edit_distance("Ryabakov", "Ryabkov", 2), 1);
        assert_eq!(edit_distance("Anthony", "Antony", 2), 1);
        assert!(edit_distance("Moscow", "Washington", 2) > 2);
        assert_eq!(damerau_distance("Toshbia", "Toshiba", 2), 1);
        assert_eq!(edit_distance("Toshbia", "Toshiba", 2), 2);
        assert_eq!(damerau_distance("Haverfrod", "Haverford", 2), 1);
        assert_eq!(damerau_distance("Agust", "August", 2), 1);
        assert!(damerau_distance("Moscow", "Washington", 2) > 2);
        // Past the stack buffers: the same answers from the heap.
        let long = "Verylongnamewithmanyletters".repeat(2);
        assert_eq!(damerau_distance(&long, &format!("{long}x"), 2), 1);
        assert_eq!(damerau_distance(&long, &long.replacen("ng", "gn", 1), 2), 1);
        assert_eq!(damerau_distance("Ödön", "Ödnö", 2), 1);
        assert_eq!(damerau_distance("Ödön", "Ödnö", 1), 1);
        assert!(in_word_list("treasure") && in_word_list("organisation") && in_word_list("organization"));
        assert!(!in_word_list("haverfrod") && !in_word_list("glasgwo") && !in_word_list("Treasure"));
        assert!(in_word_list("Karin") && !in_word_list("Haverfrod"));
    }

    /// The whole optimal string alignment table, as the textbook fills it.
    fn full_osa(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j - 1] + cost).min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn one_edit_without_a_table_agrees_with_the_table() {
        // Every pair of strings of up to five letters from a small alphabet
        // (one of them two bytes long): the shortcut against the full table.
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last.iter().flat_map(|s| ['a', 'b', 'é'].map(|c| format!("{s}{c}"))).collect();
            all.extend(last.iter().cloned());
        }
        for a in &all {
            for b in &all {
                let full = full_osa(a, b);
                assert_eq!(within_one_edit(a, b), full.min(2), "{a:?} {b:?}");
                assert_eq!(damerau_distance(a, b, 1), full.min(2), "{a:?} {b:?}");
                assert_eq!(damerau_distance(a, b, 2).min(3), full.min(3), "{a:?} {b:?}");
                assert_eq!(damerau_distance(a, b, 3).min(4), full.min(4), "{a:?} {b:?}");
            }
        }
    }
}
