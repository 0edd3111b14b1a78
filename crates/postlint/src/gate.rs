//! Keyword gates: the literals a pattern cannot match without.
//!
//! Secret scanners such as gitleaks run a rule's regex only on text that holds
//! one of the rule's keywords, found by one Aho-Corasick pass for all rules.
//! Here the keywords are worked out from each pattern itself, so a pack's
//! author never writes them and can never get them wrong.
//!
//! A gate is a conjunction of clauses, each a list of keywords of which one
//! must occur: `\bbed\s*\d{1,2}\b` needs `bed`, then a digit, so its gate is
//! `[bed] and [0 1 2 3 4 5 6 7 8 9]`. The keywords are lower case and found
//! without regard to ASCII case, so a gate is worked out from the pattern read
//! case-sensitively and holds for the case-insensitive pattern too. A pattern
//! without any usable literal has no gate and always runs.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, Hir, HirKind};

use crate::builtin_gates::BUILTIN_GATES;

/// At most this many keywords in one clause: past it, the clause says little
/// and costs Aho-Corasick hits on every draft.
const MOST_KEYWORDS_PER_CLAUSE: usize = 64;

/// The clauses of the gate of a pattern: every clause must have one of its
/// keywords in the draft for the pattern to match. Empty when nothing is
/// required (or the pattern does not parse: compiling it reports that).
///
/// `on_shadow`: the pattern is written in ASCII and runs on the draft's ASCII
/// shadow (`matcher::Haystack`), while the gate looks at the draft itself.
pub(crate) fn gate_clauses(source: &str, on_shadow: bool) -> Vec<Vec<String>> {
    let parsed = regex_syntax::ParserBuilder::new()
        .unicode(!on_shadow)
        .utf8(!on_shadow)
        .case_insensitive(false)
        .build()
        .parse(source);
    let mut clauses = Vec::new();
    if let Ok(hir) = parsed {
        collect_clauses(&hir, on_shadow, &mut clauses);
    }
    clauses.sort();
    clauses.dedup();
    clauses
}

/// Every part of a concatenation must match, so each gives its own clause.
/// An alternation gives one: each branch's most telling clause, together
/// (or, when a branch has none, the keywords that start the whole).
fn collect_clauses(hir: &Hir, on_shadow: bool, out: &mut Vec<Vec<String>>) {
    match hir.kind() {
        HirKind::Concat(parts) => parts.iter().for_each(|part| collect_clauses(part, on_shadow, out)),
        HirKind::Capture(capture) => collect_clauses(&capture.sub, on_shadow, out),
        HirKind::Repetition(repetition) if repetition.min > 0 => collect_clauses(&repetition.sub, on_shadow, out),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                let mut clauses = Vec::new();
                collect_clauses(branch, on_shadow, &mut clauses);
                match clauses.into_iter().min_by_key(|clause| cost(clause)) {
                    Some(best) => union.extend(best),
                    None => {
                        union.clear();
                        break;
                    }
                }
            }
            // The keywords that start the whole are worked out only when
            // some branch has none: extracting them from a long alternation
            // costs more than all the rest.
            let by_branch = Some(without_redundant_keywords(union))
                .filter(|clause| !clause.is_empty() && clause.len() <= MOST_KEYWORDS_PER_CLAUSE);
            out.extend(by_branch.or_else(|| prefix_clause(hir, on_shadow)));
        }
        _ => out.extend(prefix_clause(hir, on_shadow)),
    }
}

/// How often a clause may be expected to hold by chance, in made-up units:
/// short keywords occur everywhere, long ones seldom.
fn cost(clause: &[String]) -> usize {
    clause
        .iter()
        .map(|keyword| match keyword.len() {
            0 | 1 => 64,
            2 => 16,
            3 => 4,
            _ => 1,
        })
        .sum()
}

/// Sorted shortest first, without any keyword that starts with another
/// (where the longer occurs, so does the shorter).
fn without_redundant_keywords(mut keywords: Vec<String>) -> Vec<String> {
    keywords.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let mut kept: Vec<String> = Vec::with_capacity(keywords.len());
    for keyword in keywords {
        if !kept.iter().any(|k| keyword.starts_with(k.as_str())) {
            kept.push(keyword);
        }
    }
    kept
}

