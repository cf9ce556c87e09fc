//! One scan for the shadows of several line lints. Each built-in line lint
//! runs its shadow ([`crate::shadow`]) over every short line before its
//! pattern; the shadows of a few lints read every byte of those lines
//! (their patterns hold "any text, a word, any text"). A group of them is
//! compiled into one automaton that matches wherever any member's shadow
//! does, and run once over a document's lines: a line it turns away, no
//! member needs to look at.
//!
//! The scan only ever lets more lines through, never fewer, so findings do
//! not depend on it: a line it does not scan (too long, outside ASCII, or
//! after the automaton gave up) is looked at by each member as before.
//! Shadows outside ASCII write each lint's own characters with bytes of
//! their own, so a line outside ASCII has no shading common to a group.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, TryLockError};

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};

use crate::document::Document;

/// The groups, by lint name. Which shadows share an automaton was measured:
/// a union's lazy DFA holds the states of its members' combinations, and
/// some combinations thrash. Over the 3.0 million short ASCII lines of
/// `corpora/large` (136 MB), one thread: the first three groups take 0.42,
/// 0.29 and 0.30 s against 0.86, 0.65 and 0.48 s one by one; the nine
/// shadows in one automaton took 61 s, `photo-credit` with
/// `subscribe-prompt` 0.86 s. The last group is of narrow shadows (most
/// stop within a line's first bytes), cheap alone but each a loop over the
/// lines: 0.13 s together against 0.47 s.
pub const GROUPS: [&[&str]; 4] = [
    &["affiliate-disclosure", "byline", "copyright-footer", "section-furniture"],
    &["embed-residue", "photo-credit", "slug-line"],
    &["comment-notice", "subscribe-prompt"],
    &[
        "advertisement",
        "date-line",
        "gallery-residue",
        "player-chrome",
        "reading-time",
        "separator-line",
        "share-prompt",
        "source-link",
    ],
];

/// Lines a group is asked about before its automaton is built (a run over
/// one small file does not pay for compiling it).
const BUILD_AFTER: usize = 2048;

/// Each group's automaton may keep this many bytes of states.
const CACHE_BYTES: usize = 8 << 20;

/// A group of line lints whose shadows are scanned together.
#[derive(Debug)]
pub struct Group {
    /// Its index in [`GROUPS`] (and in a document's [`Cache`]).
    id: usize,
    /// The members' shadows (written by `build.rs`).
    shadows: Vec<&'static str>,
    /// The longest line (in bytes) any member looks at.
    max: usize,
    /// What its automaton's states may take, per cache ([`CACHE_BYTES`]).
    cache_bytes: usize,
    dfa: OnceLock<Option<DFA>>,
    /// Caches of the automaton's states, tried in order: a thread takes
    /// the first one no other thread holds, so the first is used most and
    /// holds most states. A cache per thread built each state once per
    /// thread: about 0.5 s of 3.0 s over `corpora/large` on two threads.
    caches: Vec<Mutex<Option<DfaCache>>>,
    /// Lines asked about so far, until [`BUILD_AFTER`].
    asked: AtomicUsize,
    /// Set when the automaton gave up (its states thrashed): the members
    /// look at every line themselves from then on.
    off: AtomicBool,
}

impl Group {
    /// The group `id` of [`GROUPS`] with the shadows of its members, and
    /// the longest line any of them reports.
    pub fn new(id: usize, shadows: Vec<&'static str>, max: usize) -> Group {
        Group {
            id,
            shadows,
            max,
            cache_bytes: CACHE_BYTES,
            dfa: OnceLock::new(),
            caches: (0..rayon::current_num_threads() + 1).map(|_| Mutex::new(None)).collect(),
            asked: AtomicUsize::new(0),
            off: AtomicBool::new(false),
        }
    }

