//! Reads one pack file into validated rules, reporting every mistake at once.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use super::condition::{CONDITION_KEYS, Matcher, Side, read_matcher};
use super::{
    Context, Effect, Example, Examples, Near, Pack, Place, PostCondition, Rule, RuleSet, Severity, Source, TermFiles,
};
use crate::error::{FileErrorKind, FileErrors, closest};
use crate::toml_reader::{Located, Sink, TableReader};

const TOP_KEYS: &[&[&str]] = &[&["pack", "source", "rule"]];
const PACK_KEYS: &[&[&str]] = &[&["id", "title", "description", "min-postlint"]];
const SOURCE_KEYS: &[&[&str]] = &[&["id", "title", "publisher", "url", "year"]];
const RULE_OWN_KEYS: &[&str] = &[
    "id",
    "title",
    "severity",
    "message",
    "explain",
    "sources",
    "fix",
    "examples",
    "except",
    "near",
    "near-at-least",
    "context",
    "unless",
    "requires",
];
const RULE_KEYS: &[&[&str]] = &[RULE_OWN_KEYS, CONDITION_KEYS];
const EXAMPLE_KEYS: &[&[&str]] = &[&["flag", "pass"]];
const NEAR_KEYS: &[&[&str]] = &[&["within", "side"], CONDITION_KEYS];
const CONTEXT_KEYS: &[&[&str]] = &[&["within", "side", "severity", "clear"], CONDITION_KEYS];
const POST_KEYS: &[&[&str]] = &[&["first-words"], CONDITION_KEYS];
const EXCEPT_KEYS: &[&[&str]] = &[CONDITION_KEYS];

/// Every key a `[[rule]]` table accepts (documented in `rules/README.md`).
pub fn rule_keys() -> impl Iterator<Item = &'static str> {
    RULE_KEYS.iter().flat_map(|group| group.iter().copied())
}

/// How many words a `near` condition may be from the finding when `within` is not given.
pub(crate) const DEFAULT_NEAR_WITHIN: usize = 10;
/// How many words a `context` condition may be from the finding when `within` is not given.
pub(crate) const DEFAULT_CONTEXT_WITHIN: usize = 5;

pub(crate) fn read_pack(origin: &str, text: &str, files: &dyn TermFiles) -> Result<RuleSet, FileErrors> {
    read_pack_compiling(origin, text, files, true)
}

/// [`read_pack`], compiling patterns now or on first use.
pub(crate) fn read_pack_compiling(
    origin: &str,
    text: &str,
    files: &dyn TermFiles,
    compile_patterns_now: bool,
) -> Result<RuleSet, FileErrors> {
    let mut sink = Sink::new(origin, text);
    sink.compile_patterns_now = compile_patterns_now;
    let Some(document) = sink.parse() else {
        return Err(FileErrors(sink.finish()));
    };
    let top = TableReader::new(
        &mut sink,
        document.get_ref(),
        document.span(),
        "the pack file",
        TOP_KEYS,
    );
    let origin_arc: Arc<str> = Arc::from(origin);

    let pack = match top.table(&mut sink, "pack") {
        Some((table, span)) => read_pack_table(&mut sink, table, span, origin),
        None => {
            if !top.has("pack") {
                top.missing(&mut sink, "pack");
            }
            None
        }
    };
    let sources = read_sources(&mut sink, &top);
    let source_ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let pack_id = pack.as_ref().map_or("pack", |p| p.id.as_str()).to_owned();

    let mut rules = Vec::new();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let rule_tables = top.tables(&mut sink, "rule");
    if rule_tables.is_empty() && !top.has("rule") {
        top.missing(&mut sink, "rule");
    }
    for (table, span) in rule_tables {
        let reader = TableReader::new(&mut sink, table, span.clone(), "a [[rule]] table", RULE_KEYS);
        let Some(rule) = read_rule(&mut sink, &reader, files, &pack_id, &sources, &source_ids, &origin_arc) else {
            continue;
        };
        let short_id = rule.id.as_str().rsplit('/').next().unwrap_or_default().to_owned();
        if let Some(first) = seen.get(&short_id) {
            let (line, column) = sink.line_column(first.start);
            sink.push(
                reader.key_span("id"),
                FileErrorKind::Duplicate {
                    what: "rule".to_owned(),
                    id: rule.id.to_string(),
                    first: Some(format!("{origin}:{line}:{column}")),
                },
            );
            continue;
        }
        seen.insert(short_id, reader.key_span("id"));
        rules.push(rule);
    }

    let errors = sink.finish();
    match pack {
        Some(mut pack) if errors.is_empty() => {
            pack.sources = sources;
            Ok(RuleSet::from_parts(vec![pack], rules))
        }
        _ => Err(FileErrors(errors)),
    }
}

