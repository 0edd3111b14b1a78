//! Every kind of authoring mistake, one per file in `tests/bad-rules/`, with
//! the wording and position of its error pinned by a snapshot.
#![allow(clippy::disallowed_methods, reason = "tests read their case files from disk")]

use postlint::RuleSet;

#[test]
fn broken_packs_report_every_mistake_with_its_position() {
    insta::glob!("bad-rules/*.toml", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = format!(
            "bad-rules/{}",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        );
        let errors = match RuleSet::from_toml(&name, &text) {
            Ok(_) => panic!("{name} loaded, but it is broken on purpose"),
            Err(errors) => errors,
        };
        let rendered: Vec<String> = errors
            .iter()
            .map(|e| {
                let snippet = text.get(e.span.clone()).unwrap_or("").lines().next().unwrap_or("");
                format!("{e}\n    at: {snippet}")
            })
            .collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}
