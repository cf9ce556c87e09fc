//! Prints what the structure pass decided about each line of a file:
//! `cargo run --release --example structure -- FILE`. For tuning and for
//! answering "why did page-chrome fire here?".

use std::io::Write;

use scrapelint::structure::Structure;
use scrapelint::Document;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: structure FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", path.escape_debug());
            std::process::exit(2);
        }
    };
    let doc = Document::new(path.as_str(), text.as_str());
    let st = Structure::of(&doc);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "language: {:?}  body: {:?}  thread: {:?}  wrapped: {}",
        st.lang.map(|l| l.as_str()),
        st.body,
        st.thread,
        st.wrapped
    );
    for (i, role) in st.roles.iter().enumerate() {
        let line = doc.slice(doc.line_span(i));
        let shown: String = line.chars().take(90).flat_map(char::escape_debug).collect();
        let written = match st.features.get(i) {
            Some(f) => writeln!(
                out,
                "{:>4} {:<13} w{:<3} s{:.2} {}{}{}{} {shown}",
                i + 1,
                format!("{role:?}"),
                f.words,
                f.stop,
                if f.is_strong() { 'S' } else { '.' },
                if f.is_weak() { 'w' } else { '.' },
                if f.sentence_end { '.' } else { ' ' },
                if f.colon { ':' } else { ' ' },
            ),
            None => writeln!(out, "{:>4} {:<13} {shown}", i + 1, format!("{role:?}")),
        };
        if written.is_err() {
            return; // a closed pipe: the reader has seen enough
        }
    }
}
