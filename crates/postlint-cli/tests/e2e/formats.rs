//! The output formats: the JSON contract (pinned), SARIF validated against the
//! SARIF 2.1.0 schemas, concise lines, and output that does not depend on the
//! number of threads.

use std::collections::BTreeSet;

use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

use crate::support::{cases, code, demo, demo_in, run, scratch, stdout};

#[test]
fn concise_is_one_line_per_finding() {
    assert_cmd_snapshot!(demo("check").args(["--format", "concise", "drafts"]));
}

#[test]
fn json_contract() {
    assert_cmd_snapshot!(demo("check").args([
        "--format",
        "json",
        "drafts/flagged.txt",
        "drafts/clean.txt",
        "drafts/sub/unicode.markdown"
    ]));
}

#[test]
fn json_with_nothing_found() {
    assert_cmd_snapshot!(demo("check").args(["--format", "json", "drafts/clean.txt"]));
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

/// The contract in design.md, checked field by field against the drafts'
/// bytes, so a snapshot accepted by mistake cannot break it.
#[test]
fn json_contract_fields_and_offsets() {
    let paths = ["drafts/flagged.txt", "drafts/clean.txt", "drafts/sub/unicode.markdown"];
    let output = run(demo("check").args(["--format", "json"]).args(paths));
    assert_eq!(code(&output), 1);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("one JSON object");
    assert_eq!(keys(&report), set(&["version", "files", "summary"]));
    assert_eq!(report["version"], 1);
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), paths.len(), "every checked draft has an entry");
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for (file, path) in files.iter().zip(paths) {
        assert_eq!(keys(file), set(&["path", "diagnostics"]));
        assert_eq!(file["path"], path);
        let text = std::fs::read_to_string(cases().join(path)).expect("draft");
        for d in file["diagnostics"].as_array().expect("diagnostics") {
            assert_eq!(
                keys(d),
                set(&[
                    "rule", "category", "severity", "message", "span", "utf16", "line", "column", "text", "fix",
                    "sources"
                ])
            );
            let rule = d["rule"].as_str().expect("rule");
            assert_eq!(Some(d["category"].as_str().expect("category")), rule.split('/').next());
            match d["severity"].as_str().expect("severity") {
                "error" => errors += 1,
                "warning" => warnings += 1,
                "info" => infos += 1,
                other => panic!("severity {other}"),
            }
            assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert_eq!(keys(&d["span"]), set(&["start", "end"]));
            assert_eq!(keys(&d["utf16"]), set(&["start", "end"]));
            let start = usize::try_from(d["span"]["start"].as_u64().expect("start")).expect("usize");
            let end = usize::try_from(d["span"]["end"].as_u64().expect("end")).expect("usize");
            assert_eq!(d["text"], &text[start..end], "span is a UTF-8 byte range of the file");
            let utf16 = |byte: usize| text[..byte].encode_utf16().count() as u64;
            assert_eq!(d["utf16"]["start"], utf16(start));
            assert_eq!(d["utf16"]["end"], utf16(end));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(d["line"], text[..start].matches('\n').count() as u64 + 1);
            assert_eq!(
                d["column"],
                text[line_start..start].chars().count() as u64 + 1,
                "column in characters"
            );
            match &d["fix"] {
                Value::Null => {}
                fix => {
                    assert_eq!(keys(fix), set(&["replacement"]));
                    assert!(fix["replacement"].is_string());
                }
            }
            assert!(d["sources"].as_array().expect("sources").iter().all(Value::is_string));
        }
    }
    assert_eq!(keys(&report["summary"]), set(&["files", "errors", "warnings", "infos"]));
    assert_eq!(report["summary"]["files"], paths.len() as u64);
    assert_eq!(report["summary"]["errors"], errors);
    assert_eq!(report["summary"]["warnings"], warnings);
    assert_eq!(report["summary"]["infos"], infos);
    // The unicode draft's finding starts after multi-byte characters, so bytes,
    // UTF-16 units and characters all differ there.
    let unicode = &files[2]["diagnostics"][0];
    assert_ne!(unicode["span"]["start"], unicode["utf16"]["start"]);
}

#[test]
fn sarif_output() {
    assert_cmd_snapshot!(demo("check").args(["--format", "sarif", "drafts/flagged.txt", "drafts/clean.txt"]));
}

