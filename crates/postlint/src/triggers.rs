//! Which trigger patterns a draft may match, so that only those run.
//!
//! Two prefilters find the same patterns or more, and never fewer:
//!
//! - keyword gates ([`Gates`]): an Aho-Corasick pass for the literals each
//!   pattern needs. Cheap to build, but a gate opened by a common keyword
//!   runs its pattern over the whole draft;
//! - sets of all trigger patterns (those on Unicode text without their word
//!   boundaries, which a lazy DFA cannot follow there): one lazy
//!   DFA pass finds which patterns match, but the sets take tens of
//!   milliseconds to compile and their DFAs fill their caches over the first
//!   drafts.
//!
//! A linter uses the gates for its first two drafts, each if it is short, so
//! a process that checks one or two tweets never compiles the sets, and the
//! sets from then on (see `matcher::FIRST_SHORT_DRAFT_BYTES`).

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchError, MatchKind, PatternID, hybrid};
use regex_syntax::hir::Hir;

use crate::both;
use crate::gate::Gates;
use crate::matcher::CondId;
use crate::overlapping::Rider;
use crate::rules::{REGEX_SIZE_LIMIT, without_word_boundaries};
use crate::shadow::Haystack;
use crate::span::Span;

/// The trigger patterns of a linter, and their prefilters (built on first use).
pub(crate) struct Triggers {
    /// Each pattern, its source and whether it runs on the ASCII shadow.
    patterns: Vec<(CondId, String, bool)>,
    gates: OnceLock<Option<Gates<CondId>>>,
    sets: OnceLock<TriggerSets>,
}

impl Triggers {
    pub fn new(patterns: Vec<(CondId, String, bool)>) -> Triggers {
        Triggers {
            patterns,
            gates: OnceLock::new(),
            sets: OnceLock::new(),
        }
    }

    /// Whether `cond` is one of the patterns.
    pub fn contains(&self, cond: CondId) -> bool {
        self.patterns.binary_search_by_key(&cond, |(id, _, _)| *id).is_ok()
    }

    /// The keyword gates, built now rather than for the first draft (see
    /// [`crate::both`]).
    pub fn build_gates(&self) {
        self.gates();
    }

    /// The sets, built now rather than for the draft that needs them (see
    /// `Conditions::prepare`).
    pub fn build_sets(&self) {
        self.sets();
    }

    fn sets(&self) -> &TriggerSets {
        self.sets.get_or_init(|| TriggerSets::new(&self.patterns))
    }

    fn gates(&self) -> &Option<Gates<CondId>> {
        self.gates.get_or_init(|| Gates::new(self.patterns.iter().cloned()))
    }

    /// The trigger patterns that may match in the draft (a superset), in the
    /// order they were added; by the sets if `use_sets`, else by keyword gates.
    /// With `windows`, the sets also say where each pattern of bounded
    /// length may match (see [`Windows`]).
    /// `warm`: the linter has checked enough to be worth building more.
    /// `ride` is called once, with the sets' walks if they can be taken
    /// along by another walk (see [`SetWalks`]).
    pub fn candidates(
        &self,
        haystack: &Haystack<'_>,
        use_sets: bool,
        windows: Option<&mut Windows>,
        warm: bool,
        ride: impl FnOnce(&mut SetWalks<'_>),
    ) -> Vec<CondId> {
        let mut out = Vec::new();
        if self.patterns.is_empty() {
            ride(&mut SetWalks::Idle);
            return out;
        }
        if use_sets {
            self.sets().candidates(haystack, &mut out, windows, warm, ride);
            return out;
        }
        ride(&mut SetWalks::Idle);
        match self.gates() {
            Some(gates) => gates.open(haystack.original(), &mut out),
            None => out.extend(self.patterns.iter().map(|(id, _, _)| *id)),
        }
        out
    }
}

/// Prefilter sets over the trigger patterns. The patterns that run on the
/// shadow are in their set as they are: its word boundaries are ASCII ones,
/// which a lazy DFA follows, and which also spare it a state for every
/// pattern that could start inside a word (5,000 tweets, shadow set, first
/// pass: 16.4 ms without them, 7.8 ms with them). The Unicode set has its
/// patterns without their word-boundary assertions, which a lazy DFA cannot
/// follow on non-ASCII text: that set matches wherever its patterns could,
/// and more. A set that cannot be built (past the size limit) or that gives
/// up on a draft lets all its patterns through, which is slower but finds the
/// same.
struct TriggerSets {
    /// Patterns run on the shadow: the set, and each set index's condition.
    ascii: (Option<LazySet>, Vec<CondId>),
    unicode: (Option<LazySet>, Vec<CondId>),
    /// Both sets' patterns in one, for an ASCII draft once the linter is
    /// warm: the shadow of an ASCII draft is the draft, so one walk does
    /// for two (see [`TriggerSets::candidates`]).
    together: OnceLock<Option<(LazySet, Vec<CondId>)>>,
}

impl TriggerSets {
    fn new(patterns: &[(CondId, String, bool)]) -> TriggerSets {
        let part = |on_shadow: bool| {
            let chosen = patterns.iter().filter(|(_, _, ascii)| *ascii == on_shadow);
            let sources: Vec<String> = chosen
                .clone()
                .map(|(_, s, _)| {
                    if on_shadow {
                        s.clone()
                    } else {
                        without_word_boundaries(s)
                    }
                })
                .collect();
            let ids: Vec<CondId> = chosen.map(|(id, _, _)| *id).collect();
            (LazySet::new(&sources, on_shadow), ids)
        };
        // Compiling the Unicode set takes twice as long as the other.
        let (unicode, ascii) = both::join(|| part(false), || part(true));
        TriggerSets {
            ascii,
            unicode,
            together: OnceLock::new(),
        }
    }

