//! Compiled matchers: every term of every condition in one Aho-Corasick
//! automaton, disguise look-up tables, and a `RegexSet` prefilter for patterns.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::Span;
use crate::document::Document;
use crate::error::FileErrorKind;
use crate::normalize::{Candidate, View, candidates, skeleton};
use crate::rules::REGEX_SIZE_LIMIT;
use crate::rules::{Matcher, Term, Validator};

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
    Terms(Vec<Term>),
    Pattern { regex: Regex, validator: Option<Validator> },
}

/// Every condition of the enabled rules, compiled together.
pub(crate) struct Conditions {
    conditions: Vec<Condition>,
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern: who uses it, and whether its first and last
    /// characters are word characters (and so need a word boundary).
    uses: Vec<(Vec<TermUse>, bool, bool)>,
    disguised: HashMap<String, Vec<TermUse>>,
    masked: HashMap<usize, Vec<(Vec<char>, TermUse)>>,
    /// Patterns that trigger rules, tested together first.
    trigger_set: Option<RegexSet>,
    trigger_patterns: Vec<CondId>,
}

#[derive(Default)]
pub(crate) struct ConditionsBuilder {
    conditions: Vec<Condition>,
    surfaces: HashMap<String, usize>,
    uses: Vec<(Vec<TermUse>, bool, bool)>,
    patterns: Vec<String>,
    disguised: HashMap<String, Vec<TermUse>>,
    masked: HashMap<usize, Vec<(Vec<char>, TermUse)>>,
    trigger_sources: Vec<String>,
    trigger_patterns: Vec<CondId>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl ConditionsBuilder {
    /// Adds a condition; `trigger` conditions with patterns go into the prefilter set.
    pub fn add(&mut self, matcher: &Matcher, trigger: bool) -> CondId {
        let id = CondId::try_from(self.conditions.len()).unwrap_or(CondId::MAX);
        match matcher {
            Matcher::Terms { terms, disguise } => {
                for (index, term) in terms.iter().enumerate() {
                    let term_use = TermUse {
                        cond: id,
                        term: u32::try_from(index).unwrap_or(u32::MAX),
                    };
                    let next = self.uses.len();
                    let slot = *self.surfaces.entry(term.surface.clone()).or_insert(next);
                    if slot == next {
                        self.patterns.push(term.surface.clone());
                        let starts = term.surface.chars().next().is_some_and(is_word_char);
                        let ends = term.surface.chars().next_back().is_some_and(is_word_char);
                        self.uses.push((Vec::new(), starts, ends));
                    }
                    self.uses[slot].0.push(term_use);
                    if *disguise {
                        self.add_disguised(&term.surface, term_use);
                    }
                }
                self.conditions.push(Condition::Terms(terms.clone()));
            }
            Matcher::Pattern { regex, validator } => {
                if trigger {
                    self.trigger_sources.push(regex.as_str().to_owned());
                    self.trigger_patterns.push(id);
                }
                self.conditions.push(Condition::Pattern {
                    regex: regex.clone(),
                    validator: *validator,
                });
            }
        }
        id
    }

    fn add_disguised(&mut self, surface: &str, term_use: TermUse) {
        let letters: String = surface.chars().filter(|c| c.is_alphanumeric()).collect();
        self.disguised.entry(skeleton(&letters)).or_default().push(term_use);
        if !surface.contains(' ') {
            let chars: Vec<char> = surface.chars().collect();
            self.masked.entry(chars.len()).or_default().push((chars, term_use));
        }
    }

    pub fn build(self) -> Result<Conditions, FileErrorKind> {
        let automaton = if self.patterns.is_empty() {
            None
        } else {
            let built = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&self.patterns)
                .map_err(|e| FileErrorKind::TooLarge {
                    message: format!("term automaton: {e}"),
                })?;
            Some(built)
        };
        let trigger_set = if self.trigger_sources.is_empty() {
            None
        } else {
            let set = RegexSetBuilder::new(&self.trigger_sources)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT * 16)
                .dfa_size_limit(REGEX_SIZE_LIMIT * 16)
                .build()
                .map_err(|e| FileErrorKind::TooLarge {
                    message: format!("pattern set: {e}"),
                })?;
            Some(set)
        };
        Ok(Conditions {
            conditions: self.conditions,
            automaton,
            uses: self.uses,
            disguised: self.disguised,
            masked: self.masked,
            trigger_set,
            trigger_patterns: self.trigger_patterns,
        })
    }
}

impl Conditions {
    pub fn terms(&self, cond: CondId) -> &[Term] {
        match &self.conditions[cond as usize] {
            Condition::Terms(terms) => terms,
            Condition::Pattern { .. } => &[],
        }
    }

    pub fn is_pattern(&self, cond: CondId) -> bool {
        matches!(self.conditions[cond as usize], Condition::Pattern { .. })
    }

    /// Every term hit in the draft, on word boundaries, sorted by condition and position.
    pub fn term_hits(&self, doc: &Document<'_>, hits: &mut Vec<Hit>) {
        let Some(automaton) = &self.automaton else { return };
        let view = View::new(doc.text());
        for found in automaton.find_overlapping_iter(view.text()) {
            let (uses, starts_word, ends_word) = &self.uses[found.pattern().as_usize()];
            let span = view.to_original(Span::new(found.start(), found.end()));
            if (*starts_word && !doc.is_boundary(span.start)) || (*ends_word && !doc.is_boundary(span.end)) {
                continue;
            }
            hits.extend(uses.iter().map(|u| Hit {
                cond: u.cond,
                term: u.term,
                span,
            }));
        }
        if !self.disguised.is_empty() {
            self.disguised_hits(&view, hits);
        }
        hits.sort_unstable_by_key(|h| (h.cond, h.span.start, h.span.end));
        hits.dedup();
    }

    fn disguised_hits(&self, view: &View<'_>, hits: &mut Vec<Hit>) {
        for candidate in candidates(view.text()) {
            match candidate {
                Candidate::Decoded { span, skeleton } => {
                    if let Some(uses) = self.disguised.get(&skeleton) {
                        let span = view.to_original(span);
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

    /// The trigger patterns that match somewhere in the text.
    pub fn matching_triggers(&self, text: &str) -> Vec<CondId> {
        match &self.trigger_set {
            None => Vec::new(),
            Some(set) => set
                .matches(text)
                .into_iter()
                .map(|i| self.trigger_patterns[i])
                .collect(),
        }
    }

    /// Every match of a pattern condition that passes its validator.
    pub fn pattern_hits(&self, cond: CondId, text: &str, out: &mut Vec<Hit>) {
        let Condition::Pattern { regex, validator } = &self.conditions[cond as usize] else {
            return;
        };
        let named = regex.capture_names().any(|n| n == Some("match"));
        if named {
            for captures in regex.captures_iter(text) {
                let Some(m) = captures.name("match").or_else(|| captures.get(0)) else {
                    continue;
                };
                push_valid(cond, m.start(), m.end(), text, *validator, out);
            }
        } else {
            for m in regex.find_iter(text) {
                push_valid(cond, m.start(), m.end(), text, *validator, out);
            }
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
