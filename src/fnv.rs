//! FNV-1a, 64-bit: the one hash whose values are stored (baseline
//! fingerprints, statistics files). Unlike `DefaultHasher` it is the same on
//! every platform, compiler version and run.

/// An FNV-1a hash being computed: feed it bytes, then [`Fnv::finish`].
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

impl Fnv {
    pub const fn new() -> Self {
        Fnv(0xcbf29ce484222325)
    }

    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }

    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// The character's UTF-8 bytes.
    #[inline]
    pub fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The FNV-1a hash of `bytes`.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = Fnv::new();
    h.bytes(bytes);
    h.finish()
}

/// A document's content hash, stored in statistics files so that a place in
/// another document is read back only from the text it was counted in: FNV-1a
/// over 8-byte little-endian words (eight times as fast as over bytes, on
/// every document a statistics run counts), then the length and a final mix.
/// Not a defence against collisions someone makes on purpose: it stands for
/// text the one who writes the statistics file may not know.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = Fnv::new().0;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        h = (h ^ w).wrapping_mul(0x100000001b3).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    h ^= bytes.len() as u64;
    // The finaliser of SplitMix64: every input bit reaches every output bit.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d049bb133111eb);
    h ^ (h >> 31)
}

/// Hashes a key that is already a hash (FNV-1a of a word, a line, a name):
/// one multiplication spreads it over the bits a table uses.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, k: u64) {
        self.0 = k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{content_hash, Fnv};

    #[test]
    fn content_hash_is_fixed_and_sees_every_byte() {
        // Stored in statistics files: these values may never change.
        assert_eq!(content_hash(b""), 0xf52a15e9a9b5e89b);
        assert_eq!(content_hash(b"scrapelint statistics"), 0xececc8574a221075);
        let text = b"A line of text, then another one.\nAnd a third.";
        let base = content_hash(text);
        for i in 0..text.len() {
            let mut t = text.to_vec();
            t[i] ^= 1;
            assert_ne!(content_hash(&t), base, "byte {i}");
        }
        assert_ne!(content_hash(&text[..text.len() - 1]), base);
        assert_ne!(content_hash(b"\0"), content_hash(b""));
    }

    #[test]
    fn known_values() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(Fnv::new().finish(), 0xcbf29ce484222325);
        let mut h = Fnv::new();
        h.bytes(b"a");
        assert_eq!(h.finish(), 0xaf63dc4c8601ec8c);
        let mut h = Fnv::new();
        h.bytes(b"foobar");
        assert_eq!(h.finish(), 0x85944171f73967e8);
    }
}
