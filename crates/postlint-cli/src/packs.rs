//! Reading rule pack files and folders from disk. A pack's `terms-file` is
//! read relative to the folder the pack is in.

use std::path::{Path, PathBuf};

use postlint::{FileErrors, RuleSet, TermFiles};

use crate::error::Error;
use crate::inputs;

/// Reads `terms-file` lists relative to a pack's folder.
pub struct PackFolder<'a> {
    folder: &'a Path,
}

impl<'a> PackFolder<'a> {
    /// Term files for the pack at `pack`.
    pub fn of(pack: &'a Path) -> PackFolder<'a> {
        PackFolder {
            folder: pack.parent().unwrap_or(Path::new("")),
        }
    }
}

impl TermFiles for PackFolder<'_> {
    fn read(&self, path: &str) -> Result<String, String> {
        let full = self.folder.join(path);
        inputs::read_text_file(&full).map_err(|e| match e {
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                format!("{} does not exist (the path is relative to the pack)", full.display())
            }
            other => other.to_string(),
        })
    }
}

/// The pack files a path names: the file itself, or every `*.toml` directly
/// in a folder (sorted; sub-folders hold term lists, not packs), leaving out a
/// `postlint.toml` and the configuration file `config` in use, which sit
/// beside packs but are not packs.
pub fn pack_files(path: &Path, config: Option<&Path>) -> Result<Vec<PathBuf>, Error> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path.display(), e))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::io(path.display(), e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(path.display(), e))?;
        let file = entry.path();
        if file.extension().is_some_and(|e| e == "toml")
            && file.is_file()
            && entry.file_name() != "postlint.toml"
            && !config.is_some_and(|config| same_file(config, &file))
        {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no rule packs found (a folder of packs holds *.toml files)",
            path.display()
        )));
    }
    files.sort();
    Ok(files)
}

/// How a pack is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Examples {
    /// Run the pack's examples and reject it if one misbehaves (for checking drafts).
    Check,
    /// Leave the examples to the caller (for `test-rules`).
    Skip,
}

/// Reads one pack file.
pub fn read_pack(path: &Path, examples: Examples) -> Result<RuleSet, Error> {
    let text = inputs::read_text_file(path)?;
    let origin = path.display().to_string();
    let files = PackFolder::of(path);
    let read = match examples {
        Examples::Check => RuleSet::from_toml_with_files(&origin, &text, &files),
        Examples::Skip => RuleSet::from_toml_unchecked(&origin, &text, &files),
    };
    Ok(read?)
}

/// Reads every pack that `paths` name into `set`, collecting every mistake of
/// every pack. `config` is the configuration file in use, if any.
pub fn add_packs(set: &mut RuleSet, paths: &[PathBuf], examples: Examples, config: Option<&Path>) -> Result<(), Error> {
    let mut mistakes = Vec::new();
    for path in paths {
        for file in pack_files(path, config)? {
            match read_pack(&file, examples) {
                Ok(pack) => {
                    if let Err(errors) = set.merge(pack) {
                        mistakes.extend(errors);
                    }
                }
                Err(Error::Rules(errors)) => mistakes.extend(errors),
                Err(other) => return Err(other),
            }
        }
    }
    if mistakes.is_empty() {
        Ok(())
    } else {
        Err(Error::Rules(FileErrors(mistakes)))
    }
}

/// Whether two paths name the same file (after following links and `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
