//! Which drafts a command reads: files and folders (walked lazily, respecting
//! `.gitignore`), or stdin; and reading one draft, once, as UTF-8 text.

use std::collections::VecDeque;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Extensions of drafts found in folders (compared case-insensitively).
pub const DRAFT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Bytes looked at to tell a binary file from text (as git and ripgrep do).
const SNIFF_LEN: usize = 8192;

/// The most postlint reads from one draft, pack or configuration file. A
/// social media draft is a few kilobytes; this only stops a mistaken path (a
/// disk image, a log) from eating memory, and is far above any real draft.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The UTF-8 byte order mark some editors (Windows Notepad) put at the start.
const UTF8_BOM: &str = "\u{feff}";

/// One draft to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// The draft on stdin.
    Stdin,
    /// A file.
    File {
        /// The path as given, or as found under a given folder.
        path: PathBuf,
        /// Found in a folder (not named on the command line).
        in_folder: bool,
        /// Found in a folder with no extension: read only if it turns out to be text.
        sniff: bool,
    },
    /// Something in a folder that is not read, with the note saying why.
    Skipped(String),
}

/// Checks that every path exists, then returns the drafts they name, found lazily
/// (a folder is walked as its drafts are checked). `-` is stdin; so is an empty
/// list when `stdin_is_terminal` is false.
pub fn expand(paths: &[PathBuf], stdin_is_terminal: bool) -> Result<Inputs, Error> {
    if paths.is_empty() {
        if stdin_is_terminal {
            return Err(Error::Usage(
                "nothing to check: give files or folders, `-` to read stdin, or --posts FILE".to_owned(),
            ));
        }
        return Ok(Inputs::new(vec![Root::Stdin]));
    }
    let mut roots = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_seen {
                roots.push(Root::Stdin);
            }
            stdin_seen = true;
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| Error::io(path.display(), e))?;
        roots.push(if metadata.is_dir() {
            Root::Folder(path.clone())
        } else {
            Root::File(path.clone())
        });
    }
    Ok(Inputs::new(roots))
}

#[derive(Debug)]
enum Root {
    Stdin,
    File(PathBuf),
    Folder(PathBuf),
}

/// The drafts named on the command line, in order; folders in file-name order.
pub struct Inputs {
    roots: VecDeque<Root>,
    walking: Option<Walking>,
}

struct Walking {
    folder: PathBuf,
    walk: ignore::Walk,
    found: usize,
}

impl Inputs {
    fn new(roots: Vec<Root>) -> Inputs {
        Inputs {
            roots: roots.into(),
            walking: None,
        }
    }

    /// How many drafts there are, when that is known before reading any:
    /// when no folder was named.
    pub fn known_count(&self) -> Option<usize> {
        let no_folder = self.walking.is_none() && !self.roots.iter().any(|r| matches!(r, Root::Folder(_)));
        no_folder.then_some(self.roots.len())
    }
}

impl Iterator for Inputs {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(walking) = &mut self.walking {
                match walking.walk.next() {
                    Some(Ok(entry)) => {
                        if !entry.file_type().is_some_and(|t| t.is_file()) {
                            continue;
                        }
                        let path = entry.into_path();
                        let sniff = match draft_kind(&path) {
                            DraftKind::Draft => false,
                            DraftKind::MaybeText => true,
                            DraftKind::Other => continue,
                        };
                        walking.found += 1;
                        return Some(Ok(Input::File {
                            path,
                            in_folder: true,
                            sniff,
                        }));
                    }
                    Some(Err(error)) => match walk_error(&walking.folder, error) {
                        Some(found) => return Some(found),
                        None => continue,
                    },
                    None => {
                        let done = self.walking.take()?;
                        if done.found == 0 {
                            return Some(Err(Error::NoDrafts(done.folder.display().to_string())));
                        }
                        continue;
                    }
                }
            }
            match self.roots.pop_front()? {
                Root::Stdin => return Some(Ok(Input::Stdin)),
                Root::File(path) => {
                    return Some(Ok(Input::File {
                        path,
                        in_folder: false,
                        sniff: false,
                    }));
                }
                Root::Folder(folder) => {
                    // Links are followed, so a linked draft is checked like any
                    // other; the walker detects a link back to a folder above.
                    let walk = ignore::WalkBuilder::new(&folder)
                        .require_git(false)
                        .follow_links(true)
                        // Siblings' paths share their folder's, so comparing them
                        // whole, byte by byte, orders them by file name, without
                        // working out each name again at every comparison (a
                        // fifth of the walk's cost for a folder of 5,000 drafts).
                        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
                        .build();
                    self.walking = Some(Walking { folder, walk, found: 0 });
                }
            }
        }
    }
}

