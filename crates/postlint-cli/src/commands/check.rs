//! `postlint check`: read drafts (files, folders, stdin) or a batch of posts,
//! lint them in parallel, and hand each report to the output format in input
//! order. Fixing (`--fix`, `--diff`, `postlint fix`) runs through here too.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use postlint::{Diagnostic, FailOn, Linter};

use super::fix::{self, Fixing};
use super::{Status, tell};
use crate::args::{CheckArgs, ColorChoice, Format, ReportArgs};
use crate::batch::{self, Fields};
use crate::error::{self, Error};
use crate::inputs::{self, Input, Read};
use crate::output::{self, Entry, Reporter, Summary};
use crate::parallel::ordered_map;
use crate::settings::{self, Settings};

/// How many files a worker is handed at a time: enough that handing them
/// over costs little next to checking them, and few enough to keep the
/// threads evenly busy. Each thread that is woken costs more on a virtual
/// machine than checking a tweet: 5,000 tweet-sized files took 99 to 101 ms
/// in chunks of 16, and 85 to 96 ms in chunks of 128. But 128 large files
/// would leave a thread idle at the end, so a chunk holds about
/// [`CHUNK_BYTES`] of drafts, by the average size of the files read so far.
/// Memory stays bounded: a worker reads one file at a time, and what it
/// hands back holds the findings, not the draft (see `check_drafts`).
struct ChunkSizes {
    files: AtomicUsize,
    bytes: AtomicUsize,
}

/// Files in a chunk before any has been read, and the most in one.
const FIRST_FILES_PER_CHUNK: usize = 16;
const MOST_FILES_PER_CHUNK: usize = 128;
/// About how many bytes of drafts a chunk holds (see [`ChunkSizes`]).
const CHUNK_BYTES: usize = 64 * 1024;

impl ChunkSizes {
    fn new() -> ChunkSizes {
        ChunkSizes {
            files: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
        }
    }

    fn read(&self, bytes: usize) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    fn files_per_chunk(&self) -> usize {
        let files = self.files.load(Ordering::Relaxed);
        if files == 0 {
            return FIRST_FILES_PER_CHUNK;
        }
        let average = self.bytes.load(Ordering::Relaxed) / files;
        (CHUNK_BYTES / average.max(1)).clamp(1, MOST_FILES_PER_CHUNK)
    }
}

/// Runs `postlint check`.
pub fn run(args: CheckArgs, color: ColorChoice) -> Result<Status, Error> {
    let fixing = match (args.fix, args.diff) {
        (_, true) => Fixing::Diff,
        (true, false) => Fixing::Write,
        (false, false) => Fixing::No,
    };
    let settings = settings::load_for_the_process(&args.rules, args.report.fail_on)?;
    match &args.posts {
        Some(posts) => {
            if fixing != Fixing::No {
                return Err(Error::Usage(
                    "--fix and --diff rewrite drafts, not a batch of posts; check the batch without them".to_owned(),
                ));
            }
            check_posts(posts, &args, settings, color)
        }
        None => check_drafts(&args.paths, &args.report, fixing, settings, color),
    }
}

/// What a worker found for one draft.
struct Checked {
    name: String,
    outcome: Result<Option<Draft>, Error>,
}

struct Draft {
    /// The text reported on: the draft, or the fixed draft when fixes were written.
    text: String,
    /// Findings in `text`.
    diagnostics: Vec<Diagnostic>,
    /// Fixes applied (or, with `--diff`, that would be), in the original's coordinates.
    fixed: Vec<Diagnostic>,
    /// With `--diff`: the unified diff. With fixes and stdin: the fixed text for stdout.
    output: Option<String>,
    /// A note to show (a skipped binary file).
    note: Option<String>,
    /// The findings as the report shows them, rendered by the worker when the
    /// format allows it (see [`output::Prerenderer`]).
    rendered: Option<io::Result<Vec<u8>>>,
}

