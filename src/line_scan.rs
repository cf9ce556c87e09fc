//! One scan for the shadows of several line lints. Each built-in line lint
//! runs its shadow ([`crate::shadow`]) over every short line before its
//! pattern; the shadows of a few lints read every byte of those lines
//! (their patterns hold "any text, a word, any text"). A group of them is
//! scanned together, once over a document's lines: a line the scan turns
//! away for a member, that member need not look at.
//!
//! Each shadow is split ([`split`]). The alternatives that begin at a
//! line's start go into an automaton, which matches wherever one of them
//! does and turns most lines away within a few bytes. Those that may begin
//! anywhere in a line would keep it reading to the line's end and multiply
//! its states: each is looked for instead by strings one of which its
//! every match holds, with the strings of every group in one search over
//! the document's lines, or, without such strings but ending in a few
//! particular bytes ("… (AFP/Getty)"), read from the line's end by an
//! automaton of its own. A line holding one of a member's strings is not
//! turned away for that member.
//!
//! The scan only ever lets more lines through, never fewer, so findings do
//! not depend on it: a line it does not scan (too long, outside ASCII, or
//! after the automaton gave up) is looked at by each member as before.
//! Shadows outside ASCII write each lint's own characters with bytes of
//! their own, so a line outside ASCII has no shading common to a group.

mod split;
mod strings;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, TryLockError};

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson;
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
/// lines: 0.13 s together against 0.47 s. (Those figures are from before
/// the shadows were split: the groups whose automaton parts all stop
/// within a line's first bytes now share one automaton, see [`Built`].)
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

/// The members of all groups together: each has a bit of a `u32`.
const MAX_MEMBERS: usize = 32;
const _: () = assert!(GROUPS[0].len() + GROUPS[1].len() + GROUPS[2].len() + GROUPS[3].len() <= MAX_MEMBERS);

/// The shared scan of the grouped line lints of one registry.
#[derive(Debug)]
pub struct LineScan {
    /// Each group (by its index in [`GROUPS`]; empty where it has fewer
    /// than two members).
    groups: Vec<GroupOf>,
    /// The longest line any member of any group looks at.
    max: usize,
    /// What each automaton's states may take, per cache ([`CACHE_BYTES`]).
    cache_bytes: usize,
    built: OnceLock<Option<Built>>,
    /// Lines asked about so far, until [`BUILD_AFTER`].
    asked: AtomicUsize,
}

/// A group: its members' shadows and bits, and the longest line any of
/// them looks at.
#[derive(Debug)]
struct GroupOf {
    shadows: Vec<&'static str>,
    bits: Vec<u32>,
    max: usize,
}

/// The automata and strings, built once enough lines were asked about.
#[derive(Debug)]
struct Built {
    /// The groups whose forward parts all stop within a line's first bytes
    /// share one automaton: a line costs one search, not one per group.
    /// Each group whose forward part may read a whole line has its own
    /// (such parts together multiply states), and so has each group with
    /// parts read from a line's end.
    automata: Vec<Automaton>,
    /// Each group's automata, and its place among each one's groups: a
    /// line is turned away for the group when all of them turn it away.
    place: Vec<Vec<(usize, usize)>>,
    /// The strings of all groups, each standing in for some members.
    strings: Option<strings::Strings>,
}

/// One automaton over the parts some groups' members keep in one.
#[derive(Debug)]
struct Automaton {
    /// `None` when none of its groups' members keeps a part.
    dfa: Option<DFA>,
    /// Whether it reads lines from their end (then it has one group).
    reverse: bool,
    /// The groups it scans for, and the group of each of its patterns.
    groups: Vec<usize>,
    group_of_pattern: Vec<usize>,
    /// Caches of the automaton's states, tried in order: a thread takes
    /// the first one no other thread holds, so the first is used most and
    /// holds most states. A cache per thread built each state once per
    /// thread: about 0.5 s of 3.0 s over `corpora/large` on two threads.
    caches: Vec<Mutex<Option<DfaCache>>>,
    /// Set when it gave up (its states thrashed): its groups' members look
    /// at every line themselves from then on.
    off: AtomicBool,
}

/// A lint's place in the scan: its group, and its bit among all members.
#[derive(Debug, Clone)]
pub struct Member {
    scan: Arc<LineScan>,
    group: usize,
    bit: u32,
}

