//! Reading a batch of posts (as exported by social media schedulers) from
//! JSON Lines or CSV, one post at a time: memory does not grow with the batch.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::args::PostsFormat;
use crate::error::Error;

/// Fields tried, in order, for a post's text when `--text-field` is not given.
pub const TEXT_FIELDS: &[&str] = &["text", "content", "message", "body", "post"];

/// The field tried for a post's id when `--id-field` is not given.
pub const ID_FIELD: &str = "id";

/// One post of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The post's id, or its line (JSON Lines) or row (CSV) number when it has none.
    pub id: String,
    /// The text to check.
    pub text: String,
}

/// Which fields hold a post's id and text.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `--id-field`, if given.
    pub id: Option<String>,
    /// `--text-field`, if given.
    pub text: Option<String>,
}

/// Opens a batch: `name` is the path as given (`-` for stdin), `shown` how it is named in output.
pub fn open(
    path: &Path,
    shown: &str,
    format: Option<PostsFormat>,
    fields: Fields,
) -> Result<Box<dyn Iterator<Item = Chunk> + Send>, Error> {
    let input: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(path).map_err(|e| Error::io(path.display(), e))?)
    };
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let start = reader.fill_buf().map_err(|e| Error::io(shown, e))?;
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Utf16(shown.to_owned()));
    }
    let format = match format.or_else(|| format_from_extension(path)) {
        Some(format) => format,
        None => sniff(&mut reader).map_err(|e| Error::io(shown, e))?,
    };
    Ok(match format {
        PostsFormat::Jsonl => Box::new(JsonLines::new(reader, shown, fields, crate::inputs::MAX_FILE_BYTES)),
        PostsFormat::Csv | PostsFormat::Tsv => {
            let delimiter = if format == PostsFormat::Tsv { b'\t' } else { b',' };
            let mut posts = Csv::new(reader, shown, delimiter, fields)?;
            Box::new(std::iter::from_fn(move || {
                let chunk: Vec<_> = posts.by_ref().take(POSTS_PER_CHUNK).collect();
                (!chunk.is_empty()).then_some(Chunk::Posts(chunk))
            }))
        }
    })
}

/// Posts (or JSON lines) in a chunk handed to a thread that checks them. A
/// post takes a few microseconds, and each chunk handed over can wake three
/// threads, which on this VM costs more than checking a post: 256 a chunk
/// rather than 64 took a 300,000-post batch on two threads from 1.72 to
/// 1.66 s, and 1,024 rather than 256 the 1,000,000-post batch from 3.02 to
/// 2.75 s (medians of five and six interleaved runs). [`CHUNK_BYTES`] keeps
/// chunks of long posts small.
pub const POSTS_PER_CHUNK: usize = 1024;

/// The most bytes of JSON lines in one chunk (more only for one longer line),
/// so chunks of long posts stay small: with 4 chunks a thread in flight, a
/// few MB at most.
const CHUNK_BYTES: usize = 256 * 1024;

/// Posts in input order, as the reader hands them on.
pub enum Chunk {
    /// Posts read already (CSV, the first JSON line, an error that ends the batch).
    Posts(Vec<Result<Post, Error>>),
    /// Whole JSON lines, read into posts by the thread that checks them:
    /// parsing JSON costs several times what finding the lines does, and the
    /// reader is a single thread that the checking threads would wait for.
    Lines(Lines),
}

impl Chunk {
    /// The chunk's posts, in order.
    pub fn into_posts(self) -> Vec<Result<Post, Error>> {
        match self {
            Chunk::Posts(posts) => posts,
            Chunk::Lines(lines) => lines.posts(),
        }
    }
}

/// Consecutive lines of a JSON Lines batch.
pub struct Lines {
    reading: Arc<LineReading>,
    /// The number of the first line.
    first_line: u64,
    /// Where the first line starts in the batch, in bytes.
    offset: u64,
    bytes: Vec<u8>,
    /// Where each line ends in `bytes` (after its newline, if it has one).
    ends: Vec<usize>,
}

impl Lines {
    fn posts(&self) -> Vec<Result<Post, Error>> {
        let mut posts = Vec::with_capacity(self.ends.len());
        let mut start = 0;
        for (line, &end) in (self.first_line..).zip(&self.ends) {
            let offset = self.offset + start as u64;
            if let Some(post) = self.reading.post(line, offset, &self.bytes[start..end]) {
                // Only the first line can end the batch, and it is never in a chunk of lines.
                posts.push(post.map_err(|e| e.error));
            }
            start = end;
        }
        posts
    }
}

