//! JSON Lines input: each line of a file a record, each record a document.
//!
//! A record's document is the decoded string of its text field; findings
//! point into that string. The record is named by its line number in the file
//! (`shard.jsonl#12`) and, when it has one, by its id field.

use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::document::{Document, Loaded};
use crate::finding::Span;

/// Where a JSONL record keeps its text and its id.
#[derive(Debug, Clone)]
pub struct JsonlOptions {
    pub text_field: String,
    /// Used when the record has it (a string or a number).
    pub id_field: String,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions { text_field: "text".into(), id_field: "id".into() }
    }
}

/// The documents of a JSONL file's bytes, in line order. Blank lines are
/// skipped; a line that holds no document is a [`Loaded::BadRecord`].
pub fn records(name: &str, bytes: &[u8], opts: &JsonlOptions, lossy: bool) -> Vec<Loaded> {
    // A byte-order mark before the first record is the file's, not the record's.
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let lines: Vec<(u64, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.strip_suffix(b"\r").unwrap_or(l)))
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .collect();
    let name: Arc<str> = name.into();
    lines.par_iter().map(|&(n, line)| record(&name, n, line, opts, lossy)).collect()
}

fn record(name: &Arc<str>, n: u64, line: &[u8], opts: &JsonlOptions, lossy: bool) -> Loaded {
    let bad = |text: &str, at: usize, message: String| {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let doc = Document::new(name.clone(), text).with_record(n, None);
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        Loaded::BadRecord { doc, message, span: Span::new(at, end) }
    };
    let text = String::from_utf8_lossy(line);
    if !lossy {
        if let Err(e) = std::str::from_utf8(line) {
            return bad(&text, e.valid_up_to(), "record is not valid UTF-8".into());
        }
    }
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            // serde_json counts columns in bytes, from 1.
            return bad(&text, e.column().saturating_sub(1), format!("record is not JSON: {e}"));
        }
    };
    let Value::Object(mut map) = value else {
        return bad(&text, 0, "record is not a JSON object".into());
    };
    let id: Option<Arc<str>> = match map.get(&opts.id_field) {
        Some(Value::String(s)) => Some(s.as_str().into()),
        Some(Value::Number(x)) => Some(x.to_string().into()),
        _ => None,
    };
    match map.remove(&opts.text_field) {
        Some(Value::String(s)) => Loaded::Text(Document::new(name.clone(), s).with_record(n, id)),
        Some(other) => {
            let kind = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
                Value::String(_) => unreachable!(),
            };
            bad(&text, 0, format!("field `{}` is {kind}, not a string", opts.text_field))
        }
        None => bad(&text, 0, format!("record has no `{}` field", opts.text_field)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> Vec<Loaded> {
        records("s.jsonl", bytes, &JsonlOptions::default(), false)
    }

    #[test]
    fn records_ids_and_bad_records() {
        let got = load(b"{\"id\": \"a1\", \"text\": \"caf\\u00e9 \\\". .\"}\r\n\n{\"id\": 7, \"text\": \"x\"}\nnot json\n{\"text\": 3}\n{\"body\": \"x\"}\n[1]\n");
        assert_eq!(got.len(), 6);
        match &got[0] {
            Loaded::Text(d) => {
                assert_eq!((d.text(), d.record(), d.id()), ("caf\u{e9} \". .", Some(1), Some("a1")));
                assert_eq!(d.name(), "s.jsonl#1");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&got[1], Loaded::Text(d) if d.record() == Some(3) && d.id() == Some("7")));
        let messages: Vec<String> = got[2..]
            .iter()
            .map(|l| match l {
                Loaded::BadRecord { message, .. } => message.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(messages[0].starts_with("record is not JSON"));
        assert_eq!(messages[1], "field `text` is a number, not a string");
        assert_eq!(messages[2], "record has no `text` field");
        assert_eq!(messages[3], "record is not a JSON object");
    }
}
