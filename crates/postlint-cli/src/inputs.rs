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

/// One draft to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// The draft on stdin.
    Stdin,
    /// A file.
    File {
        /// The path as given, or as found under a given folder.
        path: PathBuf,
        /// Found in a folder with no extension: read only if it turns out to be text.
        sniff: bool,
    },
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
                        return Some(Ok(Input::File { path, sniff }));
                    }
                    Some(Err(error)) => return Some(Err(walk_error(&walking.folder, error))),
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
                Root::File(path) => return Some(Ok(Input::File { path, sniff: false })),
                Root::Folder(folder) => {
                    let walk = ignore::WalkBuilder::new(&folder)
                        .require_git(false)
                        .sort_by_file_name(|a, b| a.cmp(b))
                        .build();
                    self.walking = Some(Walking { folder, walk, found: 0 });
                }
            }
        }
    }
}

fn walk_error(folder: &Path, error: ignore::Error) -> Error {
    let text = error.to_string();
    match error.into_io_error() {
        Some(io) => Error::io(folder.display(), io),
        None => Error::Usage(format!("{}: {text}", folder.display())),
    }
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
    /// UTF-8 text.
    Text(String),
    /// A binary file (it has NUL bytes), skipped with a note.
    Binary,
    /// A file with no extension found in a folder that is not text: not a draft, skipped quietly.
    NotADraft,
}

/// Reads a draft once, whole, and checks that it is text. `stdin_name` names stdin in errors.
pub fn read(input: &Input, stdin_name: &str) -> Result<Read, Error> {
    let (name, bytes, sniff) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(stdin_name, e))?;
            (stdin_name.to_owned(), bytes, false)
        }
        Input::File { path, sniff } => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path.display(), e))?;
            (path.display().to_string(), bytes, *sniff)
        }
    };
    if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
        return Ok(if sniff { Read::NotADraft } else { Read::Binary });
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
