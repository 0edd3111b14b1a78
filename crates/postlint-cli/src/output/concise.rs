//! `--format concise`: one line per finding, `path:line:col: severity rule message`,
//! and nothing else, so `grep` and `wc -l` work on it.

use std::io::{self, Write};

use super::{Entry, Reporter, Summary};

pub struct Concise;

/// One entry; the format keeps no state between entries.
pub fn write_entry(out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()> {
    for d in entry.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            entry.path, d.line, d.column, d.severity, d.rule, d.message
        )?;
    }
    Ok(())
}

impl Reporter for Concise {
    fn entry(&mut self, out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()> {
        write_entry(out, entry)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
