//! Any bytes as a JSON Lines file (shards come from elsewhere): every line a
//! document or a bad record, never a panic; and each record read as a whole
//! JSON value would read it (the reader skips the fields it does not use,
//! so it is checked against `serde_json::Value` here).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrapelint::document::Loaded;
use scrapelint::jsonl::{records, JsonlOptions};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let opts = JsonlOptions::default();
    for lossy in [false, true] {
        let got = records("f.jsonl", data, &opts, lossy);
        let body = data.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(data);
        let lines: Vec<&[u8]> = body
            .split(|&b| b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .collect();
        assert_eq!(got.len(), lines.len());
        for (loaded, line) in got.iter().zip(lines) {
            let Ok(text) = std::str::from_utf8(line) else { continue };
            let whole: Option<Value> = serde_json::from_str(text).ok();
            let expect = whole.as_ref().and_then(Value::as_object).and_then(|m| {
                let text = m.get("text")?.as_str()?;
                let id = match m.get("id") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                };
                Some((text.to_string(), id))
            });
            match (loaded, expect) {
                (Loaded::Text(doc), Some((t, id))) => {
                    assert_eq!(doc.text(), t);
                    assert_eq!(doc.id(), id.as_deref());
                }
                (Loaded::BadRecord { .. }, None) => {}
                (other, expect) => panic!("{:?} read as {other:?}, as a whole value {expect:?}", text),
            }
        }
    }
});
