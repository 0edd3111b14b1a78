//! Every match of an Aho-Corasick automaton in a text, overlapping ones
//! included, walked a byte at a time.
//!
//! `AhoCorasick::find_overlapping_iter` returns to its caller for every match
//! and keeps a search state between calls; the terms of a tweet give about 38
//! matches (most of them short terms inside longer words), so walking the
//! automaton here, where each step is one table look-up, costs a third as
//! much (callgrind, November 2026).

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};

/// A walk over a text of its own that can step in the loop of a term walk
/// here: a walk is a chain of loads, each waiting for the one before, and the
/// processor runs chains in one loop side by side, for little more than the
/// time of one.
pub(crate) trait Rider {
    /// Takes the next byte of its text if that is one plain step, and says
    /// so; else takes nothing, and [`Rider::take`] is to be called.
    fn advance(&mut self) -> bool;
    /// Takes the next byte, whatever that needs. False when the rider is
    /// to be left behind (its walk, or part of it, is over): its owner
    /// finishes it after the term walk.
    fn take(&mut self) -> bool;
}

/// No rider: a term walk alone.
pub(crate) struct NoRider;

impl Rider for NoRider {
    #[inline(always)]
    fn advance(&mut self) -> bool {
        true
    }

    fn take(&mut self) -> bool {
        false
    }
}

/// Calls `found(pattern, start, end)` for every match in `text`, in order of
/// their ends, as an overlapping search reports them, stepping `rider` in
/// the same loop as far as it goes along.
#[inline]
pub(crate) fn each_match<A: Automaton>(
    automaton: &A,
    text: &[u8],
    rider: &mut impl Rider,
    mut found: impl FnMut(usize, usize, usize),
) {
    let Ok(state) = automaton.start_state(Anchored::No) else {
        return;
    };
    walk(automaton, text, (state, 0), rider, &mut found);
}

/// [`each_match`] from `state`, reached after `text[..at]`.
#[inline]
fn walk<A: Automaton>(
    automaton: &A,
    text: &[u8],
    (mut state, mut at): (StateID, usize),
    rider: &mut impl Rider,
    found: &mut impl FnMut(usize, usize, usize),
) {
    // One call of `found` in the loop, so that it is inlined there.
    'walk: loop {
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                return;
            }
            if automaton.is_match(state) {
                for i in 0..automaton.match_len(state) {
                    let pattern = automaton.match_pattern(state, i);
                    found(pattern.as_usize(), at - automaton.pattern_len(pattern), at);
                }
            }
        }
        // Most steps lead to a state that is neither a match nor dead: taken
        // four bytes at a time, with one bounds check, until one does.
        while let Some(&[b0, b1, b2, b3]) = text.get(at..at + 4) {
            for (taken, byte) in [b0, b1, b2, b3].into_iter().enumerate() {
                state = automaton.next_state(Anchored::No, state, byte);
                let rode = rider.advance();
                if automaton.is_special(state) | !rode {
                    at += taken + 1;
                    if !rode && !rider.take() {
                        return walk(automaton, text, (state, at), &mut NoRider, found);
                    }
                    continue 'walk;
                }
            }
            at += 4;
        }
        let Some(&byte) = text.get(at) else { return };
        state = automaton.next_state(Anchored::No, state, byte);
        at += 1;
    }
}

/// The states of a walk after each byte of its text (and at its start),
/// for the matches among them to be found later, if they are wanted. The
/// walk writes a state down at an address that does not wait for the state,
/// with no branch. A tweet passes about 38 match states of the secondary
/// terms (common short words); as a branch in the walk's loop, each was a
/// likely misprediction, and four tweets in five want none of them.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Room for a state after every byte; those after `walked` are stale.
    states: Vec<StateID>,
    /// How many bytes were walked (`None`: no walk was noted).
    walked: Option<usize>,
}

impl Notes {
    /// Whether a walk was noted.
    pub fn is_noted(&self) -> bool {
        self.walked.is_some()
    }

    /// Forgets the walk, keeping the room unless that is more than `most` states.
    pub fn clear(&mut self, most: usize) {
        self.walked = None;
        if self.states.len() > most {
            self.states = Vec::new();
        }
    }

    /// Makes room for the states of a walk over `len` bytes.
    fn start(&mut self, len: usize, state: StateID) {
        if self.states.len() <= len {
            self.states.resize(len + 1, StateID::ZERO);
        }
        self.states[0] = state;
        self.walked = Some(len);
    }

    /// The states noted, each with how many bytes had been walked.
    fn each(&self) -> impl Iterator<Item = (usize, StateID)> + '_ {
        let walked = self.walked.map_or(0, |w| w + 1);
        self.states[..walked].iter().copied().enumerate()
    }
}