/// What a walk error means for the user: a link looping back to a folder
/// above is skipped with a note (following it would never end); a broken link
/// that does not look like a draft is not one, so it is passed over quietly;
/// anything else is an error naming the path.
fn walk_error(folder: &Path, error: ignore::Error) -> Option<Result<Input, Error>> {
    let (path, inner) = unwrap_path(error);
    let path = path.unwrap_or_else(|| folder.to_path_buf());
    if let ignore::Error::Loop { ancestor, .. } = &inner {
        return Some(Ok(Input::Skipped(format!(
            "skipped {}: a symbolic link back to {}, which is already being checked",
            path.display(),
            ancestor.display()
        ))));
    }
    let text = inner.to_string();
    match inner.into_io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound && is_link(&path) => {
            (draft_kind(&path) != DraftKind::Other).then(|| {
                Err(Error::Usage(format!(
                    "{}: a symbolic link to a file that does not exist",
                    path.display()
                )))
            })
        }
        Some(io) => Some(Err(Error::io(path.display(), io))),
        None => Some(Err(Error::Usage(format!("{}: {text}", path.display())))),
    }
}

fn unwrap_path(error: ignore::Error) -> (Option<PathBuf>, ignore::Error) {
    match error {
        ignore::Error::WithPath { path, err } => {
            let (inner_path, inner) = unwrap_path(*err);
            (inner_path.or(Some(path)), inner)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => unwrap_path(*err),
        ignore::Error::Loop { ref child, .. } => (Some(child.clone()), error),
        other => (None, other),
    }
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftKind {
    Draft,
    MaybeText,
    Other,
}

fn draft_kind(path: &Path) -> DraftKind {
    match path.extension().and_then(|e| e.to_str()) {
        None => DraftKind::MaybeText,
        Some(ext) if DRAFT_EXTENSIONS.iter().any(|d| ext.eq_ignore_ascii_case(d)) => DraftKind::Draft,
        Some(_) => DraftKind::Other,
    }
}

/// What reading a draft found.
#[derive(Debug)]
pub enum Read {
    /// UTF-8 text, exactly as in the file (a byte order mark included: see [`bom_len`]).
    Text(String),
    /// A binary file (it has NUL bytes) found in a folder, skipped with a note.
    Binary,
    /// A file with no extension found in a folder that is not text: not a draft, skipped quietly.
    NotADraft,
    /// A file with no extension found in a folder that is too large to be a draft: skipped with a note.
    TooLarge,
}

/// Reads a draft once, whole, and checks that it is text. `stdin_name` names stdin in errors.
///
/// A file named on the command line (or stdin) must be a draft: binary
/// content is an error, so a check never passes without having checked what
/// it was given. In a folder, binary files are skipped with a note.
pub fn read(input: &Input, stdin_name: &str) -> Result<Read, Error> {
    let (name, bytes, in_folder, sniff) = match input {
        Input::Skipped(_) => return Ok(Read::NotADraft),
        Input::Stdin => {
            let bytes = read_limited(std::io::stdin().lock(), None, stdin_name)?;
            (stdin_name.to_owned(), bytes, false, false)
        }
        Input::File { path, in_folder, sniff } => {
            let name = path.display().to_string();
            let bytes = match read_file(path, &name) {
                Err(Error::TooLarge { .. }) if *sniff => return Ok(Read::TooLarge),
                other => other?,
            };
            (name, bytes, *in_folder, *sniff)
        }
    };
    if is_utf16(&bytes) {
        return Err(Error::Utf16(name));
    }
    if let Some(offset) = bytes[..bytes.len().min(SNIFF_LEN)].iter().position(|&b| b == 0) {
        return match (in_folder, sniff) {
            (true, true) => Ok(Read::NotADraft),
            (true, false) => Ok(Read::Binary),
            (false, _) => Err(Error::Binary {
                path: name,
                offset: offset as u64,
            }),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Read::Text(text)),
        Err(_) if sniff => Ok(Read::NotADraft),
        Err(e) => Err(Error::InvalidUtf8 {
            path: name,
            offset: e.utf8_error().valid_up_to() as u64,
        }),
    }
}

/// Reads a whole file of at most [`MAX_FILE_BYTES`]. A regular file's size is
/// checked before reading; a pipe or device is read up to the limit.
pub fn read_file(path: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(name, e))?;
    let metadata = file.metadata().map_err(|e| Error::io(name, e))?;
    if metadata.is_dir() {
        return Err(Error::io(name, std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let size = metadata.is_file().then_some(metadata.len());
    read_limited(file, size, name)
}

/// Reads a UTF-8 text file (a pack, a configuration) of at most [`MAX_FILE_BYTES`].
pub fn read_text_file(path: &Path) -> Result<String, Error> {
    let name = path.display().to_string();
    let bytes = read_file(path, &name)?;
    if is_utf16(&bytes) {
        return Err(Error::Utf16(name));
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: name,
        offset: e.utf8_error().valid_up_to() as u64,
    })
}

fn read_limited(reader: impl std::io::Read, size: Option<u64>, name: &str) -> Result<Vec<u8>, Error> {
    let too_large = || Error::TooLarge {
        path: name.to_owned(),
        limit: MAX_FILE_BYTES,
    };
    if size.is_some_and(|size| size > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(size.map_or(0, |s| s as usize));
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(name, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Whether `bytes` start with a UTF-16 byte order mark, little- or big-endian
/// (which also covers UTF-32 little-endian). Saved as "Unicode" by Windows Notepad.
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// The length of the UTF-8 byte order mark at the start of `text`, if it has one (else 0).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_up_to_the_limit_and_no_further() {
        let exactly = std::io::repeat(b'a').take(MAX_FILE_BYTES);
        assert_eq!(
            read_limited(exactly, None, "-").expect("at the limit").len() as u64,
            MAX_FILE_BYTES
        );
        let endless = std::io::repeat(b'a');
        let error = read_limited(endless, None, "<stdin>").expect_err("over the limit");
        assert_eq!(
            error.to_string(),
            "<stdin>: larger than 64 MiB, the most postlint reads from one file; nothing in it was checked"
        );
    }

    #[test]
    fn the_count_is_known_unless_a_folder_is_named() {
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let file = here.join("Cargo.toml");
        let count = |paths: &[PathBuf]| expand(paths, false).expect("exists").known_count();
        assert_eq!(count(std::slice::from_ref(&file)), Some(1));
        assert_eq!(count(&[file.clone(), PathBuf::from("-"), PathBuf::from("-")]), Some(2));
        assert_eq!(count(&[file, here.join("src")]), None);
        assert_eq!(count(&[]), Some(1));
    }

    #[test]
    fn a_byte_order_mark_is_three_bytes_or_none() {
        assert_eq!(bom_len("\u{feff}room"), 3);
        assert_eq!(bom_len("room\u{feff}"), 0);
        assert_eq!(bom_len(""), 0);
    }
}