fn read_pack_table(sink: &mut Sink<'_>, table: &DeTable<'_>, span: Range<usize>, origin: &str) -> Option<Pack> {
    let reader = TableReader::new(sink, table, span, "[pack]", PACK_KEYS);
    let id = reader
        .required_string(sink, "id")
        .and_then(|id| checked_id(sink, id, "pack"));
    let title = reader.required_string(sink, "title");
    let description = reader.string(sink, "description").map(|d| d.value);
    if let Some(required) = reader.string(sink, "min-postlint") {
        check_version(sink, required);
    }
    Some(Pack {
        id: id?.value.as_str().into(),
        title: title?.value,
        description,
        origin: origin.to_owned(),
        sources: Vec::new(),
    })
}

fn check_version(sink: &mut Sink<'_>, required: Located<String>) {
    let parse = |v: &str| -> Option<Vec<u64>> { v.trim().split('.').map(|p| p.parse().ok()).collect() };
    let current = env!("CARGO_PKG_VERSION");
    match (parse(&required.value), parse(current)) {
        (Some(want), Some(have)) if want > have => sink.push(
            required.span,
            FileErrorKind::TooNew {
                required: required.value.clone(),
                current: current.to_owned(),
            },
        ),
        (Some(_), _) => {}
        (None, _) => sink.push(
            required.span,
            FileErrorKind::InvalidValue {
                key: "min-postlint".to_owned(),
                message: "expected a version such as \"0.1.0\"".to_owned(),
            },
        ),
    }
}

fn read_sources(sink: &mut Sink<'_>, top: &TableReader<'_, '_>) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    for (table, span) in top.tables(sink, "source") {
        let reader = TableReader::new(sink, table, span, "a [[source]] table", SOURCE_KEYS);
        let id = reader
            .required_string(sink, "id")
            .and_then(|id| checked_id(sink, id, "source"));
        let title = reader.required_string(sink, "title");
        let publisher = reader.string(sink, "publisher").map(|p| p.value);
        let url = reader.string(sink, "url").map(|u| u.value);
        let year = reader.count(sink, "year").and_then(|y| u32::try_from(y.value).ok());
        let (Some(id), Some(title)) = (id, title) else { continue };
        if sources.iter().any(|s| s.id.as_str() == id.value) {
            sink.push(
                id.span,
                FileErrorKind::Duplicate {
                    what: "source".to_owned(),
                    id: id.value,
                    first: None,
                },
            );
            continue;
        }
        sources.push(Source {
            id: id.value.as_str().into(),
            title: title.value,
            publisher,
            url,
            year,
        });
    }
    sources
}

/// Ids are kebab-case so they read the same in TOML, JSON, the command line and URLs.
fn checked_id(sink: &mut Sink<'_>, id: Located<String>, what: &str) -> Option<Located<String>> {
    let valid = !id.value.is_empty()
        && id
            .value
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if valid {
        Some(id)
    } else {
        sink.push(
            id.span,
            FileErrorKind::InvalidValue {
                key: "id".to_owned(),
                message: format!(
                    "{what} id {:?} must be kebab-case: lower-case letters and digits joined by single hyphens",
                    id.value
                ),
            },
        );
        None
    }
}

