//! `postlint check` on files, folders and stdin; exit statuses; rule selection.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{code, demo, demo_in, postlint, run, run_with_stdin, scratch, stdout};

#[test]
fn a_folder_is_walked_recursively_in_name_order() {
    // drafts/sub/NOTES has no extension but is text, so it is a draft;
    // drafts/sub/table.csv is not a draft.
    assert_cmd_snapshot!(demo("check").arg("drafts"));
}

#[test]
fn a_clean_draft_exits_0() {
    assert_cmd_snapshot!(demo("check").arg("drafts/clean.txt"));
}

#[test]
fn files_and_folders_mix() {
    assert_cmd_snapshot!(demo("check").args(["--format", "concise", "drafts/monday.md", "drafts/sub"]));
}

#[test]
fn stdin_with_a_dash() {
    assert_cmd_snapshot!(demo("check").arg("-").pass_stdin("omg, room 7 again\n"));
}

#[test]
fn stdin_when_no_path_is_given_and_stdin_is_not_a_terminal() {
    assert_cmd_snapshot!(
        demo("check")
            .args(["--format", "concise", "--stdin-filename", "draft.txt"])
            .pass_stdin("Bluebell Ward at dawn\n")
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    // monday.md has one warning; "omg" is an info.
    let cases: &[(&[&str], Option<&str>, i32)] = &[
        (&["drafts/monday.md"], None, 1),
        (&["--fail-on", "error", "drafts/monday.md"], None, 0),
        (&["--fail-on", "warning", "drafts/monday.md"], None, 1),
        (&["--fail-on", "never", "drafts/flagged.txt"], None, 0),
        (&["-"], Some("omg"), 0),
        (&["--fail-on", "info", "-"], Some("omg"), 1),
        (&["--fail-on", "error", "drafts/flagged.txt"], None, 1),
    ];
    for (args, input, expected) in cases {
        let mut command = demo("check");
        command.args(["--format", "concise"]).args(*args);
        let output = match input {
            Some(text) => run_with_stdin(&mut command, text),
            None => run(&mut command),
        };
        assert_eq!(code(&output), *expected, "postlint check {args:?}");
    }
}

#[test]
fn select_runs_only_the_named_rules() {
    assert_cmd_snapshot!(demo("check").args(["--format", "concise", "--select", "demo/ward-name", "drafts"]));
}

#[test]
fn ignore_takes_rules_out_by_id_or_prefix() {
    assert_cmd_snapshot!(demo("check").args([
        "--format",
        "concise",
        "--ignore",
        "demo/room-number,demo/shouting",
        "drafts"
    ]));
}

#[test]
fn ignore_wins_over_select() {
    let output = run(demo("check").args([
        "--format",
        "concise",
        "--select",
        "demo",
        "--ignore",
        "demo/ward-name",
        "drafts/flagged.txt",
    ]));
    assert_eq!(
        stdout(&output),
        "drafts/flagged.txt:1:43: warning demo/room-number 'room 12' places a patient in a particular room.\n\
         drafts/flagged.txt:2:1: info demo/shouting 'omg' reads as shouting.\n"
    );
}

#[test]
fn gitignore_binary_and_extensionless_files_in_a_folder() {
    let dir = scratch(&[
        (".gitignore", b"secret.txt\n"),
        ("drafts/a.txt", b"room 1\n"),
        ("drafts/secret.txt", b"room 2\n"),
        ("drafts/notes", b"room 3\n"),
        ("drafts/photo", b"\x89PNG\r\n\x1a\n\0\0\0room 4"),
        ("drafts/latin1", b"caf\xe9 in room 5\n"),
        ("drafts/export.csv", b"room 6\n"),
        ("drafts/blob.txt", b"room 7\0\0\0"),
        ("drafts/.hidden.txt", b"room 8\n"),
    ]);
    // secret.txt is ignored, photo and latin1 have no extension and are not
    // text, export.csv is not a draft, .hidden.txt is hidden, and blob.txt
    // is binary: skipped with a note.
    assert_cmd_snapshot!(demo_in(dir.path(), "check").args(["--format", "concise", "drafts"]));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_never_with_no_color() {
    let plain = run(demo("check").arg("drafts/flagged.txt"));
    assert!(
        !stdout(&plain).contains('\x1b'),
        "no colour when stdout is not a terminal"
    );

    let coloured = run(demo("check").args(["--color", "always", "drafts/flagged.txt"]));
    assert!(stdout(&coloured).contains("\x1b["), "--color always colours");

    let no_color = run(demo("check")
        .args(["--color", "always", "drafts/flagged.txt"])
        .env("NO_COLOR", "1"));
    assert!(!stdout(&no_color).contains('\x1b'), "NO_COLOR wins over --color always");
    assert_eq!(stdout(&no_color), stdout(&plain));
}

#[test]
fn builtin_smoke_nhs_number_swearing_and_promo_code() {
    let draft = "Pt's NHS no is 401 023 2137 pls check\nwhat a f*ck of a day\nUse code PHYSIO20 for 20% off\n";
    let output = run_with_stdin(
        postlint().args(["check", "--no-config", "--format", "json", "-"]),
        draft,
    );
    assert_eq!(code(&output), 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let found: Vec<(String, String, u64)> = report["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["category"].as_str().expect("category").to_owned(),
                d["text"].as_str().expect("text").to_owned(),
                d["span"]["start"].as_u64().expect("start"),
            )
        })
        .collect();
    for expected in [
        ("patient-identifiers", "401 023 2137", 15),
        ("swearing", "f*ck", 45),
        ("conflicts-of-interest", "PHYSIO20", 68),
    ] {
        assert!(
            found.iter().any(|(c, t, s)| (c.as_str(), t.as_str(), *s) == expected),
            "{expected:?} not in {found:?}"
        );
    }
}

#[test]
fn builtin_clean_draft_passes() {
    let output = run_with_stdin(
        postlint().args(["check", "--no-config", "-"]),
        "Great teamwork on the ward today. Proud of everyone.\n",
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "No problems found in 1 draft.\n");
}

#[test]
fn help_lists_every_command() {
    assert_cmd_snapshot!(postlint().arg("--help"));
}

#[test]
fn check_help_lists_every_flag() {
    assert_cmd_snapshot!(postlint().args(["check", "--help"]));
}

#[test]
fn version() {
    let output = run(postlint().arg("--version"));
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), format!("postlint {}\n", env!("CARGO_PKG_VERSION")));
}
