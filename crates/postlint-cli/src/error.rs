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
                write!(
                    f,
                    "{path}: invalid UTF-8 at byte {offset}; save the draft as UTF-8 text"
                )
            }
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
