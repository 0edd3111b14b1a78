//! `--format json`: the contract in the design document.
//!
//! ```json
//! { "version": 1, "files": [ { "path": ..., "diagnostics": [ ... ] } ], "summary": { ... } }
//! ```
//!
//! Every checked draft has an entry (with an empty `diagnostics` list when
//! clean). A post of a batch is named `"path": "<batch>#<id>"` and also carries
//! `"id"`. The document is streamed, entry by entry, and is byte for byte what
//! `serde_json::to_string_pretty` would give for the whole.

use std::io::{self, Write};

use postlint::Diagnostic;
use serde::Serialize;

use super::{Entry, Reporter, Summary, write_indented_json};

/// The version of the JSON contract.
pub const VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    entries: usize,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Totals {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Json {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [")
    }
}

impl Reporter for Json {
    fn entry(&mut self, out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()> {
        if self.entries == 0 {
            self.start(out)?;
        } else {
            out.write_all(b",")?;
        }
        self.entries += 1;
        out.write_all(b"\n    ")?;
        let file = FileEntry {
            path: entry.path,
            id: entry.id,
            diagnostics: entry.diagnostics,
        };
        write_indented_json(out, &file, 4)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.entries == 0 {
            self.start(out)?;
            out.write_all(b"]")?;
        } else {
            out.write_all(b"\n  ]")?;
        }
        out.write_all(b",\n  \"summary\": ")?;
        let totals = Totals {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        };
        write_indented_json(out, &totals, 2)?;
        out.write_all(b"\n}\n")
    }
}