fn format_from_extension(path: &Path) -> Option<PostsFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" | "json" => Some(PostsFormat::Jsonl),
        "csv" => Some(PostsFormat::Csv),
        "tsv" | "tab" => Some(PostsFormat::Tsv),
        _ => None,
    }
}

/// JSON Lines when the first byte that is not white space is `{` or `[`, else CSV.
fn sniff(reader: &mut impl BufRead) -> std::io::Result<PostsFormat> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(PostsFormat::Jsonl);
        }
        match buffer.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(at) => {
                return Ok(if matches!(buffer[at], b'{' | b'[') {
                    PostsFormat::Jsonl
                } else {
                    PostsFormat::Csv
                });
            }
            None => {
                // All white space so far: it is not needed, so skip it.
                let len = buffer.len();
                reader.consume(len);
            }
        }
    }
}

struct JsonLines<R> {
    reader: R,
    reading: Arc<LineReading>,
    line: u64,
    offset: u64,
    /// The longest line read, in bytes.
    max_line: u64,
    /// An error met after some lines of a chunk, handed on after them.
    pending: Option<Error>,
    /// Set after an error that makes the rest unreadable.
    failed: bool,
}

impl<R: BufRead> JsonLines<R> {
    fn new(reader: R, name: &str, fields: Fields, max_line: u64) -> JsonLines<R> {
        JsonLines {
            reader,
            reading: Arc::new(LineReading {
                name: name.to_owned(),
                fields,
            }),
            line: 0,
            offset: 0,
            max_line,
            pending: None,
            failed: false,
        }
    }

    /// Appends the next line (with its newline) to `bytes`: how many bytes, 0 at the end.
    fn read_line(&mut self, bytes: &mut Vec<u8>) -> Result<usize, Error> {
        let start = bytes.len();
        // A line is read up to the limit, so one endless line (a file
        // that is not JSON Lines at all) cannot eat all memory.
        let read = (&mut self.reader)
            .take(self.max_line + 1)
            .read_until(b'\n', bytes)
            .map_err(|e| Error::io(&self.reading.name, e))?;
        if read as u64 > self.max_line {
            bytes.truncate(start);
            return Err(Error::Batch {
                place: format!("{}:{}", self.reading.name, self.line + 1),
                message: format!(
                    "a line longer than {} MiB, the most postlint reads for one post; the rest of the batch was not checked",
                    self.max_line / (1024 * 1024)
                ),
            });
        }
        if read > 0 {
            self.line += 1;
            self.offset += read as u64;
        }
        Ok(read)
    }

    fn fail(&mut self, error: Error) -> Option<Chunk> {
        self.failed = true;
        Some(Chunk::Posts(vec![Err(error)]))
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        if let Some(error) = self.pending.take() {
            return self.fail(error);
        }
        if self.failed {
            return None;
        }
        let mut lines = Lines {
            reading: Arc::clone(&self.reading),
            first_line: self.line + 1,
            offset: self.offset,
            bytes: Vec::new(),
            ends: Vec::new(),
        };
        while lines.ends.len() < POSTS_PER_CHUNK && lines.bytes.len() < CHUNK_BYTES {
            let start = self.offset;
            match self.read_line(&mut lines.bytes) {
                Ok(0) => break,
                Ok(_) if self.line == 1 => {
                    // The first line is read here: a JSON array there (not
                    // JSON Lines at all) ends the batch.
                    match self.reading.post(1, start, &lines.bytes) {
                        None => {
                            lines.bytes.clear();
                            lines.first_line = 2;
                            lines.offset = self.offset;
                        }
                        Some(Err(e)) if e.ends_batch => return self.fail(e.error),
                        Some(post) => return Some(Chunk::Posts(vec![post.map_err(|e| e.error)])),
                    }
                }
                Ok(_) => lines.ends.push(lines.bytes.len()),
                Err(e) if lines.ends.is_empty() => return self.fail(e),
                Err(e) => {
                    self.pending = Some(e);
                    break;
                }
            }
        }
        (!lines.ends.is_empty()).then_some(Chunk::Lines(lines))
    }
}

/// What every line of a batch is read with.
struct LineReading {
    name: String,
    fields: Fields,
}

/// Why a line holds no post.
struct LineError {
    error: Error,
    /// Whether the rest of the batch cannot be read either.
    ends_batch: bool,
}

impl From<Error> for LineError {
    fn from(error: Error) -> LineError {
        LineError {
            error,
            ends_batch: false,
        }
    }
}

