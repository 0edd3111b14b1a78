//! A valid pack built by the fuzzer (terms, patterns, validators, context,
//! near, unless, requires, except, fixes) linted against arbitrary text.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use postlint::{Config, Linter, RuleSet};

#[path = "../../crates/postlint/tests/support/invariants.rs"]
mod invariants;

#[derive(Arbitrary, Debug)]
struct Case {
    rules: Vec<Rule>,
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Rule {
    trigger: Condition,
    severity: u8,
    fix: Option<String>,
    except: Vec<String>,
    near: Vec<(Condition, u8, u8)>,
    near_at_least: u8,
    context: Vec<(Condition, u8, u8, u8)>,
    unless: Vec<(Condition, Option<u8>)>,
    requires: Vec<Condition>,
}

#[derive(Arbitrary, Debug)]
enum Condition {
    Terms { terms: Vec<String>, inflect: bool, disguise: bool },
    Pattern { pieces: Vec<Piece>, group: bool, validator: u8, case_sensitive: bool },
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Literal(String),
    Class(u8),
    Repeat { class: u8, min: u8, extra: u8 },
    Boundary,
}

const CLASSES: &[&str] = &[r"\d", r"\w", r"\s", ".", "[A-Z]", "[a-z]", "[^ ]", r"\p{L}", "é", "[0-9 -]"];
const VALIDATORS: &[&str] = &["nhs-number", "mod11", "chi-number", "hc-number", "national-insurance-number", "uk-postcode", "uk-phone", "luhn", "date"];

/// A TOML basic string holding exactly `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The condition's keys, joined by `separator` (", " in an inline table, a newline in a rule).
fn condition(c: &Condition, separator: &str) -> String {
    match c {
        Condition::Terms { terms, inflect, disguise } => {
            let terms: Vec<String> = terms.iter().take(8).filter(|t| !t.trim().is_empty()).cloned().collect();
            let terms = if terms.is_empty() { vec!["x".to_owned()] } else { terms };
            format!("terms = {}{separator}inflect = {inflect}{separator}disguise = {disguise}", list(&terms))
        }
        Condition::Pattern { pieces, group, validator, case_sensitive } => {
            let mut pattern = String::new();
            for (i, piece) in pieces.iter().take(8).enumerate() {
                if *group && i == 1 {
                    pattern.push_str("(?P<match>");
                }
                match piece {
                    Piece::Literal(s) => pattern.push_str(&regex::escape(&s.chars().take(12).collect::<String>())),
                    Piece::Class(c) => pattern.push_str(CLASSES[*c as usize % CLASSES.len()]),
                    Piece::Repeat { class, min, extra } => {
                        let (min, max) = (min % 6, min % 6 + extra % 6);
                        pattern.push_str(&format!("(?:{}){{{min},{max}}}", CLASSES[*class as usize % CLASSES.len()]));
                    }
                    Piece::Boundary => pattern.push_str(r"\b"),
                }
            }
            if *group && pieces.len() > 1 {
                pattern.push(')');
            }
            if pattern.is_empty() {
                pattern.push('x');
            }
            let validate = match validator % (VALIDATORS.len() as u8 + 1) {
                0 => String::new(),
                v => format!("{separator}validate = {}", quoted(VALIDATORS[v as usize - 1])),
            };
            format!("pattern = {}{separator}case-sensitive = {case_sensitive}{validate}", quoted(&pattern))
        }
    }
}

fn pack(case: &Case) -> String {
    let mut out = String::from("[pack]\nid = \"fuzz\"\ntitle = \"Fuzz\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n");
    let sides = ["before", "after", "either"];
    let severities = ["error", "warning", "info"];
    for (i, rule) in case.rules.iter().take(6).enumerate() {
        out.push_str(&format!(
            "\n[[rule]]\nid = \"r{i}\"\ntitle = \"R\"\nseverity = \"{}\"\nmessage = \"{{match}} {{term}}\"\nexplain = \"e\"\nsources = [\"s\"]\nexamples = {{ flag = [\"a\"], pass = [\"b\"] }}\n",
            severities[rule.severity as usize % 3]
        ));
        // The trigger's keys sit in the rule table itself.
        out.push_str(&condition(&rule.trigger, "\n"));
        out.push('\n');
        if let Some(fix) = &rule.fix {
            out.push_str(&format!("fix = {}\n", quoted(fix)));
        }
        let except: Vec<String> = rule.except.iter().take(4).filter(|t| !t.trim().is_empty()).cloned().collect();
        if !except.is_empty() {
            out.push_str(&format!("except = {}\n", list(&except)));
        }
        let near: Vec<String> = rule.near.iter().take(3).map(|(c, within, side)| {
            format!("{{ {}, within = {}, side = \"{}\" }}", condition(c, ", "), within % 20, sides[*side as usize % 3])
        }).collect();
        if !near.is_empty() {
            out.push_str(&format!("near = [{}]\nnear-at-least = {}\n", near.join(", "), 1 + rule.near_at_least as usize % near.len()));
        }
        let context: Vec<String> = rule.context.iter().take(3).map(|(c, within, side, effect)| {
            let effect = match effect % 4 { 3 => "clear = true".to_owned(), s => format!("severity = \"{}\"", severities[s as usize]) };
            format!("{{ {}, within = {}, side = \"{}\", {effect} }}", condition(c, ", "), within % 20, sides[*side as usize % 3])
        }).collect();
        if !context.is_empty() {
            out.push_str(&format!("context = [{}]\n", context.join(", ")));
        }
        let unless: Vec<String> = rule.unless.iter().take(2).map(|(c, first)| match first {
            Some(n) => format!("{{ {}, first-words = {n} }}", condition(c, ", ")),
            None => format!("{{ {} }}", condition(c, ", ")),
        }).collect();
        if !unless.is_empty() {
            out.push_str(&format!("unless = [{}]\n", unless.join(", ")));
        }
        let requires: Vec<String> = rule.requires.iter().take(2).map(|c| format!("{{ {} }}", condition(c, ", "))).collect();
        if !requires.is_empty() {
            out.push_str(&format!("requires = [{}]\n", requires.join(", ")));
        }
    }
    out
}

fuzz_target!(|case: Case| {
    if case.rules.is_empty() {
        return;
    }
    let text = pack(&case);
    let rules = match RuleSet::from_toml_unchecked("fuzz.toml", &text, &postlint::rules::NoTermFiles) {
        Ok(rules) => rules,
        // Generated packs are well-formed, so only a pattern too large to compile,
        // or a term that folds to nothing (a lone accent), may be refused.
        Err(errors) => {
            let allowed = |e: &postlint::FileError| {
                let message = e.to_string();
                message.contains("size limit") || message.contains("empty once invisible") || message.contains("the list is empty")
            };
            assert!(errors.iter().all(allowed), "a generated pack was refused:\n{errors}\n{text}");
            return;
        }
    };
    // A pack whose fix its own rule flags is refused when a user loads it.
    if rules.check_examples().iter().any(|f| f.kind == postlint::ExampleKind::Fix) {
        return;
    }
    let linter = Linter::new(rules, Config::default()).expect("a loaded pack compiles");
    invariants::check_lint_and_fix(&linter, &case.text);
});
