//! Which language a text is in, from the share of each language's stop
//! words among its first words: what the structure pass and the lints that
//! know only some languages ask of a document ([`crate::Document::lang`]).

use std::sync::LazyLock;

/// A language with a stop-word list. A document in none of them gets no
/// structure: no line is ever judged on that ground alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    Pt,
    Fr,
    De,
    It,
    Nl,
}

impl Lang {
    const ALL: [Lang; 7] = [Lang::En, Lang::Es, Lang::Pt, Lang::Fr, Lang::De, Lang::It, Lang::Nl];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Pt => "Portuguese",
            Lang::Fr => "French",
            Lang::De => "German",
            Lang::It => "Italian",
            Lang::Nl => "Dutch",
        }
    }

    fn stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
                "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
                "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "not", "will",
                "would", "can", "could", "has", "have", "had", "said", "than", "which", "who", "what",
                "when", "there", "about", "into", "after",
            ],
            Lang::Es => &[
                "el", "la", "los", "las", "de", "del", "y", "en", "un", "una", "que", "por", "con", "para",
                "se", "su", "sus", "es", "al", "lo", "como", "más", "pero", "fue", "son", "ha", "le", "o",
                "este", "esta",
            ],
            Lang::Pt => &[
                "o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "um", "uma", "que", "por",
                "com", "para", "se", "seu", "sua", "é", "ao", "no", "na", "nos", "nas", "mais", "mas", "foi",
                "são", "como", "não",
            ],
            Lang::Fr => &[
                "le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "que", "qui", "pour", "par",
                "sur", "dans", "est", "au", "aux", "ce", "cette", "il", "elle", "pas", "plus", "ne", "se",
                "sont", "avec",
            ],
            Lang::De => &[
                "der", "die", "das", "den", "dem", "des", "und", "in", "zu", "von", "mit", "ist", "im",
                "für", "auf", "nicht", "ein", "eine", "sich", "auch", "es", "an", "als", "wie", "bei", "aus",
                "dass", "wird", "sind",
            ],
            Lang::It => &[
                "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "e", "in", "un", "una", "che",
                "per", "con", "non", "è", "si", "da", "al", "alla", "sono", "come", "più", "ma", "anche",
            ],
            Lang::Nl => &[
                "de", "het", "een", "en", "van", "in", "op", "te", "dat", "is", "voor", "met", "niet",
                "zijn", "aan", "die", "er", "ook", "als", "bij", "om", "door", "maar",
            ],
        }
    }

    /// Whether the word with this [`key`] is one of the language's stop words.
    pub(crate) fn is_stop(self, key: u64) -> bool {
        stop_langs(key) & (1 << self as usize) != 0
    }
}

/// A short word as a number: its bytes, ASCII letters lower-cased, so stop
/// words are found by a binary search instead of string comparisons. Words
/// over eight bytes are no stop words (key 0).
pub(crate) fn key(word: &str) -> u64 {
    let b = word.as_bytes();
    if b.len() > 8 {
        return 0;
    }
    b.iter().fold(0u64, |k, &c| (k << 8) | u64::from(c.to_ascii_lowercase()))
}

/// Every language's stop words in one open-addressed table of [`key`]s,
/// each with the languages that list it (bits in the order of
/// [`Lang::ALL`]): a word is looked up once, in a probe or two, not by a
/// binary search per language (this runs for every short word of a corpus).
struct StopTable {
    keys: [u64; STOP_SLOTS],
    langs: [u8; STOP_SLOTS],
}

/// Four times the stop words of all languages, a power of two.
const STOP_SLOTS: usize = 1024;

fn stop_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - STOP_SLOTS.trailing_zeros())) as usize
}

static STOPS: LazyLock<StopTable> = LazyLock::new(|| {
    let mut t = StopTable { keys: [0; STOP_SLOTS], langs: [0; STOP_SLOTS] };
    for (bit, lang) in Lang::ALL.iter().enumerate() {
        for w in lang.stop_words() {
            let k = key(w);
            let mut i = stop_slot(k);
            while t.keys[i] != 0 && t.keys[i] != k {
                i = (i + 1) % STOP_SLOTS;
            }
            t.keys[i] = k;
            t.langs[i] |= 1 << bit;
        }
    }
    t
});

/// The languages (bits in the order of [`Lang::ALL`]) that list the word
/// with this [`key`] as a stop word.
fn stop_langs(key: u64) -> u8 {
    if key == 0 {
        return 0;
    }
    let t = &*STOPS;
    let mut i = stop_slot(key);
    loop {
        match t.keys[i] {
            k if k == key => return t.langs[i],
            0 => return 0,
            _ => i = (i + 1) % STOP_SLOTS,
        }
    }
}

/// The language whose stop words make up the largest share of the first
/// words of `text`, if that share is typical of running prose (≥ 12%).
pub fn detect_lang(text: &str) -> Option<Lang> {
    let mut counts = [0usize; Lang::ALL.len()];
    let mut total = 0usize;
    let head = &text[..floor_char_boundary(text, 6_000)];
    for (_, w) in crate::words::words(head) {
        total += 1;
        if w.len() > 6 {
            continue;
        }
        let langs = stop_langs(key(w));
        if langs == 0 {
            continue;
        }
        for (k, count) in counts.iter_mut().enumerate() {
            *count += usize::from(langs >> k & 1);
        }
    }
    if total < 30 {
        return None;
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|&(k, n)| (*n, std::cmp::Reverse(k)))?;
    (n * 100 >= total * 12).then_some(Lang::ALL[best])
}

pub(crate) fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_word_table_holds_each_languages_list_and_nothing_else() {
        let mut listed = 0;
        for (bit, lang) in Lang::ALL.iter().enumerate() {
            for w in lang.stop_words() {
                let expected = Lang::ALL.iter().enumerate().filter(|(_, l)| l.stop_words().contains(w));
                let bits = expected.fold(0u8, |b, (i, _)| b | 1 << i);
                assert_eq!(stop_langs(key(w)), bits, "{w}");
                assert!(lang.is_stop(key(w)) && bits & (1 << bit) != 0);
                listed += 1;
            }
        }
        // Room to spare: a probe always ends at an empty slot.
        assert!(4 * listed <= 3 * STOP_SLOTS, "{listed}");
        for w in ["", "Geneva", "talks", "thee", "ther", "internationalisation"] {
            assert_eq!(stop_langs(key(w)), 0, "{w}");
        }
        assert_eq!(stop_langs(key("THE")), stop_langs(key("the")));
    }
}
