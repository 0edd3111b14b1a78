//! What a user configures: which rules run, their severities, and what is allowed.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{FileError, FileErrorKind, FileErrors};
use crate::rules::{Place, Severity};
use crate::toml_reader::{Located, Sink, TableReader};

/// The lowest severity that makes a check fail, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors (the default).
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// Parses `error`, `warning`, `info` or `never`.
    pub fn parse(name: &str) -> Option<FailOn> {
        match name {
            "never" => Some(FailOn::Never),
            other => Severity::parse(other).map(|s| match s {
                Severity::Error => FailOn::Error,
                Severity::Warning => FailOn::Warning,
                Severity::Info => FailOn::Info,
            }),
        }
    }

    /// Whether a finding of `severity` fails the check.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        })
    }
}

/// A rule id (`swearing/strong-swearing`) or a prefix of one (`swearing`),
/// remembered with where it was written so a typo can be pointed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    text: String,
    place: Option<Place>,
}

impl Selector {
    /// A selector given outside any file (a command-line flag, a JS option).
    pub fn new(text: impl Into<String>) -> Selector {
        Selector {
            text: text.into().trim_end_matches('/').to_owned(),
            place: None,
        }
    }

    /// The id or prefix.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the selector names this rule id, or a pack or prefix of it.
    pub fn matches(&self, rule_id: &str) -> bool {
        self.text == "all"
            || rule_id == self.text
            || rule_id
                .strip_prefix(self.text.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    }

    pub(crate) fn unknown_error(&self, origin_when_unplaced: &str, suggestion: Option<String>) -> FileError {
        let kind = FileErrorKind::UnknownRule {
            selector: self.text.clone(),
            suggestion,
        };
        match &self.place {
            Some(place) => place.error(kind),
            None => FileError::unplaced(origin_when_unplaced, kind),
        }
    }
}

/// A user's configuration: the `postlint.toml` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Only these rules run (ids or prefixes); empty means all.
    pub select: Vec<Selector>,
    /// These rules never run (ids or prefixes); wins over `select`.
    pub ignore: Vec<Selector>,
    /// Severity overrides by rule id or prefix; the most specific applies.
    pub severity: Vec<(Selector, Severity)>,
    /// Terms and handles never flagged (a public figure's name, the team's own brand).
    pub allow: Vec<String>,
    /// Extra rule pack files or folders, as written (relative to the config file); read by adapters.
    pub rules: Vec<String>,
    /// Whether the built-in packs run.
    pub builtin: bool,
    /// The failure threshold, if the file sets one.
    pub fail_on: Option<FailOn>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            select: Vec::new(),
            ignore: Vec::new(),
            severity: Vec::new(),
            allow: Vec::new(),
            rules: Vec::new(),
            builtin: true,
            fail_on: None,
        }
    }
}

const CONFIG_KEYS: &[&[&str]] = &[&["rules", "builtin", "select", "ignore", "severity", "allow", "fail-on"]];

