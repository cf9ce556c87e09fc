//! The literals a pattern cannot match without. From the pattern's syntax
//! tree comes a condition on a text: some group of string sets all of which
//! the text contains (a set is contained when any of its strings is). A
//! text that meets no group cannot hold a match, so a data lint skips it
//! without running, or even compiling, its pattern.
//!
//! The condition is only ever loosened, never tightened: a character class
//! of a few characters stands for each of them, and a letter in both cases
//! (as `(?i)` writes it) for the letter in any ASCII case; anything that
//! cannot be written as a few strings (`\w+`, `.*`, a part that may be
//! absent) asks for nothing; where the groups or strings grow too many,
//! requirements are dropped. A pattern that asks for nothing has no gate
//! and always runs.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// More strings than this in a set, and it is dropped as too loose.
const MAX_STRINGS: usize = 128;
/// A class of more characters than this stands for no string.
const MAX_CLASS: u32 = 16;
/// At most this many groups, and this many sets in a group.
const MAX_GROUPS: usize = 32;
const MAX_SETS: usize = 4;

/// A string a match must contain.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Lit {
    /// Compared ASCII-case-insensitively (and then held in lower case).
    fold: bool,
    bytes: Vec<u8>,
}

impl Lit {
    fn empty() -> Lit {
        Lit { fold: false, bytes: Vec::new() }
    }
}

type Set = Vec<Lit>;
/// Any group will do; in a group, every set is needed.
type Groups = Vec<Vec<Set>>;

/// What a piece of pattern is known to match.
struct Known {
    /// Every match is one of these, when few.
    exact: Option<Set>,
    /// Every match meets one of these groups, when known.
    needs: Option<Groups>,
}

fn dedup(mut v: Set) -> Option<Set> {
    v.sort_unstable();
    v.dedup();
    (v.len() <= MAX_STRINGS).then_some(v)
}

/// Every string of `a` followed by every string of `b`.
fn cross(a: &[Lit], b: &[Lit]) -> Option<Set> {
    if a.len().saturating_mul(b.len()) > MAX_STRINGS {
        return None;
    }
    let join = |x: &Lit, y: &Lit| {
        let fold = x.fold || y.fold;
        let mut bytes = [x.bytes.as_slice(), &y.bytes].concat();
        if fold {
            bytes.make_ascii_lowercase();
        }
        Lit { fold, bytes }
    };
    dedup(a.iter().flat_map(|x| b.iter().map(move |y| join(x, y))).collect())
}

/// A set worth looking for: some strings, none empty.
fn usable(set: &Set) -> bool {
    !set.is_empty() && set.iter().all(|l| !l.bytes.is_empty())
}

/// How selective a set is: its shortest string, then fewer strings.
fn score(set: &Set) -> (usize, std::cmp::Reverse<usize>) {
    (set.iter().map(|l| l.bytes.len()).min().unwrap_or(0), std::cmp::Reverse(set.len()))
}

fn single(set: Option<Set>) -> Option<Groups> {
    set.filter(usable).map(|s| vec![vec![s]])
}

/// Both conditions. When the groups would grow too many, the condition
/// with more becomes one set (or, failing that, is dropped): loosening a
/// condition only lets more texts through.
fn and(a: Option<Groups>, b: Option<Groups>) -> Option<Groups> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => {
            if a.len() * b.len() > MAX_GROUPS {
                let (more, fewer) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                return match one_set(&more) {
                    Some(set) if fewer.len() <= MAX_GROUPS => and(Some(fewer), Some(vec![vec![set]])),
                    _ => Some(fewer),
                };
            }
            let mut out = Vec::new();
            for x in &a {
                for y in &b {
                    let mut g: Vec<Set> = x.iter().chain(y).cloned().collect();
                    g.sort_unstable();
                    g.dedup();
                    // keep the most selective sets
                    g.sort_by_key(|s| std::cmp::Reverse(score(s)));
                    g.truncate(MAX_SETS);
                    out.push(g);
                }
            }
            Some(out)
        }
    }
}

/// One set a text meeting `groups` must contain: the union of the best set
/// of each group.
fn one_set(groups: &Groups) -> Option<Set> {
    let mut all = Vec::new();
    for g in groups {
        all.extend(g.iter().max_by_key(|s| score(s))?.iter().cloned());
    }
    dedup(all).filter(usable)
}