/// Walks `first` and `second` over `text` in one loop: calls `found` for
/// every match of `first`, as [`each_match`] does, and writes down each
/// state of `second` (see [`Notes`]), for [`each_noted_match`]. `rider`
/// steps in the same loop as far as it goes along.
///
/// Walked one after the other, the second walk of the 280-character latency
/// post cost 1.1 µs, a quarter of the whole check, though it was an eighth of
/// the instructions (see [`Rider`]).
#[inline]
pub(crate) fn each_match_noting<A: Automaton, B: Automaton>(
    first: &A,
    second: &B,
    text: &[u8],
    noted: &mut Notes,
    rider: &mut impl Rider,
    mut found: impl FnMut(usize, usize, usize),
) {
    let (Ok(a), Ok(b)) = (first.start_state(Anchored::No), second.start_state(Anchored::No)) else {
        return;
    };
    noted.start(text.len(), b);
    walk_noting((first, second), text, (a, b, 0), noted, rider, &mut found);
}

/// [`each_match_noting`] from states `a` and `b`, reached after `text[..at]`
/// (`b` noted already).
#[inline]
fn walk_noting<A: Automaton, B: Automaton>(
    (first, second): (&A, &B),
    text: &[u8],
    (mut a, mut b, mut at): (StateID, StateID, usize),
    noted: &mut Notes,
    rider: &mut impl Rider,
    found: &mut impl FnMut(usize, usize, usize),
) {
    'walk: loop {
        // An unanchored search never dies: only matches are special here.
        if first.is_match(a) {
            for i in 0..first.match_len(a) {
                let pattern = first.match_pattern(a, i);
                found(pattern.as_usize(), at - first.pattern_len(pattern), at);
            }
        }
        while let Some(&[b0, b1, b2, b3]) = text.get(at..at + 4) {
            for (taken, byte) in [b0, b1, b2, b3].into_iter().enumerate() {
                a = first.next_state(Anchored::No, a, byte);
                b = second.next_state(Anchored::No, b, byte);
                noted.states[at + taken + 1] = b;
                let rode = rider.advance();
                if first.is_special(a) | !rode {
                    at += taken + 1;
                    if !rode && !rider.take() {
                        return walk_noting((first, second), text, (a, b, at), noted, &mut NoRider, found);
                    }
                    continue 'walk;
                }
            }
            at += 4;
        }
        let Some(&byte) = text.get(at) else { return };
        a = first.next_state(Anchored::No, a, byte);
        b = second.next_state(Anchored::No, b, byte);
        at += 1;
        noted.states[at] = b;
    }
}

