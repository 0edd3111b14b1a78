//! Compiled matchers: the terms of every condition in Aho-Corasick automata
//! (triggers', the rest's, and all, see [`TermSet`]), disguise look-up
//! tables, and keyword gates for patterns.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::Span;
use crate::both;
use crate::document::Document;
use crate::normalize::{Candidate, View, candidates, decoded_is_code, skeleton};
use crate::overlapping::Rider;
use crate::rules::{LazyPattern, Matcher, Pattern, Term, Validator};
use crate::shadow::Haystack;
use crate::term_set::{NotedMatches, Search, TermSet, TermSetBuilder};
use crate::triggers::{SetWalks, Triggers, Windows};

/// Index of a condition in [`Conditions`].
pub(crate) type CondId = u32;

/// A term of a condition that the automaton found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TermUse {
    pub cond: CondId,
    pub term: u32,
}

/// Where a condition was found: the original span and, for terms, which term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub cond: CondId,
    pub term: u32,
    pub span: Span,
}

pub(crate) enum Condition {
    /// Terms; `secondary` unless they trigger a rule (see [`TermSet`]).
    Terms { terms: Arc<[Term]>, secondary: bool },
    Pattern {
        pattern: Arc<LazyPattern>,
        validator: Option<Validator>,
    },
}

/// Every condition of the enabled rules, compiled together.
pub(crate) struct Conditions {
    conditions: Vec<Condition>,
    /// The terms of rules' triggers, searched in every draft shorter than
    /// [`TERMS_TOGETHER_FROM`]. Each term set uses its table for a linter's
    /// early short drafts, its NFA (built for the first draft that is not)
    /// until the linter has checked [`BYTES_BEFORE_DFA`] bytes of drafts, and
    /// its DFA after.
    triggering_terms: TermSet,
    /// The terms of the other conditions, searched in such a draft only
    /// where a rule's trigger has a hit.
    secondary_terms: TermSet,
    /// All terms, searched in longer drafts: the union of the two, made
    /// when first needed.
    every_term: OnceLock<TermSet>,
    /// Bytes of drafts checked, counted up to [`BYTES_BEFORE_DFA`].
    bytes_checked: AtomicUsize,
    /// How many drafts the linter has begun, counted up to
    /// [`EARLY_DRAFTS`] (see [`FIRST_SHORT_DRAFT_BYTES`]).
    drafts_begun: AtomicUsize,
    disguised: HashMap<String, Vec<TermUse>>,
    masked: HashMap<usize, Vec<(Vec<char>, TermUse)>>,
    /// Patterns that trigger rules: only those a prefilter lets through run.
    triggers: Triggers,
    /// Every pattern, triggers and others (`near`, `context`...): a long
    /// draft walks these sets instead of the triggers', so that every
    /// pattern runs only in its windows, for one walk.
    every_pattern: Triggers,
}

#[derive(Default)]
pub(crate) struct ConditionsBuilder {
    conditions: Vec<Condition>,
    /// Each term condition, whether it triggers a rule and whether its terms
    /// may be disguised, in the order added: their terms are indexed by
    /// [`ConditionsBuilder::build`], beside the keyword gates.
    term_conditions: Vec<(CondId, bool, bool)>,
    /// Trigger patterns, and whether each runs on the shadow.
    triggers: Vec<(CondId, String, bool)>,
    /// The other patterns (`near`, `context`, `except`...), the same way.
    others: Vec<(CondId, String, bool)>,
}

/// The terms of every condition, indexed: the two term sets, and the
/// disguise look-up tables.
#[derive(Default)]
struct TermIndex {
    /// Each term surface's id, in the order first added.
    surfaces: HashMap<String, usize>,
    triggering_terms: TermSetBuilder,
    secondary_terms: TermSetBuilder,
    disguised: HashMap<String, Vec<TermUse>>,
    masked: HashMap<usize, Vec<(Vec<char>, TermUse)>>,
}

