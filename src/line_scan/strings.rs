//! Finding which of a set of strings a line holds, in any ASCII case. Each
//! string is at least four bytes long; a filter of a bit per hash of each
//! string's first four (their low five bits: a letter in either case is
//! the same) turns away most places of a line at a few instructions a
//! byte, and the places it lets through are compared with the strings
//! that begin so. A small filter stays in the processor's nearest cache,
//! where an automaton of some two hundred strings does not.

/// The bits of the filter (a power of two).
const FILTER_BITS: usize = 1 << 16;

/// Strings, each standing for some members (bits of a `u32`).
#[derive(Debug)]
pub(super) struct Strings {
    filter: Vec<u64>,
    /// Each string's key ([`key`] of its first four bytes) and index, by key.
    by_key: Vec<(u32, usize)>,
    /// The strings, in lower case, and the members each stands for.
    strings: Vec<(Vec<u8>, u32)>,
}

/// The low five bits of each of four bytes, first byte highest.
#[inline]
fn push(key: u32, byte: u8) -> u32 {
    (key << 5 | u32::from(byte & 31)) & 0xF_FFFF
}

#[inline]
fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize % FILTER_BITS
}

impl Strings {
    /// The set of `strings` (ASCII, at least four bytes each), each with
    /// the members it stands for; `None` when one is shorter.
    pub(super) fn new(strings: Vec<(Vec<u8>, u32)>) -> Option<Strings> {
        if strings.iter().any(|(s, _)| s.len() < 4 || !s.is_ascii()) {
            return None;
        }
        let strings: Vec<(Vec<u8>, u32)> =
            strings.into_iter().map(|(s, bits)| (s.to_ascii_lowercase(), bits)).collect();
        let mut filter = vec![0u64; FILTER_BITS / 64];
        let mut by_key = Vec::new();
        for (i, (s, _)) in strings.iter().enumerate() {
            let key = s[..4].iter().fold(0, |k, &b| push(k, b));
            filter[slot(key) / 64] |= 1 << (slot(key) % 64);
            by_key.push((key, i));
        }
        by_key.sort_unstable();
        Some(Strings { filter, by_key, strings })
    }

    /// The members of the strings `line` holds, in any ASCII case.
    pub(super) fn members_in(&self, line: &[u8]) -> u32 {
        let mut key = 0;
        let mut held = 0;
        for (i, &b) in line.iter().enumerate() {
            key = push(key, b);
            let s = slot(key);
            if i >= 3 && self.filter[s / 64] >> (s % 64) & 1 == 1 {
                held |= self.at(line, i - 3, key);
            }
        }
        held
    }

    /// The members of the strings with key `key` that `line` holds at `start`.
    #[cold]
    fn at(&self, line: &[u8], start: usize, key: u32) -> u32 {
        let first = self.by_key.partition_point(|&(k, _)| k < key);
        let rest = &line[start..];
        self.by_key[first..]
            .iter()
            .take_while(|&&(k, _)| k == key)
            .map(|&(_, i)| &self.strings[i])
            .filter(|(s, _)| rest.len() >= s.len() && rest[..s.len()].eq_ignore_ascii_case(s))
            .fold(0, |held, (_, bits)| held | bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_string_in_any_case_anywhere_and_nothing_else() {
        let set = Strings::new(vec![
            (b"comment".to_vec(), 1),
            (b"comments".to_vec(), 2),
            (b" via ".to_vec(), 4),
            (b"Writethru".to_vec(), 8),
        ])
        .unwrap();
        assert_eq!(set.members_in(b"No Comments."), 3);
        assert_eq!(set.members_in(b"a COMMENT"), 1);
        assert_eq!(set.members_in(b"Photo via AP"), 4);
        assert_eq!(set.members_in(b"BC-US--Storm,1st Ld-WRITETHRU"), 8);
        assert_eq!(set.members_in(b"comm"), 0);
        // The same low five bits, other characters: not a match.
        assert_eq!(set.members_in(b"#/--%.4"), 0);
        assert_eq!(set.members_in(b""), 0);
        // Against a plain search over many lines.
        let lines = ["", "com", "xcommentx", "viaduct", "a via b", "commen", "C0MMENT", "writethru!"];
        for line in lines {
            let lower = line.to_ascii_lowercase();
            let want = set
                .strings
                .iter()
                .filter(|(s, _)| lower.as_bytes().windows(s.len()).any(|w| w == s.as_slice()))
                .fold(0, |a, (_, b)| a | b);
            assert_eq!(set.members_in(line.as_bytes()), want, "{line:?}");
        }
        assert!(Strings::new(vec![(b"abc".to_vec(), 1)]).is_none());
    }
}