/// The keywords one of which starts every match of `hir`, if there are few
/// enough and none is empty.
fn prefix_clause(hir: &Hir, on_shadow: bool) -> Option<Vec<String>> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(10)
        .limit_total(MOST_KEYWORDS_PER_CLAUSE);
    let prefixes = extractor.extract(hir);
    let mut keywords = Vec::new();
    for literal in prefixes.literals()? {
        let variants = keyword_variants(literal.as_bytes(), on_shadow);
        if variants.iter().any(String::is_empty) {
            return None;
        }
        keywords.extend(variants);
    }
    let kept = without_redundant_keywords(keywords);
    (kept.len() <= MOST_KEYWORDS_PER_CLAUSE).then_some(kept)
}

/// At most this many spellings of one keyword, from the cases of its
/// non-ASCII letters (`lôn`, `lÔn`); past it, the keyword stops before.
const MOST_CASE_VARIANTS: usize = 8;

/// The longest start of a literal that an ASCII-case-insensitive search of
/// the draft finds wherever the pattern matches it, in lower case, spelt in
/// every case of its non-ASCII letters.
fn keyword_variants(bytes: &[u8], on_shadow: bool) -> Vec<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default(),
    };
    let mut variants = vec![String::new()];
    for c in text.chars() {
        if stands_for_itself(c, on_shadow) {
            variants.iter_mut().for_each(|v| v.push(c.to_ascii_lowercase()));
            continue;
        }
        let cases = if on_shadow { Vec::new() } else { cases_of(c) };
        if cases.is_empty() || variants.len() * cases.len() > MOST_CASE_VARIANTS {
            break;
        }
        variants = variants
            .iter()
            .flat_map(|v| {
                cases
                    .iter()
                    .map(move |&case| format!("{v}{}", case.to_ascii_lowercase()))
            })
            .collect();
    }
    variants
}

/// Every character a case-insensitive pattern matches for `c`, as the regex
/// crate folds case (Unicode simple case folding).
fn cases_of(c: char) -> Vec<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class.iter().flat_map(|range| range.start()..=range.end()).collect()
}

/// Whether a character of a keyword is found by an ASCII-case-insensitive
/// search of the draft wherever the pattern matches it.
///
/// On the shadow, `_`, whitespace and control bytes also stand for non-ASCII
/// characters of the draft. Elsewhere a non-ASCII letter with another case
/// needs its case variants spelt out. (Two non-ASCII characters fold to ASCII
/// letters, `ſ` and the Kelvin sign; [`Gates`] opens every gate for a draft
/// holding one.)
fn stands_for_itself(c: char, on_shadow: bool) -> bool {
    if on_shadow {
        c.is_ascii_graphic() && c != '_'
    } else {
        c.is_ascii() || (c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]))
    }
}

/// The clauses of a pattern's gate: looked up if it is a built-in pack's,
/// else worked out. Working them out for the built-in packs' trigger
/// patterns is most of what a process checking one short draft does
/// (callgrind: 21 M instructions, parsing the patterns included, against 4 M
/// for the rest of building a linter).
fn clauses_of(source: &str, on_shadow: bool) -> Vec<Vec<String>> {
    match BUILTIN_GATES.binary_search_by(|(shadow, known, _)| (*shadow, *known).cmp(&(on_shadow, source))) {
        Ok(found) => BUILTIN_GATES[found]
            .2
            .iter()
            .map(|clause| clause.iter().map(|&k| k.to_owned()).collect())
            .collect(),
        Err(_) => gate_clauses(source, on_shadow),
    }
}

/// Non-ASCII characters that Unicode case folding matches to ASCII letters.
const FOLD_TO_ASCII: [char; 2] = ['\u{17f}', '\u{212a}'];

/// The gates of a list of patterns, with one automaton for all their keywords.
pub(crate) struct Gates<Id> {
    automaton: Option<AhoCorasick>,
    keyword_count: usize,
    /// Each pattern's clauses, as keyword indexes; no clause: always runs.
    gated: Vec<(Id, Vec<Vec<u32>>)>,
}

