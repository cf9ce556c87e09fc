//! Any bytes as a statistics file (`lint --stats` reads files from
//! elsewhere): an error or statistics, never a panic or a huge allocation.
//! The bytes are also tried as the body of a file with a right checksum, so
//! the fuzzer gets past it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrapelint::stats::{CorpusStats, MAGIC, VERSION};

fuzz_target!(|data: &[u8]| {
    let _ = CorpusStats::from_bytes(data);
    let mut file = MAGIC.to_vec();
    file.push(VERSION);
    file.extend_from_slice(data);
    let sum = scrapelint::fnv::hash(&file);
    file.extend_from_slice(&sum.to_le_bytes());
    if let Ok(stats) = CorpusStats::from_bytes(&file) {
        // What was read writes back to bytes that read the same.
        let again = stats.to_bytes();
        let back = CorpusStats::from_bytes(&again).expect("written statistics read back");
        assert_eq!(back.to_bytes(), again);
        let _ = stats.to_json();
        let mut twice = stats.clone();
        let _ = twice.merge(stats);
    }
});