impl TermIndex {
    fn add(&mut self, cond: CondId, terms: &[Term], trigger: bool, disguise: bool) {
        for (index, term) in terms.iter().enumerate() {
            let term_use = TermUse {
                cond,
                term: u32::try_from(index).unwrap_or(u32::MAX),
            };
            let surface = term.surface.as_str();
            let id = match self.surfaces.get(surface) {
                Some(&id) => id,
                None => {
                    let id = self.surfaces.len();
                    self.surfaces.insert(surface.to_owned(), id);
                    id
                }
            };
            let set = if trigger {
                &mut self.triggering_terms
            } else {
                &mut self.secondary_terms
            };
            set.add(id, surface, term_use);
            if disguise {
                self.add_disguised(&term.surface, term_use);
            }
        }
    }

    fn add_disguised(&mut self, surface: &str, term_use: TermUse) {
        let letters: String = surface.chars().filter(|c| c.is_alphanumeric()).collect();
        self.disguised.entry(skeleton(&letters)).or_default().push(term_use);
        if !surface.contains(' ') {
            let chars: Vec<char> = surface.chars().collect();
            self.masked.entry(chars.len()).or_default().push((chars, term_use));
        }
    }
}

impl ConditionsBuilder {
    /// Adds a condition; a `trigger` condition's terms are searched in every
    /// draft, and its patterns go into the prefilter set.
    pub fn add(&mut self, matcher: &Matcher, trigger: bool) -> CondId {
        let id = CondId::try_from(self.conditions.len()).unwrap_or(CondId::MAX);
        match matcher {
            Matcher::Terms { terms, disguise } => {
                self.term_conditions.push((id, trigger, *disguise));
                self.conditions.push(Condition::Terms {
                    terms: Arc::clone(terms),
                    secondary: !trigger,
                });
            }
            Matcher::Pattern { regex, validator } => {
                let (source, on_shadow) = regex.as_trigger();
                if trigger {
                    self.triggers.push((id, source, on_shadow));
                } else {
                    self.others.push((id, source, on_shadow));
                }
                self.conditions.push(Condition::Pattern {
                    pattern: Arc::clone(regex),
                    validator: *validator,
                });
            }
        }
        id
    }

    /// How costly a condition is to work out: terms (found already), then
    /// patterns that run on the ASCII shadow, then Unicode ones.
    pub fn cost(&self, cond: CondId) -> u8 {
        match &self.conditions[cond as usize] {
            Condition::Terms { .. } => 0,
            Condition::Pattern { pattern, .. } if pattern.shadow_source().is_some() => 1,
            Condition::Pattern { .. } => 2,
        }
    }

    pub fn build(self) -> Conditions {
        let triggers = Triggers::new(self.triggers.clone());
        // A linter's first short drafts need the keyword gates; where there
        // is a second thread, they are built while the terms are indexed
        // (the built-in packs: 8.9 M instructions to index their terms and
        // 4.4 M for the gates, which were built after the indexing).
        let ((index, triggering_terms, secondary_terms), ()) = both::join(
            || {
                let mut index = TermIndex::default();
                for &(cond, trigger, disguise) in &self.term_conditions {
                    if let Condition::Terms { terms, .. } = &self.conditions[cond as usize] {
                        index.add(cond, terms, trigger, disguise);
                    }
                }
                let triggering = std::mem::take(&mut index.triggering_terms).build();
                let secondary = std::mem::take(&mut index.secondary_terms).build();
                // The tables serve a linter's first short drafts.
                triggering.build_table();
                secondary.build_table();
                (index, triggering, secondary)
            },
            || {
                if both::IN_PARALLEL {
                    triggers.build_gates();
                }
            },
        );
        Conditions {
            conditions: self.conditions,
            triggering_terms,
            secondary_terms,
            every_term: OnceLock::new(),
            bytes_checked: AtomicUsize::new(0),
            drafts_begun: AtomicUsize::new(0),
            disguised: index.disguised,
            masked: index.masked,
            every_pattern: Triggers::new({
                let mut every = self.triggers.clone();
                every.extend(self.others);
                every.sort_unstable_by_key(|(id, _, _)| *id);
                every
            }),
            triggers,
        }
    }
}

/// How many bytes of drafts a linter checks with the term automata as
/// contiguous NFAs (17 M instructions to build for all the built-in packs'
/// terms) before it builds full DFAs (123 M more for all the terms, which then
/// save about 32 instructions a byte: callgrind, November 2026). A DFA pays
/// for itself after about 4 MB, so a run over a few thousand tweets never
/// builds one, and a batch of a million posts or a 10 MB archive soon does.
/// (The triggers' terms alone: a 35 M DFA, against 25 M saved over 5,000
/// tweets, so the same wait.)
pub const BYTES_BEFORE_DFA: usize = 4 << 20;

