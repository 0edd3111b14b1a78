//! The plain (uncoloured) human format for the common finding, written
//! directly: one span on one line, with a label and one-line footers.
//!
//! `annotate-snippets` lays out any number of annotations over any number of
//! lines, and that generality made it a third of the work of checking a
//! batch of posts. For the finding postlint nearly always reports, this
//! module writes the very same bytes, following the crate's layout rules
//! (its `Margin` and `draw_line`, version 0.12): where a long line is cut,
//! how wide each character is, where the carets and label go. Anything else
//! (colour, a span over several lines, tabs or control characters, a span
//! wider than the terminal) is left to `annotate-snippets`, and a test
//! compares the two on generated findings.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// What one finding shows.
pub struct Finding<'a> {
    /// `error`, `warning` or `info`.
    pub level: &'a str,
    pub id: &'a str,
    pub message: &'a str,
    pub path: &'a str,
    /// The 1-based number of `line` in the draft.
    pub line_number: usize,
    /// The one line the span is on.
    pub line: &'a str,
    /// The flagged bytes of `line`.
    pub span: Range<usize>,
    pub label: &'a str,
    /// `(kind, text)`: `help` and `note` lines under the snippet.
    pub footers: &'a [(&'a str, String)],
}

/// The width `annotate-snippets` lays out in (its `DEFAULT_TERM_WIDTH`).
const TERM_WIDTH: usize = 140;
/// What marks a cut line's ends.
const ELLIPSIS: &str = "...";
/// Room left around a span when a long line is cut (its `ELLIPSIS_PASSING`).
const ELLIPSIS_PASSING: usize = 6;
const LONG_WHITESPACE: usize = 20;
const LONG_WHITESPACE_PADDING: usize = 4;

/// Writes `finding` as `annotate-snippets`' plain renderer would, without
/// a final newline; `false`, with nothing written, if it is not a case this
/// module covers.
pub fn render(finding: &Finding<'_>, out: &mut String) -> bool {
    let Finding {
        level,
        id,
        message,
        path,
        line_number,
        line,
        ref span,
        label,
        footers,
    } = *finding;
    // The line may hold joiners, which the crate drops from what it shows.
    let texts_are_plain = [level, id, message, path, label]
        .into_iter()
        .chain(footers.iter().flat_map(|(kind, text)| [*kind, text.as_str()]))
        .all(|text| !has_replaced(text))
        && (!has_replaced(line) || !line.chars().any(|c| is_replaced(c) && c != ZERO_WIDTH_JOINER));
    let span_is_usable =
        span.start < span.end && line.get(span.clone()).is_some() && line_number > 0 && !label.is_empty();
    if !texts_are_plain || !span_is_usable {
        return false;
    }
    let number = line_number.to_string();
    let gutter = number.len();
    let code_offset = gutter + 3;
    let column_width = TERM_WIDTH.saturating_sub(code_offset);
    let span_left = str_width(&line[..span.start]);
    let span_right = span_left + str_width(&line[span.clone()]);
    // Spans wider than the window are drawn shortened: left to the crate.
    if span_right == span_left || span_right - span_left > column_width {
        return false;
    }
    let line_width = str_width(line);
    let leading_whitespace = if line.chars().all(char::is_whitespace) {
        0
    } else {
        line.chars().take_while(|c| c.is_whitespace()).count()
    };
    let margin = Margin::new(
        leading_whitespace,
        span_left,
        span_right,
        span_right + str_width(label) + 1,
        column_width,
        line_width,
    );

    let blank_gutter = " ".repeat(gutter + 1);
    out.reserve(message.len() + path.len() + 3 * TERM_WIDTH + footers.iter().map(|(_, t)| t.len() + 16).sum::<usize>());
    let column = line[..span.start].chars().count() + 1;
    out.push_str(&format!("{level}[{id}]: {message}\n"));
    out.push_str(&format!("{}--> {path}:{line_number}:{column}\n", &blank_gutter[1..]));
    out.push_str(&format!("{blank_gutter}|\n"));

    let mut row = Row::default();
    let shown = if line.contains(ZERO_WIDTH_JOINER) {
        std::borrow::Cow::Owned(line.replace(ZERO_WIDTH_JOINER, ""))
    } else {
        std::borrow::Cow::Borrowed(line)
    };
    let left = draw_code(&mut row, &shown, line_width, &margin, code_offset);
    row.put(0, &number);
    row.put(gutter + 1, "|");
    row.write_to(out);
    out.push('\n');

    let mut row = Row::default();
    row.put(gutter + 1, "|");
    row.put(code_offset + (span_right + 1).saturating_sub(left), label);
    for column in span_left..span_right {
        row.put((code_offset + column).saturating_sub(left), "^");
    }
    row.write_to(out);

    if !footers.is_empty() {
        out.push_str(&format!("\n{blank_gutter}|"));
        for (kind, text) in footers {
            out.push_str(&format!("\n{blank_gutter}= {kind}: {text}"));
        }
    }
    true
}

