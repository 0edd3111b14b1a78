//! `postlint explain RULE`: why a rule matters, what to do instead, its
//! examples and the guidance it rests on, with links.

use std::io::{self, BufWriter, Write};

use postlint::{Rule, RuleSet};

use super::Status;
use crate::args::ExplainArgs;
use crate::error::{self, Error};
use crate::output::source_name;
use crate::settings;

/// Runs `postlint explain`.
pub fn run(args: ExplainArgs) -> Result<Status, Error> {
    let settings = settings::load(&args.rules, None)?;
    let rules = settings.linter.rule_set();
    let rule = find(rules, &args.rule)?;
    let mut out = BufWriter::new(io::stdout().lock());
    write_explanation(&mut out, rule).map_err(error::output)?;
    out.flush().map_err(error::output)?;
    Ok(Status::Clean)
}

/// The rule with this full id, or the only rule whose id ends with `/name`.
fn find<'a>(rules: &'a RuleSet, name: &str) -> Result<&'a Rule, Error> {
    let name = name.trim();
    if let Some(rule) = rules.rule(name) {
        return Ok(rule);
    }
    let suffix = format!("/{name}");
    let by_suffix: Vec<&Rule> = rules
        .rules()
        .iter()
        .filter(|r| r.id.as_str().ends_with(&suffix))
        .collect();
    if let [rule] = by_suffix.as_slice() {
        return Ok(rule);
    }
    let candidates: Vec<&str> = if by_suffix.is_empty() {
        rules
            .rules()
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| id.starts_with(&format!("{name}/")) || id.contains(name))
            .collect()
    } else {
        by_suffix.iter().map(|r| r.id.as_str()).collect()
    };
    let hint = match candidates.as_slice() {
        [] => "; `postlint rules` lists every rule".to_owned(),
        some => format!(
            "; did you mean {}?",
            some.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" or ")
        ),
    };
    Err(Error::Usage(format!("no rule `{name}`{hint}")))
}

fn write_explanation(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{}: {}", rule.id, rule.title)?;
    writeln!(out)?;
    writeln!(out, "Severity: {}", rule.severity)?;
    writeln!(out, "Category: {}", rule.pack)?;
    writeln!(out, "Message:  {}", rule.message)?;
    if let Some(fix) = &rule.fix {
        writeln!(out, "Fix:      replaces the flagged text with {fix:?} (`postlint fix`)")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", rule.explain.trim())?;
    writeln!(out)?;
    writeln!(out, "Flagged, for example:")?;
    for example in &rule.examples.flag {
        writeln!(out, "  - {}", example.text)?;
    }
    writeln!(out)?;
    writeln!(out, "Not flagged, for example:")?;
    for example in &rule.examples.pass {
        writeln!(out, "  - {}", example.text)?;
    }
    writeln!(out)?;
    writeln!(out, "Sources:")?;
    for source in &rule.sources {
        let year = source.year.map(|y| format!(" ({y})")).unwrap_or_default();
        writeln!(out, "  - {}{year}", source_name(source))?;
        if let Some(url) = &source.url {
            writeln!(out, "    {url}")?;
        }
    }
    Ok(())
}
