//! Conditions: a list of terms or a pattern, as read from a rule file.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use toml::de::DeValue;

use super::ascii_only::ascii_only;
use super::inflect::inflections;
use super::{TermFiles, Validator};
use crate::error::FileErrorKind;
use crate::normalize::fold_term;
use crate::shadow::shadow_source;
use crate::span::Span;
use crate::toml_reader::{Located, Sink, TableReader};

/// Compiled regexes may not grow past this many bytes, so a hostile pattern
/// cannot exhaust memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// One term of a list, expanded: `surface` is what is matched (folded), `term`
/// is the entry as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub surface: String,
    pub term: Arc<str>,
    pub fix: Option<Arc<str>>,
}

/// Where a nearby condition may be relative to the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Before,
    After,
    Either,
}

/// What finds spans of text: terms (on word boundaries, case-insensitive) or a regex.
#[derive(Debug, Clone)]
pub(crate) enum Matcher {
    Terms {
        /// Shared: a rule set is cloned (the built-in one for every linter),
        /// and a linter keeps the terms of each condition.
        terms: Arc<[Term]>,
        disguise: bool,
    },
    Pattern {
        regex: Arc<LazyPattern>,
        validator: Option<Validator>,
    },
}

/// A pattern as written, compiled on first use.
///
/// A user's pack compiles every pattern as it is read, so a mistake is
/// reported with its position; the built-in packs (checked by the test suite)
/// defer it, so a process that checks one draft compiles only the patterns
/// that draft needs. Clones of a rule set share the compiled pattern.
#[derive(Debug)]
pub(crate) struct LazyPattern {
    source: String,
    case_sensitive: bool,
    compiled: OnceLock<Result<(Pattern, Option<usize>), String>>,
}

impl LazyPattern {
    pub fn new(source: String, case_sensitive: bool) -> LazyPattern {
        LazyPattern {
            source,
            case_sensitive,
            compiled: OnceLock::new(),
        }
    }

    #[cfg(test)]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The pattern as it runs on the shadow, if it does (see [`Pattern`]).
    pub fn shadow_source(&self) -> Option<Cow<'_, str>> {
        shadow_source(&self.source)
    }

    /// The pattern as trigger prefilters see it, and whether it runs on the
    /// shadow: as it runs, and marked `(?-i)` if case-sensitive, since the
    /// prefilter sets are built case-insensitive.
    pub fn as_trigger(&self) -> (String, bool) {
        let (source, on_shadow) = match self.shadow_source() {
            Some(on_shadow) => (on_shadow, true),
            None => (Cow::Borrowed(self.source.as_str()), false),
        };
        let source = if self.case_sensitive {
            format!("(?-i){source}")
        } else {
            source.into_owned()
        };
        (source, on_shadow)
    }

    /// Compiles the pattern with every part any draft may need (a Unicode
    /// pattern compiles its whole form only for the first draft that is not
    /// ASCII): how a user's pack is checked as it is read.
    pub fn check(&self) -> Result<(), String> {
        let (pattern, _) = self.compiled().map_err(str::to_owned)?;
        if let Pattern::Unicode(unicode) = pattern {
            unicode.whole()?;
        }
        Ok(())
    }

    /// The compiled pattern and the index of its `match` group, or why it does not compile.
    pub fn compiled(&self) -> Result<(&Pattern, Option<usize>), &str> {
        let compiled = self.compiled.get_or_init(|| {
            Pattern::new(&self.source, self.case_sensitive).map(|pattern| {
                let group = pattern.match_group();
                (pattern, group)
            })
        });
        match compiled {
            Ok((pattern, group)) => Ok((pattern, *group)),
            Err(message) => Err(message),
        }
    }
}

