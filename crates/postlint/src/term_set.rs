//! Literals searched for together in one pass, and the conditions that use
//! each.
//!
//! The conditions keep three of these (see `matcher::Conditions`): the terms
//! of rules' triggers, searched in every short draft; the terms of every other
//! condition (`near`, `except`, `context`...), searched only in a short draft
//! where some rule's trigger has a hit; and all of them, for a long draft,
//! which nearly always has one. Those other terms are mostly short, common
//! words ("in", "he", "the"): in the tweets of the benchmark corpus they gave
//! 99% of the term hits, and about 38 automaton matches a tweet to check for
//! word boundaries, while only one tweet in five had a trigger hit at all.

use std::sync::OnceLock;

use aho_corasick::dfa::DFA as TermDfa;
use aho_corasick::nfa::contiguous::NFA as TermNfa;
use aho_corasick::{MatchKind, StartKind};

use crate::Span;
use crate::document::Document;
use crate::matcher::{Hit, TermUse};
use crate::normalize::View;
use crate::overlapping::{self, NoRider, Notes, Rider};
use crate::term_table::TermTable;

/// Which of a term set's searches to use (see `matcher::Warmth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    /// The term table: nothing to build.
    Table,
    /// The automaton as a contiguous NFA.
    Nfa,
    /// The automaton as a full DFA.
    Dfa,
}

/// The states of one term set's automaton, noted where a walk of another
/// set reached them (see [`TermSet::hits_noting`]), to be turned into hits
/// only if they are wanted: by the DFAs, always; else none are noted.
#[derive(Debug, Default)]
pub(crate) struct NotedMatches(Notes);

impl NotedMatches {
    /// Empties it, keeping its room unless that is more than `most` states.
    pub fn clear(&mut self, most: usize) {
        self.0.clear(most);
    }
}

/// Collects the literals of a [`TermSet`], each once, with who uses it.
#[derive(Default)]
pub(crate) struct TermSetBuilder {
    /// For each literal id given to [`TermSetBuilder::add`], its pattern
    /// index in this set plus one (zero: not in it).
    slots: Vec<usize>,
    /// Each pattern's literal id.
    ids: Vec<usize>,
    literals: Vec<String>,
    uses: Vec<(Vec<TermUse>, bool, bool)>,
}

impl TermSetBuilder {
    /// Notes that `term_use` is found by `surface` (folded, lower case),
    /// whose id (the same for the same surface in every set) is `id`.
    pub fn add(&mut self, id: usize, surface: &str, term_use: TermUse) {
        if self.slots.len() <= id {
            self.slots.resize(id + 1, 0);
        }
        if self.slots[id] == 0 {
            self.slots[id] = self.literals.len() + 1;
            self.ids.push(id);
            self.literals.push(surface.to_owned());
            let starts = surface.chars().next().is_some_and(char::is_alphanumeric);
            let ends = surface.chars().next_back().is_some_and(char::is_alphanumeric);
            self.uses.push((Vec::new(), starts, ends));
        }
        self.uses[self.slots[id] - 1].0.push(term_use);
    }

    /// The set; its table, NFA and DFA are built when first needed.
    pub fn build(self) -> TermSet {
        // The automaton matches case-sensitively against a lower-case view.
        debug_assert!(self.literals.iter().all(|p| !p.bytes().any(|b| b.is_ascii_uppercase())));
        TermSet {
            table: OnceLock::new(),
            nfa: OnceLock::new(),
            dfa: OnceLock::new(),
            ids: self.ids,
            literals: self.literals,
            uses: self.uses,
        }
    }
}

/// Literals found in one pass: by a table look-up a position, or by an
/// Aho-Corasick automaton, built when first asked for.
pub(crate) struct TermSet {
    /// The automaton's patterns, folded, in pattern order, and their ids.
    literals: Vec<String>,
    ids: Vec<usize>,
    /// For each pattern: who uses it, and whether its first and last
    /// characters are word characters (and so need a word boundary).
    uses: Vec<(Vec<TermUse>, bool, bool)>,
    /// The same patterns, for a search that builds (nearly) nothing.
    table: OnceLock<TermTable>,
    /// The automaton as a contiguous NFA; `None` if it could not be built,
    /// when the table stands in.
    nfa: OnceLock<Option<TermNfa>>,
    /// The same automaton as a full DFA.
    dfa: OnceLock<Option<TermDfa>>,
}

impl TermSet {
    /// The literals of both sets, with all their uses.
    pub fn union(a: &TermSet, b: &TermSet) -> TermSet {
        let mut builder = TermSetBuilder::default();
        for set in [a, b] {
            for ((&id, literal), (uses, _, _)) in set.ids.iter().zip(&set.literals).zip(&set.uses) {
                for &term_use in uses {
                    builder.add(id, literal, term_use);
                }
            }
        }
        builder.build()
    }

    /// The literals, in pattern order.
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// Builds the table if it is not yet.
    pub fn build_table(&self) {
        self.table();
    }