    /// Both sets in one, built on first use; `None` if either is missing.
    fn together(&self) -> Option<&(LazySet, Vec<CondId>)> {
        self.together
            .get_or_init(|| {
                let (Some(ascii), Some(unicode)) = (&self.ascii.0, &self.unicode.0) else {
                    return None;
                };
                let hirs = ascii.hirs.iter().chain(&unicode.hirs).cloned().collect();
                let ids = self.ascii.1.iter().chain(&self.unicode.1).copied().collect();
                // Neither UTF-8 nor the shadow matter on ASCII text.
                Some((LazySet::from_hirs(hirs, true, REGEX_SIZE_LIMIT * 16)?, ids))
            })
            .as_ref()
    }

    fn candidates(
        &self,
        haystack: &Haystack<'_>,
        out: &mut Vec<CondId>,
        mut windows: Option<&mut Windows>,
        warm: bool,
        ride: impl FnOnce(&mut SetWalks<'_>),
    ) {
        let mut matched = Vec::new();
        let original = haystack.original().as_bytes();
        // An ASCII draft is its own shadow: both sets' patterns can walk it
        // at once. Building that set costs as much as the two, so it waits
        // until the linter is warm.
        if warm
            && windows.is_none()
            && haystack.shadow().1.is_none()
            && let Some((set, ids)) = self.together()
        {
            let mut cache = set.caches.get();
            let walk = Walk::start(set, &mut cache, original, &mut matched, NO_ENDS);
            let walked = SetWalks::ridden(walk, None, ride).0;
            add_matched(walked, &matched, ids, out);
            out.sort_unstable();
            return;
        }
        // Both sets, side by side (see `SetWalks`).
        if windows.is_none()
            && let ((Some(ascii), ascii_ids), (Some(unicode), unicode_ids)) = (&self.ascii, &self.unicode)
            && !ascii_ids.is_empty()
            && !unicode_ids.is_empty()
        {
            let (mut cache, mut unicode_cache) = (ascii.caches.get(), unicode.caches.get());
            let mut unicode_matched = Vec::new();
            let walk = Walk::start(ascii, &mut cache, haystack.shadow().0, &mut matched, NO_ENDS);
            let unicode_walk = Walk::start(unicode, &mut unicode_cache, original, &mut unicode_matched, NO_ENDS);
            let walked = SetWalks::ridden(walk, Some(unicode_walk), ride);
            add_matched(walked.0, &matched, ascii_ids, out);
            add_matched(walked.1, &unicode_matched, unicode_ids, out);
            out.sort_unstable();
            return;
        }
        ride(&mut SetWalks::Idle);
        let mut spans = Vec::new();
        for ((set, ids), text) in [
            (&self.ascii, haystack.shadow().0),
            (&self.unicode, haystack.original().as_bytes()),
        ] {
            if ids.is_empty() {
                continue;
            }
            let Some(set) = set else {
                out.extend_from_slice(ids);
                continue;
            };
            let walked = match windows.as_deref_mut() {
                Some(windows) => {
                    let walked = set.matches_within(text, &mut matched, &mut spans);
                    if walked {
                        // A pattern that matches nowhere has no windows at all.
                        for (i, spans) in spans.drain(..).enumerate() {
                            if let Some(spans) = spans {
                                windows.0.push((ids[i], spans));
                            }
                        }
                    }
                    walked
                }
                None => set.matches(text, &mut matched),
            };
            if walked {
                out.extend(matched.iter().map(|&i| ids[i]));
            } else {
                out.extend_from_slice(ids);
            }
        }
        // In the order the patterns were added, as the gates give them.
        out.sort_unstable();
        if let Some(windows) = windows {
            // Sets may add to windows of other sets, whose conditions differ.
            windows.0.sort_unstable_by_key(|(cond, _)| *cond);
        }
    }
}

/// Where patterns may match in a draft: every match of a pattern lies within
/// one of its windows, which are sorted and apart (none: it matches nowhere).
/// A pattern run only there finds exactly the matches a run over the whole
/// draft finds, at a fraction of the cost in a long draft, where each pattern
/// matches in a few places (see `Conditions::pattern_hits`): no match crosses
/// a window's edge, so a leftmost-first search that starts at or before a
/// window, after the previous window's matches, finds the same first match
/// in it, and the searches see the text around a window for `\b`. A pattern the
/// sets could not bound has no entry, and runs over the whole draft.
#[derive(Debug, Default)]
pub(crate) struct Windows(Vec<(CondId, Vec<Span>)>);

impl Windows {
    /// The windows of `cond`, or `None` when it may match anywhere.
    pub fn of(&self, cond: CondId) -> Option<&[Span]> {
        let at = self.0.binary_search_by_key(&cond, |(c, _)| *c).ok()?;
        Some(&self.0[at].1)
    }
}

/// Windows closer than this are searched as one: a search costs about as
/// much to start as to scan this many bytes.
const WINDOW_GAP: usize = 64;

/// A pattern of unbounded length with more match ends than one in this many
/// bytes runs over the whole draft.
const MIN_BYTES_PER_END: usize = 64;

/// Finding where matches start reads back at most this many times the
/// draft's length, over all patterns; the patterns left then run over the
/// whole draft.
const REVERSE_PASSES: usize = 4;

/// Adds `window` (which ends at or after every window in `spans`) to `spans`,
/// merging it with those it overlaps or comes close to.
fn add_window(spans: &mut Vec<Span>, mut window: Span) {
    while let Some(&last) = spans.last()
        && window.start <= last.end + WINDOW_GAP
    {
        window = window.cover(last);
        spans.pop();
    }
    spans.push(window);
}

/// Which of a set of patterns match somewhere in a text, in one pass of a
/// lazy DFA. It is built straight from `regex-automata` rather than as a
/// `RegexSet`, without the capture groups, reverse automaton and other
/// engines a set's `matches` never uses, which halves the cost of building it.
struct LazySet {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheFn>,
    /// The most bytes a match of each pattern can span, if that is bounded.
    max_lens: Vec<Option<usize>>,
    /// The patterns, to build `starts` from.
    hirs: Vec<Hir>,
    on_shadow: bool,
    /// The same patterns reversed, built for the first long draft that needs
    /// it: from where a match of a pattern of unbounded length ends, it finds
    /// where the earliest match ending there starts.
    starts: OnceLock<Option<(hybrid::dfa::DFA, Pool<hybrid::dfa::Cache, CacheFn>)>>,
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A pool of caches for `dfa`, one for each thread that uses it at once.
fn cache_pool(dfa: &hybrid::dfa::DFA) -> Pool<hybrid::dfa::Cache, CacheFn> {
    let for_pool = dfa.clone();
    let create: CacheFn = Box::new(move || for_pool.create_cache());
    Pool::new(create)
}

impl LazySet {
    /// `None` past the size limits. Patterns are matched ASCII
    /// case-insensitively; `on_shadow` ones with ASCII classes, on bytes.
    fn new(sources: &[String], on_shadow: bool) -> Option<LazySet> {
        LazySet::with_cache(sources, on_shadow, REGEX_SIZE_LIMIT * 16)
    }

