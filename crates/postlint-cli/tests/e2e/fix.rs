//! `postlint fix`, `check --fix`, `--diff`, and fixing stdin.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{code, demo, demo_in, run, run_with_stdin, scratch, stderr, stdout};

const FLAGGED: &[u8] = b"Night shift on Bluebell Ward: the lady in room 12 is a legend.\nomg what a night\n";

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read scratch folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fix_rewrites_files_reports_what_changed_and_what_is_left() {
    let dir = scratch(&[("flagged.txt", FLAGGED), ("clean.txt", b"All good.\n")]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.path().join("flagged.txt");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    assert_cmd_snapshot!(demo_in(dir.path(), "fix").args(["flagged.txt", "clean.txt"]));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flagged.txt")).expect("read"),
        "Night shift on [ward removed]: the lady in [room removed] is a legend.\nomg what a night\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clean.txt")).expect("read"),
        "All good.\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("flagged.txt"))
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640, "permissions are kept");
    }
    assert_eq!(
        files_in(dir.path()),
        ["clean.txt", "demo.toml", "flagged.txt"],
        "no temporary file is left"
    );
}

#[test]
fn check_fix_is_the_same_as_fix() {
    let a = scratch(&[("flagged.txt", FLAGGED)]);
    let b = scratch(&[("flagged.txt", FLAGGED)]);
    let fix = run(demo_in(a.path(), "fix").arg("flagged.txt"));
    let check_fix = run(demo_in(b.path(), "check").args(["--fix", "flagged.txt"]));
    assert_eq!(code(&fix), code(&check_fix));
    assert_eq!(stdout(&fix), stdout(&check_fix));
    assert_eq!(stderr(&fix), stderr(&check_fix));
    assert_eq!(
        std::fs::read(a.path().join("flagged.txt")).expect("read"),
        std::fs::read(b.path().join("flagged.txt")).expect("read")
    );
}

#[test]
fn diff_previews_without_writing() {
    let dir = scratch(&[("drafts/flagged.txt", FLAGGED), ("drafts/clean.txt", b"All good.\n")]);
    assert_cmd_snapshot!(demo_in(dir.path(), "fix").args(["--diff", "drafts"]));
    assert_eq!(
        std::fs::read(dir.path().join("drafts/flagged.txt")).expect("read"),
        FLAGGED
    );
}

#[test]
fn check_diff_is_the_same_as_fix_diff() {
    let dir = scratch(&[("flagged.txt", FLAGGED)]);
    let fix = run(demo_in(dir.path(), "fix").args(["--diff", "flagged.txt"]));
    let check = run(demo_in(dir.path(), "check").args(["--diff", "flagged.txt"]));
    assert_eq!(stdout(&fix), stdout(&check));
    assert_eq!(code(&fix), code(&check));
    assert_eq!(std::fs::read(dir.path().join("flagged.txt")).expect("read"), FLAGGED);
}

#[test]
fn stdin_in_fixed_text_out() {
    assert_cmd_snapshot!(demo("fix").arg("-").pass_stdin("Off to Kingfisher Ward, room 4.\n"));
}

#[test]
fn nothing_to_fix() {
    assert_cmd_snapshot!(demo("fix").args(["drafts/clean.txt"]));
}

#[test]
fn a_batch_cannot_be_fixed() {
    assert_cmd_snapshot!(demo("check").args(["--fix", "--posts", "posts/posts.jsonl"]));
}

#[test]
fn fix_stdin_and_files_together_is_refused() {
    let output = run_with_stdin(demo("fix").args(["-", "drafts/clean.txt"]), "room 1");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).starts_with("postlint: error: `-` cannot be fixed together with files"));
}