/// A linter's first [`EARLY_DRAFTS`] drafts, each if it is at most this
/// long, are checked with the term table and keyword gates, so that a
/// process checking one or two short drafts builds neither the term automata
/// nor the trigger sets (see [`Triggers`]). Measured through the CLI on one
/// draft: gates take 21 to 31 ms for a tweet against 39 to 42 ms for
/// compiling the sets, and 53 against 42 ms for a 1,700-byte LinkedIn post,
/// whose many keywords open most gates.
const FIRST_SHORT_DRAFT_BYTES: usize = 1024;

/// How many of a linter's first drafts may be checked by gates (see
/// [`FIRST_SHORT_DRAFT_BYTES`]). The sets cost about 11 ms to build, and a
/// draft checked by gates compiles the patterns whose keywords it holds,
/// which the sets would have spared: through the CLI, two tweets took 12.0
/// against 21.0 ms with one early draft, three 23.1 against 22.0 ms, and four
/// early drafts made 5 to 32 files 8 to 17% slower.
const EARLY_DRAFTS: usize = 2;

/// A draft at least this long is searched for all terms at once; a shorter
/// one for the triggers' terms, then for the others only if a trigger has a
/// hit (see [`TermSet`]). Longer drafts nearly always have one, and then two
/// passes cost more than one: a folder of LinkedIn posts (1,300 to 3,000
/// characters) took 3.3% more instructions searched in two passes.
const TERMS_TOGETHER_FROM: usize = 1024;

/// In a draft at least this long, patterns (triggers and the rest) run only
/// in the windows where a set of them saw them match (see [`Windows`]). The 3,000-character
/// latency post took as long either way (59.5 to 60.2 µs), and a folder of
/// LinkedIn posts 6% longer with them (the reverse automaton to build), so
/// only longer drafts use them: the 10 MB archive took 0.63 s instead of 0.95.
const LONG_DRAFT_BYTES: usize = 8192;

/// How far a linter has warmed up, as a draft starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Warmth {
    /// One of the linter's first drafts, and short (see [`FIRST_SHORT_DRAFT_BYTES`]):
    /// the term table finds its terms and keyword gates pick its trigger
    /// patterns (else the term automata and the trigger sets).
    first_short: bool,
    /// Whether the term DFA is worth building (or built).
    dfa: bool,
    /// Whether the draft is searched for all terms at once (see
    /// [`TERMS_TOGETHER_FROM`]).
    terms_together: bool,
}

impl Warmth {
    /// How to search for terms.
    pub fn term_search(self) -> Search {
        if self.first_short {
            Search::Table
        } else if self.dfa {
            Search::Dfa
        } else {
            Search::Nfa
        }
    }
}

impl Conditions {
    /// Every term, folded, each once.
    pub fn literals(&self) -> &[String] {
        self.every_term().literals()
    }

    fn every_term(&self) -> &TermSet {
        self.every_term
            .get_or_init(|| TermSet::union(&self.triggering_terms, &self.secondary_terms))
    }

    pub fn terms(&self, cond: CondId) -> &[Term] {
        match &self.conditions[cond as usize] {
            Condition::Terms { terms, .. } => terms,
            Condition::Pattern { .. } => &[],
        }
    }

    /// How many conditions there are (their ids are below).
    pub fn len(&self) -> usize {
        self.conditions.len()
    }

    pub fn is_pattern(&self, cond: CondId) -> bool {
        matches!(self.conditions[cond as usize], Condition::Pattern { .. })
    }

    /// Whether `cond` is a term condition found by [`Conditions::secondary_term_hits`].
    pub fn is_secondary(&self, cond: CondId) -> bool {
        matches!(self.conditions[cond as usize], Condition::Terms { secondary: true, .. })
    }

