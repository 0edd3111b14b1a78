//! `--format sarif`: SARIF 2.1.0 for code-scanning tools.
//!
//! The rules that run are listed in `tool.driver.rules`, each with help text
//! (its explanation and guidance sources). Each finding is a result with its
//! region (1-based lines, columns counted in Unicode code points as
//! `columnKind` says, and UTF-8 byte offsets) and its fix, if any, as a
//! replacement. A post of a batch is an artifact `<batch>#<id>` whose regions
//! count within the post's text.

use std::io::{self, Write};

use postlint::{Diagnostic, Linter, Rule, Severity};
use serde::Serialize;

use super::human::source_name;
use super::{Entry, Reporter, Summary, write_indented_json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

pub struct Sarif {
    started: bool,
    results: usize,
    tool: Tool,
    rule_ids: Vec<String>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: String,
    tags: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: usize,
    byte_length: usize,
    snippet: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

impl Sarif {
    pub fn new(linter: &Linter) -> Sarif {
        let rules: Vec<&Rule> = linter.enabled_rules().collect();
        Sarif {
            started: false,
            results: 0,
            rule_ids: rules.iter().map(|r| r.id.to_string()).collect(),
            tool: Tool {
                driver: Driver {
                    name: "postlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: rules.into_iter().map(descriptor).collect(),
                },
            },
        }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": "
        )?;
        write_indented_json(out, &self.tool, 6)?;
        out.write_all(b",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let explain = rule.explain.trim();
    let summary = explain.split("\n\n").next().unwrap_or(explain).replace('\n', " ");
    let mut text = format!("{explain}\n\nSources:");
    let mut markdown = format!("{explain}\n\n**Sources**\n");
    for source in &rule.sources {
        let name = source_name(source);
        match &source.url {
            Some(url) => {
                text.push_str(&format!("\n- {name}: {url}"));
                markdown.push_str(&format!("\n- [{name}]({url})"));
            }
            None => {
                text.push_str(&format!("\n- {name}"));
                markdown.push_str(&format!("\n- {name}"));
            }
        }
    }
    ReportingDescriptor {
        id: rule.id.to_string(),
        name: pascal_case(rule.id.as_str().rsplit('/').next().unwrap_or_default()),
        short_description: Text {
            text: rule.title.clone(),
        },
        full_description: Text {
            text: if summary.is_empty() {
                rule.title.clone()
            } else {
                summary
            },
        },
        help: Help { text, markdown },
        help_uri: rule.sources.iter().find_map(|s| s.url.clone()),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            category: rule.pack.to_string(),
            tags: vec!["postlint".to_owned(), rule.pack.to_string()],
        },
    }
}

/// `nhs-number` → `NhsNumber` (SARIF's `name` is an identifier-like friendly name).
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// A relative URI reference for a path (`a b/c.txt` → `a%20b/c.txt`), with a
/// batch post's id as the fragment.
fn uri(file: &str, id: Option<&str>) -> String {
    let mut out = encode(&file.replace('\\', "/"), true);
    if let Some(id) = id {
        out.push('#');
        out.push_str(&encode(id, false));
    }
    out
}

fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(char::from(byte)),
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Line and column (1-based, code points) just past the diagnostic's text.
fn end_position(d: &Diagnostic) -> (u32, u32) {
    let newlines = d.text.matches('\n').count() as u32;
    match d.text.rfind('\n') {
        Some(at) => (d.line + newlines, d.text[at + 1..].chars().count() as u32 + 1),
        None => (d.line, d.column + d.text.chars().count() as u32),
    }
}

impl Reporter for Sarif {
    fn entry(&mut self, out: &mut dyn Write, entry: &Entry<'_>) -> io::Result<()> {
        self.start(out)?;
        if entry.diagnostics.is_empty() {
            return Ok(());
        }
        let uri = uri(entry.file, entry.id);
        for d in entry.diagnostics {
            let (end_line, end_column) = end_position(d);
            let artifact = ArtifactLocation { uri: &uri };
            let fixes = d
                .fix
                .as_ref()
                .map(|fix| SarifFix {
                    description: Text {
                        text: format!("Replace {:?} with {:?}", d.text, fix.replacement),
                    },
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: artifact.clone(),
                        replacements: vec![Replacement {
                            deleted_region: ByteRegion {
                                byte_offset: d.span.start,
                                byte_length: d.span.len(),
                            },
                            inserted_content: Text {
                                text: fix.replacement.clone(),
                            },
                        }],
                    }],
                })
                .into_iter()
                .collect();
            let result = SarifResult {
                rule_id: d.rule.as_str(),
                rule_index: self.rule_ids.iter().position(|id| id == d.rule.as_str()).unwrap_or(0),
                level: level(d.severity),
                message: Text {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact,
                        region: Region {
                            start_line: d.line,
                            start_column: d.column,
                            end_line,
                            end_column,
                            byte_offset: d.span.start,
                            byte_length: d.span.len(),
                            snippet: Text { text: d.text.clone() },
                        },
                    },
                }],
                fixes,
            };
            out.write_all(if self.results == 0 {
                b"\n        "
            } else {
                b",\n        "
            })?;
            self.results += 1;
            write_indented_json(out, &result, 8)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        out.write_all(if self.results == 0 { b"]" } else { b"\n      ]" })?;
        out.write_all(b",\n      \"invocations\": ")?;
        write_indented_json(
            out,
            &[Invocation {
                execution_successful: summary.unreadable == 0,
            }],
            6,
        )?;
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_with_the_post_id_as_fragment() {
        assert_eq!(uri("drafts/monday.txt", None), "drafts/monday.txt");
        assert_eq!(uri("my drafts/ünï.md", None), "my%20drafts/%C3%BCn%C3%AF.md");
        assert_eq!(uri("posts.jsonl", Some("a b/1")), "posts.jsonl#a%20b%2F1");
    }

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal_case("nhs-number"), "NhsNumber");
    }
}
