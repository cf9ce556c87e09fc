//! JSON Lines input: each line of a file a record, each record a document.
//!
//! A record's document is the decoded string of its text field; findings
//! point into that string. The record is named by its line number in the file
//! (`shard.jsonl#12`) and, when it has one, by its id field.

use std::sync::Arc;

use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use std::fmt;

use crate::document::{Document, Loaded};
use crate::span::Span;

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
    records_from(&name.into(), bytes, 1, opts, lossy)
}

/// [`records`] of a part of a file whose first line is line `first`
/// (a batch of whole lines; the file's byte-order mark already taken off).
pub fn records_from(
    name: &Arc<str>,
    bytes: &[u8],
    first: u64,
    opts: &JsonlOptions,
    lossy: bool,
) -> Vec<Loaded> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    // The line breaks found with memchr: this part runs on one thread.
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    let mut start = 0;
    let lines: Vec<(u64, &[u8])> = ends
        .enumerate()
        .map(|(i, end)| {
            let l = &bytes[start..end];
            start = end + 1;
            (i as u64 + first, l.strip_suffix(b"\r").unwrap_or(l))
        })
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .collect();
    lines.par_iter().map(|&(n, line)| record(name, n, line, opts, lossy)).collect()
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
    let mut de = serde_json::Deserializer::from_str(&text);
    let parsed = Record::parse(&mut de, opts).and_then(|r| de.end().map(|()| r));
    let record = match parsed {
        Ok(r) => r,
        Err(e) => {
            // serde_json counts columns in bytes, from 1.
            return bad(&text, e.column().saturating_sub(1), format!("record is not JSON: {e}"));
        }
    };
    let Record::Object { text: field, id } = record else {
        return bad(&text, 0, "record is not a JSON object".into());
    };
    match field {
        Some(Field::Text(s)) => Loaded::Text(Document::new(name.clone(), s).with_record(n, id)),
        Some(Field::Not(kind)) => {
            bad(&text, 0, format!("field `{}` is {kind}, not a string", opts.text_field))
        }
        None => bad(&text, 0, format!("record has no `{}` field", opts.text_field)),
    }
}

/// What a record line holds, read without building the fields it does not
/// use: every other value is skipped as it is parsed ([`IgnoredAny`]), so a
/// record costs memory for its text and id only, whatever arrays or objects
/// it also carries (serde_json stops nesting at 128 levels).
enum Record {
    Object { text: Option<Field>, id: Option<Arc<str>> },
    NotObject,
}

/// The text field: a string, or what else it is.
enum Field {
    Text(String),
    Not(&'static str),
}

impl Record {
    fn parse<'de>(
        de: &mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
        opts: &JsonlOptions,
    ) -> serde_json::Result<Record> {
        de.deserialize_any(RecordVisitor(opts))
    }
}

struct RecordVisitor<'o>(&'o JsonlOptions);

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let (mut text, mut id) = (None, None);
        // A key given twice counts the last time, as in a JSON object read whole.
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let (is_text, is_id) = (key == self.0.text_field, key == self.0.id_field);
            if is_text || is_id {
                let value = map.next_value::<Shallow>()?;
                if is_id {
                    id = value.id();
                }
                if is_text {
                    text = Some(value.field());
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Record::Object { text, id })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Record, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Record::NotObject)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Record, E> {
        Ok(Record::NotObject)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Record, E> {
        Ok(Record::NotObject)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Record, E> {
        Ok(Record::NotObject)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Record, E> {
        Ok(Record::NotObject)
    }
    fn visit_str<E>(self, _: &str) -> Result<Record, E> {
        Ok(Record::NotObject)
    }
    fn visit_unit<E>(self) -> Result<Record, E> {
        Ok(Record::NotObject)
    }
}

/// One JSON value as far as a record's fields need it: a string or a
/// number kept, an array or an object skipped as it is parsed, not built.
enum Shallow {
    Str(String),
    Num(Number),
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Shallow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Shallow, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shallow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<Shallow, E> {
                Ok(Shallow::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Shallow, E> {
                Ok(Shallow::Str(s))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Shallow, E> {
                Ok(Shallow::Num(x.into()))
            }
            fn visit_u64<E>(self, x: u64) -> Result<Shallow, E> {
                Ok(Shallow::Num(x.into()))
            }
            fn visit_f64<E>(self, x: f64) -> Result<Shallow, E> {
                // JSON has no NaN or infinity: a number that parses is finite.
                Ok(Number::from_f64(x).map_or(Shallow::Other("a number"), Shallow::Num))
            }
            fn visit_unit<E>(self) -> Result<Shallow, E> {
                Ok(Shallow::Other("null"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shallow, E> {
                Ok(Shallow::Other("a boolean"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shallow, A::Error> {
                IgnoredAny.visit_seq(seq).map(|_| Shallow::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Shallow, A::Error> {
                IgnoredAny.visit_map(map).map(|_| Shallow::Other("an object"))
            }
        }
        d.deserialize_any(V)
    }
}

impl Shallow {
    /// As the text field: a string, or what else it is.
    fn field(self) -> Field {
        match self {
            Shallow::Str(s) => Field::Text(s),
            Shallow::Num(_) => Field::Not("a number"),
            Shallow::Other(kind) => Field::Not(kind),
        }
    }

    /// As the id field: a string, or a number written as JSON writes it.
    fn id(&self) -> Option<Arc<str>> {
        match self {
            Shallow::Str(s) => Some(s.as_str().into()),
            Shallow::Num(n) => Some(n.to_string().into()),
            Shallow::Other(_) => None,
        }
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

    #[test]
    fn unused_fields_are_skipped_and_ids_read_as_json_writes_them() {
        let got = load(
            concat!(
                "{\"meta\": {\"a\": [1, [2, {\"b\": null}]]}, \"id\": 1.5e3, \"text\": \"x\"}\n",
                "{\"id\": [1], \"text\": \"y\", \"text\": \"z\"}\n",
                "{\"id\": -7, \"text\": {\"nested\": [\"no\"]}}\n",
                "{\"text\": \"x\"} trailing\n",
                "\"just a string\"\n",
            )
            .as_bytes(),
        );
        assert!(matches!(&got[0], Loaded::Text(d) if d.text() == "x" && d.id() == Some("1500.0")));
        // A key given twice counts the last time; an id that is no string or number is none.
        assert!(matches!(&got[1], Loaded::Text(d) if d.text() == "z" && d.id().is_none()));
        let message = |l: &Loaded| match l {
            Loaded::BadRecord { message, .. } => message.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(message(&got[2]), "field `text` is an object, not a string");
        assert!(
            message(&got[3]).starts_with("record is not JSON: trailing characters"),
            "{}",
            message(&got[3])
        );
        assert_eq!(message(&got[4]), "record is not a JSON object");
    }
}
