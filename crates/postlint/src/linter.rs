//! The linter: compiles a rule set once, then checks drafts.

use crate::Span;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix, apply_fixes, fixes_to_apply};
use crate::document::{Document, Locator};
use crate::error::{FileError, FileErrors, closest};
use crate::matcher::{CondId, Conditions, ConditionsBuilder, Hit, Warmth};
use crate::normalize::View;
use crate::rules::{Effect, Rule, RuleSet, Severity, Side};
use crate::shadow::Haystack;
use crate::term_set::NotedMatches;
use crate::triggers::Windows;

/// A rule set compiled for checking drafts.
///
/// Build it once with [`Linter::new`]; [`Linter::lint`] takes `&self`, never
/// fails, and may be called from many threads at once.
pub struct Linter {
    rules: RuleSet,
    compiled: Vec<CompiledRule>,
    conditions: Conditions,
    allow: Option<CondId>,
}

struct CompiledRule {
    index: usize,
    severity_override: Option<Severity>,
    trigger: CondId,
    except: Option<CondId>,
    near: Vec<(CondId, usize, Side)>,
    near_at_least: usize,
    context: Vec<(CondId, usize, Side, Effect)>,
    unless: Vec<(CondId, Option<usize>)>,
    requires: Vec<(CondId, Option<usize>)>,
}

/// A finding before its message and position are worked out.
struct Finding {
    rule: usize,
    span: Span,
    severity: Severity,
    cond: CondId,
    term: u32,
}

/// A draft with its fixes applied, and the findings whose fixes were used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The draft with fixes applied.
    pub text: String,
    /// The findings whose fixes were applied (where fixes overlapped, only the
    /// one used), in the original draft's coordinates.
    pub applied: Vec<Diagnostic>,
}

impl Linter {
    /// Compiles `rules` under `config`. Fails when the configuration names a
    /// rule that is not loaded.
    pub fn new(rules: RuleSet, config: Config) -> Result<Linter, FileErrors> {
        let mut errors: Vec<FileError> = Vec::new();
        for selector in config.selectors() {
            if !rules.rules().iter().any(|r| selector.matches(r.id.as_str())) {
                let suggestion = closest(selector.as_str(), rules.rules().iter().map(|r| r.id.as_str()))
                    .or_else(|| closest(selector.as_str(), rules.packs().iter().map(|p| p.id.as_str())));
                errors.push(selector.unknown_error("configuration", suggestion));
            }
        }
        if !errors.is_empty() {
            return Err(FileErrors(errors));
        }

        let mut builder = ConditionsBuilder::default();
        let mut compiled = Vec::new();
        for (index, rule) in rules.rules().iter().enumerate() {
            if config.enables(rule.id.as_str()) {
                compiled.push(compile_rule(
                    &mut builder,
                    index,
                    rule,
                    config.severity_for(rule.id.as_str()),
                ));
            }
        }
        let allow = (!config.allow.is_empty()).then(|| {
            let terms = config
                .allow
                .iter()
                .map(|a| crate::rules::Term {
                    surface: crate::normalize::fold_term(a),
                    term: a.as_str().into(),
                    fix: None,
                })
                .collect();
            builder.add(&crate::rules::Matcher::Terms { terms, disguise: false }, false)
        });
        let conditions = builder.build();
        Ok(Linter {
            rules,
            compiled,
            conditions,
            allow,
        })
    }

    /// The rule set this linter was built from (all packs, enabled or not).
    pub fn rule_set(&self) -> &RuleSet {
        &self.rules
    }

    /// The rules that run under the configuration.
    pub fn enabled_rules(&self) -> impl Iterator<Item = &Rule> {
        self.compiled.iter().map(|c| &self.rules.rules()[c.index])
    }

    /// Every literal the linter searches for in one pass (terms of all
    /// enabled rules' conditions, folded to lower case, without disguised
    /// forms). A single Aho-Corasick scan for these is the floor that a full
    /// lint can be compared with.
    pub fn literals(&self) -> impl Iterator<Item = &str> {
        self.conditions.literals().iter().map(String::as_str)
    }

