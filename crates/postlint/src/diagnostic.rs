//! Findings about a draft, and applying their fixes.

use serde::Serialize;

use crate::Span;
use crate::rules::{PackId, RuleId, Severity, SourceId};

/// One finding: what is wrong, where, how serious, and which guidance says so.
///
/// Serialises to the JSON shape of the `postlint check --format json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Full rule id, `pack/rule`.
    pub rule: RuleId,
    /// The pack the rule belongs to.
    pub category: PackId,
    /// Severity after context and configuration.
    pub severity: Severity,
    /// The rule's message with placeholders filled.
    pub message: String,
    /// UTF-8 byte range in the draft.
    pub span: Span,
    /// The same range in UTF-16 code units.
    pub utf16: Span,
    /// 1-based line of the start.
    pub line: u32,
    /// 1-based column of the start, in characters.
    pub column: u32,
    /// The flagged text, as written.
    pub text: String,
    /// A replacement offered for the flagged text.
    pub fix: Option<Fix>,
    /// Ids of the guidance sources the rule rests on.
    pub sources: Vec<SourceId>,
}

/// Replacement text for a finding's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What replaces the flagged text.
    pub replacement: String,
}

/// The findings whose fixes [`apply_fixes`] applies to `text`, in the order
/// of the text: those with a fix whose span fits `text`; where fixes overlap,
/// the earliest-starting (then the longest) one, and not the others.
/// This is what a report of "what was fixed" must list.
pub fn fixes_to_apply<'a>(text: &str, diagnostics: &'a [Diagnostic]) -> Vec<&'a Diagnostic> {
    let mut fixes: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .filter(|d| {
            d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end)
        })
        .collect();
    fixes.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.span.end)));
    let mut copied = 0;
    fixes.retain(|d| {
        let keep = d.span.start >= copied;
        if keep {
            copied = d.span.end;
        }
        keep
    });
    fixes
}

/// Applies the fixes of `diagnostics` to `text`. Where fixes overlap, the
/// earliest-starting one is applied and the others are left out (see
/// [`fixes_to_apply`]).
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for d in fixes_to_apply(text, diagnostics) {
        let replacement = d.fix.as_ref().map_or("", |f| f.replacement.as_str());
        out.push_str(&text[copied..d.span.start]);
        out.push_str(replacement);
        copied = d.span.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(start: usize, end: usize, fix: Option<&str>) -> Diagnostic {
        Diagnostic {
            rule: "p/r".into(),
            category: "p".into(),
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            utf16: Span::new(start, end),
            line: 1,
            column: 1,
            text: String::new(),
            fix: fix.map(|r| Fix {
                replacement: r.to_owned(),
            }),
            sources: Vec::new(),
        }
    }

    #[test]
    fn only_the_fixes_applied_are_listed() {
        let text = "abcdefghij";
        let findings = [
            finding(6, 8, Some("Y")),
            finding(2, 5, Some("short")),
            finding(0, 1, None),
            finding(2, 7, Some("X")),
            finding(9, 20, Some("past the end")),
        ];
        let applied: Vec<Span> = fixes_to_apply(text, &findings).iter().map(|d| d.span).collect();
        // The longest of the two starting at 2 wins; 6..8 overlaps it; 0..1 has no fix.
        assert_eq!(applied, [Span::new(2, 7)]);
        assert_eq!(apply_fixes(text, &findings), "abXhij");
    }
}