    fn dfa(&self) -> Option<&DFA> {
        self.dfa
            .get_or_init(|| {
                DFA::builder()
                    .syntax(syntax::Config::new().unicode(false).utf8(false))
                    .thompson(
                        thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None),
                    )
                    .configure(
                        DFA::config()
                            .match_kind(MatchKind::All)
                            .cache_capacity(self.cache_bytes)
                            .skip_cache_capacity_check(true)
                            // A search that keeps clearing its states gives up
                            // rather than thrash: the members then run alone.
                            .minimum_cache_clear_count(Some(3))
                            .minimum_bytes_per_state(Some(10)),
                    )
                    .build_many(&self.shadows)
                    .ok()
            })
            .as_ref()
    }

    /// The lines of `doc` that no member's shadow matches (a bit per line),
    /// or `None` when the group does not scan (yet, or any more).
    fn scan(&self, doc: &Document) -> Option<Vec<u64>> {
        if self.off.load(Ordering::Relaxed) {
            return None;
        }
        let lines = doc.line_count();
        if self.dfa.get().is_none() && self.asked.fetch_add(lines, Ordering::Relaxed) + lines < BUILD_AFTER {
            return None;
        }
        let dfa = self.dfa()?;
        // A cache left by a thread that panicked may be half updated: it is
        // made anew. When every cache is taken, a new one is made for this
        // document: a thread never waits for another.
        let mut held = self.caches.iter().find_map(|c| match c.try_lock() {
            Ok(held) => Some(held),
            Err(TryLockError::Poisoned(e)) => {
                c.clear_poison();
                let mut held = e.into_inner();
                *held = None;
                Some(held)
            }
            Err(TryLockError::WouldBlock) => None,
        });
        let mut spare = None;
        let cache = match held.as_deref_mut() {
            Some(slot) => slot.get_or_insert_with(|| dfa.create_cache()),
            None => spare.insert(dfa.create_cache()),
        };
        let text = doc.text().as_bytes();
        let ascii_doc = doc.is_ascii();
        let mut rejected = vec![0u64; lines.div_ceil(64)];
        for i in 0..lines {
            let span = doc.line_span(i);
            let line = &text[span.start..span.end];
            if line.is_empty() || line.len() > self.max || !(ascii_doc || line.is_ascii()) {
                continue;
            }
            match dfa.try_search_fwd(cache, &Input::new(line).anchored(Anchored::Yes).earliest(true)) {
                Ok(Some(_)) => {}
                Ok(None) => rejected[i / 64] |= 1 << (i % 64),
                Err(_) => {
                    self.off.store(true, Ordering::Relaxed);
                    return None;
                }
            }
        }
        Some(rejected)
    }
}

/// Lines a group's scan turned away: a bit per line.
#[derive(Debug, Clone, Copy)]
pub struct Rejected<'a>(&'a [u64]);

impl Rejected<'_> {
    /// Whether no member's shadow matches line `i`.
    #[inline]
    pub fn has(self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
}

/// What the groups found in one document, made when a member first asks
/// and shared by the members.
#[derive(Debug, Default)]
pub struct Cache([OnceLock<Option<Vec<u64>>>; GROUPS.len()]);

