//! Pathological drafts, generated (never committed as blobs): each must be
//! linted without a panic, with consistent spans. That time grows linearly is
//! shown by `cargo bench -p postlint --bench hostile`, not by timing here.

use std::sync::LazyLock;

use postlint::{Config, Diagnostic, Linter, RuleSet};

#[path = "support/invariants.rs"]
mod invariants;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(RuleSet::builtin(), Config::default()).unwrap_or_else(|e| panic!("{e}")));

const MB: usize = 1 << 20;

fn lint_checked(text: &str) -> Vec<Diagnostic> {
    let found = LINTER.lint(text);
    invariants::check_diagnostics(text, &found);
    found
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

#[test]
fn one_long_line_of_prose() {
    let text = repeat_to("Great #physiotalk session today on falls prevention 🩺 ", MB);
    assert!(lint_checked(&text).is_empty());
}

#[test]
fn many_short_lines() {
    let text = repeat_to("ok\n", MB);
    assert!(lint_checked(&text).is_empty());
}

#[test]
fn a_million_combining_marks_on_one_letter() {
    let text = format!("f{}uck and a{}", "\u{301}".repeat(MB / 2), "\u{308}".repeat(1000));
    let found = lint_checked(&text);
    assert!(
        found.iter().all(|d| d.span.start == 0),
        "the marks belong to the letter before them"
    );
}

#[test]
fn runs_of_masks_and_separators() {
    for unit in ["*", ".", "-", "_", "#", "@", "$", " ", "\u{200b}", "\u{ad}"] {
        lint_checked(&repeat_to(unit, MB / 4));
    }
}

#[test]
fn repeated_near_miss_words() {
    lint_checked(&repeat_to("f.", MB / 2));
    lint_checked(&repeat_to("f ", MB / 2));
    lint_checked(&repeat_to("sh1", MB / 4));
    lint_checked(&repeat_to("fuc", MB / 4));
    lint_checked(&repeat_to("Scunthorpe", MB / 4));
}

#[test]
fn a_megabyte_long_word() {
    lint_checked(&"a".repeat(MB));
    lint_checked(&"ｆｕｃｋ".repeat(MB / 12));
    lint_checked(&format!("#{}", "aB".repeat(MB / 4)));
}

#[test]
fn dense_findings() {
    let text = repeat_to("shit ", MB / 8);
    let found = lint_checked(&text);
    assert!(found.len() > 20_000, "every occurrence is reported: {}", found.len());
    lint_checked(&repeat_to("NHS no 401 023 2137 patient bed 12 ", MB / 8));
}

#[test]
fn every_disguise_character_at_once() {
    let everything = "ｆ𝐮сk\u{200b}\u{ad}\u{301}1!|0@$5*#_?%.-/~+,\\€73489 ѕһіt Ⓕ ﬁ İ ß ǅ \u{fe0f}👩🏾‍⚕️🏴󠁧󠁢󠁳󠁣󠁴󠁿";
    lint_checked(&repeat_to(everything, MB / 8));
    let every_char: String = (0..0x11000u32).filter_map(char::from_u32).collect();
    lint_checked(&every_char);
}