fn read_rule(
    sink: &mut Sink<'_>,
    reader: &TableReader<'_, '_>,
    files: &dyn TermFiles,
    pack_id: &str,
    sources: &[Source],
    source_ids: &[&str],
    origin: &Arc<str>,
) -> Option<Rule> {
    let id = reader
        .required_string(sink, "id")
        .and_then(|id| checked_id(sink, id, "rule"));
    let full_id = format!("{pack_id}/{}", id.as_ref().map_or("?", |i| i.value.as_str()));
    let title = reader.required_string(sink, "title");
    let severity = reader
        .required_string(sink, "severity")
        .and_then(|s| parse_severity(sink, s));
    let message = reader
        .required_string(sink, "message")
        .and_then(|m| checked_message(sink, m));
    let explain = reader.required_string(sink, "explain");
    let fix = reader.string(sink, "fix").map(|f| f.value);
    let cited = read_cited_sources(sink, reader, &full_id, sources, source_ids);
    let examples = read_examples(sink, reader, origin);

    let trigger = read_matcher(sink, reader, files, &full_id);
    if trigger.is_none() && !reader.has("terms") && !reader.has("terms-file") && !reader.has("pattern") {
        sink.push(
            reader.key_span("id"),
            FileErrorKind::NoTrigger { rule: full_id.clone() },
        );
    }
    let except = read_except(sink, reader, files, &full_id);
    let (near, near_written) = read_near(sink, reader, files, &full_id);
    // Counted as written: a `near` condition refused for its own mistake
    // (already reported) must not make this look wrong too.
    let near_at_least = match reader.count(sink, "near-at-least") {
        Some(n) if n.value == 0 || n.value > near_written => {
            sink.push(
                n.span,
                FileErrorKind::InvalidValue {
                    key: "near-at-least".to_owned(),
                    message: format!("must be between 1 and the number of `near` conditions ({near_written})"),
                },
            );
            near.len()
        }
        Some(n) if n.value > near.len() => near.len(),
        Some(n) => n.value,
        None => near.len(),
    };
    let context = read_context(sink, reader, files, &full_id);
    let unless = read_post_conditions(sink, reader, files, &full_id, "unless");
    let requires = read_post_conditions(sink, reader, files, &full_id, "requires");

    let span = reader.key_span("id");
    let (line, column) = sink.line_column(span.start);
    Some(Rule {
        id: full_id.as_str().into(),
        pack: pack_id.into(),
        title: title?.value,
        severity: severity?,
        message: message?.value,
        explain: explain?.value,
        sources: cited?,
        fix,
        examples: examples?,
        trigger: trigger?,
        except,
        near,
        near_at_least,
        context,
        unless,
        requires,
        place: Place {
            origin: origin.clone(),
            span,
            line,
            column,
        },
    })
}

fn parse_severity(sink: &mut Sink<'_>, value: Located<String>) -> Option<Severity> {
    let parsed = Severity::parse(&value.value);
    if parsed.is_none() {
        sink.push(
            value.span,
            FileErrorKind::InvalidValue {
                key: "severity".to_owned(),
                message: format!("{:?} is not one of \"error\", \"warning\", \"info\"", value.value),
            },
        );
    }
    parsed
}

/// The placeholders a message may use.
const PLACEHOLDERS: &[&str] = &["match", "term"];

fn checked_message(sink: &mut Sink<'_>, message: Located<String>) -> Option<Located<String>> {
    let mut rest = message.value.as_str();
    let mut ok = true;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        if !name.is_some_and(|n| PLACEHOLDERS.contains(&n)) {
            ok = false;
            sink.push(
                message.span.clone(),
                FileErrorKind::InvalidValue {
                    key: "message".to_owned(),
                    message: format!(
                        "unknown placeholder {{{}}}; use {{match}} (the text as written) or {{term}} (the term it matched)",
                        name.unwrap_or(after)
                    ),
                },
            );
            break;
        }
        rest = &after[name.map_or(0, str::len) + 1..];
    }
    ok.then_some(message)
}

