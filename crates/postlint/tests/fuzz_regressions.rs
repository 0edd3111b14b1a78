//! Replays every input kept in `fuzz/regressions/<target>/` with the checks of
//! that fuzz target, on stable Rust, so a fixed crash stays fixed.
#![allow(clippy::disallowed_methods, reason = "tests read their case files from disk")]

use std::path::Path;
use std::sync::LazyLock;

use postlint::{Config, Linter, RuleSet};

#[path = "support/invariants.rs"]
mod invariants;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(RuleSet::builtin(), Config::default()).unwrap_or_else(|e| panic!("{e}")));

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no regression inputs in {}", dir.display());
    out
}

#[test]
fn lint_text_regressions() {
    for (_, bytes) in inputs("lint_text") {
        let text = String::from_utf8_lossy(&bytes);
        invariants::check_diagnostics(&text, &LINTER.lint(&text));
    }
}

#[test]
fn fix_text_regressions() {
    for (_, bytes) in inputs("fix_text") {
        invariants::check_lint_and_fix(&LINTER, &String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn load_rules_regressions() {
    for (name, bytes) in inputs("load_rules") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        match RuleSet::from_toml(&name, text) {
            Ok(rules) => {
                let linter = Linter::new(rules, Config::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
                invariants::check_diagnostics(text, &linter.lint(text));
            }
            Err(errors) => {
                for e in errors.iter() {
                    assert!(e.span.end <= text.len() && e.line >= 1, "{name}: {e:?}");
                }
            }
        }
        let _ = Config::from_toml(&name, text).map(|config| Linter::new(RuleSet::builtin(), config));
    }
}