impl LineScan {
    /// The scan of `groups` (by index in [`GROUPS`]): each member's shadow
    /// and the longest line it reports. Gives back each member's place,
    /// group by group, in the order given.
    pub fn members(groups: Vec<Vec<(&'static str, usize)>>) -> Vec<Vec<Member>> {
        LineScan::with_cache_bytes(groups, CACHE_BYTES)
    }

    fn with_cache_bytes(groups: Vec<Vec<(&'static str, usize)>>, cache_bytes: usize) -> Vec<Vec<Member>> {
        let mut next = 0;
        let mut of = Vec::new();
        for members in &groups {
            assert!(next + members.len() <= MAX_MEMBERS, "at most {MAX_MEMBERS} grouped lints");
            let bits: Vec<u32> = (next..next + members.len()).map(|k| 1 << k).collect();
            next += members.len();
            of.push(GroupOf {
                shadows: members.iter().map(|m| m.0).collect(),
                bits,
                max: members.iter().map(|m| m.1).max().unwrap_or(0),
            });
        }
        let max = of.iter().map(|g| g.max).max().unwrap_or(0);
        let scan = Arc::new(LineScan {
            groups: of,
            max,
            cache_bytes,
            built: OnceLock::new(),
            asked: AtomicUsize::new(0),
        });
        (0..groups.len())
            .map(|g| {
                let bits = scan.groups[g].bits.clone();
                bits.into_iter().map(|bit| Member { scan: scan.clone(), group: g, bit }).collect()
            })
            .collect()
    }

    /// The automata and strings once enough lines were asked about (`lines`
    /// more now), built by the first to ask after that.
    fn ready(&self, lines: usize) -> Option<&Built> {
        if self.built.get().is_none() && self.asked.fetch_add(lines, Ordering::Relaxed) + lines < BUILD_AFTER
        {
            return None;
        }
        self.built.get_or_init(|| self.build()).as_ref()
    }

    fn build(&self) -> Option<Built> {
        // Each group's parts read forward and backward (a pattern per
        // member that keeps one), and whether a forward part may read a
        // whole line.
        let mut forward: Vec<Vec<regex_syntax::hir::Hir>> = Vec::new();
        let mut backward: Vec<Vec<regex_syntax::hir::Hir>> = Vec::new();
        let mut strings: Vec<(Vec<u8>, u32)> = Vec::new();
        for group in &self.groups {
            let (mut fwd, mut bwd) = (Vec::new(), Vec::new());
            for (shadow, &bit) in group.shadows.iter().zip(&group.bits) {
                let split = split::shadow(shadow)?;
                fwd.extend(split.forward);
                bwd.extend(split.backward);
                strings.extend(split.strings.into_iter().map(|s| (s, bit)));
            }
            forward.push(fwd);
            backward.push(bwd);
        }
        let groups = 0..self.groups.len();
        let reads_on = |g: &usize| forward[*g].iter().any(split::floats);
        // (groups, backward)
        let mut sets: Vec<(Vec<usize>, bool)> = Vec::new();
        let shared: Vec<usize> = groups.clone().filter(|g| !reads_on(g)).collect();
        if !shared.is_empty() {
            sets.push((shared, false));
        }
        sets.extend(groups.clone().filter(reads_on).map(|g| (vec![g], false)));
        sets.extend(groups.filter(|&g| !backward[g].is_empty()).map(|g| (vec![g], true)));
        let mut automata = Vec::new();
        let mut place = vec![Vec::new(); self.groups.len()];
        for (a, (groups, reverse)) in sets.into_iter().enumerate() {
            let mut patterns = Vec::new();
            let mut group_of_pattern = Vec::new();
            for (k, &g) in groups.iter().enumerate() {
                place[g].push((a, k));
                for part in if reverse { &backward[g] } else { &forward[g] } {
                    patterns.push(part.clone());
                    group_of_pattern.push(g);
                }
            }
            let dfa = if patterns.is_empty() { None } else { Some(self.automaton(&patterns, reverse)?) };
            automata.push(Automaton {
                dfa,
                reverse,
                groups,
                group_of_pattern,
                caches: (0..rayon::current_num_threads() + 1).map(|_| Mutex::new(None)).collect(),
                off: AtomicBool::new(false),
            });
        }
        // Each string once, standing in for every member that looks for it.
        strings.iter_mut().for_each(|(s, _)| s.make_ascii_lowercase());
        strings.sort_unstable();
        let mut merged: Vec<(Vec<u8>, u32)> = Vec::new();
        for (s, bit) in strings {
            match merged.last_mut() {
                Some((last, bits)) if *last == s => *bits |= bit,
                _ => merged.push((s, bit)),
            }
        }
        let strings = if merged.is_empty() { None } else { Some(strings::Strings::new(merged)?) };
        Some(Built { automata, place, strings })
    }

    /// One automaton matching wherever any of `patterns` does, read from
    /// the end when `reverse`.
    fn automaton(&self, patterns: &[regex_syntax::hir::Hir], reverse: bool) -> Option<DFA> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_many_from_hir(patterns)
            .ok()?;
        DFA::builder()
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
            .build_from_nfa(nfa)
            .ok()
    }

    /// Whether the scan reads line `line` for a group whose members look
    /// at lines of at most `max` bytes: it is not empty, short enough and
    /// ASCII.
    fn scans(line: &[u8], max: usize, ascii_doc: bool) -> bool {
        !line.is_empty() && line.len() <= max && (ascii_doc || line.is_ascii())
    }

    /// For each group of automaton `a`, the lines of `doc` it scans that
    /// the automaton turns away (a bit per line); `None` when it gave up.
    fn automaton_rejects(&self, built: &Built, a: usize, doc: &Document) -> Option<Vec<Vec<u64>>> {
        let automaton = &built.automata[a];
        if automaton.off.load(Ordering::Relaxed) {
            return None;
        }
        let maxes: Vec<usize> = automaton.groups.iter().map(|&g| self.groups[g].max).collect();
        let max = maxes.iter().copied().max().unwrap_or(0);
        let lines = doc.line_count();
        let text = doc.text().as_bytes();
        let ascii_doc = doc.is_ascii();
        let mut rejected = vec![vec![0u64; lines.div_ceil(64)]; maxes.len()];
        let reject = |rejected: &mut Vec<Vec<u64>>, i: usize, len: usize, matched: &dyn Fn(usize) -> bool| {
            for (k, bits) in rejected.iter_mut().enumerate() {
                if len <= maxes[k] && !matched(k) {
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
        };
        let Some(dfa) = &automaton.dfa else {
            for i in 0..lines {
                let span = doc.line_span(i);
                if Self::scans(&text[span.start..span.end], max, ascii_doc) {
                    reject(&mut rejected, i, span.len(), &|_| false);
                }
            }
            return Some(rejected);
        };
        // A cache left by a thread that panicked may be half updated: it is
        // made anew. When every cache is taken, a new one is made for this
        // document: a thread never waits for another.
        let mut held = automaton.caches.iter().find_map(|c| match c.try_lock() {
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
        let mut matched = regex_automata::PatternSet::new(dfa.pattern_len());
        for i in 0..lines {
            let span = doc.line_span(i);
            let line = &text[span.start..span.end];
            if !Self::scans(line, max, ascii_doc) {
                continue;
            }
            let input = Input::new(line).anchored(Anchored::Yes);
            let found = if automaton.reverse {
                dfa.try_search_rev(cache, &input.clone().earliest(true))
            } else {
                dfa.try_search_fwd(cache, &input.clone().earliest(true))
            };
            match found {
                Ok(None) => reject(&mut rejected, i, line.len(), &|_| false),
                Ok(Some(_)) if automaton.groups.len() == 1 => {}
                // Rare: which groups' patterns match the line.
                Ok(Some(_)) => {
                    matched.clear();
                    if dfa.try_which_overlapping_matches(cache, &input, &mut matched).is_err() {
                        automaton.off.store(true, Ordering::Relaxed);
                        return None;
                    }
                    let hit = |k: usize| {
                        matched
                            .iter()
                            .any(|p| automaton.group_of_pattern[p.as_usize()] == automaton.groups[k])
                    };
                    reject(&mut rejected, i, line.len(), &hit);
                }
                Err(_) => {
                    automaton.off.store(true, Ordering::Relaxed);
                    return None;
                }
            }
        }
        Some(rejected)
    }

    /// For each line of `doc`, the members one of whose strings it holds
    /// (a bit each); `None` when there are no strings.
    fn holding(&self, built: &Built, doc: &Document) -> Option<Vec<u32>> {
        let strings = built.strings.as_ref()?;
        let text = doc.text().as_bytes();
        let ascii_doc = doc.is_ascii();
        let mut holding = vec![0u32; doc.line_count()];
        for (i, held) in holding.iter_mut().enumerate() {
            let span = doc.line_span(i);
            let line = &text[span.start..span.end];
            if Self::scans(line, self.max, ascii_doc) {
                *held = strings.members_in(line);
            }
        }
        Some(holding)
    }
}

/// Lines the scan turned away for one member.
#[derive(Debug, Clone, Copy)]
pub struct Rejected<'a> {
    /// The lines the group's automaton turned away.
    bits: &'a [u64],
    /// Each line's members holding one of their strings.
    holding: Option<&'a [u32]>,
    bit: u32,
}

impl Rejected<'_> {
    /// Whether the member's shadow cannot match line `i`.
    #[inline]
    pub fn has(self, i: usize) -> bool {
        self.bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
            && self.holding.is_none_or(|h| h.get(i).is_some_and(|&held| held & self.bit == 0))
    }
}

/// What the scan found in one document, made when a member first asks and
/// shared by the members.
#[derive(Debug, Default)]
pub struct Cache {
    /// By automaton: the lines it turned away, for each of its groups.
    automata: [OnceLock<Option<Vec<Vec<u64>>>>; 2 * GROUPS.len()],
    /// By group: the lines all its automata turned away.
    groups: [OnceLock<Option<Vec<u64>>>; GROUPS.len()],
    holding: OnceLock<Option<Vec<u32>>>,
    /// Whether the scan was built when this document was first asked about.
    ready: OnceLock<bool>,
}

impl Cache {
    /// The lines of `doc` the scan turned away for `member`, or `None`
    /// where its group did not scan.
    pub fn rejected(&self, member: &Member, doc: &Document) -> Option<Rejected<'_>> {
        use crate::timings::{step, Step};
        let scan = &member.scan;
        // The document's lines are counted towards building once.
        if !*self.ready.get_or_init(|| step(Step::LineScan, || scan.ready(doc.line_count()).is_some())) {
            return None;
        }
        let built = scan.built.get()?.as_ref()?;
        let bits = self.groups[member.group]
            .get_or_init(|| {
                let mut all: Option<Vec<u64>> = None;
                for &(a, k) in &built.place[member.group] {
                    let bits = self.automata[a]
                        .get_or_init(|| step(Step::LineScan, || scan.automaton_rejects(built, a, doc)))
                        .as_ref()?;
                    match all.as_mut() {
                        None => all = Some(bits[k].clone()),
                        Some(all) => all.iter_mut().zip(&bits[k]).for_each(|(x, y)| *x &= y),
                    }
                }
                all
            })
            .as_deref()?;
        let holding =
            self.holding.get_or_init(|| step(Step::LineScan, || scan.holding(built, doc))).as_deref();
        Some(Rejected { bits, holding, bit: member.bit })
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

    /// Every built-in group's members, with their shadows and longest lines.
    fn all_groups() -> Vec<Vec<(&'static str, usize)>> {
        GROUPS.iter().map(|names| names.iter().map(|n| shadow_of(n)).collect()).collect()
    }

    #[test]
    fn a_member_is_spared_no_line_its_shadow_matches_and_only_those_of_its_strings() {
        let lines = lines();
        // Repeated past the lines the scan waits for before it builds.
        let mut text = lines.join("\n");
        while text.lines().count() <= BUILD_AFTER {
            text = format!("{text}\n{text}");
        }
        let doc = Document::new("t.txt", text);
        let groups = all_groups();
        let members = LineScan::members(groups.clone());
        let cache = Cache::default();
        let regex = |p: &str| regex::bytes::RegexBuilder::new(p).unicode(false).build().unwrap();
        for (g, names) in GROUPS.iter().enumerate() {
            let max = groups[g].iter().map(|m| m.1).max().unwrap();
            let split: Vec<_> = groups[g].iter().map(|m| split::shadow(m.0).unwrap()).collect();
            // What the group's automata keep of each member's shadow.
            let kept: Vec<regex::bytes::Regex> = split
                .iter()
                .flat_map(|s| s.forward.iter().chain(&s.backward))
                .map(|h| regex(&h.to_string()))
                .collect();
            for (k, member) in members[g].iter().enumerate() {
                let rejected = cache.rejected(member, &doc).expect("the group scans");
                let own = regex(groups[g][k].0);
                let strings = &split[k].strings;
                let (mut turned_away, mut through, mut held) = (0, 0, 0);
                for i in 0..doc.line_count() {
                    let line = doc.slice(doc.line_span(i)).as_bytes();
                    let scanned = !line.is_empty() && line.len() <= max && line.is_ascii();
                    let seen = own.is_match(line);
                    let kept_seen = kept.iter().any(|r| r.is_match(line));
                    let holds =
                        strings.iter().any(|s| line.windows(s.len()).any(|w| w.eq_ignore_ascii_case(s)));
                    let shown = String::from_utf8_lossy(line);
                    assert!(!(rejected.has(i) && seen), "{}: turned away {shown:?}", names[k]);
                    assert_eq!(
                        rejected.has(i),
                        scanned && !kept_seen && !holds,
                        "{}, line {shown:?}: kept part seen {kept_seen}, holds a string {holds}",
                        names[k]
                    );
                    turned_away += usize::from(rejected.has(i));
                    through += usize::from(seen);
                    held += usize::from(scanned && !seen && holds);
                }
                assert!(
                    turned_away > 1000 && through > 0 && held < turned_away / 10,
                    "{}: {turned_away} turned away, {through} seen, {held} held a string",
                    names[k]
                );
            }
        }
    }

    #[test]
    fn the_first_free_cache_is_used_and_a_thread_never_waits() {
        let members = LineScan::members(vec![vec![shadow_of("photo-credit")]]);
        let member = &members[0][0];
        let text = "Photo: AP\nBody text.\n".repeat(BUILD_AFTER);
        let doc = Document::new("t.txt", text);
        let first = Cache::default().rejected(member, &doc).expect("the group scans").bits.to_vec();
        let group = &member.scan.built.get().unwrap().as_ref().unwrap().automata[0];
        let held = |g: &Automaton| g.caches.iter().map(|c| c.lock().unwrap().is_some()).collect::<Vec<_>>();
        Cache::default().rejected(member, &doc).expect("the group scans");
        assert!(held(group)[0] && !held(group)[1..].iter().any(|&h| h), "{:?}", held(group));
        // Every cache taken: a spare one answers the same.
        let all: Vec<_> = group.caches.iter().map(|c| c.lock().unwrap()).collect();
        let spare = Cache::default().rejected(member, &doc).expect("the group scans").bits.to_vec();
        assert_eq!(spare, first);
        drop(all);
        // A cache a panicking thread held is made anew.
        let poisoned = std::panic::catch_unwind(|| {
            let _held = group.caches[0].lock().unwrap();
            panic!("while scanning");
        });
        assert!(poisoned.is_err() && group.caches[0].is_poisoned());
        let again = Cache::default().rejected(member, &doc).expect("the group scans").bits.to_vec();
        assert_eq!(again, first);
        assert!(!group.caches[0].is_poisoned());
    }

    #[test]
    fn a_group_waits_for_enough_lines_and_stops_when_it_thrashes() {
        let few = Document::new("t.txt", "Photo: AP\nBody text.\n");
        let members = LineScan::members(vec![vec![shadow_of("photo-credit")]]);
        assert!(Cache::default().rejected(&members[0][0], &few).is_none(), "built for two lines");
        // Patterns whose union has a state for each combination of counts,
        // with room for few states: the automaton gives up, and the group
        // scans no more (its members look at every line themselves).
        let thrash = r"\A(?:[a-z]{3}x|\w{5}y|.{7}z|[a-m]{4}w)+\z";
        let members = LineScan::with_cache_bytes(vec![vec![(thrash, 10_000)]], 1);
        let text: String = (0..BUILD_AFTER * 2)
            .map(|i| format!("{}{}\n", "ab".repeat(i % 97), "cdefghij".repeat(i % 13)))
            .collect();
        let doc = Document::new("t.txt", text);
        assert!(Cache::default().rejected(&members[0][0], &doc).is_none());
        let built = members[0][0].scan.built.get().unwrap().as_ref().unwrap();
        assert!(built.automata[0].off.load(Ordering::Relaxed));
        assert!(Cache::default().rejected(&members[0][0], &few).is_none());
    }
}
