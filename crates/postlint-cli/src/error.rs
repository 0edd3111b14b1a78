//! What can go wrong outside the drafts themselves: usage, configuration,
//! rule packs and I/O. Every variant displays as one line naming the thing
//! (and, where there is one, the position); all of them exit with status 2.

use std::fmt;
use std::io;

use postlint::FileErrors;

/// A problem that stops postlint from doing what it was asked.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be done.
    Usage(String),
    /// A file or folder could not be read or written.
    Io {
        /// The path as the user wrote it (or as found in a folder).
        path: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// A draft is not UTF-8.
    InvalidUtf8 {
        /// The file.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: u64,
    },
    /// A draft is UTF-16 text (it starts with a UTF-16 byte order mark).
    Utf16(String),
    /// A file named on the command line (or stdin) is binary: it has a NUL byte.
    Binary {
        /// The file.
        path: String,
        /// Byte offset of the first NUL byte.
        offset: u64,
    },
    /// A draft, pack or configuration is larger than postlint reads.
    TooLarge {
        /// The file.
        path: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A folder holds no drafts.
    NoDrafts(String),
    /// A batch of posts is malformed.
    Batch {
        /// `posts.jsonl:3`: the file and line (or CSV row).
        place: String,
        /// What is wrong.
        message: String,
    },
    /// A configuration file or rule pack is malformed (every mistake, each located).
    Rules(FileErrors),
    /// A file to be fixed changed on disk after it was read, so it was left alone.
    ChangedSinceRead(String),
    /// A file to be fixed has no write permission, so it was left alone.
    ReadOnly(String),
    /// A draft to be fixed is not a regular file (a named pipe, a device), so
    /// there is nothing to write the fixed text back to.
    NotAFile(String),
    /// Writing a fixed draft failed; the original is untouched.
    FixNotWritten {
        /// The draft.
        path: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// The configuration lists itself among its rule packs.
    ConfigListsItself {
        /// The configuration file.
        config: String,
        /// The entry of `rules` (or `--rules`) that names it.
        entry: String,
    },
    /// The output could not be written (a closed pipe is not reported).
    Output(io::Error),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl fmt::Display, source: io::Error) -> Error {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }

    /// Each line of the message (a malformed pack may have several located mistakes).
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Rules(errors) => errors.iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::Io { path, source } => write!(f, "{path}: {}", describe_io(source)),
            Error::InvalidUtf8 { path, offset } => {
                write!(f, "{path}: invalid UTF-8 at byte {offset}; save it as UTF-8 text")
            }
            Error::Utf16(path) => write!(f, "{path}: UTF-16 text is not supported; save it as UTF-8 text"),
            Error::Binary { path, offset } => write!(
                f,
                "{path}: binary file (a NUL byte at byte {offset}), not a draft; nothing in it was checked"
            ),
            Error::TooLarge { path, limit } => write!(
                f,
                "{path}: larger than {} MiB, the most postlint reads from one file; nothing in it was checked",
                limit / (1024 * 1024)
            ),
            Error::NoDrafts(path) => write!(
                f,
                "{path}: no drafts found (looked for .txt, .md and .markdown files, and text files with no extension)"
            ),
            Error::Batch { place, message } => write!(f, "{place}: {message}"),
            Error::Rules(errors) => write!(f, "{errors}"),
            Error::ChangedSinceRead(path) => {
                write!(
                    f,
                    "{path}: changed on disk while it was being fixed; left as it is, run again"
                )
            }
            Error::ReadOnly(path) => write!(
                f,
                "{path}: read-only (no write permission), so it was not fixed; make it writable, or preview the fixes with --diff"
            ),
            Error::NotAFile(path) => write!(
                f,
                "{path}: not a regular file (a pipe or a device), so it was not fixed; fix text on stdin with `postlint fix -`"
            ),
            Error::FixNotWritten { path, source } => write!(
                f,
                "{path}: the fix could not be written ({}); the draft is unchanged",
                describe_io(source)
            ),
            Error::ConfigListsItself { config, entry } => write!(
                f,
                "{config}: `rules` entry {entry:?} is this configuration file itself; list rule packs (or folders of packs), not the configuration"
            ),
            Error::Output(source) => write!(f, "cannot write output: {}", describe_io(source)),
        }
    }
}

impl std::error::Error for Error {}

impl From<FileErrors> for Error {
    fn from(errors: FileErrors) -> Self {
        Error::Rules(errors)
    }
}

/// The operating system's message without Rust's `(os error 2)` suffix, lower-case first.
fn describe_io(error: &io::Error) -> String {
    let text = match error.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// Wraps an output error, so a closed pipe can be told apart from other failures.
pub fn output(error: io::Error) -> Error {
    Error::Output(error)
}
