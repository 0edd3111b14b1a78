//! `postlint check --posts`: batches of posts from JSON Lines and CSV.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{demo, run_with_stdin, stdout};

#[test]
fn json_lines_posts_are_named_by_id() {
    // The third post has no `text` but a `content` field, tried by default.
    assert_cmd_snapshot!(demo("check").args(["--posts", "posts/posts.jsonl"]));
}

#[test]
fn json_output_names_each_post() {
    assert_cmd_snapshot!(demo("check").args(["--format", "json", "--posts", "posts/posts.jsonl"]));
}

#[test]
fn a_scheduler_csv_export_with_named_columns() {
    // The export starts with a byte order mark and quotes fields with commas.
    assert_cmd_snapshot!(demo("check").args([
        "--format",
        "concise",
        "--posts",
        "posts/scheduler-export.csv",
        "--id-field",
        "Post ID",
        "--text-field",
        "message"
    ]));
}

#[test]
fn csv_on_stdin_without_an_id_column_uses_line_numbers() {
    let output = run_with_stdin(
        demo("check").args(["--format", "concise", "--posts", "-"]),
        "when,text\nmon,room 1\ntue,\"two\nlines, omg\"\n",
    );
    assert_eq!(
        stdout(&output),
        "<stdin>#2:1:1: warning demo/room-number 'room 1' places a patient in a particular room.\n\
         <stdin>#3:2:8: info demo/shouting 'omg' reads as shouting.\n"
    );
}

#[test]
fn malformed_posts_are_reported_by_line_and_the_rest_still_checked() {
    assert_cmd_snapshot!(demo("check").args(["--format", "concise", "--posts", "posts/bad.jsonl"]));
}

#[test]
fn a_json_array_is_not_json_lines() {
    assert_cmd_snapshot!(demo("check").args(["--posts", "posts/array.json"]));
}

#[test]
fn a_missing_column() {
    assert_cmd_snapshot!(demo("check").args(["--posts", "posts/scheduler-export.csv", "--text-field", "body"]));
}

#[test]
fn posts_and_paths_together_are_refused() {
    assert_cmd_snapshot!(demo("check").args(["--posts", "posts/posts.jsonl", "drafts"]));
}