/// Checks (and perhaps fixes) files, folders and stdin.
pub fn check_drafts(
    paths: &[PathBuf],
    report: &ReportArgs,
    fixing: Fixing,
    settings: &Settings,
    color: ColorChoice,
) -> Result<Status, Error> {
    let stdin_is_terminal = io::stdin().is_terminal();
    let inputs = inputs::expand(paths, stdin_is_terminal)?;
    let reads_stdin = paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-");
    if fixing == Fixing::Write && reads_stdin && paths.len() > 1 {
        return Err(Error::Usage(
            "`-` cannot be fixed together with files: fix stdin (fixed text to stdout) or files, not both".to_owned(),
        ));
    }
    // Fixing stdin writes the fixed draft to stdout, so the report goes to stderr.
    let report_to_stderr = fixing == Fixing::Write && reads_stdin;
    let linter = &settings.linter;
    let stdin_name = report.stdin_filename.as_str();
    let show_color = !report_to_stderr && output::use_color(color);
    let prerenderer = if fixing == Fixing::Diff {
        None
    } else {
        output::Prerenderer::new(report.format, linter, show_color)
    };
    // Only human output shows the text (snippets of findings), and the
    // workers render it unless a diff is asked for (when nothing is
    // reported). Otherwise the draft is dropped by the worker that read it,
    // so the chunks waiting to be written hold findings, not drafts.
    let sink_shows_snippets = prerenderer.is_none() && fixing != Fixing::Diff && report.format == Format::Human;
    let chunk_sizes = ChunkSizes::new();
    let work = |input: Result<Input, Error>| -> Checked {
        let mut checked = match input {
            Ok(input) => check_one(linter, &input, stdin_name, fixing),
            Err(e) => Checked {
                name: String::new(),
                outcome: Err(e),
            },
        };
        let bytes = checked
            .outcome
            .as_ref()
            .map_or(0, |d| d.as_ref().map_or(0, |d| d.text.len()));
        chunk_sizes.read(bytes);
        if let (Some(prerenderer), Ok(Some(draft))) = (&prerenderer, &mut checked.outcome)
            && draft.note.is_none()
            && !draft.diagnostics.is_empty()
        {
            draft.rendered = Some(prerenderer.render(&Entry {
                path: &checked.name,
                file: &checked.name,
                id: None,
                text: &draft.text,
                diagnostics: &draft.diagnostics,
            }));
        }
        if !sink_shows_snippets && let Ok(Some(draft)) = &mut checked.outcome {
            draft.text = String::new();
        }
        checked
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out: Box<dyn Write> = if report_to_stderr {
        Box::new(stderr.lock())
    } else {
        Box::new(BufWriter::new(stdout.lock()))
    };
    let mut fixed_text_out = BufWriter::new(io::stdout());
    let mut reporter: Option<Box<dyn Reporter + '_>> =
        (fixing != Fixing::Diff).then(|| output::reporter(report.format, linter, show_color));
    let mut summary = Summary::default();
    let mut fixes = (0usize, 0usize);
    let mut unreadable = 0;

    // Drafts named one by one fill few chunks, and one chunk goes to one
    // worker: a single draft is checked on this thread, with no thread to
    // start and no second heap to fault in (one short draft: 0.5 ms of 9.5).
    let useful_threads = inputs
        .known_count()
        .map_or(usize::MAX, |n| n.div_ceil(FIRST_FILES_PER_CHUNK));
    ordered_map(
        inputs,
        threads(report).min(useful_threads),
        || chunk_sizes.files_per_chunk(),
        work,
        |checked: Checked| -> Result<(), Error> {
            let draft = match checked.outcome {
                Ok(Some(draft)) => draft,
                Ok(None) => return Ok(()),
                Err(e) => {
                    unreadable += 1;
                    out.flush().map_err(error::output)?;
                    for line in e.lines() {
                        tell("error", &line);
                    }
                    return Ok(());
                }
            };
            if let Some(note) = &draft.note {
                out.flush().map_err(error::output)?;
                tell("note", note);
                return Ok(());
            }
            if !draft.fixed.is_empty() {
                fixes.0 += draft.fixed.len();
                fixes.1 += 1;
                if fixing == Fixing::Write {
                    out.flush().map_err(error::output)?;
                    for d in &draft.fixed {
                        let replacement = d.fix.as_ref().map_or("", |f| f.replacement.as_str());
                        tell(
                            "fixed",
                            &format!(
                                "{}:{}:{}: {} {:?} -> {:?}",
                                checked.name, d.line, d.column, d.rule, d.text, replacement
                            ),
                        );
                    }
                }
            }
            match (&draft.output, fixing) {
                (Some(diff), Fixing::Diff) => out.write_all(diff.as_bytes()).map_err(error::output)?,
                (Some(fixed), Fixing::Write) => {
                    fixed_text_out.write_all(fixed.as_bytes()).map_err(error::output)?;
                    fixed_text_out.flush().map_err(error::output)?;
                }
                _ => {}
            }
            summary.add(&draft.diagnostics);
            if let Some(rendered) = draft.rendered {
                out.write_all(&rendered.map_err(error::output)?)
                    .map_err(error::output)?;
            } else if let Some(reporter) = &mut reporter {
                let entry = Entry {
                    path: &checked.name,
                    file: &checked.name,
                    id: None,
                    text: &draft.text,
                    diagnostics: &draft.diagnostics,
                };
                reporter.entry(&mut out, &entry).map_err(error::output)?;
            }
            Ok(())
        },
    )?;

    summary.unreadable = unreadable;
    if let Some(reporter) = &mut reporter {
        reporter.finish(&mut out, &summary).map_err(error::output)?;
    }
    out.flush().map_err(error::output)?;
    match fixing {
        Fixing::No => {}
        Fixing::Write if fixes.0 > 0 => tell(
            "fixed",
            &format!("{} in {}", plural(fixes.0, "finding"), plural(fixes.1, "draft")),
        ),
        // After an error, "nothing to fix" could be read as "that draft is fine".
        Fixing::Write if unreadable > 0 => {}
        Fixing::Write => tell("note", "nothing to fix"),
        Fixing::Diff if fixes.0 > 0 => tell(
            "note",
            &format!(
                "would fix {} in {}; run without --diff to write the fixes",
                plural(fixes.0, "finding"),
                plural(fixes.1, "draft")
            ),
        ),
        Fixing::Diff if unreadable > 0 => {}
        Fixing::Diff => tell("note", "nothing to fix"),
    }
    Ok(status(&summary, settings.fail_on))
}

/// Reads, lints and (perhaps) fixes one draft.
fn check_one(linter: &Linter, input: &Input, stdin_name: &str, fixing: Fixing) -> Checked {
    let name = match input {
        Input::Stdin => stdin_name.to_owned(),
        Input::File { path, .. } => path.display().to_string(),
        Input::Skipped(note) => return skipped(String::new(), note.clone()),
    };
    let text = match inputs::read(input, stdin_name) {
        Ok(Read::Text(text)) => text,
        Ok(Read::Binary) => {
            let note = format!("skipped {name}: binary file, not a draft");
            return skipped(name, note);
        }
        Ok(Read::TooLarge) => {
            let note = format!(
                "skipped {name}: larger than {} MiB, too large to be a draft",
                inputs::MAX_FILE_BYTES / (1024 * 1024)
            );
            return skipped(name, note);
        }
        Ok(Read::NotADraft) => {
            return Checked {
                name,
                outcome: Ok(None),
            };
        }
        Err(e) => return Checked { name, outcome: Err(e) },
    };
    let draft = if fixing == Fixing::No {
        let diagnostics = linter.lint(&text[inputs::bom_len(&text)..]);
        Ok(Draft {
            text,
            diagnostics,
            fixed: Vec::new(),
            output: None,
            note: None,
            rendered: None,
        })
    } else {
        fix::fix_draft(linter, input, &name, text, fixing).map(|f| Draft {
            text: f.text,
            diagnostics: f.diagnostics,
            fixed: f.fixed,
            output: f.output,
            note: None,
            rendered: None,
        })
    };
    let outcome = draft.map(|mut draft| {
        // The draft is linted without its byte order mark, so line, column and
        // UTF-16 offsets are those of the text as an editor shows it; byte
        // offsets count the mark, so they are offsets into the file.
        let bom = inputs::bom_len(&draft.text);
        if bom > 0 {
            for d in &mut draft.diagnostics {
                d.span = postlint::Span::new(d.span.start + bom, d.span.end + bom);
            }
        }
        Some(draft)
    });
    Checked { name, outcome }
}

/// Something not checked, with a note saying why.
fn skipped(name: String, note: String) -> Checked {
    Checked {
        name,
        outcome: Ok(Some(Draft {
            text: String::new(),
            diagnostics: Vec::new(),
            fixed: Vec::new(),
            output: None,
            note: Some(note),
            rendered: None,
        })),
    }
}

/// What a worker hands back for a run of posts of a batch.
enum PostsChecked {
    /// Posts rendered by the worker (human, concise), with their totals:
    /// the writer only copies the bytes, and frees nothing per post.
    Rendered {
        bytes: io::Result<Vec<u8>>,
        summary: Summary,
    },
    /// A post for the writer to render (json and sarif keep state between entries).
    Post {
        post: batch::Post,
        diagnostics: Vec<Diagnostic>,
    },
    /// A post that could not be read.
    Unreadable(Error),
}

/// Checks a batch of posts.
fn check_posts(path: &Path, args: &CheckArgs, settings: &Settings, color: ColorChoice) -> Result<Status, Error> {
    let shown = if path.as_os_str() == "-" {
        args.report.stdin_filename.clone()
    } else {
        path.display().to_string()
    };
    let fields = Fields {
        id: args.batch.id_field.clone(),
        text: args.batch.text_field.clone(),
    };
    let chunks = batch::open(path, &shown, args.batch.posts_format, fields)?;
    let linter = &settings.linter;
    let color = output::use_color(color);
    let prerenderer = output::Prerenderer::new(args.report.format, linter, color);
    let work = |chunk: batch::Chunk| -> Vec<PostsChecked> {
        let mut checked = Vec::new();
        let mut rendered = Vec::new();
        let mut summary = Summary::default();
        let mut name = String::new();
        for post in chunk.into_posts() {
            let post = match post {
                Ok(post) => post,
                Err(e) => {
                    if summary.files > 0 {
                        let bytes = Ok(std::mem::take(&mut rendered));
                        checked.push(PostsChecked::Rendered { bytes, summary });
                        summary = Summary::default();
                    }
                    checked.push(PostsChecked::Unreadable(e));
                    continue;
                }
            };
            let diagnostics = linter.lint(&post.text);
            let Some(prerenderer) = &prerenderer else {
                checked.push(PostsChecked::Post { post, diagnostics });
                continue;
            };
            summary.add(&diagnostics);
            if !diagnostics.is_empty() {
                let entry = post_entry(&mut name, &shown, &post, &diagnostics);
                if let Err(e) = prerenderer.render_into(&mut rendered, &entry) {
                    checked.push(PostsChecked::Rendered { bytes: Err(e), summary });
                    return checked;
                }
            }
        }
        if summary.files > 0 {
            checked.push(PostsChecked::Rendered {
                bytes: Ok(rendered),
                summary,
            });
        }
        checked
    };

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut reporter = output::reporter(args.report.format, linter, color);
    let mut summary = Summary {
        posts: true,
        ..Summary::default()
    };
    let mut name = String::new();
    ordered_map(
        chunks,
        threads(&args.report),
        || 1,
        work,
        |checked| -> Result<(), Error> {
            for checked in checked {
                match checked {
                    PostsChecked::Rendered { bytes, summary: run } => {
                        summary.absorb(&run);
                        out.write_all(&bytes.map_err(error::output)?).map_err(error::output)?;
                    }
                    PostsChecked::Post { post, diagnostics } => {
                        summary.add(&diagnostics);
                        let entry = post_entry(&mut name, &shown, &post, &diagnostics);
                        reporter.entry(&mut out, &entry).map_err(error::output)?;
                    }
                    PostsChecked::Unreadable(e) => {
                        summary.unreadable += 1;
                        out.flush().map_err(error::output)?;
                        for line in e.lines() {
                            tell("error", &line);
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    reporter.finish(&mut out, &summary).map_err(error::output)?;
    out.flush().map_err(error::output)?;
    Ok(status(&summary, settings.fail_on))
}

/// A post of a batch as reports show it, named `posts.jsonl#id` (written
/// into `name`, a buffer kept between posts).
fn post_entry<'a>(
    name: &'a mut String,
    batch: &'a str,
    post: &'a batch::Post,
    diagnostics: &'a [Diagnostic],
) -> Entry<'a> {
    name.clear();
    name.push_str(batch);
    name.push('#');
    name.push_str(&post.id);
    Entry {
        path: name,
        file: batch,
        id: Some(&post.id),
        text: &post.text,
        diagnostics,
    }
}

/// Trouble wins; else whether any finding reaches the threshold.
fn status(summary: &Summary, fail_on: FailOn) -> Status {
    if summary.unreadable > 0 {
        return Status::Trouble;
    }
    let failing = [
        (postlint::Severity::Error, summary.errors),
        (postlint::Severity::Warning, summary.warnings),
        (postlint::Severity::Info, summary.infos),
    ]
    .into_iter()
    .any(|(severity, count)| count > 0 && fail_on.fails(severity));
    if failing { Status::Findings } else { Status::Clean }
}

fn threads(report: &ReportArgs) -> usize {
    match report.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, usize::from),
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
    fn chunks_hold_about_chunk_bytes_of_the_files_read_so_far() {
        let sizes = ChunkSizes::new();
        assert_eq!(sizes.files_per_chunk(), FIRST_FILES_PER_CHUNK);
        for _ in 0..10 {
            sizes.read(2_048);
        }
        assert_eq!(sizes.files_per_chunk(), CHUNK_BYTES / 2_048);
        let tweets = ChunkSizes::new();
        tweets.read(200);
        tweets.read(0);
        assert_eq!(tweets.files_per_chunk(), MOST_FILES_PER_CHUNK);
        let archives = ChunkSizes::new();
        archives.read(10 << 20);
        assert_eq!(archives.files_per_chunk(), 1);
    }
}
