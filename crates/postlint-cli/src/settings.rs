//! The effective settings of a run: `postlint.toml` (if any), then the
//! command-line flags on top, compiled into one [`Linter`].

use std::path::PathBuf;

use postlint::{Config, FailOn, FileErrorKind, FileErrors, Linter, RuleSet, Selector};

use crate::args::{self, RuleArgs};
use crate::config_file;
use crate::error::Error;
use crate::packs::{self, Examples};

/// What a check runs with.
pub struct Settings {
    /// The compiled rules under the configuration.
    pub linter: Linter,
    /// The failure threshold.
    pub fail_on: FailOn,
}

/// Reads the configuration and packs and compiles them.
///
/// Flags combine with the file: `--select` replaces its `select`; `--ignore`
/// and `--rules` add to its `ignore` and `rules`; `--no-builtin` and
/// `--fail-on` override it. Paths in the file are relative to the file.
/// [`load`], for a command that runs until the process ends: the settings
/// are never freed, since the operating system reclaims them at exit faster
/// than freeing their many small allocations one by one (7.7 M of the 97 M
/// instructions of checking one short draft).
pub fn load_for_the_process(flags: &RuleArgs, fail_on: Option<args::FailOn>) -> Result<&'static Settings, Error> {
    load(flags, fail_on).map(|settings| &*Box::leak(Box::new(settings)))
}

pub fn load(flags: &RuleArgs, fail_on: Option<args::FailOn>) -> Result<Settings, Error> {
    let file = config_file::load(flags.config.as_deref(), flags.no_config)?;
    let config_path = file.as_ref().map(|file| file.path.clone());
    let (mut config, mut pack_paths) = match file {
        Some(file) => {
            let base = file.base().to_path_buf();
            let mut paths: Vec<PathBuf> = Vec::new();
            for entry in &file.config.rules {
                let path = base.join(entry);
                if packs::same_file(&path, &file.path) {
                    return Err(Error::ConfigListsItself {
                        config: file.path.display().to_string(),
                        entry: entry.clone(),
                    });
                }
                paths.push(path);
            }
            (file.config, paths)
        }
        None => (Config::default(), Vec::new()),
    };
    for path in &flags.packs {
        if let Some(config) = config_path.as_deref().filter(|config| packs::same_file(path, config)) {
            return Err(Error::Usage(format!(
                "--rules {}: this is the configuration file in use, not a rule pack",
                config.display()
            )));
        }
    }
    pack_paths.extend(flags.packs.iter().cloned());
    if !flags.select.is_empty() {
        config.select = flags.select.iter().map(Selector::new).collect();
    }
    config.ignore.extend(flags.ignore.iter().map(Selector::new));
    if flags.no_builtin {
        config.builtin = false;
    }

    let mut rules = if config.builtin {
        RuleSet::builtin()
    } else {
        RuleSet::empty()
    };
    packs::add_packs(&mut rules, &pack_paths, Examples::Check, config_path.as_deref())?;
    if rules.rules().is_empty() {
        return Err(Error::Usage(
            "no rules to run: the built-in packs are off and no --rules (or `rules` in postlint.toml) were given"
                .to_owned(),
        ));
    }
    let fail_on = fail_on.map(FailOn::from).or(config.fail_on).unwrap_or(FailOn::Warning);
    let linter = Linter::new(rules, config).map_err(|errors| name_flags(errors, flags))?;
    Ok(Settings { linter, fail_on })
}

/// The core names a selector that has no place in a file `configuration`;
/// those came from the command line, so name the flag instead.
fn name_flags(errors: FileErrors, flags: &RuleArgs) -> FileErrors {
    FileErrors(
        errors
            .into_iter()
            .map(|mut error| {
                if error.line == 0 {
                    if let FileErrorKind::UnknownRule { selector, .. } = &error.kind {
                        if flags.select.iter().any(|s| s.trim_end_matches('/') == selector) {
                            error.origin = "--select".to_owned();
                        } else if flags.ignore.iter().any(|s| s.trim_end_matches('/') == selector) {
                            error.origin = "--ignore".to_owned();
                        }
                    }
                }
                error
            })
            .collect(),
    )
}