/// A post whose fields are the default ones and hold what they should: read
/// without building a tree of the whole object (see `JsonLines::post`).
#[derive(serde::Deserialize)]
struct DefaultFields {
    id: Option<Value>,
    text: Option<String>,
}

impl LineReading {
    /// The post on line `line` (which starts `offset` bytes into the batch),
    /// or `None` for a blank line.
    fn post(&self, line: u64, offset: u64, bytes: &[u8]) -> Option<Result<Post, LineError>> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.trim(),
            Err(e) => {
                return Some(Err(LineError::from(Error::InvalidUtf8 {
                    path: format!("{}:{line}", self.name),
                    offset: offset + e.valid_up_to() as u64,
                })));
            }
        };
        (!text.is_empty()).then(|| self.post_in(line, text))
    }

    fn post_in(&self, line: u64, line_text: &str) -> Result<Post, LineError> {
        let line_text = line_text.trim_start_matches('\u{feff}');
        // Most batches name their fields `id` and `text`: such a post is read
        // straight into them. Anything else (other names, a missing id, a
        // duplicate key, an error) takes the general path below, which
        // decides what the post says or why it cannot be read.
        if self.fields.id.is_none()
            && self.fields.text.is_none()
            && let Ok(DefaultFields {
                id: Some(id @ (Value::String(_) | Value::Number(_))),
                text: Some(text),
            }) = serde_json::from_str(line_text)
        {
            let id = match id {
                Value::String(id) => id,
                other => other.to_string(),
            };
            return Ok(Post { id, text });
        }
        let fail = |message: String| {
            LineError::from(Error::Batch {
                place: format!("{}:{line}", self.name),
                message,
            })
        };
        let value: Value = serde_json::from_str(line_text).map_err(|e| fail(json_error(&e)))?;
        let object = match value {
            Value::Object(object) => object,
            Value::Array(_) if line == 1 => {
                return Err(LineError {
                    ends_batch: true,
                    ..fail(
                        "expected JSON Lines (one object per line), found a JSON array; convert it with `jq -c '.[]'`"
                            .to_owned(),
                    )
                });
            }
            other => return Err(fail(format!("expected a JSON object, found {}", kind(&other)))),
        };
        let text = match &self.fields.text {
            Some(name) => match lookup(&object, name) {
                Some(Value::String(text)) => text.clone(),
                Some(other) => return Err(fail(format!("field `{name}` is {}, not a string", kind(other)))),
                None => return Err(fail(format!("no field `{name}`"))),
            },
            None => match TEXT_FIELDS.iter().find_map(|f| lookup(&object, f).map(|v| (f, v))) {
                Some((_, Value::String(text))) => text.clone(),
                Some((name, other)) => return Err(fail(format!("field `{name}` is {}, not a string", kind(other)))),
                None => {
                    return Err(fail(format!(
                        "no text field (tried {}); name it with --text-field",
                        TEXT_FIELDS.join(", ")
                    )));
                }
            },
        };
        let id_field = self.fields.id.as_deref().unwrap_or(ID_FIELD);
        let id = match lookup(&object, id_field) {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            Some(other) => {
                return Err(fail(format!(
                    "field `{id_field}` is {}, not a string or number",
                    kind(other)
                )));
            }
            None if self.fields.id.is_some() => return Err(fail(format!("no field `{id_field}`"))),
            None => line.to_string(),
        };
        Ok(Post { id, text })
    }
}

/// serde_json's message with the column, without its `line 1` (the line is already in the place).
fn json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let message = text.rfind(" at line ").map_or(text.as_str(), |at| &text[..at]);
    format!("invalid JSON at column {}: {message}", error.column())
}

/// A field by name, else case-insensitively, else as a dotted path into nested objects (`post.text`).
fn lookup<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(value) = object.get(name) {
        return Some(value);
    }
    if let Some((_, value)) = object.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)) {
        return Some(value);
    }
    let (first, rest) = name.split_once('.')?;
    match lookup(object, first)? {
        Value::Object(inner) => lookup(inner, rest),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Csv<R> {
    reader: csv::Reader<R>,
    name: String,
    text_column: usize,
    id_column: Option<usize>,
    record: csv::ByteRecord,
    failed: bool,
}

impl<R: Read> Csv<R> {
    /// Reads the header row and finds the text and id columns.
    fn new(reader: R, name: &str, delimiter: u8, fields: Fields) -> Result<Csv<R>, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(reader);
        let headers = reader.byte_headers().map_err(|e| csv_error(name, e))?;
        let (text_column, id_column) = columns(headers, name, &fields)?;
        Ok(Csv {
            reader,
            name: name.to_owned(),
            text_column,
            id_column,
            record: csv::ByteRecord::new(),
            failed: false,
        })
    }
}

