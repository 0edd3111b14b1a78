//! Reads a spanned TOML tree key by key, collecting every mistake.
//!
//! Packs and configuration are read by hand from `toml`'s spanned tree rather
//! than through serde so that one pass reports every unknown key, wrong type
//! and missing key, each with its position, instead of stopping at the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{FileError, FileErrorKind, closest};

/// Collects errors for one input text.
pub(crate) struct Sink<'t> {
    pub origin: &'t str,
    pub text: &'t str,
    pub errors: Vec<FileError>,
    /// Byte offset of each line's start: every example and rule records its
    /// line and column, and counting from the top each time is quadratic.
    line_starts: Vec<usize>,
    /// Whether patterns are compiled as they are read (to report mistakes) or
    /// on first use (the built-in packs, which the test suite checks).
    pub compile_patterns_now: bool,
}

impl<'t> Sink<'t> {
    pub fn new(origin: &'t str, text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Sink {
            origin,
            text,
            errors: Vec::new(),
            line_starts,
            compile_patterns_now: true,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let line_start = self.line_starts[line - 1];
        // Within one line, the shared helper counts characters (and steps back
        // to a character boundary) exactly as error positions do elsewhere.
        let (_, column) = crate::error::line_column(&self.text[line_start..], offset - line_start);
        (u32::try_from(line).unwrap_or(u32::MAX), column)
    }

    pub fn push(&mut self, span: Range<usize>, kind: FileErrorKind) {
        self.errors.push(FileError::at(self.origin, self.text, span, kind));
    }

    /// Parses the text, reporting every syntax error; `None` if nothing usable was parsed.
    pub fn parse(&mut self) -> Option<Spanned<DeTable<'t>>> {
        let (table, errors) = DeTable::parse_recoverable(self.text);
        let failed = !errors.is_empty();
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_owned();
            self.push(span, FileErrorKind::Syntax { message });
        }
        (!failed).then_some(table)
    }

    /// The errors sorted by position.
    pub fn finish(mut self) -> Vec<FileError> {
        self.errors.sort_by_key(|e| (e.span.start, e.span.end));
        self.errors
    }
}

/// A string value with the byte range it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Reads the keys of one table, remembering which were read.
pub(crate) struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    name: String,
    known: &'static [&'static [&'static str]],
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Starts reading `table`, called `name` in messages, which accepts the keys
    /// of the `known` groups (a table's own keys, plus the condition keys, say).
    /// Reports unknown keys at once.
    pub fn new(
        sink: &mut Sink<'_>,
        table: &'a DeTable<'i>,
        span: Range<usize>,
        name: impl Into<String>,
        known: &'static [&'static [&'static str]],
    ) -> Self {
        let reader = TableReader {
            table,
            span,
            name: name.into(),
            known,
        };
        for key in reader.table.keys() {
            let all = || known.iter().flat_map(|group| group.iter().copied());
            if !all().any(|k| k == key.get_ref().as_ref()) {
                sink.push(
                    key.span(),
                    FileErrorKind::UnknownKey {
                        key: key.get_ref().to_string(),
                        table: reader.name.clone(),
                        expected: all().collect::<Vec<_>>().join(", "),
                        suggestion: closest(key.get_ref(), all()),
                    },
                );
            }
        }
        reader
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        debug_assert!(
            self.known.iter().any(|group| group.contains(&key)),
            "reading undeclared key {key}"
        );
        self.table.get(key)
    }

    /// The key's span (for "missing" or "conflict" errors, the table's span if absent).
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.table
            .get_key_value(key)
            .map_or_else(|| self.span.clone(), |(k, _)| k.span())
    }

    fn wrong_type(&self, sink: &mut Sink<'_>, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        sink.push(
            value.span(),
            FileErrorKind::WrongType {
                key: key.to_owned(),
                expected: expected.to_owned(),
                found: describe(value.get_ref()),
            },
        );
    }

    pub fn missing(&self, sink: &mut Sink<'_>, key: &str) {
        sink.push(
            self.span.clone(),
            FileErrorKind::MissingKey {
                key: key.to_owned(),
                table: self.name.clone(),
            },
        );
    }

    pub fn string(&self, sink: &mut Sink<'_>, key: &str) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref().as_str() {
            Some(s) => Some(Located {
                value: s.to_owned(),
                span: value.span(),
            }),
            None => {
                self.wrong_type(sink, key, value, "a string");
                None
            }
        }
    }

    pub fn required_string(&self, sink: &mut Sink<'_>, key: &str) -> Option<Located<String>> {
        if !self.has(key) {
            self.missing(sink, key);
        }
        self.string(sink, key)
    }

    pub fn bool(&self, sink: &mut Sink<'_>, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        let found = value.get_ref().as_bool();
        if found.is_none() {
            self.wrong_type(sink, key, value, "true or false");
        }
        found
    }

    pub fn count(&self, sink: &mut Sink<'_>, key: &str) -> Option<Located<usize>> {
        let value = self.get(key)?;
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
            .and_then(|i| usize::try_from(i).ok());
        match parsed {
            Some(n) => Some(Located {
                value: n,
                span: value.span(),
            }),
            None => {
                self.wrong_type(sink, key, value, "a whole number, 0 or more");
                None
            }
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    pub fn strings(&self, sink: &mut Sink<'_>, key: &str) -> Option<Vec<Located<String>>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(vec![Located {
                value: s.to_string(),
                span: value.span(),
            }]),
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref().as_str() {
                        Some(s) => out.push(Located {
                            value: s.to_owned(),
                            span: item.span(),
                        }),
                        None => self.wrong_type(sink, key, item, "a list of strings"),
                    }
                }
                Some(out)
            }
            _ => {
                self.wrong_type(sink, key, value, "a list of strings");
                None
            }
        }
    }

    /// A sub-table.
    pub fn table(&self, sink: &mut Sink<'_>, key: &str) -> Option<(&'a DeTable<'i>, Range<usize>)> {
        let value = self.get(key)?;
        match value.get_ref().as_table() {
            Some(t) => Some((t, value.span())),
            None => {
                self.wrong_type(sink, key, value, "a table");
                None
            }
        }
    }

    /// A list of tables; a single table is accepted as a list of one.
    pub fn tables(&self, sink: &mut Sink<'_>, key: &str) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some(value) = self.get(key) else { return Vec::new() };
        match value.get_ref() {
            DeValue::Table(t) => vec![(t, value.span())],
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref().as_table() {
                        Some(t) => out.push((t, item.span())),
                        None => self.wrong_type(sink, key, item, "a table"),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(sink, key, value, "a table or a list of tables");
                Vec::new()
            }
        }
    }
}

/// A value's TOML type, in words.
pub(crate) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::Sink;

    #[test]
    fn indexed_positions_match_counting_from_the_top() {
        let text = "a = 1\n\nb = \"é😀x\"\r\nc\n";
        let sink = Sink::new("t.toml", text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                sink.line_column(offset),
                crate::error::line_column(text, offset),
                "offset {offset}"
            );
        }
    }
}
