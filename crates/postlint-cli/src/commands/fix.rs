//! `postlint fix` (and `check --fix`, `--diff`): apply the fixes rules offer.
//!
//! A file is rewritten through a temporary file in its own folder, flushed to
//! disk and renamed over the original, so an interrupted run never leaves half
//! a draft; its permissions are kept; and just before the rename the file is
//! read again and compared with what was linted, so a draft edited meanwhile
//! is left alone.

use std::cmp::Reverse;
use std::io::Write;
use std::path::Path;

use postlint::{Diagnostic, Linter};

use super::Status;
use super::check;
use crate::args::{ColorChoice, FixArgs};
use crate::error::Error;
use crate::inputs::Input;
use crate::settings;

/// Whether and how fixes are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixing {
    /// Only check.
    No,
    /// Write the fixed drafts (stdin: print the fixed draft to stdout).
    Write,
    /// Print a unified diff of the fixes; write nothing.
    Diff,
}

/// Runs `postlint fix`.
pub fn run(args: FixArgs, color: ColorChoice) -> Result<Status, Error> {
    let settings = settings::load(&args.rules, args.report.fail_on)?;
    let fixing = if args.diff { Fixing::Diff } else { Fixing::Write };
    check::check_drafts(&args.paths, &args.report, fixing, &settings, color)
}

/// One draft after fixing.
pub struct FixedDraft {
    /// The text now on disk (the fixed text, or the original with `--diff`).
    pub text: String,
    /// Findings in `text`.
    pub diagnostics: Vec<Diagnostic>,
    /// The fixes applied (or that would be), in the original's coordinates.
    pub fixed: Vec<Diagnostic>,
    /// The diff (`--diff`), or the fixed text for stdout (stdin).
    pub output: Option<String>,
}

/// Fixes one draft read from `input` as `original`.
pub fn fix_draft(
    linter: &Linter,
    input: &Input,
    name: &str,
    original: String,
    fixing: Fixing,
) -> Result<FixedDraft, Error> {
    let result = linter.fix(&original);
    let fixed = applied(result.applied);
    let changed = result.text != original;
    match fixing {
        Fixing::Diff => {
            let diff = changed.then(|| unified_diff(name, &original, &result.text));
            let diagnostics = linter.lint(&original);
            Ok(FixedDraft {
                text: original,
                diagnostics,
                fixed,
                output: diff,
            })
        }
        Fixing::Write | Fixing::No => {
            let output = match input {
                Input::Stdin => Some(result.text.clone()),
                Input::File { path, .. } => {
                    if changed {
                        write_atomically(path, original.as_bytes(), &result.text, name)?;
                    }
                    None
                }
            };
            let diagnostics = if changed {
                linter.lint(&result.text)
            } else {
                linter.lint(&original)
            };
            Ok(FixedDraft {
                text: result.text,
                diagnostics,
                fixed,
                output,
            })
        }
    }
}

/// The fixes that [`postlint::apply_fixes`] uses: where fixes overlap, only the
/// earliest-starting (then longest) one. `Fixed::applied` lists every finding
/// with a fix, so without this the report would count overlapping fixes twice.
fn applied(mut with_fix: Vec<Diagnostic>) -> Vec<Diagnostic> {
    with_fix.retain(|d| d.fix.is_some());
    with_fix.sort_by_key(|d| (d.span.start, Reverse(d.span.end)));
    let mut copied = 0;
    with_fix.retain(|d| {
        let keep = d.span.start >= copied;
        if keep {
            copied = d.span.end;
        }
        keep
    });
    with_fix
}

fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

/// Replaces the file at `path` with `fixed`, unless it no longer holds `original`.
///
/// The new text goes to a temporary file in the same folder (so the rename
/// cannot cross file systems), which takes the original's permissions, is
/// flushed to disk, and is renamed over the original. A symbolic link is
/// followed: the file it points to is replaced, and the link stays.
pub fn write_atomically(path: &Path, original: &[u8], fixed: &str, name: &str) -> Result<(), Error> {
    let io = |e| Error::io(name, e);
    let target = std::fs::canonicalize(path).map_err(io)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target).map_err(io)?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".postlint-fix-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(io)?;
    temp.write_all(fixed.as_bytes()).map_err(io)?;
    temp.as_file().set_permissions(permissions).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    // Compare again just before renaming: a draft edited since it was read is
    // left as it is (the temporary file is removed when `temp` is dropped).
    let now = std::fs::read(&target).map_err(io)?;
    if now != original {
        return Err(Error::ChangedSinceRead(name.to_owned()));
    }
    temp.persist(&target).map_err(|e| io(e.error))?;
    // Make the rename itself durable. Not every platform can open a folder; the
    // data is safe either way.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "edited by the author meanwhile").expect("write");
        let error = write_atomically(&path, b"what postlint read", "fixed", "draft.txt").expect_err("must refuse");
        assert!(matches!(error, Error::ChangedSinceRead(_)), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "edited by the author meanwhile"
        );
        assert_eq!(files_in(dir.path()), ["draft.txt"], "no temporary file is left behind");
    }

    #[test]
    fn a_fix_replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "original").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomically(&path, b"original", "fixed", "draft.txt").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "fixed");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(files_in(dir.path()), ["draft.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "original").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomically(&link, b"original", "fixed", "link.txt").expect("written");
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "fixed");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("metadata")
                .file_type()
                .is_symlink()
        );
    }
}