/// Either condition: every alternative's groups, or when they are too many,
/// one set of the strings each alternative needs.
fn or(alts: Vec<Option<Groups>>) -> Option<Groups> {
    let mut alts: Vec<Groups> = alts.into_iter().collect::<Option<_>>()?;
    // Too many groups: the alternatives with most become one set each.
    while alts.iter().map(Vec::len).sum::<usize>() > MAX_GROUPS {
        let Some(most) = alts.iter_mut().filter(|a| a.len() > 1).max_by_key(|a| a.len()) else { break };
        *most = vec![vec![one_set(most)?]];
    }
    if alts.iter().map(Vec::len).sum::<usize>() <= MAX_GROUPS {
        return Some(alts.concat());
    }
    let mut all = Vec::new();
    for a in &alts {
        all.extend(one_set(a)?);
    }
    single(dedup(all))
}

/// What every match of `k` meets.
fn condition(k: Known) -> Option<Groups> {
    // Where both are known, what it needs already holds one of its strings.
    k.needs.or_else(|| single(k.exact))
}

fn class_strings(class: &Class) -> Option<Set> {
    let chars: Vec<u32> = match class {
        Class::Unicode(c) => {
            let size: u32 = c.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            if size > MAX_CLASS {
                return None;
            }
            c.ranges().iter().flat_map(|r| u32::from(r.start())..=u32::from(r.end())).collect()
        }
        Class::Bytes(c) => {
            let size: u32 = c.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            if size > MAX_CLASS || c.ranges().iter().any(|r| r.end() >= 0x80) {
                return None;
            }
            c.ranges().iter().flat_map(|r| u32::from(r.start())..=u32::from(r.end())).collect()
        }
    };
    let has = |c: u32| chars.contains(&c);
    let mut out = Vec::new();
    for &c in &chars {
        let ch = char::from_u32(c)?;
        // An ASCII letter present in both cases is the letter in any case.
        let other = if ch.is_ascii_uppercase() {
            Some(ch.to_ascii_lowercase())
        } else if ch.is_ascii_lowercase() {
            Some(ch.to_ascii_uppercase())
        } else {
            None
        };
        let lit = match other {
            Some(o) if has(u32::from(o)) => Lit { fold: true, bytes: vec![ch.to_ascii_lowercase() as u8] },
            _ => Lit { fold: false, bytes: ch.to_string().into_bytes() },
        };
        out.push(lit);
    }
    dedup(out)
}

fn known(hir: &Hir) -> Known {
    let exact = |exact| Known { exact, needs: None };
    match hir.kind() {
        // Both match only the empty string.
        HirKind::Empty | HirKind::Look(_) => exact(Some(vec![Lit::empty()])),
        HirKind::Literal(l) => exact(Some(vec![Lit { fold: false, bytes: l.0.to_vec() }])),
        HirKind::Class(c) => exact(class_strings(c)),
        HirKind::Capture(c) => known(&c.sub),
        HirKind::Repetition(r) => {
            let sub = known(&r.sub);
            match (r.min, r.max) {
                (0, Some(1)) => exact(sub.exact.and_then(|e| dedup([e, vec![Lit::empty()]].concat()))),
                (0, _) => exact(None),
                (min, max) => {
                    // `min` repetitions in a row, when they can be written out.
                    let copies = match &sub.exact {
                        Some(e) if min <= 8 => (1..min).try_fold(e.clone(), |acc, _| cross(&acc, e)),
                        _ => None,
                    };
                    let whole = if max == Some(min) { copies.clone() } else { None };
                    // The copies in a row hold what one copy needs.
                    Known { needs: single(copies).or_else(|| condition(sub)), exact: whole }
                }
            }
        }
        HirKind::Concat(parts) => {
            // Runs of parts known exactly make longer strings; each run, and
            // what each other part needs, the whole needs.
            let mut needs = None;
            let mut run: Option<Set> = Some(vec![Lit::empty()]);
            let mut all_exact = true;
            for part in parts {
                let k = known(part);
                match k.exact {
                    Some(e) => {
                        run = match run.as_deref().and_then(|r| cross(r, &e)) {
                            Some(r) => Some(r),
                            None => {
                                all_exact = false;
                                needs = and(needs, single(run.take()));
                                Some(e)
                            }
                        };
                    }
                    None => {
                        all_exact = false;
                        needs = and(needs, single(run.replace(vec![Lit::empty()])));
                        needs = and(needs, k.needs);
                    }
                }
            }
            let whole = if all_exact { run.clone() } else { None };
            Known { exact: whole, needs: and(needs, single(run)) }
        }
        HirKind::Alternation(alts) => {
            let ks: Vec<Known> = alts.iter().map(known).collect();
            let whole = ks
                .iter()
                .map(|k| k.exact.clone())
                .collect::<Option<Vec<_>>>()
                .and_then(|v| dedup(v.concat()));
            let needs = or(ks.into_iter().map(condition).collect());
            Known { exact: whole, needs }
        }
    }
}

