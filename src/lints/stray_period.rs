use crate::declare_lint;
use crate::document::Document;
use crate::finding::{Edit, Fix};
use crate::span::Span;
use crate::lint::{Context, Lint};

declare_lint! {
    /// ## What it does
    /// Flags a period repeated with a space between (`. .`).
    /// Scrapers leave it where a sentence was joined to a removed element.
    ///
    /// ## Why is this bad?
    /// It is never correct prose, and it breaks sentence splitters.
    ///
    /// ## Example
    /// `the official added. .` — use instead: `the official added.`
    ///
    /// Spaced ellipses (`. . .`), `...` and initials (`J. R. R.`) are left alone.
    ///
    /// ## Fix safety
    /// Safe: it deletes the second period and the spaces before it.
    StrayPeriod, name = "stray-period", category = Typography, fix = Always(Safe)
}

impl Lint for StrayPeriod {
    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let b = doc.text().as_bytes();
        let mut i = 0;
        while let Some(off) = memchr_dot(&b[i..]) {
            let start = i + off;
            // The run of periods and the blanks between them: `. .`, `. . .`, `.. .`
            let mut end = start;
            let mut periods = 0;
            let mut spaced = false;
            let mut j = start;
            while j < b.len() {
                match b[j] {
                    b'.' => {
                        periods += 1;
                        end = j + 1;
                        j += 1;
                    }
                    b' ' | b'\t' => {
                        let mut k = j;
                        while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
                            k += 1;
                        }
                        if k < b.len() && b[k] == b'.' {
                            spaced = true;
                            j = k;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            i = end;
            // Exactly two periods with blanks between: `. .`. Three or more
            // is a spaced ellipsis or leader dots; none is a plain period.
            if periods == 2 && spaced {
                let span = Span::new(start, end);
                cx.report(span, "period repeated with a space between (`. .`)")
                    .label("stray period")
                    .help("keep one period")
                    .fix(Fix::safe("remove the stray period", Edit::delete(Span::new(start + 1, end))));
            }
        }
    }
}

fn memchr_dot(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'.')
}

#[cfg(test)]
mod tests {
    use crate::testing::{assert_count, assert_fixed};

    #[test]
    fn fires() {
        assert_count("stray-period", "the official added. .\n", 1);
        assert_count("stray-period", "It ended. . The next day\n", 1);
        assert_fixed("stray-period", "added. .\n", "added.\n");
    }

    #[test]
    fn stays_silent() {
        for text in [
            "Wait . . . what?",
            "Wait... what?",
            "J. R. R. Tolkien wrote it.",
            "Lt. Gen. James Mingus",
            "U.S. officials met. The talks",
            "pi is 3.14. Then",
            "Chapter 1 . . . . . . 5",
            "see www.example.com. Then",
        ] {
            assert_count("stray-period", text, 0);
        }
    }
}