/// A compiled pattern.
///
/// Patterns written in ASCII (no `\p{..}` classes, no `\x`/`\u` escapes;
/// curly quotes, `£` and the like allowed: see [`shadow_source`]) are
/// compiled without Unicode classes and run on the draft's
/// one-byte-per-character shadow (`shadow::Haystack`), where every non-ASCII
/// letter, mark or digit stands as a word character: `\b` and `\w` then
/// mean what they mean on the draft, `\d` means `0-9`, and the regex crate
/// compiles and runs them many times faster than with Unicode's tables.
/// Other patterns keep full Unicode semantics and run on the draft itself.
#[derive(Debug, Clone)]
pub(crate) enum Pattern {
    Ascii(regex_automata::meta::Regex),
    Unicode(UnicodePattern),
}

/// A pattern with full Unicode semantics.
///
/// The regex crate's fast lazy DFA gives up on a Unicode `\b` as soon as the
/// text holds a non-ASCII character, and a slower engine then walks the rest
/// of the draft. So in such a draft the pattern is first looked for without
/// its `\b` and `\B` (`candidates`, which the DFA runs on any text):
/// wherever the pattern matches, that matches at the same start. The pattern
/// itself then runs anchored at each candidate start only, which finds
/// exactly the matches a scan from the start would.
///
/// An ASCII draft is searched by the pattern cut down to ASCII (see
/// [`ascii_only`]), which finds the same there and compiles faster;
/// the whole pattern and its candidates are compiled on the first draft
/// that is not ASCII.
#[derive(Debug, Clone)]
pub(crate) struct UnicodePattern {
    source: String,
    case_sensitive: bool,
    /// The pattern cut down to ASCII; `None` if it could not be built (then
    /// the whole pattern serves).
    ascii: Option<regex_automata::meta::Regex>,
    match_group: Option<usize>,
    whole: OnceLock<Result<regex_automata::meta::Regex, String>>,
    /// The pattern without word boundaries, if it has any.
    without_boundaries: Option<String>,
    candidates: OnceLock<Option<regex_automata::meta::Regex>>,
}

impl UnicodePattern {
    fn new(source: &str, case_sensitive: bool) -> Result<UnicodePattern, String> {
        let parsed = regex_automata::util::syntax::parse_with(source, &syntax_config(case_sensitive, Runs::OnDraft));
        let Ok(hir) = parsed else {
            // The regex crate's own message, as for every other pattern.
            return Err(build(source, case_sensitive, Runs::OnDraft)
                .err()
                .unwrap_or_else(|| "the pattern does not parse".to_owned()));
        };
        let ascii = build_from_hir(&ascii_only(hir)).ok();
        let stripped = without_word_boundaries(source);
        let mut pattern = UnicodePattern {
            source: source.to_owned(),
            case_sensitive,
            ascii,
            match_group: None,
            whole: OnceLock::new(),
            without_boundaries: (stripped != source).then_some(stripped),
            candidates: OnceLock::new(),
        };
        pattern.match_group = match &pattern.ascii {
            Some(ascii) => group_named_match(ascii),
            None => group_named_match(pattern.whole()?),
        };
        Ok(pattern)
    }

