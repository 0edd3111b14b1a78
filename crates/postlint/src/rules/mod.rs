//! Rule packs: the validated, immutable model that rule files are read into.

mod ascii_only;
mod builtin;
mod condition;
mod examples;
mod inflect;
mod read;
mod validator;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

pub use builtin::files as builtin_files;
pub(crate) use condition::{LazyPattern, Matcher, Pattern, REGEX_SIZE_LIMIT, Side, Term, without_word_boundaries};
pub use examples::{ExampleFailure, ExampleKind};
pub use read::rule_keys;
pub use validator::Validator;

use crate::error::{FileError, FileErrorKind, FileErrors};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice; does not fail a check by default.
    Info,
    /// Needs the author's judgement.
    Warning,
    /// A likely breach of guidance.
    Error,
}

impl Severity {
    /// The name used in rule files and output: `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(Arc::from(s))
            }
        }
    };
}

id_type!(
    /// A rule's full id, `pack/rule` (`patient-identifiers/nhs-number`).
    RuleId
);
id_type!(
    /// A pack's id, which is also the category of its findings (`swearing`).
    PackId
);
id_type!(
    /// The id of a guidance source declared in a pack (`hcpc-social-media`).
    SourceId
);

/// A guidance document that rules rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Id, unique within its pack.
    pub id: SourceId,
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// Year of the version cited.
    pub year: Option<u32>,
}

/// A pack's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pack {
    /// The pack id, which is the category of its rules' findings.
    pub id: PackId,
    /// Human title.
    pub title: String,
    /// What the pack covers.
    pub description: Option<String>,
    /// Where the pack was read from.
    pub origin: String,
    /// The guidance sources the pack declares.
    pub sources: Vec<Source>,
}

/// One example from a rule file, with its place there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The example draft.
    pub text: String,
    /// Where it is written.
    #[serde(skip)]
    pub(crate) place: Place,
}

/// A position in a rule file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Place {
    pub origin: Arc<str>,
    pub span: Range<usize>,
    pub line: u32,
    pub column: u32,
}

impl Place {
    pub fn error(&self, kind: FileErrorKind) -> FileError {
        FileError {
            origin: self.origin.to_string(),
            span: self.span.clone(),
            line: self.line,
            column: self.column,
            kind,
        }
    }
}

/// Drafts a rule must flag and drafts it must let pass; both are checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Examples {
    /// Drafts the rule must flag.
    pub flag: Vec<Example>,
    /// Drafts the rule must not flag.
    #[serde(rename = "pass")]
    pub pass: Vec<Example>,
}

/// One rule: what it looks for, how serious it is, and why.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Full id, `pack/rule`.
    pub id: RuleId,
    /// The pack (category) it belongs to.
    pub pack: PackId,
    /// Short title for listings.
    pub title: String,
    /// Severity before context and configuration adjust it.
    pub severity: Severity,
    /// Message template; `{match}` and `{term}` are filled in.
    pub message: String,
    /// Why it matters and what to do instead.
    pub explain: String,
    /// The guidance it rests on.
    pub sources: Vec<Source>,
    /// Replacement text offered as a fix, if any.
    pub fix: Option<String>,
    /// Checked examples.
    pub examples: Examples,
    pub(crate) trigger: Matcher,
    pub(crate) except: Option<Matcher>,
    pub(crate) near: Vec<Near>,
    pub(crate) near_at_least: usize,
    pub(crate) context: Vec<Context>,
    pub(crate) unless: Vec<PostCondition>,
    pub(crate) requires: Vec<PostCondition>,
    pub(crate) place: Place,
}

#[cfg(test)]
impl Rule {
    /// Every matcher of the rule: trigger, except, near, context, unless, requires.
    pub(crate) fn matchers(&self) -> impl Iterator<Item = &Matcher> {
        [Some(&self.trigger), self.except.as_ref()]
            .into_iter()
            .flatten()
            .chain(self.near.iter().map(|n| &n.matcher))
            .chain(self.context.iter().map(|c| &c.matcher))
            .chain(self.unless.iter().chain(&self.requires).map(|p| &p.matcher))
    }
}