    fn with_cache(sources: &[String], on_shadow: bool, cache_capacity: usize) -> Option<LazySet> {
        if sources.is_empty() {
            return None;
        }
        let syntax = syntax::Config::new()
            .case_insensitive(true)
            .unicode(!on_shadow)
            .utf8(!on_shadow);
        let hirs = sources
            .iter()
            .map(|source| syntax::parse_with(source, &syntax).ok())
            .collect::<Option<Vec<_>>>()?;
        LazySet::from_hirs(hirs, on_shadow, cache_capacity)
    }

    /// A set of parsed patterns (see [`LazySet::new`]).
    fn from_hirs(hirs: Vec<Hir>, on_shadow: bool, cache_capacity: usize) -> Option<LazySet> {
        // A pattern as the set has it matches wherever the pattern does (see
        // `TriggerSets`), so its longest match bounds the pattern's.
        let max_lens = hirs.iter().map(|hir| hir.properties().maximum_len()).collect();
        let dfa = LazySet::dfa(&hirs, on_shadow, false, cache_capacity)?;
        Some(LazySet {
            caches: cache_pool(&dfa),
            dfa,
            max_lens,
            hirs,
            on_shadow,
            starts: OnceLock::new(),
        })
    }

    /// A lazy DFA that finds every match of every pattern (`reverse`: read
    /// backwards, anchored at any one pattern's end).
    fn dfa(hirs: &[Hir], on_shadow: bool, reverse: bool, cache_capacity: usize) -> Option<hybrid::dfa::DFA> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .utf8(!on_shadow)
                    .reverse(reverse)
                    .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 16)),
            )
            .build_many_from_hir(hirs)
            .ok()?;
        hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(MatchKind::All)
                    .starts_for_each_pattern(reverse)
                    .cache_capacity(cache_capacity)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa)
            .ok()
    }

    /// Where the earliest match of `pattern` that ends at `end` starts, if
    /// the reverse DFA can say reading back at most `budget` bytes (which it
    /// takes them from): a hostile draft cannot make finding starts cost
    /// more than a few passes over it.
    fn earliest_start(&self, text: &[u8], pattern: usize, end: usize, budget: &mut usize) -> Option<usize> {
        let (dfa, caches) = self
            .starts
            .get_or_init(|| {
                let dfa = LazySet::dfa(&self.hirs, self.on_shadow, true, REGEX_SIZE_LIMIT * 16)?;
                Some((dfa.clone(), cache_pool(&dfa)))
            })
            .as_ref()?;
        let mut cache = caches.get();
        let cache = &mut *cache;
        let pattern = PatternID::new(pattern).ok()?;
        let input = Input::new(text).range(..end).anchored(Anchored::Pattern(pattern));
        let mut state = dfa.start_state_reverse(cache, &input).ok()?;
        let mut earliest = None;
        // Read back a byte at a time; a match state is one byte late, so
        // after reading the byte at `at` it says a match starts at `at + 1`.
        let mut at = end;
        loop {
            if state.is_tagged() {
                if state.is_match() {
                    earliest = Some(at + 1);
                } else if state.is_dead() {
                    return earliest;
                } else if state.is_quit() {
                    return None;
                }
            }
            if at == 0 {
                let state = dfa.next_eoi_state(cache, state).ok()?;
                return if state.is_match() { Some(0) } else { earliest };
            }
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            at -= 1;
            state = dfa.next_state(cache, state, text[at]).ok()?;
        }
    }

    /// Sets `out` to the index of each pattern that matches in `text`, in
    /// order; `false` if the DFA gave up (its cache thrashed), when `out`
    /// says nothing.
    ///
    /// Which patterns match is all a prefilter needs, so this walks the DFA
    /// a byte at a time and notes each match state it passes (a state that
    /// follows a match, one byte late, then the end of the text's), without
    /// the bookkeeping of an overlapping search that reports every match.
    fn matches(&self, text: &[u8], out: &mut Vec<usize>) -> bool {
        self.walk::<false>(text, out, |_, _| {})
    }

    /// [`LazySet::matches`], and sets `spans[i]` to the windows of pattern
    /// `i` (see [`Windows`]) if its length is bounded. The DFA enters a match
    /// state (one byte late) wherever a match of a pattern ends, since it
    /// looks for every match (`MatchKind::All`), so no match is left out.
    fn matches_within(&self, text: &[u8], out: &mut Vec<usize>, spans: &mut Vec<Option<Vec<Span>>>) -> bool {
        let patterns = self.max_lens.len();
        spans.clear();
        spans.resize_with(patterns, || Some(Vec::new()));
        // Where matches of patterns of unbounded length end: their starts
        // are found after the walk.
        let mut ends: Vec<Vec<usize>> = vec![Vec::new(); patterns];
        // So many ends that windows would cover most of the draft: finding
        // their starts is not worth it, nor keeping them.
        let most_ends = text.len() / MIN_BYTES_PER_END;
        let walked = self.walk::<true>(text, out, |pattern, end| match self.max_lens[pattern] {
            Some(max_len) => {
                if let Some(spans) = &mut spans[pattern] {
                    add_window(spans, Span::new(end.saturating_sub(max_len), end));
                }
            }
            None if spans[pattern].is_none() => {}
            None if ends[pattern].len() < most_ends => ends[pattern].push(end),
            None => {
                spans[pattern] = None;
                ends[pattern] = Vec::new();
            }
        });
        let mut budget = REVERSE_PASSES * text.len();
        for (pattern, ends) in ends.iter().enumerate() {
            for &end in ends {
                let Some(start) = self.earliest_start(text, pattern, end, &mut budget) else {
                    spans[pattern] = None;
                    break;
                };
                if let Some(spans) = &mut spans[pattern] {
                    add_window(spans, Span::new(start, end));
                }
            }
        }
        walked
    }

    /// Walks the DFA over `text`, setting `out` as [`LazySet::matches`] says
    /// and, if `ENDS`, calling `ended(pattern, end)` for every match end, in order.
    #[inline(never)]
    fn walk<const ENDS: bool>(&self, text: &[u8], out: &mut Vec<usize>, ended: impl FnMut(usize, usize)) -> bool {
        let mut cache = self.caches.get();
        out.clear();
        let walked = Walk::start(self, &mut cache, text, out, ended).and_then(|mut walk| walk.on::<ENDS>());
        out.sort_unstable();
        out.dedup();
        walked.is_ok()
    }
}

