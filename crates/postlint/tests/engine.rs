//! Behaviour of each rule-file feature, through the public API.

use postlint::{Config, Diagnostic, Linter, RuleSet, Selector, Severity, apply_fixes};

const HEADER: &str = r#"
[pack]
id = "test"
title = "Test pack"

[[source]]
id = "src"
title = "A source"
url = "https://example.org/guidance"
"#;

fn rule(body: &str) -> String {
    format!(
        "{HEADER}\n[[rule]]\ntitle = \"t\"\nseverity = \"warning\"\nmessage = \"found {{match}} ({{term}})\"\nexplain = \"why\"\nsources = [\"src\"]\n{body}\n"
    )
}

fn linter(pack: &str) -> Linter {
    let rules = RuleSet::from_toml("test.toml", pack).unwrap_or_else(|e| panic!("{e}"));
    Linter::new(rules, Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn found(linter: &Linter, text: &str) -> Vec<(String, Severity)> {
    linter.lint(text).into_iter().map(|d| (d.text, d.severity)).collect()
}

#[test]
fn terms_match_whole_words_case_insensitively_with_inflections() {
    let l = linter(&rule(
        r#"id = "r"
terms = ["swear", "bed blocker"]
inflect = true
examples.flag = ["swear"]
examples.pass = ["answer"]"#,
    ));
    let texts: Vec<String> = found(&l, "SWEARING, swore, answers, Bed-Blockers, bed blockers!")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(texts, ["SWEARING", "swore", "Bed-Blockers", "bed blockers"]);
}

#[test]
fn message_fills_match_and_term_and_term_fixes_win() {
    let l = linter(&rule(
        r#"id = "r"
terms = [{ term = "bed blocker", fix = "patient awaiting discharge" }, "gomer"]
fix = "[removed]"
examples.flag = ["a bed blocker"]
examples.pass = ["a bed"]"#,
    ));
    let d = &l.lint("A Bed Blocker and a GOMER")[..];
    assert_eq!(d[0].message, "found Bed Blocker (bed blocker)");
    assert_eq!(
        d[0].fix.as_ref().map(|f| f.replacement.as_str()),
        Some("patient awaiting discharge")
    );
    assert_eq!(d[1].fix.as_ref().map(|f| f.replacement.as_str()), Some("[removed]"));
}

#[test]
fn a_spelling_listed_twice_keeps_its_first_entry() {
    // "Bed-Blocker" folds to the hyphenated spelling of the first entry, and
    // its own spaced spelling is the first entry itself.
    let l = linter(&rule(
        r#"id = "r"
terms = [{ term = "bed blocker", fix = "first" }, "gomer", { term = "Bed-Blocker", fix = "second" }, "GOMER"]
examples.flag = ["a bed blocker"]
examples.pass = ["a bed"]"#,
    ));
    let d = l.lint("a bed-blocker, a Bed Blocker, a gomer");
    let seen: Vec<(&str, Option<&str>)> = d
        .iter()
        .map(|d| (d.message.as_str(), d.fix.as_ref().map(|f| f.replacement.as_str())))
        .collect();
    assert_eq!(
        seen,
        [
            ("found bed-blocker (bed blocker)", Some("first")),
            ("found Bed Blocker (bed blocker)", Some("first")),
            ("found gomer (gomer)", None),
        ]
    );
}

#[test]
fn disguises_decode_only_for_disguise_rules() {
    let plain = linter(&rule(
        "id = \"r\"\nterms = [\"shit\"]\nexamples.flag = [\"shit\"]\nexamples.pass = [\"ok\"]",
    ));
    assert!(plain.lint("sh1t").is_empty());
    let disguised = linter(&rule(
        "id = \"r\"\nterms = [\"shit\"]\ndisguise = true\nexamples.flag = [\"shit\"]\nexamples.pass = [\"ok\"]",
    ));
    for text in [
        "sh1t",
        "$hit",
        "sh*t",
        "s.h.i.t",
        "s h i t",
        "shiiiit",
        "ｓｈｉｔ",
        "ѕһіt",
        "sh\u{200b}it",
        "𝐬𝐡𝐢𝐭",
    ] {
        let d = disguised.lint(&format!("oh {text} again"));
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        assert_eq!(d[0].text, text, "the finding points at what was typed");
    }
    for text in ["shiitake", "shift", "6 hit", "5 hits", "Shitterton-free"] {
        assert!(disguised.lint(text).is_empty(), "{text}");
    }
}

#[test]
fn a_road_number_is_not_leet_even_in_a_draft_the_view_folds() {
    let l = linter(&rule(
        "id = \"r\"\nterms = [\"ass\", \"as\"]\ndisguise = true\nexamples.flag = [\"ass\"]\nexamples.pass = [\"ok\"]",
    ));
    // The accent makes the linter match against a folded, lower-case view.
    for tail in ["", " after the café"] {
        let road = format!("Stuck on the A55 and the M40{tail}");
        assert!(l.lint(&road).is_empty(), "{road}");
        let leet = format!("kick a55{tail}");
        assert_eq!(found(&l, &leet).len(), 1, "{leet}");
    }
}

#[test]
fn pattern_with_validator_and_named_group() {
    let l = linter(&rule(
        r#"id = "r"
pattern = '''NHS no\s*(?P<match>\d{10})'''
validate = "mod11"
examples.flag = ["NHS no 9434765919"]
examples.pass = ["NHS no 9434765910"]"#,
    ));
    let d = l.lint("NHS no 9434765919");
    assert_eq!(d[0].text, "9434765919");
    assert_eq!(d[0].span.start, 7);
}

#[test]
fn context_raises_severity_and_clears() {
    let l = linter(&rule(
        r#"id = "r"
pattern = '\d{3} \d{3}'
context = [
  { terms = ["patient"], within = 3, severity = "error" },
  { terms = ["helpline", "call"], within = 2, side = "before", clear = true },
]
examples.flag = ["123 456"]
examples.pass = ["call 123 456"]"#,
    ));
    assert_eq!(found(&l, "ref 123 456"), [("123 456".to_owned(), Severity::Warning)]);
    assert_eq!(
        found(&l, "the patient is 123 456"),
        [("123 456".to_owned(), Severity::Error)]
    );
    assert!(found(&l, "helpline: 123 456").is_empty());
    assert_eq!(found(&l, "123 456 is the helpline").len(), 1, "clear only looks before");
    assert_eq!(found(&l, "patient one two three four 123 456").len(), 1);
    assert_eq!(
        found(&l, "patient one two three four 123 456")[0].1,
        Severity::Warning,
        "patient is too far"
    );
}

#[test]
fn near_requires_conditions_within_words() {
    let l = linter(&rule(
        r#"id = "r"
pattern = '(?-i)\b(?:Mrs|Mr|Ms) [A-Z][a-z]+'
near = [{ terms = ["ward", "bay", "patient", "admitted"], within = 4 }]
examples.flag = ["Mrs Khan in bay 3"]
examples.pass = ["Mrs Khan gave a great talk"]"#,
    ));
    assert_eq!(found(&l, "Mr Patel admitted overnight").len(), 1);
    assert!(found(&l, "Mr Patel, thanks for the teaching session on the ward").is_empty());
}

#[test]
fn near_at_least_counts_conditions() {
    let l = linter(&rule(
        r#"id = "r"
pattern = '\b\d{2}(?:yo|-year-old)\b'
near = [
  { terms = ["man", "woman", "lady", "gentleman"], within = 3 },
  { terms = ["stroke", "dementia", "fracture"], within = 6 },
  { terms = ["today", "tonight", "last night"], within = 8 },
]
near-at-least = 2
examples.flag = ["94yo man with a stroke"]
examples.pass = ["94yo"]"#,
    ));
    assert_eq!(found(&l, "admitted a 94yo lady last night").len(), 1);
    assert!(found(&l, "a 94yo lady").is_empty());
}

#[test]
fn unless_first_words_and_requires() {
    let l = linter(&rule(
        r##"id = "r"
pattern = '\bcode (?P<match>[A-Z0-9]{4,})'
unless = [{ terms = ["ad", "#ad"], first-words = 3 }]
requires = [{ terms = ["off", "discount"] }]
examples.flag = ["code NURSE20 for 20% off"]
examples.pass = ["#ad code NURSE20 for 20% off"]"##,
    ));
    assert!(found(&l, "Ad: code NURSE20 gets 20% off").is_empty());
    assert_eq!(
        found(&l, "code NURSE20 gets 20% off #ad").len(),
        1,
        "a label at the end does not count"
    );
    assert!(
        found(&l, "dress code NURSE20 strictly").is_empty(),
        "requires a discount word"
    );
}

#[test]
fn except_clears_overlapping_phrases() {
    let l = linter(&rule(
        r#"id = "r"
terms = ["bloody"]
except = ["bloody stools", "bloody diarrhoea"]
examples.flag = ["bloody rota"]
examples.pass = ["bloody stools"]"#,
    ));
    assert!(found(&l, "Bloody stools x3 today").is_empty());
    assert_eq!(found(&l, "bloody rota, bloody diarrhoea").len(), 1);
}

#[test]
fn terms_of_other_conditions_are_found_once_a_trigger_has_a_hit() {
    // "bed" triggers rule b and is a `near` term of rule a: the linter keeps
    // it both with the triggers' terms and with the others', which a short
    // draft is searched for only once a trigger has a hit.
    let rule = |id: &str, body: &str| {
        format!(
            "\n[[rule]]\nid = \"{id}\"\ntitle = \"t\"\nseverity = \"warning\"\nmessage = \"m\"\nexplain = \"why\"\nsources = [\"src\"]\n{body}\nexamples.flag = [\"bed 4 in bay 2\"]\nexamples.pass = [\"ward 2\"]\n"
        )
    };
    let mut pack = format!(
        "{HEADER}{}{}",
        rule("a", "terms = [\"bay\"]\nnear = [{ terms = [\"bed\"], within = 3 }]"),
        rule("b", "terms = [\"bed\"]\nexcept = [\"bed bath\"]"),
    );
    // More rules on the same terms, for a short draft with many hits.
    for id in ["c", "d", "e", "f"] {
        pack.push_str(&rule(id, "terms = [\"bay\", \"bed\"]"));
    }
    let l = linter(&pack);
    let count = |text: &str, id: &str| l.lint(text).iter().filter(|d| d.rule.as_str() == id).count();
    assert_eq!(count("bed 4 in bay 2", "test/a"), 1);
    assert_eq!(count("bed 4 in bay 2", "test/b"), 1);
    assert_eq!(count("a bed bath in bay 2", "test/a"), 1);
    assert_eq!(count("a bed bath in bay 2", "test/b"), 0);
    assert_eq!(count("bay 2, then the ward", "test/a"), 0);
    // A short draft with more trigger hits than are filtered one condition
    // at a time: they are grouped by condition before the other terms are
    // found, and grouped again after.
    let dense = "bed bay ".repeat(124);
    assert!(dense.len() < 1000);
    assert_eq!(count(&dense, "test/a"), 124);
    assert_eq!(count(&dense, "test/b"), 124);
    assert_eq!(count(&dense, "test/c"), 248);
    // A long draft, searched for all terms at once.
    let long = "bed 4 in bay 2. a bed bath in bay 3. ".repeat(700);
    assert_eq!(count(&long, "test/a"), 1400);
    assert_eq!(count(&long, "test/b"), 700);
}

#[test]
fn config_selects_ignores_overrides_and_allows() {
    let pack = format!(
        "{}\n[[rule]]\nid = \"b\"\ntitle = \"t\"\nseverity = \"error\"\nmessage = \"m\"\nexplain = \"e\"\nsources = [\"src\"]\nterms = [\"dick\"]\nexamples.flag = [\"dick\"]\nexamples.pass = [\"x\"]\n",
        rule("id = \"a\"\nterms = [\"crap\"]\nexamples.flag = [\"crap\"]\nexamples.pass = [\"x\"]")
    );
    let rules = || RuleSet::from_toml("t.toml", &pack).unwrap_or_else(|e| panic!("{e}"));
    let lint = |config: Config, text: &str| -> Vec<Diagnostic> {
        Linter::new(rules(), config)
            .unwrap_or_else(|e| panic!("{e}"))
            .lint(text)
    };
    let config = Config {
        ignore: vec![Selector::new("test/a")],
        ..Config::default()
    };
    assert_eq!(lint(config, "crap dick").len(), 1);
    let config = Config {
        select: vec![Selector::new("test/a")],
        ..Config::default()
    };
    assert_eq!(lint(config, "crap dick")[0].rule.as_str(), "test/a");
    let config = Config {
        severity: vec![(Selector::new("test"), Severity::Info)],
        ..Config::default()
    };
    assert!(lint(config, "crap dick").iter().all(|d| d.severity == Severity::Info));
    let config = Config {
        allow: vec!["Dick Whittington".to_owned()],
        ..Config::default()
    };
    assert_eq!(lint(config, "Dick Whittington panto, dick move").len(), 1);
    let config = Config {
        select: vec![Selector::new("test/zz")],
        ..Config::default()
    };
    let error = Linter::new(rules(), config).err().expect("unknown selector");
    assert!(
        error.to_string().contains("no loaded rule matches `test/zz`"),
        "{error}"
    );
}

#[test]
fn overlapping_findings_of_one_rule_merge_and_fixes_apply() {
    let l = linter(&rule(
        r#"id = "r"
terms = ["bed blocker", "blocker"]
fix = "X"
examples.flag = ["blocker"]
examples.pass = ["bed"]"#,
    ));
    let d = l.lint("a bed blocker here");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].text, "bed blocker");
    assert_eq!(apply_fixes("a bed blocker here", &d), "a X here");
    assert_eq!(l.fix("a bed blocker here").text, "a X here");
}