    /// Builds the contiguous NFA if it is not yet.
    pub fn build_nfa(&self) {
        self.nfa();
    }

    /// Whether the contiguous NFA is built (or could not be).
    pub fn has_nfa(&self) -> bool {
        self.nfa.get().is_some()
    }

    /// Every hit in the draft `doc`, whose view is `view` and the view in
    /// lower case `lower`, on word boundaries where its term needs them, in
    /// no particular order. An automaton's walk takes `rider` along (see
    /// [`Rider`]).
    pub fn hits(
        &self,
        doc: &Document<'_>,
        view: &View<'_>,
        lower: &[u8],
        search: Search,
        hits: &mut Vec<Hit>,
        rider: &mut impl Rider,
    ) {
        let found = |pattern: usize, start: usize, end: usize| {
            self.found(doc, view, pattern, Span::new(start, end), hits);
        };
        // The table and the automata hold the same patterns in the same
        // order and find the same matches.
        if self.literals.is_empty() {
        } else if search == Search::Table {
            self.table().for_each_match(&self.literals, lower, found);
        } else if let Some(dfa) = (search == Search::Dfa).then(|| self.dfa()).flatten() {
            overlapping::each_match(dfa, lower, rider, found);
        } else if let Some(nfa) = self.nfa() {
            overlapping::each_match(nfa, lower, rider, found);
        } else {
            self.table().for_each_match(&self.literals, lower, found);
        }
    }

    /// [`TermSet::hits`], with `other`'s DFA walked in the same loop (see
    /// [`overlapping::each_match_noting`]) where the search is by DFAs: its
    /// states go into `noted`, for [`TermSet::noted_hits`]. Else walks
    /// only this set.
    #[allow(clippy::too_many_arguments)]
    pub fn hits_noting(
        &self,
        other: &TermSet,
        doc: &Document<'_>,
        view: &View<'_>,
        lower: &[u8],
        search: Search,
        hits: &mut Vec<Hit>,
        noted: &mut NotedMatches,
        rider: &mut impl Rider,
    ) {
        let found = |pattern: usize, start: usize, end: usize| {
            self.found(doc, view, pattern, Span::new(start, end), hits);
        };
        // Only DFAs: a step of the contiguous NFA costs several times more
        // instructions, and where it is used (a linter's first 4 MB) one
        // draft in five needs the other set (5,000 tweets as files: 5.6% more
        // instructions walking both sets side by side).
        let both_have_literals = !self.literals.is_empty() && !other.literals.is_empty();
        if both_have_literals
            && search == Search::Dfa
            && let (Some(first), Some(second)) = (self.dfa(), other.dfa())
        {
            overlapping::each_match_noting(first, second, lower, &mut noted.0, rider, found);
            return;
        }
        self.hits(doc, view, lower, search, hits, rider);
    }

    /// The hits of the match states noted by [`TermSet::hits_noting`] (as
    /// `other`) if it noted any, else [`TermSet::hits`].
    pub fn noted_hits(
        &self,
        doc: &Document<'_>,
        view: &View<'_>,
        lower: &[u8],
        search: Search,
        noted: &NotedMatches,
        hits: &mut Vec<Hit>,
    ) {
        let found = |pattern: usize, start: usize, end: usize| {
            self.found(doc, view, pattern, Span::new(start, end), hits);
        };
        // Asked only if the walk noted states: asking builds the DFA.
        match noted.0.is_noted().then(|| self.dfa()).flatten() {
            Some(dfa) => overlapping::each_noted_match(dfa, &noted.0, found),
            None => self.hits(doc, view, lower, search, hits, &mut NoRider),
        }
    }

    /// Notes the hits of automaton pattern `pattern` found at `span` of the
    /// view, if it is on word boundaries where it needs them.
    #[inline(always)]
    fn found(&self, doc: &Document<'_>, view: &View<'_>, pattern: usize, span: Span, hits: &mut Vec<Hit>) {
        let (uses, starts_word, ends_word) = &self.uses[pattern];
        let span = view.to_original(span);
        if (*starts_word && !doc.is_boundary(span.start)) || (*ends_word && !doc.is_boundary(span.end)) {
            return;
        }
        hits.extend(uses.iter().map(|u| Hit {
            cond: u.cond,
            term: u.term,
            span,
        }));
    }

    fn table(&self) -> &TermTable {
        self.table.get_or_init(|| TermTable::new(&self.literals))
    }

    fn nfa(&self) -> Option<&TermNfa> {
        self.nfa
            .get_or_init(|| {
                TermNfa::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&self.literals)
                    .ok()
            })
            .as_ref()
    }

    fn dfa(&self) -> Option<&TermDfa> {
        self.dfa
            .get_or_init(|| {
                TermDfa::builder()
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Unanchored)
                    .prefilter(false)
                    .build(&self.literals)
                    .ok()
            })
            .as_ref()
    }
}