impl<Id: Copy> Gates<Id> {
    /// Gates for `(id, source, on_shadow)` patterns. `None` when the keyword
    /// automaton cannot be built (past its size limits): run every pattern.
    pub fn new(patterns: impl IntoIterator<Item = (Id, String, bool)>) -> Option<Gates<Id>> {
        let mut keywords: Vec<String> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut gated = Vec::new();
        for (id, source, on_shadow) in patterns {
            let clauses = clauses_of(&source, on_shadow)
                .into_iter()
                .map(|clause| {
                    clause
                        .into_iter()
                        .map(|keyword| {
                            *index.entry(keyword.clone()).or_insert_with(|| {
                                keywords.push(keyword);
                                u32::try_from(keywords.len() - 1).unwrap_or(u32::MAX)
                            })
                        })
                        .collect()
                })
                .collect();
            gated.push((id, clauses));
        }
        let automaton = if keywords.is_empty() {
            None
        } else {
            Some(
                // Built for one draft (see `Triggers`): a DFA would cost more to build than to use.
                AhoCorasickBuilder::new()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .build(&keywords)
                    .ok()?,
            )
        };
        Some(Gates {
            automaton,
            keyword_count: keywords.len(),
            gated,
        })
    }

    /// Every pattern whose gate `text` opens, in the order given.
    pub fn open(&self, text: &str, out: &mut Vec<Id>) {
        let mut present = vec![false; self.keyword_count];
        let folds_to_ascii = !text.is_ascii() && text.contains(FOLD_TO_ASCII);
        if let Some(automaton) = &self.automaton {
            for found in automaton.find_overlapping_iter(text) {
                present[found.pattern().as_usize()] = true;
            }
        }
        out.extend(
            self.gated
                .iter()
                .filter(|(_, clauses)| {
                    folds_to_ascii || clauses.iter().all(|clause| clause.iter().any(|&k| present[k as usize]))
                })
                .map(|(id, _)| *id),
        );
    }