/// Calls `found(pattern, start, end)` for every match of the states that
/// [`each_match_noting`] noted for `automaton`.
pub(crate) fn each_noted_match<A: Automaton>(automaton: &A, noted: &Notes, mut found: impl FnMut(usize, usize, usize)) {
    for (at, state) in noted.each() {
        if automaton.is_match(state) {
            for i in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, i);
                found(pattern.as_usize(), at - automaton.pattern_len(pattern), at);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use aho_corasick::{AhoCorasick, MatchKind, dfa, nfa::contiguous};

    use super::*;

    type Found = Vec<(usize, usize, usize)>;

    /// What [`each_match_noting`] finds of `first`, and [`each_noted_match`]
    /// of `second`, each sorted, each match once.
    fn side_by_side<A: Automaton, B: Automaton>(first: &A, second: &B, text: &str) -> (Found, Found) {
        let (mut found_first, mut found_second, mut noted) = (Vec::new(), Vec::new(), Notes::default());
        each_match_noting(first, second, text.as_bytes(), &mut noted, &mut NoRider, |p, s, e| {
            found_first.push((p, s, e))
        });
        each_noted_match(second, &noted, |p, s, e| found_second.push((p, s, e)));
        for found in [&mut found_first, &mut found_second] {
            found.sort_unstable();
            found.dedup();
        }
        (found_first, found_second)
    }

    fn walked<A: Automaton>(automaton: &A, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        each_match(automaton, text.as_bytes(), &mut NoRider, |p, s, e| out.push((p, s, e)));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every match of an overlapping Aho-Corasick search, each once (it may
    /// report an empty match twice; the linter drops repeated hits), sorted:
    /// what the walks here and the term table are held to.
    pub(crate) fn searched(patterns: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .expect("builds");
        let mut out: Vec<_> = automaton
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Literals and a text made of their pieces, for searches to agree on:
    /// overlapping, nested, empty and non-ASCII literals.
    pub(crate) fn literals_and_text() -> impl proptest::strategy::Strategy<Value = (Vec<String>, String)> {
        use proptest::strategy::Strategy;
        let literals = proptest::collection::vec(
            proptest::sample::select(vec![
                "", "a", "ab", "abc", "b", "ba", "bab", "é", "éa", "a é", "cc", "ccc",
            ]),
            1..8,
        );
        let pieces = proptest::collection::vec(proptest::sample::select(vec!["a", "b", "c", "é", " ", "ab"]), 0..40);
        (literals, pieces)
            .prop_map(|(literals, pieces)| (literals.into_iter().map(String::from).collect(), pieces.concat()))
    }

    proptest::proptest! {
        /// The contiguous NFA and the DFA, walked, find what an overlapping
        /// search finds (each match once: the search may report an empty one twice).
        #[test]
        fn a_walk_finds_what_an_overlapping_search_finds((patterns, text) in literals_and_text()) {
            let expected = searched(&patterns, &text);
            let nfa = contiguous::NFA::builder().match_kind(MatchKind::Standard).build(&patterns).expect("builds");
            let dfa = dfa::DFA::builder().match_kind(MatchKind::Standard).build(&patterns).expect("builds");
            proptest::prop_assert_eq!(walked(&nfa, &text), expected.clone());
            proptest::prop_assert_eq!(walked(&dfa, &text), expected);
        }

        /// Walked side by side with another automaton, each finds what an
        /// overlapping search finds: the first directly, the second from
        /// the states it noted.
        #[test]
        fn a_walk_side_by_side_finds_what_two_searches_find(
            (first, text) in literals_and_text(),
            (second, _) in literals_and_text(),
        ) {
            let expected = (searched(&first, &text), searched(&second, &text));
            let dfa = |patterns: &[String]| dfa::DFA::builder().match_kind(MatchKind::Standard).build(patterns).expect("builds");
            proptest::prop_assert_eq!(side_by_side(&dfa(&first), &dfa(&second), &text), expected.clone());
            let nfa = |patterns: &[String]| contiguous::NFA::builder().match_kind(MatchKind::Standard).build(patterns).expect("builds");
            proptest::prop_assert_eq!(side_by_side(&nfa(&first), &nfa(&second), &text), expected);
        }

        /// A rider that stalls now and then, and leaves early or late,
        /// changes nothing the walks find, and is not driven on after it
        /// leaves.
        #[test]
        fn a_rider_changes_nothing_the_walks_find(
            (first, text) in literals_and_text(),
            (second, _) in literals_and_text(),
            rider_len in 0usize..60,
            stall_every in 1usize..5,
            leave_at in proptest::option::of(0usize..60),
        ) {
            let dfa = |patterns: &[String]| dfa::DFA::builder().match_kind(MatchKind::Standard).build(patterns).expect("builds");
            let (first_dfa, second_dfa) = (dfa(&first), dfa(&second));
            let rider = || TestRider { len: rider_len, at: 0, stall_every, leave_at, left: false };
            let expected_end = leave_at.map_or(rider_len, |leave| leave.min(rider_len));

            let (mut alone, mut ridden) = (rider(), Vec::new());
            each_match(&first_dfa, text.as_bytes(), &mut alone, |p, s, e| ridden.push((p, s, e)));
            ridden.sort_unstable();
            ridden.dedup();
            proptest::prop_assert_eq!(ridden, searched(&first, &text));
            proptest::prop_assert!(alone.at <= expected_end);

            let (mut beside, mut found_first, mut found_second, mut noted) = (rider(), Vec::new(), Vec::new(), Notes::default());
            each_match_noting(&first_dfa, &second_dfa, text.as_bytes(), &mut noted, &mut beside, |p, s, e| found_first.push((p, s, e)));
            each_noted_match(&second_dfa, &noted, |p, s, e| found_second.push((p, s, e)));
            for found in [&mut found_first, &mut found_second] {
                found.sort_unstable();
                found.dedup();
            }
            proptest::prop_assert_eq!(found_first, searched(&first, &text));
            proptest::prop_assert_eq!(found_second, searched(&second, &text));
            proptest::prop_assert!(beside.at <= expected_end);
        }
    }

    /// A rider over `len` bytes that needs `take` for every `stall_every`th
    /// byte, and leaves at `leave_at`; it fails the test if driven on after
    /// it has said it leaves.
    struct TestRider {
        len: usize,
        at: usize,
        stall_every: usize,
        leave_at: Option<usize>,
        left: bool,
    }

    impl TestRider {
        fn at_its_end(&self) -> bool {
            self.at >= self.len || self.leave_at == Some(self.at)
        }
    }

    impl Rider for TestRider {
        fn advance(&mut self) -> bool {
            assert!(!self.left, "a rider was driven on after it left");
            if self.at_its_end() || self.at % self.stall_every == 0 {
                return false;
            }
            self.at += 1;
            true
        }

        fn take(&mut self) -> bool {
            assert!(!self.left, "a rider was driven on after it left");
            if self.at_its_end() {
                self.left = true;
                return false;
            }
            self.at += 1;
            true
        }
    }
}
