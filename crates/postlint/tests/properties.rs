//! Properties that hold for any text: spans are on character boundaries inside
//! the text, UTF-16 offsets and line/column agree with a naive recount, output
//! is sorted, and linting never panics.

use std::sync::LazyLock;

use postlint::{Config, Diagnostic, Linter, RuleSet};
use proptest::prelude::*;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(RuleSet::builtin(), Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// Text that exercises the normaliser: letters, leet, masks, separators,
/// look-alikes, invisible characters, combining marks, emoji, CRLF, numbers.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "f",
        "u",
        "c",
        "k",
        "s",
        "h",
        "i",
        "t",
        "a",
        "1",
        "0",
        "3",
        "4",
        "5",
        "$",
        "@",
        "!",
        "*",
        "#",
        ".",
        "-",
        "_",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "ｆ",
        "𝐮",
        "с",
        "і",
        "\u{200b}",
        "\u{ad}",
        "\u{301}",
        "\u{fe0f}",
        "🩺",
        "👩🏾‍⚕️",
        "é",
        "İ",
        "ß",
        "ﬁ",
        "NHS no ",
        "401 023 2137",
        "999 000 0018",
        "DOB 14/03/1941",
        "code PHYSIO20",
        "bed 12",
        "#ad ",
        "bed blocker",
        "Scunthorpe",
        "shit",
        "crap",
        "bloody",
        "’",
        "\"",
        "Mrs Khan",
        "ZZ99 3VZ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check_invariants(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let mut previous = None;
    for d in diagnostics {
        prop_assert!(d.span.start < d.span.end && d.span.end <= text.len(), "{d:?}");
        prop_assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d:?}"
        );
        prop_assert_eq!(&text[d.span.start..d.span.end], d.text.as_str());
        let before = &text[..d.span.start];
        prop_assert_eq!(d.utf16.start, before.encode_utf16().count());
        prop_assert_eq!(d.utf16.end, text[..d.span.end].encode_utf16().count());
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        prop_assert_eq!((d.line as usize, d.column as usize), (line, column));
        let key = (d.span.start, d.rule.clone());
        if let Some(previous) = &previous {
            prop_assert!(*previous <= key, "findings are sorted");
        }
        previous = Some(key);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text_gives_consistent_spans(text in any::<String>()) {
        check_invariants(&text, &LINTER.lint(&text))?;
    }

    #[test]
    fn tricky_text_gives_consistent_spans(text in tricky_text()) {
        check_invariants(&text, &LINTER.lint(&text))?;
    }

    #[test]
    fn fixed_text_never_flags_a_replacement_again(text in tricky_text()) {
        let fixed = LINTER.fix(&text);
        // Where each applied replacement sits in the fixed text (overlapping
        // fixes after the first are skipped, as apply_fixes does).
        let mut fixes: Vec<&Diagnostic> = fixed.applied.iter().collect();
        fixes.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.span.end)));
        let (mut copied, mut shift, mut regions) = (0usize, 0isize, Vec::new());
        for d in fixes {
            if d.span.start < copied {
                continue;
            }
            let replacement = d.fix.as_ref().map_or(0, |f| f.replacement.len());
            let start = d.span.start.checked_add_signed(shift).unwrap_or(0);
            regions.push(start..start + replacement);
            shift += replacement as isize - d.span.len() as isize;
            copied = d.span.end;
        }
        for d in LINTER.lint(&fixed.text) {
            prop_assert!(
                !regions.iter().any(|r| r.start <= d.span.start && d.span.end <= r.end),
                "a replacement is flagged again: {d:?} in {:?}", fixed.text
            );
        }
    }
}