/// Validates against both SARIF 2.1.0 schemas vendored in `tests/cli/sarif/`
/// (see `fetch-schemas.sh` there for where they come from), formats included.
fn assert_valid_sarif(sarif: &Value) {
    for name in ["sarif-2.1.0.json", "sarif-2.1.0-rtm.5.json"] {
        let schema_text = std::fs::read_to_string(cases().join("sarif").join(name)).expect("schema file");
        let schema: Value = serde_json::from_str(&schema_text).expect("schema is JSON");
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(sarif)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "not valid against {name}:\n{}", errors.join("\n"));
    }
}

fn sarif_of(command: &mut std::process::Command) -> Value {
    let output = run(command);
    assert_ne!(code(&output), 2, "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&stdout(&output)).expect("SARIF is JSON")
}

#[test]
fn sarif_is_valid_and_every_rule_has_help() {
    let drafts = sarif_of(demo("check").args(["--format", "sarif", "drafts"]));
    let batch = sarif_of(demo("check").args(["--format", "sarif", "--posts", "posts/posts.jsonl"]));
    let clean = sarif_of(demo("check").args(["--format", "sarif", "drafts/clean.txt"]));
    let builtin = sarif_of(crate::support::postlint().args(["check", "--no-config", "--format", "sarif", "drafts"]));
    for sarif in [&drafts, &batch, &clean, &builtin] {
        assert_valid_sarif(sarif);
        assert_eq!(sarif["version"], "2.1.0");
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert!(!rules.is_empty());
        for rule in rules {
            assert!(
                rule["help"]["text"].as_str().is_some_and(|t| t.contains("Sources:")),
                "{rule}"
            );
            assert!(rule["shortDescription"]["text"].is_string());
        }
        for result in run["results"].as_array().expect("results") {
            let index = usize::try_from(result["ruleIndex"].as_u64().expect("ruleIndex")).expect("usize");
            assert_eq!(
                rules[index]["id"], result["ruleId"],
                "ruleIndex points at the result's rule"
            );
        }
    }
    assert!(!drafts["runs"][0]["results"].as_array().expect("results").is_empty());
    let uris: BTreeSet<&str> = batch["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
        })
        .collect();
    assert_eq!(uris, set(&["posts/posts.jsonl#1042", "posts/posts.jsonl#2025-03-02-b"]));
}

#[test]
fn a_broken_sarif_document_fails_the_schema_check() {
    // The check must be able to fail: a result without a message is invalid SARIF.
    let mut sarif = sarif_of(demo("check").args(["--format", "sarif", "drafts/flagged.txt"]));
    sarif["runs"][0]["results"][0]
        .as_object_mut()
        .expect("result")
        .remove("message");
    let caught = std::panic::catch_unwind(|| assert_valid_sarif(&sarif));
    assert!(caught.is_err(), "the schema check let an invalid document through");
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    // A batch of a few thousand posts, and a folder of drafts, both with
    // findings scattered through them.
    let mut posts = String::new();
    for i in 0..3000 {
        let text = match i % 7 {
            0 => format!("room {} again", i % 100),
            3 => "omg on Bluebell Ward".to_owned(),
            5 => "nothing to see ".repeat(i % 40),
            _ => format!("post number {i}"),
        };
        posts.push_str(&serde_json::json!({ "id": format!("p{i}"), "text": text }).to_string());
        posts.push('\n');
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![("posts.jsonl".to_owned(), posts.into_bytes())];
    for i in 0..60 {
        let text = if i % 3 == 0 {
            format!("room {i}\n")
        } else {
            format!("draft {i}\n")
        };
        files.push((format!("drafts/d{i:02}.txt"), text.into_bytes()));
    }
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let dir = scratch(&borrowed);
    for args in [&["--posts", "posts.jsonl"][..], &["drafts"][..]] {
        let outputs: Vec<Vec<u8>> = ["1", "2", "7"]
            .iter()
            .map(|threads| {
                let output = run(demo_in(dir.path(), "check")
                    .args(["--format", "json", "--threads", threads])
                    .args(args));
                assert_eq!(code(&output), 1);
                output.stdout
            })
            .collect();
        assert!(
            outputs.windows(2).all(|w| w[0] == w[1]),
            "output differs between thread counts for {args:?}"
        );
    }
}