#[test]
fn offsets_are_bytes_utf16_and_character_columns() {
    let l = linter(&rule(
        "id = \"r\"\nterms = [\"crap\"]\nexamples.flag = [\"crap\"]\nexamples.pass = [\"x\"]",
    ));
    let text = "🩺 ok\n👩🏾‍⚕️ é crap";
    let d = &l.lint(text)[0];
    assert_eq!(&text[d.span.start..d.span.end], "crap");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16_lossy(&utf16[d.utf16.start..d.utf16.end]), "crap");
    assert_eq!((d.line, d.column), (2, 9));
}

#[test]
fn term_files_are_read_through_the_callback() {
    let pack = rule("id = \"r\"\nterms-file = \"words.txt\"\nexamples.flag = [\"crap\"]\nexamples.pass = [\"x\"]");
    let files = |path: &str| {
        if path == "words.txt" {
            Ok("# comment\ncrap\n\n".to_owned())
        } else {
            Err("no such file".to_owned())
        }
    };
    assert!(RuleSet::from_toml_with_files("t.toml", &pack, &files).is_ok());
    let error = RuleSet::from_toml("t.toml", &pack).expect_err("no files callback");
    assert!(error.to_string().contains("terms file `words.txt`"), "{error}");
}

#[test]
fn merging_packs_rejects_duplicate_rule_ids() {
    let pack = rule("id = \"r\"\nterms = [\"crap\"]\nexamples.flag = [\"crap\"]\nexamples.pass = [\"x\"]");
    let mut set = RuleSet::from_toml("a.toml", &pack).unwrap_or_else(|e| panic!("{e}"));
    let error = set
        .merge(RuleSet::from_toml("b.toml", &pack).unwrap_or_else(|e| panic!("{e}")))
        .expect_err("duplicate");
    assert!(
        error
            .to_string()
            .contains("duplicate rule id `test/r` (first defined at a.toml:"),
        "{error}"
    );
}