/// Adds the conditions of the `matched` set indices to `out`, or all of
/// them if the set could not say (`walked` false).
fn add_matched(walked: bool, matched: &[usize], ids: &[CondId], out: &mut Vec<CondId>) {
    if walked {
        out.extend(matched.iter().map(|&i| ids[i]));
    } else {
        out.extend_from_slice(ids);
    }
}

/// A walk that notes no match ends.
type NoEnds = fn(usize, usize);

const NO_ENDS: NoEnds = |_, _| {};

/// The walks of a draft's trigger sets, which the term walk takes along in
/// its loop (see [`Rider`]): walked after it, tweets took a quarter longer
/// (25.6 against 20.3 ms for 5,000). A draft with emoji or accents walks two
/// sets, its shadow's and its own, side by side here too.
pub(crate) enum SetWalks<'w> {
    /// None to take along: the sets are walked another way.
    Idle,
    One(Walk<'w, NoEnds>),
    /// Two walks, and which of them did not take the last byte.
    Two(Walk<'w, NoEnds>, Walk<'w, NoEnds>, (bool, bool)),
}

impl<'w> SetWalks<'w> {
    /// Lets `ride` take `first` and `second` along, then walks them to the
    /// end: whether each could say what matches (a walk that did not start
    /// cannot).
    fn ridden(
        first: Result<Walk<'w, NoEnds>, MatchError>,
        second: Option<Result<Walk<'w, NoEnds>, MatchError>>,
        ride: impl FnOnce(&mut SetWalks<'w>),
    ) -> (bool, bool) {
        let mut walks = match (first, second) {
            (Ok(first), None) => SetWalks::One(first),
            (Ok(first), Some(Ok(second))) => SetWalks::Two(first, second, (false, false)),
            (first, second) => {
                ride(&mut SetWalks::Idle);
                let finish = |walk: Result<Walk<'w, NoEnds>, MatchError>| walk.is_ok_and(Walk::finish);
                return (finish(first), second.is_some_and(finish));
            }
        };
        ride(&mut walks);
        if let SetWalks::Two(..) = walks {
            // Side by side while both go on, then each alone.
            while walks.advance() || walks.take() {}
        }
        match walks {
            SetWalks::Idle => (false, false),
            SetWalks::One(walk) => (walk.finish(), false),
            SetWalks::Two(first, second, _) => (first.finish(), second.finish()),
        }
    }
}

impl Rider for SetWalks<'_> {
    #[inline(always)]
    fn advance(&mut self) -> bool {
        match self {
            SetWalks::Idle => true,
            SetWalks::One(walk) => walk.advance(),
            SetWalks::Two(first, second, stalled) => {
                let (a, b) = (first.advance(), second.advance());
                *stalled = (!a, !b);
                a & b
            }
        }
    }

