//! `postlint fix` (and `check --fix`, `--diff`): apply the fixes rules offer.
//!
//! A file is rewritten through a temporary file in its own folder, flushed to
//! disk and renamed over the original, so an interrupted run never leaves half
//! a draft; its permissions are kept; and just before the rename the file is
//! read again and compared with what was linted, so a draft edited meanwhile
//! is left alone. A byte order mark and CRLF line endings are kept: fixes
//! replace only the flagged text.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use postlint::{Diagnostic, Linter};

use super::Status;
use super::check;
use crate::args::{ColorChoice, FixArgs};
use crate::error::Error;
use crate::inputs::{self, Input};
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
    let settings = settings::load_for_the_process(&args.rules, args.report.fail_on)?;
    let fixing = if args.diff { Fixing::Diff } else { Fixing::Write };
    check::check_drafts(&args.paths, &args.report, fixing, settings, color)
}

/// One draft after fixing.
pub struct FixedDraft {
    /// The text now on disk (the fixed text, or the original with `--diff`),
    /// with its byte order mark if it has one.
    pub text: String,
    /// Findings in `text` after its byte order mark.
    pub diagnostics: Vec<Diagnostic>,
    /// The fixes applied (or that would be), in the original's coordinates
    /// after its byte order mark.
    pub fixed: Vec<Diagnostic>,
    /// The diff (`--diff`), or the fixed text for stdout (stdin).
    pub output: Option<String>,
}

