//! A line pattern for text all in ASCII: the same matches on such text,
//! compiled in a fraction of the time (a Unicode `\w` or a case-insensitive
//! letter is a large class; its ASCII part is small). Most lines of most
//! corpora are ASCII. `build.rs` writes the built-in lints' variants when
//! the program is built, so a run does not parse every pattern twice.

/// `pattern` for text all in ASCII: each Unicode word boundary made an
/// ASCII one, each class cut to its ASCII part, each literal outside ASCII
/// made a match that fails; written out again. `None` when nothing
/// changes, or it does not parse.
pub fn variant(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};
    fn swap(hir: &Hir, changed: &mut bool) -> Hir {
        let swap = |h: &Hir, changed: &mut bool| swap(h, changed);
        match hir.kind() {
            HirKind::Look(look) => {
                let ascii = match look {
                    Look::WordUnicode => Look::WordAscii,
                    Look::WordUnicodeNegate => Look::WordAsciiNegate,
                    Look::WordStartUnicode => Look::WordStartAscii,
                    Look::WordEndUnicode => Look::WordEndAscii,
                    Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
                    Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
                    _ => return hir.clone(),
                };
                *changed = true;
                Hir::look(ascii)
            }
            HirKind::Concat(v) => Hir::concat(v.iter().map(|h| swap(h, changed)).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.iter().map(|h| swap(h, changed)).collect()),
            HirKind::Repetition(r) => {
                Hir::repetition(Repetition { sub: Box::new(swap(&r.sub, changed)), ..r.clone() })
            }
            HirKind::Capture(c) => {
                Hir::capture(Capture { sub: Box::new(swap(&c.sub, changed)), ..c.clone() })
            }
            // For text all in ASCII, a class needs only its ASCII part (a
            // Unicode `\w` or a case-insensitive letter compiles to far
            // less), and a literal outside ASCII can never match.
            HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
                let mut ascii = c.clone();
                ascii.intersect(&regex_syntax::hir::ClassUnicode::new([
                    regex_syntax::hir::ClassUnicodeRange::new('\0', '\x7f'),
                ]));
                if ascii != *c {
                    *changed = true;
                }
                Hir::class(regex_syntax::hir::Class::Unicode(ascii))
            }
            HirKind::Literal(l) if !l.0.is_ascii() => {
                *changed = true;
                Hir::fail()
            }
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
        }
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut changed = false;
    let swapped = swap(&hir, &mut changed);
    if !changed {
        return None;
    }
    // The printer does not always write what it was given (`(?:c+)?` comes
    // out as the lazy `c+?`; a group repeated zero times is gone, and the
    // groups after it renumbered): a copy is used only when its text parses
    // back to exactly the rewritten tree.
    let text = swapped.to_string();
    let folded = crate::regex_text::fold_case_runs(&text);
    if regex_syntax::Parser::new().parse(&folded).ok().as_ref() == Some(&swapped) {
        return Some(folded);
    }
    (regex_syntax::Parser::new().parse(&text).ok()? == swapped).then_some(text)
}
