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