    /// The whole pattern, compiled on first use; the error is why it does not compile.
    pub fn whole(&self) -> Result<&regex_automata::meta::Regex, String> {
        self.whole
            .get_or_init(|| build(&self.source, self.case_sensitive, Runs::OnDraft))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// What finds where matches may start in `text`, and what matches there.
    fn finder_and_matcher(&self, text: &str) -> Option<(&regex_automata::meta::Regex, &regex_automata::meta::Regex)> {
        if text.is_ascii()
            && let Some(ascii) = &self.ascii
        {
            return Some((ascii, ascii));
        }
        let whole = self.whole().ok()?;
        let finder = match &self.without_boundaries {
            Some(stripped) => self
                .candidates
                .get_or_init(|| build(stripped, self.case_sensitive, Runs::OnDraft).ok())
                .as_ref()
                .unwrap_or(whole),
            None => whole,
        };
        Some((finder, whole))
    }

    /// Calls `found(start, end)` for each match, left to right, as a scan
    /// would find them; (`start`, `end`) is the `group` when it took part.
    pub fn for_each_match(&self, text: &str, group: Option<usize>, found: impl FnMut(usize, usize)) {
        self.for_each_match_within(text, Span::new(0, text.len()), group, found);
    }

    /// [`UnicodePattern::for_each_match`] for the matches that start in
    /// `window`, when every match of the pattern (and of its `\b`-free
    /// candidates) that starts there also ends there.
    pub fn for_each_match_within(
        &self,
        text: &str,
        window: Span,
        group: Option<usize>,
        mut found: impl FnMut(usize, usize),
    ) {
        use regex_automata::{Anchored, Input};
        // A pattern that does not compile was reported when its pack was read.
        let Some((finder, matcher)) = self.finder_and_matcher(text) else {
            return;
        };
        // Match starts come from the finder; capture slots only once there
        // is one, so a draft the pattern does not match costs no allocation.
        let mut captures = None;
        let next_char = |at: usize| at + text[at..].chars().next().map_or(1, char::len_utf8);
        let mut at = window.start;
        while at <= window.end {
            // The search sees the text around the window (for `\b`).
            let Some(candidate) = finder.find(Input::new(text).range(at..window.end)) else {
                break;
            };
            let start = candidate.start();
            let captures = captures.get_or_insert_with(|| matcher.create_captures());
            matcher.search_captures(&Input::new(text).range(start..).anchored(Anchored::Yes), captures);
            let Some(whole) = captures.get_match() else {
                at = next_char(start);
                continue;
            };
            let span = group
                .and_then(|g| captures.get_group(g))
                .unwrap_or_else(|| whole.span());
            found(span.start, span.end);
            at = if whole.is_empty() {
                next_char(whole.end())
            } else {
                whole.end()
            };
        }
    }

    fn match_group(&self) -> Option<usize> {
        self.match_group
    }
}

fn group_named_match(regex: &regex_automata::meta::Regex) -> Option<usize> {
    regex.group_info().to_index(regex_automata::PatternID::ZERO, "match")
}

/// Where a compiled pattern runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Runs {
    /// On the shadow: bytes, ASCII classes.
    OnShadow,
    /// On the draft, with Unicode classes.
    OnDraft,
}

/// Compiles a pattern. It runs only on drafts its trigger set has let
/// through, so it has no literal prefilter: extracting one was two thirds of
/// the cost of compiling it (5,000 files: 847 → 792 M instructions; the 10 MB
/// archive 4% fewer).
fn build(source: &str, case_sensitive: bool, runs: Runs) -> Result<regex_automata::meta::Regex, String> {
    regex_automata::meta::Regex::builder()
        .configure(meta_config(runs == Runs::OnDraft))
        .syntax(syntax_config(case_sensitive, runs))
        .build(source)
        .map_err(|e| build_error_message(&e))
}

/// Compiles a pattern already parsed (as [`build`] does, on the draft).
fn build_from_hir(hir: &regex_syntax::hir::Hir) -> Result<regex_automata::meta::Regex, String> {
    regex_automata::meta::Regex::builder()
        .configure(meta_config(true))
        .build_from_hir(hir)
        .map_err(|e| build_error_message(&e))
}

fn meta_config(on_draft: bool) -> regex_automata::meta::Config {
    regex_automata::meta::Config::new()
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .hybrid_cache_capacity(REGEX_SIZE_LIMIT)
        .utf8_empty(on_draft)
        .auto_prefilter(false)
}

fn syntax_config(case_sensitive: bool, runs: Runs) -> regex_automata::util::syntax::Config {
    let unicode = runs == Runs::OnDraft;
    regex_automata::util::syntax::Config::new()
        .unicode(unicode)
        .utf8(unicode)
        .case_insensitive(!case_sensitive)
}

