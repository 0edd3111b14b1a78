//! Running every rule's examples: the tests a pack carries with it.

use serde::Serialize;

use super::{Place, RuleId, RuleSet};
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
                ExampleKind::Pass => found.is_empty(),
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
    }
    failures
}