    /// Checks a draft. Findings are sorted by position, then rule id;
    /// overlapping findings of one rule are merged into one.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text);
        let view = View::new(text);
        let lower = view.lower_case();
        let mut buffers = Buffers::take();
        let mut hits = std::mem::take(&mut buffers.found);
        let warmth = self.conditions.count_draft(text.len());
        self.conditions.prepare(warmth);
        let mut noted = std::mem::take(&mut buffers.noted);
        let haystack = Haystack::new(text);
        let mut windows = Windows::default();
        // The term walk takes the trigger sets' walks along (see `SetWalks`).
        let mut all_terms_found = false;
        let matching_triggers = self
            .conditions
            .matching_triggers(&haystack, warmth, &mut windows, |set_walks| {
                all_terms_found =
                    self.conditions
                        .term_hits(&doc, &view, lower.as_bytes(), warmth, &mut hits, &mut noted, set_walks);
            });
        if hits.is_empty() && matching_triggers.is_empty() {
            buffers.found = hits;
            buffers.noted = noted;
            buffers.give_back();
            return Vec::new();
        }
        // Which conditions may have a hit, a bit each: the trigger of most
        // rules has none, and a bit is cheaper to test than hits to search.
        let mut may_hit = std::mem::take(&mut buffers.may_hit);
        may_hit.resize(self.conditions.len().div_ceil(64), 0);
        for cond in hits.iter().map(|h| h.cond).chain(matching_triggers.iter().copied()) {
            may_hit[cond as usize / 64] |= 1 << (cond % 64);
        }
        let mut scratch = Scratch::new(hits, windows, &mut buffers);
        scratch.found_secondary = all_terms_found;
        let draft = Draft {
            doc: &doc,
            view: &view,
            lower: lower.as_bytes(),
            haystack: &haystack,
            warmth,
            noted: &noted,
        };
        let mut findings = Vec::new();
        for rule in &self.compiled {
            let cond = rule.trigger;
            if may_hit[cond as usize / 64] & (1 << (cond % 64)) != 0 {
                self.check_rule(rule, &draft, &mut scratch, &mut findings);
            }
        }
        buffers.may_hit = may_hit;
        buffers.noted = noted;
        scratch.give_back(buffers);
        self.diagnostics(text, findings)
    }

    fn check_rule(&self, rule: &CompiledRule, draft: &Draft<'_>, scratch: &mut Scratch, out: &mut Vec<Finding>) {
        let doc = draft.doc;
        // Conditions every anchor needs; `near` and `context` patterns are
        // worked out only when an anchor gets that far.
        let post_conditions = rule.unless.iter().chain(&rule.requires).map(|(cond, _)| *cond);
        for cond in [rule.trigger]
            .into_iter()
            .chain(rule.except)
            .chain(self.allow)
            .chain(post_conditions)
        {
            scratch.ensure(&self.conditions, cond, draft);
        }
        let post_holds = |scratch: &Scratch, (cond, first_words): &(CondId, Option<usize>)| {
            scratch
                .get(*cond)
                .iter()
                .any(|h| first_words.is_none_or(|n| doc.word_range(h.span).0 < n))
        };
        if !rule.requires.iter().all(|c| post_holds(scratch, c)) || rule.unless.iter().any(|c| post_holds(scratch, c)) {
            return;
        }
        let base = self.rules.rules()[rule.index].severity;
        // By index: working out a pattern re-sorts the hits, though never
        // the trigger's own among themselves.
        for i in 0..scratch.get(rule.trigger).len() {
            let anchor = scratch.get(rule.trigger)[i];
            let overlaps = |cond: Option<CondId>| {
                cond.is_some_and(|c| {
                    scratch
                        .around(c, anchor.span)
                        .iter()
                        .any(|h| h.span.overlaps(anchor.span))
                })
            };
            if overlaps(rule.except) || overlaps(self.allow) {
                continue;
            }
            // Cheapest first (see `compile_rule`), and no further than needed.
            let mut held = 0;
            let mut untried = rule.near.len();
            for &(cond, within, side) in &rule.near {
                if held >= rule.near_at_least || held + untried < rule.near_at_least {
                    break;
                }
                untried -= 1;
                scratch.ensure(&self.conditions, cond, draft);
                if holds_near(scratch, doc, anchor.span, cond, within, side) {
                    held += 1;
                }
            }
            if held < rule.near_at_least {
                continue;
            }
            let mut severity = None;
            let mut cleared = false;
            for &(cond, within, side, effect) in &rule.context {
                scratch.ensure(&self.conditions, cond, draft);
                if holds_near(scratch, doc, anchor.span, cond, within, side) {
                    match effect {
                        Effect::Clear => cleared = true,
                        Effect::SetSeverity(s) => severity = severity.max(Some(s)),
                    }
                }
            }
            if cleared {
                continue;
            }
            let severity = rule.severity_override.unwrap_or(severity.unwrap_or(base));
            out.push(Finding {
                rule: rule.index,
                span: anchor.span,
                severity,
                cond: anchor.cond,
                term: anchor.term,
            });
        }
    }

    fn diagnostics(&self, text: &str, mut findings: Vec<Finding>) -> Vec<Diagnostic> {
        if findings.is_empty() {
            return Vec::new();
        }
        // Merge overlapping findings of one rule.
        findings.sort_by_key(|f| (f.rule, f.span.start, std::cmp::Reverse(f.span.end)));
        let mut merged: Vec<Finding> = Vec::with_capacity(findings.len());
        for finding in findings {
            match merged.last_mut() {
                Some(last) if last.rule == finding.rule && last.span.overlaps(finding.span) => {
                    last.span = last.span.cover(finding.span);
                    last.severity = last.severity.max(finding.severity);
                }
                _ => merged.push(finding),
            }
        }
        let locator = Locator::new(text, merged.iter().flat_map(|f| [f.span.start, f.span.end]).collect());
        let mut diagnostics: Vec<Diagnostic> = merged.iter().map(|f| self.diagnostic(text, f, &locator)).collect();
        diagnostics.sort_by(|a, b| (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end)));
        diagnostics
    }

    fn diagnostic(&self, text: &str, finding: &Finding, locator: &Locator) -> Diagnostic {
        let rule = &self.rules.rules()[finding.rule];
        let matched = &text[finding.span.start..finding.span.end];
        let term = self.conditions.terms(finding.cond).get(finding.term as usize);
        let term_text = term.map_or(matched, |t| &t.term);
        let message = fill_message(&rule.message, matched, term_text);
        let fix = term
            .and_then(|t| t.fix.as_deref())
            .or(rule.fix.as_deref())
            .map(|r| Fix {
                replacement: r.to_owned(),
            });
        let (utf16_start, line, column) = locator.locate(finding.span.start);
        let (utf16_end, _, _) = locator.locate(finding.span.end);
        Diagnostic {
            rule: rule.id.clone(),
            category: rule.pack.clone(),
            severity: finding.severity,
            message,
            span: finding.span,
            utf16: Span::new(utf16_start, utf16_end),
            line,
            column,
            text: matched.to_owned(),
            fix,
            sources: rule.sources.iter().map(|s| s.id.clone()).collect(),
        }
    }

    /// Checks a draft and applies every fix offered.
    pub fn fix(&self, text: &str) -> Fixed {
        let findings = self.lint(text);
        let applied: Vec<Diagnostic> = fixes_to_apply(text, &findings).into_iter().cloned().collect();
        Fixed {
            text: apply_fixes(text, &applied),
            applied,
        }
    }
}