    /// How many patterns have a gate, and how many keywords there are.
    #[cfg(test)]
    fn describe(&self) -> (usize, usize) {
        (
            self.gated.iter().filter(|(_, c)| !c.is_empty()).count(),
            self.keyword_count,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(source: &str, on_shadow: bool) -> Vec<Vec<String>> {
        gate_clauses(source, on_shadow)
    }

    #[test]
    fn every_part_of_a_sequence_is_a_clause() {
        let digits: Vec<String> = (0..10).map(|d| d.to_string()).collect();
        assert_eq!(
            clauses(r"\bbed\s*\d{1,2}\b", true),
            vec![digits.clone(), vec!["bed".to_owned()]]
        );
        // Unicode `\d` is too large a class to list.
        assert_eq!(clauses(r"\bbed\s*\d{1,2}\b", false), vec![vec!["bed".to_owned()]]);
    }

    #[test]
    fn alternatives_share_a_clause_and_longer_keywords_give_way_to_their_starts() {
        assert_eq!(
            clauses(r"\b(?:use|used|Promo|enter)\s+code", true),
            vec![
                vec!["code".to_owned()],
                vec!["use".to_owned(), "enter".to_owned(), "promo".to_owned()]
            ]
        );
    }

    #[test]
    fn no_clause_when_a_match_may_start_anywhere() {
        assert!(clauses(r"\w+", true).is_empty());
        assert!(clauses(r"(?:^|[^\w/])\p{Lu}\p{Ll}+", false).is_empty());
        assert!(clauses(r"a?b?", true).is_empty());
        assert!(clauses(r"(unclosed", true).is_empty());
    }

    #[test]
    fn keywords_stop_where_the_shadow_or_case_folding_could_differ() {
        // On the shadow a space also stands for a no-break space.
        assert_eq!(clauses("care home", true), vec![vec!["care".to_owned()]]);
        assert_eq!(clauses("care home", false), vec![vec!["care home".to_owned()]]);
        // `Ô` has a lower case: a case-insensitive match may be `ô`.
        assert_eq!(clauses("LÔN", false), vec![vec!["lÔn".to_owned(), "lôn".to_owned()]]);
        assert_eq!(
            clauses(r"\d\s?µg", false),
            vec![vec!["µg".to_owned(), "Μg".to_owned(), "μg".to_owned()]]
        );
        // On the shadow, `ô` would be `_`.
        assert_eq!(clauses(r"\bcaf\w\b", true), vec![vec!["caf".to_owned()]]);
        assert_eq!(clauses("£5", false), vec![vec!["£5".to_owned()]]);
    }

    #[test]
    fn only_two_non_ascii_characters_fold_to_ascii_letters() {
        let ascii_letter = regex::Regex::new(r"(?i)^[a-z]$").expect("valid");
        let folding: Vec<char> = (0x80..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| ascii_letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, FOLD_TO_ASCII);
    }

    /// `builtin_gates.rs` as it should be: the gate of every built-in trigger pattern.
    fn builtin_gates_source() -> String {
        let mut gates: Vec<(bool, String, Vec<Vec<String>>)> = crate::RuleSet::builtin()
            .rules()
            .iter()
            .filter_map(|rule| match &rule.trigger {
                crate::rules::Matcher::Pattern { regex, .. } => {
                    let (source, on_shadow) = regex.as_trigger();
                    let clauses = gate_clauses(&source, on_shadow);
                    Some((on_shadow, source, clauses))
                }
                crate::rules::Matcher::Terms { .. } => None,
            })
            .collect();
        gates.sort();
        gates.dedup();
        let mut out = String::from(
            "//! The keyword gates of the built-in packs' trigger patterns, worked out\n\
             //! ahead (see `gate::clauses_of`). Written by a test: run\n\
             //! `POSTLINT_WRITE_GATES=1 cargo test -p postlint --lib builtin_gates` after\n\
             //! changing a built-in pattern or how gates are worked out.\n\n\
             /// `(on_shadow, source, clauses)`, sorted by `on_shadow` and `source`.\n\
             #[rustfmt::skip]\n\
             pub(crate) static BUILTIN_GATES: &[(bool, &str, &[&[&str]])] = &[\n",
        );
        for (on_shadow, source, clauses) in gates {
            let clauses: Vec<String> = clauses
                .iter()
                .map(|clause| {
                    format!(
                        "&[{}]",
                        clause.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>().join(", ")
                    )
                })
                .collect();
            out.push_str(&format!("    ({on_shadow}, {source:?}, &[{}]),\n", clauses.join(", ")));
        }
        out.push_str("];\n");
        out
    }

    #[test]
    #[allow(clippy::disallowed_methods, reason = "the test rewrites the table when asked to")]
    fn builtin_gates_are_up_to_date() {
        let expected = builtin_gates_source();
        if expected == include_str!("builtin_gates.rs") {
            return;
        }
        if std::env::var_os("POSTLINT_WRITE_GATES").is_some() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/builtin_gates.rs");
            std::fs::write(&path, expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else {
            panic!(
                "src/builtin_gates.rs is out of date with the built-in packs; \
                 run `POSTLINT_WRITE_GATES=1 cargo test -p postlint --lib builtin_gates`"
            );
        }
    }

    #[test]
    fn a_built_in_gate_is_looked_up_and_others_are_worked_out() {
        let (on_shadow, source, clauses) = BUILTIN_GATES[0];
        let looked_up = clauses_of(source, on_shadow);
        assert_eq!(looked_up, gate_clauses(source, on_shadow));
        assert_eq!(looked_up.len(), clauses.len());
        assert_eq!(
            clauses_of(r"\bsponsored\s+by\b", false),
            gate_clauses(r"\bsponsored\s+by\b", false)
        );
    }

    #[test]
    fn a_gate_opens_only_when_every_clause_has_a_keyword() {
        let gates = Gates::new([
            (0, r"\bbed\s*\d{1,2}\b".to_owned(), true),
            (1, r"\w+".to_owned(), true),
            (2, r"\bsponsored\s+by\b".to_owned(), false),
        ])
        .expect("builds");
        assert_eq!(gates.describe(), (2, 13));
        let open = |text: &str| {
            let mut out = Vec::new();
            gates.open(text, &mut out);
            out
        };
        assert_eq!(open("Bed 4"), [0, 1]);
        assert_eq!(open("bed four"), [1]);
        assert_eq!(open("SPONSORED BY"), [1, 2]);
        assert_eq!(open("\u{17f}ponsored by"), [0, 1, 2]);
    }
}
