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

/// Applies the fixes of `diagnostics` to `text`. Where fixes overlap, the
/// earliest-starting one is applied and the others are left out.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut fixes: Vec<(Span, &str)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d.span, f.replacement.as_str())))
        .filter(|(span, _)| {
            span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
        })
        .collect();
    fixes.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (span, replacement) in fixes {
        if span.start < copied {
            continue;
        }
        out.push_str(&text[copied..span.start]);
        out.push_str(replacement);
        copied = span.end;
    }
    out.push_str(&text[copied..]);
    out
}