/// Strings of which every match of `hir` holds one, each written in lower
/// case where it may be found in any ASCII case (a looser condition than a
/// gate's groups: the best set of each group, together); `None` when no
/// such set is known.
pub(crate) fn one_of(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = one_set(&condition(known(hir))?)?;
    Some(set.into_iter().map(|l| l.bytes).collect())
}

/// Groups written out in a program's source: `(folded, bytes)` strings.
pub type StaticGroups = &'static [&'static [&'static [(bool, &'static [u8])]]];

/// `pattern`'s groups as a Rust expression of type `Option<StaticGroups>`
/// (for `build.rs`, which finds the built-in lints' gates when it builds).
pub fn required_source(pattern: &str) -> String {
    let Some(groups) = required(pattern) else { return "None".to_string() };
    let list = |items: Vec<String>| format!("&[{}]", items.join(", "));
    let lit = |l: &Lit| format!("({}, &{:?})", l.fold, l.bytes);
    let set = |s: &Set| list(s.iter().map(lit).collect());
    format!("Some({})", list(groups.iter().map(|g| list(g.iter().map(set).collect())).collect()))
}

fn from_static(groups: StaticGroups) -> Groups {
    groups
        .iter()
        .map(|g| {
            g.iter().map(|s| s.iter().map(|&(fold, b)| Lit { fold, bytes: b.to_vec() }).collect()).collect()
        })
        .collect()
}

/// Whether `groups` are what `pattern` needs (for the test that `build.rs`
/// found each built-in lint's gate from the pattern it runs).
#[cfg(test)]
pub(crate) fn is_required(pattern: &str, groups: Option<StaticGroups>) -> bool {
    required(pattern) == groups.map(from_static)
}

/// Finds whether a text meets the condition every match of a pattern meets.
#[derive(Debug)]
pub struct Gate {
    /// The case-sensitive strings, then those in any ASCII case; each
    /// pattern id's sets (as bits) in `exact_sets` / `folded_sets`.
    exact: Option<AhoCorasick>,
    exact_sets: Vec<u128>,
    folded: Option<AhoCorasick>,
    folded_sets: Vec<u128>,
    /// Each group, as the bits of its sets.
    groups: Vec<u128>,
    /// Whether strings with `ſ` or the Kelvin sign were left out (see
    /// [`Gate::from_groups`]).
    without_variants: bool,
}

/// The two characters outside ASCII that `(?i)` takes for an ASCII letter
/// (`ſ` for `s`, the Kelvin sign for `k`): a case-insensitive word is all
/// its spellings with them (`advertiſement`), which a text almost never
/// holds.
const VARIANTS: [char; 2] = ['\u{17F}', '\u{212A}'];

fn has_variant(bytes: &[u8]) -> bool {
    VARIANTS.iter().any(|c| bytes.windows(c.len_utf8()).any(|w| w == c.encode_utf8(&mut [0; 4]).as_bytes()))
}

impl Gate {
    /// The gate of `pattern` (a pattern of the `regex` crate); `None` when
    /// the pattern asks for no literal, or does not parse.
    pub fn new(pattern: &str) -> Option<Gate> {
        Gate::from_groups(required(pattern)?)
    }

    /// The gate of groups that `build.rs` found.
    pub fn from_static(groups: StaticGroups) -> Option<Gate> {
        Gate::from_groups(from_static(groups))
    }

    fn from_groups(groups: Groups) -> Option<Gate> {
        let mut sets: Vec<&Set> = Vec::new();
        let mut masks = Vec::new();
        for g in &groups {
            let mut mask = 0u128;
            for s in g {
                let i = sets.iter().position(|x| *x == s).unwrap_or_else(|| {
                    sets.push(s);
                    sets.len() - 1
                });
                if i >= 128 {
                    return None;
                }
                mask |= 1 << i;
            }
            masks.push(mask);
        }
        // Each distinct string once, with the sets it belongs to. A string
        // with `ſ` or the Kelvin sign is left out (most strings of a
        // case-insensitive pattern are), and a text with either passes.
        let mut strings: std::collections::BTreeMap<&Lit, u128> = Default::default();
        let mut without_variants = false;
        for (i, s) in sets.iter().enumerate() {
            for l in s.iter() {
                if has_variant(&l.bytes) {
                    without_variants = true;
                    continue;
                }
                *strings.entry(l).or_default() |= 1 << i;
            }
        }
        let build = |fold: bool| -> Option<(Option<AhoCorasick>, Vec<u128>)> {
            let (pats, bits): (Vec<&[u8]>, Vec<u128>) =
                strings.iter().filter(|(l, _)| l.fold == fold).map(|(l, b)| (l.bytes.as_slice(), *b)).unzip();
            if pats.is_empty() {
                return Some((None, bits));
            }
            // The NFA quickest to build: a gate is asked about a run's first
            // documents only, and a run of one small file builds every gate.
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(fold)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(pats)
                .ok()?;
            Some((Some(ac), bits))
        };
        let (exact, exact_sets) = build(false)?;
        let (folded, folded_sets) = build(true)?;
        Some(Gate { exact, exact_sets, folded, folded_sets, groups: masks, without_variants })
    }

