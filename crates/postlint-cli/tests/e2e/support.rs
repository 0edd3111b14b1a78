//! Running the binary the same way in every test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace's `tests/cli/` folder, where the case data lives.
pub fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli")
}

/// `postlint` run in `tests/cli/`, with an environment that cannot change its output.
pub fn postlint() -> Command {
    in_dir(&cases())
}

/// `postlint` run in `dir`.
pub fn in_dir(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postlint"));
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE")
        .env("COLUMNS", "100");
    command
}

/// The demo pack alone, no configuration: `postlint SUBCOMMAND --no-config --no-builtin --rules packs/demo.toml`.
pub fn demo(subcommand: &str) -> Command {
    let mut command = postlint();
    command.args([subcommand, "--no-config", "--no-builtin", "--rules", "packs/demo.toml"]);
    command
}

/// A scratch folder holding the demo pack (as `demo.toml`) and the given files.
pub fn scratch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("scratch folder");
    std::fs::copy(cases().join("packs/demo.toml"), dir.path().join("demo.toml")).expect("copy demo pack");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(path, bytes).expect("write scratch file");
    }
    dir
}

/// `postlint SUBCOMMAND --no-config --no-builtin --rules demo.toml` run in a scratch folder.
pub fn demo_in(dir: &Path, subcommand: &str) -> Command {
    let mut command = in_dir(dir);
    command.args([subcommand, "--no-config", "--no-builtin", "--rules", "demo.toml"]);
    command
}

/// Runs a command to completion.
pub fn run(command: &mut Command) -> Output {
    command.output().expect("run postlint")
}

/// Runs a command with `stdin` as its input.
pub fn run_with_stdin(command: &mut Command, stdin: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn postlint");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for postlint")
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}
