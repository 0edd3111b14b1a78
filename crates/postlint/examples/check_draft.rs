//! Lints one draft file with the built-in rules and prints each finding.
//!
//! `cargo run -p postlint --example check_draft -- fixtures/mixed/flag-....txt`

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::disallowed_methods,
    reason = "an example binary does I/O"
)]

use postlint::{Config, Linter, RuleSet};

#[allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "an example binary does I/O"
)]
fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_draft PATH");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let linter = match Linter::new(RuleSet::builtin(), Config::default()) {
        Ok(linter) => linter,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let findings = linter.lint(&text);
    for d in &findings {
        println!(
            "{path}:{}:{}: {} {} {}",
            d.line, d.column, d.severity, d.rule, d.message
        );
    }
    println!("{} finding(s)", findings.len());
    std::process::ExitCode::from(u8::from(!findings.is_empty()))
}