fn read_cited_sources(
    sink: &mut Sink<'_>,
    reader: &TableReader<'_, '_>,
    rule: &str,
    sources: &[Source],
    source_ids: &[&str],
) -> Option<Vec<Source>> {
    if !reader.has("sources") {
        reader.missing(sink, "sources");
        return None;
    }
    let cited = reader.strings(sink, "sources")?;
    if cited.is_empty() {
        sink.push(
            reader.key_span("sources"),
            FileErrorKind::InvalidValue {
                key: "sources".to_owned(),
                message: "cite at least one guidance source".to_owned(),
            },
        );
        return None;
    }
    let mut out = Vec::new();
    for id in cited {
        match sources.iter().find(|s| s.id.as_str() == id.value) {
            Some(source) => out.push(source.clone()),
            None => sink.push(
                id.span,
                FileErrorKind::UnknownSource {
                    rule: rule.to_owned(),
                    suggestion: closest(&id.value, source_ids.iter().copied()),
                    source_id: id.value,
                },
            ),
        }
    }
    Some(out)
}

fn read_examples(sink: &mut Sink<'_>, reader: &TableReader<'_, '_>, origin: &Arc<str>) -> Option<Examples> {
    let Some((table, span)) = reader.table(sink, "examples") else {
        if !reader.has("examples") {
            reader.missing(sink, "examples");
        }
        return None;
    };
    let examples = TableReader::new(sink, table, span, "`examples`", EXAMPLE_KEYS);
    let mut read = |key: &str| -> Option<Vec<Example>> {
        if !examples.has(key) {
            examples.missing(sink, key);
            return None;
        }
        let list = examples.strings(sink, key)?;
        if list.is_empty() {
            sink.push(
                examples.key_span(key),
                FileErrorKind::InvalidValue {
                    key: format!("examples.{key}"),
                    message: "give at least one example".to_owned(),
                },
            );
            return None;
        }
        Some(
            list.into_iter()
                .map(|e| {
                    let (line, column) = sink.line_column(e.span.start);
                    Example {
                        text: e.value,
                        place: Place {
                            origin: origin.clone(),
                            span: e.span,
                            line,
                            column,
                        },
                    }
                })
                .collect(),
        )
    };
    let flag = read("flag");
    let pass = read("pass");
    Some(Examples {
        flag: flag?,
        pass: pass?,
    })
}

fn read_except(
    sink: &mut Sink<'_>,
    reader: &TableReader<'_, '_>,
    files: &dyn TermFiles,
    rule: &str,
) -> Option<Matcher> {
    let value = reader.get("except")?;
    match value.get_ref() {
        DeValue::Table(table) => {
            let sub = TableReader::new(
                sink,
                table,
                value.span(),
                format!("`except` of rule `{rule}`"),
                EXCEPT_KEYS,
            );
            let matcher = read_matcher(sink, &sub, files, rule);
            if matcher.is_none() && !sub.has("terms") && !sub.has("pattern") && !sub.has("terms-file") {
                sub.missing(sink, "terms");
            }
            matcher
        }
        _ => {
            // A plain list is shorthand for `except = { terms = [...] }`.
            let mut table = DeTable::new();
            table.insert(toml::Spanned::new(0..0, "terms".into()), value.clone());
            let sub = TableReader::new(
                sink,
                &table,
                value.span(),
                format!("`except` of rule `{rule}`"),
                EXCEPT_KEYS,
            );
            read_matcher(sink, &sub, files, rule)
        }
    }
}

fn read_side(sink: &mut Sink<'_>, reader: &TableReader<'_, '_>) -> Side {
    match reader.string(sink, "side") {
        None => Side::Either,
        Some(side) => match side.value.as_str() {
            "before" => Side::Before,
            "after" => Side::After,
            "either" => Side::Either,
            _ => {
                sink.push(
                    side.span,
                    FileErrorKind::InvalidValue {
                        key: "side".to_owned(),
                        message: "must be \"before\", \"after\" or \"either\"".to_owned(),
                    },
                );
                Side::Either
            }
        },
    }
}