/// Fixes one draft read from `input` as `original` (the file's whole text,
/// byte order mark included).
pub fn fix_draft(
    linter: &Linter,
    input: &Input,
    name: &str,
    original: String,
    fixing: Fixing,
) -> Result<FixedDraft, Error> {
    let (bom, body) = original.split_at(inputs::bom_len(&original));
    let result = linter.fix(body);
    let fixed = result.applied;
    let changed = result.text != body;
    match fixing {
        Fixing::Diff => {
            let diff = changed.then(|| unified_diff(name, body, &result.text));
            let diagnostics = linter.lint(body);
            Ok(FixedDraft {
                text: original,
                diagnostics,
                fixed,
                output: diff,
            })
        }
        Fixing::Write | Fixing::No => {
            let diagnostics = linter.lint(&result.text);
            let text = format!("{bom}{}", result.text);
            let output = match input {
                Input::Stdin => Some(text.clone()),
                Input::File { path, .. } => {
                    if changed {
                        write_atomically(path, original.as_bytes(), &text, name)?;
                    }
                    None
                }
                Input::Skipped(_) => None,
            };
            Ok(FixedDraft {
                text,
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
/// followed: the file it points to is replaced, and the link stays. A file
/// without write permission is refused: the rename would replace it even so
/// (and always does for root), but read-only says "do not change this".
pub fn write_atomically(path: &Path, original: &[u8], fixed: &str, name: &str) -> Result<(), Error> {
    write_atomically_on(&RealDisk, path, original, fixed, name)
}

/// The steps of an atomic write that fail for reasons outside postlint (a full
/// disk, a folder that cannot be written), so tests can make them fail.
trait Disk {
    /// Where the fixed text is written: the temporary file.
    fn writer<'a>(&self, temp: &'a mut File) -> Box<dyn Write + 'a> {
        Box::new(temp)
    }

    /// Moves the temporary file over the original.
    fn persist(&self, temp: NamedTempFile, target: &Path) -> Result<(), tempfile::PersistError> {
        temp.persist(target).map(drop)
    }
}

struct RealDisk;

impl Disk for RealDisk {}

fn write_atomically_on(disk: &dyn Disk, path: &Path, original: &[u8], fixed: &str, name: &str) -> Result<(), Error> {
    let io = |e| Error::io(name, e);
    let not_written = |source: io::Error| Error::FixNotWritten {
        path: name.to_owned(),
        source,
    };
    let target = std::fs::canonicalize(path).map_err(io)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let metadata = std::fs::metadata(&target).map_err(io)?;
    // Renaming over a named pipe would replace it with a file, and reading it
    // again to compare would wait for a writer that has gone.
    if !metadata.is_file() {
        return Err(Error::NotAFile(name.to_owned()));
    }
    let permissions = metadata.permissions();
    if permissions.readonly() {
        return Err(Error::ReadOnly(name.to_owned()));
    }
    // From here on, a failure drops `temp`, which deletes it: the original is
    // untouched and nothing is left behind.
    let mut temp = tempfile::Builder::new()
        .prefix(".postlint-fix-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(not_written)?;
    {
        let mut writer = disk.writer(temp.as_file_mut());
        writer.write_all(fixed.as_bytes()).map_err(not_written)?;
        writer.flush().map_err(not_written)?;
    }
    temp.as_file().set_permissions(permissions).map_err(not_written)?;
    temp.as_file().sync_all().map_err(not_written)?;
    // Compare again just before renaming: a draft edited since it was read is
    // left as it is.
    let now = std::fs::read(&target).map_err(io)?;
    if now != original {
        return Err(Error::ChangedSinceRead(name.to_owned()));
    }
    disk.persist(temp, &target).map_err(|e| not_written(e.error))?;
    // Make the rename itself durable. Not every platform can open a folder; the
    // data is safe either way.
    if let Ok(dir) = File::open(folder) {
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

    /// A disk that fills up after `room` bytes of the temporary file.
    struct FullDisk {
        room: usize,
    }

    struct FillingWriter<'a> {
        file: &'a mut File,
        room: usize,
    }

    impl Write for FillingWriter<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.file.write(&buf[..n])
        }

        fn flush(&mut self) -> io::Result<()> {
            self.file.flush()
        }
    }

    impl Disk for FullDisk {
        fn writer<'a>(&self, temp: &'a mut File) -> Box<dyn Write + 'a> {
            Box::new(FillingWriter {
                file: temp,
                room: self.room,
            })
        }
    }

    /// A folder where the temporary file can be written but not renamed into
    /// place (as for a non-root user in a read-only folder, which cannot be
    /// made as root).
    struct NoRename;

    impl Disk for NoRename {
        fn persist(&self, temp: NamedTempFile, _target: &Path) -> Result<(), tempfile::PersistError> {
            Err(tempfile::PersistError {
                error: io::Error::from(io::ErrorKind::PermissionDenied),
                file: temp,
            })
        }
    }

    #[test]
    fn a_full_disk_leaves_the_original_untouched_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("draft.txt");
        let original = "room 12 on Bluebell Ward\n".repeat(100);
        std::fs::write(&path, &original).expect("write");
        for room in [0, 1, 1000] {
            let error = write_atomically_on(
                &FullDisk { room },
                &path,
                original.as_bytes(),
                &"[room removed] on [ward removed]\n".repeat(100),
                "draft.txt",
            )
            .expect_err("the disk is full");
            assert_eq!(
                error.to_string(),
                "draft.txt: the fix could not be written (no storage space); the draft is unchanged"
            );
            assert_eq!(std::fs::read_to_string(&path).expect("read"), original, "room = {room}");
            assert_eq!(files_in(dir.path()), ["draft.txt"], "no temporary file is left behind");
        }
    }

    #[test]
    fn a_failed_rename_leaves_the_original_untouched_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "room 12").expect("write");
        let error = write_atomically_on(&NoRename, &path, b"room 12", "[room removed]", "draft.txt")
            .expect_err("the rename fails");
        assert_eq!(
            error.to_string(),
            "draft.txt: the fix could not be written (permission denied); the draft is unchanged"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "room 12");
        assert_eq!(files_in(dir.path()), ["draft.txt"]);
    }

    #[test]
    fn a_read_only_file_is_not_fixed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "room 12").expect("write");
        let mut permissions = std::fs::metadata(&path).expect("metadata").permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).expect("chmod");
        let error = write_atomically(&path, b"room 12", "[room removed]", "draft.txt").expect_err("read-only");
        assert!(matches!(error, Error::ReadOnly(_)), "{error}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "room 12");
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