    /// Counts a draft of `len` bytes. Counting stops once warm, so a busy
    /// linter shared by threads writes nothing shared.
    pub fn count_draft(&self, len: usize) -> Warmth {
        // Counted no further than needed: no count to overflow.
        let early = self.drafts_begun.load(Ordering::Relaxed) < EARLY_DRAFTS
            && self.drafts_begun.fetch_add(1, Ordering::Relaxed) < EARLY_DRAFTS;
        let seen = self.bytes_checked.load(Ordering::Relaxed);
        let dfa = seen >= BYTES_BEFORE_DFA
            || self.bytes_checked.fetch_add(len, Ordering::Relaxed).saturating_add(len) >= BYTES_BEFORE_DFA;
        Warmth {
            first_short: early && len <= FIRST_SHORT_DRAFT_BYTES,
            dfa,
            terms_together: len >= TERMS_TOGETHER_FROM,
        }
    }

    /// Builds what every draft but a first short one needs, the NFAs of the
    /// term sets it is searched with and the trigger sets, side by side (see
    /// [`crate::both`]): the next draft on another thread would otherwise
    /// wait for one after the other.
    pub fn prepare(&self, warmth: Warmth) {
        // The secondary set's NFA is built after the triggering set's.
        let terms_ready = if warmth.terms_together {
            self.every_term().has_nfa()
        } else {
            self.secondary_terms.has_nfa()
        };
        if warmth.first_short || terms_ready {
            return;
        }
        both::join(
            || {
                if warmth.terms_together {
                    self.every_term().build_nfa();
                } else {
                    self.triggering_terms.build_nfa();
                    self.secondary_terms.build_nfa();
                }
            },
            || self.triggers.build_sets(),
        );
    }

    /// The hits of the terms of rules' triggers, disguised ones (of any
    /// condition) included, on word boundaries, in no particular order (the
    /// linter groups those it needs by condition). `view` is the draft's,
    /// and `lower` the view in lower case. In a long draft, the other terms'
    /// hits too: returns whether they are in. Else the other terms'
    /// automaton may be walked in the same loop, its match states going
    /// into `noted` for [`Conditions::secondary_term_hits`]. The term walk
    /// takes `rider` along (see [`Rider`]).
    #[allow(clippy::too_many_arguments)]
    pub fn term_hits(
        &self,
        doc: &Document<'_>,
        view: &View<'_>,
        lower: &[u8],
        warmth: Warmth,
        hits: &mut Vec<Hit>,
        noted: &mut NotedMatches,
        rider: &mut impl Rider,
    ) -> bool {
        if warmth.terms_together {
            self.every_term()
                .hits(doc, view, lower, warmth.term_search(), hits, rider);
        } else {
            self.triggering_terms.hits_noting(
                &self.secondary_terms,
                doc,
                view,
                lower,
                warmth.term_search(),
                hits,
                noted,
                rider,
            );
        }
        if !self.disguised.is_empty() {
            self.disguised_hits(doc.text(), view, hits);
        }
        warmth.terms_together
    }

    /// The hits of the secondary terms (those of conditions that trigger no
    /// rule): from the states `noted` by [`Conditions::term_hits`], or found
    /// the same way.
    pub fn secondary_term_hits(
        &self,
        doc: &Document<'_>,
        view: &View<'_>,
        lower: &[u8],
        warmth: Warmth,
        noted: &NotedMatches,
        hits: &mut Vec<Hit>,
    ) {
        self.secondary_terms
            .noted_hits(doc, view, lower, warmth.term_search(), noted, hits);
    }

    fn disguised_hits(&self, original: &str, view: &View<'_>, hits: &mut Vec<Hit>) {
        for candidate in candidates(view.text()) {
            match candidate {
                Candidate::Decoded { span, skeleton } => {
                    if let Some(uses) = self.disguised.get(&skeleton) {
                        let span = view.to_original(span);
                        // A folded view is in lower case: whether the token is a code
                        // (the A55) shows only in the original.
                        if decoded_is_code(&original[span.start..span.end]) {
                            continue;
                        }
                        hits.extend(uses.iter().map(|u| Hit {
                            cond: u.cond,
                            term: u.term,
                            span,
                        }));
                    }
                }
                Candidate::Masked { span, pattern } => {
                    let Some(terms) = self.masked.get(&pattern.len()) else {
                        continue;
                    };
                    let span = view.to_original(span);
                    for (chars, term_use) in terms {
                        let fits = pattern
                            .iter()
                            .zip(chars)
                            .all(|(p, &t)| p.is_none_or(|p| crate::normalize::same_letter(p, t)));
                        if fits {
                            hits.push(Hit {
                                cond: term_use.cond,
                                term: term_use.term,
                                span,
                            });
                        }
                    }
                }
            }
        }
    }

