//! Turning reports into the formats people and tools read. Every format is
//! streamed: an entry is written as soon as it is checked, so output for a
//! large batch needs no more memory than output for one post.

mod concise;
mod human;
mod json;
mod plain_snippet;
mod sarif;

pub use human::source_name;

use std::io::{self, IsTerminal, Write};

use postlint::{Diagnostic, Linter, Severity};

use crate::args::{ColorChoice, Format};

/// One checked draft or post.
pub struct Entry<'a> {
    /// How it is named in output: a path, `<stdin>`, or `posts.jsonl#<id>` for a post of a batch.
    pub path: &'a str,
    /// The file it came from: the draft's path, or the batch's.
    pub file: &'a str,
    /// The post's id, for a post of a batch.
    pub id: Option<&'a str>,
    /// The text that was checked.
    pub text: &'a str,
    /// What was found, sorted by position.
    pub diagnostics: &'a [Diagnostic],
}

/// Totals for the summary line and the exit status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Drafts or posts checked.
    pub files: usize,
    /// Of those, how many had findings.
    pub files_with_findings: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Findings by severity.
    pub warnings: usize,
    /// Findings by severity.
    pub infos: usize,
    /// Whether the inputs were posts of a batch (for wording).
    pub posts: bool,
    /// Inputs that could not be checked (I/O, encoding, a malformed post).
    pub unreadable: usize,
}

impl Summary {
    /// Counts one entry's findings.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        if !diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Adds another run's totals (counted apart, on another thread).
    pub fn absorb(&mut self, other: &Summary) {
        self.files += other.files;
        self.files_with_findings += other.files_with_findings;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.unreadable += other.unreadable;
    }

    /// All findings.
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Writes entries in one format.
pub trait Reporter {
    /// Writes one checked draft or post.
    fn entry(&mut self, out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()>;
    /// Writes whatever closes the output (a summary line, the end of a JSON document).
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The reporter for `format`.
pub fn reporter<'a>(format: Format, linter: &'a Linter, color: bool) -> Box<dyn Reporter + 'a> {
    match format {
        Format::Human => Box::new(human::Human::new(linter.rule_set(), color)),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::new(linter)),
    }
}

/// Renders entries of the formats that keep no state between entries
/// (`human`, `concise`) on the threads that check them, so the one thread
/// that writes the output only copies bytes: rendering a finding as a snippet
/// costs more than finding it.
pub enum Prerenderer<'a> {
    Human(human::Human<'a>),
    Concise,
}

impl Prerenderer<'_> {
    /// The renderer for `format`, if it keeps no state between entries.
    pub fn new(format: Format, linter: &Linter, color: bool) -> Option<Prerenderer<'_>> {
        match format {
            Format::Human => Some(Prerenderer::Human(human::Human::new(linter.rule_set(), color))),
            Format::Concise => Some(Prerenderer::Concise),
            Format::Json | Format::Sarif => None,
        }
    }

    /// The entry exactly as its reporter would write it.
    pub fn render(&self, entry: &Entry<'_>) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.render_into(&mut out, entry)?;
        Ok(out)
    }

    /// Appends the entry to `out`, exactly as its reporter would write it.
    pub fn render_into(&self, out: &mut Vec<u8>, entry: &Entry<'_>) -> io::Result<()> {
        match self {
            Prerenderer::Human(human) => human.write_entry(out, entry),
            Prerenderer::Concise => concise::write_entry(out, entry),
        }
    }
}

/// Whether to colour output written to stdout: never with `NO_COLOR` set (to
/// anything but the empty string), else as `choice` says, `auto` meaning only on a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal(),
    }
}

/// Writes `value` as pretty JSON whose lines after the first are indented by
/// `indent` spaces, so pieces streamed one by one form the same document as
/// `serde_json::to_string_pretty` of the whole.
pub(crate) fn write_indented_json(out: &mut dyn Write, value: &impl serde::Serialize, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
