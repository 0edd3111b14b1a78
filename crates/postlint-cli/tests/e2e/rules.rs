//! `postlint rules`, `postlint explain` and `postlint test-rules`.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{code, demo, postlint, run, stdout};

#[test]
fn rules_lists_id_severity_and_title() {
    assert_cmd_snapshot!(demo("rules").args(["--ignore", "demo/shouting"]));
}

#[test]
fn rules_as_json() {
    assert_cmd_snapshot!(demo("rules").args(["--format", "json"]));
}

#[test]
fn rules_lists_the_four_builtin_categories() {
    let output = run(postlint().args(["rules", "--no-config", "--format", "json"]));
    assert_eq!(code(&output), 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).expect("JSON array");
    for category in [
        "patient-identifiers",
        "swearing",
        "conflicts-of-interest",
        "professionalism",
    ] {
        assert!(
            rules.iter().any(|r| r["category"] == category),
            "no built-in rule in category {category}"
        );
    }
    assert!(
        rules
            .iter()
            .all(|r| r["id"].as_str().is_some_and(|id| id.contains('/')))
    );
}

#[test]
fn explain_shows_why_examples_and_sources_with_links() {
    assert_cmd_snapshot!(demo("explain").arg("demo/room-number"));
}

#[test]
fn explain_accepts_the_rule_name_without_its_pack_when_unique() {
    let full = run(demo("explain").arg("demo/ward-name"));
    let short = run(demo("explain").arg("ward-name"));
    assert_eq!(code(&short), 0);
    assert_eq!(stdout(&short), stdout(&full));
}

#[test]
fn explain_an_unknown_rule() {
    assert_cmd_snapshot!(demo("explain").arg("demo"));
}

#[test]
fn explain_a_builtin_rule() {
    let output = run(postlint().args(["explain", "--no-config", "patient-identifiers/nhs-number"]));
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    assert!(text.starts_with("patient-identifiers/nhs-number: "), "{text}");
    for part in [
        "Severity: ",
        "Flagged, for example:",
        "Not flagged, for example:",
        "Sources:",
        "https://",
    ] {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

#[test]
fn pack_examples_all_pass() {
    assert_cmd_snapshot!(postlint().args(["test-rules", "packs/demo.toml"]));
}

#[test]
fn pack_examples_each_failure_is_reported_and_exits_1() {
    assert_cmd_snapshot!(postlint().args(["test-rules", "packs/demo.toml", "packs/failing-examples.toml"]));
}

#[test]
fn pack_examples_of_a_malformed_pack_exit_2() {
    assert_cmd_snapshot!(postlint().args(["test-rules", "packs/broken.toml"]));
}

#[test]
fn pack_examples_of_a_folder_without_packs_exit_2() {
    assert_cmd_snapshot!(postlint().args(["test-rules", "drafts"]));
}