fn sub_matcher(sink: &mut Sink<'_>, sub: &TableReader<'_, '_>, files: &dyn TermFiles, rule: &str) -> Option<Matcher> {
    let matcher = read_matcher(sink, sub, files, rule);
    if matcher.is_none() && !sub.has("terms") && !sub.has("terms-file") && !sub.has("pattern") {
        sink.push(
            sub.span(),
            FileErrorKind::MissingKey {
                key: "terms` or `pattern".to_owned(),
                table: sub.name().to_owned(),
            },
        );
    }
    matcher
}

/// The `near` conditions that read well, and how many were written.
fn read_near(
    sink: &mut Sink<'_>,
    reader: &TableReader<'_, '_>,
    files: &dyn TermFiles,
    rule: &str,
) -> (Vec<Near>, usize) {
    let mut out = Vec::new();
    let mut written = 0;
    for (table, span) in reader.tables(sink, "near") {
        written += 1;
        let sub = TableReader::new(
            sink,
            table,
            span,
            format!("a `near` condition of rule `{rule}`"),
            NEAR_KEYS,
        );
        let within = sub.count(sink, "within").map_or(DEFAULT_NEAR_WITHIN, |w| w.value);
        let side = read_side(sink, &sub);
        if let Some(matcher) = sub_matcher(sink, &sub, files, rule) {
            out.push(Near { matcher, within, side });
        }
    }
    (out, written)
}

fn read_context(sink: &mut Sink<'_>, reader: &TableReader<'_, '_>, files: &dyn TermFiles, rule: &str) -> Vec<Context> {
    let mut out = Vec::new();
    for (table, span) in reader.tables(sink, "context") {
        let sub = TableReader::new(
            sink,
            table,
            span.clone(),
            format!("a `context` condition of rule `{rule}`"),
            CONTEXT_KEYS,
        );
        let within = sub.count(sink, "within").map_or(DEFAULT_CONTEXT_WITHIN, |w| w.value);
        let side = read_side(sink, &sub);
        let severity = sub.string(sink, "severity").and_then(|s| parse_severity(sink, s));
        let clear = sub.bool(sink, "clear").unwrap_or(false);
        let effect = match (severity, clear) {
            (Some(s), false) => Some(Effect::SetSeverity(s)),
            (None, true) => Some(Effect::Clear),
            (Some(_), true) => {
                sink.push(
                    sub.key_span("clear"),
                    FileErrorKind::InvalidValue {
                        key: "clear".to_owned(),
                        message: "a context either sets `severity` or has `clear = true`, not both".to_owned(),
                    },
                );
                None
            }
            (None, false) => {
                if !sub.has("severity") {
                    sink.push(
                        span,
                        FileErrorKind::MissingKey {
                            key: "severity` or `clear".to_owned(),
                            table: sub.name().to_owned(),
                        },
                    );
                }
                None
            }
        };
        let matcher = sub_matcher(sink, &sub, files, rule);
        if let (Some(matcher), Some(effect)) = (matcher, effect) {
            out.push(Context {
                matcher,
                within,
                side,
                effect,
            });
        }
    }
    out
}

fn read_post_conditions(
    sink: &mut Sink<'_>,
    reader: &TableReader<'_, '_>,
    files: &dyn TermFiles,
    rule: &str,
    key: &str,
) -> Vec<PostCondition> {
    let mut out = Vec::new();
    for (table, span) in reader.tables(sink, key) {
        let sub = TableReader::new(
            sink,
            table,
            span,
            format!("an `{key}` condition of rule `{rule}`"),
            POST_KEYS,
        );
        let first_words = sub.count(sink, "first-words").map(|w| w.value);
        if let Some(matcher) = sub_matcher(sink, &sub, files, rule) {
            out.push(PostCondition { matcher, first_words });
        }
    }
    out
}
