//! Arbitrary text as a rule pack and as a configuration: loading never
//! panics, errors carry positions inside the text, and a pack that loads lints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint::{Config, FileErrors, Linter, RuleSet};

#[path = "../../crates/postlint/tests/support/invariants.rs"]
mod invariants;

fn check_errors(text: &str, errors: &FileErrors) {
    assert!(!errors.0.is_empty(), "an Err holds at least one error");
    for e in errors.iter() {
        assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "error span outside the text: {e:?}");
        assert!(e.line >= 1 && e.column >= 1, "file errors have a position: {e:?}");
        assert!(!e.to_string().is_empty());
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match RuleSet::from_toml("fuzz.toml", text) {
        Ok(rules) => {
            let linter = Linter::new(rules, Config::default()).expect("a loaded pack compiles");
            invariants::check_diagnostics(text, &linter.lint(text));
        }
        Err(errors) => check_errors(text, &errors),
    }
    match Config::from_toml("postlint.toml", text) {
        // A configuration naming unknown rules is an error, never a panic. The
        // default configuration adds nothing to check, and building the
        // built-in linter for every input would take most of the run.
        Ok(config) if config != Config::default() => {
            let _ = Linter::new(RuleSet::builtin(), config);
        }
        Ok(_) => {}
        Err(errors) => check_errors(text, &errors),
    }
});
