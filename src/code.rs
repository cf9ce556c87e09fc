//! Code samples and markup shown on purpose: a tutorial's `<button>` lines,
//! a program listing. Lints of leftover markup stay silent there.
//!
//! A line is code-shaped when it holds a tag (`<div`, `</p>`), ends like a
//! statement or block (`;`, `{`, `}`), or is dense in code's symbols
//! ([`symbol_dense`]); indentation alone is not enough (newswire indents its
//! paragraphs). A line is in a code block when it is code-shaped and stands in a
//! run of at least [`BLOCK`] code-shaped lines with words or symbols (blank
//! lines end a run). One stray `<br>` in a paragraph is no block.

/// Code-shaped lines in a row that make a block.
pub const BLOCK: usize = 3;

/// Whether `line` looks like a line of code or markup.
pub fn code_shaped(line: &str) -> bool {
    let t = line.trim_end();
    if t.trim().is_empty() {
        return false;
    }
    let t = t.trim_start();
    let tag = t.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
    tag || t.ends_with([';', '{', '}']) || symbol_dense(t)
}

/// Whether `text` is dense in the symbols of code (brackets, `=`, `_`, `;`,
/// `#`): one in thirty of its characters or more. Prose has few; a query or
/// a program line many.
pub fn symbol_dense(text: &str) -> bool {
    // A table, not a chain of comparisons: this is asked of every long line.
    const SYMBOL: [u8; 256] = {
        let mut t = [0u8; 256];
        let symbols = b"()[]{}=_;#<>";
        let mut i = 0;
        while i < symbols.len() {
            t[symbols[i] as usize] = 1;
            i += 1;
        }
        t
    };
    let symbols: usize = text.bytes().map(|b| usize::from(SYMBOL[usize::from(b)])).sum();
    symbols * 30 >= text.len().max(1)
}

/// Whether line `i` of the `count` lines that `line` gives is part of a
/// code block. Looks at most [`BLOCK`] lines each way: linear in the lines
/// asked about.
pub fn in_block<'a>(line: impl Fn(usize) -> &'a str, count: usize, i: usize) -> bool {
    let shaped = |j: usize| code_shaped(line(j));
    if i >= count || !shaped(i) {
        return false;
    }
    let mut run = 1;
    let mut j = i;
    while run < BLOCK && j > 0 && shaped(j - 1) {
        j -= 1;
        run += 1;
    }
    let mut j = i;
    while run < BLOCK && j + 1 < count && shaped(j + 1) {
        j += 1;
        run += 1;
    }
    run >= BLOCK
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether line `i` of `text` is in a code block.
    fn block(text: &str, i: usize) -> bool {
        let lines: Vec<&str> = text.lines().collect();
        in_block(|j| lines[j], lines.len(), i)
    }

    #[test]
    fn a_run_of_markup_is_a_block_and_a_stray_tag_is_not() {
        let text = "To add a button:\n<form>\n  <button class=\"btn\">Save</button>\n</form>\nThat is all.\nA stray tag.<br>\n";
        assert!(!block(text, 0));
        assert!((1..=3).all(|i| block(text, i)));
        assert!(!block(text, 4) && !block(text, 5));
        assert!(!block("First line.<br>Second line.</p>\nA sentence.\n", 0));
    }

    #[test]
    fn a_query_is_dense_in_symbols_and_prose_is_not() {
        assert!(symbol_dense(
            "db=# WITH stats AS ( SELECT status_code, AVG(entries) AS mean_entries FROM log )"
        ));
        assert!(!symbol_dense(
            "The council met on Tuesday (after a long delay) to discuss the budget for the year."
        ));
    }

    #[test]
    fn a_listing_is_a_block_and_indented_prose_is_not() {
        let listing = "Run this:\n\n    let x = 1;\n    let y = 2;\n    println!(\"{x}\");\n";
        assert!(block(listing, 3));
        assert!(!block(listing, 0));
        let wire = "    The company said it would sell the unit.\n    Shares rose on the news.\n    Terms were not disclosed.\n";
        assert!(!block(wire, 1));
    }
}
