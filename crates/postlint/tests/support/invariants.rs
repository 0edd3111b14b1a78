//! What must hold for any draft, whatever the rules: shared by the property
//! tests, the hostile-input tests, the fuzz targets and the fuzz regressions.

use postlint::{Diagnostic, Linter};

/// Spans lie on character boundaries inside the text and slice to `text`;
/// UTF-16 offsets and line/column agree with a naive recount; findings are
/// sorted by position then rule id. The recount walks forward once, since
/// findings are sorted, so a draft with many findings stays cheap to check.
#[allow(dead_code, reason = "each test file uses part of this module")]
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    let mut previous: Option<(usize, &str)> = None;
    let (mut at, mut utf16, mut line, mut column) = (0usize, 0usize, 1usize, 1usize);
    for d in diagnostics {
        assert!(
            d.span.start < d.span.end && d.span.end <= text.len(),
            "span outside the text: {d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "span splits a character: {d:?}"
        );
        assert_eq!(&text[d.span.start..d.span.end], d.text, "text does not match span");
        let key = (d.span.start, d.rule.as_str());
        if let Some(previous) = previous {
            assert!(previous <= key, "findings out of order: {previous:?} then {key:?}");
        }
        previous = Some(key);
        for c in text[at..d.span.start].chars() {
            utf16 += c.len_utf16();
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        at = d.span.start;
        assert_eq!(d.utf16.start, utf16, "utf16 start: {d:?}");
        assert_eq!(d.utf16.end, utf16 + d.text.encode_utf16().count(), "utf16 end: {d:?}");
        assert_eq!(
            (d.line as usize, d.column as usize),
            (line, column),
            "line/column: {d:?}"
        );
    }
}

/// Lints `text`, checks the findings, applies the fixes, and checks that
/// re-linting the fixed text never flags a replacement again.
#[allow(dead_code, reason = "each test file uses part of this module")]
pub fn check_lint_and_fix(linter: &Linter, text: &str) {
    let diagnostics = linter.lint(text);
    check_diagnostics(text, &diagnostics);
    let fixed = linter.fix(text);
    let mut fixes: Vec<&Diagnostic> = fixed.applied.iter().collect();
    fixes.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.span.end)));
    let (mut copied, mut shift, mut regions) = (0usize, 0isize, Vec::new());
    for d in fixes {
        assert!(d.span.start >= copied, "applied fixes overlap: {:?}", fixed.applied);
        let replacement = d.fix.as_ref().map_or(0, |f| f.replacement.len());
        let start = d.span.start.checked_add_signed(shift).unwrap_or(0);
        regions.push(start..start + replacement);
        shift += replacement as isize - d.span.len() as isize;
        copied = d.span.end;
    }
    let again = linter.lint(&fixed.text);
    check_diagnostics(&fixed.text, &again);
    for d in again {
        assert!(
            !regions.iter().any(|r| r.start <= d.span.start && d.span.end <= r.end),
            "a replacement is flagged again: {d:?} in {:?}",
            fixed.text
        );
    }
}
