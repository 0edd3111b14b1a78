//! `lint()` on a draft with no findings allocates a few buffers for the draft
//! (hits, folded view, ASCII shadow, prefilter results), never one per rule or
//! per term: adding hundreds of rules and terms that the draft does not
//! contain must not add a single allocation.

#![allow(clippy::disallowed_methods, reason = "tests read their case files from disk")]

use std::fmt::Write;
use std::path::Path;

use postlint::{Config, Linter, RuleSet};

/// A pack of `count` rules, each with terms and a pattern no draft holds.
fn unmatched_pack(count: usize) -> String {
    let mut pack = String::from(
        "[pack]\nid = \"unmatched\"\ntitle = \"Never matches\"\n\n[[source]]\nid = \"s\"\ntitle = \"A source\"\n",
    );
    for i in 0..count {
        let (kind, trigger, flag) = if i % 2 == 0 {
            (
                "terms",
                format!("terms = [\"zqxjv{i}\", \"vvqzk{i} wxq\"]"),
                format!("zqxjv{i} qjxz{i}"),
            )
        } else {
            (
                "pattern",
                format!("pattern = '''\\bqqzx{i}x\\d+\\b'''"),
                format!("qqzx{i}x5 qjxz{i}"),
            )
        };
        write!(
            pack,
            "\n[[rule]]\nid = \"r{i}\"\ntitle = \"Unmatched {kind}\"\nseverity = \"warning\"\nmessage = \"found {{match}}\"\n\
             explain = \"why\"\nsources = [\"s\"]\n{trigger}\nnear = [{{ terms = [\"qjxz{i}\"], within = 3 }}]\n\
             examples.flag = [\"{flag}\"]\nexamples.pass = [\"ok\"]\n"
        )
        .expect("writing to a string");
    }
    pack
}

fn clean_drafts(linter: &Linter) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut drafts = Vec::new();
    for category in std::fs::read_dir(&root).expect("fixtures folder") {
        let category = category.expect("entry").path();
        if !category.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&category).expect("category folder") {
            let path = entry.expect("entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if !name.starts_with("pass-") || !name.ends_with(".txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            // Some passing fixtures carry a finding of another category; only
            // drafts with none are clean.
            if linter.lint(&text).is_empty() {
                drafts.push((name, text));
            }
        }
    }
    drafts
}

fn allocations(linter: &Linter, text: &str) -> u64 {
    // The first call compiles what the draft needs; count the steady state.
    linter.lint(text);
    allocation_counter::measure(|| {
        std::hint::black_box(linter.lint(std::hint::black_box(text)));
    })
    .count_total
}

#[test]
fn clean_drafts_allocate_the_same_with_hundreds_more_rules_and_terms() {
    let builtin = Linter::new(RuleSet::builtin(), Config::default()).expect("built-in packs compile");
    let mut bigger = RuleSet::builtin();
    bigger
        .merge(RuleSet::from_toml("unmatched.toml", &unmatched_pack(300)).expect("generated pack is valid"))
        .expect("no id clashes");
    let bigger = Linter::new(bigger, Config::default()).expect("compiles");
    assert_eq!(bigger.enabled_rules().count(), builtin.enabled_rules().count() + 300);

    let drafts = clean_drafts(&builtin);
    assert!(drafts.len() > 100, "only {} clean fixtures found", drafts.len());
    // Warm both linters up past their one-off work (compiling what the drafts
    // need, and the faster term automaton a long-lived linter builds).
    for (_, text) in &drafts {
        builtin.lint(text);
        bigger.lint(text);
    }
    let mut most = 0;
    for (name, text) in &drafts {
        let base = allocations(&builtin, text);
        assert_eq!(
            allocations(&bigger, text),
            base,
            "{name}: 300 more rules that do not match changed the number of allocations"
        );
        most = most.max(base);
    }
    // Per draft, not per rule: far below the 57 built-in rules.
    assert!(most <= 40, "a clean draft allocated {most} times");
}
