//! postlint checks a healthcare professional's social media draft before it is
//! published, against declarative rule packs derived from UK guidance (HCPC,
//! NMC, GMC, CSP, RCN, NHS confidentiality rules, the ASA/CMA influencer guide).
//!
//! # Overview
//!
//! - [`RuleSet`]: validated rule packs: [`RuleSet::builtin`] (the packs in
//!   `rules/`, embedded) or a user's pack from [`RuleSet::from_toml`].
//! - [`Config`]: which rules run, severity overrides, allowed terms
//!   (`postlint.toml`, read with [`Config::from_toml`]).
//! - [`Linter`]: compiles a rule set once; [`Linter::lint`] checks a draft and
//!   returns [`Diagnostic`]s with byte and UTF-16 spans, line and column.
//! - [`apply_fixes`] / [`Linter::fix`]: the draft with offered fixes applied.
//!
//! The crate is pure: it reads no files, touches no network and prints nothing.
//! Adapters (the `postlint` command line, the wasm package) do the I/O.
//!
//! # Example: lint a draft
//!
//! ```
//! use postlint::{Config, Linter, RuleSet};
//!
//! let linter = Linter::new(RuleSet::builtin(), Config::default()).expect("built-in rules compile");
//! let draft = "Pt's NHS no is 943 476 5919, what a sh1t shift";
//! let findings = linter.lint(draft);
//! assert!(findings.iter().any(|d| d.category.as_str() == "patient-identifiers" && d.text == "943 476 5919"));
//! assert!(findings.iter().any(|d| d.category.as_str() == "swearing" && d.text == "sh1t"));
//! ```
//!
//! # Example: a pack of your own
//!
//! ```
//! use postlint::{Config, Linter, RuleSet};
//!
//! let pack = r#"
//! [pack]
//! id = "my-trust"
//! title = "St Elsewhere NHS Trust"
//!
//! [[source]]
//! id = "trust-policy"
//! title = "Social media policy"
//!
//! [[rule]]
//! id = "ward-codename"
//! title = "Internal ward codename"
//! severity = "warning"
//! message = "'{match}' is an internal name; do not use it in public posts."
//! explain = "Internal codenames identify the ward to anyone who works here."
//! sources = ["trust-policy"]
//! terms = ["bluebell unit"]
//! examples.flag = ["Busy night on Bluebell Unit"]
//! examples.pass = ["Bluebells are out in the park"]
//! "#;
//! let rules = RuleSet::from_toml("my-trust.toml", pack).expect("valid pack");
//! let linter = Linter::new(rules, Config::default()).expect("compiles");
//! assert_eq!(linter.lint("Night shift on bluebell unit")[0].rule.as_str(), "my-trust/ward-codename");
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(clippy::disallowed_methods)]

mod both;
mod builtin_gates;
mod config;
mod diagnostic;
mod document;
mod error;
mod gate;
mod linter;
mod matcher;
mod normalize;
mod overlapping;
pub mod rules;
mod shadow;
mod span;
mod term_set;
mod term_table;
mod toml_reader;
mod triggers;

pub use config::{Config, FailOn, Selector};
pub use diagnostic::{Diagnostic, Fix, apply_fixes, fixes_to_apply};
pub use error::{FileError, FileErrorKind, FileErrors};
pub use linter::{Fixed, Linter};
/// How many bytes of drafts a [`Linter`] checks before it builds its faster
/// term automaton: tests use it to check a linter both before and after.
#[doc(hidden)]
pub use matcher::BYTES_BEFORE_DFA;
pub use rules::{
    Example, ExampleFailure, ExampleKind, Pack, PackId, Rule, RuleId, RuleSet, Severity, Source, SourceId, TermFiles,
};
pub use span::Span;

/// A rule set, a configuration and a linter, for adapters that receive packs
/// and a configuration as text (the wasm package, editors).
///
/// `packs` are `(origin, TOML text)` pairs added to the built-in packs (or used
/// alone when the configuration says `builtin = false` or `builtin` is false).
pub fn linter_from_texts(
    config: Option<(&str, &str)>,
    packs: &[(&str, &str)],
    builtin: bool,
) -> Result<Linter, FileErrors> {
    let config = match config {
        Some((origin, text)) => Config::from_toml(origin, text)?,
        None => Config::default(),
    };
    let mut rules = if builtin && config.builtin {
        RuleSet::builtin()
    } else {
        RuleSet::empty()
    };
    let mut errors = Vec::new();
    for (origin, text) in packs {
        match RuleSet::from_toml(origin, text).and_then(|pack| rules.merge(pack)) {
            Ok(()) => {}
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(FileErrors(errors));
    }
    Linter::new(rules, config)
}

/// The drafts the core's unit tests check besides their own.
#[cfg(test)]
mod test_fixtures {
    /// Every draft under `fixtures/`.
    #[allow(clippy::disallowed_methods, reason = "a test reads the shared fixtures")]
    pub fn texts() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    out.push(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
            &mut out,
        );
        out
    }
}