/// The text and id columns, from the header row.
fn columns(headers: &csv::ByteRecord, name: &str, fields: &Fields) -> Result<(usize, Option<usize>), Error> {
    let names: Vec<String> = headers
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    let find = |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted));
    let place = format!("{name}:1");
    let text = match &fields.text {
        Some(name) => find(name).ok_or_else(|| Error::Batch {
            place: place.clone(),
            message: format!("no column `{name}` (the header row has: {})", names.join(", ")),
        })?,
        None => TEXT_FIELDS.iter().find_map(|f| find(f)).ok_or_else(|| Error::Batch {
            place: place.clone(),
            message: format!(
                "no text column (tried {}; the header row has: {}); name it with --text-field",
                TEXT_FIELDS.join(", "),
                names.join(", ")
            ),
        })?,
    };
    let id = match &fields.id {
        Some(name) => Some(find(name).ok_or_else(|| Error::Batch {
            place: place.clone(),
            message: format!("no column `{name}` (the header row has: {})", names.join(", ")),
        })?),
        None => find(ID_FIELD),
    };
    Ok((text, id))
}

impl<R: Read> Iterator for Csv<R> {
    type Item = Result<Post, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let (text_column, id_column) = (self.text_column, self.id_column);
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(csv_error(&self.name, e)))
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, csv::Position::line);
                let place = format!("{}:{line}", self.name);
                let field = |column: usize, what: &str| -> Result<String, Error> {
                    let bytes = self.record.get(column).unwrap_or_default();
                    String::from_utf8(bytes.to_vec()).map_err(|e| Error::Batch {
                        place: place.clone(),
                        message: format!(
                            "the {what} is not valid UTF-8 (at byte {} of the field)",
                            e.utf8_error().valid_up_to()
                        ),
                    })
                };
                let post = field(text_column, "text").and_then(|text| {
                    let id = match id_column {
                        Some(column) => field(column, "id")?,
                        None => line.to_string(),
                    };
                    Ok(Post { id, text })
                });
                Some(post)
            }
        }
    }
}