impl Config {
    /// Reads a `postlint.toml`. `origin` names it in errors. Every mistake is reported at once.
    pub fn from_toml(origin: &str, text: &str) -> Result<Config, FileErrors> {
        let mut sink = Sink::new(origin, text);
        let Some(document) = sink.parse() else {
            return Err(FileErrors(sink.finish()));
        };
        let reader = TableReader::new(
            &mut sink,
            document.get_ref(),
            document.span(),
            "the configuration",
            CONFIG_KEYS,
        );
        let place = |sink: &Sink<'_>, located: &Located<String>| {
            let (line, column) = sink.line_column(located.span.start);
            Place {
                origin: origin.into(),
                span: located.span.clone(),
                line,
                column,
            }
        };
        let selectors = |sink: &mut Sink<'_>, key: &str| -> Vec<Selector> {
            reader
                .strings(sink, key)
                .unwrap_or_default()
                .into_iter()
                .map(|s| Selector {
                    text: s.value.trim_end_matches('/').to_owned(),
                    place: Some(place(sink, &s)),
                })
                .collect()
        };
        let mut config = Config {
            select: selectors(&mut sink, "select"),
            ignore: selectors(&mut sink, "ignore"),
            allow: reader
                .strings(&mut sink, "allow")
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.value)
                .collect(),
            rules: reader
                .strings(&mut sink, "rules")
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.value)
                .collect(),
            builtin: reader.bool(&mut sink, "builtin").unwrap_or(true),
            ..Config::default()
        };
        if let Some(fail_on) = reader.string(&mut sink, "fail-on") {
            config.fail_on = FailOn::parse(&fail_on.value);
            if config.fail_on.is_none() {
                sink.push(
                    fail_on.span,
                    FileErrorKind::InvalidValue {
                        key: "fail-on".to_owned(),
                        message: "must be \"error\", \"warning\", \"info\" or \"never\"".to_owned(),
                    },
                );
            }
        }
        if let Some((table, span)) = reader.table(&mut sink, "severity") {
            let mut overrides = BTreeMap::new();
            for (key, value) in table {
                let severity = value.get_ref().as_str().and_then(Severity::parse);
                match severity {
                    Some(severity) => {
                        let located = Located {
                            value: key.get_ref().to_string(),
                            span: key.span(),
                        };
                        overrides.insert(
                            key.span().start,
                            (
                                Selector {
                                    text: located.value.clone(),
                                    place: Some(place(&sink, &located)),
                                },
                                severity,
                            ),
                        );
                    }
                    None => sink.push(
                        value.span(),
                        FileErrorKind::InvalidValue {
                            key: format!("severity.{}", key.get_ref()),
                            message: "must be \"error\", \"warning\" or \"info\"".to_owned(),
                        },
                    ),
                }
            }
            let _ = span;
            config.severity = overrides.into_values().collect();
        }
        let errors = sink.finish();
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(FileErrors(errors))
        }
    }

    /// The severity override for a rule: the most specific selector wins.
    pub(crate) fn severity_for(&self, rule_id: &str) -> Option<Severity> {
        self.severity
            .iter()
            .filter(|(s, _)| s.matches(rule_id))
            .max_by_key(|(s, _)| s.text.len())
            .map(|(_, sev)| *sev)
    }

    /// Whether a rule runs under this configuration.
    pub(crate) fn enables(&self, rule_id: &str) -> bool {
        let selected = self.select.is_empty() || self.select.iter().any(|s| s.matches(rule_id));
        selected && !self.ignore.iter().any(|s| s.matches(rule_id))
    }

    /// Every selector, for checking that each names a loaded rule.
    pub(crate) fn selectors(&self) -> impl Iterator<Item = &Selector> {
        self.select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.iter().map(|(s, _)| s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = Config::from_toml(
            "postlint.toml",
            r#"
rules = ["rules/trust.toml"]
builtin = false
select = ["swearing", "patient-identifiers/nhs-number"]
ignore = ["swearing/mild-swearing"]
allow = ["Dick Whittington"]
fail-on = "error"
[severity]
"swearing" = "info"
"#,
        )
        .expect("valid config");
        assert!(!config.builtin);
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert!(config.enables("swearing/strong-swearing"));
        assert!(!config.enables("swearing/mild-swearing"));
        assert!(!config.enables("professionalism/x"));
        assert_eq!(config.severity_for("swearing/strong-swearing"), Some(Severity::Info));
    }

    #[test]
    fn reports_all_mistakes_with_positions() {
        let errors = Config::from_toml("p.toml", "selct = []\nfail-on = \"sometimes\"\n").expect_err("two mistakes");
        assert_eq!(errors.0.len(), 2);
        assert_eq!((errors.0[0].line, errors.0[0].column), (1, 1));
        assert!(errors.0[0].to_string().contains("did you mean `select`"));
        assert_eq!(errors.0[1].line, 2);
    }

    #[test]
    fn selectors_match_ids_and_pack_prefixes_only() {
        assert!(Selector::new("swearing").matches("swearing/strong"));
        assert!(Selector::new("swearing/").matches("swearing/strong"));
        assert!(!Selector::new("swear").matches("swearing/strong"));
    }
}
