//! End-to-end tests of the `postlint` binary: every command, format, exit
//! status and error, run as a user would, with snapshots of stdout, stderr and
//! the exit code (insta-cmd). Case data lives in the workspace's `tests/cli/`;
//! cases that need files git cannot hold (binary, invalid UTF-8, ignored by
//! .gitignore) or that rewrite files run in a scratch folder.
//!
//! Most cases use the small `tests/cli/packs/demo.toml` with `--no-builtin`,
//! so their snapshots change only when the CLI does; a few smoke cases use the
//! built-in packs on drafts whose findings are unambiguous.
//!
//! Review changed snapshots with `cargo insta review`.

#[path = "e2e/batch.rs"]
mod batch;
#[path = "e2e/check.rs"]
mod check;
#[path = "e2e/config.rs"]
mod config;
#[path = "e2e/errors.rs"]
mod errors;
#[path = "e2e/fix.rs"]
mod fix;
#[path = "e2e/formats.rs"]
mod formats;
#[path = "e2e/hostile.rs"]
mod hostile;
#[path = "e2e/rules.rs"]
mod rules;
#[path = "e2e/support.rs"]
pub mod support;
