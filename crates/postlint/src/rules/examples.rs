//! Running every rule's examples: the tests a pack carries with it.

use serde::Serialize;

use super::{Matcher, Place, RuleId, RuleSet};
use crate::error::{FileError, FileErrorKind};
use crate::{Config, Linter};

/// Whether an example was meant to be flagged or to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// Listed under `examples.flag`.
    Flag,
    /// Listed under `examples.pass`.
    Pass,
    /// The rule's `fix` (or a term's): the rule must not flag its own
    /// replacement, or a fixed draft would be flagged again.
    Fix,
}

/// An example that does not behave as its rule file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleFailure {
    /// The rule.
    pub rule: RuleId,
    /// What the example was meant to do.
    pub kind: ExampleKind,
    /// The example text.
    pub example: String,
    /// The text the rule flagged (empty for a flag example it missed).
    pub found: Vec<String>,
    /// Where the example is written.
    #[serde(skip)]
    pub(crate) place: Place,
}

impl ExampleFailure {
    /// The failure as an error located at the example in its rule file.
    pub fn into_error(self) -> FileError {
        let kind = match self.kind {
            ExampleKind::Flag => FileErrorKind::ExampleNotFlagged {
                rule: self.rule.to_string(),
                example: self.example,
            },
            ExampleKind::Pass => FileErrorKind::ExampleFlagged {
                rule: self.rule.to_string(),
                example: self.example,
                found: self.found.join(", "),
            },
            ExampleKind::Fix => FileErrorKind::FixFlagged {
                rule: self.rule.to_string(),
                fix: self.example,
                found: self.found.join(", "),
            },
        };
        self.place.error(kind)
    }
}

pub(crate) fn check(set: &RuleSet) -> Vec<ExampleFailure> {
    let linter = match Linter::new(set.clone(), Config::default()) {
        Ok(linter) => linter,
        // The default configuration names no rules, so only size limits can fail;
        // loading reports those.
        Err(_) => return Vec::new(),
    };
    let mut failures = Vec::new();
    for rule in set.rules() {
        let cases = rule
            .examples
            .flag
            .iter()
            .map(|e| (ExampleKind::Flag, e))
            .chain(rule.examples.pass.iter().map(|e| (ExampleKind::Pass, e)));
        for (kind, example) in cases {
            let found: Vec<String> = linter
                .lint(&example.text)
                .into_iter()
                .filter(|d| d.rule == rule.id)
                .map(|d| d.text)
                .collect();
            let ok = match kind {
                ExampleKind::Flag => !found.is_empty(),
                ExampleKind::Pass | ExampleKind::Fix => found.is_empty(),
            };
            if !ok {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    kind,
                    example: example.text.clone(),
                    found,
                    place: example.place.clone(),
                });
            }
        }
        let mut fixes: Vec<&str> = rule.fix.iter().map(String::as_str).collect();
        if let Matcher::Terms { terms, .. } = &rule.trigger {
            fixes.extend(terms.iter().filter_map(|t| t.fix.as_deref()));
        }
        fixes.sort_unstable();
        fixes.dedup();
        for fix in fixes {
            let found: Vec<String> = linter
                .lint(fix)
                .into_iter()
                .filter(|d| d.rule == rule.id)
                .map(|d| d.text)
                .collect();
            if !found.is_empty() {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    kind: ExampleKind::Fix,
                    example: fix.to_owned(),
                    found,
                    place: rule.place.clone(),
                });
            }
        }
    }
    failures
}
