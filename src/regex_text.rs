//! Patterns written out short. `regex_syntax` prints a case-insensitive
//! word as one class per letter (`[Aa][Dd]`, or `(?-u:[Aa])(?-u:[Dd])`
//! without Unicode), which takes several times as long to parse again as
//! the word under a flag (`(?i:ad)`). The built-in lints' shadows and ASCII
//! patterns are compiled when a run first needs them, often by a run of one
//! small file: their text is kept short.

/// `text`, a pattern as `regex_syntax` prints it, with each run of two or
/// more one-letter classes of both cases of an ASCII letter written as one
/// case-insensitive group. Only what the printer writes is folded: a class
/// followed by a repetition stays as it is, and so does `[Kk]` or `[Ss]`
/// with Unicode (their Unicode case has a third letter). The caller checks
/// that the result parses to the same tree.
pub fn fold_case_runs(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // The run being collected: its letters, and whether it is without Unicode.
    let mut run: Vec<u8> = Vec::new();
    let mut run_bytes = false;
    let mut run_text = String::new();
    let flush = |out: &mut String, run: &mut Vec<u8>, run_text: &mut String, bytes: bool| {
        if run.len() >= 2 {
            out.push_str(if bytes { "(?i-u:" } else { "(?i:" });
            out.extend(run.iter().map(|&c| c as char));
            out.push(')');
        } else {
            out.push_str(run_text);
        }
        run.clear();
        run_text.clear();
    };
    let mut i = 0;
    while i < b.len() {
        if let Some((letter, len, bytes)) = fold_token(b, i) {
            let repeated = matches!(b.get(i + len), Some(b'?' | b'*' | b'+' | b'{'));
            if !repeated {
                if !run.is_empty() && run_bytes != bytes {
                    flush(&mut out, &mut run, &mut run_text, run_bytes);
                }
                run_bytes = bytes;
                run.push(letter);
                run_text.push_str(&text[i..i + len]);
                i += len;
                continue;
            }
        }
        flush(&mut out, &mut run, &mut run_text, run_bytes);
        // Copy one token: an escape with its next character, a class to its
        // end, or one character.
        let start = i;
        match b[i] {
            b'\\' => i += 1 + text[i + 1..].chars().next().map_or(0, char::len_utf8),
            b'[' => i = class_end(b, i),
            _ => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
        out.push_str(&text[start..i.min(b.len())]);
    }
    flush(&mut out, &mut run, &mut run_text, run_bytes);
    out
}

/// The letter (lower case) of a class of both cases of one ASCII letter
/// starting at `i`, the class's length, and whether it is written without
/// Unicode.
fn fold_token(b: &[u8], i: usize) -> Option<(u8, usize, bool)> {
    let pair = |at: usize| -> Option<u8> {
        let (u, l, close) = (*b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?);
        (b[at] == b'[' && u.is_ascii_uppercase() && l == u.to_ascii_lowercase() && close == b']').then_some(l)
    };
    if b[i..].starts_with(b"(?-u:[") {
        let l = pair(i + 5)?;
        return (b.get(i + 9) == Some(&b')')).then_some((l, 10, true));
    }
    let l = pair(i)?;
    (l != b'k' && l != b's').then_some((l, 4, false))
}

/// The index just past the class starting at `i` (`[`; the printer
/// escapes every bracket inside one); the text's end when it does not close.
fn class_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b']' => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_case_pairs_become_one_group() {
        assert_eq!(fold_case_runs("[Aa][Dd][Vv]"), "(?i:adv)");
        assert_eq!(fold_case_runs("(?-u:[Aa])(?-u:[Dd])x"), "(?i-u:ad)x");
        assert_eq!(fold_case_runs("[Aa][Dd][Ss]?"), "(?i:ad)[Ss]?");
        assert_eq!(fold_case_runs("[Aa][Kk][Ee]"), "[Aa][Kk][Ee]");
        assert_eq!(fold_case_runs("(?-u:[Kk])(?-u:[Ss])"), "(?i-u:ks)");
        assert_eq!(fold_case_runs(r"\[Aa][Bb]"), r"\[Aa][Bb]");
        assert_eq!(fold_case_runs(r"\[Aa][Bb][Cc]"), r"\[Aa](?i:bc)");
        assert_eq!(fold_case_runs("[\\]Aa][Bb][Cc]"), "[\\]Aa](?i:bc)");
        assert_eq!(fold_case_runs("[Aa]é[Bb][Cc]"), "[Aa]é(?i:bc)");
    }

    #[test]
    fn folded_patterns_parse_to_the_same_tree() {
        for p in [r"(?i)advertisement\s+by\s+\w+", r"(?i)(?:sign\s*up|subscribe)s?\b", r"(?i)ask|desk|k\b"] {
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            let text = hir.to_string();
            let folded = fold_case_runs(&text);
            assert!(folded.len() < text.len(), "{p}: {folded}");
            assert_eq!(regex_syntax::Parser::new().parse(&folded).unwrap(), hir, "{p}: {folded}");
        }
    }
}
