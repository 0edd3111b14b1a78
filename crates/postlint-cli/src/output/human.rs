//! `--format human`: each finding as an annotated snippet of the draft with the
//! flagged text underlined, the rule id, severity, message, the fix on offer
//! and the guidance it rests on; then a summary line.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use postlint::{Diagnostic, RuleSet, Severity};

use super::{Entry, Reporter, Summary, plain_snippet};

pub struct Human<'a> {
    rules: &'a RuleSet,
    renderer: Renderer,
    color: bool,
}

impl<'a> Human<'a> {
    pub fn new(rules: &'a RuleSet, color: bool) -> Human<'a> {
        Human {
            rules,
            renderer: if color { Renderer::styled() } else { Renderer::plain() },
            color,
        }
    }

    fn write_diagnostic(&self, out: &mut dyn Write, path: &str, text: &str, d: &Diagnostic) -> io::Result<()> {
        let rule = self.rules.rule(d.rule.as_str());
        let (line, span) = snippet_lines(text, d.span.start..d.span.end);
        let label = rule.map_or("", |r| r.title.as_str());
        let mut footers = Vec::new();
        if let Some(fix) = &d.fix {
            footers.push((
                "help",
                format!(
                    "fix: replace {:?} with {:?} (`postlint fix` applies it)",
                    d.text, fix.replacement
                ),
            ));
        }
        for source in rule.map(|r| r.sources.as_slice()).unwrap_or_default() {
            footers.push(("note", format!("source: {}", source_name(source))));
        }
        let mut rendered = String::new();
        let finding = plain_snippet::Finding {
            level: level_name(d.severity),
            id: d.rule.as_str(),
            message: d.message.as_str(),
            path,
            line_number: d.line as usize,
            line,
            span: span.clone(),
            label,
            footers: &footers,
        };
        if self.color || !plain_snippet::render(&finding, &mut rendered) {
            rendered = render_in_general(&self.renderer, &finding);
        }
        writeln!(out, "{rendered}\n")
    }
}

/// Any finding, in colour or not, by the general renderer.
pub(super) fn render_in_general(renderer: &Renderer, finding: &plain_snippet::Finding<'_>) -> String {
    let level = match finding.level {
        "error" => Level::ERROR,
        "warning" => Level::WARNING,
        _ => Level::INFO,
    };
    let mut group = level.primary_title(finding.message).id(finding.id).element(
        Snippet::source(finding.line)
            .line_start(finding.line_number)
            .path(finding.path)
            .annotation(AnnotationKind::Primary.span(finding.span.clone()).label(finding.label)),
    );
    for (kind, text) in finding.footers {
        let level = if *kind == "help" { Level::HELP } else { Level::NOTE };
        group = group.element(level.message(text.as_str()));
    }
    renderer.render(&[group])
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// "Publisher: title", or the title alone.
pub fn source_name(source: &postlint::Source) -> String {
    match &source.publisher {
        Some(publisher) => format!("{publisher}: {}", source.title),
        None => source.title.clone(),
    }
}

/// The whole lines of `text` that `span` touches, and `span` within them.
/// Only those lines are handed to the renderer, so a huge draft costs no more
/// to show than a short one.
fn snippet_lines(text: &str, span: Range<usize>) -> (&str, Range<usize>) {
    let mut start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    // A byte order mark is not shown: it is not part of what the author wrote.
    if start == 0 && text.starts_with('\u{feff}') && span.start >= '\u{feff}'.len_utf8() {
        start = '\u{feff}'.len_utf8();
    }
    let mut end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    if end > span.end && text[..end].ends_with('\r') {
        end -= 1;
    }
    (&text[start..end], span.start - start..span.end - start)
}

impl Human<'_> {
    /// One entry; the format keeps no state between entries.
    pub fn write_entry(&self, out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()> {
        for d in entry.diagnostics {
            self.write_diagnostic(out, entry.path, entry.text, d)?;
        }
        Ok(())
    }
}

impl Reporter for Human<'_> {
    fn entry(&mut self, out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()> {
        self.write_entry(out, entry)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let what = if summary.posts { "post" } else { "draft" };
        let checked = plural(summary.files, what);
        let unreadable = match summary.unreadable {
            0 => String::new(),
            n => format!("; {n} could not be checked (see the errors above)"),
        };
        if summary.findings() == 0 {
            return writeln!(out, "No problems found in {checked}{unreadable}.");
        }
        writeln!(
            out,
            "Found {} in {} of {checked}: {}, {}, {} info{unreadable}.",
            plural(summary.findings(), "problem"),
            summary.files_with_findings,
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            summary.infos,
        )?;
        writeln!(
            out,
            "Run `postlint explain RULE` to see why a rule matters and what to write instead."
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_is_the_touched_lines_only() {
        let text = "one\r\ntwo three\r\nfour";
        let start = text.find("three").expect("in text");
        let (lines, range) = snippet_lines(text, start..start + 5);
        assert_eq!(lines, "two three");
        assert_eq!(&lines[range], "three");
        let (lines, _) = snippet_lines(text, 0..3);
        assert_eq!(lines, "one");
        let (lines, _) = snippet_lines(text, text.len() - 4..text.len());
        assert_eq!(lines, "four");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_snippet() {
        let text = "\u{feff}room 1\nroom 2";
        let (lines, range) = snippet_lines(text, 3..9);
        assert_eq!(lines, "room 1");
        assert_eq!(&lines[range], "room 1");
    }
}
