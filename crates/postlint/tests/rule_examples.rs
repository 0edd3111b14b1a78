//! Every built-in rule's examples hold, and every rule is documented and cited.

use postlint::rules::builtin_files;
use postlint::{ExampleFailure, RuleSet};

#[test]
fn every_builtin_example_behaves() {
    let failures: Vec<String> = RuleSet::builtin()
        .check_examples()
        .into_iter()
        .map(|f: ExampleFailure| f.into_error().to_string())
        .collect();
    assert_eq!(Vec::<String>::new(), failures);
}

#[test]
fn builtin_packs_load_with_examples_checked() {
    for (path, text) in builtin_files()
        .iter()
        .filter(|(p, _)| !p.contains('/') && p.ends_with(".toml"))
    {
        let files = |relative: &str| {
            builtin_files()
                .iter()
                .find(|(p, _)| *p == relative)
                .map(|(_, t)| (*t).to_owned())
                .ok_or_else(|| relative.to_owned())
        };
        if let Err(errors) = RuleSet::from_toml_with_files(path, text, &files) {
            panic!("{errors}");
        }
    }
}

#[test]
fn the_four_contract_categories_are_built_in() {
    let set = RuleSet::builtin();
    let packs: Vec<&str> = set.packs().iter().map(|p| p.id.as_str()).collect();
    for category in [
        "patient-identifiers",
        "swearing",
        "conflicts-of-interest",
        "professionalism",
    ] {
        assert!(packs.contains(&category), "missing pack {category}: {packs:?}");
    }
}

/// Rule ids name the thing flagged (ruff's naming rule): never an instruction.
#[test]
fn rules_are_named_documented_and_cited() {
    let set = RuleSet::builtin();
    for rule in set.rules() {
        let short = rule.id.as_str().rsplit('/').next().unwrap_or_default();
        for bad in ["no-", "avoid-", "do-not-", "use-", "prefer-"] {
            assert!(!short.starts_with(bad), "{}: ids name the thing flagged", rule.id);
        }
        assert!(!short.ends_with("-detected"), "{}", rule.id);
        assert!(
            rule.explain.trim().len() >= 120,
            "{}: explain is too short to help a clinician",
            rule.id
        );
        assert!(
            rule.explain.contains("What to do instead") || rule.explain.contains("what to do"),
            "{}: explain must say what to do instead",
            rule.id
        );
        assert!(!rule.sources.is_empty(), "{}", rule.id);
        assert!(!rule.title.is_empty(), "{}", rule.id);
    }
}

/// The JSON Schema for editors names exactly the keys the reader accepts.
#[test]
fn schema_lists_every_rule_key() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../rules/schema.json")).unwrap_or_else(|e| panic!("schema.json: {e}"));
    let keys = |pointer: &str| -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(|v| v.as_object())
            .unwrap_or_else(|| panic!("{pointer} missing"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    let mut reader_keys: Vec<String> = postlint::rules::rule_keys().map(str::to_owned).collect();
    reader_keys.sort();
    assert_eq!(keys("/properties/rule/items/properties"), reader_keys);
    let validators: Vec<&str> = schema
        .pointer("/properties/rule/items/properties/validate/enum")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let known: Vec<&str> = postlint::rules::Validator::ALL.iter().map(|(name, _)| *name).collect();
    assert_eq!(validators, known);
}

/// Every key the reference documents for rules appears in rules/README.md.
#[test]
fn reference_documents_every_key_and_validator() {
    let reference = include_str!("../../../rules/README.md");
    for key in [
        "`id`",
        "`title`",
        "`severity`",
        "`message`",
        "`explain`",
        "`sources`",
        "`fix`",
        "`examples`",
        "`except`",
        "`near`",
        "`near-at-least`",
        "`context`",
        "`unless`",
        "`requires`",
        "`terms`",
        "`terms-file`",
        "`inflect`",
        "`disguise`",
        "`pattern`",
        "`validate`",
        "`case-sensitive`",
        "`within`",
        "`side`",
        "`clear`",
        "`first-words`",
        "`min-postlint`",
        "`publisher`",
        "`url`",
        "`year`",
        "`description`",
    ] {
        assert!(reference.contains(key), "rules/README.md does not document {key}");
    }
    for (name, _) in postlint::rules::Validator::ALL {
        assert!(
            reference.contains(&format!("`{name}`")),
            "rules/README.md does not document validator {name}"
        );
    }
}
