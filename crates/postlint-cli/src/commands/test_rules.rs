//! `postlint test-rules PATH...`: runs the examples in a user's own packs, the
//! tool an employer uses to develop its pack. Each example that does not behave
//! is printed with its rule, its place in the pack and what happened.

use std::io::{self, BufWriter, Write};

use postlint::RuleSet;

use super::Status;
use crate::args::TestRulesArgs;
use crate::error::{self, Error};
use crate::packs::{self, Examples};

/// Runs `postlint test-rules`.
pub fn run(args: TestRulesArgs) -> Result<Status, Error> {
    // Read every pack first, so a malformed pack stops the run (status 2)
    // with all of its mistakes, before any example is judged.
    let mut set = RuleSet::empty();
    packs::add_packs(&mut set, &args.paths, Examples::Skip, None)?;

    let failures = set.check_examples();
    let examples: usize = set
        .rules()
        .iter()
        .map(|r| r.examples.flag.len() + r.examples.pass.len())
        .sum();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut write = || -> io::Result<()> {
        for failure in &failures {
            writeln!(out, "FAIL {}", failure.clone().into_error())?;
        }
        let packs = set.packs().len();
        let scope = format!(
            "{} in {} {} ({} {})",
            count(examples, "example"),
            packs,
            if packs == 1 { "pack" } else { "packs" },
            set.rules().len(),
            if set.rules().len() == 1 { "rule" } else { "rules" },
        );
        if failures.is_empty() {
            writeln!(out, "ok: all {scope} behave as written")
        } else {
            writeln!(out, "\n{} of {scope} failed", failures.len())
        }
    };
    write().map_err(error::output)?;
    out.flush().map_err(error::output)?;
    Ok(if failures.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
