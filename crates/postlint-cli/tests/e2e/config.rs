//! `postlint.toml`: found in the working directory or above, `--config`,
//! `--no-config`, and how flags combine with it. The trust example in
//! `tests/cli/trust-example/` is the one the README shows.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{cases, code, in_dir, postlint, run, stderr, stdout};

#[test]
fn the_config_in_the_working_directory_adds_the_trusts_pack() {
    // The trust's own rules fire, the allowed appeal name is not flagged, and
    // the severity override makes the undisclosed promo code an error.
    assert_cmd_snapshot!(in_dir(&cases().join("trust-example")).args(["check", "--format", "concise", "drafts"]));
}

#[test]
fn the_config_is_found_from_a_folder_below_it() {
    assert_cmd_snapshot!(in_dir(&cases().join("trust-example/drafts/week-1")).args([
        "check",
        "--format",
        "concise",
        "monday.txt"
    ]));
}

#[test]
fn no_config_ignores_it() {
    let output = run(in_dir(&cases().join("trust-example")).args([
        "check",
        "--no-config",
        "--format",
        "concise",
        "drafts/week-1",
    ]));
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn config_names_a_file_elsewhere() {
    assert_cmd_snapshot!(postlint().args([
        "check",
        "--config",
        "trust-example/postlint.toml",
        "--select",
        "st-elsewhere",
        "--format",
        "concise",
        "trust-example/drafts",
    ]));
}

#[test]
fn flags_override_the_config() {
    // --fail-on overrides the config's fail-on; --ignore adds to it.
    let output = run(in_dir(&cases().join("trust-example")).args([
        "check",
        "--fail-on",
        "error",
        "--ignore",
        "conflicts-of-interest",
        "--format",
        "concise",
        "drafts",
    ]));
    assert_eq!(code(&output), 0, "only warnings are left: {}", stdout(&output));
    assert!(!stdout(&output).contains("conflicts-of-interest"));
    assert!(stdout(&output).contains("st-elsewhere/ward-name"));
}

#[test]
fn a_malformed_config_reports_every_mistake_with_its_position() {
    assert_cmd_snapshot!(
        in_dir(&cases().join("bad-config"))
            .args(["check", "-"])
            .pass_stdin("hello")
    );
}

#[test]
fn a_config_naming_an_unknown_rule_is_an_error() {
    assert_cmd_snapshot!(postlint().args([
        "check",
        "--no-config",
        "--no-builtin",
        "--rules",
        "packs/demo.toml",
        "--select",
        "demo/ward-nam",
        "drafts"
    ]));
}

#[test]
fn the_trust_pack_passes_its_own_examples() {
    assert_cmd_snapshot!(postlint().args(["test-rules", "trust-example/rules"]));
}