    /// The trigger patterns that may match in the text (a superset), sorted:
    /// conditions are numbered as they are added, and triggers keep that
    /// order. In a long draft, also where they may match. `ride` is called
    /// once, with the walks of the sets that find them if another walk can
    /// take them along (see [`SetWalks`]).
    pub fn matching_triggers(
        &self,
        haystack: &Haystack<'_>,
        warmth: Warmth,
        windows: &mut Windows,
        ride: impl FnOnce(&mut SetWalks<'_>),
    ) -> Vec<CondId> {
        let triggers = if haystack.original().len() >= LONG_DRAFT_BYTES {
            let mut every = self
                .every_pattern
                .candidates(haystack, true, Some(windows), warmth.dfa, ride);
            every.retain(|&cond| self.triggers.contains(cond));
            every
        } else {
            self.triggers
                .candidates(haystack, !warmth.first_short, None, warmth.dfa, ride)
        };
        debug_assert!(triggers.is_sorted());
        triggers
    }

    /// Every match of a pattern condition that passes its validator; a
    /// pattern with `windows` is run only there (see [`Windows`]).
    pub fn pattern_hits(&self, cond: CondId, haystack: &Haystack<'_>, windows: Option<&[Span]>, out: &mut Vec<Hit>) {
        let Condition::Pattern { pattern, validator } = &self.conditions[cond as usize] else {
            return;
        };
        // Only a built-in pack defers compiling, and the test suite compiles all of them.
        let Ok((pattern, match_group)) = pattern.compiled() else {
            return;
        };
        let original = haystack.original();
        let mut push = |start: usize, end: usize| push_valid(cond, start, end, original, *validator, out);
        // One set of capture slots per call, reused for every match: a
        // pattern that matches often allocates once, not once per match.
        match pattern {
            Pattern::Ascii(regex) => {
                use regex_automata::Input;
                let (shadow, offsets) = haystack.shadow();
                let to_draft = |i: usize| offsets.map_or(i, |o| o[i] as usize);
                let whole_text = [Span::new(0, shadow.len())];
                // Capture slots only once there is a match: a draft the
                // pattern does not match costs no allocation.
                let mut captures = None;
                let mut at = 0;
                for window in windows.unwrap_or(&whole_text) {
                    at = at.max(window.start);
                    while at <= window.end {
                        // The search sees the text around the window (for `\b`).
                        let captures = match &mut captures {
                            Some(captures) => captures,
                            None => {
                                let Some(first) = regex.search(&Input::new(shadow).range(at..window.end)) else {
                                    break;
                                };
                                at = first.start();
                                captures.insert(regex.create_captures())
                            }
                        };
                        regex.search_captures(&Input::new(shadow).range(at..window.end), captures);
                        let Some(whole) = captures.get_match() else {
                            break;
                        };
                        let span = match_group
                            .and_then(|g| captures.get_group(g))
                            .unwrap_or_else(|| whole.span());
                        push(to_draft(span.start), to_draft(span.end));
                        // The shadow is one byte a character.
                        at = if whole.is_empty() { whole.end() + 1 } else { whole.end() };
                    }
                }
            }
            Pattern::Unicode(pattern) => match windows {
                Some(windows) => {
                    for window in windows {
                        pattern.for_each_match_within(original, *window, match_group, &mut push);
                    }
                }
                None => pattern.for_each_match(original, match_group, push),
            },
        }
    }
}

fn push_valid(cond: CondId, start: usize, end: usize, text: &str, validator: Option<Validator>, out: &mut Vec<Hit>) {
    if start == end {
        return;
    }
    if validator.is_none_or(|v| v.accepts(&text[start..end])) {
        out.push(Hit {
            cond,
            term: 0,
            span: Span::new(start, end),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns of the built-in packs, every other one a trigger (the
    /// rest in the other sets), so that both kinds get windows.
    fn builtin_patterns_as_triggers() -> Conditions {
        let mut builder = ConditionsBuilder::default();
        for rule in crate::RuleSet::builtin().rules() {
            for matcher in rule.matchers() {
                if matches!(matcher, Matcher::Pattern { .. }) {
                    let trigger = builder.conditions.len() % 2 == 0;
                    builder.add(matcher, trigger);
                }
            }
        }
        builder.build()
    }

    /// Runs every pattern over `text` whole and in its windows; panics if the
    /// two disagree. Returns how many patterns had windows.
    fn compare_windows(conditions: &Conditions, text: &str) -> usize {
        let haystack = Haystack::new(text);
        let warm = Warmth {
            first_short: false,
            dfa: false,
            terms_together: false,
        };
        let mut windows = Windows::default();
        conditions.matching_triggers(&haystack, warm, &mut windows, |_| {});
        let mut windowed = 0;
        for cond in (0..conditions.len()).filter_map(|c| CondId::try_from(c).ok()) {
            let Some(within) = windows.of(cond) else {
                continue;
            };
            windowed += 1;
            let (mut whole, mut in_windows) = (Vec::new(), Vec::new());
            conditions.pattern_hits(cond, &haystack, None, &mut whole);
            conditions.pattern_hits(cond, &haystack, Some(within), &mut in_windows);
            assert_eq!(whole, in_windows, "condition {cond}, windows {within:?}");
        }
        windowed
    }

    /// A linter's first two short drafts are checked by the term table and
    /// keyword gates, and build no term automaton; the third builds them,
    /// and a long draft is never an early one.
    #[test]
    fn early_short_drafts_build_no_automaton() {
        let mut builder = ConditionsBuilder::default();
        for rule in crate::RuleSet::builtin().rules() {
            builder.add(&rule.trigger, true);
        }
        let conditions = builder.build();
        for draft in 0..2 {
            let warmth = conditions.count_draft(280);
            assert!(warmth.first_short, "draft {draft}");
            conditions.prepare(warmth);
            assert!(!conditions.triggering_terms.has_nfa(), "draft {draft}");
        }
        let warmth = conditions.count_draft(280);
        assert!(!warmth.first_short);
        conditions.prepare(warmth);
        assert!(conditions.triggering_terms.has_nfa());

        let mut builder = ConditionsBuilder::default();
        builder.add(&crate::RuleSet::builtin().rules()[0].trigger, true);
        assert!(!builder.build().count_draft(FIRST_SHORT_DRAFT_BYTES + 1).first_short);
    }

    /// A pattern run only in its windows finds what it finds over the whole
    /// draft: every fixture and rule example, as one long draft.
    #[test]
    fn patterns_find_the_same_in_their_windows() {
        let conditions = builtin_patterns_as_triggers();
        let examples = crate::RuleSet::builtin()
            .rules()
            .iter()
            .flat_map(|r| r.examples.flag.iter().chain(&r.examples.pass))
            .map(|e| e.text.clone())
            .collect::<Vec<_>>();
        let mut texts = crate::test_fixtures::texts();
        texts.extend(examples);
        for separator in ["\n\n", " ", ""] {
            let long = texts.join(separator);
            assert!(long.len() >= LONG_DRAFT_BYTES);
            // Of the 50 patterns, all had windows in November 2026.
            let windowed = compare_windows(&conditions, &long);
            assert!(windowed >= 40, "only {windowed} patterns had windows");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]
        #[test]
        fn patterns_find_the_same_in_their_windows_in_awkward_drafts(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "NHS 401 023 2137 ", "4010232137", "401-023-2137\n", "SW1A 1AA ", "sw1a1aa", "AB 12 34 56 C ",
                "07700 900123 ", "+44 (0)20 7946 0018 ", "RX1234567 ", "12/345678 ", "dick ", "DICK ",
                "é", "🩺", "’", "\u{a0}", "x", "9", "1", " ", "\n", ", ", "(", ")", "/", ".", ":", "@", "_",
            ]), 0..400)
        ) {
            static CONDITIONS: std::sync::LazyLock<Conditions> = std::sync::LazyLock::new(builtin_patterns_as_triggers);
            let mut text = pieces.concat();
            while text.len() < LONG_DRAFT_BYTES {
                text.push_str(" filler text ");
            }
            compare_windows(&CONDITIONS, &text);
        }
    }
}