#[test]
fn one_linter_serves_many_threads() {
    let l = linter(&rule(
        "id = \"r\"\nterms = [\"crap\"]\ndisguise = true\nexamples.flag = [\"crap\"]\nexamples.pass = [\"x\"]",
    ));
    let expected = l.lint("what cr@p");
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(l.lint("what cr@p"), expected));
        }
    });
}

#[test]
fn linter_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Linter>();
    assert_send_sync::<RuleSet>();
}

#[test]
fn a_long_lived_linter_finds_the_same_after_building_its_faster_automaton() {
    // The term automaton is rebuilt as a DFA after `BYTES_BEFORE_DFA` bytes
    // of drafts; the findings must not change when it is.
    let linter = Linter::new(RuleSet::builtin(), Config::default()).expect("built-in packs compile");
    let drafts = [
        "Mrs Smith in bed 4 on Ward 7B, NHS no 401 023 2137. F*cking shift. Use code PHYSIO20 #gifted",
        "sh1t day, f.u.c.k this, our patient Jim (82) was discharged from the ITU 🙏 #nhs",
        "Great #physiotalk on early mobilisation after hip fracture. Thanks to everyone who came!",
    ];
    let first: Vec<Vec<Diagnostic>> = drafts.iter().map(|d| linter.lint(d)).collect();
    assert!(first.iter().take(2).all(|f| !f.is_empty()));
    assert!(
        linter
            .lint(&"a long clean draft ".repeat(postlint::BYTES_BEFORE_DFA / 19 + 1))
            .is_empty()
    );
    let later: Vec<Vec<Diagnostic>> = drafts.iter().map(|d| linter.lint(d)).collect();
    assert_eq!(first, later);
}
