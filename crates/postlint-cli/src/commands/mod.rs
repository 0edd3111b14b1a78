//! One module per subcommand.

pub mod check;
pub mod explain;
pub mod fix;
pub mod rules;
pub mod test_rules;

use std::io::Write;

/// How a command ended, which decides the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing at or above the failure threshold: exit 0.
    Clean,
    /// Findings at or above the threshold (or failing rule examples): exit 1.
    Findings,
    /// Some input could not be read or written (already reported): exit 2.
    Trouble,
}

impl Status {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Trouble => 2,
        }
    }
}

/// Writes a note (`postlint: note: ...`) or a non-fatal error to stderr.
pub fn tell(kind: &str, message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "postlint: {kind}: {message}");
}
