//! What a fixture draft's name (and `.expect` sidecar) says it must do: the
//! naming rule of `fixtures/README.md`, shared by the fixture test and the
//! accuracy example so the two can never read it differently.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The built-in categories, which are also the fixture folders.
pub const CATEGORIES: [&str; 4] = [
    "patient-identifiers",
    "swearing",
    "conflicts-of-interest",
    "professionalism",
];

/// What a draft must do.
pub struct Expectation {
    /// Categories that must have a warning or error; empty for a pass draft.
    pub flagged: BTreeSet<String>,
    /// A `pass-` draft: no warning or error at all.
    pub pass: bool,
}

/// Every `.txt` draft under `dir`, sorted; none when it cannot be read.
pub fn drafts(dir: &Path) -> Vec<PathBuf> {
    fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    collect(dir, &mut out);
    out.sort();
    out
}

/// The expectation of the draft at `path`, or why its name or sidecar is wrong.
pub fn expectation(path: &Path) -> Result<Expectation, String> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let pass = stem.starts_with("pass-");
    if !pass && !stem.starts_with("flag-") {
        return Err("the file name must start with `flag-` or `pass-`".to_owned());
    }
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|f| f.to_str())
        .unwrap_or_default();
    let mut flagged = BTreeSet::new();
    if !pass {
        let sidecar = path.with_extension("expect");
        if sidecar.exists() {
            let text = std::fs::read_to_string(&sidecar).map_err(|e| format!("{}: {e}", sidecar.display()))?;
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if !CATEGORIES.contains(&line) {
                    return Err(format!("{} names unknown category {line:?}", sidecar.display()));
                }
                flagged.insert(line.to_owned());
            }
        } else if CATEGORIES.contains(&folder) {
            flagged.insert(folder.to_owned());
        } else {
            return Err("a flag draft outside a category folder needs a .expect sidecar".to_owned());
        }
    }
    Ok(Expectation { flagged, pass })
}
