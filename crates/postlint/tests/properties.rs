//! Properties that hold for any text: spans are on character boundaries inside
//! the text, UTF-16 offsets and line/column agree with a naive recount, output
//! is sorted, and linting never panics.

use std::sync::LazyLock;

use postlint::{Config, Linter, RuleSet};

#[path = "support/invariants.rs"]
mod invariants;
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text_gives_consistent_spans(text in any::<String>()) {
        invariants::check_diagnostics(&text, &LINTER.lint(&text));
    }

    #[test]
    fn tricky_text_gives_consistent_spans(text in tricky_text()) {
        invariants::check_diagnostics(&text, &LINTER.lint(&text));
    }

    #[test]
    fn fixed_text_never_flags_a_replacement_again(text in tricky_text()) {
        invariants::check_lint_and_fix(&LINTER, &text);
    }
}