/// A condition that must hold within some words of the trigger.
#[derive(Debug, Clone)]
pub(crate) struct Near {
    pub matcher: Matcher,
    pub within: usize,
    pub side: Side,
}

/// What a context condition does when it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    SetSeverity(Severity),
    Clear,
}

/// Words near a finding that change its severity or clear it.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub matcher: Matcher,
    pub within: usize,
    pub side: Side,
    pub effect: Effect,
}

/// A condition on the whole post (optionally only its first words).
#[derive(Debug, Clone)]
pub(crate) struct PostCondition {
    pub matcher: Matcher,
    pub first_words: Option<usize>,
}

/// A validated set of rule packs, ready to be compiled by a [`Linter`](crate::Linter).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    packs: Vec<Pack>,
    rules: Vec<Rule>,
}

/// Reads list files named by `terms-file` keys; the core itself never touches the file system.
pub trait TermFiles {
    /// The text of the file at `path`, relative to the pack.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// A [`TermFiles`] for packs that must not name list files.
pub struct NoTermFiles;

impl TermFiles for NoTermFiles {
    fn read(&self, _path: &str) -> Result<String, String> {
        Err("this pack was loaded from text alone, so it cannot name a terms file; put the terms inline".to_owned())
    }
}

impl<F: Fn(&str) -> Result<String, String>> TermFiles for F {
    fn read(&self, path: &str) -> Result<String, String> {
        self(path)
    }
}

impl RuleSet {
    /// An empty set, to combine packs into.
    pub fn empty() -> RuleSet {
        RuleSet::default()
    }

    /// The built-in packs in `rules/`, embedded at compile time.
    pub fn builtin() -> RuleSet {
        builtin::rule_set()
    }

    /// Reads a user's pack. `origin` names it in errors (usually its path).
    ///
    /// Every mistake is reported at once, including examples that do not
    /// behave. A pack that names a `terms-file` needs [`RuleSet::from_toml_with_files`].
    pub fn from_toml(origin: &str, text: &str) -> Result<RuleSet, FileErrors> {
        RuleSet::from_toml_with_files(origin, text, &NoTermFiles)
    }

    /// Reads a user's pack whose `terms-file` keys are resolved by `files`.
    pub fn from_toml_with_files(origin: &str, text: &str, files: &dyn TermFiles) -> Result<RuleSet, FileErrors> {
        let set = read::read_pack(origin, text, files)?;
        let failures = set.check_examples();
        if failures.is_empty() {
            Ok(set)
        } else {
            Err(FileErrors(
                failures.into_iter().map(ExampleFailure::into_error).collect(),
            ))
        }
    }

    /// Reads a pack without running its examples (for tools that report example failures themselves).
    pub fn from_toml_unchecked(origin: &str, text: &str, files: &dyn TermFiles) -> Result<RuleSet, FileErrors> {
        read::read_pack(origin, text, files)
    }

    /// Adds another set's packs; a rule id present in both is an error.
    pub fn merge(&mut self, other: RuleSet) -> Result<(), FileErrors> {
        let mut errors = Vec::new();
        for rule in &other.rules {
            if let Some(first) = self.rule(rule.id.as_str()) {
                let first_at = format!("{}:{}:{}", first.place.origin, first.place.line, first.place.column);
                errors.push(rule.place.error(FileErrorKind::Duplicate {
                    what: "rule".to_owned(),
                    id: rule.id.to_string(),
                    first: Some(first_at),
                }));
            }
        }
        if !errors.is_empty() {
            return Err(FileErrors(errors));
        }
        self.packs.extend(other.packs);
        self.rules.extend(other.rules);
        Ok(())
    }

    /// The packs, in load order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this full id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }

    /// Runs every rule's examples and returns those that do not behave.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        examples::check(self)
    }

    pub(crate) fn from_parts(packs: Vec<Pack>, rules: Vec<Rule>) -> RuleSet {
        RuleSet { packs, rules }
    }
}
