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

const CATEGORIES: [&str; 4] = [
    "patient-identifiers",
    "swearing",
    "conflicts-of-interest",
    "professionalism",
];

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

/// What a fixture's name (and sidecar) says it must do.
struct Expectation {
    /// Categories that must have a warning or error; empty for a pass draft.
    flagged: BTreeSet<String>,
    pass: bool,
}

fn expectation(path: &Path) -> Result<Expectation, String> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let pass = stem.starts_with("pass-");
    if !pass && !stem.starts_with("flag-") {
        return Err("the file name must start with `flag-` or `pass-`".to_owned());
    }
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|f| f.to_str())
        .unwrap_or_default();
    let mut flagged = BTreeSet::new();
    if !pass {
        let sidecar = path.with_extension("expect");
        if sidecar.exists() {
            let text = std::fs::read_to_string(&sidecar).map_err(|e| format!("{}: {e}", sidecar.display()))?;
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if !CATEGORIES.contains(&line) {
                    return Err(format!("{} names unknown category {line:?}", sidecar.display()));
                }
                flagged.insert(line.to_owned());
            }
        } else if CATEGORIES.contains(&folder) {
            flagged.insert(folder.to_owned());
        } else {
            return Err("a flag draft outside a category folder needs a .expect sidecar".to_owned());
        }
    }
    Ok(Expectation { flagged, pass })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_meets_the_expectation_in_its_name() {
    let root = fixtures_root();
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
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