/// The pattern with `\b` and `\B` removed (an escaped backslash is kept):
/// it matches wherever the pattern does, and more.
pub(crate) fn without_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => {}
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The reason a pattern does not compile, worded as the regex crate words it.
fn build_error_message(error: &regex_automata::meta::BuildError) -> String {
    if let Some(limit) = error.size_limit() {
        format!("Compiled regex exceeds size limit of {limit} bytes.")
    } else if let Some(syntax) = error.syntax_error() {
        one_line_text(&syntax.to_string())
    } else {
        error.to_string()
    }
}

impl Pattern {
    /// Compiles `source`; the error is the regex crate's reason on one line.
    pub fn new(source: &str, case_sensitive: bool) -> Result<Pattern, String> {
        let Some(on_shadow) = shadow_source(source) else {
            return UnicodePattern::new(source, case_sensitive).map(Pattern::Unicode);
        };
        match build(&on_shadow, case_sensitive, Runs::OnShadow) {
            Ok(regex) => Ok(Pattern::Ascii(regex)),
            // A mistake is reported in the pattern as written, not as rewritten.
            Err(_) if matches!(on_shadow, Cow::Owned(_)) => {
                UnicodePattern::new(source, case_sensitive).map(Pattern::Unicode)
            }
            Err(e) => Err(e),
        }
    }

    /// The index of the capture group named `match`, if there is one.
    pub fn match_group(&self) -> Option<usize> {
        match self {
            Pattern::Ascii(regex) => regex.group_info().to_index(regex_automata::PatternID::ZERO, "match"),
            Pattern::Unicode(pattern) => pattern.match_group(),
        }
    }
}

/// The keys that make up a condition, accepted wherever a condition is.
pub(crate) const CONDITION_KEYS: &[&str] = &[
    "terms",
    "terms-file",
    "inflect",
    "disguise",
    "pattern",
    "validate",
    "case-sensitive",
];

/// Reads the condition keys of `reader`. Returns `None` (after reporting why)
/// when there is no usable trigger.
pub(crate) fn read_matcher(
    sink: &mut Sink<'_>,
    reader: &TableReader<'_, '_>,
    files: &dyn TermFiles,
    rule: &str,
) -> Option<Matcher> {
    let has_terms = reader.has("terms") || reader.has("terms-file");
    let has_pattern = reader.has("pattern");
    if has_terms && has_pattern {
        sink.push(
            reader.key_span("pattern"),
            FileErrorKind::TwoTriggers {
                table: reader.name().to_owned(),
            },
        );
        return None;
    }
    if has_pattern {
        for key in ["inflect", "disguise", "terms-file"] {
            if reader.has(key) {
                sink.push(
                    reader.key_span(key),
                    FileErrorKind::InvalidValue {
                        key: key.to_owned(),
                        message: "applies to terms, not to a pattern".to_owned(),
                    },
                );
            }
        }
        return read_pattern(sink, reader, rule);
    }
    if has_terms {
        for key in ["validate", "case-sensitive"] {
            if reader.has(key) {
                sink.push(
                    reader.key_span(key),
                    FileErrorKind::InvalidValue {
                        key: key.to_owned(),
                        message: "applies to a pattern, not to terms".to_owned(),
                    },
                );
            }
        }
        return read_terms(sink, reader, files);
    }
    None
}

