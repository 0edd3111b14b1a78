//! `postlint rules`: every loaded rule with its severity and title.

use std::io::{self, BufWriter, Write};

use postlint::Severity;
use serde::Serialize;

use super::Status;
use crate::args::{ListFormat, RulesArgs};
use crate::error::{self, Error};
use crate::settings;

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    category: &'a str,
    severity: Severity,
    title: &'a str,
    enabled: bool,
    fix: Option<&'a str>,
    sources: Vec<&'a str>,
}

/// Runs `postlint rules`.
pub fn run(args: RulesArgs) -> Result<Status, Error> {
    let settings = settings::load(&args.rules, None)?;
    let linter = &settings.linter;
    let enabled: Vec<&str> = linter.enabled_rules().map(|r| r.id.as_str()).collect();
    let listed: Vec<Listed<'_>> = linter
        .rule_set()
        .rules()
        .iter()
        .map(|r| Listed {
            id: r.id.as_str(),
            category: r.pack.as_str(),
            severity: r.severity,
            title: &r.title,
            enabled: enabled.contains(&r.id.as_str()),
            fix: r.fix.as_deref(),
            sources: r.sources.iter().map(|s| s.id.as_str()).collect(),
        })
        .collect();

    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &listed).map_err(|e| error::output(e.into()))?;
            writeln!(out).map_err(error::output)?;
        }
        ListFormat::Human => write_table(&mut out, &listed, linter.rule_set().packs().len()).map_err(error::output)?,
    }
    out.flush().map_err(error::output)?;
    Ok(Status::Clean)
}

fn write_table(out: &mut dyn Write, listed: &[Listed<'_>], packs: usize) -> io::Result<()> {
    let width = listed.iter().map(|l| l.id.len()).max().unwrap_or(2).max(2);
    writeln!(out, "{:width$}  {:8}  TITLE", "ID", "SEVERITY")?;
    for l in listed {
        let off = if l.enabled { "" } else { "  (off)" };
        writeln!(out, "{:width$}  {:8}  {}{off}", l.id, l.severity.as_str(), l.title)?;
    }
    let off = listed.iter().filter(|l| !l.enabled).count();
    let rules = if listed.len() == 1 { "rule" } else { "rules" };
    let pack_word = if packs == 1 { "pack" } else { "packs" };
    write!(out, "\n{} {rules} in {packs} {pack_word}", listed.len())?;
    if off > 0 {
        write!(out, " ({off} off under this configuration)")?;
    }
    writeln!(out, ". `postlint explain RULE` tells more about one.")
}
