//! Bad input: one clear line naming the thing (and position), exit 2, never a
//! panic or a backtrace.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{demo, demo_in, postlint, run, scratch, stderr};

#[test]
fn a_missing_file() {
    assert_cmd_snapshot!(demo("check").args(["drafts/clean.txt", "drafts/nope.txt"]));
}

#[test]
fn a_folder_with_no_drafts() {
    let dir = scratch(&[("empty/data.csv", b"a,b\n"), ("empty/photo.png", b"\x89PNG\0")]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").arg("empty"));
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset_and_other_drafts_are_still_checked() {
    let dir = scratch(&[
        ("a.txt", b"room 1\n"),
        ("b.txt", b"caf\xe9 in room 2\n"),
        ("c.txt", b"room 3\n"),
    ]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "a.txt", "b.txt", "c.txt"]));
}

#[test]
fn an_unknown_option() {
    assert_cmd_snapshot!(postlint().args(["check", "--frobnicate", "drafts"]));
}

#[test]
fn a_misspelt_option_gets_a_suggestion() {
    assert_cmd_snapshot!(postlint().args(["check", "--fail-no", "error", "drafts"]));
}

#[test]
fn an_invalid_option_value() {
    assert_cmd_snapshot!(postlint().args(["check", "--format", "xml", "drafts"]));
}

#[test]
fn an_unknown_command() {
    assert_cmd_snapshot!(postlint().arg("lint"));
}

#[test]
fn a_malformed_pack_reports_every_mistake_with_its_position() {
    assert_cmd_snapshot!(postlint().args(["check", "--no-config", "--rules", "packs/broken.toml", "drafts"]));
}

#[test]
fn a_pack_whose_examples_misbehave_is_not_used() {
    assert_cmd_snapshot!(postlint().args([
        "check",
        "--no-config",
        "--no-builtin",
        "--rules",
        "packs/failing-examples.toml",
        "drafts"
    ]));
}

#[test]
fn a_pack_naming_a_missing_terms_file() {
    let dir = scratch(&[(
        "pack.toml",
        br#"[pack]
id = "p"
title = "P"

[[source]]
id = "s"
title = "S"

[[rule]]
id = "r"
title = "R"
severity = "warning"
message = "m {match}"
explain = "e"
sources = ["s"]
terms-file = "lists/missing.txt"
examples.flag = ["x"]
examples.pass = ["y"]
"#,
    )]);
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--rules", "pack.toml", "demo.toml"]));
}

#[test]
fn no_rules_at_all() {
    assert_cmd_snapshot!(postlint().args(["check", "--no-config", "--no-builtin", "drafts"]));
}

#[test]
fn no_panic_or_backtrace_on_any_error_case() {
    let runs = [
        run(demo("check").arg("nope.txt")),
        run(postlint().args(["check", "--rules", "nope.toml", "drafts"])),
        run(postlint().args(["check", "--config", "nope.toml", "drafts"])),
        run(postlint().args(["explain", "--config", "bad-config/postlint.toml", "x"])),
        run(demo("check").args(["--posts", "nope.jsonl"])),
        run(postlint().args(["test-rules", "nope.toml"])),
    ];
    for output in runs {
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
        assert!(err.starts_with("postlint: error: "), "{err}");
    }
}