fn read_pattern(sink: &mut Sink<'_>, reader: &TableReader<'_, '_>, rule: &str) -> Option<Matcher> {
    let pattern = reader.string(sink, "pattern")?;
    let case_sensitive = reader.bool(sink, "case-sensitive").unwrap_or(false);
    let validator = match reader.string(sink, "validate") {
        None => None,
        Some(name) => match Validator::from_name(&name.value) {
            Some(v) => Some(v),
            None => {
                let names: Vec<&str> = Validator::ALL.iter().map(|(n, _)| *n).collect();
                sink.push(
                    name.span,
                    FileErrorKind::UnknownValidator {
                        name: name.value,
                        expected: names.join(", "),
                    },
                );
                return None;
            }
        },
    };
    let regex = LazyPattern::new(pattern.value, case_sensitive);
    if sink.compile_patterns_now
        && let Err(message) = regex.check()
    {
        sink.push(
            pattern.span,
            FileErrorKind::InvalidPattern {
                rule: rule.to_owned(),
                message,
            },
        );
        return None;
    }
    Some(Matcher::Pattern {
        regex: Arc::new(regex),
        validator,
    })
}

/// The regex crate's message without the multi-line picture of the pattern.
fn one_line_text(text: &str) -> String {
    match text.lines().rev().find_map(|l| l.strip_prefix("error: ")) {
        Some(reason) => reason.to_owned(),
        None => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn read_terms(sink: &mut Sink<'_>, reader: &TableReader<'_, '_>, files: &dyn TermFiles) -> Option<Matcher> {
    let errors_before = sink.errors.len();
    let inflect = reader.bool(sink, "inflect").unwrap_or(false);
    let disguise = reader.bool(sink, "disguise").unwrap_or(false);
    let mut entries: Vec<(Located<String>, Option<String>)> = Vec::new();
    if let Some(value) = reader.get("terms") {
        read_term_entries(sink, value, &mut entries);
    }
    if let Some(path) = reader.string(sink, "terms-file") {
        match files.read(&path.value) {
            Ok(text) => {
                for line in text.lines() {
                    let line = line.split('#').next().unwrap_or("").trim();
                    if !line.is_empty() {
                        entries.push((
                            Located {
                                value: line.to_owned(),
                                span: path.span.clone(),
                            },
                            None,
                        ));
                    }
                }
            }
            Err(message) => sink.push(
                path.span.clone(),
                FileErrorKind::TermsFile {
                    path: path.value.clone(),
                    message,
                },
            ),
        }
    }
    let mut terms: Vec<Term> = Vec::new();
    for (entry, fix) in entries {
        let written = entry.value.trim();
        // Symbols and emoji are fine terms ("👇" next to a photo); only a term
        // that folds to nothing could never be found.
        // (Folding ASCII only lower-cases it: no copy needed to tell.)
        let folds_to_nothing = if written.is_ascii() {
            written.trim().is_empty()
        } else {
            fold_term(written).trim().is_empty()
        };
        if folds_to_nothing {
            sink.push(
                entry.span,
                FileErrorKind::InvalidValue {
                    key: "terms".to_owned(),
                    message: format!("{written:?} is empty once invisible characters are removed"),
                },
            );
            continue;
        }
        let term: Arc<str> = Arc::from(written);
        let fix: Option<Arc<str>> = fix.map(Arc::from);
        let mut add = |variant: &str| {
            terms.push(Term {
                surface: fold_term(variant),
                term: term.clone(),
                fix: fix.clone(),
            });
        };
        if inflect {
            for form in inflections(written) {
                for_each_spacing_variant(&form, &mut add);
            }
        } else {
            for_each_spacing_variant(written, &mut add);
        }
    }
    // The first of each surface is kept. A list of hundreds of words with
    // their inflections and spellings is checked by hash, not by searching
    // the list so far (1 M of the 43 M instructions of checking one draft).
    let mut seen: HashSet<&str> = HashSet::with_capacity(terms.len());
    let first: Vec<bool> = terms.iter().map(|t| seen.insert(t.surface.as_str())).collect();
    drop(seen);
    let mut first = first.into_iter();
    terms.retain(|_| first.next().unwrap_or(false));
    if terms.is_empty() {
        // A list emptied by mistakes already reported needs no second error.
        if sink.errors.len() == errors_before {
            sink.push(
                reader.key_span("terms"),
                FileErrorKind::InvalidValue {
                    key: "terms".to_owned(),
                    message: "the list is empty".to_owned(),
                },
            );
        }
        return None;
    }
    Some(Matcher::Terms {
        terms: terms.into(),
        disguise,
    })
}

/// A phrase matches with a space or a hyphen between its words: "bed
/// blocker", "bed-blocker". Calls `add` with each spelling, the form itself
/// first (most terms have one: no copy is made for them).
fn for_each_spacing_variant(form: &str, add: &mut impl FnMut(&str)) {
    add(form);
    if form.contains(' ') {
        add(&form.replace(' ', "-"));
    }
    if form.contains('-') && form.chars().any(char::is_alphanumeric) {
        add(&form.replace('-', " "));
    }
}

fn read_term_entries(
    sink: &mut Sink<'_>,
    value: &toml::Spanned<DeValue<'_>>,
    out: &mut Vec<(Located<String>, Option<String>)>,
) {
    let wrong = |sink: &mut Sink<'_>, span| {
        sink.push(
            span,
            FileErrorKind::WrongType {
                key: "terms".to_owned(),
                expected: "a list of strings or { term = \"...\", fix = \"...\" } tables".to_owned(),
                found: crate::toml_reader::describe(value.get_ref()),
            },
        );
    };
    let items = match value.get_ref() {
        DeValue::Array(items) => items,
        DeValue::String(s) => {
            out.push((
                Located {
                    value: s.to_string(),
                    span: value.span(),
                },
                None,
            ));
            return;
        }
        _ => return wrong(sink, value.span()),
    };
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => out.push((
                Located {
                    value: s.to_string(),
                    span: item.span(),
                },
                None,
            )),
            DeValue::Table(table) => {
                let reader = TableReader::new(sink, table, item.span(), "a term table", &[&["term", "fix"]]);
                if let Some(term) = reader.required_string(sink, "term") {
                    let fix = reader.string(sink, "fix").map(|f| f.value);
                    out.push((term, fix));
                }
            }
            _ => wrong(sink, item.span()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    #[test]
    fn candidates_drop_word_boundaries_only() {
        assert_eq!(without_word_boundaries(r"\bcode\B\d\\b"), r"code\d\\b");
    }

    /// Unicode patterns with `\b` and `\B` in every position, each beside the
    /// regex crate's own compilation of it (the reference).
    static PATTERNS: LazyLock<Vec<(UnicodePattern, regex::Regex)>> = LazyLock::new(|| {
        [
            r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+(?P<match>\p{Lu}[\p{Lu}\p{Ll}'’]*\p{Ll}(?:-\p{Lu}\p{Ll}+)?)",
            r"\b\p{L}*fuck\p{L}*",
            r"(?-i:\b(?:in|at|from|to)\s+(?:the\s+)?(?:St\.?\s+)?\p{Lu}\p{Ll}+)|\bward\s?\d{1,2}\b",
            r"\b(?P<match>\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?)\s*(?:,\s*|\(\s*)(?:aged\s+)?\d{1,2}\s*(?:\)|,)",
            r"\bRIP\s*,?\s+(?P<match>\p{Lu}\p{Ll}+)\b",
            r"\bLôn\s+\p{Lu}\B|\Bé\b",
        ]
        .into_iter()
        .map(|source| {
            let Ok(Pattern::Unicode(pattern)) = Pattern::new(source, false) else {
                panic!("{source} is a Unicode pattern");
            };
            let reference = regex::RegexBuilder::new(source)
                .case_insensitive(true)
                .build()
                .expect("valid");
            (pattern, reference)
        })
        .collect()
    });

    /// Every match of `reference` in `text`, as (start, end) of its `match`
    /// group or else the whole match, leaving out empty ones.
    fn scanned(reference: &regex::Regex, text: &str) -> Vec<(usize, usize)> {
        reference
            .captures_iter(text)
            .filter_map(|c| c.name("match").or_else(|| c.get(0)))
            .map(|m| (m.start(), m.end()))
            .filter(|(s, e)| s < e)
            .collect()
    }

    /// The built-in packs' patterns with Unicode classes, each beside the
    /// regex crate's own compilation of it.
    static BUILTIN_UNICODE_PATTERNS: LazyLock<Vec<(UnicodePattern, regex::Regex)>> = LazyLock::new(|| {
        let rules = crate::rules::RuleSet::builtin();
        let mut seen = HashSet::new();
        let mut patterns = Vec::new();
        for matcher in rules.rules().iter().flat_map(|r| r.matchers()) {
            let Matcher::Pattern { regex, .. } = matcher else {
                continue;
            };
            let Ok((Pattern::Unicode(pattern), _)) = regex.compiled() else {
                continue;
            };
            if !seen.insert((regex.source().to_owned(), regex.case_sensitive)) {
                continue;
            }
            let reference = regex::RegexBuilder::new(regex.source())
                .case_insensitive(!regex.case_sensitive)
                .build()
                .expect("valid");
            patterns.push((pattern.clone(), reference));
        }
        patterns
    });

    #[test]
    fn the_built_in_packs_have_unicode_patterns() {
        assert!(
            BUILTIN_UNICODE_PATTERNS.len() >= 10,
            "{}",
            BUILTIN_UNICODE_PATTERNS.len()
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]
        /// On ASCII text, a Unicode pattern runs cut down to ASCII, and finds
        /// what the regex crate finds with the whole pattern.
        #[test]
        fn built_in_unicode_patterns_cut_to_ascii_match_as_a_plain_scan_does(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Mr ", "Mrs. ", "my ", "My ", "our ", "patient ", "Pt ", "lady ", "to ", "new ", "mum ", "Baby ",
                "RIP ", "rest in peace ", "Smith", "O'Brien", "Jones-Ward ", "JS ", "K ", "k", "S", "s", "aged ",
                "82", "(82)", ", ", "93 year old ", "turned ", "90th birthday ", "in ", "at ", "St ", "Ward ", "ward 7",
                "12 ", "Oak Road", "Heol ", "bed 4", "today ", " ", "\n", ".", "-", "'", "_", "x",
            ]), 0..20)
        ) {
            let text = pieces.concat();
            for (pattern, reference) in BUILTIN_UNICODE_PATTERNS.iter() {
                let mut found = Vec::new();
                pattern.for_each_match(&text, pattern.match_group(), |s, e| if s < e { found.push((s, e)) });
                proptest::prop_assert_eq!(found, scanned(reference, &text), "pattern {} on {:?}", reference.as_str(), text);
            }
        }

        /// Candidates then anchored matches find exactly what a plain scan
        /// finds, on the draft and on its ASCII pieces alone (an ASCII draft
        /// finds match starts with the pattern itself).
        #[test]
        fn unicode_patterns_match_as_a_plain_scan_does(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Mrs ", "Mr", "Zoë ", "Élodie", "O’Brien ", "in ", "at ", "St ", "Ward", " ward 7", "🩺", "’", "\u{a0}",
                "é", "x", "9", " ", "\n", "fuck", "ing", "Smith", "aged 82", "(82)", ", ", "RIP ", "Lôn ", "_",
            ]), 0..24)
        ) {
            let ascii: String = pieces.iter().filter(|p| p.is_ascii()).copied().collect();
            for (text, pattern, reference) in [pieces.concat(), ascii]
                .into_iter()
                .flat_map(|text| PATTERNS.iter().map(move |(p, r)| (text.clone(), p, r)))
            {
                let expected = scanned(reference, &text);
                let mut found = Vec::new();
                pattern.for_each_match(&text, pattern.match_group(), |s, e| if s < e { found.push((s, e)) });
                proptest::prop_assert_eq!(found, expected, "pattern {} on {:?}", reference.as_str(), text);
            }
        }
    }
}