const ZERO_WIDTH_JOINER: char = '\u{200d}';

/// Characters the crate replaces or treats specially (tabs, control
/// characters, joiners, bidirectional controls), and line breaks.
fn is_replaced(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}' | '\u{7f}' | ZERO_WIDTH_JOINER | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `text` holds a character [`is_replaced`]: all of them are ASCII
/// controls or start with the byte 0xE2, which most texts never hold.
fn has_replaced(text: &str) -> bool {
    text.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xe2) && text.chars().any(is_replaced)
}

/// A character's width in columns, as the crate counts it.
fn char_width(c: char) -> usize {
    c.width().unwrap_or(1)
}

fn str_width(text: &str) -> usize {
    // Printable ASCII is one column a character (controls are never rendered here).
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(char_width).sum()
}

/// Draws the (possibly cut) line into `row` at `code_offset`, and returns
/// the column the shown part starts at (the crate's `draw_line`). Each
/// character is one cell of the row but may be two columns wide; where a
/// line is cut, the crate mixes the two counts, and so does this.
fn draw_code(row: &mut Row, line: &str, line_width: usize, margin: &Margin, code_offset: usize) -> usize {
    let mut left = margin.left(line_width);
    let right = margin.right(line_width);
    let mut skipped = 0;
    let mut taken = 0;
    let code: String = line
        .chars()
        .skip_while(|&c| {
            if skipped < left {
                skipped += char_width(c);
                true
            } else {
                false
            }
        })
        .take_while(|&c| {
            taken += char_width(c);
            taken <= right - left
        })
        .collect();
    left = left.max(skipped);
    let (width_taken, bytes_taken) = if margin.was_cut_left() {
        let (mut width, mut bytes) = (0, 0);
        for c in code.chars() {
            width += char_width(c);
            bytes += c.len_utf8();
            if width >= ELLIPSIS.len() {
                break;
            }
        }
        row.put(code_offset, ELLIPSIS);
        (width, bytes)
    } else {
        (0, 0)
    };
    let shown = &code[bytes_taken..];
    row.put(code_offset + width_taken, shown);
    if line_width > right {
        let (mut width, mut chars) = (0, 0);
        for c in code.chars().rev() {
            width += char_width(c);
            chars += 1;
            if width >= ELLIPSIS.len() {
                break;
            }
        }
        row.put(code_offset + width_taken + shown.chars().count() - chars, ELLIPSIS);
    }
    left
}

/// One output line as the crate builds it: a row of cells, one character
/// each, blank until written.
#[derive(Default)]
struct Row(Vec<char>);

impl Row {
    fn put(&mut self, at: usize, text: &str) {
        for (offset, c) in text.chars().enumerate() {
            let cell = at + offset;
            if cell >= self.0.len() {
                self.0.resize(cell + 1, ' ');
            }
            self.0[cell] = c;
        }
    }

    fn write_to(&self, out: &mut String) {
        out.extend(&self.0);
    }
}

/// Which columns of a long line are shown (the crate's `Margin`).
struct Margin {
    computed_left: usize,
    computed_right: usize,
    term_width: usize,
}

impl Margin {
    fn new(
        whitespace_left: usize,
        span_left: usize,
        span_right: usize,
        label_right: usize,
        term_width: usize,
        max_line_len: usize,
    ) -> Margin {
        let whitespace_left = whitespace_left.saturating_sub(ELLIPSIS_PASSING);
        let span_left = span_left.saturating_sub(ELLIPSIS_PASSING);
        let span_right = span_right + ELLIPSIS_PASSING;
        let label_right = label_right + ELLIPSIS_PASSING;
        let mut computed_left = if whitespace_left > LONG_WHITESPACE {
            whitespace_left - (LONG_WHITESPACE - LONG_WHITESPACE_PADDING)
        } else {
            0
        };
        let mut computed_right = max_line_len.max(computed_left);
        if computed_right - computed_left > term_width {
            if label_right.saturating_sub(whitespace_left) <= term_width && label_right >= whitespace_left {
                computed_left = whitespace_left;
                computed_right = computed_left + term_width;
            } else if label_right - span_left <= term_width {
                let padding_left = (term_width - (label_right - span_left)) / 2;
                computed_left = span_left.saturating_sub(padding_left);
                computed_right = computed_left + term_width;
            } else if span_right - span_left <= term_width {
                let padding_left = (term_width - (span_right - span_left)) / 5 * 2;
                computed_left = span_left.saturating_sub(padding_left);
                computed_right = computed_left + term_width;
            } else {
                computed_left = span_left;
                computed_right = span_right;
            }
        }
        Margin {
            computed_left,
            computed_right,
            term_width,
        }
    }

    fn was_cut_left(&self) -> bool {
        self.computed_left > 0
    }

    fn left(&self, line_len: usize) -> usize {
        self.computed_left.min(line_len)
    }