    fn take(&mut self) -> bool {
        match self {
            SetWalks::Idle => false,
            SetWalks::One(walk) => walk.take(),
            SetWalks::Two(first, second, stalled) => (!stalled.0 || first.take()) & (!stalled.1 || second.take()),
        }
    }
}

/// A walk of a [`LazySet`]'s DFA over a text: the state after `text[..at]`,
/// and what it has noted.
pub(crate) struct Walk<'w, F> {
    set: &'w LazySet,
    cache: &'w mut hybrid::dfa::Cache,
    text: &'w [u8],
    state: LazyStateID,
    at: usize,
    /// The last match state noted, and when: a full cache is cleared and
    /// its state ids handed out again.
    last_match: Option<(LazyStateID, usize)>,
    out: &'w mut Vec<usize>,
    ended: F,
    /// How the walk ended, once it has (see [`Walk::take`]).
    over: Option<Result<(), MatchError>>,
}

impl<'w, F: FnMut(usize, usize)> Walk<'w, F> {
    fn start(
        set: &'w LazySet,
        cache: &'w mut hybrid::dfa::Cache,
        text: &'w [u8],
        out: &'w mut Vec<usize>,
        ended: F,
    ) -> Result<Walk<'w, F>, MatchError> {
        let state = set.dfa.start_state_forward(cache, &Input::new(text))?;
        Ok(Walk {
            set,
            cache,
            text,
            state,
            at: 0,
            last_match: None,
            out,
            ended,
            over: None,
        })
    }

    /// Walks on to the end of the text (see [`LazySet::walk`]).
    fn on<const ENDS: bool>(&mut self) -> Result<(), MatchError> {
        let (dfa, text) = (&self.set.dfa, self.text);
        loop {
            // Most steps go from an untagged state to another along a
            // transition already in the cache: one look-up, one check; four
            // bytes at a time, with one bounds check, while it can.
            let (mut state, mut at) = (self.state, self.at);
            'untagged: while !state.is_tagged() {
                let Some(&[b0, b1, b2, b3]) = text.get(at..at + 4) else {
                    while let Some(&byte) = text.get(at) {
                        let next = dfa.next_state_untagged(self.cache, state, byte);
                        if next.is_tagged() {
                            break;
                        }
                        state = next;
                        at += 1;
                    }
                    break;
                };
                for byte in [b0, b1, b2, b3] {
                    let next = dfa.next_state_untagged(self.cache, state, byte);
                    if next.is_tagged() {
                        break 'untagged;
                    }
                    state = next;
                    at += 1;
                }
            }
            (self.state, self.at) = (state, at);
            if let Some(walked) = self.step::<ENDS>() {
                return walked;
            }
        }
    }

    /// Takes the next byte if that is one look-up of a transition in the
    /// cache, to a state with nothing to note; else takes nothing.
    #[inline(always)]
    fn advance(&mut self) -> bool {
        let Some(&byte) = self.text.get(self.at) else {
            return false;
        };
        if self.state.is_tagged() {
            return false;
        }
        let next = self.set.dfa.next_state_untagged(self.cache, self.state, byte);
        if next.is_tagged() {
            return false;
        }
        (self.state, self.at) = (next, self.at + 1);
        true
    }

    /// Takes the next byte, whatever that needs; false once the walk is
    /// over, when it takes nothing more (its state may not be valid in its
    /// cache any longer).
    fn take(&mut self) -> bool {
        if self.over.is_some() {
            return false;
        }
        match self.step::<false>() {
            None => true,
            Some(over) => {
                self.over = Some(over);
                self.at = self.text.len();
                false
            }
        }
    }

    /// Walks on to the end, if it is not there; whether it could say what
    /// matches.
    fn finish(mut self) -> bool {
        let over = match self.over.take() {
            Some(over) => over,
            None => self.on::<false>(),
        };
        self.out.sort_unstable();
        self.out.dedup();
        over.is_ok()
    }

    /// Takes the walk one byte on, or to the end of the text: notes a match
    /// state, and says how the walk ended if it did (a dead state ends it
    /// early, having found all it can).
    fn step<const ENDS: bool>(&mut self) -> Option<Result<(), MatchError>> {
        let dfa = &self.set.dfa;
        let Some(&byte) = self.text.get(self.at) else {
            let Ok(state) = dfa.next_eoi_state(self.cache, self.state) else {
                return Some(Err(MatchError::gave_up(self.text.len())));
            };
            self.note::<ENDS>(state, self.text.len());
            return Some(Ok(()));
        };
        let Ok(state) = dfa.next_state(self.cache, self.state, byte) else {
            return Some(Err(MatchError::gave_up(self.at)));
        };
        (self.state, self.at) = (state, self.at + 1);
        if state.is_tagged() {
            if state.is_dead() {
                return Some(Ok(()));
            }
            if state.is_quit() {
                return Some(Err(MatchError::quit(byte, self.at - 1)));
            }
            self.note::<ENDS>(state, self.at - 1);
        }
        None
    }

    /// Notes the patterns of `state` if it is a match state: in `out`, once
    /// for a run of the same state, and if `ENDS`, as ending at `end`.
    fn note<const ENDS: bool>(&mut self, state: LazyStateID, end: usize) {
        if !state.is_match() {
            return;
        }
        let (dfa, cache) = (&self.set.dfa, &*self.cache);
        let patterns = (0..dfa.match_len(cache, state)).map(|i| dfa.match_pattern(cache, state, i).as_usize());
        let key = (state, cache.clear_count());
        if self.last_match != Some(key) {
            self.last_match = Some(key);
            self.out.extend(patterns.clone());
        }
        if ENDS {
            for pattern in patterns {
                (self.ended)(pattern, end);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::overlapping;
    use crate::rules::{LazyPattern, Matcher, Pattern};

    /// Every pattern of the built-in packs, and a few a user might write whose
    /// keywords hold spaces, non-ASCII letters or case-insensitive groups, or
    /// that are case-sensitive.
    fn builtin_patterns() -> Vec<Arc<LazyPattern>> {
        let mut out: Vec<Arc<LazyPattern>> = [
            r"\bcare home\b",
            r"\bL\x{f4}n\s+y\b",
            r"\bLôn y\b",
            r"\bthe chest pain\b",
            r"£\d+",
            r"(?i:sponsored) by",
            r"\bks\b",
            r"\p{L}*sk\p{L}*",
        ]
        .into_iter()
        .map(|source| Arc::new(LazyPattern::new(source.to_owned(), false)))
        .chain(
            [r"\bWard [A-Z]\b", r"\p{Lu}\p{Ll}+ Ward\b"]
                .map(|source| Arc::new(LazyPattern::new(source.to_owned(), true))),
        )
        .collect();
        for rule in crate::RuleSet::builtin().rules() {
            for matcher in rule.matchers() {
                if let Matcher::Pattern { regex, .. } = matcher {
                    out.push(Arc::clone(regex));
                }
            }
        }
        out
    }

    fn pattern_matches(pattern: &Pattern, haystack: &Haystack<'_>) -> bool {
        match pattern {
            Pattern::Ascii(regex) => regex.is_match(haystack.shadow().0),
            Pattern::Unicode(pattern) => {
                let mut found = false;
                pattern.for_each_match(haystack.original(), None, |_, _| found = true);
                found
            }
        }
    }

    /// Every pattern of [`builtin_patterns`], with both prefilters over all of them.
    struct Prefilters {
        patterns: Vec<Arc<LazyPattern>>,
        gates: Gates<CondId>,
        sets: TriggerSets,
    }

    impl Prefilters {
        fn new() -> Prefilters {
            let patterns = builtin_patterns();
            let entries: Vec<(CondId, String, bool)> = (0..)
                .zip(&patterns)
                .map(|(i, p)| {
                    let (source, on_shadow) = p.as_trigger();
                    (i, source, on_shadow)
                })
                .collect();
            Prefilters {
                gates: Gates::new(entries.iter().cloned()).expect("the keyword automaton builds"),
                sets: TriggerSets::new(&entries),
                patterns,
            }
        }

        /// How many patterns match `text`; panics if a prefilter left one out.
        fn check(&self, text: &str) -> usize {
            let haystack = Haystack::new(text);
            let (mut gated, mut in_sets, mut in_sets_warm) = (Vec::new(), Vec::new(), Vec::new());
            self.gates.open(text, &mut gated);
            self.sets.candidates(&haystack, &mut in_sets, None, false, |_| {});
            // Warm, an ASCII draft is walked by one set of both sets' patterns.
            self.sets.candidates(&haystack, &mut in_sets_warm, None, true, |_| {});
            let mut matched = 0;
            for (i, pattern) in (0..).zip(&self.patterns) {
                let (compiled, _) = pattern.compiled().expect("built-in patterns compile");
                if pattern_matches(compiled, &haystack) {
                    matched += 1;
                    let source = pattern.source();
                    assert!(gated.contains(&i), "the gate of {source:?} is shut on {text:?}");
                    assert!(in_sets.contains(&i), "the sets leave out {source:?} on {text:?}");
                    assert!(
                        in_sets_warm.contains(&i),
                        "the warm sets leave out {source:?} on {text:?}"
                    );
                }
            }
            matched
        }
    }

    /// Neither prefilter ever keeps a pattern from a draft where it matches:
    /// checked for every pattern of the built-in packs on every example of
    /// every rule and every fixture, and on drafts pieced together from the
    /// awkward cases (case, the shadow's stand-ins, characters that fold to
    /// ASCII).
    #[test]
    fn prefilters_pass_wherever_builtin_patterns_match() {
        let prefilters = Prefilters::new();
        let examples: Vec<String> = crate::RuleSet::builtin()
            .rules()
            .iter()
            .flat_map(|r| r.examples.flag.iter().chain(&r.examples.pass))
            .map(|e| e.text.clone())
            .collect();
        assert!(examples.len() > 200);
        let fixtures = crate::test_fixtures::texts();
        assert!(fixtures.len() > 300);
        let mut checked = 0;
        for text in examples.iter().chain(&fixtures) {
            checked += prefilters.check(text);
        }
        assert!(checked > 600, "only {checked} matches checked");
    }

    #[test]
    fn finding_a_start_reads_back_no_further_than_its_budget() {
        let set = LazySet::new(&[r"a\w*b".to_owned(), r"x".to_owned()], true).expect("builds");
        let text = format!("x {}b y", "a".repeat(100));
        let end = text.find(" y").expect("there");
        let mut budget = 1000;
        assert_eq!(set.earliest_start(text.as_bytes(), 0, end, &mut budget), Some(2));
        assert!(budget < 1000 - 100, "read back past the whole match");
        let mut budget = 50;
        assert_eq!(set.earliest_start(text.as_bytes(), 0, end, &mut budget), None);
        assert_eq!(budget, 0);
        // A start at the very beginning of the text.
        let mut budget = 1000;
        assert_eq!(set.earliest_start(b"aab", 0, 3, &mut budget), Some(0));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]
        /// A set says which patterns match as a `RegexSet` does, also when
        /// its cache is so small that it is cleared again and again mid-text
        /// (and its states' ids handed out anew).
        #[test]
        fn a_set_finds_what_a_regex_set_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "b", "ab", "abba", "x", "1", "22", "333", "@", " ", "foo", "bar", "z", "\n",
            ]), 0..200)
        ) {
            let sources: Vec<String> = [r"a[a-z]{3}b", r"\d{2,4}x", r"@\w+", r"foo|bar", r"b{3}", r"z\d", r"(?-i)A", r"\bba\b"]
                .map(String::from)
                .to_vec();
            let text = pieces.concat();
            let reference: Vec<usize> = regex::bytes::RegexSetBuilder::new(&sources)
                .case_insensitive(true)
                .unicode(false)
                .build()
                .expect("valid")
                .matches(text.as_bytes())
                .into_iter()
                .collect();
            for capacity in [0, REGEX_SIZE_LIMIT] {
                let set = LazySet::with_cache(&sources, true, capacity).expect("builds");
                let mut found = Vec::new();
                proptest::prop_assert!(set.matches(text.as_bytes(), &mut found));
                proptest::prop_assert_eq!(&found, &reference, "cache {} on {:?}", capacity, text);
                // Side by side with another set over a text of another
                // length, and taken along by a term walk over a text of a
                // third length or not, each finds what it finds alone.
                let other = LazySet::with_cache(&sources[2..], true, capacity).expect("builds");
                let term_literals = ["a", "ab", "o"].map(String::from);
                let terms = aho_corasick::dfa::DFA::new(&term_literals).expect("builds");
                for (other_text, term_text) in [
                    (&text[text.len() / 2..], format!("{text}{text}")),
                    (&format!("{text} foo @a 22x"), text[..text.len() / 3].to_owned()),
                ] {
                    let mut other_alone = Vec::new();
                    proptest::prop_assert!(other.matches(other_text.as_bytes(), &mut other_alone));
                    for (ridden, two) in [(false, false), (false, true), (true, false), (true, true)] {
                        let (mut cache, mut other_cache) = (set.caches.get(), other.caches.get());
                        let (mut both, mut other_both) = (Vec::new(), Vec::new());
                        let walk = Walk::start(&set, &mut cache, text.as_bytes(), &mut both, NO_ENDS);
                        let other_walk = two.then(|| {
                            Walk::start(&other, &mut other_cache, other_text.as_bytes(), &mut other_both, NO_ENDS)
                        });
                        let mut term_matches = 0;
                        let walked = SetWalks::ridden(walk, other_walk, |walks| {
                            if ridden {
                                overlapping::each_match(&terms, term_text.as_bytes(), walks, |_, _, _| term_matches += 1);
                            }
                        });
                        proptest::prop_assert_eq!(walked, (true, two));
                        proptest::prop_assert_eq!(&both, &reference, "cache {} on {:?}", capacity, text);
                        if two {
                            proptest::prop_assert_eq!(&other_both, &other_alone, "cache {} on {:?}", capacity, other_text);
                        }
                        let expected_terms = if ridden { overlapping::tests::searched(&term_literals, &term_text).len() } else { 0 };
                        proptest::prop_assert_eq!(term_matches, expected_terms);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]
        #[test]
        fn prefilters_pass_on_awkward_drafts(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "MRS ", "mr ", "Zoë ", "Élodie", "BED 12", "bay\u{a0}3", "🩺", "’", "\u{a0}", "\u{17f}", "\u{212a}",
                "NHS NO 401 023 2137", "dob 14/03/1941", "WARD 7B", "Lôn ", "LÔN ", "£5", "10% OFF", "@acme ", "#AD",
                "code PHYSIO20", "Use ", "my ", "sponsored by ", "gifted ", "F*CK", "fucking", "x", "9", " ", "\n",
                ", ", "(", "aged ", "years old", "Ward", "Street", "Sister ", "Dr ", "rest in peace ", "Ffordd ",
                "the chest\u{a0}pain in bed 4 ", "care\u{a0}home ", "12 L\u{d4}N Y Bryn ", "9 LôN Y BRYN ", "a\u{17f}\u{212a}",
                "it’s ", "don’t ", "“code ", "” ", "— ", "€10 ", "‘PR’ ",
                "Ward B ", "ward b ", "Élodie Ward ", "ÉLODIE WARD ",
            ]), 0..24)
        ) {
            static PREFILTERS: std::sync::LazyLock<Prefilters> = std::sync::LazyLock::new(Prefilters::new);
            PREFILTERS.check(&pieces.concat());
        }
    }
}
