//! `postlint`: parse the command line, run the command, map the outcome to an
//! exit status (0 clean, 1 findings at or above the threshold, 2 trouble).

mod args;
mod batch;
mod commands;
mod config_file;
mod error;
mod inputs;
mod output;
mod packs;
mod parallel;
mod settings;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::commands::{Status, tell};
use crate::error::Error;

fn main() -> ExitCode {
    report_bugs_in_one_line();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let color = cli.color;
    let outcome = match cli.command {
        Command::Check(args) => commands::check::run(args, color),
        Command::Fix(args) => commands::fix::run(args, color),
        Command::Rules(args) => commands::rules::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::TestRules(args) => commands::test_rules::run(args),
    };
    match outcome {
        Ok(status) => ExitCode::from(status.code()),
        // A reader that stopped reading (`postlint check | head`) is not an error.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            for line in e.lines() {
                tell("error", &line);
            }
            ExitCode::from(Status::Trouble.code())
        }
    }
}

/// A bug (a panic) is reported as one `postlint: internal error` message
/// with its place in the source, not as a Rust panic and backtrace, and the
/// process exits with status 101 as Rust programs do on a bug.
fn report_bugs_in_one_line() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tell(
            "internal error",
            &format!("{message}{place} (this is a bug in postlint; please report it)"),
        );
    }));
}

/// Help and version go to stdout with status 0; a usage mistake is one line
/// (plus clap's suggestion, if it has one) with status 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = write!(std::io::stdout().lock(), "{e}");
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = write!(std::io::stderr().lock(), "{e}");
        return ExitCode::from(Status::Trouble.code());
    }
    let rendered = e.render().to_string();
    let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("invalid command line");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let tips: Vec<&str> = lines.filter_map(|l| l.strip_prefix("tip: ")).collect();
    let mut message = first.to_owned();
    for tip in tips {
        message.push_str("; ");
        message.push_str(tip);
    }
    tell("error", &format!("{message} (see `postlint --help`)"));
    ExitCode::from(Status::Trouble.code())
}
