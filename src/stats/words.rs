//! The `words` part: in how many documents each content word occurs, for
//! TF-IDF relevance (`related-link`). Key: the FNV-1a hash of the word in
//! lower case ([`crate::words::content_word_hashes`]).

use super::codec::{self, Reader, Writer};
use super::{add_count, Striped};

#[derive(Debug, Clone, Default)]
pub struct Words {
    pub(super) df: Striped<u64>,
}

impl Words {
    /// Documents holding the word. A word the statistics do not hold is in
    /// one document at most: the one at hand, when it has the word.
    pub fn df(&self, word: u64) -> u64 {
        self.df.get(word).copied().unwrap_or(1)
    }

    pub fn len(&self) -> usize {
        self.df.len()
    }

    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }

    /// Counts the content words of one document's text that `keep`
    /// accepts, once each.
    pub fn add(&mut self, text: &str, keep: impl Fn(u64) -> bool) {
        let mut words: Vec<u64> = crate::words::content_word_hashes(text).filter(|&k| keep(k)).collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            *self.df.map_mut(w).entry(w).or_insert(0) += 1;
        }
    }

    pub fn merge(&mut self, other: Words) -> Result<(), String> {
        self.df.drain_into(other.df, |map, k, n| add_count(map.entry(k).or_insert(0), n))
    }

    /// Drops the words of a single document.
    pub fn prune(&mut self) {
        self.df.retain(|&n| n >= 2);
    }

    pub fn encode(&self, w: &mut Writer) {
        self.df.encode(w, |w, &n| w.num(n));
    }

    pub fn decode(r: &mut Reader<'_>) -> codec::Result<Words> {
        Ok(Words { df: Striped::decode(r, |r| r.num())? })
    }
}

/// Term vectors weighted by inverse document frequency, for relevance.
pub struct Idf<'a> {
    pub stats: &'a super::Frozen,
}

impl Idf<'_> {
    fn weight(&self, w: u64) -> f64 {
        let df = self.stats.df(w) as f64;
        ((self.stats.documents as usize as f64 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// TF-IDF cosine similarity of two texts, 0 to 1.
    pub fn cosine(&self, a: &str, b: &str) -> f64 {
        let vec = |t: &str| {
            let mut v: std::collections::HashMap<u64, f64> = std::collections::HashMap::new();
            for w in crate::words::content_word_hashes(t) {
                *v.entry(w).or_default() += 1.0;
            }
            for (w, x) in v.iter_mut() {
                *x *= self.weight(*w);
            }
            v
        };
        let (va, vb) = (vec(a), vec(b));
        let dot: f64 = va.iter().filter_map(|(w, x)| vb.get(w).map(|y| x * y)).sum();
        let norm = |v: &std::collections::HashMap<u64, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
        let n = norm(&va) * norm(&vb);
        if n == 0.0 {
            0.0
        } else {
            dot / n
        }
    }
}
