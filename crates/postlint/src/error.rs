//! Errors in rule packs and configuration files, located in their source text.

use std::fmt;
use std::ops::Range;

/// A mistake in a rule pack or a configuration file, located in its text.
///
/// `line` and `column` are 1-based (column counted in characters). An error
/// that has no place in a file (a rule named on the command line, say) has
/// `line == 0` and is displayed without a position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    /// Where the text came from: a path, or `<builtin>/swearing.toml`.
    pub origin: String,
    /// Byte range of the offending value in the text.
    pub span: Range<usize>,
    /// 1-based line of `span.start`, or 0 when there is no position.
    pub line: u32,
    /// 1-based column (in characters) of `span.start`, or 0.
    pub column: u32,
    /// What is wrong.
    pub kind: FileErrorKind,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.origin, self.kind)
        } else {
            write!(f, "{}:{}:{}: {}", self.origin, self.line, self.column, self.kind)
        }
    }
}

impl FileError {
    /// Builds an error at `span` of `text`, computing line and column.
    pub(crate) fn at(origin: &str, text: &str, span: Range<usize>, kind: FileErrorKind) -> Self {
        let (line, column) = line_column(text, span.start);
        FileError {
            origin: origin.to_owned(),
            span,
            line,
            column,
            kind,
        }
    }

    /// Builds an error that has no position in a file.
    pub(crate) fn unplaced(origin: &str, kind: FileErrorKind) -> Self {
        FileError {
            origin: origin.to_owned(),
            span: 0..0,
            line: 0,
            column: 0,
            kind,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every mistake found in one load, reported together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileErrors(pub Vec<FileError>);

impl fmt::Display for FileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl FileErrors {
    /// The errors, in the order of their position.
    pub fn iter(&self) -> std::slice::Iter<'_, FileError> {
        self.0.iter()
    }
}

impl IntoIterator for FileErrors {
    type Item = FileError;
    type IntoIter = std::vec::IntoIter<FileError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What is wrong with a rule pack or configuration value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FileErrorKind {
    /// The text is not valid TOML.
    #[error("invalid TOML: {message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A key that the format does not have (often a typo).
    #[error("unknown key `{key}` in {table}{}; expected one of: {expected}", suggestion_text(.suggestion))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// Which table it is in (`[pack]`, rule `nhs-number`...).
        table: String,
        /// The keys that table accepts.
        expected: String,
        /// The closest known key, if one is close.
        suggestion: Option<String>,
    },
    /// A required key is absent.
    #[error("{table} is missing the required key `{key}`")]
    MissingKey {
        /// The key.
        key: String,
        /// Which table.
        table: String,
    },
    /// A value of the wrong TOML type.
    #[error("`{key}` must be {expected}, found {found}")]
    WrongType {
        /// The key.
        key: String,
        /// The type wanted, in words.
        expected: String,
        /// The type found.
        found: String,
    },
    /// A value of the right type that is not allowed.
    #[error("invalid `{key}`: {message}")]
    InvalidValue {
        /// The key.
        key: String,
        /// Why.
        message: String,
    },
    /// A regular expression that does not compile.
    #[error("rule `{rule}`: invalid pattern: {message}")]
    InvalidPattern {
        /// The rule.
        rule: String,
        /// The regex crate's message.
        message: String,
    },
    /// A validator name that postlint does not know.
    #[error("unknown validator `{name}`; expected one of: {expected}")]
    UnknownValidator {
        /// The name as written.
        name: String,
        /// The known names.
        expected: String,
    },
    /// A rule cites a source the pack does not declare.
    #[error("rule `{rule}` cites unknown source `{source_id}`; declare it in a [[source]] table{}", suggestion_text(.suggestion))]
    UnknownSource {
        /// The rule.
        rule: String,
        /// The source id as written.
        source_id: String,
        /// The closest declared source.
        suggestion: Option<String>,
    },
    /// A rule with no trigger would never fire.
    #[error("rule `{rule}` has no trigger (`terms`, `terms-file` or `pattern`); it would never fire")]
    NoTrigger {
        /// The rule.
        rule: String,
    },
    /// A condition with both terms and a pattern.
    #[error("{table} has both terms and a `pattern`; use one per condition (add another rule or a `near` condition)")]
    TwoTriggers {
        /// Which table.
        table: String,
    },
    /// Two rules (or sources) with the same id.
    #[error("duplicate {what} id `{id}`{}", first_seen(.first))]
    Duplicate {
        /// `rule` or `source`.
        what: String,
        /// The id.
        id: String,
        /// Where the first one was defined, `origin:line:column`.
        first: Option<String>,
    },
    /// A term list file could not be read or used.
    #[error("terms file `{path}`: {message}")]
    TermsFile {
        /// The path as written in the pack.
        path: String,
        /// Why.
        message: String,
    },
    /// An example listed under `examples.flag` is not flagged by its rule.
    #[error("rule `{rule}`: example is not flagged: {example:?}")]
    ExampleNotFlagged {
        /// The rule.
        rule: String,
        /// The example text.
        example: String,
    },
    /// An example listed under `examples.pass` is flagged by its rule.
    #[error("rule `{rule}`: example should pass but is flagged at {found:?}: {example:?}")]
    ExampleFlagged {
        /// The rule.
        rule: String,
        /// The example text.
        example: String,
        /// The text the rule flagged.
        found: String,
    },
    /// A rule's fix is flagged by the rule itself, so fixing a draft would
    /// leave a finding behind.
    #[error(
        "rule `{rule}`: its fix {fix:?} is itself flagged (at {found:?}); choose a replacement the rule does not match"
    )]
    FixFlagged {
        /// The rule.
        rule: String,
        /// The replacement text.
        fix: String,
        /// The text the rule flagged in it.
        found: String,
    },
    /// A configuration names a rule or prefix that no loaded pack has.
    #[error("no loaded rule matches `{selector}`{}", suggestion_text(.suggestion))]
    UnknownRule {
        /// The id or prefix as written.
        selector: String,
        /// The closest rule id.
        suggestion: Option<String>,
    },
    /// The pack needs a newer postlint.
    #[error("this pack needs postlint {required} or newer; this is {current}")]
    TooNew {
        /// The version the pack asks for.
        required: String,
        /// This postlint's version.
        current: String,
    },
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

fn first_seen(first: &Option<String>) -> String {
    first
        .as_ref()
        .map(|f| format!(" (first defined at {f})"))
        .unwrap_or_default()
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(word, candidate);
        let limit = (candidate.chars().count().max(word.chars().count()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c.to_owned())
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (optimal string alignment), since swaps are the commonest typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "a\nbé c";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        assert_eq!(line_column(text, 5), (2, 3));
    }

    #[test]
    fn closest_suggests_typos_only() {
        assert_eq!(closest("exmples", ["examples", "explain"]).as_deref(), Some("examples"));
        assert_eq!(closest("zzz", ["examples", "explain"]), None);
        assert_eq!(
            closest("scr", ["src", "hcpc"]).as_deref(),
            Some("src"),
            "a swap is one edit"
        );
    }
}