impl Cache {
    /// The lines of `doc` that `group`'s scan turned away, or `None` where
    /// it did not scan.
    pub fn rejected(&self, group: &Group, doc: &Document) -> Option<Rejected<'_>> {
        let bits = self.0[group.id]
            .get_or_init(|| crate::timings::step(crate::timings::Step::LineScan, || group.scan(doc)));
        bits.as_deref().map(Rejected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in shadow of the lint `name`, and its longest line.
    fn shadow_of(name: &str) -> (&'static str, usize) {
        let built =
            crate::registry::embedded::EMBEDDED.iter().find(|e| e.name == name).expect("a built-in lint");
        let max = built
            .source
            .lines()
            .find_map(|l| l.strip_prefix("max-length = "))
            .and_then(|n| n.trim().parse().ok())
            .expect("a max-length");
        (built.shadow.expect("a shadow").0, max)
    }

    /// Lines of every kind the lints look at: the seeds, the fixtures and
    /// every built-in lint's examples, each also with blanks around it.
    fn lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["seeds", "tests/fixtures", "lints"] {
            for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                texts.extend(std::fs::read_to_string(e.path()).ok());
            }
        }
        let mut lines: Vec<String> = texts.iter().flat_map(|t| t.lines()).map(str::to_string).collect();
        // A TOML example's text is one quoted string: its lines too.
        let unquoted: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split("\\n"))
            .map(|l| l.trim_start_matches("text = \"").to_string())
            .collect();
        lines.extend(unquoted);
        lines.extend(lines.clone().into_iter().map(|l| format!("  {l}\t")));
        lines.extend([
            "Photo: AP".into(),
            "x".repeat(900),
            "Subscribe to our newsletter".into(),
            String::new(),
        ]);
        lines
    }

    #[test]
    fn a_group_turns_away_exactly_the_lines_no_member_shadow_matches() {
        let lines = lines();
        // Repeated past the lines a group waits for before it builds.
        let mut text = lines.join("\n");
        while text.lines().count() <= BUILD_AFTER {
            text = format!("{text}\n{text}");
        }
        let doc = Document::new("t.txt", text);
        for (id, names) in GROUPS.iter().enumerate() {
            let members: Vec<(&str, usize)> = names.iter().map(|n| shadow_of(n)).collect();
            let max = members.iter().map(|m| m.1).max().unwrap();
            let group = Group::new(id, members.iter().map(|m| m.0).collect(), max);
            let shadows: Vec<regex::bytes::Regex> = members
                .iter()
                .map(|m| regex::bytes::RegexBuilder::new(m.0).unicode(false).build().unwrap())
                .collect();
            let cache = Cache::default();
            let rejected = cache.rejected(&group, &doc).expect("the group scans");
            let (mut turned_away, mut through) = (0, 0);
            for i in 0..doc.line_count() {
                let line = doc.slice(doc.line_span(i));
                let scanned = !line.is_empty() && line.len() <= max && line.is_ascii();
                let seen = shadows.iter().any(|s| s.is_match(line.as_bytes()));
                assert_eq!(rejected.has(i), scanned && !seen, "group {names:?}, line {line:?}");
                turned_away += usize::from(rejected.has(i));
                through += usize::from(seen);
            }
            assert!(
                turned_away > 1000 && through > 0,
                "{names:?}: {turned_away} turned away, {through} seen"
            );
        }
    }

    #[test]
    fn the_first_free_cache_is_used_and_a_thread_never_waits() {
        let (shadow, max) = shadow_of("photo-credit");
        let group = Group::new(0, vec![shadow], max);
        let text = "Photo: AP\nBody text.\n".repeat(BUILD_AFTER);
        let doc = Document::new("t.txt", text);
        let held = |g: &Group| g.caches.iter().map(|c| c.lock().unwrap().is_some()).collect::<Vec<_>>();
        let first = Cache::default().rejected(&group, &doc).expect("the group scans").0.to_vec();
        Cache::default().rejected(&group, &doc).expect("the group scans");
        assert!(held(&group)[0] && !held(&group)[1..].iter().any(|&h| h), "{:?}", held(&group));
        // Every cache taken: a spare one answers the same.
        let all: Vec<_> = group.caches.iter().map(|c| c.lock().unwrap()).collect();
        let spare = Cache::default().rejected(&group, &doc).expect("the group scans").0.to_vec();
        assert_eq!(spare, first);
        drop(all);
        // A cache a panicking thread held is made anew.
        let poisoned = std::panic::catch_unwind(|| {
            let _held = group.caches[0].lock().unwrap();
            panic!("while scanning");
        });
        assert!(poisoned.is_err() && group.caches[0].is_poisoned());
        let again = Cache::default().rejected(&group, &doc).expect("the group scans").0.to_vec();
        assert_eq!(again, first);
        assert!(!group.caches[0].is_poisoned());
    }

    #[test]
    fn a_group_waits_for_enough_lines_and_stops_when_it_thrashes() {
        let few = Document::new("t.txt", "Photo: AP\nBody text.\n");
        let group = Group::new(0, vec![shadow_of("photo-credit").0], 700);
        assert!(Cache::default().rejected(&group, &few).is_none(), "built for two lines");
        // Patterns whose union has a state for each combination of counts,
        // with room for few states: the automaton gives up, and the group
        // scans no more (its members look at every line themselves).
        let thrash = vec![r"\A(?:[a-z]{3}x|\w{5}y|.{7}z|[a-m]{4}w)+\z"; 1];
        let mut group = Group::new(0, thrash, 10_000);
        group.cache_bytes = 1;
        let text: String = (0..BUILD_AFTER * 2)
            .map(|i| format!("{}{}\n", "ab".repeat(i % 97), "cdefghij".repeat(i % 13)))
            .collect();
        let doc = Document::new("t.txt", text);
        assert!(Cache::default().rejected(&group, &doc).is_none());
        assert!(group.off.load(Ordering::Relaxed));
        assert!(Cache::default().rejected(&group, &few).is_none());
    }
}
