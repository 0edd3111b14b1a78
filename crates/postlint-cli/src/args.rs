//! The command line as typed: clap derive structs, no behaviour.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks a healthcare professional's social media draft before it is published:
/// patient identifiers, swearing, undisclosed conflicts of interest and
/// professionalism, against declarative rule packs.
#[derive(Debug, Parser)]
#[command(name = "postlint", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// When to colour output: on a terminal (auto), always or never. NO_COLOR turns colour off in every case.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts: files, folders (recursively, respecting .gitignore), stdin or a batch of posts.
    Check(CheckArgs),
    /// Apply the fixes rules offer (redactions, replacements) and report what is left.
    Fix(FixArgs),
    /// List every rule: id, severity and title.
    Rules(RulesArgs),
    /// Explain a rule: why it matters, what to do instead, examples and guidance sources.
    Explain(ExplainArgs),
    /// Run the examples in your own rule packs and report each one that does not behave.
    TestRules(TestRulesArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; `-` reads a draft from stdin (the default when stdin is not a terminal).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Check a batch of posts from a JSON Lines or CSV file (`-` for stdin) instead of drafts.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub posts: Option<PathBuf>,

    #[command(flatten)]
    pub batch: BatchArgs,

    /// Apply fixes to the files (as `postlint fix` does), then report what is left.
    #[arg(long)]
    pub fix: bool,

    /// Show the fixes as a unified diff instead of writing them (implies --fix).
    #[arg(long)]
    pub diff: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files and folders to fix; `-` reads a draft from stdin and writes the fixed draft to stdout.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Show the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub rules: RuleArgs,
}

/// How a batch of posts is read.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The field (JSON) or column (CSV) holding each post's id [default: id; else the line number].
    #[arg(long, value_name = "NAME", requires = "posts")]
    pub id_field: Option<String>,

    /// The field or column holding each post's text [default: the first of text, content, message, body, post].
    #[arg(long, value_name = "NAME", requires = "posts")]
    pub text_field: Option<String>,

    /// The batch's format [default: from the extension (.jsonl, .ndjson, .csv, .tsv), else from its first byte].
    #[arg(long, value_enum, value_name = "FORMAT", requires = "posts")]
    pub posts_format: Option<PostsFormat>,
}

/// Output and exit status.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    pub format: Format,

    /// The lowest severity that makes postlint exit with status 1 [default: the config's fail-on, else warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// How many threads check drafts and posts [default: one per core]. Output is the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// The name stdin's draft has in output.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
}

/// Which rules run.
#[derive(Debug, Clone, Default, Args)]
pub struct RuleArgs {
    /// Run only these rules: ids or prefixes, comma-separated or repeated (replaces the config's `select`).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Never run these rules: ids or prefixes (added to the config's `ignore`).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Add a rule pack file, or every *.toml pack in a folder (added to the config's `rules`).
    #[arg(long = "rules", value_name = "PATH")]
    pub packs: Vec<PathBuf>,

    /// Do not run the built-in packs.
    #[arg(long)]
    pub no_builtin: bool,

    /// Read this configuration file instead of looking for postlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Do not read any postlint.toml.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human, value_name = "FORMAT")]
    pub format: ListFormat,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule: its full id (`patient-identifiers/nhs-number`), or the part after the `/` when only one rule has it.
    #[arg(value_name = "RULE")]
    pub rule: String,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// Rule pack files, or folders of *.toml packs.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each finding as an annotated snippet, then a summary line.
    Human,
    /// One line per finding: `path:line:col: severity rule message`.
    Concise,
    /// One JSON object (the documented contract).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// A JSON array.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 on errors only.
    Error,
    /// Exit 1 on warnings and errors.
    Warning,
    /// Exit 1 on any finding.
    Info,
    /// Exit 0 whatever is found.
    Never,
}

impl From<FailOn> for postlint::FailOn {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Error => postlint::FailOn::Error,
            FailOn::Warning => postlint::FailOn::Warning,
            FailOn::Info => postlint::FailOn::Info,
            FailOn::Never => postlint::FailOn::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PostsFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour (unless NO_COLOR is set).
    Always,
    /// Never colour.
    Never,
}