/// A rule's message with `{match}` and `{term}` filled in, in one pass: the
/// draft's own text is never read as a placeholder (a match that reads
/// `{term}` stays as it is), and a message without placeholders is copied.
fn fill_message(template: &str, matched: &str, term: &str) -> String {
    let mut out = String::with_capacity(template.len() + matched.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{match}") {
            out.push_str(matched);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{term}") {
            out.push_str(term);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn within_words(doc: &Document<'_>, anchor: Span, other: Span, within: usize, side: Side) -> bool {
    let (distance, before) = doc.distance(anchor, other);
    let side_ok = match side {
        Side::Either => true,
        Side::Before => before,
        Side::After => !before,
    };
    side_ok && distance <= within
}

/// Whether a hit of `cond` other than the anchor lies within `within` words
/// of it, on `side`.
fn holds_near(scratch: &Scratch, doc: &Document<'_>, anchor: Span, cond: CondId, within: usize, side: Side) -> bool {
    // Most such conditions have no hit in a draft at all, and then no word
    // needs to be found (words are found for the whole draft at once).
    if scratch.get(cond).iter().all(|h| h.span == anchor) {
        return false;
    }
    let window = doc.word_window(anchor, within);
    scratch
        .around(cond, window)
        .iter()
        .any(|h| h.span != anchor && within_words(doc, anchor, h.span, within, side))
}

fn compile_rule(
    builder: &mut ConditionsBuilder,
    index: usize,
    rule: &Rule,
    severity_override: Option<crate::Severity>,
) -> CompiledRule {
    CompiledRule {
        index,
        severity_override,
        trigger: builder.add(&rule.trigger, true),
        except: rule.except.as_ref().map(|m| builder.add(m, false)),
        near: {
            // Only how many hold matters, so the cheap ones go first: a
            // finding that cannot reach `near-at-least` skips the rest.
            let mut near: Vec<_> = rule
                .near
                .iter()
                .map(|n| (builder.add(&n.matcher, false), n.within, n.side))
                .collect();
            near.sort_by_key(|(cond, _, _)| builder.cost(*cond));
            near
        },
        near_at_least: rule.near_at_least,
        context: rule
            .context
            .iter()
            .map(|c| (builder.add(&c.matcher, false), c.within, c.side, c.effect))
            .collect(),
        unless: rule
            .unless
            .iter()
            .map(|u| (builder.add(&u.matcher, false), u.first_words))
            .collect(),
        requires: rule
            .requires
            .iter()
            .map(|u| (builder.add(&u.matcher, false), u.first_words))
            .collect(),
    }
}

/// A draft, and what conditions are searched in.
struct Draft<'d> {
    doc: &'d Document<'d>,
    /// The view terms are found in, and the view in lower case.
    view: &'d View<'d>,
    lower: &'d [u8],
    haystack: &'d Haystack<'d>,
    warmth: Warmth,
    /// The secondary terms' match states, noted in the triggers' terms' walk.
    noted: &'d NotedMatches,
}

/// Per-draft working state: the hits of each condition a draft's rules look
/// at, sorted by position, worked out on first use ([`Scratch::ensure`]).
///
/// A common word used by several conditions gives a hit for each, and most
/// conditions are never looked at (their rule's trigger has no hit): sorting
/// all of a tweet's term hits at once cost more than grouping the few that
/// are needed (the 280-character latency post: 51 hits, 5,400 instructions
/// of sorting).
struct Scratch {
    /// The term hits as found, in no particular order.
    found: Vec<Hit>,
    /// The hits of the conditions worked out so far, one run each.
    hits: Vec<Hit>,
    /// Each worked-out condition and its run of `hits`.
    runs: Vec<(CondId, usize, usize)>,
    /// The longest hit of any condition, so a window search can start early enough.
    longest: usize,
    /// Where patterns may match, in a long draft.
    windows: Windows,
    /// Once `found` is grouped by condition (see [`GROUP_ALL_ABOVE`]): where
    /// each condition's group starts, and where the last ends.
    group_starts: Vec<usize>,
    /// Whether `found` holds the secondary terms' hits too.
    found_secondary: bool,
}

/// A draft's working vectors, kept by each thread between drafts so that a
/// short draft allocates none of them (a warm tweet made 6.6 allocations).
/// Only small ones are kept: a long draft's are dropped after it.
#[derive(Default)]
struct Buffers {
    found: Vec<Hit>,
    hits: Vec<Hit>,
    runs: Vec<(CondId, usize, usize)>,
    may_hit: Vec<u64>,
    noted: NotedMatches,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::default();
}

/// The most elements a kept vector may have room for.
const KEPT_CAPACITY: usize = 1024;

impl Buffers {
    /// This thread's buffers (empty ones the first time), with room for a
    /// tweet's hits: one allocation instead of several doublings.
    fn take() -> Buffers {
        let mut buffers = BUFFERS.try_with(|b| b.take()).unwrap_or_default();
        buffers.found.reserve(64);
        buffers
    }

    /// Keeps the buffers, emptied, for the thread's next draft.
    fn give_back(mut self) {
        fn emptied<T>(vector: &mut Vec<T>) {
            vector.clear();
            if vector.capacity() > KEPT_CAPACITY {
                *vector = Vec::new();
            }
        }
        emptied(&mut self.found);
        emptied(&mut self.hits);
        emptied(&mut self.runs);
        emptied(&mut self.may_hit);
        self.noted.clear(KEPT_CAPACITY);
        // During the thread's exit there is nowhere to keep them.
        let _ = BUFFERS.try_with(|b| b.replace(self));
    }
}

/// With more term hits than this (a long draft), they are grouped by
/// condition once rather than searched through for each condition looked at:
/// the 10 MB archive spent 16% of its time in those searches.
const GROUP_ALL_ABOVE: usize = 1024;

impl Scratch {
    /// Scratch for the hits `found`, with the vectors of `buffers`.
    fn new(found: Vec<Hit>, windows: Windows, buffers: &mut Buffers) -> Scratch {
        let longest = found.iter().map(|h| h.span.len()).max().unwrap_or(0);
        Scratch {
            found,
            hits: std::mem::take(&mut buffers.hits),
            runs: std::mem::take(&mut buffers.runs),
            longest,
            windows,
            group_starts: Vec::new(),
            found_secondary: false,
        }
    }

    /// Hands its vectors back to `buffers`, for the thread's next draft.
    fn give_back(self, mut buffers: Buffers) {
        (buffers.found, buffers.hits, buffers.runs) = (self.found, self.hits, self.runs);
        buffers.give_back();
    }

    /// Groups `found` by condition (a counting sort: linear in the hits).
    fn group_by_condition(&mut self, conditions: usize) {
        let mut starts = vec![0; conditions + 1];
        for hit in &self.found {
            starts[hit.cond as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut grouped = self.found.clone();
        for hit in &self.found {
            grouped[next[hit.cond as usize]] = *hit;
            next[hit.cond as usize] += 1;
        }
        self.found = grouped;
        self.group_starts = starts;
    }

    /// Works out the hits of `cond` if they are not yet: a term condition's
    /// from the hits found (the first secondary one finds the secondary
    /// terms), a pattern's by running it.
    fn ensure(&mut self, conditions: &Conditions, cond: CondId, draft: &Draft<'_>) {
        if self.runs.iter().any(|&(worked_out, _, _)| worked_out == cond) {
            return;
        }
        let start = self.hits.len();
        if conditions.is_pattern(cond) {
            conditions.pattern_hits(cond, draft.haystack, self.windows.of(cond), &mut self.hits);
            // A pattern's matches come left to right.
            debug_assert!(self.hits[start..].is_sorted_by_key(|h| (h.span.start, h.span.end)));
            self.longest = self
                .longest
                .max(self.hits[start..].iter().map(|h| h.span.len()).max().unwrap_or(0));
        } else {
            if !self.found_secondary && conditions.is_secondary(cond) {
                self.found_secondary = true;
                let before = self.found.len();
                conditions.secondary_term_hits(
                    draft.doc,
                    draft.view,
                    draft.lower,
                    draft.warmth,
                    draft.noted,
                    &mut self.found,
                );
                self.longest = self
                    .longest
                    .max(self.found[before..].iter().map(|h| h.span.len()).max().unwrap_or(0));
                // Grouped again, with these, when next needed.
                self.group_starts.clear();
            }
            if self.found.len() <= GROUP_ALL_ABOVE {
                self.hits.extend(self.found.iter().filter(|h| h.cond == cond));
            } else {
                if self.group_starts.is_empty() {
                    self.group_by_condition(conditions.len());
                }
                let group = self.group_starts[cond as usize]..self.group_starts[cond as usize + 1];
                self.hits.extend_from_slice(&self.found[group]);
            }
            // By term too, so that the order never depends on the order found in.
            self.hits[start..].sort_unstable_by_key(|h| (h.span.start, h.span.end, h.term));
            let mut kept = start;
            for i in start..self.hits.len() {
                if kept == start || self.hits[i] != self.hits[kept - 1] {
                    self.hits[kept] = self.hits[i];
                    kept += 1;
                }
            }
            self.hits.truncate(kept);
        }
        self.runs.push((cond, start, self.hits.len()));
    }

    /// The hits of `cond`, which [`Scratch::ensure`] has worked out.
    fn get(&self, cond: CondId) -> &[Hit] {
        let run = self.runs.iter().find(|&&(worked_out, _, _)| worked_out == cond);
        debug_assert!(run.is_some(), "condition {cond} looked at before it was worked out");
        run.map_or(&[], |&(_, start, end)| &self.hits[start..end])
    }

    /// The hits of `cond` that may overlap `window` (a superset, found by binary
    /// search), so checking a finding's surroundings never scans the whole draft.
    fn around(&self, cond: CondId, window: Span) -> &[Hit] {
        let hits = self.get(cond);
        let from = window.start.saturating_sub(self.longest);
        let start = hits.partition_point(|h| h.span.start < from);
        let end = hits.partition_point(|h| h.span.start < window.end);
        &hits[start..end.max(start)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectors a thread keeps between drafts carry nothing from one
    /// draft to the next: a clean draft after a flagged one stays clean, and
    /// a draft checked again gives the same findings.
    #[test]
    fn nothing_carries_over_from_one_draft_to_the_next() {
        let linter = Linter::new(RuleSet::builtin(), Config::default()).expect("the built-in packs compile");
        let flagged = "Mrs Jones in bed 4 was fucking brilliant, NHS no 401 023 2137";
        let clean = "A lovely day on the ward with the team.";
        let first = linter.lint(flagged);
        assert!(first.len() >= 3, "{first:?}");
        for _ in 0..3 {
            assert_eq!(linter.lint(clean), Vec::new());
            assert_eq!(linter.lint(flagged), first);
        }
        // Once warm, the secondary terms' states are recorded in the
        // triggers' terms' walk (and kept between drafts too).
        assert!(
            linter
                .lint(&"a long clean draft ".repeat(crate::BYTES_BEFORE_DFA / 19 + 1))
                .is_empty()
        );
        for _ in 0..3 {
            assert_eq!(linter.lint(clean), Vec::new());
            assert_eq!(linter.lint(flagged), first);
        }
        let long_flagged = format!("{}\n\n{flagged}", clean.repeat(300));
        let long_first = linter.lint(&long_flagged);
        assert!(long_first.len() >= 3);
        assert_eq!(linter.lint(clean), Vec::new());
        assert_eq!(linter.lint(&long_flagged), long_first);
    }

    #[test]
    fn messages_fill_their_placeholders_once() {
        assert_eq!(fill_message("'{match}' is {term}.", "F*CK", "fuck"), "'F*CK' is fuck.");
        assert_eq!(fill_message("{term}{term} {x} {", "m", "t"), "tt {x} {");
        assert_eq!(fill_message("no placeholders", "m", "t"), "no placeholders");
        assert_eq!(
            fill_message("'{match}' ({term})", "{term}", "t"),
            "'{term}' (t)",
            "the draft's text is not a placeholder"
        );
    }

    proptest::proptest! {
        /// Grouping the hits by condition keeps each condition's hits, in the
        /// order found: what filtering them out one condition at a time gives.
        #[test]
        fn grouping_hits_by_condition_keeps_each_conditions_hits_in_order(
            found in proptest::collection::vec((0u32..8, 0usize..50, 0usize..5, 0u32..3), 0..300)
        ) {
            let found: Vec<Hit> = found
                .into_iter()
                .map(|(cond, start, len, term)| Hit { cond, term, span: Span::new(start, start + len) })
                .collect();
            let mut scratch = Scratch::new(found.clone(), Windows::default(), &mut Buffers::default());
            scratch.group_by_condition(8);
            for cond in 0..8u32 {
                let group = &scratch.found[scratch.group_starts[cond as usize]..scratch.group_starts[cond as usize + 1]];
                let filtered: Vec<Hit> = found.iter().copied().filter(|h| h.cond == cond).collect();
                proptest::prop_assert_eq!(group, &filtered[..]);
            }
        }
    }
}