fn csv_error(name: &str, error: csv::Error) -> Error {
    let place = match error.position() {
        Some(position) => format!("{name}:{}", position.line()),
        None => name.to_owned(),
    };
    match error.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(place, e),
        other => Error::Batch {
            place,
            message: format!("invalid CSV: {other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every post (or error) of a batch, in order, and how many chunks held them.
    fn read_bytes(bytes: &[u8], fields: Fields, max_line: u64) -> (Vec<String>, usize) {
        let chunks: Vec<Chunk> = JsonLines::new(BufReader::new(bytes), "posts.jsonl", fields, max_line).collect();
        let count = chunks.len();
        let posts = chunks
            .into_iter()
            .flat_map(Chunk::into_posts)
            .map(|post| match post {
                Ok(post) => format!("{:?} {:?}", post.id, post.text),
                Err(e) => e.to_string(),
            })
            .collect();
        (posts, count)
    }

    fn read(lines: &str, fields: Fields) -> Vec<String> {
        read_bytes(lines.as_bytes(), fields, 1024 * 1024).0
    }

    fn no_fields() -> Fields {
        Fields { id: None, text: None }
    }

    #[test]
    fn an_endless_line_is_an_error_not_a_hang() {
        let endless = BufReader::new(std::io::repeat(b' '));
        let mut posts = JsonLines::new(endless, "posts.jsonl", no_fields(), 1024 * 1024);
        let Some(Chunk::Posts(mut first)) = posts.next() else {
            panic!("no error")
        };
        let error = first.pop().expect("an item").expect_err("too long");
        assert_eq!(
            error.to_string(),
            "posts.jsonl:1: a line longer than 1 MiB, the most postlint reads for one post; the rest of the batch was not checked"
        );
        assert!(posts.next().is_none());
    }

    #[test]
    fn a_line_too_long_after_others_ends_the_batch_after_them() {
        let mut batch = String::new();
        for n in 1..=3 {
            batch.push_str(&format!("{{\"id\": \"p{n}\", \"text\": \"post {n}\"}}\n"));
        }
        batch.push_str(&format!("{{\"text\": \"{}\"}}\n", "x".repeat(3 * 1024 * 1024)));
        batch.push_str("{\"id\": \"p5\", \"text\": \"never read\"}\n");
        let (posts, _) = read_bytes(batch.as_bytes(), no_fields(), 1024 * 1024);
        assert_eq!(
            posts,
            [
                r#""p1" "post 1""#,
                r#""p2" "post 2""#,
                r#""p3" "post 3""#,
                "posts.jsonl:4: a line longer than 1 MiB, the most postlint reads for one post; the rest of the batch was not checked",
            ]
        );
    }

    #[test]
    fn lines_keep_their_numbers_and_offsets_across_chunks() {
        let mut batch = Vec::new();
        let lines = 3 * POSTS_PER_CHUNK + 5;
        let broken = 2 * POSTS_PER_CHUNK + 7;
        let mut expected = Vec::new();
        for n in 1..=lines {
            if n == broken {
                let offset = batch.len() + 10;
                batch.extend_from_slice(b"{\"text\": \"\xff\"}\n");
                expected.push(format!(
                    "posts.jsonl:{n}: invalid UTF-8 at byte {offset}; save it as UTF-8 text"
                ));
            } else if n % 100 == 0 {
                batch.extend_from_slice(b"  \n");
            } else {
                batch.extend_from_slice(format!("{{\"text\": \"post on line {n}\"}}\n").as_bytes());
                expected.push(format!(r#""{n}" "post on line {n}""#));
            }
        }
        let (read, chunks) = read_bytes(&batch, no_fields(), 1024 * 1024);
        assert!(chunks >= 4, "{chunks} chunks");
        assert_eq!(read, expected);
    }

    #[test]
    fn only_an_array_on_the_first_line_ends_the_batch() {
        let array_first = "[1, 2]\n{\"id\": \"p2\", \"text\": \"after\"}\n";
        assert_eq!(read(array_first, no_fields()).len(), 1);
        let array_second = "{\"id\": \"p1\", \"text\": \"first\"}\n[1, 2]\n{\"id\": \"p3\", \"text\": \"after\"}\n";
        let posts = read(array_second, no_fields());
        assert_eq!(posts.len(), 3, "{posts:?}");
        assert_eq!(posts[1], "posts.jsonl:2: expected a JSON object, found an array");
        assert_eq!(posts[2], r#""p3" "after""#);
        let blank_first = "\n{\"text\": \"on line 2\"}\n";
        assert_eq!(read(blank_first, no_fields()), [r#""2" "on line 2""#]);
    }

    #[test]
    fn default_fields_read_directly_say_what_the_general_path_says() {
        let lines = [
            r#"{"id": "p1", "text": "plain"}"#,
            r#"{"text": "escapes \" \n \u00e9 \ud83d\ude00", "id": 42, "extra": {"deep": [1, 2]}}"#,
            r#"{"id": 1e3, "text": "a float id"}"#,
            r#"{"id": -0, "text": "minus zero"}"#,
            "\u{feff}{\"id\": \"bom\", \"text\": \"after a byte order mark\"}",
            r#"{"id": "dup", "text": "first", "text": "second"}"#,
            r#"{"ID": "upper", "text": "an id in capitals"}"#,
            r#"{"text": "no id"}"#,
            r#"{"id": null, "text": "a null id"}"#,
            r#"{"id": "p2", "text": null}"#,
            r#"{"id": "p3", "Text": "a text in capitals"}"#,
            r#"{"id": "p4", "content": "another text field"}"#,
            r#"{"id": "p5", "text": 5}"#,
            r#"{"id": "p6", "text": "unterminated"#,
            r#"["an", "array"]"#,
        ];
        let direct = read(&lines.join("\n"), Fields { id: None, text: None });
        // The same lines, one at a time, by the general path alone (forced
        // by naming the fields, which is the same for a post that has them).
        for (line, direct) in lines.iter().zip(&direct) {
            let general = read(
                line,
                Fields {
                    id: Some("id".to_owned()),
                    text: Some("text".to_owned()),
                },
            );
            // Where the named fields hold a post, both paths read the same one.
            if general[0].starts_with('"') {
                assert_eq!(direct, &general[0], "{line}");
            }
        }
        assert_eq!(direct[0], r#""p1" "plain""#);
        assert_eq!(direct[2], r#""1000.0" "a float id""#);
        assert_eq!(direct[5], r#""dup" "second""#, "the last of duplicate keys wins");
        assert_eq!(direct[6], r#""upper" "an id in capitals""#);
        assert_eq!(direct[7], r#""8" "no id""#, "no id: the line number");
    }
}
