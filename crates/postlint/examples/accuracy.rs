//! Measures the built-in packs against a folder of labelled drafts.
//!
//! `cargo run -q -p postlint --example accuracy [-- [--misses] [FIXTURES_DIR]]`
//!
//! The folder follows `fixtures/README.md`: `<category>/flag-*.txt` expects a
//! warning or error in its folder's category, `mixed/flag-*.txt` in every
//! category listed in its `.expect` sidecar, and every `pass-*.txt` expects no
//! warning or error at all. A draft counts as flagged for a category when it
//! has a warning-or-error finding in it (info notes are advice, not findings).
//!
//! Prints a Markdown table: per-category precision and recall over all drafts,
//! and the false-positive rate on pass drafts (pass drafts with any warning or
//! error ÷ pass drafts). `--misses` also lists every draft that disagrees.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::disallowed_methods,
    reason = "an example binary does I/O"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use postlint::{Config, Linter, RuleSet, Severity};

#[path = "../tests/support/fixture_names.rs"]
mod fixture_names;

use fixture_names::CATEGORIES;

/// One labelled draft.
struct Case {
    name: String,
    pass: bool,
    expected: BTreeSet<String>,
    found: BTreeSet<String>,
    /// Rule ids of the warning-or-error findings, for the misses listing.
    rules: Vec<String>,
}

fn main() -> std::process::ExitCode {
    let mut misses = false;
    let mut root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures"));
    for arg in std::env::args().skip(1) {
        if arg == "--misses" {
            misses = true;
        } else {
            root = PathBuf::from(arg);
        }
    }
    let linter = match Linter::new(RuleSet::builtin(), Config::default()) {
        Ok(linter) => linter,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let paths = fixture_names::drafts(&root);
    if paths.is_empty() {
        eprintln!("no drafts under {}", root.display());
        return std::process::ExitCode::from(2);
    }
    let mut cases = Vec::new();
    for path in &paths {
        match read_case(&root, path, &linter) {
            Ok(case) => cases.push(case),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return std::process::ExitCode::from(2);
            }
        }
    }
    print_table(&cases);
    if misses {
        print_misses(&cases);
    }
    std::process::ExitCode::SUCCESS
}

fn read_case(root: &Path, path: &Path, linter: &Linter) -> Result<Case, String> {
    let fixture_names::Expectation {
        flagged: expected,
        pass,
    } = fixture_names::expectation(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let findings: Vec<_> = linter
        .lint(&text)
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    Ok(Case {
        name,
        pass,
        expected,
        found: findings.iter().map(|d| d.category.to_string()).collect(),
        rules: findings.iter().map(|d| format!("{} {:?}", d.rule, d.text)).collect(),
    })
}

fn ratio(num: usize, den: usize) -> String {
    if den == 0 {
        "n/a".to_owned()
    } else {
        format!("{:.2}", num as f64 / den as f64)
    }
}

fn print_table(cases: &[Case]) {
    println!("| Category | Flag drafts | Precision | Recall |");
    println!("| --- | ---: | ---: | ---: |");
    for category in CATEGORIES {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for case in cases {
            let expected = case.expected.contains(category);
            let found = case.found.contains(category);
            match (expected, found) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
        println!(
            "| {category} | {} | {} ({tp}/{}) | {} ({tp}/{}) |",
            tp + fn_,
            ratio(tp, tp + fp),
            tp + fp,
            ratio(tp, tp + fn_),
            tp + fn_
        );
    }
    let passes: Vec<&Case> = cases.iter().filter(|c| c.pass).collect();
    let noisy = passes.iter().filter(|c| !c.found.is_empty()).count();
    println!();
    println!(
        "False-positive rate on pass drafts: {} ({noisy}/{}); {} drafts in all.",
        ratio(noisy, passes.len()),
        passes.len(),
        cases.len()
    );
}

fn print_misses(cases: &[Case]) {
    println!();
    for case in cases {
        let missing: Vec<&String> = case.expected.difference(&case.found).collect();
        let extra: Vec<&String> = case.found.difference(&case.expected).collect();
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        println!("- {}", case.name);
        if !missing.is_empty() {
            println!("    missing: {missing:?}");
        }
        if !extra.is_empty() {
            println!("    unexpected: {extra:?} from {:?}", case.rules);
        }
    }
}