    /// False when `text` cannot hold a match of the pattern.
    pub fn may_match(&self, text: &str) -> bool {
        if self.without_variants && VARIANTS.iter().any(|&c| text.contains(c)) {
            return true;
        }
        let mut found = 0u128;
        for (ac, bits) in [(&self.exact, &self.exact_sets), (&self.folded, &self.folded_sets)] {
            let Some(ac) = ac else { continue };
            for m in ac.find_overlapping_iter(text) {
                found |= bits[m.pattern().as_usize()];
                // a group every set of which is found
                if self.groups.iter().any(|&g| g & !found == 0) {
                    return true;
                }
            }
        }
        false
    }
}

/// The groups of string sets of which every match of `pattern` meets one;
/// `None` when there are none worth looking for or the pattern does not parse.
fn required(pattern: &str) -> Option<Groups> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let groups = condition(known(&hir))?;
    (!groups.is_empty() && groups.iter().all(|g| !g.is_empty() && g.iter().all(usable))).then_some(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The groups, each set written `a|b` with `~` before a string in any case.
    fn req(p: &str) -> Option<Vec<Vec<String>>> {
        let show = |s: &Set| {
            s.iter()
                .map(|l| format!("{}{}", if l.fold { "~" } else { "" }, String::from_utf8_lossy(&l.bytes)))
                .collect::<Vec<_>>()
                .join("|")
        };
        required(p).map(|g| {
            g.iter()
                .map(|g| {
                    let mut v: Vec<String> = g.iter().map(show).collect();
                    v.sort();
                    v
                })
                .collect()
        })
    }

    fn one(groups: &[&[&str]]) -> Option<Vec<Vec<String>>> {
        Some(groups.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect())
    }

    #[test]
    fn finds_what_every_match_contains() {
        assert_eq!(req("(?i)advert"), one(&[&["~advert"]]));
        assert_eq!(req("AP|Getty"), one(&[&["AP"], &["Getty"]]));
        assert_eq!(req(r"(?m)^\s*(?:Go to|Back to) source\s*$"), one(&[&["Back to source|Go to source"]]));
        assert_eq!(req(r"\w+ (?:said|says)\b"), one(&[&[" said| says"]]));
        assert_eq!(req(r"[0-9]{1,3} min read"), one(&[&[" min read", "0|1|2|3|4|5|6|7|8|9"]]));
        assert_eq!(req(r"-{3,}"), one(&[&["---"]]));
        assert_eq!(req(r"(?i)you\s+(?:may|can)\s+earn"), one(&[&["~can|~may", "~earn", "~you"]]));
        // (?i)s also matches ſ, and k the Kelvin sign: both are kept
        assert_eq!(req("(?i)sk"), one(&[&["ſ\u{212A}|~sk|~s\u{212A}|~ſk"]]));
    }

    #[test]
    fn needs_nothing_when_a_match_may_lack_every_string() {
        assert_eq!(req(r"\w+"), None);
        assert_eq!(req(r"(?:Photo)?\s*:"), one(&[&[":"]]));
        assert_eq!(req(r"(?:Photo)?\s*"), None);
        assert_eq!(req(r"Photo|\w+"), None);
        assert_eq!(req(r"a*"), None);
        assert_eq!(req(r"(unclosed"), None);
    }

    #[test]
    fn gate_lets_every_match_through() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("seeds/003_6ad7869de4ed6415.txt")).unwrap();
        let patterns = [
            r"(?i)the \w+",
            r"[A-Z][a-z]+ said",
            r"(?i)(?:for|with)\s+\w+",
            r"\b(?:is|was)n?\b",
            r"(?i)(?:a|the)\s+(?:\w+\s+)?(?:of|in|on)\b",
            r"(?:The|the|THE)\s+[A-Z]\w*",
            r"[Ss]aid|(?i:told)\s+\w+|reported",
        ];
        for p in patterns {
            let re = regex::Regex::new(p).unwrap();
            let gate = Gate::new(p).unwrap();
            let mut n = 0;
            for m in re.find_iter(&text) {
                assert!(gate.may_match(m.as_str()), "{p}: {:?}", m.as_str());
                n += 1;
            }
            assert!(n > 0, "{p} finds nothing to check");
            assert!(!gate.may_match("Nothing here."), "{p}");
        }
    }
}
