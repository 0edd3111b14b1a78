//! Every draft in `fixtures/` against the built-in packs.
//!
//! Two oracles, because a snapshot records what happens, not what should:
//!
//! - `snapshots` pins each draft's findings (rule,
//!   severity, byte and UTF-16 spans, line and column, text, fix, message) in
//!   `tests/snapshots/`, so a change in any finding or offset shows up in
//!   review (`cargo insta review`).
//! - `every_fixture_meets_the_expectation_in_its_name` checks the naming rule of
//!   `fixtures/README.md`: a `flag-` draft has a warning or error in each
//!   expected category and none in any other, a `pass-` draft has no warning or
//!   error at all. It lists every offender at once.
#![allow(clippy::disallowed_methods, reason = "tests read their case files from disk")]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use postlint::{Config, Diagnostic, Linter, RuleSet, Severity};

#[path = "support/fixture_names.rs"]
mod fixture_names;

use fixture_names::{drafts, expectation};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn linter() -> Linter {
    Linter::new(RuleSet::builtin(), Config::default()).expect("the built-in packs compile")
}

/// The draft, then one block per finding: a line of contract facts and the message.
fn render(text: &str, findings: &[Diagnostic]) -> String {
    let mut out = String::new();
    out.push_str("# Input\n");
    out.push_str(text);
    out.push_str("\n\n# Diagnostics\n");
    if findings.is_empty() {
        out.push_str("(none)\n");
    }
    for d in findings {
        let _ = write!(
            out,
            "{} {} bytes {}..{} utf16 {}..{} {}:{} {:?}",
            d.rule, d.severity, d.span.start, d.span.end, d.utf16.start, d.utf16.end, d.line, d.column, d.text
        );
        if let Some(fix) = &d.fix {
            let _ = write!(out, " -> fix {:?}", fix.replacement);
        }
        let _ = writeln!(out, "\n    {}", d.message);
    }
    out
}

#[test]
fn snapshots() {
    let linter = linter();
    insta::with_settings!({ omit_expression => true }, {
        insta::glob!("../../../fixtures", "**/*.txt", |path| {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let findings = linter.lint(&text);
            insta::assert_snapshot!(render(&text, &findings));
        });
    });
}

#[test]
fn every_fixture_meets_the_expectation_in_its_name() {
    let root = fixtures_root();
    let paths = drafts(&root);
    assert!(!paths.is_empty(), "no fixtures under {}", root.display());
    let linter = linter();
    let mut offenders = Vec::new();
    for path in &paths {
        let name = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        let expected = match expectation(path) {
            Ok(e) => e,
            Err(e) => {
                offenders.push(format!("{name}: {e}"));
                continue;
            }
        };
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let serious: Vec<Diagnostic> = linter
            .lint(&text)
            .into_iter()
            .filter(|d| d.severity >= Severity::Warning)
            .collect();
        let found: BTreeSet<String> = serious.iter().map(|d| d.category.to_string()).collect();
        let describe = |category: &str| -> Vec<String> {
            serious
                .iter()
                .filter(|d| d.category.as_str() == category)
                .map(|d| format!("{} {} {:?}", d.rule, d.severity, d.text))
                .collect()
        };
        if expected.pass {
            for category in &found {
                offenders.push(format!("{name}: pass draft got {:?}", describe(category)));
            }
            continue;
        }
        for category in expected.flagged.difference(&found) {
            offenders.push(format!("{name}: no warning or error in `{category}`"));
        }
        for category in found.difference(&expected.flagged) {
            offenders.push(format!(
                "{name}: unexpected `{category}` findings {:?}",
                describe(category)
            ));
        }
    }
    assert!(
        offenders.is_empty(),
        "{} fixture(s) do not meet the expectation in their name:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

/// A linter picks trigger patterns by keyword gates for its first drafts and
/// finds terms with an NFA for its first [`postlint::BYTES_BEFORE_DFA`]
/// bytes, then by compiled sets and a DFA. Each fixture is checked by a linter that has
/// warmed up first, and by a fresh linter for every 16 drafts (which sees its
/// first drafts by gates; the core's unit tests check the gates on every
/// fixture).
#[test]
fn cold_and_warm_linters_find_the_same() {
    let paths = drafts(&fixtures_root());
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    let warm = linter();
    assert!(
        warm.lint(&"a long clean draft ".repeat(postlint::BYTES_BEFORE_DFA / 19 + 1))
            .is_empty()
    );
    texts.iter().for_each(|text| drop(warm.lint(text)));
    for (chunk, group) in texts.chunks(16).enumerate() {
        let cold = linter();
        for (i, text) in group.iter().enumerate() {
            let path = &paths[chunk * 16 + i];
            assert_eq!(cold.lint(text), warm.lint(text), "{}", path.display());
        }
    }
}