    fn right(&self, line_len: usize) -> usize {
        if line_len.saturating_sub(self.computed_left) <= self.term_width {
            line_len
        } else {
            line_len.min(self.computed_right)
        }
    }
}

#[cfg(test)]
mod tests {
    use annotate_snippets::Renderer;
    use proptest::prelude::*;

    use super::*;
    use crate::output::human::render_in_general;

    /// The direct rendering, if it covers the finding, and the general one.
    fn both(finding: &Finding<'_>) -> (Option<String>, String) {
        let mut direct = String::new();
        let covered = render(finding, &mut direct);
        (
            covered.then_some(direct),
            render_in_general(&Renderer::plain(), finding),
        )
    }

    fn finding<'a>(line: &'a str, span: Range<usize>, footers: &'a [(&'a str, String)]) -> Finding<'a> {
        Finding {
            level: "warning",
            id: "patient-identifiers/bed-or-bay",
            message: "'bed 20' places a patient in a particular bed or room.",
            path: "drafts/ward round.txt",
            line_number: 2,
            line,
            span,
            label: "Bed, bay, cubicle or side-room number",
            footers,
        }
    }

    #[test]
    fn a_short_line_a_long_one_and_wide_characters_render_as_annotate_snippets_does() {
        let footers = [
            ("help", "fix: replace \"bed 20\" with \"[location removed]\"".to_owned()),
            ("note", "source: NMC: The Code".to_owned()),
        ];
        let long = format!("{} the gentleman in bed 20 {}", "word ".repeat(40), "more ".repeat(40));
        let at = long.find("bed 20").expect("the long line holds the span");
        let cases = [
            ("The gentleman in bed 20 keeps escaping", 17..23),
            (long.as_str(), at..at + 6),
            ("The gentleman 👨‍⚕️ in bed 20, bless him 🏴󠁧󠁢󠁷󠁬󠁳󠁿", 27..33),
            ("Zoë’s bed 20 — ok", 8..14),
        ];
        for (line, span) in cases {
            let (direct, general) = both(&finding(line, span.clone(), &footers));
            assert_eq!(direct.as_deref(), Some(general.as_str()), "{line:?} {span:?}");
            let (direct, general) = both(&finding(line, span, &[]));
            assert_eq!(direct.as_deref(), Some(general.as_str()), "{line:?} without footers");
        }
        // Left to the general renderer: colour aside, these are not covered.
        assert!(both(&finding("a\tbed 20", 2..8, &footers)).0.is_none(), "a tab");
        assert!(
            both(&finding("bed 20\u{202e}", 0..6, &footers)).0.is_none(),
            "a bidi control"
        );
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "bed 20",
            "the ",
            "gentleman ",
            "Zoë ",
            "’",
            "£49 ",
            "👍🏿",
            "👨‍⚕️",
            "🏴󠁧󠁢󠁷󠁬󠁳󠁿",
            "漢字",
            "ｆｕｌｌ",
            "e\u{301}",
            " ",
            "   ",
            "https://amzn.to/3xYz7Q ",
            "#ad ",
            "x",
            "\u{a0}",
            "\u{200b}",
            "—",
            "Dziękuję ",
        ])
    }

    /// Pieces one column wide a character, for long lines that get cut.
    fn narrow_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "bed 20 ",
            "the ",
            "gentleman ",
            "Zoë ",
            "’",
            "£49 ",
            "x",
            " ",
            "                         ",
            "—",
            "https://amzn.to/3xYz7Q ",
            "Dziękuję ",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]
        /// Wherever the direct rendering covers a finding, it writes what
        /// `annotate-snippets` writes, byte for byte.
        #[test]
        fn renders_as_annotate_snippets_does(
            pieces in prop_oneof![
                prop::collection::vec(piece(), 1..80),
                prop::collection::vec(piece(), 40..160),
                prop::collection::vec(narrow_piece(), 10..120),
            ],
            cut in (0.0f64..1.0, 0.0f64..1.0),
            line_number in prop::sample::select(vec![1usize, 7, 10, 99, 1234, 100_000]),
            level in prop::sample::select(vec!["error", "warning", "info"]),
            label in prop::sample::select(vec!["Bed number", "x", "A label with é and 👍 in it"]),
            footer_count in 0usize..4,
        ) {
            let line = pieces.concat();
            let boundaries: Vec<usize> = line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
            let pick = |f: f64| boundaries[((boundaries.len() - 1) as f64 * f) as usize];
            let (a, b) = (pick(cut.0), pick(cut.1));
            let span = a.min(b)..a.max(b);
            let footers: Vec<(&str, String)> = (0..footer_count)
                .map(|i| (if i == 0 { "help" } else { "note" }, format!("source {i}: Zoë’s guidance")))
                .collect();
            let mut finding = finding(&line, span, &footers);
            finding.level = level;
            finding.label = label;
            finding.line_number = line_number;
            let (direct, general) = both(&finding);
            if let Some(direct) = direct {
                prop_assert_eq!(direct, general);
            }
        }
    }
}
