//! Arbitrary bytes, read as UTF-8 (lossily), linted with the built-in packs.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use postlint::{Config, Linter, RuleSet};

#[path = "../../crates/postlint/tests/support/invariants.rs"]
mod invariants;

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::new(RuleSet::builtin(), Config::default()).expect("built-in"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    invariants::check_diagnostics(&text, &LINTER.lint(&text));
});
